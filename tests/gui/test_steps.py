"""Each step kind driven through the real widgets: the right path, a wrong path with its
hint, "Xem cách làm", keyboard only, and what reaches the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk import progress, residents
from kiosk.db.models import LessonProgress, ProgressStatus, StepAttempt
from ui.screens.result import CompletedScreen

ORDER_AND_CHECK = """\
id: safety.steps
skill: safety
title: Báo cuộc gọi lừa đảo
steps:
  - kind: order
    prompt: Sắp xếp các bước nhắn tin báo cuộc gọi lừa đảo.
    hint: Mở ứng dụng tin nhắn trước tiên.
    explain: Tin nhắn gửi đến 5656 không mất tiền.
    items:
      - Mở ứng dụng tin nhắn
      - Gõ LD, số điện thoại và nội dung
      - Gửi đến số 5656
check:
  pass_mark: 2
  questions:
    - kind: choice
      prompt: Có nên đọc mã OTP cho người gọi tự xưng công an không?
      options:
        - text: Không
          correct: true
        - text: Có
    - kind: choice
      prompt: Công an có làm việc qua cuộc gọi video không?
      options:
        - text: Không
          correct: true
        - text: Có
    - kind: choice
      prompt: Báo cuộc gọi lừa đảo đến số nào?
      options:
        - text: "5656"
          correct: true
        - text: "113"
"""


@pytest.fixture
def steps_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "pack" / "safety"
    folder.mkdir(parents=True)
    (folder / "steps.yaml").write_text(ORDER_AND_CHECK, encoding="utf-8")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(folder.parent))
    return folder.parent


@pytest.fixture
def player(make_window, steps_pack):
    window = make_window()
    hamlet = residents.list_hamlets(window.station.db)[0]
    resident = residents.register(window.station.db, full_name="Lâm Văn Tư", birth_year=1952,
                                  hamlet_id=hamlet.id, consent_given=True)
    window.flow.sign_in(resident)
    window.flow.open_lesson(window.station.pack.lessons["safety.steps"])
    return window


def attempts(window) -> list[tuple[int, bool, str | None, int]]:
    with window.station.db() as session:
        rows = session.scalars(select(StepAttempt).order_by(StepAttempt.id))
        return [(a.step_index, a.correct, a.answer, a.hints_used) for a in rows]


def test_order_right_after_a_wrong_order(qtbot, touch, player):
    view = player.current_screen().view
    touch(player, "order_1")  # the second step first: wrong
    touch(player, "order_0")
    touch(player, "order_2")
    assert "Bước thứ 1 chưa đúng chỗ" in view.feedback.text()
    assert "Mở ứng dụng tin nhắn trước tiên" in view.feedback.text()
    assert view.chosen == [] and not view.done  # cleared for another try
    for name in ("order_0", "order_1", "order_2"):
        touch(player, name)
    assert view.done and "5656 không mất tiền" in view.feedback.text()
    assert attempts(player) == [(0, False, "1,0,2", 0), (0, True, "0,1,2", 1)]


def test_order_show_me_fills_in_the_order_and_is_recorded(qtbot, touch, player):
    screen = player.current_screen()
    assert screen.show_me_button.isVisible()
    touch(player, "show_me")
    assert screen.view.done and screen.view.chosen == screen.view.step.items
    assert not screen.show_me_button.isVisible()
    assert attempts(player) == [(0, False, "show_me", 1)]


def test_order_by_keyboard_alone(qtbot, player):
    screen = player.current_screen()
    view = screen.view
    for index in range(3):
        target = view.findChild(type(screen.next_button), f"order_{index}")
        target.setFocus()
        qtbot.keyClick(target, Qt.Key.Key_Space)
    assert view.done
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.index == 1


def answer_check(qtbot, touch, window, keys):
    screen = window.current_screen()
    for key in keys:
        assert screen.step_count.text().startswith("Kiểm tra")
        assert not screen.back_button.isEnabled()
        touch(window, f"option_{key}")
        assert screen.view.done  # one answer, right or wrong
        touch(window, "step_next")


def test_failing_the_check_offers_it_again_and_passing_completes(qtbot, touch, player):
    touch(player, "show_me")
    touch(player, "step_next")
    answer_check(qtbot, touch, player, [1, 1, 0])  # one right of three; two are needed
    completed = player.current_screen()
    assert isinstance(completed, CompletedScreen)
    assert "1 / 3" in completed.message.text() and completed.retry_button.isVisible()
    lesson = player.station.pack.lessons["safety.steps"]
    assert not progress.states(player.station.db, player.flow.resident.id)[
        "safety.steps"].completed
    touch(player, "check_retry")
    assert player.current_screen().index == 1  # the first question again
    answer_check(qtbot, touch, player, [0, 1, 0])
    assert isinstance(player.current_screen(), CompletedScreen)
    assert not player.current_screen().retry_button.isVisible()
    with player.station.db() as session:
        row = session.scalars(select(LessonProgress)).one()
        assert (row.status, row.check_score) == (ProgressStatus.COMPLETED, 2)
    assert lesson.step_id(1) == "check1"
