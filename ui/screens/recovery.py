"""For staff, when the kiosk's records file was found damaged at start (kiosk.health).

Residents see only the welcome screen saying the kiosk needs a staff member; staff reach
this screen with the usual staff gesture or Ctrl+Shift+S. It says what is wrong in plain
words, looks in the background for the newest backup that passes its check, and offers to
restore it. The damaged file is moved aside, never deleted, and the screen says where.

Restoring asks for a confirmation rather than a staff PIN: the PINs are in the damaged
file, which the kiosk does not open, and restoring loses nothing (the damaged file is kept
whole for a technician), so the question guards against a slip of the finger.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk import backup, health
from kiosk.backup import BackupCheck, BackupError, BackupFile
from kiosk.health import Damage, Recovery
from kiosk.settings import Settings
from ui import operations
from ui.console.settings_parts import WorkRow, ask, explain, open_file
from ui.screens.base import Screen, button, label
from ui.theme import set_role
from ui.touch import scroll_area

TIME_FORMAT = "%H:%M %d/%m/%Y"


class RecoveryScreen(Screen):
    closed = Signal()
    # The restored records are in place: start-up may open them now.
    recovered = Signal()

    def __init__(self, config: Settings, damage: Damage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.damage = damage
        self.found: tuple[BackupFile, BackupCheck] | None = None
        self._leave_when_done = False
        self.title = label(self.tr("The kiosk's records are damaged"), "title")
        self.top.addWidget(self.title, 1)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        column.addWidget(label(damage.problem, "lead"))
        column.addWidget(label(self.tr("File: %1. What was found: %2").replace(
            "%1", str(damage.path)).replace("%2", damage.detail), "muted"))
        self.status = label("", "lead")
        self.status.setObjectName("recovery_status")
        column.addWidget(self.status)
        # The way out, under the sentence that offers it; its text names the backup's time.
        self.restore_newest = button("", "primary", "recovery_restore", wrap=True)
        self.restore_newest.clicked.connect(self.restore_found)
        self.restore_newest.hide()
        column.addWidget(self.restore_newest)
        self.work = WorkRow("recovery_work", busy_changed=self._busy)
        column.addWidget(self.work)
        column.addWidget(label(self.tr(
            "Nothing is deleted: before a backup is restored, the damaged file is moved to "
            "%1, where a technician can try to get more out of it.").replace(
            "%1", str(health.damaged_folder(config))), "muted"))
        column.addStretch(1)
        self.body.addWidget(scroll_area(content, "recovery_scroll"), 1)

        self.from_file = button(self.tr("Restore from a file…"), None, "recovery_from_file")
        self.from_file.clicked.connect(self.choose_file)
        self.close_button = button(self.tr("Close"), None, "recovery_close")
        self.close_button.clicked.connect(self.closed)
        self.done = button(self.tr("Back to the welcome screen"), "primary", "recovery_done")
        self.done.clicked.connect(self.closed)
        self.done.hide()
        self.footer.addWidget(self.from_file)
        self.footer.addStretch(1)
        self.footer.addWidget(self.close_button)
        self.footer.addWidget(self.done)
        self.search()

    # --- finding the newest good backup ----------------------------------------------------

    def search(self) -> operations.Operation:
        config = self.config
        self._say(self.tr("Looking for the newest backup in good order…"), "lead")
        return self.work.start(lambda progress: backup.newest_restorable(config, progress),
                               self.tr("Checking the backups…"), self._searched,
                               self._failed)

    def _searched(self, found: tuple[BackupFile, BackupCheck] | None) -> None:
        self.found = found
        if found is None:
            self._say(self.tr(
                "There is no backup on this kiosk that can be restored. Please call the "
                "person who looks after the kiosk's computer. If a backup was saved "
                "elsewhere (a USB stick), restore it with “Restore from a file…”. Until "
                "then the kiosk stays closed to residents and the damaged file stays as "
                "it is."), "error")
            return
        made, checked = found
        when = f"{made.made_at:{TIME_FORMAT}}"
        self._say(self.tr(
            "The newest backup in good order was made at %1 and holds %n resident(s). "
            "What was recorded after that time is not in it.", "", checked.residents)
            .replace("%1", when), "lead")
        self.restore_newest.setText(self.tr("Restore the newest backup (%1)").replace(
            "%1", when))
        self.restore_newest.show()
        self.restore_newest.setFocus()

    # --- restoring -------------------------------------------------------------------------

    def restore_found(self) -> None:
        if self.found is not None:
            made, checked = self.found
            self.confirm_and_restore(made.path, f"{made.made_at:{TIME_FORMAT}}",
                                     checked.residents)

    def choose_file(self) -> None:
        source = open_file(self, self.tr("Choose a backup to restore"),
                           self.tr("Kiosk backups (*.sqlite3 *.db);;All files (*)"))
        if source is None:
            return
        config = self.config
        self.work.start(lambda progress: backup.check(config, source),
                        self.tr("Checking the backup…"),
                        lambda checked: self.confirm_and_restore(
                            source, source.name, checked.residents),
                        self._failed)

    def confirm_and_restore(self, source: Path, what: str, residents: int) -> None:
        question = self.tr(
            "Restore the backup %1 (%n resident(s))?\n\nThe damaged file is moved to %2 "
            "and kept. What was recorded after the backup was made is not in it.\n\nThe "
            "kiosk then works again with the restored records.", "", residents).replace(
            "%1", what).replace("%2", str(health.damaged_folder(self.config)))
        if not ask(self, self.tr("Restore a backup"), question, self.tr("Restore")):
            return
        config = self.config
        self.work.start(lambda progress: health.recover(config, source, progress=progress),
                        self.tr("Restoring…"), self._recovered, self._failed)

    def _recovered(self, result: Recovery) -> None:
        self.title.setText(self.tr("The kiosk's records were restored"))
        self._say(self.tr(
            "Restored: %n resident(s) are back. The kiosk is working again. The damaged "
            "file is kept as %1.", "", result.check.residents).replace(
            "%1", str(result.kept_at)), "lead")
        for widget in (self.restore_newest, self.from_file, self.close_button):
            widget.hide()
        self.done.show()
        self.done.setFocus()
        self.recovered.emit()

    # --- shared ----------------------------------------------------------------------------

    def sign_out(self, reason: str = "") -> None:
        """Leave for the welcome screen (the idle timeout), but never in the middle of a
        restore: then once it is over, so that the kiosk starts on what it restored."""
        if self.work.busy:
            self._leave_when_done = True
            return
        self.closed.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, operations.Cancelled):
            self._say(self.tr("Stopped. Nothing was changed."), "muted")
        elif isinstance(exc, BackupError):
            self._say(str(exc), "error")
        else:
            self._say(explain(exc), "error")

    def _busy(self, busy: bool) -> None:
        for widget in (self.restore_newest, self.from_file, self.close_button):
            widget.setEnabled(not busy)
        if not busy and self._leave_when_done:
            self._leave_when_done = False
            self.closed.emit()

    def _say(self, text: str, role: str) -> None:
        set_role(self.status, role)
        self.status.setText(text)
