"""Loading lesson packs: every error of a pack, each with its file and line.

A pack is a folder of YAML files, one lesson each, usually one sub-folder per skill. A
broken file disables only its own lesson; the rest of the pack loads, and the problems are
kept for staff and for `kiosk lessons check`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kiosk.lessons.schema import STEP_KINDS, Lesson
from kiosk.skills import Skill

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.message}"


@dataclass
class LessonPack:
    root: Path
    lessons: dict[str, Lesson] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Files whose lesson is disabled because of problems.
    disabled: list[Path] = field(default_factory=list)

    def for_skill(self, skill: Skill) -> list[Lesson]:
        found = [lesson for lesson in self.lessons.values() if lesson.skill == skill]
        return sorted(found, key=lambda lesson: (lesson.order, lesson.id))


# -- YAML with line numbers -------------------------------------------------------------

class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        self.key, self.line = key, line


def _to_python(node: yaml.Node, path: Location, lines: dict[Location, int]) -> Any:
    """Build plain data from a composed node, remembering the line of every path."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = yaml.SafeLoader(key_node.value).construct_object(key_node) \
                if not isinstance(key_node, yaml.ScalarNode) else key_node.value
            if key in result:
                raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
            result[key] = _to_python(value_node, (*path, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*path, i), lines) for i, item in enumerate(node.value)]
    value = yaml.SafeLoader("").construct_object(node)
    # Lesson text is kept in NFC whatever the author's editor wrote.
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _line_for(loc: Location, lines: dict[Location, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


# -- Messages staff can read ---------------------------------------------------------------

_LIST_NAMES = {"steps": "bước", "options": "lựa chọn", "answers": "câu trả lời"}


def _data_path(loc: Location) -> Location:
    """The error's place in the file, without pydantic's union tags."""
    return tuple(part for part in loc if part not in STEP_KINDS)


def _where(loc: Location) -> str:
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int) and i and loc[i - 1] in _LIST_NAMES:
            parts[-1] = f"{_LIST_NAMES[loc[i - 1]]} {part + 1}"
        else:
            parts.append(str(part))
    return " › ".join(parts)


def _describe(error: dict[str, Any]) -> str:
    where = _where(_data_path(error["loc"]))
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return f"thiếu trường bắt buộc “{where}”"
    if kind == "misspelt":
        return f"“{where}” viết sai tên? Mẫu bài học cần “{ctx['wanted']}”"
    if kind == "extra_forbidden":
        return f"trường “{where}” không có trong mẫu bài học (viết sai tên?)"
    if kind == "union_tag_invalid":
        return (f"“{where}”: loại bước “{ctx.get('tag')}” không có; "
                f"dùng một trong: {', '.join(STEP_KINDS)}")
    if kind == "union_tag_not_found":
        return f"“{where}”: bước thiếu “kind”"
    if kind == "enum":
        return f"“{where}” phải là một trong: {', '.join(s.value for s in Skill)}"
    if kind in ("string_type", "string_too_short"):
        return f"“{where}” phải là một đoạn chữ không rỗng"
    if kind in ("int_type", "int_parsing"):
        return f"“{where}” phải là một số nguyên"
    if kind in ("bool_type", "bool_parsing"):
        return f"“{where}” phải là true hoặc false"
    if kind in ("list_type", "too_short", "too_long"):
        return f"“{where}”: {error['msg']}"
    if kind == "string_pattern_mismatch":
        return f"“{where}” chỉ dùng chữ thường không dấu, số, dấu chấm và gạch nối"
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        return f"“{where}”: {message}" if where else message
    return f"“{where}”: {error['msg']}"


# -- Loading -----------------------------------------------------------------------------

def lesson_files(root: Path) -> Iterator[Path]:
    yield from sorted(p for p in root.rglob("*.yaml") if "screens" not in p.parts)


def load_file(path: Path) -> tuple[Lesson | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(path, None, "tệp không phải văn bản UTF-8")]
    except OSError as exc:
        return None, [Problem(path, None, f"không đọc được tệp: {exc.strerror}")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        return None, [Problem(path, line, f"lỗi cú pháp YAML: {exc.problem}")]
    if node is None:
        return None, [Problem(path, None, "tệp rỗng")]
    lines: dict[Location, int] = {}
    try:
        data = _to_python(node, (), lines)
    except _DuplicateKey as exc:
        return None, [Problem(path, exc.line, f"khóa “{exc.key}” bị lặp")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, None, f"lỗi YAML: {exc}")]
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "tệp bài học phải là một bảng khóa: giá trị")]
    try:
        return Lesson.model_validate(data), []
    except ValidationError as exc:
        errors = _pair_misspellings(exc.errors())
        problems = [Problem(path, _line_for(_data_path(e["loc"]), lines), _describe(e))
                    for e in errors]
        return None, sorted(problems, key=lambda p: p.line or 0)


def _pair_misspellings(errors: list[Any]) -> list[Any]:
    """Turn "missing `skill`" + "unknown `skil`" in one place into one misspelling error."""
    errors = list(errors)
    extras = [e for e in errors if e["type"] == "extra_forbidden"]
    for extra in extras:
        parent = _data_path(extra["loc"])[:-1]
        missing = [e for e in errors if e["type"] == "missing"
                   and _data_path(e["loc"])[:-1] == parent]
        if not missing:
            continue
        typed = str(extra["loc"][-1])
        wanted = difflib.get_close_matches(
            typed, [str(e["loc"][-1]) for e in missing], n=1, cutoff=0.5)
        if not wanted:
            continue
        match = next(e for e in missing if str(e["loc"][-1]) == wanted[0])
        errors.remove(match)
        errors[errors.index(extra)] = {**extra, "type": "misspelt",
                                       "ctx": {"wanted": wanted[0]}}
    return errors


def load_pack(root: Path) -> LessonPack:
    pack = LessonPack(root)
    if not root.is_dir():
        pack.problems.append(Problem(root, None, "không tìm thấy thư mục bài học"))
        return pack
    seen: dict[str, Path] = {}
    for path in lesson_files(root):
        lesson, problems = load_file(path)
        if lesson is not None:
            if lesson.id in seen:
                problems.append(Problem(path, 1, f"id “{lesson.id}” trùng với {seen[lesson.id]}"))
            folder = path.parent.name
            if folder in {s.value for s in Skill} and folder != lesson.skill.value:
                problems.append(Problem(
                    path, 1, f"bài thuộc kỹ năng “{lesson.skill.value}” nhưng nằm trong "
                             f"thư mục “{folder}”"))
        if problems:
            pack.problems.extend(problems)
            pack.disabled.append(path)
            continue
        assert lesson is not None
        seen[lesson.id] = path
        pack.lessons[lesson.id] = lesson
    return pack
