"""The big "Read aloud" button that sits on every lesson step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QPushButton, QWidget

from ui.speech.speaker import Speaker
from ui.theme import MIN_TOUCH, current_palette

ICON_READ = "fa5s.volume-up"
ICON_STOP = "fa5s.stop"
ICON_OFF = "fa5s.volume-mute"


def _icon(name: str):
    """A qtawesome icon in the theme's colours; imported on first use (it costs ~240 ms)."""
    try:
        import qtawesome
    except ImportError:  # pragma: no cover - qtawesome is a dependency; the text suffices
        return None
    palette = current_palette()
    return qtawesome.icon(name, color=palette.text, color_disabled=palette.disabled_text)


class ReadAloudButton(QPushButton):
    """Reads `text()` aloud through `speaker`; touched again while reading, it stops.

    Its label is `accessibleName()` (what a screen reader, and a test, should compare);
    the text drawn on it has a space in front, between the label and the icon.

    When the speaker cannot read (no Vietnamese voice, engine missing or stuck), the button
    stays in its place, disabled, and says so in a few words; the full reason for staff is
    its tooltip and accessible description.
    """

    def __init__(self, speaker: Speaker, text: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("read_aloud")
        self.setMinimumHeight(MIN_TOUCH)
        self.setIconSize(QSize(32, 32))
        self.speaker = speaker
        self._text = text
        self._look: str | None = None
        self._width = 0
        self.clicked.connect(self._toggle)
        for signal in (speaker.started, speaker.finished, speaker.ready, speaker.unavailable):
            signal.connect(self._refresh)
        self._refresh()

    def _toggle(self) -> None:
        if self.speaker.speaking:
            self.speaker.stop()
        else:
            self.speaker.say(self._text())

    def _refresh(self, *_args) -> None:
        speaker = self.speaker
        read, stop = self.tr("Read aloud"), self.tr("Stop reading")
        if not speaker.available and not speaker.loading:
            look, label, icon = "off", self.tr("No Vietnamese voice"), ICON_OFF
        elif speaker.speaking:
            look, label, icon = "stop", stop, ICON_STOP
        else:
            look, label, icon = "read", read, ICON_READ
        if look != self._look:
            self._look = look
            found = _icon(icon)
            if found is not None:
                self.setIcon(found)
        if look == "off":
            self._width = 0
        else:
            # As wide as the wider of "Read aloud" and "Stop reading", so that touching it
            # does not make the button, and the bar it sits in, jump.
            self.ensurePolished()
            widths = []
            for text in (read, stop):
                super().setText(" " + text)
                widths.append(super().sizeHint().width())
            self._width = max(widths)
        # Qt puts the icon 4 px from the text; a space gives it room to breathe.
        self.setText(" " + label)
        self.setAccessibleName(label)
        reason = speaker.reason if look == "off" else ""
        self.setToolTip(reason)
        self.setAccessibleDescription(reason)
        self.setEnabled(look != "off")
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._width), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._look = None  # the theme changed: draw the icon in its colours
            self._refresh()
        super().changeEvent(event)
