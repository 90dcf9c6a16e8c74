"""Storage on a real SQLite file and on a real PostgreSQL server (tests/core/conftest.py):
the migrations, the demo commune, residents, progress."""

import sqlite3
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from kiosk import progress, residents
from kiosk.db.engine import head_revision, make_engine, open_database
from kiosk.db.models import Base, StepAttempt
from kiosk.demo import DEMO_HAMLETS
from kiosk.lessons.schema import Lesson
from kiosk.text import InvalidInput


@pytest.fixture
def db_file(db_url: str) -> Path:
    """The SQLite file of `db` (for tests marked sqlite_only)."""
    assert db_url.startswith("sqlite:///")
    return Path(db_url.removeprefix("sqlite:///"))


def hamlet_id(db, index: int = 0) -> int:
    return residents.list_hamlets(db)[index].id


@pytest.mark.sqlite_only
def test_first_start_migrates_an_empty_file_and_seeds_the_demo_commune(db, db_file):
    engine = make_engine(f"sqlite:///{db_file}")
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    raw = sqlite3.connect(db_file)
    assert raw.execute("select version_num from alembic_version").fetchone()[0] == \
        head_revision()
    assert raw.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert [h.name for h in residents.list_hamlets(db)] == list(DEMO_HAMLETS)


def test_migrated_schema_matches_the_models(db, db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with make_engine(db_url).connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_opening_twice_keeps_data_and_does_not_seed_again(db, db_url):
    resident = residents.register(db, full_name="Lê Văn Tám", birth_year=1950,
                                  hamlet_id=hamlet_id(db), consent_given=True)
    again = open_database(db_url, ["Ấp khác"])
    assert len(residents.list_hamlets(again)) == len(DEMO_HAMLETS)
    assert residents.get(again, resident.id).full_name == "Lê Văn Tám"


def test_a_folder_that_cannot_be_written_gives_a_clear_error(tmp_path: Path):
    from kiosk.db.engine import DatabaseError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseError, match="Không mở được cơ sở dữ liệu"):
        open_database(f"sqlite:///{blocker}/kiosk.sqlite3", DEMO_HAMLETS)


@pytest.mark.parametrize("typed", [
    "Nguyễn Thị Hương " * 11 + "Lan",  # 200 characters
    "<b>& Trần \"Văn\" 'Út'",
    unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh Đào Ưng Ở"),
])
def test_odd_names_are_stored_as_nfc_exactly(db, typed):
    expected = unicodedata.normalize("NFC", " ".join(typed.split()))
    resident = residents.register(db, full_name=typed, birth_year="1961",
                                  hamlet_id=hamlet_id(db), consent_given=True)
    stored = residents.get(db, resident.id).full_name
    assert stored == expected
    assert unicodedata.is_normalized("NFC", stored)


def test_the_200_character_name_is_kept_whole(db):
    name = ("Nguyễn Thị Hương " * 12)[:199] + "X"
    assert len(name) == 200
    resident = residents.register(db, full_name=name, birth_year=1970,
                                  hamlet_id=hamlet_id(db), consent_given=True)
    assert residents.get(db, resident.id).full_name == name


@pytest.mark.parametrize(("fields", "field", "code"), [
    ({"full_name": "   "}, "name", "empty"),
    ({"full_name": "12345"}, "name", "no_letters"),
    ({"full_name": "A" * 10_000}, "name", "too_long"),
    ({"birth_year": "19x8"}, "birth_year", "invalid"),
    ({"birth_year": 1850}, "birth_year", "out_of_range"),
    ({"phone": "12345"}, "phone", "invalid"),
    ({"consent_given": False}, "consent", "missing"),
])
def test_bad_registrations_are_refused_with_the_field_at_fault(db, fields, field, code):
    values = {"full_name": "Võ Thị Sáu", "birth_year": 1955, "hamlet_id": hamlet_id(db),
              "phone": "", "consent_given": True, **fields}
    with pytest.raises(InvalidInput) as caught:
        residents.register(db, **values)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_returning_resident_is_found_however_the_name_is_typed(db):
    h = hamlet_id(db, 2)
    anh = residents.register(db, full_name="Đặng Thị Ánh", birth_year=1958, hamlet_id=h,
                             phone="0912 345 678", consent_given=True)
    residents.register(db, full_name="Đặng Thị Ánh", birth_year=1960, hamlet_id=h,
                       consent_given=True)
    assert [r.id for r in residents.find(db, full_name="dang thi anh", birth_year=1958,
                                         hamlet_id=h)] == [anh.id]
    assert [r.id for r in residents.find(db, full_name="ĐẶNG  THỊ ÁNH", birth_year="1958",
                                         hamlet_id=h)] == [anh.id]
    assert residents.find(db, full_name="Đặng Thị Ánh", birth_year=1958,
                          hamlet_id=hamlet_id(db, 3)) == []
    assert residents.get(db, anh.id).phone == "0912345678"


def test_learner_codes_are_unique_short_and_found_as_typed(db):
    people = [residents.register(db, full_name=f"Người {i}", birth_year=1960,
                                 hamlet_id=hamlet_id(db), consent_given=True)
              for i in range(50)]
    codes = {p.learner_code for p in people}
    assert len(codes) == 50
    code = people[7].learner_code
    assert residents.find_by_code(db, code.lower()).id == people[7].id
    assert residents.find_by_code(db, f" {code[:3]}-{code[3:]} ").id == people[7].id
    assert residents.find_by_code(db, "ZZZZZZ") is None


LESSON = Lesson.model_validate({
    "id": "safety.test", "skill": "safety", "title": "Bài thử",
    "steps": [
        {"kind": "explain", "text": "Một"},
        {"kind": "choice", "prompt": "Hai?", "options": [
            {"text": "Đúng", "correct": True}, {"text": "Sai"}]},
        {"kind": "explain", "text": "Ba"},
    ],
    "outcome": {"key": "test_done", "question": "Xong chưa?", "answers": ["Rồi", "Chưa"]},
})


def test_progress_is_committed_per_step_and_resumes(db, db_url):
    r = residents.register(db, full_name="Hồ Văn Bảy", birth_year=1949,
                           hamlet_id=hamlet_id(db), consent_given=True)
    assert progress.resume_step(db, r.id, LESSON) == 0
    progress.finish_step(db, r.id, LESSON, 0)
    progress.record_attempt(db, r.id, LESSON, 1, correct=False, answer="1", hints_used=1,
                            seconds=4.2)
    progress.record_attempt(db, r.id, LESSON, 1, correct=True, answer="0", hints_used=1)
    progress.finish_step(db, r.id, LESSON, 1, correct_first_try=False)
    # A new process on the same file: the place is kept.
    again = open_database(db_url, DEMO_HAMLETS)
    assert progress.resume_step(again, r.id, LESSON) == 2
    assert not progress.states(again, r.id)["safety.test"].completed
    # Finishing an earlier step again never moves the place back.
    progress.finish_step(again, r.id, LESSON, 0)
    assert progress.resume_step(again, r.id, LESSON) == 2
    state = progress.finish_step(again, r.id, LESSON, 2)
    assert state.completed and state.completed_at is not None
    with again() as session:
        attempts = session.scalars(select(StepAttempt).order_by(StepAttempt.id)).all()
    assert [(a.step_index, a.correct, a.answer, a.hints_used) for a in attempts] == [
        (1, False, "1", 1), (1, True, "0", 1)]
    # A completed lesson opens again from the start, for review, and stays completed.
    assert progress.resume_step(again, r.id, LESSON) == 0
    assert progress.states(again, r.id)["safety.test"].completed


def test_outcome_answers_keep_the_latest(db):
    r = residents.register(db, full_name="Mai", birth_year=1980, hamlet_id=hamlet_id(db),
                           consent_given=True)
    progress.record_outcome(db, r.id, LESSON, "Chưa")
    progress.record_outcome(db, r.id, LESSON, "Rồi")
    from kiosk.db.models import OutcomeAnswer

    with db() as session:
        rows = session.scalars(select(OutcomeAnswer)).all()
    assert [(o.question_key, o.answer) for o in rows] == [("test_done", "Rồi")]
    with pytest.raises(ValueError):
        progress.record_outcome(db, r.id, LESSON, "Có lẽ")


def test_skill_summary_counts_completed_lessons(db):
    from kiosk.skills import Skill

    states = {"safety.test": progress.LessonState("safety.test", 3, True)}
    summary = progress.summarise({Skill.SAFETY: [LESSON]}, states)
    assert summary[Skill.SAFETY].done and summary[Skill.SAFETY].completed == 1
    assert summary[Skill.PAYMENT].total == 0 and not summary[Skill.PAYMENT].done


CHECKED = Lesson.model_validate({
    "id": "safety.checked", "skill": "safety", "title": "Có bài kiểm tra",
    "steps": [{"kind": "explain", "text": "Một"}],
    "check": {"pass_mark": 2, "questions": [
        {"kind": "choice", "prompt": f"Câu {n}?", "options": [
            {"text": "Đúng", "correct": True}, {"text": "Sai"}]} for n in (1, 2, 3)]},
})


def test_a_lesson_with_a_check_completes_only_when_the_check_is_passed(db):
    r = residents.register(db, full_name="Kiều Thị Lan", birth_year=1957,
                           hamlet_id=hamlet_id(db), consent_given=True)
    for step in range(4):  # the explanation, then the three questions
        progress.finish_step(db, r.id, CHECKED, step)
    assert not progress.states(db, r.id)["safety.checked"].completed
    assert progress.finish_check(db, r.id, CHECKED, score=1) is False
    assert progress.resume_step(db, r.id, CHECKED) == 1  # back to the first question
    assert not progress.states(db, r.id)["safety.checked"].completed
    assert progress.finish_check(db, r.id, CHECKED, score=2) is True
    assert progress.states(db, r.id)["safety.checked"].completed
    assert CHECKED.step_id(3) == "check3"


FINAL = CHECKED.model_copy(update={"id": "safety.final-check", "final": True})


def test_the_final_check_opens_after_the_other_lessons_and_completes_the_skill(db):
    from kiosk.skills import Skill

    r = residents.register(db, full_name="Lâm Văn Tư", birth_year=1949,
                           hamlet_id=hamlet_id(db), consent_given=True)
    skill_lessons = [CHECKED, FINAL]

    def summary():
        states = progress.states(db, r.id)
        return (progress.is_open(FINAL, skill_lessons, states),
                progress.summarise({Skill.SAFETY: skill_lessons}, states)[Skill.SAFETY])

    opened, skill = summary()
    assert not opened and not skill.done
    for step in range(4):
        progress.finish_step(db, r.id, CHECKED, step)
    assert progress.finish_check(db, r.id, CHECKED, score=3)
    opened, skill = summary()
    assert opened and skill.completed == 1 and not skill.done and skill.completed_at is None
    for step in range(4):
        progress.finish_step(db, r.id, FINAL, step)
    assert not progress.finish_check(db, r.id, FINAL, score=1)
    assert not summary()[1].done  # a failed final check does not complete the skill
    assert progress.finish_check(db, r.id, FINAL, score=2)
    opened, skill = summary()
    states = progress.states(db, r.id)
    assert skill.done and skill.completed_at == states[FINAL.id].completed_at
    assert progress.is_open(CHECKED, skill_lessons, {})  # ordinary lessons are always open


def test_skill_progress_follows_the_lessons_for_reports(db):
    """Reports count people per khóm/ấp × skill from skill_progress: it must say when the
    skill was started and completed, and in which khóm/ấp."""
    from kiosk.db.models import SkillProgress

    r = residents.register(db, full_name="Đỗ Thị Nga", birth_year=1960,
                           hamlet_id=hamlet_id(db, 2), consent_given=True)

    def row():
        with db() as session:
            rows = session.scalars(select(SkillProgress)).all()
            return [(p.resident_id, p.hamlet_id, p.skill, p.completed_at) for p in rows]

    assert row() == []
    progress.finish_step(db, r.id, CHECKED, 0)
    assert row() == [(r.id, hamlet_id(db, 2), "safety", None)]
    for step in range(1, 4):
        progress.finish_step(db, r.id, CHECKED, step)
    progress.finish_check(db, r.id, CHECKED, score=3)
    assert row()[0][3] is None  # an ordinary lesson does not complete the skill
    for step in range(4):
        progress.finish_step(db, r.id, FINAL, step)
    progress.finish_check(db, r.id, FINAL, score=3)
    (only,) = row()
    assert only[3] == progress.states(db, r.id)[FINAL.id].completed_at


def test_answers_are_counted_per_step_and_day(db):
    from datetime import date

    from kiosk.db.models import StepStats

    people = [residents.register(db, full_name=f"Người {n}", birth_year=1970,
                                 hamlet_id=hamlet_id(db), consent_given=True) for n in "AB"]
    for person in people:
        progress.record_attempt(db, person.id, LESSON, 1, correct=False, hints_used=2)
        progress.record_attempt(db, person.id, LESSON, 1, correct=True)
    progress.record_attempt(db, people[0].id, LESSON, 0, correct=True)
    with db() as session:
        rows = session.scalars(select(StepStats).order_by(StepStats.step_index)).all()
        got = [(s.lesson_id, s.step_index, s.step_id, s.day, s.attempts, s.wrong, s.hints)
               for s in rows]
    today = date.today()
    assert got == [("safety.test", 0, LESSON.step_id(0), today, 1, 0, 0),
                   ("safety.test", 1, LESSON.step_id(1), today, 4, 2, 4)]


@pytest.mark.sqlite_only
def test_upgrading_an_older_database_fills_the_new_tables(tmp_path: Path):
    """A kiosk that stored residents and progress before the console existed keeps them
    findable and counted after the upgrade."""
    from alembic import command
    from sqlalchemy import text

    from kiosk.db.engine import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    with engine.begin() as c:
        c.execute(text("INSERT INTO hamlets (id, name, sort_order, active) "
                       "VALUES (1, 'Khóm 1', 0, 1)"))
        c.execute(text(
            "INSERT INTO residents (id, learner_code, full_name, name_folded, birth_year, "
            "hamlet_id, consent_version, consent_at, created_at, updated_at) VALUES "
            "(1, 'ACDEFG', 'Nguyễn Thị Ánh', 'nguyen thi anh', 1950, 1, 'x', "
            "'2026-01-01', '2026-01-01', '2026-01-01')"))
        for lesson, status, done in (("safety.a", "completed", "2026-02-01"),
                                     ("safety.final-check", "completed", "2026-03-01"),
                                     ("payment.a", "in_progress", None)):
            c.execute(text(
                "INSERT INTO lesson_progress (resident_id, lesson_id, skill, status, "
                "current_step, started_at, updated_at, completed_at) VALUES (1, :l, :s, "
                ":st, 0, '2026-01-15', '2026-01-15', :d)"),
                {"l": lesson, "s": lesson.split(".")[0], "st": status, "d": done})
    engine.dispose()
    open_database(url, ["Khóm 1"])
    raw = sqlite3.connect(tmp_path / "old.sqlite3")
    assert sorted(raw.execute("SELECT term FROM resident_terms")) == [
        ("anh",), ("nguyen",), ("thi",)]
    assert sorted(raw.execute(
        "SELECT skill, hamlet_id, completed_at IS NOT NULL FROM skill_progress")) == [
        ("payment", 1, 0), ("safety", 1, 1)]


def final_check(skill) -> Lesson:
    return CHECKED.model_copy(update={"id": f"{skill.value}.final-check", "skill": skill,
                                      "final": True})


def test_a_digital_citizen_is_marked_when_the_fifth_skill_is_completed_and_not_before(db):
    """residents.all_skills_completed_at ("Công dân số", counted by the coverage report)
    is the moment the last of the five skills was completed: in a group session too."""
    from kiosk.db.models import GroupSession, Resident
    from kiosk.skills import Skill

    r = residents.register(db, full_name="Trương Thị Mến", birth_year=1955,
                           hamlet_id=hamlet_id(db), consent_given=True)

    def marked():
        with db() as session:
            person = session.get(Resident, r.id)
            return person.all_skills_completed_at, person.updated_at

    _, registered_update = marked()
    *alone, last = list(Skill)
    for skill in alone:
        lesson = final_check(skill)
        for step in range(4):
            progress.finish_step(db, r.id, lesson, step)
        assert not progress.finish_check(db, r.id, lesson, score=0)
        assert marked()[0] is None  # a failed final check completes nothing
        assert progress.finish_check(db, r.id, lesson, score=3)
        assert marked()[0] is None  # four skills, three, ...: not yet
    with db.begin() as session:
        group = GroupSession(place="Nhà văn hoá khóm")
        session.add(group)
        session.flush()
        assert progress.complete_in_group(session, r.id, final_check(last), group.id)
    done, updated = marked()
    assert done is not None and done == progress.states(db, r.id)[f"{last.value}.final-check"] \
        .completed_at
    assert updated == registered_update  # the person's details did not change
    # Passing a final check again (a review) keeps the moment of the fifth.
    lesson = final_check(alone[0])
    progress.finish_check(db, r.id, lesson, score=3)
    assert marked()[0] == done


def test_an_outcome_answer_carries_the_khom_for_reports(db):
    from kiosk.db.models import OutcomeAnswer

    r = residents.register(db, full_name="Mai", birth_year=1980, hamlet_id=hamlet_id(db, 3),
                           consent_given=True)
    progress.record_outcome(db, r.id, LESSON, "Chưa")
    with db() as session:
        assert session.scalar(select(OutcomeAnswer.hamlet_id)) == hamlet_id(db, 3)


@pytest.mark.sqlite_only
def test_upgrading_fills_outcome_khom_and_digital_citizens_and_downgrading_keeps_data(
        tmp_path: Path):
    """Revision 0004 fills outcome_answers.hamlet_id and residents.all_skills_completed_at
    from what kiosks stored before it; going back to 0003 loses none of the rest."""
    from alembic import command
    from sqlalchemy import text

    from kiosk.db.engine import alembic_config
    from kiosk.skills import Skill

    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    with engine.begin() as c:
        c.execute(text("INSERT INTO hamlets (id, name, sort_order, active) VALUES "
                       "(1, 'Khóm 1', 0, 1), (2, 'Khóm 2', 1, 1)"))
        for rid, code, hamlet in ((1, "ACDEFG", 2), (2, "ACDEFH", 1), (3, "ACDEFJ", 1)):
            c.execute(text(
                "INSERT INTO residents (id, learner_code, full_name, name_folded, "
                "birth_year, hamlet_id, consent_version, consent_at, created_at, updated_at) "
                "VALUES (:id, :code, 'Lê Thị Hai', 'le thi hai', 1950, :hamlet, 'x', "
                "'2026-01-01', '2026-01-01', '2026-01-01')"),
                {"id": rid, "code": code, "hamlet": hamlet})
            c.execute(text("INSERT INTO resident_terms (term, resident_id) VALUES "
                           "('le', :id), ('thi', :id), ('hai', :id)"), {"id": rid})
        # 1: all five, the last on 9 March; 2: four completed and one started; 3: none.
        for n, skill in enumerate(Skill):
            c.execute(text(
                "INSERT INTO skill_progress (resident_id, hamlet_id, skill, started_at, "
                "completed_at) VALUES (1, 2, :s, '2026-02-01 00:00:00.000000', :d)"),
                {"s": skill.value, "d": f"2026-03-0{9 - n} 08:00:00.000000"})
            c.execute(text(
                "INSERT INTO skill_progress (resident_id, hamlet_id, skill, started_at, "
                "completed_at) VALUES (2, 1, :s, '2026-02-01 00:00:00.000000', :d)"),
                {"s": skill.value, "d": "2026-03-01 08:00:00.000000" if n else None})
        c.execute(text(
            "INSERT INTO lesson_progress (resident_id, lesson_id, skill, status, current_step, "
            "started_at, updated_at) VALUES (3, 'safety.a', 'safety', 'in_progress', 1, "
            "'2026-01-15', '2026-01-15')"))
        for rid in (1, 2, 3):
            c.execute(text(
                "INSERT INTO outcome_answers (resident_id, question_key, lesson_id, answer, "
                "answered_at) VALUES (:r, 'vneid_activated', 'platforms.vneid', 'Rồi', "
                "'2026-03-10')"), {"r": rid})
    open_database(url, ["Khóm 1"])
    raw = sqlite3.connect(path)
    assert sorted(raw.execute("SELECT resident_id, hamlet_id FROM outcome_answers")) == [
        (1, 2), (2, 1), (3, 1)]
    assert sorted(raw.execute("SELECT id, all_skills_completed_at FROM residents")) == [
        (1, "2026-03-09 08:00:00.000000"), (2, None), (3, None)]
    raw.close()

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    raw = sqlite3.connect(path)
    assert [row[1] for row in raw.execute("PRAGMA table_info(residents)")].count(
        "all_skills_completed_at") == 0
    # Nothing that points at a resident went with the column (no table was copied).
    for table, rows in (("residents", 3), ("skill_progress", 10), ("lesson_progress", 1),
                        ("outcome_answers", 3), ("resident_terms", 9)):
        assert raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == rows, table
    raw.close()
    engine.dispose()


# --- a shared server ------------------------------------------------------------------


def test_first_start_on_an_empty_database_migrates_it_and_seeds_the_demo_commune(
        empty_db_url):
    from kiosk.db.engine import current_revision

    db = open_database(empty_db_url, DEMO_HAMLETS)
    assert current_revision(db.kw["bind"]) == head_revision()
    assert [h.name for h in residents.list_hamlets(db)] == list(DEMO_HAMLETS)
    db.kw["bind"].dispose()


def test_kiosks_starting_together_on_a_new_server_migrate_and_seed_it_once(postgres):
    """Six kiosks switched on at once against an empty database: one migrates (the others
    wait for its advisory lock), one seeds the commune, all of them open."""
    import threading

    from kiosk.db.engine import current_revision

    url = postgres.url(postgres.create_database())
    opened, errors = [], []
    start = threading.Barrier(6)

    def kiosk() -> None:
        start.wait()
        try:
            opened.append(open_database(url, DEMO_HAMLETS))
        except Exception as exc:  # collected, asserted below
            errors.append(exc)

    threads = [threading.Thread(target=kiosk) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(opened) == 6
    assert current_revision(opened[0].kw["bind"]) == head_revision()
    assert [h.name for h in residents.list_hamlets(opened[-1])] == list(DEMO_HAMLETS)
    for db in opened:
        db.kw["bind"].dispose()


@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "postgresql"])
def test_a_server_nobody_answers_on_is_reported_in_vietnamese(scheme):
    import socket

    from kiosk.db.engine import DatabaseError

    with socket.socket() as taken:  # bound, never listening: connections are refused
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        with pytest.raises(DatabaseError) as refused:
            open_database(f"{scheme}://kiosk:mat-khau-bi-mat@127.0.0.1:{port}/kiosk",
                          DEMO_HAMLETS)
    message = str(refused.value)
    assert f"Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:{port}" in message
    assert "database_url" in message and "“kiosk”" in message
    assert "mat-khau-bi-mat" not in message


def test_a_database_a_newer_kiosk_migrated_is_refused_in_vietnamese(db, db_url):
    from sqlalchemy import text

    from kiosk.db.engine import DatabaseError

    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="phiên bản mới hơn của phần mềm"):
        open_database(db_url, DEMO_HAMLETS)


def test_a_learner_code_another_kiosk_took_is_drawn_again_in_the_same_transaction(
        db, monkeypatch):
    """The code is unique: a clash is drawn again in a savepoint, so the rest of the
    registration (the name's search words) is stored with the new code."""
    first = residents.register(db, full_name="Lê Văn Tám", birth_year=1950,
                               hamlet_id=hamlet_id(db), consent_given=True)
    draws = iter([first.learner_code, first.learner_code, "QQQQQQ"])
    monkeypatch.setattr(residents, "new_code", lambda: next(draws))
    second = residents.register(db, full_name="Lê Thị Tám", birth_year=1951,
                                hamlet_id=hamlet_id(db), consent_given=True)
    assert second.learner_code == "QQQQQQ"
    assert residents.find_by_code(db, "QQQ QQQ").full_name == "Lê Thị Tám"
    from kiosk.db.models import ResidentTerm

    with db() as session:
        terms = session.scalars(select(ResidentTerm.term).where(
            ResidentTerm.resident_id == second.id).order_by(ResidentTerm.term)).all()
    assert terms == ["le", "tam", "thi"]


def test_revision_0005_keeps_one_current_certificate_per_achievement_and_goes_back(
        empty_db_url, backend):
    """Kiosks that shared a server before 0005 could issue one certificate twice at the
    same moment: the newest stays current, the other is revoked naming it. From then on
    the database refuses a second current one; downgrading lifts that again."""
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import insert, text, update
    from sqlalchemy.exc import IntegrityError

    from kiosk.db.engine import alembic_config
    from kiosk.db.models import Certificate, Hamlet, Resident

    engine = make_engine(empty_db_url)
    config = alembic_config()

    def migrate(to: str, step=command.upgrade) -> None:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, to)

    def certificate(serial: str, kind: str, skill: str | None, day: int) -> dict:
        return {"serial": serial, "resident_id": 1, "kind": kind, "skill": skill,
                "issued_at": datetime(2026, 3, day, tzinfo=UTC), "token": "x"}

    migrate("0004")
    with engine.begin() as c:
        c.execute(insert(Hamlet), [{"id": 1, "name": "Khóm 1", "sort_order": 0,
                                    "active": True}])
        moment = datetime(2026, 1, 1, tzinfo=UTC)
        c.execute(insert(Resident), [{
            "id": 1, "learner_code": "ACDEFG", "full_name": "Lê Thị Hai",
            "name_folded": "le thi hai", "birth_year": 1950, "hamlet_id": 1,
            "consent_version": "x", "consent_at": moment, "created_at": moment,
            "updated_at": moment}])
        c.execute(insert(Certificate), [
            certificate("2026-AAAAAA", "skill", "safety", 1),
            certificate("2026-BBBBBB", "skill", "safety", 2),  # the same, a day later
            certificate("2026-CCCCCC", "skill", "payment", 1),
            certificate("2026-DDDDDD", "all_skills", None, 3),
            certificate("2026-EEEEEE", "all_skills", None, 4)])
    migrate("head")

    def standing() -> dict[str, str | None]:
        with engine.connect() as c:
            return dict(c.execute(select(Certificate.serial, Certificate.revoked_reason)
                                  .order_by(Certificate.serial)).all())

    reasons = standing()
    assert [serial for serial, reason in reasons.items() if reason is None] == [
        "2026-BBBBBB", "2026-CCCCCC", "2026-EEEEEE"]
    assert "2026-BBBBBB" in reasons["2026-AAAAAA"]
    assert "2026-EEEEEE" in reasons["2026-DDDDDD"]
    for duplicate in (certificate("2026-FFFFFF", "skill", "payment", 5),
                      certificate("2026-GGGGGG", "all_skills", None, 5)):
        with pytest.raises(IntegrityError), engine.begin() as c:
            c.execute(insert(Certificate), [duplicate])
    with engine.begin() as c:  # a revoked one may stand beside the current one
        c.execute(insert(Certificate), [certificate("2026-HHHHHH", "skill", "payment", 5)
                                        | {"revoked_at": datetime(2026, 3, 6, tzinfo=UTC)}])
    if backend == "postgresql":
        with engine.connect() as c:
            assert c.execute(text(
                "SELECT table_name, collation_name FROM information_schema.columns "
                "WHERE column_name IN ('term', 'name_folded') ORDER BY table_name")).all() \
                == [("resident_terms", "C"), ("residents", "C")]

    migrate("0004", command.downgrade)
    with engine.begin() as c:  # as before 0005: nothing stops a second current one
        c.execute(update(Certificate).where(Certificate.serial == "2026-AAAAAA")
                  .values(revoked_at=None))
    migrate("head")
    assert standing()["2026-AAAAAA"] is not None
    engine.dispose()


def test_a_kiosk_carries_on_after_the_server_restarts(postgres):
    """The server goes away and comes back (a restart, a cable pulled and put back): the
    connections the kiosk kept are dead, and are replaced as they are taken again."""
    db = open_database(postgres.url(postgres.create_database()), DEMO_HAMLETS)
    first = residents.register(db, full_name="Lê Văn Tám", birth_year=1950,
                               hamlet_id=hamlet_id(db), consent_given=True)
    postgres.stop(mode="immediate")
    postgres.start()
    second = residents.register(db, full_name="Lê Thị Tám", birth_year=1951,
                                hamlet_id=hamlet_id(db), consent_given=True)
    assert [residents.get(db, p.id).full_name for p in (first, second)] == [
        "Lê Văn Tám", "Lê Thị Tám"]
    db.kw["bind"].dispose()


@pytest.mark.parametrize(("ci", "outcome"), [("", pytest.skip.Exception),
                                             ("true", pytest.fail.Exception)])
def test_without_postgresql_its_tests_are_skipped_but_never_in_ci(monkeypatch, ci, outcome):
    import tests.postgres_server as server

    monkeypatch.setattr(server, "missing_requirements", lambda: "PostgreSQL is not installed")
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    with pytest.raises(outcome, match="PostgreSQL is not installed"):
        next(server.server_for_tests())


def test_every_revision_goes_down_to_an_empty_database_and_up_again(empty_db_url):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from kiosk.db.engine import alembic_config, current_revision

    engine = make_engine(empty_db_url)
    config = alembic_config()
    for step, to in ((command.upgrade, "head"), (command.downgrade, "base"),
                     (command.upgrade, "head")):
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, to)
        if to == "base":
            assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()
