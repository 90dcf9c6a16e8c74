"""The kiosk's modes as explicit state: who is using it decides what it shows and allows.

Kiosk is the resident at the touch screen; staff is the console (and its PIN pad);
presenter is a group session on the projector (ui.presenter). Whoever changes the mode
goes through `ModeManager.enter`, and anything that cares listens to `entered`/`left`
instead of checking flags: the idle timeout (ui.main_window) watches in kiosk and staff
mode, never in presenter mode; an unexpected error (ui.crash) signs staff out and returns
residents to the welcome screen, but leaves a group session on the wall.
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
