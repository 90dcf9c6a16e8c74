"""The lesson player: one step at a time, a progress bar, read aloud, show me how, back,
pause, and go on. At the end come the check's questions, answered once each."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QProgressBar, QScrollArea, QWidget

from kiosk.lessons.schema import Lesson
from ui.screens.base import Screen, button, label
from ui.steps import StepView, view_for
from ui.touch import touch_scrolling


class PlayerScreen(Screen):
    # step index, correct, answer, hints used, seconds on the step
    attempted = Signal(int, bool, str, int, float)
    # step index, correct at the first try (None for steps without a question)
    step_finished = Signal(int, object)
    paused = Signal()

    def __init__(self, screens=None, speaker=None, auto_read: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screens = screens or {}
        self.speaker = speaker
        self.auto_read = auto_read
        self.lesson_title = label("", "muted")
        self.top.addWidget(self.lesson_title, 1)
        self.step_count = label("", "muted", wrap=False)
        self.top.addWidget(self.step_count)
        if speaker is not None:
            from ui.speech import ReadAloudButton

            self.read_button = ReadAloudButton(speaker, self.read_aloud_text)
            self.top.addWidget(self.read_button)
        self.pause_button = button(self.tr("Stop for now"), None, "pause")
        self.pause_button.clicked.connect(self._pause)
        self.top.addWidget(self.pause_button)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.body.addWidget(self.progress)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        touch_scrolling(self.scroll)
        self.scroll.viewport().installEventFilter(self)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(self.scroll, 1)
        self.back_button = button(self.tr("Previous step"), None, "step_back")
        self.show_me_button = button(self.tr("Show me how"), None, "show_me")
        self.next_button = button(self.tr("Next"), "primary", "step_next")
        # Back and "Xem cách làm" as wide as their words; Next takes the rest.
        self.footer.addWidget(self.back_button)
        self.footer.addWidget(self.show_me_button)
        self.footer.addWidget(self.next_button, 1)
        self.back_button.clicked.connect(self.previous)
        self.show_me_button.clicked.connect(self._show_me)
        self.next_button.clicked.connect(self.next)
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self, activated=self._enter)
        self.lesson: Lesson | None = None
        self.index = 0
        self.furthest = 0
        self.view: StepView | None = None
        self.check_results: dict[int, bool] = {}
        self._shown_at = 0.0

    def start(self, lesson: Lesson, step_index: int) -> None:
        self.lesson = lesson
        self.lesson_title.setText(lesson.title)
        self.progress.setRange(0, len(lesson.all_steps))
        self.furthest = step_index
        self.check_results = {}
        self.show_step(step_index)

    def show_step(self, index: int) -> None:
        assert self.lesson is not None
        lesson = self.lesson
        self.index = index
        in_check = lesson.is_check(index)
        self.view = view_for(lesson.all_steps[index], screens=self.screens,
                             in_check=in_check, seed=lesson.id, parent=self.scroll.viewport())
        if index < self.furthest and not in_check:
            self.view.show_answer()  # a step already done: shown with its answer
        self.view.attempted.connect(self._attempted)
        self.view.done_changed.connect(self._done_changed)
        self.scroll.setWidget(self.view)  # the old view is deleted by the scroll area
        self._fit_phone()
        self.view.setFocus()
        if in_check:
            number, total = index - len(lesson.steps) + 1, len(lesson.all_steps) - len(
                lesson.steps)
            text = self.tr("Check: question %1 of %2")
        else:
            number, total = index + 1, len(lesson.steps)
            text = self.tr("Step %1 of %2")
        self.step_count.setText(text.replace("%1", str(number)).replace("%2", str(total)))
        # QProgressBar.setValue repaints at once, on its own, before the step is laid
        # out; with updates off it only asks for the next paint, with the rest.
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(index)
        self.progress.setUpdatesEnabled(True)
        # No going back into the lesson from the check, nor from one question to another.
        self.back_button.setEnabled(index > 0 and not in_check)
        last = index == len(lesson.all_steps) - 1
        self.next_button.setText(self.tr("Finish the lesson") if last else self.tr("Next"))
        self._done_changed(self.view.done)
        if self.speaker is not None:
            self.speaker.stop()
            if self.auto_read:
                self.speaker.say(self.read_aloud_text())
        self._shown_at = time.monotonic()

    def eventFilter(self, watched, event) -> bool:
        # The phone fits the room the step has, which changes with the window and when a
        # banner shows above the step (ui.widgets.storage_banner).
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._fit_phone)  # once the layout has settled
        return super().eventFilter(watched, event)

    def _fit_phone(self) -> None:
        if self.view is not None:
            self.view.fit_phone(self.scroll.viewport().height())

    def read_aloud_text(self) -> str:
        if self.view is None:
            return ""
        return "\n".join(filter(None, [self.view.read_aloud_text(),
                                       self.view.feedback.text() if
                                       self.view.feedback.isVisible() else ""]))

    def _done_changed(self, done: bool) -> None:
        self.next_button.setEnabled(done)
        can_show = self.view is not None and self.view.can_show_me and not done
        self.show_me_button.setVisible(can_show)

    def _show_me(self) -> None:
        if self.view is not None:
            self.view.show_me()

    def _attempted(self, correct: bool, answer: str, hints: int) -> None:
        self.attempted.emit(self.index, correct, answer, hints,
                            round(time.monotonic() - self._shown_at, 1))
        # The feedback sits under the content: bring it into view once it is laid out.
        view = self.view
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(view.feedback)
                          if self.view is view else None)

    def previous(self) -> None:
        if self.index > 0 and self.back_button.isEnabled():
            self.show_step(self.index - 1)

    def next(self) -> None:
        if self.view is None or not self.view.done:
            return
        finished = self.index
        if self.lesson.is_check(finished):
            self.check_results[finished] = bool(self.view.first_try)
        self.furthest = max(self.furthest, finished + 1)
        self.step_finished.emit(finished, self.view.first_try)

    def reset(self) -> None:
        """The resident left: stop reading aloud and drop the step with their answers."""
        if self.speaker is not None:
            self.speaker.stop()
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.view = None
        self.lesson = None
        self.index = self.furthest = 0
        self.check_results = {}
        self.lesson_title.clear()
        self.step_count.clear()
        self.progress.reset()

    def check_score(self) -> int:
        return sum(self.check_results.values())

    def advance(self) -> None:
        """Called by the flow once the finished step is stored, or kept to be stored when
        storage is back (ui.pending_writes): the resident never waits on storage."""
        assert self.lesson is not None
        if self.index + 1 < len(self.lesson.all_steps):
            self.show_step(self.index + 1)

    def _pause(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()
        self.paused.emit()

    def _enter(self) -> None:
        if self.next_button.isEnabled():
            self.next()
