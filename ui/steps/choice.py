from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton

from kiosk.lessons.schema import ChoiceStep
from ui.screens.base import button, label
from ui.steps.base import StepView
from ui.theme import set_role


class ChoiceView(StepView):
    """A question with big answer buttons.

    Single answer: touching an option answers at once. Several answers: touch each, then
    "Check". A wrong answer says gently why and gives the hint; the resident tries again.
    Keys 1-6 choose options, so a keyboard alone works as well as touch.
    """

    def __init__(self, step: ChoiceStep) -> None:
        super().__init__()
        self.step = step
        self.hints_used = 0
        self.layout_.addWidget(label(step.prompt, "question"))
        if step.multiple:
            self.layout_.addWidget(label(self.tr("Choose every right answer, then touch "
                                                 "“Check”."), "muted"))
        self.options: list[QPushButton] = []
        for i, option in enumerate(step.options):
            choice = button(f"{i + 1}.  {option.text}", "option", f"option_{i}", wrap=True)
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, index=i: self._touched(index))
            self.layout_.addWidget(choice)
            self.options.append(choice)
        self.check_button = button(self.tr("Check"), "primary", "choice_check")
        self.check_button.clicked.connect(self.check)
        self.check_button.setVisible(step.multiple)
        self.layout_.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.feedback = label("", "feedback-wrong")
        self.feedback.setObjectName("choice_feedback")
        self.feedback.hide()
        self.layout_.addWidget(self.feedback)
        self.layout_.addStretch(1)

    def selected(self) -> frozenset[int]:
        return frozenset(i for i, b in enumerate(self.options) if b.isChecked())

    def _touched(self, index: int) -> None:
        if self.done:
            self.options[index].setChecked(index in self.step.correct_keys)
            return
        if not self.step.multiple:
            for i, other in enumerate(self.options):
                other.setChecked(i == index)
            self.check()

    def check(self) -> None:
        chosen = self.selected()
        if self.done or not chosen:
            return
        correct = chosen == self.step.correct_keys
        if self.first_try is None:
            self.first_try = correct
        self.attempted.emit(correct, ",".join(str(i) for i in sorted(chosen)),
                            self.hints_used)
        if correct:
            self._reveal()
            return
        wrong = sorted(chosen - self.step.correct_keys)
        reasons = [self.step.options[i].why for i in wrong if self.step.options[i].why]
        if not wrong:
            reasons = [self.tr("Some right answers are still missing.")]
        lines = [self.tr("Not quite. Let us try again."), *reasons]
        if self.step.hint:
            self.hints_used += 1
            lines.append(self.tr("Hint: %1").replace("%1", self.step.hint))
        for i in wrong:
            self.options[i].setProperty("verdict", "wrong")
            self.options[i].setChecked(False)
            set_role(self.options[i], "option")
        self._say("\n".join(lines), right=False)

    def _reveal(self) -> None:
        for i, choice in enumerate(self.options):
            right = i in self.step.correct_keys
            choice.setChecked(right)
            choice.setProperty("verdict", "right" if right else None)
            set_role(choice, "option")
        self.check_button.setEnabled(False)
        text = self.tr("Right!")
        if self.step.explain:
            text += " " + self.step.explain
        self._say(text, right=True)
        self.set_done(True)

    def _say(self, text: str, *, right: bool) -> None:
        self.feedback.setText(text)
        set_role(self.feedback, "feedback-right" if right else "feedback-wrong")
        self.feedback.show()

    def show_answer(self) -> None:
        self._reveal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = event.text()
        if digit.isdigit() and 1 <= int(digit) <= len(self.options):
            self.options[int(digit) - 1].click()
            return
        super().keyPressEvent(event)
