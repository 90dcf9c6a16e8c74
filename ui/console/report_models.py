"""A report table (kiosk.report_export.Table) as a Qt model, beside the views that show it.

The table's headers, figures and their formatting come from the core, so what staff read
on screen is exactly what the XLSX, CSV and PDF files hold: counts "1.234", shares "12,5%"
(one decimal, decimal comma), blank where a share cannot be computed. Numbers are
right-aligned; the total row, when there is one, is the last row.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from kiosk.report_export import Kind, Table, format_cell

#: The raw value behind a cell (an int, a float share, a str or None), for tests and charts.
ValueRole = Qt.ItemDataRole.UserRole + 1
#: Headers wrap to lines about this long, so a column is as wide as its figures need.
HEADER_LINE = 10


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self._rows: tuple[tuple, ...] = ()

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self._rows = table.all_rows if table is not None else ()
        self.endResetModel()

    def is_total(self, row: int) -> bool:
        return (self.table is not None and self.table.total is not None
                and row == len(self._rows) - 1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if self.table is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self.table.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return textwrap.fill(column.header, HEADER_LINE, break_long_words=False)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.group}: {column.header}" if column.group else column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignLeft if column.kind is Kind.TEXT
                          else Qt.AlignmentFlag.AlignRight)
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        value = self._rows[index.row()][index.column()]
        column = self.table.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(value, column.kind)
        if role == ValueRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignLeft if column.kind is Kind.TEXT
                          else Qt.AlignmentFlag.AlignRight)
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and column.kind is Kind.TEXT and value:
            return str(value)  # a long step prompt, whole
        return None

    def chart_points(self) -> list[tuple[str, float]]:
        """(row label, value) for the table's chart column, the total row left out;
        shares as percentages. Rows without a value (a share not computable) are left
        out rather than drawn as zero."""
        table = self.table
        if table is None or table.chart is None:
            return []
        percent = table.columns[table.chart].kind is Kind.PERCENT
        points = []
        for row in table.rows:
            value = row[table.chart]
            if value is not None:
                points.append((str(row[0]), value * 100 if percent else float(value)))
        return points

    @property
    def chart_is_percent(self) -> bool:
        table = self.table
        return (table is not None and table.chart is not None
                and table.columns[table.chart].kind is Kind.PERCENT)
