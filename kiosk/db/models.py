"""The tables of the kiosk.

Residents are people, never accounts: a name, a birth year, a khóm/ấp, an optional phone
and the consent they gave. No citizen ID number, photo, password or OTP has a column here,
and none may be added.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def folded_text(length: int) -> String:
    """Folded words (lower case ASCII) that search reads as ranges of an index
    (`word >= "ng" AND word < "ng" + U+10FFFF`): compared byte by byte, as SQLite does, and
    never by a server's language rules, which may skip spaces or place U+10FFFF anywhere."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {datetime: DateTime(timezone=True)}


class Hamlet(Base):
    """A khóm, ấp, thôn or tổ dân phố: the unit the commune reports on."""

    __tablename__ = "hamlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    population: Mapped[int | None]
    households: Mapped[int | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Resident(Base):
    """A resident. `all_skills_completed_at` is when they completed the last of the five
    skills ("Công dân số"): the latest of their skill_progress.completed_at, kept by
    kiosk.progress (and recomputed by merges) so reports count it from one index."""

    __tablename__ = "residents"
    __table_args__ = (Index("ix_residents_all_skills", "all_skills_completed_at", "hamlet_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_code: Mapped[str] = mapped_column(String(12), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # The name without case or diacritics, for search that ignores how it was typed.
    name_folded: Mapped[str] = mapped_column(folded_text(200), index=True)
    birth_year: Mapped[int] = mapped_column(Integer, index=True)
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlets.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    consent_version: Mapped[str] = mapped_column(String(20))
    consent_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    all_skills_completed_at: Mapped[datetime | None]

    hamlet: Mapped[Hamlet] = relationship(lazy="joined")


class ResidentTerm(Base):
    """One folded word of a resident's name (kiosk.text.name_terms), so staff search by
    any word, or the start of one, through an index instead of reading every name."""

    __tablename__ = "resident_terms"

    term: Mapped[str] = mapped_column(folded_text(64), primary_key=True)
    resident_id: Mapped[int] = mapped_column(
        ForeignKey("residents.id", ondelete="CASCADE"), primary_key=True, index=True)


class ProgressStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class LessonProgress(Base):
    """Where a resident stands in one lesson: the step to show next, and whether done."""

    __tablename__ = "lesson_progress"
    __table_args__ = (
        UniqueConstraint("resident_id", "lesson_id"),
        # "Learning this month" (the console's overview) reads a range of it.
        Index("ix_lesson_progress_updated_at", "updated_at", "resident_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    lesson_id: Mapped[str] = mapped_column(String(120), index=True)
    skill: Mapped[str] = mapped_column(String(40))
    status: Mapped[ProgressStatus] = mapped_column(
        Enum(ProgressStatus, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]),
        default=ProgressStatus.IN_PROGRESS,
    )
    current_step: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    completed_at: Mapped[datetime | None]
    # Set when the lesson was completed in a presenter-led group session.
    group_session_id: Mapped[int | None] = mapped_column(ForeignKey("group_sessions.id"))
    check_score: Mapped[int | None]


class StepProgress(Base):
    """One finished step of a lesson, committed the moment the resident moves on."""

    __tablename__ = "step_progress"
    __table_args__ = (UniqueConstraint("progress_id", "step_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    progress_id: Mapped[int] = mapped_column(
        ForeignKey("lesson_progress.id", ondelete="CASCADE"))
    step_index: Mapped[int]
    step_id: Mapped[str] = mapped_column(String(60))
    completed_at: Mapped[datetime] = mapped_column(default=utcnow)
    correct_first_try: Mapped[bool | None]


class SkillProgress(Base):
    """Where a resident stands in one skill, kept beside lesson_progress by
    kiosk.progress so reports count people per khóm/ấp × skill from one small table.

    `hamlet_id` repeats the resident's khóm/ấp (changed with it by edits and merges);
    `completed_at` is set when the skill's final check is passed.
    """

    __tablename__ = "skill_progress"
    __table_args__ = (
        UniqueConstraint("resident_id", "skill"),
        Index("ix_skill_progress_report", "hamlet_id", "skill", "started_at", "completed_at"),
        # Completions per khóm/ấp × skill up to a moment, as ranges of one index.
        Index("ix_skill_progress_completed", "hamlet_id", "skill", "completed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlets.id"))
    skill: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]
    # Set when the skill was completed in a presenter-led group session.
    group_session_id: Mapped[int | None] = mapped_column(ForeignKey("group_sessions.id"))


class StepStats(Base):
    """Answers per lesson step and day, counted as they are given (kiosk.progress), so
    the "hardest steps" report sums a few rows per step instead of every attempt.
    `day` is the kiosk's local date."""

    __tablename__ = "step_stats"
    __table_args__ = (UniqueConstraint("lesson_id", "step_index", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[str] = mapped_column(String(120))
    step_index: Mapped[int]
    step_id: Mapped[str] = mapped_column(String(60))
    day: Mapped[date] = mapped_column(Date, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    wrong: Mapped[int] = mapped_column(default=0)
    hints: Mapped[int] = mapped_column(default=0)


class StepAttempt(Base):
    """Every answer given on a step, right or wrong, so staff can see the hard steps.

    `answer` holds choice keys only; what a resident types on a practice screen is never
    stored.
    """

    __tablename__ = "step_attempts"
    __table_args__ = (Index("ix_step_attempts_lesson_step", "lesson_id", "step_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(
        ForeignKey("residents.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[str] = mapped_column(String(120))
    step_index: Mapped[int]
    step_id: Mapped[str] = mapped_column(String(60))
    correct: Mapped[bool]
    answer: Mapped[str | None] = mapped_column(String(200))
    hints_used: Mapped[int] = mapped_column(default=0)
    seconds: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutcomeAnswer(Base):
    """A self-reported outcome ("Bà con đã kích hoạt VNeID chưa?") that reports count.

    `hamlet_id` repeats the resident's khóm/ấp (changed with it by edits and merges, as
    skill_progress's), so the outcomes report groups one index without reading residents.
    """

    __tablename__ = "outcome_answers"
    __table_args__ = (
        UniqueConstraint("resident_id", "question_key"),
        Index("ix_outcome_answers_report", "hamlet_id", "question_key", "answer",
              "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlets.id"))
    question_key: Mapped[str] = mapped_column(String(80))
    lesson_id: Mapped[str] = mapped_column(String(120))
    answer: Mapped[str] = mapped_column(String(40))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffRole(enum.StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    TEAM_MEMBER = "team_member"


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[StaffRole] = mapped_column(
        Enum(StaffRole, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]))
    # A memory-hard hash of the PIN (never the PIN itself).
    pin_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """A staff action. Kept when a resident is erased, without their personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class CertificateKind(enum.StrEnum):
    SKILL = "skill"
    ALL_SKILLS = "all_skills"  # "Công dân số"


def _current(kind: CertificateKind) -> dict[str, object]:
    where = text(f"revoked_at IS NULL AND kind = '{kind.value}'")
    return {"unique": True, "sqlite_where": where, "postgresql_where": where}


class Certificate(Base):
    """An issued certificate. At most one is current (not revoked; a replaced one is
    revoked) per resident and achievement: two kiosks issuing the same one at the same
    moment cannot both succeed, whatever each saw before it wrote."""

    __tablename__ = "certificates"
    __table_args__ = (
        Index("uq_certificates_current_skill", "resident_id", "skill",
              **_current(CertificateKind.SKILL)),
        Index("uq_certificates_current_all_skills", "resident_id",
              **_current(CertificateKind.ALL_SKILLS)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id", ondelete="SET NULL"), index=True)
    kind: Mapped[CertificateKind] = mapped_column(
        Enum(CertificateKind, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]))
    skill: Mapped[str | None] = mapped_column(String(40))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signer_title: Mapped[str | None] = mapped_column(String(200))
    token: Mapped[str | None] = mapped_column(Text)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    # A reissue points at the certificate it replaces; the old one stays for history.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), index=True)


class GroupSession(Base):
    __tablename__ = "group_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    hamlet_id: Mapped[int | None] = mapped_column(ForeignKey("hamlets.id"))
    place: Mapped[str | None] = mapped_column(String(200))
    lesson_ids: Mapped[str] = mapped_column(Text, default="")  # one lesson id a line
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    notes: Mapped[str | None] = mapped_column(Text)


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "resident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    passed_check: Mapped[bool | None]


class PrintJobStatus(enum.StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"  # handed to the printing system; a stopped printer holds it from here
    FAILED = "failed"
    CANCELLED = "cancelled"


class PrintJob(Base):
    """A PDF waiting for, or given to, a printer (see kiosk.printing).

    The row lives in the database and the PDF under <data_dir>/print/, so a printer that is
    off or missing, or a process that is killed, loses nothing. `station` is the machine
    whose data folder holds the PDF: kiosks sharing one database each see their own queue.
    """

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_station_status", "station", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    station: Mapped[str] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(String(200), default="")
    serials: Mapped[str] = mapped_column(Text, default="")  # one certificate serial a line
    pdf_path: Mapped[str] = mapped_column(Text)
    # The printer asked for; empty means the one in settings, or the system's default.
    printer: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[PrintJobStatus] = mapped_column(
        Enum(PrintJobStatus, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]),
        default=PrintJobStatus.QUEUED,
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)  # Vietnamese, for staff
