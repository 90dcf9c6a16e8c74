"""Backing up and restoring the kiosk's database, as Settings › Sao lưu and `kiosk backup`
do, on a database of demo residents (kiosk.demo_data).

The backup goes through SQLite's online backup API so the kiosk keeps working meanwhile;
its baseline is copying the same file with shutil.copyfile, which is only safe with the
kiosk stopped. The restore checks a private copy (integrity_check), migrates it, backs the
current data up, then copies the backup into the live database; its baseline is that same
plain file copy. No issue sets a target: the figures say what staff wait for.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.registry import Options, Row, Sample, register

RESIDENTS = 10_000


@register("backup", "backing up and restoring a database of 10,000 demo residents")
def backup_restore(options: Options) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-backup-") as tmp:
        return _measure(Path(tmp), options)


def _measure(tmp: Path, options: Options) -> list[Row]:
    from kiosk import backup, demo_data, settings
    from kiosk.db.engine import open_database
    from kiosk.lessons.loader import load_pack
    from kiosk.skills import Skill

    config = settings.load(environ={"KIOSK_DATA_DIR": str(tmp / "data")},
                           file=tmp / "settings.toml")
    db = open_database(config.effective_database_url, config.hamlets)
    pack = load_pack(config.lessons_dir)
    demo_data.generate(db, {skill: pack.for_skill(skill) for skill in Skill},
                       count=RESIDENTS, seed=1)
    live = backup.sqlite_file(config)
    made = tmp / "made.sqlite3"
    plain = tmp / "plain.sqlite3"
    rows = {"backup": (Sample("kiosk"), Sample("file copy")),
            "restore": (Sample("kiosk"), Sample("file copy"))}
    try:
        for round_ in range(options.warmup + options.repeat):
            made.unlink(missing_ok=True)
            start = time.perf_counter()
            backup.create(db, config, None, made)
            took_backup = time.perf_counter() - start
            start = time.perf_counter()
            shutil.copyfile(live, plain)
            with open(plain, "rb") as copied:
                os.fsync(copied.fileno())
            took_copy = time.perf_counter() - start
            start = time.perf_counter()
            backup.restore(db, config, None, made)
            took_restore = time.perf_counter() - start
            if round_ >= options.warmup:
                rows["backup"][0].seconds.append(took_backup)
                rows["backup"][1].seconds.append(took_copy)
                rows["restore"][0].seconds.append(took_restore)
                rows["restore"][1].seconds.append(took_copy)
        size = made.stat().st_size / 1024 / 1024
        residents = backup.check(config, made).residents
    except Exception as exc:  # a failed measurement is a row, never a crash of the run
        return [Row("back up the database", *rows["backup"], error=str(exc))]
    finally:
        db.kw["bind"].dispose()
    if residents != RESIDENTS:
        return [Row("back up the database", *rows["backup"],
                    error=f"{residents} residents restored, not {RESIDENTS}")]
    what = f"{RESIDENTS:,} residents, {size:.1f} MB"
    return [Row(f"back up the database while open ({what})", *rows["backup"]),
            Row(f"restore: check, migrate, safety copy, copy in ({what})",
                *rows["restore"])]
