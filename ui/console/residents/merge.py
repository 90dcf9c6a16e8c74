"""Merging two records of the same person, in two steps.

First staff find the other record (a search, or a possible duplicate the record view
offered). Then both records stand side by side with what each holds, and staff choose
which one to keep ("Đổi chiều" swaps them) before confirming. The merge itself runs off
the UI thread (ui.operations), in one transaction in the core (kiosk.people.merge).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import people
from kiosk.people import LessonState, PeopleError, Profile
from kiosk.staff import NotAllowed
from ui import operations
from ui.console.context import ConsoleContext
from ui.console.residents.model import phone_text
from ui.console.residents.search import ResidentSearch
from ui.screens.base import button, label, name_role
from ui.theme import set_role


def _lessons_done(profile: Profile) -> int:
    return sum(1 for skill in profile.skills for line in skill.lessons
               if line.state == LessonState.COMPLETED)


def _lessons_started(profile: Profile) -> int:
    return sum(1 for skill in profile.skills for line in skill.lessons
               if line.state != LessonState.NOT_STARTED)


class MergePanel(QWidget):
    """`merged(MergeSummary)` when done; `cancelled()`."""

    merged = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.keep: Profile | None = None
        self.drop: Profile | None = None
        self.operation: operations.Operation | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label(self.tr("Merge two records of the same person"), "title"))
        self.steps = QStackedWidget()
        layout.addWidget(self.steps, 1)

        # Step 1: find the other record.
        find = QWidget()
        column = QVBoxLayout(find)
        column.setContentsMargins(0, 0, 0, 0)
        self.intro = label("", "lead")
        column.addWidget(self.intro)
        self.search = ResidentSearch(ctx, "merge_search")
        self.search.chosen.connect(lambda row: self.compare(row.id))
        column.addWidget(self.search, 1)
        back = QHBoxLayout()
        cancel = button(self.tr("Cancel"), None, "merge_cancel_search")
        cancel.clicked.connect(self.cancelled)
        back.addWidget(cancel)
        back.addStretch(1)
        column.addLayout(back)
        self.steps.addWidget(find)

        # Step 2: side by side, then confirm.
        confirm = QWidget()
        column = QVBoxLayout(confirm)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(label(self.tr(
            "Everything of the record on the right (lessons, answers, certificates, group "
            "sessions) moves to the record on the left, then the record on the right is "
            "deleted. This cannot be undone."), "lead"))
        sides = QHBoxLayout()
        sides.setSpacing(16)
        self.left = QFrame()
        self.right = QFrame()
        for side in (self.left, self.right):
            set_role(side, "card")
            QVBoxLayout(side).setContentsMargins(16, 12, 16, 12)
            sides.addWidget(side, 1)
        column.addLayout(sides)
        self.error = label("", "error")
        self.error.setObjectName("merge_error")
        self.error.hide()
        column.addWidget(self.error)
        column.addStretch(1)
        row = QHBoxLayout()
        self.confirm = button(self.tr("Merge the two records"), "primary", "merge_confirm")
        self.confirm.clicked.connect(self._merge)
        self.swap = button(self.tr("Keep the other one"), None, "merge_swap")
        self.swap.clicked.connect(self._swap)
        self.cancel = button(self.tr("Cancel"), None, "merge_cancel")
        self.cancel.clicked.connect(self.cancelled)
        for widget in (self.confirm, self.swap, self.cancel):
            row.addWidget(widget)
        row.addStretch(1)
        column.addLayout(row)
        self.steps.addWidget(confirm)

    # -- steps -------------------------------------------------------------------------------

    def start(self, resident_id: int, other_id: int | None = None) -> None:
        """Merge into `resident_id`; with `other_id`, straight to the comparison."""
        self.keep = people.profile(self.ctx.db, resident_id,
                                   self.ctx.station.lessons_by_skill())
        self.drop = None
        self.search.excluded = {resident_id}
        if other_id is not None:
            self.compare(other_id)
            return
        resident = self.keep.resident
        self.intro.setText(self.tr(
            "Find the other record of %1 (born %2): by name, phone or learner code.")
            .replace("%1", resident.full_name).replace("%2", str(resident.birth_year)))
        self.search.set_text(resident.full_name)
        self.steps.setCurrentIndex(0)
        self.search.focus()

    def compare(self, other_id: int) -> None:
        try:
            self.drop = people.profile(self.ctx.db, other_id,
                                       self.ctx.station.lessons_by_skill())
        except PeopleError as gone:
            self.search.status.setText(gone.message)
            return
        self.error.hide()
        self._fill()
        self.steps.setCurrentIndex(1)

    def _swap(self) -> None:
        self.keep, self.drop = self.drop, self.keep
        self._fill()

    def _fill(self) -> None:
        self._side(self.left, self.keep, self.tr("Keep this record"), "lead")
        self._side(self.right, self.drop, self.tr("Move into the left one, then delete"),
                   "notice")

    def _side(self, frame: QFrame, profile: Profile, heading: str, role: str) -> None:
        column = frame.layout()
        while column.count():
            item = column.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        resident = profile.resident
        column.addWidget(label(heading, role))
        name = label(resident.full_name, "lead" if name_role(resident.full_name) == "title"
                     else "muted")
        column.addWidget(name)
        lines = [
            self.tr("Born %1").replace("%1", str(resident.birth_year)),
            resident.hamlet_name,
            self.tr("Phone: %1").replace("%1", phone_text(resident.phone) or self.tr("none")),
            self.tr("Learner code %1").replace("%1", resident.code_display),
            self.tr("Registered on %1").replace(
                "%1", profile.created_at.astimezone().strftime("%d/%m/%Y")),
            self.tr("Lessons: %1 completed, %2 started").replace(
                "%1", str(_lessons_done(profile))).replace("%2", str(_lessons_started(profile))),
            self.tr("Certificates: %1").replace("%1", str(len(profile.certificates))),
            self.tr("Group sessions: %1").replace("%1", str(len(profile.sessions))),
        ]
        for line in lines:
            column.addWidget(label(line))
        column.addStretch(1)

    # -- the merge ---------------------------------------------------------------------------

    def _merge(self) -> None:
        if self.keep is None or self.drop is None or self.operation is not None:
            return
        db, user = self.ctx.db, self.ctx.user
        keep_id, drop_id = self.keep.resident.id, self.drop.resident.id
        self._busy(True)
        self.operation = operations.run(
            lambda _progress: people.merge(db, user, keep_id, drop_id))
        self.operation.succeeded.connect(self._done)
        self.operation.failed.connect(self._failed)

    def _busy(self, busy: bool) -> None:
        for widget in (self.confirm, self.swap, self.cancel):
            widget.setEnabled(not busy)
        self.confirm.setText(self.tr("Merging…") if busy else self.tr("Merge the two records"))

    def _done(self, summary) -> None:
        self.operation = None
        self._busy(False)
        self.merged.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self.operation = None
        self._busy(False)
        if isinstance(error, PeopleError):
            message = error.message
        elif isinstance(error, NotAllowed):
            message = str(error)
        else:
            message = self.tr("The records were not merged; nothing was changed. (%1)") \
                .replace("%1", str(error))
        self.error.setText(message)
        self.error.show()

    def focus_confirm(self) -> None:
        self.confirm.setFocus(Qt.FocusReason.OtherFocusReason)
