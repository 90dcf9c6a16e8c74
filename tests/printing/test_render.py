"""Drawing a PDF onto a QPrinter: every page, landscape, filling the paper to the edge.

The printer here writes a PDF file, so what Qt would send to a printer can be read back
exactly; test_cups.py sends the same drawing to a real CUPS queue.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QSizeF
from PySide6.QtGui import QColor, QPageLayout
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from kiosk import printing
from ui.printing import MAX_RENDER_DPI, PrintError, page_layout, print_pdf


def file_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setFullPage(True)
    return printer


def read_back(pdf: Path) -> QPdfDocument:
    document = QPdfDocument()
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    return document


@pytest.mark.parametrize(("page", "size_mm"), [("A4", (297, 210)), ("A5", (210, 148))])
def test_every_page_is_printed_landscape_on_its_own_paper(qapp, make_pdf, tmp_path, page,
                                                          size_mm):
    source = make_pdf("Nguyễn Văn Một", "Lê Thị Hai", "Đỗ Ưng Ba", page=page)
    printed = tmp_path / "printed.pdf"
    pages_seen = []
    printer = file_printer(printed)
    assert print_pdf(source, printer, lambda n, total: pages_seen.append((n, total))) == 3
    assert pages_seen == [(1, 3), (2, 3), (3, 3)]
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    document = read_back(printed)
    assert document.pageCount() == 3
    for index in range(3):
        points = document.pagePointSize(index)
        assert round(points.width() / 72 * 25.4) == size_mm[0]
        assert round(points.height() / 72 * 25.4) == size_mm[1]


def test_the_page_is_filled_to_the_edge_without_margins(qapp, make_pdf, tmp_path):
    printed = tmp_path / "printed.pdf"
    print_pdf(make_pdf(), file_printer(printed))
    image = read_back(printed).render(0, QSize(297 * 2, 210 * 2))  # 2 px a millimetre
    frame = QColor.fromRgbF(0.1, 0.3, 0.6)
    # The source's blue frame runs along every edge: the corners and the edge middles of the
    # printed page are blue, the middle is white.
    for x, y in [(1, 1), (592, 1), (1, 418), (592, 418), (297, 2), (2, 210)]:
        pixel = image.pixelColor(x, y)
        assert abs(pixel.red() - frame.red()) < 25 and abs(pixel.blue() - frame.blue()) < 25, \
            (x, y, pixel.name())
    assert image.pixelColor(297, 100).lightness() > 240


def test_pages_are_rendered_at_the_printer_resolution_up_to_the_cap(qapp, make_pdf, tmp_path):
    printed = tmp_path / "printed.pdf"
    printer = file_printer(printed)
    printer.setResolution(150)
    print_pdf(make_pdf(), printer)
    assert printer.resolution() == 150
    assert MAX_RENDER_DPI == 300
    assert printed.stat().st_size > 10_000


def test_a_portrait_page_stays_portrait():
    layout = page_layout(QSizeF(595.3, 841.9))
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert layout.pageSize().name() == "A4"


def test_a_missing_or_broken_pdf_is_a_failure_for_staff(qapp, tmp_path):
    missing = tmp_path / "gone.pdf"
    with pytest.raises(PrintError) as caught:
        print_pdf(missing, file_printer(tmp_path / "out.pdf"))
    assert str(caught.value) == printing.pdf_missing(missing)
    assert not caught.value.keep_queued

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    with pytest.raises(PrintError) as caught:
        print_pdf(broken, file_printer(tmp_path / "out.pdf"))
    assert str(caught.value) == printing.pdf_unreadable(broken)
    assert not caught.value.keep_queued
