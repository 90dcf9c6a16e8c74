"""A push button whose text wraps onto several lines instead of being cut off.

QPushButton never wraps: a long answer ("Cúp máy, rồi gọi lại số của con mình để hỏi")
would be cut at the button's edge. This button shows its text in a word-wrapped label
and grows as tall as the text needs, so it still works by touch, mouse and keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class WrapButton(QPushButton):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_label = QLabel()
        self.icon_label.hide()
        self.label = QLabel(text)
        self.label.setObjectName("wrap_text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        for child in (self.icon_label, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(16)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.label, 1)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # The label holds the text; QPushButton's own text stays empty so nothing overlaps.
    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.updateGeometry()

    def text(self) -> str:
        return self.label.text()

    def set_icon(self, icon: QIcon, size: int = 48) -> None:
        self.icon_label.setPixmap(icon.pixmap(size, size))
        self.icon_label.show()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.layout().totalHeightForWidth(width), self.minimumHeight())

    def sizeHint(self) -> QSize:
        hint = self.layout().totalSizeHint()
        return QSize(hint.width(), max(hint.height(), self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.layout().totalMinimumSize().width(), self.minimumHeight())
