"""SIGKILL at any moment loses nothing committed, and the database stays sound.

The first test kills processes that record residents' lessons on one SQLite file (the
kiosk's own engine and kiosk.progress, see tests/core/kill_worker.py) dozens of times at
random moments, then checks that every write whose commit had returned is there. The
second kills the real kiosk (`python -m kiosk`, offscreen) while it starts and migrates a
new database, then starts it again.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk import residents, settings
from kiosk.db.engine import head_revision, open_database
from kiosk.db.models import (
    LessonProgress,
    ProgressStatus,
    Resident,
    StepAttempt,
    StepProgress,
    StepStats,
)
from kiosk.demo import DEMO_HAMLETS

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).resolve().parent / "kill_worker.py"
KILLS = 36
SEED = 20260314
# A worker is killed this long after it was forked (it opens the database in the first
# ~0.1 s, so some kills land there, most in the middle of lessons).
KILL_AFTER_S = (0.0, 0.45)
TIMEOUT_S = 60


class Lines:
    """The lines a process prints, read in a thread so the test can wait for one."""

    def __init__(self, stream) -> None:
        self._queue: queue.Queue[list[str] | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for raw in stream:
            if raw.endswith(b"\n"):  # a line cut by the kill was not printed whole
                self._queue.put(raw.decode().split())
        self._queue.put(None)

    def until(self, first_word: str) -> tuple[list[list[str]], list[str]]:
        """The lines before the first one starting with `first_word`, and that line."""
        before = []
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            line = self._queue.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"the worker process ended before {first_word!r}")
            if line[0] == first_word:
                return before, line
            before.append(line)


@pytest.mark.slow
def test_sigkill_in_the_middle_of_lessons_loses_no_committed_write(tmp_path: Path):
    database = tmp_path / "kiosk.sqlite3"
    url = f"sqlite:///{database}"
    open_database(url, DEMO_HAMLETS).kw["bind"].dispose()  # the kiosk's first start
    errors = tmp_path / "worker-errors.txt"
    chance = random.Random(SEED)
    printed: list[list[str]] = []
    with open(errors, "wb") as stderr:
        zygote = subprocess.Popen([sys.executable, str(WORKER), str(database)], cwd=REPO,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=stderr)
        try:
            lines = Lines(zygote.stdout)
            for round_ in range(KILLS):
                zygote.stdin.write(f"go {SEED + round_}\n".encode())
                zygote.stdin.flush()
                before, (_, pid) = lines.until("worker")
                printed += before
                time.sleep(chance.uniform(*KILL_AFTER_S))
                os.kill(int(pid), signal.SIGKILL)
                before, ended = lines.until("ended")
                printed += before
                assert ended == ["ended", pid, str(signal.SIGKILL.value)], \
                    errors.read_text(errors="replace")
        finally:
            zygote.stdin.close()
            zygote.wait(TIMEOUT_S)

    kinds = Counter(line[0] for line in printed)
    # Enough happened for the kills to have landed in the middle of things.
    assert kinds["committed"] > 2 * KILLS and kinds["resident"] >= 5, kinds

    with sqlite3.connect(database) as connection:  # SQLite replays the log of the dead
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    db = open_database(url, DEMO_HAMLETS)
    try:
        with db() as session:
            codes = dict(session.execute(select(Resident.id, Resident.learner_code)).all())
            done_steps = set(session.execute(
                select(LessonProgress.resident_id, LessonProgress.lesson_id,
                       StepProgress.step_index)
                .join(StepProgress, StepProgress.progress_id == LessonProgress.id)).all())
            places = {(row.resident_id, row.lesson_id): row for row in
                      session.scalars(select(LessonProgress))}
            attempts = Counter({tuple(key): n for *key, n in session.execute(
                select(StepAttempt.resident_id, StepAttempt.lesson_id,
                       StepAttempt.step_index, func.count())
                .group_by(StepAttempt.resident_id, StepAttempt.lesson_id,
                          StepAttempt.step_index)).all()})
            attempts_by_step = {(lesson, step): n for lesson, step, n in session.execute(
                select(StepAttempt.lesson_id, StepAttempt.step_index, func.count())
                .group_by(StepAttempt.lesson_id, StepAttempt.step_index)).all()}
            counted = {(lesson, step): n for lesson, step, n in session.execute(
                select(StepStats.lesson_id, StepStats.step_index, func.sum(StepStats.attempts))
                .group_by(StepStats.lesson_id, StepStats.step_index)).all()}
    finally:
        db.kw["bind"].dispose()

    printed_attempts = Counter()
    for line in printed:
        match line:
            case ["resident", rid, code]:
                assert codes.get(int(rid)) == code, line
            case ["attempt", rid, lesson, step]:
                printed_attempts[(int(rid), lesson, int(step))] += 1
            case ["committed", rid, lesson, step]:
                assert (int(rid), lesson, int(step)) in done_steps, line
                place = places[(int(rid), lesson)]
                assert place.status == ProgressStatus.COMPLETED or \
                    place.current_step > int(step), line
            case ["completed", rid, lesson]:
                assert places[(int(rid), lesson)].status == ProgressStatus.COMPLETED, line
            case _:
                raise AssertionError(f"unexpected line {line}")
    # Every attempt printed is stored (one more may be, its line cut by the kill) ...
    for key, count in printed_attempts.items():
        assert attempts[key] >= count, key
    # ... and each attempt and its step's counters went in one transaction, or neither.
    assert counted == attempts_by_step


def _kiosk_environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(folder / "settings.toml"),
               KIOSK_DATA_DIR=str(folder / "data"), KIOSK_READ_ALOUD="false",
               KIOSK_FULLSCREEN="false")
    return env


@pytest.mark.slow
def test_a_kiosk_killed_while_it_starts_and_migrates_starts_again(tmp_path: Path):
    from kiosk.station import open_station

    chance = random.Random(SEED)
    for round_ in range(6):
        folder = tmp_path / f"kiosk-{round_ // 2}"  # a new kiosk, then the same again
        database = folder / "data" / "kiosk.sqlite3"
        fresh = not database.exists()
        kiosk = subprocess.Popen([sys.executable, "-m", "kiosk"], cwd=REPO,
                                 env=_kiosk_environment(folder),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + TIMEOUT_S
            while fresh and not database.exists() and time.monotonic() < deadline:
                time.sleep(0.003)  # the file appears as phase 2 starts migrating
            assert kiosk.poll() is None, "the kiosk did not start"
            time.sleep(chance.uniform(0.0, 0.4) if fresh else chance.uniform(1.0, 3.0))
        finally:
            kiosk.send_signal(signal.SIGKILL)
            kiosk.wait(TIMEOUT_S)

        # Started again, the way the kiosk's start-up opens it (MainWindow.finish_startup).
        config = settings.load(environ=_kiosk_environment(folder),
                               file=folder / "settings.toml")
        station = open_station(config)
        try:
            assert [h.name for h in residents.list_hamlets(station.db)] == list(
                config.hamlets)  # the demo commune, seeded once
            engine = station.db.kw["bind"]
            with engine.connect() as connection:
                assert connection.exec_driver_sql(
                    "SELECT version_num FROM alembic_version").scalar() == head_revision()
                assert connection.exec_driver_sql(
                    "PRAGMA integrity_check").scalar() == "ok"
        finally:
            station.db.kw["bind"].dispose()
