"""The parts of the phone that are not the app: the status bar and the app's header bar.

The status bar is painted (time, signal, Wi-Fi, battery) rather than built from widgets:
it is the same on every screen and a screen change must stay cheap.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QWidget

from ui.phone import icons
from ui.phone.boxes import Tappable
from ui.phone.label import text_label
from ui.phone.style import BASE_TEXT, MIN_TARGET, PhoneColors, PhoneStyle
from ui.theme import FONT_FAMILY

# The time every practice phone shows: the one on Apple's and Google's product shots.
CLOCK = "09:41"


class StatusBar(QWidget):
    """Time, signal, Wi-Fi and battery in the colours of the screen under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self._font = QFont(FONT_FAMILY)
        self._font.setPixelSize(BASE_TEXT)
        self._font.setBold(True)
        self.setFixedHeight(BASE_TEXT + 10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._background = QColor("#000000")
        self._foreground = QColor("#FFFFFF")

    def set_colors(self, background: str, foreground: str) -> None:
        self._background, self._foreground = QColor(background), QColor(foreground)
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self._background)
        painter.setPen(self._foreground)
        painter.setFont(self._font)
        height = self.height()
        painter.drawText(self.rect().adjusted(14, 0, 0, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, CLOCK)
        unit = height / 32  # drawn for a 32-px bar, scaled
        right = self.width() - 12
        self._battery(painter, right - 26 * unit, height / 2, unit)
        self._wifi(painter, right - 50 * unit, height / 2, unit)
        self._signal(painter, right - 80 * unit, height / 2, unit)

    def _battery(self, painter: QPainter, x: float, mid: float, unit: float) -> None:
        body = QRectF(x, mid - 6 * unit, 22 * unit, 12 * unit)
        painter.setPen(QPen(self._foreground, 1.5 * unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(body, 3 * unit, 3 * unit)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._foreground)
        painter.drawRect(QRectF(body.right() + unit, mid - 2.5 * unit, 2 * unit, 5 * unit))
        painter.drawRoundedRect(body.adjusted(2.5 * unit, 2.5 * unit, -6 * unit, -2.5 * unit),
                                unit, unit)

    def _wifi(self, painter: QPainter, x: float, mid: float, unit: float) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self._foreground, 2 * unit, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        cx, base = x + 9 * unit, mid + 6 * unit
        for radius in (4, 8, 12):
            r = radius * unit
            painter.drawArc(QRectF(cx - r, base - r, 2 * r, 2 * r), 50 * 16, 80 * 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._foreground)
        painter.drawEllipse(QRectF(cx - 1.5 * unit, base - 2 * unit, 3 * unit, 3 * unit))

    def _signal(self, painter: QPainter, x: float, mid: float, unit: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._foreground)
        for i in range(4):
            bar = (4 + 3 * i) * unit
            painter.drawRoundedRect(QRectF(x + i * 5 * unit, mid + 6 * unit - bar, 3.5 * unit,
                                           bar), unit, unit)


def build_header(title: str, back: bool, style: PhoneStyle, colors: PhoneColors,
                 parent: QWidget) -> tuple[QFrame, Tappable | None]:
    """The app's header bar: a back arrow (id "back") when asked for, and the title."""
    header = QFrame(parent)
    header.setObjectName("phone_header")
    row = QHBoxLayout(header)
    row.setContentsMargins(2 if back else 14, 2, 10, 2)
    row.setSpacing(4)
    back_button = None
    if back:
        back_button = Tappable("back", "back", header, margins=(0, 0, 0, 0), spacing=0)
        back_button.setAccessibleName(QCoreApplication.translate("PracticePhone", "Back"))
        row.addWidget(back_button, 0, Qt.AlignmentFlag.AlignVCenter)
        back_button.content.addStretch(1)
        back_button.add_icon(icons.pixmap("fa5s.arrow-left", colors.on_primary, style.px(24)))
        back_button.content.addStretch(1)
    label = text_label(title, None, header,
                       align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.setObjectName("phone_header_title")
    row.addWidget(label, 1)
    header.setMinimumHeight(MIN_TARGET + 8)
    return header, back_button
