"""The slides of a group session, in the order a clicker walks through them.

Each lesson opens with a title slide, then shows its steps; after the last lesson comes
the group check: an introduction, then the check questions of every lesson. Plain data,
so the order is decided in one place and tested without widgets.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.lessons.schema import ExplainStep, Lesson


class SlideKind(enum.Enum):
    LESSON = "lesson"  # the lesson's title, summary and length
    STEP = "step"  # one step of the lesson
    CHECK_INTRO = "check_intro"  # "Kiểm tra nhóm" begins
    CHECK = "check"  # one check question


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    lesson: Lesson | None  # None only for the group check's introduction
    index: int = -1  # the step's index in lesson.all_steps
    number: int = 0  # 1-based: the step in its lesson, or the question in the group check
    total: int = 0
    lesson_number: int = 0  # 1-based place of the lesson in the session

    @property
    def step(self):
        return self.lesson.all_steps[self.index] if self.index >= 0 else None

    @property
    def asks(self) -> bool:
        """Whether the slide has an answer to reveal (every step but an explanation)."""
        return self.step is not None and not isinstance(self.step, ExplainStep)

    @property
    def notes(self) -> str:
        step = self.step
        return (step.notes or "") if step is not None else ""

    @property
    def text(self) -> str:
        """The slide in a line or two, for the control view."""
        step = self.step
        if step is None:
            return self.lesson.title if self.lesson is not None else ""
        prompt = getattr(step, "prompt", None)
        if prompt:
            return prompt
        return ": ".join(filter(None, [step.title, getattr(step, "text", None)]))


def build_deck(lessons: list[Lesson]) -> list[Slide]:
    slides: list[Slide] = []
    for number, lesson in enumerate(lessons, start=1):
        slides.append(Slide(SlideKind.LESSON, lesson, lesson_number=number))
        steps = len(lesson.steps)
        slides += [Slide(SlideKind.STEP, lesson, i, i + 1, steps, number) for i in range(steps)]
    questions = [(lesson, number, i) for number, lesson in enumerate(lessons, start=1)
                 for i in range(len(lesson.steps), len(lesson.all_steps))]
    # Always there: without questions in the lessons, the team member still checks the
    # room in their own way and ticks who passed.
    slides.append(Slide(SlideKind.CHECK_INTRO, None))
    slides += [Slide(SlideKind.CHECK, lesson, i, n, len(questions), number)
               for n, (lesson, number, i) in enumerate(questions, start=1)]
    return slides


def check_start(deck: list[Slide]) -> int:
    """Where the group check begins."""
    return next(i for i, s in enumerate(deck) if s.kind is SlideKind.CHECK_INTRO)
