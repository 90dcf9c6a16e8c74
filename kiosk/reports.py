"""The figures the commune reports upward, per khóm/ấp and skill, for a period.

Every report is a function returning plain frozen dataclasses (no Qt, no ORM objects), so
the console shows them, the exports write them and tests check them the same way.

Periods are calendar days in the commune's local time; stored moments are UTC (SQLite
drops the zone on read), so a period becomes the UTC bounds [first day 00:00 local, the
day after the last 00:00 local). `step_stats.day` is already a local date.

Speed, on a 300,000-resident SQLite database (benchmarks/bench_reports.py): each query
reads ranges of one covering index, or one small table, once:

- coverage names every khóm/ấp × skill pair, so SQLite reads, per pair, the period's
  range of skill_progress's (khóm/ấp, skill, started) index for the skills started, and
  the range before the period's end of its (khóm/ấp, skill, completed) index for the
  skills completed; "Công dân số" reads the range before the end of residents'
  (all_skills_completed_at, hamlet_id) index, the column kept by kiosk.progress when a
  resident completes the fifth skill.
- outcomes group outcome_answers' report index (khóm/ấp, question, answer, answered_at)
  in its order: the khóm/ấp is repeated on each answer, so no resident is read.
- the overview's "learning this month" reads the month's range of lesson_progress's
  (updated_at, resident_id) index.

Outcome answers are self-reported and kept as the latest answer per person and question
(kiosk.progress.record_outcome): an outcome report counts the answers standing at the end
of the period, and a person who changed their answer after it counts as they answered last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import and_, case, func, select

from kiosk.db.models import (
    Attendance,
    GroupSession,
    Hamlet,
    LessonProgress,
    OutcomeAnswer,
    Resident,
    SkillProgress,
    StaffUser,
    StepStats,
)
from kiosk.lessons.schema import Lesson
from kiosk.residents import Db
from kiosk.skills import Skill


class ReportError(ValueError):
    """A request that cannot be reported on; the message is Vietnamese, for staff."""


# -- Periods -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Calendar days from `start` to `end`, both included. `kind` says how it was chosen
    ("month", "quarter", "year" or "custom"), for its label and file names."""

    start: date
    end: date
    kind: str = "custom"

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ReportError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(date(year, month, 1), following - timedelta(days=1), "month")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), cls.month(year, first + 2).end, "quarter")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def this_month(cls, today: date) -> Period:
        return cls.month(today.year, today.month)

    @classmethod
    def last_month(cls, today: date) -> Period:
        first = today.replace(day=1) - timedelta(days=1)
        return cls.month(first.year, first.month)

    @classmethod
    def this_quarter(cls, today: date) -> Period:
        return cls.quarter(today.year, (today.month - 1) // 3 + 1)

    @classmethod
    def this_year(cls, today: date) -> Period:
        return cls.year(today.year)

    def utc_bounds(self, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
        """[start, end) as naive UTC moments, as SQLite stores them. `tz` is the commune's
        zone; None means the machine's own (the kiosk stands in the commune)."""
        return _utc_midnight(self.start, tz), _utc_midnight(self.end + timedelta(days=1), tz)

    @property
    def label(self) -> str:
        """How the period reads in a report title."""
        if self.kind == "month":
            return f"Tháng {self.start.month}/{self.start.year}"
        if self.kind == "quarter":
            return f"Quý {(self.start.month - 1) // 3 + 1}/{self.start.year}"
        if self.kind == "year":
            return f"Năm {self.start.year}"
        if self.start == self.end:
            return f"Ngày {self.start:%d/%m/%Y}"
        return f"Từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        """The period in a file name: 2026-11, 2026-q4, 2026, 2026-11-03_2026-11-20."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"{self.start.year}"
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"


def _utc_midnight(day: date, tz: tzinfo | None) -> datetime:
    local = datetime.combine(day, time())
    local = local.replace(tzinfo=tz) if tz is not None else local.astimezone()
    return local.astimezone(UTC).replace(tzinfo=None)


def local_today(tz: tzinfo | None = None) -> date:
    return datetime.now(tz).date() if tz is not None else date.today()


# -- Khóm/ấp -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A row's khóm/ấp, or the whole commune (`id` None) in a total row."""

    id: int | None
    name: str
    population: int | None = None
    households: int | None = None
    active: bool = True


TOTAL = "Tổng cộng"


def _places(session, with_data: Iterable[int]) -> list[Place]:
    """Active khóm/ấp, and inactive ones that have figures, in the registration order."""
    keep = set(with_data)
    rows = session.scalars(select(Hamlet).order_by(Hamlet.sort_order, Hamlet.name))
    return [Place(h.id, h.name, h.population, h.households, bool(h.active))
            for h in rows if h.active or h.id in keep]


def _total_place(places: list[Place]) -> Place:
    """The commune's row: a population or household figure only when every khóm/ấp listed
    has one, so a share is never computed over part of the commune as if it were all."""
    def total(values: list[int | None]) -> int | None:
        return sum(values) if values and all(v is not None for v in values) else None

    return Place(None, TOTAL, total([p.population for p in places]),
                 total([p.households for p in places]))


def _share(count: int, of: int | None, cap: bool = False) -> float | None:
    if not of:  # not entered (None), or zero: no honest share
        return None
    value = count / of
    return min(value, 1.0) if cap else value


# -- Coverage ----------------------------------------------------------------------------

@dataclass(frozen=True)
class SkillFigures:
    started: int = 0  # residents who started the skill in the period
    completed: int = 0  # ... who completed it (passed its final check) in the period
    cumulative: int = 0  # ... who had completed it by the end of the period


@dataclass(frozen=True)
class CoverageRow:
    place: Place
    skills: Mapping[Skill, SkillFigures]
    digital_citizens: int = 0  # all five skills completed by the end of the period
    new_digital_citizens: int = 0  # ... the fifth of them in the period

    def share(self, skill: Skill) -> float | None:
        """Cumulative completions of the skill per resident of the khóm/ấp."""
        return _share(self.skills[skill].cumulative, self.place.population)

    @property
    def digital_share(self) -> float | None:
        return _share(self.digital_citizens, self.place.population)

    @property
    def household_estimate(self) -> float | None:
        """Households with a "Công dân số", estimated as one per household (we do not
        record households), so at most 100 %."""
        return _share(self.digital_citizens, self.place.households, cap=True)

    @property
    def completed_skills(self) -> int:
        return sum(f.cumulative for f in self.skills.values())


@dataclass(frozen=True)
class CoverageReport:
    period: Period
    rows: list[CoverageRow]
    total: CoverageRow
    # Khóm/ấp listed without a population or household figure (their shares are blank).
    missing_population: int = 0
    missing_households: int = 0


def coverage(db: Db, period: Period, *, tz: tzinfo | None = None) -> CoverageReport:
    """Per khóm/ấp × skill: started and completed in the period, completed by its end;
    "Công dân số" (all five skills); shares of population and households."""
    begin, end = period.utc_bounds(tz)
    sp = SkillProgress
    citizens: dict[int, tuple[int, int]] = {}
    with db() as session:
        # Every khóm/ấp × skill pair named, so each count reads one range of an index: the
        # skills started in the period, then those completed by its end (a skill is
        # started before it is completed).
        pairs = (sp.hamlet_id.in_(session.scalars(select(Hamlet.id)).all()),
                 sp.skill.in_([skill.value for skill in Skill]))
        query = (select(sp.hamlet_id, sp.skill, func.count())
                 .where(*pairs, sp.started_at >= begin, sp.started_at < end)
                 .group_by(sp.hamlet_id, sp.skill))
        started = {(hamlet_id, skill): int(n) for hamlet_id, skill, n in session.execute(query)}
        query = (select(sp.hamlet_id, sp.skill,
                        func.sum(case((sp.completed_at >= begin, 1), else_=0)), func.count())
                 .where(*pairs, sp.completed_at < end)
                 .group_by(sp.hamlet_id, sp.skill))
        completed = {(hamlet_id, skill): (int(in_period or 0), int(by_end))
                     for hamlet_id, skill, in_period, by_end in session.execute(query)}
        # "Công dân số": everyone whose fifth skill was completed before the end. "+ 0"
        # keeps SQLite from walking the khóm/ấp index for the grouping (a table read per
        # resident) instead of the range of the (all_skills_completed_at, hamlet_id) one.
        last = Resident.all_skills_completed_at
        place = (Resident.hamlet_id + 0).label("place")
        query = (select(place, func.count(), func.sum(case((last >= begin, 1), else_=0)))
                 .where(last < end).group_by(place))
        for hamlet_id, every, new in session.execute(query):
            citizens[hamlet_id] = (int(every), int(new or 0))
        counts: dict[int, dict[Skill, SkillFigures]] = defaultdict(dict)
        for hamlet_id, skill in started.keys() | completed.keys():
            counts[hamlet_id][Skill(skill)] = SkillFigures(
                started.get((hamlet_id, skill), 0), *completed.get((hamlet_id, skill), (0, 0)))
        with_data = {h for h, figures in counts.items()
                     if any(f.started or f.cumulative for f in figures.values())}
        places = _places(session, with_data | set(citizens))

    def row(place: Place, figures: Mapping[Skill, SkillFigures],
            dc: tuple[int, int]) -> CoverageRow:
        return CoverageRow(place, {s: figures.get(s, SkillFigures()) for s in Skill}, *dc)

    rows = [row(p, counts.get(p.id, {}), citizens.get(p.id, (0, 0))) for p in places]
    total_figures = {
        skill: SkillFigures(sum(r.skills[skill].started for r in rows),
                            sum(r.skills[skill].completed for r in rows),
                            sum(r.skills[skill].cumulative for r in rows))
        for skill in Skill}
    total = row(_total_place(places), total_figures,
                (sum(r.digital_citizens for r in rows),
                 sum(r.new_digital_citizens for r in rows)))
    return CoverageReport(
        period, rows, total,
        missing_population=sum(1 for p in places if not p.population),
        missing_households=sum(1 for p in places if not p.households))


# -- Outcomes ----------------------------------------------------------------------------

#: How each known outcome reads in a report (what saying "yes" means).
OUTCOME_LABELS: dict[str, str] = {
    "vneid_activated": "Đã dùng VNeID",
    "health_record_used": "Đã dùng sổ sức khỏe điện tử",
    "cashless_payment": "Đã thanh toán không dùng tiền mặt",
    "dvc_submitted": "Đã nộp hồ sơ dịch vụ công trực tuyến",
    "shopped_online": "Đã mua sắm trực tuyến",
    "two_step_on": "Đã bật xác thực hai bước",
    "scam_reported": "Đã báo tin lừa đảo",
}


@dataclass(frozen=True)
class OutcomeQuestion:
    key: str
    label: str
    question: str
    yes: str  # the lesson's first answer


def outcome_questions(lessons: Iterable[Lesson]) -> list[OutcomeQuestion]:
    """The outcome questions the lessons ask, the known ones first in OUTCOME_LABELS's
    order; a question asked by several lessons is taken from the first."""
    found: dict[str, OutcomeQuestion] = {}
    for lesson in lessons:
        outcome = lesson.outcome
        if outcome is not None and outcome.key not in found:
            found[outcome.key] = OutcomeQuestion(
                outcome.key, OUTCOME_LABELS.get(outcome.key, outcome.question),
                outcome.question, outcome.answers[0])
    order = list(OUTCOME_LABELS)
    return sorted(found.values(), key=lambda q: (
        order.index(q.key) if q.key in OUTCOME_LABELS else len(order), q.key))


@dataclass(frozen=True)
class OutcomeFigures:
    answered: int = 0
    yes: int = 0

    @property
    def rate(self) -> float | None:
        return self.yes / self.answered if self.answered else None


@dataclass(frozen=True)
class OutcomeRow:
    place: Place
    figures: Mapping[str, OutcomeFigures]


@dataclass(frozen=True)
class OutcomeReport:
    period: Period
    questions: list[OutcomeQuestion]
    rows: list[OutcomeRow]
    total: OutcomeRow


def outcomes(db: Db, lessons: Iterable[Lesson], period: Period, *,
             tz: tzinfo | None = None) -> OutcomeReport:
    """Per khóm/ấp and outcome question: how many answered by the end of the period, and
    how many of them gave the "yes" answer (the question's first)."""
    questions = outcome_questions(lessons)
    _, end = period.utc_bounds(tz)
    oa = OutcomeAnswer
    asked = {q.key: q for q in questions}
    answered: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    with db() as session:
        # Grouped in the report index's order: no sort. Answers to questions no lesson
        # asks any more are left out.
        query = (select(oa.hamlet_id, oa.question_key, oa.answer, func.count())
                 .where(oa.answered_at < end)
                 .group_by(oa.hamlet_id, oa.question_key, oa.answer))
        for hamlet_id, key, answer, count in session.execute(query) if asked else ():
            question = asked.get(key)
            if question is not None:
                figures = answered[hamlet_id][key]
                figures[0] += count
                figures[1] += count if answer == question.yes else 0
        places = _places(session, answered)

    def row(place: Place, found: Mapping[str, list[int]]) -> OutcomeRow:
        return OutcomeRow(place, {q.key: OutcomeFigures(*found.get(q.key, (0, 0)))
                                  for q in questions})

    rows = [row(p, answered.get(p.id, {})) for p in places]
    total = OutcomeRow(_total_place(places), {
        q.key: OutcomeFigures(sum(r.figures[q.key].answered for r in rows),
                              sum(r.figures[q.key].yes for r in rows))
        for q in questions})
    return OutcomeReport(period, questions, rows, total)


# -- Group sessions ----------------------------------------------------------------------

@dataclass(frozen=True)
class SessionRow:
    team_member_id: int | None  # None: sessions with no team member recorded, or the total
    name: str
    sessions: int
    attendances: int  # check-ins, a person counted once per session
    people: int  # different people
    lessons: int  # different lessons presented


@dataclass(frozen=True)
class SessionReport:
    period: Period
    rows: list[SessionRow]
    total: SessionRow


NO_TEAM_MEMBER = "(không ghi người dẫn)"


def sessions(db: Db, period: Period, *, tz: tzinfo | None = None) -> SessionReport:
    """Group sessions started in the period, per team member who ran them."""
    begin, end = period.utc_bounds(tz)
    gs = GroupSession
    in_period = and_(gs.started_at >= begin, gs.started_at < end)
    attended = select(gs.team_member_id, Attendance.resident_id).join(
        gs, gs.id == Attendance.session_id).where(in_period).subquery()
    with db() as session:
        held = session.execute(select(gs.team_member_id, gs.lesson_ids).where(in_period)).all()
        checkins = {member: (int(count), int(people)) for member, count, people in
                    session.execute(select(attended.c.team_member_id, func.count(),
                                           func.count(func.distinct(attended.c.resident_id)))
                                    .group_by(attended.c.team_member_id))}
        everyone = session.scalar(select(func.count(func.distinct(attended.c.resident_id))))
        names = dict(session.execute(select(StaffUser.id, StaffUser.display_name)).all())
    count: dict[int | None, int] = defaultdict(int)
    lessons: dict[int | None, set[str]] = defaultdict(set)
    for member, lesson_ids in held:
        count[member] += 1
        lessons[member].update(line.strip() for line in (lesson_ids or "").splitlines()
                               if line.strip())
    rows = [SessionRow(member, names.get(member, NO_TEAM_MEMBER) if member else NO_TEAM_MEMBER,
                       count[member], *checkins.get(member, (0, 0)), len(lessons[member]))
            for member in count]
    rows.sort(key=lambda r: (r.team_member_id is None, -r.sessions, r.name))
    total = SessionRow(None, TOTAL, sum(count.values()), sum(c for c, _ in checkins.values()),
                       int(everyone or 0), len(set().union(*lessons.values())))
    return SessionReport(period, rows, total)


# -- Hardest steps -----------------------------------------------------------------------

@dataclass(frozen=True)
class StepRow:
    lesson_id: str
    lesson_title: str
    step_index: int
    step_id: str
    prompt: str
    attempts: int
    wrong: int
    hints: int

    @property
    def wrong_rate(self) -> float | None:
        return self.wrong / self.attempts if self.attempts else None


@dataclass(frozen=True)
class HardestStepsReport:
    period: Period
    rows: list[StepRow]


STEP_CHANGED = "(bước này đã đổi trong bài học)"
LESSON_GONE = "(bài học không còn trong bộ bài)"


def _step_text(step) -> str:
    for name in ("prompt", "title", "text"):
        value = getattr(step, name, None)
        if value:
            return " ".join(str(value).split())
    return ""


def _describe_step(lesson: Lesson | None, step_index: int, step_id: str) -> tuple[str, str]:
    """The lesson's title and the step's prompt, found by index and checked by the step's
    id, or by id when the lesson has changed since."""
    if lesson is None:
        return LESSON_GONE, ""
    steps = lesson.all_steps
    if step_index < len(steps) and lesson.step_id(step_index) == step_id:
        return lesson.title, _step_text(steps[step_index])
    for index in range(len(steps)):
        if lesson.step_id(index) == step_id:
            return lesson.title, _step_text(steps[index])
    return lesson.title, STEP_CHANGED


def hardest_steps(db: Db, lessons: Mapping[str, Lesson], period: Period, *,
                  limit: int = 20) -> HardestStepsReport:
    """The steps with most wrong answers and hints given in the period (local days)."""
    st = StepStats
    wrong, hints, attempts = func.sum(st.wrong), func.sum(st.hints), func.sum(st.attempts)
    with db() as session:
        found = session.execute(
            select(st.lesson_id, st.step_index, func.max(st.step_id), attempts, wrong, hints)
            .where(st.day >= period.start, st.day <= period.end)
            .group_by(st.lesson_id, st.step_index)
            .having((wrong + hints) > 0)
            .order_by((wrong + hints).desc(), attempts.desc(), st.lesson_id, st.step_index)
            .limit(limit)).all()
    rows = []
    for lesson_id, index, step_id, tries, wrong_count, hint_count in found:
        title, prompt = _describe_step(lessons.get(lesson_id), index, step_id)
        rows.append(StepRow(lesson_id, title, index, step_id, prompt, int(tries),
                            int(wrong_count), int(hint_count)))
    return HardestStepsReport(period, rows)


# -- Overview ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Overview:
    registered: int  # every resident registered
    active: int  # residents who worked on a lesson this month
    coverage: CoverageReport  # this month, with completions up to today

    @property
    def skills_completed(self) -> int:
        return self.coverage.total.completed_skills

    @property
    def digital_citizens(self) -> int:
        return self.coverage.total.digital_citizens


def overview(db: Db, today: date | None = None, *, tz: tzinfo | None = None) -> Overview:
    """The console's first page: a few big figures and coverage up to today."""
    period = Period.this_month(today or local_today(tz))
    begin, _ = period.utc_bounds(tz)
    with db() as session:
        registered = session.scalar(select(func.count()).select_from(Resident)) or 0
        active = session.scalar(
            select(func.count(func.distinct(LessonProgress.resident_id)))
            .where(LessonProgress.updated_at >= begin)) or 0
    return Overview(int(registered), int(active), coverage(db, period, tz=tz))


# -- All of them -------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportSet:
    """Every report for one period, as the reports page shows and exports them."""

    period: Period
    commune: str
    province: str
    coverage: CoverageReport
    outcomes: OutcomeReport
    sessions: SessionReport
    hardest: HardestStepsReport
    made_at: datetime = field(default_factory=lambda: datetime.now(UTC))


REPORT_KEYS = ("coverage", "outcomes", "sessions", "hardest")


def report_set(db: Db, lessons: Mapping[str, Lesson], period: Period, *, commune: str,
               province: str, tz: tzinfo | None = None, check=None, step=None) -> ReportSet:
    """All four reports. `step(done, total)` is told after each and `check()` may raise to
    stop between them (ui.operations' Progress)."""
    made: dict[str, object] = {}
    work = {
        "coverage": lambda: coverage(db, period, tz=tz),
        "outcomes": lambda: outcomes(db, lessons.values(), period, tz=tz),
        "sessions": lambda: sessions(db, period, tz=tz),
        "hardest": lambda: hardest_steps(db, lessons, period),
    }
    for done, key in enumerate(REPORT_KEYS):
        if check:
            check()
        made[key] = work[key]()
        if step:
            step(done + 1, len(REPORT_KEYS))
    return ReportSet(period, commune, province, **made)
