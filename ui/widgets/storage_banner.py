"""A calm line at the top of the resident's screens while storage fails.

It says what is happening in words a resident understands (the connection to the server
is lost, the kiosk's records are busy, the storage is full) and what to do: carry on,
since the kiosk keeps the answers and retries, or wait and touch again when an action
could not be done. It follows `PendingWrites.notice` and hides itself once storage is
well, or once the resident it concerned has left. ui.flow gives one to each resident
screen without an on-screen keyboard; only the shown one is seen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.storage_problems import StorageProblem
from ui.pending_writes import PendingWrites
from ui.screens.base import label
from ui.theme import current_palette, set_role

ICONS = {StorageProblem.BUSY: "fa5s.sync-alt", StorageProblem.UNREACHABLE: "fa5s.sync-alt",
         StorageProblem.FULL: "fa5s.hdd", StorageProblem.FAILING: "fa5s.exclamation-triangle"}
ICON_SIZE = 40


def storage_message(problem: StorageProblem, waiting: bool) -> str:
    """What the resident reads: `waiting` when an action of theirs could not be done, so
    carrying on is not the advice. Screens with an on-screen keyboard have no room for the
    banner at 720 pixels: ui.flow shows this text in their own message line."""
    translate = QCoreApplication.translate
    if problem is StorageProblem.UNREACHABLE:
        if waiting:
            return translate(
                "StorageBanner", "The kiosk has lost its connection to the server and is "
                "trying again… Please wait a moment, then touch again.")
        return translate(
            "StorageBanner", "The kiosk has lost its connection to the server and is trying "
            "again… Please carry on.")
    if problem is StorageProblem.BUSY:
        if waiting:
            return translate(
                "StorageBanner", "The kiosk's records are busy and it is trying again… "
                "Please wait a moment, then touch again.")
        return translate(
            "StorageBanner", "The kiosk's records are busy; it will save your answers in a "
            "moment… Please carry on.")
    if problem is StorageProblem.FULL:
        if waiting:
            return translate(
                "StorageBanner", "The kiosk's storage is full and nothing new can be saved. "
                "Please tell a commune staff member.")
        return translate(
            "StorageBanner", "The kiosk's storage is full. Your answers are kept for now; "
            "please tell a commune staff member.")
    if waiting:
        return translate(
            "StorageBanner", "The kiosk cannot read or save its records right now. Please "
            "tell a commune staff member.")
    return translate(
        "StorageBanner", "The kiosk cannot save right now and keeps trying. Your answers are "
        "kept for now; please tell a commune staff member.")


class StorageBanner(QFrame):
    def __init__(self, pending: PendingWrites, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storage_banner")
        set_role(self, "card")
        self.pending = pending
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        row.setSpacing(16)
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self.text = label("")  # the base size: two lines fit above a step at 720 px
        self.text.setObjectName("storage_banner_text")
        row.addWidget(self.text, 1)
        self._shown: tuple[StorageProblem, bool] | None = None
        self.hide()
        pending.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        notice = self.pending.notice
        if notice == self._shown:
            return
        self._shown = notice
        self.setVisible(notice is not None)
        if notice is None:
            return
        problem, waiting = notice
        self.text.setText(storage_message(problem, waiting))
        import qtawesome

        palette = current_palette()
        calm = problem in (StorageProblem.BUSY, StorageProblem.UNREACHABLE)
        icon = qtawesome.icon(ICONS[problem], color=palette.primary if calm
                              else palette.wrong)
        self.icon.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
