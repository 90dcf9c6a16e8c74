"""Presenter mode driven as a team member drives it: the console's "Group sessions" page
starts a session, people are checked in (found by name, a scanned card, someone new with
consent), a clicker walks the slides, the group check is ticked, the session ends, and the
database holds what happened."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QListWidget
from sqlalchemy import select

from kiosk import progress, residents
from kiosk.db.models import (
    Attendance,
    AuditEntry,
    LessonProgress,
    PrintJob,
    ProgressStatus,
    Resident,
    SkillProgress,
    StaffRole,
)
from kiosk.skills import Skill
from ui.modes import Mode
from ui.presenter.deck import SlideKind

REPO = Path(__file__).resolve().parents[2]

CALLS = """\
id: safety.calls
skill: safety
title: Cuộc gọi giả công an
summary: Nhận ra cuộc gọi giả, biết cúp máy.
minutes: 10
steps:
  - kind: explain
    title: Kẻ gian gọi điện
    text: Kẻ gian hay gọi điện xưng là công an.
    notes: Hỏi cả lớp ai đã từng nhận cuộc gọi như vậy.
  - kind: tap
    screen: phone.incoming
    target: call_decline
    prompt: Số lạ gọi đến. Hãy chạm nút từ chối cuộc gọi.
    explain: Từ chối cuộc gọi lạ không có lỗi gì.
  - kind: choice
    prompt: Người lạ gọi xin mã OTP. Ông bà làm gì?
    options:
      - text: Đọc mã cho họ
      - text: Cúp máy, báo công an xã
        correct: true
check:
  pass_mark: 1
  questions:
    - kind: choice
      prompt: Ai được biết mã OTP?
      options:
        - text: Chỉ mình ông bà
          correct: true
        - text: Người gọi điện
"""

FINAL = """\
id: safety.final-check
skill: safety
title: Kiểm tra cuối kỹ năng
final: true
steps:
  - kind: explain
    text: Một câu hỏi.
check:
  pass_mark: 1
  questions:
    - kind: choice
      prompt: Công an có hỏi mã OTP qua điện thoại không?
      options:
        - text: Không bao giờ
          correct: true
        - text: Có
"""


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "pack"
    (root / "safety").mkdir(parents=True)
    (root / "safety" / "calls.yaml").write_text(CALLS, encoding="utf-8")
    (root / "safety" / "final-check.yaml").write_text(FINAL, encoding="utf-8")
    (root / "screens").symlink_to(REPO / "lessons" / "screens")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    return root


@pytest.fixture
def page(pack, console_as):
    window, console = console_as(StaffRole.TEAM_MEMBER, page="sessions",
                                 display_name="Tổ viên Lê Văn Tư")
    return window, console, console.current_page()


def type_text(widget, text: str) -> None:
    """Type as a keyboard with Vietnamese input does: QTest only knows ASCII keys, so a
    letter with diacritics arrives as a key event carrying its text."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, view, row: int, column: int = 0) -> None:
    """Touch a row of a list or table where a finger would."""
    if isinstance(view, QListWidget):
        rect = view.visualItemRect(view.item(row))
    else:
        rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def start_session(qtbot, page, lessons=("safety.calls", "safety.final-check"),
                  controls=True):
    """Start a session from the console page; with one screen it opens on the room's
    view, and `controls` switches to the team member's view as F5 does."""
    click(qtbot, page.start_button)
    type_text(page.place, "Nhà văn hóa khóm")
    items = [page.lesson_list.item(i) for i in range(page.lesson_list.count())]
    for item in items:
        if item.data(Qt.ItemDataRole.UserRole) in lessons:
            qtbot.mouseClick(page.lesson_list.viewport(), Qt.MouseButton.LeftButton,
                             pos=page.lesson_list.visualItemRect(item).center())
    assert page.chosen_lessons() == list(lessons)
    click(qtbot, page.begin_button)
    assert page.presenter is not None, page.setup_error.text()
    if controls and page.presenter.showing_audience():
        QTest.keyClick(page.presenter.audience, Qt.Key.Key_F5)
    return page.presenter


def audit_actions(db) -> list[str]:
    with db() as session:
        return [a.action for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
                if a.action.startswith("session.")]


def text_height_ok(view) -> tuple[float, float]:
    """The audience view's main text as drawn on the screen, and the least it may be."""
    main = view.main_text()
    assert main is not None
    return main.font().pixelSize() * view.stage.scale_factor, view.height() / 25


def test_a_whole_session_driven_by_clicker_keys(qtbot, page):
    window, console, sessions = page
    db = window.station.db
    hamlets = residents.list_hamlets(db)
    hong = residents.register(db, full_name="Nguyễn Thị Ánh Hồng", birth_year=1958,
                              hamlet_id=hamlets[0].id, consent_given=True)
    bay = residents.register(db, full_name="Trần Văn Bảy", birth_year=1949,
                             hamlet_id=hamlets[1].id, consent_given=True)

    c = start_session(qtbot, sessions, controls=False)
    assert window.modes.mode is Mode.PRESENTER
    # One screen: the room may be looking already, so the session opens on its view.
    assert window.current_screen() is c.frame and c.showing_audience()
    QTest.keyClick(c.audience, Qt.Key.Key_F5)
    assert c.frame.currentWidget() is c.control
    roster = c.control.roster

    # An existing resident, found by typing without diacritics, touched in the results.
    type_text(roster.search, "nguyen anh hong")
    qtbot.waitUntil(lambda: roster.results.isVisible() and roster.results.count() == 1)
    click_row(qtbot, roster.results, 0)
    assert [r.full_name for r in roster.model.rows] == ["Nguyễn Thị Ánh Hồng"]
    # A learner card scanned while nothing has the focus: the scanner types code + Enter.
    c.control.setFocus()
    QTest.keyClicks(c.control, bay.learner_code)
    QTest.keyClick(c.control, Qt.Key.Key_Return)
    assert [r.resident_id for r in roster.model.rows] == [hong.id, bay.id]
    # Someone new: nothing is saved before the consent, read aloud, is ticked.
    click(qtbot, roster.new_button)
    form = roster.form
    assert any("căn cước" in w.text() for w in form.findChildren(QLabel))
    type_text(form.name, "Lê Thị Mười")
    type_text(form.year, "1961")
    assert not form.save.isEnabled()
    click(qtbot, form.consent)
    click(qtbot, form.save)
    assert [r.full_name for r in roster.model.rows][-1] == "Lê Thị Mười"
    assert roster.counts.text() == "Đã điểm danh: 3 · Đạt: 0"

    # The room's view, in the same window (one screen): F5 switches.
    QTest.keyClick(c.control, Qt.Key.Key_F5)
    assert c.showing_audience()
    audience = c.audience
    assert c.slide.kind is SlideKind.LESSON
    assert audience.main_text().text() == "Cuộc gọi giả công an"
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right):  # the explanation, then the tap step
        QTest.keyClick(audience, key)
    assert c.slide.step.kind == "tap" and not c.revealed
    assert "ngắn" not in c.control.notes.text()
    QTest.keyClick(audience, Qt.Key.Key_Space)  # a question: first the answer...
    assert c.revealed
    assert audience.step_view.phone.target("call_decline").property("highlight")
    assert "Từ chối cuộc gọi lạ không có lỗi gì." in audience.step_view.feedback.text()
    QTest.keyClick(audience, Qt.Key.Key_PageDown)  # ...then the next step
    assert c.slide.step.kind == "choice" and not c.revealed
    QTest.keyClick(audience, Qt.Key.Key_PageUp)
    QTest.keyClick(audience, Qt.Key.Key_Left)
    assert c.slide.step.kind == "explain"
    assert c.control.notes.text() == "Hỏi cả lớp ai đã từng nhận cuộc gọi như vậy."
    # Black screen: B and "." toggle it, Esc always leaves it.
    QTest.keyClick(audience, Qt.Key.Key_B)
    assert audience.curtain.isVisible() and c.control.black_label.isVisibleTo(c.control)
    QTest.keyClick(audience, Qt.Key.Key_Period)
    assert not audience.curtain.isVisible()
    QTest.keyClick(audience, Qt.Key.Key_Period)
    QTest.keyClick(audience, Qt.Key.Key_Escape)
    assert not audience.black and c.showing_audience()
    shown, least = text_height_ok(audience)
    assert shown >= least

    # The group check: its question, its answer; then back to the roster to tick.
    while c.slide.kind is not SlideKind.CHECK:
        QTest.keyClick(audience, Qt.Key.Key_PageDown)
    assert audience.where.text() == "Kiểm tra nhóm"
    assert audience.main_text().text() == "Ai được biết mã OTP?"
    QTest.keyClick(audience, Qt.Key.Key_PageDown)
    right = audience.step_view.options[0]
    assert right.property("verdict") == "right"
    QTest.keyClick(audience, Qt.Key.Key_Escape)  # not black: back to the controls
    assert not c.showing_audience()
    click(qtbot, roster.all_passed)
    click_row(qtbot, roster.table, 1, column=roster.model.PASSED)  # he did not pass
    assert [r.passed for r in roster.model.rows] == [True, False, True]
    assert roster.counts.text() == "Đã điểm danh: 3 · Đạt: 2"

    click(qtbot, c.control.end_button)
    qtbot.waitUntil(lambda: "3 người đã điểm danh; 2 người đạt" in
                    c.control.end_summary.text())
    type_text(c.control.end_notes, "Lớp đông.")
    click(qtbot, c.control.end_confirm)
    qtbot.waitUntil(lambda: sessions.presenter is None)

    assert window.modes.mode is Mode.STAFF and window.current_screen() is console
    assert sessions.presenter is None and sessions.report is not None
    assert "2 người đạt kiểm tra nhóm" in sessions.report_text.text()
    with db() as session:
        attendance = {a.resident_id: a.passed_check
                      for a in session.scalars(select(Attendance))}
        muoi = session.scalar(select(Resident).where(Resident.full_name == "Lê Thị Mười"))
        rows = {(r.resident_id, r.lesson_id): r for r in session.scalars(select(LessonProgress))}
        skills = {r.resident_id: r for r in session.scalars(select(SkillProgress))}
    assert attendance == {hong.id: True, bay.id: False, muoi.id: True}
    assert muoi.consent_version == residents.CONSENT_VERSION
    for person in (hong.id, muoi.id):
        for lesson in ("safety.calls", "safety.final-check"):
            assert rows[(person, lesson)].status == ProgressStatus.COMPLETED
            assert rows[(person, lesson)].group_session_id == c.session.id
        assert skills[person].group_session_id == c.session.id
    assert not any(person == bay.id for person, _ in rows)
    summary = progress.summarise(window.station.lessons_by_skill(),
                                 progress.states(db, hong.id))
    assert summary[Skill.SAFETY].done
    assert audit_actions(db) == ["session.start", "session.check_in", "session.check_in",
                                 "session.check_in", "session.all_passed",
                                 "session.check_result", "session.end"]

    # Their certificates, in one batch for the print queue.
    assert sessions.queue_button.isVisible()
    assert sessions.certificates_text.text() == \
        "2 người đã hoàn thành kỹ năng trong buổi học này."
    click(qtbot, sessions.queue_button)
    qtbot.waitUntil(lambda: sessions.queueing is None, timeout=20_000)
    with db() as session:
        jobs = session.scalars(select(PrintJob)).all()
    assert len(jobs) == 1 and len(jobs[0].serials.splitlines()) == 2
    assert "2 giấy chứng nhận của 2 người" in sessions.certificates_text.text()
    assert not sessions.queue_button.isVisible()


def texts_shown(widget) -> list[str]:
    """Every text the control view shows: its visible labels, buttons, list rows, and the
    cells of its tables' visible columns."""
    from PySide6.QtWidgets import QAbstractButton, QTableView

    shown = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(
        QAbstractButton) if w.isVisible()]
    for found in widget.findChildren(QListWidget):
        if found.isVisible():
            shown += [found.item(row).text() for row in range(found.count())]
    for table in widget.findChildren(QTableView):
        model = table.model()
        if table.isVisible() and model is not None:
            shown += [str(model.index(row, column).data())
                      for row in range(model.rowCount())
                      for column in range(model.columnCount())
                      if not table.isColumnHidden(column)]
    return shown


def test_one_screen_opens_on_the_room_and_keeps_learner_codes_off_the_wall(
        qtbot, page, monkeypatch):
    """A laptop mirrored to the projector: the room never sees the roster by surprise,
    the way back to the controls is offered on the slide, and learner codes (which find
    a person's lessons at the kiosk) show only when asked."""
    from ui.presenter import audience as audience_module

    monkeypatch.setattr(audience_module, "WAY_BACK_MS", 300)
    window, _console, sessions = page
    db = window.station.db
    hamlet = residents.list_hamlets(db)[0]
    chin = residents.register(db, full_name="Đỗ Thị Chín", birth_year=1957,
                              hamlet_id=hamlet.id, consent_given=True)
    c = start_session(qtbot, sessions, lessons=("safety.calls",), controls=False)
    assert c.one_screen and c.showing_audience()
    assert not c.control.isVisible() and c.audience.isVisible()
    way_back = c.audience.way_back
    assert way_back.isVisible() and way_back.text() == "Về màn hình điều khiển (F5)"
    assert c.audience.rect().contains(way_back.geometry()) and way_back.height() >= 48
    qtbot.waitUntil(lambda: not way_back.isVisible(), timeout=3000)  # it goes by itself
    viewport = c.audience.stage.viewport()
    qtbot.mouseMove(viewport, viewport.rect().center())  # the team member is there
    qtbot.waitUntil(way_back.isVisible, timeout=1000)
    click(qtbot, way_back)
    assert not c.showing_audience() and c.control.isVisible()

    roster = c.control.roster
    roster.check_in(chin)
    type_text(roster.search, "do thi chin")
    qtbot.waitUntil(lambda: roster.results.isVisible() and roster.results.count() == 1)
    assert any("Đỗ Thị Chín" in text for text in texts_shown(c.control))
    assert not any(chin.code_display in text for text in texts_shown(c.control))
    click(qtbot, roster.codes)
    qtbot.waitUntil(lambda: chin.code_display in roster.results.item(0).text())
    assert chin.code_display in texts_shown(c.control)

    QTest.keyClick(c.control, Qt.Key.Key_F5)  # back to the room: the way back again
    assert c.showing_audience() and way_back.isVisible()
    QTest.keyClick(c.audience, Qt.Key.Key_B)  # a black screen stays wholly black
    assert c.black and not way_back.isVisible()
    qtbot.mouseMove(viewport, viewport.rect().topLeft())
    assert not way_back.isVisible()
    c.leave()


def test_leaving_keeps_the_session_open_to_continue_with_its_roster(qtbot, page):
    window, console, sessions = page
    db = window.station.db
    hamlet = residents.list_hamlets(db)[0]
    person = residents.register(db, full_name="Huỳnh Thị Sáu", birth_year=1955,
                                hamlet_id=hamlet.id, consent_given=True)
    c = start_session(qtbot, sessions, lessons=("safety.calls",))
    c.control.roster.check_in(person)
    click(qtbot, c.control.leave_button)
    assert window.modes.mode is Mode.STAFF and window.current_screen() is console
    qtbot.waitUntil(lambda: sessions.open_card.isVisible())
    assert "Huỳnh" not in sessions.open_text.text()
    click(qtbot, sessions.continue_button)
    again = sessions.presenter
    assert again is not None and again.session.id == c.session.id
    assert [r.full_name for r in again.control.roster.model.rows] == ["Huỳnh Thị Sáu"]
    assert window.modes.mode is Mode.PRESENTER
    again.leave()


def test_a_walk_in_with_a_wrong_year_is_told_why_and_nothing_is_stored(qtbot, page):
    window, _console, sessions = page
    c = start_session(qtbot, sessions, lessons=("safety.calls",))
    roster = c.control.roster
    type_text(roster.search, "Phạm Văn Tám")
    click(qtbot, roster.new_button)
    assert roster.form.name.text() == "Phạm Văn Tám"  # what was searched for is kept
    type_text(roster.form.year, "19")
    click(qtbot, roster.form.consent)
    click(qtbot, roster.form.save)
    assert roster.form.error.text() == "Anh/chị hãy nhập năm sinh, ví dụ 1958." or \
        roster.form.error.text() == "Anh/chị hãy xem lại năm sinh."
    with window.station.db() as session:
        assert session.scalars(select(Resident)).all() == []
    assert roster.model.rows == []
    c.leave()


def test_a_code_nobody_has_is_said_and_typing_in_the_search_box_is_not_a_clicker(
        qtbot, page):
    window, _console, sessions = page
    db = window.station.db
    hamlet = residents.list_hamlets(db)[0]
    c = start_session(qtbot, sessions, lessons=("safety.calls",))
    roster = c.control.roster
    roster.search.setFocus()
    type_text(roster.search, "Bùi Văn")  # B and the space are letters here
    assert roster.search.text() == "Bùi Văn" and not c.black and c.position == 0
    QTest.keyClick(roster.search, Qt.Key.Key_PageDown)  # the clicker still works
    assert c.position == 1
    roster.search.clear()
    type_text(roster.search, "ACD-34E")
    QTest.keyClick(roster.search, Qt.Key.Key_Return)
    assert roster.message.text() == "Không có người học nào mang mã ACD 34E."
    for name in ("Võ Văn Một", "Võ Văn Hai"):
        roster.check_in(residents.register(
            db, full_name=name, birth_year=1950, hamlet_id=hamlet.id, consent_given=True))
    for row in range(roster.model.rowCount()):  # finger-sized rows
        assert roster.table.rowHeight(row) >= 48
    c.leave()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_text_on_the_projector_reads_from_the_back_of_the_room(qtbot, make_window,
                                                                     size):
    """At least 1/25 of the screen's height, for every slide of two real lessons: the
    slide's main text and every other text outside the practice phone."""
    from ui.presenter.audience import AudienceView
    from ui.presenter.deck import build_deck

    window = make_window()
    pack = window.station.pack
    lessons = [pack.lessons["safety.otp-scam-calls"], pack.lessons["platforms.vneid-activate"]]
    view = AudienceView(pack.screens, len(lessons))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    least = size[1] / 25
    for slide in build_deck(lessons):
        view.show_slide(slide)
        if slide.asks:
            view.reveal()
        shown, _least = text_height_ok(view)
        assert shown >= least, (slide, shown)
        phone = view.step_view.phone if view.step_view is not None else None
        for found in view.content.findChildren(QLabel):
            if not found.isVisibleTo(view.content) or not found.text():
                continue
            if phone is not None and phone.isAncestorOf(found):
                continue
            drawn = found.fontInfo().pixelSize() * view.stage.scale_factor
            assert drawn >= least, (found.text(), drawn, slide)


def longest_explanation(pack):
    """The bundled step that says the most when its answer is revealed, and its lesson."""
    from kiosk.lessons.schema import SpotStep

    def said(step) -> str:
        explain = getattr(step, "explain", None) or ""
        if isinstance(step, SpotStep):
            explain = explain or " ".join(t.why for t in step.targets)
        return explain

    return max(((lesson, step) for lesson in pack.lessons.values() for step in lesson.steps
                if said(step)), key=lambda pair: len(said(pair[1])))


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_revealed_answer_fits_the_slide_whole(qtbot, make_window, size):
    """Revealing the longest explanation of the bundled lessons leaves no line of the
    slide cut by the edge of the screen: the prompt's first line and the explanation's last
    are both in view, and the text stays large enough for the back of the room."""
    from ui.presenter.audience import AudienceView
    from ui.presenter.deck import build_deck

    window = make_window()
    lesson, step = longest_explanation(window.station.pack)
    view = AudienceView(window.station.pack.screens, 1)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.show_slide(next(s for s in build_deck([lesson]) if s.step is step))
    view.reveal()
    qtbot.wait(50)  # the slide settles after the reveal
    viewport = view.scroll.viewport()
    texts = [found for found in view.scroll.widget().findChildren(QLabel)
             if found.isVisibleTo(viewport) and found.text()]
    prompt = next(found for found in texts if found.property("role") == "question")
    feedback = view.step_view.feedback
    assert feedback in texts
    for found in texts:
        top = found.mapTo(viewport, found.rect().topLeft()).y()
        bottom = found.mapTo(viewport, found.rect().bottomLeft()).y()
        assert top >= 0 and bottom < viewport.height(), (found.text(), top, bottom)
    assert prompt.mapTo(viewport, prompt.rect().topLeft()).y() >= 0
    least = size[1] / 25
    for found in [*texts, view.where, view.count]:
        drawn = found.fontInfo().pixelSize() * view.stage.scale_factor
        assert drawn >= least, (found.text(), drawn)


def test_two_screens(qtbot, page):
    """The room's view fills the projector, full screen; the team member's view stays in
    the kiosk window; the clicker works on either."""
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        pytest.skip("only one screen here (offscreen has one unless given a configfile: "
                    "test_two_virtual_screens runs this test with two)")
    window, console, sessions = page
    c = start_session(qtbot, sessions, lessons=("safety.calls",))
    assert not c.one_screen and c.projector is screens[1]
    room = c.audience.window()
    assert room is not window and room.screen() is screens[1]
    assert room.isFullScreen() and room.geometry() == screens[1].geometry()
    assert window.current_screen() is c.frame and c.frame.count() == 1
    assert not c.control.toggle_button.isVisible()
    QTest.keyClick(c.audience, Qt.Key.Key_PageDown)
    QTest.keyClick(c.control, Qt.Key.Key_PageDown)
    assert c.position == 2
    QTest.keyClick(c.control, Qt.Key.Key_F5)  # nothing to switch with two screens
    assert c.frame.currentWidget() is c.control
    c.leave()
    assert not room.isVisible() and window.current_screen() is console


@pytest.mark.slow
def test_two_virtual_screens(tmp_path):
    """The offscreen platform takes a list of screens from a file: run the two-screen test
    there, with a 1280x720 laptop beside a 1920x1080 projector."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
         f"{Path(__file__)}::test_two_screens"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_the_control_view_tells_the_room_and_the_notes(qtbot, page):
    _window, _console, sessions = page
    click(qtbot, sessions.start_button)
    # With one screen nothing is asked: the room's view shares the window.
    assert sessions.screen_choice.isHidden() == (len(QGuiApplication.screens()) < 2)
    click(qtbot, sessions.findChild(type(sessions.start_button), "setup_cancel"))
    c = start_session(qtbot, sessions, lessons=("safety.calls",))
    control = c.control
    assert control.position_label.text().startswith("Bài 1/1")
    c.next()
    assert control.notes.text() == "Hỏi cả lớp ai đã từng nhận cuộc gọi như vậy."
    assert control.next_label.text() == "Tiếp theo: Số lạ gọi đến. Hãy chạm nút từ chối " \
                                        "cuộc gọi."
    c.next()
    assert control.next_button.text() == "Hiện đáp án"  # a question: first its answer
    click(qtbot, control.next_button)
    assert c.revealed and control.next_button.text() == "Tiếp"
    assert control.clock.text().count(":") == 1
    click(qtbot, control.findChild(type(control.end_button), "control_group_check"))
    assert c.slide.kind is SlideKind.CHECK_INTRO
    c.leave()


def _slide_texts_out_of_place(view, least: float) -> list[tuple]:
    """Every visible text of the audience view's slide that is cut by the edge of the
    visible area or drawn smaller than `least` screen pixels (the practice phone, which
    scrolls inside itself at the kiosk's own sizes, aside)."""
    viewport = view.scroll.viewport()
    phone = view.phone
    wrong = []
    page = view.scroll.widget()
    slide_texts = [found for found in page.findChildren(QLabel)
                   if found.isVisibleTo(viewport) and found.text()
                   and not (phone is not None and phone.isAncestorOf(found))]
    for found in slide_texts:
        top_left = found.mapTo(viewport, found.rect().topLeft())
        bottom_right = found.mapTo(viewport, found.rect().bottomRight())
        if (top_left.y() < 0 or top_left.x() < 0 or bottom_right.y() >= viewport.height()
                or bottom_right.x() >= viewport.width()):
            wrong.append(("cut", found.text()[:40], top_left.y(), bottom_right.y(),
                          viewport.height()))
    content = view.content.rect()
    for found in [*slide_texts, view.where, view.count]:
        if found in (view.where, view.count):
            if not found.text():
                continue
            box = found.rect().translated(found.mapTo(view.content, found.rect().topLeft()))
            if not content.contains(box):
                wrong.append(("cut", found.text()[:40], box.top(), box.bottom(),
                              content.height()))
        drawn = found.fontInfo().pixelSize() * view.stage.scale_factor
        if drawn < least:
            wrong.append(("small", found.text()[:40], drawn, least))
    return wrong


def most_crowded_slides(pack):
    """The bundled order step with the most to read before its answer is shown, and the
    question with the most to read once it is: the two kinds that needed more room than
    the slide gives at first."""
    from kiosk.lessons.schema import ChoiceStep, OrderStep
    from ui.presenter.deck import build_deck

    def words(step) -> int:
        if isinstance(step, OrderStep):
            return len(step.prompt) + sum(map(len, step.items))
        right = [o.text for i, o in enumerate(step.options) if i in step.correct_keys]
        return len(step.prompt) + sum(map(len, right)) + len(step.explain or "")

    slides = [s for s in build_deck(list(pack.lessons.values())) if s.step is not None]
    order = max((s for s in slides if isinstance(s.step, OrderStep)),
                key=lambda s: (len(s.step.items), words(s.step)))
    choice = max((s for s in slides if isinstance(s.step, ChoiceStep)),
                 key=lambda s: words(s.step))
    return [(order, False), (choice, True)]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_most_crowded_slides_fit_whole(qtbot, make_window, size):
    """Six framed order items, and a revealed question whose right options go to two
    columns, lie whole on the slide at a size the back of the room reads."""
    from ui.presenter.audience import AudienceView

    window = make_window()
    pack = window.station.pack
    view = AudienceView(pack.screens, 1)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    for slide, reveal in most_crowded_slides(pack):
        view.show_slide(slide)
        if reveal:
            QApplication.processEvents()
            view.reveal()
        QApplication.processEvents()
        QApplication.processEvents()
        assert _slide_texts_out_of_place(view, size[1] / 25) == [], slide


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_slide_of_every_bundled_lesson_fits_whole(qtbot, make_window, size):
    """Every step of every bundled lesson, before and after its answer is revealed, shows
    every text of the slide whole inside the visible area and at least 1/25 of the screen
    height: nothing for the room to scroll to, nothing too small to read."""
    from ui.presenter.audience import AudienceView
    from ui.presenter.deck import build_deck

    window = make_window()
    pack = window.station.pack
    lessons = sorted(pack.lessons.values(), key=lambda lesson: lesson.id)
    view = AudienceView(pack.screens, len(lessons))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    least = size[1] / 25
    failures = []
    checked = 0

    def settle_and_check(slide, state: str) -> None:
        nonlocal checked
        QApplication.processEvents()  # the fit runs once the slide is laid out
        QApplication.processEvents()
        checked += 1
        failures.extend((slide.lesson.id if slide.lesson else "-", slide.number, state, *w)
                        for w in _slide_texts_out_of_place(view, least))

    for slide in build_deck(lessons):
        view.show_slide(slide)
        settle_and_check(slide, "shown")
        if slide.asks:
            view.reveal()
            settle_and_check(slide, "revealed")
    assert checked > 2 * len(lessons)
    assert not failures, f"{len(failures)} texts of {checked} slides:\n" + "\n".join(
        map(str, failures[:60]))
