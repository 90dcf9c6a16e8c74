"""Issue a resident the certificates they have earned.

Staff find the person (kiosk.people.search: any words of the name or khóm/ấp, a birth year,
a learner code), then see each of the five skills and "Công dân số": earned or not (and
how far along), and for what is earned, the certificate that says so or none yet. Issuing
and printing are a touch on that line; "Issue all" issues every earned one still missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLineEdit, QListView, QWidget

from kiosk import people, progress, residents
from kiosk.certificates import issuing, requests
from kiosk.certificates.issuing import Entitlement, IssuedCertificate, IssueRefused
from kiosk.db.models import CertificateKind
from kiosk.progress import SkillSummary
from kiosk.skills import Skill
from kiosk.staff import Permission
from ui import operations
from ui.console.certificates.models import PeopleModel, TouchRows
from ui.console.certificates.section import Section, explain
from ui.console.context import ConsoleContext
from ui.screens.base import button, label
from ui.theme import set_role
from ui.touch import scroll_area, touch_scrolling

SEARCH_DELAY_MS = 250
PEOPLE_SHOWN = 30


@dataclass(frozen=True)
class Standing:
    """One resident's achievements and certificates, as the section shows them."""

    person: residents.ResidentInfo
    summary: dict[Skill, SkillSummary]
    earned: list[Entitlement]

    def entitlement(self, skill: Skill | None) -> Entitlement | None:
        return next((e for e in self.earned if e.skill == skill), None)

    @property
    def missing(self) -> list[Entitlement]:
        return [e for e in self.earned if e.current is None]


def key_of(skill: Skill | None) -> str:
    return skill.value if skill else CertificateKind.ALL_SKILLS.value


class IssuePanel(Section):
    queued = Signal(int)  # a print job was made: show it in the queue

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.standing: Standing | None = None
        self.searching: operations.Operation | None = None
        self._search_again = False
        self.loaded_for: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("issue_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr(
            "Name, birth year, khóm/ấp or learner code"))
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SEARCH_DELAY_MS)
        self._delay.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _text: self._delay.start())
        self.search.returnPressed.connect(self.look_up)
        self.layout_.addWidget(self.search)
        self.found = label(self.tr("Find the resident, then touch their name."), "muted")
        self.found.setObjectName("issue_found")
        self.layout_.addWidget(self.found)
        self.model = PeopleModel(self)
        self.people = QListView()
        self.people.setObjectName("issue_people")
        self.people.setModel(self.model)
        self.people.setItemDelegate(TouchRows(self.people))
        self.people.setWordWrap(True)
        self.people.setSpacing(6)
        touch_scrolling(self.people)
        self.people.clicked.connect(lambda index: self.choose(index.row()))
        self.people.activated.connect(lambda index: self.choose(index.row()))
        self.layout_.addWidget(self.people, 1)

        self.card = QFrame()
        self.card.setObjectName("issue_card")
        set_role(self.card, "card")
        card = QGridLayout(self.card)
        card.setContentsMargins(16, 10, 16, 10)
        card.setHorizontalSpacing(16)
        self.name = label("", "title")
        self.name.setObjectName("issue_name")
        self.about = label("", "muted")
        self.about.setObjectName("issue_about")
        self.other_button = button(self.tr("Another resident"), None, "issue_other")
        self.other_button.clicked.connect(self.choose_another)
        card.addWidget(self.name, 0, 0)
        card.addWidget(self.about, 1, 0)
        card.addWidget(self.other_button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        card.setColumnStretch(0, 1)
        self.layout_.addWidget(self.card)

        host = QWidget()
        self.lines = QGridLayout(host)
        self.lines.setContentsMargins(0, 0, 12, 0)  # clear of the scroll bar
        self.lines.setHorizontalSpacing(16)
        self.lines.setVerticalSpacing(10)
        self.lines.setColumnStretch(0, 2)
        self.lines.setColumnStretch(1, 3)
        self.area = scroll_area(host, "issue_lines")
        self.layout_.addWidget(self.area, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.issue_all_button = button("", "primary", "issue_all")
        self.issue_all_button.clicked.connect(self.issue_all)
        row.addWidget(self.issue_all_button)
        self.layout_.addLayout(row)
        self.buttons: dict[str, object] = {}
        self._show_standing(None)

    # --- finding the person -------------------------------------------------------------------

    def focus_input(self) -> None:
        if self.standing is None:
            self.search.setFocus()

    def look_up(self) -> None:
        self._delay.stop()
        if self.searching is not None:
            self._search_again = True
            return
        text = self.search.text()
        db = self.ctx.db
        self.searching = operations.run(
            lambda _p: (text, people.search(db, text, limit=PEOPLE_SHOWN)))
        self.searching.succeeded.connect(self._found)
        self.searching.failed.connect(self._search_failed)

    def _found(self, answer) -> None:
        self.searching = None
        if self._search_again:
            self._search_again = False
            return self.look_up()
        text, result = answer
        self.loaded_for = text
        self.model.set_people(list(result.rows))
        if not text.strip():
            self.found.setText(self.tr("Find the resident, then touch their name."))
        elif not result.rows:
            self.found.setText(self.tr("Nobody found. Check the spelling, or type fewer "
                                       "words."))
        elif result.more or result.total > len(result.rows):
            self.found.setText(self.tr("The first %n shown; type more to narrow it down.",
                                       "", len(result.rows)))
        else:
            self.found.setText(self.tr("%n resident(s) found.", "", len(result.rows)))

    def _search_failed(self, exc: BaseException) -> None:
        self.searching = None
        self._search_again = False
        self.say(explain(exc), "error")

    def choose(self, row: int) -> None:
        person = self.model.person(row)
        if person is not None:
            self.show_resident(person.id)

    def choose_another(self) -> None:
        self._show_standing(None)
        self.say("")
        self.search.setFocus()
        self.search.selectAll()

    # --- one resident ---------------------------------------------------------------------------

    def show_resident(self, resident_id: int, news: str = "") -> None:
        """Load the resident's achievements and certificates, off the UI thread."""
        db, station = self.ctx.db, self.ctx.station

        def load(_progress) -> Standing | None:
            person = residents.get(db, resident_id)
            if person is None:
                return None
            lessons = station.lessons_by_skill()
            summary = progress.summarise(lessons, progress.states(db, resident_id))
            earned = issuing.entitlements(db, resident_id, lessons, station.config)
            return Standing(person, summary, earned)

        def loaded(standing: Standing | None) -> None:
            if standing is None:
                self.say(self.tr("This resident's record is no longer there."), "error")
                return self._show_standing(None)
            self._show_standing(standing)
            self.say(news)

        if self.run(load, loaded) is None:
            QTimer.singleShot(50, self, lambda: self.show_resident(resident_id, news))

    def _show_standing(self, standing: Standing | None) -> None:
        self.standing = standing
        choosing = standing is None
        for widget in (self.search, self.found, self.people):
            widget.setVisible(choosing)
        self.card.setVisible(not choosing)
        self.area.setVisible(not choosing)
        while self.lines.count():
            old = self.lines.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        self.buttons = {}
        if standing is not None:
            person = standing.person
            self.name.setText(person.full_name)
            self.about.setText(self.tr("Born %1 · %2 · learner code %3").replace(
                "%1", str(person.birth_year)).replace("%2", person.hamlet_name).replace(
                "%3", person.code_display))
            for row, skill in enumerate([*Skill, None]):
                self._add_line(row, standing, skill)
        self.changed()

    def _add_line(self, row: int, standing: Standing, skill: Skill | None) -> None:
        earned = standing.entitlement(skill)
        title = skill.title if skill else issuing.ALL_SKILLS_TITLE
        self.lines.addWidget(label(title, "lead"), row, 0, Qt.AlignmentFlag.AlignTop)
        self.lines.addWidget(label(self._state(standing, skill, earned), "muted"), row, 1,
                             Qt.AlignmentFlag.AlignTop)
        key = key_of(skill)
        action = None
        if earned is not None and earned.current is None and \
                self.ctx.can(Permission.ISSUE_CERTIFICATES):
            action = button(self.tr("Issue"), None, f"issue_{key}")
            action.clicked.connect(lambda _=False, e=earned: self.issue([e]))
        elif earned is not None and earned.current is not None and \
                self.ctx.can(Permission.PRINT_CERTIFICATES):
            action = button(self.tr("Print"), None, f"print_{key}")
            action.clicked.connect(lambda _=False, c=earned.current: self.print_certificate(c))
        if action is not None:
            self.buttons[action.objectName()] = action
            self.lines.addWidget(action, row, 2, Qt.AlignmentFlag.AlignTop)

    def _state(self, standing: Standing, skill: Skill | None,
               earned: Entitlement | None) -> str:
        if earned is None and skill is not None:
            s = standing.summary[skill]
            if s.total == 0:
                return self.tr("No lessons for this skill at this kiosk.")
            return self.tr("Not completed: %1 of %2 lessons done.").replace(
                "%1", str(s.completed)).replace("%2", str(s.total))
        if earned is None:
            done = sum(1 for s in standing.summary.values() if s.done)
            return self.tr("Needs all five skills: %1 of 5 completed.").replace(
                "%1", str(done))
        # For "Công dân số": the day the last of the five was completed.
        text = self.tr("Completed %1.").replace("%1", f"{max(earned.completed_on):%d/%m/%Y}")
        if earned.current is None:
            return text + " " + self.tr("No certificate yet.")
        return text + " " + self.tr("Certificate %1, issued %2.").replace(
            "%1", earned.current.serial).replace(
            "%2", f"{earned.current.data.issued_on:%d/%m/%Y}")

    def changed(self) -> None:
        missing = self.standing.missing if self.standing else []
        can_issue = self.ctx.can(Permission.ISSUE_CERTIFICATES)
        self.issue_all_button.setVisible(can_issue and len(missing) > 1)
        self.issue_all_button.setText(self.tr("Issue all (%1)").replace(
            "%1", str(len(missing))))
        for action in self.buttons.values():
            action.setEnabled(not self.busy)
        self.issue_all_button.setEnabled(not self.busy)
        self.other_button.setEnabled(not self.busy)

    # --- actions ---------------------------------------------------------------------------------

    def issue_all(self) -> None:
        if self.standing is not None:
            self.issue(self.standing.missing)

    def issue(self, wanted: list[Entitlement]) -> None:
        if self.standing is None or not wanted:
            return
        db, station, actor = self.ctx.db, self.ctx.station, self.ctx.user
        resident_id = self.standing.person.id

        def work(progress: operations.Progress) -> tuple[list[IssuedCertificate], list[str]]:
            lessons = station.lessons_by_skill()
            made, refused = [], []
            for done, earned in enumerate(wanted):
                progress.report(done, len(wanted))
                try:
                    made.append(issuing.issue(
                        db, resident_id, earned.kind, earned.skill, station.config,
                        station.key, lessons_by_skill=lessons, actor=actor))
                except IssueRefused as exc:
                    refused.append(exc.message)
            return made, refused

        def issued(answer: tuple[list[IssuedCertificate], list[str]]) -> None:
            made, refused = answer
            news = [self.tr("Issued certificate %1.").replace("%1", c.serial) for c in made]
            self.show_resident(resident_id, " ".join(news + refused))

        self.run(work, issued)

    def print_certificate(self, certificate: IssuedCertificate) -> None:
        db, config, actor = self.ctx.db, self.ctx.station.config, self.ctx.user
        serial = certificate.serial
        self.run(lambda _p: requests.reprint(db, serial, config, actor=actor),
                 lambda job: self._queued(serial, job))

    def _queued(self, serial: str, job) -> None:
        self.say(self.tr("Certificate %1 is in the print queue.").replace("%1", serial))
        self.queued.emit(job.id)
