"""Builders for the simple elements: text, button, field, web address, switch, QR code.

Each builder takes the element (a model from kiosk.lessons.screens), the build context and
the parent to build into, and returns one widget; an element with an id registers its
target with the context.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QRectF, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from kiosk.lessons.screens import (
    AddressElement,
    ButtonElement,
    FieldElement,
    QrElement,
    TextElement,
    ToggleElement,
)
from ui.phone import icons
from ui.phone.boxes import Tappable, box
from ui.phone.context import BuildContext
from ui.phone.label import text_label
from ui.phone.style import BORDER

# A digits field takes digits and the spaces people group them with ("0000 000 000").
_DIGITS = QRegularExpression(r"[0-9 ]*")
_TEXT_PK = {"body": None, "title": "title", "small": "small", "warning": "warning"}


def breakable(address: str) -> str:
    """A web address that prefers to wrap after "/", ".", "-": a long look-alike address
    must be read whole, never cut at the phone's edge. The zero-width spaces only change
    where lines break."""
    for char in "/.-?&=_":
        address = address.replace(char, char + "\u200b")
    return address


def build_text(element: TextElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    if element.style != "warning" and not element.id:
        # Inset like the text of a box (its border and margin), so all text lines up.
        label = text_label(element.text, _TEXT_PK[element.style], parent)
        inset = BORDER + 2
        label.setContentsMargins(inset, inset, inset, inset)
        return label
    if element.style == "warning":
        holder = box(element.id, "warning-box", parent, margins=(12, 8, 12, 8))
    else:
        holder = box(element.id, "plain", parent, margins=(2, 2, 2, 2))
    holder.content.addWidget(text_label(element.text, _TEXT_PK[element.style], holder), 1)
    if element.id:
        holder.setAccessibleName(element.text)
        ctx.register(element.id, holder)
    return holder


def build_button(element: ButtonElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    button = Tappable(element.id, element.style, parent, margins=(14, 6, 14, 6), spacing=8)
    button.setAccessibleName(element.text)
    if element.icon:
        color = ctx.colors.on_primary if element.style == "primary" else ctx.colors.link
        size = ctx.phone_style.px(22)
        button.content.addStretch(1)
        button.add_icon(icons.pixmap(element.icon, color, size))
    label = text_label(element.text, "link" if element.style == "link" else None, button,
                       align=Qt.AlignmentFlag.AlignCenter)
    button.content.addWidget(label, 0 if element.icon else 1)
    if element.icon:
        button.content.addStretch(1)
    ctx.register(element.id, button)
    return button


class PracticeField(QLineEdit):
    """A field of a practice screen. What is typed lives only in this widget, which goes
    with the screen; touching it counts as touching its id."""

    tapped = Signal(str)

    def __init__(self, field_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_id = field_id
        self.setObjectName(field_id)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy, no paste

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.tapped.emit(self.field_id)


def build_field(element: FieldElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    holder = QWidget(parent)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    column.addWidget(text_label(element.label, "field-label", holder))
    edit = PracticeField(element.id, holder)
    edit.setAccessibleName(element.label)
    if element.placeholder:
        edit.setPlaceholderText(element.placeholder)
    if element.keyboard == "digits":
        edit.setValidator(QRegularExpressionValidator(_DIGITS, edit))
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    if element.secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setInputMethodHints(edit.inputMethodHints()
                                 | Qt.InputMethodHint.ImhSensitiveData
                                 | Qt.InputMethodHint.ImhNoPredictiveText)
    column.addWidget(edit)
    ctx.add_field(element.id, edit)
    return holder


def build_address(element: AddressElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    bar = box(element.id, "address", parent, margins=(14, 6, 14, 6), spacing=10)
    bar.setAccessibleName(element.url)
    size = ctx.phone_style.px(20)
    if element.secure:
        sign = icons.pixmap("fa5s.lock", ctx.colors.text, size)
    else:
        sign = icons.pixmap("fa5s.exclamation-triangle", ctx.colors.warning, size)
    bar.add_icon(sign)
    column = QVBoxLayout()
    column.setSpacing(0)
    bar.content.addLayout(column, 1)
    if not element.secure:
        column.addWidget(text_label(QCoreApplication.translate("PracticePhone", "Not secure"),
                                    "warning", bar))
    column.addWidget(text_label(breakable(element.url), None, bar))
    if element.id:
        ctx.register(element.id, bar)
    return bar


class Switch(QWidget):
    """The on/off switch drawn on a toggle row; it shows its row's checked state."""

    def __init__(self, button: Tappable, on: str, off: str, knob: str, width: int) -> None:
        super().__init__(button)
        self._button = button
        self._on, self._off, self._knob = QColor(on), QColor(off), QColor(knob)
        self.setFixedSize(width, round(width * 0.58))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        button.toggled.connect(self.update)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        on = self._button.isChecked()
        h, w = self.height(), self.width()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._on if on else self._off)
        painter.drawRoundedRect(QRectF(0, 0, w, h), h / 2, h / 2)
        painter.setBrush(self._knob)
        d = h - 8
        painter.drawEllipse(QRectF(w - d - 4 if on else 4, 4, d, d))


def build_toggle(element: ToggleElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    row = Tappable(element.id, "toggle", parent, margins=(10, 8, 10, 8), spacing=8)
    row.setCheckable(True)
    row.setChecked(element.on)
    row.setAccessibleName(element.label)
    column = QVBoxLayout()
    column.setSpacing(2)
    row.content.addLayout(column, 1)
    column.addWidget(text_label(element.label, None, row))
    if element.detail:
        column.addWidget(text_label(element.detail, "small", row))
    colors = ctx.colors
    knob = "#000000" if colors.high_contrast else "#FFFFFF"
    switch = Switch(row, colors.link, colors.switch_off, knob, ctx.phone_style.px(50))
    row.content.addWidget(switch, 0, Qt.AlignmentFlag.AlignVCenter)
    ctx.register(element.id, row)
    return row


@cache
def qr_image(data: str) -> QImage:
    """The QR code of `data`, one pixel per module (with its quiet zone), made once.

    A fixed mask saves qrcode's search for the best of eight (tens of milliseconds in pure
    Python); any mask gives a valid code.
    """
    import qrcode

    code = qrcode.QRCode(border=2, mask_pattern=0,
                         error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = len(matrix)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    black = QColor("#000000").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, black)
    return image


class QrView(QWidget):
    """A QR code drawn square and sharp, as wide as it may be up to `largest`. It stays
    black on white in high contrast too: a phone must be able to scan it."""

    def __init__(self, data: str, largest: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qr_code")
        self._image = qr_image(data)
        self._largest = largest
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return min(width, self._largest)

    def sizeHint(self) -> QSize:
        return QSize(self._largest, self._largest)

    def minimumSizeHint(self) -> QSize:
        return QSize(96, 96)

    def paintEvent(self, event) -> None:
        side = min(self.width(), self.height(), self._largest)
        modules = self._image.width()
        side -= side % modules  # whole pixels per module: crisp edges
        painter = QPainter(self)
        x = (self.width() - side) // 2
        y = (self.height() - side) // 2
        painter.drawImage(QRectF(x, y, side, side), self._image)


def build_qr(element: QrElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    holder = box(element.id, "card", parent, vertical=True, margins=(12, 12, 12, 12),
                 spacing=8)
    holder.content.addWidget(QrView(element.data, ctx.phone_style.px(220), holder))
    if element.caption:
        holder.content.addWidget(text_label(element.caption, "small", holder,
                                            align=Qt.AlignmentFlag.AlignCenter))
        holder.setAccessibleName(element.caption)
    if element.id:
        ctx.register(element.id, holder)
    return holder
