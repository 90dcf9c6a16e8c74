"""What a presentation clicker and a learner-card scanner type, turned into actions.

A clicker is a keyboard with a few keys: PageDown / PageUp (most of them), the arrows or
Space (some), B or "." for a black screen, Esc, F5. A USB card scanner is a keyboard too:
it types the learner code and Enter within a few milliseconds. Both must work whichever
presenter window or widget has the focus, so one filter on the application reads the keys
meant for the presenter windows before any widget does.

While the team member types in a field (a name in the roster's search box), the field
keeps its letters, Space and arrows; the clicker's PageDown, PageUp and "." still work.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.residents import CODE_ALPHABET, CODE_LENGTH


class Action(enum.Enum):
    NEXT = "next"
    BACK = "back"
    BLACK = "black"  # toggle the black screen
    ESCAPE = "escape"  # leave the black screen, else back to the control view
    TOGGLE_VIEW = "toggle_view"  # one screen: audience <-> control
    SCROLL_UP = "scroll_up"
    SCROLL_DOWN = "scroll_down"


K = Qt.Key
KEYS = {
    K.Key_PageDown: Action.NEXT, K.Key_Right: Action.NEXT, K.Key_Space: Action.NEXT,
    K.Key_PageUp: Action.BACK, K.Key_Left: Action.BACK,
    K.Key_B: Action.BLACK, K.Key_Period: Action.BLACK,
    K.Key_Escape: Action.ESCAPE, K.Key_F5: Action.TOGGLE_VIEW,
    K.Key_Up: Action.SCROLL_UP, K.Key_Down: Action.SCROLL_DOWN,
}
# Keys that act even while a field has the focus: no field needs them.
WHILE_TYPING = {K.Key_PageDown, K.Key_PageUp, K.Key_Period, K.Key_F5}
# A scanner types a whole code within this; a person typing is slower.
SCAN_GAP_SECONDS = 0.5

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


def typing_in_field(receiver: QObject | None = None) -> bool:
    """Whether the key goes to a field (the one it is sent to, or the focused one)."""
    return isinstance(receiver, _TEXT_INPUTS) or isinstance(QApplication.focusWidget(),
                                                            _TEXT_INPUTS)


class ClickerKeys(QObject):
    """Install with `QApplication.instance().installEventFilter(keys)`; `windows` says
    which top-level windows are the presenter's."""

    action = Signal(object)  # Action
    scanned = Signal(str)  # a learner code

    def __init__(self, windows: Callable[[], Iterable[QWidget]],
                 black: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._windows = windows
        self._black = black
        self._buffer = ""
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() not in list(self._windows()):
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                | Qt.KeyboardModifier.AltModifier
                                | Qt.KeyboardModifier.MetaModifier):
            return False
        return self.handle(event, typing_in_field(watched))

    def handle(self, event: QKeyEvent, typing: bool) -> bool:
        key = event.key()
        if key == K.Key_Escape and self._black():
            self.action.emit(Action.ESCAPE)
            return True
        if typing and key not in WHILE_TYPING:
            return False
        if self._scan(event):
            return True
        action = KEYS.get(key)
        if action is None:
            return False
        if not event.isAutoRepeat() or action in (Action.SCROLL_UP, Action.SCROLL_DOWN):
            self.action.emit(action)
        return True

    def _scan(self, event: QKeyEvent) -> bool:
        """Collect a scanner's code; True when the key was part of one."""
        now = time.monotonic()
        if now - self._last > SCAN_GAP_SECONDS:
            self._buffer = ""
        self._last = now
        text = event.text().upper()
        if event.key() in (K.Key_Return, K.Key_Enter):
            code, self._buffer = self._buffer, ""
            if len(code) == CODE_LENGTH:
                self.scanned.emit(code)
                return True
            return False
        if len(text) == 1 and text in CODE_ALPHABET:
            self._buffer = (self._buffer + text)[-CODE_LENGTH:]
            return True
        # A code may be printed and scanned as "ACD-34E".
        return text in ("-", " ") and bool(self._buffer)
