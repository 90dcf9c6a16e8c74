"""One widget per step kind. Each says when the resident may go on, and reports answers.

A step view emits `attempted(correct, answer, hints_used)` for every answer it grades and
`done_changed(bool)` when the resident may move on; the player does the rest.
"""

from __future__ import annotations

from kiosk.lessons.schema import ChoiceStep, ExplainStep
from ui.steps.base import StepView
from ui.steps.choice import ChoiceView
from ui.steps.explain import ExplainView

VIEWS: dict[type, type[StepView]] = {ExplainStep: ExplainView, ChoiceStep: ChoiceView}


def view_for(step) -> StepView:
    return VIEWS[type(step)](step)
