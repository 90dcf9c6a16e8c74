"""A widget laid out at a fixed logical height and drawn scaled to fill its view.

The kiosk's step widgets are sized for a resident at arm's length. On a projector the
same widgets must read from the back of a room at 1280x720 as at 1920x1080, so the
audience view lays them out on a stage only LOGICAL_HEIGHT pixels high (with the screen's
width-to-height ratio) and draws that stage scaled to the screen: text, buttons and the
practice phone all grow by the same factor, and no widget needs a projector size of its
own. The stage is a QGraphicsScene, so a second, smaller view of it (the control view's
preview) shows exactly what the room sees.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from ui.theme import TEXT_SIZES, current_text_size

# The smallest text the kiosk draws (the "muted" role) is 0.85 of its base size; a room
# reads text of at least 1/25 of the screen's height. A stage 24 such lines high makes
# even that text a little more than 1/25 of the screen.
SMALLEST_TEXT = 0.85
LINES = 24


def logical_height(text_size: str | None = None) -> int:
    base = TEXT_SIZES.get(text_size or current_text_size(), TEXT_SIZES["large"])
    return int(LINES * round(base * SMALLEST_TEXT))


_HINTS = (QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
          | QPainter.RenderHint.SmoothPixmapTransform)


def _bare(view: QGraphicsView) -> None:
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setRenderHints(_HINTS)
    view.setAlignment(Qt.AlignmentFlag.AlignCenter)


class ScaledStage(QGraphicsView):
    """Shows `content` at LOGICAL_HEIGHT logical pixels high, scaled to the view's height;
    its logical width follows the view's shape."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audience_stage")
        self.content = content
        self.setScene(QGraphicsScene(self))
        self.proxy = self.scene().addWidget(content)
        self.height_ = logical_height()
        _bare(self)
        self._fit()

    @property
    def scale_factor(self) -> float:
        return self.transform().m22()

    def _fit(self) -> None:
        size = self.viewport().size()
        factor = max(size.height(), 1) / self.height_
        width = max(round(size.width() / factor), 1)
        self.proxy.resize(width, self.height_)
        self.scene().setSceneRect(QRectF(0, 0, width, self.height_))
        self.resetTransform()
        self.scale(factor, factor)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


class StagePreview(QGraphicsView):
    """A small, look-only view of a stage: the room's picture on the team member's screen."""

    def __init__(self, stage: ScaledStage, parent: QWidget | None = None) -> None:
        super().__init__(stage.scene(), parent)
        self.setObjectName("audience_preview")
        _bare(self)
        self.setInteractive(False)
        # Around the room's picture, the control view's own background.
        self.setBackgroundBrush(Qt.BrushStyle.NoBrush)
        self.viewport().setAutoFillBackground(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scene().sceneRectChanged.connect(lambda _rect: self._fit())

    def _fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()
