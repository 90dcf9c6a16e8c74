"""The integrity check at start, and recovering a damaged database from a backup, on real
SQLite files damaged the way disks damage them."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import backup, health, residents, settings
from kiosk.db.engine import DatabaseError, open_database
from kiosk.db.models import AuditEntry, Resident
from kiosk.station import open_station

NOW = datetime(2026, 3, 14, 9, 30, 0)
PAGE = 4096


@pytest.fixture
def config(isolated_settings: Path) -> settings.Settings:
    return settings.load()


def live_file(config) -> Path:
    return backup.sqlite_file(config)


def fill(config, count: int, prefix: str = "Người") -> None:
    """Open the kiosk's database, register `count` residents, close it again."""
    db = open_database(config.effective_database_url, config.hamlets)
    try:
        hamlet = residents.list_hamlets(db)[0].id
        for i in range(count):
            residents.register(db, full_name=f"{prefix} Thứ {i}", birth_year=1950 + i % 40,
                               hamlet_id=hamlet, consent_given=True)
    finally:
        db.kw["bind"].dispose()


def names(config) -> list[str]:
    db = open_database(config.effective_database_url, config.hamlets)
    try:
        with db() as session:
            return sorted(session.scalars(select(Resident.full_name)))
    finally:
        db.kw["bind"].dispose()


def scribble(path: Path, pages: list[int], seed: int = 1) -> None:
    """Garbage over whole pages, as a failing disk or card leaves them."""
    noise = random.Random(seed)
    with open(path, "r+b") as file:
        for page in pages:
            file.seek(page * PAGE)
            file.write(noise.randbytes(PAGE))


def middle_pages(path: Path) -> list[int]:
    count = path.stat().st_size // PAGE
    return [count // 3, count // 2, count // 2 + 1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_database_and_a_new_kiosk_pass_and_a_server_is_not_checked(config):
    assert health.check(config) is None  # no file yet: a new kiosk
    fill(config, 5)
    assert health.check(config) is None
    server = config.replace(database_url="postgresql+psycopg://kiosk@127.0.0.1:1/kiosk")
    assert health.check(server) is None  # not even a connection is tried


@pytest.mark.parametrize("how", ["garbage in the middle", "truncated", "not sqlite"])
def test_a_damaged_file_is_found_at_start_and_left_exactly_as_it_was(config, how):
    fill(config, 120)
    live = live_file(config)
    if how == "garbage in the middle":
        scribble(live, middle_pages(live))
    elif how == "truncated":
        with open(live, "r+b") as file:
            file.truncate(live.stat().st_size // 2)
    else:
        live.write_text("Danh sách người dân\n" * 200, encoding="utf-8")
    before = digest(live)

    with pytest.raises(health.DamagedDatabase) as raised:
        open_station(config)

    damage = raised.value.damage
    assert damage.path == live
    assert damage.kind is (health.Kind.NOT_A_DATABASE if how == "not sqlite"
                           else health.Kind.MALFORMED)
    assert isinstance(raised.value, DatabaseError)  # the start-up's error branch takes it
    assert "hỏng" in damage.problem
    assert digest(live) == before  # not opened for writing, not migrated, not "repaired"
    wal = Path(f"{live}-wal")  # a read-only check may leave an empty log, never a page
    assert not wal.exists() or wal.stat().st_size == 0


def test_an_empty_file_is_a_new_kiosk_unless_backups_show_there_was_data(config):
    live = live_file(config)
    live.parent.mkdir(parents=True)
    live.write_bytes(b"")  # a first start stopped the instant the file was made
    assert health.check(config) is None
    station = open_station(config)
    station.db.kw["bind"].dispose()

    fill(config, 3)
    db = open_database(config.effective_database_url, config.hamlets)
    backup.create(db, config, None)
    db.kw["bind"].dispose()
    live.write_bytes(b"")
    damage = health.check(config)
    assert damage is not None and damage.kind is health.Kind.EMPTY


def test_recovery_restores_the_newest_good_backup_and_keeps_the_damaged_file_aside(config):
    fill(config, 40, "Trước")
    db = open_database(config.effective_database_url, config.hamlets)
    older = backup.create(db, config, None, now=NOW)
    db.kw["bind"].dispose()
    fill(config, 2, "Sau")
    db = open_database(config.effective_database_url, config.hamlets)
    newer = backup.create_automatic(db, config, now=NOW.replace(hour=12))
    db.kw["bind"].dispose()
    fill(config, 1, "Mất")  # after the last backup: this one is in the damaged file only
    scribble(newer.path, middle_pages(newer.path))  # the newest backup is damaged too
    live = live_file(config)
    scribble(live, middle_pages(live), seed=2)
    damaged_bytes = digest(live)

    found = backup.newest_restorable(config)
    assert found is not None
    chosen, checked = found
    assert chosen.path == older.path and checked.residents == 40

    recovered = health.recover(config, chosen.path, now=NOW.replace(hour=15))

    assert recovered.kept_at == config.data_dir / "damaged" / "kiosk-20260314-153000.sqlite3"
    assert digest(recovered.kept_at) == damaged_bytes  # kept whole, never deleted
    assert health.check(config) is None
    station = open_station(config)
    try:
        with station.db() as session:
            found_names = sorted(session.scalars(select(Resident.full_name)))
            entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    finally:
        station.db.kw["bind"].dispose()
    assert len(found_names) == 40 and all(n.startswith("Trước") for n in found_names)
    detail = json.loads(entry.detail)
    assert entry.action == "backup.restore" and detail["by"] == "recovery at start"
    assert detail["file"] == older.path.name and "kiosk-20260314-153000" in detail[
        "damaged_file"]


def test_a_backup_that_cannot_be_restored_leaves_the_damaged_file_in_place(config, tmp_path):
    fill(config, 30)
    live = live_file(config)
    scribble(live, middle_pages(live))
    before = digest(live)
    not_a_backup = tmp_path / "ghi-chu.sqlite3"
    not_a_backup.write_text("không phải cơ sở dữ liệu", encoding="utf-8")

    with pytest.raises(backup.BackupError) as refused:
        health.recover(config, not_a_backup)

    assert "không phải là bản sao lưu" in str(refused.value)
    assert digest(live) == before
    assert not (config.data_dir / "damaged").exists()
    assert backup.newest_restorable(config) is None  # and there is no backup at all


def test_an_error_while_opening_that_says_corrupt_is_damage(config):
    fill(config, 3)
    try:
        sqlite3.connect(":memory:").execute("SELECT * FROM nowhere")
    except sqlite3.OperationalError as exc:
        assert not health.is_damage(exc)  # a plain error is not damage
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorcode = 11
    wrapped = DatabaseError("Không mở được cơ sở dữ liệu")
    wrapped.__cause__ = corrupt
    assert health.is_damage(wrapped)
    damage = health.damage_from(wrapped, config)
    assert damage is not None and damage.path == live_file(config)


def test_kiosk_restore_on_the_command_line_recovers_a_damaged_file_without_opening_it(
        config, capsys):
    from kiosk import cli

    fill(config, 25, "Trước")
    db = open_database(config.effective_database_url, config.hamlets)
    made = backup.create(db, config, None, now=NOW)
    db.kw["bind"].dispose()
    live = live_file(config)
    scribble(live, middle_pages(live))
    damaged_bytes = digest(live)

    assert cli.main(["restore", str(made.path), "--yes"]) == 0

    said = capsys.readouterr().out
    assert "bị hỏng" in said and "Đã khôi phục" in said
    kept = list((config.data_dir / "damaged").glob("kiosk-*.sqlite3"))
    assert len(kept) == 1 and digest(kept[0]) == damaged_bytes
    assert health.check(config) is None
    assert len(names(config)) == 25
