"""The kiosk's own rotating backups: when they are due, how they are told apart from the
ones staff make, what is pruned, and what a write failure leaves behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import backup, residents, settings
from kiosk.db.engine import open_database
from kiosk.db.models import AuditEntry

NOW = datetime(2026, 3, 14, 9, 30, 0)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def config(isolated_settings: Path) -> settings.Settings:
    # The daily default (other tests run with automatic backups off).
    return settings.load().replace(backup_every_hours=24)


@pytest.fixture
def db(config):
    factory = open_database(config.effective_database_url, config.hamlets)
    hamlet = residents.list_hamlets(factory)[0].id
    residents.register(factory, full_name="Nguyễn Thị Ánh", birth_year=1955,
                       hamlet_id=hamlet, consent_given=True)
    yield factory
    factory.kw["bind"].dispose()


def test_an_automatic_backup_is_told_apart_from_one_staff_asked_for(db, config):
    manual = backup.create(db, config, None, now=NOW)
    automatic = backup.create_automatic(db, config, now=NOW + timedelta(hours=1))

    assert automatic.path.name == "kiosk-20260314-103000-auto.sqlite3"
    listed = backup.list_backups(config)
    assert [(b.path.name, b.automatic) for b in listed] == [
        ("kiosk-20260314-103000-auto.sqlite3", True),
        ("kiosk-20260314-093000.sqlite3", False)]
    assert backup.check(config, automatic.path).residents == 1
    assert backup.last_automatic(config).path == automatic.path
    assert not manual.automatic
    with db() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "backup.create" and entry.staff_user_id is None
    assert json.loads(entry.detail)["by"] == "automatic backup"


def test_a_backup_is_due_once_a_day_and_never_when_switched_off_or_on_a_server(db, config):
    assert backup.automatic_due(config, NOW)  # never made one
    backup.create(db, config, None, now=NOW)  # staff's own backup does not count
    assert backup.automatic_due(config, NOW + timedelta(minutes=5))
    backup.create_automatic(db, config, now=NOW)
    assert not backup.automatic_due(config, NOW + timedelta(hours=23, minutes=59))
    assert backup.automatic_due(config, NOW + timedelta(hours=24))
    # The clock was put back a year: the schedule does not stop for a year.
    assert backup.automatic_due(config, NOW - timedelta(days=365))
    assert not backup.automatic_due(config.replace(backup_every_hours=0),
                                    NOW + timedelta(days=30))
    assert backup.automatic_due(config.replace(backup_every_hours=6), NOW + timedelta(hours=6))
    server = config.replace(database_url="postgresql+psycopg://kiosk@127.0.0.1:1/kiosk")
    assert not backup.automatic_due(server, NOW + timedelta(days=2))


def test_only_the_newest_backups_kept_stay_of_every_kind(db, config):
    config = config.replace(backups_kept=3)
    for day in range(5):
        backup.create_automatic(db, config, now=NOW + timedelta(days=day))
    backup.create(db, config, None, now=NOW + timedelta(days=5))
    names = [b.path.name for b in backup.list_backups(config)]
    assert names == ["kiosk-20260319-093000.sqlite3", "kiosk-20260318-093000-auto.sqlite3",
                     "kiosk-20260317-093000-auto.sqlite3"]


def test_leftovers_of_a_killed_backup_go_once_stale_and_kept_backups_never(db, config):
    made = backup.create_automatic(db, config, now=NOW)
    folder = made.path.parent
    old_part = folder / "kiosk-20260101-000000-auto.sqlite3.part"
    old_journal = folder / "kiosk-20260101-000000-auto.sqlite3.part-journal"
    old_staging = folder / ".restore-abc123.sqlite3"
    fresh_part = folder / "kiosk-20260314-093500-auto.sqlite3.part"  # being written now
    for path in (old_part, old_journal, old_staging, fresh_part):
        path.write_bytes(b"x" * 100)
    hours_ago = time.time() - 2 * 3600
    for path in (old_part, old_journal, old_staging, made.path):
        os.utime(path, (hours_ago, hours_ago))

    removed = backup.remove_stale_leftovers(folder)

    assert sorted(p.name for p in removed) == sorted(
        p.name for p in (old_part, old_journal, old_staging))
    assert made.path.exists() and fresh_part.exists()


# A disk that refuses to grow a file: the process may write no file past this size (the
# kernel answers EFBIG as it answers ENOSPC on a full disk), so the live data, already
# bigger, stays readable while the copy cannot be finished.
FULL_DISK_CHILD = """
import resource, signal, sys
from kiosk import backup, settings
from kiosk.db.engine import open_database
config = settings.load()
db = open_database(config.effective_database_url, config.hamlets)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
try:
    backup.create_automatic(db, config)
except backup.BackupError as exc:
    print(exc)
    sys.exit(3)
"""


def test_a_backup_that_cannot_be_written_says_so_and_leaves_nothing_half_done(db, config):
    earlier = backup.create_automatic(db, config, now=NOW)
    db.kw["bind"].dispose()

    child = subprocess.run([sys.executable, "-c", FULL_DISK_CHILD], cwd=REPO,
                           capture_output=True, text=True, timeout=60)

    assert child.returncode == 3, child.stderr
    assert "Không sao lưu được (không ghi được vào ổ đĩa" in child.stdout
    assert "không bị ảnh hưởng" in child.stdout  # the live data untouched, and said so
    folder = earlier.path.parent
    assert sorted(p.name for p in folder.iterdir()) == [earlier.path.name]  # no .part
    assert backup.check(config, earlier.path).residents == 1
    assert [r.full_name for r in residents.find(  # the live data is whole
        db, full_name="Nguyen Thi Anh", birth_year=1955,
        hamlet_id=residents.list_hamlets(db)[0].id)] == ["Nguyễn Thị Ánh"]


def test_a_backup_that_would_fill_the_kiosks_disk_is_not_started(db, config, monkeypatch):
    real = backup.shutil.disk_usage
    live_size = backup.sqlite_file(config).stat().st_size

    def nearly_full(path):  # room for the copy, but not for the residents afterwards
        return real(path)._replace(free=live_size + 1024 * 1024)

    monkeypatch.setattr(backup.shutil, "disk_usage", nearly_full)
    with pytest.raises(backup.BackupError) as refused:
        backup.create_automatic(db, config, now=NOW)
    assert "không đủ cho một bản sao lưu" in str(refused.value)
    assert backup.list_backups(config) == []
    assert not list(backup.backups_folder(config).glob("*.part"))
