"""The automatic backup while the kiosk runs: made in the background when due and idle,
and a failure said on the console's problems page, never to residents."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk import backup, residents
from ui.maintenance import Maintenance

NOW = datetime(2026, 3, 14, 9, 30, 0)


@pytest.fixture(autouse=True)
def delete_closed_windows(monkeypatch):
    # Other widget tests run with automatic backups off; these test the daily default.
    monkeypatch.setenv("KIOSK_BACKUP_EVERY_HOURS", "24")
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_kiosk_backs_itself_up_when_idle_and_due(qtbot, make_window):
    window = make_window()
    assert isinstance(window.maintenance, Maintenance)  # started with the kiosk
    maintenance = window.maintenance
    clock = [NOW]
    maintenance.clock = lambda: clock[0]
    hamlet = residents.list_hamlets(window.station.db)[0].id
    person = residents.register(window.station.db, full_name="Lê Thị Hoa", birth_year=1957,
                                hamlet_id=hamlet, consent_given=True)

    window.flow.sign_in(person)  # a resident is learning: not now
    assert window.current_screen() is not window.welcome
    assert maintenance.look() is None
    window.flow.to_welcome()

    with qtbot.waitSignal(maintenance.backed_up, timeout=10_000) as made:
        assert maintenance.look() is not None
    assert made.args[0].automatic
    assert backup.check(window.config, made.args[0].path).residents == 1
    qtbot.waitUntil(lambda: maintenance.operation is None)

    clock[0] = NOW + timedelta(hours=23)
    assert maintenance.look() is None  # one a day
    clock[0] = NOW + timedelta(hours=24, minutes=1)
    with qtbot.waitSignal(maintenance.backed_up, timeout=10_000):
        maintenance.look()
    assert [b.automatic for b in backup.list_backups(window.config)] == [True, True]


def test_a_failed_backup_shows_on_the_problems_page_until_one_succeeds(qtbot, console_as):
    window, console = console_as(page="problems")
    maintenance = window.maintenance
    clock = [NOW]
    maintenance.clock = lambda: clock[0]
    maintenance.is_idle = lambda: True
    folder = backup.backups_folder(window.config)
    folder.write_text("not a folder", encoding="utf-8")  # nowhere to write the backup

    with qtbot.waitSignal(maintenance.backup_failed, timeout=10_000) as failed:
        maintenance.look()
    assert "Không ghi được tệp sao lưu" in failed.args[0]
    qtbot.waitUntil(lambda: maintenance.operation is None)
    page = console.open_page("problems")
    page.refresh()
    shown = [page.list.item(i).text() for i in range(page.list.count())]
    assert shown == [failed.args[0]]
    assert window.flow is not None  # residents go on as before

    clock[0] = NOW + timedelta(minutes=10)
    assert maintenance.look() is None  # no retry storm on a full disk
    folder.unlink()
    clock[0] = NOW + timedelta(hours=1, minutes=1)
    with qtbot.waitSignal(maintenance.backed_up, timeout=10_000):
        maintenance.look()
    assert window.station.problems == []


def test_no_automatic_backup_when_switched_off(qtbot, make_window, monkeypatch):
    monkeypatch.setenv("KIOSK_BACKUP_EVERY_HOURS", "0")
    window = make_window()
    assert window.maintenance.look() is None
    assert backup.list_backups(window.config) == []
