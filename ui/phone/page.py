"""One practice screen built into widgets: the app's header, the elements in a scroll
area, and below it what must stay in reach (a PIN pad, a call's buttons, the bottom
navigation bar). A new Page is built for every screen shown; the phone keeps its frame and
status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk.lessons.screens import (
    AddressElement,
    AppScreens,
    ButtonElement,
    CallElement,
    FieldElement,
    GridElement,
    KeypadElement,
    ListElement,
    MessagesElement,
    NavbarElement,
    PracticeScreen,
    QrElement,
    TextElement,
    ToggleElement,
)
from ui.phone.boxes import Tappable
from ui.phone.chrome import build_header
from ui.phone.conversation import build_call, build_call_buttons, build_messages
from ui.phone.elements import (
    PracticeField,
    build_address,
    build_button,
    build_field,
    build_qr,
    build_text,
    build_toggle,
)
from ui.phone.keypad import build_keypad
from ui.phone.rows import build_grid, build_list, build_navbar
from ui.phone.style import PhoneStyle
from ui.touch import touch_scrolling

Builder = Callable[[Any, "Page", QWidget], QWidget]
# A pinned PIN pad leaves at least this much of the screen's scrolling part (pixels).
MIN_SCROLL = 40

# The widget builder of each element kind.
BUILDERS: dict[type, Builder] = {
    TextElement: build_text,
    ButtonElement: build_button,
    FieldElement: build_field,
    ListElement: build_list,
    GridElement: build_grid,
    MessagesElement: build_messages,
    CallElement: build_call,
    AddressElement: build_address,
    QrElement: build_qr,
    KeypadElement: build_keypad,
    ToggleElement: build_toggle,
    NavbarElement: build_navbar,
}


class Page(QWidget):
    """The widgets of one screen, built top-down, each with its parent from the start
    (see ui.phone.boxes on why). `targets` and `fields` map ids to what was drawn."""

    tapped = Signal(str)

    def __init__(self, app: AppScreens, screen: PracticeScreen, style: PhoneStyle,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phone_page")
        self.phone_style = style
        self.colors = style.colors(app.colors.primary, app.colors.on_primary)
        self.targets: dict[str, QWidget] = {}
        self.fields: dict[str, QLineEdit] = {}
        self.is_call = any(isinstance(e, CallElement) for e in screen.elements)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if screen.header:
            header, back = build_header(screen.title or app.name, screen.back, style,
                                        self.colors, self)
            layout.addWidget(header)
            if back is not None:
                self.register("back", back)

        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("phone_scroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        touch_scrolling(self.scroll)
        layout.addWidget(self.scroll, 1)
        self.content = QWidget()
        self.content.setObjectName("phone_content")
        self.content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.content.setProperty("call", self.is_call)
        column = QVBoxLayout(self.content)
        margin = 0 if self.is_call else 10
        column.setContentsMargins(margin, margin, margin, margin)
        column.setSpacing(10)
        self.scroll.setWidget(self.content)  # while it is empty: cheap
        self._kept: QWidget | None = None  # see reveal()
        self._keep_pending = False
        self.scroll.verticalScrollBar().rangeChanged.connect(self._keep_later)

        # What a resident must be able to reach stays in view below the scroll area, as on
        # a real phone: a PIN pad, a call's two buttons, the bottom navigation bar.
        self._column = column
        self._pads: list[tuple[int, QWidget]] = []  # PIN pads, with their place in column
        self._pinned = True
        self._check_pending = False
        for element in screen.elements:
            if isinstance(element, NavbarElement):
                continue
            if isinstance(element, KeypadElement):
                self._pads.append((column.count(), build_keypad(element, self, self)))
                continue
            column.addWidget(BUILDERS[type(element)](element, self, self.content))
            if isinstance(element, CallElement):
                layout.addWidget(build_call_buttons(element, self, self))
        if not self.is_call:
            column.addStretch(1)
        for _, pad in self._pads:
            layout.addWidget(pad)
        for element in screen.elements:
            if isinstance(element, NavbarElement):
                layout.addWidget(build_navbar(element, self, self))

    # -- PIN pads: pinned below the scrolling part when they fit ----------------------------

    def _pads_fit(self) -> bool:
        """Whether the pads fit below the scroll area and leave it MIN_SCROLL pixels,
        worked out from the widths (the heights on the way to a layout are not final)."""
        width = self.width()
        fixed = [self.layout().itemAt(i).widget() for i in range(self.layout().count())]
        fixed = [w for w in fixed if w is not None and w is not self.scroll]
        if not self._pinned:
            fixed += [pad for _, pad in self._pads]
        needed = sum(w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
                     for w in fixed)
        return self.height() - needed >= MIN_SCROLL

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._check_pads_later()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._check_pads_later()

    def _check_pads_later(self) -> None:
        # Not in the middle of a resize: moving a widget there would lay out again.
        if self._pads and not self._check_pending:
            self._check_pending = True
            QTimer.singleShot(0, self, self._place_pads)

    def _place_pads(self) -> None:
        """Pin the PIN pads where they fit; on too short a phone (big text in a small
        window) they scroll with the rest instead of being squeezed."""
        self._check_pending = False
        fit = self._pads_fit()
        if fit == self._pinned:
            return
        self._pinned = fit
        layout = self.layout()
        for i, (index, pad) in enumerate(self._pads):
            if fit:
                self._column.removeWidget(pad)
                layout.insertWidget(layout.indexOf(self.scroll) + 1 + i, pad)
            else:
                layout.removeWidget(pad)
                self._column.insertWidget(index + i, pad)
            pad.show()

    def register(self, element_id: str, widget: QWidget) -> None:
        self.targets[element_id] = widget
        if isinstance(widget, Tappable | PracticeField):
            widget.tapped.connect(self.tapped)

    def add_field(self, field_id: str, edit: QLineEdit) -> None:
        self.fields[field_id] = edit
        self.register(field_id, edit)

    def reveal(self, widget: QWidget | None) -> None:
        """Scroll a target into view (it may sit below the fold on a small phone), and keep
        it there while the page is still being laid out; None stops keeping one."""
        if widget is None or not self.content.isAncestorOf(widget):
            self._kept = None
            return
        self._kept = widget
        self._scroll_to(widget)

    def _keep_later(self) -> None:
        # The scrolling part's range changes while the step around the phone settles (the
        # phone's height is fitted to the window after it is shown; wrapped text takes its
        # height), which moves the target: scroll to it again once that is done.
        if self._kept is not None and not self._keep_pending:
            self._keep_pending = True
            QTimer.singleShot(0, self, self._keep_in_view)

    def _keep_in_view(self) -> None:
        self._keep_pending = False
        if self._kept is not None:
            self._scroll_to(self._kept)

    def _scroll_to(self, widget: QWidget) -> None:
        # The whole widget, with a margin: ensureWidgetVisible() would bring only a
        # field's text cursor into view, leaving half the field below the fold.
        at = widget.mapTo(self.content, QPoint(0, 0))
        half_w, half_h = widget.width() // 2, widget.height() // 2
        self.scroll.ensureVisible(at.x() + half_w, at.y() + half_h, half_w + 16, half_h + 16)
