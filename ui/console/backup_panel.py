"""Backup and restore from the console (kiosk.backup), each run off the UI thread with
its progress and a "Dừng".

A restore is checked first (in the background), then staff confirm with what the backup
holds in front of them; the core keeps a safety copy of the data it replaces. A kiosk on
a shared PostgreSQL server gets no buttons here, only the sentence saying the server's
tools do it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk import backup
from kiosk.backup import BackupCheck, BackupError, BackupFile, RestoreResult
from kiosk.staff import NotAllowed
from ui import operations
from ui.console.backup_model import BackupListModel, size_text
from ui.console.context import ConsoleContext
from ui.console.settings_parts import WorkRow, ask, explain, open_file, save_file
from ui.screens.base import button, label
from ui.theme import CONSOLE_TOUCH, set_role
from ui.touch import touch_scrolling


class BackupPanel(QWidget):
    # The live data was replaced by a backup: pages showing data should read it again.
    restored = Signal()

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.config = ctx.station.config
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        self.server = backup.sqlite_file(self.config) is None
        if self.server:
            note = label(self.tr(
                "This kiosk uses a shared database on a server. Back it up and restore it "
                "with the server's own tools (pg_dump and pg_restore for PostgreSQL), where "
                "the server is looked after."), "lead")
            note.setObjectName("backup_server_note")
            layout.addWidget(note)
            layout.addStretch(1)
            return

        folder = backup.backups_folder(self.config)
        layout.addWidget(label(self.tr(
            "Back the records up while the kiosk keeps working. The newest %1 automatic "
            "backups are kept in %2.").replace("%1", str(self.config.backups_kept)).replace(
            "%2", str(folder)), "muted"))
        actions = QHBoxLayout()
        actions.setSpacing(12)
        self.backup_now = button(self.tr("Back up now"), "primary", "backup_now")
        self.backup_now.clicked.connect(self.start_backup)
        self.backup_to_file = button(self.tr("Back up to a file…"), None, "backup_to_file")
        self.backup_to_file.clicked.connect(self.choose_backup_file)
        actions.addWidget(self.backup_now)
        actions.addWidget(self.backup_to_file)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.work = WorkRow("backup_work", busy_changed=self._busy)
        layout.addWidget(self.work)
        self.status = label("", "lead")
        self.status.setObjectName("backup_status")
        self.status.hide()
        layout.addWidget(self.status)

        self.model = BackupListModel(self)
        self.table = QTableView()
        self.table.setObjectName("backup_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(CONSOLE_TOUCH)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupListModel.KIND, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._busy(self.work.busy))
        touch_scrolling(self.table)
        layout.addWidget(self.table, 1)
        self.empty = label(self.tr("No backup yet."), "muted")
        layout.addWidget(self.empty)

        restore_row = QHBoxLayout()
        restore_row.setSpacing(12)
        self.restore_selected = button(self.tr("Restore the chosen backup…"), None,
                                       "backup_restore")
        self.restore_selected.clicked.connect(self.restore_chosen)
        self.restore_file = button(self.tr("Restore from a file…"), None,
                                   "backup_restore_file")
        self.restore_file.clicked.connect(self.choose_restore_file)
        restore_row.addWidget(self.restore_selected)
        restore_row.addWidget(self.restore_file)
        restore_row.addStretch(1)
        layout.addLayout(restore_row)
        self.refresh()

    # --- list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.server:
            return
        self.model.set_backups(backup.list_backups(self.config))
        self.table.setVisible(bool(self.model.backups))
        self.empty.setVisible(not self.model.backups)
        self._busy(self.work.busy)

    def chosen(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def _busy(self, busy: bool) -> None:
        for widget in (self.backup_now, self.backup_to_file, self.restore_file):
            widget.setEnabled(not busy)
        self.restore_selected.setEnabled(not busy and self.chosen() is not None)

    def _say(self, text: str, role: str = "lead") -> None:
        set_role(self.status, role)
        self.status.setText(text)
        self.status.show()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, operations.Cancelled):
            self._say(self.tr("Stopped. Nothing was changed."), "muted")
        elif isinstance(exc, BackupError | NotAllowed):
            self._say(str(exc), "error")
        else:
            self._say(explain(exc), "error")
        self.refresh()

    # --- backup --------------------------------------------------------------------------

    def choose_backup_file(self) -> None:
        target = save_file(self, self.tr("Save a backup"),
                           Path.home() / backup.default_export_name(),
                           self.tr("Kiosk backups (*.sqlite3)"))
        if target is not None:
            self.start_backup(target)

    def start_backup(self, target: Path | None = None) -> operations.Operation:
        db, config, actor = self.ctx.db, self.config, self.ctx.user
        self.status.hide()
        target = target if isinstance(target, Path) else None
        return self.work.start(
            lambda progress: backup.create(db, config, actor, target, progress=progress),
            self.tr("Backing up…"), self._backed_up, self._failed)

    def _backed_up(self, made: BackupFile) -> None:
        self._say(self.tr("Backed up to %1 (%2).").replace("%1", str(made.path)).replace(
            "%2", size_text(made.size)))
        self.refresh()

    # --- restore -------------------------------------------------------------------------

    def restore_chosen(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.start_restore(chosen.path)

    def choose_restore_file(self) -> None:
        source = open_file(self, self.tr("Choose a backup to restore"),
                           self.tr("Kiosk backups (*.sqlite3 *.db);;All files (*)"))
        if source is not None:
            self.start_restore(source)

    def start_restore(self, source: Path) -> operations.Operation:
        """Check the backup in the background, then ask, then restore."""
        config = self.config
        self.status.hide()
        return self.work.start(lambda progress: backup.check(config, source),
                               self.tr("Checking the backup…"),
                               lambda checked: self._confirm_restore(source, checked),
                               self._failed)

    def _confirm_restore(self, source: Path, checked: BackupCheck) -> None:
        last = self.tr(" Last change recorded in it: %1.").replace(
            "%1", f"{checked.newest_activity:%H:%M %d/%m/%Y}") \
            if checked.newest_activity else ""
        text = self.tr(
            "Restore %1?\n\nIt holds %2 residents, %3 khóm/ấp and %4 certificates.%5\n\n"
            "Every record of this kiosk will be replaced by this backup. The current "
            "records are backed up first, so this can be undone.").replace(
            "%1", source.name).replace("%2", str(checked.residents)).replace(
            "%3", str(checked.hamlets)).replace("%4", str(checked.certificates)).replace(
            "%5", last)
        if not ask(self, self.tr("Restore a backup"), text, self.tr("Restore")):
            self._say(self.tr("Not restored. Nothing was changed."), "muted")
            return
        db, config, actor = self.ctx.db, self.config, self.ctx.user
        self.work.start(lambda progress: backup.restore(db, config, actor, source,
                                                        progress=progress),
                        self.tr("Restoring…"), self._restored, self._failed)

    def _restored(self, result: RestoreResult) -> None:
        self._say(self.tr(
            "Restored from %1: %2 residents. The records it replaced are kept as the backup "
            "of %3. Sign out and in again so that every page shows the restored records.")
            .replace("%1", result.check.path.name).replace("%2", str(result.check.residents))
            .replace("%3", f"{result.safety_backup.made_at:%H:%M:%S %d/%m/%Y}"))
        self.refresh()
        self.restored.emit()
