"""Work off the UI thread, through one helper.

A report query, an export, a backup or a merge can take seconds on a commune's database;
the console must keep answering meanwhile. `run` starts the work in a thread of its own and
returns an `Operation` whose signals arrive on the UI thread:

    op = operations.run(lambda progress: reports.coverage(db, period))
    op.succeeded.connect(self.show_coverage)
    op.failed.connect(self.show_error)

The work function gets a `Progress` to report how far it is (`progress.report(3, 10)`) and
to ask whether staff pressed "Dừng" (`progress.cancelled`); it must not touch widgets. It
opens its own database sessions (a session factory is safe to share between threads).
Progress is handed to the UI thread by a timer, a few times a second, so a tight loop that
reports often costs nothing on the screen side.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

PROGRESS_INTERVAL_MS = 100


class Cancelled(Exception):
    """Raised by `Progress.check` in work that staff stopped."""


class Progress:
    """What the work tells the UI (from its thread) and what the UI tells the work."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple[int, int, str] = (0, 0, "")
        self._changed = False
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        with self._lock:
            self._state = (done, total, text)
            self._changed = True

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here if staff cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        self._cancel.set()

    def take(self) -> tuple[int, int, str] | None:
        with self._lock:
            if not self._changed:
                return None
            self._changed = False
            return self._state


class _Thread(QThread):
    def __init__(self, work: Callable[[Progress], Any], progress: Progress) -> None:
        super().__init__()
        self._work = work
        self._progress = progress
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self._progress)
        except BaseException as exc:  # handed to the UI thread, never lost in the thread
            self.error = exc


class Operation(QObject):
    """One piece of background work. Signals are delivered on the UI thread."""

    progressed = Signal(int, int, str)  # done, total, text
    succeeded = Signal(object)  # the work's result
    failed = Signal(object)  # the exception (Cancelled when staff stopped it)
    finished = Signal()  # after succeeded or failed

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.progress = Progress()
        self._thread = _Thread(work, self.progress)
        self._thread.finished.connect(self._done)
        self._timer = QTimer(self)
        self._timer.setInterval(PROGRESS_INTERVAL_MS)
        self._timer.timeout.connect(self._pass_progress)
        self.running = False

    def start(self) -> Operation:
        self.running = True
        _running.add(self)
        self._timer.start()
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.progress.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the work is over (tests, quitting); its signals still arrive later."""
        return self._thread.wait(msecs)

    def _pass_progress(self) -> None:
        state = self.progress.take()
        if state is not None:
            self.progressed.emit(*state)

    def _done(self) -> None:
        self._timer.stop()
        self._pass_progress()
        self.running = False
        _running.discard(self)
        if self._thread.error is None:
            self.succeeded.emit(self._thread.result)
        else:
            self.failed.emit(self._thread.error)
        self.finished.emit()
        self._thread.deleteLater()
        self.deleteLater()


# Operations keep themselves alive until their work is over, whatever widget started them.
_running: set[Operation] = set()


def run(work: Callable[[Progress], Any]) -> Operation:
    """Start `work(progress)` in a thread; connect to the returned operation's signals."""
    return Operation(work).start()


def wait_all(msecs: int = 30_000) -> None:
    """Let running work finish (the application is quitting)."""
    for operation in list(_running):
        operation.cancel()
        operation.wait(msecs)
