"""Kiosk mode's lock-down: nobody at the touch screen can close the kiosk.

With the `fullscreen` setting on (the default), the window is frameless, full screen and
kept on top, and:
- the closing keys (Alt+F4, Ctrl+F4, Ctrl+W, Ctrl+Q and the platform's Close/Quit keys)
  are swallowed before any widget or shortcut sees them;
- a close request from outside (the window manager, a close button, Alt+F4 handled by the
  system) is ignored for every top-level window of the kiosk, the presenter's too;
- the one way out is the staff console's "Đóng Trạm" (behind the PIN), which calls
  `allow_quit()` first.
Closing from the kiosk's own code (a presenter window it opened) still works: only
spontaneous close events, the ones that come from outside, are refused.

SIGTERM (a system shutdown, `systemctl stop`) and SIGINT still quit cleanly, through
`quit_on_signals`. With `fullscreen = false` (development, tests) nothing is locked.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

log = logging.getLogger(__name__)

_K = Qt.Key
_M = Qt.KeyboardModifier
_MODIFIERS = _M.ControlModifier | _M.AltModifier | _M.ShiftModifier | _M.MetaModifier
CLOSING_KEYS = frozenset({
    (_K.Key_F4.value, _M.AltModifier), (_K.Key_F4.value, _M.ControlModifier),
    (_K.Key_W.value, _M.ControlModifier), (_K.Key_Q.value, _M.ControlModifier),
})


def is_closing_key(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & _MODIFIERS
    if (event.key(), modifiers) in CLOSING_KEYS:
        return True
    return event.matches(QKeySequence.StandardKey.Close) or \
        event.matches(QKeySequence.StandardKey.Quit)


class LockDown(QObject):
    """Refuses closing keys and outside close requests while `locked`, until
    `allow_quit()`."""

    def __init__(self, locked: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locked = locked
        self.quitting = False
        if locked:
            QCoreApplication.instance().installEventFilter(self)

    def allows_close(self) -> bool:
        return not self.locked or self.quitting

    def allow_quit(self) -> None:
        """Staff chose to close the kiosk, or the system is shutting down."""
        self.quitting = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the kiosk passes here: the class test first, as it is far cheaper
        # than event.type() (which makes a Python enum each time).
        if not isinstance(event, (QKeyEvent, QCloseEvent)):
            return False
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            if not self.quitting and is_closing_key(event):
                # Accepting the override keeps a shortcut on these keys from firing; the
                # key press itself then goes nowhere.
                event.accept()
                return True
        elif kind == QEvent.Type.Close and event.spontaneous() and not self.quitting \
                and isinstance(watched, QWidget) and watched.isWindow() \
                and not isinstance(watched, QDialog):
            log.info("close request for %s refused (kiosk mode)", type(watched).__name__)
            event.ignore()
            return True
        return False


def quit_on_signals(app: QCoreApplication, before_quit: Callable[[], None],
                    signals: tuple[int, ...] = (signal.SIGTERM, signal.SIGINT)) -> QTimer:
    """Quit cleanly on SIGTERM/SIGINT: `before_quit` (lifting the lock-down), then
    `app.quit()` from the event loop, so the print queue and database close properly.

    Python runs a signal handler only when it next runs Python code; the returned timer
    (parented to the app) wakes it four times a second while Qt waits for events."""

    def handle(signum: int, _frame) -> None:
        log.info("signal %s: the kiosk quits", signal.Signals(signum).name)

        def leave() -> None:
            before_quit()
            app.quit()

        QTimer.singleShot(0, leave)

    for number in signals:
        signal.signal(number, handle)
    wake = QTimer(app)
    wake.setObjectName("signal_wake_up")
    wake.timeout.connect(lambda: None)
    wake.start(250)
    return wake
