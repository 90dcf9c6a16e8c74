"""Loading lesson packs: every error of a pack, each with its file and line.

A pack is a folder of YAML files, one lesson each, usually one sub-folder per skill. A
broken file disables only its own lesson; the rest of the pack loads, and the problems are
kept for staff and for `kiosk lessons check`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.lessons.schema import Lesson
from kiosk.lessons.validation import Problem, load_model
from kiosk.skills import Skill

__all__ = ["LessonPack", "Problem", "lesson_files", "load_file", "load_pack"]


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
        found = [lesson for lesson in self.lessons.values() if lesson.skill == skill]
        return sorted(found, key=lambda lesson: (lesson.order, lesson.id))


def lesson_files(root: Path) -> Iterator[Path]:
    yield from sorted(p for p in root.rglob("*.yaml") if "screens" not in p.parts)


def load_file(path: Path) -> tuple[Lesson | None, list[Problem]]:
    return load_model(path, Lesson, "tệp bài học")


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
