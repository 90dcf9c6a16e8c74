"""A kiosk whose records file is damaged: residents are told to fetch staff, staff restore
the newest good backup from the recovery screen, and the kiosk carries on."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk import backup, residents, settings
from ui.screens.recovery import RecoveryScreen

PAGE = 4096


@pytest.fixture(autouse=True)
def delete_closed_windows():
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def answer_next_question(yes: bool) -> QTimer:
    """Press the confirmation's yes (or cancel) button as soon as it is shown."""
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            timer.stop()
            name = "settings_confirm_yes" if yes else "settings_confirm_no"
            box.findChild(QPushButton, name).click()

    timer.timeout.connect(look)
    timer.start()
    return timer


def scribble(path: Path) -> bytes:
    """Garbage over three pages in the middle of the file, as a failing card leaves it;
    returns the damaged file's bytes."""
    noise = random.Random(7)
    pages = path.stat().st_size // PAGE
    with open(path, "r+b") as file:
        for page in (pages // 3, pages // 2, pages // 2 + 1):
            file.seek(page * PAGE)
            file.write(noise.randbytes(PAGE))
    return path.read_bytes()


def register(db, name: str) -> None:
    hamlet = residents.list_hamlets(db)[0].id
    residents.register(db, full_name=name, birth_year=1958, hamlet_id=hamlet,
                       consent_given=True)


def names(db) -> list[str]:
    from sqlalchemy import select

    from kiosk.db.models import Resident

    with db() as session:
        return sorted(session.scalars(select(Resident.full_name)))


@pytest.fixture
def damaged_kiosk(make_window):
    """A kiosk that ran, was backed up, recorded more, and whose file then broke; the
    window of the next start. Returns (window, bytes of the damaged file)."""

    def make(with_backup: bool = True):
        first = make_window()
        db = first.station.db
        for i in range(25):
            register(db, f"Nguyễn Văn {i:02d}")
        if with_backup:
            backup.create_automatic(db, first.config)
        register(db, "Trần Thị Sau")  # recorded after the backup
        db.kw["bind"].dispose()
        first.close()
        damaged = scribble(backup.sqlite_file(first.config))
        return make_window(), damaged

    return make


def open_staff(qtbot, window) -> RecoveryScreen:
    """Five quick taps on the commune's name, as staff do at a kiosk without keyboard."""
    now = [0.0]
    window.welcome.staff_gesture.clock = lambda: now[0]
    for _ in range(5):
        now[0] += 0.3
        qtbot.mouseClick(window.welcome.commune, Qt.MouseButton.LeftButton)
    screen = window.current_screen()
    assert isinstance(screen, RecoveryScreen)
    return screen


def test_staff_restore_the_newest_backup_and_the_kiosk_carries_on(qtbot, damaged_kiosk):
    window, damaged = damaged_kiosk()
    assert window.station is None
    assert not window.welcome.new_button.isEnabled()  # closed to residents ...
    assert window.welcome.status.text()  # ... with a sentence asking for staff

    screen = open_staff(qtbot, window)
    qtbot.waitUntil(lambda: screen.restore_newest.isVisible(), timeout=10_000)
    made = backup.list_backups(window.config)[0]
    assert f"{made.made_at:%H:%M %d/%m/%Y}" in screen.restore_newest.text()
    assert screen.restore_newest.height() >= 64

    answer = answer_next_question(yes=True)
    qtbot.mouseClick(screen.restore_newest, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.done.isVisible(), timeout=15_000)
    answer.stop()

    assert window.station is not None  # started up again on the restored records
    assert names(window.station.db) == [f"Nguyễn Văn {i:02d}" for i in range(25)]
    kept = list((Path(window.config.data_dir) / "damaged").glob("kiosk-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # kept, untouched
    assert str(kept[0]) in screen.status.text()
    qtbot.mouseClick(screen.done, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.welcome
    assert window.welcome.new_button.isEnabled()


def test_declining_the_question_changes_nothing(qtbot, damaged_kiosk):
    window, damaged = damaged_kiosk()
    screen = open_staff(qtbot, window)
    qtbot.waitUntil(lambda: screen.restore_newest.isVisible(), timeout=10_000)

    answer = answer_next_question(yes=False)
    qtbot.mouseClick(screen.restore_newest, Qt.MouseButton.LeftButton)
    answer.stop()

    assert backup.sqlite_file(window.config).read_bytes() == damaged
    assert not (Path(window.config.data_dir) / "damaged").exists()
    assert window.station is None and screen.restore_newest.isEnabled()
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.welcome
    assert not window.welcome.new_button.isEnabled()


def test_without_a_backup_staff_are_told_so_and_how_to_get_help(qtbot, damaged_kiosk):
    window, damaged = damaged_kiosk(with_backup=False)
    screen = open_staff(qtbot, window)
    qtbot.waitUntil(lambda: not screen.work.busy, timeout=10_000)

    assert screen.status.property("role") == "error"
    assert screen.status.text()
    assert not screen.restore_newest.isVisible()
    assert screen.from_file.isVisible() and screen.from_file.isEnabled()  # a USB stick
    assert backup.sqlite_file(window.config).read_bytes() == damaged


def test_the_recovery_screen_fits_a_small_screen(qtbot, damaged_kiosk):
    window, _ = damaged_kiosk()  # 1280x720, Vietnamese
    screen = open_staff(qtbot, window)
    qtbot.waitUntil(lambda: screen.restore_newest.isVisible(), timeout=10_000)
    assert settings.load().language == "vi"
    for button in (screen.from_file, screen.close_button):  # one line each, never cut
        assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    for button in (screen.restore_newest, screen.from_file, screen.close_button):
        assert button.height() >= 64
        corner = button.mapTo(screen, button.rect().bottomRight())
        assert corner.x() <= screen.width() and corner.y() <= screen.height()


def test_the_idle_timeout_waits_for_a_restore_to_finish(qtbot, damaged_kiosk):
    window, _ = damaged_kiosk()
    screen = open_staff(qtbot, window)
    qtbot.waitUntil(lambda: screen.restore_newest.isVisible(), timeout=10_000)
    answer = answer_next_question(yes=True)
    qtbot.mouseClick(screen.restore_newest, Qt.MouseButton.LeftButton)
    answer.stop()
    assert screen.work.busy

    window.return_to_welcome("idle")  # what the idle timeout does

    assert window.current_screen() is screen  # not in the middle of the restore
    qtbot.waitUntil(lambda: window.current_screen() is window.welcome, timeout=15_000)
    assert window.station is not None and window.welcome.new_button.isEnabled()
