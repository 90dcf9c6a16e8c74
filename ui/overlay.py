"""A calm full-window layer over the kiosk's screens, for the few messages that must be
seen whatever screen is on: "are you still there?" and "something went wrong".

It is a child of the window, not a dialog: no second top-level window for a window
manager to stack under a full-screen kiosk, no nested event loop, and only ever one of
each (showing it again while it is up changes its text, it never stacks a copy).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.screens.base import label
from ui.theme import set_role


class Overlay(QWidget):
    """Covers its window (following its size) while shown; a column of text in the middle."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        set_role(self, "screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 40, 80, 40)
        outer.addStretch(1)
        self.column = QVBoxLayout()
        self.column.setSpacing(24)
        outer.addLayout(self.column)
        outer.addStretch(1)
        self.hide()
        window.installEventFilter(self)

    def centred(self, role: str, text: str = ""):
        widget = label(text, role)
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(widget)
        return widget

    def pop_up(self) -> None:
        """Show over everything in the window (again at the top if already shown)."""
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        return False
