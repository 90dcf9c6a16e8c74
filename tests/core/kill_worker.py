"""Residents learning at a kiosk as fast as it records them, in a process made to be killed
(tests/core/test_crash_safety.py).

    python tests/core/kill_worker.py DATABASE_FILE

Importing SQLAlchemy and loading the lessons takes a second, too long to pay thirty times:
this process does it once, then forks one worker for each "go SEED" line it reads on stdin.
A worker opens the database with the kiosk's own engine (kiosk.db.engine.open_database:
WAL, full sync), then registers residents or resumes earlier ones and walks the bundled
lessons step by step with kiosk.progress, as the kiosk's screens do, until it is killed.
After each write's commit returns, it prints one line:

    worker PID                            forked, before the database is opened
    resident ID CODE                      residents.register
    attempt ID LESSON STEP                progress.record_attempt
    committed ID LESSON STEP              progress.finish_step
    completed ID LESSON                   progress.finish_check, passed

When the worker has died, this process prints "ended PID SIGNAL" and waits for the next
line. Printed lines are flushed one write each, so every line the parent reads was printed
after its commit returned.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, select

from kiosk import paths, progress, residents
from kiosk.db.engine import open_database
from kiosk.db.models import Resident
from kiosk.demo import DEMO_HAMLETS
from kiosk.lessons.loader import load_pack
from kiosk.skills import Skill


def say(*words: object) -> None:
    os.write(1, (" ".join(str(w) for w in words) + "\n").encode())


def learn(url: str, lessons: list, seed: int) -> None:
    """The worker: never returns on its own."""
    chance = random.Random(seed)
    db = open_database(url, DEMO_HAMLETS)
    hamlets = [h.id for h in residents.list_hamlets(db)]
    while True:
        with db() as session:
            known = session.scalar(select(func.count()).select_from(Resident))
            resident_id = session.scalar(
                select(Resident.id).order_by(Resident.id).offset(chance.randrange(known))
                .limit(1)) if known and chance.random() < 0.5 else None
        if resident_id is None:  # a new resident
            person = residents.register(
                db, full_name=f"Học Viên {chance.randrange(10**6)}",
                birth_year=chance.randrange(1940, 2005), hamlet_id=chance.choice(hamlets),
                consent_given=True)
            resident_id = person.id
            say("resident", person.id, person.learner_code)
        for lesson in chance.sample(lessons, 3):
            start = progress.resume_step(db, resident_id, lesson)
            for index in range(start, len(lesson.all_steps)):
                right = chance.random() < 0.8
                progress.record_attempt(db, resident_id, lesson, index, correct=right,
                                        answer="a" if right else "b",
                                        hints_used=chance.randrange(2))
                say("attempt", resident_id, lesson.id, index)
                progress.finish_step(db, resident_id, lesson, index, correct_first_try=right)
                say("committed", resident_id, lesson.id, index)
            if lesson.check is not None and progress.finish_check(
                    db, resident_id, lesson, lesson.check.pass_mark):
                say("completed", resident_id, lesson.id)


def main() -> None:
    url = f"sqlite:///{Path(sys.argv[1]).resolve()}"
    pack = load_pack(paths.BUNDLED_LESSONS)
    lessons = [lesson for skill in Skill for lesson in pack.for_skill(skill)]
    for line in sys.stdin:
        command, _, seed = line.strip().partition(" ")
        if command != "go":
            continue
        pid = os.fork()
        if pid == 0:
            say("worker", os.getpid())
            try:
                learn(url, lessons, int(seed))
            except BaseException:
                traceback.print_exc()
            os._exit(1)  # only when learning failed: the traceback is on stderr
        _, status = os.waitpid(pid, 0)
        say("ended", pid, os.WTERMSIG(status) if os.WIFSIGNALED(status) else "exit")


if __name__ == "__main__":
    main()
