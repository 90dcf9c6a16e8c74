"""What the room sees: one slide at a time, large, its answer revealed on demand, or black.

Steps are the kiosk's own step views (ui.steps), so the room sees what a resident sees at
the kiosk, on a stage scaled to the projector (ui.presenter.stage). The practice phone is
drawn at the kiosk's largest text size there. Nothing answered here is recorded: there is
no resident at this screen, only a team member demonstrating.

With one screen (a laptop mirrored to the projector) this view is also the team member's
only screen while it shows, and it has no controls of its own: for a few seconds each time
it appears, and whenever the mouse moves or a finger touches it, a button in its corner
says how to get back to the controls (F5).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.lessons.schema import ChoiceStep, SpotStep
from ui.presenter.deck import Slide, SlideKind
from ui.presenter.fit import fit_text, least_text_px, scroll_to_whole_lines
from ui.presenter.room import (
    collapse_to_answer,
    for_the_room,
    in_two_columns,
    without_touch_height,
)
from ui.presenter.stage import ScaledStage
from ui.screens.base import button, label
from ui.steps import StepView, view_for
from ui.theme import current_palette, set_role
from ui.touch import touch_scrolling

# The practice phone on the projector: the largest of the kiosk's text sizes.
PHONE_TEXT_SIZE = "huge"
# How the width is shared between the text and the practice phone beside it; and how,
# when a slide's text cannot fit even at the least size, the phone gives the text more.
TEXT_SHARE = (3, 2)
TEXT_SHARE_ROOMY = (2, 1)
# How long the way back to the controls stays in the corner after it is offered.
WAY_BACK_MS = 6000
# Its distance from the screen's corner.
WAY_BACK_MARGIN = 16


# What tells the audience view that the team member is at its screen.
_SOMEONE_IS_THERE = (QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress,
                     QEvent.Type.TouchBegin)


@contextmanager
def _phone_text_size(size: str) -> Iterator[None]:
    """The practice phone reads the kiosk's text size once, when it is made: make the
    audience's phones at `size` without changing the kiosk's setting."""
    app = QApplication.instance()
    old = app.property("kiosk_text_size")
    app.setProperty("kiosk_text_size", size)
    try:
        yield
    finally:
        app.setProperty("kiosk_text_size", old)


class _Ring(QWidget):
    """A thick outline drawn over a highlighted element of the practice phone.

    The phone makes its highlight glow with a drop-shadow effect, and Qt does not draw
    graphics effects of widgets inside a scaled stage (the element would vanish right when
    the answer is revealed), so on the projector the glow is replaced by this ring.
    """

    WIDTH = 6

    def __init__(self, target: QWidget, color: str) -> None:
        super().__init__(target)
        self.setObjectName("audience_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.color = QColor(color)
        target.installEventFilter(self)
        self.setGeometry(target.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self.setGeometry(watched.rect())
        return False

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.color, self.WIDTH))
        half = self.WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 12, 12)


def _rings_for_glows(*parts: QWidget | None) -> None:
    """Swap each highlight glow in a step's view and phone for a ring (and drop rings no
    longer wanted)."""
    color = current_palette().highlight
    for widget in [w for part in parts if part is not None
                   for w in part.findChildren(QWidget)]:
        if isinstance(widget, _Ring):
            continue
        if widget.graphicsEffect() is not None:
            widget.setGraphicsEffect(None)
        ring = widget.findChild(_Ring, options=Qt.FindChildOption.FindDirectChildrenOnly)
        wanted = bool(widget.property("highlight"))
        if wanted and ring is None:
            _Ring(widget, color)
        elif ring is not None and not wanted:
            ring.hide()
            ring.deleteLater()


class _Curtain(QWidget):
    """The black screen: covers everything while the room should look at the presenter."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("audience_black")
        self.hide()

    def paintEvent(self, event) -> None:
        QPainter(self).fillRect(self.rect(), QColor(Qt.GlobalColor.black))


class AudienceView(QWidget):
    controls_requested = Signal()  # the way back to the controls was touched (one screen)

    def __init__(self, screens, total_lessons: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offers_way_back = False  # one screen: see offer_way_back()
        self.setObjectName("audience_view")
        self.screens = screens
        self.total_lessons = total_lessons
        self.content = QWidget()
        set_role(self.content, "screen")
        self.content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(self.content)
        column.setContentsMargins(32, 12, 32, 12)
        column.setSpacing(8)
        header = QHBoxLayout()
        self.where = label("", "muted")
        self.where.setObjectName("audience_where")
        self.count = label("", "muted", wrap=False)
        self.count.setObjectName("audience_count")
        header.addWidget(self.where, 1)
        header.addWidget(self.count)
        column.addLayout(header)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # No scroll bar on the wall: the presenter scrolls with the arrow keys or the wheel.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        touch_scrolling(self.scroll)
        self.scroll.viewport().installEventFilter(self)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addWidget(self.scroll, TEXT_SHARE[0])
        # The practice phone stands here, beside the text rather than in it, so a long
        # question or explanation scrolls while the phone stays whole in view.
        self.phone_column = QWidget()
        self.phone_column.setObjectName("audience_phone_column")
        phone_layout = QVBoxLayout(self.phone_column)
        phone_layout.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.phone_column, TEXT_SHARE[1])
        self.body = body
        self.phone_column.hide()
        column.addLayout(body, 1)
        self.phone = None
        self.stage = ScaledStage(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        self.curtain = _Curtain(self)
        self.way_back = button(self.tr("Back to the controls (F5)"), None, "audience_way_back")
        self.way_back.setParent(self)
        self.way_back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.way_back.clicked.connect(self.controls_requested)
        self.way_back.hide()
        self._way_back_timer = QTimer(self)
        self._way_back_timer.setSingleShot(True)
        self._way_back_timer.setInterval(WAY_BACK_MS)
        self._way_back_timer.timeout.connect(self.way_back.hide)
        self.slide: Slide | None = None
        self.step_view: StepView | None = None
        self.revealed = False

    # -- what the controller asks -------------------------------------------------------

    def show_slide(self, slide: Slide) -> None:
        self.slide = slide
        self.revealed = False
        self.step_view = None
        if self.phone is not None:  # the last slide's phone: it is ours now, not its view's
            self.phone.hide()
            self.phone.deleteLater()
            self.phone = None
        if slide.kind in (SlideKind.STEP, SlideKind.CHECK):
            with _phone_text_size(PHONE_TEXT_SIZE):
                view = view_for(slide.step, screens=self.screens,
                                in_check=slide.kind is SlideKind.CHECK, seed=slide.lesson.id,
                                parent=self.scroll.viewport())
            keyboard = getattr(view, "keyboard", None)
            if keyboard is not None:  # nobody types on the projector
                keyboard.hide()
            for_the_room(view)
            self.step_view = view
            if view.phone is not None:
                self.phone = view.phone
                self.phone_column.layout().addWidget(self.phone)  # out of the view's row
            _rings_for_glows(view, self.phone)
            widget: QWidget = view
        else:
            widget = self._title_slide(slide)
        for part in (widget, self.phone):
            for child in part.findChildren(QWidget) if part is not None else ():
                child.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clicker's keys are ours
        self.scroll.setWidget(widget)  # the previous slide is deleted by the scroll area
        self._share_width(TEXT_SHARE)
        self.phone_column.setVisible(self.phone is not None)
        self._header(slide)
        self._fit_later()

    def reveal(self) -> None:
        """Show the right answer: the step as if done, with its explanation."""
        view, slide = self.step_view, self.slide
        if view is None or self.revealed or not slide.asks:
            return
        self.revealed = True
        view.show_answer()
        collapse_to_answer(view)  # the room has seen the options: keep the right ones
        _rings_for_glows(view, self.phone)
        step = slide.step
        explain = getattr(step, "explain", None)
        if isinstance(step, SpotStep):
            explain = explain or " ".join(t.why for t in step.targets)
        if isinstance(step, ChoiceStep) and not explain:
            # The kiosk's "Right!" would praise an answer nobody in the room gave.
            explain = self.tr("This is the right answer.")
        if explain:
            view.say(explain, right=True)
        self._fit_later()

    def scroll_by(self, lines: int) -> None:
        """Move a slide taller than the screen up or down (arrow keys, the wheel)."""
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.value() + lines * bar.singleStep() * 4)

    def _fit_later(self) -> None:
        """Fit the slide once its new text is laid out (after this event)."""
        QTimer.singleShot(0, self, self._fit)

    def _fit(self) -> None:
        """Make the slide's text as small as it must be to fit whole, never smaller than
        the room can read (a line of the stage's smallest text, 1/25 of the screen); if
        even that is too tall, show the explanation whole, and the right option above it
        when a question cannot show both, with no line cut at the top."""
        if self.scroll.widget() is None:
            return
        least = least_text_px(self.stage.height_)
        fits = fit_text(self.scroll, least)
        for roomier in self._roomier_layouts():
            if fits:
                break
            if roomier():
                self._settle()
                fits = fit_text(self.scroll, least)
        self._settle()  # the new height
        view = self.step_view
        if fits or view is None or not self.revealed or not view.feedback.isVisible():
            self.scroll.verticalScrollBar().setValue(0)
            return
        right = [o for o in getattr(view, "options", []) if o.property("verdict") == "right"]
        scroll_to_whole_lines(self.scroll, right[0] if right else None, view.feedback)

    def _roomier_layouts(self) -> list:
        """What may be changed, in this order, for a slide whose text cannot fit at the
        least size: each returns whether it changed anything."""
        view = self.step_view
        if view is None:
            return []
        return [lambda: self._share_width(TEXT_SHARE_ROOMY),
                lambda: without_touch_height(view), lambda: in_two_columns(view)]

    def _share_width(self, share: tuple[int, int]) -> bool:
        """Share the width between the text and the phone; say whether it changed."""
        if not self.phone_column.isVisibleTo(self) or (
                self.body.stretch(0) == share[0] and self.body.stretch(1) == share[1]):
            self.body.setStretch(0, share[0])
            self.body.setStretch(1, share[1])
            return False
        self.body.setStretch(0, share[0])
        self.body.setStretch(1, share[1])
        return True

    def _settle(self) -> None:
        self.content.layout().activate()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.scroll.viewport():
            self._fit_later()
        elif event.type() in _SOMEONE_IS_THERE and self.offers_way_back:
            self.show_way_back()
        return False

    # -- the way back to the controls (one screen) -----------------------------------------

    def offer_way_back(self) -> None:
        """This view shares the team member's only screen: offer the way back to the
        controls whenever it appears or the mouse or a finger moves on it."""
        self.offers_way_back = True
        self.stage.viewport().setMouseTracking(True)
        self.stage.viewport().installEventFilter(self)
        self.show_way_back()

    def show_way_back(self) -> None:
        if not self.offers_way_back or not self.isVisible() or self.black:
            return
        self._place_way_back()
        self.way_back.show()
        self.way_back.raise_()
        self._way_back_timer.start()

    def _place_way_back(self) -> None:
        self.way_back.adjustSize()
        size = self.way_back.size()
        self.way_back.move(self.width() - size.width() - WAY_BACK_MARGIN,
                           self.height() - size.height() - WAY_BACK_MARGIN)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.show_way_back()

    def set_black(self, black: bool) -> None:
        self.curtain.setGeometry(self.rect())
        self.curtain.setVisible(black)
        if black:
            self.way_back.hide()
            self.curtain.raise_()

    @property
    def black(self) -> bool:
        return self.curtain.isVisible()

    def main_text(self) -> QLabel | None:
        """The slide's main text (a question, an explanation, a lesson's title)."""
        widget = self.scroll.widget()
        if widget is None:
            return None
        for role in ("question", "hero", "lead"):
            for found in widget.findChildren(QLabel):
                if found.property("role") == role and found.text():
                    return found
        return None

    # -- building -----------------------------------------------------------------------

    def _header(self, slide: Slide) -> None:
        if slide.kind in (SlideKind.CHECK_INTRO, SlideKind.CHECK):
            self.where.setText(self.tr("Group check"))
        else:
            self.where.setText(self.tr("Lesson %1 of %2: %3")
                               .replace("%1", str(slide.lesson_number))
                               .replace("%2", str(self.total_lessons))
                               .replace("%3", slide.lesson.title))
        if slide.kind is SlideKind.STEP:
            text = self.tr("Step %1 of %2")
        elif slide.kind is SlideKind.CHECK:
            text = self.tr("Question %1 of %2")
        else:
            text = ""
        self.count.setText(text.replace("%1", str(slide.number))
                           .replace("%2", str(slide.total)))

    def _title_slide(self, slide: Slide) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        column.addStretch(1)
        if slide.kind is SlideKind.LESSON:
            lesson = slide.lesson
            title = label(lesson.title, "hero")
            column.addWidget(title)
            if lesson.summary:
                column.addWidget(label(lesson.summary, "lead"))
            column.addWidget(label(self.tr("About %n minute(s)", "", lesson.minutes), "muted"))
        else:
            column.addWidget(label(self.tr("Group check"), "hero"))
            column.addWidget(label(self.tr(
                "Answer each question in your head or by raising your hand. The team member "
                "notes who can do it."), "lead"))
        column.addStretch(2)
        return page

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.curtain.setGeometry(self.rect())
        self._place_way_back()
