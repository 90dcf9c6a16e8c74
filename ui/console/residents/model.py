"""The residents a search found, as a Qt table model beside the view that shows them.

Filled whole by the search box from kiosk.people records; it never opens the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from kiosk.people import ResidentRow

#: The record behind a row.
RecordRole = Qt.ItemDataRole.UserRole + 1


def phone_text(phone: str | None) -> str:
    """0912345678 as 0912 345 678, the way people read a number out."""
    if not phone:
        return ""
    return f"{phone[:4]} {phone[4:7]} {phone[7:]}"


class ResidentsModel(QAbstractTableModel):
    NAME, BIRTH_YEAR, HAMLET, PHONE, CODE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResidentRow] = []
        self._headers = (self.tr("Name"), self.tr("Born"), self.tr("Khóm/ấp"),
                         self.tr("Phone"), self.tr("Learner code"))

    def set_rows(self, rows: Sequence[ResidentRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> ResidentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[ResidentRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        resident = self.record(index.row()) if index.isValid() else None
        if resident is None:
            return None
        if role == RecordRole:
            return resident
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (resident.full_name, str(resident.birth_year), resident.hamlet_name,
                phone_text(resident.phone), resident.code_display)[index.column()]
