"""Settings changed from the console: checked first, written to the file, read back by
kiosk.settings.load, audited; the logo copied into the data folder."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import settings, settings_edit
from kiosk.db.engine import open_database
from kiosk.db.models import AuditEntry, StaffRole, StaffUser
from kiosk.staff import NotAllowed, StaffUserInfo

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def db(isolated_settings):
    factory = open_database(settings.load().effective_database_url, ["Ấp 1"])
    yield factory
    factory.kw["bind"].dispose()


def staff(db, role=StaffRole.ADMIN) -> StaffUserInfo:
    with db.begin() as session:
        row = StaffUser(username=role.value, display_name="Cán bộ", role=role, pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, role)


def audit_log(db):
    with db() as session:
        return [(e.action, json.loads(e.detail)) for e in session.scalars(select(AuditEntry))]


def test_saved_values_are_read_back_by_load_and_only_changes_are_written(db):
    file = settings.config_file()
    admin = staff(db)
    changed = settings_edit.change(db, admin, file, {
        "commune_name": "  Xã Mỹ Hoà Hưng ", "idle_timeout": "240", "text_size": "large",
        "auto_read": True})
    assert changed == ["commune_name", "idle_timeout", "auto_read"]
    again = settings.load()
    assert (again.commune_name, again.idle_timeout, again.auto_read) == \
        ("Xã Mỹ Hoà Hưng", 240, True)
    assert "text_size" not in file.read_text(encoding="utf-8")  # still the default
    assert audit_log(db) == [("settings.change",
                              {"settings": ["commune_name", "idle_timeout", "auto_read"]})]
    assert settings_edit.change(db, admin, file, {"idle_timeout": 240}) == []
    assert len(audit_log(db)) == 1


def test_every_bad_value_is_refused_with_its_reason_and_nothing_is_saved(db):
    file = settings.config_file()
    file.write_text("idle_timeout = 300\n", encoding="utf-8")
    with pytest.raises(settings_edit.InvalidSettings) as refused:
        settings_edit.change(db, staff(db), file, {
            "idle_timeout": "10", "commune_name": "  ", "language": "fr",
            "province_name": "Tỉnh Cà Mau"})
    assert refused.value.errors == {
        "idle_timeout": "Phải nằm trong khoảng 30 đến 3600.",
        "commune_name": "Không được để trống.",
        "language": "Phải là một trong: vi, en."}
    assert file.read_text(encoding="utf-8") == "idle_timeout = 300\n"
    assert audit_log(db) == []


def test_environment_values_are_not_copied_into_the_file(db, monkeypatch):
    monkeypatch.setenv("KIOSK_SIGNER_NAME", "Người Ký Từ Môi Trường")
    file = settings.config_file()
    settings_edit.change(db, staff(db), file, {"province_name": "Tỉnh Cà Mau"})
    assert "signer_name" not in file.read_text(encoding="utf-8")
    assert settings_edit.environment_override("signer_name") == "KIOSK_SIGNER_NAME"
    assert settings_edit.environment_override("province_name") is None


def test_a_team_member_cannot_change_settings(db):
    with pytest.raises(NotAllowed):
        settings_edit.change(db, staff(db, StaffRole.TEAM_MEMBER), settings.config_file(),
                             {"idle_timeout": 60})
    assert not settings.config_file().exists()


def test_the_logo_is_copied_into_the_data_folder_and_survives_the_original_moving(
        tmp_path: Path):
    original = tmp_path / "usb" / "logo xã.png"
    original.parent.mkdir()
    original.write_bytes(PNG)
    installed = settings_edit.install_logo(original, tmp_path / "data")
    original.unlink()
    assert installed == tmp_path / "data" / "logo.png" and installed.read_bytes() == PNG


@pytest.mark.parametrize(("content", "why"), [
    (b"%PDF-1.7 not an image", "không phải ảnh"), (b"", "không phải ảnh")])
def test_a_file_that_is_not_an_image_is_refused_as_logo(tmp_path: Path, content, why):
    bad = tmp_path / "logo.png"
    bad.write_bytes(content)
    with pytest.raises(settings_edit.LogoError) as refused:
        settings_edit.install_logo(bad, tmp_path / "data")
    assert why in str(refused.value)
    assert not (tmp_path / "data" / "logo.png").exists()
