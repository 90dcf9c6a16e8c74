"""An unexpected exception never ends the kiosk.

`CrashHandler.install()` takes over `sys.excepthook` (PySide6 sends exceptions raised in
slots and event handlers there) and `threading.excepthook`. Each exception is logged with
its traceback (kiosk.logs puts the log in a rotating file), then `crashed` is emitted on
the UI thread so the window can show a calm message and go back to the welcome screen.

A storm (the same error raised by every repaint, or a recovery that fails again) must
neither fill the log nor stack messages: the same error within a minute is counted (one
line at 10, 100, 1000... repeats), not logged again, and `crashed` is emitted at most once
per turn of the event loop and at most `STORM_LIMIT` times in `STORM_WINDOW_S`; past that
the errors are only logged.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ui.overlay import Overlay
from ui.screens.base import button

log = logging.getLogger("kiosk.crash")

REPEAT_WINDOW_S = 60.0
STORM_WINDOW_S = 10.0
STORM_LIMIT = 3
# How long the message stays if nobody touches OK.
NOTICE_SECONDS = 12

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@dataclass
class _Seen:
    logged_at: float
    repeats: int = 0


class CrashLog:
    """Logs an exception with its traceback, once a minute at most for the same one."""

    def __init__(self, logger: logging.Logger = log,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._logger = logger
        self._clock = clock
        self._seen: dict[tuple, _Seen] = {}

    @staticmethod
    def key(exc_info: ExcInfo) -> tuple:
        exc_type, _exc, tb = exc_info
        frames = traceback.extract_tb(tb)
        where = (frames[-1].filename, frames[-1].lineno) if frames else ("", 0)
        return (exc_type.__module__, exc_type.__qualname__, *where)

    def record(self, exc_info: ExcInfo, where: str) -> bool:
        """Log it; False when it only counted a repeat."""
        key, now = self.key(exc_info), self._clock()
        seen = self._seen.get(key)
        if seen is not None and now - seen.logged_at < REPEAT_WINDOW_S:
            seen.repeats += 1
            if seen.repeats in (10, 100, 1000, 10_000):  # a storm still shows in the log
                self._logger.error("the same error again %s: %d more time(s) so far",
                                   where, seen.repeats)
            return False
        if seen is not None and seen.repeats:
            self._logger.error("the next error happened %d more time(s) in the minute "
                               "after it was last logged", seen.repeats)
        if len(self._seen) > 100:
            self._seen.clear()
        self._seen[key] = _Seen(now)
        self._logger.error("unexpected error %s", where, exc_info=exc_info)
        return True


class CrashHandler(QObject):
    """Install once at start (ui.app.run); `crashed` tells the window to recover."""

    crashed = Signal()
    _from_thread = Signal()

    def __init__(self, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self.log = CrashLog(clock=clock)
        self.count = 0  # exceptions seen, for tests and the log
        self._recent: list[float] = []
        self._pending = False
        self._previous: tuple | None = None
        self._from_thread.connect(self._react, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        if self._previous is None:
            return
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous[0]
        if threading.excepthook == self._thread_excepthook:
            threading.excepthook = self._previous[1]
        self._previous = None

    def _excepthook(self, exc_type, exc, tb) -> None:
        self._handle((exc_type, exc, tb), "on the screen")

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self._handle((args.exc_type, args.exc_value, args.exc_traceback),
                     f"in thread {name}")

    def _handle(self, exc_info: ExcInfo, where: str) -> None:
        if issubclass(exc_info[0], KeyboardInterrupt):
            sys.__excepthook__(*exc_info)
            return
        try:
            self.count += 1
            self.log.record(exc_info, where)
            if threading.current_thread() is threading.main_thread():
                self._react()
            else:
                self._from_thread.emit()
        except Exception:  # the handler itself must never be what kills the kiosk
            sys.__excepthook__(*exc_info)

    @property
    def in_storm(self) -> bool:
        now = self._clock()
        self._recent = [t for t in self._recent if now - t < STORM_WINDOW_S]
        return len(self._recent) >= STORM_LIMIT

    def _react(self) -> None:
        # Later, from the event loop: the exception may have come from deep inside a
        # widget being painted or destroyed, no place to change screens.
        if self._pending or self.in_storm:
            return
        self._pending = True
        QTimer.singleShot(0, self, self._emit)

    def _emit(self) -> None:
        self._pending = False
        self._recent.append(self._clock())
        self.crashed.emit()


class CrashNotice(Overlay):
    """The calm message; it closes itself after a few seconds. One at a time."""

    def __init__(self, window: QWidget, seconds: int = NOTICE_SECONDS) -> None:
        super().__init__(window)
        self.setObjectName("crash_notice")
        self.message = self.centred("title")
        self.message.setObjectName("crash_message")
        self.centred("muted", self.tr("This message closes by itself."))
        ok = button(self.tr("OK"), "primary", "crash_ok", scale="big")
        ok.clicked.connect(self.hide)
        self.column.addWidget(ok)
        self.ok = ok
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(seconds * 1000)
        self._timer.timeout.connect(self.hide)

    def show_message(self, audience: str) -> None:
        """`audience`: "resident", "staff" (signed out) or "presenter" (session kept)."""
        if audience == "staff":
            text = self.tr("Something small went wrong. The kiosk is going back to the "
                           "welcome screen; everything saved is kept. Please sign in again "
                           "to go on.")
        elif audience == "presenter":
            text = self.tr("Something small went wrong. The group session stays open; "
                           "everything saved is kept.")
        else:
            text = self.tr("Something small went wrong. The kiosk is going back to the "
                           "welcome screen; what you have learned is saved.")
        self.message.setText(text)
        self._timer.start()
        self.pop_up()
        self.ok.setFocus()
