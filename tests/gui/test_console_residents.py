"""The residents page of the staff console, driven as staff use it: typing a search,
opening a record, editing, merging, exporting and erasing, each as the role allows."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from kiosk import people, progress, residents
from kiosk.db.models import StaffRole
from kiosk.skills import Skill
from ui.console.residents import search as search_module

NAME = "Nguyễn Thị Ánh"


def register(window, name: str = NAME, year: int = 1958, hamlet: int = 2,
             phone: str = "") -> residents.ResidentInfo:
    db = window.station.db
    return residents.register(db, full_name=name, birth_year=year,
                              hamlet_id=residents.list_hamlets(db)[hamlet].id, phone=phone,
                              consent_given=True)


def shown_names(page) -> list[str]:
    return [row.full_name for row in page.search.model.records()]


def type_query(qtbot, page, text: str) -> None:
    field = page.search.field
    field.clear()
    qtbot.keyClicks(field, text)


def buttons(widget, name: str) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton, name) if b.isVisible()]


def click(qtbot, widget, name: str) -> None:
    found = buttons(widget, name)
    assert found, f"no visible button {name!r}"
    assert found[0].isEnabled(), f"button {name!r} is disabled"
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


@pytest.fixture
def page_as(console_as):
    def open_page(role: StaffRole = StaffRole.STAFF):
        window, console = console_as(role, page="residents")
        page = console.current_page()
        assert type(page).__name__ == "ResidentsPage"
        return window, console, page

    return open_page


def test_the_page_answers_a_typed_query_without_accents(qtbot, page_as):
    window, _console, page = page_as()
    register(window, "Trần Văn Bảy", 1950)
    register(window, "Lê Nguyễn Thị Ánh", 1970)
    register(window)
    type_query(qtbot, page, "nguyen thi anh")
    qtbot.waitUntil(lambda: shown_names(page) == [NAME, "Lê Nguyễn Thị Ánh"])
    assert "2" in page.search.status.text()
    type_query(qtbot, page, "bay 1950")
    qtbot.waitUntil(lambda: shown_names(page) == ["Trần Văn Bảy"])
    type_query(qtbot, page, "xyz")
    qtbot.waitUntil(lambda: shown_names(page) == [])
    assert page.search.status.text()  # says nobody was found


def test_a_late_answer_never_replaces_a_newer_one(qtbot, page_as, monkeypatch):
    window, _console, page = page_as()
    register(window, "Nguyễn Văn An", 1956)
    register(window)
    release = threading.Event()
    real = people.search

    def slow_for_nguyen(db, text, **kwargs):
        if text == "nguyen":
            release.wait(5)
        return real(db, text, **kwargs)

    monkeypatch.setattr(search_module.people, "search", slow_for_nguyen)
    type_query(qtbot, page, "nguyen")
    qtbot.wait(search_module.DEBOUNCE_MS + 100)  # "nguyen" is asked, and hangs
    qtbot.keyClicks(page.search.field, " thi")
    qtbot.waitUntil(lambda: shown_names(page) == [NAME])
    with qtbot.waitSignal(page.search.answered, timeout=200, raising=False) as late:
        release.set()
    assert not late.signal_triggered  # the stale answer was dropped
    qtbot.wait(100)
    assert shown_names(page) == [NAME]


def test_choosing_a_row_opens_the_record_with_progress(qtbot, page_as):
    window, _console, page = page_as()
    resident = register(window)
    lesson = window.station.lessons(Skill.SAFETY)[0]
    progress.finish_step(window.station.db, resident.id, lesson, 0)
    type_query(qtbot, page, "anh")
    qtbot.waitUntil(lambda: page.search.model.rowCount() == 1)
    table = page.search.table
    rect = table.visualRect(page.search.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.stack.currentWidget() is page.view
    assert page.view.name.text() == NAME
    assert resident.code_display in page.view.details.text()
    safety = next(line for line in page.view.profile.skills if line.skill is Skill.SAFETY)
    assert safety.lessons[0].state == "in_progress"
    click(qtbot, page.view, "resident_back")
    assert page.stack.currentWidget() is page.finder


def test_a_scanned_code_and_enter_open_the_resident(qtbot, page_as):
    window, _console, page = page_as()
    register(window, "Nguyễn Văn An", 1956)
    resident = register(window)
    code = resident.learner_code
    qtbot.keyClicks(page.search.field, f"{code[:3].lower()} {code[3:].lower()}")
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)
    assert page.resident_id == resident.id


def test_a_team_member_sees_the_record_but_no_changing_action(qtbot, page_as):
    window, _console, page = page_as(StaffRole.TEAM_MEMBER)
    resident = register(window)
    assert page.show_resident(resident.id)
    for name in ("resident_edit", "resident_merge", "resident_export", "resident_erase"):
        assert page.view.findChildren(QPushButton, name) == [], name
    assert buttons(page.view, "resident_certificates")
    assert page.erase is None and page.merge is None and page.edit is None


def test_editing_saves_and_search_finds_the_new_name(qtbot, page_as):
    window, _console, page = page_as()
    resident = register(window, "Nguyen Thi Anh")
    page.show_resident(resident.id)
    click(qtbot, page.view, "resident_edit")
    page.edit.year.clear()
    qtbot.keyClicks(page.edit.year, "19x8")
    click(qtbot, page.edit, "edit_save")
    assert page.edit.error.isVisible() and "1958" in page.edit.error.text()
    assert page.stack.currentWidget() is page.edit  # nothing lost
    page.edit.year.setText("1959")
    page.edit.name.setText("Phạm Thị Ánh Hồng")
    click(qtbot, page.edit, "edit_save")
    assert page.stack.currentWidget() is page.view
    assert page.view.name.text() == "Phạm Thị Ánh Hồng"
    assert page.view.notice.isVisible()
    click(qtbot, page.view, "resident_back")
    type_query(qtbot, page, "pham hong 1959")
    qtbot.waitUntil(lambda: shown_names(page) == ["Phạm Thị Ánh Hồng"])


def test_merging_shows_both_side_by_side_and_keeps_the_chosen_one(qtbot, page_as):
    window, _console, page = page_as()
    first = register(window, NAME, 1958, hamlet=2)
    second = register(window, "nguyen thi anh", 1958, hamlet=5, phone="0912345678")
    lesson = window.station.lessons(Skill.SAFETY)[0]
    progress.finish_step(window.station.db, second.id, lesson, 0)
    page.show_resident(first.id)
    click(qtbot, page.view, f"resident_merge_{second.id}")  # offered as a duplicate
    assert page.stack.currentWidget() is page.merge
    assert (page.merge.keep.resident.id, page.merge.drop.resident.id) == (first.id, second.id)
    click(qtbot, page.merge, "merge_swap")
    assert page.merge.keep.resident.id == second.id
    click(qtbot, page.merge, "merge_swap")
    with qtbot.waitSignal(page.merge.merged, timeout=10_000):
        click(qtbot, page.merge, "merge_confirm")
    assert page.stack.currentWidget() is page.view
    assert page.resident_id == first.id
    assert residents.get(window.station.db, second.id) is None
    kept = page.view.profile
    assert kept.resident.phone == "0912345678"
    safety = next(line for line in kept.skills if line.skill is Skill.SAFETY)
    assert safety.lessons[0].state == "in_progress"
    assert second.learner_code[:3] in page.view.notice.text()


def test_merging_by_searching_for_the_other_record(qtbot, page_as):
    window, _console, page = page_as()
    first = register(window, NAME, 1958)
    other = register(window, "Nguyễn T. Ánh", 1959)
    page.show_resident(first.id)
    click(qtbot, page.view, "resident_merge")
    field = page.merge.search.field
    field.clear()
    qtbot.keyClicks(field, "1959")
    qtbot.waitUntil(lambda: page.merge.search.model.rowCount() == 1)
    page.merge.search.chosen.emit(page.merge.search.model.record(0))
    assert page.merge.drop.resident.id == other.id
    click(qtbot, page.merge, "merge_cancel")
    assert page.stack.currentWidget() is page.view
    assert residents.get(window.station.db, other.id) is not None


def test_erasing_needs_a_reason_and_the_typed_code(qtbot, page_as):
    window, _console, page = page_as()
    resident = register(window, phone="0912345678")
    page.show_resident(resident.id)
    click(qtbot, page.view, "resident_erase")
    confirm = page.erase.confirm
    assert not confirm.isEnabled()
    click(qtbot, page.erase, "erase_reason_0")
    assert not confirm.isEnabled()
    qtbot.keyClicks(page.erase.code, "AAA AAA")
    assert not confirm.isEnabled()
    page.erase.code.clear()
    code = resident.learner_code
    qtbot.keyClicks(page.erase.code, f"{code[:3].lower()} {code[3:].lower()}")
    assert confirm.isEnabled()
    page.erase.reason.setText(f"{NAME} xin xóa")  # the name would stay in the log
    click(qtbot, page.erase, "erase_confirm")
    qtbot.waitUntil(lambda: page.erase.error.isVisible())
    assert residents.get(window.station.db, resident.id) is not None
    click(qtbot, page.erase, "erase_reason_1")
    with qtbot.waitSignal(page.erase.erased, timeout=10_000):
        click(qtbot, page.erase, "erase_confirm")
    assert page.stack.currentWidget() is page.finder
    assert code[:3] in page.notice.text()
    assert residents.get(window.station.db, resident.id) is None


def test_export_saves_the_file_staff_choose(qtbot, page_as, monkeypatch, tmp_path: Path):
    window, _console, page = page_as()
    resident = register(window, phone="0912345678")
    target = tmp_path / "usb" / "xuat.json"
    target.parent.mkdir()
    offered = []

    def choose(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    page.show_resident(resident.id)
    click(qtbot, page.view, "resident_export")
    qtbot.waitUntil(lambda: target.exists() and page.export_operation is None)
    assert Path(offered[0]).name == f"nguoi-hoc-{resident.learner_code}.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["Người học"]["Họ và tên"] == NAME
    assert str(target) in page.view.notice.text()


def test_the_certificates_button_hands_the_resident_over(qtbot, page_as, monkeypatch):
    window, console, page = page_as()
    resident = register(window)
    certificates = console.open_page("certificates")
    asked = []
    monkeypatch.setattr(certificates, "show_resident", asked.append, raising=False)
    console.open_page("residents")
    page.show_resident(resident.id)
    click(qtbot, page.view, "resident_certificates")
    assert console.current_page() is certificates
    assert asked == [resident.id]


def test_possible_duplicates_are_listed_for_staff_to_open(qtbot, page_as):
    window, _console, page = page_as()
    first = register(window, NAME, 1958, hamlet=2)
    second = register(window, "NGUYEN THI ANH", 1958, hamlet=6)
    register(window, NAME, 1960)
    type_query(qtbot, page, "ba")
    with qtbot.waitSignal(page.search.answered, timeout=10_000):
        click(qtbot, page, "residents_duplicates")
    assert [row.id for row in page.search.model.records()] == [first.id, second.id]
    assert page.search.field.text() == ""
    page.search.chosen.emit(page.search.model.record(1))
    assert buttons(page.view, f"resident_merge_{first.id}")


def test_a_team_member_has_no_duplicates_list(page_as):
    _window, _console, page = page_as(StaffRole.TEAM_MEMBER)
    assert page.findChildren(QPushButton, "residents_duplicates") == []
