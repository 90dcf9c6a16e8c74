"""The printed certificate, read back with real tools.

poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm, pdfimages; installed by
`packaging/debian-deps.sh test`) reads the PDF as a printer or a reader would, and zxing-cpp
decodes the QR code from the rendered page image, as a scanner would. Nothing here looks
inside reportlab.
"""

from __future__ import annotations

import base64
import io
import logging
import random
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import zxingcpp

from kiosk.certificates import CertificateData, CertificateKind
from kiosk.certificates.pdf import QR_WIDTH_MM, qr_code, qr_penalty, render
from kiosk.skills import Skill

MM_PER_INCH = 25.4
BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
PREFIX = "HTTPS://XA.EXAMPLE.VN/KT#"

# Every Vietnamese vowel with every tone, both cases, and đ: a "name" of 26 words.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
ALL_LETTERS = " ".join(
    [unicodedata.normalize("NFC", "".join(v + t for t in _TONES)) for v in _VOWELS]
    + [unicodedata.normalize("NFC", "".join(v.upper() + t for t in _TONES)) for v in _VOWELS]
    + ["đ", "Đ"]
)

NAMES = [
    "Nguyễn Thị Ánh Hồng",
    "Trương Ngọc Ẩn",
    "Đặng Thuỳ Dương",
    "Đặng Thùy Dương",
    # ơ ư ă â ê ô đ, and the five tones: huyền (Hồ), sắc (Tắc), hỏi (Thảo), ngã (Mẫn), nặng (Thị)
    "Hồ Thị Ơn Thảo Tắc Mẫn Lê Tô Đức Ngữ",
    ALL_LETTERS,
    'Lê "Bé" Tí <Út> & Cô Ba \'Sáu\'',
    "Nguyễn <b>Văn</b> &amp; Tèo",
]
# 120 characters exactly, no one word longer than a real one.
LONG_NAME = (
    "Nguyễn Thị Hoàng Phương Thảo Ngọc Ánh Minh Châu Lê Phạm Trần Võ Đặng Bùi Huỳnh "
    "Hồ Ngô Dương Lý Đỗ Trương Quách Tạ Lưu Mai Chu"
)[:120]


def _base45(data: bytes) -> str:
    """RFC 9285, as the token is written; enough of it to make realistic test tokens."""
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out += [BASE45[c], BASE45[d], BASE45[e]]
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += [BASE45[c], BASE45[d]]
    return "".join(out)


def token(seed: int = 1, size: int = 166, prefix: str = PREFIX) -> str:
    """A token-like string: base45 of `size` random bytes (166 bytes: 249 characters)."""
    return prefix + _base45(random.Random(seed).randbytes(size))


def b32_token(seed: int = 1, size: int = 110, prefix: str = "") -> str:
    """A token as docs/certificate-token.md writes it: base32 of ~110 bytes (176 characters)
    for a typical certificate, after an optional address."""
    body = base64.b32encode(random.Random(seed).randbytes(size)).decode("ascii").rstrip("=")
    return prefix + body


def cert(**changes: object) -> CertificateData:
    base = CertificateData(
        serial="PCD-2026-000123",
        kind=CertificateKind.SKILL,
        skills=(Skill.PAYMENT,),
        completed_on=(date(2026, 3, 12),),
        resident_name="Nguyễn Thị Ánh Hồng",
        birth_year=1962,
        hamlet="Khóm Châu Long 1",
        commune="Phường Châu Đốc",
        province="Tỉnh An Giang",
        issued_on=date(2026, 11, 29),
        signer_title="TM. Ủy ban nhân dân phường",
        signer_name="Trần Văn Mẫu",
        key_id="k1-3f9a",
    )
    return replace(base, **changes)


def all_skills(**changes: object) -> CertificateData:
    return cert(kind=CertificateKind.ALL_SKILLS, skills=tuple(Skill),
                completed_on=tuple(date(2026, 3, 2 + i) for i in range(5)), **changes)


# --- the tools ------------------------------------------------------------------------------


def run(tool: str, *args: str | Path, data: bytes | None = None) -> bytes:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: install poppler-utils (packaging/debian-deps.sh test)")
    return subprocess.run([tool, *map(str, args)], input=data, capture_output=True,
                          check=True, timeout=60).stdout


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-enc", "UTF-8", *pages, pdf, "-").decode("utf-8")


def joined(text: str) -> str:
    return " ".join(text.split())


def make_pdf(tmp_path: Path, certs: list[tuple[CertificateData, str]], page: str = "A4",
             logo: Path | None = None) -> Path:
    out = tmp_path / f"certificates-{page}.pdf"
    render(certs, out, page, logo)
    return out


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """The binary greyscale image pdftoppm writes: "P5 <w> <h> <maxval>" then w*h bytes."""
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match, data[:20]
    width, height, maxval = map(int, match.groups())
    assert maxval == 255
    pixels = data[match.end():match.end() + width * height]
    assert len(pixels) == width * height
    return width, height, pixels


def decode_page(pdf: Path, dpi: int = 150, page: int = 1) -> list[zxingcpp.Barcode]:
    """Render one page to grey pixels as a 150 dpi scan would, and decode its QR codes."""
    pgm = run("pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), pdf)
    width, height, pixels = read_pgm(pgm)
    image = memoryview(pixels).cast("B", (height, width))
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def symbol_width_mm(barcode: zxingcpp.Barcode, dpi: int) -> float:
    pos = barcode.position
    return (pos.top_right.x - pos.top_left.x) / dpi * MM_PER_INCH


# --- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_names_extract_exactly(tmp_path: Path, name: str) -> None:
    pdf = make_pdf(tmp_path, [(cert(resident_name=name), token())])
    text = pdf_text(pdf)
    if len(name) < 60:  # a short name is one line of its own
        assert name in text.splitlines()
    assert joined(name) in joined(text)


def test_every_vietnamese_letter_is_in_the_test() -> None:
    letters = set(ALL_LETTERS.replace(" ", ""))
    assert len(letters) == 12 * 6 * 2 + 2
    assert all(unicodedata.is_normalized("NFC", ch) for ch in letters)


def test_decomposed_name_prints_composed(tmp_path: Path) -> None:
    name = "Nguyễn Thị Ánh Hồng Trương Ngọc Ẩn"
    typed = unicodedata.normalize("NFD", name)
    assert typed != name
    text = pdf_text(make_pdf(tmp_path, [(cert(resident_name=typed), token())]))
    assert name in text.splitlines()
    assert not any(unicodedata.combining(ch) for ch in text)


def test_120_character_name_is_whole(tmp_path: Path) -> None:
    assert len(LONG_NAME) == 120
    for page in ("A4", "A5"):
        for data in (cert(resident_name=LONG_NAME), all_skills(resident_name=LONG_NAME)):
            text = pdf_text(make_pdf(tmp_path, [(data, token())], page))
            assert joined(LONG_NAME) in joined(text), page


def test_nothing_falls_outside_the_frame(tmp_path: Path) -> None:
    """Long texts shrink or wrap inside the border; no word is clipped by the page edge."""
    long_words = "Phường " + "Vĩnh Thạnh Trung " * 6
    certs = [
        (cert(resident_name=LONG_NAME), token()),
        (all_skills(resident_name=LONG_NAME + " " + LONG_NAME), token()),
        (cert(resident_name="X" * 150, hamlet="Ấp " + "Long Hòa " * 20, commune=long_words,
              province="Tỉnh " + "An Giang " * 12, signer_title="TM. " + "Ủy ban " * 20,
              signer_name="Nguyễn " * 20), token()),
    ]
    for page in ("A4", "A5"):
        pdf = make_pdf(tmp_path, certs, page)
        html = run("pdftotext", "-bbox", pdf, "-").decode("utf-8")
        sizes = [tuple(map(float, m)) for m in
                 re.findall(r'<page width="([\d.]+)" height="([\d.]+)"', html)]
        assert len(sizes) == len(certs)
        width, height = sizes[0]
        frame = 10.6 * 72 / MM_PER_INCH * width / (297 * 72 / MM_PER_INCH)  # the inner border
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                           r'yMax="([\d.]+)">([^<]*)</word>', html)
        assert words
        for x0, y0, x1, y1, word in words:
            assert frame < float(x0) and float(x1) < width - frame, (page, word)
            assert frame < float(y0) and float(y1) < height - frame, (page, word)


def test_certificate_prints_every_field(tmp_path: Path) -> None:
    data = cert(issued_on=date(2026, 2, 5))
    text = pdf_text(make_pdf(tmp_path, [(data, token())]))
    lines = text.splitlines()
    for expected in ("GIẤY CHỨNG NHẬN", "Hoàn thành kỹ năng số cơ bản", "PHƯỜNG CHÂU ĐỐC",
                     "TỈNH AN GIANG", "Thanh toán trực tuyến", "Số hiệu: PCD-2026-000123",
                     "Châu Đốc, ngày 05 tháng 02 năm 2026", "TM. ỦY BAN NHÂN DÂN PHƯỜNG",
                     "Trần Văn Mẫu"):
        assert expected in lines, expected
    flat = joined(text)
    assert "Năm sinh: 1962" in flat and "Khóm Châu Long 1" in flat
    assert "12/03/2026" in flat
    assert "quét mã QR bằng máy của xã" in flat and "kiosk verify" in flat


def test_a_signer_title_may_take_two_lines(tmp_path: Path) -> None:
    data = cert(signer_title="TM. Ủy ban nhân dân phường\nChủ tịch")
    lines = pdf_text(make_pdf(tmp_path, [(data, token())])).splitlines()
    at = lines.index("TM. ỦY BAN NHÂN DÂN PHƯỜNG")
    assert lines[at + 1] == "CHỦ TỊCH"


def test_all_skills_certificate_lists_the_five(tmp_path: Path) -> None:
    text = pdf_text(make_pdf(tmp_path, [(all_skills(), token())]))
    assert "CÔNG DÂN SỐ" in text.splitlines()
    flat = joined(text)
    for number, skill in enumerate(Skill, start=1):
        assert f"{number}. {skill.title}" in flat
    for day in range(2, 7):
        assert f"{day:02d}/03/2026" in flat


def test_the_date_line_names_the_place_without_its_unit(tmp_path: Path) -> None:
    data = cert(commune="Xã Vĩnh Hậu", issued_on=date(2027, 10, 1))
    lines = pdf_text(make_pdf(tmp_path, [(data, token())])).splitlines()
    assert "Vĩnh Hậu, ngày 01 tháng 10 năm 2027" in lines


# --- fonts and paper ------------------------------------------------------------------------


def test_every_font_is_embedded_and_none_is_helvetica(tmp_path: Path) -> None:
    certs = [(cert(resident_name=name), token(i)) for i, name in enumerate(NAMES)]
    certs.append((all_skills(), token(99)))
    report = run("pdffonts", make_pdf(tmp_path, certs)).decode("utf-8")
    rows = report.splitlines()[2:]
    assert rows, report
    assert "helvetica" not in report.casefold()
    for row in rows:
        # name type [type2] encoding emb sub uni object ID: emb is the fifth field from the end
        assert row.split()[-5] == "yes", row
        assert "NotoSans" in row, row


@pytest.mark.parametrize(("page", "expected"), [("A4", (841.89, 595.28)),
                                                 ("A5", (595.28, 419.53))])
def test_paper_is_landscape_a4_or_a5(tmp_path: Path, page: str, expected: tuple) -> None:
    certs = [(cert(serial=f"PCD-{i}"), token(i)) for i in range(3)]
    pdf = make_pdf(tmp_path, certs, page)
    info = run("pdfinfo", "-f", "1", "-l", "3", pdf).decode("utf-8")
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == 3
    for width, height in sizes:
        assert float(width) == pytest.approx(expected[0], abs=0.1)
        assert float(height) == pytest.approx(expected[1], abs=0.1)


def test_a_batch_gives_a_page_per_certificate_in_order(tmp_path: Path) -> None:
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường"]
    certs = [(cert(resident_name=n, serial=f"PCD-2026-{i:06d}"), token(i))
             for i, n in enumerate(names)]
    pdf = make_pdf(tmp_path, certs)
    info = run("pdfinfo", pdf).decode("utf-8")
    assert re.search(r"^Pages:\s+3$", info, re.MULTILINE)
    for number, name in enumerate(names, start=1):
        assert name in pdf_text(pdf, number).splitlines()


def test_renders_into_a_binary_stream() -> None:
    buffer = io.BytesIO()
    render([(cert(), token())], buffer)
    assert buffer.getvalue().startswith(b"%PDF-")


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="A3"):
        render([(cert(), token())], io.BytesIO(), "A3")


# --- the logo -------------------------------------------------------------------------------


def test_logo_is_printed_on_every_page(tmp_path: Path) -> None:
    from PIL import Image  # reportlab's own dependency, for drawing a test logo

    logo = tmp_path / "logo.png"
    Image.new("RGBA", (120, 90), (200, 30, 30, 255)).save(logo)
    pdf = make_pdf(tmp_path, [(cert(), token(1)), (cert(), token(2))], logo=logo)
    images = run("pdfimages", "-list", pdf).decode("utf-8").splitlines()[2:]
    assert {row.split()[0] for row in images} == {"1", "2"}


def test_an_unreadable_logo_is_left_out(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    with caplog.at_level(logging.WARNING):
        pdf = make_pdf(tmp_path, [(cert(), token())], logo=broken)
    assert "logo" in caplog.text
    assert "Nguyễn Thị Ánh Hồng" in pdf_text(pdf)


# --- the QR code ----------------------------------------------------------------------------


TOKENS = {
    "base45, 274 characters": token(7),
    "base45, 249 characters, no address": token(7, prefix=""),
    "base32, 176 characters": b32_token(7),
    "base32 after an upper-case address": b32_token(7, prefix="HTTPS://XA.EXAMPLE.VN/KT/"),
    "base32 after a lower-case address": b32_token(7, prefix="https://xa.example.vn/kiem-tra#"),
    "base32, 120-character name": b32_token(7, size=177),
}


@pytest.mark.parametrize("page", ["A4", "A5"])
@pytest.mark.parametrize("kind", list(TOKENS))
def test_qr_decodes_from_a_150_dpi_render(tmp_path: Path, page: str, kind: str) -> None:
    value = TOKENS[kind]
    pdf = make_pdf(tmp_path, [(all_skills(resident_name=LONG_NAME), value)], page)
    found = decode_page(pdf)
    assert [b.text for b in found] == [value]
    assert symbol_width_mm(found[0], 150) == pytest.approx(QR_WIDTH_MM, abs=1.0)


@pytest.mark.parametrize(("value", "level", "modules"), [
    (token(3), "L", 49),  # ~250 base45 characters after an address
    (b32_token(3), "M", 45),  # the real format's typical certificate
    (b32_token(3, prefix="HTTPS://XA.EXAMPLE.VN/KT/"), "M", 49),
    (b32_token(3, size=169), "L", 49),  # a 120-character name
])
def test_typical_tokens_print_25_mm_wide_with_3_pixel_modules_at_150_dpi(
        value: str, level: str, modules: int) -> None:
    code = qr_code(value)
    assert code.width_mm == QR_WIDTH_MM
    assert (code.error_correction, len(code.modules)) == (level, modules)
    pixels = code.module_mm / MM_PER_INCH * 150
    assert pixels >= 3.0, f"{len(code.modules)} modules: {pixels:.2f} px at 150 dpi"


@pytest.mark.parametrize("value", [token(21), token(21, prefix=""), b32_token(21),
                                   b32_token(21, size=169)])
def test_qr_survives_a_blurred_noisy_150_dpi_scan(tmp_path: Path, value: str) -> None:
    """A scanner is not pdftoppm: render at 300 dpi, average down to 150, blur, lose
    contrast, add noise; a typical token must still read back."""
    from PIL import Image, ImageFilter  # reportlab's own dependency

    pdf = make_pdf(tmp_path, [(cert(), value)])
    width, height, pixels = read_pgm(run("pdftoppm", "-r", "300", "-gray", pdf))
    page = Image.frombytes("L", (width, height), pixels)
    scan = page.resize((width // 2, height // 2), Image.Resampling.BOX)
    scan = scan.filter(ImageFilter.GaussianBlur(0.7))
    rng = random.Random(21)
    noisy = bytes(min(255, max(0, int(v * 0.8 + 30) + rng.randint(-25, 25)))
                  for v in scan.tobytes())
    found = zxingcpp.read_barcodes(memoryview(noisy).cast("B", (scan.height, scan.width)),
                                   formats=zxingcpp.BarcodeFormat.QRCode)
    assert [b.text for b in found] == [value]


def test_every_page_of_a_batch_carries_its_own_token(tmp_path: Path) -> None:
    tokens = [token(seed) for seed in (11, 12, 13)]
    pdf = make_pdf(tmp_path, [(cert(serial=f"PCD-{i}"), t) for i, t in enumerate(tokens)])
    for number, value in enumerate(tokens, start=1):
        assert [b.text for b in decode_page(pdf, page=number)] == [value]


def test_a_long_token_grows_the_code_and_still_decodes(tmp_path: Path) -> None:
    value = token(5, size=320)  # 480 characters, twice a typical token
    code = qr_code(value)
    assert code.width_mm > QR_WIDTH_MM
    pdf = make_pdf(tmp_path, [(cert(), value)], "A5")
    found = decode_page(pdf)
    assert [b.text for b in found] == [value]
    assert symbol_width_mm(found[0], 150) == pytest.approx(code.width_mm, abs=1.0)


def test_mask_penalty_scores_as_qrcode_does() -> None:
    """The fast penalty that picks the mask gives qrcode's own scores, symbol by symbol."""
    import qrcode
    from qrcode.util import lost_point

    for seed in range(4):
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(token(seed, size=60 + 60 * seed))
        code.best_fit()
        for mask in range(8):
            code.mask_pattern = mask
            code.make(fit=False)
            assert qr_penalty(code.modules) == lost_point(code.modules), (seed, mask)
    rng = random.Random(4)
    for size in (21, 25, 57, 61, 21, 57):
        dark = rng.choice((0.1, 0.5, 0.9))
        modules = [[rng.random() < dark for _ in range(size)] for _ in range(size)]
        assert qr_penalty(modules) == lost_point(modules)
