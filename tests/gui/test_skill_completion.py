"""A skill is completed by its lessons and then its final check, which opens only once
the lessons are done; the resident is told each time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from kiosk import progress, residents
from kiosk.skills import Skill
from ui.screens.result import CompletedScreen

LESSON = """\
id: safety.calls
skill: safety
title: Cuộc gọi lạ
steps:
  - kind: choice
    prompt: Người lạ hỏi mã OTP. Ông bà làm gì?
    options:
      - text: Cúp máy
        correct: true
      - text: Đọc mã
"""

FINAL = """\
id: safety.final-check
skill: safety
title: Kiểm tra cuối kỹ năng
final: true
steps:
  - kind: explain
    text: Hai câu hỏi, không có gợi ý.
check:
  pass_mark: 2
  questions:
    - kind: choice
      prompt: Công an có hỏi mã OTP qua điện thoại không?
      options:
        - text: Không bao giờ
          correct: true
        - text: Có
    - kind: choice
      prompt: Báo cuộc gọi lừa đảo đến số nào?
      options:
        - text: "5656"
          correct: true
        - text: "1080"
"""


@pytest.fixture
def window(make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "pack" / "safety"
    folder.mkdir(parents=True)
    (folder / "calls.yaml").write_text(LESSON, encoding="utf-8")
    (folder / "final-check.yaml").write_text(FINAL, encoding="utf-8")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(folder.parent))
    window = make_window()
    assert not window.station.pack.problems
    hamlet = residents.list_hamlets(window.station.db)[0]
    window.resident = residents.register(window.station.db, full_name="Đào Thị Hòa",
                                         birth_year=1955, hamlet_id=hamlet.id,
                                         consent_given=True)
    window.flow.sign_in(window.resident)
    return window


def row(window, lesson_id: str) -> QPushButton:
    [shown] = [b for b in window.current_screen().findChildren(
        QPushButton, f"lesson_{lesson_id}") if b.isVisible()]
    return shown


def answer(touch, window, *options: int) -> None:
    for option in options:
        touch(window, f"option_{option}")
        touch(window, "step_next")


def test_the_final_check_opens_after_the_lessons_and_completes_the_skill(touch, window):
    touch(window, "skill_safety")
    final = row(window, "safety.final-check")
    assert final.isVisible() and not final.isEnabled()
    assert "Học xong các bài ở trên" in final.text()
    window.flow.open_lesson(window.station.pack.lessons["safety.final-check"])
    assert window.current_screen() is window.flow.lessons  # locked: nothing opens

    touch(window, "lesson_safety.calls")
    answer(touch, window, 0)
    completed = window.current_screen()
    assert isinstance(completed, CompletedScreen)
    assert "Bài kiểm tra cuối của kỹ năng này đã mở" in completed.message.text()
    touch(window, "completed_go")
    assert row(window, "safety.final-check").isEnabled()

    touch(window, "lesson_safety.final-check")
    touch(window, "step_next")  # the introduction
    answer(touch, window, 1, 0)  # one wrong of two: not passed
    assert "Sắp được rồi" in completed.title.text()
    states = progress.states(window.station.db, window.resident.id)
    assert not states["safety.final-check"].completed

    touch(window, "check_retry")
    answer(touch, window, 0, 0)
    assert "Bà con đã hoàn thành kỹ năng “Tự bảo vệ mình trên không gian mạng”" in \
        completed.message.text()
    touch(window, "completed_go")
    touch(window, "lessons_back")
    tile = window.flow.skills.tiles[Skill.SAFETY]
    assert "Đã xong cả 2 bài" in tile.status
