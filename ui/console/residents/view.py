"""One resident's record in the console: details, progress per skill and lesson,
certificates, outcome answers and group sessions, with the actions the role allows.

The view only shows a kiosk.people.Profile and says what staff asked for through its
signals; the page does the work.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.people import LessonLine, LessonState, Profile, ResidentRow, SkillLine
from kiosk.staff import Permission
from ui.console.context import ConsoleContext
from ui.console.residents.model import phone_text
from ui.screens.base import button, label, name_role
from ui.theme import set_role
from ui.touch import scroll_area


def day(moment: datetime | None) -> str:
    """A stored moment as the commune's calendar day, the way Vietnamese write it."""
    return moment.astimezone().strftime("%d/%m/%Y") if moment else ""


def details_line(resident: ResidentRow) -> str:
    """Birth year, khóm/ấp, phone and learner code on one line."""
    parts = [QCoreApplication.translate("ResidentView", "Born %1").replace(
        "%1", str(resident.birth_year)), resident.hamlet_name]
    if resident.phone:
        parts.append(phone_text(resident.phone))
    parts.append(QCoreApplication.translate("ResidentView", "Learner code %1").replace(
        "%1", resident.code_display))
    return " · ".join(parts)


class ResidentView(QWidget):
    back = Signal()
    certificates = Signal()
    edit = Signal()
    merge = Signal(object)  # the other resident's id, or None to search for them
    export = Signal()
    erase = Signal()

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile: Profile | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        back = button(self.tr("← Back to the list"), None, "resident_back")
        back.clicked.connect(self.back)
        top.addWidget(back)
        top.addStretch(1)
        layout.addLayout(top)
        self.name = label("", "title")
        self.name.setObjectName("resident_name")
        layout.addWidget(self.name)
        self.details = label("", "lead")
        self.details.setObjectName("resident_details")
        layout.addWidget(self.details)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.actions: dict[str, QPushButton] = {}
        for key, text, permission, role, signal in (
            ("certificates", self.tr("Issue / print certificates"),
             (Permission.ISSUE_CERTIFICATES, Permission.PRINT_CERTIFICATES), "primary",
             self.certificates),
            ("edit", self.tr("Edit details"), (Permission.EDIT_RESIDENTS,), None, self.edit),
            ("merge", self.tr("Merge a duplicate"), (Permission.MERGE_RESIDENTS,), None,
             None),
            ("export", self.tr("Export data"), (Permission.EXPORT_RESIDENT,), None,
             self.export),
            ("erase", self.tr("Erase…"), (Permission.ERASE_RESIDENTS,), None, self.erase),
        ):
            if not any(ctx.can(p) for p in permission):
                continue  # absent, not just greyed: the role cannot do it at all
            widget = button(text, role, f"resident_{key}")
            if signal is not None:
                widget.clicked.connect(signal)
            self.actions[key] = widget
            actions.addWidget(widget)
        if "merge" in self.actions:
            self.actions["merge"].clicked.connect(lambda: self.merge.emit(None))
        actions.addStretch(1)
        layout.addLayout(actions)
        self.notice = label("", "notice")
        self.notice.setObjectName("resident_notice")
        self.notice.hide()
        layout.addWidget(self.notice)

        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 4, 16, 16)
        self.body_layout.setSpacing(10)
        layout.addWidget(scroll_area(self.body, "resident_record"), 1)

    # -- showing a record --------------------------------------------------------------------

    def show_profile(self, profile: Profile, notice: str = "") -> None:
        self.profile = profile
        resident = profile.resident
        self.name.setText(resident.full_name)
        set_role(self.name, name_role(resident.full_name))
        self.details.setText(details_line(resident))
        self.say(notice)
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if profile.duplicates and "merge" in self.actions:
            self.body_layout.addWidget(self._duplicates(profile.duplicates))
        self.body_layout.addWidget(label(self.tr("Progress"), "lead"))
        for line in profile.skills:
            self.body_layout.addWidget(self._skill(line))
        self._certificates(profile)
        self._outcomes(profile)
        self._sessions(profile)
        self.body_layout.addWidget(label(self.tr(
            "Registered on %1. Agreed to what is stored (consent text %2) on %3.")
            .replace("%1", day(profile.created_at)).replace("%2", profile.consent_version)
            .replace("%3", day(profile.consent_at)), "muted"))
        self.body_layout.addStretch(1)

    def say(self, notice: str) -> None:
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def _duplicates(self, others: tuple[ResidentRow, ...]) -> QFrame:
        box = QFrame()
        set_role(box, "card")
        column = QVBoxLayout(box)
        column.setContentsMargins(16, 12, 16, 12)
        column.addWidget(label(self.tr(
            "Another record has the same name and birth year. If it is the same person, "
            "merge the two records."), "notice"))
        for other in others:
            row = QHBoxLayout()
            row.addWidget(label(f"{other.full_name} · {details_line(other)}"), 1)
            merge = button(self.tr("Compare and merge"), None, f"resident_merge_{other.id}")
            merge.clicked.connect(lambda _=False, other_id=other.id: self.merge.emit(other_id))
            row.addWidget(merge)
            column.addLayout(row)
        return box

    def _lesson_state(self, line: LessonLine) -> str:
        if line.state == LessonState.COMPLETED:
            text = self.tr("Completed on %1").replace("%1", day(line.completed_at))
            if line.check_score is not None and line.check_questions:
                text += self.tr(", check %1/%2").replace("%1", str(line.check_score)).replace(
                    "%2", str(line.check_questions))
            if line.in_group:
                text += self.tr(" (group session)")
            return text
        if line.state == LessonState.IN_PROGRESS:
            return self.tr("In progress: step %1 of %2").replace("%1", str(line.step)) \
                .replace("%2", str(line.steps))
        return self.tr("Not started")

    def _skill(self, line: SkillLine) -> QFrame:
        card = QFrame()
        set_role(card, "card")
        grid = QGridLayout(card)
        grid.setContentsMargins(16, 10, 16, 10)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.addWidget(label(line.skill.title, "lead"), 0, 0)
        if line.completed_at is not None:
            status = self.tr("Skill completed on %1").replace("%1", day(line.completed_at))
        elif line.started_at is not None:
            status = self.tr("%1 of %2 lessons completed").replace(
                "%1", str(line.completed)).replace("%2", str(line.total))
        else:
            status = self.tr("Not started")
        done = label(status, None if line.completed_at else "muted")
        done.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(done, 0, 1)
        for row, lesson in enumerate(line.lessons, start=1):
            grid.addWidget(label(lesson.title), row, 0)
            state = label(self._lesson_state(lesson), "muted")
            state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(state, row, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return card

    def _section(self, title: str, lines: list[str], empty: str) -> None:
        self.body_layout.addWidget(label(title, "lead"))
        for text in lines or [empty]:
            self.body_layout.addWidget(label(text, None if lines else "muted"))

    def _certificates(self, profile: Profile) -> None:
        lines = []
        for c in profile.certificates:
            text = self.tr("No. %1 · %2 · issued on %3").replace("%1", c.serial).replace(
                "%2", c.title).replace("%3", day(c.issued_at))
            if c.revoked_at is not None:
                text += " · " + self.tr("revoked on %1: %2").replace(
                    "%1", day(c.revoked_at)).replace("%2", c.revoked_reason or "")
            lines.append(text)
        self._section(self.tr("Certificates"), lines, self.tr("No certificate yet."))

    def _outcomes(self, profile: Profile) -> None:
        self._section(self.tr("What they said they can do now"), [
            f"{o.question} — {o.answer} ({day(o.answered_at)})" for o in profile.outcomes],
            self.tr("No answers yet."))

    def _sessions(self, profile: Profile) -> None:
        lines = []
        for s in profile.sessions:
            parts = [day(s.started_at)]
            parts += [p for p in (s.place, s.hamlet_name, s.team_member) if p]
            if s.passed_check is not None:
                parts.append(self.tr("passed the check") if s.passed_check
                             else self.tr("did not pass the check"))
            lines.append(" · ".join(parts))
        self._section(self.tr("Group sessions attended"), lines,
                      self.tr("No group session."))
