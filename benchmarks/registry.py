"""The tiny registry of benchmark figures, and the shape of what they report.

A benchmark module (`benchmarks/bench_<name>.py`) defines one function decorated with
`@register("name", "what it measures")`. The function takes the run's `Options` and returns
one or more `Row`s: a measured subject, optionally a baseline measured in the same run, and
a target ratio. It never raises for a failed measurement; it returns a row with `error`.
"""

from __future__ import annotations

import importlib
import pkgutil
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Options:
    """What the command line chose for every benchmark of the run."""

    repeat: int = 7
    warmup: int = 1
    timeout: float = 60.0
    python: str = ""  # interpreter for subprocesses; empty means the one running us
    kiosk_command: tuple[str, ...] = ()  # how to start the kiosk; empty: `python -m kiosk`


@dataclass
class Sample:
    """Repeated measurements of one thing, in seconds."""

    label: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def minimum(self) -> float:
        return min(self.seconds)

    @property
    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def __bool__(self) -> bool:
        return bool(self.seconds)


@dataclass
class Row:
    """One line of the table: a figure of the kiosk, against a baseline if it has one."""

    figure: str
    subject: Sample
    baseline: Sample | None = None
    target_ratio: float | None = None  # met when median(subject) / median(baseline) <= this
    error: str | None = None
    # Absolute limits, in seconds, for figures an issue names as such.
    max_median: float | None = None
    max_p95: float | None = None

    @property
    def ratio(self) -> float | None:
        if not (self.subject and self.baseline):
            return None
        return self.subject.median / self.baseline.median

    @property
    def verdict(self) -> str:
        if self.error:
            return "error"
        checks = []
        if self.target_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.target_ratio)
        if self.max_median is not None and self.subject:
            checks.append(self.subject.median <= self.max_median)
        if self.max_p95 is not None and self.subject:
            checks.append(self.subject.p95 <= self.max_p95)
        if not checks:
            return "-"
        return "met" if all(checks) else "not met"

    @property
    def target(self) -> str:
        parts = []
        if self.target_ratio is not None:
            parts.append(f"<= {self.target_ratio:.1f}x")
        if self.max_median is not None:
            parts.append(f"median <= {self.max_median * 1000:.0f} ms")
        if self.max_p95 is not None:
            parts.append(f"p95 <= {self.max_p95 * 1000:.0f} ms")
        return ", ".join(parts) or "-"


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    run: Callable[[Options], Sequence[Row]]


_REGISTERED: dict[str, Benchmark] = {}


def register(name: str, description: str) -> Callable[[Callable], Callable]:
    """Decorator: make `func(options) -> rows` known as the benchmark `name`."""

    def decorate(func: Callable[[Options], Sequence[Row]]) -> Callable:
        if name in _REGISTERED:
            raise ValueError(f"benchmark {name!r} registered twice")
        _REGISTERED[name] = Benchmark(name, description, func)
        return func

    return decorate


def discover() -> dict[str, Benchmark]:
    """Import every `benchmarks/bench_*.py` module and return the benchmarks, by name."""
    package = importlib.import_module("benchmarks")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("bench_"):
            importlib.import_module(f"benchmarks.{module.name}")
    return dict(sorted(_REGISTERED.items()))
