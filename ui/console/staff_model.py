"""The staff accounts as a table: name with the username under it, role, and whether the
account can be used now (in use, stopped, locked until when)."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk import staff
from kiosk.staff import StaffMember
from ui.console.table_model import RecordTableModel


class StaffTableModel(RecordTableModel):
    NAME, ROLE, STATE = range(3)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._now = datetime.now(UTC)

    @property
    def members(self) -> list[StaffMember]:
        return self._rows

    def set_members(self, members: list[StaffMember], now: datetime | None = None) -> None:
        self._now = now or datetime.now(UTC)
        self.set_rows(members)

    def member(self, row: int) -> StaffMember | None:
        return self.record(row)

    def row_of(self, user_id: int) -> int | None:
        return next((i for i, m in enumerate(self.members) if m.id == user_id), None)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Role"), self.tr("State"))

    def display(self, member: StaffMember, column: int) -> str:
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
