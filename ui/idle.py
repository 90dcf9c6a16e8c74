"""Nobody at the kiosk: warn, then clear what the last person left on screen.

`IdleWatcher` sees every touch, click, key and wheel turn of the application through one
application-wide event filter that only notes the time (no timer is restarted per mouse
move). While it is active, a timer ticking once a second compares that time with the
timeout: `warning_seconds` before the end it emits `warning` (every tick, with the seconds
left) and at the end `expired`. Any input during the warning ends it (`warning_over`)
and is swallowed, so the touch that wakes the kiosk presses nothing underneath.

The window decides when watching makes sense (ui.main_window): a resident anywhere but
the welcome screen, staff at the console; never a group session on the projector.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputEvent
from PySide6.QtWidgets import QWidget

from ui.overlay import Overlay
from ui.screens.base import button

WARNING_SECONDS = 20

_E = QEvent.Type
ACTIVITY = frozenset({
    _E.MouseButtonPress, _E.MouseButtonDblClick, _E.MouseMove, _E.Wheel, _E.KeyPress,
    _E.TouchBegin, _E.TouchUpdate, _E.TabletPress, _E.TabletMove,
})


class IdleWatcher(QObject):
    warning = Signal(int)  # seconds left before `expired`
    warning_over = Signal()  # someone touched the screen, or watching stopped
    expired = Signal()

    def __init__(self, timeout_s: float, warning_s: float = WARNING_SECONDS, *,
                 tick_ms: int = 1000, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._last = clock()
        self.active = False
        self.warning_shown = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.set_timing(timeout_s, warning_s, tick_ms)
        QCoreApplication.instance().installEventFilter(self)

    def set_timing(self, timeout_s: float, warning_s: float = WARNING_SECONDS,
                   tick_ms: int = 1000) -> None:
        """The timeout and the warning before it, in seconds (the warning never takes more
        than half the timeout); how often the timer looks."""
        self.timeout_s = timeout_s
        self.warning_s = min(warning_s, timeout_s / 2)
        self._timer.setInterval(tick_ms)

    def set_active(self, active: bool) -> None:
        """Start watching (the idle time counts from now), or stop and drop any warning."""
        if active == self.active:
            return
        self.active = active
        if active:
            self._last = self._clock()
            self._timer.start()
        else:
            self._timer.stop()
            self._end_warning()

    def idle_seconds(self) -> float:
        return self._clock() - self._last

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Spontaneous only: Qt's own synthetic moves (a widget shown under a still mouse)
        # are not a person. Every event of the kiosk passes here: the class test first,
        # as it is far cheaper than event.type() (which makes a Python enum each time).
        if not isinstance(event, QInputEvent) or event.type() not in ACTIVITY \
                or not event.spontaneous():
            return False
        self._last = self._clock()
        if self.warning_shown:
            self._end_warning()
            return True
        return False

    def _tick(self) -> None:
        left = self.timeout_s - self.idle_seconds()
        if left <= 0:
            self._end_warning()
            self._last = self._clock()  # at most once per timeout, even if nothing changes
            self.expired.emit()
        elif left <= self.warning_s:
            self.warning_shown = True
            self.warning.emit(math.ceil(left))

    def _end_warning(self) -> None:
        if self.warning_shown:
            self.warning_shown = False
            self.warning_over.emit()


class IdleWarning(Overlay):
    """"Are you still there?" over the whole window, with the seconds left."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("idle_warning")
        self.title = self.centred("title")
        self.lead = self.centred("lead", self.tr("Touch the screen to continue."))
        self.seconds = self.centred("hero")
        self.seconds.setObjectName("idle_seconds")
        self.after = self.centred("lead")
        self.button = button("", "primary", "idle_still_here", scale="big")
        self.column.addWidget(self.button)
        # The watcher swallows the touch that ends the warning; a key press on the button
        # (Space, Enter) is the same touch.
        self.button.clicked.connect(self.hide)

    def show_seconds(self, seconds: int, staff: bool) -> None:
        if staff:
            self.title.setText(self.tr("Are you still working?"))
            self.after.setText(self.tr("seconds until the console signs out, to keep "
                                       "residents' records private."))
            self.button.setText(self.tr("I am still working"))
        else:
            self.title.setText(self.tr("Are you still there?"))
            self.after.setText(self.tr("seconds until the kiosk goes back to the welcome "
                                       "screen. What you have learned is saved."))
            self.button.setText(self.tr("I am still learning"))
        self.seconds.setText(str(seconds))
        if not self.isVisible():
            self.pop_up()
            self.button.setFocus()
