"""The five basic digital skills of the national list for community digital teams.

The titles are content, like lesson text: Vietnamese, in the words of the national list.
"""

from __future__ import annotations

import enum


class Skill(enum.StrEnum):
    PUBLIC_SERVICES = "public_services"
    SHOPPING = "shopping"
    PAYMENT = "payment"
    SAFETY = "safety"
    PLATFORMS = "platforms"

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def icon(self) -> str:
        """A Font Awesome name for the skill's tile."""
        return _ICONS[self]


_TITLES = {
    Skill.PUBLIC_SERVICES: "Sử dụng dịch vụ công trực tuyến",
    Skill.SHOPPING: "Mua sắm trực tuyến",
    Skill.PAYMENT: "Thanh toán trực tuyến",
    Skill.SAFETY: "Tự bảo vệ mình trên không gian mạng",
    Skill.PLATFORMS: "Sử dụng các nền tảng số khác",
}
_ICONS = {
    Skill.PUBLIC_SERVICES: "fa5s.landmark",
    Skill.SHOPPING: "fa5s.shopping-basket",
    Skill.PAYMENT: "fa5s.qrcode",
    Skill.SAFETY: "fa5s.shield-alt",
    Skill.PLATFORMS: "fa5s.id-card",
}
