"""Text on the practice phone: a plain-text label that wraps inside a word when it must.

A phone screen is narrow: "SONGXANH", "dichvucong.gov.vn" or a long name at the "huge"
text size can be wider than a list row. QLabel only wraps between words, so such a word
would be cut at the edge (or push the whole screen wider than the phone). `PhoneLabel`
wraps between words where it can and inside a word where it must, and asks for exactly the
height its lines need, so no line and no diacritic is ever cut.
"""

from __future__ import annotations

from math import ceil

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget


class PhoneLabel(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._heights: dict[int, int] = {}
        self._natural: float | None = None  # the text's width on one line
        self._line = 0.0
        self._drawn: tuple[int, QTextLayout, float] | None = None  # width, lines, height

    def setText(self, text: str) -> None:
        self._forget()
        super().setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._forget()
        super().changeEvent(event)

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:
        self._drawn = None
        super().setAlignment(alignment)

    def _forget(self) -> None:
        self._heights.clear()
        self._natural = None
        self._drawn = None

    def _measure(self) -> float:
        if self._natural is None:
            metrics = QFontMetricsF(self.font())
            self._line = metrics.height()
            lines = self.text().split("\n")
            self._natural = max(metrics.horizontalAdvance(line) for line in lines)
            self._lines = len(lines)
            # About thirty characters a line at most, like QLabel's own guess.
            self._widest = metrics.averageCharWidth() * 30
        return self._natural

    def _layout(self, width: float) -> tuple[QTextLayout, float]:
        option = QTextOption(self.alignment())
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout = QTextLayout(self.text(), self.font())
        layout.setTextOption(option)
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1.0, width))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, height

    def _margins(self) -> tuple[int, int]:
        m = self.contentsMargins()
        return m.left() + m.right(), m.top() + m.bottom()

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            across, down = self._margins()
            inner = width - across
            if self._measure() <= inner and self._lines == 1:
                height = ceil(self._line) + down  # the common case: one short line
            else:
                height = ceil(self._layout(inner)[1]) + down
            self._heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        across, _ = self._margins()
        natural = self._measure()
        width = ceil(min(natural + 1, self._widest)) + across
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # Two letters wide, one line high: the height that goes with a width comes from
        # heightForWidth. (The height at the narrowest width would make a scroll area
        # think its content needs that much.)
        across, down = self._margins()
        self._measure()
        return QSize(ceil(self._line * 2) + across, ceil(self._line) + down)

    def paintEvent(self, event) -> None:
        rect = self.contentsRect()
        if self._drawn is None or self._drawn[0] != rect.width():
            self._drawn = (rect.width(), *self._layout(rect.width()))
        _, layout, height = self._drawn
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        top = float(rect.top())
        if self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top += max(0.0, (rect.height() - height) / 2)
        layout.draw(painter, QPointF(rect.left(), top))


def text_label(text: str, pk: str | None = None, parent: QWidget | None = None, *,
               wrap: bool = True, align: Qt.AlignmentFlag | None = None) -> QLabel:
    """A label for lesson text: plain text (authors may write "<" or "&"), wrapped, and
    transparent to touches so the box under it receives them."""
    if wrap:
        label: QLabel = PhoneLabel(text, parent)
    else:
        label = QLabel(text, parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
    if pk:
        label.setProperty("pk", pk)
    if align is not None:
        label.setAlignment(align)
    return label

