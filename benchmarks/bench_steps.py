"""Step transitions: from "Next" to the next step painted, practice screens included.

The lesson-engine issue asks that moving on feels instant: median under 30 ms and 95th
percentile under 60 ms on a 2-core machine. The baseline, measured in the same process,
shows a bare label in the step's place, so a slow machine shows in both columns.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.registry import Options, Row, Sample, register
from benchmarks.timing import RunFailed, run_json_script

SCRIPT = Path(__file__).resolve().parent / "step_transitions.py"
FIGURE = "step transition (build + paint the next step)"


@register("steps", "step transitions of every bundled lesson, against a bare label")
def steps(options: Options) -> list[Row]:
    subject, baseline = Sample("kiosk"), Sample("bare label")
    try:
        data = run_json_script(SCRIPT, options)
    except RunFailed as exc:
        return [Row(FIGURE, subject, None, error=str(exc))]
    subject.seconds.extend(data["subject"])
    baseline.seconds.extend(data["baseline"])
    return [Row(f"{FIGURE}, {data['steps']} transitions", subject, baseline,
                max_median=0.030, max_p95=0.060)]
