"""Read aloud: how soon the kiosk knows whether it can read, and that it never freezes
while finding out.

For each engine, from `Speaker(...)` to `ready`/`unavailable`: the seconds it takes, and
the longest gap between two ticks of a 5 ms timer in the UI thread over that time (the
stall a resident would feel). The mock engine always; speech-dispatcher when it is
installed, on a private server with a null audio output (ui.speech.testing), already
running, as a kiosk's is after the first reading.

The baseline of the stall is the design the Speaker replaced: `QTextToSpeech("speechd")`
built in a Python worker thread. PySide holds the GIL through that constructor, so the UI
thread stalls for all of it (about 1.4 s on a 2-core machine).

    python benchmarks/bench_speech.py ROUNDS     prints JSON; run by `python -m benchmarks`
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `ui` and `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.registry import Options, Row, Sample, register
from benchmarks.timing import RunFailed, run_json_script

SCRIPT = Path(__file__).resolve()


@register("speech", "read aloud: time until the Speaker knows, and the UI's longest stall")
def speech(options: Options) -> list[Row]:
    try:
        data = run_json_script(SCRIPT, options, drop_env=("SPEECHD_ADDRESS",))
    except RunFailed as exc:
        return [Row("speech", Sample("Speaker"), None, error=str(exc))]
    rows = []
    for engine, label in (("mock", "mock engine"), ("speechd", "speech-dispatcher")):
        figures = data.get(engine)
        if not figures:
            continue
        known = Sample("Speaker", figures["known"])
        rows.append(Row(f"speech: Speaker() to available known, {label}", known, None,
                        max_median=1.0 if engine == "mock" else 5.0))
        stall = Sample("Speaker", figures["stall"])
        baseline = (Sample("QTextToSpeech in a thread", data["in_thread"]["stall"])
                    if engine == "speechd" and data.get("in_thread") else None)
        rows.append(Row(f"speech: longest UI stall while it loads, {label}", stall, baseline,
                        max_median=0.05))
    return rows


class _StallMeter:
    """Ticks every 5 ms on the UI thread and keeps the longest gap between two ticks: how
    long the event loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.longest


def _measure_speaker(app, engine: str, language: str) -> tuple[float, float]:
    from PySide6.QtCore import QEventLoop, QTimer

    from ui.speech import Speaker

    meter = _StallMeter()
    loop = QEventLoop()
    began = time.perf_counter()
    meter.start()
    speaker = Speaker(engine, language=language)
    speaker.ready.connect(loop.quit)
    speaker.unavailable.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    known = time.perf_counter() - began
    stall = meter.stop()
    if not speaker.available:
        raise RuntimeError(f"{engine}: {speaker.reason}")
    speaker.close()
    return known, stall


def _measure_in_thread(app) -> float:
    import threading

    from PySide6.QtCore import QEventLoop
    from PySide6.QtTextToSpeech import QTextToSpeech

    def build() -> None:  # built and dropped in the thread, as a worker-thread design would
        engine = QTextToSpeech("speechd")
        del engine

    loop = QEventLoop()
    meter = _StallMeter()
    meter.start()
    worker = threading.Thread(target=build)
    worker.start()
    while worker.is_alive():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    stall = meter.stop()
    worker.join()
    return stall


def main(rounds: int) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.speech import testing

    app = QCoreApplication.instance() or QCoreApplication([])
    result: dict[str, dict[str, list[float]] | None] = {"mock": None, "speechd": None,
                                                        "in_thread": None}
    figures: dict[str, list[float]] = {"known": [], "stall": []}
    _measure_speaker(app, "mock", "en")  # warm-up: the first start loads Qt from disk
    for _ in range(rounds):
        known, stall = _measure_speaker(app, "mock", "en")
        figures["known"].append(known)
        figures["stall"].append(stall)
    result["mock"] = figures
    if testing.available():
        with testing.PrivateSpeechDispatcher("libao") as server:
            os.environ["SPEECHD_ADDRESS"] = server.address
            figures = {"known": [], "stall": []}
            _measure_speaker(app, "speechd", "vi")
            for _ in range(rounds):
                known, stall = _measure_speaker(app, "speechd", "vi")
                figures["known"].append(known)
                figures["stall"].append(stall)
            result["speechd"] = figures
            result["in_thread"] = {"stall": [_measure_in_thread(app)
                                             for _ in range(min(rounds, 3))]}
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
