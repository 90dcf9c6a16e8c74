"""The khóm/ấp list as a table model, beside the editor that shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.hamlets import HamletRow
from ui.console.table_model import RecordTableModel


def number(value: int | None) -> str:
    """1234 as "1.234", the Vietnamese way; unknown as empty."""
    return "" if value is None else f"{value:,}".replace(",", ".")


class HamletTableModel(RecordTableModel):
    NAME, POPULATION, HOUSEHOLDS, RESIDENTS = range(4)

    def row_of(self, hamlet_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == hamlet_id), None)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Khóm/ấp"), self.tr("Population"), self.tr("Households"),
                self.tr("Residents"))

    def display(self, row: HamletRow, column: int) -> str:
        if column == self.NAME:  # a hidden one says so where the eye is
            return row.name if row.active else self.tr("%1 (hidden)").replace("%1", row.name)
        if column == self.POPULATION:
            return number(row.population)
        if column == self.HOUSEHOLDS:
            return number(row.households)
        return number(row.residents)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        if column in (self.POPULATION, self.HOUSEHOLDS, self.RESIDENTS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def role_data(self, row: HamletRow, column: int, role: int) -> int | None:
        return row.id if role == Qt.ItemDataRole.UserRole else None
