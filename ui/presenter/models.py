"""Table models for group sessions: the roster of one session, and the list of sessions.

They hold plain records from kiosk.group_sessions and say nothing to the database; the
views beside them (ui.presenter.roster, ui.console.pages.sessions) ask the core and hand
the answers back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt

from kiosk.group_sessions import Attendee, SessionInfo
from ui.console.table_model import RecordTableModel


def local_time(moment: datetime | None, with_date: bool = True) -> str:
    """A stored UTC moment as the commune's clock shows it."""
    if moment is None:
        return ""
    shown = moment.astimezone()
    return shown.strftime("%d/%m/%Y %H:%M") if with_date else shown.strftime("%H:%M")


class RosterModel(RecordTableModel):
    """Who is checked in, newest at the bottom; the last column is the group check."""

    NAME, YEAR, CODE, PASSED = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Name"), self.tr("Born"), self.tr("Code"),
                         self.tr("Passed?"))

    def add(self, attendee: Attendee) -> int:
        """Add someone just checked in (or find them); returns their row."""
        for row, existing in enumerate(self.rows):
            if existing.resident_id == attendee.resident_id:
                return row
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(attendee)
        self.endInsertRows()
        return len(self.rows) - 1

    def remove(self, resident_id: int) -> None:
        for row, existing in enumerate(self.rows):
            if existing.resident_id == resident_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()
                return

    def set_passed(self, resident_id: int, passed: bool | None) -> None:
        for row, existing in enumerate(self.rows):
            if existing.resident_id == resident_id:
                self.rows[row] = replace(existing, passed=passed)
                cell = self.index(row, self.PASSED)
                self.dataChanged.emit(cell, cell)

    def set_all_passed(self) -> None:
        self._rows = [replace(r, passed=True) for r in self.rows]
        if self.rows:
            self.dataChanged.emit(self.index(0, self.PASSED),
                                  self.index(len(self.rows) - 1, self.PASSED))

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if r.passed)

    def display(self, person: Attendee, column: int) -> str:
        return {self.NAME: person.full_name, self.YEAR: str(person.birth_year),
                self.CODE: person.code_display,
                self.PASSED: "✓ " + self.tr("Passed") if person.passed else
                self.tr("Not yet") if person.passed is False else "–"}[column]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column == self.PASSED else None

    def role_data(self, person: Attendee, column: int, role: int) -> str | None:
        if role != Qt.ItemDataRole.ToolTipRole:
            return None
        if column == self.PASSED:
            return self.tr("Touch to mark whether this person passed the group check")
        return f"{person.full_name} · {person.birth_year} · {person.hamlet_name}"


class SessionListModel(RecordTableModel):
    """Sessions newest first, as kiosk.group_sessions.list_sessions gives them."""

    STARTED, HAMLET, PLACE, LEADER, CAME, PASSED = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Started"), self.tr("Khóm/ấp"), self.tr("Place"),
                         self.tr("Led by"), self.tr("Came"), self.tr("Passed"))

    def row_of(self, session_id: int) -> int | None:
        return next((i for i, s in enumerate(self.rows) if s.id == session_id), None)

    def display(self, s: SessionInfo, column: int) -> str:
        started = local_time(s.started_at)
        if s.is_open:
            started += " " + self.tr("(not ended)")
        return {
            self.STARTED: started, self.HAMLET: s.hamlet_name, self.PLACE: s.place,
            self.LEADER: s.team_member_name, self.CAME: str(s.attended),
            self.PASSED: str(s.passed),
        }[column]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column in (self.CAME, self.PASSED) else None
