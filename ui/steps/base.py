from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class StepView(QWidget):
    attempted = Signal(bool, str, int)  # correct, answer (choice keys only), hints used
    done_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(16)
        self.done = False
        self.first_try: bool | None = None

    def set_done(self, done: bool) -> None:
        self.done = done
        self.done_changed.emit(done)

    def show_answer(self) -> None:
        """Reveal the step as already done (when the resident comes back to it)."""
        self.set_done(True)
