"""The audit log, for the admin: every staff action, newest first, by date and by kind.

The table loads a page at a time as it is scrolled (ui.console.audit_model), so a log of
100,000 entries opens as fast as an empty one.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.console.audit_model import AuditFilter, AuditTableModel
from ui.console.context import ConsoleContext
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import touch_scrolling

#: The dates shown at first: the last month.
DEFAULT_DAYS = 30
ROW_HEIGHT = 48
# (key, prefixes of the actions of this kind); their names are in AuditPage._kind_names.
KINDS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("all", None),
    ("login", ("login.",)),
    ("staff", ("staff.",)),
    ("resident", ("resident.",)),
    ("certificate", ("certificate.",)),
    ("report", ("report.",)),
    ("settings", ("settings.", "hamlet.", "backup.", "lessons.")),
    ("session", ("session.", "attendance.")),
)


def _local_midnight(day: QDate) -> datetime:
    """The start of that day on the kiosk's clock, as an aware moment."""
    return datetime.combine(day.toPython(), time()).astimezone()


class AuditPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("Audit log"), "title"))

        dates = QHBoxLayout()
        dates.setSpacing(12)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-DEFAULT_DAYS))
        self.since.setObjectName("audit_since")
        self.until = QDateEdit(today)
        self.until.setObjectName("audit_until")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.dateChanged.connect(lambda _day: self.apply_filter())
        dates.addWidget(label(self.tr("From"), "muted", wrap=False))
        dates.addWidget(self.since)
        dates.addWidget(label(self.tr("to"), "muted", wrap=False))
        dates.addWidget(self.until)
        self.all_time = button(self.tr("Since the start"), None, "audit_all_time")
        self.all_time.clicked.connect(self.show_all_time)
        dates.addWidget(self.all_time)
        dates.addStretch(1)
        layout.addLayout(dates)

        kinds = QHBoxLayout()
        kinds.setSpacing(12)
        self.kind = QComboBox()
        self.kind.setObjectName("audit_kind")
        names = self._kind_names()
        for key, _prefixes in KINDS:
            self.kind.addItem(names[key], key)
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filter())
        kinds.addWidget(label(self.tr("Kind"), "muted", wrap=False))
        kinds.addWidget(self.kind)
        self.count = label("", "muted")
        self.count.setObjectName("audit_count")
        kinds.addWidget(self.count, 1)
        layout.addLayout(kinds)

        self.model = AuditTableModel(ctx.db, self)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._failed)
        self.model.loaded.connect(self._fit_columns)
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AuditTableModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        touch_scrolling(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_entry())
        layout.addWidget(self.table, 1)
        # The chosen entry in full: a long detail does not fit its cell.
        self.entry = label("", "muted")
        self.entry.setObjectName("audit_entry")
        self.entry.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.entry)
        self.apply_filter()

    def _kind_names(self) -> dict[str, str]:
        return {
            "all": self.tr("Everything"),
            "login": self.tr("Sign-ins"),
            "staff": self.tr("Staff accounts"),
            "resident": self.tr("Residents"),
            "certificate": self.tr("Certificates"),
            "report": self.tr("Reports"),
            "settings": self.tr("Settings, khóm/ấp, backups, lessons"),
            "session": self.tr("Group sessions"),
        }

    def refresh(self) -> None:
        """Shown again: newest entries first, with the same filter."""
        self.apply_filter()

    def current_filter(self) -> AuditFilter:
        since, until = self.since.date(), self.until.date()
        if until < since:
            since, until = until, since
        prefixes = dict(KINDS)[self.kind.currentData()]
        return AuditFilter(_local_midnight(since).astimezone(UTC),
                           _local_midnight(until.addDays(1)).astimezone(UTC), prefixes)

    def apply_filter(self) -> None:
        self.entry.setText("")
        self.count.setText(self.tr("Reading…"))
        set_role(self.count, "muted")
        self.model.set_filter(self.current_filter())

    def show_all_time(self) -> None:
        """From the first entry's day (the dates say which)."""
        from kiosk import staff

        oldest = staff.first_audit_time(self.ctx.db)
        first = QDate(oldest.astimezone().date()) if oldest else QDate.currentDate()
        for edit in (self.since, self.until):
            edit.blockSignals(True)
        self.since.setDate(first)
        self.until.setDate(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.blockSignals(False)
        self.apply_filter()

    def show_entry(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.entries):
            self.entry.setText("")
            return
        entry = self.model.entries[row]
        self.entry.setText(" · ".join(part for part in (
            entry.at.astimezone().strftime("%d/%m/%Y %H:%M:%S"), self.model.who(entry),
            self.model.action_label(entry.action), self.model.describe(entry)) if part))

    def _fit_columns(self) -> None:
        """Time, who and what as wide as their words (measured on what is loaded)."""
        for column in (AuditTableModel.TIME, AuditTableModel.WHO, AuditTableModel.ACTION):
            self.table.resizeColumnToContents(column)

    def _counted(self, total: int) -> None:
        text = (self.tr("No entries for these dates and this kind.") if not total else
                self.tr("%1 entries, newest first.").replace("%1", f"{total:,}".replace(
                    ",", ".")))
        self.count.setText(text)
        set_role(self.count, "muted")

    def _failed(self, message: str) -> None:
        self.count.setText(message)
        set_role(self.count, "error")

    def _choose_first_once(self) -> None:
        self.model.loaded.disconnect(self._choose_first_once)
        if self.model.rowCount():
            self.table.selectRow(0)

    def screenshot_scenes(self):
        def logins() -> None:
            self.kind.setCurrentIndex(self.kind.findData("login"))

        def everything() -> None:
            self.kind.setCurrentIndex(0)
            self.model.loaded.connect(self._choose_first_once)


        yield "sign-ins", logins
        yield "all", everything
