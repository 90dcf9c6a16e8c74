"""The kiosk's one window: a stack of screens. It starts with the welcome screen alone;
the rest is built in phase 2 of start-up (see ui.app).

In kiosk mode (setting `fullscreen`) it cannot be closed from the touch screen or the
keyboard (ui.lockdown): only staff can close it, from the console. Whoever is at it, an
idle timeout (ui.idle) and an unexpected error (ui.crash) bring it back to the welcome
screen with nothing of the last person left on any screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from kiosk.settings import Settings
from ui.idle import IdleWarning, IdleWatcher
from ui.lockdown import LockDown
from ui.modes import Mode, ModeManager
from ui.screens.welcome import WelcomeScreen

log = logging.getLogger(__name__)

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
        self.lockdown = LockDown(config.fullscreen, self)
        if config.fullscreen:
            # No title bar to close it by, and above any other window where the platform
            # lets a window say so.
            self.setWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint
                                | Qt.WindowType.WindowStaysOnTopHint)
        self.idle = IdleWatcher(config.idle_timeout, parent=self)
        self.idle.warning.connect(self._idle_warning)
        self.idle.warning_over.connect(self._idle_warning_over)
        self.idle.expired.connect(self._idle_expired)
        self._idle_overlay: IdleWarning | None = None
        self._crash_notice = None
        self.modes.entered.connect(self._watch_idle)
        self.stack.currentChanged.connect(self._watch_idle)
        self.flow = None
        self.station = None
        self.startup_error: str | None = None
        self.damage = None  # kiosk.health.Damage when the records file was found damaged
        self.maintenance = None  # ui.maintenance.Maintenance, once the kiosk is ready
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
            self.damage = getattr(exc, "damage", None)  # staff get the recovery screen
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
        self.startup_error = self.damage = None
        self._start_maintenance()
        self.ready.emit()

    def _start_maintenance(self) -> None:
        """Automatic backups in the background while the welcome screen waits."""
        from ui.maintenance import Maintenance

        if self.maintenance is not None:
            self.maintenance.stop()
        self.maintenance = Maintenance(
            self.station, lambda: self.current_screen() is self.welcome, self)
        self.maintenance.start()

    def show_console(self, page: str | None = None, shortcut: str | None = None) -> None:
        """Ask for a staff PIN, then open the console (at `page` if the role may see it)."""
        if self.modes.mode is Mode.PRESENTER:
            return  # a group session is on screen: its own controls end it first
        if self.station is None and self.damage is not None:
            from ui.screens.recovery import RecoveryScreen

            # The records file is damaged: restore a backup, then start up again.
            recovery = RecoveryScreen(self.config, self.damage)
            recovery.recovered.connect(self.finish_startup)
            self._show_staff_screen(recovery)
            return
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
        console.quit_requested.connect(self.quit_kiosk)
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

    # -- lock-down ------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        """In kiosk mode nothing closes the window but staff (`quit_kiosk`)."""
        if not self.lockdown.allows_close():
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.lockdown.locked:
            event.accept()  # Escape at the top level leaves nothing, full screen included
            return
        super().keyPressEvent(event)

    def quit_kiosk(self) -> None:
        """Staff closed the kiosk from the console (or the system is shutting down)."""
        log.info("the kiosk closes")
        self.lockdown.allow_quit()
        self.close()
        QApplication.quit()

    # -- back to the welcome screen -------------------------------------------------------

    def return_to_welcome(self, reason: str = "idle", _attempt: int = 0) -> None:
        """Leave whatever is on screen for the welcome screen, forgetting who was there
        (`reason`: "idle" or "error"). A group session is left alone."""
        if self.modes.mode is Mode.PRESENTER:
            return
        if _close_dialogs() and _attempt < 5:
            # A dialog's own event loop ends once this call returns: go on after it.
            QTimer.singleShot(0, self, lambda: self.return_to_welcome(reason, _attempt + 1))
            return
        if self.modes.mode is Mode.STAFF:
            self._end_staff_session(reason)
        elif self.flow is not None:
            self.flow.to_welcome()
        else:
            self.show_screen(self.welcome)

    def _end_staff_session(self, reason: str) -> None:
        screen = self.current_screen()
        if hasattr(screen, "sign_out"):
            screen.sign_out(reason)  # the console: its audit entry says why
        elif hasattr(screen, "closed"):
            screen.closed.emit()
        else:
            self.modes.enter(Mode.KIOSK)
            self.show_screen(self.welcome)

    def recover_from_crash(self) -> None:
        """An unexpected error (ui.crash): say so calmly and start again from welcome."""
        from ui.crash import CrashNotice

        mode = self.modes.mode
        audience = {Mode.PRESENTER: "presenter", Mode.STAFF: "staff"}.get(mode, "resident")
        self.return_to_welcome("error")
        if self._crash_notice is None:
            self._crash_notice = CrashNotice(self)
        self._crash_notice.show_message(audience)

    # -- idle timeout ---------------------------------------------------------------------

    def _watch_idle(self, *_changed) -> None:
        """Watch for an idle kiosk while someone's work is on screen: a resident past the
        welcome screen, or staff (signed in or signing in). Never a group session."""
        mode = self.modes.mode
        if mode is Mode.PRESENTER:
            active = False
        elif mode is Mode.STAFF:
            active = True
        else:
            active = self.current_screen() is not self.welcome
        self.idle.set_active(active)

    def _idle_warning(self, seconds: int) -> None:
        if self._idle_overlay is None:
            self._idle_overlay = IdleWarning(self)
        self._idle_overlay.show_seconds(seconds, staff=self.modes.mode is Mode.STAFF)

    def _idle_warning_over(self) -> None:
        if self._idle_overlay is not None:
            self._idle_overlay.hide()

    def _idle_expired(self) -> None:
        log.info("nobody touched the kiosk for %s s (%s mode): back to the welcome screen",
                 self.idle.timeout_s, self.modes.mode.value)
        self.return_to_welcome()


def _close_dialogs() -> bool:
    """Cancel every open modal dialog and popup (staff left a question open); True when
    there was one."""
    app = QApplication.instance()
    closed = False
    for _ in range(10):
        widget = app.activePopupWidget() or app.activeModalWidget()
        if widget is None:
            break
        closed = True
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()
    return closed
