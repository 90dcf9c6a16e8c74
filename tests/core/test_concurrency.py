"""Eight kiosks on one database at once, as a ward's kiosks share one PostgreSQL server.

Each kiosk is a process of its own (multiprocessing, spawn: nothing shared but the
database) doing what a kiosk does through the core's own functions: it opens the
database (on PostgreSQL an empty one, so all eight start on a server nobody migrated
yet), registers residents, takes them through every lesson of a skill of the bundled
course, step by step with their answers, and issues their certificates. Then all eight
ask, at the same moment, for the certificates of the same residents. Afterwards every
count must match exactly what the kiosks did: residents, lesson and skill progress,
answers per step, certificates; no learner code or serial twice, and one certificate
per resident and achievement.

SQLite runs the same, on one file: its writers take turns within the busy timeout.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import traceback
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk import residents, settings
from kiosk.db.models import (
    AuditEntry,
    Certificate,
    LessonProgress,
    Resident,
    SkillProgress,
    StepProgress,
    StepStats,
)
from kiosk.skills import Skill

KIOSKS = 8
RESIDENTS_EACH = 3  # registered by each kiosk; the first learns a skill and gets its certificate
CONTESTED = 2  # residents whose certificates every kiosk asks for at the same moment
TIMEOUT = 120
LESSONS = Path(__file__).resolve().parents[2] / "lessons"
# The skills the kiosks' learners take, one each in turn (safety's lessons are the longest).
SKILLS = (Skill.PUBLIC_SERVICES, Skill.SHOPPING, Skill.PAYMENT, Skill.PLATFORMS)

pytestmark = pytest.mark.slow


def learn_skill(db, resident_id: int, lessons) -> tuple[int, int]:
    """Every lesson of a skill, as a resident at the kiosk: each step finished, each
    question answered (once wrong on the first one), then the check passed. Returns the
    (steps, answers) stored."""
    from kiosk import progress

    steps = answers = 0
    for lesson in lessons:
        for index, step in enumerate(lesson.all_steps):
            if step.kind != "explain":
                if answers == 0:
                    progress.record_attempt(db, resident_id, lesson, index, correct=False)
                    answers += 1
                progress.record_attempt(db, resident_id, lesson, index, correct=True)
                answers += 1
            progress.finish_step(db, resident_id, lesson, index)
            steps += 1
        if lesson.check is not None:
            assert progress.finish_check(db, resident_id, lesson, lesson.check.pass_mark)
    return steps, answers


def kiosk(number: int, barrier, orders, results) -> None:
    """One kiosk process, for every test of the module: for each (database URL, the test's
    KIOSK_* environment) in `orders` it does its day there (see the module's docstring)
    and puts what it did in `results`. The contested residents, [(resident id, skill)],
    follow in `orders` once ready."""
    from kiosk.certificates import CertificateKind, issuing, keys
    from kiosk.db.engine import open_database
    from kiosk.demo import DEMO_HAMLETS
    from kiosk.lessons.loader import load_pack

    pack = load_pack(LESSONS)
    by_skill = {skill: pack.for_skill(skill) for skill in Skill}
    for url, environment in iter(orders.get, None):
        for name in [name for name in os.environ if name.startswith("KIOSK_")]:
            del os.environ[name]
        os.environ.update(environment)
        try:
            config = settings.load()
            db = open_database(url, DEMO_HAMLETS)
            key = keys.load_or_create(config.data_dir)
            hamlets = residents.list_hamlets(db)
            done = {"kiosk": number, "residents": [], "steps": 0, "answers": 0,
                    "serials": [], "contested": [], "refused": []}
            barrier.wait(TIMEOUT)  # every kiosk is up: now all at once
            for n in range(RESIDENTS_EACH):
                person = residents.register(
                    db, full_name=f"Người học {number} {n}", birth_year=1950 + number,
                    hamlet_id=hamlets[(number + n) % len(hamlets)].id, consent_given=True)
                done["residents"].append((person.id, person.learner_code, None))
            skill = SKILLS[number % len(SKILLS)]
            person_id = done["residents"][0][0]
            done["steps"], done["answers"] = learn_skill(db, person_id, by_skill[skill])
            done["serials"].append(issuing.issue(
                db, person_id, CertificateKind.SKILL, skill, config, key,
                lessons_by_skill=by_skill).serial)
            done["residents"][0] = (*done["residents"][0][:2], skill.value)
            contested = orders.get(timeout=TIMEOUT)
            barrier.wait(TIMEOUT)  # the contested residents are ready: all ask at once
            for resident_id, skill in contested:
                try:
                    done["contested"].append(issuing.issue(
                        db, resident_id, CertificateKind.SKILL, Skill(skill), config, key,
                        lessons_by_skill=by_skill).serial)
                except issuing.IssueRefused as refused:
                    done["refused"].append((refused.code, refused.current.serial))
            db.kw["bind"].dispose()
            results.put(done)
        except BaseException:  # reported to the test, which fails with it
            results.put({"kiosk": number, "error": traceback.format_exc()})
            barrier.abort()  # the others stop waiting for this one


class Kiosks:
    """Eight kiosk processes started once for the module (starting a process and
    importing the kiosk's code takes longer than a kiosk's work here)."""

    def __init__(self) -> None:
        spawn = multiprocessing.get_context("spawn")
        self.barrier = spawn.Barrier(KIOSKS + 1)
        self.orders = [spawn.Queue() for _ in range(KIOSKS)]
        self.results = spawn.Queue()
        self.processes = [spawn.Process(target=kiosk, daemon=True,
                                        args=(n, self.barrier, self.orders[n], self.results))
                          for n in range(KIOSKS)]
        for process in self.processes:
            process.start()

    def tell_all(self, order) -> None:
        for orders in self.orders:
            orders.put(order)

    def close(self) -> None:
        self.tell_all(None)
        for process in self.processes:
            process.join(2)
        for process in self.processes:
            if process.is_alive():
                process.kill()
                process.join(5)


@pytest.fixture(scope="module")
def kiosks():
    started = Kiosks()
    yield started
    started.close()


@pytest.fixture
def shared_url(backend: str, empty_db_url: str) -> str:
    """On PostgreSQL an empty database: the kiosks migrate it as they start together.
    A SQLite file is made by the first start before the kiosks run (kiosks never share
    a SQLite file through a network; one kiosk's processes do)."""
    if backend == "sqlite":
        from kiosk.db.engine import open_database
        from kiosk.demo import DEMO_HAMLETS

        open_database(empty_db_url, DEMO_HAMLETS).kw["bind"].dispose()
    return empty_db_url


def test_eight_kiosks_at_once_store_exactly_what_they_did(kiosks, shared_url, backend):
    from kiosk.certificates import keys
    from kiosk.db.engine import open_database
    from kiosk.demo import DEMO_HAMLETS
    from kiosk.lessons.loader import load_pack

    config = settings.load()
    keys.load_or_create(config.data_dir)  # the commune's key, as the first kiosk made it
    kiosks.barrier.reset()
    # The kiosks start, with this test's settings (data folder, keys, database URL).
    kiosks.tell_all((shared_url, {name: value for name, value in os.environ.items()
                                  if name.startswith("KIOSK_")}))
    contested: list[tuple[int, str]] = []
    prepared = {"steps": 0, "answers": 0}
    try:
        kiosks.barrier.wait(TIMEOUT)  # every kiosk has opened (and on a server, migrated) it
        db = open_database(shared_url, DEMO_HAMLETS)
        pack = load_pack(LESSONS)
        hamlet = residents.list_hamlets(db)[0].id
        for n, skill in enumerate(SKILLS[:CONTESTED]):
            person = residents.register(db, full_name=f"Người được hỏi {n}", birth_year=1949,
                                        hamlet_id=hamlet, consent_given=True)
            steps, answers = learn_skill(db, person.id, pack.for_skill(skill))
            prepared["steps"] += steps
            prepared["answers"] += answers
            contested.append((person.id, skill.value))
        kiosks.tell_all(contested)
        kiosks.barrier.wait(TIMEOUT)
    except threading.BrokenBarrierError:
        pass  # a kiosk failed: its error is in the results
    done = []
    try:
        for _ in kiosks.processes:
            done.append(kiosks.results.get(timeout=TIMEOUT))
    except queue.Empty:
        done.append({"error": "a kiosk process reported nothing"})
    errors = [d["error"] for d in done if "error" in d]
    assert errors == [], "\n".join(errors)

    people = [r for d in done for r in d["residents"]]
    learners = [skill for _, _, skill in people if skill is not None]
    serials = [s for d in done for s in d["serials"] + d["contested"]]
    lessons_of = {skill: len(pack.for_skill(skill)) for skill in Skill}
    with db() as session:
        def count(model, *where) -> int:
            return session.scalar(select(func.count()).select_from(model).where(*where))

        assert count(Resident) == KIOSKS * RESIDENTS_EACH + CONTESTED
        codes = session.scalars(select(Resident.learner_code)).all()
        assert len(set(codes)) == len(codes)
        assert sorted(codes) == sorted([code for _, code, _ in people] +
                                       [residents.get(db, rid).learner_code
                                        for rid, _ in contested])
        assert count(LessonProgress, LessonProgress.completed_at.is_not(None)) == \
            count(LessonProgress) == \
            sum(lessons_of[Skill(s)] for s in learners) + \
            sum(lessons_of[Skill(s)] for _, s in contested)
        assert count(StepProgress) == sum(d["steps"] for d in done) + prepared["steps"]
        assert count(SkillProgress, SkillProgress.completed_at.is_not(None)) == \
            count(SkillProgress) == len(learners) + CONTESTED
        # Every answer counted once, though the kiosks answered the same steps at once.
        assert session.scalar(select(func.sum(StepStats.attempts))) == \
            sum(d["answers"] for d in done) + prepared["answers"]
        stored = session.scalars(select(Certificate.serial)).all()
        assert len(stored) == len(set(stored)) == len(learners) + CONTESTED
        assert sorted(stored) == sorted(serials)
        assert count(AuditEntry, AuditEntry.action == "certificate.issue") == len(stored)
        current = Counter(session.execute(
            select(Certificate.resident_id, Certificate.skill)
            .where(Certificate.revoked_at.is_(None))).all())
        assert set(current.values()) == {1}
    # Of the eight kiosks asking for each contested certificate at the same moment, one
    # issued it; the seven others were told which certificate the resident now holds.
    contested_serials = [s for d in done for s in d["contested"]]
    assert len(contested_serials) == CONTESTED
    refused = [r for d in done for r in d["refused"]]
    assert len(refused) == CONTESTED * (KIOSKS - 1)
    assert {code for code, _ in refused} == {"already_issued"}
    assert {serial for _, serial in refused} == set(contested_serials)
    db.kw["bind"].dispose()
