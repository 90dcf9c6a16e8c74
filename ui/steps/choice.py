from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.lessons.schema import ChoiceStep
from ui.screens.base import button, label
from ui.steps.base import StepView
from ui.theme import set_role


class ChoiceView(StepView):
    """A question with big answer buttons.

    Single answer: touching an option answers at once. Several answers: touch each, then
    "Check". A wrong answer says gently why and gives the hint; the resident tries again.
    In the lesson's final check (`once`) each question is answered once, without hints.
    Keys 1-6 choose options, so a keyboard alone works as well as touch.
    """

    def __init__(self, step: ChoiceStep, *, once: bool = False, screens=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.once = once
        if step.screen:  # shown to look at: touching the phone does nothing
            self.attach_phone(screens, step.screen)
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
        self.finish_layout()

    def read_aloud_text(self) -> str:
        return self.step.read_aloud

    def selected(self) -> frozenset[int]:
        return frozenset(i for i, b in enumerate(self.options) if b.isChecked())

    def _touched(self, index: int) -> None:
        if self.done:  # the answer is shown: a touch must not change it
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
        self.grade(correct, ",".join(str(i) for i in sorted(chosen)))
        if correct:
            self._reveal()
        elif self.once:
            self._reveal(chosen)
        else:
            self._wrong(chosen)

    def _wrong(self, chosen: frozenset[int]) -> None:
        wrong = sorted(chosen - self.step.correct_keys)
        reasons = [self.step.options[i].why for i in wrong if self.step.options[i].why]
        if not wrong:
            reasons = [self.tr("Some right answers are still missing.")]
        for i in wrong:
            self._verdict(i, "wrong")
            self.options[i].setChecked(False)
        self.wrong_with_hint(self.step.hint, "\n".join(reasons) or None)

    def _verdict(self, index: int, verdict: str | None) -> None:
        self.options[index].setProperty("verdict", verdict)
        set_role(self.options[index], "option")

    def _reveal(self, wrongly_chosen: frozenset[int] = frozenset()) -> None:
        """Show the right answers (and, in the check, what was chosen wrongly)."""
        for i, choice in enumerate(self.options):
            right = i in self.step.correct_keys
            choice.setChecked(right)
            self._verdict(i, "right" if right else "wrong" if i in wrongly_chosen else None)
        self.check_button.setEnabled(False)
        if wrongly_chosen:
            text = self.tr("Not this time. The right answer is marked in green.")
            if self.step.explain:
                text += " " + self.step.explain
            self.say(text, right=False)
            self.set_done(True)
        else:
            self.right(self.step.explain)

    def show_answer(self) -> None:
        self._reveal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = event.text()
        if digit.isdigit() and 1 <= int(digit) <= len(self.options):
            self.options[int(digit) - 1].click()
            return
        super().keyPressEvent(event)
