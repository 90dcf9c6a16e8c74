"""The lessons of one skill, each with how far the resident has got."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.lessons.schema import Lesson
from kiosk.progress import NOT_STARTED, LessonState, is_open
from kiosk.skills import Skill
from ui.screens.base import Screen, button, label
from ui.touch import scroll_area


class LessonListScreen(Screen):
    lesson_chosen = Signal(object)  # Lesson
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "title")
        self.top.addWidget(self.title, 1)
        # A skill with many lessons scrolls (a finger drags it) instead of growing the
        # window past a 720p screen.
        host = QWidget()
        self.rows = QVBoxLayout(host)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(16)
        self.rows.addStretch(1)
        self.body.addWidget(scroll_area(host, "lesson_scroll"), 1)
        back = button(self.tr("Back to the skills"), None, "lessons_back")
        back.clicked.connect(self.back)
        self.footer.addWidget(back)
        self.footer.addStretch(1)
        self._buttons: list[QPushButton] = []

    def reset(self) -> None:
        """The resident left: how far they got goes from the screen."""
        self.title.clear()
        self._remove_rows()

    def _remove_rows(self) -> None:
        for old in self._buttons:
            self.rows.removeWidget(old)
            old.hide()
            old.deleteLater()
        self._buttons = []

    def show_lessons(self, skill: Skill, lessons: list[Lesson],
                     states: dict[str, LessonState]) -> None:
        self.title.setText(skill.title)
        self._remove_rows()
        for lesson in lessons:
            state = states.get(lesson.id, NOT_STARTED)
            locked = not is_open(lesson, lessons, states)
            if locked:
                status = self.tr("Opens when you have finished the lessons above")
            elif state.completed:
                status = self.tr("Done ✓")
            elif state.started:
                status = self.tr("Step %1 of %2").replace("%1", str(state.current_step + 1)) \
                    .replace("%2", str(len(lesson.steps)))
            else:
                status = self.tr("About %n minute(s)", "", lesson.minutes)
            row = button(f"{lesson.title}\n{status}", "tile", f"lesson_{lesson.id}", wrap=True)
            row.clicked.connect(lambda _=False, item=lesson: self.lesson_chosen.emit(item))
            row.setEnabled(not locked)
            self.rows.insertWidget(self.rows.count() - 1, row)  # above the stretch
            self._buttons.append(row)
