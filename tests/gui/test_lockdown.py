"""Kiosk mode (the default, `fullscreen = true`): no key and no close request ends the
kiosk; staff close it from the console, and a system shutdown (SIGTERM) still quits it
cleanly. With `fullscreen = false` the window behaves like any other."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from sqlalchemy import select

from kiosk.db.models import AuditEntry, StaffRole
from ui.screens.consent import ConsentScreen

REPO = Path(__file__).resolve().parents[2]
K, M = Qt.Key, Qt.KeyboardModifier
CLOSING_KEYS = [(K.Key_F4, M.AltModifier), (K.Key_F4, M.ControlModifier),
                (K.Key_W, M.ControlModifier), (K.Key_Q, M.ControlModifier)]


class OutsideClose(QCloseEvent):
    """A close request from outside the program (the window manager, a title bar's close
    button, Alt+F4 handled by the system): Qt marks those spontaneous."""

    def spontaneous(self) -> bool:
        return True


def shortcuts_on(qtbot, window) -> list[str]:
    """Shortcuts someone might put on the closing keys; they record when they fire (in
    the active window)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    fired = []
    for keys in ("Ctrl+Q", "Ctrl+W", "Alt+F4", "Ctrl+F4"):
        QShortcut(QKeySequence(keys), window, activated=lambda keys=keys: fired.append(keys))
    return fired


def test_the_kiosk_window_has_no_title_bar_and_stays_on_top(make_window):
    window = make_window()
    assert window.lockdown.locked
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint


def test_closing_keys_and_escape_do_nothing_for_a_resident(qtbot, touch, make_window,
                                                          lessons_dir):
    window = make_window()
    fired = shortcuts_on(qtbot, window)
    touch(window, "start_new")
    consent = window.current_screen()
    assert isinstance(consent, ConsentScreen)
    for key, modifier in [*CLOSING_KEYS, (K.Key_Escape, M.NoModifier)]:
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, key, modifier)
        qtbot.keyClick(window, key, modifier)
    assert fired == []
    assert window.isVisible() and window.current_screen() is consent


def test_close_requests_are_refused(qtbot, make_window):
    window = make_window()
    assert window.close() is False
    assert window.windowHandle().close() is False
    outside = OutsideClose()
    QApplication.sendEvent(window, outside)
    assert not outside.isAccepted()
    qtbot.wait(20)
    assert window.isVisible() and window.current_screen() is window.welcome


def test_the_presenters_own_window_refuses_an_outside_close(qtbot, make_window):
    from ui.presenter.controller import PresenterWindow

    make_window()  # the kiosk, locked
    room = PresenterWindow("Buổi học nhóm", QLabel("Trang chiếu"))
    qtbot.addWidget(room)
    room.show()
    left = []
    room.close_requested.connect(lambda: left.append(True))
    outside = OutsideClose()
    QApplication.sendEvent(room, outside)
    assert not outside.isAccepted() and left == [] and room.isVisible()
    # The presenter closing its own window when the session is left still works.
    room.closing = True
    assert room.close() is True and not room.isVisible()


def test_without_fullscreen_the_window_closes_like_any_other(qtbot, make_window,
                                                             monkeypatch):
    monkeypatch.setenv("KIOSK_FULLSCREEN", "false")
    window = make_window()
    assert not window.lockdown.locked
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    fired = shortcuts_on(qtbot, window)
    qtbot.keyClick(window, K.Key_Q, M.ControlModifier)
    assert fired == ["Ctrl+Q"]  # the keys reach the window: the test above can fail
    assert window.close() is True and not window.isVisible()


def click_in_question(qtbot, name: str, seen: list) -> None:
    """Touch a button of the confirmation once it is up (it runs its own event loop)."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, name), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("role", [StaffRole.ADMIN, StaffRole.STAFF])
def test_staff_close_the_kiosk_from_the_console_after_confirming(qtbot, console_as, role):
    window, console = console_as(role)
    close = console.findChild(QPushButton, "console_close_kiosk")
    assert close.isVisible() and close.text() == "Đóng Trạm"
    assert close.height() >= 48

    seen = []
    click_in_question(qtbot, "settings_confirm_no", seen)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert seen and "Bà con không dùng được Trạm" in seen[0]
    assert window.isVisible() and not window.lockdown.quitting

    click_in_question(qtbot, "settings_confirm_yes", seen)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert window.lockdown.quitting and not window.isVisible()
    with window.station.db() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "station.close")).one()
    assert entry.staff_user_id == console.ctx.user.id


def test_team_members_cannot_close_the_kiosk(console_as):
    _window, console = console_as(StaffRole.TEAM_MEMBER)
    assert console.findChild(QPushButton, "console_close_kiosk") is None
    assert console.findChild(QPushButton, "console_sign_out") is not None


@pytest.mark.slow
def test_sigterm_quits_the_locked_kiosk_cleanly(tmp_path: Path):
    """`kiosk` in its own process, full screen (locked): a system shutdown's SIGTERM
    lifts the lock-down and quits through the event loop, with exit status 0."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_RUNTIME_DIR": os.environ["XDG_RUNTIME_DIR"],
           "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_READ_ALOUD": "false",
           "KIOSK_CONFIG": str(tmp_path / "settings.toml")}
    log_file = tmp_path / "state" / "tram-ky-nang-so" / "log" / "kiosk.log"
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk"], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and kiosk.poll() is None:
            if log_file.exists() and "the kiosk is running" in log_file.read_text():
                break
            time.sleep(0.2)
        assert kiosk.poll() is None, kiosk.stdout.read().decode()
        time.sleep(1.0)  # into the event loop, the welcome screen painted
        kiosk.send_signal(signal.SIGTERM)
        status = kiosk.wait(20)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    assert status == 0, kiosk.stdout.read().decode()
    text = log_file.read_text()
    assert "signal SIGTERM: the kiosk quits" in text and "the kiosk quit" in text
