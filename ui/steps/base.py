"""What every step view shares: the answer signals, the feedback line, "show me how"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.screens.base import label
from ui.theme import set_role


class StepView(QWidget):
    """One step on screen. It grades what the resident does and says when they may go on.

    Subclasses put their content in `layout_`; `feedback` sits under it. Views whose step
    can be demonstrated set `can_show_me` and implement `show_me()` ("Xem cách làm").
    """

    attempted = Signal(bool, str, int)  # correct, answer (ids and keys only), hints used
    done_changed = Signal(bool)
    can_show_me = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(16)
        self.layout_ = self.outer
        self.done = False
        self.first_try: bool | None = None
        self.hints_used = 0
        self.feedback = label("", "feedback-wrong")
        self.feedback.setObjectName("step_feedback")
        self.feedback.hide()
        self.phone = None  # the practice phone, on steps that show one

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.feedback)
        self.layout_.addStretch(1)

    def set_done(self, done: bool) -> None:
        self.done = done
        self.done_changed.emit(done)

    def grade(self, correct: bool, answer: str = "") -> None:
        """Report one answer (the first one decides `first_try`)."""
        if self.first_try is None:
            self.first_try = correct
        self.attempted.emit(correct, answer, self.hints_used)

    def say(self, text: str, *, right: bool) -> None:
        self.feedback.setText(text)
        set_role(self.feedback, "feedback-right" if right else "feedback-wrong")
        self.feedback.show()

    def wrong_with_hint(self, hint: str | None, reason: str | None = None) -> None:
        lines = [self.tr("Not quite. Let us try again.")]
        if reason:
            lines.append(reason)
        if hint:
            self.hints_used += 1
            lines.append(self.tr("Hint: %1").replace("%1", hint))
        self.say("\n".join(lines), right=False)

    def right(self, explain: str | None) -> None:
        text = self.tr("Right!")
        if explain:
            text += " " + explain
        self.say(text, right=True)
        self.set_done(True)

    def show_answer(self) -> None:
        """Reveal the step as already done (when the resident comes back to it)."""
        self.set_done(True)

    def show_me(self) -> None:
        """Demonstrate the step ("Xem cách làm"); counts as a hint."""

    def record_show_me(self) -> None:
        """A demonstration is recorded like a wrong attempt with a hint: staff then see
        which steps people could not do alone."""
        self.hints_used += 1
        self.grade(False, "show_me")

    def read_aloud_text(self) -> str:
        return ""

    def attach_phone(self, screens, screen_id: str) -> None:
        """Put the practice phone, showing `screen_id`, to the right of the content."""
        from ui.phone import PracticePhone

        # Layouts in place and the phone made in this view: a phone moved in from outside
        # would have its whole screen styled again.
        row = QHBoxLayout()
        row.setSpacing(32)
        self.outer.addLayout(row, 1)
        left = QVBoxLayout()
        left.setSpacing(16)
        row.addLayout(left, 3)
        self.phone = PracticePhone(self)
        self.phone.setObjectName("practice_phone")
        app, screen = screens[screen_id]
        self.phone.show_screen(app, screen)
        row.addWidget(self.phone, 2)
        self.layout_ = left
        self._phone_row = row

    def fit_phone(self, height: int) -> None:
        """Keep the phone as tall as the visible area and at its top, even when the text
        beside it is longer and the step scrolls: the phone scrolls inside itself."""
        if self.phone is None:
            return
        self.phone.setFixedHeight(max(height, MIN_PHONE_HEIGHT))
        self._phone_row.setAlignment(self.phone, Qt.AlignmentFlag.AlignTop)


# The phone is never squeezed below this, however little room there is.
MIN_PHONE_HEIGHT = 360

# After this many wrong touches on the practice phone the target lights up by itself.
WRONG_TOUCHES_BEFORE_HIGHLIGHT = 2


class PhoneStepView(StepView):
    """A step done on the practice phone: instructions on the left, the phone on the right."""

    def __init__(self, screens, screen_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attach_phone(screens, screen_id)
        self.wrong_touches = 0

    def wrong_touch(self, light_up: str, hint: str | None, reason: str | None,
                    lit_message: str) -> None:
        """A touch in the wrong place: the hint first; after two, `light_up` glows."""
        self.wrong_touches += 1
        if self.wrong_touches >= WRONG_TOUCHES_BEFORE_HIGHLIGHT:
            self.phone.highlight(light_up)
            self.say(lit_message, right=False)
        else:
            self.wrong_with_hint(hint, reason)
