"""The console's settings page driven as an admin would: real widgets, a real SQLite file
and a real settings file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from kiosk import residents, settings
from kiosk.db.models import StaffRole


def write_png(path: Path) -> bytes:
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#0B6E4F"))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


@pytest.fixture(autouse=True)
def delete_closed_windows():
    """Delete the windows pytest-qt closed, now: left for a later event loop they pile
    up, and every new window's style sheet restyles them all."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def settings_page(console_as):
    window, console = console_as(StaffRole.ADMIN, page="settings")
    return window, console.current_page()


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_text(widget, text: str) -> None:
    """Type as a keyboard with Vietnamese input does: one key event per letter, carrying
    the letter (QTest's keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for letter in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     letter))


def type_into(qtbot, edit, text: str) -> None:
    """Replace what the field holds, as select-all and typing does."""
    edit.selectAll()
    edit.del_()
    type_text(edit, text)


def answer_next_question(yes: bool) -> QTimer:
    """Click the confirmation's yes (or cancel) button as soon as it is shown."""
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            timer.stop()
            name = "settings_confirm_yes" if yes else "settings_confirm_no"
            box.findChild(QPushButton, name).click()

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_saving_one_setting_writes_the_file_that_the_kiosk_reads(qtbot, settings_page):
    _window, page = settings_page
    page.show_section("kiosk")
    idle = page.kiosk.fields["idle_timeout"].widget
    assert idle.text() == "180"
    type_into(qtbot, idle, "240")
    click(qtbot, page.kiosk.save_button)
    assert settings.load().idle_timeout == 240
    assert page.kiosk.status.isVisible()
    assert not page.kiosk.fields["idle_timeout"].error.isVisible()
    text = settings.config_file().read_text(encoding="utf-8")
    assert "idle_timeout = 240" in text and "commune_name" not in text


def test_a_bad_idle_timeout_is_refused_beside_the_field_and_nothing_is_saved(
        qtbot, settings_page):
    _window, page = settings_page
    page.show_section("kiosk")
    form = page.kiosk
    form.fields["text_size"].widget.setCurrentIndex(
        form.fields["text_size"].widget.findData("huge"))
    type_into(qtbot, form.fields["idle_timeout"].widget, "10")
    click(qtbot, form.save_button)
    error = form.fields["idle_timeout"].error
    assert error.isVisible() and "30 đến 3600" in error.text()
    assert not settings.config_file().exists()  # not even the good text size
    type_into(qtbot, form.fields["idle_timeout"].widget, "90")
    click(qtbot, form.save_button)
    assert not error.isVisible()
    again = settings.load()
    assert (again.idle_timeout, again.text_size) == (90, "huge")


def test_the_commune_name_cannot_be_emptied(qtbot, settings_page):
    _window, page = settings_page
    page.show_section("commune")
    type_into(qtbot, page.commune.fields["commune_name"].widget, "   ")
    click(qtbot, page.commune.save_button)
    assert page.commune.fields["commune_name"].error.isVisible()
    assert settings.load().commune_name == "Phường Châu Đốc"


def test_a_logo_is_previewed_refused_when_not_an_image_and_copied_in_when_saved(
        qtbot, settings_page, tmp_path, monkeypatch):
    window, page = settings_page
    page.show_section("commune")
    chosen = {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(chosen["path"]), ""))
    not_image = tmp_path / "logo.png"
    not_image.write_text("không phải ảnh", encoding="utf-8")
    chosen["path"] = not_image
    click(qtbot, page.commune.findChild(QPushButton, "logo_choose"))
    assert page.commune.fields["logo_path"].error.isVisible()
    assert page.commune.logo_preview.pixmap().isNull()

    usb = tmp_path / "usb"
    usb.mkdir()
    chosen["path"] = usb / "logo-xa.png"
    png = write_png(chosen["path"])
    click(qtbot, page.commune.findChild(QPushButton, "logo_choose"))
    assert not page.commune.fields["logo_path"].error.isVisible()
    assert not page.commune.logo_preview.pixmap().isNull()
    click(qtbot, page.commune.save_button)
    saved = Path(settings.load().logo_path)
    assert saved == window.station.config.data_dir / "logo.png"
    assert saved.read_bytes() == png


def test_adding_a_hamlet_offers_it_at_registration_and_a_duplicate_is_refused(
        qtbot, settings_page):
    window, page = settings_page
    page.show_section("hamlets")
    editor = page.hamlets
    before = editor.model.rowCount()
    click(qtbot, editor.new_button)
    type_text(editor.name, "Ấp Mỹ Hòa Hưng")
    type_text(editor.population, "1.250")
    type_text(editor.households, "310")
    page.refresh()  # staff looked at another page meanwhile: what they typed stays
    assert editor.name.text() == "Ấp Mỹ Hòa Hưng"
    click(qtbot, editor.save_button)
    assert editor.model.rowCount() == before + 1
    added = editor.model.rows[-1]
    assert (added.name, added.population, added.households) == ("Ấp Mỹ Hòa Hưng", 1250, 310)
    assert editor.selected == added  # shown in the form, ready for more edits
    assert "Ấp Mỹ Hòa Hưng" in [h.name for h in residents.list_hamlets(window.station.db)]

    click(qtbot, editor.new_button)
    type_text(editor.name, "ap my hoa hung")
    click(qtbot, editor.save_button)
    assert editor.errors["name"].isVisible() and "Ấp Mỹ Hòa Hưng" in editor.errors["name"].text()
    assert editor.model.rowCount() == before + 1
    assert editor.name.text() == "ap my hoa hung"  # what was typed is kept to correct


def test_a_hamlet_with_residents_can_be_hidden_but_not_deleted(qtbot, settings_page):
    window, page = settings_page
    page.show_section("hamlets")
    editor = page.hamlets
    first = residents.list_hamlets(window.station.db)[0]
    residents.register(window.station.db, full_name="Lê Văn Tám", birth_year=1950,
                       hamlet_id=first.id, consent_given=True)
    editor.refresh(select=first.id)
    assert not editor.delete_button.isEnabled()
    click(qtbot, editor.hide_button)
    assert first.id not in [h.id for h in residents.list_hamlets(window.station.db)]
    assert "(" in editor.model.data(editor.model.index(0, 0))  # marked hidden in the list


def test_back_up_then_restore_from_the_page(qtbot, settings_page):
    window, page = settings_page
    page.show_section("backup")
    db = window.station.db
    hamlet = residents.list_hamlets(db)[0].id
    residents.register(db, full_name="Nguyễn Thị Ánh", birth_year=1960, hamlet_id=hamlet,
                       consent_given=True)
    panel = page.backup
    click(qtbot, panel.backup_now)
    qtbot.waitUntil(lambda: not panel.work.busy and panel.model.rowCount() == 1,
                    timeout=10_000)
    residents.register(db, full_name="Trần Văn Sau", birth_year=1961, hamlet_id=hamlet,
                       consent_given=True)

    panel.table.selectRow(0)
    timer = answer_next_question(yes=False)
    click(qtbot, panel.restore_selected)
    qtbot.waitUntil(lambda: not panel.work.busy and panel.status.isVisible(), timeout=10_000)
    timer.stop()
    assert len(_names(db)) == 2

    timer = answer_next_question(yes=True)
    click(qtbot, panel.restore_selected)
    qtbot.waitUntil(lambda: len(_names(db)) == 1 and not panel.work.busy, timeout=10_000)
    timer.stop()
    assert _names(db) == ["Nguyễn Thị Ánh"]
    assert panel.model.rowCount() == 2  # the backup and the data it replaced
    assert any(b.before_restore for b in panel.model.backups)


def _names(db) -> list[str]:
    from sqlalchemy import select

    from kiosk.db.models import Resident

    with db() as session:
        return sorted(session.scalars(select(Resident.full_name)))


def test_a_lesson_pack_with_an_error_shows_it_and_replaces_only_when_accepted(
        qtbot, settings_page, tmp_path):
    window, page = settings_page
    page.show_section("lessons")
    panel = page.lessons
    pack = tmp_path / "goi"
    (pack / "safety").mkdir(parents=True)
    (pack / "safety" / "ok.yaml").write_text(
        "id: safety.ok\nskill: safety\ntitle: Bài tốt\nminutes: 3\nsteps:\n"
        "  - kind: choice\n    prompt: Bà con làm gì?\n    options:\n"
        "      - text: Cúp máy\n        correct: true\n      - text: Đọc mã\n",
        encoding="utf-8")
    (pack / "safety" / "hong.yaml").write_text(
        "id: safety.hong\nskill: safety\ntitle: Bài hỏng\nminutes: 3\nsteps: []\n",
        encoding="utf-8")
    panel.check(pack)
    qtbot.waitUntil(lambda: panel.report.isVisible(), timeout=10_000)
    problems = panel.problems.text().splitlines()
    assert problems and all(p.startswith("• safety/hong.yaml:") for p in problems)
    assert not panel.replace_button.isEnabled()
    assert not (window.station.config.data_dir / "lessons").exists()

    qtbot.mouseClick(panel.accept, Qt.MouseButton.LeftButton,  # on its box, left
                     pos=QPoint(14, panel.accept.height() // 2))
    assert panel.accept.isChecked()
    click(qtbot, panel.replace_button)
    imported = window.station.config.data_dir / "lessons"
    assert settings.load().lessons_dir == imported
    assert sorted(p.name for p in imported.rglob("*.yaml")) == ["hong.yaml", "ok.yaml"]
    assert panel.undo_button.isVisible()


def test_commune_staff_do_not_see_the_settings(console_as):
    window, console = console_as(StaffRole.STAFF)
    assert "settings" not in console.buttons
    assert console.open_page("settings") is None
    _window2, member_console = console_as(StaffRole.TEAM_MEMBER, window=window)
    assert "settings" not in member_console.buttons


def test_a_kiosk_on_a_shared_server_is_told_to_use_the_servers_tools(qtbot, isolated_settings):
    from types import SimpleNamespace

    from PySide6.QtWidgets import QLabel

    from kiosk.staff import StaffUserInfo
    from ui.console.backup_panel import BackupPanel
    from ui.console.context import ConsoleContext

    config = settings.load().replace(database_url="postgresql+psycopg://kiosk@db/kiosk")
    admin = StaffUserInfo(1, "admin", "Quản trị", StaffRole.ADMIN)
    panel = BackupPanel(ConsoleContext(SimpleNamespace(config=config, db=None), admin))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.findChildren(QPushButton) == []
    note = panel.findChild(QLabel, "backup_server_note")
    assert note is not None and "pg_dump" in note.text()
