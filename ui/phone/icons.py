"""Icons for the practice phone, made once and kept.

qtawesome is imported on first use, not when the phone module loads: importing it costs a
quarter of a second, which the kiosk's first screen must not wait for. Pixmaps are cached
by name, colour and size, so showing a screen again draws no icon twice.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap


@cache
def _qtawesome():
    import qtawesome

    return qtawesome


@cache
def icon(name: str, color: str) -> QIcon | None:
    """The named qtawesome icon in `color`, or None when the name does not exist (the
    lesson check only validates the form of the name; a typo must not break a lesson)."""
    try:
        return _qtawesome().icon(name, color=color)
    except Exception:  # qtawesome raises a bare Exception for an unknown name
        return None


@cache
def pixmap(name: str, color: str, size: int) -> QPixmap:
    """The icon drawn at `size` pixels; an empty pixmap of that size if it is unknown."""
    found = icon(name, color)
    if found is None:
        empty = QPixmap(size, size)
        empty.fill(Qt.GlobalColor.transparent)
        return empty
    return found.pixmap(size, size)


def exists(name: str) -> bool:
    return icon(name, "#000000") is not None
