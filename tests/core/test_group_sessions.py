"""Group sessions on a real SQLite file and a real PostgreSQL server: starting, the roster,
the group check, ending (completion as done in a group) and the certificates that follow."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from kiosk import group_sessions as gs
from kiosk import progress, residents, settings
from kiosk.certificates import keys
from kiosk.db.engine import open_database
from kiosk.db.models import (
    Attendance,
    AuditEntry,
    Certificate,
    LessonProgress,
    PrintJob,
    ProgressStatus,
    Resident,
    SkillProgress,
    StaffRole,
    StaffUser,
)
from kiosk.demo import DEMO_HAMLETS
from kiosk.lessons.schema import Lesson
from kiosk.skills import Skill
from kiosk.staff import StaffUserInfo
from kiosk.text import InvalidInput


def lesson(skill: Skill, name: str, *, final: bool = False) -> Lesson:
    data = {"id": f"{skill.value}.{name}", "skill": skill.value, "title": f"Bài {name}",
            "steps": [{"kind": "explain", "text": "Một bước"}]}
    if final:
        data["final"] = True
        data["check"] = {"pass_mark": 1, "questions": [{
            "kind": "choice", "prompt": "Câu hỏi?",
            "options": [{"text": "Đúng", "correct": True}, {"text": "Sai"}]}]}
    return Lesson.model_validate(data)


SAFETY = [lesson(Skill.SAFETY, "calls"), lesson(Skill.SAFETY, "links"),
          lesson(Skill.SAFETY, "final", final=True)]
PAYMENT = [lesson(Skill.PAYMENT, "qr"), lesson(Skill.PAYMENT, "final", final=True)]
BY_SKILL = {skill: [] for skill in Skill} | {Skill.SAFETY: SAFETY, Skill.PAYMENT: PAYMENT}
LESSONS = {x.id: x for x in SAFETY + PAYMENT}


@pytest.fixture
def config(request) -> settings.Settings:
    if "db_url" in request.fixturenames:
        request.getfixturevalue("db_url")  # a server's URL goes into the settings first
    return settings.load()


@pytest.fixture
def hamlets(db):
    return residents.list_hamlets(db)


def add_staff(db, role: StaffRole = StaffRole.TEAM_MEMBER, name="Tổ viên Lê Văn Tư"):
    with db.begin() as session:
        row = StaffUser(username=f"{role.value}-{name[-2:]}", display_name=name, role=role,
                        pin_hash="!")
        session.add(row)
        session.flush()
        return StaffUserInfo(row.id, row.username, row.display_name, role)


@pytest.fixture
def member(db) -> StaffUserInfo:
    return add_staff(db)


def person(db, hamlets, name="Nguyễn Thị Ánh Hồng", year=1958, hamlet=0):
    return residents.register(db, full_name=name, birth_year=year,
                              hamlet_id=hamlets[hamlet].id, consent_given=True)


def start(db, member, hamlets, lesson_ids=tuple(x.id for x in SAFETY)):
    return gs.start(db, member, hamlet_id=hamlets[0].id, place="Nhà văn hóa khóm",
                    lesson_ids=list(lesson_ids), known_lessons=LESSONS)


def audit_log(db) -> list[tuple[str, dict]]:
    with db() as session:
        return [(a.action, json.loads(a.detail or "{}")) for a in
                session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


# --- starting ------------------------------------------------------------------------------

def test_a_session_starts_with_its_khom_place_and_lessons(db, member, hamlets):
    info = start(db, member, hamlets)
    assert info.is_open and info.hamlet_name == hamlets[0].name
    assert info.place == "Nhà văn hóa khóm" and info.team_member_name == "Tổ viên Lê Văn Tư"
    assert info.lesson_ids == tuple(x.id for x in SAFETY)
    assert [s.id for s in gs.open_sessions(db)] == [info.id]
    assert audit_log(db) == [("session.start", {
        "session_id": info.id, "hamlet_id": hamlets[0].id,
        "lessons": [x.id for x in SAFETY]})]


@pytest.mark.parametrize(("change", "field"), [
    ({"lesson_ids": []}, "lessons"),
    ({"lesson_ids": ["safety.nothing"]}, "lessons"),
    ({"hamlet_id": None}, "hamlet"),
    ({"hamlet_id": 9999}, "hamlet"),
    ({"place": "x" * 201}, "place"),
])
def test_a_session_that_cannot_start_says_why_and_stores_nothing(db, member, hamlets,
                                                                 change, field):
    arguments = {"hamlet_id": hamlets[0].id, "place": "Nhà ông Tám",
                 "lesson_ids": ["safety.calls"], "known_lessons": LESSONS} | change
    with pytest.raises(gs.SessionError) as error:
        gs.start(db, member, **arguments)
    assert error.value.field == field and error.value.message
    assert gs.list_sessions(db) == [] and audit_log(db) == []


# --- the roster ----------------------------------------------------------------------------

def test_check_ins_are_committed_at_once_and_survive_closing_the_program(db, member, hamlets,
                                                                        config):
    info = start(db, member, hamlets)
    known = person(db, hamlets)
    first = gs.check_in(db, member, info.id, known.id)
    again = gs.check_in(db, member, info.id, known.id)
    assert first.new and not again.new
    # The program is closed mid-session: a new connection to the same file sees the roster.
    db.kw["bind"].dispose()
    reopened = open_database(config.effective_database_url, DEMO_HAMLETS)
    assert [a.full_name for a in gs.roster(reopened, info.id)] == ["Nguyễn Thị Ánh Hồng"]
    assert gs.open_sessions(reopened)[0].attended == 1


def test_a_scanned_learner_card_checks_its_holder_in(db, member, hamlets):
    info = start(db, member, hamlets)
    holder = person(db, hamlets, "Trần Văn Bảy", 1949)
    scanned = f"{holder.learner_code[:3].lower()}-{holder.learner_code[3:]}"
    assert gs.check_in_code(db, member, info.id, scanned).attendee.resident_id == holder.id
    assert gs.check_in_code(db, member, info.id, "AAAAAA") is None
    assert len(gs.roster(db, info.id)) == 1


def test_a_walk_in_is_registered_with_consent_and_checked_in(db, member, hamlets):
    info = start(db, member, hamlets)
    with pytest.raises(InvalidInput) as refused:
        gs.register_walk_in(db, member, info.id, full_name="Lê Thị Mười", birth_year=1961,
                            hamlet_id=hamlets[1].id, consent_given=False)
    assert refused.value.field == "consent"
    with pytest.raises(InvalidInput) as bad_year:
        gs.register_walk_in(db, member, info.id, full_name="Lê Thị Mười", birth_year="19",
                            hamlet_id=hamlets[1].id, consent_given=True)
    assert bad_year.value.field == "birth_year"
    with db() as session:
        assert session.scalars(select(Resident)).all() == []
    walked_in = gs.register_walk_in(db, member, info.id, full_name="  lê thị   Mười ",
                                    birth_year="1961", hamlet_id=hamlets[1].id,
                                    phone="0912 345 678", consent_given=True)
    assert walked_in.new and walked_in.attendee.full_name == "lê thị Mười"
    assert walked_in.attendee.hamlet_name == hamlets[1].name
    with db() as session:
        stored = session.scalars(select(Resident)).one()
    assert stored.consent_version == residents.CONSENT_VERSION
    assert stored.phone == "0912345678"
    assert ("session.check_in", {"session_id": info.id, "resident_id": stored.id,
                                 "learner_code": stored.learner_code,
                                 "registered_now": True}) in audit_log(db)


def test_search_ignores_case_and_diacritics_and_takes_a_birth_year_or_code(db, hamlets):
    hong = person(db, hamlets, "Nguyễn Thị Ánh Hồng", 1958)
    person(db, hamlets, "Nguyễn Thị Ánh Hồng", 1971)
    dung = person(db, hamlets, "Đặng Văn Dũng", 1950)
    assert {r.birth_year for r in gs.search(db, "nguyen thi anh")} == {1958, 1971}
    assert [r.id for r in gs.search(db, "NGUYỄN hồng 1958")] == [hong.id]
    assert [r.id for r in gs.search(db, "ng ho 1958")] == [hong.id]  # starts of words
    assert [r.id for r in gs.search(db, "dang dung")] == [dung.id]  # đ typed as d
    assert [r.id for r in gs.search(db, dung.code_display)] == [dung.id]
    assert gs.search(db, "   ") == [] and gs.search(db, "nguyen 1990") == []
    assert gs.search(db, "100%_") == []


def test_a_mistaken_check_in_is_taken_back(db, member, hamlets):
    info = start(db, member, hamlets)
    known = person(db, hamlets)
    gs.check_in(db, member, info.id, known.id)
    gs.undo_check_in(db, member, info.id, known.id)
    assert gs.roster(db, info.id) == []
    assert audit_log(db)[-1] == ("session.check_in_undo", {
        "session_id": info.id, "resident_id": known.id, "learner_code": known.learner_code})


# --- the group check and the end -----------------------------------------------------------

def test_ending_completes_the_lessons_as_done_in_the_group_for_those_who_passed(
        db, member, hamlets):
    info = start(db, member, hamlets)
    passed = person(db, hamlets, "Nguyễn Thị Ánh Hồng", 1958)
    failed = person(db, hamlets, "Trần Văn Bảy", 1949)
    alone = person(db, hamlets, "Lê Thị Mười", 1961)
    # She had done the first lesson alone at the kiosk, weeks ago.
    progress.finish_step(db, alone.id, SAFETY[0], 0)
    for one in (passed, failed, alone):
        gs.check_in(db, member, info.id, one.id)
    gs.record_all_passed(db, member, info.id)
    gs.record_check(db, member, info.id, failed.id, False)

    preview = gs.preview(db, info.id, LESSONS, BY_SKILL)
    assert progress.states(db, passed.id) == {}  # a preview changes nothing
    report = gs.end(db, member, info.id, LESSONS, BY_SKILL, notes="Cả lớp hăng hái.")
    assert preview.completions == report.completions

    assert report.session.ended_at is not None and report.session.notes == "Cả lớp hăng hái."
    assert (report.session.attended, report.session.passed) == (3, 2)
    by_person = {c.resident_id: c for c in report.completions}
    assert set(by_person) == {passed.id, alone.id}
    assert by_person[passed.id].lessons == tuple(x.id for x in SAFETY)
    assert by_person[passed.id].skills == (Skill.SAFETY,)
    assert by_person[alone.id].already == ("safety.calls",)
    with db() as session:
        rows = {(r.resident_id, r.lesson_id): r for r in session.scalars(select(LessonProgress))}
        skills = {r.resident_id: r for r in session.scalars(select(SkillProgress))}
    for lesson_ in SAFETY:
        row = rows[(passed.id, lesson_.id)]
        assert row.status == ProgressStatus.COMPLETED and row.group_session_id == info.id
    assert rows[(alone.id, "safety.calls")].group_session_id is None  # done alone: kept so
    assert rows[(alone.id, "safety.links")].group_session_id == info.id
    assert not any(resident == failed.id for resident, _ in rows)
    assert skills[passed.id].completed_at is not None
    assert skills[passed.id].group_session_id == info.id
    summary = progress.summarise(BY_SKILL, progress.states(db, passed.id))
    assert summary[Skill.SAFETY].done and not summary[Skill.PAYMENT].done
    actions = [action for action, _ in audit_log(db)]
    assert actions.count("session.check_in") == 3
    assert actions[-3:] == ["session.all_passed", "session.check_result", "session.end"]
    assert audit_log(db)[-1][1] == {"session_id": info.id, "attended": 3, "passed": 2,
                                   "lessons_completed": 5, "skills_completed": 2}


def test_a_final_check_waits_for_the_skills_other_lessons(db, member, hamlets):
    info = start(db, member, hamlets, lesson_ids=["payment.final"])
    newcomer = person(db, hamlets)
    gs.check_in(db, member, info.id, newcomer.id)
    gs.record_check(db, member, info.id, newcomer.id, True)
    report = gs.end(db, member, info.id, LESSONS, BY_SKILL)
    assert report.completions[0].locked == ("payment.final",)
    assert report.completions[0].lessons == () and report.skills_completed == 0
    assert progress.states(db, newcomer.id).get("payment.final") is None


def test_audit_details_never_name_a_resident(db, member, hamlets):
    info = start(db, member, hamlets)
    gs.register_walk_in(db, member, info.id, full_name="Huỳnh Thị Sáu", birth_year=1955,
                        hamlet_id=hamlets[0].id, phone="0912345678", consent_given=True)
    gs.record_all_passed(db, member, info.id)
    gs.end(db, member, info.id, LESSONS, BY_SKILL)
    with db() as session:
        details = " ".join(a.detail or "" for a in session.scalars(select(AuditEntry)))
    assert "Huỳnh" not in details and "1955" not in details and "0912345678" not in details


def test_an_ended_session_takes_no_more_changes(db, member, hamlets):
    info = start(db, member, hamlets)
    known = person(db, hamlets)
    gs.check_in(db, member, info.id, known.id)
    gs.end(db, member, info.id, LESSONS, BY_SKILL)
    for change in (lambda: gs.check_in(db, member, info.id, known.id),
                   lambda: gs.record_check(db, member, info.id, known.id, True),
                   lambda: gs.record_all_passed(db, member, info.id),
                   lambda: gs.end(db, member, info.id, LESSONS, BY_SKILL)):
        with pytest.raises(gs.SessionError, match="đã kết thúc"):
            change()
    with db() as session:
        assert session.scalars(select(Attendance)).one().passed_check is None
    assert gs.open_sessions(db) == []


def test_a_result_for_someone_not_checked_in_is_refused(db, member, hamlets):
    info = start(db, member, hamlets)
    stranger = person(db, hamlets)
    with pytest.raises(gs.SessionError, match="chưa điểm danh"):
        gs.record_check(db, member, info.id, stranger.id, True)


def test_sessions_are_listed_newest_first_with_their_counts(db, member, hamlets):
    other = add_staff(db, StaffRole.STAFF, "Cán bộ Phan Thị Hai")
    first = start(db, member, hamlets)
    second = gs.start(db, other, hamlet_id=hamlets[2].id, place="", lesson_ids=["payment.qr"],
                      known_lessons=LESSONS)
    for name, year in (("Võ Văn Một", 1950), ("Võ Văn Hai", 1951)):
        gs.check_in(db, member, first.id, person(db, hamlets, name, year).id)
    gs.record_all_passed(db, member, first.id)
    listed = gs.list_sessions(db)
    assert [s.id for s in listed] == [second.id, first.id]
    assert (listed[1].attended, listed[1].passed) == (2, 2)
    assert (listed[0].attended, listed[0].team_member_name) == (0, "Cán bộ Phan Thị Hai")
    assert gs.report(db, first.id, LESSONS, BY_SKILL).completions == ()  # not ended yet


def test_a_lesson_gone_from_the_pack_is_reported_not_lost(db, member, hamlets):
    info = start(db, member, hamlets)
    gs.record_all_passed(db, member, info.id)
    pack_now = {k: v for k, v in LESSONS.items() if k != "safety.links"}
    report = gs.end(db, member, info.id, pack_now, BY_SKILL)
    assert report.missing_lessons == ("safety.links",)
    assert report.session.lesson_ids == tuple(x.id for x in SAFETY)


# --- certificates --------------------------------------------------------------------------

def test_certificates_of_skills_completed_in_the_session_go_to_the_queue_in_one_batch(
        db, member, hamlets, config):
    key = keys.load_or_create(config.data_dir)
    info = start(db, member, hamlets)
    people = [person(db, hamlets, f"Phạm Văn {name}", 1950 + i)
              for i, name in enumerate(("Một", "Hai", "Ba"))]
    for one in people:
        gs.check_in(db, member, info.id, one.id)
    gs.record_all_passed(db, member, info.id)
    gs.record_check(db, member, info.id, people[2].id, False)
    with pytest.raises(gs.SessionError, match="kết thúc buổi học trước"):
        gs.queue_certificates(db, member, info.id, BY_SKILL, config, key)
    gs.end(db, member, info.id, LESSONS, BY_SKILL)

    steps = []
    batch = gs.queue_certificates(db, member, info.id, BY_SKILL, config, key,
                                  on_progress=lambda done, total: steps.append((done, total)))

    assert batch.people == 2 and len(batch.serials) == 2 and batch.refused == ()
    assert steps[-1] == (2, 2)
    with db() as session:
        job = session.get(PrintJob, batch.job_id)
        holders = {c.resident_id for c in session.scalars(select(Certificate))}
    assert job is not None and job.serials.splitlines() == list(batch.serials)
    assert holders == {people[0].id, people[1].id}
    assert gs.queued_certificates(db, info.id) == [batch.job_id]
    assert audit_log(db)[-1][0] == "session.certificates"


def test_no_certificates_when_nobody_completed_a_skill(db, member, hamlets, config):
    key = keys.load_or_create(config.data_dir)
    info = start(db, member, hamlets, lesson_ids=["safety.calls"])
    gs.check_in(db, member, info.id, person(db, hamlets).id)
    gs.record_all_passed(db, member, info.id)
    gs.end(db, member, info.id, LESSONS, BY_SKILL)
    batch = gs.queue_certificates(db, member, info.id, BY_SKILL, config, key)
    assert batch.job_id is None and batch.serials == ()
    assert gs.queued_certificates(db, info.id) == []

