"""Small building blocks every screen uses: a screen frame, labels and buttons by role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.theme import set_role


def label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    # Names and lesson text are shown as typed: "<b>&" must not turn into markup.
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if role:
        set_role(widget, role)
    return widget


def name_role(name: str) -> str:
    """A size for text holding a person's name: big when short, smaller when very long.

    Names are never cut, so a 200-character name must still fit on the 720-pixel screen.
    """
    if len(name) <= 40:
        return "title"
    return "lead" if len(name) <= 90 else "muted"


def escape_mnemonic(text: str) -> str:
    """Show "&" as typed: in a button's text a lone "&" would underline the next letter."""
    return text.replace("&", "&&")


def button(text: str, role: str | None = None, name: str | None = None, *,
           scale: str | None = None, wrap: bool = False) -> QPushButton:
    """A button for the style sheet's `role` (and `scale`); `wrap` for text of any length,
    such as answers, lesson titles and names, which must never be cut off."""
    if wrap:
        from ui.screens.wrap_button import WrapButton

        widget: QPushButton = WrapButton(text)
    else:
        widget = QPushButton(escape_mnemonic(text))
        # Never narrower than its text: a squeezed row must not cut "Xem cách làm".
        widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    if scale:  # not "size": that is QWidget's own size property
        widget.setProperty("scale", scale)
    if role:
        set_role(widget, role)
    if name:
        widget.setObjectName(name)
    return widget


class Screen(QWidget):
    """A full-window page: a top bar (title and optional back button), a body, a footer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 16, 40, 16)
        outer.setSpacing(14)
        self.top = QHBoxLayout()
        self.top.setSpacing(24)
        self.body = QVBoxLayout()
        self.body.setSpacing(14)
        self.footer = QHBoxLayout()
        self.footer.setSpacing(24)
        outer.addLayout(self.top)
        outer.addLayout(self.body, 1)
        outer.addLayout(self.footer)
