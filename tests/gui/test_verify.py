"""Staff check a certificate in the console: the scanner types the QR code's text and
Enter, and the page says valid, tampered, revoked or unknown issuer, with every field."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk import progress, residents
from kiosk.certificates import issuing, token
from kiosk.db.models import CertificateKind, StaffRole, StaffUser
from kiosk.skills import Skill
from kiosk.staff import StaffUserInfo

LESSON = """\
id: safety.short
skill: safety
title: Bài ngắn
steps:
  - kind: explain
    text: Không đọc mã OTP cho ai.
"""


@pytest.fixture
def issued(console_as, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A team member's console on the certificates page, and a certificate issued to a
    resident whose name holds markup characters."""
    folder = tmp_path / "pack" / "safety"
    folder.mkdir(parents=True)
    (folder / "short.yaml").write_text(LESSON, encoding="utf-8")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(folder.parent))
    window, console = console_as(StaffRole.TEAM_MEMBER, page="certificates")
    station = window.station
    hamlet = residents.list_hamlets(station.db)[2]
    resident = residents.register(station.db, full_name="Đặng Thuỳ Dương <&>",
                                  birth_year=1951, hamlet_id=hamlet.id, consent_given=True)
    lesson = station.pack.lessons["safety.short"]
    progress.finish_step(station.db, resident.id, lesson, 0)
    certificate = issuing.issue(station.db, resident.id, CertificateKind.SKILL, Skill.SAFETY,
                                station.config, station.key,
                                lessons_by_skill=station.lessons_by_skill())
    return window, console, certificate


def scan(qtbot, console, text: str):
    """What a USB scanner does in the verify section: type the text, then Enter."""
    panel = console.current_page().show_section("verify")
    qtbot.waitUntil(panel.input.hasFocus)  # the scanner types straight in
    panel.input.clear()
    qtbot.keyClicks(panel.input, text)
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    qtbot.wait(1)  # new field labels are shown on the next turn of the event loop
    return panel


def shown(panel) -> str:
    return "\n".join(w.text() for w in panel.findChildren(QLabel) if w.isVisible())


def test_a_scanned_certificate_is_valid_and_shows_every_field(qtbot, issued):
    _, console, certificate = issued
    panel = scan(qtbot, console, certificate.token)
    assert panel.verdict.text() == "Hợp lệ"
    text = shown(panel)
    for value in ("Đặng Thuỳ Dương <&>", "1951", "Khóm Châu Long 3", certificate.serial,
                  "Tự bảo vệ mình trên không gian mạng", "Phường Châu Đốc"):
        assert value in text
    assert panel.input.hasFocus() and panel.input.selectedText() == certificate.token


def test_one_changed_character_is_tampering(qtbot, issued):
    _, console, certificate = issued
    middle = len(certificate.token) // 2
    changed = "A" if certificate.token[middle] != "A" else "B"
    forged = certificate.token[:middle] + changed + certificate.token[middle + 1:]
    panel = scan(qtbot, console, forged)
    assert panel.verdict.text() == "Bị sửa đổi"
    assert not panel.find_button.isVisible()


def test_a_revoked_certificate_says_so_with_the_reason(qtbot, issued):
    window, console, certificate = issued
    with window.station.db.begin() as session:
        row = StaffUser(username="can-bo", display_name="Cán bộ", role=StaffRole.STAFF,
                        pin_hash="!")
        session.add(row)
        session.flush()
        staff = StaffUserInfo(row.id, row.username, row.display_name, row.role)
    issuing.revoke(window.station.db, certificate.serial, "Cấp nhầm người",
                   window.station.config, actor=staff)
    panel = scan(qtbot, console, certificate.token)
    assert panel.verdict.text() == "Đã thu hồi"
    assert "Cấp nhầm người" in panel.message.text()


def test_another_communes_certificate_is_an_unknown_issuer(qtbot, issued, tmp_path):
    from kiosk.certificates import keys

    _, console, certificate = issued
    other = keys.load_or_create(tmp_path / "other-commune")
    claim = dataclasses.replace(certificate.data, key_id=other.key_id)
    foreign = token.encode(claim, other.private_key)
    panel = scan(qtbot, console, foreign)
    assert panel.verdict.text() == "Không rõ nơi cấp"
    assert "chưa được tin cậy" in panel.message.text()


def test_a_checked_certificate_is_found_among_those_issued(qtbot, touch, issued):
    window, console, certificate = issued
    scan(qtbot, console, certificate.token)
    touch(window, "verify_find")
    page = console.current_page()
    assert page.current_section() == "issued"
    qtbot.waitUntil(lambda: page.issued.loaded_for == certificate.serial)
    chosen = page.issued.chosen()
    assert chosen is not None and chosen.certificate.serial == certificate.serial


def test_nonsense_is_unreadable_and_signing_out_returns_to_welcome(qtbot, touch, issued):
    window, console, _ = issued
    panel = scan(qtbot, console, "xin chao")
    assert panel.verdict.text() == "Không đọc được"
    touch(window, "console_sign_out")
    assert window.current_screen() is window.welcome


def test_the_kiosk_shortcut_opens_checking_with_the_scanner_field_focused(qtbot, issued):
    """Ctrl+Shift+V, once signed in, opens the console as below; the console's own focus
    must not take the keys a scanner types."""
    window, console, certificate = issued
    console = window.open_console(console.ctx.user, "certificates", section="verify")
    panel = console.current_page().sections["verify"]
    assert console.current_page().current_section() == "verify"
    qtbot.waitUntil(panel.input.hasFocus)
    qtbot.keyClicks(window.focusWidget(), certificate.token)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert panel.verdict.text() == "Hợp lệ"
