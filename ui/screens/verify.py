"""For staff: check a certificate by scanning its QR code, or typing its code.

A USB scanner types like a keyboard and ends with Enter, so the code field has the focus
whenever the screen is shown and Enter checks at once. The verdict (valid, revoked,
tampered, unknown issuer, unreadable) comes first, in words and colour, then every field
the paper should print, to compare with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from kiosk.certificates.token import Status, Verification, describe
from ui.screens.base import Screen, button, label
from ui.theme import set_role
from ui.touch import scroll_area


class VerifyScreen(Screen):
    closed = Signal()

    def __init__(self, check: Callable[[str], Verification],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.top.addWidget(label(self.tr("Check a certificate"), "title"), 1)
        self.body.addWidget(label(self.tr(
            "Scan the QR code on the certificate with the scanner, or type its code and "
            "touch “Check”."), "lead"))
        self.input = QLineEdit()
        self.input.setObjectName("verify_input")
        self.input.setClearButtonEnabled(True)
        self.input.returnPressed.connect(self.check)
        self.check_button = button(self.tr("Check"), "primary", "verify_check")
        self.check_button.clicked.connect(self.check)
        self.body.addWidget(self.input)
        self.verdict = label("", "title")
        self.verdict.setObjectName("verify_verdict")
        self.message = label("", "lead")
        self.body.addWidget(self.verdict)
        self.body.addWidget(self.message)
        host = QWidget()
        self.fields = QGridLayout(host)
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.fields.setHorizontalSpacing(24)
        self.fields.setColumnStretch(1, 1)
        self.body.addWidget(scroll_area(host), 1)
        close = button(self.tr("Close"), None, "verify_close")
        close.clicked.connect(self.closed)
        self.footer.addWidget(close)
        self.footer.addStretch(1)
        self.footer.addWidget(self.check_button)
        self.show_result(None)

    @property
    def initial_focus(self) -> QWidget:
        return self.input  # the scanner types straight in

    def check(self) -> None:
        text = self.input.text().strip()
        if not text:
            self.input.setFocus()
            return
        self.show_result(self._check(text))
        self.input.selectAll()  # the next scan replaces this code
        self.input.setFocus()

    def show_result(self, result: Verification | None) -> None:
        while self.fields.count():
            old = self.fields.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        self.verdict.setVisible(result is not None)
        self.message.setVisible(result is not None)
        if result is None:
            return
        verdicts = {
            Status.VALID: self.tr("Valid"),
            Status.REVOKED: self.tr("Revoked"),
            Status.TAMPERED: self.tr("Tampered with"),
            Status.UNKNOWN_ISSUER: self.tr("Unknown issuer"),
            Status.UNREADABLE: self.tr("Cannot be read"),
        }
        self.verdict.setText(verdicts[result.status])
        set_role(self.verdict, "feedback-right" if result.valid else "feedback-wrong")
        self.message.setText(result.message)
        if result.data is None:
            return
        if not result.valid:
            self.fields.addWidget(label(self.tr(
                "What the code claims (not confirmed):"), "muted"), 0, 0, 1, 2)
        for row, (name, value) in enumerate(describe(result.data), start=1):
            self.fields.addWidget(label(name, "muted"), row, 0, Qt.AlignmentFlag.AlignTop)
            self.fields.addWidget(label(value), row, 1)
