"""Loading lesson packs: every error of a pack, each with its file and line.

A pack is a folder of YAML files, one lesson each, usually one sub-folder per skill. A
broken file disables only its own lesson; the rest of the pack loads, and the problems are
kept for staff and for `kiosk lessons check`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.lessons.schema import ChoiceStep, Lesson, SpotStep, TapStep, TypeStep
from kiosk.lessons.screens import load_screens
from kiosk.lessons.validation import Location, Problem, read_yaml, validate
from kiosk.skills import Skill

__all__ = ["LessonPack", "Problem", "lesson_files", "load_pack"]


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
    if not root.is_dir():
        pack.problems.append(Problem(root, None, "không tìm thấy thư mục bài học"))
        return pack
    pack.screens, screen_problems = load_screens(root)
    pack.problems.extend(screen_problems)
    seen: dict[str, Path] = {}
    finals: dict[Skill, Path] = {}
    for path in lesson_files(root):
        data, lines, problems = read_yaml(path, "tệp bài học")
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
    return pack
