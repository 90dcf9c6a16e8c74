"""Correcting a resident's details: name, birth year, khóm/ấp, phone.

The core validates as registration does (kiosk.people.edit); a refusal is shown under the
form in its Vietnamese words and the field it is about gets the focus, with nothing lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk import people, residents
from kiosk.people import PeopleError, ResidentRow
from kiosk.staff import NotAllowed
from ui.console.context import ConsoleContext
from ui.screens.base import button, label

FORM_WIDTH = 720


class EditPanel(QWidget):
    """`saved(ResidentRow)` once the change is stored; `cancelled()`."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident: ResidentRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("Edit details"), "title"))
        layout.addWidget(label(self.tr(
            "Correct what was typed wrong. The learner code and everything learned stay "
            "as they are; certificates already printed keep the old details until they "
            "are issued again."), "muted"))
        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.name = QLineEdit()
        self.name.setObjectName("edit_name")
        self.name.setMaxLength(200)
        self.year = QLineEdit()
        self.year.setObjectName("edit_birth_year")
        self.year.setMaxLength(4)
        self.hamlet = QComboBox()
        self.hamlet.setObjectName("edit_hamlet")
        self.phone = QLineEdit()
        self.phone.setObjectName("edit_phone")
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("Leave empty if none"))
        form.addRow(label(self.tr("Full name")), self.name)
        form.addRow(label(self.tr("Birth year")), self.year)
        form.addRow(label(self.tr("Khóm/ấp")), self.hamlet)
        form.addRow(label(self.tr("Phone")), self.phone)
        holder = QWidget()
        holder.setLayout(form)
        holder.setMaximumWidth(FORM_WIDTH)
        layout.addWidget(holder)
        self.error = label("", "error")
        self.error.setObjectName("edit_error")
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.save = button(self.tr("Save"), "primary", "edit_save")
        self.save.clicked.connect(self._save)
        cancel = button(self.tr("Cancel"), None, "edit_cancel")
        cancel.clicked.connect(self.cancelled)
        row.addWidget(self.save)
        row.addWidget(cancel)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        for field in (self.name, self.year, self.phone):
            field.returnPressed.connect(self._save)
        self._fields = {"full_name": self.name, "birth_year": self.year,
                        "hamlet_id": self.hamlet, "phone": self.phone}

    def start(self, resident: ResidentRow) -> None:
        self.resident = resident
        self.name.setText(resident.full_name)
        self.year.setText(str(resident.birth_year))
        self.phone.setText(resident.phone or "")
        self.hamlet.clear()
        hamlets = residents.list_hamlets(self.ctx.db)
        if all(h.id != resident.hamlet_id for h in hamlets):  # hidden since: still shown
            self.hamlet.addItem(resident.hamlet_name, resident.hamlet_id)
        for hamlet in hamlets:
            self.hamlet.addItem(hamlet.name, hamlet.id)
        self.hamlet.setCurrentIndex(self.hamlet.findData(resident.hamlet_id))
        self.error.hide()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save(self) -> None:
        if self.resident is None:
            return
        try:
            changed = people.edit(
                self.ctx.db, self.ctx.user, self.resident.id, full_name=self.name.text(),
                birth_year=self.year.text(), hamlet_id=self.hamlet.currentData(),
                phone=self.phone.text())
        except PeopleError as refused:
            self.error.setText(refused.message)
            self.error.show()
            field = self._fields.get(refused.field or "")
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except NotAllowed as refused:
            self.error.setText(str(refused))
            self.error.show()
            return
        self.saved.emit(changed)
