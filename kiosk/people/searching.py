"""Staff-facing resident search: find anyone in a few keystrokes.

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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from kiosk.db.models import Resident, ResidentTerm
from kiosk.people.rows import ResidentRow, _hamlet_names
from kiosk.residents import (
    CODE_ALPHABET,
    CODE_LENGTH,
    OLDEST_BIRTH_YEAR,
    Db,
    parse_code,
)
from kiosk.text import MAX_TERM_LENGTH, clean_text, fold

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
# Separators staff type between the parts of a query, besides spaces.
_SEPARATORS = str.maketrans({",": " ", ";": " ", "/": " ", "(": " ", ")": " "})


@dataclass(frozen=True)
class SearchResult:
    """The first residents found, in order. `total` is how many match; when `more` is
    true, more than `total` match and only the first `len(rows)` are listed."""

    rows: tuple[ResidentRow, ...]
    total: int
    more: bool = False



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

