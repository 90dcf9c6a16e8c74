"""A calm line at the top of the resident's screens while storage fails.

It says what is happening in words a resident understands (the connection to the server
is lost, the kiosk's records are busy, the storage is full) and what to do: carry on,
since the kiosk keeps the answers and retries, or wait and touch again when an action
could not be done. It follows ui.pending_writes.PendingWrites and hides itself once
storage is well. Every resident screen of ui.flow has one; only the shown one is seen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ui.pending_writes import PendingWrites
from ui.screens.base import label
from ui.storage_problems import StorageProblem
from ui.theme import current_palette, set_role

ICONS = {StorageProblem.BUSY: "fa5s.sync-alt", StorageProblem.UNREACHABLE: "fa5s.sync-alt",
         StorageProblem.FULL: "fa5s.hdd", StorageProblem.FAILING: "fa5s.exclamation-triangle"}
ICON_SIZE = 40


class StorageBanner(QFrame):
    def __init__(self, pending: PendingWrites, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storage_banner")
        set_role(self, "card")
        self.pending = pending
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(16)
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self.text = label("", "lead")
        self.text.setObjectName("storage_banner_text")
        row.addWidget(self.text, 1)
        self._shown: tuple[StorageProblem | None, bool] | None = None
        pending.changed.connect(self.refresh)
        self.refresh()

    def message(self, problem: StorageProblem, waiting: bool) -> str:
        """What the resident reads: `waiting` when an action of theirs could not be done
        and nothing of theirs is kept, so carrying on is not the advice."""
        if problem is StorageProblem.UNREACHABLE:
            if waiting:
                return self.tr("The kiosk has lost its connection to the server and is "
                               "trying again… Please wait a moment, then touch again.")
            return self.tr("The kiosk has lost its connection to the server and is trying "
                           "again… Please carry on.")
        if problem is StorageProblem.BUSY:
            if waiting:
                return self.tr("The kiosk's records are busy and it is trying again… "
                               "Please wait a moment, then touch again.")
            return self.tr("The kiosk's records are busy; it will save your answers in a "
                           "moment… Please carry on.")
        if problem is StorageProblem.FULL:
            if waiting:
                return self.tr("The kiosk's storage is full and nothing new can be saved. "
                               "Please tell a commune staff member.")
            return self.tr("The kiosk's storage is full. Your answers are kept for now; "
                           "please tell a commune staff member.")
        if waiting:
            return self.tr("The kiosk cannot read or save its records right now. Please "
                           "tell a commune staff member.")
        return self.tr("The kiosk cannot save right now and keeps trying. Your answers "
                       "are kept for now; please tell a commune staff member.")

    def refresh(self) -> None:
        problem, waiting = self.pending.problem, self.pending.waiting
        if (problem, waiting) == self._shown:
            return
        self._shown = (problem, waiting)
        self.setVisible(problem is not None)
        if problem is None:
            return
        self.text.setText(self.message(problem, waiting))
        import qtawesome

        palette = current_palette()
        calm = problem in (StorageProblem.BUSY, StorageProblem.UNREACHABLE)
        icon = qtawesome.icon(ICONS[problem], color=palette.primary if calm
                              else palette.wrong)
        self.icon.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
