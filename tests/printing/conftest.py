"""Printing fixtures: a fresh queue database, certificate-like PDFs, a private CUPS server.

libcups reads CUPS_SERVER once per thread, at its first request, and keeps it. So the
variable is set here, when pytest collects this folder and before any test runs, to the
socket the private server will open. That also means no test of this session can reach a
real printer of the machine it runs on. PRINTER and LPDEST would override the default
printer; they go too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cups_server import CupsError, PrivateCups, Queue, missing_requirements

CUPS_ROOT = Path(f"/tmp/kiosk-cups-{os.getpid()}")
os.environ["CUPS_SERVER"] = str(CUPS_ROOT / "cups.sock")
os.environ.pop("PRINTER", None)
os.environ.pop("LPDEST", None)

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
BATCH_TIMEOUT_MS = 120_000


@pytest.fixture
def db(tmp_path: Path):
    from kiosk.db.engine import open_database
    from kiosk.demo import DEMO_HAMLETS

    factory = open_database(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}", DEMO_HAMLETS)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def data_dir(isolated_settings: Path) -> Path:
    return isolated_settings


def certificate_pdf(target: Path, names: list[str], page: str = "A4") -> Path:
    """A PDF with one landscape certificate-like page per name, with the bundled font.

    Each page has a coloured frame that touches the paper's edges, so a test can see that
    the printed page is filled to the edge.
    """
    from reportlab.lib.pagesizes import A4, A5, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "NotoSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NotoSans", str(FONTS / "NotoSans-Regular.ttf")))
    width, height = landscape(A4 if page == "A4" else A5)
    canvas = Canvas(str(target), pagesize=(width, height), initialFontName="NotoSans",
                    initialFontSize=12)
    for number, name in enumerate(names, 1):
        canvas.setFillColorRGB(0.1, 0.3, 0.6)
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(20, 20, width - 40, height - 40, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont("NotoSans", 28)
        canvas.drawCentredString(width / 2, height * 0.6, "GIẤY CHỨNG NHẬN")
        canvas.setFont("NotoSans", 22)
        canvas.drawCentredString(width / 2, height * 0.45, name)
        canvas.setFont("NotoSans", 12)
        canvas.drawCentredString(width / 2, height * 0.3, f"Số: TEST-{number:04d}")
        canvas.showPage()
    canvas.save()
    return target


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1, 10_000))

    def make(*names: str, page: str = "A4") -> Path:
        return certificate_pdf(tmp_path / f"source-{next(counter)}.pdf",
                               list(names) or ["Nguyễn Thị Ánh Tuyết"], page)

    return make


# --- the private CUPS server -------------------------------------------------------------------

@pytest.fixture(scope="session")
def cups() -> Iterator[PrivateCups]:
    """One private cupsd for the session. Fails, never skips, when it cannot run."""
    problems = missing_requirements()
    if problems:
        pytest.fail("cannot start the private CUPS server: " + "; ".join(problems),
                    pytrace=False)
    server = PrivateCups.create(CUPS_ROOT)
    try:
        server.start()
    except CupsError as exc:
        server.stop()
        pytest.fail(f"the private CUPS server did not start: {exc}", pytrace=False)
    yield server
    server.stop()
    server.remove()


@pytest.fixture
def pdf_printer(cups: PrivateCups, request: pytest.FixtureRequest) -> Iterator[Queue]:
    """A fresh cups-pdf queue for one test, removed afterwards."""
    name = f"kiosk-pdf-{len(cups.queues)}-{os.urandom(2).hex()}"
    queue = cups.add_pdf_queue(name)
    yield queue
    if name in cups.queues:
        try:
            cups.run("cancel", "-a", name)
        finally:
            cups.delete_queue(name)


@pytest.fixture
def batches(qapp) -> Iterator[list]:
    """BatchPrinters made by a test; each is cancelled and waited for when the test ends."""
    made: list = []
    yield made
    stuck = []
    for batch in made:
        batch.cancel()
        if not batch.wait(BATCH_TIMEOUT_MS):
            stuck.append(batch)
    if stuck:
        pytest.fail(f"{len(stuck)} print batch(es) did not stop within "
                    f"{BATCH_TIMEOUT_MS // 1000} s")


@pytest.fixture
def run_batch(qtbot, db, batches) -> Callable:
    """Print job ids in a BatchPrinter, wait for its end; returns (result, progress seen)."""
    from ui.printing import BatchPrinter

    def run(job_ids, printer_name: str = "", timeout_ms: int = BATCH_TIMEOUT_MS,
            cancel_after_jobs: int | None = None):
        batch = BatchPrinter(db, job_ids, printer_name)
        batches.append(batch)
        progress: list[tuple[int, int]] = []
        finished_jobs: list[tuple[int, str]] = []
        batch.progress.connect(lambda done, total: progress.append((done, total)))

        def job_finished(job_id: int, error: str) -> None:
            finished_jobs.append((job_id, error))
            if cancel_after_jobs is not None and len(finished_jobs) >= cancel_after_jobs:
                batch.cancel()

        batch.job_finished.connect(job_finished)
        with qtbot.waitSignal(batch.finished, timeout=timeout_ms) as blocker:
            batch.start()
        return blocker.args[0], progress, finished_jobs

    return run
