"""Widget fixtures: a real MainWindow on a real SQLite file, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest

LESSON = """\
id: safety.e2e
skill: safety
title: Cuộc gọi lạ đòi mã OTP
minutes: 3
steps:
  - kind: explain
    title: Mở đầu
    text: Kẻ gian hay gọi điện xưng là công an.
  - kind: choice
    prompt: Người lạ gọi xin mã OTP. Bà con làm gì?
    hint: Mã OTP chỉ mình bà con được biết.
    explain: Không bao giờ đọc mã OTP cho ai.
    options:
      - text: Đọc mã cho họ
        why: Kẻ gian dùng mã này để lấy tiền.
      - text: Cúp máy, báo công an xã
        correct: true
  - kind: choice
    prompt: Những dấu hiệu nào là lừa đảo?
    multiple: true
    options:
      - text: Hối thúc chuyển tiền ngay
        correct: true
      - text: Gửi đường dẫn lạ
        correct: true
      - text: Mời đến trụ sở công an xã
        why: Công an thật mời bà con đến trụ sở.
  - kind: explain
    title: Điều cần nhớ
    text: Cúp máy. Không đọc mã. Báo công an xã.
outcome:
  key: e2e_question
  question: Bà con đã từng nhận cuộc gọi như vậy chưa?
  answers: [Đã từng, Chưa]
"""


@pytest.fixture
def lessons_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "lessons" / "safety"
    folder.mkdir(parents=True)
    (folder / "e2e.yaml").write_text(LESSON, encoding="utf-8")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(folder.parent))
    return folder.parent


_MODIFIED = {("a", "\u0306"): "aw", ("a", "\u0302"): "aa", ("e", "\u0302"): "ee",
             ("o", "\u0302"): "oo", ("o", "\u031b"): "ow", ("u", "\u031b"): "uw"}
_TONES = {"\u0301": "tone_sac", "\u0300": "tone_huyen", "\u0309": "tone_hoi",
          "\u0303": "tone_nga", "\u0323": "tone_nang"}


@pytest.fixture
def type_on_keyboard(qtbot):
    """Type text by touching the on-screen keyboard's keys, as a resident would.

    Each letter is its base key, then its Vietnamese modifier key, then its tone key right
    after it. Capitals come from the keyboard's own capital at the start of each word.
    """
    import unicodedata

    from PySide6.QtCore import Qt

    def type_text(keyboard, text: str) -> None:
        def tap(name: str) -> None:
            qtbot.mouseClick(keyboard.key(name), Qt.MouseButton.LeftButton)

        for char in text:
            if char == " ":
                tap("space")
                continue
            if char.isdigit():
                tap(char)
                continue
            parts = unicodedata.normalize("NFD", char.lower())
            base, marks = parts[0], parts[1:]
            if char.lower() == "đ":
                tap("dd")
                continue
            modifier = next((m for m in marks if (base, m) in _MODIFIED), None)
            tap(_MODIFIED[(base, modifier)] if modifier else base)
            for mark in marks:
                if mark in _TONES:
                    tap(_TONES[mark])

    return type_text
