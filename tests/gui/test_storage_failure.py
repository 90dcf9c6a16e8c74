"""A resident in the middle of a lesson when storage fails under the kiosk.

Each failure is made for real, on the kiosk's own database: another program holding the
SQLite file's write lock, the file unable to grow (SQLite's page limit gives the same
SQLITE_FULL a full disk gives), and a PostgreSQL server stopped and started again. The
resident keeps their place, a banner says what is happening, and once storage is back
everything they did is stored exactly once.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, select

from kiosk import progress, residents
from kiosk.db.models import (
    LessonProgress,
    OutcomeAnswer,
    ProgressStatus,
    Resident,
    StepAttempt,
    StepProgress,
    StepStats,
)
from ui import pending_writes
from ui.screens.identity import IdentityScreen
from ui.screens.player import PlayerScreen
from ui.screens.result import CompletedScreen, RegisteredScreen
from ui.screens.skills import SkillsScreen
from ui.widgets.storage_banner import StorageBanner

WAIT_MS = 15_000  # for retries to get through (they run every 50-200 ms here)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(pending_writes, "FIRST_RETRY_MS", 50)
    monkeypatch.setattr(pending_writes, "LONGEST_RETRY_MS", 200)


def database_file(window) -> str:
    return window.station.db.kw["bind"].url.database


def banner(window) -> StorageBanner:
    return window.current_screen().findChild(StorageBanner)


def banner_text(window) -> str:
    shown = banner(window)
    return shown.text.text() if shown is not None and shown.isVisible() else ""


def start_lesson(window, touch, name: str = "Lê Thị Sáu") -> residents.ResidentInfo:
    """A resident already registered signs in and opens the lesson at its first step."""
    db = window.station.db
    resident = residents.register(db, full_name=name, birth_year=1955,
                                  hamlet_id=residents.list_hamlets(db)[0].id,
                                  consent_given=True)
    window.flow.sign_in(resident)
    touch(window, "skill_safety")
    touch(window, "lesson_safety.e2e")
    assert isinstance(window.current_screen(), PlayerScreen)
    return resident


def answer_steps_two_and_three(window, touch) -> None:
    """A wrong then a right answer on step 2, the right ones on step 3."""
    touch(window, "option_0")
    touch(window, "option_1")
    touch(window, "step_next")
    touch(window, "option_0")
    touch(window, "option_1")
    touch(window, "choice_check")
    touch(window, "step_next")


def stored_answers(window, resident_id: int) -> list[tuple[int, bool, str]]:
    with window.station.db() as session:
        rows = session.scalars(select(StepAttempt).where(
            StepAttempt.resident_id == resident_id).order_by(StepAttempt.id))
        return [(a.step_index, a.correct, a.answer) for a in rows]


def stored_place(window, resident_id: int) -> tuple[int, list[int]]:
    """The lesson's stored place, and the steps stored as finished."""
    with window.station.db() as session:
        row = session.scalars(select(LessonProgress).where(
            LessonProgress.resident_id == resident_id)).one()
        steps = session.scalars(select(StepProgress.step_index).where(
            StepProgress.progress_id == row.id).order_by(StepProgress.step_index)).all()
        return row.current_step, list(steps)


def step_counts(window) -> dict[int, tuple[int, int]]:
    with window.station.db() as session:
        rows = session.execute(select(StepStats.step_index, func.sum(StepStats.attempts),
                                      func.sum(StepStats.wrong))
                               .group_by(StepStats.step_index)).all()
        return {step: (attempts, wrong) for step, attempts, wrong in rows}


EXPECTED_ANSWERS = [(1, False, "0"), (1, True, "1"), (2, True, "0,1")]


class WriteLock:
    """Another program holding the kiosk file's write lock (BEGIN IMMEDIATE)."""

    def __init__(self, path: str) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


def test_a_locked_database_keeps_the_resident_going_and_stores_each_answer_once(
        qtbot, touch, make_window, lessons_dir):
    window = make_window()
    resident = start_lesson(window, touch)
    player = window.current_screen()
    touch(window, "step_next")  # step 1 stored while storage is well
    assert stored_place(window, resident.id) == (1, [0])
    assert not banner(window).isVisible()

    lock = WriteLock(database_file(window))
    try:
        answer_steps_two_and_three(window, touch)
        # The resident went on: the third step's answers and the fourth step are shown.
        assert player.step_count.text() == "Bước 4 / 4"
        assert "bận" in banner_text(window) and "cứ tiếp tục" in banner_text(window)
        # Only the first write waited for the lock: the rest queued behind it at once.
        assert len(window.flow.pending) == 5
        assert stored_answers(window, resident.id) == []
        assert stored_place(window, resident.id) == (1, [0])
    finally:
        lock.release()

    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=WAIT_MS)
    assert len(window.flow.pending) == 0
    assert stored_answers(window, resident.id) == EXPECTED_ANSWERS
    assert step_counts(window) == {1: (2, 1), 2: (1, 0)}
    assert stored_place(window, resident.id) == (3, [0, 1, 2])
    assert player.step_count.text() == "Bước 4 / 4"


def test_a_lesson_finished_while_locked_is_stored_after_the_resident_left(
        qtbot, touch, make_window, lessons_dir):
    window = make_window()
    resident = start_lesson(window, touch)
    lock = WriteLock(database_file(window))
    try:
        touch(window, "step_next")
        answer_steps_two_and_three(window, touch)
        touch(window, "step_next")  # the last step: the lesson is done
        assert isinstance(window.current_screen(), CompletedScreen)
        assert banner(window).isVisible()
        touch(window, "outcome_1")
        touch(window, "completed_go")  # the lesson list reads what is kept
        touch(window, "lessons_back")
        skills = window.current_screen()
        assert isinstance(skills, SkillsScreen)
        assert not skills.continue_button.isVisible()  # nothing unfinished
        touch(window, "leave")
        assert window.current_screen() is window.welcome
        assert stored_answers(window, resident.id) == []
        # The next person is not told about the writes of the one before.
        touch(window, "start_new")
        assert len(window.flow.pending) > 0
        assert not banner(window).isVisible()
        touch(window, "consent_decline")
    finally:
        lock.release()

    qtbot.waitUntil(lambda: len(window.flow.pending) == 0, timeout=WAIT_MS)
    assert stored_answers(window, resident.id) == EXPECTED_ANSWERS
    with window.station.db() as session:
        row = session.scalars(select(LessonProgress)).one()
        assert row.status == ProgressStatus.COMPLETED
        outcome = session.scalars(select(OutcomeAnswer)).one()
        assert (outcome.resident_id, outcome.answer) == (resident.id, "Chưa")
    assert window.flow.pending.problem is None


def test_sign_up_while_locked_keeps_the_answers_and_tries_again(
        qtbot, touch, type_on_keyboard, make_window, lessons_dir):
    window = make_window()
    touch(window, "start_new")
    touch(window, "consent_accept")
    form = window.current_screen()
    assert isinstance(form, IdentityScreen)
    type_on_keyboard(form.keyboard, "Phạm Văn Bảy")
    touch(window, "identity_next")
    qtbot.keyClicks(form.year_page.edit, "1950")
    touch(window, "identity_next")
    touch(window, form.hamlet_page.group.buttons()[1].objectName())
    touch(window, "identity_next")
    touch(window, "identity_next")  # no phone

    lock = WriteLock(database_file(window))
    try:
        touch(window, "identity_next")  # "Đúng, đăng ký cho tôi"
        assert window.current_screen() is form  # still on the summary, answers kept
        assert form.summary_page.error.isVisible()
        assert "đang bận" in form.summary_page.error.text()
        assert "Thử lại" in form.summary_page.error.text()
        assert form.next_button.text() == "Thử lại"
        assert form.answers().full_name == "Phạm Văn Bảy"
        assert "Phạm Văn Bảy" in form.summary_page.summary.text()
    finally:
        lock.release()

    touch(window, "identity_next")  # "Thử lại"
    assert isinstance(window.current_screen(), RegisteredScreen)
    assert not banner(window).isVisible()
    with window.station.db() as session:
        stored = session.scalars(select(Resident)).one()
        assert (stored.full_name, stored.birth_year) == ("Phạm Văn Bảy", 1950)


def test_quitting_stores_what_is_kept_if_storage_answers(
        qtbot, touch, make_window, lessons_dir, monkeypatch):
    monkeypatch.setattr(pending_writes, "FIRST_RETRY_MS", 600_000)  # no retry before quit
    window = make_window()
    resident = start_lesson(window, touch)
    lock = WriteLock(database_file(window))
    try:
        touch(window, "step_next")
        touch(window, "option_0")
        assert len(window.flow.pending) == 2
    finally:
        lock.release()
    window.flow.pending.flush()  # what the application's aboutToQuit runs
    assert len(window.flow.pending) == 0
    assert stored_answers(window, resident.id) == [(1, False, "0")]
    assert stored_place(window, resident.id) == (1, [0])


def test_a_kiosk_switched_off_while_locked_stores_the_kept_writes_at_its_next_start(
        qtbot, touch, make_window, lessons_dir, isolated_settings, monkeypatch):
    from kiosk.kept_writes import JOURNAL_NAME

    monkeypatch.setattr(pending_writes, "FIRST_RETRY_MS", 600_000)  # it never gets through
    window = make_window()
    resident = start_lesson(window, touch)
    journal = isolated_settings / JOURNAL_NAME
    lock = WriteLock(database_file(window))
    try:
        touch(window, "step_next")
        answer_steps_two_and_three(window, touch)
        assert len(window.flow.pending) == 6  # the first step finished, and the rest
        assert len(journal.read_text(encoding="utf-8").splitlines()) == 6
        assert "Lê Thị Sáu" not in journal.read_text(encoding="utf-8")
        # The power goes: no last try. (This window stays, closed, its next retry ten
        # minutes away: the next start knows only what the file holds.)
        window.close()
        assert stored_answers(window, resident.id) == []

        monkeypatch.setattr(pending_writes, "FIRST_RETRY_MS", 50)
        again = make_window()  # the next start, the file still locked
        assert len(again.flow.pending) == 6
        qtbot.wait(300)  # it tries, and keeps them
        assert len(again.flow.pending) == 6 and journal.exists()
        assert again.flow.pending.notice is None  # not this visit's: nobody is told
    finally:
        lock.release()

    qtbot.waitUntil(lambda: len(again.flow.pending) == 0, timeout=WAIT_MS)
    assert not journal.exists()
    assert stored_answers(again, resident.id) == EXPECTED_ANSWERS
    assert step_counts(again) == {1: (2, 1), 2: (1, 0)}
    assert stored_place(again, resident.id) == (3, [0, 1, 2])


def test_other_database_errors_are_not_taken_for_storage_problems(make_window, lessons_dir):
    """A broken rule is a bug to report, not a reason to keep a write and retry it."""
    from sqlalchemy.exc import IntegrityError

    from kiosk.storage_problems import storage_problem

    window = make_window()
    with pytest.raises(IntegrityError) as raised, window.station.db.begin() as session:
        session.add(Resident(learner_code="X", full_name="A", name_folded="a",
                             birth_year=1950, hamlet_id=999_999, consent_version="x",
                             consent_at=datetime.now(UTC)))
    assert storage_problem(raised.value) is None
    assert storage_problem(ValueError("not from the database")) is None


def fill_the_file(path: str, resident_id: int) -> int:
    """Let the database file grow no more, and fill what room is left with answers of an
    earlier resident (the commune's history); returns the file's page limit."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("PRAGMA synchronous = OFF")  # quick to fill; the test needs no fsync
        limit = other.execute("PRAGMA page_count").fetchone()[0]
        other.execute(f"PRAGMA max_page_count = {limit}")
        rows = 512
        while rows:
            try:
                other.execute(
                    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                    "WHERE x < ?) INSERT INTO step_attempts (resident_id, lesson_id, "
                    "step_index, step_id, correct, hints_used, created_at) "
                    "SELECT ?, 'safety.e2e', 1, 's1', 1, 0, '2026-01-05 08:00:00.000000' "
                    "FROM n", (rows, resident_id))
            except sqlite3.OperationalError as exc:
                assert exc.sqlite_errorname == "SQLITE_FULL"
                rows //= 2
    finally:
        other.close()
    return limit


def test_a_full_disk_loses_nothing_and_says_so(qtbot, touch, make_window, lessons_dir):
    window = make_window()
    db = window.station.db
    earlier = residents.register(db, full_name="Võ Thị Tám", birth_year=1948,
                                 hamlet_id=residents.list_hamlets(db)[0].id,
                                 consent_given=True)
    resident = start_lesson(window, touch)
    touch(window, "step_next")
    before = stored_place(window, resident.id)
    limit = fill_the_file(database_file(window), earlier.id)

    engine = db.kw["bind"]

    def no_room(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    event.listen(engine, "connect", no_room)
    engine.dispose()  # every connection of the kiosk from now on meets the full disk
    player = window.current_screen()
    taps = 0
    while not banner(window).isVisible():  # wrong answers until one finds no room
        touch(window, "option_0")
        taps += 1
        assert taps < 200, "the file never filled up"
    assert "Bộ nhớ của máy đã đầy" in banner_text(window)
    assert "cán bộ" in banner_text(window)
    stored = stored_answers(window, resident.id)
    assert stored == [(1, False, "0")] * (taps - 1)  # all but the one with no room
    touch(window, "option_1")
    touch(window, "step_next")
    assert player.step_count.text() == "Bước 3 / 4"  # the resident went on
    # Nothing already stored was lost, and the file is sound.
    assert stored_place(window, resident.id) == before
    assert stored_answers(window, resident.id) == stored
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    event.remove(engine, "connect", no_room)  # staff free some room
    engine.dispose()
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=WAIT_MS)
    assert stored_answers(window, resident.id) == [(1, False, "0")] * taps + [(1, True, "1")]
    assert stored_place(window, resident.id) == (2, [0, 1])
    with db() as session:
        counted = session.scalar(select(StepStats.attempts).where(StepStats.step_index == 1))
    assert counted == taps + 1  # the earlier resident's rows were put in without counting


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_answer_given_again_after_a_lost_commit_is_stored_once(
        backend, request, make_window, lessons_dir):
    """A retry that cannot know whether its first commit landed repeats the write with the
    moment of the answer: the answer is stored and counted once."""
    if backend == "postgresql":
        request.getfixturevalue("on_postgres")
    window = make_window()
    assert window.station.db.kw["bind"].dialect.name == backend
    db = window.station.db
    resident = residents.register(db, full_name="Đặng Văn Chín", birth_year=1960,
                                  hamlet_id=residents.list_hamlets(db)[0].id,
                                  consent_given=True)
    lesson = window.station.pack.lessons["safety.e2e"]
    at = datetime(2026, 3, 2, 1, 30, 15, 123456, tzinfo=UTC)
    for _ in range(2):
        progress.record_attempt(db, resident.id, lesson, 1, correct=False, answer="0",
                                hints_used=1, seconds=4.5, at=at)
    progress.record_attempt(db, resident.id, lesson, 1, correct=True, answer="1",
                            at=datetime(2026, 3, 2, 1, 30, 19, tzinfo=UTC))
    assert stored_answers(window, resident.id) == [(1, False, "0"), (1, True, "1")]
    assert step_counts(window) == {1: (2, 1)}


# -- a shared PostgreSQL server that goes away ------------------------------------------

@pytest.fixture(scope="module")
def postgres():
    """A private PostgreSQL server for this module (tests/postgres_server.py)."""
    from tests.postgres_server import server_for_tests

    yield from server_for_tests()


@pytest.fixture
def on_postgres(postgres, monkeypatch):
    """The kiosk's database URL points at a new database of the server."""
    name = postgres.create_database()
    monkeypatch.setenv("KIOSK_DATABASE_URL", postgres.url(name))
    yield postgres
    if not postgres.running:  # a test that failed with the server away
        postgres.start()
    postgres.drop_database(name)


def test_a_lost_server_is_shown_and_the_steps_are_stored_when_it_is_back(
        qtbot, touch, on_postgres, make_window, lessons_dir):
    server = on_postgres
    window = make_window()
    assert window.station.db.kw["bind"].dialect.name == "postgresql"
    resident = start_lesson(window, touch)
    player = window.current_screen()
    touch(window, "step_next")

    server.stop()  # mid-lesson, the kiosk loses its server
    try:
        touch(window, "option_0")
        assert "Đang mất kết nối với máy chủ" in banner_text(window)
        assert "cứ tiếp tục" in banner_text(window)
        touch(window, "option_1")
        touch(window, "step_next")
        touch(window, "option_0")
        touch(window, "option_1")
        touch(window, "choice_check")
        touch(window, "step_next")  # two steps answered without the server
        assert player.step_count.text() == "Bước 4 / 4"
        # Leaving the lesson needs the server: the resident stays, and is told to wait.
        touch(window, "pause")
        assert window.current_screen() is player
        assert "chờ một lát" in banner_text(window)
    finally:
        server.start()

    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=WAIT_MS)
    assert window.current_screen() is player
    assert player.step_count.text() == "Bước 4 / 4"
    assert stored_answers(window, resident.id) == EXPECTED_ANSWERS
    assert step_counts(window) == {1: (2, 1), 2: (1, 0)}
    assert stored_place(window, resident.id) == (3, [0, 1, 2])
    touch(window, "pause")  # with the server back, the resident can leave the lesson
    assert isinstance(window.current_screen(), SkillsScreen)

    # A returning resident types their code while the server is away: told on the code
    # screen (its keyboard leaves no room for the banner), and the code stays typed.
    touch(window, "leave")
    touch(window, "start_returning")
    code_screen = window.current_screen()
    qtbot.keyClicks(code_screen.edit, resident.learner_code)
    server.stop()
    try:
        touch(window, "code_find")
        assert window.current_screen() is code_screen
        assert "Đang mất kết nối với máy chủ" in code_screen.hint.text()
        assert code_screen.edit.text() == resident.learner_code
    finally:
        server.start()
    touch(window, "code_find")
    assert isinstance(window.current_screen(), SkillsScreen)
