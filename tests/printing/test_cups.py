"""Printing for real: queued jobs through QtPrintSupport to a private CUPS server.

Each test gets its own cups-pdf queue; what the queue prints comes out as PDF files in a
folder of its own. Those files are re-rendered by Ghostscript, so they prove that a job
went all the way through CUPS and how many pages it had, not what text it held (that is
checked on the PDF itself, in the certificate tests).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer

from kiosk import printing
from kiosk.printing import PrintJobStatus as S
from ui.printing import PrintError, find_printer


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=30,
                          check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def queue_jobs(db, data_dir, make_pdf, count: int, printer: str = "") -> list[int]:
    return [printing.enqueue(db, data_dir, make_pdf(f"Người học số {n}"), printer=printer,
                             label=f"Chứng nhận {n}", serials=[f"TEST-{n:04d}"]).id
            for n in range(1, count + 1)]


def test_one_certificate_comes_out_of_the_cups_pdf_queue(
        cups, pdf_printer, db, data_dir, make_pdf, run_batch):
    [job_id] = queue_jobs(db, data_dir, make_pdf, 1)
    result, progress, finished = run_batch([job_id], pdf_printer.name)
    assert result.sent == [job_id] and not result.cancelled
    assert finished == [(job_id, "")]
    assert progress[0] == (0, 1) and progress[-1] == (1, 1)
    job = printing.get(db, job_id)
    assert (job.status, job.attempts, job.last_error) == (S.DONE, 1, None)
    [out] = cups.wait_for_outputs(pdf_printer, 1, timeout=60)
    assert out.read_bytes().startswith(b"%PDF-") and pages(out) == 1
    assert len(cups.jobs(pdf_printer.name, "completed")) == 1


@pytest.mark.slow
def test_a_batch_of_20_all_come_out_while_the_screen_keeps_running(
        cups, pdf_printer, db, data_dir, make_pdf, run_batch, qapp):
    job_ids = queue_jobs(db, data_dir, make_pdf, 20)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(QThread.currentThread()))
    timer.start(20)
    started = time.monotonic()
    result, progress, finished = run_batch(job_ids, pdf_printer.name)
    took = time.monotonic() - started
    timer.stop()
    assert result.sent == job_ids
    assert [job for job, error in finished if not error] == job_ids
    assert progress[-1] == (20, 20)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    # The event loop went on while the batch printed: it ran on a thread of its own.
    assert len(ticks) >= took / 0.02 / 4 and set(ticks) == {qapp.thread()}
    assert {j.status for j in printing.list_jobs(db)} == {S.DONE}
    outputs = cups.wait_for_outputs(pdf_printer, 20, timeout=120)
    assert len(outputs) == 20 and all(pages(out) == 1 for out in outputs)


def test_a_stopped_queue_holds_the_jobs_and_prints_them_when_started(
        cups, pdf_printer, db, data_dir, make_pdf, run_batch):
    cups.disable(pdf_printer.name)  # the printer is off, or out of paper
    job_ids = queue_jobs(db, data_dir, make_pdf, 3)
    result, _, _ = run_batch(job_ids, pdf_printer.name)
    assert result.sent == job_ids  # CUPS has them now, and keeps them
    assert len(cups.jobs(pdf_printer.name)) == 3
    time.sleep(2)
    assert pdf_printer.outputs() == []
    assert len(cups.jobs(pdf_printer.name)) == 3  # waiting, nothing lost
    cups.enable(pdf_printer.name)
    assert len(cups.wait_for_outputs(pdf_printer, 3, timeout=60)) == 3


def test_a_printer_that_does_not_exist_keeps_the_job_queued_until_it_is_added(
        cups, db, data_dir, make_pdf, run_batch):
    name = "may-in-phong-van-hoa"
    job_ids = queue_jobs(db, data_dir, make_pdf, 2, printer=name)
    result, _, finished = run_batch(job_ids)
    assert result.waiting == job_ids and not result.sent
    for job_id, error in finished:
        assert error == printing.printer_missing(name)
        job = printing.get(db, job_id)
        assert (job.status, job.attempts, job.last_error) == (S.QUEUED, 1, error)
    assert "Không tìm thấy máy in “may-in-phong-van-hoa”" in error

    queue = cups.add_pdf_queue(name)  # staff switch the printer on and install it
    try:
        result, _, _ = run_batch(job_ids)
        assert result.sent == job_ids
        assert all(printing.get(db, j).status == S.DONE for j in job_ids)
        assert printing.get(db, job_ids[0]).attempts == 2
        assert len(cups.wait_for_outputs(queue, 2, timeout=60)) == 2
    finally:
        cups.delete_queue(name)


def test_a_queue_that_refuses_jobs_does_not_swallow_them(
        cups, pdf_printer, db, data_dir, make_pdf, run_batch):
    cups.reject(pdf_printer.name)
    [job_id] = queue_jobs(db, data_dir, make_pdf, 1)
    result, _, [(_, error)] = run_batch([job_id], pdf_printer.name)
    assert result.waiting == [job_id]
    assert error == printing.printer_refused(pdf_printer.name)
    assert printing.get(db, job_id).status == S.QUEUED
    assert cups.jobs(pdf_printer.name, "all") == []
    cups.accept(pdf_printer.name)
    result, _, _ = run_batch([job_id], pdf_printer.name)
    assert result.sent == [job_id]
    assert len(cups.wait_for_outputs(pdf_printer, 1, timeout=60)) == 1


def test_an_empty_printer_setting_means_the_system_default(
        cups, db, data_dir, make_pdf, run_batch):
    queue = cups.add_pdf_queue("may-in-mac-dinh", default=True)
    [first, second] = queue_jobs(db, data_dir, make_pdf, 2)
    try:
        result, _, _ = run_batch([first], "")
        assert result.sent == [first]
        assert len(cups.wait_for_outputs(queue, 1, timeout=60)) == 1
    finally:
        cups.delete_queue("may-in-mac-dinh")  # CUPS has no default printer after this
    result, _, [(_, error)] = run_batch([second], "")
    assert result.waiting == [second] and error == printing.no_default_printer()


def test_cancelling_a_batch_stops_before_the_next_job_and_loses_nothing(
        cups, pdf_printer, db, data_dir, make_pdf, run_batch):
    job_ids = queue_jobs(db, data_dir, make_pdf, 8)
    result, _, _ = run_batch(job_ids, pdf_printer.name, cancel_after_jobs=1)
    assert result.cancelled and 1 <= len(result.sent) < 8
    left = [j.id for j in printing.list_jobs(db, [S.QUEUED])]
    assert sorted(result.sent + left) == job_ids
    result, _, _ = run_batch(left, pdf_printer.name)
    assert result.sent == left
    assert len(cups.wait_for_outputs(pdf_printer, 8, timeout=60)) == 8


def test_jobs_already_taken_or_closed_are_skipped(
        cups, pdf_printer, db, data_dir, make_pdf, run_batch):
    job_ids = queue_jobs(db, data_dir, make_pdf, 3)
    printing.cancel(db, job_ids[0])
    printing.claim(db, job_ids[1])  # another kiosk on the shared database has it
    result, progress, finished = run_batch(job_ids, pdf_printer.name)
    assert result.skipped == job_ids[:2] and result.sent == [job_ids[2]]
    assert finished == [(job_ids[2], "")] and progress[-1] == (3, 3)


def test_find_printer_names_the_missing_printer(cups, pdf_printer, qapp):
    assert find_printer(pdf_printer.name).printerName() == pdf_printer.name
    with pytest.raises(PrintError) as caught:
        find_printer("Canon LBP2900")
    assert caught.value.keep_queued
    assert str(caught.value).startswith("Không tìm thấy máy in “Canon LBP2900”.")


def test_a_certificate_made_by_the_certificate_renderer_prints(
        cups, pdf_printer, db, data_dir, tmp_path, run_batch):
    from datetime import date

    from kiosk.certificates import CertificateData, CertificateKind
    from kiosk.certificates.pdf import render
    from kiosk.skills import Skill

    data = CertificateData(
        serial="2026-000123", kind=CertificateKind.SKILL, skills=(Skill.SAFETY,),
        completed_on=(date(2026, 11, 20),), resident_name="Huỳnh Thị Ngọc Bích",
        birth_year=1956, hamlet="Khóm 3", commune="Phường Thử Nghiệm", province="Tỉnh Mẫu",
        issued_on=date(2026, 11, 29), signer_title="Chủ tịch UBND",
        signer_name="Trương Văn Ký", key_id="TESTKEY1")
    source = tmp_path / "certificate.pdf"
    render([(data, "TEST-TOKEN-NOT-SIGNED"), (data, "TEST-TOKEN-NOT-SIGNED")], source, "A5")
    job = printing.enqueue(db, data_dir, source, label="Chứng nhận Huỳnh Thị Ngọc Bích",
                           serials=[data.serial])
    result, progress, _ = run_batch([job.id], pdf_printer.name)
    assert result.sent == [job.id] and progress[-1] == (2, 2)
    [out] = cups.wait_for_outputs(pdf_printer, 1, timeout=60)
    assert pages(out) == 2
