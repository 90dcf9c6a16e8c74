"""The overview and reports pages driven as staff use them, over a real SQLite file: the
figures shown, a period chosen, an export written (or refused, or failed) and the console
still answering while a slow report runs."""

from __future__ import annotations

import json
import threading

from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from kiosk import progress, reports, residents
from kiosk.db.models import AuditEntry, StaffRole
from kiosk.skills import Skill
from ui import operations
from ui.console.pages.reports import PERIOD_KEYS
from ui.console.report_models import ValueRole

WAIT_MS = 15_000


def complete(station, resident_id: int, skill: Skill) -> None:
    for lesson in station.lessons(skill):
        if lesson.check is not None:
            progress.finish_check(station.db, resident_id, lesson, len(lesson.check.questions))
        else:
            progress.finish_step(station.db, resident_id, lesson, len(lesson.all_steps) - 1)


def teach(window) -> None:
    """Two residents of the first khóm/ấp: Ánh completes safety and payment, Bình safety;
    Cúc, of the second, has only started shopping. All of it this month."""
    station = window.station
    first, second = residents.list_hamlets(station.db)[:2]
    people = [residents.register(station.db, full_name=name, birth_year=1960,
                                 hamlet_id=hamlet.id, consent_given=True)
              for name, hamlet in (("Ánh", first), ("Bình", first), ("Cúc", second))]
    complete(station, people[0].id, Skill.SAFETY)
    complete(station, people[0].id, Skill.PAYMENT)
    complete(station, people[1].id, Skill.SAFETY)
    progress.resume_step(station.db, people[2].id, station.lessons(Skill.SHOPPING)[0])


def visible_buttons(widget, name: str) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton, name) if b.isVisible()]


def click(qtbot, widget, name: str) -> None:
    found = visible_buttons(widget, name)
    assert found, f"no visible button {name!r}"
    assert found[0].isEnabled(), f"button {name!r} is disabled"
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


def shown(panel) -> list[list[str]]:
    model = panel.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def open_reports(qtbot, make_window, console_as, role=StaffRole.STAFF):
    window = make_window()
    teach(window)
    _, console = console_as(role, page="reports", window=window)
    page = console.current_page()
    assert type(page).__name__ == "ReportsPage"
    qtbot.waitUntil(lambda: not page.busy and page.reports is not None, timeout=WAIT_MS)
    return window, console, page


def test_the_reports_page_shows_this_months_figures(qtbot, make_window, console_as):
    _, _, page = open_reports(qtbot, make_window, console_as)
    coverage = page.panels["coverage"]
    rows = shown(coverage)
    header = [coverage.model.table.columns[c].header for c in range(coverage.model.columnCount())]
    first, total = rows[0], rows[-1]
    safety, payment = header.index("An toàn trên mạng"), header.index("Thanh toán")
    assert (first[safety], first[payment]) == ("2", "1")
    assert total[0] == reports.TOTAL and (total[safety], total[payment]) == ("2", "1")
    # Numbers sit on the right; names on the left.
    assert coverage.model.index(0, safety).data(Qt.ItemDataRole.TextAlignmentRole) & \
        Qt.AlignmentFlag.AlignRight
    # One skill in detail: started and completed this month, no population entered.
    assert coverage.choose_table("coverage.shopping")
    rows = shown(coverage)
    assert rows[1][:5] == [rows[1][0], "", "1", "0", "0"]  # Cúc started, no population
    assert rows[1][5] == ""  # a share without a population is blank, not 0,0%

    # The chart of the summary: one bar per khóm/ấp, "Công dân số" as they stand.
    coverage.choose_table("coverage")
    click(qtbot, coverage, "report_coverage_toggle")
    assert coverage.stack.currentWidget() is coverage.chart
    assert len(coverage.chart.points) == len(coverage.model.table.rows)

    page.show_report("outcomes")
    assert page.current_panel() is page.panels["outcomes"]
    assert shown(page.panels["outcomes"])[0][0] == "Đã dùng VNeID"
    page.show_report("hardest")
    assert page.panels["hardest"].model.rowCount() == 0  # every answer right, no hints


def test_a_period_is_chosen_and_a_back_to_front_one_refused(qtbot, make_window, console_as):
    _, _, page = open_reports(qtbot, make_window, console_as)
    page.period.setCurrentIndex(PERIOD_KEYS.index("last_month"))
    assert page.busy
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    last = reports.Period.last_month(reports.local_today())
    assert page.reports.period == last
    assert page.reports.coverage.total.completed_skills == 0  # everything is this month's

    page.date_from.setDate(page.date_to.date().addDays(1))
    assert page.period.currentData() == "custom"
    qtbot.waitUntil(lambda: "Ngày bắt đầu phải trước" in page.status.text(), timeout=WAIT_MS)
    assert not page.busy


def test_an_export_writes_the_file_the_staff_member_asked_for(qtbot, make_window, console_as,
                                                             tmp_path):
    window, _, page = open_reports(qtbot, make_window, console_as)
    page.export_folder = tmp_path
    assert str(tmp_path) in page.folder_label.text()
    click(qtbot, page, "report_export_xlsx")
    qtbot.waitUntil(lambda: page.exporting is None, timeout=WAIT_MS)
    name = f"bao-cao-{page.reports.period.slug}.xlsx"
    assert page.last_export == tmp_path / name
    assert str(tmp_path / name) in page.status.text()
    sheet = load_workbook(tmp_path / name)["Bao phủ"]
    values = [row for row in sheet.iter_rows(values_only=True) if row[0] == reports.TOTAL]
    assert values[0][3:8] == (0, 0, 1, 2, 0)  # the commune's skills, in the skills' order

    click(qtbot, page, "report_export_csv")  # the table on screen
    qtbot.waitUntil(lambda: page.exporting is None, timeout=WAIT_MS)
    assert page.last_export.suffix == ".csv" and page.last_export.exists()
    click(qtbot, page, "report_export_xlsx")  # again: a new name, never over the first
    qtbot.waitUntil(lambda: page.exporting is None, timeout=WAIT_MS)
    assert page.last_export.name == name.replace(".xlsx", "-2.xlsx")

    with window.station.db() as session:
        details = [json.loads(e.detail) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.action == "report.export"))]
    assert [d["format"] for d in details] == ["xlsx", "csv", "xlsx"]
    assert details[1]["report"] == "coverage"


def test_a_failed_export_says_why_and_writes_nothing(qtbot, make_window, console_as,
                                                     tmp_path):
    _, _, page = open_reports(qtbot, make_window, console_as)
    page.export_folder = tmp_path / "unplugged-usb"
    click(qtbot, page, "report_export_pdf")
    qtbot.waitUntil(lambda: page.exporting is None, timeout=WAIT_MS)
    assert "không còn nữa" in page.status.text()
    assert page.status.property("role") == "error"
    assert not (tmp_path / "unplugged-usb").exists()
    assert visible_buttons(page, "report_export_pdf")[0].isEnabled()  # try another folder


def test_a_team_member_reads_reports_but_cannot_export(qtbot, make_window, console_as):
    _, _, page = open_reports(qtbot, make_window, console_as, StaffRole.TEAM_MEMBER)
    assert shown(page.panels["coverage"])[-1][0] == reports.TOTAL
    for fmt in ("xlsx", "csv", "pdf"):
        assert not page.findChildren(QPushButton, f"report_export_{fmt}")
    assert page.export("xlsx") is None


def test_the_console_answers_while_a_slow_report_runs(qtbot, make_window, console_as,
                                                      monkeypatch):
    release = threading.Event()
    started = threading.Event()

    def slow(*args, check=None, step=None, **kwargs):
        started.set()
        while not release.wait(0.01):
            check()  # raises operations.Cancelled once "Dừng" is pressed
        raise AssertionError("released without being stopped")

    monkeypatch.setattr(reports, "report_set", slow)
    window = make_window()
    _, console = console_as(StaffRole.ADMIN, page="reports", window=window)
    page = console.current_page()
    assert started.wait(5)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=WAIT_MS)  # events keep flowing
    timer.stop()
    assert page.busy and visible_buttons(page, "report_cancel")
    assert not visible_buttons(page, "report_export_xlsx")[0].isEnabled()
    # Staff can move around the console meanwhile.
    console.open_page("overview")
    console.open_page("reports")
    click(qtbot, page, "report_cancel")
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    release.set()
    assert page.status.text() == QCoreApplication.translate(
        "ReportsPage", "Stopped. Press “Make again” to make the reports.")
    assert not visible_buttons(page, "report_cancel")
    operations.wait_all()


def test_the_overview_counts_and_leads_to_the_reports(qtbot, make_window, console_as):
    window = make_window()
    teach(window)
    _, console = console_as(StaffRole.STAFF, window=window)
    page = console.current_page()
    assert type(page).__name__ == "OverviewPage"
    qtbot.waitUntil(lambda: page.overview is not None, timeout=WAIT_MS)
    assert page.figures["registered"].text() == "3"
    assert page.figures["active"].text() == "3"
    assert page.figures["skills"].text() == "3"
    assert page.figures["citizens"].text() == "0"
    by_skill = dict(page.by_skill.points)
    assert (by_skill["An toàn trên mạng"], by_skill["Thanh toán"], by_skill["Mua sắm"]) == \
        (2, 1, 0)
    click(qtbot, page, "overview_to_outcomes")
    reports_page = console.current_page()
    assert type(reports_page).__name__ == "ReportsPage"
    assert reports_page.current_panel() is reports_page.panels["outcomes"]
    qtbot.waitUntil(lambda: not reports_page.busy, timeout=WAIT_MS)
    # The raw value is there for whoever needs more than the text.
    panel = reports_page.panels["outcomes"]
    assert panel.model.index(0, 1).data(ValueRole) == 0
