"""Group sessions: a team member teaches lessons to a room, and the room's records follow.

A session is started for a khóm/ấp, a place and the lessons to cover. People are checked
in as they arrive (found by name, birth year or a scanned learner card, or registered on
the spot with their consent); each check-in is committed at once, so closing the program
mid-session loses nobody. The group check records who passed. Ending the session completes
the session's lessons for those who passed, marked as done in the group
(progress.complete_in_group), in one transaction with the session's end; the skills they
completed then earn certificates, queued for printing in one batch.

Every function that changes something takes the acting team member, checks RUN_SESSIONS
first and writes its audit entry in the same transaction; audit details name residents by
id and learner code only. Functions return plain records, never ORM objects.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kiosk import people, progress, residents
from kiosk.db.models import (
    Attendance,
    AuditEntry,
    GroupSession,
    Hamlet,
    LessonProgress,
    ProgressStatus,
    Resident,
    SkillProgress,
    StaffUser,
    utcnow,
)
from kiosk.lessons.schema import Lesson
from kiosk.residents import Db, ResidentInfo
from kiosk.skills import Skill
from kiosk.staff import Permission, StaffUserInfo, audit, require
from kiosk.text import clean_text

MAX_PLACE_LENGTH = 200  # the column's width
MAX_NOTES_LENGTH = 2000
MAX_LESSONS = 12  # more than a morning can hold: a slip of the finger
SEARCH_LIMIT = 20


class SessionError(ValueError):
    """A session action that cannot be done; `message` is Vietnamese, for the team member.
    `field` names the input it is about ("hamlet", "place", "lessons", "notes") or is None."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def _utc(moment: datetime | None) -> datetime | None:
    """Stored moments are UTC; SQLite gives them back without their zone."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


@dataclass(frozen=True)
class SessionInfo:
    id: int
    team_member_id: int | None
    team_member_name: str
    hamlet_id: int | None
    hamlet_name: str
    place: str
    lesson_ids: tuple[str, ...]
    started_at: datetime
    ended_at: datetime | None
    notes: str
    attended: int = 0
    passed: int = 0

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class Attendee:
    resident_id: int
    learner_code: str
    full_name: str
    birth_year: int
    hamlet_name: str
    checked_in_at: datetime
    passed: bool | None  # None: not (yet) recorded in the group check

    @property
    def code_display(self) -> str:
        return residents.format_code(self.learner_code)


@dataclass(frozen=True)
class CheckIn:
    attendee: Attendee
    new: bool  # False when the person had already been checked in


@dataclass(frozen=True)
class Completion:
    """What ending the session recorded for one person who passed."""

    resident_id: int
    learner_code: str
    full_name: str
    lessons: tuple[str, ...]  # completed in this session
    already: tuple[str, ...]  # completed before (alone or in another session)
    locked: tuple[str, ...]  # final checks left: the skill's other lessons are not done
    skills: tuple[Skill, ...]  # skills this session completed


@dataclass(frozen=True)
class SessionReport:
    session: SessionInfo
    attendees: tuple[Attendee, ...]
    completions: tuple[Completion, ...]
    missing_lessons: tuple[str, ...] = ()  # ids no longer in the lesson pack

    @property
    def skills_completed(self) -> int:
        return sum(len(c.skills) for c in self.completions)

    @property
    def lessons_completed(self) -> int:
        return sum(len(c.lessons) for c in self.completions)

    @property
    def certificate_holders(self) -> list[Completion]:
        return [c for c in self.completions if c.skills]


@dataclass(frozen=True)
class CertificateBatch:
    job_id: int | None
    serials: tuple[str, ...]
    people: int
    refused: tuple[str, ...] = field(default=())  # Vietnamese reasons, one per refusal


# -- reading ------------------------------------------------------------------------------

def _counts(session: Session, ids: Collection[int]) -> dict[int, tuple[int, int]]:
    if not ids:
        return {}
    rows = session.execute(
        select(Attendance.session_id, func.count(),
               func.sum(case((Attendance.passed_check.is_(True), 1), else_=0)))
        .where(Attendance.session_id.in_(ids)).group_by(Attendance.session_id))
    return {sid: (total, int(passed or 0)) for sid, total, passed in rows}


def _infos(session: Session, rows: Sequence[GroupSession]) -> list[SessionInfo]:
    counts = _counts(session, [r.id for r in rows])
    hamlets = dict(session.execute(select(Hamlet.id, Hamlet.name)).all())
    staff_ids = {r.team_member_id for r in rows if r.team_member_id is not None}
    staff = dict(session.execute(select(StaffUser.id, StaffUser.display_name)
                                 .where(StaffUser.id.in_(staff_ids))).all()) if staff_ids else {}
    return [SessionInfo(
        id=r.id, team_member_id=r.team_member_id,
        team_member_name=staff.get(r.team_member_id, ""),
        hamlet_id=r.hamlet_id, hamlet_name=hamlets.get(r.hamlet_id, ""),
        place=r.place or "", lesson_ids=tuple(x for x in r.lesson_ids.splitlines() if x),
        started_at=_utc(r.started_at), ended_at=_utc(r.ended_at), notes=r.notes or "",
        attended=counts.get(r.id, (0, 0))[0], passed=counts.get(r.id, (0, 0))[1],
    ) for r in rows]


def get(db: Db, session_id: int) -> SessionInfo | None:
    with db() as session:
        row = session.get(GroupSession, session_id)
        return _infos(session, [row])[0] if row else None


def list_sessions(db: Db, *, limit: int = 500) -> list[SessionInfo]:
    """Sessions newest first, with how many came and passed."""
    with db() as session:
        rows = session.scalars(select(GroupSession).order_by(
            GroupSession.started_at.desc(), GroupSession.id.desc()).limit(limit)).all()
        return _infos(session, rows)


def open_sessions(db: Db) -> list[SessionInfo]:
    """Sessions started and not ended (the program was closed, or the team member left
    the presenter view without ending): they can be continued or ended."""
    with db() as session:
        rows = session.scalars(select(GroupSession).where(GroupSession.ended_at.is_(None))
                               .order_by(GroupSession.started_at.desc())).all()
        return _infos(session, rows)


def _attendee(attendance: Attendance, resident: Resident) -> Attendee:
    return Attendee(resident.id, resident.learner_code, resident.full_name,
                    resident.birth_year, resident.hamlet.name,
                    _utc(attendance.checked_in_at), attendance.passed_check)


def roster(db: Db, session_id: int) -> list[Attendee]:
    """Who is checked in, in the order they arrived."""
    with db() as session:
        rows = session.execute(
            select(Attendance, Resident).join(Resident, Resident.id == Attendance.resident_id)
            .where(Attendance.session_id == session_id)
            .order_by(Attendance.checked_in_at, Attendance.id))
        return [_attendee(a, r) for a, r in rows]


def search(db: Db, text: str, *, limit: int = SEARCH_LIMIT) -> list[ResidentInfo]:
    """Residents for the roster's search box, as the team member types: staff search
    (kiosk.people.search: words of the name in any case, with or without diacritics, a
    birth year, a learner code, a phone number...)."""
    return [ResidentInfo(r.id, r.learner_code, r.full_name, r.birth_year, r.hamlet_id,
                         r.hamlet_name, r.phone)
            for r in people.search(db, text, limit=limit).rows]


# -- starting ------------------------------------------------------------------------------

def start(db: Db, actor: StaffUserInfo, *, hamlet_id: int | None, place: str,
          lesson_ids: Sequence[str], known_lessons: Collection[str]) -> SessionInfo:
    """Open a session led by `actor`. `known_lessons` are the ids of the lessons the
    station can show (a session of lessons it cannot show would be empty)."""
    require(actor, Permission.RUN_SESSIONS)
    place = clean_text(place)
    if len(place) > MAX_PLACE_LENGTH:
        raise SessionError(f"Tên nơi học dài quá {MAX_PLACE_LENGTH} ký tự; hãy viết gọn hơn.",
                           "place")
    chosen = list(dict.fromkeys(lesson_ids))
    if not chosen:
        raise SessionError("Hãy chọn ít nhất một bài học cho buổi học.", "lessons")
    if len(chosen) > MAX_LESSONS:
        raise SessionError(f"Một buổi học có nhiều nhất {MAX_LESSONS} bài.", "lessons")
    unknown = [x for x in chosen if x not in known_lessons]
    if unknown:
        raise SessionError("Không có bài học: " + ", ".join(unknown) + ".", "lessons")
    with db.begin() as session:
        if hamlet_id is None or session.get(Hamlet, hamlet_id) is None:
            raise SessionError("Hãy chọn khóm/ấp của buổi học.", "hamlet")
        row = GroupSession(team_member_id=actor.id, hamlet_id=hamlet_id, place=place,
                           lesson_ids="\n".join(chosen), started_at=utcnow())
        session.add(row)
        session.flush()
        audit(session, actor, "session.start", session_id=row.id, hamlet_id=hamlet_id,
              lessons=chosen)
        return _infos(session, [row])[0]


# -- the roster ----------------------------------------------------------------------------

def _open_row(session: Session, session_id: int) -> GroupSession:
    row = session.get(GroupSession, session_id)
    if row is None:
        raise SessionError("Không tìm thấy buổi học này.")
    if row.ended_at is not None:
        raise SessionError("Buổi học này đã kết thúc; không ghi thêm được nữa.")
    return row


def check_in(db: Db, actor: StaffUserInfo, session_id: int, resident_id: int, *,
             registered_now: bool = False) -> CheckIn:
    """Record that the resident is here (committed at once). Checking in someone already
    on the roster changes nothing and says so (`new` is False)."""
    require(actor, Permission.RUN_SESSIONS)
    with db.begin() as session:
        _open_row(session, session_id)
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise SessionError("Không tìm thấy người này trong hồ sơ.")
        row = session.scalar(select(Attendance).where(
            Attendance.session_id == session_id, Attendance.resident_id == resident_id))
        if row is not None:
            return CheckIn(_attendee(row, resident), new=False)
        row = Attendance(session_id=session_id, resident_id=resident_id,
                         checked_in_at=utcnow())
        session.add(row)
        session.flush()
        audit(session, actor, "session.check_in", session_id=session_id,
              resident_id=resident_id, learner_code=resident.learner_code,
              registered_now=registered_now)
        return CheckIn(_attendee(row, resident), new=True)


def check_in_code(db: Db, actor: StaffUserInfo, session_id: int, code: str) -> CheckIn | None:
    """Check in the holder of a learner card (typed, or scanned: a scanner types the code
    and Enter); None when no resident has that code."""
    require(actor, Permission.RUN_SESSIONS)
    found = residents.find_by_code(db, code)
    if found is None:
        return None
    return check_in(db, actor, session_id, found.id)


def register_walk_in(db: Db, actor: StaffUserInfo, session_id: int, *, full_name: str,
                     birth_year: int | str, hamlet_id: int, phone: str = "",
                     consent_given: bool) -> CheckIn:
    """Register someone new who came to the session, after the team member read them the
    consent text and they agreed, and check them in. Raises kiosk.text.InvalidInput for
    input that cannot be stored (nothing is stored then)."""
    require(actor, Permission.RUN_SESSIONS)
    with db() as session:
        _open_row(session, session_id)
    person = residents.register(db, full_name=full_name, birth_year=birth_year,
                                hamlet_id=hamlet_id, phone=phone, consent_given=consent_given)
    return check_in(db, actor, session_id, person.id, registered_now=True)


def undo_check_in(db: Db, actor: StaffUserInfo, session_id: int, resident_id: int) -> None:
    """Take someone off the roster who was checked in by mistake."""
    require(actor, Permission.RUN_SESSIONS)
    with db.begin() as session:
        _open_row(session, session_id)
        row = session.scalar(select(Attendance).where(
            Attendance.session_id == session_id, Attendance.resident_id == resident_id))
        if row is None:
            return
        code = session.scalar(select(Resident.learner_code).where(Resident.id == resident_id))
        session.delete(row)
        audit(session, actor, "session.check_in_undo", session_id=session_id,
              resident_id=resident_id, learner_code=code)


def record_check(db: Db, actor: StaffUserInfo, session_id: int, resident_id: int,
                 passed: bool | None) -> None:
    """Record one person's group check result (None clears it)."""
    require(actor, Permission.RUN_SESSIONS)
    with db.begin() as session:
        _open_row(session, session_id)
        row = session.scalar(select(Attendance).where(
            Attendance.session_id == session_id, Attendance.resident_id == resident_id))
        if row is None:
            raise SessionError("Người này chưa điểm danh trong buổi học.")
        if row.passed_check == passed:
            return
        row.passed_check = passed
        code = session.scalar(select(Resident.learner_code).where(Resident.id == resident_id))
        audit(session, actor, "session.check_result", session_id=session_id,
              resident_id=resident_id, learner_code=code, passed=passed)


def record_all_passed(db: Db, actor: StaffUserInfo, session_id: int) -> int:
    """"Cả lớp đạt": everyone checked in passed. Returns how many are on the roster."""
    require(actor, Permission.RUN_SESSIONS)
    with db.begin() as session:
        _open_row(session, session_id)
        rows = session.scalars(select(Attendance).where(
            Attendance.session_id == session_id)).all()
        for row in rows:
            row.passed_check = True
        audit(session, actor, "session.all_passed", session_id=session_id,
              residents=len(rows))
        return len(rows)


# -- ending --------------------------------------------------------------------------------

def _completion(session: Session, session_id: int, resident: Resident,
                lessons: Sequence[Lesson], by_skill: Mapping[Skill, list[Lesson]],
                complete: bool) -> Completion:
    """Complete the session's lessons for one person who passed (`complete`), or read back
    what an earlier end recorded. A skill's final check is completed last and only when the
    skill's other lessons are done, as at the kiosk."""
    done_rows = session.execute(select(LessonProgress.lesson_id, LessonProgress.group_session_id)
                                .where(LessonProgress.resident_id == resident.id,
                                       LessonProgress.status == ProgressStatus.COMPLETED)).all()
    completed = {lesson_id for lesson_id, _ in done_rows}
    here = {lesson_id for lesson_id, sid in done_rows if sid == session_id}
    done, already, locked = [], [], []
    for lesson in sorted(lessons, key=lambda x: x.final):
        if lesson.id in here:
            done.append(lesson.id)
            continue
        if lesson.id in completed:
            already.append(lesson.id)
            continue
        others = [x for x in by_skill.get(lesson.skill, []) if not x.final]
        if lesson.final and not all(x.id in completed for x in others):
            locked.append(lesson.id)
            continue
        if complete and progress.complete_in_group(session, resident.id, lesson, session_id):
            completed.add(lesson.id)
            done.append(lesson.id)
    skills = session.scalars(select(SkillProgress.skill).where(
        SkillProgress.resident_id == resident.id,
        SkillProgress.group_session_id == session_id,
        SkillProgress.completed_at.is_not(None))).all()
    return Completion(resident.id, resident.learner_code, resident.full_name, tuple(done),
                      tuple(already), tuple(locked),
                      tuple(s for s in Skill if s.value in set(skills)))


def _report(session: Session, row: GroupSession, lessons: Mapping[str, Lesson],
            by_skill: Mapping[Skill, list[Lesson]], complete: bool) -> SessionReport:
    info = _infos(session, [row])[0]
    shown = [lessons[x] for x in info.lesson_ids if x in lessons]
    missing = tuple(x for x in info.lesson_ids if x not in lessons)
    pairs = session.execute(
        select(Attendance, Resident).join(Resident, Resident.id == Attendance.resident_id)
        .where(Attendance.session_id == row.id)
        .order_by(Attendance.checked_in_at, Attendance.id)).all()
    completions = tuple(_completion(session, row.id, r, shown, by_skill, complete)
                        for a, r in pairs if a.passed_check) \
        if complete or row.ended_at is not None else ()
    return SessionReport(info, tuple(_attendee(a, r) for a, r in pairs), completions, missing)


def end(db: Db, actor: StaffUserInfo, session_id: int, lessons: Mapping[str, Lesson],
        lessons_by_skill: Mapping[Skill, list[Lesson]], notes: str = "") -> SessionReport:
    """End the session: it is closed to changes, and everyone who passed the group check has
    the session's lessons completed as done in the group, all in one transaction."""
    require(actor, Permission.RUN_SESSIONS)
    notes = clean_text(notes)
    if len(notes) > MAX_NOTES_LENGTH:
        raise SessionError(f"Ghi chú dài quá {MAX_NOTES_LENGTH} ký tự; hãy viết gọn hơn.",
                           "notes")
    with db.begin() as session:
        row = _open_row(session, session_id)
        report = _report(session, row, lessons, lessons_by_skill, complete=True)
        row.ended_at = utcnow()
        row.notes = notes or None
        audit(session, actor, "session.end", session_id=session_id,
              attended=len(report.attendees), passed=len(report.completions),
              lessons_completed=report.lessons_completed,
              skills_completed=report.skills_completed)
        session.flush()
        return replace(report, session=_infos(session, [row])[0])


def preview(db: Db, session_id: int, lessons: Mapping[str, Lesson],
            lessons_by_skill: Mapping[Skill, list[Lesson]]) -> SessionReport:
    """What ending the session now would record, worked out by ending it in a transaction
    that is then rolled back: the team member sees it before confirming."""
    with db() as session:
        row = _open_row(session, session_id)
        try:
            return _report(session, row, lessons, lessons_by_skill, complete=True)
        finally:
            session.rollback()


def report(db: Db, session_id: int, lessons: Mapping[str, Lesson],
           lessons_by_skill: Mapping[Skill, list[Lesson]]) -> SessionReport | None:
    """What a session recorded: who came, who passed, what they completed in it (nothing
    is completed before the session ends)."""
    with db() as session:
        row = session.get(GroupSession, session_id)
        if row is None:
            return None
        return _report(session, row, lessons, lessons_by_skill, complete=False)


# -- certificates --------------------------------------------------------------------------

def queued_certificates(db: Db, session_id: int) -> list[int]:
    """The print jobs already made for the session's certificates (from the audit log),
    so nobody queues the same papers twice by mistake."""
    with db() as session:
        details = session.scalars(select(AuditEntry.detail).where(
            AuditEntry.action == "session.certificates")).all()
    jobs = []
    for detail in details:
        data = json.loads(detail or "{}")
        if data.get("session_id") == session_id and data.get("job_id") is not None:
            jobs.append(int(data["job_id"]))
    return jobs


def queue_certificates(db: Db, actor: StaffUserInfo, session_id: int,
                       lessons_by_skill: Mapping[Skill, list[Lesson]], settings, key, *,
                       on_progress: Callable[[int, int], None] | None = None
                       ) -> CertificateBatch:
    """The certificates earned by the skills people completed in an ended session, as one
    PDF in the print queue. Each person gets their skill's certificate (the one they hold,
    or issued now on the station's authority, as at the kiosk) and "Công dân số" once all
    five skills are done. `settings` and `key` are the station's."""
    require(actor, Permission.RUN_SESSIONS)
    require(actor, Permission.PRINT_CERTIFICATES)
    from kiosk.certificates import requests
    from kiosk.certificates.issuing import IssueRefused

    with db() as session:
        row = session.get(GroupSession, session_id)
        if row is None:
            raise SessionError("Không tìm thấy buổi học này.")
        if row.ended_at is None:
            raise SessionError("Hãy kết thúc buổi học trước khi in chứng nhận.")
        earned = session.execute(
            select(SkillProgress.resident_id, SkillProgress.skill)
            .join(Attendance, (Attendance.resident_id == SkillProgress.resident_id)
                  & (Attendance.session_id == session_id))
            .where(SkillProgress.group_session_id == session_id,
                   SkillProgress.completed_at.is_not(None))
            .order_by(Attendance.checked_in_at, SkillProgress.skill)).all()
    certificates, refused, seen = [], [], set()
    for done, (resident_id, skill) in enumerate(earned):
        if on_progress:
            on_progress(done, len(earned))
        try:
            for certificate in requests.certificates_for(
                    db, resident_id, Skill(skill), lessons_by_skill, settings, key):
                if certificate.serial not in seen:
                    seen.add(certificate.serial)
                    certificates.append(certificate)
        except IssueRefused as exc:
            refused.append(exc.message)
    if on_progress:
        on_progress(len(earned), len(earned))
    if not certificates:
        return CertificateBatch(None, (), 0, tuple(refused))
    job = requests.queue_for_printing(db, settings, certificates)
    people = len({c.resident_id for c in certificates})
    with db.begin() as session:
        audit(session, actor, "session.certificates", session_id=session_id, job_id=job.id,
              serials=[c.serial for c in certificates],
              resident_ids=sorted({c.resident_id for c in certificates}))
    return CertificateBatch(job.id, tuple(c.serial for c in certificates), people,
                            tuple(refused))
