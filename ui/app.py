"""Start-up of the kiosk, in the order it happens.

Phase 1, before anything is painted (kept small, it is what a resident waits for):
    read the settings (TOML, no ORM), create the QApplication, load the bundled fonts and
    the Vietnamese translation, apply the style sheet, show the welcome screen.
Phase 2, once the welcome screen has been painted (deferred with a zero timer):
    import SQLAlchemy's ORM and open, migrate and seed the database; load and validate
    the lesson packs; import qtawesome and build the other screens (ui.flow). Until this
    is done the welcome screen's buttons are disabled and say it is getting ready.
Nothing of reportlab or the certificate code is imported by either phase.

Before phase 1 `run` also opens the log (kiosk.logs: a rotating file in the user log
folder, faulthandler on) and installs the crash handler (ui.crash), so an error anywhere
later is logged and brings the kiosk back to its welcome screen instead of ending it;
SIGTERM and SIGINT quit cleanly despite the lock-down (ui.lockdown).
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from kiosk import logs, paths, settings
from ui import theme
from ui.crash import CrashHandler
from ui.lockdown import quit_on_signals
from ui.main_window import MainWindow

FONTS = paths.RESOURCES / "fonts"
TRANSLATIONS = paths.RESOURCES / "translations"


def load_fonts() -> None:
    for font in sorted(FONTS.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font))


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """The kiosk's own translation and Qt's (for the few strings Qt itself shows)."""
    installed = []
    if language == "en":
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    for name, folder in ((f"kiosk_{language}", TRANSLATIONS),
                         (f"qtbase_{language}",
                          QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


class _FirstPaint(QObject):
    """Runs a callback once, right after the watched widget's first paint."""

    def __init__(self, widget, callback) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def create_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName("Trạm Kỹ năng số")
    app.setDesktopFileName("tram-ky-nang-so")
    # The presenter's laptop shows it in its task switcher; the kiosk itself has no frame.
    app.setWindowIcon(QIcon(str(paths.RESOURCES / "icons" / "tram-ky-nang-so.png")))
    return app


def prepare(app: QApplication, config: settings.Settings) -> None:
    load_fonts()
    # Translators must outlive the call; they are parented to the app, and removed
    # before new ones are installed when prepare() runs again (tests, screenshots).
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    install_translators(app, config.language)
    theme.apply(app, config.text_size, config.contrast)


def _finish_printing() -> None:
    """A certificate being printed is finished before the kiosk quits; the rest of its
    batch stays queued. (Print support is loaded only once something was printed.)"""
    printing = sys.modules.get("ui.printing")
    if printing is not None:
        printing.finish_running_batches()


def run(argv: list[str]) -> int:
    config = settings.load()
    log_files = logs.setup()
    app = create_app(argv)
    crashes = CrashHandler(app)
    crashes.install()
    prepare(app, config)
    window = MainWindow(config)
    crashes.crashed.connect(window.recover_from_crash)
    # A system shutdown ends the kiosk like staff would: clean, lock-down lifted.
    quit_on_signals(app, window.lockdown.allow_quit)
    app.commitDataRequest.connect(lambda _manager: window.lockdown.allow_quit())
    app.aboutToQuit.connect(_finish_printing)
    exit_after_paint = os.environ.get("KIOSK_EXIT_AFTER_PAINT") == "1"
    if exit_after_paint:
        # For the start-up benchmark: the first screen is painted, then leave (through
        # the way staff close the kiosk, since the lock-down refuses any other).
        _FirstPaint(window.welcome, window.quit_kiosk)
    else:
        _FirstPaint(window.welcome, window.finish_startup)
    if QGuiApplication.platformName() in ("offscreen", "minimal") or not config.fullscreen:
        window.resize(1280, 720)
        window.show()
    else:
        # Kiosk PCs often run X without a window manager, which would leave a full-screen
        # request unanswered: take the whole screen's geometry ourselves as well.
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
    log = logging.getLogger(__name__)
    log.info("the kiosk is running (process %s)", os.getpid())
    try:
        return app.exec()
    finally:
        crashes.uninstall()
        log.info("the kiosk quit")
        log_files.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(sys.argv))
