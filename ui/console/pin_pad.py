"""A big PIN pad for staff at the touch screen: ten digits, Delete and OK, the PIN as dots.

The pad keeps the keyboard focus itself (its keys never take it), so a physical keyboard's
digits, Backspace and Enter work as well as the keys. The PIN is only in memory while it is
typed; `take()` hands it over and empties the pad.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.staff import PIN_MAX_LENGTH, PIN_MIN_LENGTH
from ui.screens.base import button, label

#: Keys are this tall at least (the kiosk's touch minimum is 64 px), and at most the
#: larger size when there is room; each is KEY_WIDTH wide.
KEY_HEIGHT = 72
KEY_MAX_HEIGHT = 100
KEY_WIDTH = 150
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}


class PinPad(QWidget):
    """Emits `submitted(pin)` on OK or Enter once at least PIN_MIN_LENGTH digits are in."""

    submitted = Signal(str)
    changed = Signal()  # a key was pressed (screens restart their idle timer)

    def __init__(self, name: str = "pin", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pin = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.dots = label("", "title", wrap=False)
        self.dots.setObjectName(f"{name}_dots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.dots)
        grid = QGridLayout()
        grid.setSpacing(10)
        layout.addLayout(grid)
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            self._add_key(grid, digit, digit, index // 3, index % 3)
        self._add_key(grid, "delete", self.tr("Delete"), 3, 0)
        self._add_key(grid, "0", "0", 3, 1)
        self._add_key(grid, "ok", self.tr("OK"), 3, 2, role="primary")
        # The style sheet sets the keys' least size; the pad sets their width.
        self.setMinimumWidth(3 * KEY_WIDTH + 2 * grid.spacing())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._refresh()

    def _add_key(self, grid: QGridLayout, key: str, text: str, row: int, column: int,
                 role: str | None = None) -> None:
        widget = button(text, role, f"{self.objectName()}_key_{key}")
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.setMinimumHeight(KEY_HEIGHT)
        widget.setMaximumHeight(KEY_MAX_HEIGHT)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        widget.clicked.connect(lambda _=False, key=key: self.press(key))
        grid.addWidget(widget, row, column)
        self.keys[key] = widget

    def sizeHint(self) -> QSize:
        """Keys of the larger size when there is room (a layout short of room gives the
        least, KEY_HEIGHT)."""
        hint = super().sizeHint()
        key = self.keys["1"].sizeHint().height()
        return QSize(hint.width(), hint.height() + 4 * max(0, KEY_MAX_HEIGHT - key))

    # -- what the pad holds ----------------------------------------------------------------

    @property
    def length(self) -> int:
        return len(self._pin)

    def take(self) -> str:
        """The PIN typed so far; the pad is emptied."""
        pin, self._pin = self._pin, ""
        self._refresh()
        return pin

    def clear(self) -> None:
        self._pin = ""
        self._refresh()

    def press(self, key: str) -> None:
        """What a key does: a digit, "delete" or "ok"."""
        if not self.isEnabled():
            return
        if key == "ok":
            if len(self._pin) >= PIN_MIN_LENGTH:
                self.submitted.emit(self._pin)
        elif key == "delete":
            self._pin = self._pin[:-1]
        elif len(self._pin) < PIN_MAX_LENGTH:
            self._pin += key
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        # A dot per digit; the label keeps its height when empty.
        self.dots.setText(" ".join("●" * len(self._pin)) or " ")
        self.keys["ok"].setEnabled(len(self._pin) >= PIN_MIN_LENGTH)
        self.keys["delete"].setEnabled(bool(self._pin))

    # -- the physical keyboard -------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _DIGIT_KEYS:
            self.press(_DIGIT_KEYS[key])
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.press("delete")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("ok")
        else:
            super().keyPressEvent(event)
