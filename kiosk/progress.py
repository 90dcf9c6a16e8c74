"""Lesson progress, committed step by step.

Each finished step is its own transaction, so a resident who walks away (or a kiosk that
loses power) resumes at the step after the last one finished. Every answer is recorded as
an attempt so staff can see which steps are hard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.db.models import (
    LessonProgress,
    OutcomeAnswer,
    ProgressStatus,
    Resident,
    SkillProgress,
    StepAttempt,
    StepProgress,
    StepStats,
    utcnow,
)
from kiosk.lessons.schema import Lesson
from kiosk.residents import Db
from kiosk.skills import Skill


@dataclass(frozen=True)
class LessonState:
    lesson_id: str
    current_step: int
    completed: bool
    completed_at: datetime | None = None

    @property
    def started(self) -> bool:
        return self.completed or self.current_step > 0


NOT_STARTED = LessonState("", 0, False)


def _state(row: LessonProgress) -> LessonState:
    return LessonState(row.lesson_id, row.current_step,
                       row.status == ProgressStatus.COMPLETED, row.completed_at)


def states(db: Db, resident_id: int) -> dict[str, LessonState]:
    """Every lesson the resident has touched, by lesson id."""
    with db() as session:
        rows = session.scalars(
            select(LessonProgress).where(LessonProgress.resident_id == resident_id))
        return {row.lesson_id: _state(row) for row in rows}


@dataclass(frozen=True)
class SkillSummary:
    """A skill is completed when every one of its lessons is, its final check included;
    `completed_at` is then when the last of them was passed."""

    skill: Skill
    total: int
    completed: int
    completed_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.total > 0 and self.completed == self.total


def summarise(lessons_by_skill: dict[Skill, list[Lesson]],
              lesson_states: dict[str, LessonState]) -> dict[Skill, SkillSummary]:
    summary = {}
    for skill in Skill:
        lessons = lessons_by_skill.get(skill, [])
        finished = [lesson_states[lesson.id] for lesson in lessons
                    if lesson_states.get(lesson.id, NOT_STARTED).completed]
        when = None
        if lessons and len(finished) == len(lessons):
            when = max((s.completed_at for s in finished if s.completed_at), default=None)
        summary[skill] = SkillSummary(skill, len(lessons), len(finished), when)
    return summary


def is_open(lesson: Lesson, skill_lessons: list[Lesson],
            lesson_states: dict[str, LessonState]) -> bool:
    """Every lesson is open, except a final check: it opens once the skill's other lessons
    are all completed."""
    if not lesson.final:
        return True
    return all(lesson_states.get(other.id, NOT_STARTED).completed
               for other in skill_lessons if not other.final and other.skill == lesson.skill)


def _row(session: Session, resident_id: int, lesson: Lesson) -> LessonProgress:
    row = session.scalar(select(LessonProgress).where(
        LessonProgress.resident_id == resident_id, LessonProgress.lesson_id == lesson.id))
    if row is None:
        row = LessonProgress(resident_id=resident_id, lesson_id=lesson.id,
                             skill=lesson.skill.value, current_step=0,
                             status=ProgressStatus.IN_PROGRESS)
        session.add(row)
        _skill_row(session, resident_id, lesson)
        session.flush()
    return row


def _skill_row(session: Session, resident_id: int, lesson: Lesson) -> SkillProgress:
    """The resident's row for the lesson's skill, made when its first lesson is opened."""
    row = session.scalar(select(SkillProgress).where(
        SkillProgress.resident_id == resident_id,
        SkillProgress.skill == lesson.skill.value))
    if row is None:
        hamlet_id = session.scalar(select(Resident.hamlet_id).where(Resident.id == resident_id))
        row = SkillProgress(resident_id=resident_id, hamlet_id=hamlet_id,
                            skill=lesson.skill.value)
        session.add(row)
    return row


def resume_step(db: Db, resident_id: int, lesson: Lesson) -> int:
    """The step to show when the resident opens the lesson.

    A completed lesson starts again from the top (review); an unfinished one resumes. A
    lesson that has since become shorter resumes at its last step.
    """
    with db.begin() as session:
        row = _row(session, resident_id, lesson)
        return step_to_resume(lesson, row.status == ProgressStatus.COMPLETED,
                              row.current_step)


def step_to_resume(lesson: Lesson, completed: bool, current_step: int) -> int:
    """`resume_step` for a lesson's state known without the database."""
    if completed:
        return 0
    if lesson.check is not None and current_step > len(lesson.steps):
        return len(lesson.steps)  # a check left half-way is taken again from the top
    return min(current_step, len(lesson.all_steps) - 1)


def record_attempt(
    db: Db, resident_id: int, lesson: Lesson, step_index: int, *, correct: bool,
    answer: str | None = None, hints_used: int = 0, seconds: float | None = None,
    at: datetime | None = None,
) -> None:
    """Store one answer and count it in the step's statistics.

    `at`, the moment the answer was given, makes the call safe to repeat: a kiosk that
    lost its connection during the commit cannot know whether it landed, and retries; an
    answer already stored with the same moment is neither stored nor counted again.
    """
    with db.begin() as session:
        if at is not None and session.scalar(select(StepAttempt.id).where(
                StepAttempt.resident_id == resident_id, StepAttempt.lesson_id == lesson.id,
                StepAttempt.step_index == step_index, StepAttempt.created_at == at)
                .limit(1)) is not None:
            return
        session.add(StepAttempt(
            resident_id=resident_id, lesson_id=lesson.id, step_index=step_index,
            step_id=lesson.step_id(step_index), correct=correct, answer=answer,
            hints_used=hints_used, seconds=seconds, created_at=at or utcnow()))
        count_answer(session, lesson.id, step_index, lesson.step_id(step_index),
                     wrong=not correct, hints=hints_used,
                     day=at.astimezone().date() if at is not None else None)


def count_answer(session: Session, lesson_id: str, step_index: int, step_id: str, *,
                 wrong: bool, hints: int, day: date | None = None, times: int = 1) -> None:
    """Add answers to the step's counters for the day (one statement, safe when several
    kiosks answer the same step at once)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(StepStats).values(
        lesson_id=lesson_id, step_index=step_index, step_id=step_id,
        day=day or date.today(), attempts=times, wrong=times if wrong else 0, hints=hints)
    session.execute(statement.on_conflict_do_update(
        index_elements=["lesson_id", "step_index", "day"],
        set_={"attempts": StepStats.attempts + statement.excluded.attempts,
              "wrong": StepStats.wrong + statement.excluded.wrong,
              "hints": StepStats.hints + statement.excluded.hints,
              "step_id": statement.excluded.step_id}))


def finish_step(
    db: Db, resident_id: int, lesson: Lesson, step_index: int,
    correct_first_try: bool | None = None,
) -> LessonState:
    """Commit that a step is done and move the resident's place to the next one.

    Finishing the last step completes a lesson without a check; a lesson with a check is
    completed by `finish_check`. Going back and finishing an earlier step again never
    moves the place backwards.
    """
    with db.begin() as session:
        row = _row(session, resident_id, lesson)
        done = session.scalar(select(StepProgress).where(
            StepProgress.progress_id == row.id, StepProgress.step_index == step_index))
        if done is None:
            session.add(StepProgress(progress_id=row.id, step_index=step_index,
                                     step_id=lesson.step_id(step_index),
                                     correct_first_try=correct_first_try))
        total = len(lesson.all_steps)
        if step_index >= total - 1 and lesson.check is None:
            _complete(session, row, lesson)
        elif row.status != ProgressStatus.COMPLETED:
            row.current_step = max(row.current_step, step_index + 1)
        return _state(row)


def _complete(session: Session, row: LessonProgress, lesson: Lesson) -> None:
    if row.status != ProgressStatus.COMPLETED:
        row.status = ProgressStatus.COMPLETED
        row.completed_at = utcnow()
        if lesson.final:  # it opens only when the rest of the skill is done
            skill = _skill_row(session, row.resident_id, lesson)
            if skill.completed_at is None:
                skill.completed_at = row.completed_at
                refresh_all_skills(session, row.resident_id)
    row.current_step = len(lesson.all_steps)


def all_skills_moment(session: Session, resident_id: int) -> datetime | None:
    """When the resident completed the last of the five skills ("Công dân số"), from
    their skill_progress rows; None while any skill is not completed."""
    done = dict(session.execute(select(SkillProgress.skill, SkillProgress.completed_at).where(
        SkillProgress.resident_id == resident_id,
        SkillProgress.completed_at.is_not(None))).all())
    if any(skill.value not in done for skill in Skill):
        return None
    return max(done[skill.value] for skill in Skill)


def refresh_all_skills(session: Session, resident_id: int) -> None:
    """Set residents.all_skills_completed_at from the resident's skill rows, in the
    caller's transaction (reports count "Công dân số" from it). The record's own
    `updated_at` stays: its details did not change."""
    session.execute(
        update(Resident).where(Resident.id == resident_id)
        .values(all_skills_completed_at=all_skills_moment(session, resident_id),
                updated_at=Resident.updated_at)
        .execution_options(synchronize_session="fetch"))


def complete_in_group(session: Session, resident_id: int, lesson: Lesson,
                      group_session_id: int) -> bool:
    """Complete a lesson as done in a presenter-led group session, in the caller's
    transaction (kiosk.group_sessions ends a session in one). The lesson and, when it is
    the skill's final check, the skill are marked with the session. A lesson the resident
    had already completed stays as it was (done alone, or in an earlier session): returns
    False then, True when this call completed it."""
    row = _row(session, resident_id, lesson)
    if row.status == ProgressStatus.COMPLETED:
        return False
    skill_done_before = lesson.final and _skill_row(
        session, resident_id, lesson).completed_at is not None
    _complete(session, row, lesson)
    row.group_session_id = group_session_id
    if lesson.final and not skill_done_before:
        _skill_row(session, resident_id, lesson).group_session_id = group_session_id
    return True


def finish_check(db: Db, resident_id: int, lesson: Lesson, score: int) -> bool:
    """Record the end-of-lesson check. Passing completes the lesson; otherwise the
    resident's place goes back to the first question, to try again."""
    if lesson.check is None:
        raise ValueError(f"lesson {lesson.id} has no check")
    passed = score >= lesson.check.pass_mark
    with db.begin() as session:
        row = _row(session, resident_id, lesson)
        row.check_score = score
        if passed:
            _complete(session, row, lesson)
        elif row.status != ProgressStatus.COMPLETED:
            row.current_step = len(lesson.steps)
    return passed


def record_outcome(db: Db, resident_id: int, lesson: Lesson, answer: str) -> None:
    """Store the resident's answer to the lesson's outcome question (the latest wins)."""
    if lesson.outcome is None:
        raise ValueError(f"lesson {lesson.id} has no outcome question")
    if answer not in lesson.outcome.answers:
        raise ValueError(f"{answer!r} is not an answer of {lesson.outcome.key}")
    with db.begin() as session:
        row = session.scalar(select(OutcomeAnswer).where(
            OutcomeAnswer.resident_id == resident_id,
            OutcomeAnswer.question_key == lesson.outcome.key))
        if row is None:
            # The khóm/ấp is repeated for the outcomes report (see OutcomeAnswer).
            hamlet_id = session.scalar(
                select(Resident.hamlet_id).where(Resident.id == resident_id))
            session.add(OutcomeAnswer(resident_id=resident_id, hamlet_id=hamlet_id,
                                      question_key=lesson.outcome.key,
                                      lesson_id=lesson.id, answer=answer))
        else:
            row.answer, row.lesson_id, row.answered_at = answer, lesson.id, utcnow()
