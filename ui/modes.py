"""The kiosk's modes as explicit state: who is using it decides what it shows and allows.

Only the resident mode exists in full yet; presenter and staff modes come with their
features. Whoever changes the mode goes through `ModeManager.enter`, and anything that
cares (idle timer, lock-down) listens to `entered`/`left` instead of checking flags.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, Signal


class Mode(enum.Enum):
    KIOSK = "kiosk"  # a resident at the touch screen
    PRESENTER = "presenter"  # a team member with a projector
    STAFF = "staff"  # commune staff at the console


class ModeManager(QObject):
    entered = Signal(object)  # Mode
    left = Signal(object)  # Mode

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = Mode.KIOSK

    def enter(self, mode: Mode) -> None:
        if mode is self.mode:
            return
        old, self.mode = self.mode, mode
        self.left.emit(old)
        self.entered.emit(mode)
