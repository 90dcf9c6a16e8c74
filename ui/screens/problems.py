"""For staff: the settings and lesson files the kiosk could not use, with file and line."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QWidget

from ui.screens.base import Screen, button, label


class ProblemsScreen(Screen):
    closed = Signal()

    def __init__(self, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.top.addWidget(label(self.tr("Problems for staff"), "title"))
        if problems:
            self.body.addWidget(label(self.tr(
                "These lessons or settings could not be used. Lessons with errors are "
                "switched off; every other lesson works."), "lead"))
        else:
            self.body.addWidget(label(self.tr("No problems: every lesson and setting is "
                                              "in order."), "lead"))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.addItems(problems)
        self.body.addWidget(self.list, 1)
        back = button(self.tr("Close"), "primary", "close_problems")
        back.clicked.connect(self.closed)
        self.footer.addStretch(1)
        self.footer.addWidget(back)
