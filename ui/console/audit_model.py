"""The audit log as a table that loads as it is scrolled.

The log can hold 100,000 entries, so the model holds only what was scrolled to: the view
asks `canFetchMore`/`fetchMore` near the end, and the next page is read off the UI thread
(ui.operations), starting right after the last entry shown (kiosk.staff.audit_entries
`after`), which costs the same at the end of the log as at its start. Changing the
filter starts over; a page that arrives for an older filter is dropped.

Actions are shown in words where known ("Đăng nhập", "Thu hồi chứng nhận"); an action the
table does not know yet is shown as stored, so nothing is ever hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kiosk import staff
from kiosk.db.models import StaffRole
from kiosk.staff import AuditRecord
from ui import operations

_Index = QModelIndex | QPersistentModelIndex
PAGE = 200


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None  # included
    until: datetime | None = None  # excluded
    prefixes: Sequence[str] | None = None  # actions starting with any of these


class AuditTableModel(QAbstractTableModel):
    TIME, WHO, ACTION, DETAIL = range(4)

    loaded = Signal()  # a page arrived (or the filter gave nothing)
    counted = Signal(int)  # how many entries the filter matches
    failed = Signal(str)

    def __init__(self, db, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.entries: list[AuditRecord] = []
        self.filter = AuditFilter()
        self.exhausted = True
        self.total: int | None = None
        self._loading = False
        self._generation = 0
        self._labels = self._action_labels()

    # -- loading ---------------------------------------------------------------------------

    def set_filter(self, wanted: AuditFilter) -> None:
        """Start over with this filter: the first page and the count are read at once."""
        self.beginResetModel()
        self.filter = wanted
        self.entries = []
        self.exhausted = False
        self.total = None
        self._generation += 1
        self._loading = False
        self.endResetModel()
        self._load(count=True)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(count=False)

    @property
    def loading(self) -> bool:
        return self._loading

    def _load(self, count: bool) -> None:
        self._loading = True
        generation, wanted, db = self._generation, self.filter, self.db
        after = self.entries[-1] if self.entries else None

        def work(progress):
            page = staff.audit_entries(db, since=wanted.since, until=wanted.until,
                                       action_prefix=wanted.prefixes, limit=PAGE,
                                       after=after)
            total = (staff.count_audit_entries(db, since=wanted.since, until=wanted.until,
                                               action_prefix=wanted.prefixes)
                     if count else None)
            return page, total

        op = operations.run(work)
        op.succeeded.connect(lambda result: self._arrived(generation, *result))
        op.failed.connect(lambda error: self._broke(generation, error))

    def _arrived(self, generation: int, page: list[AuditRecord], total: int | None) -> None:
        if generation != self._generation:
            return  # for a filter no longer shown
        self._loading = False
        self.exhausted = len(page) < PAGE
        if page:
            first = len(self.entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.entries.extend(page)
            self.endInsertRows()
        if total is not None:
            self.total = total
            self.counted.emit(total)
        self.loaded.emit()

    def _broke(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        import logging

        logging.getLogger(__name__).error("audit log could not be read", exc_info=error)
        self._loading = False
        self.exhausted = True
        self.failed.emit(self.tr("The audit log could not be read. The details are in the "
                                 "kiosk's log."))

    # -- the table -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Time"), self.tr("Who"), self.tr("What"),
                self.tr("Details"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.describe(entry) if column == self.DETAIL else entry.action
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.TIME:
            return entry.at.astimezone().strftime("%d/%m/%Y %H:%M")
        if column == self.WHO:
            return self.who(entry)
        if column == self.ACTION:
            return self.action_label(entry.action)
        return self.describe(entry)

    def who(self, entry: AuditRecord) -> str:
        if entry.staff_name is not None:
            return entry.staff_name
        if entry.detail.get("via") == staff.COMMAND_LINE:
            return self.tr("Command line")
        return self.tr("The kiosk")

    def action_label(self, action: str) -> str:
        return self._labels.get(action, action)

    def describe(self, entry: AuditRecord) -> str:
        """The detail as "name: value" in words; unknown keys as stored."""
        names = self._detail_names()
        order = {key: n for n, key in enumerate(names)}
        parts = []
        for key, value in sorted(entry.detail.items(),
                                 key=lambda item: (order.get(item[0], len(order)), item[0])):
            if key == "via":
                value = {staff.COMMAND_LINE: self.tr("command line"),
                         "setup": self.tr("first-start setup")}.get(str(value), value)
            elif key in ("old", "new", "role"):
                value = self._role(value)
            elif key == "until":
                value = self._time(value)
            elif key == "reason":
                value = {"inactive": self.tr("account stopped"),
                         "locked": self.tr("account locked"),
                         "idle": self.tr("nobody used the kiosk"),
                         "error": self.tr("an unexpected error")}.get(str(value), value)
            elif isinstance(value, bool):
                value = self.tr("yes") if value else self.tr("no")
            elif key == "size" and isinstance(value, int):
                value = f"{value / 1_000_000:.1f} MB"
            elif isinstance(value, list | tuple):
                value = ", ".join(map(str, value))
            parts.append(f"{names.get(key, key)}: {value}")
        return "; ".join(parts)

    def _role(self, value: object) -> object:
        from ui.console.window import role_name

        try:
            return role_name(StaffRole(str(value)))
        except ValueError:
            return value

    @staticmethod
    def _time(value: object) -> object:
        try:
            return datetime.fromisoformat(str(value)).astimezone().strftime("%H:%M %d/%m")
        except ValueError:
            return value

    def _detail_names(self) -> dict[str, str]:
        # In the order they are shown.
        return {
            "username": self.tr("username"),
            "user_id": self.tr("account no."),
            "role": self.tr("role"),
            "old": self.tr("before"),
            "new": self.tr("after"),
            "reason": self.tr("reason"),
            "failures": self.tr("wrong PINs in a row"),
            "minutes": self.tr("minutes"),
            "until": self.tr("until"),
            "learner_code": self.tr("learner code"),
            "resident_id": self.tr("resident no."),
            "serial": self.tr("serial"),
            "serials": self.tr("serials"),
            "revoked": self.tr("certificates revoked"),
            "fields": self.tr("fields"),
            "settings": self.tr("settings"),
            "hamlet_id": self.tr("khóm/ấp no."),
            "name": self.tr("name"),
            "population": self.tr("population"),
            "households": self.tr("households"),
            "session_id": self.tr("session no."),
            "attended": self.tr("attended"),
            "lessons_completed": self.tr("lessons completed"),
            "skills_completed": self.tr("skills completed"),
            "passed": self.tr("passed"),
            "registered_now": self.tr("registered at the session"),
            "report": self.tr("report"),
            "period_start": self.tr("from"),
            "period_end": self.tr("to"),
            "format": self.tr("format"),
            "file": self.tr("file"),
            "size": self.tr("size"),
            "automatic": self.tr("automatic"),
            "job_id": self.tr("print job no."),
            "via": self.tr("by"),
        }

    def _action_labels(self) -> dict[str, str]:
        return {
            "login.ok": self.tr("Signed in"),
            "login.sign_out": self.tr("Signed out"),
            "login.failed": self.tr("Wrong PIN"),
            "login.locked": self.tr("Account locked"),
            "login.refused": self.tr("Sign-in refused"),
            "staff.setup": self.tr("First-start setup"),
            "staff.create": self.tr("Staff member added"),
            "staff.role": self.tr("Role changed"),
            "staff.pin_reset": self.tr("PIN reset"),
            "staff.deactivate": self.tr("Account stopped"),
            "staff.reactivate": self.tr("Account used again"),
            "resident.edit": self.tr("Resident edited"),
            "resident.merge": self.tr("Duplicate residents merged"),
            "resident.export": self.tr("Resident's data exported"),
            "resident.erase": self.tr("Resident erased"),
            "certificate.issue": self.tr("Certificate issued"),
            "certificate.reissue": self.tr("Certificate reissued"),
            "certificate.revoke": self.tr("Certificate revoked"),
            "certificate.print": self.tr("Certificate printed"),
            "report.export": self.tr("Report exported"),
            "settings.change": self.tr("Settings changed"),
            "hamlet.add": self.tr("Khóm/ấp added"),
            "hamlet.update": self.tr("Khóm/ấp changed"),
            "hamlet.reorder": self.tr("Khóm/ấp reordered"),
            "hamlet.delete": self.tr("Khóm/ấp deleted"),
            "hamlet.activate": self.tr("Khóm/ấp shown again"),
            "hamlet.deactivate": self.tr("Khóm/ấp hidden"),
            "backup.create": self.tr("Backup made"),
            "backup.restore": self.tr("Backup restored"),
            "lessons.import": self.tr("Lesson pack imported"),
            "lessons.undo": self.tr("Lesson pack change undone"),
            "session.start": self.tr("Group session started"),
            "session.end": self.tr("Group session ended"),
            "session.check_in": self.tr("Attendance recorded"),
            "session.check_in_undo": self.tr("Attendance undone"),
            "session.check_result": self.tr("Check result recorded"),
            "session.all_passed": self.tr("Whole group passed"),
            "session.certificates": self.tr("Session certificates"),
            "station.close": self.tr("Kiosk closed"),
        }
