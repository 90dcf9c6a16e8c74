"""What every section of the certificates page shares: running its work off the UI thread
and saying, in one line under its title, what happened or what went wrong."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.certificates.issuing import IssueRefused
from kiosk.certificates.keys import KeyFileError
from kiosk.staff import NotAllowed
from ui import operations
from ui.console.context import ConsoleContext
from ui.screens.base import label
from ui.theme import set_role

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CertificateSection", text)


def explain(exc: BaseException) -> str:
    """The Vietnamese words for what went wrong, for staff."""
    if isinstance(exc, IssueRefused):
        return exc.message
    if isinstance(exc, NotAllowed | KeyFileError):
        return str(exc)
    if isinstance(exc, OSError):
        return _tr("The file could not be written: %1").replace("%1", str(exc))
    log.error("certificate action failed", exc_info=exc)
    return _tr("This could not be done. The details are in the kiosk's log.") + \
        f" ({type(exc).__name__}: {exc})"


class Section(QWidget):
    """A section of the certificates page: `layout` to fill, `say` for its status line,
    `run` for its work. One piece of work at a time: `busy` while it runs."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operation: operations.Operation | None = None
        self._then: tuple[Callable[[Any], None], Callable[[BaseException], None] | None]
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 12, 0, 0)
        self.layout_.setSpacing(12)
        self.status = label("", "lead")
        self.status.hide()
        self.layout_.addWidget(self.status)

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def say(self, text: str, role: str = "lead") -> None:
        """Show one line of news ("" hides it); role "error" for what went wrong."""
        self.status.setText(text)
        set_role(self.status, role)
        self.status.setVisible(bool(text))

    def run(self, work: Callable[[operations.Progress], Any],
            done: Callable[[Any], None], failed: Callable[[BaseException], None] | None = None
            ) -> operations.Operation | None:
        """Start `work` off the UI thread, then `done(result)`, or say what went wrong.
        Refused (None) while other work of this section runs."""
        if self.operation is not None:
            return None
        self._then = (done, failed)
        self.operation = operations.run(work)
        # Bound methods: Qt drops the connection if this section is gone by then.
        self.operation.succeeded.connect(self._succeeded)
        self.operation.failed.connect(self._failed)
        self.changed()
        return self.operation

    def _succeeded(self, result: Any) -> None:
        self.operation = None
        self._then[0](result)
        self.changed()

    def _failed(self, exc: BaseException) -> None:
        self.operation = None
        if self._then[1] is not None:
            self._then[1](exc)
        elif not isinstance(exc, operations.Cancelled):
            self.say(explain(exc), "error")
        self.changed()

    def changed(self) -> None:
        """Enable or disable the section's buttons; called when work starts and ends."""
