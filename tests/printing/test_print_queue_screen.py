"""Staff print the waiting certificates from the console's "Chờ in" section (Ctrl+Shift+P
opens it): a progress bar, a stop button, one job printed again on its own, and nothing
lost when the printer cannot take them."""

from __future__ import annotations

import pytest

from kiosk import printing
from kiosk.db.models import StaffRole
from kiosk.printing import PrintJobStatus as S


@pytest.fixture
def queue_panel(qtbot, make_window, console_as, make_pdf, monkeypatch):
    def open_with(count: int, printer: str) -> tuple:
        monkeypatch.setenv("KIOSK_PRINTER_NAME", printer)
        window = make_window()
        db, data_dir = window.station.db, window.station.config.data_dir
        ids = [printing.enqueue(db, data_dir, make_pdf(f"Người học {n}"),
                                label=f"Chứng nhận: Người học {n}").id
               for n in range(count)]
        # Team members print too; what Ctrl+Shift+P opens after the PIN.
        window, console = console_as(StaffRole.TEAM_MEMBER, page="certificates",
                                     window=window)
        panel = console.current_page().show_section("queue")
        return window, panel, ids

    return open_with


def rows(panel) -> list[str]:
    return [panel.model.index(i).data() for i in range(panel.model.rowCount())]


def test_print_all_shows_progress_and_empties_the_queue(qtbot, touch, queue_panel, cups,
                                                         pdf_printer):
    window, panel, _ = queue_panel(4, pdf_printer.name)
    assert len(rows(panel)) == 4 and "4 lệnh in" in panel.summary.text()
    seen = []
    panel.progress.valueChanged.connect(seen.append)
    touch(window, "queue_print")
    assert panel.progress.isVisible() and panel.stop_button.isVisible()
    assert not panel.print_button.isEnabled()  # one batch at a time
    assert not panel.print_one_button.isEnabled()
    qtbot.waitUntil(lambda: panel.batch is None, timeout=120_000)
    assert seen and seen[-1] == panel.progress.maximum() == 4  # one page each
    assert rows(panel) == [] and "Đã gửi 4 lệnh in" in panel.summary.text()
    assert len(cups.wait_for_outputs(pdf_printer, 4, timeout=120)) == 4


def test_stop_leaves_the_rest_queued(qtbot, touch, queue_panel, cups, pdf_printer):
    window, panel, ids = queue_panel(6, pdf_printer.name)
    touch(window, "queue_print")
    touch(window, "queue_stop")
    qtbot.waitUntil(lambda: panel.batch is None, timeout=120_000)
    statuses = [printing.get(window.station.db, i).status for i in ids]
    assert S.QUEUED in statuses  # not reached: still waiting, nothing lost
    assert len(rows(panel)) == statuses.count(S.QUEUED)


def test_a_missing_printer_keeps_every_job_with_its_reason(qtbot, touch, queue_panel, cups):
    window, panel, _ = queue_panel(2, "may-in-khong-co")
    touch(window, "queue_print")
    qtbot.waitUntil(lambda: panel.batch is None, timeout=60_000)
    assert len(rows(panel)) == 2
    assert "may-in-khong-co" in rows(panel)[0]
    assert "Còn 2 lệnh đang chờ" in panel.summary.text()


def test_a_failed_job_is_printed_again_on_its_own(qtbot, touch, queue_panel, cups,
                                                  pdf_printer):
    window, panel, ids = queue_panel(3, pdf_printer.name)
    db = window.station.db
    printing.claim(db, ids[1])
    printing.mark_failed(db, ids[1], "Giấy bị kẹt")  # as a crash mid-print leaves it
    panel.refresh()
    assert "Chưa in được: Giấy bị kẹt" in rows(panel)[1]
    assert not panel.print_one_button.isEnabled()  # nothing chosen yet
    panel.select_job(ids[1])
    touch(window, "queue_print_one")
    qtbot.waitUntil(lambda: panel.batch is None, timeout=120_000)
    assert [printing.get(db, i).status for i in ids] == [S.QUEUED, S.DONE, S.QUEUED]
    assert len(rows(panel)) == 2 and "Đã gửi 1 lệnh in" in panel.summary.text()
    assert len(cups.wait_for_outputs(pdf_printer, 1, timeout=120)) == 1


def test_quitting_mid_batch_finishes_the_page_in_hand_and_keeps_the_rest(
        qtbot, touch, queue_panel, cups, pdf_printer):
    from ui.printing import finish_running_batches

    window, panel, ids = queue_panel(6, pdf_printer.name)
    touch(window, "queue_print")
    finish_running_batches()  # what the kiosk does when it quits
    assert not panel.batch.is_running()
    statuses = [printing.get(window.station.db, i).status for i in ids]
    assert S.PRINTING not in statuses and S.QUEUED in statuses
    qtbot.waitUntil(lambda: panel.batch is None, timeout=10_000)


def test_without_a_printer_staff_save_a_certificate_to_a_file(qtbot, touch, queue_panel,
                                                               cups, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window, panel, ids = queue_panel(2, "may-in-khong-co")
    target = tmp_path / "usb" / "chung-nhan.pdf"
    target.parent.mkdir()
    # Where staff point the file dialog (the system's own dialog, not driven here).
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(target), "PDF (*.pdf)")))
    assert not panel.save_button.isEnabled()  # nothing chosen yet
    panel.select_job(ids[0])
    touch(window, "queue_save")
    assert target.read_bytes() == printing.get(window.station.db, ids[0]).pdf_path.read_bytes()
    assert printing.get(window.station.db, ids[0]).status == S.DONE
    assert len(rows(panel)) == 1 and str(target) in panel.summary.text()


def test_signing_out_mid_batch_loses_nothing(qtbot, touch, queue_panel, cups, pdf_printer):
    from ui.printing import finish_running_batches

    window, _, ids = queue_panel(3, pdf_printer.name)
    touch(window, "queue_print")
    touch(window, "console_sign_out")  # the page goes; the batch it started does not crash
    assert window.current_screen() is window.welcome
    qtbot.wait(50)  # the console is deleted on the next turn of the event loop
    finish_running_batches()
    statuses = [printing.get(window.station.db, i).status for i in ids]
    assert S.PRINTING not in statuses
    assert all(s in (S.DONE, S.QUEUED) for s in statuses)
