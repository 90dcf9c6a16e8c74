"""The shape of a lesson file, as pydantic models.

A lesson is one YAML file: an id, its skill, a title, steps, and optionally a check at the
end with a pass mark. Step kinds: `explain` (read), `choice` (answer a question), and the
hands-on ones on a practice screen (lessons/screens): `tap` the right element, `type` a
practice value into a field, `order` the steps of a task, `spot` the suspicious parts of a
message, call or page. Unknown fields are errors, so a misspelt key is caught instead of
silently ignored; references to screens and elements are checked by the loader.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.skills import Skill

Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _StepBase(_Strict):
    id: str | None = Field(default=None, pattern=r"^[a-z0-9_-]+$")
    title: str | None = None
    notes: str | None = None  # for presenters in group sessions


class ExplainStep(_StepBase):
    kind: Literal["explain"]
    text: Text
    image: str | None = None

    @property
    def read_aloud(self) -> str:
        return "\n".join(part for part in (self.title, self.text) if part)


class Option(_Strict):
    text: Text
    correct: bool = False
    why: str | None = None  # shown after this option is chosen


class ChoiceStep(_StepBase):
    """A question; with `screen` the practice phone shows that screen beside it ("is this
    message genuine?"), for looking at, not touching."""

    kind: Literal["choice"]
    prompt: Text
    screen: str | None = Field(default=None, pattern=r"^[a-z0-9_]+\.[a-z0-9_.-]+$")
    options: Annotated[list[Option], Field(min_length=2, max_length=6)]
    multiple: bool = False
    hint: str | None = None
    explain: str | None = None  # why the right answer is right, shown once it is found

    @model_validator(mode="after")
    def _has_right_answers(self) -> ChoiceStep:
        right = sum(o.correct for o in self.options)
        if right == 0:
            raise ValueError("cần ít nhất một lựa chọn đúng (correct: true)")
        if right > 1 and not self.multiple:
            raise ValueError("có nhiều lựa chọn đúng thì phải ghi multiple: true")
        return self

    @property
    def correct_keys(self) -> frozenset[int]:
        return frozenset(i for i, o in enumerate(self.options) if o.correct)

    @property
    def read_aloud(self) -> str:
        return "\n".join([self.prompt, *(o.text for o in self.options)])


class _OnScreen(_StepBase):
    """A step done on a practice screen (an id from lessons/screens/*.yaml)."""

    screen: str = Field(pattern=r"^[a-z0-9_]+\.[a-z0-9_.-]+$")
    prompt: Text
    hint: str | None = None
    explain: str | None = None  # shown once the step is done

    @property
    def read_aloud(self) -> str:
        return self.prompt


class TapStep(_OnScreen):
    kind: Literal["tap"]
    target: str


class TypeStep(_OnScreen):
    """Type a practice value into a field. Only `expect` is accepted, and what is typed
    is never stored: `expect` must be obviously fake practice data, shown in the prompt."""

    kind: Literal["type"]
    field: str
    expect: Text

    @model_validator(mode="after")
    def _expect_is_shown(self) -> TypeStep:
        if self.expect not in self.prompt:
            raise ValueError("giá trị cần nhập (expect) phải được ghi trong lời nhắc "
                             "(prompt) để bà con biết nhập gì")
        return self


class SpotTarget(_Strict):
    id: str
    why: Text  # what makes it suspicious, shown when it is found


class SpotStep(_OnScreen):
    kind: Literal["spot"]
    targets: Annotated[list[SpotTarget], Field(min_length=1, max_length=6)]

    @model_validator(mode="after")
    def _distinct(self) -> SpotStep:
        ids = [t.id for t in self.targets]
        if len(set(ids)) != len(ids):
            raise ValueError("mỗi chỗ đáng ngờ (targets) chỉ ghi một lần")
        return self


class OrderStep(_StepBase):
    """Put the steps of a task in order; `items` are written in the right order."""

    kind: Literal["order"]
    prompt: Text
    items: Annotated[list[Text], Field(min_length=2, max_length=7)]
    hint: str | None = None
    explain: str | None = None

    @model_validator(mode="after")
    def _distinct(self) -> OrderStep:
        if len(set(self.items)) != len(self.items):
            raise ValueError("các mục cần sắp xếp (items) không được trùng nhau")
        return self

    @property
    def read_aloud(self) -> str:
        return "\n".join([self.prompt, *self.items])


Step = Annotated[ExplainStep | ChoiceStep | TapStep | TypeStep | SpotStep | OrderStep,
                 Field(discriminator="kind")]


class Check(_Strict):
    """The short test at the end: answered once each, no hints; `pass_mark` right answers
    are needed to complete the lesson."""

    pass_mark: int = Field(ge=1)
    questions: Annotated[list[ChoiceStep], Field(min_length=1, max_length=10)]

    @model_validator(mode="after")
    def _reachable(self) -> Check:
        if self.pass_mark > len(self.questions):
            raise ValueError(f"điểm đạt (pass_mark) lớn hơn số câu hỏi "
                             f"({len(self.questions)})")
        return self


class Outcome(_Strict):
    """One self-reported outcome question asked at the end of a lesson."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    question: Text
    answers: Annotated[list[Text], Field(min_length=2)]


class Lesson(_Strict):
    """One lesson. A skill's `final` lesson is its closing check: it opens once the skill's
    other lessons are done, and passing every lesson of a skill completes the skill."""

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9-]+$")
    skill: Skill
    title: Text
    summary: str | None = None
    minutes: int = Field(default=5, ge=1, le=60)
    order: int = 0
    steps: Annotated[list[Step], Field(min_length=1)]
    check: Check | None = None
    outcome: Outcome | None = None
    final: bool = False

    @model_validator(mode="after")
    def _id_matches_skill(self) -> Lesson:
        if not self.id.startswith(self.skill.value + "."):
            raise ValueError(f"id phải bắt đầu bằng “{self.skill.value}.”")
        if self.final and self.check is None:
            raise ValueError("bài kiểm tra cuối kỹ năng (final: true) phải có phần "
                             "kiểm tra (check)")
        return self

    @property
    def all_steps(self) -> list:
        """The steps, then the check's questions: what the player walks through."""
        return [*self.steps, *(self.check.questions if self.check else ())]

    def is_check(self, index: int) -> bool:
        return index >= len(self.steps)

    def step_id(self, index: int) -> str:
        step = self.all_steps[index]
        if step.id:
            return step.id
        if self.is_check(index):
            return f"check{index - len(self.steps) + 1}"
        return f"s{index + 1}"
