"""Erasing a person on their request, behind a confirmation that cannot be tapped
through by mistake: staff give a reason and type the person's learner code, and only
then does "Xóa vĩnh viễn" work.

The reason stays in the audit log, so the core refuses one holding the person's name or
phone (kiosk.people.erase); the preset reasons say the usual cases in a tap.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk import people
from kiosk.people import PeopleError, ResidentRow
from kiosk.residents import parse_code
from kiosk.staff import NotAllowed
from ui import operations
from ui.console.context import ConsoleContext
from ui.screens.base import button, label

FIELD_WIDTH = 720


class ErasePanel(QWidget):
    """`erased(people.Erased)` when done; `cancelled()`."""

    erased = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident: ResidentRow | None = None
        self.operation: operations.Operation | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label(self.tr("Erase a person's data"), "title"))
        self.who = label("", "lead")
        self.who.setObjectName("erase_who")
        layout.addWidget(self.who)
        layout.addWidget(label(self.tr(
            "Their details, progress, answers and group session attendance are deleted. "
            "Their certificates stay on the list of revoked certificates, without the name, "
            "and waiting print jobs for them are cancelled. This cannot be undone: export "
            "the data first if the person wants a copy."), "muted"))

        layout.addWidget(label(self.tr(
            "Reason (kept in the log; do not write the person's name or phone)")))
        self.reason = QLineEdit()
        self.reason.setObjectName("erase_reason")
        self.reason.setMaxLength(people.MAX_REASON_LENGTH)
        self.reason.setMaximumWidth(FIELD_WIDTH)
        layout.addWidget(self.reason)
        presets = QHBoxLayout()
        for n, text in enumerate((self.tr("The person asked to be erased"),
                                  self.tr("Registered by mistake"),
                                  self.tr("The person has died"))):
            preset = button(text, None, f"erase_reason_{n}")
            preset.clicked.connect(lambda _=False, text=text: self.reason.setText(text))
            presets.addWidget(preset)
        presets.addStretch(1)
        layout.addLayout(presets)

        self.ask_code = label("")
        self.ask_code.setObjectName("erase_ask_code")
        layout.addWidget(self.ask_code)
        self.code = QLineEdit()
        self.code.setObjectName("erase_code")
        self.code.setMaxLength(12)
        self.code.setMaximumWidth(FIELD_WIDTH // 2)
        layout.addWidget(self.code)
        self.error = label("", "error")
        self.error.setObjectName("erase_error")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.confirm = button(self.tr("Erase for good"), None, "erase_confirm")
        self.confirm.clicked.connect(self._erase)
        self.cancel = button(self.tr("Cancel"), "primary", "erase_cancel")
        self.cancel.clicked.connect(self.cancelled)
        row.addWidget(self.cancel)
        row.addWidget(self.confirm)
        row.addStretch(1)
        layout.addLayout(row)
        self.reason.textChanged.connect(self._update)
        self.code.textChanged.connect(self._update)

    def start(self, resident: ResidentRow) -> None:
        self.resident = resident
        self.who.setText(self.tr("%1, born %2, %3").replace("%1", resident.full_name)
                         .replace("%2", str(resident.birth_year))
                         .replace("%3", resident.hamlet_name))
        self.ask_code.setText(self.tr("To confirm, type the learner code %1:")
                              .replace("%1", resident.code_display))
        self.reason.clear()
        self.code.clear()
        self.error.hide()
        self._update()
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ready(self) -> bool:
        return (self.resident is not None and self.operation is None
                and bool(self.reason.text().strip())
                and parse_code(self.code.text()) == self.resident.learner_code)

    def _update(self) -> None:
        self.confirm.setEnabled(self._ready())

    def _erase(self) -> None:
        if not self._ready():
            return
        db, user, reason = self.ctx.db, self.ctx.user, self.reason.text()
        resident_id = self.resident.id
        self.operation = operations.run(
            lambda _progress: people.erase(db, user, resident_id, reason))
        self.operation.succeeded.connect(self._done)
        self.operation.failed.connect(self._failed)
        self.confirm.setText(self.tr("Erasing…"))
        self.cancel.setEnabled(False)
        self._update()

    def _finish(self) -> None:
        self.operation = None
        self.confirm.setText(self.tr("Erase for good"))
        self.cancel.setEnabled(True)
        self._update()

    def _done(self, erased) -> None:
        self._finish()
        self.erased.emit(erased)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, PeopleError):
            message = error.message
            if error.field == "reason":
                self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        elif isinstance(error, NotAllowed):
            message = str(error)
        else:
            message = self.tr("Nothing was erased. (%1)").replace("%1", str(error))
        self.error.setText(message)
        self.error.show()
