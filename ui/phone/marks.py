"""Showing the resident where to look: the glowing outline ("Xem cách làm", or after two
wrong touches) and the marker on a suspicious part they found.

Both are a dynamic property the phone's style sheet draws (`highlight`, `mark`), so the
border only changes colour and nothing moves; the glow is a drop shadow without offset,
and a found part also gets a round badge in its corner.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsDropShadowEffect, QLabel, QLayout, QLineEdit, QWidget


def repolish(widget: QWidget) -> None:
    """Apply a changed dynamic property: the widget and the labels inside it (their colour
    can depend on the box they sit in)."""
    for target in (widget, *widget.findChildren(QLabel)):
        style = target.style()
        style.unpolish(target)
        style.polish(target)
        target.update()


def set_highlight(widget: QWidget, on: bool, color: str, blur: int) -> None:
    widget.setProperty("highlight", on)
    repolish(widget)
    if on:
        glow = QGraphicsDropShadowEffect(widget)
        glow.setOffset(0, 0)
        glow.setBlurRadius(blur)
        glow.setColor(QColor(color))
        widget.setGraphicsEffect(glow)
    else:
        widget.setGraphicsEffect(None)


class Badge(QWidget):
    """A round tick (found) or exclamation mark (shown by the kiosk, not found) in the
    top-right corner of a marked target.

    The target makes room for it (see `set_mark`), so it never covers the target's text.
    """

    def __init__(self, target: QWidget, found: bool, color: str, size: int) -> None:
        super().__init__(target)
        self.setObjectName("mark_badge")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.found = found
        self.color = QColor(color)
        self.setFixedSize(size, size)
        target.installEventFilter(self)
        self._place(target)
        self.show()
        self.raise_()

    def _place(self, target: QWidget) -> None:
        self.move(max(0, target.width() - self.width() - 4), 4)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self._place(watched)
        return False

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self.width()
        painter.setPen(QPen(QColor("#FFFFFF"), max(2, side // 12)))
        painter.setBrush(self.color)
        inset = side / 16
        painter.drawEllipse(QRectF(inset, inset, side - 2 * inset, side - 2 * inset))
        pen = QPen(QColor("#FFFFFF"), max(2.5, side / 9), Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.found:
            path = QPainterPath(QPointF(side * 0.28, side * 0.52))
            path.lineTo(side * 0.44, side * 0.68)
            path.lineTo(side * 0.73, side * 0.34)
            painter.drawPath(path)
        else:
            painter.drawLine(QPointF(side / 2, side * 0.27), QPointF(side / 2, side * 0.58))
            painter.drawPoint(QPointF(side / 2, side * 0.74))


def badge_of(widget: QWidget) -> Badge | None:
    return widget.findChild(Badge, options=Qt.FindChildOption.FindDirectChildrenOnly)


def _make_room(widget: QWidget, extra: int) -> None:
    """Widen the target's right margin by `extra` (0: back to normal) for the badge."""
    layout = getattr(widget, "content", None)
    if isinstance(layout, QLayout):
        base = widget.property("unmarked_margins")
        if base is None:
            m = layout.contentsMargins()
            base = (m.left(), m.top(), m.right(), m.bottom())
            widget.setProperty("unmarked_margins", base)
        left, top, right, bottom = base
        layout.setContentsMargins(left, top, right + extra, bottom)
    elif isinstance(widget, QLineEdit):
        widget.setTextMargins(0, 0, extra, 0)


def set_mark(widget: QWidget, state: str | None, color: str = "", size: int = 0) -> None:
    """`state` is "found", "missed" or None (cleared)."""
    old = badge_of(widget)
    if old is not None:
        widget.removeEventFilter(old)
        old.hide()
        old.setParent(None)
        old.deleteLater()
    widget.setProperty("mark", state)
    repolish(widget)
    _make_room(widget, size if state else 0)
    if state:
        Badge(widget, state == "found", color, size)
