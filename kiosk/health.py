"""Is the kiosk's SQLite file sound? Checked at every start, before anything opens it, and
what to do when it is not.

Damage comes from the disk, not from the kiosk being killed: every step is committed in
its own transaction in WAL mode with full sync, so SIGKILL or a power cut loses nothing
committed (tests/core/test_crash_safety.py kills it many times over). A worn-out SD card,
a disk that lies about its cache, or a file copied while half-written can still break
pages. SQLite then answers "database disk image is malformed" at some later query, in the
middle of a resident's lesson; checking at start finds it while staff can act.

Which check (benchmarks/bench_health.py measures both): PRAGMA quick_check reads every
page and checks every b-tree, and misses only whether each index agrees with its table;
integrity_check adds that and costs four to ten times as much. Measured on this project's
2-core machine with the file in the page cache: a commune's database (10,000 demo
residents, 36 MB) takes 0.2 s with quick_check and 0.9 s with integrity_check; the
300,000-resident demo database (800 MB) 2-3.5 s and 23-35 s (quick_check from a cold
disk: 7 s). So quick_check runs at every start, in phase 2 while the welcome screen says
it is getting ready; the full integrity_check runs off the kiosk's back on each automatic
backup (kiosk.backup.create_automatic), a page-for-page copy of the live data. The check
opens the file read-only, so a damaged file is left exactly as it was (not even its
write-ahead log is folded in).

When the file is damaged the kiosk does not open it: staff restore the newest backup that
passes kiosk.backup.check (`recover`). The damaged file, with its -wal and -shm, is moved
to <data_dir>/damaged/ under the time it was set aside, and never deleted: a technician
may still get more out of it than the backup holds.

A database on a PostgreSQL server is not checked here: the server looks after its files.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from kiosk import backup
from kiosk.db.engine import DatabaseError
from kiosk.settings import Settings

DAMAGED_FOLDER = "damaged"
#: SQLite's primary result codes that mean the file itself is bad.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
#: A damaged file's companions, moved aside with it.
COMPANIONS = ("-wal", "-shm", "-journal")
#: Lines of SQLite's verdict kept for the technical detail.
DETAIL_LINES = 5


class Kind(Enum):
    NOT_A_DATABASE = "not_a_database"  # the first bytes are not SQLite's header
    MALFORMED = "malformed"  # pages or b-trees broken (quick_check, or SQLite refused)
    EMPTY = "empty"  # 0 bytes where backups show there was data


@dataclass(frozen=True)
class Damage:
    """What is wrong with the database file, for staff (`problem`, Vietnamese) and for a
    technician (`detail`: SQLite's own words)."""

    path: Path
    kind: Kind
    detail: str

    @property
    def problem(self) -> str:
        if self.kind is Kind.EMPTY:
            return ("Tệp dữ liệu của trạm bị trống (0 byte), dù trạm đã từng có dữ liệu và "
                    "có bản sao lưu. Có thể ổ đĩa đã bị lỗi khi máy tắt đột ngột.")
        if self.kind is Kind.NOT_A_DATABASE:
            return ("Tệp dữ liệu của trạm không còn đọc được như một cơ sở dữ liệu: phần "
                    "đầu tệp đã bị ghi đè hoặc hỏng.")
        return ("Tệp dữ liệu của trạm bị hỏng ở một số chỗ (thường do ổ đĩa hoặc thẻ nhớ "
                "bị lỗi). Trạm không mở tệp này để tránh làm hỏng thêm.")


class DamagedDatabase(DatabaseError):
    """Raised instead of opening a damaged file; carries the `damage`."""

    def __init__(self, damage: Damage) -> None:
        super().__init__(f"{damage.problem} ({damage.path}: {damage.detail})")
        self.damage = damage


def check(config: Settings) -> Damage | None:
    """The damage of the kiosk's SQLite file, or None when it is sound, not there yet (a
    new kiosk) or not a file (a PostgreSQL server)."""
    live = backup.sqlite_file(config)
    if live is None:
        return None
    return check_file(live, had_data=bool(backup.list_backups(config)))


def check_file(path: Path, *, had_data: bool = False) -> Damage | None:
    """Check one SQLite file with PRAGMA quick_check, read-only. An empty file is what a
    kiosk stopped in the very first moment of its first start leaves: sound, unless
    `had_data` (there are backups of it) says it once held more.

    Only damage is reported: a file that cannot be opened for another reason (locked,
    no permission) is left for opening the database to report in its own words.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError:
        return None
    wal = Path(f"{path}-wal")
    if size == 0:
        has_wal = wal.exists() and wal.stat().st_size > 0
        if not has_wal:
            return Damage(path, Kind.EMPTY, "0 bytes") if had_data else None
    else:
        with open(path, "rb") as file:
            header = file.read(len(backup.SQLITE_HEADER))
        if header != backup.SQLITE_HEADER:
            return Damage(path, Kind.NOT_A_DATABASE,
                          f"first bytes: {header[:16]!r}, {size} bytes")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
            verdict = [row[0] for row in db.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            kind = Kind.NOT_A_DATABASE if _code(exc) == SQLITE_NOTADB else Kind.MALFORMED
            return Damage(path, kind, str(exc))
        return None
    if verdict == ["ok"]:
        return None
    return Damage(path, Kind.MALFORMED, "; ".join(verdict[:DETAIL_LINES]))


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(exc: BaseException) -> bool:
    """Whether SQLite said the file itself is broken, anywhere in the exception's chain
    (SQLAlchemy wraps the driver's error)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sqlite3.DatabaseError) and _code(exc) in (SQLITE_CORRUPT,
                                                                     SQLITE_NOTADB):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


def damage_from(exc: BaseException, config: Settings) -> Damage | None:
    """The damage an error met while opening the database reveals, if it is one."""
    live = backup.sqlite_file(config)
    if live is None or not is_damage(exc):
        return None
    return check_file(live, had_data=True) or Damage(live, Kind.MALFORMED, str(exc))


# --- recovering from a backup --------------------------------------------------------------

@dataclass(frozen=True)
class Recovery:
    check: backup.BackupCheck  # what the restored backup holds
    kept_at: Path  # where the damaged file now is


def damaged_folder(config: Settings) -> Path:
    return Path(config.data_dir) / DAMAGED_FOLDER


def set_aside(live: Path, folder: Path, now: datetime | None = None) -> Path:
    """Move the damaged file and its companions into `folder`, under the time; returns
    the new path of the file. Nothing is deleted."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"{live.stem}-{(now or datetime.now()):%Y%m%d-%H%M%S}"
    target = folder / f"{stamp}{live.suffix}"
    n = 2
    while target.exists():
        target = folder / f"{stamp}-{n}{live.suffix}"
        n += 1
    moved = []
    try:
        for tail in ("", *COMPANIONS):
            source = Path(f"{live}{tail}")
            if source.exists():
                shutil.move(source, f"{target}{tail}")
                moved.append(tail)
    except OSError:
        for tail in moved:  # all of it back, or none of it moved
            with suppress(OSError):
                shutil.move(f"{target}{tail}", f"{live}{tail}")
        raise
    return target


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def recover(config: Settings, source: Path, *, progress: backup.ProgressSink | None = None,
            now: datetime | None = None) -> Recovery:
    """Put the backup in `source` in place of the damaged live file (see the module's
    docstring). Nothing of the kiosk may have the file open. The backup is checked and
    migrated on a private copy first; a backup that cannot be restored leaves everything
    as it was (BackupError says why). Stopping is possible until the files move."""
    live = backup.sqlite_file(config)
    if live is None:
        raise backup.BackupError("Trạm đang dùng cơ sở dữ liệu chung trên máy chủ; việc "
                                 "khôi phục làm bằng công cụ của máy chủ.")
    with backup.prepared(config, source, progress) as (staged, checked):
        if progress is not None:
            progress.check()
            progress.report(0, 0, "Đang đặt bản sao lưu vào chỗ dữ liệu bị hỏng")
        try:
            kept = set_aside(live, damaged_folder(config), now)
        except OSError as exc:
            raise backup.BackupError(
                f"Không chuyển được tệp bị hỏng sang thư mục {damaged_folder(config)} "
                f"({exc.strerror or exc}), nên chưa khôi phục. Không có gì bị thay đổi."
            ) from exc
        try:
            shutil.move(staged, live)
            with open(live, "rb+") as restored:
                os.fsync(restored.fileno())
            _fsync_folder(live.parent)
        except OSError as exc:
            with suppress(OSError):
                live.unlink()
            for tail in ("", *COMPANIONS):  # the damaged file back where it was
                with suppress(OSError):
                    if Path(f"{kept}{tail}").exists():
                        shutil.move(f"{kept}{tail}", f"{live}{tail}")
            raise backup.BackupError(
                f"Không đặt được bản sao lưu vào chỗ tệp dữ liệu ({exc.strerror or exc}). "
                "Tệp dữ liệu vẫn để nguyên như trước.") from exc
    _audit_recovery(live, source, kept, checked)
    return Recovery(checked, kept)


def _audit_recovery(live: Path, source: Path, kept: Path,
                    checked: backup.BackupCheck) -> None:
    """The restore is recorded in the restored data. It is done: a failure to record it
    (a full disk) must not undo it, so it is only logged."""
    import logging

    from sqlalchemy.orm import sessionmaker

    from kiosk.db.engine import make_engine

    engine = make_engine(f"sqlite:///{live}")
    try:
        with sessionmaker(engine).begin() as session:
            backup.audit_action(session, None, "backup.restore", by="recovery at start",
                          file=source.name, revision=checked.revision,
                          damaged_file=str(kept))
    except Exception:
        logging.getLogger(__name__).exception("the recovery could not be audited")
    finally:
        engine.dispose()
