"""The automatic backups as a table model, beside the panel that shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.backup import BackupFile
from ui.console.table_model import RecordTableModel


def size_text(size: int) -> str:
    """Bytes as staff read them: "2,4 MB", "310 kB" (Vietnamese decimal comma)."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


class BackupListModel(RecordTableModel):
    WHEN, SIZE, KIND = range(3)

    @property
    def backups(self) -> list[BackupFile]:
        return self._rows

    def set_backups(self, backups: list[BackupFile]) -> None:
        self.set_rows(backups)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Made at"), self.tr("Size"), self.tr("Kind"))

    def display(self, item: BackupFile, column: int) -> str:
        if column == self.WHEN:
            return f"{item.made_at:%H:%M:%S  %d/%m/%Y}"
        if column == self.SIZE:
            return size_text(item.size)
        if item.before_restore:
            return self.tr("Data before a restore")
        return self.tr("Automatic backup") if item.automatic else self.tr("Backup")

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        if column == self.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def role_data(self, item: BackupFile, column: int, role: int) -> str | None:
        return str(item.path) if role == Qt.ItemDataRole.ToolTipRole else None
