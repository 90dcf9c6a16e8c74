"""Group sessions: start one (khóm/ấp, place, lessons, the projector's screen), continue or
end one left open, and read the report of past ones, with their certificates to print.

Starting hands over to presenter mode (ui.presenter.controller), which takes the kiosk
window's place until the team member leaves or ends the session; the page then shows
that session's report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk import group_sessions as gs
from kiosk import residents
from kiosk.skills import Skill
from kiosk.staff import NotAllowed, Permission
from ui import operations
from ui.console.context import ConsoleContext
from ui.presenter.models import SessionListModel, local_time
from ui.presenter.roster import TallRows
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import touch_scrolling


class SessionsPage(QWidget):
    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.presenter = None  # ui.presenter.controller.PresenterController while on
        self.report: gs.SessionReport | None = None
        self.loading: operations.Operation | None = None
        self.queueing: operations.Operation | None = None
        self._select_after_load: int | None = None
        self.open_session: gs.SessionInfo | None = None
        self._reload = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.pages.addWidget(self._list_page())
        self.pages.addWidget(self._setup_page())
        self.refresh()

    # -- the list and the reports --------------------------------------------------------

    def _list_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Group sessions"), "title"), 1)
        self.start_button = button(self.tr("Start a group session"), "primary",
                                   "sessions_start")
        self.start_button.clicked.connect(self.show_setup)
        top.addWidget(self.start_button)
        column.addLayout(top)

        self.open_card = QFrame()
        self.open_card.setObjectName("sessions_open")
        set_role(self.open_card, "card")
        open_row = QHBoxLayout(self.open_card)
        open_row.setContentsMargins(16, 8, 16, 8)
        self.open_text = label("", "lead")
        self.open_text.setObjectName("sessions_open_text")
        open_row.addWidget(self.open_text, 1)
        self.continue_button = button(self.tr("Continue"), "primary", "sessions_continue")
        self.continue_button.clicked.connect(self._continue)
        open_row.addWidget(self.continue_button)
        self.open_card.hide()
        column.addWidget(self.open_card)

        self.model = SessionListModel(self)
        self.table = QTableView()
        self.table.setObjectName("sessions_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(48)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SessionListModel.PLACE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        touch_scrolling(self.table)
        column.addWidget(self.table, 2)
        self.empty = label(self.tr("No group sessions yet. Start one with the button above."),
                           "muted")
        self.empty.setObjectName("sessions_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.hide()
        column.addWidget(self.empty, 1)

        report = QWidget()
        lines = QVBoxLayout(report)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(6)
        self.report_title = label("", "lead")
        self.report_title.setObjectName("session_report_title")
        lines.addWidget(self.report_title)
        self.report_text = label("", None)
        self.report_text.setObjectName("session_report_text")
        lines.addWidget(self.report_text)
        self.people = QListWidget()
        self.people.setObjectName("session_report_people")
        self.people.setWordWrap(True)
        self.people.setItemDelegate(TallRows(self.people))
        self.people.setMinimumHeight(2 * 48)
        touch_scrolling(self.people)
        lines.addWidget(self.people, 1)
        certificates = QHBoxLayout()
        self.certificates_text = label("", "muted")
        self.certificates_text.setObjectName("session_certificates_text")
        certificates.addWidget(self.certificates_text, 1)
        self.queue_progress = QProgressBar()
        self.queue_progress.hide()
        certificates.addWidget(self.queue_progress)
        self.queue_button = button(self.tr("Queue their certificates for printing"),
                                   "primary", "session_queue_certificates")
        self.queue_button.clicked.connect(self._queue_certificates)
        self.queue_button.hide()
        certificates.addWidget(self.queue_button)
        self.print_button = button(self.tr("Open the print queue"), None,
                                   "session_open_print_queue")
        self.print_button.clicked.connect(self._open_print_queue)
        self.print_button.hide()
        certificates.addWidget(self.print_button)
        self.end_open_button = button(self.tr("End this session"), None, "session_end_open")
        self.end_open_button.clicked.connect(self._end_open)
        self.end_open_button.hide()
        certificates.addWidget(self.end_open_button)
        lines.addLayout(certificates)
        self.report_box = report
        report.setObjectName("session_report")
        column.addWidget(self.report_box, 3)
        self.report_box.hide()
        return page

    def refresh(self) -> None:
        """Load the sessions (off the UI thread); called each time the page is shown."""
        if self.loading is not None:
            self._reload = True  # what is loading now may be from before a change
            return
        self._reload = False
        db = self.ctx.db
        self.loading = operations.run(lambda _p: (gs.list_sessions(db), gs.open_sessions(db)))
        self.loading.succeeded.connect(self._loaded)
        self.loading.failed.connect(self._load_failed)

    def _loaded(self, result) -> None:
        self.loading = None
        if self._reload:
            self.refresh()
            return
        sessions, open_ones = result
        keep = self._select_after_load or (self.report.session.id if self.report else None)
        self._select_after_load = None
        self.model.set_rows(sessions)
        self.empty.setVisible(not sessions)
        self.table.setVisible(bool(sessions))
        # The newest session left open, unless it is on screen right now.
        self.open_session = open_ones[0] if open_ones and self.presenter is None else None
        if self.open_session is not None:
            s = self.open_session
            self.open_text.setText(self.tr("Not ended: the session of %1 at %2, started %3.")
                                   .replace("%1", s.hamlet_name)
                                   .replace("%2", s.place or s.hamlet_name)
                                   .replace("%3", local_time(s.started_at)))
        self.open_card.setVisible(self.open_session is not None)
        if keep is not None and (row := self.model.row_of(keep)) is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self._selected()

    def _load_failed(self, exc) -> None:
        self.loading = None
        if self._reload:
            self.refresh()
            return
        self.empty.setText(self.tr("The sessions could not be read: %1").replace("%1", str(exc)))
        self.empty.show()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.report_box.hide()
            return
        session = self.model.rows[rows[0].row()]
        station = self.ctx.station
        self.show_report(gs.report(self.ctx.db, session.id, station.pack.lessons,
                                   station.lessons_by_skill()))

    def show_report(self, report: gs.SessionReport | None) -> None:
        self.report = report
        if report is None:
            self.report_box.hide()
            return
        s = report.session
        pack = self.ctx.station.pack.lessons
        self.report_title.setText(self.tr("%1, %2 — led by %3").replace(
            "%1", local_time(s.started_at)).replace("%2", ", ".join(
                filter(None, [s.hamlet_name, s.place]))).replace("%3", s.team_member_name))
        lessons = [pack[x].title if x in pack else x for x in s.lesson_ids]
        lines = [self.tr("Lessons: %1").replace("%1", "; ".join(lessons))]
        if s.is_open:
            lines.append(self.tr("Not ended yet: %1 checked in so far.")
                         .replace("%1", str(len(report.attendees))))
        else:
            lines.append(self.tr("Ended %1. %2 came, %3 passed the group check; %4 lessons "
                                 "and %5 skills completed in the group.")
                         .replace("%1", local_time(s.ended_at, with_date=False))
                         .replace("%2", str(len(report.attendees)))
                         .replace("%3", str(len(report.completions)))
                         .replace("%4", str(report.lessons_completed))
                         .replace("%5", str(report.skills_completed)))
        if report.missing_lessons:
            lines.append(self.tr("No longer in the lesson pack: %1")
                         .replace("%1", ", ".join(report.missing_lessons)))
        if s.notes:
            lines.append(self.tr("Note: %1").replace("%1", s.notes))
        self.report_text.setText("\n".join(lines))
        self.people.clear()
        done = {c.resident_id: c for c in report.completions}
        for person in report.attendees:
            parts = [person.full_name, str(person.birth_year), person.hamlet_name,
                     person.code_display]
            completion = done.get(person.resident_id)
            if person.passed:
                result = self.tr("passed")
                if completion is not None and completion.skills:
                    result += ": " + ", ".join(skill.title for skill in completion.skills)
            elif person.passed is False:
                result = self.tr("not passed")
            else:
                result = self.tr("attended")
            self.people.addItem(QListWidgetItem(" · ".join(parts) + " — " + result))
        self._update_certificates()
        self.report_box.show()

    def _update_certificates(self) -> None:
        report = self.report
        holders = report.certificate_holders if report and not report.session.is_open else []
        queued = gs.queued_certificates(self.ctx.db, report.session.id) if holders else []
        may = self.ctx.can(Permission.PRINT_CERTIFICATES)
        self.end_open_button.setVisible(bool(report and report.session.is_open
                                             and self.presenter is None))
        if not holders:
            self.certificates_text.setText(
                self.tr("Nobody completed a skill in this session: no certificates.")
                if report and not report.session.is_open else "")
            self.queue_button.hide()
            self.print_button.hide()
            return
        text = self.tr("%1 people completed a skill in this session.").replace(
            "%1", str(len(holders)))
        if queued:
            text += " " + self.tr("Their certificates are in the print queue.")
        self.certificates_text.setText(text)
        self.queue_button.setVisible(may and not queued)
        self.queue_button.setText(self.tr("Queue their certificates for printing"))
        self.print_button.setVisible(bool(queued))

    def _queue_certificates(self) -> None:
        report, station = self.report, self.ctx.station
        if report is None or self.queueing is not None:
            return
        db, actor, session_id = self.ctx.db, self.ctx.user, report.session.id
        by_skill, config = station.lessons_by_skill(), station.config

        def work(progress: operations.Progress):
            key = station.key

            def step(done: int, total: int) -> None:
                progress.report(done, total)
                progress.check()

            return gs.queue_certificates(db, actor, session_id, by_skill, config, key,
                                         on_progress=step)

        self.queue_button.setText(self.tr("Stop"))
        self.queue_button.clicked.disconnect()
        self.queue_button.clicked.connect(lambda: self.queueing and self.queueing.cancel())
        self.queue_progress.setRange(0, 0)
        self.queue_progress.show()
        self.queueing = operations.run(work)
        self.queueing.progressed.connect(self._queue_progressed)
        self.queueing.succeeded.connect(self._queued)
        self.queueing.failed.connect(self._queue_failed)
        self.queueing.finished.connect(self._queue_over)

    def _queue_progressed(self, done: int, total: int, _text: str) -> None:
        self.queue_progress.setRange(0, max(total, 1))
        self.queue_progress.setValue(done)

    def _queued(self, batch: gs.CertificateBatch) -> None:
        text = self.tr("%1 certificates for %2 people are in the print queue.").replace(
            "%1", str(len(batch.serials))).replace("%2", str(batch.people))
        if batch.refused:
            text += " " + " ".join(batch.refused)
        self._update_certificates()
        self.certificates_text.setText(text)

    def _queue_failed(self, exc) -> None:
        if isinstance(exc, operations.Cancelled):
            text = self.tr("Stopped. Nothing was queued; you can start again.")
        elif isinstance(exc, gs.SessionError | NotAllowed):
            text = str(exc)
        else:
            text = self.tr("The certificates could not be prepared: %1").replace(
                "%1", str(exc))
        self._update_certificates()
        self.certificates_text.setText(text)
        set_role(self.certificates_text, "error")

    def _queue_over(self) -> None:
        self.queueing = None
        self.queue_progress.hide()
        self.queue_button.clicked.disconnect()
        self.queue_button.clicked.connect(self._queue_certificates)
        self.queue_button.setText(self.tr("Queue their certificates for printing"))

    def _open_print_queue(self) -> None:
        page = self.ctx.open_page("certificates")
        if page is not None and hasattr(page, "show_section"):
            page.show_section("queue")

    # -- starting -------------------------------------------------------------------------

    def _setup_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(label(self.tr("Start a group session"), "title"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.hamlet = QComboBox()
        self.hamlet.setObjectName("setup_hamlet")
        self.place = QLineEdit()
        self.place.setObjectName("setup_place")
        self.place.setMaxLength(gs.MAX_PLACE_LENGTH)
        self.place.setPlaceholderText(self.tr("e.g. Nhà văn hóa khóm, or a house in the khóm"))
        self.screen_choice = QComboBox()
        self.screen_choice.setObjectName("setup_screen")
        form.addRow(self.tr("Khóm/ấp"), self.hamlet)
        form.addRow(self.tr("Place"), self.place)
        self.screen_label = label(self.tr("Projector"), None)
        form.addRow(self.screen_label, self.screen_choice)
        column.addLayout(form)
        column.addWidget(label(self.tr("Lessons to cover (touch to choose, in the order "
                                       "they are listed):"), "muted"))
        self.lesson_list = QListWidget()
        self.lesson_list.setObjectName("setup_lessons")
        self.lesson_list.setWordWrap(True)
        self.lesson_list.setItemDelegate(TallRows(self.lesson_list))
        self.lesson_list.itemClicked.connect(self._toggle_lesson)
        self.lesson_list.itemChanged.connect(lambda _item: self._update_minutes())
        touch_scrolling(self.lesson_list)
        column.addWidget(self.lesson_list, 1)
        self.minutes = label("", "muted")
        self.minutes.setObjectName("setup_minutes")
        column.addWidget(self.minutes)
        self.setup_error = label("", "error")
        self.setup_error.setObjectName("setup_error")
        self.setup_error.hide()
        column.addWidget(self.setup_error)
        row = QHBoxLayout()
        cancel = button(self.tr("Cancel"), None, "setup_cancel")
        cancel.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.begin_button = button(self.tr("Begin"), "primary", "setup_begin")
        self.begin_button.clicked.connect(self.begin)
        row.addWidget(cancel)
        row.addWidget(self.begin_button, 1)
        column.addLayout(row)
        return page

    def show_setup(self) -> None:
        self.hamlet.clear()
        for hamlet in residents.list_hamlets(self.ctx.db):
            self.hamlet.addItem(hamlet.name, hamlet.id)
        self.lesson_list.blockSignals(True)
        self.lesson_list.clear()
        by_skill = self.ctx.station.lessons_by_skill()
        for skill in Skill:
            if not by_skill.get(skill):
                continue
            heading = QListWidgetItem(skill.title)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.lesson_list.addItem(heading)
            for lesson in by_skill[skill]:
                item = QListWidgetItem("    " + self.tr("%1 (%2 min)").replace(
                    "%1", lesson.title).replace("%2", str(lesson.minutes)))
                item.setData(Qt.ItemDataRole.UserRole, lesson.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.lesson_list.addItem(item)
        self.lesson_list.blockSignals(False)
        self.place.clear()
        self._fill_screens()
        self.setup_error.hide()
        self._update_minutes()
        self.pages.setCurrentIndex(1)
        self.hamlet.setFocus()

    def _fill_screens(self) -> None:
        from ui.presenter.controller import other_screen

        self.screen_choice.clear()
        home = self.window().screen() if self.window() else None
        screens = QGuiApplication.screens()
        for number, screen in enumerate(screens, start=1):
            size = screen.geometry().size()
            text = self.tr("Screen %1 (%2×%3)").replace("%1", str(number)).replace(
                "%2", str(size.width())).replace("%3", str(size.height()))
            if screen is home:
                text += " — " + self.tr("this screen: one window, F5 switches views")
            self.screen_choice.addItem(text, number - 1)
        projector = other_screen(home)
        if projector is not None:
            self.screen_choice.setCurrentIndex(screens.index(projector))
        many = len(screens) > 1
        self.screen_choice.setVisible(many)
        self.screen_label.setVisible(many)

    def _toggle_lesson(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState()
                               == Qt.CheckState.Checked else Qt.CheckState.Checked)

    def chosen_lessons(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole)
                for item in (self.lesson_list.item(i) for i in range(self.lesson_list.count()))
                if item.checkState() == Qt.CheckState.Checked]

    def _update_minutes(self) -> None:
        pack = self.ctx.station.pack.lessons
        minutes = sum(pack[x].minutes for x in self.chosen_lessons() if x in pack)
        self.minutes.setText(self.tr("%1 lessons, about %2 minutes, then the group check.")
                             .replace("%1", str(len(self.chosen_lessons())))
                             .replace("%2", str(minutes)))

    def begin(self) -> None:
        try:
            session = gs.start(self.ctx.db, self.ctx.user, hamlet_id=self.hamlet.currentData(),
                               place=self.place.text(), lesson_ids=self.chosen_lessons(),
                               known_lessons=self.ctx.station.pack.lessons)
        except (gs.SessionError, NotAllowed) as exc:
            self.setup_error.setText(str(exc))
            self.setup_error.show()
            return
        screens = QGuiApplication.screens()
        index = self.screen_choice.currentData()
        projector = screens[index] if index is not None and index < len(screens) else None
        self.pages.setCurrentIndex(0)
        self.present(session, projector)

    def present(self, session: gs.SessionInfo, projector=None) -> None:
        """Hand over to presenter mode for `session`."""
        from ui.presenter.controller import PresenterController, other_screen

        if projector is None:
            projector = other_screen(self.window().screen())
        self.presenter = PresenterController(self.ctx, session, self)
        self.presenter.finished.connect(self._presenter_finished)
        self.presenter.start(self.window(), projector)

    def _presenter_finished(self, report: gs.SessionReport | None) -> None:
        session_id = self.presenter.session.id
        self.presenter = None
        self._select_after_load = session_id
        if report is not None:
            self.show_report(report)
        self.refresh()

    def _continue(self) -> None:
        if self.open_session is not None and self.presenter is None:
            self.open_card.hide()
            self.present(self.open_session)

    def _end_open(self) -> None:
        """An open session the team member wants to end without presenting again."""
        if self.report is not None and self.report.session.is_open:
            self.present(self.report.session)
            self.presenter.control.ask_end()

    # -- screenshots ----------------------------------------------------------------------

    def screenshot_scenes(self) -> Iterator[tuple[str, Callable[[], None]]]:
        """The set-up form, the room's view and the team member's view of a session in
        progress, the group check, and a session's report."""
        from ui.presenter.demo import screenshot_scenes

        yield from screenshot_scenes(self)
