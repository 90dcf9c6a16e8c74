"""Each report on the 300,000-resident demo database (benchmarks/demo_db.py, built once and
cached; opened read-only here), as the reports page asks for them.

The demo data's year ends on 31 October 2026, so "a month" is October 2026 (its busiest)
and "a year" is 2026. Rows: coverage for the month and for the year (the year's reads the
same rows, and more of them fall in the period), outcomes, group sessions, hardest steps,
the overview (coverage plus two counts), then the four together as the page makes them,
and writing them to XLSX and PDF (no target: for the record).

The baseline, measured in the same rounds with the same SQLAlchemy session around it, is a
plain `SELECT count(*) FROM skill_progress`: the table every coverage figure comes from.

Target, from the console issue: each report under 300 ms on SQLite.
"""

from __future__ import annotations

import io
import time
from datetime import date

from benchmarks.registry import Options, Row, Sample, register

COUNT = 300_000
SEED = 1
TARGET = 0.300


@register("reports", "each report on 300,000 demo residents, and its exports")
def reports_benchmark(options: Options) -> list[Row]:
    from sqlalchemy import create_engine, func, select
    from sqlalchemy.orm import sessionmaker

    from benchmarks.demo_db import demo_database
    from benchmarks.registry import REPO
    from kiosk import report_export, reports
    from kiosk.db.models import SkillProgress
    from kiosk.lessons.loader import load_pack
    from kiosk.reports import Period

    try:
        path = demo_database(COUNT, SEED).removeprefix("sqlite:///")
    except Exception as exc:  # a benchmark reports, it never raises
        return [Row("reports", Sample("kiosk"), error=f"{type(exc).__name__}: {exc}")]
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    db = sessionmaker(engine)
    lessons = load_pack(REPO / "lessons").lessons
    month, year = Period.month(2026, 10), Period.year(2026)
    work = {
        "coverage, a month": lambda: reports.coverage(db, month),
        "coverage, a year": lambda: reports.coverage(db, year),
        "outcomes, a month": lambda: reports.outcomes(db, lessons.values(), month),
        "group sessions, a year": lambda: reports.sessions(db, year),
        "hardest steps, a year": lambda: reports.hardest_steps(db, lessons, year),
        "overview (coverage and two counts)": lambda: reports.overview(db, date(2026, 10, 31)),
        "all four reports, a month (the page)": lambda: reports.report_set(
            db, lessons, month, commune="Phường Châu Đốc", province="Tỉnh An Giang"),
    }
    samples = {figure: Sample("kiosk") for figure in work}
    baseline = Sample("count(*) skill_progress")
    xlsx, pdf = Sample("kiosk"), Sample("kiosk")

    def count() -> int:
        with db() as session:
            return session.scalar(select(func.count()).select_from(SkillProgress))

    try:
        for round_ in range(options.warmup + options.repeat):
            timed = round_ >= options.warmup
            made = None
            for figure, run in work.items():
                start = time.perf_counter()
                result = run()
                took = time.perf_counter() - start
                start = time.perf_counter()
                rows = count()
                plain = time.perf_counter() - start
                if not rows:
                    raise RuntimeError("the demo database has no skill progress")
                if figure.startswith("all four"):
                    made = result
                if timed:
                    samples[figure].seconds.append(took)
                    baseline.seconds.append(plain)
            for sample, write in ((xlsx, report_export.write_xlsx),
                                  (pdf, report_export.write_pdf)):
                start = time.perf_counter()
                write(made, io.BytesIO())
                if timed:
                    sample.seconds.append(time.perf_counter() - start)
    except Exception as exc:
        return [Row(figure, samples[figure], error=f"{type(exc).__name__}: {exc}")
                for figure in work]
    finally:
        engine.dispose()
    rows = [Row(f"report: {figure}", samples[figure], baseline,
                max_median=None if figure.startswith("all four") else TARGET)
            for figure in work]
    rows += [Row("XLSX of a month's reports", xlsx), Row("PDF of a month's reports", pdf)]
    return rows
