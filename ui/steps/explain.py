from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.lessons.schema import ExplainStep
from ui.screens.base import label
from ui.steps.base import StepView


class ExplainView(StepView):
    """Text to read (or hear). Nothing to answer: the resident may go on at once."""

    def __init__(self, step: ExplainStep, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        if step.title:
            self.layout_.addWidget(label(step.title, "title"))
        self.text = label(step.text, "lead")
        self.layout_.addWidget(self.text)
        self.finish_layout()
        self.done = True

    def read_aloud_text(self) -> str:
        return self.step.read_aloud
