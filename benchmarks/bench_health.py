"""The integrity check of the SQLite file: what kiosk.health runs at every start (PRAGMA
quick_check, read-only) and what each automatic backup runs on its copy (PRAGMA
integrity_check), on a commune-sized database (10,000 demo residents) and on the big demo
database (300,000 residents, benchmarks/demo_db.py).

The baseline is reading the same file from start to end in 1 MB blocks: the least any
check that looks at every page must cost. The file is read once before measuring, so the
figures are for a file in the page cache (a kiosk that has just been running); a cold
start from disk costs more (once measured at 7 s for quick_check on 300,000 residents,
against 2-3.5 s warm). No issue sets a target: the figures chose quick_check at start and
integrity_check in the background.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

from benchmarks.registry import Options, Row, Sample, register

COMMUNE = 10_000
CITY = 300_000
#: integrity_check on 300,000 residents takes ~20 s: fewer rounds of it.
SLOW_ROUNDS = 3


def _read_all(path: Path) -> None:
    with open(path, "rb") as file:
        while file.read(1 << 20):
            pass


def _pragma(path: Path, pragma: str) -> None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        verdict = connection.execute(f"PRAGMA {pragma}").fetchall()
    if verdict != [("ok",)]:
        raise RuntimeError(f"{pragma}: {verdict[:3]}")


def _rows(path: Path, residents: int, options: Options) -> list[Row]:
    from kiosk import health

    size = path.stat().st_size / 1024 / 1024
    what = f"{residents:,} residents, {size:.0f} MB"
    _read_all(path)  # into the page cache, for every figure alike
    rows = []
    for figure, check, rounds in (
            (f"quick_check at start, read-only ({what})",
             lambda: health.check_file(path) is None or _fail("damage found"),
             options.repeat),
            (f"integrity_check of a backup copy ({what})",
             lambda: _pragma(path, "integrity_check"),
             min(options.repeat, SLOW_ROUNDS) if residents > COMMUNE else options.repeat)):
        subject, baseline = Sample("check"), Sample("read the file")
        try:
            for round_ in range(options.warmup + rounds):
                start = time.perf_counter()
                check()
                took = time.perf_counter() - start
                start = time.perf_counter()
                _read_all(path)
                read = time.perf_counter() - start
                if round_ >= options.warmup:
                    subject.seconds.append(took)
                    baseline.seconds.append(read)
        except Exception as exc:  # a failed measurement is a row, never a crash of the run
            rows.append(Row(figure, subject, baseline, error=str(exc)))
            continue
        rows.append(Row(figure, subject, baseline))
    return rows


def _fail(why: str) -> bool:
    raise RuntimeError(why)


def _commune_database(folder: Path) -> Path:
    from kiosk import demo_data, settings
    from kiosk.backup import sqlite_file
    from kiosk.db.engine import open_database
    from kiosk.lessons.loader import load_pack
    from kiosk.skills import Skill

    config = settings.load(environ={"KIOSK_DATA_DIR": str(folder / "data")},
                           file=folder / "settings.toml")
    db = open_database(config.effective_database_url, config.hamlets)
    try:
        pack = load_pack(config.lessons_dir)
        demo_data.generate(db, {skill: pack.for_skill(skill) for skill in Skill},
                           count=COMMUNE, seed=1)
    finally:
        db.kw["bind"].dispose()
    return sqlite_file(config)


def _city_database() -> Path:
    """Any cached 300,000-resident demo database will do (a check reads pages, whatever
    the schema revision); else the current one is built (minutes)."""
    from benchmarks.demo_db import cache_dir, demo_database

    cached = sorted(cache_dir().glob(f"demo-{CITY}-seed1-*.sqlite3"),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    if cached:
        return cached[0]
    return Path(demo_database(CITY).removeprefix("sqlite:///"))


@register("health", "integrity check of the SQLite file at start and on backups, "
                    "10,000 and 300,000 residents")
def integrity(options: Options) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-health-") as tmp:
        try:
            commune = _commune_database(Path(tmp))
        except Exception as exc:
            return [Row("quick_check at start", Sample("check"), error=str(exc))]
        rows = _rows(commune, COMMUNE, options)
    try:
        city = _city_database()
    except Exception as exc:
        return [*rows, Row("quick_check at start (300,000 residents)", Sample("check"),
                           error=str(exc))]
    return [*rows, *_rows(city, CITY, options)]
