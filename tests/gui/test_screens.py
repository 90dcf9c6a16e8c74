"""What a person sees: every screen fits the small 1280x720 kiosk, names show as typed,
and every bundled lesson can be walked through to the end."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk import paths, progress, residents
from kiosk.skills import Skill
from ui import screenshots
from ui.screens.result import CompletedScreen
from ui.screens.skills import SkillsScreen
from ui.theme import KEY_TOUCH, MIN_TOUCH


def test_every_screen_renders_at_both_sizes_without_growing(qtbot, tmp_path: Path,
                                                            monkeypatch):
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(paths.BUNDLED_LESSONS))
    written = screenshots.render(tmp_path)
    assert len(written) >= 2 * 15
    for path in written:
        image = QImage(str(path))
        expected = tuple(int(v) for v in path.stem.rsplit("-", 1)[1].split("x"))
        # A screen whose content needs more room makes the window bigger than the kiosk's
        # screen: on a real kiosk the bottom would be cut off.
        assert (image.width(), image.height()) == expected, path.name
        assert len({image.pixel(x, y) for x in range(0, image.width(), 40)
                    for y in range(0, image.height(), 40)}) > 3, f"{path.name} looks empty"


def visible_buttons(screen) -> list[QPushButton]:
    return [b for b in screen.findChildren(QPushButton) if b.isVisibleTo(screen)]


def overlapping(screen) -> list[str]:
    """Pairs of buttons drawn over each other (a squeezed layout does that)."""
    boxes = [(b.objectName() or b.text(), QRect(b.mapTo(screen, QPoint(0, 0)), b.size()))
             for b in visible_buttons(screen)]
    return [f"{a} / {b}" for i, (a, box) in enumerate(boxes) for b, other in boxes[i + 1:]
            if box.intersects(other)]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_touch_targets_are_big_enough_and_apart_on_every_screen(qtbot, make_window,
                                                                lessons_dir, size):
    window = make_window()
    window.resize(*size)
    for name, go in screenshots._scenes(window):
        go()
        qtbot.wait(1)
        screen = window.current_screen()
        for target in visible_buttons(screen):
            least = KEY_TOUCH if target.objectName().startswith("key_") else MIN_TOUCH
            assert target.height() >= least, (name, target.objectName(), target.height())
            assert target.width() >= least, (name, target.objectName(), target.width())
        assert not overlapping(screen), (name, overlapping(screen))


ODD_NAMES = [
    ("Nguyễn Thị Hương " * 12)[:199] + "Z",  # 200 characters
    "<b>& Lê \"Út\" 'Nhỏ'",
    unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh Ưng Đào"),
]


@pytest.mark.parametrize("typed", ODD_NAMES, ids=["200-chars", "markup", "decomposed"])
def test_odd_names_are_stored_nfc_and_shown_exactly(qtbot, touch, make_window, lessons_dir,
                                                    typed):
    window = make_window()
    touch(window, "start_new")
    touch(window, "consent_accept")
    screen = window.current_screen()
    screen.name_page.edit.setText(typed)  # as a physical keyboard or a scanner would
    touch(window, "identity_next")
    screen.year_page.edit.setText("1961")
    touch(window, "identity_next")
    touch(window, screen.hamlet_page.group.buttons()[0].objectName())
    touch(window, "identity_next")
    touch(window, "identity_next")
    touch(window, "identity_next")
    expected = unicodedata.normalize("NFC", typed)
    resident = window.flow.resident
    assert residents.get(window.station.db, resident.id).full_name == expected
    welcome = window.flow.registered.title
    assert welcome.text() == f"Chào mừng {expected}!"
    touch(window, "registered_go")
    skills = window.current_screen()
    assert isinstance(skills, SkillsScreen)
    assert skills.greeting.text() == f"Xin chào {expected}"
    # Shown as text, never as markup: "<b>&" stays visible instead of turning bold.
    for shown in (welcome, skills.greeting):
        assert isinstance(shown, QLabel) and shown.textFormat().name == "PlainText"
        assert shown.wordWrap()


def do_step_right(qtbot, touch, window, view, step) -> None:
    """What a resident who knows the answer does, for every step kind."""
    from PySide6.QtCore import Qt

    def tap(element_id: str) -> None:
        qtbot.mouseClick(view.phone.target(element_id), Qt.MouseButton.LeftButton)

    if step.kind == "choice":
        for key in sorted(step.correct_keys):
            touch(window, f"option_{key}")
        if step.multiple:
            touch(window, "choice_check")
    elif step.kind == "order":
        for index in range(len(step.items)):
            touch(window, f"order_{index}")
    elif step.kind == "tap":
        tap(step.target)
    elif step.kind == "spot":
        for target in step.targets:
            tap(target.id)
    elif step.kind == "type":
        view.field.setText(step.expect)
        qtbot.mouseClick(view.keyboard.key("done"), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("skill", list(Skill), ids=lambda skill: skill.value)
def test_every_bundled_lesson_can_be_completed(qtbot, touch, make_window, monkeypatch, skill):
    """A resident who knows every answer walks each lesson of the skill in order, then its
    final check, and completes the skill: no lesson is unfinishable."""
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(paths.BUNDLED_LESSONS))
    window = make_window()
    station = window.station
    assert not station.pack.problems
    hamlet = residents.list_hamlets(station.db)[0]
    resident = residents.register(station.db, full_name="Người Thử", birth_year=1960,
                                  hamlet_id=hamlet.id, consent_given=True)
    window.flow.sign_in(resident)
    lessons = station.pack.for_skill(skill)
    assert lessons
    for lesson in lessons:
        touch(window, f"skill_{lesson.skill.value}")
        touch(window, f"lesson_{lesson.id}")
        player = window.current_screen()
        for index, step in enumerate(lesson.all_steps):
            assert player.index == index
            do_step_right(qtbot, touch, window, player.view, step)
            assert player.view.done, (lesson.id, index)
            touch(window, "step_next")
        assert isinstance(window.current_screen(), CompletedScreen)
        touch(window, "completed_go")
        touch(window, "lessons_back")
    assert skill.title in window.flow.completed.message.text()
    states = progress.states(station.db, resident.id)
    assert {k for k, s in states.items() if s.completed} == {x.id for x in lessons}
    summary = progress.summarise(station.lessons_by_skill(), states)[skill]
    assert summary.done and summary.completed_at is not None


def test_every_skills_lesson_list_fits_a_720p_screen(qtbot, make_window, monkeypatch):
    """The skill with the most lessons scrolls its list rather than grow the window."""
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(paths.BUNDLED_LESSONS))
    window = make_window()
    hamlet = residents.list_hamlets(window.station.db)[0]
    window.flow.sign_in(residents.register(window.station.db, full_name="Người Thử",
                                           birth_year=1960, hamlet_id=hamlet.id,
                                           consent_given=True))
    longest = max(Skill, key=lambda skill: len(window.station.lessons(skill)))
    assert len(window.station.lessons(longest)) >= 5
    window.flow.to_lessons(longest)
    qtbot.wait(10)
    assert window.minimumSizeHint().height() <= 720
    assert window.height() == 720


def clipped_text(screen) -> list[str]:
    """Word-wrapped labels squeezed below the height their text needs."""
    clipped = []
    for shown in screen.findChildren(QLabel):
        if not shown.isVisibleTo(screen) or not shown.wordWrap() or not shown.text():
            continue
        needed = shown.heightForWidth(shown.width())
        if shown.height() < needed:
            clipped.append(f"{shown.text()[:40]!r}: {shown.height()} < {needed}")
    return clipped


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_no_text_is_clipped_on_any_screen(qtbot, make_window, size, monkeypatch):
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(paths.BUNDLED_LESSONS))
    window = make_window()
    window.resize(*size)
    problems = []
    for name, go in screenshots._scenes(window):
        go()
        qtbot.wait(1)
        problems += [f"{name}: {p}" for p in clipped_text(window.current_screen())]
    assert not problems, "\n".join(problems)


def test_the_text_size_setting_applies_to_every_screen(qtbot, make_window, monkeypatch,
                                                       lessons_dir):
    sizes = {}
    for setting in ("normal", "huge"):
        monkeypatch.setenv("KIOSK_TEXT_SIZE", setting)
        window = make_window()
        window.flow.begin_registration()
        consent = window.current_screen()
        body = next(w for w in consent.findChildren(QLabel) if w.text().startswith("•"))
        sizes[setting] = (window.welcome.status.font().pixelSize(), body.font().pixelSize(),
                          window.flow.consent.accept_button.font().pixelSize())
    assert all(h > n for n, h in zip(sizes["normal"], sizes["huge"], strict=True)), sizes
