"""The automatic backups as a table model, beside the panel that shows it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kiosk.backup import BackupFile


def size_text(size: int) -> str:
    """Bytes as staff read them: "2,4 MB", "310 kB" (Vietnamese decimal comma)."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


class BackupListModel(QAbstractTableModel):
    WHEN, SIZE, KIND = range(3)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.backups: list[BackupFile] = []

    def set_backups(self, backups: list[BackupFile]) -> None:
        self.beginResetModel()
        self.backups = list(backups)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Made at"), self.tr("Size"), self.tr("Kind"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.WHEN:
                return f"{item.made_at:%H:%M:%S  %d/%m/%Y}"
            if index.column() == self.SIZE:
                return size_text(item.size)
            return self.tr("Data before a restore") if item.before_restore else self.tr(
                "Backup")
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
