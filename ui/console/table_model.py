"""The part every record table shares: one record per row, one header per column.

`RecordTableModel` holds a list of records (plain objects from the core) and the column
headers; a subclass says what a cell shows (`display`), and, where it needs to, how a
column is aligned (`alignment`) and what other roles give (`role_data`). Every row also
answers `RecordRole` with its record, for the view's actions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

#: The record behind a row.
RecordRole = Qt.ItemDataRole.UserRole + 1


class RecordTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._headers: Sequence[str] = ()  # set by a subclass, or `headers` overridden

    # -- the records ------------------------------------------------------------------------

    @property
    def rows(self) -> list:
        return self._rows

    def set_rows(self, rows: Iterable) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list:
        return list(self._rows)

    # -- what subclasses say ----------------------------------------------------------------

    def headers(self) -> Sequence[str]:
        """The column headers; override to translate them each time they are asked for."""
        return self._headers

    def display(self, record: Any, column: int) -> Any:
        raise NotImplementedError

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    def role_data(self, record: Any, column: int, role: int) -> Any:
        return None

    # -- Qt's API -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = index.column()
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            aligned = self.alignment(column)
            return None if aligned is None else int(aligned)
        return self.role_data(record, column, role)
