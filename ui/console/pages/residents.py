"""The residents page of the staff console: find anyone as you type, open their record,
and (as the role allows) correct it, merge a duplicate, export or erase it.

One place at a time shows in the page: the search, a resident's record, or one of the
edit, merge and erase panels, each of which returns to the record (or, after an erase,
to the search). Searches, merges, exports and erasures run off the UI thread through
ui.operations; loading one record is a handful of indexed reads and is done at once.

Other pages and the kiosk open a resident with `show_resident(resident_id)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import people
from kiosk.people import PeopleError
from kiosk.staff import Permission
from ui import operations
from ui.console.context import ConsoleContext
from ui.console.residents.edit import EditPanel
from ui.console.residents.erase import ErasePanel
from ui.console.residents.merge import MergePanel
from ui.console.residents.search import ResidentSearch
from ui.console.residents.view import ResidentView
from ui.screens.base import button, label

#: Groups of possible duplicates listed at once (by name).
DUPLICATE_GROUPS = 40


class ResidentsPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id: int | None = None
        self.export_dir = Path.home()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)

        finder = QWidget()
        column = QVBoxLayout(finder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        heading = QHBoxLayout()
        heading.addWidget(label(self.tr("Residents"), "title"), 1)
        self.duplicates_button = None
        if ctx.can(Permission.MERGE_RESIDENTS):
            self.duplicates_button = button(self.tr("Possible duplicates"), None,
                                            "residents_duplicates")
            self.duplicates_button.clicked.connect(self._list_duplicates)
            heading.addWidget(self.duplicates_button)
        column.addLayout(heading)
        self.notice = label("", "notice")
        self.notice.setObjectName("residents_notice")
        self.notice.hide()
        column.addWidget(self.notice)
        self.search = ResidentSearch(ctx, "resident_search")
        self.search.chosen.connect(lambda row: self.show_resident(row.id))
        column.addWidget(self.search, 1)
        self.stack.addWidget(finder)
        self.finder = finder

        self.view = ResidentView(ctx)
        self.view.back.connect(self.show_search)
        self.view.certificates.connect(self._certificates)
        self.view.edit.connect(self._edit)
        self.view.merge.connect(self._merge)
        self.view.export.connect(self._export)
        self.view.erase.connect(self._erase)
        self.stack.addWidget(self.view)

        self.edit = self.merge = self.erase = None
        if ctx.can(Permission.EDIT_RESIDENTS):
            self.edit = EditPanel(ctx)
            self.edit.saved.connect(lambda _row: self.show_resident(
                self.resident_id, self.tr("The changes are saved.")))
            self.edit.cancelled.connect(self._back_to_record)
            self.stack.addWidget(self.edit)
        if ctx.can(Permission.MERGE_RESIDENTS):
            self.merge = MergePanel(ctx)
            self.merge.merged.connect(self._merged)
            self.merge.cancelled.connect(self._back_to_record)
            self.stack.addWidget(self.merge)
        if ctx.can(Permission.ERASE_RESIDENTS):
            self.erase = ErasePanel(ctx)
            self.erase.erased.connect(self._erased)
            self.erase.cancelled.connect(self._back_to_record)
            self.stack.addWidget(self.erase)
        self.export_operation: operations.Operation | None = None
        self.duplicates_operation: operations.Operation | None = None
        self.search.focus()

    # -- where the page is -------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stack.currentWidget() is self.finder:
            self.search.focus()  # a scanner can type a learner code at once

    def refresh(self) -> None:
        """Shown again: what is on screen may have changed meanwhile."""
        if self.stack.currentWidget() is self.finder:
            self.search.search_again()
        elif self.stack.currentWidget() is self.view and self.resident_id is not None:
            self.show_resident(self.resident_id)

    def show_search(self, notice: str = "") -> None:
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.stack.setCurrentWidget(self.finder)
        self.search.search_again()
        self.search.focus()

    def show_resident(self, resident_id: int, notice: str = "") -> bool:
        """Open a resident's record; False (and the search, saying why) when it is gone."""
        try:
            profile = people.profile(self.ctx.db, resident_id,
                                     self.ctx.station.lessons_by_skill())
        except PeopleError as gone:
            self.show_search(gone.message)
            return False
        self.resident_id = resident_id
        self.view.show_profile(profile, notice)
        self.stack.setCurrentWidget(self.view)
        return True

    def _back_to_record(self) -> None:
        if self.resident_id is None or not self.show_resident(self.resident_id):
            self.show_search()

    # -- actions -----------------------------------------------------------------------------

    def _certificates(self) -> None:
        page = self.ctx.open_page("certificates")
        if page is not None and hasattr(page, "show_resident") and self.resident_id:
            page.show_resident(self.resident_id)

    def _edit(self) -> None:
        if self.edit is not None and self.view.profile is not None:
            self.edit.start(self.view.profile.resident)
            self.stack.setCurrentWidget(self.edit)

    def _merge(self, other_id: int | None) -> None:
        if self.merge is not None and self.resident_id is not None:
            self.merge.start(self.resident_id, other_id)
            self.stack.setCurrentWidget(self.merge)

    def _merged(self, summary: people.MergeSummary) -> None:
        self.show_resident(summary.kept.id, self.tr(
            "Merged: everything of the record %1 is now in this one, and that record is "
            "deleted.").replace("%1", summary.dropped_code[:3] + " " + summary.dropped_code[3:]))

    def _erase(self) -> None:
        if self.erase is not None and self.view.profile is not None:
            self.erase.start(self.view.profile.resident)
            self.stack.setCurrentWidget(self.erase)

    def _erased(self, erased: people.Erased) -> None:
        self.resident_id = None
        code = erased.learner_code[:3] + " " + erased.learner_code[3:]
        notice = self.tr("The record with learner code %1 is erased.").replace("%1", code)
        if erased.files_left:
            notice += " " + self.tr("These files could not be deleted; delete them by "
                                    "hand: %1").replace("%1", ", ".join(erased.files_left))
        self.show_search(notice)

    def _list_duplicates(self) -> None:
        """Residents sharing a name and birth year, group after group: reads every name,
        so it runs off the UI thread."""
        if self.duplicates_operation is not None:
            return
        db = self.ctx.db
        self.search.status.setText(self.tr("Looking for records with the same name and "
                                           "birth year…"))
        self.duplicates_button.setEnabled(False)
        self.duplicates_operation = operations.run(
            lambda _progress: people.possible_duplicates(db, limit=DUPLICATE_GROUPS))
        self.duplicates_operation.succeeded.connect(self._show_duplicates)
        self.duplicates_operation.failed.connect(self._duplicates_failed)

    def _show_duplicates(self, groups: list[people.DuplicateGroup]) -> None:
        self.duplicates_operation = None
        self.duplicates_button.setEnabled(True)
        rows = [row for group in groups for row in group.residents]
        if not groups:
            status = self.tr("No two records share a name and birth year.")
        elif len(groups) < DUPLICATE_GROUPS:
            status = self.tr("%n group(s) of records share a name and birth year. Open one "
                             "to compare and merge.", "", len(groups))
        else:
            status = self.tr("The first %n groups of records sharing a name and birth year. "
                             "Open one to compare and merge.", "", len(groups))
        self.search.show_list(rows, status)

    def _duplicates_failed(self, error: BaseException) -> None:
        self.duplicates_operation = None
        self.duplicates_button.setEnabled(True)
        self.search.status.setText(self.tr("The list could not be made: %1").replace(
            "%1", str(error)))

    def _export(self) -> None:
        profile = self.view.profile
        if profile is None or self.export_operation is not None:
            return
        resident = profile.resident
        suggested = self.export_dir / people.export_file_name(resident.learner_code)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the resident's data"), str(suggested),
            self.tr("JSON files (*.json)"))
        if not path:
            return
        target = Path(path)
        self.export_dir = target.parent
        db, user, lessons = self.ctx.db, self.ctx.user, self.ctx.station.lessons_by_skill()
        self.view.say(self.tr("Saving…"))
        self.export_operation = operations.run(lambda _progress: people.write_export(
            people.export(db, user, resident.id, lessons), target))
        self.export_operation.succeeded.connect(self._exported)
        self.export_operation.failed.connect(self._export_failed)

    def _exported(self, path: Path) -> None:
        self.export_operation = None
        self.view.say(self.tr("Saved to %1. The file holds personal data: hand it to the "
                              "person and do not keep copies.").replace("%1", str(path)))

    def _export_failed(self, error: BaseException) -> None:
        self.export_operation = None
        self.view.say(self.tr("The file was not saved: %1").replace("%1", str(error)))

    # -- screenshots -------------------------------------------------------------------------

    def _typical_resident(self) -> int | None:
        """A resident with progress to show, from the first names of a common search."""
        found = people.search(self.ctx.db, "nguyen thi", limit=20).rows
        best, most = None, -1
        lessons = self.ctx.station.lessons_by_skill()
        for row in found:
            profile = people.profile(self.ctx.db, row.id, lessons)
            done = sum(line.completed for line in profile.skills)
            if done > most:
                best, most = row.id, done
        return best

    def screenshot_scenes(self) -> Iterator[tuple[str, Callable[[], None]]]:
        def results() -> None:
            self.show_search()
            self.search.search_now("nguyen thi")

        def record() -> None:
            resident = self._typical_resident()
            if resident is not None:
                self.show_resident(resident)

        def duplicates() -> tuple[int, int] | None:
            groups = people.possible_duplicates(self.ctx.db, limit=1)
            if groups:
                return groups[0].residents[0].id, groups[0].residents[1].id
            found = people.search(self.ctx.db, "nguyen", limit=2).rows
            return (found[0].id, found[1].id) if len(found) == 2 else None

        def merge() -> None:
            pair = duplicates()
            if pair and self.merge is not None:
                self.show_resident(pair[0])
                self._merge(pair[1])

        def erase() -> None:
            resident = self._typical_resident()
            if resident is not None and self.erase is not None:
                self.show_resident(resident)
                self._erase()
                self.erase.reason.setText(self.tr("The person asked to be erased"))
                self.erase.code.setText(self.view.profile.resident.learner_code[:3])

        def edit() -> None:
            resident = self._typical_resident()
            if resident is not None and self.edit is not None:
                self.show_resident(resident)
                self._edit()

        def duplicate_list() -> None:
            self.show_search()
            self._show_duplicates(people.possible_duplicates(self.ctx.db,
                                                             limit=DUPLICATE_GROUPS))

        yield "search", results
        if self.duplicates_button is not None:
            yield "duplicates", duplicate_list
        yield "resident", record
        for name, scene, panel in (("edit", edit, self.edit), ("merge", merge, self.merge),
                                   ("erase", erase, self.erase)):
            if panel is not None:
                yield name, scene
