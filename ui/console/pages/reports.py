"""The reports page: pick a period, read the four reports, export them.

Every report is computed off the UI thread (ui.operations) in one piece of work for the
period, with a progress bar and "Dừng"; choosing another period starts again and drops the
answer of the one before. Each report has a tab; a report with several tables (coverage:
the summary and one per skill; outcomes: the commune and one per question) picks one with
a list, and a table worth looking at rather than reading also draws as a bar chart.

Exports (staff with EXPORT_REPORTS; a team member sees no export buttons) write into a
folder staff choose: XLSX and PDF hold every report of the period, CSV the table on screen.
A file is named after the period ("bao-cao-2026-11.xlsx") and never overwrites another.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import report_export, reports
from kiosk.report_export import Kind, Section, Table
from kiosk.reports import Period, ReportError, ReportSet
from kiosk.staff import NotAllowed, Permission
from ui import operations
from ui.console.charts import BarChart
from ui.console.context import ConsoleContext
from ui.console.report_models import ReportTableModel
from ui.screens.base import button, label
from ui.theme import CONSOLE_TOUCH, set_role
from ui.touch import touch_scrolling

log = logging.getLogger(__name__)

#: A date typed or picked waits this long before the reports are made again.
DATE_DELAY_MS = 600
PERIOD_KEYS = ("this_month", "last_month", "this_quarter", "this_year", "custom")


class ReportPanel(QWidget):
    """One report's tab: which of its tables, as a table or as a bar chart."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.section: Section | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)

        row = QHBoxLayout()
        row.setSpacing(12)
        self.picker = QComboBox()
        self.picker.setObjectName(f"report_{key}_picker")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.currentIndexChanged.connect(self._picked)
        row.addWidget(self.picker)
        self.title = label("", "lead")
        self.title.setObjectName(f"report_{key}_title")
        row.addWidget(self.title, 1)
        self.toggle = button(self.tr("Show chart"), None, f"report_{key}_toggle")
        self.toggle.clicked.connect(lambda: self.show_chart(not self.charted))
        self.charted = False  # chart rather than table, when the table has one
        row.addWidget(self.toggle)
        layout.addLayout(row)

        self.model = ReportTableModel(self)
        self.table = QTableView()
        self.table.setObjectName(f"report_{key}_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        touch_scrolling(self.table)
        self.chart = BarChart(horizontal=True)
        self.chart.setObjectName(f"report_{key}_chart")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.chart)
        layout.addWidget(self.stack, 1)
        self.notes = label("", "muted")
        self.notes.setObjectName(f"report_{key}_notes")
        layout.addWidget(self.notes)
        self.show_section(None)

    def show_section(self, section: Section | None) -> None:
        """Show a report's tables (None: nothing yet), keeping the table chosen."""
        chosen = self.current_table().key if self.current_table() else None
        self.section = section
        tables = section.tables if section else ()
        self.picker.blockSignals(True)
        self.picker.clear()
        for table in tables:
            self.picker.addItem(table.title, table.key)
        keys = [t.key for t in tables]
        self.picker.setCurrentIndex(keys.index(chosen) if chosen in keys else 0)
        self.picker.blockSignals(False)
        self.picker.setVisible(len(tables) > 1)
        self._picked()

    def current_table(self) -> Table | None:
        if self.section is None or not self.section.tables:
            return None
        index = max(self.picker.currentIndex(), 0)
        return self.section.tables[min(index, len(self.section.tables) - 1)]

    def choose_table(self, key: str) -> bool:
        index = self.picker.findData(key)
        if index < 0:
            return False
        self.picker.setCurrentIndex(index)
        return True

    def show_chart(self, chart: bool) -> None:
        self.charted = chart
        self._view_chosen()

    def _picked(self, _index: int = 0) -> None:
        table = self.current_table()
        self.model.set_table(table)
        self.title.setText(table.title if table and len(self.section.tables) == 1 else "")
        self.notes.setText("\n".join(table.notes) if table else "")
        self.toggle.setVisible(table is not None and table.chart is not None)
        self._fit_columns()
        self._view_chosen()

    def _fit_columns(self) -> None:
        """Figures as wide as they need; the last text column takes the room left, the
        others at most a quarter of the width. Rows grow only for text that wraps."""
        table = self.model.table
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(CONSOLE_TOUCH)
        texts = [i for i, c in enumerate(table.columns) if c.kind is Kind.TEXT] if table else []
        # The first column (names) is always whole; a later text column (a step's words)
        # takes the room left and wraps.
        stretch = texts[-1] if texts and texts[-1] > 0 else None
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if column == stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            for column in texts[1:-1] if texts[0] == 0 else texts[:-1]:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, min(header.sectionSize(column),
                                                 max(self.table.viewport().width() // 5, 160)))
        rows = self.table.verticalHeader()
        line = self.table.fontMetrics().height() + 14
        rows.setMinimumSectionSize(line)
        rows.setDefaultSectionSize(line)
        wraps = any(len(str(r[i] or "")) > 40 for r in table.all_rows for i in texts) \
            if table else False
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if wraps
                                  else QHeaderView.ResizeMode.Fixed)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.model.table is not None:
            self._fit_columns()

    def _view_chosen(self) -> None:
        table = self.current_table()
        chart = self.charted and table is not None and table.chart is not None
        self.toggle.setText(self.tr("Show table") if chart else self.tr("Show chart"))
        if chart:
            self.chart.show_points(self.model.chart_points(),
                                   percent=self.model.chart_is_percent,
                                   title=_chart_title(table))
        self.stack.setCurrentWidget(self.chart if chart else self.table)


def _chart_title(table: Table) -> str:
    return f"{table.title} – {table.columns[table.chart].header}"


class ReportsPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reports: ReportSet | None = None
        self.operation: operations.Operation | None = None
        self.exporting: operations.Operation | None = None
        self.last_export: Path | None = None
        self.can_export = ctx.can(Permission.EXPORT_REPORTS)
        self._folder = _default_folder()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(label(self.tr("Reports"), "title", wrap=False))
        row.addSpacing(12)
        self.period = QComboBox()
        self.period.setObjectName("report_period")
        for key, text in zip(PERIOD_KEYS, (
                self.tr("This month"), self.tr("Last month"), self.tr("This quarter"),
                self.tr("This year"), self.tr("Custom dates")), strict=True):
            self.period.addItem(text, key)
        self.period.currentIndexChanged.connect(self._period_chosen)
        row.addWidget(self.period)
        row.addWidget(label(self.tr("From"), None, wrap=False))
        self.date_from = self._date_edit("report_from")
        row.addWidget(self.date_from)
        row.addWidget(label(self.tr("to"), None, wrap=False))
        self.date_to = self._date_edit("report_to")
        row.addWidget(self.date_to)
        row.addStretch(1)
        self.run_button = button(self.tr("Make again"), None, "report_run")
        self.run_button.clicked.connect(self.compute)
        row.addWidget(self.run_button)
        layout.addLayout(row)
        self._date_delay = QTimer(self)
        self._date_delay.setSingleShot(True)
        self._date_delay.setInterval(DATE_DELAY_MS)
        self._date_delay.timeout.connect(self.compute)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("report_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        self.panels: dict[str, ReportPanel] = {}
        for key, title in zip(reports.REPORT_KEYS, (
                self.tr("Coverage"), self.tr("Outcomes"), self.tr("Group sessions"),
                self.tr("Hardest steps")), strict=True):
            panel = ReportPanel(key)
            panel.setObjectName(f"report_panel_{key}")
            self.panels[key] = panel
            self.tabs.addTab(panel, title)
        layout.addWidget(self.tabs, 1)

        busy = QHBoxLayout()
        busy.setSpacing(12)
        self.progress = QProgressBar()
        self.progress.setObjectName("report_progress")
        self.progress.setTextVisible(False)
        busy.addWidget(self.progress, 1)
        self.cancel_button = button(self.tr("Stop"), None, "report_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        busy.addWidget(self.cancel_button)
        layout.addLayout(busy)
        self.status = label("", "muted")
        self.status.setObjectName("report_status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.export_buttons: dict[str, object] = {}
        if self.can_export:
            exports = QHBoxLayout()
            exports.setSpacing(12)
            self.folder_label = label("", "muted")
            self.folder_label.setObjectName("report_folder")
            exports.addWidget(self.folder_label, 1)
            choose = button(self.tr("Choose folder…"), None, "report_choose_folder")
            choose.clicked.connect(self.choose_folder)
            exports.addWidget(choose)
            for fmt, text in (("xlsx", self.tr("Save Excel")), ("csv", self.tr("Save CSV")),
                              ("pdf", self.tr("Save PDF"))):
                save = button(text, "primary" if fmt == "xlsx" else None,
                              f"report_export_{fmt}")
                save.setToolTip(self.tr("The table on screen") if fmt == "csv"
                                else self.tr("Every report of the period"))
                save.clicked.connect(lambda _=False, fmt=fmt: self.export(fmt))
                exports.addWidget(save)
                self.export_buttons[fmt] = save
            layout.addLayout(exports)
            self._show_folder()

        self._set_period(Period.this_month(reports.local_today()))
        self._busy(False)
        self.compute()

    # --- periods ------------------------------------------------------------------------

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.dateChanged.connect(self._date_typed)
        return edit

    def _set_period(self, period: Period) -> None:
        for edit, day in ((self.date_from, period.start), (self.date_to, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _period_chosen(self, _index: int) -> None:
        key = self.period.currentData()
        today = reports.local_today()
        chosen = {
            "this_month": Period.this_month, "last_month": Period.last_month,
            "this_quarter": Period.this_quarter, "this_year": Period.this_year,
        }.get(key)
        if chosen is None:  # custom: the dates as they stand, until staff change them
            self.date_from.setFocus()
            return
        self._set_period(chosen(today))
        self._date_delay.stop()
        self.compute()

    def _date_typed(self, _date: QDate) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(PERIOD_KEYS.index("custom"))
        self.period.blockSignals(False)
        self._date_delay.start()

    def chosen_period(self) -> Period:
        """The period the controls show; raises ReportError when it is back to front."""
        key = self.period.currentData()
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        kind = {"this_month": "month", "last_month": "month", "this_quarter": "quarter",
                "this_year": "year"}.get(key, "custom")
        return Period(start, end, kind)

    # --- making the reports -------------------------------------------------------------

    def compute(self) -> operations.Operation | None:
        """Make every report for the chosen period, off the UI thread."""
        self._date_delay.stop()
        try:
            period = self.chosen_period()
        except ReportError as exc:
            self.say(str(exc), "error")
            return None
        if self.operation is not None:
            self.operation.cancel()  # its answer, for another period, is dropped
        self.reports = None
        for panel in self.panels.values():
            panel.show_section(None)
        station = self.ctx.station
        db, lessons, config = station.db, dict(station.pack.lessons), station.config
        making = self.tr("Making the reports…")

        def work(progress: operations.Progress) -> ReportSet:
            progress.report(0, len(reports.REPORT_KEYS), making)
            return reports.report_set(
                db, lessons, period, commune=config.commune_name,
                province=config.province_name, check=progress.check,
                step=lambda done, total: progress.report(done, total, making))

        operation = operations.run(work)
        self.operation = operation
        operation.progressed.connect(self._progressed)
        operation.succeeded.connect(self._made)
        operation.failed.connect(self._not_made)
        self.say(making)
        self._busy(True)
        return operation

    def _mine(self) -> bool:
        """Whether the signal comes from the work now wanted (not one replaced since)."""
        return self.sender() is self.operation or self.sender() is self.exporting

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self._mine():
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _made(self, made: ReportSet) -> None:
        if self.sender() is not self.operation:
            return
        self.operation = None
        self.reports = made
        for section in report_export.sections(made):
            self.panels[section.key].show_section(section)
        self.say("")
        self._busy(False)

    def _not_made(self, exc: BaseException) -> None:
        if self.sender() is not self.operation:
            return
        self.operation = None
        self._busy(False)
        if isinstance(exc, operations.Cancelled):
            self.say(self.tr("Stopped. Press “Make again” to make the reports."))
        elif isinstance(exc, ReportError):
            self.say(str(exc), "error")
        else:
            log.error("reports could not be made", exc_info=exc)
            self.say(self.tr("The reports could not be made. The details are in the "
                             "kiosk's log.") + f" ({type(exc).__name__})", "error")

    def cancel(self) -> None:
        for operation in (self.operation, self.exporting):
            if operation is not None:
                operation.cancel()
        self.say(self.tr("Stopping…"))

    def refresh(self) -> None:
        """Shown again: the figures may have moved meanwhile."""
        if self.exporting is None:
            self.compute()

    # --- exports ------------------------------------------------------------------------

    @property
    def export_folder(self) -> Path:
        """Where exports go: chosen by staff (or set directly, as tests do)."""
        return self._folder

    @export_folder.setter
    def export_folder(self, folder: Path) -> None:
        self._folder = Path(folder)
        if self.can_export:
            self._show_folder()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the reports"), str(self.export_folder))
        if folder:
            self.export_folder = Path(folder)

    def _show_folder(self) -> None:
        self.folder_label.setText(self.tr("Saved in: %1").replace("%1", str(self._folder)))

    def export(self, fmt: str) -> operations.Operation | None:
        """Save the reports shown (CSV: the table shown) into the chosen folder."""
        made, table = self.reports, self.current_table()
        if (not self.can_export or made is None or self.exporting is not None
                or (fmt == "csv" and table is None)):
            return None
        folder = self.export_folder
        path = report_export.free_path(folder, report_export.default_name(made, fmt, table))
        db, user = self.ctx.db, self.ctx.user
        saving = self.tr("Saving %1…").replace("%1", path.name)

        def work(progress: operations.Progress) -> Path:
            def step(done: int, total: int) -> None:
                progress.check()
                progress.report(done, total, saving)

            return report_export.export(db, user, made, fmt, path, table=table, step=step)

        operation = operations.run(work)
        self.exporting = operation
        operation.progressed.connect(self._progressed)
        operation.succeeded.connect(self._exported)
        operation.failed.connect(self._not_exported)
        self.say(saving)
        self._busy(True)
        return operation

    def _exported(self, path: Path) -> None:
        if self.sender() is not self.exporting:
            return
        self.exporting = None
        self.last_export = path
        self._busy(False)
        self.say(self.tr("Saved: %1").replace("%1", str(path)), "lead")

    def _not_exported(self, exc: BaseException) -> None:
        if self.sender() is not self.exporting:
            return
        self.exporting = None
        self._busy(False)
        if isinstance(exc, operations.Cancelled):
            self.say(self.tr("Stopped: nothing was saved."))
        elif isinstance(exc, report_export.ExportError | NotAllowed):
            self.say(str(exc), "error")
        else:
            log.error("report export failed", exc_info=exc)
            self.say(self.tr("The report could not be saved. The details are in the "
                             "kiosk's log.") + f" ({type(exc).__name__})", "error")

    # --- what the rest of the console calls ---------------------------------------------

    def show_report(self, key: str, table: str | None = None, chart: bool = False) -> None:
        """Open a report's tab ("coverage", "outcomes", "sessions", "hardest")."""
        panel = self.panels.get(key)
        if panel is None:
            return
        self.tabs.setCurrentWidget(panel)
        if table:
            panel.choose_table(table)
        panel.show_chart(chart)

    def current_panel(self) -> ReportPanel:
        return self.tabs.currentWidget()

    def current_table(self) -> Table | None:
        return self.current_panel().current_table()

    @property
    def busy(self) -> bool:
        return self.operation is not None or self.exporting is not None

    def say(self, text: str, role: str = "muted") -> None:
        self.status.setText(text)
        set_role(self.status, role)
        self.status.setVisible(bool(text))

    def _busy(self, started: bool) -> None:
        """Show the progress bar and "Dừng" while any work runs; `started`: new work,
        whose bar moves until it says how far it is."""
        busy = self.busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if started:
            self.progress.setRange(0, 0)
        for save in self.export_buttons.values():
            save.setEnabled(self.exporting is None and self.operation is None
                            and self.reports is not None)

    def screenshot_scenes(self) -> Iterator[tuple[str, Callable[[], None]]]:
        from ui.console.report_scenes import reports_scenes

        return reports_scenes(self)


def _default_folder() -> Path:
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()
