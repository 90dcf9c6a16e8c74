"""Bad input on the kiosk's own screens: a pasted name of 10,000 characters, control
characters and emoji, a name of invisible characters, markup in names, junk in year and
phone fields, scanned learner codes with junk, and a kiosk started with a broken settings
file or without its lessons folder. Each is said plainly; nothing stored is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk import residents
from kiosk.text import MAX_NAME_LENGTH
from ui.screens.identity import ChooseResidentScreen, CodeScreen, IdentityScreen
from ui.screens.skills import SkillsScreen

MARKUP = "Nguyễn <b>Văn</b> &amp; Tèo <i>"


def start_registration(touch, window) -> IdentityScreen:
    touch(window, "start_new")
    touch(window, "consent_accept")
    screen = window.current_screen()
    assert isinstance(screen, IdentityScreen) and screen.current_index() == 0
    return screen


def finish_registration(touch, window, screen: IdentityScreen, year: str = "1958"):
    """From the year page to the new learner code."""
    screen.year_page.edit.setText(year)
    touch(window, "identity_next")
    touch(window, screen.hamlet_page.group.buttons()[0].objectName())
    touch(window, "identity_next")
    touch(window, "identity_next")  # no phone
    touch(window, "identity_next")  # "Is this right?"
    return window.flow.resident


def error_of(page) -> str:
    return page.error.text() if page.error.isVisible() else ""


def labels_showing(text: str) -> list[QLabel]:
    return [label for top in QApplication.topLevelWidgets() if top.isVisible()
            for label in top.findChildren(QLabel) if text in label.text()
            and label.isVisible()]


def test_a_pasted_name_of_ten_thousand_characters_stops_at_the_limit_and_says_so(
        qtbot, touch, make_window, lessons_dir):
    window = make_window()
    screen = start_registration(touch, window)
    edit = screen.name_page.edit
    QApplication.clipboard().setText("Nguyễn Văn " + "A" * 10_000)
    edit.paste()
    assert len(edit.text()) == MAX_NAME_LENGTH and edit.text().startswith("Nguyễn Văn AAA")
    said = error_of(screen.name_page)
    assert said == screen.message("name", "at_limit") and str(MAX_NAME_LENGTH) in said
    # Typing on stops at the limit too; taking a letter away takes the message away.
    qtbot.keyClicks(edit, "XYZ")
    assert len(edit.text()) == MAX_NAME_LENGTH and "X" not in edit.text()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert error_of(screen.name_page) == ""
    touch(window, "identity_next")
    assert screen.current_index() == 1  # a name of 199 characters is a name
    resident = finish_registration(touch, window, screen)
    stored = residents.get(window.station.db, resident.id).full_name
    assert stored == "Nguyễn Văn " + "A" * (MAX_NAME_LENGTH - 1 - len("Nguyễn Văn "))


@pytest.mark.parametrize("typed", [
    "\u202eLê\x00 Thị\tLan\u200b\x07",
    "Lê Thị 😀 Lan 👍🏽",
], ids=["control-characters", "emoji"])
def test_characters_a_name_cannot_keep_are_taken_out_where_the_resident_sees_it(
        touch, make_window, lessons_dir, typed):
    window = make_window()
    screen = start_registration(touch, window)
    screen.name_page.edit.setText(typed)  # as a scanner or a paste would
    touch(window, "identity_next")
    assert screen.current_index() == 0  # shown first, not taken behind the resident's back
    assert screen.name_page.edit.text() == "Lê Thị Lan"
    assert error_of(screen.name_page) == screen.message("name", "cleaned")
    touch(window, "identity_next")
    assert screen.current_index() == 1
    resident = finish_registration(touch, window, screen)
    assert residents.get(window.station.db, resident.id).full_name == "Lê Thị Lan"


@pytest.mark.parametrize(("typed", "code"), [
    ("\u200b\u200c \u3164\u2800", "empty"), ("   ", "empty"),
    ("1958 - 1959", "no_letters"),
])
def test_a_name_without_letters_is_refused_in_the_form(touch, make_window, lessons_dir,
                                                       typed, code):
    window = make_window()
    screen = start_registration(touch, window)
    screen.name_page.edit.setText(typed)
    touch(window, "identity_next")
    assert screen.current_index() == 0
    assert error_of(screen.name_page) == screen.message("name", code)
    assert window.flow.resident is None


def test_a_message_takes_the_hint_s_place_and_the_screen_stays_720_pixels_tall(
        touch, make_window, lessons_dir):
    window = make_window()
    screen = start_registration(touch, window)
    for index, field, codes in ((0, "name", ("empty", "too_long", "at_limit", "cleaned")),
                                (1, "birth_year", ("invalid", "out_of_range")),
                                (3, "phone", ("invalid",))):
        screen.go_to(index)
        page = screen.pages[index]
        for code in (*codes, ""):
            page.show_error(screen.message(field, code) if code else "")
            assert page.hint.isVisible() == (not code)
            assert page.error.isVisible() == bool(code)
            assert window.minimumSizeHint().height() <= 720, (field, code)
    assert window.height() == 720


def test_year_and_phone_fields_take_digits_only_and_a_landline_fits(
        qtbot, touch, make_window, lessons_dir):
    window = make_window()
    screen = start_registration(touch, window)
    screen.name_page.edit.setText("Trần Văn Bảy")
    touch(window, "identity_next")
    qtbot.keyClicks(screen.year_page.edit, "19a58;")
    screen.year_page.edit.insert("８")  # a full-width digit, as some input methods type
    assert screen.year_page.edit.text() == "1958"
    touch(window, "identity_next")
    touch(window, screen.hamlet_page.group.buttons()[0].objectName())
    touch(window, "identity_next")
    phone = screen.phone_page.edit
    qtbot.keyClicks(phone, "028-3823 45x67")
    assert phone.text() == "02838234567"  # 11 digits: a landline
    touch(window, "identity_next")
    touch(window, "identity_next")
    resident = window.flow.resident
    assert residents.get(window.station.db, resident.id).phone == "02838234567"


def test_markup_in_a_name_is_shown_as_typed_on_every_screen_it_reaches(
        qtbot, touch, make_window, console_as, lessons_dir):
    window = make_window()
    db = window.station.db
    hamlet = residents.list_hamlets(db)[0]
    twins = [residents.register(db, full_name=MARKUP, birth_year=1950, hamlet_id=hamlet.id,
                                consent_given=True) for _ in range(2)]
    touch(window, "start_returning")
    touch(window, "code_by_name")
    find = window.current_screen()
    find.name_page.edit.setText(MARKUP)
    touch(window, "identity_next")
    qtbot.keyClicks(find.year_page.edit, "1950")
    touch(window, "identity_next")
    touch(window, f"hamlet_{hamlet.id}")
    touch(window, "identity_next")
    choose = window.current_screen()
    assert isinstance(choose, ChooseResidentScreen)
    shown = labels_showing(MARKUP)
    assert len(shown) == 2  # one button for each
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)
    touch(window, f"resident_{twins[0].id}")
    skills = window.current_screen()
    assert isinstance(skills, SkillsScreen)
    shown = labels_showing(MARKUP)
    assert shown and all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)
    assert skills.greeting.text().endswith(MARKUP)

    # Staff see it in the console as it was typed too.
    touch(window, "leave")
    _window, console = console_as(window=window, page="residents")
    page = console.current_page()
    qtbot.keyClicks(page.search.field, "nguyen teo")
    qtbot.waitUntil(lambda: [r.full_name for r in page.search.model.records()]
                    == [MARKUP, MARKUP])
    model = page.search.model
    cells = [model.index(row, column).data() for row in range(model.rowCount())
             for column in range(model.columnCount())]
    assert MARKUP in cells
    table = page.search.table
    rect = table.visualRect(model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.stack.currentWidget() is page.view
    assert page.view.name.text() == MARKUP
    shown = labels_showing(MARKUP)
    assert page.view.name in shown
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)


def test_a_learner_code_scanned_with_junk_still_signs_in(qtbot, touch, make_window,
                                                        lessons_dir):
    window = make_window()
    db = window.station.db
    resident = residents.register(db, full_name="Võ Thị Sáu", birth_year=1955,
                                  hamlet_id=residents.list_hamlets(db)[0].id,
                                  consent_given=True)
    code = resident.learner_code
    touch(window, "start_returning")
    screen = window.current_screen()
    assert isinstance(screen, CodeScreen)
    qtbot.keyClicks(screen.edit, "!!HELLO WORLD 12345")
    qtbot.keyClick(screen.edit, Qt.Key.Key_Return)
    assert window.current_screen() is screen
    assert screen.hint.text() == screen.tr(
        "A learner code has %n letters and digits, like the one on your card. Please "
        "type it again.", "", 6)
    screen.edit.clear()
    qtbot.keyClicks(screen.edit, f"  {code[:3].lower()}-{code[3:]}  ")
    qtbot.keyClick(screen.edit, Qt.Key.Key_Return)  # the scanner's Enter
    skills = window.current_screen()
    assert isinstance(skills, SkillsScreen) and skills.greeting.text().endswith("Võ Thị Sáu")


def test_a_broken_settings_file_keeps_the_good_values_and_is_listed_for_staff(
        console_as, isolated_settings, lessons_dir):
    config = Path(isolated_settings.parent / "settings.toml")
    config.write_bytes('commune_name = "Xã Tân Hòa"\nidle_timeout = "sớm"\n'
                       'province_name = "Tỉnh An Gi'.encode())
    window, console = console_as(page="problems")
    assert window.config.commune_name == "Xã Tân Hòa" and window.config.idle_timeout == 180
    assert window.welcome.new_button.isEnabled()
    page = console.current_page()
    listed = [page.list.item(i).text() for i in range(page.list.count())]
    assert any("idle_timeout" in line for line in listed)
    assert any("dòng 3" in line and str(config) in line for line in listed)
    assert config.read_bytes().endswith(b"Gi")  # left as it was for staff to look at


def test_without_its_lessons_folder_the_kiosk_still_runs_and_says_why(
        touch, make_window, console_as, monkeypatch, tmp_path):
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(tmp_path / "usb-stick" / "lessons"))
    window = make_window()
    assert window.welcome.new_button.isEnabled()
    screen = start_registration(touch, window)
    screen.name_page.edit.setText("Trần Văn Bảy")
    touch(window, "identity_next")
    finish_registration(touch, window, screen)
    touch(window, "registered_go")
    assert isinstance(window.current_screen(), SkillsScreen)
    touch(window, "leave")
    _window, console = console_as(window=window, page="problems")
    page = console.current_page()
    listed = [page.list.item(i).text() for i in range(page.list.count())]
    assert len(listed) == 1 and "không tìm thấy thư mục bài học" in listed[0]
    assert "usb-stick" in listed[0]
