"""The staff accounts as a table: name with the username under it, role, and whether the
account can be used now (in use, stopped, locked until when)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kiosk import staff
from kiosk.staff import StaffMember

_Index = QModelIndex | QPersistentModelIndex


class StaffTableModel(QAbstractTableModel):
    NAME, ROLE, STATE = range(3)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.members: list[StaffMember] = []
        self._now = datetime.now(UTC)

    def set_members(self, members: list[StaffMember], now: datetime | None = None) -> None:
        self.beginResetModel()
        self.members = list(members)
        self._now = now or datetime.now(UTC)
        self.endResetModel()

    def member(self, row: int) -> StaffMember | None:
        return self.members[row] if 0 <= row < len(self.members) else None

    def row_of(self, user_id: int) -> int | None:
        return next((i for i, m in enumerate(self.members) if m.id == user_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Role"), self.tr("State"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        member = self.member(index.row())
        if member is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.NAME:
            return f"{member.display_name}\n{member.username}"
        if column == self.ROLE:
            from ui.console.window import role_name

            return role_name(member.role)
        return self.state(member)

    def state(self, member: StaffMember) -> str:
        if not member.active:
            return self.tr("Stopped")
        if member.locked(self._now):
            return self.tr("Locked until %1").replace(
                "%1", staff.local_time(member.locked_until))
        return self.tr("In use")
