"""What every console page is given: the open station and the staff member signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from kiosk.staff import Permission, StaffUserInfo
from kiosk.station import Station
from ui.modes import ModeManager


@dataclass(frozen=True)
class ConsoleContext:
    station: Station
    user: StaffUserInfo
    # Shows another console page and returns it (None when the role may not see it), so a
    # page can hand over: the resident's page opens the certificates page for them.
    open_page: Callable[[str], QWidget | None] = field(default=lambda key: None,
                                                       compare=False)
    # The kiosk's mode (ui.modes.ModeManager): presenter mode is entered from the console.
    modes: ModeManager | None = field(default=None, compare=False)

    def can(self, permission: Permission) -> bool:
        return self.user.can(permission)

    @property
    def db(self):
        return self.station.db
