"""The first screen a resident sees. It is shown before the database is open, so it
imports nothing heavy: no ORM, no icon font.

Staff open their sign-in from here without a keyboard by a gesture on the commune's name
or the title: holding a finger on it for three seconds, or tapping it five times within
three seconds. Nothing on the screen shows or answers it, so residents are not invited in.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.screens.base import Screen, button, label


class StaffGesture(QObject):
    """Watches widgets for a long hold or quick taps; emits `triggered` once for either."""

    triggered = Signal()
    HOLD_MS = 3000
    TAPS = 5
    TAP_WINDOW_S = 3.0

    def __init__(self, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self._taps: deque[float] = deque(maxlen=self.TAPS)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(self.HOLD_MS)
        self._hold.timeout.connect(self._held)

    @property
    def hold_ms(self) -> int:
        return self._hold.interval()

    @hold_ms.setter
    def hold_ms(self, value: int) -> None:
        self._hold.setInterval(value)

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._hold.start()
            now = self.clock()
            self._taps.append(now)
            if len(self._taps) == self.TAPS and now - self._taps[0] <= self.TAP_WINDOW_S:
                self._fire()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave, QEvent.Type.Hide):
            self._hold.stop()
        return False  # residents' touches go on as if nothing watched them

    def _held(self) -> None:
        self._fire()

    def _fire(self) -> None:
        self._hold.stop()
        self._taps.clear()
        self.triggered.emit()


class WelcomeScreen(Screen):
    new_resident = Signal()
    returning_resident = Signal()
    staff_requested = Signal()  # the hidden gesture: open the staff sign-in

    def __init__(self, commune: str, province: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commune = label(f"{commune} · {province}", "muted", wrap=False)
        self.top.addWidget(self.commune)
        self.top.addStretch(1)

        self.body.addStretch(2)
        hero = label(self.tr("Digital Skills Station"), "hero")
        hero.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lead = label(self.tr("Learn to use your phone safely, one small step at a time."),
                     "lead")
        lead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(hero)
        self.body.addWidget(lead)
        self.body.addStretch(1)

        row = QHBoxLayout()
        row.setSpacing(40)
        self.new_button = button(self.tr("I am new here"), "primary", "start_new",
                                 scale="big")
        self.returning_button = button(self.tr("I have studied here before"), None,
                                       "start_returning", scale="big")
        for widget in (self.new_button, self.returning_button):
            widget.setEnabled(False)  # until the database and lessons are ready
            row.addWidget(widget, 1)
        self.body.addLayout(row)
        self.status = label(self.tr("Getting ready…"), "muted")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.status)
        self.body.addStretch(2)

        self.new_button.clicked.connect(self.new_resident)
        self.returning_button.clicked.connect(self.returning_resident)
        self.staff_gesture = StaffGesture(self)
        self.hero = hero
        for widget in (self.commune, hero):
            self.staff_gesture.watch(widget)
        self.staff_gesture.triggered.connect(self.staff_requested)

    def set_ready(self, ready: bool, message: str = "") -> None:
        self.new_button.setEnabled(ready)
        self.returning_button.setEnabled(ready)
        self.status.setText(message)
