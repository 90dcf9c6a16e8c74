"""The printed certificate: one landscape page (A4 or A5) per certificate, drawn with reportlab.

Choices that are easy to undo by accident:

- **Fonts.** reportlab's default Helvetica cannot draw Vietnamese and is never embedded. The
  bundled Noto Sans files are registered once per process and given to the canvas as its
  *initial* font, so no page ever names Helvetica and every font in the file is embedded
  (a subset of it).
- **Text is drawn as canvas text, never as Paragraph markup**, so a name holding `<`, `&` or
  quotes prints exactly as typed, and pdftotext reads back exactly what was drawn.
- **Nothing is ever cut.** Names, hamlets, communes and signers are shrunk to fit, then
  wrapped (a name onto two balanced lines first); the layout below them moves to make room.
- **The QR code is vector squares** from the `qrcode` package's matrix, 25 mm wide, larger
  only when its modules would otherwise be too small to read from a 150 dpi scan; error
  correction M for short tokens, L when L makes the modules bigger (see QR_M_MODULE_MM).

The layout is designed on A4 in millimetres and scaled for A5; type scales a little less
than the page so that A5 stays readable, and the QR code keeps its printed size.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

import qrcode
from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.certificates import CertificateData, CertificateKind
from kiosk.paths import RESOURCES

__all__ = [
    "PAGE_SIZES", "QR_MIN_MODULE_MM", "QR_M_MODULE_MM", "QR_WIDTH_MM",
    "QrCode", "long_date", "qr_code", "qr_penalty", "render", "short_date",
]

log = logging.getLogger(__name__)

MM = 72 / 25.4  # PDF points in a millimetre

#: Paper, landscape, in millimetres (width, height).
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": (297.0, 210.0), "A5": (210.0, 148.0)}

#: Printed width of the QR code for a typical token (the token format is sized for it).
QR_WIDTH_MM = 25.0
#: Error correction M only when its modules are at least this big at QR_WIDTH_MM, else L.
#: On a 150 dpi scan the module size matters more than the error correction: rendered,
#: blurred by 0.8 px, greyed and noised, six typical tokens all decoded as L (49 modules,
#: 0.51 mm, 3.0 px) and two of six as M (57 modules, 0.44 mm, 2.6 px).
QR_M_MODULE_MM = 0.50
#: The smallest module printed, 2.5 px at 150 dpi; a token that would need smaller modules
#: at QR_WIDTH_MM grows the code instead.
QR_MIN_MODULE_MM = 0.42

FONT_DIR = RESOURCES / "fonts"
REGULAR, BOLD, ITALIC = "NotoSans", "NotoSans-Bold", "NotoSans-Italic"
_FONT_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
}
# Noto Sans's vertical metrics, in ems: enough room for "Ẩ" above and "g" below.
_ASCENT, _DESCENT = 1.0, 0.27

RED = HexColor("#9A1B1E")
GOLD = HexColor("#B38B36")
NAVY = HexColor("#1B365F")
INK = HexColor("#1F1F1F")
MUTED = HexColor("#4A4A4A")

# Printed words, in one place.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "GIẤY CHỨNG NHẬN"
SUBTITLE_SKILL = "Hoàn thành kỹ năng số cơ bản"
SUBTITLE_ALL = "CÔNG DÂN SỐ"
AWARDED_TO = "Chứng nhận ông/bà"
VERIFY_LINE = (
    "Kiểm tra giấy chứng nhận này: quét mã QR bằng máy của xã, "
    "hoặc gõ lệnh kiosk verify kèm nội dung mã QR."
)
# Words that name the kind of commune; the place in the date line is the name without them.
_UNIT_WORDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "xã")


def render(
    certs: Sequence[tuple[CertificateData, str]],
    out: Path | BinaryIO,
    page: str = "A4",
    logo: Path | None = None,
) -> None:
    """Write one PDF with a landscape page per certificate, each with its token's QR code.

    `page` is "A4" or "A5"; `logo` an image file (PNG or JPEG) printed at the top, or None.
    A logo that cannot be read is left out with a warning: the certificate matters more.
    """
    size = PAGE_SIZES.get(page.upper())
    if size is None:
        raise ValueError(f"unknown page size {page!r}; expected one of {sorted(PAGE_SIZES)}")
    if not certs:
        raise ValueError("no certificate to render")
    _register_fonts()
    width, height = size[0] * MM, size[1] * MM
    target = str(out) if isinstance(out, Path) else out
    canvas = Canvas(
        target,
        pagesize=(width, height),
        initialFontName=REGULAR,  # never Helvetica: it is neither Vietnamese nor embedded
        initialFontSize=12,
        pageCompression=1,
        lang="vi",
    )
    first = certs[0][0]
    canvas.setTitle(TITLE.capitalize() if len(certs) > 1 else _title_of(first))
    canvas.setAuthor(_clean(first.commune))
    canvas.setCreator("Trạm Kỹ năng số")
    image = _read_logo(logo)
    for cert, token in certs:
        _Sheet(canvas, size, image).draw(cert, token)
        canvas.showPage()
    canvas.save()


# --- fonts and text -----------------------------------------------------------------------


@functools.cache
def _register_fonts() -> None:
    """Register the bundled Noto Sans faces with reportlab, once per process."""
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD)


def _clean(text: str) -> str:
    """NFC (a name typed with combining marks prints as the stored letters), one line."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken between letters, never cut."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and _width(line + char, font, size) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines or [""]


def _block_height(lines: int, size: float, leading: float = 1.3) -> float:
    """Height of `lines` lines of type `size`, from the top of the first to below the last."""
    return ((lines - 1) * leading + _ASCENT + _DESCENT) * size


def _fit(text: str, font: str, size: float, width: float,
         min_size: float) -> tuple[float, list[str]]:
    """One line, shrunk from `size` down to `min_size` if need be; then wrapped at `min_size`."""
    needed = _width(text, font, 1.0)
    fitting = min(size, width / needed) if needed else size
    if fitting >= min_size:
        return fitting, [text]
    return min_size, _wrap(text, font, min_size, width)


def _fit_name(name: str, width: float, size: float, one_line_min: float,
              two_line_size: float, min_size: float) -> tuple[float, list[str]]:
    """The resident's name: one line if it stays big, else two balanced lines, else more."""
    fitting, lines = _fit(name, BOLD, size, width, one_line_min)
    if len(lines) == 1:
        return fitting, lines
    words = name.split(" ")
    best: tuple[float, list[str]] | None = None
    for cut in range(1, len(words)):
        pair = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(_width(part, BOLD, 1.0) for part in pair)
        if best is None or widest < best[0]:
            best = (widest, pair)
    if best is not None:
        fitting = min(two_line_size, width / best[0])
        if fitting >= min_size:
            return fitting, best[1]
    return min_size, _wrap(name, BOLD, min_size, width)


def _title_of(cert: CertificateData) -> str:
    what = "Công dân số" if cert.kind is CertificateKind.ALL_SKILLS else cert.skills[0].title
    return f"Giấy chứng nhận {what} - {_clean(cert.resident_name)}"


def _place_of(commune: str) -> str:
    """"Phường Châu Đốc" -> "Châu Đốc": the place name that opens the date line."""
    text = _clean(commune)
    lowered = text.casefold()
    for word in _UNIT_WORDS:
        if lowered.startswith(word + " ") and len(text) > len(word) + 1:
            return text[len(word) + 1:]
    return text


def long_date(day: date) -> str:
    """"ngày 29 tháng 11 năm 2026". Days under 10 and the months 1 and 2 take a leading
    zero, as the rules for administrative documents ask (ngày 05 tháng 02, tháng 3)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- the QR code --------------------------------------------------------------------------


@dataclass(frozen=True)
class QrCode:
    """The modules of a token's QR code (rows from the top, no quiet zone) and its printed width."""

    modules: list[list[bool]]
    width_mm: float
    error_correction: str  # "M" or "L"

    @property
    def module_mm(self) -> float:
        return self.width_mm / len(self.modules)


def qr_code(token: str) -> QrCode:
    """Error correction M when its modules are at least QR_M_MODULE_MM at QR_WIDTH_MM, else
    L; printed QR_WIDTH_MM wide unless L's modules would then be under QR_MIN_MODULE_MM."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(token)  # split into alphanumeric and byte segments where that is shorter
    level = "M"
    if (17 + 4 * code.best_fit()) * QR_M_MODULE_MM > QR_WIDTH_MM:
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_L, border=0)
        code.add_data(token)
        level = "L"
    count = 17 + 4 * code.best_fit()
    width = max(QR_WIDTH_MM, count * QR_MIN_MODULE_MM)
    return QrCode(_best_masked(code), width, level)


def _best_masked(code: qrcode.QRCode) -> list[list[bool]]:
    """Build the symbol with each of the eight masks and keep the one with the lowest
    penalty (ISO/IEC 18004, 7.8.3), scoring it with `qr_penalty`.

    qrcode's `make()` does the same, but its pure-Python scoring took half of a
    certificate's time; `qr_penalty` gives the same scores as qrcode's
    (tests/core/test_certificate_pdf.py) several times faster, which keeps a batch of 100
    certificates well under 2 s. Unlike qrcode, the symbol is scored with its real format
    bits rather than with them left light, as the printed symbol will be.
    """
    best: tuple[int, list[list[bool]]] | None = None
    for mask in range(8):
        code.mask_pattern = mask
        code.make(fit=False)  # the encoded data is kept between masks
        modules = code.get_matrix()  # border 0: the symbol itself, rebuilt by every make()
        score = qr_penalty(modules)
        if best is None or score < best[0]:
            best = (score, modules)
    assert best is not None
    return best[1]


_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_RUNS = (re.compile(rb"00000+"), re.compile(rb"11111+"))  # 4x faster than "0{5,}|1{5,}"
_FINDER_LIKE = (b"10111010000", b"00001011101")  # 1:1:3:1:1 with four light modules


def qr_penalty(modules: list[list[bool]]) -> int:
    """The mask penalty of ISO/IEC 18004 (7.8.3.1): runs of five or more modules of one
    colour, 2 x 2 blocks, finder-like 1:1:3:1:1 patterns with four light modules, and the
    balance of dark and light; computed on rows as strings and integers."""
    n = len(modules)
    rows = [bytes(row).translate(_AS_DIGITS) for row in modules]
    columns = [bytes(column).translate(_AS_DIGITS) for column in zip(*modules, strict=True)]
    lines = b"|".join(rows + columns)  # one string: two regex scans instead of 4n
    score = sum(len(run) - 2 for runs in _RUNS for run in runs.findall(lines))
    # Neither pattern can overlap itself, so counting them one by one misses none.
    score += 40 * sum(lines.count(pattern) for pattern in _FINDER_LIKE)
    values = [int(row, 2) for row in rows]
    full = (1 << n) - 1
    for upper, lower in itertools.pairwise(values):
        dark, light = upper & lower, ~(upper | lower) & full
        score += 3 * ((dark & dark >> 1).bit_count() + (light & light >> 1).bit_count())
    dark_share = sum(row.count(b"1") for row in rows) / (n * n)
    score += 10 * int(abs(dark_share * 100 - 50) / 5)
    return score


def _draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, width: float) -> None:
    """Draw the modules as one filled path of horizontal runs, bottom-left at (x, y).

    One path, not a rectangle per module: the file stays small and renderers show no seams.
    The path is written in whole module units under a scaling transform, because
    reportlab's float formatting of ~1,000 rectangles per page costs more than the rest of
    the page.
    """
    n = len(matrix)
    runs: list[str] = []
    for row_index, row in enumerate(matrix):
        bottom = n - 1 - row_index
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append(f"{start} {bottom} {col - start} 1 re")
                start = None
    module = width / n
    canvas.saveState()
    canvas.setFillColor(black)  # the most contrast for scanners
    canvas.transform(module, 0, 0, module, x, y)
    canvas.addLiteral("\n".join(runs) + "\nf")  # f: fill with the non-zero winding rule
    canvas.restoreState()


# --- the logo -----------------------------------------------------------------------------


def _read_logo(logo: Path | None) -> ImageReader | None:
    if logo is None:
        return None
    try:
        image = ImageReader(str(logo))
        image.getSize()
    except Exception as error:  # any unreadable file: print the certificate without it
        log.warning("certificate logo %s left out: %s", logo, error)
        return None
    return image


# --- one page -----------------------------------------------------------------------------


@dataclass
class _Line:
    """One line of the middle of the page, drawn centred (or, with `right`, as a table row)."""

    text: str
    font: str
    size: float
    color: Color
    gap: float  # space above, in points
    right: str | None = None  # a right-aligned date: the line is a row with dot leaders
    row_width: float = 0.0

    @property
    def height(self) -> float:
        return self.gap + (_ASCENT + _DESCENT) * self.size


class _Sheet:
    """Draws one certificate on the current page of `canvas`.

    Positions are A4 millimetres measured from the bottom-left corner, turned into points by
    `u()`; `pt()` scales type.
    """

    # The design's page: A4 landscape, in millimetres.
    W, H = PAGE_SIZES["A4"]

    def __init__(self, canvas: Canvas, size_mm: tuple[float, float],
                 logo: ImageReader | None) -> None:
        self.canvas = canvas
        self.scale = size_mm[0] / self.W
        self.type_scale = self.scale ** 0.7  # A5 type is 78 % of A4's, not 71 %
        self.logo = logo

    def u(self, mm: float) -> float:
        return mm * MM * self.scale

    def pt(self, points: float) -> float:
        return points * self.type_scale

    # -- drawing primitives

    def text(self, x: float, y: float, text: str, font: str, size: float, color: Color,
             align: str = "center") -> None:
        c = self.canvas
        c.setFillColor(color)
        c.setFont(font, size)
        if align == "center":
            c.drawCentredString(x, y, text)
        elif align == "right":
            c.drawRightString(x, y, text)
        else:
            c.drawString(x, y, text)

    def lines(self, x: float, top: float, lines: list[str], font: str, size: float,
              color: Color, leading: float = 1.3, align: str = "center") -> float:
        """Draw `lines` with the first baseline `top - ascent`; return the y below them."""
        y = top - _ASCENT * size
        for line in lines:
            self.text(x, y, line, font, size, color, align)
            y -= leading * size
        return y + leading * size - _DESCENT * size

    # -- the page

    def draw(self, cert: CertificateData, token: str) -> None:
        self.frame()
        self.header(cert)
        self.titles(cert)
        bottom_band_top = self.signature(cert)
        qr_top = self.qr_block(cert, token)
        middle_bottom = max(bottom_band_top, qr_top) + self.u(6)
        self.middle(cert, middle_bottom)

    def frame(self) -> None:
        c = self.canvas
        u = self.u
        c.saveState()
        c.setStrokeColor(RED)
        c.setLineWidth(u(1.6))
        c.rect(u(7), u(7), u(self.W - 14), u(self.H - 14), stroke=1, fill=0)
        c.setStrokeColor(GOLD)
        c.setLineWidth(u(0.35))
        c.rect(u(9.6), u(9.6), u(self.W - 19.2), u(self.H - 19.2), stroke=1, fill=0)
        c.setLineWidth(u(0.2))
        c.rect(u(10.6), u(10.6), u(self.W - 21.2), u(self.H - 21.2), stroke=1, fill=0)
        # Corner ornaments: a gold diamond on each corner and two nested brackets.
        for cx, cy, sx, sy in ((9.6, 9.6, 1, 1), (self.W - 9.6, 9.6, -1, 1),
                               (9.6, self.H - 9.6, 1, -1), (self.W - 9.6, self.H - 9.6, -1, -1)):
            self.corner(cx, cy, sx, sy)
        c.restoreState()

    def corner(self, cx: float, cy: float, sx: int, sy: int) -> None:
        c, u = self.canvas, self.u
        c.setFillColor(GOLD)
        c.setStrokeColor(GOLD)
        path = c.beginPath()
        r = 3.2
        path.moveTo(u(cx), u(cy + r))
        path.lineTo(u(cx + r), u(cy))
        path.lineTo(u(cx), u(cy - r))
        path.lineTo(u(cx - r), u(cy))
        path.close()
        c.drawPath(path, stroke=0, fill=1)
        c.setFillColor(white)
        c.circle(u(cx), u(cy), u(0.9), stroke=0, fill=1)
        c.setLineWidth(u(0.5))
        for offset, length in ((3.0, 20.0), (4.6, 12.0)):  # two nested brackets
            bracket = c.beginPath()
            bracket.moveTo(u(cx + sx * length), u(cy + sy * offset))
            bracket.lineTo(u(cx + sx * offset), u(cy + sy * offset))
            bracket.lineTo(u(cx + sx * offset), u(cy + sy * length))
            c.drawPath(bracket, stroke=1, fill=0)

    def header(self, cert: CertificateData) -> None:
        u, pt = self.u, self.pt
        column = u(92)
        left_x, right_x = u(70), u(self.W - 72)
        top = u(self.H - 19)
        size = pt(11)
        # The issuing commune, left, as on the commune's own papers.
        province = _clean(cert.province).upper()
        commune = _clean(cert.commune).upper()
        y = top
        if province:
            s, lines = _fit(province, REGULAR, size, column, pt(7.5))
            y = self.lines(left_x, y, lines, REGULAR, s, INK) - pt(1)
        s, lines = _fit(commune, BOLD, size, column, pt(7.5))
        y = self.lines(left_x, y, lines, BOLD, s, INK)
        rule = min(u(30), max(_width(line, BOLD, s) for line in lines) * 0.6)
        self.rule(left_x, y - u(1.2), rule)
        # The national name and motto, right.
        y = self.lines(right_x, top, [NATIONAL_NAME], BOLD, size, INK) - pt(1)
        motto = pt(11.5)
        y = self.lines(right_x, y, [NATIONAL_MOTTO], BOLD, motto, INK)
        self.rule(right_x, y - u(1.2), _width(NATIONAL_MOTTO, BOLD, motto))
        if self.logo is not None:
            self.draw_logo(self.logo)

    def rule(self, x_center: float, y: float, width: float) -> None:
        c = self.canvas
        c.setStrokeColor(INK)
        c.setLineWidth(self.u(0.25))
        c.line(x_center - width / 2, y, x_center + width / 2, y)

    def draw_logo(self, image: ImageReader) -> None:
        u = self.u
        iw, ih = image.getSize()
        box_w, box_h = u(30), u(21)
        ratio = min(box_w / iw, box_h / ih)
        w, h = iw * ratio, ih * ratio
        self.canvas.drawImage(image, u(self.W / 2) - w / 2, u(self.H - 16) - h, w, h,
                              mask="auto")

    def titles(self, cert: CertificateData) -> None:
        u, pt = self.u, self.pt
        x = u(self.W / 2)
        self.text(x, u(self.H - 52), TITLE, BOLD, pt(34), RED)
        if cert.kind is CertificateKind.ALL_SKILLS:
            self.text(x, u(self.H - 63.5), SUBTITLE_ALL, BOLD, pt(22), NAVY)
        else:
            self.text(x, u(self.H - 62.5), SUBTITLE_SKILL, ITALIC, pt(16), NAVY)
        # A short gold rule with a diamond, between the titles and the resident.
        c = self.canvas
        y = u(self.H - 68)
        c.setStrokeColor(GOLD)
        c.setLineWidth(u(0.4))
        c.line(x - u(32), y, x - u(3), y)
        c.line(x + u(3), y, x + u(32), y)
        c.setFillColor(GOLD)
        path = c.beginPath()
        path.moveTo(x, y + u(1.5))
        path.lineTo(x + u(1.5), y)
        path.lineTo(x, y - u(1.5))
        path.lineTo(x - u(1.5), y)
        path.close()
        c.drawPath(path, stroke=0, fill=1)

    def signature(self, cert: CertificateData) -> float:
        """The date, the signer's title, room to sign and stamp, the name; returns its top."""
        u, pt = self.u, self.pt
        x = u(self.W - 72)
        column = u(100)
        place = _place_of(cert.commune)
        dated = f"{place}, {long_date(cert.issued_on)}" if place else long_date(cert.issued_on)
        date_size, date_lines = _fit(dated, ITALIC, pt(12), column, pt(9))
        # A title may hold line breaks ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"): one size for all.
        parts = [_clean(part).upper() for part in cert.signer_title.splitlines()]
        parts = [part for part in parts if part]
        title_size = min([_fit(part, BOLD, pt(12), column, pt(9))[0] for part in parts],
                         default=pt(12))
        title_lines = [line for part in parts
                       for line in _fit(part, BOLD, title_size, column, pt(9))[1]]
        name_size, name_lines = _fit(_clean(cert.signer_name), BOLD, pt(13), column, pt(9))
        # Bottom-up: the name sits on the band's floor, the signing room above it.
        name_top = u(21) + _block_height(len(name_lines), name_size)
        self.lines(x, name_top, name_lines, BOLD, name_size, INK)
        titles_top = name_top + u(21) + _block_height(len(title_lines), title_size)
        self.lines(x, titles_top, title_lines, BOLD, title_size, INK)
        date_top = titles_top + u(1.5) + _block_height(len(date_lines), date_size)
        self.lines(x, date_top, date_lines, ITALIC, date_size, INK)
        return date_top

    def qr_block(self, cert: CertificateData, token: str) -> float:
        """The QR code bottom-left, the serial and how to verify beside it; returns its top."""
        u, pt = self.u, self.pt
        code = qr_code(token)
        side = code.width_mm * MM  # printed size: not scaled with the page
        x, y = u(24), u(20)
        _draw_qr(self.canvas, code.modules, x, y, side)
        text_x = x + side + u(5)
        column = u(self.W / 2 + 8) - text_x
        top = y + side
        serial = f"Số hiệu: {_clean(cert.serial)}"
        s, lines = _fit(serial, BOLD, pt(11), column, pt(8))
        below = self.lines(text_x, top + _DESCENT * s, lines, BOLD, s, INK, align="left")
        verify_size = pt(9)
        lines = _wrap(VERIFY_LINE, REGULAR, verify_size, column)
        self.lines(text_x, below - u(1.5), lines, REGULAR, verify_size, MUTED, leading=1.35,
                   align="left")
        return top

    def middle(self, cert: CertificateData, bottom: float) -> None:
        """The resident and the skills, laid out to fill the space between titles and band."""
        u, pt = self.u, self.pt
        top = u(self.H - 71)
        width = u(236)
        name = _clean(cert.resident_name)
        name_size, name_lines = _fit_name(name, width, pt(30), pt(22), pt(25), pt(12))
        items: list[_Line] = [_Line(AWARDED_TO, ITALIC, pt(13), INK, 0)]
        for index, line in enumerate(name_lines):
            items.append(_Line(line, BOLD, name_size, RED, pt(6) if index == 0 else pt(1)))
        details = f"Năm sinh: {cert.birth_year}      Nơi ở: {_clean(cert.hamlet)}"
        size, lines = _fit(details, REGULAR, pt(13), width, pt(9))
        items += [_Line(line, REGULAR, size, INK, pt(7) if i == 0 else pt(1))
                  for i, line in enumerate(lines)]
        if cert.kind is CertificateKind.ALL_SKILLS:
            items.append(_Line("Đã hoàn thành đủ năm kỹ năng số cơ bản:", REGULAR, pt(13), INK,
                               pt(9)))
            row_width = u(165)
            for number, (skill, day) in enumerate(zip(cert.skills, cert.completed_on,
                                                      strict=True), start=1):
                items.append(_Line(f"{number}. {skill.title}", REGULAR, pt(12.5), NAVY,
                                   pt(2.5) if number > 1 else pt(4),
                                   right=f"ngày {short_date(day)}", row_width=row_width))
        else:
            skill, day = cert.skills[0], cert.completed_on[0]
            items.append(_Line("Đã hoàn thành kỹ năng", REGULAR, pt(13), INK, pt(9)))
            size, lines = _fit(skill.title, BOLD, pt(20), width, pt(12))
            items += [_Line(line, BOLD, size, NAVY, pt(3) if i == 0 else pt(1))
                      for i, line in enumerate(lines)]
            items.append(_Line(f"Ngày hoàn thành: {short_date(day)}", ITALIC, pt(12), INK,
                               pt(4)))
        self.flow(items, top, bottom)

    def flow(self, items: list[_Line], top: float, bottom: float) -> None:
        """Place `items` from `top`: spread out when there is room, squeezed when there is not."""
        available = top - bottom
        natural = sum(item.height for item in items)
        gaps = sum(item.gap for item in items)
        # Too much: everything shrinks alike (text never runs into the band below).
        # Room to spare: the gaps grow, up to 2.6 times, and the block stays at the top.
        squeeze = min(1.0, available / natural)
        gap_factor = squeeze if squeeze < 1.0 else min(2.6, 1 + (available - natural) / gaps)
        x = self.u(self.W / 2)
        y = top
        for item in items:
            y -= item.gap * gap_factor
            size = item.size * squeeze
            y -= _ASCENT * size
            if item.right is None:
                self.text(x, y, item.text, item.font, size, item.color)
            else:
                self.row(x, y, item, size)
            y -= _DESCENT * size

    def row(self, x: float, y: float, item: _Line, size: float) -> None:
        """A skill and its date, with dot leaders, in a centred block."""
        left, right = x - item.row_width / 2, x + item.row_width / 2
        self.text(left, y, item.text, item.font, size, item.color, align="left")
        assert item.right is not None
        self.text(right, y, item.right, REGULAR, size, INK, align="right")
        start = left + _width(item.text, item.font, size) + self.u(2)
        end = right - _width(item.right, REGULAR, size) - self.u(2)
        if end > start:
            c = self.canvas
            c.saveState()
            c.setStrokeColor(GOLD)
            c.setLineWidth(self.u(0.35))
            c.setDash(self.u(0.35), self.u(1.4))
            c.setLineCap(1)
            c.line(start, y + self.u(0.3), end, y + self.u(0.3))
            c.restoreState()
