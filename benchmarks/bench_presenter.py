"""Presenter mode: a clicker's "next" on the projector, and ending a session.

The room's view draws the kiosk's step views on a stage scaled to the projector; moving on
must feel as instant as at the kiosk. The baseline, in the same process, is the kiosk's
own player showing the same step in a window of the same size. Ending a session of 40
people completes their lessons in one transaction: it must not keep the room waiting.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.registry import Options, Row, Sample, register
from benchmarks.timing import RunFailed, run_json_script

SCRIPT = Path(__file__).resolve().parent / "presenter_slides.py"
FIGURE = "presenter: next slide at 1920x1080 (build + paint)"


@register("presenter", "the projector's next slide against the kiosk's player; ending a "
                       "session of 40 people")
def presenter(options: Options) -> list[Row]:
    subject, baseline, ending = Sample("room's view"), Sample("kiosk player"), Sample("end")
    try:
        data = run_json_script(SCRIPT, options)
    except RunFailed as exc:
        return [Row(FIGURE, subject, None, error=str(exc))]
    subject.seconds.extend(data["subject"])
    baseline.seconds.extend(data["baseline"])
    ending.seconds.extend(data["end"])
    # Compared with the kiosk's own player in the same run, so a loaded machine shows in
    # both columns: the room's view must not be the slower one by much.
    return [Row(f"{FIGURE}, {data['slides']} slides", subject, baseline, target_ratio=1.5),
            Row("ending a session: 40 people pass, 4 lessons each", ending, None,
                max_median=0.5)]
