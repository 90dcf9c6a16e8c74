"""Fitting a slide's text column to the projector without cutting a line in half.

A step's prompt and its revealed explanation can together be taller than the slide. A
column scrolled to show the explanation then cuts the prompt's first line under the
header, which looks broken from the back of a room. So the text is first made smaller, in
steps, but never below the least a room can read (`least_px`); only when even that
cannot fit does the column scroll, and then to a line's edge, so the top line is whole.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

# How much smaller each step makes the text: about one point of a slide's lead text.
STEP = 0.9
# The size a label had before fitting, kept on the label so fitting again starts from it.
_NATURAL = "audience_natural_px"


def least_text_px(stage_height: int, lines: int = 25) -> int:
    """The smallest logical text size that reads as 1/`lines` of the screen's height."""
    return math.ceil(stage_height / lines)


def _texts(page: QWidget) -> list[QLabel]:
    return [found for found in page.findChildren(QLabel) if found.text()]


def _set_sizes(page: QWidget, factor: float, least_px: int) -> bool:
    """Draw every text of `page` at `factor` of its own size but not below `least_px`;
    say whether any text is still above the least (so a smaller factor could help)."""
    can_shrink = False
    for found in _texts(page):
        natural = found.property(_NATURAL)
        if natural is None:
            found.ensurePolished()
            natural = found.font().pixelSize()
            found.setProperty(_NATURAL, natural)
        if natural <= least_px:  # already small: never made smaller, nor larger
            continue
        size = max(least_px, round(natural * factor))
        can_shrink = can_shrink or size > least_px
        wanted = f"font-size: {size}px;" if size != natural else ""
        if found.styleSheet() != wanted:
            found.setStyleSheet(wanted)
            _size_changed(found, page)
    return can_shrink


def _size_changed(found: QLabel, page: QWidget) -> None:
    """Tell every widget between a resized text and `page` that its size changed now.

    A text inside a widget with a layout of its own (an option's wrapping button) tells
    only that widget's layout, and the widget itself hears it when the posted layout
    request is handled: until then `page`'s layout measures the button at its former
    size, shorter than it is drawn after the text grew back, and a fit that trusted it
    would cut the last row.
    """
    widget = found.parentWidget()
    while widget is not None and widget is not page:
        widget.updateGeometry()
        widget = widget.parentWidget()


def _needed_height(page: QWidget, width: int) -> int:
    layout = page.layout()
    layout.invalidate()
    layout.activate()
    if page.hasHeightForWidth():
        return page.heightForWidth(width)
    return page.sizeHint().height()


def fit_text(scroll: QScrollArea, least_px: int) -> bool:
    """Make the scroll area's page as large as fits its viewport, text no smaller than
    `least_px`; say whether it fits whole."""
    page = scroll.widget()
    viewport = scroll.viewport()
    if page is None or page.layout() is None:
        return True
    page.setMinimumHeight(0)  # room a former scroll_to_whole_lines() added
    factor = 1.0
    can_shrink = _set_sizes(page, factor, least_px)
    while _needed_height(page, viewport.width()) > viewport.height():
        if not can_shrink:
            return False
        factor *= STEP
        can_shrink = _set_sizes(page, factor, least_px)
    return True


def _line_edge_at_or_below(page: QWidget, y: int) -> int:
    """The first edge between two lines of text at or below `y` on `page` (`y` itself when
    it falls between widgets)."""
    for found in _texts(page):
        if not found.isVisibleTo(page):
            continue
        top = found.mapTo(page, found.contentsRect().topLeft()).y()
        bottom = top + found.contentsRect().height()
        if not top < y < bottom:
            continue
        line = QFontMetrics(found.font()).lineSpacing()
        return min(top + math.ceil((y - top) / line) * line, bottom)
    return y


def scroll_to_whole_lines(scroll: QScrollArea, first: QWidget | None,
                          last: QWidget) -> None:
    """Scroll so `last` ends in view (and `first` starts in view when both fit), with the
    top of the viewport on a line's edge rather than through a line."""
    page = scroll.widget()
    height = scroll.viewport().height()
    bottom = last.mapTo(page, last.rect().bottomLeft()).y() + 1
    top = last.mapTo(page, last.rect().topLeft()).y()
    if first is not None:
        top = min(top, first.mapTo(page, first.rect().topLeft()).y())
    wanted = max(0, bottom - height)
    if wanted > top:  # both cannot be whole: the start of `first` wins
        wanted = top
    value = _line_edge_at_or_below(page, wanted)
    # A line's edge may lie below the page's last scroll position: room under the text.
    page.setMinimumHeight(value + height)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    scroll.verticalScrollBar().setValue(value)
