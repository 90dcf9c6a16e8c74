"""Sending queued certificate PDFs to the printer, with no dialog at the kiosk.

The queue itself (what waits, what failed, why) is `kiosk.printing`; this module is the Qt
half that puts a job's PDF on paper:

- `find_printer` looks the printer up by name (empty: the system's default) and says in
  Vietnamese when it is not there. The job then stays queued with that reason.
- `print_pdf` draws every page of a PDF onto a QPrinter: QtPdf renders the page to an image
  (QtPdf only rasterises) at the printer's resolution, capped at MAX_RENDER_DPI, and the
  image fills the page, landscape for a landscape certificate, with no margin.
- `print_jobs` works through queued jobs one by one, each claimed, printed and marked in
  its own transaction; `BatchPrinter` runs it on a thread of its own, with progress and
  cancel, so the screen never freezes.

Qt's CUPS backend hands the finished document to CUPS in QPainter.end() and ignores the
answer, so a queue that refuses jobs would swallow them silently. `_cups_refusal` asks
libcups what the last request in this thread returned, and such a job stays queued.
A stopped (disabled) CUPS queue does accept jobs and holds them until it is enabled again:
the job counts as done here, because CUPS keeps it from then on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRect, QSize, QSizeF, Qt, QThread, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk import printing as queue
from kiosk.printing import Db

log = logging.getLogger(__name__)

#: Certificates are text and a QR code on a plain page; 300 dpi prints them crisply, while a
#: full A4 page at a laser printer's 1200 dpi would be a 560 MB image.
MAX_RENDER_DPI = 300

ProgressCallback = Callable[[int, int], None]


class PrintError(Exception):
    """A job could not be printed; the message is Vietnamese, for staff.

    `keep_queued` says the job itself is fine and should wait for the printer (missing,
    refusing jobs); otherwise the job needs staff (its PDF is gone or broken).
    """

    def __init__(self, message: str, *, keep_queued: bool) -> None:
        super().__init__(message)
        self.keep_queued = keep_queued


# --- one document ----------------------------------------------------------------------------

def find_printer(name: str = "") -> QPrinterInfo:
    """The printer called `name`, or the system's default when it is empty."""
    if name:
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            raise PrintError(queue.printer_missing(name), keep_queued=True)
        return info
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise PrintError(queue.no_default_printer(), keep_queued=True)
    return info


def make_printer(info: QPrinterInfo, doc_name: str = "") -> QPrinter:
    """A printer set up for certificates: the whole paper, no dialog, named in the queue."""
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setCopyCount(1)
    if doc_name:
        printer.setDocName(doc_name)
    return printer


def page_layout(points: QSizeF) -> QPageLayout:
    """The paper for a PDF page: its own size (A4, A5 …), its orientation, no margins."""
    landscape = points.width() > points.height()
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def open_pdf(pdf: Path) -> QPdfDocument:
    if not pdf.is_file():
        raise PrintError(queue.pdf_missing(pdf), keep_queued=False)
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
        document.close()
        raise PrintError(queue.pdf_unreadable(pdf), keep_queued=False)
    return document


def count_pages(pdf: Path) -> int:
    """Pages of a PDF; 1 for a file that cannot be read (it still counts as one step)."""
    try:
        document = open_pdf(pdf)
    except PrintError:
        return 1
    pages = document.pageCount()
    document.close()
    return pages


def _fit(image: QSize, paper: QRect) -> QRect:
    """The largest rectangle of the image's shape centred on the paper."""
    scaled = image.scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(paper.x() + (paper.width() - scaled.width()) // 2,
                 paper.y() + (paper.height() - scaled.height()) // 2,
                 scaled.width(), scaled.height())


def _render(document: QPdfDocument, index: int, dpi: int) -> QImage:
    points = document.pagePointSize(index)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    # Opaque pixels: the PDF engine then stores no alpha mask beside every page image.
    return document.render(index, size).convertToFormat(QImage.Format.Format_RGB32)


def print_pdf(pdf: Path | str, printer: QPrinter,
              on_page: ProgressCallback | None = None) -> int:
    """Print every page of a PDF on `printer`; returns the number of pages sent.

    Raises PrintError when the PDF cannot be read or the printer refuses the job. A
    document, once started, is always finished: Qt cannot take back pages it has drawn.
    """
    pdf = Path(pdf)
    document = open_pdf(pdf)
    try:
        pages = document.pageCount()
        printer.setPageLayout(page_layout(document.pagePointSize(0)))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(queue.printer_refused(printer.printerName()), keep_queued=True)
        try:
            for index in range(pages):
                if index:
                    layout = page_layout(document.pagePointSize(index))
                    if not layout.isEquivalentTo(printer.pageLayout()):
                        printer.setPageLayout(layout)
                    printer.newPage()
                dpi = min(printer.resolution(), MAX_RENDER_DPI)
                image = _render(document, index, dpi)
                paper = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(_fit(image.size(), paper), image)
                del image
                if on_page:
                    on_page(index + 1, pages)
        finally:
            painter.end()
    finally:
        document.close()
    refusal = _cups_refusal() if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat \
        else None
    if refusal:
        log.warning("CUPS refused the job for %s: %s", printer.printerName(), refusal)
        raise PrintError(queue.printer_refused(printer.printerName()), keep_queued=True)
    return pages


@functools.cache
def _libcups() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("cups")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.cupsLastError.restype = ctypes.c_int
    lib.cupsLastErrorString.restype = ctypes.c_char_p
    return lib


def _cups_refusal() -> str | None:
    """What CUPS said to the last request of this thread, when it said no.

    IPP status codes from 0x0400 up are errors (client-error-not-accepting-jobs is 0x0506).
    Without libcups (Windows, macOS without CUPS) there is nothing to ask.
    """
    lib = _libcups()
    if lib is None or lib.cupsLastError() < 0x0400:
        return None
    return (lib.cupsLastErrorString() or b"").decode("utf-8", "replace")


# --- a batch of queued jobs --------------------------------------------------------------------

@dataclass
class BatchResult:
    """What became of each job of a batch (by id)."""

    sent: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)  # still queued: printer missing/refusing
    failed: list[int] = field(default_factory=list)  # needs staff; `retry` queues it again
    skipped: list[int] = field(default_factory=list)  # was not queued (taken, done, cancelled)
    cancelled: bool = False  # staff stopped the batch; the jobs not reached stay queued


class _Progress:
    """Pages sent over the whole batch, reported only when the count moves."""

    def __init__(self, total: int, report: ProgressCallback | None) -> None:
        self.total, self.done, self._report = total, 0, report
        if report:
            report(0, total)

    def reach(self, done: int) -> None:
        if done != self.done:
            self.done = done
            if self._report:
                self._report(done, self.total)


def print_jobs(db: Db, job_ids: Iterable[int], printer_name: str = "", *,
               on_progress: ProgressCallback | None = None,
               on_job: Callable[[int, str], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> BatchResult:
    """Print queued jobs in order, each claimed, printed and marked on its own.

    A job's own printer wins over `printer_name` (the one in settings); with neither, the
    system's default printer is used. Progress counts pages over the whole batch; a job
    that could not be printed counts as done with, so the count always reaches the total.
    `on_job` gets the id of each job tried and "" when it was sent, or the Vietnamese reason
    when not. `should_stop` is asked before each job: a started document is always finished.
    """
    jobs = [job for job in (queue.get(db, i) for i in job_ids) if job is not None]
    sizes = {job.id: count_pages(job.pdf_path) for job in jobs}
    progress = _Progress(sum(sizes.values()), on_progress)
    result = BatchResult()
    for job in jobs:
        if should_stop and should_stop():
            result.cancelled = True
            break
        before = progress.done
        error = _print_one(db, job, printer_name, result,
                           lambda page, _pages, before=before: progress.reach(before + page))
        progress.reach(before + sizes[job.id])
        if on_job and job.id not in result.skipped:
            on_job(job.id, error)
    return result


def _print_one(db: Db, job: queue.JobInfo, printer_name: str, result: BatchResult,
               on_page: ProgressCallback) -> str:
    if queue.claim(db, job.id) is None:
        result.skipped.append(job.id)
        return ""
    try:
        info = find_printer(job.printer or printer_name)
        printer = make_printer(info, job.label or ", ".join(job.serials))
        print_pdf(job.pdf_path, printer, on_page)
    except PrintError as exc:
        if exc.keep_queued:
            queue.release(db, job.id, str(exc))
            result.waiting.append(job.id)
        else:
            queue.mark_failed(db, job.id, str(exc))
            result.failed.append(job.id)
        return str(exc)
    except Exception as exc:  # never leave a job "printing" behind a bug
        log.exception("printing job %s failed", job.id)
        message = queue.unexpected_error(exc)
        queue.mark_failed(db, job.id, message)
        result.failed.append(job.id)
        return message
    queue.mark_done(db, job.id)
    result.sent.append(job.id)
    return ""


class _BatchThread(QThread):
    progressed = Signal(int, int)
    job_finished = Signal(int, str)
    done = Signal(object)

    def __init__(self, work: Callable[..., BatchResult], stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        result = BatchResult()
        try:
            result = self._work(on_progress=self.progressed.emit,
                                on_job=self.job_finished.emit, should_stop=self._stop.is_set)
        except Exception:  # the caller must hear the end even after a bug
            log.exception("the print batch stopped")
        self.done.emit(result)


#: Threads still running, so that one outlives a BatchPrinter dropped before it ended
#: (Qt aborts the process when a running QThread is destroyed).
_RUNNING: set[_BatchThread] = set()


def finish_running_batches(timeout_ms: int = 60_000) -> None:
    """At quit: let every batch end after the document it is printing (the rest stays
    queued), so the process never ends with a print thread running."""
    for thread in list(_RUNNING):
        thread.stop()
    for thread in list(_RUNNING):
        thread.wait(timeout_ms)


class BatchPrinter(QObject):
    """Prints several queued jobs on a thread of its own; cancel stops before the next job.

    Connect to the signals, then `start()`. `finished` always comes, once, with a
    BatchResult; jobs not reached when cancelled stay queued, nothing is lost. Before the
    application quits, `cancel()` and `wait()` a batch that is still running.
    """

    progress = Signal(int, int)  # pages sent, pages in the batch
    job_finished = Signal(int, str)  # job id; "" when sent, else the reason (Vietnamese)
    finished = Signal(object)  # BatchResult

    def __init__(self, db: Db, job_ids: Iterable[int], printer_name: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._job_ids = list(job_ids)
        self._printer_name = printer_name
        self._stop = threading.Event()
        self._thread: _BatchThread | None = None
        self.result: BatchResult | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a BatchPrinter runs once")
        # The printer plug-in is made on first use; make it here, on the GUI thread.
        QPrinterInfo.availablePrinterNames()
        work = functools.partial(print_jobs, self._db, self._job_ids, self._printer_name)
        self._thread = _BatchThread(work, self._stop)
        self._thread.progressed.connect(self.progress)
        self._thread.job_finished.connect(self.job_finished)
        self._thread.done.connect(self._finish)
        _RUNNING.add(self._thread)
        self._thread.finished.connect(functools.partial(_RUNNING.discard, self._thread))
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def wait(self, timeout_ms: int) -> bool:
        """Block until the thread has ended (for shutdown and tests); False on timeout."""
        return self._thread is None or self._thread.wait(timeout_ms)

    def _finish(self, result: BatchResult) -> None:
        self.result = result
        self._thread.wait()
        self.finished.emit(result)



_COMMAND_LINE_APP = None


def print_jobs_now(db: Db, job_ids: Iterable[int], printer_name: str = "",
                   **callbacks) -> BatchResult:
    """`print_jobs` for the command line, where no kiosk window (and no Qt application)
    is running: the printer plug-in needs one."""
    global _COMMAND_LINE_APP
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _COMMAND_LINE_APP = QGuiApplication(["kiosk"])
    return print_jobs(db, job_ids, printer_name, **callbacks)
