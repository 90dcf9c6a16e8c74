"""Staff check a certificate at the kiosk: the scanner types the QR code's text and Enter,
and the screen says valid, tampered, revoked or unknown issuer, with every field."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk import progress, residents
from kiosk.certificates import issuing, token
from kiosk.db.models import CertificateKind
from kiosk.skills import Skill
from ui.screens.verify import VerifyScreen

LESSON = """\
id: safety.short
skill: safety
title: Bài ngắn
steps:
  - kind: explain
    text: Không đọc mã OTP cho ai.
"""


@pytest.fixture
def issued(make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "pack" / "safety"
    folder.mkdir(parents=True)
    (folder / "short.yaml").write_text(LESSON, encoding="utf-8")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(folder.parent))
    window = make_window()
    station = window.station
    hamlet = residents.list_hamlets(station.db)[2]
    resident = residents.register(station.db, full_name="Đặng Thuỳ Dương <&>",
                                  birth_year=1951, hamlet_id=hamlet.id, consent_given=True)
    lesson = station.pack.lessons["safety.short"]
    progress.finish_step(station.db, resident.id, lesson, 0)
    certificate = issuing.issue(station.db, resident.id, CertificateKind.SKILL, Skill.SAFETY,
                                station.config, station.key,
                                lessons_by_skill=station.lessons_by_skill())
    return window, certificate


def scan(qtbot, window, text: str) -> VerifyScreen:
    """What a USB scanner does: type the text, then Enter."""
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    screen = window.current_screen()
    assert isinstance(screen, VerifyScreen) and screen.input.hasFocus()
    screen.input.clear()
    qtbot.keyClicks(screen.input, text)
    qtbot.keyClick(screen.input, Qt.Key.Key_Return)
    qtbot.wait(1)  # new field labels are shown on the next turn of the event loop
    return screen


def shown(screen: VerifyScreen) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(w.text() for w in screen.findChildren(QLabel) if w.isVisible())


def test_a_scanned_certificate_is_valid_and_shows_every_field(qtbot, issued):
    window, certificate = issued
    screen = scan(qtbot, window, certificate.token)
    assert screen.verdict.text() == "Hợp lệ"
    text = shown(screen)
    for value in ("Đặng Thuỳ Dương <&>", "1951", "Khóm Châu Long 3", certificate.serial,
                  "Tự bảo vệ mình trên không gian mạng", "Phường Châu Đốc"):
        assert value in text


def test_one_changed_character_is_tampering(qtbot, issued):
    window, certificate = issued
    middle = len(certificate.token) // 2
    changed = "A" if certificate.token[middle] != "A" else "B"
    forged = certificate.token[:middle] + changed + certificate.token[middle + 1:]
    screen = scan(qtbot, window, forged)
    assert screen.verdict.text() == "Bị sửa đổi"


def test_a_revoked_certificate_says_so_with_the_reason(qtbot, issued):
    window, certificate = issued
    issuing.revoke(window.station.db, certificate.serial, "Cấp nhầm người",
                   window.station.config)
    screen = scan(qtbot, window, certificate.token)
    assert screen.verdict.text() == "Đã thu hồi"
    assert "Cấp nhầm người" in screen.message.text()


def test_another_communes_certificate_is_an_unknown_issuer(qtbot, issued, tmp_path):
    from kiosk.certificates import keys

    window, certificate = issued
    other = keys.load_or_create(tmp_path / "other-commune")
    claim = dataclasses.replace(certificate.data, key_id=other.key_id)
    foreign = token.encode(claim, other.private_key)
    screen = scan(qtbot, window, foreign)
    assert screen.verdict.text() == "Không rõ nơi cấp"
    assert "chưa được tin cậy" in screen.message.text()


def test_nonsense_is_unreadable_and_closing_returns_to_welcome(qtbot, touch, issued):
    window, _ = issued
    screen = scan(qtbot, window, "xin chao")
    assert screen.verdict.text() == "Không đọc được"
    touch(window, "verify_close")
    assert window.current_screen() is window.welcome
