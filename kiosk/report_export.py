"""Reports as tables, and those tables written to XLSX, CSV and PDF.

`sections(report_set)` lays each report out as titled tables with Vietnamese headers; the
console's table views, the chart and every file format read the same tables, so a figure on
screen is the figure in the file. Numbers stay numbers in XLSX (with number formats) and
read the Vietnamese way everywhere else: "1.234" and "12,5%".

Files are written to a temporary file beside the target and moved into place only once
complete, so a full disk or a read-only folder leaves no half-written report and never
spoils an earlier file of the same name. `export` checks the staff member's permission and
writes the audit entry ("report.export": which report, period, format; never personal
data) in the same transaction as the file is put in place.
"""

from __future__ import annotations

import csv
import errno
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from sqlalchemy.exc import SQLAlchemyError

from kiosk.paths import RESOURCES
from kiosk.reports import (
    CoverageReport,
    HardestStepsReport,
    OutcomeReport,
    ReportSet,
    SessionReport,
)
from kiosk.residents import Db
from kiosk.skills import Skill
from kiosk.staff import Permission, StaffUserInfo, audit, require
from kiosk.text import fold

# -- Tables ------------------------------------------------------------------------------


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    PERCENT = "percent"  # a share from 0 to 1


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.COUNT
    group: str = ""  # a heading over several columns ("Đã hoàn thành (lũy kế)")


@dataclass(frozen=True)
class Table:
    key: str  # "coverage", "coverage.safety", "outcomes.vneid_activated", ...
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    total: tuple | None = None
    notes: tuple[str, ...] = ()
    chart: int | None = None  # the column worth a bar chart, one bar per row

    @property
    def all_rows(self) -> tuple[tuple, ...]:
        return (*self.rows, self.total) if self.total is not None else self.rows

    @property
    def slug(self) -> str:
        return slug(self.title)


@dataclass(frozen=True)
class Section:
    key: str  # one of kiosk.reports.REPORT_KEYS
    title: str
    tables: tuple[Table, ...]


SHORT_SKILL = {
    Skill.PUBLIC_SERVICES: "Dịch vụ công",
    Skill.SHOPPING: "Mua sắm",
    Skill.PAYMENT: "Thanh toán",
    Skill.SAFETY: "An toàn trên mạng",
    Skill.PLATFORMS: "Nền tảng số",
}
PLACE = Column("Khóm/ấp", Kind.TEXT)
REPORT_TITLE = "Báo cáo kỹ năng số cộng đồng"


def format_count(value: int | None) -> str:
    """12345 -> "12.345" (Vietnamese writes thousands with a dot); None -> ""."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def format_percent(value: float | None) -> str:
    """0.1234 -> "12,3%" (one decimal, decimal comma); None (unknown) -> ""."""
    return "" if value is None else f"{value * 100:.1f}".replace(".", ",") + "%"


def format_cell(value, kind: Kind) -> str:
    if kind is Kind.COUNT:
        return format_count(value)
    if kind is Kind.PERCENT:
        return format_percent(value)
    return "" if value is None else str(value)


def slug(text: str) -> str:
    """A file-name form of a Vietnamese title: "Bao phủ – Mua sắm" -> "bao-phu-mua-sam"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _coverage_tables(report: CoverageReport) -> list[Table]:
    end = f"{report.period.end:%d/%m/%Y}"
    done = "Đã hoàn thành (lũy kế)"
    citizen = "Công dân số (đủ 5 kỹ năng)"
    columns = (PLACE, Column("Dân số"), Column("Số hộ"),
               *(Column(SHORT_SKILL[s], group=done) for s in Skill),
               Column("Công dân số", group=citizen),
               Column("Công dân số mới trong kỳ", group=citizen),
               Column("Công dân số / dân số", Kind.PERCENT, citizen),
               Column("Công dân số / số hộ (ước tính)", Kind.PERCENT, citizen))

    def summary(row) -> tuple:
        place = row.place
        return (place.name, place.population, place.households,
                *(row.skills[s].cumulative for s in Skill), row.digital_citizens,
                row.new_digital_citizens, row.digital_share, row.household_estimate)

    notes = [f"Lũy kế: tính đến hết ngày {end}. “Công dân số”: người đã hoàn thành cả "
             "5 kỹ năng.",
             "Công dân số / số hộ (ước tính): coi như mỗi Công dân số ở một hộ khác nhau "
             "(trạm không ghi nhận hộ gia đình), tối đa 100%."]
    if report.missing_population or report.missing_households:
        notes.append("Ô tỷ lệ để trống: khóm/ấp chưa nhập dân số hoặc số hộ (nhập trong "
                     "Cài đặt); dòng tổng cộng chỉ có tỷ lệ khi mọi khóm/ấp đã nhập.")
    tables = [Table("coverage", "Bao phủ – tổng hợp", columns,
                    tuple(summary(r) for r in report.rows), summary(report.total),
                    tuple(notes), chart=8)]
    for skill in Skill:
        def detail(row, skill=skill) -> tuple:
            figures = row.skills[skill]
            return (row.place.name, row.place.population, figures.started, figures.completed,
                    figures.cumulative, row.share(skill))

        tables.append(Table(
            f"coverage.{skill.value}", f"Bao phủ – {skill.title}",
            (PLACE, Column("Dân số"), Column("Bắt đầu trong kỳ"),
             Column("Hoàn thành trong kỳ"), Column(done), Column("% dân số", Kind.PERCENT)),
            tuple(detail(r) for r in report.rows), detail(report.total),
            (f"Hoàn thành: đã qua bài kiểm tra cuối kỹ năng. Lũy kế: tính đến hết ngày "
             f"{end}.",), chart=4))
    return tables


def _outcome_tables(report: OutcomeReport) -> list[Table]:
    end = f"{report.period.end:%d/%m/%Y}"
    note = (f"Người học tự trả lời ở cuối bài học; tính các câu trả lời đến hết ngày {end}, "
            "mỗi người một câu trả lời mới nhất.")
    total = report.total.figures
    tables = [Table(
        "outcomes", "Kết quả tự báo cáo – toàn xã/phường",
        (Column("Kết quả", Kind.TEXT), Column("Đã trả lời"), Column("Trả lời “có”"),
         Column("Tỷ lệ", Kind.PERCENT)),
        tuple((q.label, total[q.key].answered, total[q.key].yes, total[q.key].rate)
              for q in report.questions), None, (note,), chart=3)]
    for q in report.questions:
        def row(r, key=q.key) -> tuple:
            f = r.figures[key]
            return (r.place.name, f.answered, f.yes, f.rate)

        tables.append(Table(
            f"outcomes.{q.key}", f"Kết quả – {q.label}",
            (PLACE, Column("Đã trả lời"), Column(f"Trả lời “{q.yes}”"),
             Column("Tỷ lệ", Kind.PERCENT)),
            tuple(row(r) for r in report.rows), row(report.total),
            (f"Câu hỏi: {q.question}", note), chart=3))
    return tables


def _session_table(report: SessionReport) -> Table:
    def row(r) -> tuple:
        return (r.name, r.sessions, r.attendances, r.people, r.lessons)

    return Table(
        "sessions", "Buổi học nhóm theo người dẫn",
        (Column("Người dẫn", Kind.TEXT), Column("Số buổi"), Column("Lượt tham dự"),
         Column("Số người"), Column("Số bài học")),
        tuple(row(r) for r in report.rows), row(report.total),
        ("Buổi học bắt đầu trong kỳ. Lượt tham dự: mỗi người tính một lần mỗi buổi; "
         "số người: mỗi người tính một lần.",), chart=1)


def _hardest_table(report: HardestStepsReport) -> Table:
    return Table(
        "hardest", "Các bước trả lời sai và dùng gợi ý nhiều nhất",
        (Column("Hạng"), Column("Bài học", Kind.TEXT), Column("Bước"),
         Column("Nội dung bước", Kind.TEXT), Column("Lượt trả lời"), Column("Trả lời sai"),
         Column("Gợi ý đã dùng"), Column("Tỷ lệ sai", Kind.PERCENT)),
        tuple((rank, r.lesson_title, r.step_index + 1, r.prompt, r.attempts, r.wrong, r.hints,
               r.wrong_rate) for rank, r in enumerate(report.rows, 1)),
        None, ("Xếp theo số lần trả lời sai cộng số gợi ý đã dùng trong kỳ.",))


def sections(reports: ReportSet) -> list[Section]:
    return [
        Section("coverage", "Bao phủ theo khóm/ấp và kỹ năng",
                tuple(_coverage_tables(reports.coverage))),
        Section("outcomes", "Kết quả tự báo cáo", tuple(_outcome_tables(reports.outcomes))),
        Section("sessions", "Buổi học nhóm", (_session_table(reports.sessions),)),
        Section("hardest", "Các bước khó nhất", (_hardest_table(reports.hardest),)),
    ]


def heading(reports: ReportSet) -> list[str]:
    """The lines above every exported report: who, what, when."""
    made = reports.made_at.astimezone()
    place = ", ".join(p for p in (reports.commune, reports.province) if p)
    return [place, REPORT_TITLE.upper(), f"Kỳ báo cáo: {reports.period.label} "
            f"({reports.period.start:%d/%m/%Y} – {reports.period.end:%d/%m/%Y})",
            f"Lập lúc {made:%H:%M} ngày {made:%d/%m/%Y}"]


def _header_text(column: Column) -> str:
    return f"{column.group}: {column.header}" if column.group else column.header


# -- Writers -----------------------------------------------------------------------------

Step = Callable[[int, int], None] | None


def write_csv(table: Table, out: Path) -> None:
    """One table, UTF-8 with a byte-order mark so Excel shows Vietnamese; figures as they
    read on screen."""
    with open(out, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([_header_text(c) for c in table.columns])
        for row in table.all_rows:
            writer.writerow([format_cell(v, c.kind) for v, c in zip(row, table.columns,
                                                                     strict=True)])


_SHEET_NAMES = {"coverage": "Bao phủ", "outcomes": "Kết quả tự báo cáo",
                "sessions": "Buổi học nhóm", "hardest": "Bước khó"}
_FORMATS = {Kind.COUNT: "#,##0", Kind.PERCENT: "0.0%"}


def write_xlsx(reports: ReportSet, out: Path | BinaryIO, step: Step = None) -> None:
    """A workbook with a sheet per report, its tables one under another; counts and
    shares stay numbers (formatted as such), unknown shares are empty cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    done_sections = sections(reports)
    for number, section in enumerate(done_sections, 1):
        sheet = book.create_sheet(_SHEET_NAMES.get(section.key, section.key)[:31])
        lines = heading(reports)
        for line in lines:
            sheet.append([line])
        sheet["A2"].font = Font(bold=True, size=14)
        sheet.append([section.title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
        widths: dict[int, int] = {}
        for table in section.tables:
            sheet.append([])
            sheet.append([table.title])
            sheet.cell(sheet.max_row, 1).font = bold
            if any(c.group for c in table.columns):
                sheet.append([c.group for c in table.columns])
                top = sheet.max_row
                start = None
                for i, column in enumerate([*table.columns, Column("")], 1):
                    if start is not None and column.group != table.columns[start - 1].group:
                        if i - 1 > start:
                            sheet.merge_cells(start_row=top, start_column=start,
                                              end_row=top, end_column=i - 1)
                        start = None
                    if start is None and column.group:
                        start = i
                for cell in sheet[top]:
                    cell.font = bold
                    cell.alignment = Alignment(horizontal="center")
            sheet.append([c.header for c in table.columns])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for index, row in enumerate(table.all_rows):
                sheet.append(list(row))
                for cell, column in zip(sheet[sheet.max_row], table.columns, strict=False):
                    if column.kind in _FORMATS:
                        cell.number_format = _FORMATS[column.kind]
                    if table.total is not None and index == len(table.rows):
                        cell.font = bold
            for i, column in enumerate(table.columns, 1):
                longest = max([len(column.header), *(len(format_cell(r[i - 1], column.kind))
                                                     for r in table.all_rows)])
                widths[i] = max(widths.get(i, 8), min(longest + 2, 60 if i == 1 else 40))
            for note in table.notes:
                sheet.append([note])
        for i, width in widths.items():
            sheet.column_dimensions[get_column_letter(i)].width = width
        if step:
            step(number, len(done_sections))
    book.properties.title = f"{REPORT_TITLE} – {reports.period.label}"
    book.properties.creator = "Trạm Kỹ năng số"
    book.save(out)


# PDF: the bundled Noto Sans, embedded; never reportlab's Helvetica.
_FONT_DIR = RESOURCES / "fonts"
_REGULAR, _BOLD = "NotoSans", "NotoSans-Bold"


@functools.cache
def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(_REGULAR, str(_FONT_DIR / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(_BOLD, str(_FONT_DIR / "NotoSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(_REGULAR, normal=_REGULAR, bold=_BOLD, italic=_REGULAR,
                                  boldItalic=_BOLD)


def write_pdf(reports: ReportSet, out: Path | BinaryIO, step: Step = None) -> None:
    """A4 landscape: the heading, then each report's tables (headers repeated on each
    page). Text is escaped before it meets reportlab's markup, so names holding "<" or
    "&" print as typed."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Table as PdfTable

    _register_fonts()
    page = landscape(A4)
    margin = 12 * mm
    width = page[0] - 2 * margin

    def style(name: str, size: float, font: str = _REGULAR, leading: float = 1.3,
              **more) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * leading,
                              **more)

    title, lead, section_style = style("t", 16, _BOLD), style("l", 10.5), style("s", 13, _BOLD)
    table_title, note = style("tt", 11, _BOLD), style("n", 8.5, textColor=colors.HexColor(
        "#444444"))
    # Table text set close: two tables of a dozen khóm/ấp share a page.
    cell, cell_bold = style("c", 8, leading=1.2), style("cb", 8, _BOLD, leading=1.2)
    number = style("r", 8, leading=1.2, alignment=2)
    number_bold = style("rb", 8, _BOLD, leading=1.2, alignment=2)

    def text(value: str, chosen: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(value), chosen)

    def pdf_table(table: Table) -> PdfTable:
        grouped = any(c.group for c in table.columns)
        data = []
        if grouped:
            data.append([text(c.group, cell_bold) for c in table.columns])
        data.append([text(c.header, number_bold if c.kind is not Kind.TEXT else cell_bold)
                     for c in table.columns])
        for index, row in enumerate(table.all_rows):
            is_total = table.total is not None and index == len(table.rows)
            data.append([
                text(format_cell(v, c.kind),
                     (number_bold if is_total else number) if c.kind is not Kind.TEXT
                     else (cell_bold if is_total else cell))
                for v, c in zip(row, table.columns, strict=True)])
        widths = _column_widths(table, width, cell.fontSize)
        header_rows = 2 if grouped else 1
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), _REGULAR),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9DB3AC")),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E3EEEA")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if grouped:  # one cell over the columns of a group
            start = None
            for i, column in enumerate([*table.columns, Column("")]):
                if start is not None and column.group != table.columns[start].group:
                    if i - 1 > start:
                        commands.append(("SPAN", (start, 0), (i - 1, 0)))
                    start = None
                if start is None and column.group:
                    start = i
        if table.total is not None:
            commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F4F7F6")))
        return PdfTable(data, colWidths=widths, repeatRows=header_rows,
                        style=TableStyle(commands), hAlign="LEFT")

    story: list = [text(", ".join(p for p in (reports.commune, reports.province) if p), lead),
                   text(REPORT_TITLE.upper(), title)]
    story += [text(line, lead) for line in heading(reports)[2:]]
    done_sections = sections(reports)
    for number_done, section in enumerate(done_sections, 1):
        # Titles, and the notes that say how to read a table, never end a page without
        # the table; the report's title goes with its first table.
        above = [Spacer(1, 6 * mm), text(section.title, section_style)]
        for table in section.tables:
            story.append(KeepTogether([*above, Spacer(1, 2 * mm), text(table.title, table_title),
                                       *(text(n, note) for n in table.notes),
                                       Spacer(1, 1.5 * mm), pdf_table(table)]))
            above = []
        if step:
            step(number_done, len(done_sections))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(_REGULAR, 8)
        canvas.drawRightString(page[0] - margin, 7 * mm, f"Trang {doc.page}")
        canvas.drawString(margin, 7 * mm, f"{REPORT_TITLE} – {reports.period.label}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        str(out) if isinstance(out, str | Path) else out, pagesize=page,
        leftMargin=margin, rightMargin=margin, topMargin=10 * mm,
        bottomMargin=12 * mm, title=f"{REPORT_TITLE} – {reports.period.label}",
        author=reports.commune, creator="Trạm Kỹ năng số", lang="vi",
        initialFontName=_REGULAR, initialFontSize=10)
    document.build(story, onFirstPage=footer, onLaterPages=footer)


def _column_widths(table: Table, width: float, size: float) -> list[float]:
    """As narrow as the content allows: a number column fits its widest figure and its
    header in two lines at most (wrapped between words, never inside one); text columns
    fit their longest text, and share what is left (and wrap) when the page is too narrow
    for all of them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pad = 14.0  # the cell's own padding, 6 points a side, and a little air

    def measure(text: str) -> float:
        return stringWidth(text, _BOLD, size)

    widths: list[float] = []
    texts: dict[int, float] = {}  # text column -> its mean width
    for i, column in enumerate(table.columns):
        values = [format_cell(r[i], column.kind) for r in table.all_rows]
        if column.kind is Kind.TEXT:
            measured = [measure(v) for v in values] or [0.0]
            texts[i] = sum(measured) / len(measured) + pad
            widths.append(max(measure(column.header), *measured) + pad)
            continue
        words = [measure(w) for w in column.header.split()]
        widths.append(min(max([*words, measure(column.header) / 2, *map(measure, values),
                               30.0]) + pad, 90.0))
    spare = width - sum(w for i, w in enumerate(widths) if i not in texts)
    if texts and sum(widths[i] for i in texts) > spare:
        # Shared by their mean widths, so that a row's texts wrap to about as many lines.
        whole = sum(texts.values())
        for i, mean in texts.items():
            widths[i] = max(min(widths[i], spare * mean / whole), 40.0)
    return widths


# -- Export, with permission, audit and a safe write -------------------------------------

FORMATS = ("xlsx", "csv", "pdf")


class ExportError(Exception):
    """The report could not be saved; the message is Vietnamese, for staff."""


def default_name(reports: ReportSet, fmt: str, table: Table | None = None) -> str:
    """bao-cao-2026-11.xlsx; a CSV holds one table, named after it."""
    middle = f"-{table.slug}" if fmt == "csv" and table is not None else ""
    return f"bao-cao-{reports.period.slug}{middle}.{fmt}"


def free_path(folder: Path, name: str) -> Path:
    """`name` in `folder`, or name-2, name-3... when taken: an export never overwrites."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def _write_message(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return ("Ổ đĩa đã đầy nên không lưu được báo cáo. Hãy giải phóng chỗ trống hoặc "
                "chọn nơi lưu khác (ví dụ USB).")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Không ghi được vào thư mục “{folder}” (thư mục chỉ đọc hoặc không có "
                "quyền ghi). Hãy chọn thư mục khác.")
    if exc.errno == errno.ENOENT:
        return f"Thư mục “{folder}” không còn nữa. Hãy chọn thư mục khác."
    return f"Không lưu được báo cáo vào “{folder}”: {exc.strerror or exc}."


def export(db: Db, actor: StaffUserInfo, reports: ReportSet, fmt: str, path: Path, *,
           table: Table | None = None, step: Step = None) -> Path:
    """Write the reports (a CSV: `table` alone) to `path` and audit it. Raises NotAllowed
    without EXPORT_REPORTS and ExportError (Vietnamese) when the file cannot be written;
    an existing file at `path` is only replaced by a complete new one."""
    require(actor, Permission.EXPORT_REPORTS)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "csv" and table is None:
        raise ValueError("a CSV export needs the table to write")
    path = Path(path)
    partial = path.with_name(f".{path.name}.part")
    try:
        if fmt == "csv":
            write_csv(table, partial)
            if step:
                step(1, 1)
        elif fmt == "xlsx":
            write_xlsx(reports, partial, step)
        else:
            write_pdf(reports, partial, step)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(_write_message(exc, path.parent)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    placed = False
    try:
        with db.begin() as session:
            audit(session, actor, "report.export",
                  report=table.key if fmt == "csv" else "all", format=fmt,
                  period_start=reports.period.start.isoformat(),
                  period_end=reports.period.end.isoformat(), file=path.name)
            session.flush()
            try:
                os.replace(partial, path)
            except OSError as exc:
                raise ExportError(_write_message(exc, path.parent)) from exc
            placed = True
    except SQLAlchemyError as exc:
        if placed:
            path.unlink(missing_ok=True)
        raise ExportError("Không ghi được nhật ký thao tác nên báo cáo chưa được lưu. "
                          "Hãy thử lại.") from exc
    finally:
        partial.unlink(missing_ok=True)
    return path

