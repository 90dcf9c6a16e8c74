"""Demo data: reproducible by seed, consistent with the kiosk's rules, and never mixed with
real residents by accident."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from kiosk import cli, demo_data, residents
from kiosk.db.engine import open_database
from kiosk.db.models import (
    Attendance,
    GroupSession,
    Hamlet,
    LessonProgress,
    OutcomeAnswer,
    ProgressStatus,
    Resident,
    ResidentTerm,
    SkillProgress,
    StaffUser,
    StepStats,
)
from kiosk.demo import DEMO_HAMLETS
from kiosk.lessons.loader import load_pack
from kiosk.skills import Skill
from kiosk.text import fold, name_terms, normalize_phone

REPO = Path(__file__).resolve().parents[2]
COUNT = 200


@pytest.fixture(scope="module")
def lessons():
    pack = load_pack(REPO / "lessons")
    return {skill: pack.for_skill(skill) for skill in Skill}


def new_db(path: Path):
    return open_database(f"sqlite:///{path}", DEMO_HAMLETS)


@pytest.fixture
def db(tmp_path):
    factory = new_db(tmp_path / "demo.sqlite3")
    yield factory
    factory.kw["bind"].dispose()


def dump(db) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    with db() as session:
        tables = session.scalars(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).all()
        return {table: session.execute(text(f"SELECT * FROM {table} ORDER BY rowid")).all()
                for table in tables}


def count(db, model, *where) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_same_seed_gives_the_same_rows_and_another_seed_does_not(tmp_path, lessons):
    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        factory = new_db(tmp_path / f"{name}.sqlite3")
        demo_data.generate(factory, lessons, count=COUNT, seed=seed)
        dumps.append(dump(factory))
        factory.kw["bind"].dispose()
    first, again, other = dumps
    assert first == again
    assert first["residents"] != other["residents"]
    assert first["lesson_progress"] != other["lesson_progress"]


def test_rows_written_directly_equal_what_sqlalchemy_writes(tmp_path, lessons, monkeypatch):
    """SQLite gets its rows through executemany, values already in SQLAlchemy's storage
    format; other databases through SQLAlchemy Core. Both must store the same thing."""
    direct = new_db(tmp_path / "direct.sqlite3")
    demo_data.generate(direct, lessons, count=COUNT * 2, seed=11)
    monkeypatch.setattr(demo_data, "_fast_path", lambda connection: False)
    core = new_db(tmp_path / "core.sqlite3")
    demo_data.generate(core, lessons, count=COUNT * 2, seed=11)
    assert dump(direct) == dump(core)
    for factory in (direct, core):
        factory.kw["bind"].dispose()


def test_counts_match_and_progress_is_reported(db, lessons):
    calls = []
    summary = demo_data.generate(db, lessons, count=6_000, seed=1,
                                 progress=lambda done, total: calls.append((done, total)))
    assert count(db, Resident) == summary.residents == 6_000
    assert count(db, Resident, Resident.consent_version == "demo") == 6_000
    assert calls[0] == (demo_data.BATCH, 6_000) and calls[-1] == (6_000, 6_000)
    assert count(db, SkillProgress) == summary.skills_started
    assert count(db, SkillProgress, SkillProgress.completed_at.is_not(None)) \
        == summary.skills_completed
    assert count(db, LessonProgress) == summary.lessons_started
    assert count(db, OutcomeAnswer) == summary.outcome_answers
    assert count(db, GroupSession) == summary.group_sessions > 0
    assert count(db, Attendance) == summary.attendance > 0
    assert count(db, StepStats) == summary.step_stats > 0
    # Most people started a skill or two, fewer finished, some finished all five.
    assert 0.8 < summary.skills_started / summary.residents < 2.5
    assert summary.skills_completed < 0.7 * summary.skills_started
    assert 0 < summary.all_skills < 0.1 * summary.residents
    # "Công dân số" as kiosk.progress keeps it: the last of the five skills' completions.
    with db() as session:
        marked = dict(session.execute(select(Resident.id, Resident.all_skills_completed_at)
                                      .where(Resident.all_skills_completed_at.is_not(None)))
                      .all())
        five = dict(session.execute(
            select(SkillProgress.resident_id, func.max(SkillProgress.completed_at))
            .where(SkillProgress.completed_at.is_not(None))
            .group_by(SkillProgress.resident_id).having(func.count() == len(Skill))).all())
    assert marked == five and len(marked) == summary.all_skills
    # Khóm of unequal sizes, each with a plausible population.
    with db() as session:
        hamlets = session.execute(select(Hamlet.population, Hamlet.households)).all()
        per_hamlet = session.scalars(select(func.count()).select_from(Resident)
                                     .group_by(Resident.hamlet_id)).all()
    assert all(1500 <= p <= 6000 and abs(p / h - 3.6) < 0.1 for p, h in hamlets)
    assert max(per_hamlet) > 1.5 * min(per_hamlet)


def test_every_resident_is_findable_by_every_word_of_the_name(db, lessons):
    demo_data.generate(db, lessons, count=COUNT, seed=2)
    with db() as session:
        people = session.execute(select(Resident.id, Resident.full_name,
                                        Resident.name_folded, Resident.learner_code)).all()
        terms = defaultdict(set)
        for term, resident_id in session.execute(select(ResidentTerm.term,
                                                        ResidentTerm.resident_id)):
            terms[resident_id].add(term)
    assert len(people) == COUNT
    for resident_id, name, folded, code in people:
        assert unicodedata.is_normalized("NFC", name)
        assert folded == fold(name)
        assert terms[resident_id] == set(name_terms(name))
        assert residents.find_by_code(db, code).id == resident_id
    family = [name.split()[0] for _, name, _, _ in people]
    assert 0.25 < family.count("Nguyễn") / len(family) < 0.5


def test_skill_progress_agrees_with_lesson_progress(db, lessons):
    demo_data.generate(db, lessons, count=COUNT * 3, seed=3)
    with db() as session:
        rows = session.execute(select(
            LessonProgress.resident_id, LessonProgress.lesson_id, LessonProgress.status,
            LessonProgress.started_at, LessonProgress.completed_at,
            LessonProgress.check_score)).all()
        skills = {(r.resident_id, r.skill): r for r in session.scalars(select(SkillProgress))}
        hamlet_of = dict(session.execute(select(Resident.id, Resident.hamlet_id)).all())
    by_resident = defaultdict(dict)
    for row in rows:
        by_resident[row.resident_id][row.lesson_id] = row
    started_skills = set()
    for resident_id, done in by_resident.items():
        for skill, skill_lessons in lessons.items():
            mine = [done.get(lesson.id) for lesson in skill_lessons]
            if not any(mine):
                continue
            started_skills.add((resident_id, skill.value))
            row = skills[(resident_id, skill.value)]
            assert row.hamlet_id == hamlet_of[resident_id]
            assert row.started_at == min(m.started_at for m in mine if m)
            final = skill_lessons[-1]
            assert final.final
            others = [m for m, lesson in zip(mine, skill_lessons, strict=True)
                      if not lesson.final]
            final_row = mine[-1]
            if final_row is not None:  # opened only once the rest was completed
                assert all(m and m.status == ProgressStatus.COMPLETED for m in others)
                assert final_row.started_at >= max(m.completed_at for m in others)
            if row.completed_at is not None:
                assert final_row.status == ProgressStatus.COMPLETED
                assert row.completed_at == final_row.completed_at
            else:
                assert final_row is None or final_row.status == ProgressStatus.IN_PROGRESS
        for lesson_row in done.values():
            lesson = next(lesson for skill_lessons in lessons.values()
                          for lesson in skill_lessons if lesson.id == lesson_row.lesson_id)
            if lesson_row.status == ProgressStatus.COMPLETED:
                assert lesson_row.completed_at > lesson_row.started_at
                assert lesson_row.check_score >= lesson.check.pass_mark
            else:
                assert lesson_row.completed_at is None
    assert set(skills) == started_skills


def test_every_date_is_inside_the_demo_year(db, lessons):
    anchor = datetime(2026, 6, 15, tzinfo=UTC)
    summary = demo_data.generate(db, lessons, count=COUNT * 3, seed=4, anchor=anchor)
    start = anchor - timedelta(days=365)
    columns = [Resident.consent_at, Resident.created_at, Resident.updated_at,
               LessonProgress.started_at, LessonProgress.updated_at,
               LessonProgress.completed_at, SkillProgress.started_at,
               SkillProgress.completed_at, OutcomeAnswer.answered_at,
               GroupSession.started_at, GroupSession.ended_at, Attendance.checked_in_at,
               StaffUser.created_at]
    with db() as session:
        for column in columns:
            values = [v for v in session.scalars(select(column)) if v is not None]
            assert values, column.key
            for value in values:
                value = value.replace(tzinfo=UTC) if value.tzinfo is None else value
                assert start <= value < anchor, (column, value)
        days = session.scalars(select(StepStats.day)).all()
    assert summary.first_day <= min(days) and max(days) <= summary.last_day
    assert summary.last_day < date(2026, 6, 15) and summary.first_day >= date(2025, 6, 15)


def test_phones_are_valid_and_fake(db, lessons):
    demo_data.generate(db, lessons, count=COUNT * 2, seed=5)
    with db() as session:
        phones = session.scalars(select(Resident.phone)).all()
    given = [p for p in phones if p]
    assert 0.3 < len(given) / len(phones) < 0.7
    for phone in given:
        assert normalize_phone(phone) == phone
        assert phone.startswith("0000")  # no Vietnamese subscriber number does


def test_outcomes_answer_the_lessons_question(db, lessons):
    demo_data.generate(db, lessons, count=COUNT * 3, seed=6)
    by_id = {lesson.id: lesson for skill in lessons.values() for lesson in skill}
    with db() as session:
        answers = session.scalars(select(OutcomeAnswer)).all()
        hamlet_of = dict(session.execute(select(Resident.id, Resident.hamlet_id)).all())
        completed = set(session.execute(select(LessonProgress.resident_id,
                                               LessonProgress.lesson_id).where(
            LessonProgress.status == ProgressStatus.COMPLETED)).all())
    assert answers
    firsts = 0
    for answer in answers:
        outcome = by_id[answer.lesson_id].outcome
        assert answer.question_key == outcome.key and answer.answer in outcome.answers
        assert (answer.resident_id, answer.lesson_id) in completed
        assert answer.hamlet_id == hamlet_of[answer.resident_id]  # as record_outcome does
        firsts += answer.answer == outcome.answers[0]
    assert 0.2 < firsts / len(answers) < 0.8
    with_outcome = {(r, lesson) for r, lesson in completed if by_id[lesson].outcome}
    assert len(with_outcome) == len(answers)


def test_group_sessions_are_run_by_team_members_who_cannot_sign_in(db, lessons):
    demo_data.generate(db, lessons, count=COUNT * 5, seed=7)
    with db() as session:
        team = session.scalars(select(StaffUser)).all()
        sessions = session.scalars(select(GroupSession)).all()
        attendance = session.scalars(select(Attendance)).all()
        taught = set(session.execute(select(LessonProgress.resident_id,
                                            LessonProgress.group_session_id)
                                     .where(LessonProgress.group_session_id.is_not(None))))
    assert team and all(u.role.value == "team_member" and u.pin_hash == "!" for u in team)
    assert sessions and all(s.team_member_id in {u.id for u in team} for s in sessions)
    assert len({s.started_at.month for s in sessions}) >= 3
    for row in attendance:
        if row.passed_check:
            assert (row.resident_id, row.session_id) in taught


def test_adding_to_a_database_with_residents_keeps_codes_unique(db, lessons):
    demo_data.generate(db, lessons, count=COUNT, seed=1)
    real = residents.register(db, full_name="Lê Thị Mai", birth_year=1958,
                              hamlet_id=residents.list_hamlets(db)[0].id, consent_given=True)
    with db.begin() as session:
        session.get(Hamlet, real.hamlet_id).population = 2222
    demo_data.generate(db, lessons, count=COUNT, seed=1)
    with db() as session:
        codes = session.scalars(select(Resident.learner_code)).all()
        population = session.get(Hamlet, real.hamlet_id).population
    assert len(codes) == len(set(codes)) == 2 * COUNT + 1
    assert population == 2222  # set by the commune: kept
    assert demo_data.count_real_residents(db) == 1
    assert count(db, StaffUser) == len(set(dump(db)["staff_users"]))


def test_a_stopped_generation_stores_nothing(db, lessons):
    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        demo_data.generate(db, lessons, count=demo_data.BATCH + 10, seed=1, progress=stop)
    assert count(db, Resident) == count(db, GroupSession) == count(db, StaffUser) == 0
    with db() as session:
        assert session.scalars(select(Hamlet.population)).all() == [None] * len(DEMO_HAMLETS)


# -- the command -----------------------------------------------------------------------

def test_command_fills_the_configured_database(isolated_settings, capsys):
    assert cli.main(["demo-data", "--residents", "150", "--seed", "9",
                     "--until", "2026-10-31"]) == 0
    out = capsys.readouterr().out
    assert "Đã thêm 150 người dân mẫu (seed 9)" in out
    assert "đến 31/10/2026" in out
    factory = open_database(f"sqlite:///{isolated_settings / 'kiosk.sqlite3'}", DEMO_HAMLETS)
    assert count(factory, Resident) == 150
    assert demo_data.count_real_residents(factory) == 0
    with factory() as session:
        last = session.scalar(select(func.max(LessonProgress.started_at)))
    assert last < datetime(2026, 11, 1)
    # Demo people may be added to a demo database without --force.
    assert cli.main(["demo-data", "--residents", "10"]) == 0
    assert count(factory, Resident) == 160
    factory.kw["bind"].dispose()


def test_command_refuses_a_database_with_real_residents(isolated_settings, capsys):
    factory = open_database(f"sqlite:///{isolated_settings / 'kiosk.sqlite3'}", DEMO_HAMLETS)
    residents.register(factory, full_name="Trần Văn Bảy", birth_year=1950,
                       hamlet_id=residents.list_hamlets(factory)[0].id, consent_given=True)
    assert cli.main(["demo-data", "--residents", "50"]) == 1
    assert "1 người dân thật" in capsys.readouterr().err
    assert count(factory, Resident) == 1
    assert cli.main(["demo-data", "--residents", "50", "--force"]) == 0
    assert count(factory, Resident) == 51
    factory.kw["bind"].dispose()


def test_command_rejects_a_bad_count(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["demo-data", "--residents", "mười"])
    assert exit_.value.code == 2
    assert "cần một số nguyên dương" in capsys.readouterr().err
