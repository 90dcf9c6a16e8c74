"""Staff access through the real kiosk window: the first-start setup, signing in on the PIN
pad, wrong PINs and lockout, the hidden gesture, what each role sees, the staff page and
the audit log page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from kiosk import staff
from kiosk.db.models import StaffRole
from ui.console.login import LoginScreen
from ui.console.window import ConsoleScreen

CHEAP = staff.PinHashCost(memory_kib=1024, iterations=1, lanes=1)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Argon2id at a small cost: the screens behave the same, the tests stay fast."""
    monkeypatch.setattr(staff, "PIN_HASH_COST", CHEAP)


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_sign_in(qtbot, window) -> LoginScreen:
    """What Ctrl+Shift+S and the hidden gesture do."""
    window.show_console()
    screen = window.current_screen()
    assert isinstance(screen, LoginScreen)
    return screen


def press_pin(qtbot, pad, pin: str, ok: bool = True) -> None:
    for digit in pin:
        click(qtbot, pad.keys[digit])
    if ok:
        click(qtbot, pad.keys["ok"])


def wait_for_console(qtbot, window) -> ConsoleScreen:
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), ConsoleScreen), timeout=5000)
    return window.current_screen()


def wait_for_message(qtbot, login: LoginScreen, text: str) -> None:
    qtbot.waitUntil(lambda: text in login.message.text(), timeout=5000)


@pytest.fixture
def with_staff(make_window):
    """A kiosk whose admin (PIN 2580) and one team member (PIN 5093) exist."""
    window = make_window()
    db = window.station.db
    admin = staff.setup_admin(db, "Lê Thị Thu Hà", "thuha", "2580")
    member = staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.TEAM_MEMBER,
                               "5093")
    return window, admin, member


# --- first start ----------------------------------------------------------------------


def test_first_start_setup_creates_the_admin_and_signs_in(qtbot, make_window,
                                                          type_on_keyboard):
    window = make_window()
    login = open_sign_in(qtbot, window)
    setup = login.setup
    assert login.pages.currentWidget() is setup and login.initial_focus is setup.name
    type_on_keyboard(setup.keyboard, "Lê Thị Thu Hà")  # on the screen's own keys
    assert setup.name.text() == "Lê Thị Thu Hà"
    click(qtbot, setup.next_button)
    assert setup.username.text() == "lethithuha"  # offered from the name
    setup.username.clear()
    qtbot.keyClicks(setup.username, "ThuHa")
    click(qtbot, setup.next_button)
    press_pin(qtbot, setup.pad, "1111")  # too easy: refused on the spot
    assert "quá dễ đoán" in setup.error.text() and setup.index == 2
    press_pin(qtbot, setup.pad, "2580")
    press_pin(qtbot, setup.pad, "2581")  # not the same: choose again
    assert setup.index == 2 and "không giống nhau" in setup.error.text()
    press_pin(qtbot, setup.pad, "2580")
    press_pin(qtbot, setup.pad, "2580")

    console = wait_for_console(qtbot, window)
    assert console.ctx.user.display_name == "Lê Thị Thu Hà"
    assert console.ctx.user.role is StaffRole.ADMIN
    assert [m.username for m in staff.list_users(window.station.db)] == ["thuha"]
    assert staff.authenticate(window.station.db, "thuha", "2580").role is StaffRole.ADMIN


def test_setup_says_what_is_wrong_with_the_name_and_back_closes(qtbot, make_window, touch):
    window = make_window()
    login = open_sign_in(qtbot, window)
    click(qtbot, login.setup.next_button)
    assert login.setup.error.text() == "Anh/chị chưa nhập họ và tên."
    touch(window, "setup_back")
    assert window.current_screen() is window.welcome
    assert not staff.has_staff(window.station.db)


# --- signing in -----------------------------------------------------------------------


def test_the_right_pin_on_the_pad_signs_in(qtbot, with_staff, touch):
    window, admin, member = with_staff
    login = open_sign_in(qtbot, window)
    names = {b.objectName() for b in login.names_host.findChildren(type(login.pad.keys["1"]))}
    assert names == {f"login_user_{admin.id}", f"login_user_{member.id}"}
    touch(window, f"login_user_{member.id}")
    assert login.hello.text() == "Xin chào, Trần Văn Bình"
    assert login.initial_focus is login.pad
    press_pin(qtbot, login.pad, "509", ok=False)
    assert login.pad.dots.text() == "● ● ●"  # dots, never the digits
    assert not login.pad.keys["ok"].isEnabled()  # four digits at least
    press_pin(qtbot, login.pad, "3")
    console = wait_for_console(qtbot, window)
    assert console.ctx.user == member.info


def test_a_wrong_pin_says_how_many_tries_are_left_and_the_keyboard_works(
        qtbot, with_staff, touch):
    window, admin, _member = with_staff
    login = open_sign_in(qtbot, window)
    touch(window, f"login_user_{admin.id}")
    qtbot.keyClicks(login.pad, "9999")  # the physical keyboard's digits and Enter
    qtbot.keyClick(login.pad, Qt.Key.Key_Return)
    wait_for_message(qtbot, login, "còn 4 lần thử")
    assert login.message.property("role") == "error"
    assert login.pad.length == 0 and login.pad.isEnabled()
    qtbot.keyClicks(login.pad, "25800")
    qtbot.keyClick(login.pad, Qt.Key.Key_Backspace)
    qtbot.keyClick(login.pad, Qt.Key.Key_Enter)
    assert wait_for_console(qtbot, window).ctx.user == admin


def test_the_fifth_wrong_pin_locks_the_pad_with_the_time(qtbot, with_staff, touch):
    window, _admin, member = with_staff
    login = open_sign_in(qtbot, window)
    touch(window, f"login_user_{member.id}")
    for tries_left in (4, 3, 2, 1):
        press_pin(qtbot, login.pad, "0000")
        wait_for_message(qtbot, login, f"còn {tries_left} lần thử")
    press_pin(qtbot, login.pad, "0000")
    wait_for_message(qtbot, login, "bị khóa 5 phút")
    until = staff.get_user(window.station.db, member.id).locked_until
    assert staff.local_time(until) in login.message.text()
    assert not login.pad.isEnabled()
    # Coming back to the name later still finds the account locked, the pad off.
    touch(window, "login_back")
    touch(window, f"login_user_{member.id}")
    assert "bị khóa đến " + staff.local_time(until) in login.message.text()
    assert not login.pad.isEnabled()
    actions = [e.action for e in staff.audit_entries(window.station.db, limit=6)]
    assert actions[:2] == ["login.locked", "login.failed"]


def test_an_account_deactivated_meanwhile_is_refused_with_a_reason(qtbot, with_staff, touch):
    window, admin, member = with_staff
    login = open_sign_in(qtbot, window)
    touch(window, f"login_user_{member.id}")
    staff.deactivate(window.station.db, admin, member.id)
    press_pin(qtbot, login.pad, "5093")
    wait_for_message(qtbot, login, "ngừng sử dụng")
    assert isinstance(window.current_screen(), LoginScreen)


def test_back_returns_to_the_names_then_to_the_welcome_screen(qtbot, with_staff, touch):
    window, admin, _member = with_staff
    login = open_sign_in(qtbot, window)
    touch(window, f"login_user_{admin.id}")
    press_pin(qtbot, login.pad, "25", ok=False)
    touch(window, "login_back")
    assert login.pages.currentWidget() is login.names_page and login.pad.length == 0
    touch(window, "login_close")
    assert window.current_screen() is window.welcome


def test_the_pin_is_checked_off_the_ui_thread(qtbot, with_staff, touch, monkeypatch):
    import threading

    window, admin, _member = with_staff
    checked_in = []
    real = staff.authenticate

    def watched(*args, **kwargs):
        checked_in.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(staff, "authenticate", watched)
    login = open_sign_in(qtbot, window)
    touch(window, f"login_user_{admin.id}")
    press_pin(qtbot, login.pad, "2580")
    assert login.message.text() == "Đang kiểm tra…" and not login.pad.isEnabled()
    wait_for_console(qtbot, window)
    assert checked_in and checked_in[0] is not threading.main_thread()


def test_the_pad_comes_back_when_the_lock_passes(qtbot, with_staff, touch):
    import sqlite3

    window, _admin, member = with_staff
    soon = (datetime.now(UTC) + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(window.station.db.kw["bind"].url.database) as raw:
        raw.execute("update staff_users set locked_until = ? where id = ?", (soon, member.id))
    login = open_sign_in(qtbot, window)
    touch(window, f"login_user_{member.id}")
    assert "bị khóa đến" in login.message.text() and not login.pad.isEnabled()
    qtbot.waitUntil(login.pad.isEnabled, timeout=4000)
    assert login.message.text() == "Đã hết thời gian khóa. Anh/chị nhập mã PIN rồi chạm OK."


def test_a_sign_in_left_alone_goes_back_to_the_welcome_screen(qtbot, with_staff):
    window, _admin, _member = with_staff
    login = open_sign_in(qtbot, window)
    assert login._idle.interval() == 120_000
    login._idle.start(100)  # the same timer, shorter
    qtbot.waitUntil(lambda: window.current_screen() is window.welcome, timeout=3000)


# --- the hidden gesture ---------------------------------------------------------------


@pytest.fixture
def welcome(qtbot):
    from ui.screens.welcome import WelcomeScreen

    screen = WelcomeScreen("Phường Châu Đốc", "Tỉnh An Giang")
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_holding_the_commune_name_asks_for_the_sign_in(qtbot, welcome):
    assert welcome.staff_gesture.HOLD_MS == 3000
    welcome.staff_gesture.hold_ms = 300  # the same timer, shorter, for a fast test
    with qtbot.assertNotEmitted(welcome.staff_requested, wait=500):
        qtbot.mouseClick(welcome.commune, Qt.MouseButton.LeftButton)  # a tap, released
    with qtbot.waitSignal(welcome.staff_requested, timeout=2000):
        qtbot.mousePress(welcome.commune, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(welcome.commune, Qt.MouseButton.LeftButton)


def test_five_quick_taps_on_the_title_ask_for_the_sign_in(qtbot, welcome):
    now = [100.0]
    welcome.staff_gesture.clock = lambda: now[0]
    with qtbot.assertNotEmitted(welcome.staff_requested):
        for _ in range(4):
            qtbot.mouseClick(welcome.hero, Qt.MouseButton.LeftButton)
            now[0] += 0.9
        now[0] += 0.5  # the fifth tap comes 4.1 s after the first: too slow
        qtbot.mouseClick(welcome.hero, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(welcome.staff_requested, timeout=1000):
        for _ in range(5):
            now[0] += 0.4
            qtbot.mouseClick(welcome.hero, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_the_new_and_returning_buttons_do_not_count_as_taps(qtbot, welcome):
    welcome.set_ready(True)
    with qtbot.assertNotEmitted(welcome.staff_requested):
        for _ in range(5):
            qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)


def test_the_gesture_opens_the_staff_sign_in(qtbot, make_window):
    window = make_window()
    now = [0.0]
    window.welcome.staff_gesture.clock = lambda: now[0]
    for _ in range(5):
        now[0] += 0.3
        qtbot.mouseClick(window.welcome.commune, Qt.MouseButton.LeftButton)
    assert isinstance(window.current_screen(), LoginScreen)


# --- roles ----------------------------------------------------------------------------

def test_each_role_sees_exactly_its_pages(console_as):
    from ui.console.window import PAGES

    window = None
    for role, hidden in ((StaffRole.ADMIN, set()),
                         (StaffRole.STAFF, {"settings", "staff", "audit"}),
                         (StaffRole.TEAM_MEMBER, {"settings", "staff", "audit"})):
        window, console = console_as(role, window=window)
        assert list(console.buttons) == [p.key for p in PAGES if p.key not in hidden], role
        for key in hidden:
            assert console.open_page(key) is None


# --- the staff page -------------------------------------------------------------------


def shown_text(widget) -> str:
    return "\n".join(w.text() for w in widget.findChildren(QLabel) if w.isVisible())


@pytest.fixture
def staff_page(qtbot, make_window):
    """The admin's console on the staff page, with one team member besides the admin."""
    window = make_window()
    db = window.station.db
    admin = staff.setup_admin(db, "Lê Thị Thu Hà", "thuha", "2580")
    member = staff.create_user(db, admin, "Trần Văn Bình", "binh", StaffRole.TEAM_MEMBER,
                               "5093")
    console = window.open_console(admin, "staff")
    page = console.current_page()
    return window, page, admin, member


def wait_said(qtbot, page, text: str) -> None:
    qtbot.waitUntil(lambda: text in page.message.text(), timeout=5000)


def test_the_admin_adds_a_staff_member(qtbot, staff_page):
    window, page, _admin, _member = staff_page
    click(qtbot, page.add_button)
    assert page.panel.currentWidget() is page.add_form
    page.new_name.insert("Phạm Thị Mai")  # as typed, with its accents
    assert page.new_username.text() == "phamthimai"
    page.new_role.setCurrentIndex(page.new_role.findData(StaffRole.STAFF))
    qtbot.keyClicks(page.new_pin, "24a68")  # the field takes digits only
    qtbot.keyClicks(page.new_pin_again, "2469")
    click(qtbot, page.findChild(type(page.add_button), "staff_add_save"))
    assert page.message.text() == "Hai lần nhập mã PIN không giống nhau."
    page.new_pin_again.clear()
    qtbot.keyClicks(page.new_pin_again, "2468")
    click(qtbot, page.findChild(type(page.add_button), "staff_add_save"))
    wait_said(qtbot, page, "Phạm Thị Mai đã đăng nhập được với vai trò")
    added = next(m for m in staff.list_users(window.station.db) if m.username == "phamthimai")
    assert added.role is StaffRole.STAFF
    assert staff.authenticate(window.station.db, added.id, "2468").role is StaffRole.STAFF
    assert page.chosen().id == added.id and page.panel.currentWidget() is page.details


def test_a_guessable_pin_or_a_taken_username_keeps_the_form_open(qtbot, staff_page):
    window, page, _admin, _member = staff_page
    click(qtbot, page.add_button)
    page.new_name.insert("Trần Văn Bình")
    page.new_username.setText("binh")
    for edit in (page.new_pin, page.new_pin_again):
        qtbot.keyClicks(edit, "1234")
    click(qtbot, page.findChild(type(page.add_button), "staff_add_save"))
    wait_said(qtbot, page, "quá dễ đoán")
    assert page.panel.currentWidget() is page.add_form
    for edit in (page.new_pin, page.new_pin_again):
        edit.clear()
        qtbot.keyClicks(edit, "2468")
    click(qtbot, page.findChild(type(page.add_button), "staff_add_save"))
    wait_said(qtbot, page, "“binh” đã có người dùng")
    assert len(staff.list_users(window.station.db)) == 2


def test_the_last_admin_cannot_be_demoted_and_a_role_can_change(qtbot, staff_page, touch):
    window, page, admin, member = staff_page
    page.choose(admin.id)
    touch(window, "staff_change_role")
    page.role_choice.setCurrentIndex(page.role_choice.findData(StaffRole.STAFF))
    touch(window, "staff_role_save")
    assert "quản trị viên cuối cùng" in page.message.text()
    assert page.message.property("role") == "error"
    assert staff.get_user(window.station.db, admin.id).role is StaffRole.ADMIN

    page.choose(member.id)
    touch(window, "staff_change_role")
    page.role_choice.setCurrentIndex(page.role_choice.findData(StaffRole.STAFF))
    touch(window, "staff_role_save")
    assert staff.get_user(window.station.db, member.id).role is StaffRole.STAFF
    from ui.console.window import role_name

    shown = page.model.data(page.model.index(page.model.row_of(member.id), page.model.ROLE))
    assert shown == role_name(StaffRole.STAFF)


def test_stopping_an_account_asks_first_and_it_can_no_longer_sign_in(qtbot, staff_page, touch):
    window, page, _admin, member = staff_page
    page.choose(member.id)
    touch(window, "staff_deactivate")
    assert "Ngừng tài khoản của Trần Văn Bình?" in page.question.text()
    touch(window, "staff_confirm_no")  # changed their mind: nothing happens
    assert staff.get_user(window.station.db, member.id).active
    touch(window, "staff_deactivate")
    touch(window, "staff_confirm_yes")
    assert not staff.get_user(window.station.db, member.id).active
    row = page.model.row_of(member.id)
    assert page.model.data(page.model.index(row, page.model.STATE)) == "Đã ngừng"
    with pytest.raises(staff.SignInRefused):
        staff.authenticate(window.station.db, member.id, "5093")
    touch(window, "staff_reactivate")
    assert staff.authenticate(window.station.db, member.id, "5093").id == member.id


def test_a_reset_pin_replaces_the_old_one_and_lifts_the_lock(qtbot, staff_page, touch):
    window, page, _admin, member = staff_page
    db = window.station.db
    for _ in range(5):
        with pytest.raises(staff.SignInRefused):
            staff.authenticate(db, member.id, "0000")
    page.refresh()
    page.choose(member.id)
    state = page.model.data(page.model.index(page.model.row_of(member.id), page.model.STATE))
    assert state.startswith("Bị khóa đến ")
    touch(window, "staff_reset_pin")
    qtbot.keyClicks(page.reset_pin_edit, "8642")
    qtbot.keyClicks(page.reset_pin_again, "8642")
    touch(window, "staff_pin_save")
    wait_said(qtbot, page, "Đã đổi mã PIN của Trần Văn Bình.")
    assert staff.authenticate(db, member.id, "8642").id == member.id
    with pytest.raises(staff.SignInRefused):
        staff.authenticate(db, member.id, "5093")


# --- the audit page -------------------------------------------------------------------


def test_the_audit_page_shows_sign_ins_and_staff_changes_in_words(qtbot, with_staff):
    window, admin, member = with_staff
    db = window.station.db
    staff.change_role(db, admin, member.id, StaffRole.STAFF)
    with pytest.raises(staff.SignInRefused):
        staff.authenticate(db, member.id, "0000")
    staff.authenticate(db, member.id, "5093")
    console = window.open_console(admin, "audit")
    page = console.current_page()
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=5000)
    rows = [[page.model.data(page.model.index(r, c)) for c in range(4)]
            for r in range(page.model.rowCount())]
    assert [r[1:3] for r in rows[:4]] == [
        ["Trần Văn Bình", "Đăng nhập"], ["Trần Văn Bình", "Nhập sai mã PIN"],
        ["Lê Thị Thu Hà", "Đổi vai trò"], ["Lê Thị Thu Hà", "Thêm cán bộ"]]
    from ui.console.window import role_name

    assert rows[2][3].startswith("tên đăng nhập: binh; ")
    assert f"trước: {role_name(StaffRole.TEAM_MEMBER)}; sau: {role_name(StaffRole.STAFF)}" \
        in rows[2][3]
    assert page.count.text() == f"{len(rows)} mục, mới nhất ở trên."

    page.kind.setCurrentIndex(page.kind.findData("login"))
    qtbot.waitUntil(lambda: page.model.total == 3, timeout=5000)
    assert [e.action for e in page.model.entries] == ["login.ok", "login.failed",
                                                      "login.ok"]  # the last: at setup
    # A day with no entries: the page says so.
    page.since.setDate(page.since.date().addDays(-400))
    page.until.setDate(page.since.date().addDays(1))
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=5000)
    assert page.count.text() == "Không có mục nào trong những ngày này thuộc loại này."


def test_the_audit_table_loads_more_as_it_is_scrolled(qtbot, with_staff):
    import sqlite3

    window, admin, _member = with_staff
    from kiosk.db.engine import make_engine  # noqa: F401  (the same file as the kiosk's)

    url = window.station.db.kw["bind"].url
    now = datetime.now(UTC)
    with sqlite3.connect(url.database) as raw:
        raw.executemany(
            "insert into audit_log (staff_user_id, action, detail, at) values (?, ?, ?, ?)",
            [(admin.id, "resident.edit", f'{{"resident_id": {i}}}',
              (now - timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S.%f"))
             for i in range(1000)])
    console = window.open_console(admin, "audit")
    page = console.current_page()
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=5000)
    assert page.model.total >= 1000
    assert page.model.rowCount() == 200  # one page, not the whole log
    bar = page.table.verticalScrollBar()
    for pages in (2, 3):
        bar.setValue(bar.maximum())  # the view asks for more near the end
        qtbot.waitUntil(lambda pages=pages: page.model.rowCount() == 200 * pages,
                        timeout=5000)
    ids = [e.id for e in page.model.entries]
    assert len(set(ids)) == len(ids)  # no entry twice
    assert [e.at for e in page.model.entries] == sorted(
        (e.at for e in page.model.entries), reverse=True)


def test_staff_shortcuts_wait_while_a_group_session_is_on_screen(qtbot, make_window):
    """A projector showing a session must not switch to the PIN pad in front of the room;
    the session's own controls end it first."""
    from ui.modes import Mode

    window = make_window()
    window.modes.enter(Mode.PRESENTER)
    window.show_console()
    assert not isinstance(window.current_screen(), LoginScreen)
    window.modes.enter(Mode.KIOSK)
    window.show_console()
    assert isinstance(window.current_screen(), LoginScreen)
