"""An unexpected exception: logged with its traceback, a calm message, and the kiosk back
on its welcome screen instead of dying.

pytest-qt normally catches exceptions raised in slots itself (and fails the test); the
`qt_no_exception_capture` marker leaves them to the kiosk's own hook, as in a real run.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from kiosk import logs, progress, residents
from kiosk.db.models import AuditEntry, StaffRole
from ui import crash
from ui.crash import CrashHandler, CrashNotice
from ui.modes import Mode
from ui.screens.skills import SkillsScreen

pytestmark = pytest.mark.qt_no_exception_capture

NAME = "Trịnh Thị Riêng Tư"
RESIDENT_MESSAGE = "Đã có lỗi nhỏ. Trạm quay về màn hình chính, phần đã học vẫn được lưu."


@pytest.fixture
def kiosk(make_window, tmp_path):
    """The window wired to a crash handler and a log folder as `kiosk` does it."""
    files = logs.setup(tmp_path / "log", hard_crashes=False)
    handler = CrashHandler()
    handler.install()
    recoveries = []
    window = make_window()
    handler.crashed.connect(lambda: recoveries.append(window.modes.mode))
    handler.crashed.connect(window.recover_from_crash)
    yield window, handler, files.log_file, recoveries
    handler.uninstall()
    files.close()
    handler.deleteLater()


def notices(window) -> list[CrashNotice]:
    return [n for n in window.findChildren(CrashNotice) if n.isVisible()]


def raise_in_a_slot(message: str = "something broke") -> None:
    def slot() -> None:
        raise RuntimeError(message)

    QTimer.singleShot(0, slot)


def test_an_error_in_a_slot_brings_the_resident_back_to_welcome(qtbot, touch, kiosk,
                                                                lessons_dir, monkeypatch):
    window, handler, log_file, _ = kiosk
    db = window.station.db
    hamlet = residents.list_hamlets(db)[0]
    resident = residents.register(db, full_name=NAME, birth_year="1944", hamlet_id=hamlet.id,
                                  phone="0912345678", consent_given=True)
    window.flow.sign_in(resident)
    assert isinstance(window.current_screen(), SkillsScreen)

    def broken(*_args):
        raise RuntimeError("the disk said no")

    monkeypatch.setattr(progress, "states", broken)
    touch(window, "skill_safety")  # the flow's slot raises

    qtbot.waitUntil(lambda: bool(notices(window)), timeout=2000)
    assert notices(window)[0].message.text() == RESIDENT_MESSAGE
    assert window.current_screen() is window.welcome and window.flow.resident is None
    qtbot.mouseClick(notices(window)[0].ok, Qt.MouseButton.LeftButton)
    assert notices(window) == []
    # The kiosk goes on: the next resident starts as usual.
    touch(window, "start_new")
    assert window.current_screen() is window.flow.consent

    text = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: the disk said no" in text and "in broken" in text
    for private in (NAME, "0912345678", "1944"):
        assert private not in text
    assert handler.count == 1


def test_a_storm_of_the_same_error_shows_one_message_and_logs_it_once(qtbot, kiosk):
    window, handler, log_file, recoveries = kiosk
    raised = []
    storm = QTimer()
    storm.setInterval(0)

    def again() -> None:
        if len(raised) == 200:
            storm.stop()
            return
        raised.append(1)
        raise ValueError("a paint that always fails")

    storm.timeout.connect(again)
    storm.start()
    qtbot.waitUntil(lambda: len(raised) == 200 and not storm.isActive(), timeout=5000)
    qtbot.wait(50)

    assert handler.count == 200
    assert len(window.findChildren(CrashNotice)) == 1 and len(notices(window)) == 1
    assert 1 <= len(recoveries) <= crash.STORM_LIMIT
    text = log_file.read_text(encoding="utf-8")
    assert text.count("ValueError: a paint that always fails") == 1
    assert "100 more time(s) so far" in text  # the storm is in the log, in one line
    assert window.isVisible() and window.current_screen() is window.welcome


def test_an_error_in_another_thread_is_logged_and_shown_on_the_ui_thread(qtbot, kiosk):
    window, _handler, log_file, _ = kiosk

    def work() -> None:
        raise OSError("the printer vanished")

    thread = threading.Thread(target=work, name="print-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(notices(window)), timeout=2000)
    text = log_file.read_text(encoding="utf-8")
    assert "in thread print-worker" in text and "OSError: the printer vanished" in text


def test_staff_are_signed_out_by_an_error(qtbot, kiosk, console_as):
    window, _handler, _log, _ = kiosk
    window, _console = console_as(StaffRole.STAFF, window=window)
    raise_in_a_slot()
    qtbot.waitUntil(lambda: bool(notices(window)), timeout=2000)
    assert "Anh/chị đăng nhập lại" in notices(window)[0].message.text()
    assert window.current_screen() is window.welcome and window.modes.mode is Mode.KIOSK
    with window.station.db() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "login.sign_out")).one()
    assert '"reason": "error"' in entry.detail


def test_a_group_session_stays_on_the_projector_after_an_error(qtbot, kiosk, console_as):
    window, _handler, _log, _ = kiosk
    window, console = console_as(StaffRole.TEAM_MEMBER, window=window)
    window.modes.enter(Mode.PRESENTER)
    raise_in_a_slot()
    qtbot.waitUntil(lambda: bool(notices(window)), timeout=2000)
    assert "Buổi học nhóm vẫn mở" in notices(window)[0].message.text()
    assert window.modes.mode is Mode.PRESENTER and window.current_screen() is console


def test_the_message_closes_by_itself(qtbot, make_window):
    window = make_window()
    notice = CrashNotice(window, seconds=1)
    notice.show_message("resident")
    assert notice.isVisible() and notice.geometry() == window.rect()
    assert notice.findChild(QPushButton, "crash_ok").height() >= 64
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=3000)


def test_uninstall_gives_the_hooks_back(qapp):
    import sys

    before = (sys.excepthook, threading.excepthook)
    handler = CrashHandler()
    handler.install()
    assert sys.excepthook != before[0] and threading.excepthook != before[1]
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
