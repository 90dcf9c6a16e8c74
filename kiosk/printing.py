"""The print queue: PDFs waiting for the printer, kept in the database and the data folder.

A job is a row in `print_jobs` and a PDF file under <data_dir>/print/ that the job owns. The
file is written completely before the row exists, and every change of state is its own
transaction, so a printer that is off or missing, or a kiosk switched off mid-print, loses
nothing: the job is still there on the next start.

    queued ──claim──▶ printing ──mark_done──▶ done
       ▲                 │ ├──mark_failed──▶ failed ──retry──▶ queued
       └────release──────┘ └──(killed)──▶ recover_interrupted ─▶ failed
    queued / failed ──cancel──▶ cancelled ──retry──▶ queued

"done" means handed to the printing system (CUPS); a stopped printer keeps the job there.
"release" puts a job back when the printer cannot be reached at all: it stays queued with
the reason, ready to go when the printer is back. Sending a job to a printer is Qt's work
and lives in `ui.printing`; this module has no Qt.

The messages stored in `last_error` are Vietnamese for staff, like every message the core
writes; they are built here so the queue reads the same whoever filled it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.models import PrintJob, PrintJobStatus, utcnow

Db = sessionmaker[Session]

__all__ = [
    "JobInfo",
    "PrintJobStatus",
    "cancel",
    "claim",
    "enqueue",
    "get",
    "list_jobs",
    "mark_done",
    "mark_failed",
    "next_queued",
    "print_folder",
    "recover_interrupted",
    "release",
    "retry",
    "save_copy",
    "this_station",
]

LABEL_LENGTH = 200


def this_station() -> str:
    """The machine whose data folder holds the PDFs of the jobs it queues."""
    return socket.gethostname()[:120]


def print_folder(data_dir: Path | str) -> Path:
    return Path(data_dir) / "print"


# --- the messages staff read in the queue (Vietnamese) -------------------------------------

def printer_missing(name: str) -> str:
    return (f"Không tìm thấy máy in “{name}”. Hãy kiểm tra máy in đã bật, đã cắm dây và đã "
            "được cài trên máy tính, rồi in lại. Việc in vẫn nằm trong hàng đợi.")


def no_default_printer() -> str:
    return ("Máy tính chưa có máy in mặc định. Hãy chọn máy in trong phần cài đặt, rồi in "
            "lại. Việc in vẫn nằm trong hàng đợi.")


def pdf_missing(path: Path | str) -> str:
    return f"Không tìm thấy tệp PDF của việc in này ({path}). Hãy tạo lại chứng nhận."


def pdf_unreadable(path: Path | str) -> str:
    return f"Tệp PDF của việc in này bị hỏng, không đọc được ({path}). Hãy tạo lại chứng nhận."


def printer_refused(name: str) -> str:
    return (f"Máy in “{name}” không nhận việc in (có thể máy in đang từ chối việc mới). "
            "Hãy kiểm tra máy in rồi in lại.")


def unexpected_error(exc: BaseException) -> str:
    return f"Lỗi không lường trước khi in ({type(exc).__name__}: {exc}). Hãy thử in lại."


def interrupted() -> str:
    return ("Chương trình bị tắt giữa lúc đang in. Hãy xem giấy đã ra chưa; nếu chưa, "
            "bấm in lại.")


# --- records -------------------------------------------------------------------------------

@dataclass(frozen=True)
class JobInfo:
    id: int
    created_at: datetime
    updated_at: datetime
    station: str
    label: str
    serials: tuple[str, ...]
    pdf_path: Path
    printer: str
    status: PrintJobStatus
    attempts: int
    last_error: str | None


def _aware(moment: datetime) -> datetime:
    """UTC, whether the database kept the time zone (PostgreSQL) or not (SQLite)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _info(job: PrintJob) -> JobInfo:
    return JobInfo(job.id, _aware(job.created_at), _aware(job.updated_at), job.station, job.label,
                   tuple(s for s in job.serials.splitlines() if s), Path(job.pdf_path),
                   job.printer, job.status, job.attempts, job.last_error)


# --- changing the queue, one transaction each ----------------------------------------------

def _write_durably(target: Path, data: bytes) -> None:
    """Write the whole file under a temporary name, flush it to disk, then rename it."""
    partial = target.with_name(target.name + ".part")
    with open(partial, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)


def enqueue(db: Db, data_dir: Path | str, pdf: Path | bytes, *, label: str = "",
            serials: Iterable[str] = (), printer: str = "") -> JobInfo:
    """Queue a copy of a PDF (a path or its bytes); the caller's file may then go away.

    `printer` empty means the printer in settings when the job is printed, or the system's
    default printer. Raises ValueError when the data is not a PDF.
    """
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ValueError("Tệp cần in không phải là tệp PDF.")
    folder = print_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{utcnow():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.pdf"
    _write_durably(target, data)
    serial_list = [s.strip() for s in serials if s.strip()]
    with db.begin() as session:
        job = PrintJob(station=this_station(), label=label.strip()[:LABEL_LENGTH],
                       serials="\n".join(serial_list), pdf_path=str(target),
                       printer=printer.strip(), status=PrintJobStatus.QUEUED, attempts=0)
        session.add(job)
        session.flush()
        return _info(job)


def get(db: Db, job_id: int) -> JobInfo | None:
    with db() as session:
        job = session.get(PrintJob, job_id)
        return _info(job) if job else None


def list_jobs(db: Db, statuses: Iterable[PrintJobStatus] | None = None, *,
              station: str | None = None, limit: int = 500) -> list[JobInfo]:
    """This station's jobs (or another's), oldest first, optionally of some states only."""
    query = select(PrintJob).where(PrintJob.station == (station or this_station()))
    if statuses is not None:
        query = query.where(PrintJob.status.in_(list(statuses)))
    with db() as session:
        return [_info(j) for j in session.scalars(query.order_by(PrintJob.id).limit(limit))]


def next_queued(db: Db, *, station: str | None = None) -> JobInfo | None:
    """The oldest job waiting on this station, without taking it."""
    jobs = list_jobs(db, [PrintJobStatus.QUEUED], station=station, limit=1)
    return jobs[0] if jobs else None


def _move(db: Db, job_id: int, allowed: Iterable[PrintJobStatus], **values) -> JobInfo | None:
    """Change a job only if it is in one of the allowed states, atomically.

    The condition sits in the UPDATE itself, so two kiosks (or a kiosk and a staff PC) on a
    shared database never both take the same job.
    """
    with db.begin() as session:
        moved = session.execute(
            update(PrintJob)
            .where(PrintJob.id == job_id, PrintJob.status.in_(list(allowed)))
            .values(updated_at=utcnow(), **values)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not moved:
            return None
        return _info(session.get(PrintJob, job_id))


def claim(db: Db, job_id: int, printer: str | None = None) -> JobInfo | None:
    """Take a queued job for printing; None when it is not queued (any more).

    `printer` records the printer it is about to be sent to.
    """
    values: dict = {"status": PrintJobStatus.PRINTING, "attempts": PrintJob.attempts + 1}
    if printer is not None:
        values["printer"] = printer
    return _move(db, job_id, [PrintJobStatus.QUEUED], **values)


def mark_done(db: Db, job_id: int) -> JobInfo | None:
    """The printing system has the job."""
    return _move(db, job_id, [PrintJobStatus.PRINTING], status=PrintJobStatus.DONE,
                 last_error=None)


def mark_failed(db: Db, job_id: int, error: str) -> JobInfo | None:
    """Printing went wrong in a way that needs staff; `retry` queues it again."""
    return _move(db, job_id, [PrintJobStatus.PRINTING], status=PrintJobStatus.FAILED,
                 last_error=error)


def release(db: Db, job_id: int, error: str | None = None) -> JobInfo | None:
    """Put a job back in the queue untouched: the printer is missing, or staff stopped."""
    return _move(db, job_id, [PrintJobStatus.PRINTING], status=PrintJobStatus.QUEUED,
                 last_error=error)


def retry(db: Db, job_id: int, printer: str | None = None) -> JobInfo | None:
    """Queue a failed or cancelled job again, on another printer if one is given.

    A queued job that is waiting for its printer is simply printed again: it needs no retry.
    The last error stays until the next attempt ends, so staff still see why.
    """
    values: dict = {"status": PrintJobStatus.QUEUED}
    if printer is not None:
        values["printer"] = printer.strip()
    return _move(db, job_id, [PrintJobStatus.FAILED, PrintJobStatus.CANCELLED], **values)


def cancel(db: Db, job_id: int) -> JobInfo | None:
    """Staff no longer want this job; a job being printed right now cannot be cancelled."""
    return _move(db, job_id, [PrintJobStatus.QUEUED, PrintJobStatus.FAILED],
                 status=PrintJobStatus.CANCELLED)


def recover_interrupted(db: Db, *, station: str | None = None) -> list[int]:
    """After a crash: jobs left "printing" on this station become failed, for staff to check.

    They are not queued again by themselves: the printer may well have printed them already,
    and a certificate printed twice is staff's call. Returns the ids of those jobs.
    """
    with db.begin() as session:
        ids = list(session.scalars(
            select(PrintJob.id).where(PrintJob.station == (station or this_station()),
                                      PrintJob.status == PrintJobStatus.PRINTING)))
        if ids:
            session.execute(
                update(PrintJob).where(PrintJob.id.in_(ids),
                                       PrintJob.status == PrintJobStatus.PRINTING)
                .values(status=PrintJobStatus.FAILED, last_error=interrupted(),
                        updated_at=utcnow())
                .execution_options(synchronize_session=False))
        return ids


def save_copy(db: Db, job_id: int, target: Path | str) -> Path:
    """Save a job's PDF where staff choose (a USB stick, to print elsewhere) and close it.

    The job must be queued or failed; it becomes done, since the paper will come from
    somewhere else. Raises LookupError for an unknown or unsuitable job and OSError when the
    copy cannot be written; the job is unchanged then.
    """
    job = get(db, job_id)
    if job is None or job.status not in (PrintJobStatus.QUEUED, PrintJobStatus.FAILED):
        raise LookupError(f"Không có việc in số {job_id} đang chờ để lưu.")
    target = Path(target)
    if target.is_dir():
        target = target / (job.pdf_path.name if not job.label else
                           _file_name(job.label) + ".pdf")
    partial = target.with_name(target.name + ".part")
    try:
        shutil.copyfile(job.pdf_path, partial)
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    _move(db, job_id, [PrintJobStatus.QUEUED, PrintJobStatus.FAILED],
          status=PrintJobStatus.DONE, last_error=None)
    return target


#: Printed (or cancelled) jobs keep their PDF this long, for a reprint, then it goes.
KEEP_PRINTED_DAYS = 30


def purge_finished(db: Db, *, days: int = KEEP_PRINTED_DAYS,
                   station: str | None = None) -> int:
    """Delete the PDFs of this station's jobs done or cancelled more than `days` ago, and
    their rows; certificates themselves stay in their table and can be printed again.
    Returns how many jobs went."""
    cutoff = utcnow() - timedelta(days=days)
    with db.begin() as session:
        old = list(session.scalars(select(PrintJob).where(
            PrintJob.station == (station or this_station()),
            PrintJob.status.in_([PrintJobStatus.DONE, PrintJobStatus.CANCELLED]),
            PrintJob.updated_at < cutoff)))
        for job in old:
            Path(job.pdf_path).unlink(missing_ok=True)
            session.delete(job)
        return len(old)


def _file_name(label: str) -> str:
    """A label as a file name any USB stick accepts (FAT forbids these characters)."""
    cleaned = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in label)
    return cleaned.strip(" .") or "in"
