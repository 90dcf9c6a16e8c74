"""Residents as staff look after them: find anyone in a few keystrokes, see everything
about one person, correct, merge, export and erase.

Search ignores case and every Vietnamese diacritic (kiosk.text.fold), in whatever Unicode
form the text arrives. Each word typed must match the start of a word of the name or of
the resident's khóm/ấp; a four-digit year is a birth year, digits starting with 0 are the
start of a phone number, and the whole text may be a learner code as typed or scanned
("ACD 234", "acd-234"). On 300,000 residents a search answers in a few tens of
milliseconds (benchmarks/bench_search.py), whatever is typed, because each search picks
its plan from how many residents each constraint can match:

* When a constraint matches few residents (counted through its index), those are read and
  sorted, and the exact total is known. "Few" is `SELECTIVE` for a single constraint and
  `SELECTIVE_COMBINED` when there are others: then reading the index in name order might
  have to go through every name before finding the rare residents matching them all.
* Otherwise ("nguyen", "thi", one letter) rows are read in name order through the name
  index until the page is full, the names starting with what was typed first: the many
  residents matching fill the page at once. The total is then "more than the page".

Results come in this order: names equal to the words typed, names starting with them,
names starting with the first word typed, then with the second or third, then the others;
by name within each. Staff type the family name first: "nguyen trang" lists Nguyễn Thị
Trang before Lê Nguyễn Trang, and "nguyen" the Nguyễn family before the people whose
middle name is Nguyễn.

The privileged functions take the acting staff member, check the permission first and
write their audit entry in the same transaction as the change. Audit details name a
resident by id and learner code only.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    delete,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.orm import Session, aliased

from kiosk.db.models import (
    Attendance,
    Certificate,
    GroupSession,
    Hamlet,
    LessonProgress,
    OutcomeAnswer,
    PrintJob,
    PrintJobStatus,
    ProgressStatus,
    Resident,
    ResidentTerm,
    SkillProgress,
    StaffUser,
    StepAttempt,
    StepProgress,
    utcnow,
)
from kiosk.lessons.schema import Lesson
from kiosk.progress import refresh_all_skills
from kiosk.residents import (
    CODE_ALPHABET,
    CODE_LENGTH,
    OLDEST_BIRTH_YEAR,
    Db,
    format_code,
    parse_code,
    validate_birth_year,
)
from kiosk.skills import Skill
from kiosk.staff import Permission, StaffUserInfo, audit, require
from kiosk.text import (
    MAX_TERM_LENGTH,
    InvalidInput,
    clean_text,
    fold,
    name_terms,
    normalize_name,
    normalize_phone,
)

__all__ = [
    "DuplicateGroup",
    "LessonLine",
    "Profile",
    "ResidentRow",
    "SearchResult",
    "SkillLine",
    "duplicates_of",
    "edit",
    "erase",
    "export",
    "export_file_name",
    "merge",
    "possible_duplicates",
    "profile",
    "search",
]

#: A search with one constraint (a word, a year...) matching at most this many residents
#: reads and sorts them; with more, the name index is read in order, which fills a page
#: at once. With several constraints, the least common one drives up to
#: SELECTIVE_COMBINED residents: about what reading every name costs (measured by
#: benchmarks/bench_search.py on 300,000 residents), its worst case.
SELECTIVE = 3000
SELECTIVE_COMBINED = 10000
#: A span of this many years or more (typed "19", "195") narrows little.
WEAK_YEARS = 9
#: Fewer digits of a phone number than this narrow little ("09").
STRONG_PHONE_DIGITS = 4
DEFAULT_LIMIT = 50
# Above every character: `column < prefix + AFTER_ALL` keeps the values starting with it.
AFTER_ALL = "\U0010ffff"
MAX_REASON_LENGTH = 300
# Separators staff type between the parts of a query, besides spaces.
_SEPARATORS = str.maketrans({",": " ", ";": " ", "/": " ", "(": " ", ")": " "})


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidentRow:
    """One resident as lists show them."""

    id: int
    learner_code: str
    full_name: str
    birth_year: int
    hamlet_id: int
    hamlet_name: str
    phone: str | None

    @property
    def code_display(self) -> str:
        return format_code(self.learner_code)


@dataclass(frozen=True)
class SearchResult:
    """The first residents found, in order. `total` is how many match; when `more` is
    true, more than `total` match and only the first `len(rows)` are listed."""

    rows: tuple[ResidentRow, ...]
    total: int
    more: bool = False


# --- search ---------------------------------------------------------------------------------


def _starting(column: ColumnElement, prefix: str) -> ColumnElement[bool]:
    """Values starting with `prefix`, as an index range."""
    return and_(column >= prefix, column < prefix + AFTER_ALL)


@dataclass
class _Constraint:
    """One thing typed: `condition` checks a resident row without using any index (so the
    planner never picks it to drive), `ids` selects the matching residents' ids through an
    index, and `estimate` is how many those are, counted only as far as it matters."""

    condition: ColumnElement[bool]
    ids: Select
    estimate: int = 0
    weak: bool = False  # leaves most residents: a span of years, the first digits of a phone
    word: bool = False  # a word of the name or khóm/ấp
    name_word: str = ""  # set when it is a word of the name only


@dataclass
class _Parsed:
    words: list[str] = field(default_factory=list)  # folded, name or khóm/ấp words
    years: list[tuple[int, int]] = field(default_factory=list)  # inclusive ranges
    phones: list[str] = field(default_factory=list)  # starts of phone numbers
    code: str | None = None  # the whole text as a learner code


def _hamlet_words(hamlets: Mapping[int, str]) -> dict[int, list[str]]:
    return {hamlet_id: fold(name).split() for hamlet_id, name in hamlets.items()}


def _hamlets_with(word: str, words: Mapping[int, list[str]]) -> list[int]:
    return sorted(h for h, ws in words.items() if any(w.startswith(word) for w in ws))


def _year_range(digits: str, this_year: int) -> tuple[int, int] | None:
    """The birth years a number can be the start of: "1958" itself, "195" the 1950s."""
    if len(digits) > 4 or digits[0] not in "12":
        return None
    pad = 4 - len(digits)
    low = max(int(digits + "0" * pad), OLDEST_BIRTH_YEAR)
    high = min(int(digits + "9" * pad), this_year)
    return (low, high) if low <= high else None


def _parse(text: str, hamlet_words: Mapping[int, list[str]], this_year: int) -> _Parsed:
    parsed = _Parsed()
    code = parse_code(text)
    if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code):
        parsed.code = code
    tokens = text.translate(_SEPARATORS).split()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        digits = token.replace(".", "").replace("-", "")
        if digits.startswith("+84") and digits[3:].isdigit():
            digits = "0" + digits[3:]
        if digits.isdigit() and digits.startswith("0"):
            # "0912 345 678": the groups that follow belong to the same number.
            while index < len(tokens) and tokens[index].replace(".", "").isdigit():
                digits += tokens[index].replace(".", "")
                index += 1
            parsed.phones.append(digits)
            continue
        if token.isdigit() and token.isascii():
            years = _year_range(token, this_year)
            if len(token) == 4 and years:
                parsed.years.append(years)
                continue
            if years and not _hamlets_with(token, hamlet_words):
                parsed.years.append(years)
                continue
        word = fold(token).strip(".-'\"")
        if word:
            parsed.words.append(word)
    return parsed


def _count(session: Connection | Session, ids: Select, cap: int) -> int:
    """How many ids the select gives, counting no further than `cap`."""
    if cap <= 0:
        return 0
    limited = ids.limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(limited)) or 0


def _word_in_name(word: str, dialect: str) -> ColumnElement[bool]:
    """The folded name has a word starting with `word`. The plain substring test runs
    first: it is cheap and rules out most names before the word-boundary test."""
    find = func.strpos if dialect == "postgresql" else func.instr
    name = Resident.name_folded
    return and_(find(name, word) > 0, find(literal(" ").concat(name), " " + word) > 0)


def _constraints(session: Connection | Session, parsed: _Parsed,
                 hamlet_words: Mapping[int, list[str]],
                 dialect: str) -> tuple[list[_Constraint], list[str]]:
    """The constraints of a parsed query with their estimates, and the words that can be
    part of a name (in the order typed).

    Each estimate counts through an index only as far as it matters: the constraints most
    likely to be rare go first (a long phone start, a year, long words), then each is
    counted up to the smallest count so far. A word that every khóm/ấp name has ("khom")
    narrows nothing and is left out.
    """
    pending: list[tuple[tuple[int, int], int, str, object]] = []
    for position, word in enumerate(parsed.words):
        pending.append(((1, -len(word)), position, "word", word))
    for low, high in parsed.years:
        pending.append(((0 if low == high else 2, 0), -1, "year", (low, high)))
    for digits in parsed.phones:
        pending.append(((0 if len(digits) >= 4 else 2, -len(digits)), -1, "phone", digits))
    pending.sort(key=lambda item: item[0])
    everywhere = set(hamlet_words)
    best = SELECTIVE_COMBINED
    constraints, name_positions = [], []
    for _key, position, kind, value in pending:
        cap = best + 1
        if kind == "word":
            word = str(value)
            by_name = select(ResidentTerm.resident_id).where(
                _starting(ResidentTerm.term, word[:MAX_TERM_LENGTH]))
            hamlet_ids = _hamlets_with(word, hamlet_words)
            vacuous = set(hamlet_ids) == everywhere
            in_names = _count(session, by_name, 1 if vacuous else cap)
            if in_names:
                name_positions.append(position)
            if vacuous:
                continue
            by_hamlet = select(Resident.id).where(Resident.hamlet_id.in_(hamlet_ids))
            in_hamlets = _count(session, by_hamlet, cap - in_names) if hamlet_ids else 0
            # `+ 0` keeps the planner off the khóm/ấp index when this is not the driver.
            hamlet_condition = (Resident.hamlet_id + 0).in_(hamlet_ids)
            if in_names and hamlet_ids:
                constraint = _Constraint(or_(_word_in_name(word, dialect), hamlet_condition),
                                         union_all(by_name, by_hamlet), in_names + in_hamlets,
                                         word=True)
            elif hamlet_ids:
                constraint = _Constraint(hamlet_condition, by_hamlet, in_hamlets, word=True)
            else:  # also when nobody has such a word: the search then finds nobody, fast
                constraint = _Constraint(_word_in_name(word, dialect), by_name, in_names,
                                         word=True, name_word=word)
        elif kind == "year":
            low, high = value
            ids = select(Resident.id).where(Resident.birth_year.between(low, high))
            constraint = _Constraint((Resident.birth_year + 0).between(low, high), ids,
                                     _count(session, ids, cap), weak=high - low >= WEAK_YEARS)
        else:
            ids = select(Resident.id).where(_starting(Resident.phone, str(value)))
            constraint = _Constraint(_starting(Resident.phone.concat(""), str(value)), ids,
                                     _count(session, ids, cap),
                                     weak=len(str(value)) < STRONG_PHONE_DIGITS)
        constraints.append(constraint)
        best = min(best, constraint.estimate)
    return constraints, [parsed.words[p] for p in sorted(name_positions)]


_COLUMNS = (Resident.id, Resident.learner_code, Resident.full_name, Resident.birth_year,
            Resident.hamlet_id, Resident.phone)


def _rows(result, hamlets: Mapping[int, str]) -> list[ResidentRow]:
    return [ResidentRow(r.id, r.learner_code, r.full_name, r.birth_year, r.hamlet_id,
                        hamlets.get(r.hamlet_id, ""), r.phone) for r in result]


#: Names starting with one of the first few words typed rank before the others.
RANKED_WORDS = 3


def _prefixes(typed: str) -> list[str]:
    """The starts of names that rank first, in this order: the words typed, then each of
    the first words typed. A family name sorts names into one block: "nguyen trang" finds
    Nguyễn Thị Trang before Lê Nguyễn Trang, and "trang nguyen" finds her too, in the
    block a reading in name order would reach only after the names before "nguyen"."""
    if not typed:
        return []
    prefixes = [typed]
    for word in typed.split()[:RANKED_WORDS]:
        if word not in prefixes:
            prefixes.append(word)
    return prefixes


def _starts(prefix: str) -> ColumnElement[bool]:
    """The name starts with `prefix`, as a test on the row (never an index range)."""
    return func.substr(Resident.name_folded, 1, len(prefix)) == prefix


#: A word whose start matches at most this many different words of names is checked
#: against the search words' index (one lookup per word) instead of in the name itself.
MAX_TERMS = 24

# The different words of names starting with a prefix, one index lookup each.
_TERMS_IN_RANGE = text("""
    WITH RECURSIVE found(term) AS (
        SELECT min(term) FROM resident_terms WHERE term >= :low AND term < :high
        UNION ALL
        SELECT (SELECT min(term) FROM resident_terms WHERE term > found.term
                AND term < :high)
        FROM found WHERE found.term IS NOT NULL
    )
    SELECT term FROM found WHERE term IS NOT NULL LIMIT :most
""")


def _terms(session: Connection | Session, word: str) -> list[str] | None:
    """The words of names starting with `word`, or None when there are many."""
    prefix = word[:MAX_TERM_LENGTH]
    terms = list(session.execute(_TERMS_IN_RANGE, {
        "low": prefix, "high": prefix + AFTER_ALL, "most": MAX_TERMS + 1}).scalars())
    return terms if len(terms) <= MAX_TERMS else None


def _selective(session: Connection | Session, driver: _Constraint,
               others: Sequence[_Constraint], typed: str, limit: int) -> tuple[list, int]:
    """Read the driver's few residents, keep those the other constraints accept, sort.

    Other words of the name are checked in the search words' index first, so only the
    residents passing them are read from their rows (which are scattered in the file).
    """
    candidates = driver.ids.subquery()
    candidate = candidates.c[0]
    inner = select(candidate)
    outer = []
    for other in others:
        terms = _terms(session, other.name_word) if other.name_word else None
        if terms is None:
            outer.append(other.condition)
            continue
        word = aliased(ResidentTerm)
        inner = inner.where(select(word.resident_id).where(
            word.term.in_(terms), word.resident_id == candidate).exists())
    ranks: list[ColumnElement] = []
    if typed:
        ranks.append(case((Resident.name_folded == typed, 0), else_=1))
        ranks += [case((_starts(prefix), 0), else_=1) for prefix in _prefixes(typed)]
    query = (select(*_COLUMNS, func.count().over().label("total"))
             .where(Resident.id.in_(inner), *outer)
             .order_by(*ranks, Resident.name_folded, Resident.id).limit(limit))
    found = session.execute(query).all()
    return found, (found[0].total if found else 0)


class _NameOrder:
    """Residents read in name order through the name index until a page (+ 1) is full:
    first the names starting with the words typed, then those starting with each of the
    first words typed (each one range of the index), then all the rest. The first range
    can be read alone, as a cheap first try (`first_range`), and the reading resumed."""

    def __init__(self, session: Connection | Session, constraints: Sequence[_Constraint],
                 typed: str, limit: int) -> None:
        self.session, self.limit = session, limit
        # The rarest first: for most rows it is the only test made.
        self.conditions = [c.condition for c in sorted(constraints, key=lambda c: c.estimate)]
        self.ranges: list[str | None] = [*_prefixes(typed), None]
        self.found: list = []

    def _read(self) -> None:
        prefix = self.ranges.pop(0)
        where = [_starting(Resident.name_folded, prefix) if prefix is not None
                 else Resident.name_folded >= ""]
        self.found += self.session.execute(
            select(*_COLUMNS).where(*where, *self.conditions)
            .order_by(Resident.name_folded, Resident.id)
            .limit(self.limit + 1 - len(self.found))).all()
        if prefix is not None:
            # Not a range the planner could use: what follows is read in name order.
            self.conditions.append(~_starts(prefix))

    @property
    def full(self) -> bool:
        return len(self.found) > self.limit

    def first_range(self) -> bool:
        """Read the names starting with the words typed; True if they fill the page."""
        if len(self.ranges) > 1 and not self.found:
            self._read()
        return self.full

    def page(self) -> tuple[list, bool]:
        """The page, and whether more residents match."""
        while self.ranges and not self.full:
            self._read()
        return self.found[:self.limit], self.full


def _plan(session: Connection | Session, constraints: list[_Constraint], typed: str,
          limit: int) -> tuple[list, int, bool]:
    """The page of residents matching every constraint, how many match and whether more
    do than the total says (see the module's docstring for the plans)."""
    if not constraints:  # only words every khóm/ấp has: everyone, `typed` first
        found, more = _NameOrder(session, [], typed, limit).page()
        return found, len(found), more
    driver = min(constraints, key=lambda c: c.estimate)
    others = [c for c in constraints if c is not driver]
    if driver.estimate <= SELECTIVE:
        return (*_selective(session, driver, others, typed, limit), False)
    in_order = _NameOrder(session, constraints, typed, limit)
    # "nguyen van mu": the names starting so fill the page at once. Not tried with a year
    # or a phone: in a range as wide as "nguyen" few would pass, each read from its row.
    if all(c.word or c.weak for c in constraints) and in_order.first_range():
        return in_order.found[:limit], limit, True
    # A weak constraint (a decade, "09") leaves nearly everyone: reading in name order
    # fills the page soon, where reading the driver's residents would take long.
    strong = [c for c in constraints if not c.weak]
    if len(strong) > 1 and driver.estimate <= SELECTIVE_COMBINED:
        return (*_selective(session, driver, others, typed, limit), False)
    found, more = in_order.page()
    return found, len(found), more


def _hamlet_names(session: Connection | Session) -> dict[int, str]:
    return dict(session.execute(select(Hamlet.id, Hamlet.name)).all())


def search(db: Db, text: str, *, limit: int = DEFAULT_LIMIT,
           today: date | None = None) -> SearchResult:
    """Residents matching what staff typed: words of the name or of the khóm/ấp (or the
    start of them), a birth year, the start of a phone number, a learner code, in any
    combination ("nguyen an 1956 khom 3"), without caring for case or diacritics."""
    text = clean_text(text)
    limit = max(1, limit)
    if not text:
        return SearchResult((), 0)
    this_year = (today or date.today()).year
    with db() as orm_session:
        # Core statements only: the connection skips the ORM's work on every one of them.
        session = orm_session.connection()
        hamlets = _hamlet_names(session)
        hamlet_words = _hamlet_words(hamlets)
        parsed = _parse(text, hamlet_words, this_year)
        by_code = []
        if parsed.code:
            by_code = session.execute(select(*_COLUMNS).where(
                Resident.learner_code == parsed.code)).all()
        dialect = session.dialect.name
        constraints, name_words = _constraints(session, parsed, hamlet_words, dialect)
        typed = " ".join(name_words)
        found, total, more = [], 0, False
        if parsed.words or parsed.years or parsed.phones:  # not a learner code alone
            found, total, more = _plan(session, constraints, typed, limit)
        if by_code and all(row.id != by_code[0].id for row in found):
            found = [*by_code, *found][:limit]
            total = len(found) if more else total + 1
        return SearchResult(tuple(_rows(found, hamlets)), total, more)


# --- errors ---------------------------------------------------------------------------------


class PeopleError(ValueError):
    """A change staff asked for that cannot be made. `message` is Vietnamese, for staff;
    `field` names the input it is about ("full_name", "reason"...) or is None."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


_INPUT_MESSAGES = {
    ("name", "empty"): "Hãy nhập họ và tên.",
    ("name", "no_letters"): "Họ và tên phải có chữ cái.",
    ("name", "too_long"): "Họ và tên dài quá 200 ký tự.",
    ("birth_year", "invalid"): "Năm sinh phải là một số có bốn chữ số, ví dụ 1958.",
    ("birth_year", "out_of_range"): "Năm sinh này không hợp lệ; hãy kiểm tra lại.",
    ("phone", "invalid"): ("Số điện thoại phải có 10 hoặc 11 chữ số và bắt đầu bằng 0 "
                           "(hoặc +84); có thể để trống."),
    ("hamlet", "missing"): "Khóm/ấp này không còn trong danh sách; hãy chọn khóm/ấp khác.",
}
_FIELDS = {"name": "full_name", "birth_year": "birth_year", "phone": "phone",
           "hamlet": "hamlet_id"}


def _refused(error: InvalidInput) -> PeopleError:
    message = _INPUT_MESSAGES.get((error.field, error.code), "Thông tin này không hợp lệ.")
    return PeopleError(message, _FIELDS.get(error.field, error.field))


def _not_found() -> PeopleError:
    return PeopleError("Không tìm thấy hồ sơ người học này; có thể hồ sơ vừa bị xóa "
                       "hoặc gộp vào hồ sơ khác.")


def _utc(moment: datetime | None) -> datetime | None:
    """Stored moments are UTC; SQLite gives them back without their zone."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _resident(session: Session, resident_id: int) -> Resident:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise _not_found()
    return resident


def _row_of(resident: Resident, hamlets: Mapping[int, str]) -> ResidentRow:
    return ResidentRow(resident.id, resident.learner_code, resident.full_name,
                       resident.birth_year, resident.hamlet_id,
                       hamlets.get(resident.hamlet_id, ""), resident.phone)


# --- one person's record ----------------------------------------------------------------------


class LessonState(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True)
class LessonLine:
    """Where the resident stands in one lesson. `step` is the step they resume at
    (1-based, of `steps`) while in progress."""

    lesson_id: str
    title: str
    final: bool
    state: LessonState
    step: int
    steps: int
    started_at: datetime | None = None
    completed_at: datetime | None = None
    check_score: int | None = None
    check_questions: int | None = None
    in_group: bool = False


@dataclass(frozen=True)
class SkillLine:
    skill: Skill
    lessons: tuple[LessonLine, ...]
    started_at: datetime | None
    completed_at: datetime | None  # the skill's final check passed

    @property
    def total(self) -> int:
        return sum(1 for line in self.lessons if line.steps)

    @property
    def completed(self) -> int:
        return sum(1 for line in self.lessons if line.steps and
                   line.state == LessonState.COMPLETED)


@dataclass(frozen=True)
class CertificateLine:
    serial: str
    title: str
    issued_at: datetime
    revoked_at: datetime | None
    revoked_reason: str | None


@dataclass(frozen=True)
class OutcomeLine:
    question_key: str
    question: str  # the lesson's wording, or the key when the lesson is gone
    answer: str
    answered_at: datetime


@dataclass(frozen=True)
class SessionLine:
    session_id: int
    started_at: datetime
    place: str | None
    hamlet_name: str | None
    team_member: str | None
    passed_check: bool | None


@dataclass(frozen=True)
class Profile:
    resident: ResidentRow
    consent_version: str
    consent_at: datetime
    created_at: datetime
    skills: tuple[SkillLine, ...]
    certificates: tuple[CertificateLine, ...]
    outcomes: tuple[OutcomeLine, ...]
    sessions: tuple[SessionLine, ...]
    duplicates: tuple[ResidentRow, ...] = ()  # same name and birth year


def _lesson_line(lesson: Lesson | None, lesson_id: str,
                 row: LessonProgress | None) -> LessonLine:
    steps = len(lesson.all_steps) if lesson else 0
    title = lesson.title if lesson else lesson_id
    final = bool(lesson and lesson.final)
    questions = len(lesson.check.questions) if lesson and lesson.check else None
    if row is None:
        return LessonLine(lesson_id, title, final, LessonState.NOT_STARTED, 0, steps,
                          check_questions=questions)
    done = row.status == ProgressStatus.COMPLETED
    step = min(row.current_step + 1, steps) if steps else row.current_step + 1
    return LessonLine(
        lesson_id, title, final, LessonState.COMPLETED if done else LessonState.IN_PROGRESS,
        steps if done else step, steps, _utc(row.started_at), _utc(row.completed_at),
        row.check_score, questions, row.group_session_id is not None)


def profile(db: Db, resident_id: int,
            lessons_by_skill: Mapping[Skill, Sequence[Lesson]]) -> Profile:
    """Everything the console shows about one resident: progress per skill and lesson,
    outcome answers, certificates, group sessions attended and possible duplicates."""
    from kiosk.certificates.issuing import title_of

    with db() as session:
        resident = _resident(session, resident_id)
        hamlets = _hamlet_names(session)
        rows = {row.lesson_id: row for row in session.scalars(
            select(LessonProgress).where(LessonProgress.resident_id == resident_id))}
        skill_rows = {row.skill: row for row in session.scalars(
            select(SkillProgress).where(SkillProgress.resident_id == resident_id))}
        skills = []
        for skill in Skill:
            lessons = list(lessons_by_skill.get(skill, ()))
            known = {lesson.id for lesson in lessons}
            lines = [_lesson_line(lesson, lesson.id, rows.get(lesson.id))
                     for lesson in lessons]
            # Lessons since removed from the pack keep their history.
            lines += [_lesson_line(None, lesson_id, row) for lesson_id, row in sorted(
                rows.items()) if row.skill == skill.value and lesson_id not in known]
            progress_row = skill_rows.get(skill.value)
            skills.append(SkillLine(
                skill, tuple(lines), _utc(progress_row.started_at) if progress_row else None,
                _utc(progress_row.completed_at) if progress_row else None))
        certificates = tuple(
            CertificateLine(c.serial, title_of(c.kind, Skill(c.skill) if c.skill else None),
                            _utc(c.issued_at), _utc(c.revoked_at), c.revoked_reason)
            for c in session.scalars(select(Certificate).where(
                Certificate.resident_id == resident_id).order_by(Certificate.issued_at,
                                                                 Certificate.id)))
        questions = {lesson.outcome.key: lesson.outcome.question
                     for lessons in lessons_by_skill.values() for lesson in lessons
                     if lesson.outcome}
        outcomes = tuple(
            OutcomeLine(a.question_key, questions.get(a.question_key, a.question_key),
                        a.answer, _utc(a.answered_at))
            for a in session.scalars(select(OutcomeAnswer).where(
                OutcomeAnswer.resident_id == resident_id).order_by(OutcomeAnswer.answered_at)))
        sessions = tuple(
            SessionLine(s.id, _utc(s.started_at), s.place, hamlets.get(s.hamlet_id),
                        member, passed)
            for s, member, passed in session.execute(
                select(GroupSession, StaffUser.display_name, Attendance.passed_check)
                .join(Attendance, Attendance.session_id == GroupSession.id)
                .outerjoin(StaffUser, StaffUser.id == GroupSession.team_member_id)
                .where(Attendance.resident_id == resident_id)
                .order_by(GroupSession.started_at)))
        return Profile(_row_of(resident, hamlets), resident.consent_version,
                       _utc(resident.consent_at), _utc(resident.created_at), tuple(skills),
                       certificates, outcomes, sessions,
                       tuple(_duplicates(session, resident, hamlets)))


# --- duplicates -------------------------------------------------------------------------------


def _duplicates(session: Session, resident: Resident,
                hamlets: Mapping[int, str]) -> list[ResidentRow]:
    others = session.scalars(select(Resident).where(
        Resident.name_folded == resident.name_folded,
        Resident.birth_year == resident.birth_year, Resident.id != resident.id)
        .order_by(Resident.created_at, Resident.id))
    return [_row_of(other, hamlets) for other in others]


def duplicates_of(db: Db, resident_id: int) -> list[ResidentRow]:
    """Other residents with the same name (however it was typed) and birth year: perhaps
    the same person registered twice, perhaps in another khóm/ấp."""
    with db() as session:
        return _duplicates(session, _resident(session, resident_id), _hamlet_names(session))


@dataclass(frozen=True)
class DuplicateGroup:
    residents: tuple[ResidentRow, ...]


def possible_duplicates(db: Db, *, limit: int = 100) -> list[DuplicateGroup]:
    """Groups of residents sharing a name and birth year, by name: people to look at and
    perhaps merge. Reads every name once: run it off the UI thread."""
    with db() as session:
        hamlets = _hamlet_names(session)
        keys = session.execute(
            select(Resident.name_folded, Resident.birth_year)
            .group_by(Resident.name_folded, Resident.birth_year)
            .having(func.count() > 1)
            .order_by(Resident.name_folded, Resident.birth_year).limit(limit)).all()
        groups = []
        for name_folded, birth_year in keys:
            members = session.scalars(select(Resident).where(
                Resident.name_folded == name_folded, Resident.birth_year == birth_year)
                .order_by(Resident.created_at, Resident.id))
            groups.append(DuplicateGroup(tuple(_row_of(m, hamlets) for m in members)))
        return groups


# --- changes ----------------------------------------------------------------------------------

_UNCHANGED: object = object()


def edit(db: Db, actor: StaffUserInfo, resident_id: int, *,
         full_name: str | None = None, birth_year: int | str | None = None,
         hamlet_id: int | None = None, phone: str | None = None) -> ResidentRow:
    """Correct a resident's details; a field left None stays as it is, a phone given as ""
    is removed. Validated as registration validates them; raises PeopleError."""
    require(actor, Permission.EDIT_RESIDENTS)
    try:
        name = normalize_name(full_name) if full_name is not None else None
        year = validate_birth_year(birth_year) if birth_year is not None else None
        digits = normalize_phone(phone) if phone is not None else _UNCHANGED
    except InvalidInput as error:
        raise _refused(error) from None
    with db.begin() as session:
        resident = _resident(session, resident_id)
        changed = []
        if name is not None and name != resident.full_name:
            resident.full_name, resident.name_folded = name, fold(name)
            session.execute(delete(ResidentTerm).where(ResidentTerm.resident_id == resident.id))
            session.add_all(ResidentTerm(term=term, resident_id=resident.id)
                            for term in name_terms(name))
            changed.append("full_name")
        if year is not None and year != resident.birth_year:
            resident.birth_year = year
            changed.append("birth_year")
        if hamlet_id is not None and hamlet_id != resident.hamlet_id:
            if session.get(Hamlet, hamlet_id) is None:
                raise _refused(InvalidInput("hamlet", "missing"))
            resident.hamlet_id = hamlet_id
            # Reports count skills and outcomes per khóm/ấp from skill_progress and
            # outcome_answers: they move along.
            for table in (SkillProgress, OutcomeAnswer):
                session.execute(update(table).where(table.resident_id == resident.id)
                                .values(hamlet_id=hamlet_id))
            changed.append("hamlet_id")
        if digits is not _UNCHANGED and digits != resident.phone:
            resident.phone = digits
            changed.append("phone")
        if changed:
            resident.updated_at = utcnow()
            audit(session, actor, "resident.edit", resident_id=resident.id,
                  learner_code=resident.learner_code, fields=changed)
        session.flush()
        return _row_of(resident, _hamlet_names(session))


@dataclass(frozen=True)
class MergeSummary:
    """What a merge moved into the kept record."""

    kept: ResidentRow
    dropped_id: int
    dropped_code: str
    lessons: int  # lesson records moved or combined
    certificates: int
    sessions: int
    attempts: int


def _better(keep: LessonProgress, drop: LessonProgress) -> bool:
    """Whether the dropped record's lesson progress should win over the kept one's: the
    completed one, the earlier completion, or the further step."""
    keep_done = keep.status == ProgressStatus.COMPLETED
    drop_done = drop.status == ProgressStatus.COMPLETED
    if keep_done != drop_done:
        return drop_done
    if keep_done:
        return (_utc(drop.completed_at) or utcnow()) < (_utc(keep.completed_at) or utcnow())
    return drop.current_step > keep.current_step


def _earliest(*moments: datetime | None) -> datetime | None:
    known = [_utc(m) for m in moments if m is not None]
    return min(known) if known else None


def _merge_lessons(session: Session, keep: Resident, drop: Resident) -> int:
    mine = {row.lesson_id: row for row in session.scalars(
        select(LessonProgress).where(LessonProgress.resident_id == keep.id))}
    moved = 0
    for theirs in session.scalars(
            select(LessonProgress).where(LessonProgress.resident_id == drop.id)).all():
        moved += 1
        ours = mine.get(theirs.lesson_id)
        if ours is None:
            theirs.resident_id = keep.id
            continue
        winner, loser = (theirs, ours) if _better(ours, theirs) else (ours, theirs)
        started = _earliest(ours.started_at, theirs.started_at)
        # The steps only the losing record finished join the winner's.
        done = set(session.scalars(select(StepProgress.step_index).where(
            StepProgress.progress_id == winner.id)))
        session.execute(update(StepProgress).where(
            StepProgress.progress_id == loser.id, StepProgress.step_index.not_in(done))
            .values(progress_id=winner.id).execution_options(synchronize_session=False))
        session.execute(delete(StepProgress).where(StepProgress.progress_id == loser.id))
        winner.group_session_id = winner.group_session_id or loser.group_session_id
        if winner.check_score is None:
            winner.check_score = loser.check_score
        session.delete(loser)
        session.flush()
        winner.resident_id, winner.started_at = keep.id, started
    return moved


def _merge_skills(session: Session, keep: Resident, drop: Resident) -> None:
    mine = {row.skill: row for row in session.scalars(
        select(SkillProgress).where(SkillProgress.resident_id == keep.id))}
    for theirs in session.scalars(
            select(SkillProgress).where(SkillProgress.resident_id == drop.id)).all():
        ours = mine.get(theirs.skill)
        if ours is None:
            theirs.resident_id, theirs.hamlet_id = keep.id, keep.hamlet_id
            continue
        ours.started_at = _earliest(ours.started_at, theirs.started_at)
        completed = _earliest(ours.completed_at, theirs.completed_at)
        if completed is not None and completed != _utc(ours.completed_at):
            ours.group_session_id = theirs.group_session_id
        ours.completed_at = completed
        session.delete(theirs)


def _merge_outcomes(session: Session, keep: Resident, drop: Resident) -> None:
    mine = {row.question_key: row for row in session.scalars(
        select(OutcomeAnswer).where(OutcomeAnswer.resident_id == keep.id))}
    for theirs in session.scalars(
            select(OutcomeAnswer).where(OutcomeAnswer.resident_id == drop.id)).all():
        ours = mine.get(theirs.question_key)
        if ours is None:
            theirs.resident_id, theirs.hamlet_id = keep.id, keep.hamlet_id
        else:
            if _utc(theirs.answered_at) > _utc(ours.answered_at):  # the latest answer wins
                ours.answer, ours.lesson_id = theirs.answer, theirs.lesson_id
                ours.answered_at = theirs.answered_at
            session.delete(theirs)


def _merge_attendance(session: Session, keep: Resident, drop: Resident) -> int:
    mine = {row.session_id: row for row in session.scalars(
        select(Attendance).where(Attendance.resident_id == keep.id))}
    moved = 0
    for theirs in session.scalars(
            select(Attendance).where(Attendance.resident_id == drop.id)).all():
        moved += 1
        ours = mine.get(theirs.session_id)
        if ours is None:
            theirs.resident_id = keep.id
            continue
        ours.checked_in_at = _earliest(ours.checked_in_at, theirs.checked_in_at)
        if theirs.passed_check is not None:
            ours.passed_check = bool(ours.passed_check) or theirs.passed_check
        session.delete(theirs)
    return moved


def merge(db: Db, actor: StaffUserInfo, keep_id: int, drop_id: int) -> MergeSummary:
    """The same person registered twice: move everything of `drop_id` into `keep_id`, then
    delete `drop_id`. The kept record's details stay; its phone is taken from the other
    record when it has none. One transaction: all of it happens, or nothing."""
    require(actor, Permission.MERGE_RESIDENTS)
    if keep_id == drop_id:
        raise PeopleError("Hãy chọn hai hồ sơ khác nhau để gộp.")
    with db.begin() as session:
        keep = _resident(session, keep_id)
        drop = _resident(session, drop_id)
        lessons = _merge_lessons(session, keep, drop)
        _merge_skills(session, keep, drop)
        refresh_all_skills(session, keep.id)  # both records' skills: "Công dân số" now?
        _merge_outcomes(session, keep, drop)
        sessions = _merge_attendance(session, keep, drop)
        attempts = session.execute(
            update(StepAttempt).where(StepAttempt.resident_id == drop.id)
            .values(resident_id=keep.id).execution_options(synchronize_session=False)
        ).rowcount
        certificates = session.execute(
            update(Certificate).where(Certificate.resident_id == drop.id)
            .values(resident_id=keep.id).execution_options(synchronize_session=False)
        ).rowcount
        if keep.phone is None and drop.phone is not None:
            keep.phone = drop.phone
        keep.updated_at = utcnow()
        dropped_code = drop.learner_code
        session.flush()
        session.execute(delete(ResidentTerm).where(ResidentTerm.resident_id == drop.id))
        session.delete(drop)
        audit(session, actor, "resident.merge", kept_id=keep.id,
              kept_code=keep.learner_code, dropped_id=drop_id, dropped_code=dropped_code,
              lessons=lessons, certificates=certificates, sessions=sessions)
        session.flush()
        return MergeSummary(_row_of(keep, _hamlet_names(session)), drop_id, dropped_code,
                            lessons, certificates, sessions, attempts)


# --- export -----------------------------------------------------------------------------------


def _when(moment: datetime | None) -> str | None:
    """A stored moment as local time with its offset, for people and programs alike."""
    moment = _utc(moment)
    return moment.astimezone().isoformat(timespec="seconds") if moment else None


def _skill_title(value: str) -> str:
    try:
        return Skill(value).title
    except ValueError:
        return value


_STATES = {ProgressStatus.COMPLETED: "Đã hoàn thành", ProgressStatus.IN_PROGRESS: "Đang học"}


def export(db: Db, actor: StaffUserInfo, resident_id: int,
           lessons_by_skill: Mapping[Skill, Sequence[Lesson]] | None = None) -> dict:
    """Everything stored about one person, labelled in Vietnamese, ready for JSON: what
    the commune hands over when a resident asks what the kiosk keeps about them."""
    require(actor, Permission.EXPORT_RESIDENT)
    titles = {lesson.id: lesson.title for lessons in (lessons_by_skill or {}).values()
              for lesson in lessons}
    with db.begin() as session:
        resident = _resident(session, resident_id)
        hamlets = _hamlet_names(session)
        lessons = session.scalars(select(LessonProgress).where(
            LessonProgress.resident_id == resident_id).order_by(LessonProgress.started_at,
                                                                LessonProgress.id)).all()
        steps: dict[int, list[StepProgress]] = {}
        for step in session.scalars(select(StepProgress).where(
                StepProgress.progress_id.in_([row.id for row in lessons]))
                .order_by(StepProgress.step_index)):
            steps.setdefault(step.progress_id, []).append(step)
        data = {
            "Nội dung": "Toàn bộ thông tin Trạm Kỹ năng số lưu về một người học",
            "Thời điểm xuất": _when(utcnow()),
            "Người học": {
                "Mã người học": format_code(resident.learner_code),
                "Họ và tên": resident.full_name,
                "Năm sinh": resident.birth_year,
                "Khóm/ấp": hamlets.get(resident.hamlet_id, ""),
                "Số điện thoại": resident.phone,
                "Phiên bản nội dung đồng ý": resident.consent_version,
                "Thời điểm đồng ý": _when(resident.consent_at),
                "Ngày đăng ký": _when(resident.created_at),
                "Cập nhật lần cuối": _when(resident.updated_at),
                "Hoàn thành đủ 5 kỹ năng (Công dân số)":
                    _when(resident.all_skills_completed_at),
            },
            "Tiến độ theo kỹ năng": [
                {"Kỹ năng": _skill_title(row.skill),
                 "Bắt đầu": _when(row.started_at), "Hoàn thành": _when(row.completed_at),
                 "Hoàn thành trong buổi học nhóm số": row.group_session_id}
                for row in session.scalars(select(SkillProgress).where(
                    SkillProgress.resident_id == resident_id).order_by(SkillProgress.id))],
            "Tiến độ theo bài": [
                {"Mã bài": row.lesson_id, "Tên bài": titles.get(row.lesson_id),
                 "Trạng thái": _STATES.get(row.status, str(row.status)),
                 "Bước sẽ học tiếp": row.current_step + 1,
                 "Bắt đầu": _when(row.started_at), "Cập nhật": _when(row.updated_at),
                 "Hoàn thành": _when(row.completed_at), "Điểm kiểm tra": row.check_score,
                 "Hoàn thành trong buổi học nhóm số": row.group_session_id,
                 "Các bước đã xong": [
                     {"Bước": step.step_index + 1, "Mã bước": step.step_id,
                      "Lúc": _when(step.completed_at),
                      "Đúng ngay lần đầu": step.correct_first_try}
                     for step in steps.get(row.id, [])]}
                for row in lessons],
            "Các lần trả lời": [
                {"Mã bài": a.lesson_id, "Bước": a.step_index + 1, "Mã bước": a.step_id,
                 "Đúng": a.correct, "Lựa chọn": a.answer, "Số lần xem gợi ý": a.hints_used,
                 "Số giây": a.seconds, "Lúc": _when(a.created_at)}
                for a in session.scalars(select(StepAttempt).where(
                    StepAttempt.resident_id == resident_id).order_by(StepAttempt.created_at,
                                                                     StepAttempt.id))],
            "Câu trả lời về kết quả": [
                {"Câu hỏi": a.question_key, "Bài": a.lesson_id, "Trả lời": a.answer,
                 "Lúc": _when(a.answered_at)}
                for a in session.scalars(select(OutcomeAnswer).where(
                    OutcomeAnswer.resident_id == resident_id).order_by(OutcomeAnswer.id))],
            "Chứng nhận": [
                {"Số chứng nhận": c.serial, "Loại": "Công dân số"
                 if c.kind == "all_skills" else "Kỹ năng",
                 "Kỹ năng": _skill_title(c.skill) if c.skill else None,
                 "Ngày cấp": _when(c.issued_at), "Người ký": c.signer_name,
                 "Thu hồi lúc": _when(c.revoked_at), "Lý do thu hồi": c.revoked_reason}
                for c in session.scalars(select(Certificate).where(
                    Certificate.resident_id == resident_id).order_by(Certificate.id))],
            "Buổi học nhóm đã dự": [
                {"Buổi số": s.id, "Bắt đầu": _when(s.started_at), "Địa điểm": s.place,
                 "Khóm/ấp": hamlets.get(s.hamlet_id), "Điểm danh lúc": _when(a.checked_in_at),
                 "Đạt bài kiểm tra": a.passed_check}
                for s, a in session.execute(
                    select(GroupSession, Attendance)
                    .join(Attendance, Attendance.session_id == GroupSession.id)
                    .where(Attendance.resident_id == resident_id)
                    .order_by(GroupSession.started_at))],
        }
        audit(session, actor, "resident.export", resident_id=resident.id,
              learner_code=resident.learner_code)
        return data


def export_file_name(learner_code: str) -> str:
    """The default name of a resident's export file: their learner code, never their name
    (file names show in folder listings)."""
    return f"nguoi-hoc-{parse_code(learner_code)}.json"


def write_export(data: dict, path: Path | str) -> Path:
    """Write an export as UTF-8 JSON, whole or not at all."""
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return target


# --- erase ------------------------------------------------------------------------------------

ERASED_LABEL = "Chứng nhận của một hồ sơ đã xóa"
ERASED_REASON = "Hồ sơ của người được cấp đã bị xóa khỏi trạm."


@dataclass(frozen=True)
class Erased:
    resident_id: int
    learner_code: str
    certificates: int  # kept, anonymous and revoked
    print_jobs: int  # stopped, their PDF files deleted
    files_left: tuple[str, ...] = ()  # PDF files that could not be deleted
    file_cleared: bool = True  # SQLite: deleted pages overwritten and the log emptied


def _check_reason(reason: str, resident: Resident) -> str:
    reason = clean_text(reason)
    if not reason:
        raise PeopleError("Hãy ghi lý do xóa hồ sơ.", "reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise PeopleError(f"Lý do dài quá {MAX_REASON_LENGTH} ký tự; hãy viết gọn hơn.",
                          "reason")
    folded = f" {fold(reason)} "
    digits = "".join(c for c in reason if c.isdigit())
    if f" {resident.name_folded} " in folded or (
            resident.phone and resident.phone[1:] in digits):
        raise PeopleError("Lý do được giữ lại trong nhật ký: không ghi họ tên hay số điện "
                          "thoại của người dân vào đây.", "reason")
    return reason


def erase(db: Db, actor: StaffUserInfo, resident_id: int, reason: str) -> Erased:
    """Remove a person and everything that can identify them, on their request.

    Their progress, answers, attendance and search words go. Their certificates stay
    for the revocation list (serial, kind, skill, dates), revoked, without the resident
    and without the token, which holds the name; print jobs of those certificates stop
    and their PDF files are deleted. The audit entry keeps the id, learner code and
    reason only. On SQLite the freed pages are overwritten with zeros and the write-ahead
    log is emptied, so the name cannot be read back from the file either.
    """
    require(actor, Permission.ERASE_RESIDENTS)
    files: list[Path] = []
    with db.begin() as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
        if sqlite:  # per connection: this session's, for the statements below
            previous = session.execute(text("PRAGMA secure_delete")).scalar()
            session.execute(text("PRAGMA secure_delete = ON"))
        resident = _resident(session, resident_id)
        reason = _check_reason(reason, resident)
        code = resident.learner_code
        certificates = session.scalars(select(Certificate).where(
            Certificate.resident_id == resident_id)).all()
        serials = {c.serial for c in certificates}
        now = utcnow()
        for certificate in certificates:
            certificate.resident_id, certificate.token = None, None
            if certificate.revoked_at is None:
                certificate.revoked_at, certificate.revoked_reason = now, ERASED_REASON
        jobs = 0
        if serials:
            for job in session.scalars(select(PrintJob).where(PrintJob.serials != "")):
                if not serials & set(job.serials.splitlines()):
                    continue
                jobs += 1
                files.append(Path(job.pdf_path))
                job.label = ERASED_LABEL
                if job.status in (PrintJobStatus.QUEUED, PrintJobStatus.FAILED):
                    job.status = PrintJobStatus.CANCELLED
                    job.last_error = None
        progress_ids = select(LessonProgress.id).where(LessonProgress.resident_id == resident_id)
        for statement in (
            delete(StepProgress).where(StepProgress.progress_id.in_(progress_ids)),
            delete(LessonProgress).where(LessonProgress.resident_id == resident_id),
            delete(SkillProgress).where(SkillProgress.resident_id == resident_id),
            delete(StepAttempt).where(StepAttempt.resident_id == resident_id),
            delete(OutcomeAnswer).where(OutcomeAnswer.resident_id == resident_id),
            delete(Attendance).where(Attendance.resident_id == resident_id),
            delete(ResidentTerm).where(ResidentTerm.resident_id == resident_id),
        ):
            session.execute(statement.execution_options(synchronize_session=False))
        session.flush()
        session.delete(resident)
        audit(session, actor, "resident.erase", resident_id=resident_id, learner_code=code,
              reason=reason)
        session.flush()
        if sqlite:
            session.execute(text(f"PRAGMA secure_delete = {int(bool(previous))}"))
    left = []
    for path in files:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            left.append(str(path))
    cleared = _empty_write_ahead_log(db)
    return Erased(resident_id, code, len(serials), jobs, tuple(left), cleared)


def _empty_write_ahead_log(db: Db) -> bool:
    """Copy the write-ahead log into the database file and truncate it: until then, the
    log still holds the pages as they were before the erase. False when a reader kept it
    from finishing (it then finishes at a later checkpoint)."""
    with db() as session:
        if session.get_bind().dialect.name != "sqlite":
            return True
        busy = session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()
        session.commit()
        return not (busy and busy[0])
