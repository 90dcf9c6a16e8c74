"""The resident's writes, kept in order while storage fails, and applied once it is back.

Everything the kiosk stores while a resident learns (an answer, a finished step, a passed
check, an outcome answer) goes through `PendingWrites.submit`. While storage works the
write is committed at once, on the UI thread, with lock waits cut short
(kiosk.storage_problems.short_wait). When it fails with a storage problem (the SQLite file
locked, the disk full, the server gone) the write is kept in memory, the resident goes on,
and every later write queues behind it, so they reach the database in the order they
happened. A timer retries in a background thread (ui.operations): after 2 s, then 4, 8,
16 and every 30 s, until the whole queue is stored; then `changed` says storage is well.

Retried writes are applied exactly once: an answer carries the moment it was given, which
kiosk.progress.record_attempt uses to skip an answer a lost connection stored after all,
and finishing a step or a check, or answering an outcome question, is the same when done
twice. Writes belong to the kiosk, not to the resident's visit: when the resident leaves,
theirs are still applied. Screens that read progress while writes wait (the skills list,
where to resume a lesson) see them through `project`, which mirrors what kiosk.progress
will store.

With a `journal` (kiosk.kept_writes.Journal) the queue is also written down on the kiosk's
own disk whenever it changes, and the writes found there at start (the kiosk was switched
off or killed while they waited) are put back in the queue and stored first.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from kiosk.kept_writes import Journal, Write, apply_in_order, probe
from kiosk.progress import NOT_STARTED, LessonState
from kiosk.storage_problems import Db, StorageProblem, short_wait, storage_problem
from ui import operations

log = logging.getLogger(__name__)

FIRST_RETRY_MS = 2_000
LONGEST_RETRY_MS = 30_000
# At quit, how long the last attempt to store what is left may take.
FLUSH_WAIT_MS = 10_000


# -- the queue -------------------------------------------------------------------------

class PendingWrites(QObject):
    """The kiosk's writes that storage has not taken yet, and the retrying.

    `problem` is the storage problem last met (None when storage is well). `waiting` is
    True when the resident's last action could not be done (a sign-up, opening a list):
    they must wait and touch again, rather than carry on as after a kept answer.
    `notice` is what the resident at the kiosk is told: nothing about the writes of an
    earlier visit, which are retried all the same.
    """

    changed = Signal()  # problem, waiting or the number of kept writes changed
    drained = Signal()  # every kept write is stored

    def __init__(self, db: Db, parent: QObject | None = None, *,
                 journal: Journal | None = None, lessons=None) -> None:
        """`lessons` (id -> Lesson) reads the journal's writes back."""
        super().__init__(parent)
        self.db = db
        self.problem: StorageProblem | None = None
        self.waiting = False
        self._journal = journal
        self._queue: list[Write] = journal.load(lessons or {}) if journal else []
        self._of_this_visit = 0  # how many of the kept writes, at the end of the queue
        self._operation: operations.Operation | None = None
        self._delay = FIRST_RETRY_MS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._retry)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        if self._queue:  # kept when the kiosk last stopped: stored before anything new
            self._timer.start(0)

    def __len__(self) -> int:
        return len(self._queue)

    def kept(self, resident_id: int | None = None) -> list[Write]:
        return [w for w in self._queue if resident_id in (None, w.resident_id)]

    @property
    def notice(self) -> tuple[StorageProblem, bool] | None:
        """(problem, waiting) when the resident at the kiosk should be told, else None."""
        if self.problem is None or not (self.waiting or self._of_this_visit):
            return None
        return self.problem, self.waiting

    # -- writing -----------------------------------------------------------------------

    def submit(self, write: Write) -> bool:
        """Store `write` now if storage takes it, else keep it; True when it is stored.
        Errors that are not storage problems are raised, as without this queue."""
        if self._queue or self._operation is not None:
            self._queue.append(write)  # behind the ones kept before it
            self._write_down()
            self._of_this_visit += 1
            self.waiting = False  # the resident carries on
            self.changed.emit()
            return False
        try:
            with short_wait(self.db) as quick:
                write.apply(quick)
        except (DBAPIError, PoolTimeout) as exc:
            problem = storage_problem(exc)
            if problem is None:
                raise
            log.warning("storage %s: keeping %s for later (%s)", problem.value, write,
                        type(exc.orig if isinstance(exc, DBAPIError) else exc).__name__)
            self._queue.append(write)
            self._write_down()
            self._of_this_visit += 1
            self._set(problem, waiting=False)
            self.changed.emit()
            self._schedule()
            return False
        self.action_succeeded()
        return True

    def action_failed(self, error: BaseException) -> bool:
        """A resident's action met `error`. True when it is a storage problem: it is shown
        and retried, and the caller leaves the resident where they are; False for any
        other error, which the caller raises."""
        problem = storage_problem(error)
        if problem is None:
            return False
        log.warning("storage %s: a resident's action waits (%s)", problem.value,
                    type(getattr(error, "orig", error)).__name__)
        self._set(problem, waiting=True)
        self._schedule()
        return True

    def action_succeeded(self) -> None:
        """Storage answered an action: the resident waits for nothing any more, and when
        nothing is kept either, storage is well."""
        if self._queue:
            self._set(self.problem, waiting=False)
        elif self.problem is not None:
            self._timer.stop()
            self._delay = FIRST_RETRY_MS
            self._set(None, waiting=False)

    def resident_left(self) -> None:
        """The resident went back to the welcome screen. What they could not do is not
        the next person's concern; what they did stays kept until it is stored."""
        self._of_this_visit = 0
        self._set(self.problem if self._queue else None, waiting=False)
        self.changed.emit()

    # -- reading -----------------------------------------------------------------------

    def project(self, resident_id: int,
                states: dict[str, LessonState]) -> dict[str, LessonState]:
        """`states` as they will be once the resident's kept writes are stored."""
        projected = dict(states)
        for write in self.kept(resident_id):
            before = projected.get(write.lesson.id, NOT_STARTED)
            after = write.project(before)
            if after is not before:
                projected[write.lesson.id] = after
        return projected

    # -- retrying ----------------------------------------------------------------------

    def retry_now(self) -> None:
        self._timer.stop()
        self._retry()

    def _set(self, problem: StorageProblem | None, *, waiting: bool) -> None:
        if (problem, waiting) != (self.problem, self.waiting):
            self.problem, self.waiting = problem, waiting
            self.changed.emit()

    def _schedule(self, delay: int | None = None) -> None:
        if self._operation is None and not self._timer.isActive():
            self._timer.start(self._delay if delay is None else delay)

    def _write_down(self) -> None:
        if self._journal is not None:
            self._journal.save(self._queue)

    def _retry(self) -> None:
        if self._operation is not None or (self.problem is None and not self._queue):
            return
        batch, db, problem = list(self._queue), self.db, self.problem
        if batch:
            work = lambda _progress: apply_in_order(db, batch)  # noqa: E731
        elif problem in (StorageProblem.BUSY, StorageProblem.UNREACHABLE):
            work = lambda _progress: (0, _try(probe, db, problem))  # noqa: E731
        else:
            return  # a full or failing disk: the resident's next action tells
        self._operation = operations.run(work)
        self._operation.succeeded.connect(self._retried)
        self._operation.failed.connect(self._retry_crashed)

    def _retried(self, result: tuple[int, BaseException | None]) -> None:
        self._operation = None
        done, error = result
        if done:
            del self._queue[:done]
            self._write_down()
        self._of_this_visit = min(self._of_this_visit, len(self._queue))
        if error is not None and not self._queue and self.problem is None:
            return  # a probe that failed after an action found storage well
        if error is not None:
            self._delay = FIRST_RETRY_MS if done else min(self._delay * 2,
                                                          LONGEST_RETRY_MS)
            self._set(storage_problem(error) or self.problem, waiting=self.waiting)
            if done:
                self.changed.emit()
            self._schedule()
            return
        if self._queue:  # more came while these were stored
            self.changed.emit()
            self._schedule(0)
            return
        log.info("storage is back: every kept write is stored")
        self._delay = FIRST_RETRY_MS
        self._set(None, waiting=False)
        self.changed.emit()
        self.drained.emit()

    def _retry_crashed(self, error: BaseException) -> None:
        self._operation = None
        log.error("retrying kept writes failed", exc_info=error)
        self._schedule()

    def flush(self) -> None:
        """The kiosk is quitting: one last try to store what is kept, waiting for a retry
        under way first (what is still kept then waits in the journal)."""
        self._timer.stop()
        if self._operation is not None:
            operation = self._operation
            operation.wait(FLUSH_WAIT_MS)
            # Deliver its result now: the event loop is ending.
            QCoreApplication.sendPostedEvents(operation, 0)
            self._operation = None
        if not self._queue:
            return
        done, error = apply_in_order(self.db, list(self._queue))
        del self._queue[:done]
        self._write_down()
        self._of_this_visit = min(self._of_this_visit, len(self._queue))
        if self._queue:
            log.error("quitting with %d writes storage did not take (%s)%s",
                      len(self._queue), error, "; they are stored at the next start"
                      if self._journal is not None else "")


def _try(action, *args) -> BaseException | None:
    try:
        action(*args)
    except (DBAPIError, PoolTimeout) as exc:
        if storage_problem(exc) is None:
            raise
        return exc
    return None
