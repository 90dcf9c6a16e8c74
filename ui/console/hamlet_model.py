"""The khóm/ấp list as a table model, beside the editor that shows it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kiosk.hamlets import HamletRow


def number(value: int | None) -> str:
    """1234 as "1.234", the Vietnamese way; unknown as empty."""
    return "" if value is None else f"{value:,}".replace(",", ".")


class HamletTableModel(QAbstractTableModel):
    NAME, POPULATION, HOUSEHOLDS, RESIDENTS = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[HamletRow] = []

    def set_rows(self, rows: list[HamletRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, hamlet_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == hamlet_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Khóm/ấp"), self.tr("Population"), self.tr("Households"),
                self.tr("Residents"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:  # a hidden one says so where the eye is
                return row.name if row.active else self.tr("%1 (hidden)").replace(
                    "%1", row.name)
            if column == self.POPULATION:
                return number(row.population)
            if column == self.HOUSEHOLDS:
                return number(row.households)
            return number(row.residents)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                self.POPULATION, self.HOUSEHOLDS, self.RESIDENTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
