"""Check a certificate by scanning its QR code, or typing its code.

A USB scanner types like a keyboard and ends with Enter, so the code field has the focus
whenever the section is shown and Enter checks at once; after a check the code stays
selected, so the next scan replaces it. The verdict (valid, revoked, tampered, unknown
issuer, unreadable) comes first, in words and colour, then every field the paper should
print, to compare with it. Checking is a signature and one database lookup: it runs on
the spot, without a worker thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QWidget

from kiosk.certificates.token import Status, Verification, describe
from ui.console.certificates.section import Section
from ui.console.context import ConsoleContext
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import scroll_area


class VerifyPanel(Section):
    # A checked certificate's serial, to look it up among those issued here.
    find_issued = Signal(str)

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: Verification | None = None
        self.layout_.addWidget(label(self.tr(
            "Scan the QR code on the certificate with the scanner, or type its code and "
            "touch “Check”."), "lead"))
        row = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setObjectName("verify_input")
        self.input.setClearButtonEnabled(True)
        self.input.returnPressed.connect(self.check)
        row.addWidget(self.input, 1)
        # Not "primary": the console would put the focus on it instead of the scanner's
        # field when it opens.
        self.check_button = button(self.tr("Check"), None, "verify_check")
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        self.layout_.addLayout(row)
        verdict_row = QHBoxLayout()
        self.verdict = label("", "title")
        self.verdict.setObjectName("verify_verdict")
        verdict_row.addWidget(self.verdict, 1)
        self.find_button = button(self.tr("Find among issued"), None, "verify_find")
        self.find_button.clicked.connect(self._find)
        verdict_row.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(verdict_row)
        self.message = label("", "lead")
        self.message.setObjectName("verify_message")
        self.layout_.addWidget(self.message)
        host = QWidget()
        self.fields = QGridLayout(host)
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.fields.setHorizontalSpacing(24)
        self.fields.setColumnStretch(1, 1)
        self.layout_.addWidget(scroll_area(host, "verify_fields"), 1)
        self.show_result(None)

    def focus_input(self) -> None:
        self.input.setFocus()
        self.input.selectAll()

    def check(self) -> None:
        text = self.input.text().strip()
        if not text:
            self.input.setFocus()
            return
        self.show_result(self.ctx.station.verify_certificate(text))
        self.focus_input()  # the next scan replaces this code

    def show_result(self, result: Verification | None) -> None:
        self.result = result
        while self.fields.count():
            old = self.fields.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        self.verdict.setVisible(result is not None)
        self.message.setVisible(result is not None)
        self.find_button.setVisible(
            result is not None and result.data is not None
            and result.status in (Status.VALID, Status.REVOKED))
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

    def _find(self) -> None:
        if self.result is not None and self.result.data is not None:
            self.find_issued.emit(self.result.data.serial)
