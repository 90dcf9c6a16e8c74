"""Render every screen to PNG, offscreen, at the kiosk's 1920x1080 and a small 1280x720.

    kiosk screenshots DIR

Runs against a throw-away database in a temporary folder, with a demo resident part-way
through a lesson, so anyone can look at the whole UI without a display or a real kiosk.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

SIZES = ((1920, 1080), (1280, 720))


def _scenes(window) -> Iterator[tuple[str, Callable[[], None]]]:
    """(name, how to get there) for every screen and the states worth seeing."""
    from kiosk import residents

    flow = window.flow
    station = window.station
    hamlets = residents.list_hamlets(station.db)
    demo = residents.register(station.db, full_name="Nguyễn Thị Ánh Hồng", birth_year=1958,
                              hamlet_id=hamlets[0].id, phone="", consent_given=True)

    yield "01-welcome", lambda: window.show_screen(window.welcome)
    yield "02-consent", flow.begin_registration

    def register_page(index: int) -> Callable[[], None]:
        def go() -> None:
            flow._consented()
            flow.register.name_page.edit.setText("Trần Thị Lượng")
            flow.register.year_page.edit.setText("1956")
            flow.register.hamlet_page.group.button(hamlets[3].id).setChecked(True)
            flow.register.go_to(index)
        return go

    for i, name in enumerate(("name", "year", "hamlet", "phone", "summary")):
        yield f"03-register-{i + 1}-{name}", register_page(i)

    def registered() -> None:
        flow.registered.show_resident(demo.full_name, demo.code_display)
        window.show_screen(flow.registered)
    yield "04-registered", registered
    yield "05-code", flow.begin_return

    def not_found() -> None:
        flow.begin_return()
        flow.code.edit.setText("AAAAAA")
        flow.code.show_not_found()
    yield "05-code-not-found", not_found

    def choose() -> None:
        flow.choose.set_matches([demo])
        window.show_screen(flow.choose)
    yield "06-choose", choose

    def skills() -> None:
        flow.sign_in(demo)
    yield "07-skills-new", skills

    long_name = residents.register(
        station.db, full_name=("Tôn Nữ Thị Phương Thảo Nguyễn Hoàng " * 6)[:200],
        birth_year=1950, hamlet_id=hamlets[1].id, phone="", consent_given=True)

    def registered_long() -> None:
        flow.registered.show_resident(long_name.full_name, long_name.code_display)
        window.show_screen(flow.registered)
    yield "07-registered-long-name", registered_long
    yield "07-skills-long-name", lambda: flow.sign_in(long_name)

    lesson, choice_index = next((x, i) for x in station.pack.lessons.values()
                                for i, s in enumerate(x.steps) if s.kind == "choice")

    def player_explain() -> None:
        flow.sign_in(demo)
        flow.open_lesson(lesson)
        flow.player.show_step(0)
    yield "08-player-explain", player_explain

    def player_choice(answer: str | None) -> Callable[[], None]:
        def go() -> None:
            flow.sign_in(demo)
            flow.open_lesson(lesson)
            flow.player.furthest = 0
            flow.player.show_step(choice_index)
            view = flow.player.view
            if answer == "wrong":
                wrong = next(i for i, o in enumerate(view.step.options) if not o.correct)
                view.options[wrong].click()
                if view.step.multiple:
                    view.check()
            elif answer == "right":
                view.show_answer()
        return go
    yield "09-player-choice", player_choice(None)
    yield "10-player-choice-wrong", player_choice("wrong")
    yield "11-player-choice-right", player_choice("right")

    def skills_resume() -> None:
        flow.sign_in(demo)
    yield "12-skills-continue", skills_resume

    def lessons() -> None:
        flow.to_lessons(lesson.skill)
    yield "13-lessons", lessons

    with_outcome = next((x for x in station.pack.lessons.values() if x.outcome), lesson)

    def completed() -> None:
        flow.lesson = with_outcome
        flow.completed.show_lesson(with_outcome, skill_done=True)
        window.show_screen(flow.completed)
    yield "14-completed", completed

    def step_scene(lesson, index: int, show_me: bool = False) -> Callable[[], None]:
        def go() -> None:
            flow.sign_in(demo)
            flow.open_lesson(lesson)
            flow.player.furthest = 0
            flow.player.show_step(index)
            if show_me:
                flow.player.view.show_me()
        return go

    lessons_ = list(station.pack.lessons.values())
    for kind in ("order", "tap", "type", "spot"):
        found = next(((x, i) for x in lessons_ for i, s in enumerate(x.steps)
                      if s.kind == kind), None)
        if found:
            yield f"16-step-{kind}", step_scene(*found)
            yield f"16-step-{kind}-show-me", step_scene(*found, show_me=True)
    looked_at = next(((x, i) for x in lessons_ for i, s in enumerate(x.all_steps)
                      if s.kind == "choice" and s.screen), None)
    if looked_at:
        yield "16-step-choice-screen", step_scene(*looked_at)
    checked = next((x for x in lessons_ if x.check), None)
    if checked is not None:
        yield "17-check-question", step_scene(checked, len(checked.steps))

        def not_passed() -> None:
            flow.lesson = checked
            flow.completed.show_not_passed(checked, 1)
            window.show_screen(flow.completed)
        yield "17-check-not-passed", not_passed

    def idle_warning() -> None:
        step_scene(lesson, 0)()
        window._idle_warning(17)
    yield "18-idle-warning", idle_warning

    def error_notice() -> None:
        window._idle_warning_over()
        step_scene(lesson, 0)()
        window.recover_from_crash()
    yield "19-error-notice", error_notice


def _console_scenes(window) -> Iterator[tuple[str, Callable[[], None]]]:
    """The sign-in, then every console page as an admin sees it, over demo residents; a
    page (or the sign-in screen) with a `screenshot_scenes()` adds the states it wants
    seen."""
    from kiosk import demo_data
    from kiosk.db.models import StaffRole, StaffUser
    from kiosk.staff import StaffUserInfo
    from ui.console.window import PAGES

    station = window.station
    # Up to yesterday, so "this month" figures on the dashboard are not empty.
    demo_data.generate(station.db, station.lessons_by_skill(), count=400, seed=7,
                       anchor=demo_data.anchor_after(date.today() - timedelta(days=1)))
    with station.db.begin() as session:
        row = StaffUser(username="screenshots", display_name="Lê Thị Thu Hà",
                        role=StaffRole.ADMIN, pin_hash="!")
        session.add(row)
        session.flush()
        user = StaffUserInfo(row.id, row.username, row.display_name, row.role)

    yield "30-console-sign-in", lambda: window.show_console()
    login = window.current_screen()
    for name, go in getattr(login, "screenshot_scenes", lambda: [])():
        yield f"30-console-sign-in-{name}", go
    console = window.open_console(user)
    for number, page in enumerate(PAGES, start=31):
        def show(key: str = page.key) -> None:
            window.show_screen(console)
            console.open_page(key)
        yield f"{number}-console-{page.key}", show
        shown = console.open_page(page.key)
        for name, go in getattr(shown, "screenshot_scenes", lambda: [])():
            def then(go: Callable[[], None] = go, show=show) -> None:
                show()
                go()
            yield f"{number}-console-{page.key}-{name}", then


def _lesson_scenes(window, lesson_id: str) -> Iterator[tuple[str, Callable[[], None]]]:
    """Every step of one lesson as a resident first sees it, and hands-on steps and
    questions again with their answer shown: what a lesson author checks."""
    from kiosk import residents

    flow = window.flow
    lesson = window.station.pack.lessons.get(lesson_id)
    if lesson is None:
        raise SystemExit(f"không có bài “{lesson_id}” (hoặc bài có lỗi: kiosk lessons check)")
    hamlet = residents.list_hamlets(window.station.db)[0]
    demo = residents.register(window.station.db, full_name="Nguyễn Thị Ánh Hồng",
                              birth_year=1958, hamlet_id=hamlet.id, phone="",
                              consent_given=True)

    def step(index: int, answered: bool) -> Callable[[], None]:
        def go() -> None:
            flow.sign_in(demo)
            flow.lesson = lesson  # straight in, even to a final check not yet open
            flow.player.start(lesson, 0)
            window.show_screen(flow.player)
            flow.player.furthest = 0
            flow.player.show_step(index)
            if answered:
                flow.player.view.show_answer()
        return go

    for index, shown in enumerate(lesson.all_steps):
        name = f"{index + 1:02d}-{lesson.step_id(index)}"
        yield name, step(index, False)
        if shown.kind != "explain":
            yield f"{name}-answer", step(index, True)


def settle() -> None:
    """Let deferred layout finish (the phone places its PIN pads a turn later)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    for _ in range(3):
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


def render(out: Path, text_size: str | None = None, suffix: str = "",
           lesson: str | None = None, console: bool = False) -> list[Path]:

    from kiosk import settings
    from ui.app import create_app, prepare
    from ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    config = settings.load()
    if text_size:
        config = config.replace(text_size=text_size)
    app = create_app([])
    prepare(app, config)
    window = MainWindow(config)
    window.resize(*SIZES[0])
    window.show()
    window.finish_startup()
    if window.flow is None:
        raise SystemExit(window.startup_error or "start-up failed")
    written = []
    if console:
        scenes = _console_scenes(window)
    else:
        scenes = _lesson_scenes(window, lesson) if lesson else _scenes(window)
    for name, go in scenes:
        for width, height in SIZES:
            window.resize(width, height)
            go()
            settle()
            path = out / f"{name}{suffix}-{width}x{height}.png"
            window.grab().save(str(path))
            written.append(path)
    window.close()
    return written


def main(out: Path, all_text_sizes: bool = False, lesson: str | None = None,
         console: bool = False) -> int:
    """Every screen at both sizes; with `all_text_sizes`, at each of the three text sizes,
    plus every practice screen in out/phone."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        os.environ["KIOSK_DATA_DIR"] = tmp
        os.environ.setdefault("KIOSK_CONFIG", str(Path(tmp) / "settings.toml"))
        if not all_text_sizes:
            written = render(out, lesson=lesson, console=console)
        else:
            from ui.phone.gallery import render_gallery
            from ui.theme import TEXT_SIZES

            written = []
            for size in TEXT_SIZES:
                os.environ["KIOSK_DATA_DIR"] = str(Path(tmp) / size)
                written += render(out, size, f"-{size}")
                written += render(out, size, f"-{size}", console=True)
            written += render_gallery(out / "phone")
    print(f"{len(written)} ảnh màn hình trong {out}")
    return 0
