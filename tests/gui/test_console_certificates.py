"""The certificates page of the staff console: issue to a resident, print again, reissue
and revoke, each as the signed-in staff member and only as their role allows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk import printing, progress, residents
from kiosk.certificates import issuing
from kiosk.certificates.token import Status
from kiosk.db.models import AuditEntry, Certificate, CertificateKind, StaffRole
from kiosk.skills import Skill
from kiosk.staff import NotAllowed

LESSON = """\
id: safety.short
skill: safety
title: Bài ngắn
steps:
  - kind: explain
    text: Không đọc mã OTP cho ai.
"""


@pytest.fixture
def station_with_learner(make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A kiosk whose course is one safety lesson, and a resident who completed it."""
    folder = tmp_path / "pack" / "safety"
    folder.mkdir(parents=True)
    (folder / "short.yaml").write_text(LESSON, encoding="utf-8")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(folder.parent))
    window = make_window()
    station = window.station
    hamlet = residents.list_hamlets(station.db)[1]
    resident = residents.register(station.db, full_name="Đặng Thuỳ Dương", birth_year=1951,
                                  hamlet_id=hamlet.id, consent_given=True)
    progress.finish_step(station.db, resident.id, station.pack.lessons["safety.short"], 0)
    return window, resident


def issue_now(window, resident) -> issuing.IssuedCertificate:
    """Issued on the station's own authority, as when the resident asks at the kiosk."""
    station = window.station
    return issuing.issue(station.db, resident.id, CertificateKind.SKILL, Skill.SAFETY,
                         station.config, station.key,
                         lessons_by_skill=station.lessons_by_skill())


def audit_log(window) -> list[tuple[int | None, str, dict]]:
    with window.station.db() as session:
        return [(row.staff_user_id, row.action, json.loads(row.detail))
                for row in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def issued_section(qtbot, console, search: str = ""):
    """The "Đã cấp" section once its list is in, for what `search` finds."""
    panel = console.current_page().show_section("issued")
    if panel.search.text() != search:
        panel.search.setText(search)
        panel.look_up()
    qtbot.waitUntil(lambda: panel.searching is None and panel.loaded_for == search)
    return panel


def choose(qtbot, panel, serial: str) -> None:
    """Touch the certificate's row in the list."""
    row = panel.model.row_of(serial)
    assert row >= 0, f"{serial} is not listed"
    rect = panel.table.visualRect(panel.model.index(row, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.chosen().certificate.serial == serial


def type_text(widget, text: str) -> None:
    """Type as a keyboard with Vietnamese input does: one key event per letter, carrying the
    letter (QTest's keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for letter in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     letter))


def wait_idle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.busy and getattr(panel, "searching", None) is None)


def test_staff_find_a_resident_and_issue_what_they_completed(qtbot, touch, console_as,
                                                              station_with_learner):
    window, resident = station_with_learner
    window, console = console_as(StaffRole.STAFF, page="certificates", window=window)
    staff = console.ctx.user
    panel = console.current_page().show_section("issue")
    qtbot.keyClicks(panel.search, "dang thuy")  # no diacritics, start of words
    qtbot.waitUntil(lambda: panel.loaded_for == "dang thuy" and panel.searching is None)
    assert panel.model.rowCount() == 1
    rect = panel.people.visualRect(panel.model.index(0))
    qtbot.mouseClick(panel.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: panel.standing is not None and not panel.busy)
    assert panel.name.text() == "Đặng Thuỳ Dương"
    assert "print_safety" not in panel.buttons and "issue_shopping" not in panel.buttons
    qtbot.waitUntil(panel.buttons["issue_safety"].isVisible)  # shown on the next turn
    touch(window, "issue_safety")
    qtbot.waitUntil(lambda: not panel.busy and "print_safety" in panel.buttons)
    with window.station.db() as session:
        [row] = session.scalars(select(Certificate))
        serial, issued_by = row.serial, row.issued_by_id
    assert issued_by == staff.id
    assert f"Đã cấp chứng nhận số {serial}" in panel.status.text()
    assert audit_log(window)[-1] == (staff.id, "certificate.issue", {
        "serial": serial, "resident_id": resident.id, "kind": "skill", "skill": "safety"})
    assert window.station.verify_certificate(
        issuing.find(window.station.db, serial, window.station.config).token).valid


def test_revoking_asks_for_a_reason_and_the_code_then_reads_revoked(qtbot, touch, console_as,
                                                                     station_with_learner):
    window, resident = station_with_learner
    certificate = issue_now(window, resident)
    window, console = console_as(StaffRole.STAFF, page="certificates", window=window)
    panel = issued_section(qtbot, console)
    choose(qtbot, panel, certificate.serial)
    touch(window, "issued_revoke")
    assert panel.confirm.isVisible() and certificate.serial in panel.question.text()
    assert not panel.yes_button.isEnabled()  # no reason yet
    touch(window, "issued_cancel")  # changing one's mind changes nothing
    assert not panel.confirm.isVisible()
    assert window.station.verify_certificate(certificate.token).valid
    touch(window, "issued_revoke")
    type_text(panel.reason, "Cấp nhầm người")
    touch(window, "issued_yes")
    wait_idle(qtbot, panel)
    assert not panel.confirm.isVisible()
    assert panel.chosen().status is issuing.CertificateStatus.REVOKED
    assert panel.model.index(0, 4).data() == "Đã thu hồi"
    assert not panel.revoke_button.isEnabled() and not panel.print_button.isEnabled()
    result = window.station.verify_certificate(certificate.token)
    assert result.status is Status.REVOKED and "Cấp nhầm người" in result.message
    assert audit_log(window)[-1] == (console.ctx.user.id, "certificate.revoke", {
        "serial": certificate.serial, "resident_id": resident.id, "reason": "Cấp nhầm người"})


def test_a_reissue_replaces_the_old_certificate_and_the_new_one_verifies(
        qtbot, touch, console_as, station_with_learner):
    window, resident = station_with_learner
    old = issue_now(window, resident)
    window, console = console_as(StaffRole.STAFF, page="certificates", window=window)
    panel = issued_section(qtbot, console, old.serial)
    choose(qtbot, panel, old.serial)
    touch(window, "issued_reissue")
    assert old.serial in panel.question.text()
    touch(window, "issued_yes")
    qtbot.waitUntil(lambda: not panel.busy and panel.searching is None
                    and panel.chosen() is not None
                    and panel.chosen().certificate.serial != old.serial)
    new = panel.chosen().certificate
    assert new.replaces_id == old.id and panel.print_button.isEnabled()
    assert new.serial in panel.status.text()
    listed = issued_section(qtbot, console, "dang")
    assert [(c.certificate.serial, c.status) for c in listed.model._rows] == [
        (new.serial, issuing.CertificateStatus.VALID),
        (old.serial, issuing.CertificateStatus.REPLACED)]
    assert listed.model.index(1, 4).data() == f"Đã thay bằng số {new.serial}"
    stale = window.station.verify_certificate(old.token)
    assert stale.status is Status.REVOKED and new.serial in stale.message
    assert window.station.verify_certificate(new.token).valid
    assert audit_log(window)[-1][:2] == (console.ctx.user.id, "certificate.reissue")


def test_reprint_queues_a_job_and_shows_it_in_the_queue(qtbot, touch, console_as,
                                                        station_with_learner):
    window, resident = station_with_learner
    certificate = issue_now(window, resident)
    window, console = console_as(StaffRole.TEAM_MEMBER, page="certificates", window=window)
    page = console.current_page()
    panel = issued_section(qtbot, console)
    choose(qtbot, panel, certificate.serial)
    touch(window, "issued_print")
    qtbot.waitUntil(lambda: page.current_section() == "queue")
    [job] = printing.list_jobs(window.station.db, [printing.PrintJobStatus.QUEUED])
    assert job.serials == (certificate.serial,)
    assert page.queue.chosen().id == job.id  # chosen, ready for "In việc đã chọn"
    assert page.queue.print_one_button.isEnabled()
    assert page.tabs.tabText(page.tabs.indexOf(page.queue)) == "Chờ in (1)"
    assert audit_log(window)[-1] == (console.ctx.user.id, "certificate.print", {
        "serial": certificate.serial, "resident_id": resident.id, "job_id": job.id})


def test_a_team_member_verifies_and_prints_but_cannot_issue_or_revoke(
        qtbot, console_as, station_with_learner):
    window, resident = station_with_learner
    certificate = issue_now(window, resident)
    window, console = console_as(StaffRole.TEAM_MEMBER, page="certificates", window=window)
    page = console.current_page()
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs == ["Kiểm tra", "Chờ in", "Đã cấp"]
    assert page.show_section("issue") is None and not page.show_resident(resident.id)
    panel = issued_section(qtbot, console)
    choose(qtbot, panel, certificate.serial)
    assert panel.print_button.isVisible() and panel.print_button.isEnabled()
    for hidden in (panel.reissue_button, panel.revoke_button, panel.resident_button):
        assert not hidden.isVisible()
    station = window.station
    with pytest.raises(NotAllowed):  # whatever a screen might show, the core says no
        issuing.revoke(station.db, certificate.serial, "Thử", station.config,
                       actor=console.ctx.user)
    assert station.verify_certificate(certificate.token).valid


def test_staff_see_every_section_and_a_resident_opens_from_the_list(
        qtbot, touch, console_as, station_with_learner):
    window, resident = station_with_learner
    certificate = issue_now(window, resident)
    window, console = console_as(StaffRole.STAFF, page="certificates", window=window)
    page = console.current_page()
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs == ["Kiểm tra", "Chờ in", "Đã cấp", "Cấp cho người học"]
    panel = issued_section(qtbot, console, "thuy")
    choose(qtbot, panel, certificate.serial)
    touch(window, "issued_resident")
    assert page.current_section() == "issue"
    qtbot.waitUntil(lambda: page.issue.standing is not None and not page.issue.busy)
    assert page.issue.standing.person.id == resident.id
    assert "print_safety" in page.issue.buttons  # already issued: print, not issue again
