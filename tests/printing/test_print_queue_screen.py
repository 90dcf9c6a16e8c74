"""Staff print the waiting certificates from the kiosk (Ctrl+Shift+P): a progress bar,
a stop button, and nothing lost when the printer cannot take them."""

from __future__ import annotations

import pytest

from kiosk import printing
from kiosk.printing import PrintJobStatus as S
from ui.screens.print_queue import PrintQueueScreen


@pytest.fixture
def queue_screen(qtbot, make_window, make_pdf, monkeypatch):
    def open_with(count: int, printer: str) -> tuple:
        monkeypatch.setenv("KIOSK_PRINTER_NAME", printer)
        window = make_window()
        db, data_dir = window.station.db, window.station.config.data_dir
        ids = [printing.enqueue(db, data_dir, make_pdf(f"Người học {n}"),
                                label=f"Chứng nhận: Người học {n}").id
               for n in range(count)]
        window.show_print_queue()  # what Ctrl+Shift+P does
        screen = window.current_screen()
        assert isinstance(screen, PrintQueueScreen)
        return window, screen, ids

    return open_with


def test_print_all_shows_progress_and_empties_the_queue(qtbot, touch, queue_screen, cups,
                                                         pdf_printer):
    window, screen, _ = queue_screen(4, pdf_printer.name)
    assert screen.list.count() == 4 and "4 lệnh in" in screen.summary.text()
    seen = []
    screen.progress.valueChanged.connect(seen.append)
    touch(window, "queue_print")
    assert screen.progress.isVisible() and screen.stop_button.isVisible()
    assert not screen.close_button.isEnabled()  # the batch ends before the screen goes
    qtbot.waitUntil(lambda: screen.batch is None, timeout=120_000)
    assert seen and seen[-1] == screen.progress.maximum() == 4  # one page each
    assert screen.list.count() == 0 and "Đã gửi 4 lệnh in" in screen.summary.text()
    assert len(cups.wait_for_outputs(pdf_printer, 4, timeout=120)) == 4
    touch(window, "queue_close")
    assert window.current_screen() is window.welcome


def test_stop_leaves_the_rest_queued(qtbot, touch, queue_screen, cups, pdf_printer):
    window, screen, ids = queue_screen(6, pdf_printer.name)
    touch(window, "queue_print")
    touch(window, "queue_stop")
    qtbot.waitUntil(lambda: screen.batch is None, timeout=120_000)
    statuses = [printing.get(window.station.db, i).status for i in ids]
    assert S.QUEUED in statuses  # not reached: still waiting, nothing lost
    assert screen.list.count() == statuses.count(S.QUEUED)


def test_a_missing_printer_keeps_every_job_with_its_reason(qtbot, touch, queue_screen, cups):
    window, screen, _ = queue_screen(2, "may-in-khong-co")
    touch(window, "queue_print")
    qtbot.waitUntil(lambda: screen.batch is None, timeout=60_000)
    assert screen.list.count() == 2
    assert "may-in-khong-co" in screen.list.item(0).text()
    assert "Còn 2 lệnh đang chờ" in screen.summary.text()


def test_quitting_mid_batch_finishes_the_page_in_hand_and_keeps_the_rest(
        qtbot, touch, queue_screen, cups, pdf_printer):
    from ui.printing import finish_running_batches

    window, screen, ids = queue_screen(6, pdf_printer.name)
    touch(window, "queue_print")
    finish_running_batches()  # what the kiosk does when it quits
    assert not screen.batch.is_running()
    statuses = [printing.get(window.station.db, i).status for i in ids]
    assert S.PRINTING not in statuses and S.QUEUED in statuses
    qtbot.waitUntil(lambda: screen.batch is None, timeout=10_000)


def test_without_a_printer_staff_save_a_certificate_to_a_file(qtbot, touch, queue_screen,
                                                               cups, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window, screen, ids = queue_screen(2, "may-in-khong-co")
    target = tmp_path / "usb" / "chung-nhan.pdf"
    target.parent.mkdir()
    # Where staff point the file dialog (the system's own dialog, not driven here).
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(target), "PDF (*.pdf)")))
    assert not screen.save_button.isEnabled()  # nothing chosen yet
    screen.list.setCurrentRow(0)
    touch(window, "queue_save")
    assert target.read_bytes() == printing.get(window.station.db, ids[0]).pdf_path.read_bytes()
    assert printing.get(window.station.db, ids[0]).status == S.DONE
    assert screen.list.count() == 1 and str(target) in screen.summary.text()
