"""The two boxes every element is made of: a `Tappable` for anything a step can point at,
a `Panel` for what is only there to be read.

Both lay out their content with a layout and grow to the height their (wrapped) text
needs, so long Vietnamese text is never cut. A Tappable is a QPushButton underneath: it is
reached with Tab, pressed with Space or Enter, touched with a finger or a mouse, and says
which id it is when it is pressed.

Widgets are made with their parent from the start (the builders work top-down): handing a
finished subtree to a new parent makes Qt restyle all of it again, which made a screen
change several times slower.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TAPPABLE_POLICY = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
_TAPPABLE_POLICY.setHeightForWidth(True)


def _layout(widget: QWidget, vertical: bool, margins: tuple[int, int, int, int],
            spacing: int) -> QBoxLayout:
    layout: QBoxLayout = QVBoxLayout(widget) if vertical else QHBoxLayout(widget)
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    return layout


def sharp_pixmap(width: int, height: int) -> QPixmap:
    """A transparent pixmap of that size in device-independent pixels, sharp on a
    high-density screen too."""
    ratio = QGuiApplication.instance().devicePixelRatio() if QGuiApplication.instance() \
        else 1.0
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


class IconSpots:
    """Icons and dividing lines a box draws itself, in spots its layout keeps free.

    A widget per icon or line cost a widget each (made, styled, laid out): a fifth of the
    time a screen change took. An icon is centred across the room the layout gives its
    spot; along the layout the spot carries the spacing a widget would have had (a layout
    puts none next to a spacer item).
    """

    content: QBoxLayout
    _spots: list[tuple[QSpacerItem, QPixmap | QColor, int, int]]

    def _add_spot(self, spot: QSpacerItem, what: QPixmap | QColor, before: int = 0,
                  after: int = 0) -> None:
        if not hasattr(self, "_spots"):
            self._spots = []
        self.content.addItem(spot)
        self._spots.append((spot, what, before, after))

    def _vertical(self) -> bool:
        return self.content.direction() in (QBoxLayout.Direction.TopToBottom,
                                            QBoxLayout.Direction.BottomToTop)

    def add_icon(self, pixmap: QPixmap, *, gap_before: bool = False,
                 gap_after: bool = True) -> None:
        """An icon; the gap goes on the side its neighbour is (after a leading icon,
        before a trailing chevron)."""
        size = pixmap.deviceIndependentSize().toSize()
        spacing = max(0, self.content.spacing())
        before, after = spacing * gap_before, spacing * gap_after
        if self._vertical():
            spot = QSpacerItem(size.width(), size.height() + before + after,
                               QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        else:
            spot = QSpacerItem(size.width() + before + after, size.height(),
                               QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._add_spot(spot, pixmap, before, after)

    def add_line(self, color: str, thickness: int = 2) -> None:
        """A line across a vertical box (between the rows of a list)."""
        self._add_spot(QSpacerItem(0, thickness, QSizePolicy.Policy.Expanding,
                                   QSizePolicy.Policy.Fixed), QColor(color))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # type: ignore[misc]
        if not getattr(self, "_spots", None):
            return
        painter = QPainter(self)  # type: ignore[arg-type]
        vertical = self._vertical()
        for spot, what, before, after in self._spots:
            room = spot.geometry()
            if isinstance(what, QColor):
                painter.fillRect(room, what)
                continue
            if vertical:
                room.adjust(0, before, 0, -after)
            else:
                room.adjust(before, 0, -after, 0)
            size = what.deviceIndependentSize().toSize()
            painter.drawPixmap(room.x() + (room.width() - size.width()) // 2,
                               room.y() + (room.height() - size.height()) // 2, what)


class Tappable(IconSpots, QPushButton):
    """A touch target with an id. `tapped(id)` is emitted on click, Space and Enter.

    Its least height comes from the style sheet (per `pk`): a style sheet that sets
    min-height overrides setMinimumHeight at every polish, so it is said only there.
    """

    tapped = Signal(str)

    def __init__(self, element_id: str, pk: str, parent: QWidget | None = None, *,
                 vertical: bool = False, margins: tuple[int, int, int, int] = (14, 10, 14, 10),
                 spacing: int = 10) -> None:
        super().__init__(parent)
        self.element_id = element_id
        self.setObjectName(element_id)
        self.setProperty("pk", pk)
        # Tab reaches it; a touch does not leave a focus ring behind.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(_TAPPABLE_POLICY)
        self.content = _layout(self, vertical, margins, spacing)
        self.clicked.connect(self._emit)

    def _emit(self) -> None:
        self.tapped.emit(self.element_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter presses it too: QPushButton alone only knows Space outside dialogs. (The
        # phone claims Enter from window shortcuts while one of these has the focus.)
        if event.key() in ENTER_KEYS and not event.isAutoRepeat():
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)

    # The content layout decides the size; QPushButton's own text is always empty. (The
    # height for a width is QWidget's own: the layout's, which these are not overridden
    # for, since every call of a Python override costs a trip into Python.)
    def sizeHint(self) -> QSize:
        hint = self.content.totalSizeHint()
        return QSize(hint.width(), max(hint.height(), self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.content.totalMinimumSize().width(), self.minimumHeight())


class Panel(IconSpots, QFrame):
    """A box without an id: drawn like a Tappable of the same `pk`, but not a target."""

    def __init__(self, pk: str, parent: QWidget | None = None, *, vertical: bool = False,
                 margins: tuple[int, int, int, int] = (14, 10, 14, 10),
                 spacing: int = 10) -> None:
        super().__init__(parent)
        self.setProperty("pk", pk)
        self.content = _layout(self, vertical, margins, spacing)


def box(element_id: str | None, pk: str, parent: QWidget | None = None,
        **kwargs) -> Tappable | Panel:
    """A Tappable when the author gave an id, else a Panel."""
    if element_id:
        return Tappable(element_id, pk, parent, **kwargs)
    return Panel(pk, parent, **kwargs)
