"""One person's record: everything the console shows about a resident (`profile`), and
everything stored about them as labelled data for the person who asks (`export`).

`export` takes the acting staff member, checks the permission first and writes its audit
entry in the same transaction; the audit entry names the resident by id and learner code
only.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.db.models import (
    Attendance,
    Certificate,
    GroupSession,
    LessonProgress,
    OutcomeAnswer,
    ProgressStatus,
    SkillProgress,
    StaffUser,
    StepAttempt,
    StepProgress,
    utcnow,
)
from kiosk.lessons.schema import Lesson
from kiosk.people.duplicates import _duplicates
from kiosk.people.rows import ResidentRow, _hamlet_names, _resident, _row_of, _utc
from kiosk.residents import Db, format_code, parse_code
from kiosk.skills import Skill
from kiosk.staff import Permission, StaffUserInfo, audit, require

# --- profile ----------------------------------------------------------------------------------


class LessonState(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True)
class LessonLine:
    """Where the resident stands in one lesson. `step` is the step they resume at
    (1-based, of `steps`) while in progress."""

    lesson_id: str
    title: str
    final: bool
    state: LessonState
    step: int
    steps: int
    started_at: datetime | None = None
    completed_at: datetime | None = None
    check_score: int | None = None
    check_questions: int | None = None
    in_group: bool = False


@dataclass(frozen=True)
class SkillLine:
    skill: Skill
    lessons: tuple[LessonLine, ...]
    started_at: datetime | None
    completed_at: datetime | None  # the skill's final check passed

    @property
    def total(self) -> int:
        return sum(1 for line in self.lessons if line.steps)

    @property
    def completed(self) -> int:
        return sum(1 for line in self.lessons if line.steps and
                   line.state == LessonState.COMPLETED)


@dataclass(frozen=True)
class CertificateLine:
    serial: str
    title: str
    issued_at: datetime
    revoked_at: datetime | None
    revoked_reason: str | None


@dataclass(frozen=True)
class OutcomeLine:
    question_key: str
    question: str  # the lesson's wording, or the key when the lesson is gone
    answer: str
    answered_at: datetime


@dataclass(frozen=True)
class SessionLine:
    session_id: int
    started_at: datetime
    place: str | None
    hamlet_name: str | None
    team_member: str | None
    passed_check: bool | None


@dataclass(frozen=True)
class Profile:
    resident: ResidentRow
    consent_version: str
    consent_at: datetime
    created_at: datetime
    skills: tuple[SkillLine, ...]
    certificates: tuple[CertificateLine, ...]
    outcomes: tuple[OutcomeLine, ...]
    sessions: tuple[SessionLine, ...]
    duplicates: tuple[ResidentRow, ...] = ()  # same name and birth year


def _lesson_line(lesson: Lesson | None, lesson_id: str,
                 row: LessonProgress | None) -> LessonLine:
    steps = len(lesson.all_steps) if lesson else 0
    title = lesson.title if lesson else lesson_id
    final = bool(lesson and lesson.final)
    questions = len(lesson.check.questions) if lesson and lesson.check else None
    if row is None:
        return LessonLine(lesson_id, title, final, LessonState.NOT_STARTED, 0, steps,
                          check_questions=questions)
    done = row.status == ProgressStatus.COMPLETED
    step = min(row.current_step + 1, steps) if steps else row.current_step + 1
    return LessonLine(
        lesson_id, title, final, LessonState.COMPLETED if done else LessonState.IN_PROGRESS,
        steps if done else step, steps, _utc(row.started_at), _utc(row.completed_at),
        row.check_score, questions, row.group_session_id is not None)


def profile(db: Db, resident_id: int,
            lessons_by_skill: Mapping[Skill, Sequence[Lesson]]) -> Profile:
    """Everything the console shows about one resident: progress per skill and lesson,
    outcome answers, certificates, group sessions attended and possible duplicates."""
    from kiosk.certificates.issuing import title_of

    with db() as session:
        resident = _resident(session, resident_id)
        hamlets = _hamlet_names(session)
        rows = {row.lesson_id: row for row in session.scalars(
            select(LessonProgress).where(LessonProgress.resident_id == resident_id))}
        skill_rows = {row.skill: row for row in session.scalars(
            select(SkillProgress).where(SkillProgress.resident_id == resident_id))}
        skills = []
        for skill in Skill:
            lessons = list(lessons_by_skill.get(skill, ()))
            known = {lesson.id for lesson in lessons}
            lines = [_lesson_line(lesson, lesson.id, rows.get(lesson.id))
                     for lesson in lessons]
            # Lessons since removed from the pack keep their history.
            lines += [_lesson_line(None, lesson_id, row) for lesson_id, row in sorted(
                rows.items()) if row.skill == skill.value and lesson_id not in known]
            progress_row = skill_rows.get(skill.value)
            skills.append(SkillLine(
                skill, tuple(lines), _utc(progress_row.started_at) if progress_row else None,
                _utc(progress_row.completed_at) if progress_row else None))
        certificates = tuple(
            CertificateLine(c.serial, title_of(c.kind, Skill(c.skill) if c.skill else None),
                            _utc(c.issued_at), _utc(c.revoked_at), c.revoked_reason)
            for c in session.scalars(select(Certificate).where(
                Certificate.resident_id == resident_id).order_by(Certificate.issued_at,
                                                                 Certificate.id)))
        questions = {lesson.outcome.key: lesson.outcome.question
                     for lessons in lessons_by_skill.values() for lesson in lessons
                     if lesson.outcome}
        outcomes = tuple(
            OutcomeLine(a.question_key, questions.get(a.question_key, a.question_key),
                        a.answer, _utc(a.answered_at))
            for a in session.scalars(select(OutcomeAnswer).where(
                OutcomeAnswer.resident_id == resident_id).order_by(OutcomeAnswer.answered_at)))
        sessions = tuple(
            SessionLine(s.id, _utc(s.started_at), s.place, hamlets.get(s.hamlet_id),
                        member, passed)
            for s, member, passed in session.execute(
                select(GroupSession, StaffUser.display_name, Attendance.passed_check)
                .join(Attendance, Attendance.session_id == GroupSession.id)
                .outerjoin(StaffUser, StaffUser.id == GroupSession.team_member_id)
                .where(Attendance.resident_id == resident_id)
                .order_by(GroupSession.started_at)))
        return Profile(_row_of(resident, hamlets), resident.consent_version,
                       _utc(resident.consent_at), _utc(resident.created_at), tuple(skills),
                       certificates, outcomes, sessions,
                       tuple(_duplicates(session, resident, hamlets)))



# --- export -----------------------------------------------------------------------------------


def _when(moment: datetime | None) -> str | None:
    """A stored moment as local time with its offset, for people and programs alike."""
    moment = _utc(moment)
    return moment.astimezone().isoformat(timespec="seconds") if moment else None


def _skill_title(value: str) -> str:
    try:
        return Skill(value).title
    except ValueError:
        return value


_STATES = {ProgressStatus.COMPLETED: "Đã hoàn thành", ProgressStatus.IN_PROGRESS: "Đang học"}


def export(db: Db, actor: StaffUserInfo, resident_id: int,
           lessons_by_skill: Mapping[Skill, Sequence[Lesson]] | None = None) -> dict:
    """Everything stored about one person, labelled in Vietnamese, ready for JSON: what
    the commune hands over when a resident asks what the kiosk keeps about them."""
    require(actor, Permission.EXPORT_RESIDENT)
    titles = {lesson.id: lesson.title for lessons in (lessons_by_skill or {}).values()
              for lesson in lessons}
    with db.begin() as session:
        resident = _resident(session, resident_id)
        hamlets = _hamlet_names(session)
        lessons = session.scalars(select(LessonProgress).where(
            LessonProgress.resident_id == resident_id).order_by(LessonProgress.started_at,
                                                                LessonProgress.id)).all()
        steps: dict[int, list[StepProgress]] = {}
        for step in session.scalars(select(StepProgress).where(
                StepProgress.progress_id.in_([row.id for row in lessons]))
                .order_by(StepProgress.step_index)):
            steps.setdefault(step.progress_id, []).append(step)
        data = {
            "Nội dung": "Toàn bộ thông tin Trạm Kỹ năng số lưu về một người học",
            "Thời điểm xuất": _when(utcnow()),
            "Người học": {
                "Mã người học": format_code(resident.learner_code),
                "Họ và tên": resident.full_name,
                "Năm sinh": resident.birth_year,
                "Khóm/ấp": hamlets.get(resident.hamlet_id, ""),
                "Số điện thoại": resident.phone,
                "Phiên bản nội dung đồng ý": resident.consent_version,
                "Thời điểm đồng ý": _when(resident.consent_at),
                "Ngày đăng ký": _when(resident.created_at),
                "Cập nhật lần cuối": _when(resident.updated_at),
                "Hoàn thành đủ 5 kỹ năng (Công dân số)":
                    _when(resident.all_skills_completed_at),
            },
            "Tiến độ theo kỹ năng": [
                {"Kỹ năng": _skill_title(row.skill),
                 "Bắt đầu": _when(row.started_at), "Hoàn thành": _when(row.completed_at),
                 "Hoàn thành trong buổi học nhóm số": row.group_session_id}
                for row in session.scalars(select(SkillProgress).where(
                    SkillProgress.resident_id == resident_id).order_by(SkillProgress.id))],
            "Tiến độ theo bài": [
                {"Mã bài": row.lesson_id, "Tên bài": titles.get(row.lesson_id),
                 "Trạng thái": _STATES.get(row.status, str(row.status)),
                 "Bước sẽ học tiếp": row.current_step + 1,
                 "Bắt đầu": _when(row.started_at), "Cập nhật": _when(row.updated_at),
                 "Hoàn thành": _when(row.completed_at), "Điểm kiểm tra": row.check_score,
                 "Hoàn thành trong buổi học nhóm số": row.group_session_id,
                 "Các bước đã xong": [
                     {"Bước": step.step_index + 1, "Mã bước": step.step_id,
                      "Lúc": _when(step.completed_at),
                      "Đúng ngay lần đầu": step.correct_first_try}
                     for step in steps.get(row.id, [])]}
                for row in lessons],
            "Các lần trả lời": [
                {"Mã bài": a.lesson_id, "Bước": a.step_index + 1, "Mã bước": a.step_id,
                 "Đúng": a.correct, "Lựa chọn": a.answer, "Số lần xem gợi ý": a.hints_used,
                 "Số giây": a.seconds, "Lúc": _when(a.created_at)}
                for a in session.scalars(select(StepAttempt).where(
                    StepAttempt.resident_id == resident_id).order_by(StepAttempt.created_at,
                                                                     StepAttempt.id))],
            "Câu trả lời về kết quả": [
                {"Câu hỏi": a.question_key, "Bài": a.lesson_id, "Trả lời": a.answer,
                 "Lúc": _when(a.answered_at)}
                for a in session.scalars(select(OutcomeAnswer).where(
                    OutcomeAnswer.resident_id == resident_id).order_by(OutcomeAnswer.id))],
            "Chứng nhận": [
                {"Số chứng nhận": c.serial, "Loại": "Công dân số"
                 if c.kind == "all_skills" else "Kỹ năng",
                 "Kỹ năng": _skill_title(c.skill) if c.skill else None,
                 "Ngày cấp": _when(c.issued_at), "Người ký": c.signer_name,
                 "Thu hồi lúc": _when(c.revoked_at), "Lý do thu hồi": c.revoked_reason}
                for c in session.scalars(select(Certificate).where(
                    Certificate.resident_id == resident_id).order_by(Certificate.id))],
            "Buổi học nhóm đã dự": [
                {"Buổi số": s.id, "Bắt đầu": _when(s.started_at), "Địa điểm": s.place,
                 "Khóm/ấp": hamlets.get(s.hamlet_id), "Điểm danh lúc": _when(a.checked_in_at),
                 "Đạt bài kiểm tra": a.passed_check}
                for s, a in session.execute(
                    select(GroupSession, Attendance)
                    .join(Attendance, Attendance.session_id == GroupSession.id)
                    .where(Attendance.resident_id == resident_id)
                    .order_by(GroupSession.started_at))],
        }
        audit(session, actor, "resident.export", resident_id=resident.id,
              learner_code=resident.learner_code)
        return data


def export_file_name(learner_code: str) -> str:
    """The default name of a resident's export file: their learner code, never their name
    (file names show in folder listings)."""
    return f"nguoi-hoc-{parse_code(learner_code)}.json"


def write_export(data: dict, path: Path | str) -> Path:
    """Write an export as UTF-8 JSON, whole or not at all."""
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return target
