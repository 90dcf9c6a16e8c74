"""Nobody at the kiosk: a warning, then back to the welcome screen with nothing of the
last person left on any screen; staff are signed out the same way. The timeout is cut to
two seconds (one of warning) so the tests wait for the real timers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMessageBox
from sqlalchemy import select

from kiosk import residents
from kiosk.db.models import AuditEntry, StaffRole, StepProgress
from ui.idle import IdleWarning
from ui.modes import Mode
from ui.screens.identity import ChooseResidentScreen, IdentityScreen
from ui.screens.player import PlayerScreen
from ui.screens.result import RegisteredScreen

NAME = "Lê Thị Bí Mật"
TIMEOUT_S, WARNING_S = 2.0, 1.0


def short_idle(window) -> None:
    window.idle.set_timing(TIMEOUT_S, WARNING_S, tick_ms=50)


def warning_of(window) -> IdleWarning | None:
    shown = [w for w in window.findChildren(IdleWarning) if w.isVisible()]
    return shown[0] if shown else None


def texts_on(window) -> list[str]:
    """Every text a widget of the window holds, shown or not (screens stay in the
    stack), and what Ctrl+Z would bring back into a field."""
    found = []
    for widget in window.findChildren(QLabel):
        found.append(widget.text())
    for widget in window.findChildren(QAbstractButton):
        found.append(widget.text())
    for edit in window.findChildren(QLineEdit):
        found.append(edit.text())
        while edit.isUndoAvailable():
            edit.undo()
            found.append(edit.text())
    return found


def register_and_start_lesson(window, touch, type_on_keyboard, hamlet_id: int) -> None:
    touch(window, "start_new")
    touch(window, "consent_accept")
    form = window.current_screen()
    assert isinstance(form, IdentityScreen)
    type_on_keyboard(form.keyboard, NAME)
    touch(window, "identity_next")
    type_on_keyboard(form.keyboard, "1950")
    touch(window, "identity_next")
    touch(window, f"hamlet_{hamlet_id}")
    touch(window, "identity_next")
    touch(window, "identity_next")  # no phone
    assert NAME in form.summary_page.summary.text()
    touch(window, "identity_next")
    assert isinstance(window.current_screen(), RegisteredScreen)
    touch(window, "registered_go")
    assert NAME in window.flow.skills.greeting.text()
    touch(window, "skill_safety")
    touch(window, "lesson_safety.e2e")
    touch(window, "step_next")
    touch(window, "option_1")  # the right answer, on the resident's screen
    assert isinstance(window.current_screen(), PlayerScreen)


def test_an_idle_resident_is_warned_then_nothing_of_them_stays(qtbot, touch, make_window,
                                                               type_on_keyboard,
                                                               lessons_dir):
    window = make_window()
    hamlet = residents.list_hamlets(window.station.db)[0]
    register_and_start_lesson(window, touch, type_on_keyboard, hamlet.id)
    assert any(NAME in text for text in texts_on(window))  # the check below can fail
    short_idle(window)

    qtbot.waitUntil(lambda: warning_of(window) is not None, timeout=3000)
    warning = warning_of(window)
    assert warning.title.text() == "Bà con còn ở đây không?"
    assert warning.lead.text() == "Chạm vào màn hình để tiếp tục."
    assert warning.button.text() == "Tôi vẫn đang học"
    assert int(warning.seconds.text()) <= WARNING_S
    assert warning.geometry() == window.rect()  # the whole window

    qtbot.waitUntil(lambda: window.current_screen() is window.welcome, timeout=3000)
    assert warning_of(window) is None
    assert window.flow.resident is None
    qtbot.wait(50)  # rows of matches and answers go at the next turn of the loop
    leftovers = [text for text in texts_on(window) if NAME in text or "1950" in text]
    assert leftovers == []
    # What they did is stored: the first step is there for next time.
    with window.station.db() as session:
        assert session.scalars(select(StepProgress)).first() is not None


def test_the_find_form_and_the_list_of_matches_are_cleared(qtbot, touch, make_window,
                                                           type_on_keyboard, lessons_dir):
    window = make_window()
    db = window.station.db
    hamlet = residents.list_hamlets(db)[1]
    for _ in range(2):  # two people of the same name, year and khóm/ấp: a list to choose
        residents.register(db, full_name=NAME, birth_year="1950", hamlet_id=hamlet.id,
                           phone="", consent_given=True)
    touch(window, "start_returning")
    touch(window, "code_by_name")
    form = window.current_screen()
    type_on_keyboard(form.keyboard, NAME)
    touch(window, "identity_next")
    type_on_keyboard(form.keyboard, "1950")
    touch(window, "identity_next")
    touch(window, f"hamlet_{hamlet.id}")
    touch(window, "identity_next")
    choose = window.current_screen()
    assert isinstance(choose, ChooseResidentScreen)
    assert sum(NAME in text for text in texts_on(window)) >= 3  # the form and two rows
    short_idle(window)

    qtbot.waitUntil(lambda: window.current_screen() is window.welcome, timeout=4000)
    qtbot.wait(50)
    assert [text for text in texts_on(window) if NAME in text] == []
    assert not choose.findChildren(QAbstractButton, "resident_1")


def test_a_touch_during_the_warning_keeps_the_resident_where_they_were(
        qtbot, touch, make_window, type_on_keyboard, lessons_dir):
    window = make_window()
    touch(window, "start_new")
    touch(window, "consent_accept")
    form = window.current_screen()
    type_on_keyboard(form.keyboard, NAME)
    short_idle(window)
    qtbot.waitUntil(lambda: warning_of(window) is not None, timeout=3000)
    behind = form.next_button
    qtbot.mouseClick(warning_of(window), Qt.MouseButton.LeftButton)

    assert warning_of(window) is None
    assert window.current_screen() is form and form.name_page.edit.text() == NAME
    assert form.current_index() == 0  # the touch pressed nothing underneath
    assert behind.isVisible()
    # The time counts again from the touch: no warning for a while.
    qtbot.wait(int(TIMEOUT_S * 1000 * 0.4))
    assert warning_of(window) is None and window.current_screen() is form
    # A key on a physical keyboard is a person too.
    qtbot.waitUntil(lambda: warning_of(window) is not None, timeout=3000)
    qtbot.keyClick(form.name_page.edit, Qt.Key.Key_End)
    assert warning_of(window) is None and window.current_screen() is form


def test_the_welcome_screen_is_not_watched(qtbot, make_window, lessons_dir):
    window = make_window()
    short_idle(window)
    assert not window.idle.active
    qtbot.wait(int(TIMEOUT_S * 1000 * 1.2))
    assert warning_of(window) is None and window.current_screen() is window.welcome


def test_idle_staff_are_signed_out_after_a_warning(qtbot, console_as):
    window, console = console_as(StaffRole.STAFF)
    assert window.modes.mode is Mode.STAFF and window.idle.active
    short_idle(window)
    qtbot.waitUntil(lambda: warning_of(window) is not None, timeout=3000)
    warning = warning_of(window)
    assert warning.title.text() == "Anh/chị còn làm việc không?"
    assert warning.button.text() == "Tôi vẫn đang làm việc"

    qtbot.waitUntil(lambda: window.current_screen() is window.welcome, timeout=3000)
    assert window.modes.mode is Mode.KIOSK and not window.idle.active
    with window.station.db() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "login.sign_out")).one()
    assert entry.staff_user_id == console.ctx.user.id and '"reason": "idle"' in entry.detail


def test_a_question_left_open_does_not_keep_staff_signed_in(qtbot, console_as):
    """Staff walked away from a confirmation: it is cancelled, then they are signed out."""
    from ui.console.settings_parts import ask

    window, console = console_as(StaffRole.ADMIN)
    short_idle(window)
    answers, seen = [], []
    # Looks while the question waits in its own event loop.
    QTimer.singleShot(200, lambda: seen.append(open_question() is not None))
    QTimer.singleShot(0, lambda: answers.append(ask(console, "Xoá?", "Xoá thật không?",
                                                    "Xoá")))
    qtbot.waitUntil(lambda: window.current_screen() is window.welcome, timeout=5000)
    assert seen == [True]
    assert answers == [False]  # cancelled: nothing destructive happened
    assert open_question() is None
    assert window.modes.mode is Mode.KIOSK


def open_question() -> QMessageBox | None:
    widget = QApplication.activeModalWidget()
    return widget if isinstance(widget, QMessageBox) and widget.isVisible() else None


def test_no_idle_reset_during_a_group_session(qtbot, console_as):
    window, _console = console_as(StaffRole.TEAM_MEMBER)
    window.modes.enter(Mode.PRESENTER)  # what the presenter does when a session starts
    assert not window.idle.active
    short_idle(window)
    qtbot.wait(int(TIMEOUT_S * 1000 * 1.2))
    assert warning_of(window) is None and window.modes.mode is Mode.PRESENTER


@pytest.mark.parametrize("timeout, warning", [(180, 20), (30, 15)])
def test_the_warning_takes_its_twenty_seconds_of_the_timeout(qapp, timeout, warning):
    from ui.idle import IdleWatcher

    now = [1000.0]
    watcher = IdleWatcher(timeout, clock=lambda: now[0])
    shown, expired = [], []
    watcher.warning.connect(shown.append)
    watcher.expired.connect(lambda: expired.append(now[0]))
    watcher.set_active(True)
    now[0] += timeout - warning - 1
    watcher._tick()
    assert shown == []
    now[0] += 1
    watcher._tick()
    assert shown == [warning]
    now[0] += warning
    watcher._tick()
    assert expired and shown[-1] == warning
    watcher.deleteLater()
