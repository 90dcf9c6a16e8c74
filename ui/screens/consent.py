"""Consent before anything about a resident is stored: what, why, who, and their rights.

Nothing is pre-ticked: the resident presses "I agree" or goes back, and nothing is kept
if they go back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.screens.base import Screen, button, label
from ui.theme import set_role


class ConsentScreen(Screen):
    accepted = Signal()
    declined = Signal()

    def __init__(self, commune: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.top.addWidget(label(self.tr("Before we start"), "title"))
        card = QFrame()
        set_role(card, "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 16, 28, 16)
        inner.setSpacing(10)
        lines = (
            self.tr("To remember your lessons, the kiosk keeps: your full name, birth year, "
                    "khóm/ấp, and a phone number if you wish."),
            self.tr("Why: so you can continue next time, receive a certificate, and so "
                    "the commune can count how many people have learned."),
            self.tr("Who sees it: staff of %1 only.").replace("%1", commune),
            self.tr("The kiosk never asks for your citizen ID number, photo, passwords "
                    "or OTP codes."),
            self.tr("You may ask staff to show, correct or delete your information at any "
                    "time."),
        )
        for text in lines:
            inner.addWidget(label("•  " + text))
        self.body.addWidget(card)
        self.body.addStretch(1)
        self.body.addWidget(label(self.tr("Do you agree?"), "title"))
        self.decline_button = button(self.tr("No, go back"), None, "consent_decline")
        self.accept_button = button(self.tr("I agree"), "primary", "consent_accept")
        self.footer.addWidget(self.decline_button, 1)
        self.footer.addWidget(self.accept_button, 2)
        self.accept_button.clicked.connect(self.accepted)
        self.decline_button.clicked.connect(self.declined)
