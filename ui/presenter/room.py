"""A kiosk step view shaped for a room rather than for one resident's finger.

The audience view shows the kiosk's own step views, but nobody touches the projector, and
a room has already read every option by the time the answer is shown. So the buttons a
resident would press ("Check", "Start again") are left off the wall, and a revealed
question keeps only what the room must remember: the prompt, the right option(s), marked
right, in their right order, and the explanation. That is also what lets a question
with many long options fit the slide whole at a size the back of the room can read.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ui.screens.base import label
from ui.steps import StepView
from ui.steps.choice import ChoiceView
from ui.steps.order import OrderView

# The label that stands for a revealed order step's items.
RIGHT_ORDER = "room_right_order"


def _hide(widget: QWidget | None) -> None:
    if widget is not None:
        widget.hide()


def _instructions(view: StepView) -> list[QLabel]:
    """The step's line telling a resident what to touch ("Choose every right answer...")."""
    phone = view.phone
    return [found for found in view.findChildren(QLabel)
            if found.property("role") == "muted"
            and not (phone is not None and phone.isAncestorOf(found))]


def for_the_room(view: StepView) -> None:
    """Leave off the buttons only a resident at the kiosk would press."""
    _hide(getattr(view, "check_button", None))
    _hide(getattr(view, "reset_button", None))


def collapse_to_answer(view: StepView) -> None:
    """After the answer is shown: drop what the room no longer needs to see."""
    if isinstance(view, ChoiceView):
        for option in view.options:
            if option.property("verdict") != "right":
                option.hide()
    elif isinstance(view, OrderView):
        _in_right_order(view)
    else:
        return
    for found in _instructions(view):
        found.hide()


def _grid_of(view: OrderView) -> QGridLayout | None:
    first = next(iter(view.buttons.values()))
    return next((found for found in view.findChildren(QGridLayout)
                 if found.indexOf(first) >= 0), None)


def _in_right_order(view: OrderView) -> None:
    """Show an order step's items in their right order as plain numbered lines, first at
    the top: the room has seen the framed items, and six of them framed cannot fit a
    slide at a size the back of the room can read."""
    grid = _grid_of(view)
    if grid is None:
        return
    for button in view.buttons.values():
        button.hide()
    listing = view.findChild(QLabel, RIGHT_ORDER)
    if listing is None:
        listing = label("", "lead")
        listing.setObjectName(RIGHT_ORDER)
        grid.addWidget(listing, grid.rowCount(), 0, 1, max(1, grid.columnCount()))
    listing.setText("\n".join(f"{number}.  {item}"
                              for number, item in enumerate(view.step.items, start=1)))
    listing.show()


# On the wall an option or order item is as tall as its text, not as a finger needs.
_NO_TOUCH_HEIGHT = "QPushButton { min-height: 0px; }"


def _items(view: StepView) -> list[QWidget]:
    if isinstance(view, ChoiceView):
        return list(view.options)
    if isinstance(view, OrderView):
        return list(view.buttons.values())
    return []


def without_touch_height(view: StepView) -> bool:
    """Let a slide's options and order items be only as tall as their text: nobody
    touches the projector, and six framed items at a finger's height leave no room for
    the last one at a size the back of the room can read. Say whether anything changed."""
    changed = False
    for item in _items(view):
        if not item.isHidden() and item.styleSheet() != _NO_TOUCH_HEIGHT:
            item.setStyleSheet(_NO_TOUCH_HEIGHT)
            changed = True
    return changed


def in_two_columns(view: StepView) -> bool:
    """Stand a question's options in two columns, read down the first and then the
    second, for a slide that cannot fit them one under the other even at the least text
    size; say whether anything moved."""
    # Order steps stay in one column: their grid of framed items is measured shorter than
    # it is drawn, so two columns cut the last row; one column scrolls by whole lines.
    if not isinstance(view, ChoiceView):
        return False
    shown = [option for option in view.options if not option.isHidden()]
    home = view.layout_
    if len(shown) < 3:
        return False
    rows = (len(shown) + 1) // 2
    at = home.indexOf(shown[0])  # the options stand in the step's column: a grid there
    grid = QGridLayout()
    grid.setSpacing(home.spacing())
    for option in shown:
        home.removeWidget(option)
    home.insertLayout(at, grid)
    for index, widget in enumerate(shown):
        grid.addWidget(widget, index % rows, index // rows)
    for column in range(2):
        grid.setColumnStretch(column, 1)
    return True
