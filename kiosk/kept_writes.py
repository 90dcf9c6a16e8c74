"""A resident's writes as values: kept in order while storage fails, applied once it is back.

Each write (an answer, a finished step, a passed check, an outcome answer) is applied by
kiosk.progress, and knows how it changes the lesson's state (`project`), so screens that
read progress while writes wait see what will be stored. The queue that keeps and retries
them lives with the widgets (ui.pending_writes); nothing here imports Qt.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from kiosk import progress
from kiosk.db.models import utcnow
from kiosk.lessons.schema import Lesson
from kiosk.progress import LessonState
from kiosk.storage_problems import Db, StorageProblem, storage_problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Write:
    """One change to the resident's progress, applied by the core."""

    resident_id: int
    lesson: Lesson

    def apply(self, db: Db) -> None:
        raise NotImplementedError

    def project(self, state: LessonState) -> LessonState:
        """The lesson's state once this write is stored."""
        return state

    def __str__(self) -> str:  # for the log: ids only, never what was typed
        return f"{type(self).__name__} {self.lesson.id} resident {self.resident_id}"


@dataclass(frozen=True)
class Answer(Write):
    step: int
    correct: bool
    answer: str
    hints: int
    seconds: float
    at: datetime = dataclasses.field(default_factory=utcnow)

    def apply(self, db: Db) -> None:
        progress.record_attempt(db, self.resident_id, self.lesson, self.step,
                                correct=self.correct, answer=self.answer,
                                hints_used=self.hints, seconds=self.seconds, at=self.at)


@dataclass(frozen=True)
class StepDone(Write):
    step: int
    first_try: bool | None

    def apply(self, db: Db) -> None:
        progress.finish_step(db, self.resident_id, self.lesson, self.step, self.first_try)

    def project(self, state: LessonState) -> LessonState:
        # As progress.finish_step: the last step completes a lesson without a check.
        if self.step >= len(self.lesson.all_steps) - 1 and self.lesson.check is None:
            return _completed(state, self.lesson)
        if state.completed:
            return state
        return dataclasses.replace(state, current_step=max(state.current_step,
                                                           self.step + 1))


@dataclass(frozen=True)
class CheckDone(Write):
    score: int

    @property
    def passed(self) -> bool:
        return self.score >= self.lesson.check.pass_mark

    def apply(self, db: Db) -> None:
        progress.finish_check(db, self.resident_id, self.lesson, self.score)

    def project(self, state: LessonState) -> LessonState:
        # As progress.finish_check: a miss sends the place back to the first question.
        if self.passed:
            return _completed(state, self.lesson)
        if state.completed:
            return state
        return dataclasses.replace(state, current_step=len(self.lesson.steps))


@dataclass(frozen=True)
class OutcomeGiven(Write):
    answer: str

    def apply(self, db: Db) -> None:
        progress.record_outcome(db, self.resident_id, self.lesson, self.answer)


def _completed(state: LessonState, lesson: Lesson) -> LessonState:
    return LessonState(lesson.id, len(lesson.all_steps), True,
                       state.completed_at if state.completed else utcnow())


def resume_step(lesson: Lesson, state: LessonState) -> int:
    """Where a lesson resumes, from its (projected) state: as progress.resume_step."""
    return progress.step_to_resume(lesson, state.completed, state.current_step)


def apply_in_order(db: Db, batch: list[Write]) -> tuple[int, BaseException | None]:
    """Apply writes in order until one meets a storage problem: (how many are done, that
    problem). A write refused for any other reason would be refused at every retry: it is
    logged and left, so it cannot hold back the ones behind it."""
    for done, write in enumerate(batch):
        try:
            write.apply(db)
        except (DBAPIError, PoolTimeout) as exc:
            if storage_problem(exc) is not None:
                return done, exc
            log.exception("a kept write was refused and is dropped: %s", write)
        except Exception:
            log.exception("a kept write failed and is dropped: %s", write)
    return len(batch), None


def probe(db: Db, problem: StorageProblem) -> None:
    """Raise while storage still fails: a write lock for a locked SQLite file, a round
    trip for a server."""
    engine = db.kw["bind"]
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite" and problem is StorageProblem.BUSY:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            connection.rollback()
        else:
            connection.exec_driver_sql("SELECT 1")
