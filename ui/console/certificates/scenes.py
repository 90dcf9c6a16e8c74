"""The states of the certificates page worth a screenshot (`kiosk screenshots --console`).

They need certificates in every state, so the first scene makes some in the screenshots'
throw-away database: two residents who completed skills, a valid certificate, a revoked
one, a replaced one, and print jobs waiting (one with the reason it waits). Each scene
waits for the page's background work, so the picture shows the answer, not "loading".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEventLoop

from kiosk import printing, progress, residents
from kiosk.certificates import issuing, requests
from kiosk.certificates.issuing import IssuedCertificate
from kiosk.db.models import CertificateKind
from kiosk.skills import Skill


@dataclass(frozen=True)
class _Made:
    resident_id: int
    valid: IssuedCertificate
    revoked: IssuedCertificate


def _wait(done: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def _complete(station, resident_id: int, *skills: Skill) -> None:
    for skill in skills:
        for lesson in station.lessons(skill):
            if lesson.check is not None:
                progress.finish_check(station.db, resident_id, lesson,
                                      len(lesson.check.questions))
            else:
                progress.finish_step(station.db, resident_id, lesson,
                                     len(lesson.all_steps) - 1)


def _make(page) -> _Made:
    ctx = page.ctx
    station, actor = ctx.station, ctx.user
    hamlets = residents.list_hamlets(station.db)
    hong = residents.register(station.db, full_name="Nguyễn Thị Ánh Hồng", birth_year=1958,
                              hamlet_id=hamlets[0].id, consent_given=True)
    binh = residents.register(station.db, full_name="Trần Văn Bình", birth_year=1961,
                              hamlet_id=hamlets[-1].id, consent_given=True)
    _complete(station, hong.id, Skill.SAFETY, Skill.PAYMENT, Skill.PUBLIC_SERVICES)
    _complete(station, binh.id, Skill.SHOPPING)
    lessons = station.lessons_by_skill()

    def issue(person, skill):
        return issuing.issue(station.db, person.id, CertificateKind.SKILL, skill,
                             station.config, station.key, lessons_by_skill=lessons,
                             actor=actor)

    valid = issue(hong, Skill.SAFETY)
    revoked = issue(hong, Skill.PAYMENT)
    issuing.revoke(station.db, revoked.serial, "Cấp nhầm người: trùng tên với người khác.",
                   station.config, actor=actor)
    old = issue(binh, Skill.SHOPPING)
    new = issuing.reissue(station.db, old.serial, station.config, station.key, actor=actor)
    requests.reprint(station.db, valid.serial, station.config, actor=actor)
    waiting = requests.reprint(station.db, new.serial, station.config, actor=actor)
    # As a missing printer leaves a job: queued again, with the reason.
    printing.claim(station.db, waiting.id)
    printing.release(station.db, waiting.id, printing.no_default_printer())
    return _Made(hong.id, valid, revoked)


def scenes(page) -> Iterator[tuple[str, Callable[[], None]]]:
    made: list[_Made] = []

    def data() -> _Made:
        if not made:
            made.append(_make(page))
        return made[0]

    def verify(certificate: Callable[[], IssuedCertificate] | None) -> Callable[[], None]:
        def go() -> None:
            data()
            panel = page.show_section("verify")
            panel.input.setText(certificate().token if certificate else "")
            if certificate:
                panel.check()
            else:
                panel.show_result(None)
        return go

    def queue() -> None:
        data()
        panel = page.show_section("queue")
        panel.list.setCurrentIndex(panel.model.index(0))

    def issued(ask: str | None = None) -> Callable[[], None]:
        def go() -> None:
            made = data()
            panel = page.show_section("issued")
            panel.cancel_question()
            panel.say("")
            panel.search.setText("")
            panel.look_up()
            _wait(lambda: panel.searching is None and panel.loaded_for == "")
            panel.select_serial(made.valid.serial)
            if ask:
                panel.ask(ask)
                if ask == "revoke":
                    panel.reason.setText("Cấp nhầm: người học chưa làm bài kiểm tra cuối.")
        return go

    def issue(resident: bool) -> Callable[[], None]:
        def go() -> None:
            made = data()
            panel = page.show_section("issue")
            if resident:
                panel.show_resident(made.resident_id)
                _wait(lambda: not panel.busy and panel.standing is not None)
            else:
                panel.choose_another()
                panel.search.setText("nguyen thi")
                panel.look_up()
                _wait(lambda: panel.searching is None and panel.loaded_for == "nguyen thi")
        return go

    yield "verify", verify(None)
    yield "verify-valid", verify(lambda: data().valid)
    yield "verify-revoked", verify(lambda: data().revoked)
    yield "queue", queue
    yield "issued", issued()
    yield "issued-revoke", issued("revoke")
    yield "issued-reissue", issued("reissue")
    yield "issue", issue(False)
    yield "issue-resident", issue(True)
