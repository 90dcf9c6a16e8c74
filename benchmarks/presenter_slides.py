"""Time the presenter's slides inside one kiosk process; run by bench_presenter.py.

    python benchmarks/presenter_slides.py ROUNDS

Builds the kiosk window offscreen on a fresh database with the bundled lessons. For every
step of every lesson it times the room's view at 1920x1080 (a clicker's "next": the slide
built on the scaled stage and painted), and, as the baseline in the same process, the
kiosk's own player showing the same step in a 1920x1080 window. Then it ends a session of
40 people who passed, over the four lessons of one skill. Prints JSON: {"subject": [...],
"baseline": [...], "slides": N, "end": [seconds...]}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PEOPLE = 40


def main(rounds: int) -> None:
    from PySide6.QtWidgets import QApplication

    from benchmarks.kiosk_process import signed_in_kiosk
    from kiosk import group_sessions as gs
    from kiosk import residents
    from kiosk.db.models import StaffRole, StaffUser
    from kiosk.staff import StaffUserInfo
    from ui.presenter.audience import AudienceView
    from ui.presenter.deck import SlideKind, build_deck

    app, window, hamlet = signed_in_kiosk("kiosk-presenter-", (1920, 1080))
    flow, station = window.flow, window.station
    lessons = list(station.pack.lessons.values())
    room = AudienceView(station.pack.screens, len(lessons))
    room.resize(1920, 1080)
    room.show()
    slides = [s for s in build_deck(lessons) if s.kind is SlideKind.STEP]
    subject: list[float] = []
    baseline: list[float] = []
    for round_ in range(rounds + 1):  # the first round warms caches and is not kept
        for slide in slides:
            start = time.perf_counter()
            room.show_slide(slide)
            app.processEvents()
            room.repaint()
            middle = time.perf_counter()
            if flow.lesson is not slide.lesson:
                flow.lesson = slide.lesson
                flow.player.start(slide.lesson, 0)
                window.show_screen(flow.player)
                app.processEvents()
                middle = time.perf_counter()
            flow.player.show_step(slide.index)
            app.processEvents()
            window.repaint()
            end = time.perf_counter()
            if round_:
                subject.append(middle - start)
                baseline.append(end - middle)

    with station.db.begin() as session:
        row = StaffUser(username="bench", display_name="Người đo", role=StaffRole.TEAM_MEMBER,
                        pin_hash="!")
        session.add(row)
        session.flush()
        actor = StaffUserInfo(row.id, row.username, row.display_name, row.role)
    skill_lessons = min((x for x in station.lessons_by_skill().values() if x), key=len)
    ends: list[float] = []
    for _ in range(max(rounds // 2, 2)):
        info = gs.start(station.db, actor, hamlet_id=hamlet.id, place="Nhà văn hóa",
                        lesson_ids=[x.id for x in skill_lessons],
                        known_lessons=station.pack.lessons)
        for n in range(PEOPLE):
            someone = residents.register(station.db, full_name=f"Người Học {n}",
                                         birth_year=1950 + n % 30, hamlet_id=hamlet.id,
                                         consent_given=True)
            gs.check_in(station.db, actor, info.id, someone.id)
        gs.record_all_passed(station.db, actor, info.id)
        start = time.perf_counter()
        gs.end(station.db, actor, info.id, station.pack.lessons, station.lessons_by_skill())
        ends.append(time.perf_counter() - start)
    print(json.dumps({"subject": subject, "baseline": baseline, "slides": len(slides),
                      "end": ends}))
    room.close()
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
