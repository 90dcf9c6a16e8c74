"""A big demo database for benchmarks, built once and kept in the user's cache folder.

    from benchmarks.demo_db import demo_database
    url = demo_database()            # 300,000 residents, seed 1: a SQLite URL

The file is `$XDG_CACHE_HOME/tram-ky-nang-so-bench/` (default `~/.cache/...`), named by
count, seed, the schema's head revision and a digest of the generator and the lessons, so
a new migration, a change to kiosk/demo_data.py or to a lesson builds a new one (and the
outdated file of the same count and seed is removed). It is built in a temporary file
renamed at the end, so a killed build never leaves a half database behind, and under a
lock, so two benchmarks started together build it once.

Treat it as read-only: a benchmark that writes should copy it first (`copy_of`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.registry import REPO

CACHE_NAME = "tram-ky-nang-so-bench"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / CACHE_NAME


def _digest() -> str:
    """Changes whenever the rows the generator writes could change."""
    digest = hashlib.sha256((REPO / "kiosk" / "demo_data.py").read_bytes())
    for path in sorted((REPO / "lessons").rglob("*.yaml")):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def database_path(count: int = 300_000, seed: int = 1) -> Path:
    from kiosk.db.engine import head_revision

    return cache_dir() / f"demo-{count}-seed{seed}-rev{head_revision()}-{_digest()}.sqlite3"


def demo_database(count: int = 300_000, seed: int = 1,
                  progress: Callable[[int, int], None] | None = None) -> str:
    """The SQLite URL of the cached demo database, built first if need be (about two
    minutes for 300,000 residents on a 2-core machine)."""
    path = database_path(count, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.exists():  # nobody built it while we waited
                _build(path, count, seed, progress)
    return f"sqlite:///{path}"


def copy_of(url: str, folder: Path) -> str:
    """A private copy of the cached database, for a benchmark that writes to it."""
    source = Path(url.removeprefix("sqlite:///"))
    target = folder / source.name
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def _build(path: Path, count: int, seed: int,
           progress: Callable[[int, int], None] | None) -> None:
    from sqlalchemy import create_engine, event
    from sqlalchemy.orm import sessionmaker

    from kiosk import demo_data
    from kiosk.db.engine import seed_hamlets, upgrade
    from kiosk.demo import DEMO_HAMLETS
    from kiosk.lessons.loader import load_pack
    from kiosk.skills import Skill

    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{partial}")

    @event.listens_for(engine, "connect")
    def _fast(dbapi_connection, _record) -> None:  # a scratch file: no journal needed
        dbapi_connection.execute("PRAGMA journal_mode=OFF")
        dbapi_connection.execute("PRAGMA synchronous=OFF")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    try:
        upgrade(engine)
        factory = sessionmaker(engine)
        seed_hamlets(factory, DEMO_HAMLETS)
        pack = load_pack(REPO / "lessons")
        demo_data.generate(factory, {skill: pack.for_skill(skill) for skill in Skill},
                           count=count, seed=seed, progress=progress)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
        engine.dispose()
        os.replace(partial, path)
    except BaseException:
        engine.dispose()
        partial.unlink(missing_ok=True)
        raise
    prefix = f"demo-{count}-seed{seed}-"
    for old in path.parent.glob(f"{prefix}*.sqlite3"):
        if old != path:
            old.unlink(missing_ok=True)
    for stale in path.parent.glob(f"{prefix}*.part"):  # left by a killed build
        if time.time() - stale.stat().st_mtime > 3600:
            stale.unlink(missing_ok=True)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    started = time.perf_counter()
    url = demo_database(count, progress=lambda done, total: print(f"{done}/{total}",
                                                                   flush=True))
    size = Path(url.removeprefix("sqlite:///")).stat().st_size
    print(f"{url} ({size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
