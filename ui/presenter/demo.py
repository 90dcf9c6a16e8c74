"""A session in progress over the demo data, for `kiosk screenshots DIR --console`: the
states of presenter mode worth looking at before a release."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QCoreApplication, Qt

from kiosk import group_sessions as gs
from kiosk import residents
from ui.presenter.deck import SlideKind

DEMO_PEOPLE = (("Nguyễn Thị Ánh Hồng", 1958), ("Trần Văn Bảy", 1949), ("Lê Thị Mười", 1961),
               ("Phạm Văn Tám", 1955), ("Huỳnh Thị Sáu", 1952), ("Võ Minh Nhật", 1966),
               ("Đặng Thùy Dương", 1970), ("Trịnh Quốc Khánh", 1959))


def screenshot_scenes(page) -> Iterator[tuple[str, Callable[[], None]]]:
    ctx = page.ctx
    pack = ctx.station.pack.lessons
    # A whole skill, final check included, so the report offers certificates: the skill
    # with the fewest lessons.
    by_skill = [lessons for lessons in ctx.station.lessons_by_skill().values() if lessons]
    lesson_ids = [x.id for x in min(by_skill, key=len)]
    state: dict[str, object] = {}

    def setup() -> None:
        page.show_setup()
        page.place.setText("Nhà văn hóa khóm")
        for i in range(page.lesson_list.count()):
            item = page.lesson_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in lesson_ids:
                item.setCheckState(Qt.CheckState.Checked)

    def presenter():
        """The demo session on screen (started the first time)."""
        if page.presenter is None:
            hamlet = residents.list_hamlets(ctx.db)[0]
            session = gs.start(ctx.db, ctx.user, hamlet_id=hamlet.id, place="Nhà văn hóa khóm",
                               lesson_ids=lesson_ids, known_lessons=pack)
            for name, year in DEMO_PEOPLE:
                person = residents.register(ctx.db, full_name=name, birth_year=year,
                                            hamlet_id=hamlet.id, consent_given=True)
                gs.check_in(ctx.db, ctx.user, session.id, person.id)
            page.present(session)
            page.presenter.control.roster.model.set_rows(gs.roster(ctx.db, session.id))
        controller = page.presenter
        page.window().show_screen(controller.frame)
        return controller

    def at(kind: str, reveal: bool = False, audience: bool = True) -> Callable[[], None]:
        def go() -> None:
            c = presenter()
            wanted = {"step": lambda s: s.kind is SlideKind.STEP and s.step.kind in (
                          "spot", "tap"),
                      "notes": lambda s: s.kind is SlideKind.STEP and bool(s.notes),
                      "lesson": lambda s: s.kind is SlideKind.LESSON,
                      "check": lambda s: s.kind is SlideKind.CHECK}[kind]
            c.go_to(next(i for i, s in enumerate(c.deck) if wanted(s)))
            if reveal:
                c.reveal()
            if c.showing_audience() != audience:
                c.toggle_view()
        return go

    def group_check() -> None:
        at("check", reveal=True, audience=False)()
        roster = page.presenter.control.roster
        for attendee in list(roster.model.rows)[:6]:
            roster.set_passed(attendee.resident_id, True)
        roster.set_passed(roster.model.rows[6].resident_id, False)

    def walk_in() -> None:
        at("notes", audience=False)()
        roster = page.presenter.control.roster
        roster.search.setText("Nguyễn Thị")
        roster._new_person()

    def ending() -> None:
        group_check()
        page.presenter.control.show_roster()
        page.presenter.control.ask_end()

    def report() -> None:
        if page.presenter is not None:
            ending = page.presenter.end("Lớp đông, nhiều người đã có VNeID.")
            ending.succeeded.connect(lambda report: state.update(report=report))
            ending.wait()
            QCoreApplication.processEvents()  # its signals: the presenter closes
        page.window().show_screen(page.window().current_screen())
        page.pages.setCurrentIndex(0)
        page.show_report(state.get("report"))

    yield "setup", setup
    yield "audience-title", at("lesson")
    yield "audience-step", at("step")
    yield "audience-answer", at("step", reveal=True)
    yield "control", at("notes", audience=False)
    yield "group-check", group_check
    yield "walk-in", walk_in
    yield "end", ending
    yield "report", report
