"""Step transitions: from "Next" to the next step painted, practice screens included.

The lesson-engine issue asks that moving on feels instant: median under 30 ms and 95th
percentile under 60 ms on a 2-core machine. The baseline, measured in the same process,
shows a bare label in the step's place, so a slow machine shows in both columns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.registry import REPO, Options, Row, Sample, register

SCRIPT = Path(__file__).resolve().parent / "step_transitions.py"
FIGURE = "step transition (build + paint the next step)"


@register("steps", "step transitions of every bundled lesson, against a bare label")
def steps(options: Options) -> list[Row]:
    python = options.python or sys.executable
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    subject, baseline = Sample("kiosk"), Sample("bare label")
    try:
        done = subprocess.run([python, str(SCRIPT), str(max(options.repeat, 3))], env=env,
                              cwd=REPO, capture_output=True, text=True,
                              timeout=options.timeout * 5, check=True)
        data = json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        return [Row(FIGURE, subject, None, error=f"{exc} {detail[-500:]}")]
    subject.seconds.extend(data["subject"])
    baseline.seconds.extend(data["baseline"])
    return [Row(f"{FIGURE}, {data['steps']} transitions", subject, baseline,
                max_median=0.030, max_p95=0.060)]
