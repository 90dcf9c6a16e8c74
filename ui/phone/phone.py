"""The practice phone: a phone-shaped widget that draws a practice screen (lessons/screens)
and reports what the resident touches.

Touches come out as `tapped(id)`: the id of the element or item touched, or "" when the
touch hit nothing addressable (the step counts it as a wrong touch). Keypad keys report
"<keypad id>:<digit>" and "<keypad id>:back". Every screen carries a "PRACTICE COPY" mark
above it, so nobody mistakes the copy for the real app, on the kiosk or on a projector.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.lessons.screens import AppScreens, PracticeScreen
from ui import theme
from ui.phone.boxes import ENTER_KEYS, Tappable
from ui.phone.chrome import StatusBar
from ui.phone.marks import set_highlight, set_mark
from ui.phone.page import Page
from ui.phone.style import PhoneColors, PhoneStyle

# Width over height of the phone body: a phone's 9:18. Where the window is short (720p)
# that would make the screen too narrow to read, so the body widens, up to 9:14.5, until it
# is READABLE_WIDTH wide.
ASPECT = 0.5
WIDEST_ASPECT = 0.62
READABLE_WIDTH = 300
_SIDE_BEZEL = 6
_CHIN = 14


def _kiosk_style() -> PhoneStyle:
    contrast = "high" if theme.current_palette() == theme.HIGH_CONTRAST else "normal"
    size = theme.current_text_size()
    return PhoneStyle(size if size in theme.TEXT_SIZES else "normal", contrast)


class PracticePhone(QWidget):
    """Draws one practice screen at a time inside a phone frame.

    The phone keeps a 9:18 body and takes the height it is given, centred in its space.
    Text follows the kiosk's text size and contrast (read when it is made, or set with
    `set_text_size` / `set_contrast`).
    """

    tapped = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, text_size: str | None = None,
                 contrast: str | None = None) -> None:
        super().__init__(parent)
        style = _kiosk_style()
        self._style = PhoneStyle(text_size or style.text_size, contrast or style.contrast)
        self._sheet = ""
        self._app: AppScreens | None = None
        self._screen_model: PracticeScreen | None = None
        self._page: Page | None = None
        self._highlighted: str | None = None
        self._marks: dict[str, bool] = {}
        self._pressed = False
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self._mark = QLabel(self.tr("PRACTICE COPY"), self)
        self._mark.setObjectName("practice_mark")
        self._mark.setTextFormat(Qt.TextFormat.PlainText)
        self._mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._mark.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._display = QFrame(self)
        self._display.setObjectName("phone_screen")
        self._column = QVBoxLayout(self._display)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._status = StatusBar()
        self._column.addWidget(self._status)
        self._apply_sheet()

    # -- what a step uses ------------------------------------------------------------------

    def show_screen(self, app: AppScreens, screen: PracticeScreen) -> None:
        """Draw `screen` of `app`, forgetting the previous screen's highlight and marks
        (and whatever was typed into it)."""
        self._app, self._screen_model = app, screen
        self._highlighted = None
        self._marks = {}
        self._build()

    def target(self, element_id: str) -> QWidget | None:
        """The widget drawn for an element or item id (keypad keys: "<id>:<digit>")."""
        return self._page.targets.get(element_id) if self._page else None

    def field(self, field_id: str) -> QLineEdit | None:
        """A practice field to type into; what is typed is never kept anywhere else."""
        return self._page.fields.get(field_id) if self._page else None

    def highlight(self, element_id: str | None) -> None:
        """Put a thick glowing outline around one target; None takes it away."""
        colors = self._colors()
        old = self.target(self._highlighted) if self._highlighted else None
        if old is not None:
            set_highlight(old, False, colors.highlight, 0)
        self._highlighted = element_id
        widget = self.target(element_id) if element_id else None
        if widget is None:
            if self._page is not None:
                self._page.reveal(None)
            return
        set_highlight(widget, True, colors.highlight, self._style.px(18))
        self._reveal(widget)

    def mark(self, element_id: str, found: bool = True) -> None:
        """Mark a suspicious part: found by the resident (a green tick) or shown by the
        kiosk because it was not found (`found=False`, a red exclamation mark)."""
        widget = self.target(element_id)
        if widget is None:
            return
        self._marks[element_id] = found
        colors = self._colors()
        set_mark(widget, "found" if found else "missed",
                 colors.found if found else colors.missed, self._style.px(30))

    def clear_marks(self) -> None:
        for element_id in self._marks:
            widget = self.target(element_id)
            if widget is not None:
                set_mark(widget, None)
        self._marks = {}

    def set_text_size(self, text_size: str) -> None:
        """Draw the screen again at the kiosk's "normal", "large" or "huge" size. Widgets
        from target() and field() before the change are gone afterwards."""
        self._restyle(replace(self._style, text_size=text_size))

    def set_contrast(self, contrast: str) -> None:
        """Draw the screen again in "normal" or "high" contrast (as set_text_size)."""
        self._restyle(replace(self._style, contrast=contrast))

    @property
    def page(self) -> Page | None:
        """The widgets of the screen shown (for tests and the gallery)."""
        return self._page

    # -- building ------------------------------------------------------------------------

    def _colors(self) -> PhoneColors:
        app = self._app
        return self._style.colors(app.colors.primary if app else "#000000",
                                  app.colors.on_primary if app else "#FFFFFF")

    def _apply_sheet(self) -> None:
        app = self._app
        sheet = self._style.sheet(app.colors.primary if app else "#000000",
                                  app.colors.on_primary if app else "#FFFFFF")
        if sheet != self._sheet:
            self._sheet = sheet
            self.setStyleSheet(sheet)
            # Measuring the mark would polish it, and the next sheet (the app's colours,
            # a moment later) would style it again: a phone not polished yet is placed
            # when it is first resized.
            if self.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                self._place()

    def _build(self) -> None:
        assert self._app is not None and self._screen_model is not None
        if self._page is not None:
            # Not reparented (that would restyle the whole old tree): hidden, then deleted.
            self._column.removeWidget(self._page)
            self._page.hide()
            self._page.deleteLater()
            self._page = None
        self._apply_sheet()
        page = Page(self._app, self._screen_model, self._style, self._display)
        page.tapped.connect(self.tapped)
        colors = page.colors
        if page.is_call:
            self._status.set_colors(colors.call_bg, colors.call_text)
        elif colors.high_contrast:
            self._status.set_colors("#000000", "#FFFFFF")
        else:
            self._status.set_colors(colors.primary, colors.on_primary)
        self._column.addWidget(page, 1)
        page.show()
        self._page = page

    def _restyle(self, style: PhoneStyle) -> None:
        """A new text size or contrast: rebuild the screen, keep its highlight and marks."""
        if style == self._style:
            return
        self._style = style
        if self._app is None:
            self._apply_sheet()
            return
        highlighted, marks = self._highlighted, dict(self._marks)
        self._build()
        self._highlighted, self._marks = None, {}
        self.highlight(highlighted)
        for element_id, found in marks.items():
            self.mark(element_id, found)

    def _reveal(self, widget: QWidget) -> None:
        page = self._page
        if page is None:
            return
        page.reveal(widget)  # and again while the page is laid out (Page.reveal)

    # -- the frame ------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        # As small as the minimum: the step's layout gives the phone all the height there
        # is, and a taller hint would make the player scroll the whole step on a 720p
        # screen (a scroll area takes the preferred height of a wrapping layout).
        return QSize(300, 400)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 400)

    def body_rect(self) -> QRect:
        """Where the phone body is drawn: 9:18 (wider on a short window), as tall as
        possible, centred."""
        height = min(self.height(), round(self.width() / ASPECT))
        width = round(height * ASPECT)
        if width < READABLE_WIDTH:
            width = min(self.width(), READABLE_WIDTH, round(height * WIDEST_ASPECT))
        return QRect((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    def _place(self) -> None:
        body = self.body_rect()
        mark_height = self._mark.sizeHint().height() + 2
        top = mark_height + 10
        self._mark.setGeometry(body.left() + _SIDE_BEZEL, body.top() + 5,
                               body.width() - 2 * _SIDE_BEZEL, mark_height)
        self._display.setGeometry(body.adjusted(_SIDE_BEZEL, top, -_SIDE_BEZEL, -_CHIN))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def paintEvent(self, event) -> None:
        body = QRectF(self.body_rect())
        colors = self._colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.frame))
        radius = min(40.0, body.width() * 0.12)
        painter.drawRoundedRect(body, radius, radius)
        painter.setBrush(QColor("#8E9A9F"))
        bar = body.width() * 0.32
        painter.drawRoundedRect(QRectF(body.center().x() - bar / 2, body.bottom() - _CHIN / 2 - 2,
                                       bar, 4), 2, 2)

    def event(self, event: QEvent) -> bool:
        # Enter on a focused target presses it (Tappable.keyPressEvent), and in a practice
        # field it confirms the field: the phone claims Enter before window shortcuts (the
        # player's "next step") take it.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in ENTER_KEYS:
            focus = QApplication.focusWidget()
            if isinstance(focus, Tappable | QLineEdit) and self.isAncestorOf(focus):
                event.accept()
                return True
        return super().event(event)

    # A touch that reaches the phone itself hit nothing addressable.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = self.body_rect().contains(event.position().toPoint())
        event.setAccepted(self._pressed)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pressed and self.body_rect().contains(event.position().toPoint()):
            self.tapped.emit("")
        self._pressed = False
