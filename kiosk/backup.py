"""Backing up and restoring the kiosk's SQLite database while the kiosk runs.

A backup is made with SQLite's online backup API (`sqlite3.Connection.backup`), page by
page, so residents can keep learning meanwhile and the copy is consistent. It is written
beside its final name and renamed only when complete, and it is a single self-contained
file (rollback journal, not WAL), so it can be copied to a USB stick as it is.

A restore never trusts the file it is given. It checks a private copy first: SQLite, no
corruption (PRAGMA integrity_check), the kiosk's tables, a schema revision this kiosk
knows (a backup from a newer kiosk is refused); migrates that copy to this kiosk's schema;
makes a safety backup of the current data; and only then copies it INTO the live database
with the same backup API, so connections already open see the restored data. Whatever
fails on the way, the current data is as it was, and the message says so.

Kept backups live in <data_dir>/backups, named by when they were made: staff's "Sao lưu
ngay" and `kiosk backup` as kiosk-YYYYMMDD-HHMMSS.sqlite3, the kiosk's own automatic ones
as kiosk-YYYYMMDD-HHMMSS-auto.sqlite3 (every `backup_every_hours`, see ui.maintenance),
the data a restore replaced as kiosk-…-before-restore.sqlite3. After each backup only the
newest `backups_kept` (a setting) of them stay. Files staff save elsewhere are theirs and
never pruned.

An automatic backup is also the kiosk's deep health check: the copy is page for page the
live data, and it is checked whole (PRAGMA integrity_check, which also checks that every
index agrees with its table) in the background, where the check costs residents nothing.
A copy that fails it is deleted, so it never pushes a good backup out, and the failure
says the live data may be damaged. (The quick check at every start is kiosk.health.)

A shared PostgreSQL database is backed up with the server's own tools (pg_dump); these
functions refuse it with a message saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.engine import make_url

from kiosk.db.models import StaffUser
from kiosk.residents import Db
from kiosk.settings import Settings
from kiosk.staff import Permission, StaffUserInfo, audit, require

BACKUP_FOLDER = "backups"
SUFFIX = ".sqlite3"
_KEPT = re.compile(r"^kiosk-(\d{8})-(\d{6})(?:-\d+)?(-before-restore|-auto)?\.sqlite3$")
AUTOMATIC_TAIL = "-auto"
BEFORE_RESTORE_TAIL = "-before-restore"
#: Who made an automatic backup, in its audit entry.
BY_SCHEDULE = "automatic backup"
#: Left-overs of a backup or check that a killed kiosk could not clean up (.part files,
#: staging copies) are removed once they are this old.
STALE_AFTER_S = 3600
#: Pages copied per step: small enough that the kiosk's own writes slip in between.
PAGES_PER_STEP = 256
SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables every kiosk database has had since its first schema.
REQUIRED_TABLES = frozenset({"alembic_version", "hamlets", "residents", "lesson_progress",
                             "staff_users", "audit_log"})


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message is Vietnamese, for staff,
    and says whether the current data was touched (it never is)."""


class ProgressSink(Protocol):
    """What long work reports to (ui.operations.Progress fits): `report` how far it is,
    `check` raises to stop."""

    def report(self, done: int, total: int, text: str = "") -> None: ...

    def check(self) -> None: ...


class _Silent:
    def report(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime  # local time
    size: int  # bytes
    before_restore: bool = False  # the safety copy a restore made of the data it replaced
    automatic: bool = False  # made by the kiosk on its schedule, not asked for by staff


@dataclass(frozen=True)
class BackupCheck:
    """What a restore would bring back, told to staff before they confirm."""

    path: Path
    revision: str
    residents: int
    hamlets: int
    certificates: int
    size: int
    newest_activity: datetime | None  # the last recorded change in it, local time


@dataclass(frozen=True)
class RestoreResult:
    check: BackupCheck
    safety_backup: BackupFile


def sqlite_file(config: Settings) -> Path | None:
    """The live database file, or None when the database is not SQLite (a server)."""
    url = make_url(config.effective_database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def backups_folder(config: Settings) -> Path:
    return Path(config.data_dir) / BACKUP_FOLDER


def _live_file(config: Settings) -> Path:
    live = sqlite_file(config)
    if live is None:
        raise BackupError("Trạm đang dùng cơ sở dữ liệu chung trên máy chủ. Việc sao lưu "
                          "và khôi phục làm bằng công cụ của máy chủ (pg_dump, pg_restore), "
                          "không làm ở trạm.")
    if not live.exists():
        raise BackupError(f"Không thấy tệp cơ sở dữ liệu {live}.")
    return live


def _describe(path: Path) -> BackupFile:
    match = _KEPT.match(path.name)
    stat = path.stat()
    made = None
    if match:
        with suppress(ValueError):
            made = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
    tail = match[3] if match else None
    return BackupFile(path, made or datetime.fromtimestamp(stat.st_mtime), stat.st_size,
                      tail == BEFORE_RESTORE_TAIL, tail == AUTOMATIC_TAIL)


def list_backups(config: Settings) -> list[BackupFile]:
    """The backups kept in <data_dir>/backups (every kind), newest first."""
    folder = backups_folder(config)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if _KEPT.match(path.name):
            with suppress(OSError):  # pruned meanwhile by another kiosk process
                found.append(_describe(path))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def prune(config: Settings, keep: int | None = None) -> list[Path]:
    """Delete all but the newest `keep` kept backups; returns the files removed."""
    keep = config.backups_kept if keep is None else keep
    removed = []
    for old in list_backups(config)[max(keep, 1):]:
        with suppress(FileNotFoundError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def _new_name(folder: Path, now: datetime, tail: str = "") -> Path:
    stem = f"kiosk-{now:%Y%m%d-%H%M%S}"
    candidate = folder / f"{stem}{tail}{SUFFIX}"
    n = 2
    while candidate.exists() or candidate.with_name(candidate.name + ".part").exists():
        candidate = folder / f"{stem}-{n}{tail}{SUFFIX}"
        n += 1
    return candidate


def _connect(path: Path, *, must_exist: bool = True) -> sqlite3.Connection:
    if must_exist:
        return sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=30)
    return sqlite3.connect(path, timeout=30)


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection,
                progress: ProgressSink, text: str, stoppable: bool = True) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        progress.report(total - remaining, total, text)
        if stoppable:
            progress.check()  # raising here makes SQLite abandon the copy

    source.backup(target, pages=PAGES_PER_STEP, progress=step)


def _write_copy(live: Path, target: Path, progress: ProgressSink, text: str) -> BackupFile:
    """Copy the live database to `target` through a .part file; nothing is left behind
    when it fails or is stopped."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        with closing(_connect(live)) as source, closing(_connect(part, must_exist=False)) \
                as copy:
            _copy_pages(source, copy, progress, text)
            # One self-contained file, whatever the live database's journal mode.
            copy.execute("PRAGMA journal_mode=DELETE")
        with open(part, "rb+") as written:
            os.fsync(written.fileno())
        part.replace(target)
    except BaseException:
        for leftover in (part, Path(f"{part}-journal")):
            with suppress(OSError):
                leftover.unlink()
        raise
    return _describe(target)


def create(db: Db, config: Settings, actor: StaffUserInfo | None, target: Path | None = None,
           *, progress: ProgressSink | None = None, now: datetime | None = None) -> BackupFile:
    """Back the live database up while the kiosk runs: to `target`, or as a new kept
    backup in <data_dir>/backups (older ones beyond `backups_kept` are then deleted).

    `actor` is None only for the command line, run by someone who holds the data folder.
    Stopping through `progress` leaves no file.
    """
    if actor is not None:
        require(actor, Permission.BACKUP_RESTORE)
    progress = progress or _Silent()
    live = _live_file(config)
    kept = target is None
    if target is None:
        target = _new_name(backups_folder(config), now or datetime.now())
    elif target.exists() and target.resolve() == live.resolve():
        raise BackupError("Không thể sao lưu đè lên chính cơ sở dữ liệu đang dùng.")
    made = _made(live, target, progress)
    with db.begin() as session:
        audit_action(session, actor, "backup.create", file=made.path.name, size=made.size,
               automatic=False)
    if kept:
        prune(config)
    return made


#: Room left on the disk after a backup, for the residents' own writes (bytes).
SPARE_ROOM = 32 * 1024 * 1024
SQLITE_IOERR, SQLITE_FULL = 10, 13


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def _ensure_room(live: Path, folder: Path) -> None:
    """Refuse a backup that would not fit, or would fill the kiosk's own disk: the kiosk
    must still be able to record residents' steps afterwards."""
    needed = sum(p.stat().st_size for p in (live, Path(f"{live}-wal")) if p.exists())
    existing = folder if folder.exists() else folder.parent
    try:
        free = shutil.disk_usage(existing).free
        same_disk = existing.stat().st_dev == live.stat().st_dev
    except OSError:
        return  # not knowable here; the copy itself will say
    needed += SPARE_ROOM if same_disk else 0
    if free < needed:
        raise BackupError(f"Ổ đĩa chỉ còn trống {_mb(free)}, không đủ cho một bản sao lưu "
                          f"(cần khoảng {_mb(needed)}). Hãy xoá bớt tệp không "
                          "cần trên máy hoặc giảm số bản sao lưu giữ lại. Dữ liệu hiện tại "
                          "không bị ảnh hưởng.")


def _made(live: Path, target: Path, progress: ProgressSink) -> BackupFile:
    _ensure_room(live, target.parent)
    try:
        return _write_copy(live, target, progress, "Đang sao lưu")
    except sqlite3.Error as exc:
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        why = {SQLITE_FULL: "ổ đĩa đã đầy",
               SQLITE_IOERR: "không ghi được vào ổ đĩa: ổ đĩa có thể đã đầy hoặc bị lỗi",
               }.get(code, str(exc))
        raise BackupError(f"Không sao lưu được ({why}). Dữ liệu hiện tại không bị ảnh "
                          "hưởng.") from exc
    except OSError as exc:
        raise BackupError(f"Không ghi được tệp sao lưu {target} ({exc.strerror or exc}). "
                          "Dữ liệu hiện tại không bị ảnh hưởng.") from exc


def create_automatic(db: Db, config: Settings, *, progress: ProgressSink | None = None,
                     now: datetime | None = None) -> BackupFile:
    """The kiosk's own backup on its schedule: kiosk-…-auto.sqlite3 in the backups folder,
    checked whole before older backups are pruned (see the module's docstring). Raises
    BackupError saying what failed; the live data is never touched."""
    progress = progress or _Silent()
    live = _live_file(config)
    folder = backups_folder(config)
    remove_stale_leftovers(folder)
    made = _made(live, _new_name(folder, now or datetime.now(), AUTOMATIC_TAIL), progress)
    progress.report(0, 0, "Đang kiểm tra bản sao lưu")
    try:
        with closing(_connect(made.path)) as copy:
            verdict = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        verdict = [str(exc)]
    if verdict != ["ok"]:
        _remove_database(made.path)
        raise BackupError(
            f"Bản sao lưu tự động vừa tạo không qua được bước kiểm tra ({verdict[0]}), nên "
            "đã bị xoá; các bản sao lưu cũ vẫn được giữ. Dữ liệu của trạm có thể đã bị "
            "hỏng: anh/chị hãy báo người phụ trách kỹ thuật.")
    with db.begin() as session:
        audit_action(session, None, "backup.create", by=BY_SCHEDULE, file=made.path.name,
               size=made.size, automatic=True)
    prune(config)
    return made


def last_automatic(config: Settings) -> BackupFile | None:
    return next((b for b in list_backups(config) if b.automatic), None)


def automatic_due(config: Settings, now: datetime | None = None) -> bool:
    """Whether the kiosk should make its automatic backup now: a SQLite database, the
    schedule on (`backup_every_hours` > 0) and the last automatic backup that old. A last
    backup dated in the future (the clock was put back) does not stop the schedule."""
    every = config.backup_every_hours
    if not every or sqlite_file(config) is None:
        return False
    last = last_automatic(config)
    if last is None:
        return True
    now = now or datetime.now()
    age = now - last.made_at
    return age >= timedelta(hours=every) or age < -timedelta(hours=1)


def remove_stale_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Half-written copies (*.part) and staging copies that a kiosk killed in the middle
    of a backup or a check left behind; kept backups are never touched."""
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for path in folder.iterdir():
        name = path.name
        if not (".part" in name or name.startswith(".restore-")):
            continue
        with suppress(OSError):
            if now - path.stat().st_mtime > STALE_AFTER_S:
                path.unlink()
                removed.append(path)
    return removed


def audit_action(session, actor: StaffUserInfo | None, action: str, *,
                 by: str | None = None, **detail: object) -> None:
    """An audit entry that survives a restore: the acting account may not exist in the
    restored data, and then its username goes in the detail instead. Without an account,
    `by` says who acted (the command line when not said)."""
    if actor is not None and session.scalar(
            select(StaffUser.id).where(StaffUser.id == actor.id,
                                       StaffUser.username == actor.username)) is None:
        detail["by_username"] = actor.username
        actor = None
    if actor is None and "by_username" not in detail:
        detail["by"] = by or "kiosk command line"
    audit(session, actor, action, **detail)


# --- checking a backup before it is restored ---------------------------------------------

def _refuse(reason: str) -> BackupError:
    return BackupError(f"{reason} Dữ liệu hiện tại vẫn còn nguyên, không có gì bị thay đổi.")


def _known_revisions() -> dict[str, int]:
    """This kiosk's schema revisions, oldest first, with their position."""
    from alembic.script import ScriptDirectory

    from kiosk.db.engine import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    ordered = [rev.revision for rev in script.walk_revisions()][::-1]
    return {rev: i for i, rev in enumerate(ordered)}


def _inspect(copy: Path, shown_as: Path) -> BackupCheck:
    """Check a private copy of a backup; raises BackupError saying what is wrong."""
    with open(copy, "rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise _refuse(f"Tệp {shown_as.name} không phải là bản sao lưu cơ sở dữ liệu của trạm.")
    try:
        with closing(_connect(copy)) as connection:
            verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if verdict != ["ok"]:
                raise _refuse(f"Bản sao lưu {shown_as.name} bị hỏng ({verdict[0]}).")
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise _refuse(f"Tệp {shown_as.name} là cơ sở dữ liệu SQLite nhưng không phải "
                              f"của trạm (thiếu bảng {', '.join(sorted(missing))}).")
            revisions = [row[0] for row in connection.execute(
                "SELECT version_num FROM alembic_version")]
            counts = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                      for table in ("residents", "hamlets")}
            certificates = connection.execute("SELECT count(*) FROM certificates").fetchone()[0] \
                if "certificates" in tables else 0
            newest = connection.execute("SELECT max(at) FROM audit_log").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _refuse(f"Bản sao lưu {shown_as.name} bị hỏng hoặc không đọc được ({exc}).") \
            from exc
    if len(revisions) != 1:
        raise _refuse(f"Tệp {shown_as.name} không ghi rõ phiên bản dữ liệu.")
    known = _known_revisions()
    if revisions[0] not in known:
        raise _refuse(f"Bản sao lưu {shown_as.name} do phiên bản phần mềm mới hơn tạo ra "
                      f"(phiên bản dữ liệu {revisions[0]}; trạm này biết đến "
                      f"{max(known, key=known.get)}). Hãy cập nhật phần mềm trạm trước "
                      "khi khôi phục.")
    return BackupCheck(shown_as, revisions[0], counts["residents"], counts["hamlets"],
                       certificates, shown_as.stat().st_size, _local(newest))


def _local(stored: str | None) -> datetime | None:
    """A UTC time as SQLite stores it, in local time (None if unreadable)."""
    from datetime import UTC

    if not stored:
        return None
    try:
        moment = datetime.fromisoformat(str(stored))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


def _staging_copy(source: Path, folder: Path) -> Path:
    """A private copy of the file to check and migrate: the staff's own file is never
    written to, not even by opening it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".restore-", suffix=SUFFIX, dir=folder)
    os.close(handle)
    staged = Path(name)
    try:
        shutil.copyfile(source, staged)
    except OSError as exc:
        _remove_database(staged)
        raise _refuse(f"Không đọc được tệp {source} ({exc.strerror or exc}).") from exc
    return staged


def _remove_database(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with suppress(OSError):
            leftover.unlink()


def check(config: Settings, source: Path) -> BackupCheck:
    """What restoring `source` would bring back; raises BackupError if it cannot be
    restored. Reads a private copy, never the file itself."""
    if not source.is_file():
        raise _refuse(f"Không thấy tệp {source}.")
    staged = _staging_copy(source, backups_folder(config))
    try:
        return _inspect(staged, source)
    finally:
        _remove_database(staged)


def _match_page_size(staged: Path, live: Path) -> None:
    """The backup API cannot change the page size of a database in WAL mode (the live
    one): give the copy the live page size first."""
    with closing(_connect(live)) as connection:
        wanted = connection.execute("PRAGMA page_size").fetchone()[0]
    with closing(_connect(staged)) as connection:
        if connection.execute("PRAGMA page_size").fetchone()[0] != wanted:
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute(f"PRAGMA page_size={int(wanted)}")
            connection.execute("VACUUM")


def _migrate(staged: Path) -> None:
    from kiosk.db.engine import make_engine, upgrade

    engine = make_engine(f"sqlite:///{staged}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    with closing(_connect(staged)) as connection:  # fold the WAL back in: one file again
        connection.execute("PRAGMA journal_mode=DELETE")


@contextmanager
def prepared(config: Settings, source: Path, progress: ProgressSink | None = None, *,
             like: Path | None = None) -> Iterator[tuple[Path, BackupCheck]]:
    """A checked private copy of the backup in `source`, migrated to this kiosk's schema
    (and given the page size of the database `like`, when the copy is to be copied into
    it), with what it holds; the copy is removed on leaving unless it was moved away.
    Raises BackupError (the current data untouched) if it cannot be restored."""
    progress = progress or _Silent()
    progress.report(0, 0, "Đang kiểm tra bản sao lưu")
    if not source.is_file():
        raise _refuse(f"Không thấy tệp {source}.")
    staged = _staging_copy(source, backups_folder(config))
    try:
        checked = _inspect(staged, source)
        progress.check()
        try:
            if like is not None:
                _match_page_size(staged, like)
            progress.report(0, 0, "Đang chuyển bản sao lưu sang phiên bản hiện tại")
            _migrate(staged)
        except Exception as exc:
            raise _refuse(f"Không chuyển được bản sao lưu sang phiên bản dữ liệu hiện tại "
                          f"({exc}).") from exc
        progress.check()
        yield staged, checked
    finally:
        _remove_database(staged)


def newest_restorable(config: Settings, progress: ProgressSink | None = None
                      ) -> tuple[BackupFile, BackupCheck] | None:
    """The newest kept backup that `check` accepts (damaged or unreadable ones are passed
    over), or None when there is none."""
    progress = progress or _Silent()
    found = list_backups(config)
    for done, candidate in enumerate(found):
        progress.report(done, len(found), "Đang kiểm tra các bản sao lưu")
        progress.check()
        try:
            return candidate, check(config, candidate.path)
        except BackupError:
            continue
    return None


def restore(db: Db, config: Settings, actor: StaffUserInfo | None, source: Path, *,
            progress: ProgressSink | None = None,
            now: datetime | None = None) -> RestoreResult:
    """Replace the live data with the backup in `source` (see the module's docstring for
    the order of the checks). Stopping is possible until the live data is being
    replaced; from then on the copy finishes, or is rolled back whole by SQLite."""
    if actor is not None:
        require(actor, Permission.BACKUP_RESTORE)
    progress = progress or _Silent()
    live = _live_file(config)
    if source.resolve() == live.resolve():
        raise _refuse("Đây là chính cơ sở dữ liệu đang dùng, không phải một bản sao lưu.")
    folder = backups_folder(config)
    with prepared(config, source, progress, like=live) as (staged, checked):
        try:
            safety = _write_copy(live, _new_name(folder, now or datetime.now(),
                                                 BEFORE_RESTORE_TAIL),
                                 progress, "Đang sao lưu dữ liệu hiện tại")
        except (sqlite3.Error, OSError) as exc:
            raise _refuse(f"Không sao lưu được dữ liệu hiện tại trước khi khôi phục ({exc}), "
                          "nên chưa khôi phục.") from exc
        progress.check()
        _copy_into_live(staged, live, safety, progress)

    engine = db.kw["bind"]
    engine.dispose()  # pooled connections may hold pages of the old data in their cache
    from kiosk.db.engine import upgrade

    upgrade(engine)
    with db.begin() as session:
        audit_action(session, actor, "backup.restore", file=source.name,
               revision=checked.revision, safety_backup=safety.path.name)
    prune(config)
    return RestoreResult(checked, safety)


def _copy_into_live(staged: Path, live: Path, safety: BackupFile,
                    progress: ProgressSink) -> None:
    """SQLite writes the copy in one transaction on the live database: a copy that fails
    half-way is rolled back whole, and the data stays as it was."""
    try:
        with closing(_connect(staged)) as source, closing(_connect(live)) as target:
            _copy_pages(source, target, progress, "Đang khôi phục", stoppable=False)
    except sqlite3.Error as exc:
        raise BackupError(f"Khôi phục không thành công ({exc}). Dữ liệu hiện tại vẫn như "
                          f"trước; bản sao của nó trước khi khôi phục nằm ở {safety.path}."
                          ) from exc


def default_export_name(now: datetime | None = None) -> str:
    """The file name offered when staff save a backup somewhere of their choosing."""
    return f"kiosk-{(now or datetime.now()):%Y%m%d-%H%M%S}{SUFFIX}"
