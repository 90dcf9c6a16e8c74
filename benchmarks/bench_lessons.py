"""Loading and validating the bundled lesson pack, as the kiosk does after its first paint.

The baseline reads the same files with PyYAML alone (no line numbers, no validation), so
the ratio shows what checking every lesson and practice screen costs on this machine.
No issue sets a target; the figure is reported for the packaging issue's table.
"""

from __future__ import annotations

import time

from benchmarks.registry import Options, Row, Sample, register

FIGURE = "load + validate the bundled lessons"


@register("lessons", "loading and validating every bundled lesson and practice screen")
def lessons(options: Options) -> list[Row]:
    import yaml

    from kiosk import paths
    from kiosk.lessons.loader import lesson_files, load_pack
    from kiosk.lessons.screens import screen_files

    root = paths.BUNDLED_LESSONS
    files = [*lesson_files(root), *screen_files(root)]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    subject, baseline = Sample("kiosk"), Sample("yaml only")
    pack = None
    for round_ in range(options.warmup + options.repeat):
        start = time.perf_counter()
        pack = load_pack(root)
        took = time.perf_counter() - start
        start = time.perf_counter()
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        plain = time.perf_counter() - start
        if round_ >= options.warmup:
            subject.seconds.append(took)
            baseline.seconds.append(plain)
    if pack is None or pack.problems:
        return [Row(FIGURE, subject, baseline, error="the bundled pack has problems")]
    return [Row(f"{FIGURE}: {len(pack.lessons)} lessons, {len(pack.screens)} screens",
                subject, baseline)]
