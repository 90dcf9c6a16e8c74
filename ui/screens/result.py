"""Screens that close a task: the new learner code, and a finished lesson."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.lessons.schema import Lesson
from ui.screens.base import Screen, button, label, name_role
from ui.theme import set_role


class RegisteredScreen(Screen):
    proceed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addStretch(1)
        self.title = label("", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        code_label = label(self.tr("Your learner code is:"), "lead")
        code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(code_label)
        self.code = label("", "code", wrap=False)
        self.code.setObjectName("learner_code")
        self.body.addWidget(self.code, 0, Qt.AlignmentFlag.AlignCenter)
        note = label(self.tr("Write it down or ask staff for a learner card. With it you "
                             "can continue next time."), "lead")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(note)
        self.body.addStretch(1)
        go = button(self.tr("Start learning"), "primary", "registered_go")
        go.clicked.connect(self.proceed)
        self.footer.addStretch(1)
        self.footer.addWidget(go, 2)
        self.footer.addStretch(1)

    def reset(self) -> None:
        self.title.clear()
        self.code.clear()

    def show_resident(self, name: str, code: str) -> None:
        self.title.setText(self.tr("Welcome, %1!").replace("%1", name))
        set_role(self.title, name_role(name))
        self.code.setText(code)


class CompletedScreen(Screen):
    """Praise, and the lesson's one outcome question if it has one."""

    outcome_answered = Signal(str)
    proceed = Signal()
    retry = Signal()
    certificate_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addStretch(1)
        self.title = label(self.tr("Well done!"), "hero")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.message = label("", "lead")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.message)
        self.question = label("", "title")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.question)
        self.answers = QHBoxLayout()
        self.answers.setSpacing(16)
        self.body.addLayout(self.answers)
        self.thanks = label("", "lead")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.thanks)
        self.certificate_status = label("", "lead")
        self.certificate_status.setObjectName("certificate_status")
        self.certificate_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.certificate_status)
        self.body.addStretch(1)
        self.retry_button = button(self.tr("Take the check again"), "primary",
                                   "check_retry")
        self.retry_button.clicked.connect(self.retry)
        self.go_button = button(self.tr("Choose another lesson"), "primary", "completed_go")
        self.go_button.clicked.connect(self.proceed)
        self.certificate_button = button(self.tr("Get my certificate"), "secondary",
                                         "certificate_request")
        self.certificate_button.clicked.connect(self._certificate_wanted)
        self.footer.addStretch(1)
        self.footer.addWidget(self.certificate_button, 2)
        self.footer.addWidget(self.retry_button, 2)
        self.footer.addWidget(self.go_button, 2)
        self.footer.addStretch(1)
        self._buttons: list[QPushButton] = []

    def show_not_passed(self, lesson: Lesson, score: int) -> None:
        """The check was not passed: no shame, the lesson stays open to try again."""
        assert lesson.check is not None
        self._clear()
        self.title.setText(self.tr("Almost there"))
        self.message.setText(
            self.tr("You answered %1 of %2 questions right; %3 are needed. You can look "
                    "at the lesson again or take the check once more.")
            .replace("%1", str(score)).replace("%2", str(len(lesson.check.questions)))
            .replace("%3", str(lesson.check.pass_mark)))
        self.question.hide()
        self.certificate_button.hide()
        self.retry_button.show()
        self.go_button.setProperty("role", None)
        set_role(self.go_button, "secondary")

    def reset(self) -> None:
        """The resident left: no lesson, answer or certificate of theirs stays here."""
        self._clear()
        self.message.clear()
        self.question.clear()
        self.question.hide()

    def _clear(self) -> None:
        for old in self._buttons:
            self.answers.removeWidget(old)
            old.hide()
            old.deleteLater()
        self._buttons = []
        self.thanks.clear()
        self.certificate_status.clear()
        self.certificate_status.hide()

    def show_lesson(self, lesson: Lesson, skill_done: bool, final_opened: bool = False) -> None:
        self._clear()
        self.title.setText(self.tr("Well done!"))
        self.retry_button.hide()
        set_role(self.go_button, "primary")
        text = self.tr("You have finished “%1”.").replace("%1", lesson.title)
        if skill_done:
            text += "\n" + self.tr("You have completed the skill “%1”!").replace(
                "%1", lesson.skill.title)
        elif final_opened:
            text += "\n" + self.tr("The final check of this skill is now open.")
        self.message.setText(text)
        self.certificate_button.setVisible(skill_done)
        self.certificate_button.setEnabled(True)
        outcome = lesson.outcome
        self.question.setVisible(outcome is not None)
        if outcome is None:
            return
        self.question.setText(outcome.question)
        for i, answer in enumerate(outcome.answers):
            choice = button(answer, "option", f"outcome_{i}", wrap=True)
            choice.clicked.connect(lambda _=False, a=answer: self._answer(a))
            self.answers.addWidget(choice)
            self._buttons.append(choice)

    def _certificate_wanted(self) -> None:
        self.certificate_button.setEnabled(False)  # one request per touch
        self.certificate_wanted.emit()

    def show_certificate_status(self, text: str, *, done: bool) -> None:
        """How the resident's certificate request went; `done` False keeps the button
        usable to try again."""
        self.certificate_status.setText(text)
        self.certificate_status.show()
        self.certificate_button.setEnabled(not done)

    def _answer(self, answer: str) -> None:
        for choice in self._buttons:
            choice.setEnabled(False)
        self.thanks.setText(self.tr("Thank you for telling us."))
        self.outcome_answered.emit(answer)
