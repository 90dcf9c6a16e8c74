"""The kiosk's one window: a stack of screens. It starts with the welcome screen alone;
the rest is built in phase 2 of start-up (see ui.app)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QPushButton, QStackedWidget, QWidget

from kiosk.settings import Settings
from ui.modes import Mode, ModeManager
from ui.screens.welcome import WelcomeScreen

# What a staff shortcut opens on the console's certificates page.
_SECTIONS = {"Ctrl+Shift+V": "verify", "Ctrl+Shift+P": "queue"}


class MainWindow(QMainWindow):
    # Emitted when phase 2 of start-up is over, whether or not it succeeded.
    ready = Signal()

    def __init__(self, config: Settings) -> None:
        super().__init__()
        self.config = config
        self.setWindowTitle(self.tr("Digital Skills Station"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.welcome = WelcomeScreen(config.commune_name, config.province_name)
        self.stack.addWidget(self.welcome)
        # Holding the commune's name (or five quick taps on it) asks for a staff PIN.
        self.welcome.staff_requested.connect(lambda: self.show_console())
        self.modes = ModeManager(self)
        self.flow = None
        self.station = None
        self.startup_error: str | None = None
        # The staff console, behind a PIN. Its pages can be asked for directly: broken
        # lessons and settings, checking a certificate (a USB scanner types the QR code's
        # text), printing the certificates residents asked for.
        for keys, page in (("Ctrl+Shift+S", None), ("Ctrl+Shift+L", "problems"),
                           ("Ctrl+Shift+V", "certificates"),
                           ("Ctrl+Shift+P", "certificates")):
            QShortcut(QKeySequence(keys), self,
                      activated=lambda page=page, keys=keys: self.show_console(page, keys))

    def show_screen(self, screen: QWidget) -> None:
        if self.stack.indexOf(screen) < 0:
            self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        # Keyboard focus starts where the screen says (a scanner's field), else on its main
        # action, never on "No" or "Back".
        wanted = getattr(screen, "initial_focus", None)
        if wanted is not None:
            wanted.setFocus()
            return
        primary = [b for b in screen.findChildren(QPushButton)
                   if b.property("role") == "primary" and b.isVisibleTo(screen)
                   and b.isEnabled()]
        if primary:
            primary[0].setFocus()

    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    def finish_startup(self) -> None:
        """Phase 2: open storage and lessons, then build the other screens."""
        from kiosk.db.engine import DatabaseError
        from kiosk.station import open_station
        from ui.flow import KioskFlow

        try:
            self.station = open_station(self.config)
        except DatabaseError as exc:
            self.startup_error = str(exc)
            self.welcome.set_ready(False, self.tr(
                "The kiosk cannot open its records. Please ask a staff member for help."))
            self.ready.emit()
            return
        speaker = None
        if self.config.read_aloud:
            from ui.speech import Speaker

            speaker = Speaker(self.config.speech_engine or None, self)
        self.flow = KioskFlow(self, self.station, speaker)
        notice = ""
        if self.station.pack.disabled:
            notice = self.tr("%n lesson(s) are switched off because of errors "
                             "(staff: Ctrl+Shift+L).", "", len(self.station.pack.disabled))
        self.welcome.set_ready(True, notice)
        self.ready.emit()

    def show_console(self, page: str | None = None, shortcut: str | None = None) -> None:
        """Ask for a staff PIN, then open the console (at `page` if the role may see it)."""
        if self.modes.mode is Mode.PRESENTER:
            return  # a group session is on screen: its own controls end it first
        if self.station is None:
            from ui.screens.problems import ProblemsScreen

            # Without storage there is nobody to sign in: show what went wrong.
            problems = [self.startup_error or "", *self.config.problems]
            self._show_staff_screen(ProblemsScreen([p for p in problems if p]))
            return
        from ui.console.login import LoginScreen

        login = LoginScreen(self.station)
        login.signed_in.connect(
            lambda user: self.open_console(user, page, section=_SECTIONS.get(shortcut)))
        self._show_staff_screen(login)

    def open_console(self, user, page: str | None = None, section: str | None = None):
        """The console for a signed-in staff member (kiosk.staff.StaffUserInfo)."""
        from ui.console.context import ConsoleContext
        from ui.console.window import ConsoleScreen

        console = ConsoleScreen(ConsoleContext(self.station, user, modes=self.modes))
        shown = console.open_page(page) if page else None
        if section and hasattr(shown, "show_section"):
            shown.show_section(section)
        previous = self.current_screen()
        self._show_staff_screen(console)
        if previous is not self.welcome and hasattr(previous, "closed"):
            self.stack.removeWidget(previous)
            previous.deleteLater()
        return console

    def _show_staff_screen(self, screen: QWidget) -> None:
        screen.closed.connect(lambda: self._close_staff_screen(screen))
        if self.flow is not None:
            self.flow.to_welcome()  # a resident's session never stays behind staff screens
        self.modes.enter(Mode.STAFF)
        self.show_screen(screen)

    def _close_staff_screen(self, screen: QWidget) -> None:
        self.modes.enter(Mode.KIOSK)
        self.stack.setCurrentWidget(self.welcome)
        self.stack.removeWidget(screen)
        screen.deleteLater()
