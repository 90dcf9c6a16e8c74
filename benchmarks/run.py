"""Run the registered benchmarks and print one table.

    python -m benchmarks                 every benchmark, 7 timed rounds after 1 warm-up
    python -m benchmarks --repeat 3      fewer rounds
    python -m benchmarks --only startup  one benchmark (repeatable option)
    python -m benchmarks --list          what is registered

Missed targets and failed measurements are reported, not raised: the exit status is 0
unless `--strict` is given (then 1 when a target is missed or a measurement failed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
from importlib import metadata
from pathlib import Path

from benchmarks.registry import Options, Row, Sample, discover


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def _sample_cell(row: Row, which: str) -> str:
    sample = row.subject if which == "subject" else row.baseline
    if not sample:
        return "-"
    text = f"{_ms(sample.median)} (min {_ms(sample.minimum)})"
    if which == "subject" and row.max_p95 is not None:
        text += f", p95 {_ms(sample.p95)}"
    return text


def table(rows: list[Row]) -> str:
    header = ("figure", "kiosk median (min)", "baseline median (min)", "ratio", "target", "result")
    lines = []
    for row in rows:
        lines.append(
            (
                row.figure,
                _sample_cell(row, "subject"),
                _sample_cell(row, "baseline"),
                f"{row.ratio:.2f}x" if row.ratio is not None else "-",
                row.target,
                row.verdict,
            )
        )
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]

    def fmt(cells: tuple[str, ...]) -> str:
        cells = tuple(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        return " | ".join(cells).rstrip()

    rule = "-+-".join("-" * width for width in widths)
    return "\n".join([fmt(header), rule, *(fmt(cells) for cells in lines)])


def _versions() -> str:
    parts = [f"Python {platform.python_version()}"]
    for dist in ("PySide6-Essentials", "SQLAlchemy"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} (not installed)")
    parts.append(f"{os.cpu_count()} CPUs, {platform.machine()}, offscreen")
    return ", ".join(parts)


def _as_json(rows: list[Row]) -> list[dict]:
    return [
        {
            "figure": row.figure,
            "subject_seconds": row.subject.seconds,
            "baseline_seconds": row.baseline.seconds if row.baseline else [],
            "ratio": row.ratio,
            "target_ratio": row.target_ratio,
            "verdict": row.verdict,
            "error": row.error,
        }
        for row in rows
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="seconds before one process counts as hung (default 60)",
    )
    parser.add_argument(
        "--kiosk-command",
        metavar="CMD",
        default="",
        help="start the kiosk with CMD instead of `python -m kiosk`",
    )
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this one")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the raw timings")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a target is missed or a measurement failed",
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # keep the table after the progress marks
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")

    benchmarks = discover()
    if args.list:
        for bench in benchmarks.values():
            print(f"{bench.name:12} {bench.description}")
        return 0
    unknown = sorted(set(args.only or ()) - set(benchmarks))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; see --list")
    chosen = [b for name, b in benchmarks.items() if not args.only or name in args.only]

    options = Options(
        repeat=args.repeat,
        warmup=args.warmup,
        timeout=args.timeout,
        kiosk_command=tuple(shlex.split(args.kiosk_command)),
    )
    print(f"# {_versions()}")
    print(
        f"# {options.repeat} timed rounds after {options.warmup} warm-up, interleaved; "
        "wall clock from spawn to exit"
    )
    rows: list[Row] = []
    for bench in chosen:
        sys.stdout.flush()
        print(f"# running {bench.name}: {bench.description}", file=sys.stderr, flush=True)
        try:
            rows.extend(bench.run(options))
        except Exception as exc:  # a bug in one benchmark must not hide the others
            rows.append(
                Row(bench.name, Sample(bench.name), error=f"the benchmark itself crashed: {exc!r}")
            )

    print()
    print(table(rows))
    errors = {row.error for row in rows if row.error}
    for error in sorted(errors):
        print(f"\nerror: {error.rstrip()}")
    if args.json:
        args.json.write_text(json.dumps(_as_json(rows), indent=2) + "\n", encoding="utf-8")
    failed = bool(errors) or any(row.verdict == "not met" for row in rows)
    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
