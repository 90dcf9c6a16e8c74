"""A resident who completes a skill asks for the certificate at the kiosk: with
`certificate_at_kiosk = queue` it waits in the print queue for staff; with `print` it comes
out of the (real, private CUPS) printer at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import printing, residents
from kiosk.certificates import issuing
from kiosk.printing import PrintJobStatus as S

LESSON = """\
id: safety.short
skill: safety
title: Cuộc gọi lạ
steps:
  - kind: choice
    prompt: Người lạ hỏi mã OTP. Ông bà làm gì?
    options:
      - text: Cúp máy
        correct: true
      - text: Đọc mã
"""


@pytest.fixture
def completed(make_window, touch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A window whose resident has just completed the only lesson of "safety"."""

    def make(**settings: str):
        folder = tmp_path / "pack" / "safety"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "short.yaml").write_text(LESSON, encoding="utf-8")
        monkeypatch.setenv("KIOSK_LESSONS_DIR", str(folder.parent))
        for name, value in settings.items():
            monkeypatch.setenv(f"KIOSK_{name.upper()}", value)
        window = make_window()
        hamlet = residents.list_hamlets(window.station.db)[0]
        window.resident = residents.register(window.station.db, full_name="Lý Thị Nở",
                                             birth_year=1948, hamlet_id=hamlet.id,
                                             consent_given=True)
        window.flow.sign_in(window.resident)
        touch(window, "skill_safety")
        touch(window, "lesson_safety.short")
        touch(window, "option_0")
        touch(window, "step_next")
        assert window.current_screen() is window.flow.completed
        return window

    return make


def test_a_request_waits_in_the_queue_for_staff(touch, completed):
    window = completed(certificate_at_kiosk="queue")
    touch(window, "certificate_request")
    status = window.flow.completed.certificate_status.text()
    assert "Cán bộ xã sẽ in" in status
    assert not window.flow.completed.certificate_button.isEnabled()
    [held] = issuing.for_resident(window.station.db, window.resident.id,
                                  window.station.config)
    [job] = printing.list_jobs(window.station.db)
    assert job.status == S.QUEUED and held.serial in job.serials
    assert Path(job.pdf_path).read_bytes().startswith(b"%PDF-")


def test_a_request_prints_at_once_on_the_kiosk_printer(qtbot, touch, completed, cups,
                                                        pdf_printer):
    window = completed(certificate_at_kiosk="print", printer_name=pdf_printer.name)
    touch(window, "certificate_request")
    screen = window.flow.completed
    qtbot.waitUntil(lambda: "Đã in xong" in screen.certificate_status.text(), timeout=60_000)
    [job] = printing.list_jobs(window.station.db)
    assert job.status == S.DONE
    assert len(cups.wait_for_outputs(pdf_printer, 1, timeout=60)) == 1


def test_a_missing_printer_keeps_the_certificate_for_staff(qtbot, touch, completed, cups):
    window = completed(certificate_at_kiosk="print", printer_name="khong-co-may-in")
    touch(window, "certificate_request")
    screen = window.flow.completed
    qtbot.waitUntil(lambda: "cán bộ xã sẽ in" in screen.certificate_status.text(),
                    timeout=60_000)
    [job] = printing.list_jobs(window.station.db)
    assert job.status == S.QUEUED and "khong-co-may-in" in job.last_error


def test_staff_print_the_waiting_requests_from_the_command_line(touch, completed, cups,
                                                               pdf_printer):
    import subprocess
    import sys

    window = completed(certificate_at_kiosk="queue")
    touch(window, "certificate_request")
    [held] = issuing.for_resident(window.station.db, window.resident.id,
                                  window.station.config)

    def kiosk(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kiosk", "certificate", "print", *args],
                              capture_output=True, text=True, timeout=120)

    run = kiosk("--queued", "--printer", pdf_printer.name)
    assert run.returncode == 0, run.stderr
    assert "Đã gửi đến máy in 1 lệnh in" in run.stdout
    [job] = printing.list_jobs(window.station.db)
    assert job.status == S.DONE
    run = kiosk(held.serial, "--printer", pdf_printer.name)  # a reprint by serial
    assert run.returncode == 0, run.stderr
    assert len(cups.wait_for_outputs(pdf_printer, 2, timeout=60)) == 2
    run = kiosk("2026-AAAAAA")
    assert run.returncode == 1 and "Không có chứng nhận số: 2026-AAAAAA" in run.stderr
