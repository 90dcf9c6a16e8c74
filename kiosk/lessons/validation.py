"""Reading YAML data files with the line of every value, and validating them with
pydantic so each error names its file and line in words a lesson author understands.

Used for lesson files and practice-screen files alike: the same code runs in the tests,
in `kiosk lessons check`, at start-up, and when staff import a pack.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.message}"


# -- YAML with line numbers -------------------------------------------------------------

class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        self.key, self.line = key, line


# libyaml's parser where PyYAML was built with it: several times faster for a whole pack.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _to_python(node: yaml.Node, path: Location, lines: dict[Location, int],
               build: yaml.constructor.SafeConstructor | None = None) -> Any:
    """Build plain data from a composed node, remembering the line of every path."""
    build = build or yaml.constructor.SafeConstructor()
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = build.construct_object(key_node, deep=True) \
                if not isinstance(key_node, yaml.ScalarNode) else key_node.value
            if key in result:
                raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
            result[key] = _to_python(value_node, (*path, key), lines, build)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*path, i), lines, build) for i, item in enumerate(node.value)]
    value = build.construct_object(node)
    # Lesson text is kept in NFC whatever the author's editor wrote.
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _line_for(loc: Location, lines: dict[Location, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


# -- Messages staff can read ---------------------------------------------------------------

_LIST_NAMES = {"steps": "bước", "options": "lựa chọn", "answers": "câu trả lời",
               "screens": "màn hình", "elements": "thành phần", "items": "mục",
               "questions": "câu hỏi", "targets": "chỗ đáng ngờ"}


def _data_path(loc: Location, data: Any) -> Location:
    """The error's place in the file, without pydantic's union tags.

    pydantic puts the tag of a discriminated union in the location ("steps", 0, "choice",
    "prompt"); it is dropped where the data holds no such key but has that `kind`.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        # The tag comes right after a list index: ("steps", 0, "choice", ...).
        if (path and isinstance(path[-1], int) and isinstance(node, dict)
                and part not in node and node.get("kind") == part):
            continue
        path.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(path)


def _where(loc: Location) -> str:
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int) and i and loc[i - 1] in _LIST_NAMES:
            parts[-1] = f"{_LIST_NAMES[loc[i - 1]]} {part + 1}"
        else:
            parts.append(str(part))
    return " › ".join(parts)


def _choices(text: Any) -> str:
    """pydantic's "'a', 'b' or 'c'" in Vietnamese."""
    return str(text).replace("'", "").replace(" or ", " hoặc ")


def _describe(error: dict[str, Any], data: Any) -> str:
    where = _where(_data_path(error["loc"], data))
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return f"thiếu trường bắt buộc “{where}”"
    if kind == "misspelt":
        return f"“{where}” viết sai tên? Tên đúng là “{ctx['wanted']}”"
    if kind == "extra_forbidden":
        return f"trường “{where}” không có trong mẫu (viết sai tên?)"
    if kind == "union_tag_invalid":
        return (f"“{where}”: loại “{ctx.get('tag')}” không có; "
                f"dùng một trong: {_choices(ctx.get('expected_tags'))}")
    if kind == "union_tag_not_found":
        return f"“{where}”: thiếu “kind”"
    if kind in ("enum", "literal_error"):
        return f"“{where}” phải là một trong: {_choices(ctx.get('expected'))}"
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


# -- Reading and validating ------------------------------------------------------------

def read_yaml(path: Path, what: str) -> tuple[Any, dict[Location, int], list[Problem]]:
    """The plain data of a YAML file and the line of each of its paths, or the problems.

    `what` names the kind of file for messages ("tệp bài học", "tệp màn hình").
    """
    lines: dict[Location, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, lines, [Problem(path, None, "tệp không phải văn bản UTF-8")]
    except OSError as exc:
        return None, lines, [Problem(path, None, f"không đọc được tệp: {exc.strerror}")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        return None, lines, [Problem(path, line, f"lỗi cú pháp YAML: {exc.problem}")]
    if node is None:
        return None, lines, [Problem(path, None, "tệp rỗng")]
    try:
        data = _to_python(node, (), lines)
    except _DuplicateKey as exc:
        return None, lines, [Problem(path, exc.line, f"khóa “{exc.key}” bị lặp")]
    except yaml.YAMLError as exc:
        return None, lines, [Problem(path, None, f"lỗi YAML: {exc}")]
    if not isinstance(data, dict):
        return None, lines, [Problem(path, 1, f"{what} phải là một bảng khóa: giá trị")]
    return data, lines, []


def validate(path: Path, model: type[M], data: Any,
             lines: dict[Location, int]) -> tuple[M | None, list[Problem]]:
    """The model built from `data`, or every error located at its line."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = _pair_misspellings(exc.errors(), data)
        problems = [Problem(path, _line_for(_data_path(e["loc"], data), lines),
                            _describe(e, data)) for e in errors]
        return None, sorted(problems, key=lambda p: p.line or 0)


def _pair_misspellings(errors: list[Any], data: Any) -> list[Any]:
    """Turn "missing `skill`" + "unknown `skil`" in one place into one misspelling error."""
    errors = list(errors)
    extras = [e for e in errors if e["type"] == "extra_forbidden"]
    for extra in extras:
        parent = _data_path(extra["loc"], data)[:-1]
        missing = [e for e in errors if e["type"] == "missing"
                   and _data_path(e["loc"], data)[:-1] == parent]
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
