"""Pieces the sections of the settings page share: asking before something destructive,
choosing a file or folder, and a progress row for work that runs off the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from ui import operations
from ui.screens.base import button, label

translate = QCoreApplication.translate
log = logging.getLogger(__name__)
QUESTION_WIDTH = 720


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """A yes/no question with the action's own word on the yes button; "Huỷ" is the
    default, so a stray Enter changes nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("settings_confirm")
    confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    confirm.setObjectName("settings_confirm_yes")
    cancel = box.addButton(translate("SettingsParts", "Cancel"),
                           QMessageBox.ButtonRole.RejectRole)
    cancel.setObjectName("settings_confirm_no")
    box.setDefaultButton(cancel)
    # Wide enough to read a paragraph in a few lines rather than a narrow column.
    grid = box.layout()
    if isinstance(grid, QGridLayout):
        grid.addItem(QSpacerItem(QUESTION_WIDTH, 0, QSizePolicy.Policy.Minimum,
                                 QSizePolicy.Policy.Minimum), grid.rowCount(), 0, 1,
                     grid.columnCount())
    box.exec()
    return box.clickedButton() is confirm


def _dialog_options() -> QFileDialog.Option:
    # Qt's own dialog: the same on every desktop, and it follows the kiosk's style.
    return QFileDialog.Option.DontUseNativeDialog


def open_file(parent: QWidget, title: str, filter_: str, folder: Path | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder or Path.home()), filter_,
                                          options=_dialog_options())
    return Path(name) if name else None


def save_file(parent: QWidget, title: str, suggested: Path, filter_: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_,
                                          options=_dialog_options())
    return Path(name) if name else None


def open_folder(parent: QWidget, title: str, folder: Path | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, title, str(folder or Path.home()),
        options=_dialog_options() | QFileDialog.Option.ShowDirsOnly)
    return Path(name) if name else None


def explain(exc: BaseException) -> str:
    """The Vietnamese words for an unexpected failure (expected ones carry their own)."""
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "SettingsParts", "The file could not be read or written: %1").replace(
            "%1", exc.strerror or str(exc))
    log.error("settings action failed", exc_info=exc)
    return QCoreApplication.translate(
        "SettingsParts", "This could not be done. The details are in the kiosk's log.") + \
        f" ({type(exc).__name__}: {exc})"


class WorkRow(QWidget):
    """A progress bar, what is being done, and "Dừng": shown while one piece of work runs.

    `start(work, done, failed)` runs `work(progress)` through ui.operations; `done(result)`
    or `failed(exception)` is called on the UI thread (failed gets operations.Cancelled
    when staff stopped it). `busy_changed(bool)` lets the section disable its buttons.
    """

    def __init__(self, name: str, stoppable: bool = True,
                 busy_changed: Callable[[bool], None] | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(200)
        self.text = label("", "muted")
        self.stop = button(translate("SettingsParts", "Stop"), None,
                           f"{name}_stop")
        self.stop.setVisible(stoppable)
        self.stop.clicked.connect(self.cancel)
        row.addWidget(self.bar, 1)
        row.addWidget(self.text, 2)
        row.addWidget(self.stop)
        self.operation: operations.Operation | None = None
        self._busy_changed = busy_changed or (lambda busy: None)
        self.hide()

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def start(self, work: Callable[[operations.Progress], Any], text: str,
              done: Callable[[Any], None],
              failed: Callable[[BaseException], None]) -> operations.Operation:
        self.bar.setRange(0, 0)  # busy until the work says how far it is
        self.text.setText(text)
        self.stop.setEnabled(True)
        self.show()
        self._busy_changed(True)
        operation = operations.run(work)
        self.operation = operation
        operation.progressed.connect(self._progressed)
        operation.succeeded.connect(done)
        operation.failed.connect(failed)
        # A `done` may start the next piece of work: only this one's end clears the row.
        operation.finished.connect(lambda: self._finished(operation))
        return operation

    def cancel(self) -> None:
        if self.operation is not None:
            self.stop.setEnabled(False)
            self.text.setText(translate("SettingsParts", "Stopping…"))
            self.operation.cancel()

    def _progressed(self, done: int, total: int, text: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        else:
            self.bar.setRange(0, 0)
        if text and self.stop.isEnabled():
            self.text.setText(text)

    def _finished(self, operation: operations.Operation) -> None:
        if self.operation is not operation:
            return
        self.operation = None
        self.hide()
        self._busy_changed(False)
