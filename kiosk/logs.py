"""The kiosk's log files, kept in the user log folder (setting `log_dir`).

`kiosk.log` holds what the kiosk did and every unexpected error with its traceback; it
rotates at 1 MB and keeps five old files, so a kiosk left alone for years never fills its
disk. `hard-crashes.log` is written by faulthandler when the process dies in a way Python
cannot catch (a crash inside Qt, a fatal signal): it is a separate file, kept open for the
whole run, because rotating the main log would leave faulthandler writing to a renamed file.

Only ids and learner codes go into the log, never a resident's name, phone or birth year:
callers log `resident %s` with the id, and tracebacks carry code, not the screen's text.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import sys
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from kiosk import paths

LOG_FILE = "kiosk.log"
HARD_CRASH_FILE = "hard-crashes.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
# The hard-crash file only grows when the process dies; start it again past this size.
HARD_CRASH_MAX_BYTES = 1_000_000
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger(__name__)


def default_log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(paths.APP_NAME, appauthor=False)


@dataclass
class LogFiles:
    """What `setup` opened; `close` undoes it (tests, or a second start in one process)."""

    folder: Path
    handler: logging.Handler | None
    hard_crashes: TextIO | None
    previous_level: int = logging.WARNING
    console: logging.Handler | None = None

    @property
    def log_file(self) -> Path:
        return self.folder / LOG_FILE

    def close(self) -> None:
        root = logging.getLogger()
        root.setLevel(self.previous_level)
        for handler in (self.handler, self.console):
            if handler is not None:
                root.removeHandler(handler)
                handler.close()
        self.handler = self.console = None
        if self.hard_crashes is not None:
            faulthandler.disable()
            self.hard_crashes.close()
            self.hard_crashes = None


def setup(folder: Path | None = None, *, level: int = logging.INFO,
          hard_crashes: bool = True) -> LogFiles:
    """Send the kiosk's log to a rotating file in `folder` and (`hard_crashes`) turn
    faulthandler on.

    Never raises: a folder that cannot be written leaves the log on standard error (and
    says so there), since a kiosk must start even with a read-only or full disk."""
    folder = Path(folder) if folder is not None else default_log_dir()
    root = logging.getLogger()
    previous_level = root.level
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler | None = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        print(f"Không ghi được nhật ký vào {folder}: {exc}", file=sys.stderr)
        handler = None
    else:
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    console = None
    if sys.stderr is not None:  # warnings and errors on the terminal too (none when windowed)
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(console)
    if not hard_crashes:
        log.info("log folder %s", folder)
        return LogFiles(folder, handler, None, previous_level, console)
    crash_stream = None
    try:
        crash_file = folder / HARD_CRASH_FILE
        if crash_file.exists() and crash_file.stat().st_size > HARD_CRASH_MAX_BYTES:
            crash_file.unlink()
        crash_stream = open(crash_file, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
        faulthandler.enable(crash_stream, all_threads=True)
    except OSError as exc:
        log.warning("faulthandler has no file in %s (%s); it writes to stderr", folder, exc)
        if crash_stream is not None:
            crash_stream.close()
            crash_stream = None
        with contextlib.suppress(RuntimeError, ValueError, AttributeError):
            faulthandler.enable(all_threads=True)  # no stderr at all (a windowed start)
    log.info("log folder %s", folder)
    return LogFiles(folder, handler, crash_stream, previous_level, console)
