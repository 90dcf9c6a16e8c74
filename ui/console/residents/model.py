"""The residents a search found, as a Qt table model beside the view that shows them.

Filled whole by the search box from kiosk.people records; it never opens the database.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.people import ResidentRow
from ui.console.table_model import RecordTableModel


def phone_text(phone: str | None) -> str:
    """0912345678 as 0912 345 678, the way people read a number out."""
    if not phone:
        return ""
    return f"{phone[:4]} {phone[4:7]} {phone[7:]}"


class ResidentsModel(RecordTableModel):
    NAME, BIRTH_YEAR, HAMLET, PHONE, CODE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Name"), self.tr("Born"), self.tr("Khóm/ấp"),
                         self.tr("Phone"), self.tr("Learner code"))

    def display(self, resident: ResidentRow, column: int) -> str:
        return (resident.full_name, str(resident.birth_year), resident.hamlet_name,
                phone_text(resident.phone), resident.code_display)[column]
