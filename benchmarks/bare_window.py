"""The baseline of the start-up benchmark: the least a PySide6 program can do to show a screen.

A QApplication, one 1280x720 QWidget with a QLabel, and an exit (status 0) as soon as the
label has been painted. The benchmark times this script from spawn to exit, in the same
conditions as the kiosk (`QT_QPA_PLATFORM=offscreen` set by the caller), so that the
kiosk's figure can be given as a ratio to it.

    QT_QPA_PLATFORM=offscreen python benchmarks/bare_window.py
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget


class _QuitAfterFirstPaint(QObject):
    """Quits the application once the watched widget has handled its first paint event."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # Let the paint event finish (the filter runs before the widget paints), then
            # leave the event loop at its next turn.
            QTimer.singleShot(0, self._app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QWidget()
    window.setWindowTitle("Trạm Kỹ năng số — baseline")
    layout = QVBoxLayout(window)
    label = QLabel("Xin chào! Chạm vào màn hình để bắt đầu.")
    layout.addWidget(label)
    quitter = _QuitAfterFirstPaint(app)
    label.installEventFilter(quitter)
    window.resize(1280, 720)  # a kiosk screen; showFullScreen() only warns offscreen
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
