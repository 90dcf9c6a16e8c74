"""The shape of a lesson file, as pydantic models.

A lesson is one YAML file: an id, its skill, a title, and steps. The foundation knows two
step kinds, `explain` and `choice`; the lesson engine adds the hands-on kinds. Unknown
fields are errors, so a misspelt key is caught instead of silently ignored.
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
    kind: Literal["choice"]
    prompt: Text
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


Step = Annotated[ExplainStep | ChoiceStep, Field(discriminator="kind")]


class Outcome(_Strict):
    """One self-reported outcome question asked at the end of a lesson."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    question: Text
    answers: Annotated[list[Text], Field(min_length=2)]


class Lesson(_Strict):
    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9-]+$")
    skill: Skill
    title: Text
    summary: str | None = None
    minutes: int = Field(default=5, ge=1, le=60)
    order: int = 0
    steps: Annotated[list[Step], Field(min_length=1)]
    outcome: Outcome | None = None

    @model_validator(mode="after")
    def _id_matches_skill(self) -> Lesson:
        if not self.id.startswith(self.skill.value + "."):
            raise ValueError(f"id phải bắt đầu bằng “{self.skill.value}.”")
        return self

    def step_id(self, index: int) -> str:
        return self.steps[index].id or f"s{index + 1}"
