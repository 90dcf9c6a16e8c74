"""Bad input to the core: odd names, phone numbers and learner codes; corrupt settings
files; broken lesson files and folders. Each gets a clear Vietnamese message, and nothing
already stored or written is lost."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from kiosk import demo, residents, settings
from kiosk.db.engine import open_database
from kiosk.demo import DEMO_HAMLETS
from kiosk.text import (
    MAX_MARKS_PER_LETTER,
    MAX_NAME_LENGTH,
    InvalidInput,
    normalize_name,
    normalize_phone,
)


@pytest.fixture
def db(tmp_path: Path):
    return open_database(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}", DEMO_HAMLETS)


def register(db, name: str, phone: str = ""):
    hamlet = residents.list_hamlets(db)[0].id
    return residents.register(db, full_name=name, birth_year=1958, hamlet_id=hamlet,
                              phone=phone, consent_given=True)


def refused(field: str, code: str, call, *args) -> None:
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    assert (caught.value.field, caught.value.code) == (field, code)


# -- Names ------------------------------------------------------------------------------

def test_a_name_of_ten_thousand_characters_is_refused_and_nothing_is_stored(db):
    refused("name", "too_long", register, db, "Nguyễn Văn " + "A" * 10_000)
    kept = register(db, "Trần Thị Bé")
    assert [r.id for r in residents.find(db, full_name="tran thi be", birth_year=1958,
                                         hamlet_id=kept.hamlet_id)] == [kept.id]
    # Exactly the maximum is still a name.
    assert len(normalize_name("Ê" * MAX_NAME_LENGTH)) == MAX_NAME_LENGTH


def test_control_bidi_and_zero_width_characters_are_removed(db):
    typed = "\u202eNguy\x00ễn\u200b Văn\x07\tAn\u200d\ufeff\r\n"
    resident = register(db, typed)
    assert resident.full_name == "Nguyễn Văn An"
    # Found again by the plain name, and a control character inside a word does not
    # split it in two.
    found = residents.find(db, full_name="nguyen van an", birth_year=1958,
                           hamlet_id=resident.hamlet_id)
    assert [r.id for r in found] == [resident.id]


@pytest.mark.parametrize("typed", [
    "   ", "\u200b\u200c\u200d\u2060", "\u3164\u3164", "\u115f \u1160", "\u2800\u2800",
    "\x00\x01\x02", "\u202e\u202d", "\t\n\r",
])
def test_a_name_of_only_invisible_characters_is_refused(db, typed):
    refused("name", "empty", register, db, typed)


def test_emoji_are_dropped_from_a_name_and_a_name_of_only_emoji_is_refused(db):
    resident = register(db, "Lan 😀👍🏽 Anh ❤️ 👨‍👩‍👧")
    assert resident.full_name == "Lan Anh"
    refused("name", "empty", register, db, "😀 ❤️ 🇻🇳 👍🏽")


def test_digits_and_signs_alone_are_no_name(db):
    refused("name", "no_letters", register, db, "12345 - 678")


def test_markup_characters_are_stored_exactly_as_typed(db):
    typed = "Nguyễn <b>Văn</b> &amp; Tèo <script>"
    resident = register(db, typed)
    assert residents.get(db, resident.id).full_name == typed


def test_decomposed_unicode_is_stored_nfc_and_combining_floods_are_cut(db):
    decomposed = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    assert decomposed != "Phạm Thị Ngọc Ánh"
    stored = register(db, decomposed).full_name
    assert stored == "Phạm Thị Ngọc Ánh" and unicodedata.is_normalized("NFC", stored)
    # A zero-width character between a letter and its marks does not keep them apart.
    assert normalize_name("Nguye\u200b\u0302\u0303n") == "Nguyễn"
    zalgo = register(db, "Hoa" + "\u0301\u0300\u0309\u0303\u0323" * 40).full_name
    # NFC may fold one mark into the letter ("ạ"); at most three more stay on it.
    assert zalgo[:2] == "Ho" and len(zalgo) <= 3 + MAX_MARKS_PER_LETTER


# -- Phone numbers, birth years and learner codes ----------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [
    ("0912 345 678", "0912345678"),
    ("+84 912.345.678", "0912345678"),
    ("(028) 3823-4567", "02838234567"),
    ("０９１２３４５６７８", "0912345678"),  # full-width digits from some input methods
    (" \u200b0912345678\n", "0912345678"),
    ("", None),
    ("  \t", None),
])
def test_phone_numbers_typed_with_separators_are_stored_as_digits(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", [
    "0912x45678", "091234567", "091234567890", "٠٩١٢٣٤٥٦٧٨", "0912345678;DROP", "abc",
    "⁰⁹¹²³⁴⁵⁶⁷⁸",
])
def test_phone_numbers_with_junk_are_refused_not_trimmed(db, typed):
    refused("phone", "invalid", register, db, "Lê Văn Tám", typed)
    assert residents.find(db, full_name="le van tam", birth_year=1958,
                          hamlet_id=residents.list_hamlets(db)[0].id) == []


@pytest.mark.parametrize(("typed", "code"), [
    ("19x8", "invalid"), ("", "invalid"), ("1958; --", "invalid"), ("1850", "out_of_range"),
    ("99999", "out_of_range"),
])
def test_birth_years_with_junk_are_refused(typed, code):
    refused("birth_year", code, residents.validate_birth_year, typed)


def test_a_learner_code_scanned_with_junk_and_newlines_is_still_found(db):
    resident = register(db, "Võ Thị Sáu")
    code = resident.learner_code
    for scanned in (f"{code}\r\n", f"  {code[:3]}-{code[3:]}\n", code.lower(),
                    f"\x02{code}\x03"):
        found = residents.find_by_code(db, scanned)
        assert found is not None and found.id == resident.id, scanned
    assert residents.find_by_code(db, "\n\n") is None
    assert residents.find_by_code(db, "x" * 10_000) is None


# -- A corrupt settings file -------------------------------------------------------------

GOOD_SETTINGS = (
    'commune_name = "Xã Tân Hòa"\n'
    "idle_timeout = 300\n"
    'hamlets = ["Ấp 1", "Ấp 2"]\n'
    'text_size = "huge"\n'
    'signer_name = "Nguyễn Văn Bảy"\n'
)


def load_file(tmp_path: Path, content: bytes | str) -> tuple[settings.Settings, Path]:
    file = tmp_path / "settings.toml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    file.write_bytes(content)
    return settings.load(environ={}, file=file), file


def only_defaults(config: settings.Settings) -> bool:
    return all(config.values[s.name] == s.default() for s in settings.DECLARED)


@pytest.mark.parametrize("content", [
    "<html><body>Không phải TOML</body></html>\n",
    "commune_name\n",
    bytes(range(256)) * 40,  # binary junk
    "\x00" * 100,
], ids=["html", "bare-word", "binary", "nul-bytes"])
def test_a_file_that_is_not_toml_gives_the_defaults_says_so_and_is_left_alone(
        tmp_path, content):
    config, file = load_file(tmp_path, content)
    assert only_defaults(config)
    assert len(config.problems) >= 1
    assert any(str(file) in p and ("bị hỏng" in p or "UTF-8" in p) for p in config.problems)
    raw = content.encode("utf-8") if isinstance(content, str) else content
    assert file.read_bytes() == raw  # nothing rewritten behind staff's back


def test_a_half_written_file_keeps_every_value_before_the_torn_end(tmp_path):
    torn = GOOD_SETTINGS + 'province_name = "Tỉnh An Gi'  # the power went off here
    config, _ = load_file(tmp_path, torn)
    assert config.commune_name == "Xã Tân Hòa" and config.idle_timeout == 300
    assert config.hamlets == ("Ấp 1", "Ấp 2") and config.signer_name == "Nguyễn Văn Bảy"
    assert config.province_name == demo.DEMO_PROVINCE
    assert len(config.problems) == 1 and "dòng 6" in config.problems[0]


def test_a_file_torn_inside_a_list_keeps_the_lines_before_the_list(tmp_path):
    config, _ = load_file(tmp_path, 'commune_name = "Xã Tân Hòa"\nhamlets = [\n  "Ấp 1",\n  "Ấp')
    assert config.commune_name == "Xã Tân Hòa" and config.hamlets == demo.DEMO_HAMLETS
    assert len(config.problems) == 1 and "dòng 2–4" in config.problems[0]


def test_one_bad_line_costs_only_that_line(tmp_path):
    config, _ = load_file(tmp_path, 'commune_name = "Xã Tân Hòa"\nidle_timeout = 3 00\n'
                                    'text_size = "huge"\n')
    assert config.commune_name == "Xã Tân Hòa" and config.text_size == "huge"
    assert config.idle_timeout == 180
    assert len(config.problems) == 1 and "dòng 2 " in config.problems[0]


def test_values_of_the_wrong_type_keep_their_default_and_the_rest_is_used(tmp_path):
    wrong = GOOD_SETTINGS.replace("idle_timeout = 300", "idle_timeout = true")
    config, _ = load_file(tmp_path, wrong
                          + 'fullscreen = "có lẽ"\nprovince_name = 42\nbackups_kept = 1e9\n'
                          'contrast = ["high"]\nprovince_name2 = ""\ncommune_name2 = 1\n')
    assert config.commune_name == "Xã Tân Hòa" and config.text_size == "huge"
    assert config.idle_timeout == 180 and config.fullscreen is True
    assert config.province_name == demo.DEMO_PROVINCE and config.backups_kept == 14
    assert config.contrast == "normal"
    joined = "\n".join(config.problems)
    for name in ("idle_timeout", "fullscreen", "province_name", "backups_kept", "contrast",
                 "province_name2", "commune_name2"):
        assert f"“{name}”" in joined


def test_unknown_keys_and_tables_are_reported_and_ignored(tmp_path):
    config, _ = load_file(tmp_path, GOOD_SETTINGS + 'colour = "red"\n[window]\nwidth = 3\n')
    assert config.commune_name == "Xã Tân Hòa"
    assert len(config.problems) == 2
    assert "“colour”" in config.problems[0] and "“window”" in config.problems[1]


def test_an_empty_name_or_one_full_of_control_characters_is_not_taken(tmp_path):
    config, _ = load_file(tmp_path, 'commune_name = "  "\n'
                                    'province_name = "Tỉnh\\u0000 An\\u202e Giang"\n'
                                    f'signer_name = "{"A" * 5000}"\n')
    assert config.commune_name == demo.DEMO_COMMUNE
    assert config.province_name == "Tỉnh An Giang"
    assert config.signer_name == demo.DEMO_SIGNER_NAME
    assert len(config.problems) == 2


def test_a_file_that_is_not_utf8_loses_only_its_bad_lines(tmp_path):
    content = (GOOD_SETTINGS + 'province_name = "Tỉnh An Giang"\n').encode("utf-8")
    # The province typed in an old Windows editor: Windows-1258, not UTF-8.
    windows = unicodedata.normalize("NFD", "Tỉnh An Giang").encode("cp1258")
    content = content.replace("Tỉnh An Giang".encode(), windows)
    config, _ = load_file(tmp_path, content)
    assert config.commune_name == "Xã Tân Hòa" and config.idle_timeout == 300
    assert config.province_name == demo.DEMO_PROVINCE
    assert len(config.problems) == 1 and "UTF-8" in config.problems[0]
    assert "dòng 6" in config.problems[0]


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    config, _ = load_file(tmp_path, "\ufeff" + GOOD_SETTINGS)
    assert config.commune_name == "Xã Tân Hòa" and config.problems == ()


def test_an_empty_file_is_no_problem(tmp_path):
    config, _ = load_file(tmp_path, "")
    assert only_defaults(config) and config.problems == ()


def test_a_huge_file_is_refused_by_its_size_before_reading(tmp_path):
    config, _ = load_file(tmp_path, GOOD_SETTINGS + "# " + "x" * settings.MAX_FILE_BYTES)
    assert only_defaults(config)
    assert len(config.problems) == 1 and "quá lớn" in config.problems[0]


def test_a_folder_where_the_file_should_be(tmp_path):
    file = tmp_path / "settings.toml"
    file.mkdir()
    (file / "inside.txt").write_text("giữ lại", encoding="utf-8")
    config = settings.load(environ={}, file=file)
    assert only_defaults(config)
    assert len(config.problems) == 1 and "thư mục" in config.problems[0]
    with pytest.raises(settings.SettingsFileError) as caught:
        settings.save(config.replace(commune_name="Xã Mới"), file)
    assert "thư mục" in caught.value.strerror
    assert (file / "inside.txt").read_text(encoding="utf-8") == "giữ lại"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file(tmp_path):
    file = tmp_path / "settings.toml"
    file.write_text(GOOD_SETTINGS, encoding="utf-8")
    file.chmod(0)
    try:
        config = settings.load(environ={}, file=file)
    finally:
        file.chmod(0o600)
    assert only_defaults(config)
    assert len(config.problems) == 1 and "quyền đọc" in config.problems[0]


def test_saving_over_a_broken_file_keeps_it_under_another_name(tmp_path):
    broken = GOOD_SETTINGS + "province_name = ???\n"
    config, file = load_file(tmp_path, broken)
    kept = settings.save(config.replace(idle_timeout=240), file)
    assert kept is not None and kept.name.startswith("settings.toml.broken-")
    assert kept.read_text(encoding="utf-8") == broken
    again = settings.load(environ={}, file=file)
    assert again.problems == () and again.idle_timeout == 240
    assert again.commune_name == "Xã Tân Hòa"  # what was good is saved with the change
    # A clean file is simply replaced: no copy.
    assert settings.save(again.replace(idle_timeout=200), file) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml", kept.name]


def test_a_console_change_over_a_broken_file_keeps_it(tmp_path, isolated_settings):
    from kiosk import settings_edit
    from kiosk.db.models import StaffRole, StaffUser
    from kiosk.staff import StaffUserInfo

    file = settings.config_file()
    file.write_bytes(b"commune_name = \"X\xe3 T\xe2n\"\nidle_timeout = 300\n")
    db = open_database(settings.load().effective_database_url, ["Ấp 1"])
    with db.begin() as session:
        row = StaffUser(username="admin", display_name="Cán bộ", role=StaffRole.ADMIN,
                        pin_hash="!")
        session.add(row)
        session.flush()
        admin = StaffUserInfo(row.id, row.username, row.display_name, row.role)
    assert settings_edit.change(db, admin, file, {"text_size": "huge"}) == ["text_size"]
    db.kw["bind"].dispose()
    copies = list(file.parent.glob("settings.toml.broken-*"))
    assert len(copies) == 1 and copies[0].read_bytes().startswith(b"commune_name = \"X\xe3")
    saved = settings.load(environ={}, file=file)
    assert saved.problems == () and saved.text_size == "huge" and saved.idle_timeout == 300
