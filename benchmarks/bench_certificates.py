"""Certificates to PDF, in-process, as staff print them: one, and a batch of 100 in one file.

Targets from the certificates issue: one certificate in under 60 ms, 100 into one PDF in
under 2 s. Fonts are registered once per process (the warm-up round pays it), as in the
kiosk. Tokens are random strings of the token's alphabet and length (~250 base45 characters
after a verification address): the QR code's cost depends on the length, not the content.
The third row, without a target, is the QR matrix of one token alone (`qrcode`, which
chooses the mask by the standard's penalty rules): most of a certificate's time.

The baseline, measured in the same rounds, is reportlab alone writing as many A4 pages
with one line of text in the same embedded font: what any PDF costs on this machine.
"""

from __future__ import annotations

import io
import random
import time
from datetime import date

from benchmarks.registry import Options, Row, Sample, register

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
PREFIX = "HTTPS://XA.EXAMPLE.VN/KT#"
BATCH = 100
_NAMES = ("Nguyễn Thị Ánh Hồng", "Trương Ngọc Ẩn", "Đặng Thuỳ Dương", "Lê Văn Ơn",
          "Phạm Thị Bích Ngọc Hương", "Huỳnh Công Đức")


def _certificates(count: int) -> list:
    from kiosk.certificates import CertificateData, CertificateKind
    from kiosk.skills import Skill

    rng = random.Random(2026)
    skills = tuple(Skill)
    certs = []
    for i in range(count):
        every = i % 5 == 4  # one in five is "Công dân số"
        chosen = skills if every else (skills[i % 5],)
        data = CertificateData(
            serial=f"PCD-2026-{i + 1:06d}",
            kind=CertificateKind.ALL_SKILLS if every else CertificateKind.SKILL,
            skills=chosen,
            completed_on=tuple(date(2026, 3, 1 + k) for k in range(len(chosen))),
            resident_name=_NAMES[i % len(_NAMES)],
            birth_year=1950 + i % 50,
            hamlet=f"Khóm Châu Long {1 + i % 3}",
            commune="Phường Châu Đốc",
            province="Tỉnh An Giang",
            issued_on=date(2026, 11, 29),
            signer_title="TM. Ủy ban nhân dân phường",
            signer_name="Trần Văn Mẫu",
            key_id="k1-3f9a",
        )
        token = PREFIX + "".join(rng.choice(ALPHABET) for _ in range(250))
        certs.append((data, token))
    return certs


def _plain_pages(count: int) -> None:
    """The baseline: `count` A4 pages, one line of Vietnamese text each, embedded font."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from kiosk.certificates import pdf

    pdf._register_fonts()  # once per process, as for the certificates
    page = canvas.Canvas(io.BytesIO(), pagesize=landscape(A4), initialFontName=pdf.REGULAR)
    for i in range(count):
        page.setFont(pdf.REGULAR, 24)
        page.drawString(72, 300, f"Nguyễn Thị Ánh Hồng {i}")
        page.showPage()
    page.save()


@register("certificate-pdf", "certificates to PDF in-process: one, a batch of 100, a QR code")
def certificate_pdf(options: Options) -> list[Row]:
    one, batch, qr = Sample("kiosk"), Sample("kiosk"), Sample("qrcode")
    plain_one, plain_batch = Sample("plain reportlab page"), Sample("plain reportlab pages")
    figures = ("one certificate to PDF, A4", f"{BATCH} certificates into one PDF, A4",
               "QR matrix of one token (part of the above)")
    try:
        from kiosk.certificates.pdf import qr_code, render

        certs = _certificates(BATCH)
        for round_ in range(options.warmup + options.repeat):
            single = [certs[round_ % BATCH]]
            start = time.perf_counter()
            render(single, io.BytesIO(), "A4")
            took_one = time.perf_counter() - start
            start = time.perf_counter()
            render(certs, io.BytesIO(), "A4")
            took_batch = time.perf_counter() - start
            start = time.perf_counter()
            qr_code(single[0][1])
            took_qr = time.perf_counter() - start
            start = time.perf_counter()
            _plain_pages(1)
            took_plain_one = time.perf_counter() - start
            start = time.perf_counter()
            _plain_pages(BATCH)
            took_plain_batch = time.perf_counter() - start
            if round_ >= options.warmup:
                one.seconds.append(took_one)
                batch.seconds.append(took_batch)
                qr.seconds.append(took_qr)
                plain_one.seconds.append(took_plain_one)
                plain_batch.seconds.append(took_plain_batch)
    except Exception as exc:  # a benchmark reports, it never raises
        return [Row(figure, Sample("kiosk"), error=f"{type(exc).__name__}: {exc}")
                for figure in figures[:2]]
    return [
        Row(figures[0], one, plain_one, max_median=0.060),
        Row(figures[1], batch, plain_batch, max_median=2.0),
        Row(figures[2], qr),
    ]
