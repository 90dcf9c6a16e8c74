"""Fixtures shared by the core, widget and printing tests.

Every test runs offscreen, with its own settings file and data folder, so nothing a test
does touches a real kiosk's database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep Qt quiet about the missing runtime dir on CI machines without a session.
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp/runtime-kiosk-tests")
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder and no settings file for every test."""
    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    for name in list(os.environ):
        if name.startswith("KIOSK_") and name not in ("KIOSK_CONFIG", "KIOSK_DATA_DIR"):
            monkeypatch.delenv(name)
    # The voice runs in a child process of its own; tests that need it turn it on.
    monkeypatch.setenv("KIOSK_READ_ALOUD", "false")
    # No background backup in the middle of a widget test; tests of it turn it back on.
    monkeypatch.setenv("KIOSK_BACKUP_EVERY_HOURS", "0")
    # Log files go to the test's folder, not the user's log folder.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return data


# -- The kiosk window, for widget tests (Qt is imported only by tests that use it) --

@pytest.fixture
def make_window(qtbot):
    """Build the kiosk window as `kiosk` does, through both start-up phases."""
    from ui.app import create_app, prepare
    from ui.main_window import MainWindow

    windows = []

    def make():
        from PySide6.QtCore import QCoreApplication, QEvent

        # Windows of earlier tests were closed and deleteLater()'d by pytest-qt, but are
        # deleted only when deferred deletes run; left alive, every new window's style
        # sheet restyles them all (slow, and it once crashed the process).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        config = settings.load()
        app = create_app([])
        prepare(app, config)
        window = MainWindow(config)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        window.finish_startup()
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.station is not None:
            window.station.db.kw["bind"].dispose()


@pytest.fixture
def touch(qtbot):
    """Touch the visible button with this object name on the window's current screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    def touch(window, name: str) -> None:
        screen = window.current_screen()
        found = [b for b in screen.findChildren(QPushButton, name) if b.isVisible()]
        assert found, f"no visible button {name!r} on {type(screen).__name__}"
        assert found[0].isEnabled(), f"button {name!r} is disabled"
        qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)

    return touch


@pytest.fixture
def console_as(make_window):
    """The staff console opened for a new staff member of the given role, signed in
    without the PIN pad (the sign-in itself has tests of its own). Returns
    (window, console); `page` opens that console page first."""
    from kiosk.db.models import StaffRole, StaffUser
    from kiosk.staff import StaffUserInfo

    made = []

    def open_console(role: StaffRole = StaffRole.ADMIN, page: str | None = None,
                     window=None, display_name: str | None = None):
        window = window or make_window()
        made.append(role)
        with window.station.db.begin() as session:
            row = StaffUser(username=f"{role.value}-{len(made)}",
                            display_name=display_name or f"Cán bộ thử {len(made)}",
                            role=role, pin_hash="!")  # no PIN can match "!"
            session.add(row)
            session.flush()
            user = StaffUserInfo(row.id, row.username, row.display_name, role)
        return window, window.open_console(user, page)

    return open_console
