"""The kiosk's own upkeep while it runs: the automatic backup, in the background.

Once start-up is over the kiosk looks every minute whether its automatic backup is due
(kiosk.backup.automatic_due: the last one older than `backup_every_hours`, a day by
default) and whether the kiosk is idle (the welcome screen waiting, nobody learning). Then
it makes one through ui.operations, off the UI thread: SQLite's online backup copies the
database page by page, so a resident who walks up meanwhile can start at once, and the
copy is then checked whole (kiosk.backup.create_automatic).

A backup that fails (a full disk, a failing card, damaged data) never reaches residents:
it is logged, said on the console's problems page (Station.set_problem) until a later one
succeeds, and tried again an hour later. A kiosk on a PostgreSQL server, or with
`backup_every_hours = 0`, does nothing here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import backup
from kiosk.station import Station
from ui import operations

log = logging.getLogger(__name__)
PROBLEM_KEY = "automatic_backup"


class Maintenance(QObject):
    backed_up = Signal(object)  # kiosk.backup.BackupFile
    backup_failed = Signal(str)  # the Vietnamese message shown to staff

    #: How often the kiosk looks whether a backup is due (milliseconds).
    LOOK_EVERY_MS = 60_000
    #: The first look, once start-up is over: late enough to leave the first resident be.
    FIRST_LOOK_MS = 20_000
    #: After a failure, the next try waits this long.
    RETRY_AFTER = timedelta(hours=1)

    def __init__(self, station: Station, is_idle: Callable[[], bool],
                 parent: QObject | None = None,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.station = station
        self.is_idle = is_idle
        self.clock = clock
        self.operation: operations.Operation | None = None
        self._not_before: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(self.LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.look)

    @property
    def active(self) -> bool:
        config = self.station.config
        return bool(config.backup_every_hours) and backup.sqlite_file(config) is not None

    def start(self, first_look_ms: int | None = None) -> None:
        if not self.active:
            return
        self._first.start(self.FIRST_LOOK_MS if first_look_ms is None else first_look_ms)
        self._timer.start()

    def stop(self) -> None:
        """No more backups; one under way is stopped (it leaves no file behind)."""
        self._first.stop()
        self._timer.stop()
        if self.operation is not None:
            self.operation.cancel()

    def look(self) -> operations.Operation | None:
        """Start the automatic backup if it is due and the kiosk idle; returns it."""
        now = self.clock()
        if self.operation is not None or not self.active or not self.is_idle():
            return None
        if self._not_before is not None and now < self._not_before:
            return None
        if not backup.automatic_due(self.station.config, now):
            return None
        db, config = self.station.db, self.station.config
        operation = operations.run(lambda progress: backup.create_automatic(
            db, config, progress=progress, now=now))
        self.operation = operation
        operation.succeeded.connect(self._succeeded)
        operation.failed.connect(self._failed)
        operation.finished.connect(self._finished)
        return operation

    def _succeeded(self, made: backup.BackupFile) -> None:
        self._not_before = None
        self.station.set_problem(PROBLEM_KEY, None)
        log.info("automatic backup %s (%d bytes)", made.path.name, made.size)
        self.backed_up.emit(made)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, operations.Cancelled):
            return  # the kiosk is closing
        self._not_before = self.clock() + self.RETRY_AFTER
        if isinstance(exc, backup.BackupError):
            why = str(exc)
            log.warning("automatic backup failed: %s", why)
        else:
            why = f"{type(exc).__name__}: {exc}"
            log.error("automatic backup failed", exc_info=exc)
        text = self.tr("The automatic backup at %1 failed: %2").replace(
            "%1", f"{self.clock():%H:%M %d/%m/%Y}").replace("%2", why)
        self.station.set_problem(PROBLEM_KEY, text)
        self.backup_failed.emit(text)

    def _finished(self) -> None:
        self.operation = None
