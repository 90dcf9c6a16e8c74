"""The print queue in the core: durable jobs, their states, and what survives a killed process.

No Qt here: the queue is plain storage, and the printer is the UI's business.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect

from kiosk import printing
from kiosk.db.engine import alembic_config, make_engine
from kiosk.printing import PrintJobStatus as S

REPO = Path(__file__).resolve().parents[2]


def test_migration_0002_adds_the_table_and_goes_back(tmp_path: Path):
    from alembic import command

    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    assert "print_jobs" not in inspect(engine).get_table_names()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    assert "print_jobs" in inspect(engine).get_table_names()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert "print_jobs" not in inspect(engine).get_table_names()
    engine.dispose()


def test_enqueue_keeps_its_own_copy_under_the_data_folder(db, data_dir, make_pdf):
    source = make_pdf("Trần Văn Út")
    job = printing.enqueue(db, data_dir, source, label="Chứng nhận Trần Văn Út",
                           serials=["2026-0001", " ", "2026-0002"])
    original = source.read_bytes()
    source.unlink()  # the caller's file may go away: the job owns a copy
    assert job.pdf_path.parent == data_dir / "print"
    assert job.pdf_path.read_bytes() == original
    assert not list(job.pdf_path.parent.glob("*.part"))
    assert (job.status, job.attempts, job.last_error) == (S.QUEUED, 0, None)
    assert job.serials == ("2026-0001", "2026-0002")
    assert job.station == printing.this_station()
    assert printing.get(db, job.id) == job


def test_enqueue_takes_bytes_and_refuses_what_is_not_a_pdf(db, data_dir, make_pdf):
    job = printing.enqueue(db, data_dir, make_pdf().read_bytes(), label="x")
    assert job.pdf_path.read_bytes().startswith(b"%PDF-")
    with pytest.raises(ValueError, match="không phải là tệp PDF"):
        printing.enqueue(db, data_dir, b"<html>not a pdf</html>")
    assert [j.id for j in printing.list_jobs(db)] == [job.id]


def test_each_state_change_is_allowed_only_from_the_right_state(db, data_dir, make_pdf):
    job = printing.enqueue(db, data_dir, make_pdf(), label="Một")
    assert printing.retry(db, job.id) is None  # queued: nothing to retry
    claimed = printing.claim(db, job.id)
    assert (claimed.status, claimed.attempts) == (S.PRINTING, 1)
    assert printing.claim(db, job.id) is None  # nobody takes it twice
    assert printing.cancel(db, job.id) is None  # not while it is printing

    back = printing.release(db, job.id, printing.printer_missing("Canon"))
    assert back.status == S.QUEUED and "Không tìm thấy máy in “Canon”" in back.last_error
    printing.claim(db, job.id)
    failed = printing.mark_failed(db, job.id, printing.pdf_unreadable(job.pdf_path))
    assert (failed.status, failed.attempts) == (S.FAILED, 2)
    assert printing.mark_done(db, job.id) is None  # only a printing job can be done

    assert printing.cancel(db, job.id).status == S.CANCELLED
    again = printing.retry(db, job.id, printer="Brother")
    assert (again.status, again.printer) == (S.QUEUED, "Brother")
    assert again.last_error  # the reason stays until the next attempt ends
    printing.claim(db, job.id)
    done = printing.mark_done(db, job.id)
    assert (done.status, done.attempts, done.last_error) == (S.DONE, 3, None)
    assert done.updated_at >= done.created_at
    for change in (printing.cancel, printing.retry, printing.claim):
        assert change(db, job.id) is None
    assert printing.get(db, 10_000) is None


def test_lists_and_the_next_job_are_per_station_and_oldest_first(db, data_dir, make_pdf):
    pdf = make_pdf()
    first, second, third = (printing.enqueue(db, data_dir, pdf, label=str(n)) for n in range(3))
    printing.claim(db, first.id)
    assert printing.next_queued(db).id == second.id
    assert [j.id for j in printing.list_jobs(db)] == [first.id, second.id, third.id]
    assert [j.id for j in printing.list_jobs(db, [S.PRINTING])] == [first.id]
    assert printing.list_jobs(db, station="another-kiosk") == []
    assert printing.next_queued(db, station="another-kiosk") is None


def test_two_printers_racing_for_one_job_never_both_get_it(db, data_dir, make_pdf):
    jobs = [printing.enqueue(db, data_dir, make_pdf(), label=str(n)) for n in range(20)]
    taken: list[list[int]] = [[], []]
    start = threading.Barrier(2)

    def take(mine: list[int]) -> None:
        start.wait(timeout=10)
        for job in jobs:
            if printing.claim(db, job.id):
                mine.append(job.id)

    threads = [threading.Thread(target=take, args=(mine,)) for mine in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not set(taken[0]) & set(taken[1])
    assert sorted(taken[0] + taken[1]) == [j.id for j in jobs]


KILLED = textwrap.dedent("""
    import os, signal, sys
    from kiosk import printing
    from kiosk.db.engine import open_database
    db = open_database(sys.argv[1], ["Ấp 1"])
    jobs = [printing.enqueue(db, sys.argv[2], sys.argv[3].encode() + b"\\n%EOF\\n",
                             label=f"Chứng nhận {n}") for n in range(3)]
    printing.claim(db, jobs[1].id)
    print(jobs[1].id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # the plug pulled in the middle of printing
""")


def test_a_killed_process_loses_no_job(tmp_path: Path, data_dir: Path):
    from kiosk.db.engine import open_database

    url = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    done = subprocess.run([sys.executable, "-c", KILLED, url, str(data_dir), "%PDF-1.4"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == -9, done.stderr
    interrupted_id = int(done.stdout.split()[0])

    db = open_database(url, ["Ấp 1"])
    jobs = printing.list_jobs(db)
    assert [j.status for j in jobs] == [S.QUEUED, S.PRINTING, S.QUEUED]
    assert all(j.pdf_path.is_file() for j in jobs)
    assert printing.recover_interrupted(db) == [interrupted_id]
    recovered = printing.get(db, interrupted_id)
    assert recovered.status == S.FAILED and recovered.last_error == printing.interrupted()
    assert printing.retry(db, interrupted_id).status == S.QUEUED
    assert printing.recover_interrupted(db) == []
    db.kw["bind"].dispose()


def test_save_copy_writes_the_pdf_where_staff_choose_and_closes_the_job(
        db, data_dir, make_pdf, tmp_path: Path):
    usb = tmp_path / "usb"
    usb.mkdir()
    job = printing.enqueue(db, data_dir, make_pdf(), label='Chứng nhận: "Lê/Thị" Hoa?')
    saved = printing.save_copy(db, job.id, usb)
    assert saved == usb / "Chứng nhận_ _Lê_Thị_ Hoa_.pdf"
    assert saved.read_bytes() == job.pdf_path.read_bytes()
    assert printing.get(db, job.id).status == S.DONE
    with pytest.raises(LookupError):
        printing.save_copy(db, job.id, usb)  # done already

    other = printing.enqueue(db, data_dir, make_pdf(), label="Hai")
    named = printing.save_copy(db, other.id, usb / "chosen name.pdf")
    assert named.name == "chosen name.pdf" and not list(usb.glob("*.part"))

    third = printing.enqueue(db, data_dir, make_pdf(), label="Ba")
    with pytest.raises(OSError):
        printing.save_copy(db, third.id, usb / "no such folder" / "x.pdf")
    assert printing.get(db, third.id).status == S.QUEUED  # nothing changed


def test_the_core_queue_imports_no_qt():
    code = ("import sys, kiosk.printing\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'ui'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_month_old_printed_files_go_and_waiting_ones_stay(db, data_dir, make_pdf):
    from datetime import timedelta

    from sqlalchemy import update

    from kiosk.db.models import PrintJob, utcnow

    old_done, old_waiting, new_done = (
        printing.enqueue(db, data_dir, make_pdf(f"Người {n}"), label=f"Chứng nhận {n}")
        for n in range(3))
    for job in (old_done, new_done):
        printing.claim(db, job.id)
        printing.mark_done(db, job.id)
    with db.begin() as session:
        session.execute(update(PrintJob).where(PrintJob.id.in_([old_done.id, old_waiting.id]))
                        .values(updated_at=utcnow() - timedelta(days=40)))
    assert printing.purge_finished(db) == 1
    assert printing.get(db, old_done.id) is None and not old_done.pdf_path.exists()
    for kept in (old_waiting, new_done):  # never a waiting job, nor a recent one
        assert printing.get(db, kept.id) is not None and kept.pdf_path.exists()
