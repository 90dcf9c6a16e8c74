"""One group session on screen: which slide is shown, and where the windows go.

The team member's view takes the kiosk window's place (the kiosk is full screen already).
With two screens (a laptop and a projector) the audience view fills the projector in a
window of its own. With one screen, the kiosk window holds both views and F5 (or a button)
switches between them, so a laptop mirrored to a projector works too; the session then
starts on the audience view, since the room may already be looking at the screen and the
control view shows who came. The controller
enters Mode.PRESENTER while the session is on screen and goes back to Mode.STAFF when the
team member leaves it (the session stays open, to continue later) or ends it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk import group_sessions as gs
from kiosk.residents import list_hamlets
from ui import operations
from ui.console.context import ConsoleContext
from ui.modes import Mode
from ui.presenter.audience import AudienceView
from ui.presenter.deck import Slide, build_deck, check_start
from ui.presenter.keys import Action, ClickerKeys


def projector_screen(home: QScreen | None, wanted: QScreen | None) -> QScreen | None:
    """The screen for the audience view, or None when there is only the one screen."""
    screens = QGuiApplication.screens()
    if wanted is not None and wanted in screens and wanted is not home:
        return wanted
    return None


def other_screen(home: QScreen | None) -> QScreen | None:
    """A sensible default projector: any screen that is not the kiosk's own."""
    return next((s for s in QGuiApplication.screens() if s is not home), None)


class PresenterWindow(QWidget):
    """A top-level window for a view of its own (the audience view on the projector, or
    the team member's view when there is no kiosk window to hold it). Closing it leaves
    the session open."""

    close_requested = Signal()

    def __init__(self, title: str, content: QWidget) -> None:
        super().__init__()
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)
        self.closing = False

    def closeEvent(self, event) -> None:
        if not self.closing:
            self.close_requested.emit()
        super().closeEvent(event)


class _Frame(QStackedWidget):
    """The team member's view, and with one screen the room's view behind it. The hidden
    page keeps the frame's size too, so the preview shows the room's picture as it will
    be when switched to."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for index in range(self.count()):
            self.widget(index).resize(self.size())


class PresenterController(QObject):
    slide_changed = Signal()  # a new slide, the answer revealed, or black on/off
    finished = Signal(object)  # gs.SessionReport when ended, None when left open

    def __init__(self, ctx: ConsoleContext, session: gs.SessionInfo,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        from ui.presenter.control import ControlView

        self.ctx = ctx
        self.station = ctx.station
        self.session = session
        pack = self.station.pack
        self.lessons = [pack.lessons[x] for x in session.lesson_ids if x in pack.lessons]
        self.deck = build_deck(self.lessons)
        self.position = 0
        self.audience = AudienceView(pack.screens, len(self.lessons))
        self.control = ControlView(self, list_hamlets(ctx.db))
        self.windows: list[QWidget] = []  # the windows whose keys are the presenter's
        self._owned: list[PresenterWindow] = []
        self._home: QWidget | None = None
        self._previous: QWidget | None = None
        self.frame: QStackedWidget | None = None
        self.projector: QScreen | None = None
        self.keys = ClickerKeys(lambda: self.windows, lambda: self.audience.black, self)
        self.keys.action.connect(self.act)
        self.keys.scanned.connect(self.scanned)
        self.running = False
        self.ending: operations.Operation | None = None

    # -- on screen ----------------------------------------------------------------------

    @property
    def one_screen(self) -> bool:
        return self.projector is None

    def start(self, home: QWidget | None, projector: QScreen | None = None) -> None:
        """Show the session. `home` is the kiosk's window: the team member's view takes its
        place there (a kiosk window is already full screen) and its screen keeps it;
        `projector` is the screen chosen for the room, if there are two."""
        home_screen = home.screen() if home is not None else QGuiApplication.primaryScreen()
        self.projector = projector_screen(home_screen, projector)
        title = self.tr("Group session")
        self.frame = _Frame()
        self.frame.setObjectName("presenter_frame")
        self.frame.addWidget(self.control)
        if self.one_screen:
            self.frame.addWidget(self.audience)
            self.frame.setCurrentWidget(self.audience)
            self.audience.controls_requested.connect(self.toggle_view)
        # Read by the kiosk window's show_screen.
        self.frame.initial_focus = self.frame.currentWidget()
        if home is not None and hasattr(home, "show_screen"):
            self._home, self._previous = home, home.current_screen()
            home.show_screen(self.frame)
            self.windows = [home]
        else:
            self._home = self._previous = None
            own = PresenterWindow(title, self.frame)
            own.setObjectName("presenter_control_window")
            own.close_requested.connect(self.leave)
            self._owned = [own]
            self._place(own, home_screen, home_screen.availableGeometry(), False)
            self.windows = [own]
        if not self.one_screen:
            room = PresenterWindow(title, self.audience)
            room.setObjectName("presenter_audience_window")
            room.close_requested.connect(self.leave)
            self._owned.append(room)
            self._place(room, self.projector, self.projector.geometry(), True)
            self.windows.append(room)
        QApplication.instance().installEventFilter(self.keys)
        self.running = True
        if self.ctx.modes is not None:
            self.ctx.modes.enter(Mode.PRESENTER)
        self.go_to(0)
        self.frame.currentWidget().setFocus()
        if self.one_screen:
            self.audience.offer_way_back()

    @staticmethod
    def _place(window: QWidget, screen: QScreen, geometry, full: bool) -> None:
        window.setScreen(screen)
        window.setGeometry(geometry)
        if full:
            window.showFullScreen()
        else:
            window.show()

    def showing_audience(self) -> bool:
        """Whether the audience view is what the team member's screen shows (one screen)."""
        return self.one_screen and self.running and \
            self.frame.currentWidget() is self.audience

    def toggle_view(self) -> None:
        if not self.one_screen or not self.running:
            return
        shown = self.control if self.showing_audience() else self.audience
        self.frame.setCurrentWidget(shown)
        shown.setFocus()
        self.slide_changed.emit()

    # -- slides ---------------------------------------------------------------------------

    @property
    def slide(self) -> Slide:
        return self.deck[self.position]

    @property
    def next_slide(self) -> Slide | None:
        return self.deck[self.position + 1] if self.position + 1 < len(self.deck) else None

    @property
    def revealed(self) -> bool:
        return self.audience.revealed

    @property
    def black(self) -> bool:
        return self.audience.black

    def go_to(self, position: int) -> None:
        self.position = max(0, min(position, len(self.deck) - 1))
        self.audience.show_slide(self.slide)
        self.slide_changed.emit()

    def next(self) -> None:
        """On a question, the first press reveals its answer; the next one moves on."""
        if self.slide.asks and not self.revealed:
            self.reveal()
        elif self.position + 1 < len(self.deck):
            self.go_to(self.position + 1)

    def back(self) -> None:
        if self.position > 0:
            self.go_to(self.position - 1)

    def reveal(self) -> None:
        self.audience.reveal()
        self.slide_changed.emit()

    def set_black(self, black: bool) -> None:
        self.audience.set_black(black)
        self.slide_changed.emit()

    def group_check(self) -> None:
        self.go_to(check_start(self.deck))
        self.control.show_roster()

    def act(self, action: Action) -> None:
        if action is Action.NEXT:
            self.next()
        elif action is Action.BACK:
            self.back()
        elif action is Action.BLACK:
            self.set_black(not self.black)
        elif action is Action.ESCAPE:
            if self.black:
                self.set_black(False)
            elif self.showing_audience():
                self.toggle_view()
        elif action is Action.TOGGLE_VIEW:
            self.toggle_view()
        elif action is Action.SCROLL_UP:
            self.audience.scroll_by(-1)
        elif action is Action.SCROLL_DOWN:
            self.audience.scroll_by(1)

    def scanned(self, code: str) -> None:
        """A learner card scanned anywhere in the presenter windows."""
        self.control.roster.check_in_code(code)

    # -- leaving --------------------------------------------------------------------------

    def end(self, notes: str) -> operations.Operation:
        """End the session off the UI thread (completing everyone's lessons takes a moment
        with a full room); the presenter closes when it is recorded. The operation fails
        with gs.SessionError for the control view to show."""
        db, actor, session_id = self.ctx.db, self.ctx.user, self.session.id
        lessons, by_skill = self.station.pack.lessons, self.station.lessons_by_skill()
        self.ending = operations.run(
            lambda _progress: gs.end(db, actor, session_id, lessons, by_skill, notes))
        self.ending.succeeded.connect(self._ended)
        return self.ending

    def _ended(self, report: gs.SessionReport) -> None:
        self.ending = None
        self._close()
        self.finished.emit(report)

    def leave(self) -> None:
        """Leave the presenter view; the session stays open to continue or end later."""
        if self.running and self.ending is None:
            self._close()
            self.finished.emit(None)

    def _close(self) -> None:
        self.running = False
        QApplication.instance().removeEventFilter(self.keys)
        for window in self._owned:
            window.closing = True
            window.close()
            window.deleteLater()
        if self._home is not None:
            self._home.show_screen(self._previous)
        self.frame.deleteLater()
        self._owned, self.windows = [], []
        if self.ctx.modes is not None:
            self.ctx.modes.enter(Mode.STAFF)
