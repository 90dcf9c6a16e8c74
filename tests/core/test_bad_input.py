"""Bad input to the core: odd names, phone numbers and learner codes; corrupt settings
files; broken lesson files and folders. Each gets a clear Vietnamese message, and nothing
already stored or written is lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kiosk import demo, residents, settings
from kiosk.cli import main as cli
from kiosk.db.engine import open_database
from kiosk.demo import DEMO_HAMLETS
from kiosk.lessons import loader
from kiosk.lessons.loader import load_pack
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


# -- Broken or missing lesson files and folders --------------------------------------------

LESSONS = Path(__file__).resolve().parents[2] / "lessons"

LESSON = """\
id: safety.extra
skill: safety
title: Bài thêm
steps:
  - kind: explain
    text: Xin chào bà con.
  - kind: tap
    screen: sms.inbox
    target: {target}
    prompt: Chạm vào tin nhắn.
"""


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A copy of the bundled lessons to break."""
    root = tmp_path / "lessons"
    shutil.copytree(LESSONS, root)
    return root


@pytest.fixture(scope="module")
def bundled_ids() -> set[str]:
    return set(load_pack(LESSONS).lessons)


def broken_alone(pack_dir: Path, bundled_ids: set[str], name: str):
    """Load the pack with one broken file; every bundled lesson must still load."""
    pack = load_pack(pack_dir)
    assert set(pack.lessons) == bundled_ids
    assert pack.disabled == [pack_dir / "safety" / name]
    [problem] = pack.problems
    assert problem.file == pack_dir / "safety" / name
    return problem


def test_a_missing_folder_is_said_and_nothing_breaks(tmp_path):
    pack = load_pack(tmp_path / "nowhere")
    assert pack.lessons == {}
    [problem] = pack.problems
    assert "không tìm thấy thư mục bài học" in str(problem) and "nowhere" in str(problem)
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    assert "không tìm thấy" in load_pack(file).problems[0].message


def test_an_empty_folder_is_said(tmp_path):
    (tmp_path / "lessons" / "safety").mkdir(parents=True)
    pack = load_pack(tmp_path / "lessons")
    assert pack.lessons == {}
    [problem] = pack.problems
    assert "không có tệp bài học" in problem.message


@pytest.mark.parametrize(("content", "line", "fragment"), [
    ("id: [chưa đóng\nskill: : :\n", 2, "cú pháp YAML"),
    (bytes(range(256)) * 8, 2, "UTF-8"),  # its first byte over 0x7f is on line 2
    ("id: safety.x\ntitle: Tỉnh\n".encode().replace("ỉ".encode(), b"\xec"), 2, "UTF-8"),
    ("id: safety.x\ntitle: a\x00b\n", 2, "U+0000"),
    ("id: safety.x\n\x1b[31mtitle: đỏ\n", 2, "U+001B"),
    ("", None, "rỗng"),
    ("id: safety.x\nwhen: 2024-13-45\n", None, "không đọc được"),
    ("? [a, b]\n: c\n", None, "không đọc được"),
    ("id: safety.x\nminutes: 1" + "0" * 5000 + "\n", None, "không đọc được"),
], ids=["not-yaml", "binary", "not-utf8", "nul", "escape", "empty", "bad-date", "list-key",
        "huge-number"])
def test_a_broken_file_disables_only_itself_with_its_line(pack_dir, bundled_ids, content,
                                                            line, fragment):
    raw = content.encode() if isinstance(content, str) else content
    (pack_dir / "safety" / "broken.yaml").write_bytes(raw)
    problem = broken_alone(pack_dir, bundled_ids, "broken.yaml")
    assert problem.line == line and fragment in problem.message, problem


def test_a_lesson_naming_a_missing_screen_element_is_located(pack_dir, bundled_ids):
    (pack_dir / "safety" / "extra.yaml").write_text(LESSON.format(target="btn_nowhere"),
                                                   encoding="utf-8")
    problem = broken_alone(pack_dir, bundled_ids, "extra.yaml")
    assert problem.line == 9 and "btn_nowhere" in problem.message


def test_duplicate_ids_keep_the_first_lesson(pack_dir, bundled_ids):
    shutil.copyfile(pack_dir / "safety" / "otp-scam-calls.yaml",
                    pack_dir / "safety" / "zz-copy.yaml")
    problem = broken_alone(pack_dir, bundled_ids, "zz-copy.yaml")
    assert "trùng" in problem.message and "otp-scam-calls.yaml" in problem.message


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_parsed(pack_dir, bundled_ids,
                                                                   monkeypatch):
    huge = pack_dir / "safety" / "huge.yaml"
    with open(huge, "wb") as file:
        file.write(b"id: safety.huge\n")
        file.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to the disk
    parsed = []
    real = loader.read_yaml
    monkeypatch.setattr(loader, "read_yaml", lambda path, what: (
        parsed.append(path.name), real(path, what))[1])
    problem = broken_alone(pack_dir, bundled_ids, "huge.yaml")
    assert "quá lớn" in problem.message and "50.0 MB" in problem.message
    assert "huge.yaml" not in parsed and "otp-scam-calls.yaml" in parsed


# Nine levels of ten aliases each: a billion values once expanded.
BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n"
    for a, b in zip("abcdefgh", "bcdefghi", strict=True))


@pytest.mark.parametrize(("content", "fragment"), [
    ("id: safety.bomb\n" + BILLION_LAUGHS, "100.000"),
    ("id: safety.bomb\nsteps: &s\n  - kind: explain\n    text: *s\n", "chính nó"),
], ids=["billion-laughs", "self-alias"])
def test_yaml_alias_bombs_are_refused(pack_dir, bundled_ids, content, fragment):
    (pack_dir / "safety" / "bomb.yaml").write_text(content, encoding="utf-8")
    problem = broken_alone(pack_dir, bundled_ids, "bomb.yaml")
    assert fragment in problem.message


def test_a_few_aliases_are_fine(pack_dir, bundled_ids):
    lesson = LESSON.format(target="thread_scam").replace(
        "  - kind: explain\n    text: Xin chào bà con.\n",
        "  - &hello\n    kind: explain\n    text: Xin chào bà con.\n  - *hello\n")
    (pack_dir / "safety" / "extra.yaml").write_text(lesson, encoding="utf-8")
    pack = load_pack(pack_dir)
    assert pack.problems == []
    assert len(pack.lessons["safety.extra"].steps) == 3


def test_a_fifo_named_like_a_lesson_does_not_hang_the_kiosk(pack_dir, bundled_ids):
    os.mkfifo(pack_dir / "safety" / "pipe.yaml")
    problem = broken_alone(pack_dir, bundled_ids, "pipe.yaml")
    assert "không phải một tệp" in problem.message


def test_a_broken_screen_file_disables_only_the_lessons_that_show_its_screens(pack_dir):
    (pack_dir / "screens" / "vneid.yaml").write_text(
        "app: vneid\ncreated: 2024-02-30\n", encoding="utf-8")
    (pack_dir / "screens" / "junk.yaml").write_bytes(b"\x00\x01" * 100)
    pack = load_pack(pack_dir)
    screen_problems = [p for p in pack.problems if p.file.parent.name == "screens"]
    assert {p.file.name for p in screen_problems} == {"vneid.yaml", "junk.yaml"}
    assert not any(s.startswith("vneid.") for s in pack.screens)
    assert "sms.inbox" in pack.screens and "bank.home" in pack.screens
    disabled = {p.name for p in pack.disabled}
    assert "vneid-activate.yaml" in disabled and "otp-scam-calls.yaml" not in disabled
    assert "safety.otp-scam-calls" in pack.lessons
    assert all(str(pack_dir) in str(p.file) for p in pack.problems)


def test_lessons_check_lists_each_broken_file_with_its_line(pack_dir, capsys):
    (pack_dir / "safety" / "nul.yaml").write_bytes(b"id: safety.x\ntitle: a\x00b\n")
    (pack_dir / "safety" / "bomb.yaml").write_text("id: safety.bomb\n" + BILLION_LAUGHS,
                                                   encoding="utf-8")
    assert cli(["lessons", "check", str(pack_dir)]) == 1
    out = capsys.readouterr().out
    assert f"{pack_dir / 'safety' / 'nul.yaml'}:2: " in out
    assert f"{pack_dir / 'safety' / 'bomb.yaml'}: " in out
    assert "2 bài bị tắt" in out


# -- A printer that is not there, or no print service at all -------------------------------

def queued_certificate(tmp_path: Path) -> tuple[object, int]:
    """A database in the settings' data folder with one certificate PDF waiting to print."""
    from reportlab.pdfgen.canvas import Canvas

    from kiosk import printing

    config = settings.load()
    db = open_database(config.effective_database_url, config.hamlets)
    pdf = tmp_path / "certificate.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(100, 700, "Giay chung nhan")
    canvas.save()
    job = printing.enqueue(db, config.data_dir, pdf, label="Chứng nhận thử",
                           serials=["TEST-0001"])
    return db, job.id


@pytest.mark.parametrize(("printer", "said"), [
    ("may-in-phong-van-hoa", "Không tìm thấy máy in “may-in-phong-van-hoa”"),
    ("", "Máy tính chưa có máy in mặc định"),
], ids=["named-printer", "default-printer"])
def test_with_no_print_service_running_the_job_waits_with_a_clear_reason(
        tmp_path, printer, said):
    from kiosk import printing

    db, job_id = queued_certificate(tmp_path)
    # CUPS is not running: its socket is not there (the variable is read by libcups).
    env = {**os.environ, "CUPS_SERVER": str(tmp_path / "no-cups" / "cups.sock"),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PRINTER", None)
    env.pop("LPDEST", None)
    run = subprocess.run([sys.executable, "-m", "kiosk", "certificate", "print", "--queued",
                          "--printer", printer], capture_output=True, text=True, env=env,
                         timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 1, run.stdout + run.stderr
    assert said in run.stderr and "Việc in vẫn nằm trong hàng đợi" in run.stderr
    job = printing.get(db, job_id)
    assert job.status == printing.PrintJobStatus.QUEUED and said in job.last_error
    assert Path(job.pdf_path).read_bytes().startswith(b"%PDF-")
    db.kw["bind"].dispose()
