"""Backup and restore of a real SQLite database while an engine has it open."""

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import backup, residents, settings
from kiosk.db.engine import head_revision, open_database
from kiosk.db.models import AuditEntry, StaffRole, StaffUser
from kiosk.demo import DEMO_HAMLETS
from kiosk.staff import NotAllowed, StaffUserInfo

NOW = datetime(2026, 3, 14, 9, 30, 0)


@pytest.fixture
def config(isolated_settings: Path) -> settings.Settings:
    return settings.load()


@pytest.fixture
def db(config):
    factory = open_database(config.effective_database_url, DEMO_HAMLETS)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def admin(db) -> StaffUserInfo:
    with db.begin() as session:
        row = StaffUser(username="admin", display_name="Quản trị", role=StaffRole.ADMIN,
                        pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, row.role)


def register(db, name: str, year: int = 1955) -> residents.ResidentInfo:
    hamlet = residents.list_hamlets(db)[0].id
    return residents.register(db, full_name=name, birth_year=year, hamlet_id=hamlet,
                              consent_given=True)


def names(db) -> list[str]:
    from kiosk.db.models import Resident

    with db() as session:
        return sorted(session.scalars(select(Resident.full_name)))


def actions(db) -> list[str]:
    with db() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_restore_brings_back_the_residents_of_the_backup_into_the_open_database(
        db, config, admin):
    register(db, "Nguyễn Thị Ánh")
    register(db, "Lê Văn Tám")
    made = backup.create(db, config, admin, now=NOW)
    assert made.path.parent == config.data_dir / "backups"
    assert made.path.name == "kiosk-20260314-093000.sqlite3"
    # A single self-contained file: a USB stick copy of it alone is enough.
    assert sqlite3.connect(made.path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    register(db, "Trần Văn Mới")
    with db() as session:  # a connection of the kiosk's pool stays checked out meanwhile
        assert len(names(db)) == 3
        result = backup.restore(db, config, admin, made.path, now=NOW + timedelta(hours=1))
        session.rollback()
    assert names(db) == ["Lê Văn Tám", "Nguyễn Thị Ánh"]
    assert result.check.residents == 2 and result.check.revision == head_revision()
    # The data it replaced is kept, in case the wrong backup was chosen.
    assert result.safety_backup.before_restore
    assert result.safety_backup.path.name == "kiosk-20260314-103000-before-restore.sqlite3"
    back = backup.restore(db, config, admin, result.safety_backup.path)
    assert back.check.residents == 3 and len(names(db)) == 3
    assert actions(db)[-1] == "backup.restore"


def test_the_restore_is_audited_in_the_restored_data_even_without_the_acting_account(
        db, config, admin):
    made = backup.create(db, config, admin, now=NOW)
    with db.begin() as session:  # an admin created after the backup does the restore
        row = StaffUser(username="later", display_name="Mới", role=StaffRole.ADMIN,
                        pin_hash="!")
        session.add(row)
        session.flush()
        later = StaffUserInfo(row.id, row.username, row.display_name, row.role)
    backup.restore(db, config, later, made.path)
    with db() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    detail = json.loads(entry.detail)
    assert entry.action == "backup.restore" and entry.staff_user_id is None
    assert detail["by_username"] == "later" and detail["file"] == made.path.name


def refused_restore(db, config, admin, path: Path) -> str:
    register(db, "Phạm Thị Còn")
    before = sorted(p.name for p in (config.data_dir / "backups").glob("*")) \
        if (config.data_dir / "backups").exists() else []
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(db, config, admin, path)
    assert names(db) == ["Phạm Thị Còn"]
    assert "vẫn còn nguyên" in str(refused.value)
    # Nothing left behind: no staging copy, no safety backup of an aborted restore.
    assert sorted(p.name for p in (config.data_dir / "backups").glob("*")) == before
    return str(refused.value)


def test_restore_refuses_a_text_file(db, config, admin, tmp_path):
    text = tmp_path / "ghi-chu.sqlite3"
    text.write_text("Danh sách người dân\n", encoding="utf-8")
    assert "không phải là bản sao lưu" in refused_restore(db, config, admin, text)


def test_restore_refuses_a_corrupted_copy(db, config, admin, tmp_path):
    for i in range(40):
        register(db, f"Người Thứ {i}")
    made = backup.create(db, config, admin, now=NOW)
    broken = tmp_path / "hong.sqlite3"
    data = bytearray(made.path.read_bytes())
    page = sqlite3.connect(made.path).execute("PRAGMA page_size").fetchone()[0]
    for offset in range(page * 2, len(data) - page, page):  # every page but the first
        data[offset:offset + 64] = b"\xa5" * 64
    broken.write_bytes(bytes(data))
    with db.begin() as session:
        from kiosk.db.models import Resident
        for row in session.scalars(select(Resident)):
            session.delete(row)
    assert "bị hỏng" in refused_restore(db, config, admin, broken)


def test_restore_refuses_a_backup_from_a_newer_kiosk(db, config, admin, tmp_path):
    made = backup.create(db, config, admin, now=NOW)
    newer = tmp_path / "moi-hon.sqlite3"
    newer.write_bytes(made.path.read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(backup.BackupError) as refused:
        backup.check(config, newer)
    assert "mới hơn" in str(refused.value)
    assert "mới hơn" in refused_restore(db, config, admin, newer)


def test_restore_refuses_an_sqlite_file_that_is_not_the_kiosks(db, config, admin, tmp_path):
    other = tmp_path / "khac.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text)")
    assert "không phải" in refused_restore(db, config, admin, other)


def test_an_older_backup_is_migrated_to_this_kiosks_schema(db, config, admin, tmp_path):
    """A backup from before the console tables (revision 0002) restores and is brought to
    the newest schema."""
    from alembic import command

    from kiosk.db.engine import alembic_config, make_engine

    old = tmp_path / "cu.sqlite3"
    engine = make_engine(f"sqlite:///{old}")
    alembic = alembic_config()
    with engine.begin() as connection:
        alembic.attributes["connection"] = connection
        command.upgrade(alembic, "0002")
        connection.exec_driver_sql("INSERT INTO hamlets (name, sort_order, active) "
                                   "VALUES ('Ấp Cũ', 0, 1)")
    engine.dispose()
    result = backup.restore(db, config, admin, old)
    assert result.check.revision == "0002"
    assert [h.name for h in residents.list_hamlets(db)] == ["Ấp Cũ"]
    from kiosk.db.engine import current_revision

    assert current_revision(db.kw["bind"]) == head_revision()


def test_old_automatic_backups_are_pruned_and_other_files_are_left(db, config, admin):
    folder = config.data_dir / "backups"
    folder.mkdir(parents=True)
    mine = folder / "ban-sao-cua-toi.sqlite3"
    mine.write_bytes(b"kept")
    for day in range(1, 17):
        (folder / f"kiosk-202601{day:02d}-080000.sqlite3").write_bytes(b"x")
    made = backup.create(db, config.replace(backups_kept=3), admin, now=NOW)
    left = sorted(p.name for p in folder.glob("kiosk-*"))
    assert left == ["kiosk-20260115-080000.sqlite3", "kiosk-20260116-080000.sqlite3",
                    made.path.name]
    assert mine.exists()
    assert len(backup.prune(config)) == 0  # 3 left, 14 kept by default


def test_backup_to_a_chosen_file_is_not_pruned_and_is_listed_only_there(
        db, config, admin, tmp_path):
    target = tmp_path / "usb" / "kiosk-ban-sao.sqlite3"
    made = backup.create(db, config.replace(backups_kept=1), admin, target)
    assert made.path == target and target.stat().st_size == made.size > 0
    assert backup.list_backups(config) == []
    assert backup.check(config, target).hamlets == len(DEMO_HAMLETS)


def test_a_stopped_backup_leaves_no_file(db, config, admin):
    for i in range(200):
        register(db, f"Người Dân Số {i}")

    class StopAtOnce:
        def report(self, done, total, text=""):
            pass

        def check(self):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backup.create(db, config, admin, progress=StopAtOnce(), now=NOW)
    assert list((config.data_dir / "backups").glob("*")) == []
    assert "backup.create" not in actions(db)


def test_only_admins_back_up_and_restore(db, config):
    with db.begin() as session:
        row = StaffUser(username="cb", display_name="Cán bộ", role=StaffRole.STAFF,
                        pin_hash="!")
        session.add(row)
        session.flush()
        staff = StaffUserInfo(row.id, row.username, row.display_name, row.role)
    with pytest.raises(NotAllowed):
        backup.create(db, config, staff)
    assert not (config.data_dir / "backups").exists()


def test_a_shared_server_database_is_left_to_the_servers_tools(db, config):
    server = config.replace(database_url="postgresql+psycopg://kiosk@db/kiosk")
    assert backup.sqlite_file(server) is None
    with pytest.raises(backup.BackupError) as refused:
        backup.create(db, server, None)
    assert "pg_dump" in str(refused.value)
