"""Changes to residents' records: correct their details (`edit`), join two records of the
same person (`merge`), and remove a person on their request (`erase`).

The privileged functions take the acting staff member, check the permission first and
write their audit entry in the same transaction as the change. Audit details name a
resident by id and learner code only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from kiosk.certificates import issuing
from kiosk.db.models import (
    Attendance,
    Certificate,
    Hamlet,
    LessonProgress,
    OutcomeAnswer,
    PrintJob,
    PrintJobStatus,
    ProgressStatus,
    Resident,
    ResidentTerm,
    SkillProgress,
    StepAttempt,
    StepProgress,
    utcnow,
)
from kiosk.people.rows import (
    PeopleError,
    ResidentRow,
    _hamlet_names,
    _refused,
    _resident,
    _row_of,
    _utc,
)
from kiosk.progress import refresh_all_skills
from kiosk.residents import Db, validate_birth_year
from kiosk.staff import Permission, StaffUserInfo, audit, require
from kiosk.text import InvalidInput, clean_text, fold, name_terms, normalize_name, normalize_phone

MAX_REASON_LENGTH = 300


# --- changes ----------------------------------------------------------------------------------

_UNCHANGED: object = object()


def edit(db: Db, actor: StaffUserInfo, resident_id: int, *,
         full_name: str | None = None, birth_year: int | str | None = None,
         hamlet_id: int | None = None, phone: str | None = None) -> ResidentRow:
    """Correct a resident's details; a field left None stays as it is, a phone given as ""
    is removed. Validated as registration validates them; raises PeopleError."""
    require(actor, Permission.EDIT_RESIDENTS)
    try:
        name = normalize_name(full_name) if full_name is not None else None
        year = validate_birth_year(birth_year) if birth_year is not None else None
        digits = normalize_phone(phone) if phone is not None else _UNCHANGED
    except InvalidInput as error:
        raise _refused(error) from None
    with db.begin() as session:
        resident = _resident(session, resident_id)
        changed = []
        if name is not None and name != resident.full_name:
            resident.full_name, resident.name_folded = name, fold(name)
            session.execute(delete(ResidentTerm).where(ResidentTerm.resident_id == resident.id))
            session.add_all(ResidentTerm(term=term, resident_id=resident.id)
                            for term in name_terms(name))
            changed.append("full_name")
        if year is not None and year != resident.birth_year:
            resident.birth_year = year
            changed.append("birth_year")
        if hamlet_id is not None and hamlet_id != resident.hamlet_id:
            if session.get(Hamlet, hamlet_id) is None:
                raise _refused(InvalidInput("hamlet", "missing"))
            resident.hamlet_id = hamlet_id
            # Reports count skills and outcomes per khóm/ấp from skill_progress and
            # outcome_answers: they move along.
            for table in (SkillProgress, OutcomeAnswer):
                session.execute(update(table).where(table.resident_id == resident.id)
                                .values(hamlet_id=hamlet_id))
            changed.append("hamlet_id")
        if digits is not _UNCHANGED and digits != resident.phone:
            resident.phone = digits
            changed.append("phone")
        if changed:
            resident.updated_at = utcnow()
            audit(session, actor, "resident.edit", resident_id=resident.id,
                  learner_code=resident.learner_code, fields=changed)
        session.flush()
        return _row_of(resident, _hamlet_names(session))


@dataclass(frozen=True)
class MergeSummary:
    """What a merge moved into the kept record."""

    kept: ResidentRow
    dropped_id: int
    dropped_code: str
    lessons: int  # lesson records moved or combined
    certificates: int
    sessions: int
    attempts: int


def _better(keep: LessonProgress, drop: LessonProgress) -> bool:
    """Whether the dropped record's lesson progress should win over the kept one's: the
    completed one, the earlier completion, or the further step."""
    keep_done = keep.status == ProgressStatus.COMPLETED
    drop_done = drop.status == ProgressStatus.COMPLETED
    if keep_done != drop_done:
        return drop_done
    if keep_done:
        return (_utc(drop.completed_at) or utcnow()) < (_utc(keep.completed_at) or utcnow())
    return drop.current_step > keep.current_step


def _earliest(*moments: datetime | None) -> datetime | None:
    known = [_utc(m) for m in moments if m is not None]
    return min(known) if known else None


def _merge_lessons(session: Session, keep: Resident, drop: Resident) -> int:
    mine = {row.lesson_id: row for row in session.scalars(
        select(LessonProgress).where(LessonProgress.resident_id == keep.id))}
    moved = 0
    for theirs in session.scalars(
            select(LessonProgress).where(LessonProgress.resident_id == drop.id)).all():
        moved += 1
        ours = mine.get(theirs.lesson_id)
        if ours is None:
            theirs.resident_id = keep.id
            continue
        winner, loser = (theirs, ours) if _better(ours, theirs) else (ours, theirs)
        started = _earliest(ours.started_at, theirs.started_at)
        # The steps only the losing record finished join the winner's.
        done = set(session.scalars(select(StepProgress.step_index).where(
            StepProgress.progress_id == winner.id)))
        session.execute(update(StepProgress).where(
            StepProgress.progress_id == loser.id, StepProgress.step_index.not_in(done))
            .values(progress_id=winner.id).execution_options(synchronize_session=False))
        session.execute(delete(StepProgress).where(StepProgress.progress_id == loser.id))
        winner.group_session_id = winner.group_session_id or loser.group_session_id
        if winner.check_score is None:
            winner.check_score = loser.check_score
        session.delete(loser)
        session.flush()
        winner.resident_id, winner.started_at = keep.id, started
    return moved


def _merge_skills(session: Session, keep: Resident, drop: Resident) -> None:
    mine = {row.skill: row for row in session.scalars(
        select(SkillProgress).where(SkillProgress.resident_id == keep.id))}
    for theirs in session.scalars(
            select(SkillProgress).where(SkillProgress.resident_id == drop.id)).all():
        ours = mine.get(theirs.skill)
        if ours is None:
            theirs.resident_id, theirs.hamlet_id = keep.id, keep.hamlet_id
            continue
        ours.started_at = _earliest(ours.started_at, theirs.started_at)
        completed = _earliest(ours.completed_at, theirs.completed_at)
        if completed is not None and completed != _utc(ours.completed_at):
            ours.group_session_id = theirs.group_session_id
        ours.completed_at = completed
        session.delete(theirs)


def _merge_outcomes(session: Session, keep: Resident, drop: Resident) -> None:
    mine = {row.question_key: row for row in session.scalars(
        select(OutcomeAnswer).where(OutcomeAnswer.resident_id == keep.id))}
    for theirs in session.scalars(
            select(OutcomeAnswer).where(OutcomeAnswer.resident_id == drop.id)).all():
        ours = mine.get(theirs.question_key)
        if ours is None:
            theirs.resident_id, theirs.hamlet_id = keep.id, keep.hamlet_id
        else:
            if _utc(theirs.answered_at) > _utc(ours.answered_at):  # the latest answer wins
                ours.answer, ours.lesson_id = theirs.answer, theirs.lesson_id
                ours.answered_at = theirs.answered_at
            session.delete(theirs)


def _merge_attendance(session: Session, keep: Resident, drop: Resident) -> int:
    mine = {row.session_id: row for row in session.scalars(
        select(Attendance).where(Attendance.resident_id == keep.id))}
    moved = 0
    for theirs in session.scalars(
            select(Attendance).where(Attendance.resident_id == drop.id)).all():
        moved += 1
        ours = mine.get(theirs.session_id)
        if ours is None:
            theirs.resident_id = keep.id
            continue
        ours.checked_in_at = _earliest(ours.checked_in_at, theirs.checked_in_at)
        if theirs.passed_check is not None:
            ours.passed_check = bool(ours.passed_check) or theirs.passed_check
        session.delete(theirs)
    return moved


def merge(db: Db, actor: StaffUserInfo, keep_id: int, drop_id: int) -> MergeSummary:
    """The same person registered twice: move everything of `drop_id` into `keep_id`, then
    delete `drop_id`. The kept record's details stay; its phone is taken from the other
    record when it has none. One transaction: all of it happens, or nothing."""
    require(actor, Permission.MERGE_RESIDENTS)
    if keep_id == drop_id:
        raise PeopleError("Hãy chọn hai hồ sơ khác nhau để gộp.")
    with db.begin() as session:
        keep = _resident(session, keep_id)
        drop = _resident(session, drop_id)
        lessons = _merge_lessons(session, keep, drop)
        _merge_skills(session, keep, drop)
        refresh_all_skills(session, keep.id)  # both records' skills: "Công dân số" now?
        _merge_outcomes(session, keep, drop)
        sessions = _merge_attendance(session, keep, drop)
        attempts = session.execute(
            update(StepAttempt).where(StepAttempt.resident_id == drop.id)
            .values(resident_id=keep.id).execution_options(synchronize_session=False)
        ).rowcount
        # One current certificate per achievement: where both hold one, the kept record's
        # stays and the other is revoked, naming it.
        revoked = issuing.settle_merge(session, keep.id, drop.id)
        certificates = session.execute(
            update(Certificate).where(Certificate.resident_id == drop.id)
            .values(resident_id=keep.id).execution_options(synchronize_session=False)
        ).rowcount
        if keep.phone is None and drop.phone is not None:
            keep.phone = drop.phone
        keep.updated_at = utcnow()
        dropped_code = drop.learner_code
        session.flush()
        session.execute(delete(ResidentTerm).where(ResidentTerm.resident_id == drop.id))
        session.delete(drop)
        audit(session, actor, "resident.merge", kept_id=keep.id,
              kept_code=keep.learner_code, dropped_id=drop_id, dropped_code=dropped_code,
              lessons=lessons, certificates=certificates, sessions=sessions,
              revoked=revoked)
        session.flush()
        return MergeSummary(_row_of(keep, _hamlet_names(session)), drop_id, dropped_code,
                            lessons, certificates, sessions, attempts)


# --- erase ------------------------------------------------------------------------------------

ERASED_LABEL = "Chứng nhận của một hồ sơ đã xóa"
ERASED_REASON = "Hồ sơ của người được cấp đã bị xóa khỏi trạm."


@dataclass(frozen=True)
class Erased:
    resident_id: int
    learner_code: str
    certificates: int  # kept, anonymous and revoked
    print_jobs: int  # stopped, their PDF files deleted
    files_left: tuple[str, ...] = ()  # PDF files that could not be deleted
    file_cleared: bool = True  # SQLite: deleted pages overwritten and the log emptied


def _check_reason(reason: str, resident: Resident) -> str:
    reason = clean_text(reason)
    if not reason:
        raise PeopleError("Hãy ghi lý do xóa hồ sơ.", "reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise PeopleError(f"Lý do dài quá {MAX_REASON_LENGTH} ký tự; hãy viết gọn hơn.",
                          "reason")
    folded = f" {fold(reason)} "
    digits = "".join(c for c in reason if c.isdigit())
    if f" {resident.name_folded} " in folded or (
            resident.phone and resident.phone[1:] in digits):
        raise PeopleError("Lý do được giữ lại trong nhật ký: không ghi họ tên hay số điện "
                          "thoại của người dân vào đây.", "reason")
    return reason


def erase(db: Db, actor: StaffUserInfo, resident_id: int, reason: str) -> Erased:
    """Remove a person and everything that can identify them, on their request.

    Their progress, answers, attendance and search words go. Their certificates stay
    for the revocation list (serial, kind, skill, dates), revoked, without the resident
    and without the token, which holds the name; print jobs of those certificates stop
    and their PDF files are deleted. The audit entry keeps the id, learner code and
    reason only. On SQLite the freed pages are overwritten with zeros and the write-ahead
    log is emptied, so the name cannot be read back from the file either.
    """
    require(actor, Permission.ERASE_RESIDENTS)
    files: list[Path] = []
    with db.begin() as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
        if sqlite:  # per connection: this session's, for the statements below
            previous = session.execute(text("PRAGMA secure_delete")).scalar()
            session.execute(text("PRAGMA secure_delete = ON"))
        resident = _resident(session, resident_id)
        reason = _check_reason(reason, resident)
        code = resident.learner_code
        certificates = session.scalars(select(Certificate).where(
            Certificate.resident_id == resident_id)).all()
        serials = {c.serial for c in certificates}
        now = utcnow()
        for certificate in certificates:
            certificate.resident_id, certificate.token = None, None
            if certificate.revoked_at is None:
                certificate.revoked_at, certificate.revoked_reason = now, ERASED_REASON
        jobs = 0
        if serials:
            for job in session.scalars(select(PrintJob).where(PrintJob.serials != "")):
                if not serials & set(job.serials.splitlines()):
                    continue
                jobs += 1
                files.append(Path(job.pdf_path))
                job.label = ERASED_LABEL
                if job.status in (PrintJobStatus.QUEUED, PrintJobStatus.FAILED):
                    job.status = PrintJobStatus.CANCELLED
                    job.last_error = None
        progress_ids = select(LessonProgress.id).where(LessonProgress.resident_id == resident_id)
        for statement in (
            delete(StepProgress).where(StepProgress.progress_id.in_(progress_ids)),
            delete(LessonProgress).where(LessonProgress.resident_id == resident_id),
            delete(SkillProgress).where(SkillProgress.resident_id == resident_id),
            delete(StepAttempt).where(StepAttempt.resident_id == resident_id),
            delete(OutcomeAnswer).where(OutcomeAnswer.resident_id == resident_id),
            delete(Attendance).where(Attendance.resident_id == resident_id),
            delete(ResidentTerm).where(ResidentTerm.resident_id == resident_id),
        ):
            session.execute(statement.execution_options(synchronize_session=False))
        session.flush()
        session.delete(resident)
        audit(session, actor, "resident.erase", resident_id=resident_id, learner_code=code,
              reason=reason)
        session.flush()
        if sqlite:
            session.execute(text(f"PRAGMA secure_delete = {int(bool(previous))}"))
    left = []
    for path in files:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            left.append(str(path))
    cleared = _empty_write_ahead_log(db)
    return Erased(resident_id, code, len(serials), jobs, tuple(left), cleared)


def _empty_write_ahead_log(db: Db) -> bool:
    """Copy the write-ahead log into the database file and truncate it: until then, the
    log still holds the pages as they were before the erase. False when a reader kept it
    from finishing (it then finishes at a later checkpoint)."""
    with db() as session:
        if session.get_bind().dialect.name != "sqlite":
            return True
        busy = session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()
        session.commit()
        return not (busy and busy[0])
