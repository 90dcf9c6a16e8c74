"""Touch-screen behaviour shared by every scrolling part of the kiosk.

A touch screen has no wheel, and a scroll bar is a thin target for an older finger: the
content follows a finger that drags it, as on a phone. A touch that moves less than
DRAG_START pixels stays a tap on what it touched; one that moves further scrolls, and
then lifting the finger presses nothing.

(Qt's QScroller does this with gestures, but it holds presses back, loses its target when
a practice screen is rebuilt, and warns; a small event filter is simpler and exact.)
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QFrame,
    QScrollArea,
    QWidget,
)

#: How far a finger moves before a touch becomes a drag.
DRAG_START = 12


class _DragToScroll(QObject):
    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self._start: QPoint | None = None
        self._start_value = 0
        self._dragging = False

    def watch(self, widget: QWidget) -> None:
        """Watch the widget and everything in it (and, through ChildAdded, what comes)."""
        widget.installEventFilter(self)
        for child in widget.findChildren(QWidget):
            child.installEventFilter(self)

    def _nearest_area(self, widget: QObject) -> QAbstractScrollArea | None:
        while widget is not None:
            if isinstance(widget, QAbstractScrollArea) and (
                    widget is self.area or widget.verticalScrollBar().maximum() > 0):
                return widget
            widget = widget.parent()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of every widget in the area passes here: the class tests first, as
        # they are far cheaper than event.type() (which makes a Python enum each time).
        if isinstance(event, QChildEvent):
            if event.type() == QEvent.Type.ChildAdded:
                child = event.child()
                if isinstance(child, QWidget):
                    self.watch(child)
            return False
        if not isinstance(event, QMouseEvent):
            return False
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                        QEvent.Type.MouseButtonRelease):
            return False
        bar = self.area.verticalScrollBar()
        where = event.globalPosition().toPoint()
        if kind == QEvent.Type.MouseButtonPress:
            # A finger on a scrolling area inside this one (the phone in a step) drags
            # that one.
            mine = self._nearest_area(watched) is self.area
            self._start = where if mine else None
            self._start_value, self._dragging = bar.value(), False
            return False
        if self._start is None:
            return False
        moved = where.y() - self._start.y()
        if kind == QEvent.Type.MouseMove:
            if not self._dragging and abs(moved) >= DRAG_START and bar.maximum() > 0:
                self._dragging = True
                if isinstance(watched, QAbstractButton):
                    watched.setDown(False)
            if self._dragging:
                bar.setValue(self._start_value - moved)
                return True
            return False
        # Release: after a drag, the finger lifting presses nothing.
        dragged, self._start, self._dragging = self._dragging, None, False
        if dragged and isinstance(watched, QAbstractButton):
            watched.setDown(False)
        return dragged


def touch_scrolling(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Let a finger drag the area's content up and down."""
    _DragToScroll(area).watch(area.viewport())
    return area


def scroll_area(content: QWidget, name: str | None = None) -> QScrollArea:
    """`content` in a frameless area that scrolls up and down only, by finger too: for a
    list that may outgrow a 720p screen."""
    area = QScrollArea()
    if name:
        area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return touch_scrolling(area)
