"""Each report against a real SQLite file, and a real PostgreSQL server, whose true figures
the test knows.

Residents are registered and taught with the kiosk's own functions (kiosk.residents,
kiosk.progress) over the bundled lessons; then the moments a skill was started and
completed are set to dates the test chooses, in the commune's time (UTC+7), as the kiosk
stores them: UTC without a zone (and "Công dân số" is worked out again from them, as
kiosk.progress does when a skill is completed).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from kiosk import progress, reports, residents
from kiosk.db.engine import open_database
from kiosk.db.models import (
    Attendance,
    GroupSession,
    Hamlet,
    OutcomeAnswer,
    SkillProgress,
    StaffRole,
    StaffUser,
)
from kiosk.lessons.loader import load_pack
from kiosk.reports import Period, ReportError
from kiosk.skills import Skill

ICT = timezone(timedelta(hours=7))
OCTOBER = Period.month(2026, 10)
NOVEMBER = Period.month(2026, 11)


def utc(*local: int) -> datetime:
    """A moment given in the commune's time, as the database stores it."""
    return datetime(*local, tzinfo=ICT).astimezone(UTC).replace(tzinfo=None)


LESSON = """\
id: {skill}.{name}
skill: {skill}
title: {title}
final: {final}
steps:
  - kind: explain
    text: Mở đầu.
  - kind: choice
    id: {name}-question
    prompt: Câu hỏi của bài {title}?
    options:
      - text: Sai
      - text: Đúng
        correct: true
check:
  pass_mark: 1
  questions:
    - kind: choice
      prompt: Câu kiểm tra?
      options:
        - text: Đúng
          correct: true
        - text: Sai
"""
OUTCOMES = {
    "platforms.vneid": ("vneid_activated", ["Đã có, đã kích hoạt", "Chưa có"]),
    "platforms.only": ("health_record_used", ["Đã xem rồi", "Chưa"]),
    "payment.only": ("cashless_payment", ["Đã làm rồi", "Chưa"]),
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """A few lessons: one per skill (its final check), and a second one for platforms;
    three of them ask an outcome question."""
    root = tmp_path_factory.mktemp("lessons")
    lessons = [(skill.value, "only", f"Bài cuối {skill.value}", "true") for skill in Skill]
    lessons.append(("platforms", "vneid", "Kích hoạt VNeID", "false"))
    for skill, name, title, final in lessons:
        folder = root / skill
        folder.mkdir(exist_ok=True)
        text = LESSON.format(skill=skill, name=name, title=title, final=final)
        outcome = OUTCOMES.get(f"{skill}.{name}")
        if outcome:
            answers = ", ".join(f'"{answer}"' for answer in outcome[1])
            text += (f"outcome:\n  key: {outcome[0]}\n  question: Bà con đã làm chưa?\n"
                     f"  answers: [{answers}]\n")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    loaded = load_pack(root)
    assert not loaded.problems, loaded.problems
    assert len(loaded.lessons) == 6
    return loaded


@pytest.fixture
def db(db_url: str):
    factory = open_database(db_url, ["Khóm A", "Khóm B", "Khóm C (đã gộp)", "Khóm D (đã gộp)"])
    yield factory
    factory.kw["bind"].dispose()


def hamlet_ids(db) -> dict[str, int]:
    with db() as session:
        return {h.name: h.id for h in session.scalars(select(Hamlet))}


def person(db, hamlet: str, name: str = "Nguyễn Thị Ánh") -> int:
    return residents.register(db, full_name=name, birth_year=1960,
                              hamlet_id=hamlet_ids(db)[hamlet], consent_given=True).id


def complete(db, pack, resident_id: int, skill: Skill) -> None:
    for lesson in pack.for_skill(skill):
        if lesson.check is not None:
            assert progress.finish_check(db, resident_id, lesson, len(lesson.check.questions))
        else:
            progress.finish_step(db, resident_id, lesson, len(lesson.all_steps) - 1)


def start(db, pack, resident_id: int, skill: Skill) -> None:
    progress.resume_step(db, resident_id, pack.for_skill(skill)[0])


def set_dates(db, resident_id: int, skill: Skill, started: datetime,
              completed: datetime | None = None) -> None:
    with db.begin() as session:
        session.execute(update(SkillProgress).where(
            SkillProgress.resident_id == resident_id, SkillProgress.skill == skill.value)
            .values(started_at=started, completed_at=completed))
        progress.refresh_all_skills(session, resident_id)


@pytest.fixture
def commune(db, pack):
    """Khóm A (100 people, 40 households): Ánh completes all five skills in October, the
    last at 23:30 on the 31st; Bình started safety in September and completed it on
    5 October; Cúc started payment in October. Khóm B (no figures entered): Dũng completes
    shopping at 00:30 on 1 November; Em started platforms at 00:10 on 1 October.
    Khóm C is hidden and empty; Khóm D is hidden but Giang completed safety there in
    August."""
    with db.begin() as session:
        for row in session.scalars(select(Hamlet)):
            if row.name == "Khóm A":
                row.population, row.households = 100, 40
            if row.name.startswith(("Khóm C", "Khóm D")):
                row.active = False
    anh, binh, cuc = person(db, "Khóm A", "Ánh"), person(db, "Khóm A", "Bình"), \
        person(db, "Khóm A", "Cúc")
    dung, em, giang = person(db, "Khóm B", "Dũng"), person(db, "Khóm B", "Em"), \
        person(db, "Khóm D (đã gộp)", "Giang")
    done_on = {Skill.PUBLIC_SERVICES: utc(2026, 10, 3, 9), Skill.SHOPPING: utc(2026, 10, 10, 9),
               Skill.PAYMENT: utc(2026, 10, 15, 9), Skill.SAFETY: utc(2026, 10, 20, 9),
               Skill.PLATFORMS: utc(2026, 10, 31, 23, 30)}
    for skill, when in done_on.items():
        complete(db, pack, anh, skill)
        set_dates(db, anh, skill, utc(2026, 10, 1, 9), when)
    complete(db, pack, binh, Skill.SAFETY)
    set_dates(db, binh, Skill.SAFETY, utc(2026, 9, 15, 9), utc(2026, 10, 5, 9))
    start(db, pack, cuc, Skill.PAYMENT)
    set_dates(db, cuc, Skill.PAYMENT, utc(2026, 10, 10, 9))
    complete(db, pack, dung, Skill.SHOPPING)
    set_dates(db, dung, Skill.SHOPPING, utc(2026, 10, 20, 9), utc(2026, 11, 1, 0, 30))
    start(db, pack, em, Skill.PLATFORMS)
    set_dates(db, em, Skill.PLATFORMS, utc(2026, 10, 1, 0, 10))
    complete(db, pack, giang, Skill.SAFETY)
    set_dates(db, giang, Skill.SAFETY, utc(2026, 7, 20, 9), utc(2026, 8, 1, 9))
    return {"anh": anh, "binh": binh, "cuc": cuc, "dung": dung, "em": em, "giang": giang}


def by_name(rows) -> dict:
    return {row.place.name: row for row in rows}


# -- Periods ---------------------------------------------------------------------------

def test_a_period_is_its_local_days_in_utc():
    assert OCTOBER.utc_bounds(ICT) == (datetime(2026, 9, 30, 17), datetime(2026, 10, 31, 17))
    assert OCTOBER.utc_bounds(UTC) == (datetime(2026, 10, 1), datetime(2026, 11, 1))


def test_periods_chosen_from_today():
    today = date(2026, 1, 15)
    assert Period.this_month(today) == Period(date(2026, 1, 1), date(2026, 1, 31), "month")
    assert Period.last_month(today) == Period(date(2025, 12, 1), date(2025, 12, 31), "month")
    assert Period.this_quarter(today) == Period(date(2026, 1, 1), date(2026, 3, 31),
                                                "quarter")
    assert Period.this_year(today).end == date(2026, 12, 31)
    assert Period.month(2024, 2).end == date(2024, 2, 29)
    assert (Period.this_quarter(date(2026, 11, 29)).label, Period.this_quarter(
        date(2026, 11, 29)).slug) == ("Quý 4/2026", "2026-q4")
    assert (OCTOBER.label, OCTOBER.slug) == ("Tháng 10/2026", "2026-10")
    custom = Period(date(2026, 11, 3), date(2026, 11, 20))
    assert custom.label == "Từ ngày 03/11/2026 đến ngày 20/11/2026"
    assert custom.slug == "2026-11-03_2026-11-20"


def test_a_period_back_to_front_is_refused_in_vietnamese():
    with pytest.raises(ReportError, match="Ngày bắt đầu phải trước"):
        Period(date(2026, 11, 20), date(2026, 11, 3))


# -- Coverage --------------------------------------------------------------------------

def test_coverage_per_khom_and_skill(db, commune):
    report = reports.coverage(db, OCTOBER, tz=ICT)
    rows = by_name(report.rows)
    assert list(rows) == ["Khóm A", "Khóm B", "Khóm D (đã gộp)"]  # hidden C has no data

    a = rows["Khóm A"]
    assert a.skills[Skill.PUBLIC_SERVICES] == reports.SkillFigures(1, 1, 1)
    assert a.skills[Skill.PAYMENT] == reports.SkillFigures(2, 1, 1)  # Ánh and Cúc started
    # Bình started in September: completed in October, but not started in it.
    assert a.skills[Skill.SAFETY] == reports.SkillFigures(1, 2, 2)
    # 23:30 on the last day, local time, is still October.
    assert a.skills[Skill.PLATFORMS] == reports.SkillFigures(1, 1, 1)
    assert (a.digital_citizens, a.new_digital_citizens) == (1, 1)
    assert a.share(Skill.SAFETY) == pytest.approx(0.02)
    assert a.digital_share == pytest.approx(0.01)
    assert a.household_estimate == pytest.approx(1 / 40)

    b = rows["Khóm B"]
    # 00:30 on 1 November local time is 17:30 on 31 October in UTC: not October's.
    assert b.skills[Skill.SHOPPING] == reports.SkillFigures(1, 0, 0)
    # 00:10 on 1 October local time is still 30 September in UTC: October's.
    assert b.skills[Skill.PLATFORMS] == reports.SkillFigures(1, 0, 0)
    assert b.share(Skill.SHOPPING) is None  # no population entered: blank, not 0 %
    assert b.digital_share is None and b.household_estimate is None

    d = rows["Khóm D (đã gộp)"]
    assert d.skills[Skill.SAFETY] == reports.SkillFigures(0, 0, 1)
    assert not d.place.active

    total = report.total
    assert total.skills[Skill.SAFETY] == reports.SkillFigures(1, 2, 3)
    assert total.skills[Skill.SHOPPING] == reports.SkillFigures(2, 1, 1)
    assert total.digital_citizens == 1
    # Khóm B and D have no population: no commune-wide share over part of the commune.
    assert total.place.population is None and total.share(Skill.SAFETY) is None
    assert (report.missing_population, report.missing_households) == (2, 2)


def test_coverage_moves_with_the_period(db, commune):
    november = by_name(reports.coverage(db, NOVEMBER, tz=ICT).rows)
    assert november["Khóm B"].skills[Skill.SHOPPING] == reports.SkillFigures(0, 1, 1)
    # Cumulative figures carry on; nothing was started or completed in November in A.
    assert november["Khóm A"].skills[Skill.SAFETY] == reports.SkillFigures(0, 0, 2)
    assert (november["Khóm A"].digital_citizens,
            november["Khóm A"].new_digital_citizens) == (1, 0)
    september = by_name(reports.coverage(db, Period.month(2026, 9), tz=ICT).rows)
    assert september["Khóm A"].skills[Skill.SAFETY] == reports.SkillFigures(1, 0, 0)
    assert september["Khóm A"].digital_citizens == 0


def test_a_completion_at_the_last_minute_counts_in_that_day(db, commune):
    last_day = Period(date(2026, 10, 31), date(2026, 10, 31))
    a = by_name(reports.coverage(db, last_day, tz=ICT).rows)["Khóm A"]
    assert a.skills[Skill.PLATFORMS].completed == 1
    assert a.new_digital_citizens == 1
    next_day = Period(date(2026, 11, 1), date(2026, 11, 1))
    b = by_name(reports.coverage(db, next_day, tz=ICT).rows)["Khóm B"]
    assert b.skills[Skill.SHOPPING].completed == 1


def test_households_estimate_is_capped_at_every_household(db, commune):
    with db.begin() as session:
        session.execute(update(Hamlet).where(Hamlet.name == "Khóm A")
                        .values(population=3, households=0))
    a = by_name(reports.coverage(db, OCTOBER, tz=ICT).rows)["Khóm A"]
    assert a.household_estimate is None  # zero households: no share
    with db.begin() as session:
        session.execute(update(Hamlet).where(Hamlet.name == "Khóm A").values(households=1))
    # Two "Công dân số" would be 200 % of one household: capped.
    anh_too = person(db, "Khóm A", "Ánh Hai")
    with db.begin() as session:
        session.add_all(SkillProgress(resident_id=anh_too, hamlet_id=hamlet_ids(db)["Khóm A"],
                                      skill=s.value, started_at=utc(2026, 10, 2),
                                      completed_at=utc(2026, 10, 3)) for s in Skill)
        session.flush()
        progress.refresh_all_skills(session, anh_too)
    a = by_name(reports.coverage(db, OCTOBER, tz=ICT).rows)["Khóm A"]
    assert a.digital_citizens == 2
    assert a.household_estimate == 1.0
    assert a.digital_share == pytest.approx(2 / 3)


def test_an_empty_database_reports_zeros_for_every_active_khom(db):
    report = reports.coverage(db, OCTOBER, tz=ICT)
    assert [r.place.name for r in report.rows] == ["Khóm A", "Khóm B", "Khóm C (đã gộp)",
                                                    "Khóm D (đã gộp)"]
    assert report.total.completed_skills == 0 and report.total.digital_citizens == 0


# -- Outcomes --------------------------------------------------------------------------

def test_outcomes_per_khom(db, pack, commune):
    vneid = pack.lessons["platforms.vneid"]
    health = pack.lessons["platforms.only"]
    yes, no = vneid.outcome.answers[0], vneid.outcome.answers[-1]
    progress.record_outcome(db, commune["anh"], vneid, yes)
    progress.record_outcome(db, commune["binh"], vneid, no)
    progress.record_outcome(db, commune["dung"], vneid, yes)
    progress.record_outcome(db, commune["em"], health, health.outcome.answers[0])
    assert vneid.outcome.answers == ["Đã có, đã kích hoạt", "Chưa có"]
    with db.begin() as session:  # asked by a lesson since removed: not counted
        session.add(OutcomeAnswer(resident_id=commune["cuc"], question_key="old_question",
                                  hamlet_id=hamlet_ids(db)["Khóm A"],
                                  lesson_id="safety.gone", answer="Có"))
    with db.begin() as session:  # Dũng answered after October
        session.execute(update(OutcomeAnswer).values(answered_at=utc(2026, 10, 20, 9)))
        session.execute(update(OutcomeAnswer).where(
            OutcomeAnswer.resident_id == commune["dung"])
            .values(answered_at=utc(2026, 11, 1, 0, 30)))

    report = reports.outcomes(db, pack.lessons.values(), OCTOBER, tz=ICT)
    keys = [q.key for q in report.questions]
    assert keys[:2] == ["vneid_activated", "health_record_used"]
    labels = {q.key: q.label for q in report.questions}
    assert labels["vneid_activated"] == "Đã dùng VNeID"
    assert labels["health_record_used"] == "Đã dùng sổ sức khỏe điện tử"
    assert labels["cashless_payment"] == "Đã thanh toán không dùng tiền mặt"
    rows = by_name(report.rows)
    assert rows["Khóm A"].figures["vneid_activated"] == reports.OutcomeFigures(2, 1)
    assert rows["Khóm A"].figures["vneid_activated"].rate == 0.5
    assert rows["Khóm B"].figures["vneid_activated"] == reports.OutcomeFigures(0, 0)
    assert rows["Khóm B"].figures["vneid_activated"].rate is None  # nobody answered
    assert rows["Khóm B"].figures["health_record_used"] == reports.OutcomeFigures(1, 1)
    assert report.total.figures["vneid_activated"] == reports.OutcomeFigures(2, 1)
    november = reports.outcomes(db, pack.lessons.values(), NOVEMBER, tz=ICT)
    assert november.total.figures["vneid_activated"] == reports.OutcomeFigures(3, 2)


# -- Group sessions --------------------------------------------------------------------

def test_group_sessions_per_team_member(db, commune):
    with db.begin() as session:
        lan = StaffUser(username="lan", display_name="Trần Thị Lan",
                        role=StaffRole.TEAM_MEMBER, pin_hash="!")
        minh = StaffUser(username="minh", display_name="Lê Văn Minh",
                         role=StaffRole.TEAM_MEMBER, pin_hash="!")
        session.add_all([lan, minh])
        session.flush()
        held = [
            GroupSession(team_member_id=lan.id, lesson_ids="safety.a\nsafety.b",
                         started_at=utc(2026, 10, 5, 8)),
            GroupSession(team_member_id=lan.id, lesson_ids="safety.b\npayment.c\n",
                         started_at=utc(2026, 10, 12, 8)),
            GroupSession(team_member_id=minh.id, lesson_ids="platforms.d",
                         started_at=utc(2026, 10, 31, 23, 30)),
            GroupSession(team_member_id=minh.id, lesson_ids="platforms.d",
                         started_at=utc(2026, 11, 1, 0, 30)),  # November's
            GroupSession(team_member_id=None, lesson_ids="", started_at=utc(2026, 10, 9)),
        ]
        session.add_all(held)
        session.flush()
        for index, who in ((0, "anh"), (0, "binh"), (1, "anh"), (1, "cuc"), (2, "dung"),
                           (3, "em"), (4, "giang")):
            session.add(Attendance(session_id=held[index].id, resident_id=commune[who]))

    report = reports.sessions(db, OCTOBER, tz=ICT)
    rows = {r.name: r for r in report.rows}
    assert rows["Trần Thị Lan"] == reports.SessionRow(
        rows["Trần Thị Lan"].team_member_id, "Trần Thị Lan", sessions=2, attendances=4,
        people=3, lessons=3)
    assert (rows["Lê Văn Minh"].sessions, rows["Lê Văn Minh"].people) == (1, 1)
    assert rows[reports.NO_TEAM_MEMBER].sessions == 1
    assert [r.name for r in report.rows][-1] == reports.NO_TEAM_MEMBER
    total = report.total
    assert (total.sessions, total.attendances, total.people, total.lessons) == (4, 6, 5, 4)


# -- Hardest steps ---------------------------------------------------------------------

def test_hardest_steps_with_their_prompt(db, pack):
    lesson = pack.lessons["safety.only"]
    asked, later = 1, 2  # the lesson's question, and its check's
    with db.begin() as session:
        for day, index, wrong, hints, times in (
                (date(2026, 10, 1), asked, True, 2, 3),  # 3 wrong, 2 hints
                (date(2026, 10, 31), asked, False, 0, 5),  # 5 right
                (date(2026, 10, 31), later, True, 1, 1),  # 1 wrong, 1 hint
                (date(2026, 11, 1), later, True, 9, 9)):  # November's
            progress.count_answer(session, lesson.id, index, lesson.step_id(index),
                                  wrong=wrong, hints=hints, day=day, times=times)
        progress.count_answer(session, "safety.gone", 0, "s1", wrong=True, hints=0,
                              day=date(2026, 10, 2), times=1)
        # Counted when the step was at index 0; the lesson has moved it since.
        progress.count_answer(session, lesson.id, 0, lesson.step_id(later), wrong=True,
                              hints=0, day=date(2026, 10, 3), times=1)

    report = reports.hardest_steps(db, pack.lessons, OCTOBER)
    first = report.rows[0]
    assert (first.lesson_id, first.step_index, first.attempts, first.wrong, first.hints) == (
        lesson.id, asked, 8, 3, 2)
    assert first.wrong_rate == pytest.approx(3 / 8)
    assert first.lesson_title == lesson.title
    assert first.prompt == " ".join(lesson.all_steps[asked].prompt.split())
    second = report.rows[1]
    assert (second.step_index, second.wrong, second.hints) == (later, 1, 1)
    gone = next(r for r in report.rows if r.lesson_id == "safety.gone")
    assert gone.lesson_title == reports.LESSON_GONE
    moved = next(r for r in report.rows if r.lesson_id == lesson.id and r.step_index == 0)
    assert moved.prompt == second.prompt  # found by the step's id
    assert len(reports.hardest_steps(db, pack.lessons, OCTOBER, limit=2).rows) == 2


# -- Overview and the set --------------------------------------------------------------

def test_overview_counts_residents_and_this_months_learners(db, pack, commune):
    overview = reports.overview(db, date.today())
    assert overview.registered == 6
    # Every one of them opened a lesson just now (the dates changed are skills' only).
    assert overview.active == 6
    assert overview.digital_citizens == 1
    assert overview.skills_completed == 5 + 1 + 1 + 1  # Ánh, Bình, Dũng, Giang


def test_report_set_makes_all_four_and_can_be_stopped(db, pack, commune):
    steps = []
    made = reports.report_set(db, pack.lessons, OCTOBER, commune="Phường Châu Đốc",
                              province="Tỉnh An Giang", tz=ICT,
                              step=lambda done, total: steps.append((done, total)))
    assert steps == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert made.coverage.total.digital_citizens == 1

    class Stop(Exception):
        pass

    def stop_after_first() -> None:
        if steps[4:]:
            raise Stop

    with pytest.raises(Stop):
        reports.report_set(db, pack.lessons, OCTOBER, commune="", province="", tz=ICT,
                           check=stop_after_first,
                           step=lambda done, total: steps.append((done, total)))
    assert steps[4:] == [(1, 4)]

