"""The first screen a resident sees. It is shown before the database is open, so it
imports nothing heavy: no ORM, no icon font."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.screens.base import Screen, button, label


class WelcomeScreen(Screen):
    new_resident = Signal()
    returning_resident = Signal()

    def __init__(self, commune: str, province: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commune = label(f"{commune} · {province}", "muted", wrap=False)
        self.top.addWidget(self.commune)
        self.top.addStretch(1)

        self.body.addStretch(2)
        hero = label(self.tr("Digital Skills Station"), "hero")
        hero.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lead = label(self.tr("Learn to use your phone safely, one small step at a time."),
                     "lead")
        lead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(hero)
        self.body.addWidget(lead)
        self.body.addStretch(1)

        row = QHBoxLayout()
        row.setSpacing(40)
        self.new_button = button(self.tr("I am new here"), "primary", "start_new",
                                 scale="big")
        self.returning_button = button(self.tr("I have studied here before"), None,
                                       "start_returning", scale="big")
        for widget in (self.new_button, self.returning_button):
            widget.setEnabled(False)  # until the database and lessons are ready
            row.addWidget(widget, 1)
        self.body.addLayout(row)
        self.status = label(self.tr("Getting ready…"), "muted")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.status)
        self.body.addStretch(2)

        self.new_button.clicked.connect(self.new_resident)
        self.returning_button.clicked.connect(self.returning_resident)

    def set_ready(self, ready: bool, message: str = "") -> None:
        self.new_button.setEnabled(ready)
        self.returning_button.setEnabled(ready)
        self.status.setText(message)
