"""Loading lesson packs: every error of a pack, each with its file and line.

A pack is a folder of YAML files, one lesson each, usually one sub-folder per skill. A
broken file disables only its own lesson; the rest of the pack loads, and the problems are
kept for staff and for `kiosk lessons check`.

Packs come from outside (a USB stick, a .zip staff were sent), so every file is looked at
before YAML reads it (`refusal`): anything but a regular file, more than MAX_FILE_BYTES,
bytes that are not UTF-8, characters YAML refuses, and aliases that would expand into
more than MAX_NODES values (the "billion laughs": PyYAML's safe loader expands aliases
without a limit) or into themselves. What YAML still cannot turn into data (an impossible
date, a list used as a key) is one more problem of that file, never an exception out of
`load_pack`. A practice-screen file refused this way disables only its own screens.
"""

from __future__ import annotations

import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from kiosk.lessons.schema import ChoiceStep, Lesson, SpotStep, TapStep, TypeStep
from kiosk.lessons.screens import load_screens, screen_files
from kiosk.lessons.validation import Location, Problem, read_yaml, validate
from kiosk.skills import Skill

__all__ = ["MAX_FILE_BYTES", "MAX_NODES", "LessonPack", "Problem", "lesson_files",
           "load_pack", "read_checked", "refusal"]

#: The largest lesson or screen file read; the biggest bundled one is 13 KB.
MAX_FILE_BYTES = 1024 * 1024
#: Values a file may hold once its aliases are expanded; a long lesson has a few thousand.
MAX_NODES = 100_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What YAML 1.1 accepts in a stream: tab, line breaks and printable characters.
_NOT_YAML = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class LessonPack:
    root: Path
    lessons: dict[str, Lesson] = field(default_factory=dict)
    # Practice screens by id: (the app they belong to, the screen).
    screens: dict[str, tuple] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Files whose lesson is disabled because of problems.
    disabled: list[Path] = field(default_factory=list)

    def for_skill(self, skill: Skill) -> list[Lesson]:
        """The skill's lessons in order, its final check last."""
        found = [lesson for lesson in self.lessons.values() if lesson.skill == skill]
        return sorted(found, key=lambda lesson: (lesson.final, lesson.order, lesson.id))


def lesson_files(root: Path) -> Iterator[Path]:
    yield from sorted(p for p in root.rglob("*.yaml") if "screens" not in p.parts)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _expanded_size(root: yaml.Node) -> int | None:
    """How many values the composed document becomes once every alias is expanded, or
    None when an alias holds itself (it would never end). Shared nodes are counted once
    each time they are used, without expanding them: linear in the composed size."""
    sizes: dict[int, int] = {}
    pending: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            pending.discard(key)
            if isinstance(node, yaml.MappingNode):
                children = [n for pair in node.value for n in pair]
            elif isinstance(node, yaml.SequenceNode):
                children = node.value
            else:
                children = []
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), MAX_NODES + 1)
            continue
        if key in sizes:
            continue
        if key in pending:
            return None  # reached again while its own children are still being counted
        pending.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        for child in children:
            if id(child) in pending:
                return None
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def refusal(path: Path) -> Problem | None:
    """Why this lesson or screen file must not be handed to the YAML reader, or None."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Problem(path, None, "không phải một tệp bình thường (thư mục, thiết bị "
                                       "hay đường ống) nên không đọc")
        if info.st_size > MAX_FILE_BYTES:
            return Problem(path, None, f"tệp quá lớn ({info.st_size / 1024 / 1024:.1f} MB, "
                                       f"tối đa {MAX_FILE_BYTES // 1024 // 1024} MB) nên "
                                       "không đọc")
        raw = path.read_bytes()
    except OSError as exc:
        return Problem(path, None, f"không đọc được tệp: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(path, raw.count(b"\n", 0, exc.start) + 1,
                       "tệp không phải văn bản UTF-8 (hãy lưu lại với mã UTF-8)")
    bad = _NOT_YAML.search(text)
    if bad:
        return Problem(path, _line_of(text, bad.start()),
                       f"có ký tự điều khiển U+{ord(bad.group()):04X} không được phép "
                       "(tệp nhị phân, hay bị hỏng?)")
    if "&" in text and "*" in text:  # anchors and aliases: count what they expand to
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            return None  # the reader says where, with its line
        size = _expanded_size(node) if node is not None else 0
        if size is None:
            return Problem(path, None, "một bí danh (*) chứa chính nó: không bao giờ đọc "
                                       "hết được")
        if size > MAX_NODES:
            return Problem(path, None, f"các bí danh (*) nở ra hơn {MAX_NODES:,} giá trị"
                                       .replace(",", ".") + ": quá lớn, không đọc")
    return None


# What YAML can still raise for data it parsed: an impossible date (2024-13-45), a number
# of 5,000 digits, a list used as a key.
_RAISED = (yaml.YAMLError, ValueError, TypeError, RecursionError)


def _raised(path: Path, what: str) -> Problem | None:
    """The problem `read_yaml` raises for this file instead of reporting it, if any."""
    try:
        read_yaml(path, what)
    except _RAISED as exc:
        return Problem(path, None, f"có giá trị YAML không đọc được ({exc})")
    return None


def read_checked(path: Path, what: str) -> tuple[Any, dict[Location, int], list[Problem]]:
    """`read_yaml` behind `refusal`: the data and lines of a file, or its problems;
    never raises for what the file holds."""
    refused = refusal(path)
    if refused is not None:
        return None, {}, [refused]
    try:
        return read_yaml(path, what)
    except _RAISED as exc:
        return None, {}, [Problem(path, None, f"có giá trị YAML không đọc được ({exc})")]


def _checked_screens(root: Path) -> tuple[dict[str, tuple], list[Problem]]:
    """load_screens, where a screen file that `read_checked` would refuse disables only
    its own screens.

    load_screens reads every file of root/screens; when one must be left out, the others
    are loaded from a private copy of that folder and their problems given back their
    own path.
    """
    files = screen_files(root)
    if not any(refusal(path) for path in files):
        try:
            return load_screens(root)
        except _RAISED:
            pass
    refused = [p for p in (refusal(f) or _raised(f, "tệp màn hình") for f in files)
               if p is not None]
    skipped = {p.file for p in refused}
    with tempfile.TemporaryDirectory(prefix="kiosk-screens-") as temp:
        folder = Path(temp) / "screens"
        folder.mkdir()
        originals = {}
        for path in files:
            if path not in skipped:
                shutil.copyfile(path, folder / path.name)
                originals[folder / path.name] = path
        screens, problems = load_screens(Path(temp))
    problems = [replace(p, file=originals.get(p.file, p.file)) for p in problems]
    return screens, [*refused, *problems]


def _screen_references(path: Path, lesson: Lesson, lines: dict[Location, int],
                       screens: dict) -> list[Problem]:
    """Every practice screen, element and field a step or check question names must
    exist."""
    problems = []
    located = [(("steps", i), f"bước {i + 1}", step) for i, step in enumerate(lesson.steps)]
    if lesson.check is not None:
        located += [(("check", "questions", i), f"câu kiểm tra {i + 1}", step)
                    for i, step in enumerate(lesson.check.questions)]
    for where, name, step in located:
        if not isinstance(step, TapStep | TypeStep | SpotStep | ChoiceStep) or not step.screen:
            continue

        def at(*key: str | int, where: tuple = where) -> int | None:
            return lines.get((*where, *key)) or lines.get(where)

        if step.screen not in screens:
            problems.append(Problem(path, at("screen"), f"“{name} › screen”: không có "
                                    f"màn hình thực hành “{step.screen}” trong screens/"))
            continue
        _app, screen = screens[step.screen]
        ids = screen.ids()
        if isinstance(step, TapStep) and step.target not in ids:
            problems.append(Problem(path, at("target"), f"“{name} › target”: màn hình "
                                    f"“{step.screen}” không có “{step.target}”"))
        if isinstance(step, TypeStep) and step.field not in screen.field_ids():
            problems.append(Problem(path, at("field"), f"“{name} › field”: màn "
                                    f"hình “{step.screen}” không có ô nhập “{step.field}”"))
        if isinstance(step, SpotStep):
            for j, target in enumerate(step.targets):
                if target.id not in ids:
                    problems.append(Problem(
                        path, at("targets", j, "id"), f"“{name} › targets”: màn hình "
                        f"“{step.screen}” không có “{target.id}”"))
    return problems


def load_pack(root: Path) -> LessonPack:
    pack = LessonPack(root)
    try:
        is_folder = root.is_dir()
    except OSError:  # a folder on the way that cannot be entered
        is_folder = False
    if not is_folder:
        pack.problems.append(Problem(root, None, "không tìm thấy thư mục bài học nên chưa có "
                                     "bài nào; hãy kiểm tra cài đặt “lessons_dir”"))
        return pack
    pack.screens, screen_problems = _checked_screens(root)
    pack.problems.extend(screen_problems)
    seen: dict[str, Path] = {}
    finals: dict[Skill, Path] = {}
    for path in lesson_files(root):
        data, lines, problems = read_checked(path, "tệp bài học")
        lesson = None
        if not problems:
            lesson, problems = validate(path, Lesson, data, lines)
        if lesson is not None:
            problems += _screen_references(path, lesson, lines, pack.screens)
            if lesson.id in seen:
                problems.append(Problem(path, 1, f"id “{lesson.id}” trùng với {seen[lesson.id]}"))
            folder = path.parent.name
            if folder in {s.value for s in Skill} and folder != lesson.skill.value:
                problems.append(Problem(
                    path, 1, f"bài thuộc kỹ năng “{lesson.skill.value}” nhưng nằm trong "
                             f"thư mục “{folder}”"))
            if lesson.final and lesson.skill in finals:
                problems.append(Problem(
                    path, lines.get(("final",), 1), f"kỹ năng “{lesson.skill.value}” đã "
                    f"có bài kiểm tra cuối: {finals[lesson.skill]}"))
        if problems:
            pack.problems.extend(problems)
            pack.disabled.append(path)
            continue
        assert lesson is not None
        seen[lesson.id] = path
        if lesson.final:
            finals[lesson.skill] = path
        pack.lessons[lesson.id] = lesson
    if not pack.lessons and not pack.disabled:
        pack.problems.append(Problem(root, None, "thư mục bài học không có tệp bài học "
                                     "(.yaml) nào"))
    return pack
