"""What an element builder gets to work with while one screen is being built."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QLineEdit, QWidget

from ui.phone.style import PhoneColors, PhoneStyle


class BuildContext(Protocol):
    phone_style: PhoneStyle
    colors: PhoneColors

    def register(self, element_id: str, widget: QWidget) -> None:
        """Make `widget` the target of `element_id`; a Tappable's taps are passed on."""

    def add_field(self, field_id: str, edit: QLineEdit) -> None:
        """Make `edit` the practice field `field_id` (and its target)."""

