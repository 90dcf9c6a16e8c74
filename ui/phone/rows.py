"""Builders for the elements made of items: list rows, home-screen tiles and the bottom
navigation bar. An item with an id is a target; one without is only read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.lessons.screens import GridElement, ListElement, NavbarElement
from ui.phone import icons
from ui.phone.boxes import Panel, box
from ui.phone.context import BuildContext
from ui.phone.label import text_label

_CENTER = Qt.AlignmentFlag.AlignCenter


def build_list(element: ListElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    card = Panel("card", parent, vertical=True, margins=(0, 2, 0, 2), spacing=0)
    for i, item in enumerate(element.items):
        if i:
            card.add_line(ctx.colors.outline)
        row = box(item.id, "row", card, margins=(8, 6, 8, 6), spacing=8)
        card.content.addWidget(row)
        if item.icon:
            row.add_icon(icons.pixmap(item.icon, ctx.colors.link, ctx.phone_style.px(26)))
        column = QVBoxLayout()
        column.setSpacing(0)
        row.content.addLayout(column, 1)
        column.addWidget(text_label(item.text, "strong" if item.detail else None, row))
        if item.detail:
            column.addWidget(text_label(item.detail, "detail", row))
        if item.id:
            row.add_icon(icons.pixmap("fa5s.chevron-right", ctx.colors.muted,
                                      ctx.phone_style.px(14)), gap_before=True, gap_after=False)
            row.setAccessibleName(", ".join(filter(None, (item.text, item.detail))))
            ctx.register(item.id, row)
    return card


def build_grid(element: GridElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    holder = QWidget(parent)
    grid = QGridLayout(holder)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(10)
    for column in range(element.columns):
        grid.setColumnStretch(column, 1)
    for i, item in enumerate(element.items):
        tile = box(item.id, "tile", holder, vertical=True, margins=(6, 8, 6, 8), spacing=4)
        grid.addWidget(tile, i // element.columns, i % element.columns)
        if item.icon:
            tile.add_icon(icons.pixmap(item.icon, ctx.colors.link, ctx.phone_style.px(34)))
        tile.content.addWidget(text_label(item.text, None, tile, align=_CENTER), 1)
        if item.id:
            tile.setAccessibleName(item.text)
            ctx.register(item.id, tile)
    return holder


def build_navbar(element: NavbarElement, ctx: BuildContext, parent: QWidget) -> QWidget:
    bar = QFrame(parent)
    bar.setObjectName("phone_navbar")
    row = QHBoxLayout(bar)
    row.setContentsMargins(2, 2, 2, 2)
    row.setSpacing(0)
    for item in element.items:
        button = box(item.id, "nav", bar, vertical=True, margins=(0, 4, 0, 4), spacing=0)
        row.addWidget(button, 1)
        button.add_icon(icons.pixmap(item.icon, ctx.colors.link, ctx.phone_style.px(22)))
        button.content.addWidget(text_label(item.text, "nav", button, align=_CENTER))
        if item.id:
            button.setAccessibleName(item.text)
            ctx.register(item.id, button)
    return bar
