"""The console's first page: a few big figures, coverage as charts, and the way to the reports.

The figures are made off the UI thread (kiosk.reports.overview) each time the page is
shown, so the console opens at once and the numbers follow what happened meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk import reports
from kiosk.report_export import SHORT_SKILL, format_count
from kiosk.reports import Overview
from kiosk.skills import Skill
from ui import operations
from ui.console.charts import BarChart
from ui.console.context import ConsoleContext
from ui.screens.base import button, label
from ui.theme import set_role

log = logging.getLogger(__name__)


class OverviewPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: Overview | None = None
        self.operation: operations.Operation | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Overview"), "title"))
        top.addStretch(1)
        self.month = label("", "lead")
        self.month.setObjectName("overview_month")
        top.addWidget(self.month)
        layout.addLayout(top)

        cards = QGridLayout()
        cards.setSpacing(12)
        self.figures: dict[str, object] = {}
        for column, (key, caption) in enumerate((
                ("registered", self.tr("Residents registered")),
                ("active", self.tr("Learning this month")),
                ("skills", self.tr("Skills completed")),
                ("citizens", self.tr("“Công dân số”: all five skills")))):
            card = QFrame()
            set_role(card, "card")
            inside = QVBoxLayout(card)
            inside.setContentsMargins(16, 8, 16, 8)
            inside.setSpacing(0)
            figure = label("–", "figure", wrap=False)
            figure.setObjectName(f"overview_{key}")
            inside.addWidget(figure)
            inside.addWidget(label(caption, "muted"))
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)
            self.figures[key] = figure
        layout.addLayout(cards)

        charts = QHBoxLayout()
        charts.setSpacing(12)
        self.by_skill = BarChart(horizontal=False)
        self.by_skill.setObjectName("overview_by_skill")
        self.by_hamlet = BarChart(horizontal=True)
        self.by_hamlet.setObjectName("overview_by_hamlet")
        charts.addWidget(self.by_skill, 1)
        charts.addWidget(self.by_hamlet, 1)
        layout.addLayout(charts, 1)

        links = QHBoxLayout()
        links.setSpacing(12)
        for key, text in zip(reports.REPORT_KEYS, (
                self.tr("Coverage report"), self.tr("Outcomes"), self.tr("Group sessions"),
                self.tr("Hardest steps")), strict=True):
            link = button(text, "primary" if key == "coverage" else None, f"overview_to_{key}")
            link.clicked.connect(lambda _=False, key=key: self.open_report(key))
            links.addWidget(link)
        links.addStretch(1)
        layout.addLayout(links)
        self.status = label("", "muted")
        self.status.setObjectName("overview_status")
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> operations.Operation | None:
        """Count again, off the UI thread; the figures shown stay until the new ones come."""
        if self.operation is not None:
            return self.operation
        db = self.ctx.db
        self.operation = operations.run(lambda _progress: reports.overview(db))
        self.operation.succeeded.connect(self._counted)
        self.operation.failed.connect(self._not_counted)
        if self.overview is None:
            self.status.setText(self.tr("Counting…"))
        return self.operation

    def _counted(self, overview: Overview) -> None:
        self.operation = None
        self.overview = overview
        self.status.setText("")
        set_role(self.status, "muted")
        total = overview.coverage.total
        self.month.setText(overview.coverage.period.label)
        for key, value in (("registered", overview.registered), ("active", overview.active),
                           ("skills", overview.skills_completed),
                           ("citizens", overview.digital_citizens)):
            self.figures[key].setText(format_count(value))
        self.by_skill.show_points(
            [(SHORT_SKILL[skill], total.skills[skill].cumulative) for skill in Skill],
            title=self.tr("Residents who completed each skill"))
        self.by_hamlet.show_points(
            [(row.place.name, row.completed_skills) for row in overview.coverage.rows],
            title=self.tr("Skills completed, by khóm/ấp"))

    def _not_counted(self, exc: BaseException) -> None:
        self.operation = None
        log.error("overview could not be counted", exc_info=exc)
        self.status.setText(self.tr("The figures could not be counted. The details are in "
                                    "the kiosk's log.") + f" ({type(exc).__name__})")
        set_role(self.status, "error")

    def open_report(self, key: str) -> None:
        page = self.ctx.open_page("reports")
        if page is not None:
            page.show_report(key)

    def screenshot_scenes(self) -> Iterator[tuple[str, Callable[[], None]]]:
        from ui.console.report_scenes import overview_scenes

        return overview_scenes(self)
