"""Each step kind driven through the real widgets: the right path, a wrong path with its
hint, "Xem cách làm", keyboard only, and what reaches the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
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


def open_lesson_as_new_resident(window, lesson_id: str, name: str) -> None:
    hamlet = residents.list_hamlets(window.station.db)[0]
    resident = residents.register(window.station.db, full_name=name, birth_year=1952,
                                  hamlet_id=hamlet.id, consent_given=True)
    window.flow.sign_in(resident)
    window.flow.open_lesson(window.station.pack.lessons[lesson_id])


@pytest.fixture
def player(make_window, steps_pack):
    window = make_window()
    open_lesson_as_new_resident(window, "safety.steps", "Lâm Văn Tư")
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


ON_SCREEN = """\
id: platforms.on-screen
skill: platforms
title: Kích hoạt VNeID (thực hành)
steps:
  - kind: tap
    screen: vneid.login
    target: btn_activate
    prompt: Chạm vào nút "Kích hoạt tài khoản".
    hint: Nút nằm dưới nút "Đăng nhập".
  - kind: type
    screen: vneid.activate
    field: phone
    expect: "0000000000"
    prompt: "Nhập số điện thoại thực hành: 0000000000"
    hint: Chỉ nhập mười số 0.
  - kind: spot
    screen: sms.scam_locked
    prompt: Tìm chỗ đáng ngờ trong tin nhắn.
    hint: Nhìn đường dẫn.
    targets:
      - id: msg_link
        why: Đường dẫn lạ, không phải trang của ngân hàng.
  - kind: choice
    screen: sms.scam_locked
    prompt: Tin nhắn này có phải của ngân hàng không?
    hint: Nhìn đường dẫn trong tin nhắn.
    options:
      - text: Có, phải làm theo ngay
        why: Ngân hàng không gửi đường dẫn lạ bắt đăng nhập.
      - text: Không, đây là tin nhắn lừa đảo
        correct: true
"""


@pytest.fixture
def on_screen(make_window, tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "pack2"
    (root / "platforms").mkdir(parents=True)
    (root / "platforms" / "on-screen.yaml").write_text(ON_SCREEN, encoding="utf-8")
    shutil.copytree(Path(__file__).resolve().parents[2] / "lessons" / "screens",
                    root / "screens")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    window = make_window()
    assert not window.station.pack.problems
    open_lesson_as_new_resident(window, "platforms.on-screen", "Tạ Thị Hạnh")
    return window


def tap_phone(qtbot, view, element_id):
    target = view.phone.target(element_id) if element_id else view.phone
    assert target is not None, element_id
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def test_tap_wrong_twice_lights_the_target_then_right(qtbot, touch, on_screen):
    view = on_screen.current_screen().view
    tap_phone(qtbot, view, "btn_login")
    assert "dưới nút" in view.feedback.text() and not view.done
    tap_phone(qtbot, view, "id_number")
    assert view.phone.target("btn_activate").property("highlighted") or \
        "tô sáng" in view.feedback.text()
    tap_phone(qtbot, view, "btn_activate")
    assert view.done
    assert [(a[1], a[2]) for a in attempts(on_screen)] == [
        (False, "btn_login"), (False, "id_number"), (True, "btn_activate")]


def test_a_step_fits_a_720p_screen_with_the_phone_at_full_height(qtbot, on_screen):
    player = on_screen.current_screen()
    view = player.view
    qtbot.waitUntil(lambda: view.phone.height() > 0)
    viewport = player.scroll.viewport()
    assert view.height() <= viewport.height()  # the step never scrolls: the phone does
    assert view.phone.body_rect().height() >= viewport.height() - 4
    assert view.phone.body_rect().width() >= 280


def test_tap_show_me_highlights_and_counts_as_a_hint(qtbot, touch, on_screen):
    screen = on_screen.current_screen()
    touch(on_screen, "show_me")
    assert "tô sáng" in screen.view.feedback.text()
    tap_phone(qtbot, screen.view, "btn_activate")
    assert attempts(on_screen) == [(0, False, "show_me", 1), (0, True, "btn_activate", 1)]


def test_type_accepts_only_the_practice_value_and_stores_no_text(qtbot, touch, on_screen):
    tap_phone(qtbot, on_screen.current_screen().view, "btn_activate")
    touch(on_screen, "step_next")
    view = on_screen.current_screen().view
    for digit in "0912":
        qtbot.mouseClick(view.keyboard.key(digit), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.keyboard.key("done"), Qt.MouseButton.LeftButton)
    assert not view.done and "0000000000" in view.feedback.text()
    view.field.clear()
    for _ in range(10):
        qtbot.mouseClick(view.keyboard.key("0"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.keyboard.key("done"), Qt.MouseButton.LeftButton)
    assert view.done
    typed = [a for a in attempts(on_screen) if a[0] == 1]
    assert [(ok, answer) for _, ok, answer, _ in typed] == [(False, ""), (True, "")]
    with on_screen.station.db() as session:  # nothing typed reached any table
        dump = "\n".join(session.connection().connection.iterdump())
    assert "0912" not in dump


def test_every_keyboard_word_fits_its_key_beside_the_phone(qtbot, touch, on_screen):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QPushButton

    tap_phone(qtbot, on_screen.current_screen().view, "btn_activate")
    touch(on_screen, "step_next")
    view = on_screen.current_screen().view
    keyboard = view.keyboard
    keyboard.set_mode("text")
    qtbot.waitUntil(lambda: keyboard.key("shift").isVisible())

    def cut() -> list[str]:
        found = []
        for key in keyboard.findChildren(QPushButton):
            if key.isVisible() and key.text():
                needed = QFontMetrics(key.font()).horizontalAdvance(key.text())
                if needed > key.contentsRect().width() - 8:  # the key's side padding
                    found.append(f"{key.objectName()} {key.text()!r}: {needed} > "
                                 f"{key.width()}")
        return found

    qtbot.wait(20)  # the keys are laid out a turn after the page is shown
    assert not cut()


def test_spot_finds_the_odd_link(qtbot, touch, on_screen):
    on_screen.flow.player.show_step(2)
    view = on_screen.current_screen().view
    tap_phone(qtbot, view, "sender")
    assert "không có gì đáng ngờ" in view.feedback.text() and not view.done
    tap_phone(qtbot, view, "msg_link")
    assert view.done and "Đường dẫn lạ" in view.feedback.text()
    assert "1 / 1" in view.count.text()


def test_a_question_beside_a_practice_screen_is_answered_by_its_options(qtbot, touch,
                                                                         on_screen):
    on_screen.flow.player.show_step(3)
    view = on_screen.current_screen().view
    assert view.phone.isVisible() and view.phone.target("msg_link").isVisible()
    tap_phone(qtbot, view, "msg_link")  # the screen is there to look at, not to touch
    assert not view.done and not view.feedback.isVisible()
    touch(on_screen, "option_0")
    assert "đường dẫn lạ" in view.feedback.text() and not view.done
    touch(on_screen, "option_1")
    assert view.done
    assert [(a[1], a[2]) for a in attempts(on_screen)] == [(False, "0"), (True, "1")]


def test_every_step_has_a_read_aloud_button_that_says_when_there_is_no_voice(
        qtbot, make_window, steps_pack, monkeypatch):
    # The mock engine has no Vietnamese voice: the button must say so and never hang.
    monkeypatch.setenv("KIOSK_READ_ALOUD", "true")
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")
    window = make_window()
    open_lesson_as_new_resident(window, "safety.steps", "Mã Văn Sáu")
    player = window.current_screen()
    button = player.read_button
    assert button.isVisible()
    qtbot.waitUntil(lambda: not button.isEnabled(), timeout=15_000)
    assert "Không có giọng đọc" in button.text()
    assert "tiếng Việt" in button.toolTip()
    assert "Sắp xếp các bước" in player.read_aloud_text()


def test_tap_and_spot_by_keyboard_alone(qtbot, on_screen):
    """Tab moves through the phone's targets; Space presses the one with focus."""
    screen = on_screen.current_screen()

    def press_with_keyboard(element_id: str) -> None:
        target = screen.view.phone.target(element_id)
        for _ in range(60):  # Tab until the target has the focus
            if target.hasFocus():
                break
            qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_Tab)
        assert target.hasFocus(), element_id
        qtbot.keyClick(target, Qt.Key.Key_Space)

    screen.view.phone.setFocus()
    press_with_keyboard("btn_activate")
    assert screen.view.done
    on_screen.flow.player.show_step(2)
    screen.view.phone.setFocus()
    press_with_keyboard("msg_link")
    assert screen.view.done


def test_auto_read_reads_each_step_as_it_is_shown(qtbot, make_window, steps_pack):
    """With auto-read on, showing a step hands its text to the voice (the mock engine's
    English voice stands in for the Vietnamese one, which it lacks)."""
    from ui.screens.player import PlayerScreen
    from ui.speech import Speaker

    window = make_window()
    lesson = window.station.pack.lessons["safety.steps"]
    speaker = Speaker("mock", language="en")
    player = PlayerScreen({}, speaker, auto_read=True)
    qtbot.addWidget(player)
    player.start(lesson, 0)
    qtbot.waitUntil(lambda: "Sắp xếp các bước" in speaker.text, timeout=15_000)
    player.show_step(1)
    qtbot.waitUntil(lambda: "đọc mã OTP" in speaker.text, timeout=15_000)
    speaker.close()


def test_type_by_a_physical_keyboard(qtbot, on_screen):
    on_screen.flow.player.show_step(1)
    view = on_screen.current_screen().view
    view.field.setFocus()
    qtbot.keyClicks(view.field, "0000000000")
    qtbot.keyClick(view.field, Qt.Key.Key_Return)
    assert view.done


class _Restyles(QObject):
    """Counts widgets styled again after they were polished (a StyleChange reaching a
    polished widget): what happens to a whole widget tree moved to another parent."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def eventFilter(self, watched, event) -> bool:
        if isinstance(watched, QWidget) and event.type() == QEvent.Type.StyleChange \
                and watched.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            self.names.append(f"{type(watched).__name__}:{watched.objectName()}")
        return False


def test_every_step_is_built_in_place_and_styled_once(qtbot, on_screen):
    # Styling is most of what showing a step costs: a step view, a practice phone or a
    # keyboard built elsewhere and then moved in is styled twice or three times over,
    # which made moving on to a practice step take 50-120 ms.
    player = on_screen.current_screen()
    restyles = _Restyles()
    QApplication.instance().installEventFilter(restyles)
    try:
        for index in range(len(player.lesson.all_steps)):
            player.show_step(index)
            qtbot.waitUntil(lambda: player.view.isVisible())
            QApplication.processEvents()
            assert restyles.names == [], (index, restyles.names[:10])
    finally:
        QApplication.instance().removeEventFilter(restyles)


def test_the_field_to_type_into_is_wholly_in_view_on_the_phone(qtbot, make_window):
    # The field sits low on some practice screens; the phone scrolls it into view, and
    # keeps it there while the step settles (the phone is fitted to the window after the
    # step is shown, which moves everything on it).
    from kiosk.lessons.schema import TypeStep

    window = make_window()
    typing = [(lesson, index) for lesson in window.station.pack.lessons.values()
              for index, step in enumerate(lesson.all_steps) if isinstance(step, TypeStep)]
    assert len(typing) >= 5
    open_lesson_as_new_resident(window, typing[0][0].id, "Đỗ Văn Hòa")
    for lesson, index in typing:
        window.flow.open_lesson(lesson)
        player = window.current_screen()
        player.show_step(index)
        field = player.view.field
        qtbot.waitUntil(lambda field=field: field.isVisible())
        qtbot.wait(30)  # the phone is fitted to the window, then scrolls again
        seen = field.visibleRegion().boundingRect().intersected(field.rect())
        assert seen == field.rect(), (lesson.id, index, seen, field.rect())
