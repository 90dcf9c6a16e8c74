"""One widget per step kind. Each says when the resident may go on, and reports answers.

A step view emits `attempted(correct, answer, hints_used)` for every answer it grades and
`done_changed(bool)` when the resident may move on; the player does the rest.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.lessons.schema import (
    ChoiceStep,
    ExplainStep,
    OrderStep,
    SpotStep,
    TapStep,
    TypeStep,
)
from ui.steps.base import StepView


def view_for(step, *, screens, in_check: bool = False, seed: str = "",
             parent: QWidget | None = None) -> StepView:
    """The view of one step; `screens` maps practice-screen ids to (app, screen).

    Give the `parent` the view will be shown in: a widget tree moved to another parent
    is styled all over again, which costs more than building it."""
    from ui.steps.choice import ChoiceView
    from ui.steps.explain import ExplainView

    if isinstance(step, ExplainStep):
        return ExplainView(step, parent)
    if isinstance(step, ChoiceStep):
        return ChoiceView(step, once=in_check, screens=screens, parent=parent)
    if isinstance(step, OrderStep):
        from ui.steps.order import OrderView

        return OrderView(step, seed, parent)
    from ui.steps.on_screen import SpotView, TapView, TypeView

    views = {TapStep: TapView, TypeStep: TypeView, SpotStep: SpotView}
    return views[type(step)](step, screens, parent)


__all__ = ["StepView", "view_for"]
