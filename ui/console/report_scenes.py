"""The states of the overview and reports pages worth a screenshot (`kiosk screenshots
--console`). Each scene waits for the page's background work, so the picture shows the
figures, not "counting"."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop


def _wait(done: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def overview_scenes(page) -> Iterator[tuple[str, Callable[[], None]]]:
    def counted() -> None:
        page.refresh()
        _wait(lambda: page.operation is None)

    yield "figures", counted


def reports_scenes(page) -> Iterator[tuple[str, Callable[[], None]]]:
    """Each report's tab for this year (the demo data's months), tables and charts."""
    from ui.console.pages.reports import PERIOD_KEYS

    def scene(key: str, table: str | None = None, chart: bool = False):
        def go() -> None:
            year = PERIOD_KEYS.index("this_year")
            if page.period.currentIndex() != year or page.reports is None:
                page.period.setCurrentIndex(year)
                _wait(lambda: not page.busy)
            page.show_report(key, table, chart)
            _wait(lambda: not page.busy)
        return go

    yield "coverage", scene("coverage")
    yield "coverage-chart", scene("coverage", "coverage", chart=True)
    yield "coverage-skill", scene("coverage", "coverage.platforms")
    yield "outcomes", scene("outcomes", "outcomes")
    yield "outcomes-chart", scene("outcomes", "outcomes", chart=True)
    yield "outcomes-question", scene("outcomes", "outcomes.vneid_activated")
    yield "sessions", scene("sessions")
    yield "hardest", scene("hardest")

    def saved() -> None:
        scene("coverage")()
        if not page.can_export:
            return
        # Into the screenshots' own throw-away data folder, never the staff's documents.
        page.export_folder = Path(page.ctx.station.config.data_dir) / "exports"
        page.export_folder.mkdir(parents=True, exist_ok=True)
        page.export("xlsx")
        _wait(lambda: not page.busy)

    yield "saved", saved
