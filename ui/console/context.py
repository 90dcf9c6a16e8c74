"""What every console page is given: the open station and the staff member signed in."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.staff import Permission, StaffUserInfo
from kiosk.station import Station


@dataclass(frozen=True)
class ConsoleContext:
    station: Station
    user: StaffUserInfo

    def can(self, permission: Permission) -> bool:
        return self.user.can(permission)

    @property
    def db(self):
        return self.station.db
