"""Builders for messages and calls: an SMS/chat thread and an incoming call.

These are what scams arrive by, so each part a lesson may ask about can carry an id: the
sender line, every bubble, the caller block and the two call buttons.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from kiosk.lessons.screens import CallElement, MessagesElement
from ui.phone import icons
from ui.phone.boxes import Panel, Tappable, box, sharp_pixmap
from ui.phone.context import BuildContext
from ui.phone.elements import breakable
from ui.phone.label import text_label

_CENTER = Qt.AlignmentFlag.AlignCenter


def build_messages(element: MessagesElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    holder = QWidget(parent)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(8)
    sender = box(element.id, "card", holder, margins=(10, 6, 10, 6), spacing=10)
    column.addWidget(sender)
    sender.add_icon(icons.pixmap("fa5s.user-circle", ctx.colors.muted, ctx.phone_style.px(34)))
    sender.content.addWidget(text_label(element.title, "strong", sender), 1)
    if element.id:
        sender.setAccessibleName(element.title)
        ctx.register(element.id, sender)
    for item in element.items:
        mine = item.from_ == "me"
        row = QHBoxLayout()
        row.setSpacing(0)
        column.addLayout(row)
        bubble = box(item.id, "bubble-me" if mine else "bubble-them", holder, vertical=True,
                     margins=(14, 8, 14, 6), spacing=2)
        text = breakable(item.text) if item.link else item.text
        bubble.content.addWidget(text_label(text, "sms-link" if item.link else None, bubble))
        if item.time:
            bubble.content.addWidget(text_label(item.time, "time", bubble,
                                                align=Qt.AlignmentFlag.AlignRight))
        if item.id:
            bubble.setAccessibleName(item.text)
            ctx.register(item.id, bubble)
        # The empty side keeps a bubble from filling the row, as on a real phone.
        gap = QSpacerItem(ctx.phone_style.px(36), 0, QSizePolicy.Policy.Expanding,
                          QSizePolicy.Policy.Minimum)
        if mine:
            row.addSpacerItem(gap)
            row.addWidget(bubble)
        else:
            row.addWidget(bubble)
            row.addSpacerItem(gap)
    return holder


@cache
def round_button(icon_name: str, background: str, foreground: str, size: int) -> QPixmap:
    """A filled circle with an icon in it: the red and green buttons of a call."""
    pixmap = sharp_pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(background))
    painter.drawEllipse(QRectF(0, 0, size, size))
    glyph = icons.pixmap(icon_name, foreground, size // 2)
    room = glyph.deviceIndependentSize()
    painter.drawPixmap(QPointF((size - room.width()) / 2, (size - room.height()) / 2), glyph)
    painter.end()
    return pixmap


def build_call(element: CallElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    """Who is calling; the two buttons are a bottom bar of their own (build_call_buttons)."""
    screen = Panel("call", parent, vertical=True, margins=(8, 12, 8, 10), spacing=6)
    screen.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    kind = (QCoreApplication.translate("PracticePhone", "Incoming video call") if element.video
            else QCoreApplication.translate("PracticePhone", "Incoming call"))
    screen.content.addWidget(text_label(kind, "call-text", screen, align=_CENTER))
    avatar = "fa5s.video" if element.video else "fa5s.user-circle"
    screen.add_icon(icons.pixmap(avatar, ctx.colors.call_text, ctx.phone_style.px(48)))
    caller = box(element.id, "plain", screen, vertical=True, margins=(8, 6, 8, 6), spacing=2)
    screen.content.addWidget(caller)
    caller.content.addWidget(text_label(element.caller, "caller", caller, align=_CENTER))
    for line in (element.number, element.detail):
        if line:
            caller.content.addWidget(text_label(line, "call-text", caller, align=_CENTER))
    if element.id:
        caller.setAccessibleName(element.caller)
        ctx.register(element.id, caller)
    screen.content.addStretch(1)
    return screen


def _call_button(element_id: str, caption: str, icon_name: str, color: str,
                 ctx: BuildContext, parent: QWidget) -> Tappable:
    button = Tappable(element_id, "plain", parent, vertical=True, margins=(4, 4, 4, 4),
                      spacing=4)
    button.setAccessibleName(caption)
    foreground = "#000000" if ctx.colors.high_contrast else "#FFFFFF"
    button.add_icon(round_button(icon_name, color, foreground, ctx.phone_style.px(56)))
    button.content.addWidget(text_label(caption, "call-text", button, align=_CENTER))
    ctx.register(element_id, button)
    return button


def build_call_buttons(element: CallElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    """Decline and accept, kept at the bottom of the screen like a bottom bar: whatever
    the text size, they are always in view."""
    bar = Panel("call", parent, margins=(8, 4, 8, 8), spacing=12)
    c = ctx.colors
    bar.content.addWidget(_call_button(
        element.decline_id, QCoreApplication.translate("PracticePhone", "Decline"),
        "fa5s.phone-slash", c.decline, ctx, bar), 1)
    bar.content.addWidget(_call_button(
        element.accept_id, QCoreApplication.translate("PracticePhone", "Accept"),
        "fa5s.video" if element.video else "fa5s.phone", c.accept, ctx, bar), 1)
    return bar
