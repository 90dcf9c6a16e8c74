"""Time step transitions inside one kiosk process; run by bench_steps.py.

    python benchmarks/step_transitions.py ROUNDS

Builds the real kiosk window offscreen on a fresh database with the bundled lessons,
signs a resident in, and for every step of every lesson times `show_step` up to the
moment the window has repainted (the next step on screen). The baseline, in the same
process and window, puts a bare label with the step's text where the step goes and
repaints. Prints JSON: {"subject": [seconds...], "baseline": [...], "steps": N}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(rounds: int) -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    from benchmarks.kiosk_process import signed_in_kiosk

    app, window, _ = signed_in_kiosk("kiosk-steps-", (1280, 720))
    flow, station = window.flow, window.station
    player = flow.player
    subject: list[float] = []
    baseline: list[float] = []
    steps = 0
    for round_ in range(rounds + 1):  # the first round warms caches and is not kept
        for lesson in station.pack.lessons.values():
            flow.open_lesson(lesson)
            app.processEvents()
            for index, step in enumerate(lesson.all_steps):
                start = time.perf_counter()
                player.show_step(index)
                window.repaint()
                middle = time.perf_counter()
                player.scroll.setWidget(QLabel(getattr(step, "prompt", "") or step.text))
                window.repaint()
                end = time.perf_counter()
                app.processEvents()
                if round_:
                    subject.append(middle - start)
                    baseline.append(end - middle)
                    steps += 1
    print(json.dumps({"subject": subject, "baseline": baseline, "steps": steps}))
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
