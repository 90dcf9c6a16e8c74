"""A resident's writes as values: kept in order while storage fails, applied once it is back.

Each write (an answer, a finished step, a passed check, an outcome answer) is applied by
kiosk.progress, and knows how it changes the lesson's state (`project`), so screens that
read progress while writes wait see what will be stored. The queue that keeps and retries
them lives with the widgets (ui.pending_writes); nothing here imports Qt.

`Journal` keeps a copy of that queue on the kiosk's own disk (data_dir/kept-writes.jsonl),
so a kiosk switched off while its database is out of reach (the shared server gone, the
file locked) loses nothing: the next start reads the writes back and stores them. A write
holds ids, step numbers and option keys only, never a name nor anything typed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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


# -- on the kiosk's own disk -----------------------------------------------------------

JOURNAL_NAME = "kept-writes.jsonl"
_KINDS = {kind.__name__: kind for kind in (Answer, StepDone, CheckDone, OutcomeGiven)}
# The annotations of the writes' fields (strings, with `from __future__ import annotations`)
# and what a value read back must be; bool is an int to isinstance, so it is named apart.
_FIELD_TYPES = {"int": (int,), "float": (int, float), "bool": (bool,), "str": (str,),
                "bool | None": (bool, type(None)), "datetime": (datetime,)}


def to_record(write: Write) -> dict:
    """A write as JSON-ready values; its lesson by id."""
    record = {"kind": type(write).__name__, "lesson": write.lesson.id}
    for field in dataclasses.fields(write):
        if field.name != "lesson":
            value = getattr(write, field.name)
            record[field.name] = value.isoformat() if isinstance(value, datetime) else value
    return record


def from_record(record: dict, lessons: Mapping[str, Lesson]) -> Write:
    """The write a record holds; KeyError, TypeError or ValueError when it is not one (an
    unknown kind, a lesson no longer in the pack, a field missing or of the wrong type)."""
    kind = _KINDS[record["kind"]]
    values = {k: v for k, v in record.items() if k not in ("kind", "lesson")}
    if "at" in values:
        values["at"] = datetime.fromisoformat(values["at"])
    write = kind(lesson=lessons[record["lesson"]], **values)
    for field in dataclasses.fields(write):
        if field.name == "lesson":
            continue
        value = getattr(write, field.name)
        wanted = _FIELD_TYPES[field.type]
        if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
            raise TypeError(f"{field.name} of {record['kind']} is {value!r}")
    return write


class Journal:
    """The kept writes, one JSON line each, in a file replaced whole at every change."""

    def __init__(self, folder: Path | str) -> None:
        self.path = Path(folder) / JOURNAL_NAME
        self._partial = self.path.with_name(f".{JOURNAL_NAME}.{os.getpid()}.partial")
        self._failed = False

    def save(self, writes: list[Write]) -> bool:
        """Write the queue down (no file when it is empty); False when the disk would not
        take it, and the writes are then in memory only (logged once until it works)."""
        try:
            if not writes:
                self.path.unlink(missing_ok=True)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                text = "".join(json.dumps(to_record(w), ensure_ascii=False) + "\n"
                               for w in writes)
                with open(self._partial, "wb",
                          opener=lambda path, flags: os.open(path, flags, 0o600)) as out:
                    out.write(text.encode("utf-8"))
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(self._partial, self.path)
        except OSError as exc:
            if not self._failed:
                log.warning("the kept writes could not be saved to %s (%s): they are in "
                            "memory only", self.path, exc.strerror or exc)
            self._failed = True
            with contextlib.suppress(OSError):
                self._partial.unlink(missing_ok=True)
            return False
        self._failed = False
        return True

    def load(self, lessons: Mapping[str, Lesson]) -> list[Write]:
        """The writes a kiosk kept when it last stopped, in order. A line that is not a
        write (a torn last line, a lesson since removed) is logged and left out; a file
        that cannot be read at all is moved aside as kept-writes.jsonl.broken-<time>."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            aside = self.path.with_name(
                f"{JOURNAL_NAME}.broken-{datetime.now():%Y%m%d-%H%M%S}")
            log.error("the kept writes in %s cannot be read (%s); moved to %s",
                      self.path, exc, aside.name)
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            return []
        writes = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                writes.append(from_record(record, lessons))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                log.error("line %d of %s is not a kept write and is left out (%s: %s)",
                          number, self.path.name, type(exc).__name__, exc)
        if writes:
            log.info("%d writes kept when the kiosk last stopped are to be stored",
                     len(writes))
        return writes
