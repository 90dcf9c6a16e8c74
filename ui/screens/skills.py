"""The five skills as big tiles, each with the resident's progress, and "continue"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QProgressBar, QVBoxLayout, QWidget

from kiosk.lessons.schema import Lesson
from kiosk.progress import SkillSummary
from kiosk.skills import Skill
from ui.screens.base import Screen, button, label, name_role
from ui.theme import set_role


class SkillTile(QWidget):
    """A touchable tile: icon, the skill's name, "2 of 3 lessons done", a progress bar."""

    clicked = Signal()

    def __init__(self, skill: Skill, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.skill = skill
        self.button = button(skill.title, "tile", f"skill_{skill.value}", wrap=True)
        self.button.clicked.connect(self.clicked)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        layout.addWidget(self.button)
        layout.addWidget(self.progress)

    def reset(self) -> None:
        self.progress.reset()
        self.status = ""
        self.button.setText(self.skill.title)

    def set_summary(self, summary: SkillSummary) -> None:
        self.progress.setRange(0, max(summary.total, 1))
        self.progress.setValue(summary.completed)
        if summary.total == 0:
            status = self.tr("Lessons coming soon")
        elif summary.done:
            status = self.tr("Completed: all %n lesson(s)", "", summary.total)
        else:
            status = (self.tr("%1 of %2 lessons done").replace("%1", str(summary.completed))
                      .replace("%2", str(summary.total)))
        self.status = status
        self.button.setText(f"{self.skill.title}\n{status}")
        self.button.setEnabled(summary.total > 0)


class SkillsScreen(Screen):
    skill_chosen = Signal(object)  # Skill
    resume = Signal(object)  # Lesson
    leave = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.greeting = label("", "title")
        self.top.addWidget(self.greeting, 1)
        self.code = label("", "muted", wrap=False)
        self.top.addWidget(self.code)
        self.body.addWidget(label(self.tr("What would you like to learn today?"), "lead"))
        self.continue_button = button("", "primary", "continue_lesson", wrap=True)
        self.continue_button.clicked.connect(self._resume)
        self.body.addWidget(self.continue_button)
        grid = QGridLayout()
        grid.setSpacing(16)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.tiles: dict[Skill, SkillTile] = {}
        for i, skill in enumerate(Skill):
            tile = SkillTile(skill)
            tile.clicked.connect(lambda s=skill: self.skill_chosen.emit(s))
            self.tiles[skill] = tile
            grid.addWidget(tile, i // 3, i % 3)
        self.body.addLayout(grid)
        self.body.addStretch(1)
        done = button(self.tr("I am done for today"), None, "leave")
        done.clicked.connect(self.leave)
        self.footer.addStretch(1)
        self.footer.addWidget(done)
        self._resume_lesson: Lesson | None = None

    def set_icons(self, icon_for) -> None:
        for skill, tile in self.tiles.items():
            tile.button.set_icon(icon_for(skill))

    def reset(self) -> None:
        """The resident left: their name, code and progress go from the screen."""
        self.greeting.clear()
        self.code.clear()
        for tile in self.tiles.values():
            tile.reset()
        self._resume_lesson = None
        self.continue_button.setText("")
        self.continue_button.hide()

    def show_resident(self, name: str, code: str, summaries: dict[Skill, SkillSummary],
                      resume_lesson: Lesson | None) -> None:
        self.greeting.setText(self.tr("Hello, %1").replace("%1", name))
        set_role(self.greeting, name_role(name))
        self.code.setText(self.tr("Learner code: %1").replace("%1", code))
        for skill, summary in summaries.items():
            self.tiles[skill].set_summary(summary)
        self._resume_lesson = resume_lesson
        self.continue_button.setVisible(resume_lesson is not None)
        if resume_lesson is not None:
            self.continue_button.setText(
                self.tr("Continue: %1").replace("%1", resume_lesson.title))

    def _resume(self) -> None:
        if self._resume_lesson is not None:
            self.resume.emit(self._resume_lesson)
