"""Checking people in during a session, and the group check's ticks.

Three ways in, all quick with a room waiting: type a few letters of a name (with or without
diacritics, a birth year to narrow it down) and touch the person; scan their learner card
(a scanner types the code and Enter, here or anywhere in the presenter windows); or, for
someone new, read them the consent text, fill in name, birth year and khóm/ấp, and save.
Each check-in is committed at once. The roster's last column records the group check:
touch a person's cell, or "Cả lớp đạt" for everyone present.

Learner codes are hidden until the team member asks for them: a code finds its holder's
lessons at the kiosk, and with one screen the room sees this panel too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk import group_sessions as gs
from kiosk.residents import (
    CODE_ALPHABET,
    CODE_LENGTH,
    ResidentInfo,
    find_by_code,
    format_code,
    parse_code,
)
from kiosk.staff import NotAllowed, StaffUserInfo
from kiosk.text import InvalidInput
from ui import operations
from ui.presenter.models import RosterModel
from ui.screens.base import button, label
from ui.theme import CONSOLE_TOUCH, set_role
from ui.touch import scroll_area, touch_scrolling

SEARCH_DELAY_MS = 200  # after the last key, so a scanner's burst is one search


def consent_lines(commune: str) -> list[str]:
    """The consent a resident gives at the kiosk, word for word: the team member reads it
    aloud to someone registered in a session."""
    translate = QCoreApplication.translate
    return [
        translate("ConsentScreen", "To remember your lessons, the kiosk keeps: your full "
                  "name, birth year, khóm/ấp, and a phone number if you wish."),
        translate("ConsentScreen", "Why: so you can continue next time, receive a "
                  "certificate, and so the commune can count how many people have learned."),
        translate("ConsentScreen", "Who sees it: staff of %1 only.").replace("%1", commune),
        translate("ConsentScreen", "The kiosk never asks for your citizen ID number, photo, "
                  "passwords or OTP codes."),
        translate("ConsentScreen", "You may ask staff to show, correct or delete your "
                  "information at any time."),
    ]


class TallRows(QStyledItemDelegate):
    """List rows a finger can hit: never lower than the console's touch size."""

    def sizeHint(self, option, index) -> QSize:
        return super().sizeHint(option, index).expandedTo(QSize(0, CONSOLE_TOUCH))


class NewPersonForm(QWidget):
    """Someone new: the consent text to read aloud, then name, birth year, khóm/ấp and an
    optional phone. Nothing is stored until "Lưu và điểm danh" with consent ticked."""

    submitted = Signal()
    cancelled = Signal()

    def __init__(self, hamlets, default_hamlet: int | None, commune: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(label(self.tr("Someone new"), "lead"))
        column.addWidget(label(self.tr("Read this to them before anything is stored:"),
                               "muted"))
        card = QFrame()
        set_role(card, "card")
        lines = QVBoxLayout(card)
        lines.setContentsMargins(16, 8, 16, 8)
        for text in consent_lines(commune):
            lines.addWidget(label("•  " + text))
        column.addWidget(card)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setObjectName("walk_in_name")
        self.name.setMaxLength(200)
        self.year = QLineEdit()
        self.year.setObjectName("walk_in_year")
        self.year.setMaxLength(4)
        self.year.setValidator(QIntValidator(0, 9999, self.year))
        self.hamlet = QComboBox()
        self.hamlet.setObjectName("walk_in_hamlet")
        for hamlet in hamlets:
            self.hamlet.addItem(hamlet.name, hamlet.id)
        if default_hamlet is not None and self.hamlet.findData(default_hamlet) >= 0:
            self.hamlet.setCurrentIndex(self.hamlet.findData(default_hamlet))
        self.phone = QLineEdit()
        self.phone.setObjectName("walk_in_phone")
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("If they wish"))
        form.addRow(self.tr("Full name"), self.name)
        form.addRow(self.tr("Year of birth"), self.year)
        form.addRow(self.tr("Khóm/ấp"), self.hamlet)
        form.addRow(self.tr("Phone"), self.phone)
        column.addLayout(form)
        self.consent = QCheckBox(self.tr("I read this to them and they agree"))
        self.consent.setObjectName("walk_in_consent")
        column.addWidget(self.consent)
        self.error = label("", "error")
        self.error.setObjectName("walk_in_error")
        self.error.hide()
        column.addWidget(self.error)
        column.addStretch(1)
        outer.addWidget(scroll_area(content, "walk_in_scroll"), 1)
        row = QHBoxLayout()
        back = button(self.tr("Back"), None, "walk_in_cancel")
        back.clicked.connect(self.cancelled)
        self.save = button(self.tr("Save and check in"), "primary", "walk_in_save")
        self.save.setEnabled(False)
        self.consent.toggled.connect(self.save.setEnabled)
        self.save.clicked.connect(self.submitted)
        self.name.returnPressed.connect(self.year.setFocus)
        row.addWidget(back)
        row.addWidget(self.save, 1)
        outer.addLayout(row)

    def reset(self, name: str = "") -> None:
        self.name.setText(name)
        self.year.clear()
        self.phone.clear()
        self.consent.setChecked(False)
        self.show_error("")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def message(self, error: InvalidInput) -> str:
        return {
            ("name", "empty"): self.tr("Please enter their full name."),
            ("name", "no_letters"): self.tr("A name needs letters."),
            ("name", "too_long"): self.tr("The name is too long (at most 200 letters)."),
            ("birth_year", "invalid"): self.tr("Please enter the year of birth, e.g. 1958."),
            ("birth_year", "out_of_range"): self.tr("Please check the year of birth."),
            ("phone", "invalid"): self.tr(
                "The phone number should have 10 or 11 digits and start with 0; or leave "
                "it empty."),
            ("hamlet", "missing"): self.tr("Please choose their khóm/ấp."),
            ("consent", "missing"): self.tr("They must agree before anything is stored."),
        }.get((error.field, error.code), self.tr("Please check what was entered."))


class RosterPanel(QWidget):
    """The session's roster: find or scan people to check them in, register walk-ins,
    and tick who passed the group check."""

    changed = Signal()  # someone was checked in or a result recorded

    def __init__(self, db, actor: StaffUserInfo, session: gs.SessionInfo, hamlets,
                 commune: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.session = db, actor, session
        self.model = RosterModel(self)
        self.model.set_rows(gs.roster(db, session.id))
        self._search_seq = 0
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)

        roster = QWidget()
        column = QVBoxLayout(roster)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.counts = label("", "lead")
        self.counts.setObjectName("roster_counts")
        self.codes = QCheckBox(self.tr("Show learner codes"))
        self.codes.setObjectName("roster_show_codes")
        self.codes.toggled.connect(self._show_codes)
        heading = QHBoxLayout()
        heading.addWidget(self.counts, 1)
        heading.addWidget(self.codes)
        column.addLayout(heading)
        self.search = QLineEdit()
        self.search.setObjectName("roster_search")
        self.search.setPlaceholderText(self.tr("Name, birth year, or scan a card"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._enter)
        self.new_button = button(self.tr("Someone new"), None, "roster_new")
        self.new_button.clicked.connect(self._new_person)
        find = QHBoxLayout()
        find.addWidget(self.search, 1)
        find.addWidget(self.new_button)
        column.addLayout(find)
        self.results = QListWidget()
        self.results.setObjectName("roster_results")
        self.results.setWordWrap(True)
        self.results.setItemDelegate(TallRows(self.results))
        self.results.itemClicked.connect(self._result_chosen)
        self.results.itemActivated.connect(self._result_chosen)
        self.results.setMaximumHeight(3 * CONSOLE_TOUCH + 8)
        self.results.hide()
        touch_scrolling(self.results)
        column.addWidget(self.results)
        self.message = label("", "muted")
        self.message.setObjectName("roster_message")
        self.message.hide()  # no empty line between the search and the list
        column.addWidget(self.message)
        self.table = QTableView()
        self.table.setObjectName("roster_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(CONSOLE_TOUCH)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # long names wrap
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RosterModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(True)
        self.table.setColumnHidden(RosterModel.CODE, True)
        self.table.clicked.connect(self._cell_clicked)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.undo_button.setEnabled(self._selected() is not None))
        touch_scrolling(self.table)
        column.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.undo_button = button(self.tr("Remove from the list"), None, "roster_undo")
        self.undo_button.clicked.connect(self._undo)
        self.undo_button.setEnabled(False)
        self.all_passed = button(self.tr("The whole class passed"), None, "roster_all_passed")
        self.all_passed.clicked.connect(self._all_passed)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        actions.addWidget(self.all_passed)
        column.addLayout(actions)
        self.pages.addWidget(roster)

        self.form = NewPersonForm(hamlets, session.hamlet_id, commune)
        self.form.cancelled.connect(self._back_to_roster)
        self.form.submitted.connect(self._register)
        self.pages.addWidget(self.form)
        self._update_counts()

    # -- checking in ----------------------------------------------------------------------

    def check_in_code(self, code: str) -> bool:
        """A scanned or typed learner code; True when it named someone."""
        try:
            done = gs.check_in_code(self.db, self.actor, self.session.id, code)
        except (gs.SessionError, NotAllowed) as exc:
            self._say(str(exc), error=True)
            return True
        if done is None:
            self._say(self.tr("No learner has the code %1.").replace(
                "%1", format_code(parse_code(code))), error=True)
            return False
        self._checked_in(done)
        return True

    def check_in(self, person: ResidentInfo) -> None:
        try:
            done = gs.check_in(self.db, self.actor, self.session.id, person.id)
        except (gs.SessionError, NotAllowed) as exc:
            self._say(str(exc), error=True)
            return
        self._checked_in(done)

    def _checked_in(self, done: gs.CheckIn) -> None:
        row = self.model.add(done.attendee)
        self.table.scrollTo(self.model.index(row, 0))
        name = done.attendee.full_name
        if done.new:
            self._say(self.tr("Checked in: %1").replace("%1", name))
        else:
            self._say(self.tr("%1 is already checked in.").replace("%1", name))
            self.table.selectRow(row)
        self.search.clear()
        self.results.clear()
        self.results.hide()
        self._update_counts()
        self.changed.emit()

    def _search(self) -> None:
        text = self.search.text()
        self._search_seq += 1
        seq = self._search_seq
        if not text.strip():
            self.results.clear()
            self.results.hide()
            return
        op = operations.run(lambda _progress: gs.search(self.db, text))
        op.succeeded.connect(lambda found: self._show_results(found, seq))
        op.failed.connect(lambda exc: self._say(str(exc), error=True))

    def _show_results(self, found: list[ResidentInfo], seq: int) -> None:
        if seq != self._search_seq:
            return  # a newer search is on its way
        self.results.clear()
        here = {r.resident_id for r in self.model.rows}
        for person in found:
            parts = [person.full_name, str(person.birth_year), person.hamlet_name]
            if self.codes.isChecked():
                parts.append(person.code_display)
            text = " · ".join(parts)
            if person.id in here:
                text += "  " + self.tr("(checked in)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.results.addItem(item)
        self.results.setVisible(bool(found))
        if not found:
            self._say(self.tr("Nobody found. Someone new? Touch “Someone new”."))
        else:
            self._say(self.tr("Touch the right person to check them in."))

    def _enter(self) -> None:
        """Enter in the search box: a scanned card, or the one person the words name."""
        text = self.search.text().strip()
        if not text:
            return
        self._search_timer.stop()
        code = parse_code(text)
        code_shaped = len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)
        holder = find_by_code(self.db, code) if code_shaped else None
        if holder is not None:
            self.check_in(holder)
            return
        found = gs.search(self.db, text)
        self._search_seq += 1
        if len(found) == 1:
            self.check_in(found[0])
        elif not found and code_shaped:
            self._say(self.tr("No learner has the code %1.").replace(
                "%1", format_code(code)), error=True)
        else:
            self._show_results(found, self._search_seq)

    def _result_chosen(self, item: QListWidgetItem) -> None:
        person = item.data(Qt.ItemDataRole.UserRole)
        if person is not None:
            self.check_in(person)

    # -- someone new ----------------------------------------------------------------------

    def _new_person(self) -> None:
        words = self.search.text().strip()
        self.form.reset("" if any(c.isdigit() for c in words) else words)
        self.pages.setCurrentWidget(self.form)
        self.form.name.setFocus()

    def _back_to_roster(self) -> None:
        self.pages.setCurrentIndex(0)

    def _register(self) -> None:
        form = self.form
        try:
            done = gs.register_walk_in(
                self.db, self.actor, self.session.id, full_name=form.name.text(),
                birth_year=form.year.text(), hamlet_id=form.hamlet.currentData() or 0,
                phone=form.phone.text(), consent_given=form.consent.isChecked())
        except InvalidInput as exc:
            form.show_error(form.message(exc))
            return
        except (gs.SessionError, NotAllowed) as exc:
            form.show_error(str(exc))
            return
        self._back_to_roster()
        self._checked_in(done)
        if self.codes.isChecked():
            self._say(self.tr("Registered and checked in: %1 (learner code %2)")
                      .replace("%1", done.attendee.full_name)
                      .replace("%2", done.attendee.code_display))
        else:
            self._say(self.tr("Registered and checked in: %1 (their learner code shows "
                              "with “Show learner codes”)")
                      .replace("%1", done.attendee.full_name))

    # -- the group check ------------------------------------------------------------------

    def _cell_clicked(self, index: QModelIndex) -> None:
        if index.column() != RosterModel.PASSED:
            return
        person = self.model.rows[index.row()]
        self.set_passed(person.resident_id, not person.passed)

    def set_passed(self, resident_id: int, passed: bool) -> None:
        try:
            gs.record_check(self.db, self.actor, self.session.id, resident_id, passed)
        except (gs.SessionError, NotAllowed) as exc:
            self._say(str(exc), error=True)
            return
        self.model.set_passed(resident_id, passed)
        self._update_counts()
        self.changed.emit()

    def _all_passed(self) -> None:
        try:
            count = gs.record_all_passed(self.db, self.actor, self.session.id)
        except (gs.SessionError, NotAllowed) as exc:
            self._say(str(exc), error=True)
            return
        self.model.set_all_passed()
        self._say(self.tr("All %1 people present passed.").replace("%1", str(count)))
        self._update_counts()
        self.changed.emit()

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _undo(self) -> None:
        person = self._selected()
        if person is None:
            return
        try:
            gs.undo_check_in(self.db, self.actor, self.session.id, person.resident_id)
        except (gs.SessionError, NotAllowed) as exc:
            self._say(str(exc), error=True)
            return
        self.model.remove(person.resident_id)
        self._say(self.tr("Removed from the list: %1").replace("%1", person.full_name))
        self._update_counts()
        self.changed.emit()

    # -- showing ---------------------------------------------------------------------------

    def _show_codes(self, shown: bool) -> None:
        self.table.setColumnHidden(RosterModel.CODE, not shown)
        if self.results.isVisible():
            self._search()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        set_role(self.message, "error" if error else "muted")

    def _update_counts(self) -> None:
        self.counts.setText(self.tr("Checked in: %1 · Passed: %2")
                            .replace("%1", str(len(self.model.rows)))
                            .replace("%2", str(self.model.passed)))
