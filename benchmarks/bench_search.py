"""Resident search as staff type it, letter by letter, on the 300,000-resident demo
database (benchmarks/demo_db.py, built once and cached; opened read-only here).

Every prefix of each query is one search, as the console sends it after each pause in
typing: "n", "ng", ... "nguyen thi anh". The queries cover each kind the search knows: a
full name taken from the database, a very common family name and middle name, one
letter, a given name with a birth year, the start of a phone number, a learner code as
typed by hand ("acd 234"), a khóm name and a combination of them all. One row per kind
shows its median and 95th percentile; the first row pools them all.

The baseline, measured in the same rounds, is `residents.find_by_code`: one learner code
looked up through its unique index, the cheapest query the console makes, with the same
SQLAlchemy session around it. A last row, for comparison only, is what a plain scan
costs: `name_folded LIKE '%word%' ORDER BY name_folded LIMIT 50`.

Target, from the console issue: each search under 50 ms (median and 95th percentile).
"""

from __future__ import annotations

import random
import time

from benchmarks.registry import Options, Row, Sample, register

COUNT = 300_000
SEED = 1
TARGET = 0.050


def _prefixes(text: str) -> list[str]:
    """What the search box holds after each key; a space alone sends nothing new."""
    return [text[:n] for n in range(1, len(text) + 1) if not text[:n].endswith(" ")]


def _queries(db) -> dict[str, str]:
    """One query of each kind, taken from the database so that each finds someone."""
    from sqlalchemy import func, select

    from kiosk.db.models import Hamlet, Resident

    rng = random.Random(SEED)
    with db() as session:
        total = session.scalar(select(func.count()).select_from(Resident))
        picked = session.get(Resident, rng.randint(1, total)) or session.scalars(
            select(Resident).limit(1)).one()
        phoned = session.scalars(select(Resident).where(Resident.phone.is_not(None))
                                 .offset(rng.randrange(1000)).limit(1)).one()
        hamlet = session.get(Hamlet, picked.hamlet_id).name
    code = picked.learner_code.lower()
    first, *_, last = picked.full_name.split()
    return {
        "a full name": picked.full_name,
        "a common family name": "nguyen",
        "a common middle name": "thi",
        "one letter": "t",
        "given name and birth year": f"{last} {picked.birth_year}",
        "start of a phone number": phoned.phone[:7],
        "learner code typed by hand": f"{code[:3]} {code[3:]}",
        "khóm name": hamlet,
        "name, year and khóm": f"{first} {last} {picked.birth_year} {hamlet}",
    }


@register("search", "resident search as staff type it, on 300,000 demo residents")
def search(options: Options) -> list[Row]:
    from sqlalchemy import create_engine, func, select
    from sqlalchemy.orm import sessionmaker

    from benchmarks.demo_db import demo_database
    from kiosk import people, residents
    from kiosk.db.models import Resident

    path = demo_database(COUNT, SEED).removeprefix("sqlite:///")
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    db = sessionmaker(engine)
    queries = _queries(db)
    codes = []
    with db() as session:
        for _ in range(50):
            codes.append(session.scalars(select(Resident.learner_code).offset(
                random.randrange(COUNT)).limit(1)).one())

    pooled = Sample("kiosk")
    by_kind = {kind: Sample("kiosk") for kind in queries}
    baseline = Sample("find_by_code")
    naive = Sample("LIKE scan")
    words = [query.split()[0] for query in queries.values() if query[0].isalpha()]
    for round_ in range(options.warmup + options.repeat):
        timed = round_ >= options.warmup
        for kind, query in queries.items():
            for typed in _prefixes(query):
                start = time.perf_counter()
                result = people.search(db, typed)
                took = time.perf_counter() - start
                start = time.perf_counter()
                found = residents.find_by_code(db, codes[len(typed) % len(codes)])
                plain = time.perf_counter() - start
                if found is None:
                    return [Row("search", pooled, baseline, error="code lookup failed")]
                if timed:
                    pooled.seconds.append(took)
                    by_kind[kind].seconds.append(took)
                    baseline.seconds.append(plain)
            if not result.rows:
                return [Row(f"search: {kind}", by_kind[kind], baseline,
                            error=f"{query!r} found nobody")]
        for word in words:
            start = time.perf_counter()
            with db() as session:
                session.execute(
                    select(Resident.id).where(Resident.name_folded.like(f"%{word}%"))
                    .order_by(Resident.name_folded).limit(50)).all()
                session.scalar(select(func.count()).select_from(Resident).where(
                    Resident.name_folded.like(f"%{word}%")))
            if timed:
                naive.seconds.append(time.perf_counter() - start)
    engine.dispose()
    rows = [Row(f"search, every key of {len(queries)} queries", pooled, baseline,
                max_median=TARGET, max_p95=TARGET)]
    rows += [Row(f"search: {kind} ({queries[kind]!r})", sample, baseline,
                 max_median=TARGET, max_p95=TARGET) for kind, sample in by_kind.items()]
    rows.append(Row("for comparison: LIKE '%word%' scan, page and count", naive, baseline))
    return rows
