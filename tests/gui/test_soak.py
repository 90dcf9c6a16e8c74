"""Soak: thousands of step transitions in one kiosk process leave nothing behind.

The kiosk's own player shows every step of the bundled lessons (`PlayerScreen.show_step`,
practice phones included), forward through the flow, which stores each answer and
finished step as in use, and back again. After a warm-up round, every round must end with
the same widgets, QObjects and signal connections alive as the first, exactly, and
resident memory may grow by at most GROWTH_LIMIT_MB over the walk.

The issue's figure itself, 100,000 transitions growing under 50 MB, takes well over an
hour on a 2-core machine and is measured by `python -m benchmarks --only memory` with
KIOSK_BENCH_SOAK=100000 (benchmarks/README.md). This test walks ROUNDS rounds of about
420 transitions: a leaked step view (tens of KB) shows in the counts at once, and anything
leaking a few KB a transition passes the limit. What it cannot tell apart is the slow,
slowing growth of Qt's caches in the first thousands of transitions (~1 KB each here),
which is why the 100,000 figure lives in the benchmark. The SQLite file is on /dev/shm
where there is one: a commit per step on a disk would measure the disk, not the kiosk.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QMetaMethod, QObject
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from benchmarks.bench_memory import Walk
from kiosk import residents
from kiosk.db.models import StepAttempt

ROUNDS = 5
GROWTH_LIMIT_MB = 10.0  # about 4 KB a transition over the walk


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def connections(objects: list[QObject]) -> int:
    """Receivers of every signal of these objects: connections that pile up show here."""
    total = 0
    for obj in objects:
        meta = obj.metaObject()
        for index in range(meta.methodCount()):
            method = meta.method(index)
            if method.methodType() == QMetaMethod.MethodType.Signal:
                total += obj.receivers(SIGNAL(bytes(method.methodSignature()).decode()))
    return total


def alive(window) -> tuple[int, int, int]:
    """Widgets, QObjects and signal connections alive."""
    app = QApplication.instance()
    objects = [app, *app.findChildren(QObject), window, *window.findChildren(QObject)]
    return len(QApplication.allWidgets()), len(objects), connections(objects)


@pytest.fixture
def memory_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="kiosk-soak-", dir=shm if shm.is_dir() else tmp_path))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_thousands_of_step_transitions_leave_nothing_behind(make_window, memory_data_dir):
    window = make_window()
    db = window.station.db
    hamlet = residents.list_hamlets(db)[0]
    person = residents.register(db, full_name="Người Đi Bộ", birth_year=1960,
                                hamlet_id=hamlet.id, consent_given=True)
    window.flow.sign_in(person)
    walk = Walk(QApplication.instance(), window)  # what the benchmark walks
    walk.round()  # warm-up: every kind of step, phone and font built once
    gc.collect()
    first, start_mb, start_transitions = alive(window), rss_mb(), walk.transitions
    for _ in range(ROUNDS):
        walk.round()
        gc.collect()
        assert alive(window) == first  # widgets, QObjects, signal connections
    walked = walk.transitions - start_transitions
    growth = rss_mb() - start_mb
    print(f"\n{walked} transitions after {start_transitions}: RSS {start_mb:.1f} -> "
          f"{start_mb + growth:.1f} MB ({growth:+.2f} MB, "
          f"{growth * 1024 / walked:.2f} KB a transition); alive {first}")
    assert growth < GROWTH_LIMIT_MB, f"{growth:.2f} MB over {walked} transitions"
    # Every answer was stored, one transaction each: the walk did the flow's real work.
    assert not len(window.flow.pending)
    with db() as session:
        stored = session.scalar(select(func.count()).select_from(StepAttempt)
                                .where(StepAttempt.resident_id == person.id))
    assert stored == walk.answers
    assert "/dev/shm/" in window.station.config.effective_database_url or not \
        Path("/dev/shm").is_dir()
