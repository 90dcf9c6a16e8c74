"""A resident's whole visit, driven through the real widgets, checked in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk import residents
from kiosk.db.models import LessonProgress, OutcomeAnswer, ProgressStatus, Resident, StepAttempt
from ui.screens.identity import IdentityScreen
from ui.screens.player import PlayerScreen
from ui.screens.result import CompletedScreen, RegisteredScreen
from ui.screens.skills import SkillsScreen


def register(qtbot, touch, type_on_keyboard, window, name="Nguyễn Thị Ánh", year="1958",
             hamlet_index=2):
    touch(window, "start_new")
    touch(window, "consent_accept")
    screen = window.current_screen()
    assert isinstance(screen, IdentityScreen)
    type_on_keyboard(screen.keyboard, name)
    assert screen.name_page.edit.text() == name
    touch(window, "identity_next")
    type_on_keyboard(screen.keyboard, year)
    touch(window, "identity_next")
    hamlet = residents.list_hamlets(window.station.db)[hamlet_index]
    touch(window, f"hamlet_{hamlet.id}")
    touch(window, "identity_next")
    assert screen.next_button.text() == "Bỏ qua"  # phone is optional
    touch(window, "identity_next")
    assert name in screen.summary_page.summary.text()
    touch(window, "identity_next")
    assert isinstance(window.current_screen(), RegisteredScreen)
    return hamlet


def test_new_resident_learns_a_lesson_and_it_is_stored(qtbot, touch, type_on_keyboard,
                                                       make_window, lessons_dir):
    window = make_window()
    assert window.welcome.new_button.isEnabled()
    register(qtbot, touch, type_on_keyboard, window)
    code = window.flow.registered.code.text()
    assert len(code.replace(" ", "")) == 6
    touch(window, "registered_go")
    skills = window.current_screen()
    assert isinstance(skills, SkillsScreen)
    assert "Nguyễn Thị Ánh" in skills.greeting.text()
    touch(window, "skill_safety")
    touch(window, "lesson_safety.e2e")
    player = window.current_screen()
    assert isinstance(player, PlayerScreen)
    assert player.step_count.text() == "Bước 1 / 4"

    touch(window, "step_next")
    assert not player.next_button.isEnabled()  # a question must be answered first
    touch(window, "option_0")  # wrong: "read the code to them"
    feedback = player.view.feedback
    assert feedback.isVisible() and "lấy tiền" in feedback.text()
    assert "Mã OTP chỉ mình bà con được biết" in feedback.text()  # the hint
    assert not player.next_button.isEnabled()
    touch(window, "option_1")
    assert "Không bao giờ đọc mã OTP" in player.view.feedback.text()
    touch(window, "step_next")

    touch(window, "option_0")
    touch(window, "option_1")
    touch(window, "choice_check")
    assert player.view.done
    touch(window, "step_next")
    assert player.next_button.text() == "Học xong bài này"
    touch(window, "step_next")

    completed = window.current_screen()
    assert isinstance(completed, CompletedScreen)
    touch(window, "outcome_0")

    with window.station.db() as session:
        resident = session.scalars(select(Resident)).one()
        assert resident.full_name == "Nguyễn Thị Ánh"
        row = session.scalars(select(LessonProgress)).one()
        assert (row.lesson_id, row.status) == ("safety.e2e", ProgressStatus.COMPLETED)
        attempts = session.scalars(select(StepAttempt).order_by(StepAttempt.id)).all()
        assert [(a.step_index, a.correct, a.answer) for a in attempts] == [
            (1, False, "0"), (1, True, "1"), (2, True, "0,1")]
        # The hint appears after the wrong answer, so the right one was given with it.
        assert [a.hints_used for a in attempts] == [0, 1, 0]
        assert all(a.seconds is not None and a.seconds >= 0 for a in attempts)
        outcome = session.scalars(select(OutcomeAnswer)).one()
        assert (outcome.question_key, outcome.answer) == ("e2e_question", "Đã từng")


def test_a_restart_mid_lesson_resumes_at_the_right_step(qtbot, touch, type_on_keyboard,
                                                       make_window, lessons_dir):
    window = make_window()
    register(qtbot, touch, type_on_keyboard, window, name="Trần Văn Út", year="1949",
             hamlet_index=0)
    code = window.flow.registered.code.text()
    touch(window, "registered_go")
    touch(window, "skill_safety")
    touch(window, "lesson_safety.e2e")
    touch(window, "step_next")
    touch(window, "option_1")
    touch(window, "step_next")  # step 2 committed; now on step 3
    window.close()
    window.station.db.kw["bind"].dispose()

    again = make_window()  # a new kiosk on the same database file
    touch(again, "start_returning")
    qtbot.keyClicks(again.flow.code.edit, code.lower())
    qtbot.keyClick(again.flow.code.edit, Qt.Key.Key_Return)
    skills = again.current_screen()
    assert isinstance(skills, SkillsScreen)
    assert skills.continue_button.isVisible()
    assert "Cuộc gọi lạ đòi mã OTP" in skills.continue_button.text()
    touch(again, "continue_lesson")
    assert again.current_screen().step_count.text() == "Bước 3 / 4"


def test_returning_resident_found_by_name_without_diacritics(qtbot, touch, type_on_keyboard,
                                                             make_window, lessons_dir):
    window = make_window()
    hamlet = register(qtbot, touch, type_on_keyboard, window, name="Đoàn Thị Bích", year="1962")
    touch(window, "registered_go")
    touch(window, "leave")
    assert window.current_screen() is window.welcome
    touch(window, "start_returning")
    touch(window, "code_by_name")
    find = window.current_screen()
    assert find.name_page.edit.text() == ""  # nothing of the last person is left
    qtbot.keyClicks(find.name_page.edit, "doan thi bich")
    touch(window, "identity_next")
    qtbot.keyClicks(find.year_page.edit, "1962")
    touch(window, "identity_next")
    touch(window, f"hamlet_{hamlet.id}")
    touch(window, "identity_next")
    assert isinstance(window.current_screen(), SkillsScreen)
    assert "Đoàn Thị Bích" in window.current_screen().greeting.text()


def test_declining_consent_stores_nothing(qtbot, touch, make_window, lessons_dir):
    window = make_window()
    touch(window, "start_new")
    touch(window, "consent_decline")
    assert window.current_screen() is window.welcome
    with window.station.db() as session:
        assert session.scalars(select(Resident)).all() == []


def test_wrong_birth_year_is_explained_on_its_own_page(qtbot, touch, type_on_keyboard,
                                                       make_window, lessons_dir):
    window = make_window()
    touch(window, "start_new")
    touch(window, "consent_accept")
    screen = window.current_screen()
    type_on_keyboard(screen.keyboard, "Lý Thị Mến")
    touch(window, "identity_next")
    qtbot.keyClicks(screen.year_page.edit, "1850")
    touch(window, "identity_next")
    touch(window, screen.hamlet_page.group.buttons()[0].objectName())
    touch(window, "identity_next")
    touch(window, "identity_next")
    touch(window, "identity_next")  # submit: the core refuses the year
    assert screen.current_index() == 1
    assert screen.year_page.error.isVisible()
    assert "năm sinh" in screen.year_page.error.text().lower()
