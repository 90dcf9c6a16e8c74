"""A stack of pages sized by the page on show alone."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget


class CurrentPageStack(QStackedWidget):
    """Pages that take only the room the page on show needs.

    QStackedWidget asks every page for its size and height-for-width, so one tall page (the
    khóm/ấp list, a page with the on-screen keyboard) would make every other page as tall
    and squeeze it on a 720-pixel screen.
    """

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _: self.updateGeometry())

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page else super().minimumSizeHint()
