"""The settings and lesson files the kiosk could not use, with file and line."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QVBoxLayout, QWidget

from ui.console.context import ConsoleContext
from ui.screens.base import label


class ProblemsPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label(self.tr("Problems"), "title"))
        self.summary = label("", "lead")
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("problems_list")
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        self.refresh()

    def refresh(self) -> None:
        problems = self.ctx.station.problems
        self.summary.setText(self.tr(
            "Something needs a staff member: lessons or settings that could not be used "
            "(lessons with errors are switched off; every other lesson works), or an "
            "automatic backup that failed.") if problems else self.tr(
            "No problems: every lesson and setting is in order."))
        self.list.clear()
        self.list.addItems(problems)
