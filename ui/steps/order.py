from __future__ import annotations

import random

from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.lessons.schema import OrderStep
from ui.screens.base import button, label
from ui.steps.base import StepView
from ui.theme import set_role


class OrderView(StepView):
    """Put the steps of a task in order by touching them one after the other.

    Each touched item takes the next number; "Start again" clears them. When every item
    has a number the order is checked. The items are shown shuffled, the same way every
    time for the same lesson, so a group sees what the presenter sees.
    """

    can_show_me = True

    def __init__(self, step: OrderStep, seed: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.layout_.addWidget(label(step.prompt, "question"))
        self.layout_.addWidget(label(self.tr("Touch the steps in the right order."), "muted"))
        shown = list(step.items)
        random.Random(seed + step.prompt).shuffle(shown)
        if shown == step.items:  # never start already solved
            shown.reverse()
        self.chosen: list[str] = []
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for row, item in enumerate(shown):
            choice = button(item, "option", f"order_{step.items.index(item)}", wrap=True)
            choice.clicked.connect(lambda _=False, text=item: self.touch(text))
            grid.addWidget(choice, row, 0)
            self.buttons[item] = choice
        self.layout_.addLayout(grid)
        self.reset_button = button(self.tr("Start again"), None, "order_reset")
        self.reset_button.clicked.connect(self.reset)
        self.layout_.addWidget(self.reset_button)
        self.finish_layout()

    def read_aloud_text(self) -> str:
        return "\n".join([self.step.prompt, *self.buttons])

    def _label(self, item: str) -> None:
        number = self.chosen.index(item) + 1 if item in self.chosen else None
        self.buttons[item].setText(f"{number}.  {item}" if number else item)
        self.buttons[item].setProperty("verdict", "right" if number else None)
        set_role(self.buttons[item], "option")

    def touch(self, item: str) -> None:
        if self.done or item in self.chosen:
            return
        self.chosen.append(item)
        self._label(item)
        if len(self.chosen) == len(self.step.items):
            self._check()

    def reset(self) -> None:
        if self.done:
            return
        self.chosen = []
        for item in self.buttons:
            self._label(item)

    def _check(self) -> None:
        correct = self.chosen == self.step.items
        answer = ",".join(str(self.step.items.index(item)) for item in self.chosen)
        self.grade(correct, answer)
        if correct:
            self.reset_button.setEnabled(False)
            self.right(self.step.explain)
            return
        first_wrong = next(i for i, (a, b) in enumerate(zip(self.chosen, self.step.items,
                                                            strict=True)) if a != b)
        self.wrong_with_hint(self.step.hint, self.tr("Step %1 is not in its place yet.")
                             .replace("%1", str(first_wrong + 1)))
        self.reset()

    def show_me(self) -> None:
        """Number every item in the right order."""
        if self.done:
            return
        self.record_show_me()
        self.chosen = list(self.step.items)
        for item in self.buttons:
            self._label(item)
        self.reset_button.setEnabled(False)
        self.say(self.tr("This is the right order."), right=True)
        self.set_done(True)

    def show_answer(self) -> None:
        self.chosen = list(self.step.items)
        for item in self.buttons:
            self._label(item)
        self.reset_button.setEnabled(False)
        self.set_done(True)
