"""Made-up residents and their progress, so the staff console can be shown, tested and
measured on a commune that looks real without holding anyone's personal data.

`generate` fills a database that already has its khóm/ấp (the demo ward's by default) with
`count` residents: Vietnamese names by real family-name frequency, birth years skewed old,
clearly fake phone numbers ("0000" + 6 digits, never a subscriber's), and progress that
follows the kiosk's rules (a skill's final check only after its other lessons). Group
sessions run by a few team members, with attendance, spread over the months.

Everything comes from `random.Random(seed)` and dates from `anchor` (the 365 days before
it), never from the clock: the same seed, count, lessons and starting database give the
same rows. Demo people carry the consent version `DEMO_CONSENT_VERSION`, which is how the
`kiosk demo-data` command knows a database holds real people it must not mix them with.

Rows are written in batches, one executemany per table, in one transaction: a generation
that fails or is stopped (the `progress` callback may raise) leaves nothing behind. On
SQLite the values go to the driver already in SQLAlchemy's storage format (a third faster;
a test holds both paths to the same rows); other databases get SQLAlchemy Core inserts.
What is left out, to stay fast at 300,000 people: `step_progress` and `step_attempts`
(one row per step each); the hardest-steps report reads `step_stats`, which is filled per
lesson step and day from the same simulated visits. No certificates are issued (they need
the commune's signing key).
"""

from __future__ import annotations

import bisect
import math
import random
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter

from sqlalchemy import Connection, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.models import (
    Attendance,
    GroupSession,
    Hamlet,
    LessonProgress,
    OutcomeAnswer,
    ProgressStatus,
    Resident,
    ResidentTerm,
    SkillProgress,
    StaffRole,
    StaffUser,
    StepStats,
)
from kiosk.lessons.schema import ExplainStep, Lesson
from kiosk.residents import CODE_ALPHABET, CODE_LENGTH
from kiosk.skills import Skill
from kiosk.text import MAX_TERM_LENGTH, fold

Db = sessionmaker[Session]
Progress = Callable[[int, int], None]

#: The consent version of every demo resident: real residents never carry it.
DEMO_CONSENT_VERSION = "demo"
#: The default end of the demo year (exclusive): the data covers the 365 days before it.
DEFAULT_ANCHOR = datetime(2026, 11, 1, tzinfo=UTC)
WINDOW_DAYS = 365
#: Vietnam's clock (UTC+7): visits happen in the hall's opening hours, local time.
LOCAL = timedelta(hours=7)
#: Residents written per batch of inserts.
BATCH = 5000


def _nfc(words: str) -> list[str]:
    return [unicodedata.normalize("NFC", w.replace("_", " ")) for w in words.split()]


def _weighted(pairs: str) -> tuple[list[str], list[float]]:
    """'Nguyễn:38 Trần:11' -> (names, cumulative weights)."""
    names, cumulative, total = [], [], 0.0
    for pair in pairs.split():
        name, weight = pair.rsplit(":", 1)
        total += float(weight)
        names.append(unicodedata.normalize("NFC", name.replace("_", " ")))
        cumulative.append(total)
    return names, cumulative


# Family names by their share of the population (the rest spread over rarer ones).
FAMILY = _weighted(
    "Nguyễn:38 Trần:11 Lê:9.5 Phạm:7 Hoàng:2.5 Huỳnh:2.6 Phan:4.5 Vũ:1.9 Võ:2.0 "
    "Đặng:2.1 Bùi:2.0 Đỗ:1.4 Hồ:1.3 Ngô:1.3 Dương:1.0 Lý:0.5 Đoàn:0.6 Trương:0.6 "
    "Lâm:0.6 Mai:0.5 Đinh:0.5 Tô:0.4 Cao:0.4 Châu:0.4 Lưu:0.3 Thái:0.3 Hà:0.3 Kiều:0.2 "
    "Tạ:0.2 La:0.2 Quách:0.2 Lương:0.3 Trịnh:0.3 Từ:0.1 Triệu:0.2 Văn:0.1 Thạch:0.3 "
    "Danh:0.2 Kim:0.1 Diệp:0.1 Giang:0.1 Khưu:0.1 Mạc:0.1 Tăng:0.1 Lữ:0.1 Nghiêm:0.05 "
    "Tôn_Thất:0.03 Âu_Dương:0.02")
MIDDLE_FEMALE_OLD = _weighted(
    "Thị:70 Ngọc:6 Kim:5 Thu:3 Thanh:3 Bích:2 Hồng:2 Mỹ:2 Tuyết:1 Xuân:1 Diệu:1 Phương:1")
MIDDLE_FEMALE_YOUNG = _weighted(
    "Thị:28 Ngọc:14 Thanh:7 Thu:6 Kim:6 Minh:5 Mỹ:5 Bảo:5 Phương:5 Diệu:3 Khánh:3 "
    "Tường:2 Gia:3 Hoài:3 Thảo:2 Quỳnh:3")
MIDDLE_MALE_OLD = _weighted(
    "Văn:68 Hữu:6 Minh:5 Thanh:5 Công:3 Đức:3 Quốc:3 Ngọc:2 Tấn:3 Hoàng:1 Thành:1")
MIDDLE_MALE_YOUNG = _weighted(
    "Văn:26 Minh:12 Hoàng:6 Quốc:7 Thanh:6 Gia:6 Hữu:5 Đức:6 Tấn:4 Anh:4 Nhật:4 Công:3 "
    "Bảo:4 Trung:3 Thành:4")
GIVEN_FEMALE = _nfc(
    "An Anh Ánh Bích Bông Cúc Chi Châu Diễm Diệp Dung Duyên Đào Điệp Giang Hà Hạnh Hằng "
    "Hân Hậu Hiền Hoa Hoài Hồng Huệ Hương Hường Huyền Khánh Kiều Kim Lài Lan Lành Lệ Liên "
    "Liễu Linh Loan Lụa Lựu Ly Lý Mai Mận Mến My Mỹ Nga Ngân Ngọc Nguyệt Nhàn Nhi Nhung "
    "Như Nở Nương Oanh Phấn Phượng Phương Quế Quyên Quỳnh Sen Sương Tâm Thảo Thắm Thơ "
    "Thoa Thu Thủy Thúy Thùy Thư Tiên Trang Trâm Trinh Tuyền Tuyết Tươi Uyên Út Vân Vi Vy "
    "Vui Xinh Xuân Yến Bé Cẩm Diệu Gấm Hảo Hòa Huỳnh Kha Khuyên Lam Lợi Mơ Mười Nết Nhạn "
    "Nhớ Phúc Son Sáu Tám Thanh Thêu Thương Thy Tím Tuệ Vàng Viên Xuyến Hạ Đan Ái Ân Băng "
    "Diệp Giao Hiếu Hồng_Nhung Bảo_Ngọc Minh_Thư Ngọc_Hân Thu_Hà Kim_Ngân Bảo_Trâm "
    "Ngọc_Ánh Thùy_Dung Phương_Anh Hoài_Thương")
GIVEN_MALE = _nfc(
    "An Bảo Bình Cảnh Cường Chánh Chiến Chín Công Danh Dũng Duy Dương Đạt Đen Điền Định "
    "Đông Đức Được Giàu Hai Hải Hào Hậu Hiền Hiển Hiếu Hiệp Hòa Hoàng Hùng Hưng Huy Kha "
    "Khải Khang Khánh Khoa Kiên Lâm Lành Lộc Lợi Long Lực Luân Mạnh Minh Mười Nam Năm "
    "Nghĩa Nhân Nhựt Nhật Ninh Phát Phong Phú Phúc Phụng Phước Quang Quân Quí Quốc Sang "
    "Sáu Sơn Tài Tám Tâm Tân Tấn Thạch Thắng Thành Thạnh Thiện Thịnh Thọ Thông Thuận "
    "Tiến Tín Toàn Trí Triều Trọng Trung Trường Tú Tuấn Tùng Tư Út Vinh Vũ Vương Xuân "
    "Bảy Ba Bé Cang Châu Dân Đầy Đời Em Giỏi Hên Hiệu Khởi Lạc Lĩnh Lượm Mến Mừng Nhỏ "
    "Phận Rồi Sĩ Sương Tặng Thiệt Tới Trọn Vàng Xệ Huy_Hoàng Minh_Khôi Gia_Bảo Đăng_Khoa "
    "Anh_Tuấn Quốc_Bảo Thành_Đạt Minh_Triết Tuấn_Kiệt")
# Khmer names of the Mekong delta (An Giang has many Khmer families): "Chau" for men,
# "Néang" for women, then one or two syllables.
KHMER_SYLLABLES = _nfc("Sóc Kha Ty Sa Ri Phi Ca Ny Sam Nang Đa Ra Thi Sươl Vên Sến Kim "
                       "Pho Ni Som Mây Rết Thươl Phên")
# Long names: a compound family name and two middle names (they must fit every screen).
# "Tôn Nữ" is the women's form of the Nguyễn Phước family's "Tôn Thất".
LONG_FAMILY_FEMALE = _nfc("Công_Tôn_Nữ Tôn_Nữ Nguyễn_Phước Âu_Dương Hoàng_Phủ")
LONG_FAMILY_MALE = _nfc("Tôn_Thất Nguyễn_Phước Hoàng_Phủ Âu_Dương")
LONG_MIDDLE_FEMALE = _nfc("Thị_Ngọc Thị_Kim Thị_Hoàng Ngọc_Bảo Thị_Diễm Thị_Thanh")
LONG_MIDDLE_MALE = _nfc("Văn_Minh Hữu_Tấn Văn_Quốc Đức_Minh Công_Thành")
# A second middle name after "Thị" or "Văn": "Nguyễn Thị Ngọc Ánh".
SECOND_MIDDLE_FEMALE = _nfc("Ngọc Kim Thu Thanh Bích Hồng Mỹ Diệu Phương Tuyết Xuân")
SECOND_MIDDLE_MALE = _nfc("Minh Thanh Quốc Hoàng Ngọc Công Hữu")

# Share of residents who started 0, 1, 2, 3, 4 or 5 skills.
SKILLS_STARTED = [0.06, 0.46, 0.24, 0.10, 0.05, 0.09]
# How often a skill is picked first: VNeID and public services are what people come for.
SKILL_APPEAL = {Skill.PLATFORMS: 0.30, Skill.PUBLIC_SERVICES: 0.22, Skill.SAFETY: 0.22,
                Skill.PAYMENT: 0.15, Skill.SHOPPING: 0.11}
# Chance to complete a lesson once started, by how many skills the resident took on.
KEEPS_GOING = [0.0, 0.74, 0.83, 0.9, 0.94, 0.985]
# Share answering the outcome question with its first answer ("yes, done it").
OUTCOME_YES = {"vneid_activated": 0.64, "health_record_used": 0.38, "cashless_payment": 0.57,
               "dvc_submitted": 0.41, "shopped_online": 0.46, "two_step_on": 0.49,
               "scam_reported": 0.18}
OUTCOME_YES_OTHERS = 0.45
# How busy the hall is by weekday, Monday first.
OPEN = (1.15, 1.0, 1.0, 1.0, 0.95, 0.5, 0.0)
# Days until the next visit, when the resident does not go on at once.
LATER = (1, 1, 2, 3, 4, 7, 7, 10, 14, 21, 30)
GROUP_SHARE = 0.16  # residents who came to the kiosk first in a group session
PLACES = ("Nhà văn hoá {hamlet}", "Hội trường Ủy ban nhân dân phường",
          "Điểm sinh hoạt cộng đồng {hamlet}", "Trường tiểu học gần {hamlet}")


@dataclass(frozen=True)
class DemoSummary:
    """What `generate` wrote."""

    residents: int
    hamlets: int
    skills_started: int
    skills_completed: int
    all_skills: int  # residents who completed every skill ("Công dân số")
    lessons_started: int
    lessons_completed: int
    outcome_answers: int
    step_stats: int
    staff_users: int
    group_sessions: int
    attendance: int
    first_day: date
    last_day: date


def anchor_after(day: date) -> datetime:
    """The anchor whose demo year ends with `day` (local midnight after it, in UTC)."""
    after = day + timedelta(days=1)
    return datetime(after.year, after.month, after.day, tzinfo=UTC) - LOCAL


def count_real_residents(db: Db) -> int:
    """Residents who are not demo people: a database with any must not get demo data
    without a deliberate choice."""
    with db() as session:
        return session.scalar(select(func.count()).select_from(Resident).where(
            Resident.consent_version != DEMO_CONSENT_VERSION)) or 0


# -- time ------------------------------------------------------------------------------

class _Clock:
    """Minutes since local midnight of the window's first day, and the UTC they are."""

    def __init__(self, anchor: datetime, as_text: bool = False) -> None:
        if anchor.tzinfo is None:
            anchor = anchor.replace(tzinfo=UTC)
        self.anchor = anchor.astimezone(UTC)
        self.start = self.anchor - timedelta(days=WINDOW_DAYS)
        local_start = self.start + LOCAL
        first_local = local_start.date()
        if local_start.time() != datetime.min.time():  # the first whole local day
            first_local += timedelta(days=1)
        self.first_day = first_local
        self.base = datetime(first_local.year, first_local.month, first_local.day,
                             tzinfo=UTC) - LOCAL
        self.limit = int((self.anchor - self.base).total_seconds() // 60)
        self.days = (self.anchor + LOCAL).date().toordinal() - first_local.toordinal()
        self.last_day = first_local + timedelta(days=self.days - 1)
        # What a row holds: datetimes, or SQLite's text for them written directly.
        self.at: Callable[[int], datetime | str] = self._text if as_text else self.utc
        self.day_value: Callable[[date], date | str] = (
            date.isoformat if as_text else lambda day: day)
        self._offset = self.base.hour * 60 + self.base.minute
        self._texts: dict[int, str] = {}

    def utc(self, minute: int) -> datetime:
        return self.base + timedelta(minutes=minute)

    def _text(self, minute: int) -> str:
        """utc(minute) as SQLAlchemy stores a DateTime in SQLite."""
        text = self._texts.get(minute)
        if text is None:
            day, rest = divmod(minute + self._offset, 1440)
            prefix = (self.base.date() + timedelta(days=day)).isoformat()
            text = self._texts[minute] = f"{prefix} {rest // 60:02d}:{rest % 60:02d}:00.000000"
        return text

    def day(self, minute: int) -> date:
        return date.fromordinal(self.first_day.toordinal() + minute // 1440)

    def weekday(self, day: int) -> int:
        return (self.first_day.toordinal() + day - 1) % 7  # 0 = Monday

    def visit(self, rng: random.Random, day: int) -> int:
        """A moment the hall is open on `day` (moved to Monday from a Sunday)."""
        if self.weekday(day) == 6:
            day += 1
        if rng.random() < 0.62:
            minute = _between(rng, 7 * 60 + 30, 11 * 60)
        else:
            minute = _between(rng, 13 * 60 + 30, 16 * 60 + 30)
        return day * 1440 + minute


# -- names -----------------------------------------------------------------------------

def _pick(rng: random.Random, table: tuple[list[str], list[float]]) -> str:
    names, cumulative = table
    return names[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _name(rng: random.Random, female: bool, birth_year: int) -> str:
    roll = rng.random()
    if roll < 0.006:  # Khmer
        first = "Néang" if female else "Chau"
        return " ".join([first, *rng.sample(KHMER_SYLLABLES, rng.choice((1, 2, 2)))])
    if roll < 0.009:  # a long name, two middle names and a compound family name
        if female:
            family, middle = rng.choice(LONG_FAMILY_FEMALE), rng.choice(LONG_MIDDLE_FEMALE)
        else:
            family, middle = rng.choice(LONG_FAMILY_MALE), rng.choice(LONG_MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        while given.split()[0] in middle.split():
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        return f"{family} {middle} {given}"
    family = _pick(rng, FAMILY)
    young = birth_year >= 1985
    if female:
        middle = _pick(rng, MIDDLE_FEMALE_YOUNG if young else MIDDLE_FEMALE_OLD)
        given = rng.choice(GIVEN_FEMALE)
    else:
        middle = _pick(rng, MIDDLE_MALE_YOUNG if young else MIDDLE_MALE_OLD)
        given = rng.choice(GIVEN_MALE)
    if " " not in given and middle in ("Thị", "Văn") and rng.random() < 0.09:
        middle += " " + rng.choice(SECOND_MIDDLE_FEMALE if female else SECOND_MIDDLE_MALE)
    if given.split()[0] in middle.split():  # not "Nguyễn Thị Ngọc Ngọc"
        middle = "Thị" if female else "Văn"
    if given == family:  # not "Huỳnh Văn Huỳnh"
        given = "Út"
    return f"{family} {middle} {given}"


def _birth_year(rng: random.Random, anchor_year: int) -> int:
    roll = rng.random()
    if roll < 0.62:
        year = round(rng.triangular(1945, 1976, 1962))
    elif roll < 0.70:
        year = _between(rng, 1934, 1944)
    elif roll < 0.93:
        year = _between(rng, 1977, 2000)
    else:
        year = _between(rng, 2001, anchor_year - 10)
    return year


def _phone(rng: random.Random) -> str:
    """A number no subscriber can have: Vietnamese numbers never start with 0000."""
    return f"0000{rng.randrange(1_000_000):06d}"


def _codes(rng: random.Random, taken: set[str]) -> Callable[[], str]:
    def draw() -> str:
        while True:
            code = "".join(rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
            if code not in taken:
                taken.add(code)
                return code
    return draw


# -- lessons ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _LessonPlan:
    index: int
    lesson: Lesson
    steps: int  # all steps, check questions included
    graded: tuple[tuple[int, str, float, bool], ...]  # (index, step id, difficulty, check)
    minutes: int


def _difficulty(lesson: Lesson, index: int) -> float:
    """How often a step is answered wrong: the same step is hard whatever the seed, as a
    badly worded step is for every resident."""
    step = lesson.all_steps[index]
    base = {"tap": 0.10, "type": 0.18, "spot": 0.26, "order": 0.34, "choice": 0.14}
    spread = random.Random(zlib.crc32(f"{lesson.id}/{index}".encode()))
    value = base.get(step.kind, 0.15) * spread.uniform(0.5, 1.6)
    if not lesson.is_check(index) and spread.random() < 0.08:  # steps that trip people up
        value += spread.uniform(0.25, 0.4)
    return min(value, 0.85)


def _plans(lessons_by_skill: dict[Skill, list[Lesson]]) -> dict[Skill, list[_LessonPlan]]:
    plans: dict[Skill, list[_LessonPlan]] = {}
    counter = 0
    for skill in Skill:
        lessons = sorted(lessons_by_skill.get(skill, []),
                         key=lambda lesson: (lesson.final, lesson.order, lesson.id))
        skill_plans = []
        for lesson in lessons:
            graded = tuple(
                (i, lesson.step_id(i), _difficulty(lesson, i), lesson.is_check(i))
                for i, step in enumerate(lesson.all_steps) if not isinstance(step, ExplainStep))
            skill_plans.append(_LessonPlan(counter, lesson, len(lesson.all_steps), graded,
                                           lesson.minutes))
            counter += 1
        if skill_plans:
            plans[skill] = skill_plans
    return plans


# -- the generator ---------------------------------------------------------------------

@dataclass
class _Session:
    id: int
    hamlet_id: int
    skill: Skill
    lessons: list[_LessonPlan]
    start: int  # minutes on the clock
    end: int
    team_member_id: int


def _fast_path(connection: Connection) -> bool:
    """Whether rows go to SQLite's executemany directly, values already in its storage
    format, instead of through SQLAlchemy's per-row processing (a third of the time)."""
    return connection.dialect.name == "sqlite"


class _Writer:
    """Rows of one batch, written with one executemany per table."""

    def __init__(self, connection: Connection, fast: bool) -> None:
        self.connection, self.fast = connection, fast
        self.rows: dict[type, list[dict]] = defaultdict(list)

    def add(self, model: type, row: dict) -> None:
        self.rows[model].append(row)

    def flush(self, order: Sequence[type]) -> None:
        for model in order:
            rows = self.rows.pop(model, None)
            if rows:
                self.insert(model, rows)

    def insert(self, model: type, rows: list[dict]) -> None:
        table = model.__table__  # type: ignore[attr-defined]
        if not self.fast:
            self.connection.execute(table.insert(), rows)
            return
        columns = list(rows[0])
        self.connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            list(map(itemgetter(*columns), rows)))


def generate(
    db: Db, lessons_by_skill: dict[Skill, list[Lesson]], *, count: int, seed: int,
    progress: Progress | None = None, anchor: datetime = DEFAULT_ANCHOR,
) -> DemoSummary:
    """Add `count` demo residents with their progress to `db`, after what is there.

    Uses the active khóm/ấp of the database and sets `population`/`households` of those
    that have none. Raising from `progress(done, total)` stops and stores nothing.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    plans = _plans(lessons_by_skill)
    engine = db.kw["bind"]
    with engine.begin() as connection:
        fast = _fast_path(connection)
        generation = _Generation(connection, random.Random(seed), _Clock(anchor, fast), plans,
                                 count, progress, _Writer(connection, fast))
        if connection.dialect.name != "sqlite":
            return generation.run()
        # A big page cache keeps the index inserts of a large run off the disk.
        cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql("PRAGMA cache_size = -262144")
        try:
            return generation.run()
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")


class _Generation:
    def __init__(self, connection: Connection, rng: random.Random, clock: _Clock,
                 plans: dict[Skill, list[_LessonPlan]], count: int,
                 progress: Progress | None, writer: _Writer) -> None:
        self.c, self.rng, self.clock, self.plans = connection, rng, clock, plans
        self.count, self.progress, self.writer = count, progress, writer
        self.stats: Counter[tuple[int, int, int]] = Counter()  # (lesson, day, reached)
        self.totals: Counter[str] = Counter()
        self.all_skills = 0

    # The write lock is taken first, so the ids read next stay ours until commit.
    def _lock(self) -> None:
        self.c.execute(update(Hamlet).where(Hamlet.id < 0).values(sort_order=0))

    def _next_id(self, model) -> int:
        return (self.c.scalar(select(func.max(model.id))) or 0) + 1

    def run(self) -> DemoSummary:
        self._lock()
        hamlets = self._hamlets()
        team = self._team()
        sessions = self._sessions(hamlets, team)
        self._residents(hamlets, sessions)
        self._step_stats()
        self._fix_sequences()
        if self.progress:
            self.progress(self.count, self.count)
        return DemoSummary(
            residents=self.count, hamlets=len(hamlets),
            skills_started=self.totals["skills_started"],
            skills_completed=self.totals["skills_completed"], all_skills=self.all_skills,
            lessons_started=self.totals["lessons_started"],
            lessons_completed=self.totals["lessons_completed"],
            outcome_answers=self.totals["outcomes"], step_stats=self.totals["step_stats"],
            staff_users=len(team), group_sessions=sum(map(len, sessions.values())),
            attendance=self.totals["attendance"], first_day=self.clock.first_day,
            last_day=self.clock.last_day)

    # -- khóm/ấp ---------------------------------------------------------------------

    def _hamlets(self) -> list[tuple[int, float]]:
        """(hamlet id, cumulative weight) of the active khóm/ấp; sizes are unequal and
        the share of people who come differs from one khóm to the next."""
        rows = self.c.execute(select(Hamlet.id, Hamlet.population).where(Hamlet.active)
                              .order_by(Hamlet.sort_order, Hamlet.id)).all()
        if not rows:
            raise ValueError("the database has no active khóm/ấp to put residents in")
        rng = self.rng
        sizes = {}
        for hamlet_id, population in rows:
            size = population or min(6000, max(1500, round(
                3400 * rng.lognormvariate(0, 0.42))))
            sizes[hamlet_id] = (size, population is None, rng.lognormvariate(0, 0.35))
        weights = [(hid, size * pull) for hid, (size, _, pull) in sizes.items()]
        total = sum(w for _, w in weights)
        expected = {hid: self.count * w / total for hid, w in weights}
        for hid, (size, empty, _) in sizes.items():
            if empty:
                # At most 30-65% of a khóm registers, even in a 300,000-person test.
                population = max(size, math.ceil(expected[hid] / rng.uniform(0.3, 0.65)))
                self.c.execute(update(Hamlet).where(Hamlet.id == hid).values(
                    population=population, households=round(population / 3.6)))
        cumulative, running = [], 0.0
        for hid, weight in weights:
            running += weight
            cumulative.append((hid, running))
        return cumulative

    def _hamlet(self, hamlets: list[tuple[int, float]]) -> int:
        x = self.rng.random() * hamlets[-1][1]
        low, high = 0, len(hamlets) - 1
        while low < high:
            mid = (low + high) // 2
            if hamlets[mid][1] < x:
                low = mid + 1
            else:
                high = mid
        return hamlets[low][0]

    # -- team members and group sessions ---------------------------------------------

    def _team(self) -> list[int]:
        rng = self.rng
        taken = set(self.c.scalars(select(StaffUser.username)))
        first = self._next_id(StaffUser)
        size = 3 + min(9, self.count // 4000) + rng.randint(0, 2)
        ids = []
        for i in range(size):
            female = rng.random() < 0.55
            name = _name(rng, female, rng.randint(1975, 2003))
            username = "demo-" + fold(name).split()[-1]
            suffix = 2
            while username in taken:
                username = f"demo-{fold(name).split()[-1]}{suffix}"
                suffix += 1
            taken.add(username)
            ids.append(first + i)
            self.writer.add(StaffUser, dict(
                id=first + i, username=username, display_name=name,
                role=StaffRole.TEAM_MEMBER.value, pin_hash="!", failed_attempts=0, active=True,
                created_at=self.clock.at(self.clock.visit(rng, rng.randint(0, 20)))))
        self.writer.flush([StaffUser])
        return ids

    def _sessions(self, hamlets: list[tuple[int, float]], team: list[int],
                  ) -> dict[int, list[_Session]]:
        rng, clock = self.rng, self.clock
        wanted = round(self.count * GROUP_SHARE / 24)
        names = dict(self.c.execute(select(Hamlet.id, Hamlet.name)).all())
        skills = [s for s in SKILL_APPEAL if s in self.plans]
        by_hamlet: dict[int, list[_Session]] = defaultdict(list)
        next_id = self._next_id(GroupSession)
        if not skills:
            return by_hamlet
        for i in range(wanted):
            hamlet_id = self._hamlet(hamlets)
            skill = rng.choices(skills, weights=[SKILL_APPEAL[s] for s in skills])[0]
            plans = self.plans[skill]
            ordinary = [p for p in plans if not p.lesson.final]
            if rng.random() < 0.3 or not ordinary:  # the whole skill, final check included
                taught = plans
            else:
                taught = ordinary[:rng.randint(1, min(2, len(ordinary)))]
            day = rng.randint(0, clock.days - 2)
            if clock.weekday(day) in (5, 6):  # weekend mornings
                minute = day * 1440 + rng.choice((7 * 60 + 30, 8 * 60, 8 * 60 + 30))
            else:  # weekday evenings, after work in the fields
                minute = day * 1440 + rng.choice((18 * 60 + 30, 19 * 60, 19 * 60 + 30))
            length = sum(p.minutes for p in taught) * 2 + rng.randint(15, 40)
            session = _Session(next_id + i, hamlet_id, skill, list(taught), minute,
                               minute + length, rng.choice(team))
            by_hamlet[hamlet_id].append(session)
            place = rng.choice(PLACES).format(hamlet=names[hamlet_id])
            self.writer.add(GroupSession, dict(
                id=session.id, team_member_id=session.team_member_id, hamlet_id=hamlet_id,
                place=place, lesson_ids="\n".join(p.lesson.id for p in taught),
                started_at=clock.at(session.start), ended_at=clock.at(session.end),
                notes=None))
        self.writer.flush([GroupSession])
        return by_hamlet

    # -- residents -------------------------------------------------------------------

    def _residents(self, hamlets: list[tuple[int, float]],
                   sessions: dict[int, list[_Session]]) -> None:
        rng, clock = self.rng, self.clock
        taken = set(self.c.scalars(select(Resident.learner_code)))
        code = _codes(rng, taken)
        first_id = self._next_id(Resident)
        anchor_year = clock.anchor.year
        # More people come as word spreads: registration leans towards recent months. The
        # hall is open Monday to Saturday morning.
        days = list(range(clock.days - 1))
        cumulative = list(_accumulate((0.55 + day / len(days)) * OPEN[clock.weekday(day)]
                                      for day in days))
        order = [LessonProgress, SkillProgress, OutcomeAnswer, Attendance]
        folds: dict[str, str] = {}
        for i in range(self.count):
            resident_id = first_id + i
            female = rng.random() < 0.56
            birth_year = _birth_year(rng, anchor_year)
            name = _name(rng, female, birth_year)
            hamlet_id = self._hamlet(hamlets)
            joined = None
            options = sessions.get(hamlet_id)
            if options and rng.random() < GROUP_SHARE:
                joined = rng.choice(options)
                start = joined.start + rng.randint(-10, 5)
            else:
                day = days[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
                start = clock.visit(rng, day)
            when = clock.at(start)
            folded = " ".join([folds.get(word) or folds.setdefault(word, fold(word))
                               for word in name.split()])
            person = dict(
                id=resident_id, learner_code=code(), full_name=name, name_folded=folded,
                birth_year=birth_year, hamlet_id=hamlet_id,
                phone=_phone(rng) if rng.random() < (0.62 if birth_year > 1970 else 0.4)
                else None,
                consent_version=DEMO_CONSENT_VERSION, consent_at=when, created_at=when,
                updated_at=when, all_skills_completed_at=None)
            self.writer.add(Resident, person)
            # kiosk.text.name_terms, from the folded words already at hand
            for term in dict.fromkeys(word[:MAX_TERM_LENGTH] for word in folded.split()):
                self.writer.add(ResidentTerm, dict(term=term, resident_id=resident_id))
            every_skill = self._learn(resident_id, hamlet_id, start, joined)
            if every_skill is not None:  # "Công dân số", as kiosk.progress keeps it
                person["all_skills_completed_at"] = clock.at(every_skill)
            done = i + 1
            if done % BATCH == 0 or done == self.count:
                self.writer.flush([Resident, ResidentTerm, *order])
                if self.progress and done < self.count:
                    self.progress(done, self.count)

    def _learn(self, resident_id: int, hamlet_id: int, start: int,
               joined: _Session | None) -> int | None:
        """The resident's lessons, skill after skill, in the kiosk's order. Returns when
        they completed the last of every skill, or None."""
        rng = self.rng
        wanted = rng.choices(range(6), weights=SKILLS_STARTED)[0]
        if joined is not None:
            wanted = max(wanted, 1)
        skills = [s for s in SKILL_APPEAL if s in self.plans]
        order = sorted(skills, key=lambda s: rng.random() ** (1 / SKILL_APPEAL[s]),
                       reverse=True)
        if joined is not None:
            order.remove(joined.skill)
            order.insert(0, joined.skill)
        keeps_going = KEEPS_GOING[wanted]
        now = start
        completed: list[int] = []  # when each skill completed was
        for position, skill in enumerate(order[:wanted]):
            session = joined if position == 0 else None
            now, finished = self._skill(resident_id, hamlet_id, skill, now, keeps_going,
                                         session)
            if now is None:
                break
            if finished is not None:
                completed.append(finished)
            if rng.random() < 0.3:  # on to the next skill in the same visit
                now += _between(rng, 2, 15)
            else:
                now = self.clock.visit(rng, now // 1440 + rng.choice(LATER))
        if len(completed) == len(skills) == len(Skill):
            self.all_skills += 1
            return max(completed)
        return None

    def _skill(self, resident_id: int, hamlet_id: int, skill: Skill, now: int,
               keeps_going: float, session: _Session | None) -> tuple[int | None, int | None]:
        """Lessons of one skill from `now`; returns when the resident moves on (None when
        the demo year ends first) and when the skill was completed (its final check
        passed), or None."""
        rng, clock, add = self.rng, self.clock, self.writer.add
        if now >= clock.limit:
            return None, None
        plans = self.plans[skill]
        in_session = {p.index for p in session.lessons} if session else set()
        skill_row = dict(resident_id=resident_id, hamlet_id=hamlet_id, skill=skill.value,
                         started_at=clock.at(now), completed_at=None, group_session_id=None)
        passed_all, timed_out = True, False
        finished = None
        learnt_in_session = 0
        for plan in plans:
            lesson = plan.lesson
            group = session.id if plan.index in in_session else None
            took = max(3, round(plan.minutes * rng.uniform(0.9, 2.4)))
            if group is None and now + took >= clock.limit:
                passed_all, timed_out = False, True
                break
            if plan is plans[0]:  # made when the skill's first lesson is opened
                add(SkillProgress, skill_row)
                self.totals["skills_started"] += 1
            row = dict(resident_id=resident_id, lesson_id=lesson.id, skill=skill.value,
                       started_at=clock.at(now), group_session_id=None, check_score=None,
                       completed_at=None)
            self.totals["lessons_started"] += 1
            chance = 0.93 if group else keeps_going * (0.88 if lesson.final else 1.0)
            if rng.random() < chance:
                end = now + took
                row.update(status=ProgressStatus.COMPLETED.value, current_step=plan.steps,
                           updated_at=clock.at(end), completed_at=clock.at(end),
                           group_session_id=group)
                if lesson.check is not None:
                    row["check_score"] = _between(rng, lesson.check.pass_mark,
                                                     len(lesson.check.questions))
                add(LessonProgress, row)
                self.totals["lessons_completed"] += 1
                self.stats[(plan.index, now // 1440, plan.steps)] += 1
                if lesson.outcome is not None:
                    self._outcome(resident_id, hamlet_id, lesson, end)
                if lesson.final:
                    skill_row.update(completed_at=clock.at(end), group_session_id=group)
                    finished = end
                    self.totals["skills_completed"] += 1
                learnt_in_session += group is not None
                stays = (learnt_in_session < len(in_session) if group
                         else rng.random() < 0.55)
                if stays:  # the next lesson in the same visit
                    now = end + _between(rng, 2, 20)
                else:
                    now = clock.visit(rng, end // 1440 + rng.choice(LATER))
                continue
            passed_all = False
            row.update(status=ProgressStatus.IN_PROGRESS.value)
            if lesson.check is not None and rng.random() < 0.35:  # failed the check
                row.update(current_step=len(lesson.steps),
                           check_score=_between(rng, 0, lesson.check.pass_mark - 1))
                reached = plan.steps
            else:
                reached = _between(rng, 0, max(0, len(lesson.steps) - 1))
                row["current_step"] = reached
            stopped = now + max(1, round(took * (reached + 1) / plan.steps))
            row["updated_at"] = clock.at(min(stopped, clock.limit - 1))
            add(LessonProgress, row)
            self.stats[(plan.index, now // 1440, reached)] += 1
            break
        if session is not None:
            self.writer.add(Attendance, dict(
                session_id=session.id, resident_id=resident_id,
                checked_in_at=clock.at(session.start + _between(rng, 0, 12)),
                passed_check=learnt_in_session == len(in_session)))
            self.totals["attendance"] += 1
        return (None if timed_out else now), (finished if passed_all else None)

    def _outcome(self, resident_id: int, hamlet_id: int, lesson: Lesson, minute: int) -> None:
        outcome = lesson.outcome
        assert outcome is not None
        yes = OUTCOME_YES.get(outcome.key, OUTCOME_YES_OTHERS)
        if self.rng.random() < yes:
            answer = outcome.answers[0]
        else:
            answer = self.rng.choice(outcome.answers[1:])
        self.writer.add(OutcomeAnswer, dict(
            resident_id=resident_id, hamlet_id=hamlet_id, question_key=outcome.key,
            lesson_id=lesson.id, answer=answer, answered_at=self.clock.at(minute)))
        self.totals["outcomes"] += 1

    # -- answers per step and day ----------------------------------------------------

    def _step_stats(self) -> None:
        """Counters per lesson step and day from the simulated visits: everyone who got
        past a graded step answered it right at last; wrong answers and hints follow the
        step's difficulty."""
        rng = self.rng
        plans = {p.index: p for skill_plans in self.plans.values() for p in skill_plans}
        reached_by_day: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
        for (lesson, day, reached), people in sorted(self.stats.items()):
            reached_by_day[(lesson, day)][reached] = people
        existing = {(lesson_id, step_index, day) for lesson_id, step_index, day in self.c.execute(
            select(StepStats.lesson_id, StepStats.step_index, StepStats.day))}
        rows = []
        for (lesson_index, day), reached in sorted(reached_by_day.items()):
            plan = plans[lesson_index]
            the_day = date.fromordinal(self.clock.first_day.toordinal() + day)
            for step_index, step_id, difficulty, is_check in plan.graded:
                people = sum(n for r, n in reached.items() if r > step_index)
                if not people:
                    continue
                wrong = _binomial(rng, people, difficulty)
                if not is_check:  # wrong answers are tried again, sometimes more than once
                    wrong += _binomial(rng, wrong, difficulty)
                hints = 0 if is_check else _binomial(rng, people, difficulty * 0.7)
                key = (plan.lesson.id, step_index, the_day)
                if key in existing:
                    self.c.execute(update(StepStats).where(
                        StepStats.lesson_id == key[0], StepStats.step_index == key[1],
                        StepStats.day == key[2]).values(
                            attempts=StepStats.attempts + people + (0 if is_check else wrong),
                            wrong=StepStats.wrong + wrong, hints=StepStats.hints + hints))
                    continue
                rows.append(dict(lesson_id=plan.lesson.id, step_index=step_index,
                                 step_id=step_id, day=self.clock.day_value(the_day),
                                 attempts=people + (0 if is_check else wrong), wrong=wrong,
                                 hints=hints))
                self.totals["step_stats"] += 1
                if len(rows) >= 10_000:
                    self.writer.insert(StepStats, rows)
                    rows = []
        if rows:
            self.writer.insert(StepStats, rows)

    def _fix_sequences(self) -> None:
        """Rows were written with their ids; PostgreSQL's counters must move past them."""
        if self.c.dialect.name != "postgresql":
            return
        for model in (Resident, StaffUser, GroupSession):
            table = model.__tablename__
            self.c.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"))


def _between(rng: random.Random, low: int, high: int) -> int:
    """rng.randint, at a third of its cost (it is drawn millions of times)."""
    return low + int(rng.random() * (high - low + 1))


def _accumulate(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _binomial(rng: random.Random, n: int, p: float) -> int:
    if n <= 0 or p <= 0:
        return 0
    if n < 40:
        return sum(rng.random() < p for _ in range(n))
    value = round(rng.gauss(n * p, math.sqrt(n * p * (1 - p))))
    return min(n, max(0, value))
