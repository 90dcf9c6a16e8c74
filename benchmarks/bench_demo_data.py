"""Generating demo residents with their progress (`kiosk demo-data`,
kiosk.demo_data.generate), on a fresh SQLite file opened as the kiosk opens it (WAL, full
sync).

Two rows:
- 30,000 residents, against a baseline that writes exactly the rows the generator wrote
  into another fresh database with plain sqlite3 executemany in one transaction: the ratio
  is what simulating the people costs on top of storing them;
- 300,000 residents once, against the limit the demo-data issue names (about 2 minutes on
  a 2-core machine). The SQLite file's size is in the figure's name.
No warm-up rounds: nothing here gets faster the second time, and the big row is slow.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.registry import REPO, Options, Row, Sample, register

#: Tables the generator fills, parents first.
TABLES = ("staff_users", "group_sessions", "residents", "resident_terms", "lesson_progress",
          "skill_progress", "outcome_answers", "attendance", "step_stats")


def _lessons():
    from kiosk.lessons.loader import load_pack
    from kiosk.skills import Skill

    pack = load_pack(REPO / "lessons")
    return {skill: pack.for_skill(skill) for skill in Skill}


def _fresh(path: Path):
    from kiosk.db.engine import open_database
    from kiosk.demo import DEMO_HAMLETS

    return open_database(f"sqlite:///{path}", DEMO_HAMLETS)


def _generate(folder: Path, count: int, lessons) -> tuple[float, Path]:
    from kiosk import demo_data

    path = folder / f"demo-{count}.sqlite3"
    db = _fresh(path)
    start = time.perf_counter()
    demo_data.generate(db, lessons, count=count, seed=1)
    took = time.perf_counter() - start
    db.kw["bind"].dispose()
    return took, path


def _plain_copy(source: Path, folder: Path) -> float:
    """Time writing the same rows with sqlite3 alone into a fresh database."""
    target = folder / "plain.sqlite3"
    _fresh(target).kw["bind"].dispose()
    with sqlite3.connect(source) as reader:
        rows = {table: reader.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES}
    writer = sqlite3.connect(target, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA synchronous=FULL")
    writer.execute("PRAGMA foreign_keys=ON")
    start = time.perf_counter()
    writer.execute("BEGIN")
    for table, values in rows.items():
        if values:
            marks = ", ".join("?" * len(values[0]))
            writer.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    writer.execute("COMMIT")
    took = time.perf_counter() - start
    writer.close()
    return took


@register("demo-data", "generating demo residents and their progress (kiosk demo-data)")
def demo_data(options: Options) -> list[Row]:
    lessons = _lessons()
    subject, baseline = Sample("kiosk.demo_data"), Sample("same rows, plain sqlite3")
    try:
        for _ in range(max(1, min(options.repeat, 3))):
            with tempfile.TemporaryDirectory() as tmp:
                took, path = _generate(Path(tmp), 30_000, lessons)
                subject.seconds.append(took)
                baseline.seconds.append(_plain_copy(path, Path(tmp)))
        rows = [Row("generate 30,000 demo residents", subject, baseline)]
        big = Sample("kiosk.demo_data")
        with tempfile.TemporaryDirectory() as tmp:
            took, path = _generate(Path(tmp), 300_000, lessons)
            big.seconds.append(took)
            size = path.stat().st_size + sum(
                p.stat().st_size for p in Path(tmp).glob("*-wal"))
        rows.append(Row(f"generate 300,000 demo residents ({size / 1e6:.0f} MB SQLite)",
                        big, max_median=120.0))
    except Exception as exc:  # a failed measurement is a row, never a crash
        return [Row("generate demo residents", subject, baseline, error=repr(exc))]
    return rows
