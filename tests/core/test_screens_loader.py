"""Practice screens (lessons/screens/*.yaml): the bundled ones load clean, and each kind of
mistake an author can make is reported in Vietnamese at its file and line, disabling only
the file it is in. No Qt here."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kiosk.lessons.screens import (
    AppScreens,
    KeypadElement,
    contrast_ratio,
    keypad_key_ids,
    load_screens,
)

REPO = Path(__file__).resolve().parents[2]
LESSONS = REPO / "lessons"
KINDS = {"text", "button", "field", "list", "grid", "messages", "call", "address", "qr",
         "keypad", "toggle", "navbar"}

# Line 5 is the screen, line 7 its first element.
HEAD = """\
app: demo
name: Ứng dụng mẫu
colors: {primary: "#B71C1C", on_primary: "#FFFFFF"}
screens:
  - id: demo.one
    elements:
"""
GOOD_ELEMENT = '      - {kind: text, text: "Xin chào"}\n'
# What pydantic says in English: none of it may reach an author.
ENGLISH = re.compile(r"Input should|Field required|List should|Value error|validation error"
                     r"|Extra inputs|String should")


def write(root: Path, name: str, text: str) -> Path:
    folder = root / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str):
    path = write(tmp_path, "demo.yaml", text)
    screens, problems = load_screens(tmp_path)
    assert not screens, "a broken file must not give screens"
    assert problems, "a broken file must say why"
    for problem in problems:
        assert problem.file == path
        assert not ENGLISH.search(problem.message), problem.message
    return problems


# -- the bundled screens ------------------------------------------------------------------

def test_the_bundled_screens_load_without_a_problem():
    screens, problems = load_screens(LESSONS)
    assert problems == []
    apps = {app.app for app, _ in screens.values()}
    assert {"vneid", "sms", "phone", "browser", "settings", "bank"} <= apps
    kinds = {element.kind for _, screen in screens.values() for element in screen.elements}
    assert kinds == KINDS, f"no bundled example of {KINDS - kinds}"
    for screen_id, (app, screen) in screens.items():
        assert screen_id == screen.id and screen_id.startswith(app.app + ".")


def test_the_screens_the_lessons_need_are_there():
    screens, _ = load_screens(LESSONS)
    wanted = {
        "vneid.home": {"tile_wallet"}, "vneid.login": {"id_number", "btn_activate"},
        "vneid.activate": {"id_number", "phone", "btn_send"},
        "vneid.otp": {"otp", "otp:0"}, "vneid.passcode": {"passcode"},
        "vneid.wallet": {"doc_health", "btn_present"}, "vneid.qr_scan": {"qr"},
        "sms.scam_locked": {"sender", "msg_locked", "msg_link"}, "sms.bank_otp": {"msg_otp"},
        "phone.incoming": {"caller", "call_accept", "call_decline"},
        "phone.incoming_video": {"call_accept"},
        "browser.fake_portal": {"url"}, "browser.real_portal": {"url"},
        "settings.unknown_sources": {"unknown_sources"},
        "bank.home": {"tile_transfer", "nav_home"}, "bank.transfer_confirm": {"row_recipient"},
    }
    for screen_id, ids in wanted.items():
        assert ids <= screens[screen_id][1].ids(), screen_id
    assert screens["vneid.activate"][1].field_ids() == {"id_number", "phone"}
    assert screens["browser.fake_portal"][1].elements[0].url == "dichvucong-gov.vn.xyz"
    assert screens["browser.real_portal"][1].elements[0].secure


def test_bundled_screen_text_is_nfc_and_every_number_is_fake():
    for path in (LESSONS / "screens").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path
        # Any run of six or more digits (spaces allowed) is a practice value: all zeros.
        for run in re.findall(r"\d[\d ]{4,}\d", text):
            digits = run.replace(" ", "")
            if len(digits) >= 6:
                assert set(digits) == {"0"}, f"{path.name}: {run!r} looks like a real number"


def test_commercial_apps_are_fictional_brands():
    screens, _ = load_screens(LESSONS)
    bank = next(app for app, _ in screens.values() if app.app == "bank")
    assert bank.name == "Ngân hàng Sông Xanh"


def test_ids_cover_items_back_call_buttons_and_keypad_keys():
    screens, _ = load_screens(LESSONS)
    otp = screens["vneid.otp"][1]
    keypad = next(e for e in otp.elements if isinstance(e, KeypadElement))
    assert keypad_key_ids(keypad)[:2] == ["otp:0", "otp:1"]
    assert {"back", "otp", "otp:9", "otp:back", "btn_resend"} <= otp.ids()
    call = screens["phone.incoming"][1]
    assert call.ids() == {"caller", "call_accept", "call_decline"}
    assert "back" not in screens["vneid.home"][1].ids()


def test_the_core_module_needs_no_qt():
    code = ("import sys, kiosk.lessons.screens\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'ui', 'qtawesome'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"


def test_text_is_normalised_to_nfc(tmp_path: Path):
    decomposed = unicodedata.normalize("NFD", "Kích hoạt tài khoản")
    write(tmp_path, "demo.yaml", HEAD + f'      - {{kind: text, text: "{decomposed}"}}\n')
    screens, problems = load_screens(tmp_path)
    assert problems == []
    assert screens["demo.one"][1].elements[0].text == "Kích hoạt tài khoản"


# -- one located Vietnamese message per mistake -------------------------------------------

@pytest.mark.parametrize(("elements", "line", "fragment"), [
    # text
    ('      - {kind: text, txt: "Xin chào"}\n', 7, "txt"),
    ('      - {kind: text, text: "Xin chào", style: bold}\n', 7, "phải là một trong"),
    # button
    ('      - {kind: button, text: "Gửi yêu cầu"}\n', 7, "thiếu trường bắt buộc"),
    ('      - {kind: button, id: btn_send, text: "Gửi", icon: wallet}\n', 7, "biểu tượng"),
    ('      - {kind: button, id: Gửi, text: "Gửi"}\n', 7, "chữ thường không dấu"),
    # field: there is no place for a value, real or not
    ('      - {kind: field, id: phone, label: "Số điện thoại", value: "0000"}\n', 7,
     "không có trong mẫu"),
    ('      - {kind: field, id: phone, label: "Số", keyboard: phone}\n', 7, "text hoặc digits"),
    # list (block style: the item's own line)
    ('      - kind: list\n        items:\n          - {id: row_a, text: "A"}\n'
     '          - {id: row_b, text: "B", icon: "fa5s.Wallet"}\n', 10, "biểu tượng"),
    ('      - {kind: list, items: []}\n', 7, "ít nhất một dòng"),
    # grid
    ('      - {kind: grid, columns: 4, items: [{text: "Ví giấy tờ"}]}\n', 7, "số cột"),
    # messages
    ('      - kind: messages\n        title: "0000 000 000"\n        items:\n'
     '          - {from: bank, text: "Tài khoản bị khóa"}\n', 10, "them hoặc me"),
    ('      - {kind: messages, items: [{from: them, text: "Xin chào"}]}\n', 7,
     "thiếu trường bắt buộc"),
    # call
    ('      - {kind: call, caller: "Công an phường", video: maybe}\n', 7, "true hoặc false"),
    # address
    ('      - {kind: address, id: url}\n', 7, "thiếu trường bắt buộc"),
    # qr
    ('      - {kind: qr, id: qr, data: ""}\n', 7, "không rỗng"),
    # keypad
    ('      - {kind: keypad, id: otp, length: 0}\n', 7, "từ 1 đến 8"),
    ('      - {kind: keypad, length: 6}\n', 7, "thiếu trường bắt buộc"),
    ('      - {kind: keypad, id: otp, length: sáu}\n', 7, "số nguyên"),
    # toggle
    ('      - {kind: toggle, label: "Cài ứng dụng không rõ nguồn gốc"}\n', 7,
     "thiếu trường bắt buộc"),
    # navbar
    ('      - {kind: navbar, items: [{id: nav_home, text: "Trang chủ"}]}\n', 7,
     "thiếu trường bắt buộc"),
    ('      - {kind: navbar, items: [' + ", ".join(
        f'{{text: "Mục {i}", icon: fa5s.home}}' for i in range(5)) + ']}\n', 7,
     "nhiều nhất 4"),
    # an unknown kind, a missing kind
    ('      - {kind: video, text: "Xem"}\n', 7, "loại “video” không có"),
    ('      - {text: "Xem"}\n', 7, "thiếu “kind”"),
])
def test_each_element_kind_reports_its_mistake(tmp_path: Path, elements, line, fragment):
    problems = problems_of(tmp_path, HEAD + elements)
    located = [(p.line, p.message) for p in problems]
    assert any(ln == line and fragment in msg for ln, msg in located), located


@pytest.mark.parametrize(("elements", "fragment"), [
    ('      - {kind: button, id: btn_send, text: "Gửi"}\n'
     '      - {kind: field, id: btn_send, label: "Số"}\n', "“btn_send” dùng nhiều lần"),
    ('      - {kind: list, items: [{id: row_a, text: "A"}, {id: row_a, text: "B"}]}\n',
     "“row_a” dùng nhiều lần"),
    ('      - {kind: call, caller: "Công an", accept_id: answer, decline_id: answer}\n',
     "“answer” dùng nhiều lần"),
    ('      - {kind: navbar, items: [{text: "A", icon: fa5s.home}]}\n'
     '      - {kind: navbar, items: [{text: "B", icon: fa5s.home}]}\n', "thanh điều hướng"),
])
def test_duplicate_ids_in_a_screen_are_located_at_the_screen(tmp_path: Path, elements,
                                                             fragment):
    problems = problems_of(tmp_path, HEAD + elements)
    assert any(p.line == 5 and fragment in p.message for p in problems), problems


@pytest.mark.parametrize(("text", "line", "fragment"), [
    (HEAD.replace('primary: "#B71C1C"', 'primary: "red"') + GOOD_ELEMENT, 3, "#RRGGBB"),
    (HEAD.replace('"#B71C1C"', '"#FFEB3B"') + GOOD_ELEMENT, 3, "khó đọc"),
    (HEAD.replace("id: demo.one", "id: other.one") + GOOD_ELEMENT, 5, "“demo.”"),
    (HEAD.replace("id: demo.one", "id: Demo Một") + GOOD_ELEMENT, 5, "<ứng dụng>.<tên>"),
    (HEAD.replace("app: demo", "app: Demo") + GOOD_ELEMENT, 1, "tên ứng dụng"),
    (HEAD.replace("    elements:", "    back: true\n    header: false\n    elements:")
     + GOOD_ELEMENT, 5, "header: true"),
    (HEAD.replace("    elements:\n", "    elements: []\n"), 5, "ít nhất một thành phần"),
    (HEAD + GOOD_ELEMENT + "  - id: demo.one\n    elements:\n" + GOOD_ELEMENT, 1,
     "dùng nhiều lần trong tệp"),
    (HEAD.replace("name: Ứng dụng mẫu", "nam: Ứng dụng mẫu") + GOOD_ELEMENT, 2, "nam"),
    ("app: demo\nscreens: [\n", 3, "YAML"),
    ("", None, "rỗng"),
])
def test_app_level_mistakes_are_located(tmp_path: Path, text, line, fragment):
    problems = problems_of(tmp_path, text)
    assert any(p.line == line and fragment in p.message for p in problems), problems


def test_a_broken_file_disables_only_its_own_screens(tmp_path: Path):
    write(tmp_path, "good.yaml", HEAD + GOOD_ELEMENT)
    broken = write(tmp_path, "other.yaml",
                   HEAD.replace("app: demo", "app: other").replace("demo.one", "other.one")
                   + '      - {kind: keypad, id: pin, length: 0}\n')
    screens, problems = load_screens(tmp_path)
    assert list(screens) == ["demo.one"]
    assert [(p.file, p.line) for p in problems] == [(broken, 7)]
    assert str(problems[0]).startswith(f"{broken}:7: ")


def test_duplicate_screen_ids_across_files_are_errors(tmp_path: Path):
    first = write(tmp_path, "a.yaml", HEAD + GOOD_ELEMENT)
    second = write(tmp_path, "b.yaml",
                   HEAD + GOOD_ELEMENT + "  - id: demo.two\n    elements:\n" + GOOD_ELEMENT)
    screens, problems = load_screens(tmp_path)
    assert list(screens) == ["demo.one"]  # b.yaml is disabled whole, demo.two with it
    assert screens["demo.one"][0] is not None
    assert len(problems) == 1
    assert problems[0].file == second and problems[0].line == 5
    assert "trùng" in problems[0].message and str(first) in problems[0].message


def test_no_screens_folder_means_no_screens(tmp_path: Path):
    assert load_screens(tmp_path) == ({}, [])


def test_models_are_frozen_and_strict():
    app = AppScreens.model_validate({
        "app": "demo", "name": "Mẫu", "colors": {"primary": "#b71c1c"},
        "screens": [{"id": "demo.one", "elements": [{"kind": "text", "text": "A"}]}]})
    assert app.colors.primary == "#B71C1C" and app.colors.on_primary == "#FFFFFF"
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        app.name = "Khác"


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert contrast_ratio("#B71C1C", "#FFFFFF") > 4.5
