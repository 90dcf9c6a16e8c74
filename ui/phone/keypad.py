"""The PIN/OTP pad: a row of dots over ten digit keys and a delete key.

Keys are targets of their own, named "<keypad id>:<digit>" and "<keypad id>:back" (see
kiosk.lessons.screens.keypad_key_ids), so a step can ask for one key and the phone reports
every key touched. The pad keeps only how many digits were typed, to fill the dots; the
digits themselves are never kept.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.lessons.screens import KEYPAD_BACK, KeypadElement
from ui.phone import icons
from ui.phone.boxes import Panel, Tappable, sharp_pixmap
from ui.phone.context import BuildContext
from ui.phone.label import text_label
from ui.theme import FONT_FAMILY

# The digits as on a phone's pad; None is the empty corner left of 0.
_LAYOUT = ("1", "2", "3", "4", "5", "6", "7", "8", "9", None, "0", KEYPAD_BACK)


class Dots(QWidget):
    """One circle per digit of the code, filled as digits are typed."""

    def __init__(self, length: int, color: str, size: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("keypad_dots")
        self.length = length
        self.filled = 0
        self._color = QColor(color)
        self._size = size
        self.setFixedHeight(size + 8)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def sizeHint(self) -> QSize:
        return QSize(self.length * self._size * 2, self._size + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.length * (self._size + 6), self._size + 8)

    def set_filled(self, filled: int) -> None:
        self.filled = filled
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._color, 2))
        step = min(self._size * 2, (self.width() - 4) / self.length)
        left = (self.width() - step * self.length) / 2 + (step - self._size) / 2
        for i in range(self.length):
            painter.setBrush(self._color if i < self.filled else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(left + i * step, 4, self._size, self._size))


@cache
def digit_pixmap(digit: str, color: str, pixels: int) -> QPixmap:
    """A key's digit, drawn once: ten labels per pad were a third of its build time."""
    font = QFont(FONT_FAMILY)
    font.setPixelSize(pixels)
    font.setBold(True)
    metrics = QFontMetrics(font)
    pixmap = sharp_pixmap(metrics.horizontalAdvance(digit) + 2, metrics.height())
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(QRectF(QPointF(0, 0), pixmap.deviceIndependentSize()),
                     Qt.AlignmentFlag.AlignCenter, digit)
    painter.end()
    return pixmap


class Keypad(Panel):
    def __init__(self, element: KeypadElement, ctx: BuildContext, parent: QWidget) -> None:
        super().__init__("plain", parent, vertical=True, margins=(8, 4, 8, 6), spacing=4)
        self.setObjectName(element.id)
        self.length = element.length
        if element.label:
            self.content.addWidget(text_label(element.label, "strong", self,
                                              align=Qt.AlignmentFlag.AlignCenter))
        self.dots = Dots(element.length, ctx.colors.text, ctx.phone_style.px(16), self)
        self.content.addWidget(self.dots)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.content.addLayout(grid)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for i, name in enumerate(_LAYOUT):
            if name is None:
                continue
            key = Tappable(f"{element.id}:{name}", "key", self, margins=(0, 0, 0, 0))
            grid.addWidget(key, i // 3, i % 3)
            key.content.addStretch(1)
            if name == KEYPAD_BACK:
                key.setAccessibleName(QCoreApplication.translate("PracticePhone", "Delete"))
                key.add_icon(icons.pixmap("fa5s.backspace", ctx.colors.text,
                                          ctx.phone_style.px(26)))
                key.tapped.connect(self._delete)
            else:
                key.setAccessibleName(name)
                key.add_icon(digit_pixmap(name, ctx.colors.text, ctx.phone_style.title))
                key.tapped.connect(self._digit)
            key.content.addStretch(1)
            ctx.register(key.element_id, key)
        ctx.register(element.id, self)

    @property
    def typed(self) -> int:
        """How many digits are in the dots (the digits themselves are not kept)."""
        return self.dots.filled

    def _digit(self, _key_id: str) -> None:
        self.dots.set_filled(min(self.length, self.dots.filled + 1))

    def _delete(self, _key_id: str) -> None:
        self.dots.set_filled(max(0, self.dots.filled - 1))


def build_keypad(element: KeypadElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    return Keypad(element, ctx, parent)
