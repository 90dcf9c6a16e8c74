"""The lesson player: one step at a time, a progress bar, back, pause, and go on."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QProgressBar, QScrollArea, QWidget

from kiosk.lessons.schema import Lesson
from ui.screens.base import Screen, button, label
from ui.steps import StepView, view_for


class PlayerScreen(Screen):
    # step index, correct, answer, hints used, seconds on the step
    attempted = Signal(int, bool, str, int, float)
    # step index, correct at the first try (None for steps without a question)
    step_finished = Signal(int, object)
    paused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lesson_title = label("", "muted")
        self.top.addWidget(self.lesson_title, 1)
        self.step_count = label("", "muted", wrap=False)
        self.top.addWidget(self.step_count)
        self.pause_button = button(self.tr("Stop for now"), None, "pause")
        self.pause_button.clicked.connect(self.paused)
        self.top.addWidget(self.pause_button)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.body.addWidget(self.progress)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(self.scroll, 1)
        self.back_button = button(self.tr("Previous step"), None, "step_back")
        self.next_button = button(self.tr("Next"), "primary", "step_next")
        self.footer.addWidget(self.back_button, 1)
        self.footer.addStretch(1)
        self.footer.addWidget(self.next_button, 2)
        self.back_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self, activated=self._enter)
        self.lesson: Lesson | None = None
        self.index = 0
        self.furthest = 0
        self.view: StepView | None = None
        self._shown_at = 0.0

    def start(self, lesson: Lesson, step_index: int) -> None:
        self.lesson = lesson
        self.lesson_title.setText(lesson.title)
        self.progress.setRange(0, len(lesson.steps))
        self.furthest = step_index
        self.show_step(step_index)

    def show_step(self, index: int) -> None:
        assert self.lesson is not None
        self.index = index
        step = self.lesson.steps[index]
        self.view = view_for(step)
        if index < self.furthest:
            self.view.show_answer()  # a step already done: shown with its answer
        self.view.attempted.connect(self._attempted)
        self.view.done_changed.connect(self.next_button.setEnabled)
        self.scroll.setWidget(self.view)  # the old view is deleted by the scroll area
        self.view.setFocus()
        self.step_count.setText(self.tr("Step %1 of %2").replace("%1", str(index + 1))
                                .replace("%2", str(len(self.lesson.steps))))
        self.progress.setValue(index)
        self.back_button.setEnabled(index > 0)
        last = index == len(self.lesson.steps) - 1
        self.next_button.setText(self.tr("Finish the lesson") if last else self.tr("Next"))
        self.next_button.setEnabled(self.view.done)
        self._shown_at = time.monotonic()

    def _attempted(self, correct: bool, answer: str, hints: int) -> None:
        self.attempted.emit(self.index, correct, answer, hints,
                            round(time.monotonic() - self._shown_at, 1))
        # The feedback sits under the options: bring it into view once it is laid out.
        view = self.view
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(view.feedback)
                          if self.view is view else None)

    def previous(self) -> None:
        if self.index > 0:
            self.show_step(self.index - 1)

    def next(self) -> None:
        if self.view is None or not self.view.done:
            return
        finished = self.index
        self.furthest = max(self.furthest, finished + 1)
        self.step_finished.emit(finished, self.view.first_try)

    def advance(self) -> None:
        """Called by the flow once the finished step is committed."""
        assert self.lesson is not None
        if self.index + 1 < len(self.lesson.steps):
            self.show_step(self.index + 1)

    def _enter(self) -> None:
        if self.next_button.isEnabled():
            self.next()
