"""Reports written to XLSX, CSV and PDF, and read back: the figures in the files are the
figures of the report, cell by cell; Vietnamese survives; fonts are embedded; a failed
write loses nothing; an export is allowed and audited as the role says."""

from __future__ import annotations

import csv
import errno
import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kiosk import report_export
from kiosk.db.engine import open_database
from kiosk.db.models import AuditEntry, StaffRole, StaffUser
from kiosk.report_export import ExportError, Kind, format_count, format_percent
from kiosk.reports import (
    TOTAL,
    CoverageReport,
    CoverageRow,
    HardestStepsReport,
    OutcomeFigures,
    OutcomeQuestion,
    OutcomeReport,
    OutcomeRow,
    Period,
    Place,
    ReportSet,
    SessionReport,
    SessionRow,
    SkillFigures,
    StepRow,
)
from kiosk.skills import Skill
from kiosk.staff import NotAllowed, StaffUserInfo

NOVEMBER = Period.month(2026, 11)
ODD_NAME = "Khóm <Mỹ> & \"Hòa\""  # markup characters print as typed
MY = Place(1, ODD_NAME, population=1234, households=300)
DONG = Place(2, "Ấp Đông", population=None, households=None)


def _skills(cumulative: list[int]) -> dict[Skill, SkillFigures]:
    return {skill: SkillFigures(started=c + 2, completed=c // 2, cumulative=c)
            for skill, c in zip(Skill, cumulative, strict=True)}


@pytest.fixture
def made() -> ReportSet:
    my = CoverageRow(MY, _skills([120, 45, 60, 200, 151]), digital_citizens=12,
                     new_digital_citizens=3)
    dong = CoverageRow(DONG, _skills([7, 0, 1, 2, 3]), digital_citizens=0)
    total = CoverageRow(Place(None, TOTAL), _skills([127, 45, 61, 202, 154]),
                        digital_citizens=12, new_digital_citizens=3)
    coverage = CoverageReport(NOVEMBER, [my, dong], total, missing_population=1,
                              missing_households=1)
    questions = [OutcomeQuestion("vneid_activated", "Đã dùng VNeID",
                                 "Bà con đã có tài khoản VNeID chưa?", "Đã có"),
                 OutcomeQuestion("health_record_used", "Đã dùng sổ sức khỏe điện tử",
                                 "Bà con đã xem sổ sức khỏe điện tử chưa?", "Đã xem rồi")]
    outcomes = OutcomeReport(NOVEMBER, questions, [
        OutcomeRow(MY, {"vneid_activated": OutcomeFigures(8, 3),
                        "health_record_used": OutcomeFigures(0, 0)}),
        OutcomeRow(DONG, {"vneid_activated": OutcomeFigures(2, 2),
                          "health_record_used": OutcomeFigures(1, 0)}),
    ], OutcomeRow(Place(None, TOTAL), {"vneid_activated": OutcomeFigures(10, 5),
                                       "health_record_used": OutcomeFigures(1, 0)}))
    sessions = SessionReport(NOVEMBER, [SessionRow(4, "Trần Thị Lan", 3, 41, 30, 5)],
                             SessionRow(None, TOTAL, 3, 41, 30, 5))
    hardest = HardestStepsReport(NOVEMBER, [StepRow(
        "safety.otp-scam-calls", "Cuộc gọi lạ đòi mã OTP", 2, "decline",
        "Chạm vào nút “Từ chối” <ngay>", attempts=1500, wrong=600, hints=75)])
    return ReportSet(NOVEMBER, "Phường Châu Đốc", "Tỉnh An Giang", coverage, outcomes,
                     sessions, hardest, made_at=datetime(2026, 11, 29, 3, 0, tzinfo=UTC))


def table(made: ReportSet, key: str) -> report_export.Table:
    return next(t for s in report_export.sections(made) for t in s.tables if t.key == key)


# -- Tables ----------------------------------------------------------------------------

def test_vietnamese_figures():
    assert format_count(1234567) == "1.234.567"
    assert format_count(0) == "0"
    assert format_percent(0.1234) == "12,3%"
    assert format_percent(1.0) == "100,0%"
    assert format_percent(None) == ""  # not entered: blank, never "0,0%"


def test_the_coverage_summary_holds_the_reports_figures(made):
    summary = table(made, "coverage")
    headers = [c.header for c in summary.columns]
    assert headers[:3] == ["Khóm/ấp", "Dân số", "Số hộ"]
    assert "Công dân số / số hộ (ước tính)" in headers
    assert summary.rows[0] == (ODD_NAME, 1234, 300, 120, 45, 60, 200, 151, 12, 3,
                               pytest.approx(12 / 1234), pytest.approx(12 / 300))
    assert summary.rows[1][-2:] == (None, None)  # Ấp Đông has no figures entered
    assert summary.total[0] == TOTAL
    assert any("ước tính" in note for note in summary.notes)
    detail = table(made, "coverage.safety")
    assert detail.rows[0] == (ODD_NAME, 1234, 202, 100, 200, pytest.approx(200 / 1234))
    outcome = table(made, "outcomes")
    assert outcome.rows[0] == ("Đã dùng VNeID", 10, 5, 0.5)
    assert outcome.rows[1][3] == 0.0  # one answered, nobody said yes: 0 %
    assert table(made, "outcomes.health_record_used").rows[0][3] is None  # nobody answered


def test_file_names_follow_the_period(made, tmp_path):
    assert report_export.default_name(made, "xlsx") == "bao-cao-2026-11.xlsx"
    assert report_export.default_name(made, "csv", table(made, "coverage.safety")) == \
        "bao-cao-2026-11-bao-phu-tu-bao-ve-minh-tren-khong-gian-mang.csv"
    (tmp_path / "bao-cao-2026-11.xlsx").write_bytes(b"earlier")
    assert report_export.free_path(tmp_path, "bao-cao-2026-11.xlsx").name == \
        "bao-cao-2026-11-2.xlsx"


# -- XLSX ------------------------------------------------------------------------------

def _find_row(sheet, text: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == text)


def test_xlsx_holds_every_table_cell_by_cell(made, tmp_path):
    out = tmp_path / "report.xlsx"
    report_export.write_xlsx(made, out)
    book = load_workbook(out)
    assert book.sheetnames == ["Bao phủ", "Kết quả tự báo cáo", "Buổi học nhóm", "Bước khó"]
    coverage = book["Bao phủ"]
    assert coverage["A1"].value == "Phường Châu Đốc, Tỉnh An Giang"
    assert "Tháng 11/2026" in coverage["A3"].value
    for section in report_export.sections(made):
        sheet = book[report_export._SHEET_NAMES[section.key]]
        for shown in section.tables:
            top = _find_row(sheet, shown.title)
            grouped = any(c.group for c in shown.columns)
            header = top + (2 if grouped else 1)
            assert [sheet.cell(header, i + 1).value for i in range(len(shown.columns))] == \
                [c.header for c in shown.columns]
            for offset, row in enumerate(shown.all_rows, 1):
                for i, (value, column) in enumerate(zip(row, shown.columns, strict=True)):
                    cell = sheet.cell(header + offset, i + 1)
                    if isinstance(value, float):
                        assert cell.value == pytest.approx(value)
                    else:
                        assert cell.value == value, (shown.key, offset, column.header)
                    if column.kind is Kind.PERCENT and value is not None:
                        assert cell.number_format == "0.0%"
    # The figures a reader checks first, by hand.
    top = _find_row(coverage, "Bao phủ – tổng hợp")
    first = [c.value for c in coverage[top + 3]]
    assert first[:10] == [ODD_NAME, 1234, 300, 120, 45, 60, 200, 151, 12, 3]
    assert first[10] == pytest.approx(12 / 1234)
    second = [c.value for c in coverage[top + 4]]
    assert second[0] == "Ấp Đông" and second[1] is None and second[10] is None
    merged = [str(r) for r in coverage.merged_cells.ranges]
    assert f"D{top + 1}:H{top + 1}" in merged  # "Đã hoàn thành (lũy kế)" over five skills


# -- CSV -------------------------------------------------------------------------------

def test_csv_is_utf8_with_bom_and_reads_back(made, tmp_path):
    shown = table(made, "coverage")
    out = tmp_path / "report.csv"
    report_export.write_csv(shown, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][0] == "Khóm/ấp"
    assert rows[0][3] == "Đã hoàn thành (lũy kế): Dịch vụ công"
    assert rows[1] == [ODD_NAME, "1.234", "300", "120", "45", "60", "200", "151", "12", "3",
                       "1,0%", "4,0%"]
    assert rows[2][0] == "Ấp Đông" and rows[2][1] == "" and rows[2][-2:] == ["", ""]
    assert rows[3][0] == TOTAL
    assert len(rows) == 1 + len(shown.all_rows)


# -- PDF -------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdffonts")),
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")


@needs_poppler
def test_pdf_reads_back_in_vietnamese_with_every_font_embedded(made, tmp_path):
    out = tmp_path / "report.pdf"
    report_export.write_pdf(made, out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout
    for expected in ("Phường Châu Đốc, Tỉnh An Giang", "BÁO CÁO KỸ NĂNG SỐ CỘNG ĐỒNG",
                     "Tháng 11/2026", ODD_NAME, "Ấp Đông", "Công dân số", "1.234",
                     "Đã dùng sổ sức khỏe điện tử", "Trần Thị Lan",
                     "Chạm vào nút “Từ chối” <ngay>", "Tổng cộng", "Trang 1"):
        assert expected in text, expected
    assert "1,0%" in text and "50,0%" in text
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts, "no font listed"
    for line in fonts:
        name, embedded = line.split()[0], line.split()[-5]
        assert embedded == "yes", line
        assert "Helvetica" not in name and "NotoSans" in name, line


# -- Export: permission, audit, a safe write --------------------------------------------

@pytest.fixture
def db(tmp_path: Path):
    factory = open_database(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}", ["Khóm A"])
    yield factory
    factory.kw["bind"].dispose()


def staff(db, role: StaffRole) -> StaffUserInfo:
    with db.begin() as session:
        row = StaffUser(username=role.value, display_name="Cán bộ", role=role, pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, role)


def audit_log(db) -> list[tuple[str, dict]]:
    with db() as session:
        return [(e.action, json.loads(e.detail))
                for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_export_writes_the_file_and_audits_what_without_personal_data(db, made, tmp_path):
    actor = staff(db, StaffRole.STAFF)
    folder = tmp_path / "out"
    folder.mkdir()
    steps = []
    path = report_export.export(db, actor, made, "xlsx", folder / "bao-cao-2026-11.xlsx",
                                step=lambda done, total: steps.append(done))
    assert path.exists() and load_workbook(path).sheetnames[0] == "Bao phủ"
    assert steps == [1, 2, 3, 4]
    csv_path = report_export.export(db, actor, made, "csv", folder / "one.csv",
                                    table=table(made, "outcomes"))
    assert csv_path.read_text(encoding="utf-8-sig").startswith("Kết quả,")
    assert audit_log(db) == [
        ("report.export", {"report": "all", "format": "xlsx", "period_start": "2026-11-01",
                           "period_end": "2026-11-30", "file": "bao-cao-2026-11.xlsx"}),
        ("report.export", {"report": "outcomes", "format": "csv",
                           "period_start": "2026-11-01", "period_end": "2026-11-30",
                           "file": "one.csv"}),
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["bao-cao-2026-11.xlsx", "one.csv"]


def test_a_team_member_may_not_export(db, made, tmp_path):
    with pytest.raises(NotAllowed, match="không được phép"):
        report_export.export(db, staff(db, StaffRole.TEAM_MEMBER), made, "pdf",
                             tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert audit_log(db) == []


@pytest.mark.parametrize(("code", "said"), [
    (errno.ENOSPC, "Ổ đĩa đã đầy"),
    (errno.EROFS, "chỉ đọc"),
    (errno.EACCES, "không có quyền ghi"),
])
def test_a_failed_write_loses_nothing(db, made, tmp_path, monkeypatch, code, said):
    """A full disk, a read-only USB stick, a folder of someone else's (the tests run as
    root, who may write anywhere, so the failure is made where the file is written)."""
    actor = staff(db, StaffRole.ADMIN)
    earlier = tmp_path / "bao-cao-2026-11.pdf"
    earlier.write_bytes(b"the report sent last week")

    def failing(reports, out, step=None):
        Path(out).write_bytes(b"half a rep")
        raise OSError(code, "the system's words")

    monkeypatch.setattr(report_export, "write_pdf", failing)
    with pytest.raises(ExportError, match=said):
        report_export.export(db, actor, made, "pdf", earlier)
    assert earlier.read_bytes() == b"the report sent last week"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert audit_log(db) == []


def test_a_missing_folder_is_said_in_vietnamese(db, made, tmp_path):
    with pytest.raises(ExportError, match="không còn nữa"):
        report_export.export(db, staff(db, StaffRole.ADMIN), made, "csv",
                             tmp_path / "gone" / "x.csv", table=table(made, "coverage"))
    assert audit_log(db) == []


def test_a_period_of_days_names_its_file_by_both_dates(made):
    custom = Period(date(2026, 11, 3), date(2026, 11, 20))
    assert report_export.default_name(
        ReportSet(custom, "", "", made.coverage, made.outcomes, made.sessions, made.hardest),
        "pdf") == "bao-cao-2026-11-03_2026-11-20.pdf"
