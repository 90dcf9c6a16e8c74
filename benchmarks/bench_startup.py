"""Start-up: from spawning the process to the first painted screen, against a bare window.

Contract with the app: with `KIOSK_EXIT_AFTER_PAINT=1` in its environment, `python -m kiosk`
exits with status 0 right after its first screen has been painted. The baseline,
`bare_window.py`, is a QApplication with one QLabel that does the same. Both run offscreen
and are timed as whole processes (interpreter start, imports, first paint, exit).

Each round makes a new settings file and data folder, then runs the kiosk twice on it: the
first start creates the database (migrations, demo commune), the second finds it there.
Rounds alternate whether the baseline runs before or after the kiosk, so that a noisy
machine does not favour either side.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.registry import REPO, Options, Row, Sample, register
from benchmarks.timing import RunFailed, time_process

TARGET_RATIO = 2.0
BARE_WINDOW = Path(__file__).resolve().parent / "bare_window.py"

COLD = "start-up to first paint, first start (new database)"
WARM = "start-up to first paint, second start (same folder)"


def _environment(folder: Path, runtime_dir: Path) -> dict[str, str]:
    # Only our own KIOSK_* settings: a developer's KIOSK_DATABASE_URL must not leak in.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=str(runtime_dir),
        KIOSK_EXIT_AFTER_PAINT="1",
        KIOSK_CONFIG=str(folder / "settings.toml"),
        KIOSK_DATA_DIR=str(folder / "data"),
    )
    return env


def _progress(mark: str) -> None:
    print(mark, end="", file=sys.stderr, flush=True)


@register("startup", "process start to first painted screen, kiosk vs bare PySide6 window")
def startup(options: Options) -> list[Row]:
    python = options.python or sys.executable
    bare_cmd = [python, str(BARE_WINDOW)]
    kiosk_cmd = list(options.kiosk_command) or [python, "-m", "kiosk"]
    kiosk_name = " ".join(options.kiosk_command) or "python -m kiosk"

    bare = Sample("bare window")
    cold = Sample("kiosk")
    warm = Sample("kiosk")
    kiosk_error: str | None = None
    bare_error: str | None = None

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        root = Path(tmp)
        runtime_dir = root / "runtime"
        runtime_dir.mkdir(mode=0o700)
        rounds = options.warmup + options.repeat
        for index in range(rounds):
            keep = index >= options.warmup
            folder = root / f"round-{index}"
            folder.mkdir()
            env = _environment(folder, runtime_dir)

            def run_bare(env: dict[str, str] = env, keep: bool = keep) -> None:
                nonlocal bare_error
                if bare_error:
                    return
                try:
                    seconds = time_process(bare_cmd, env, options.timeout, cwd=REPO)
                except RunFailed as exc:
                    bare_error = f"the bare window {exc}"
                    return
                if keep:
                    bare.seconds.append(seconds)
                _progress("b")

            def run_kiosk(env: dict[str, str] = env, keep: bool = keep) -> None:
                nonlocal kiosk_error
                if kiosk_error:
                    return
                for sample, which in ((cold, "first"), (warm, "second")):
                    try:
                        seconds = time_process(kiosk_cmd, env, options.timeout, cwd=REPO)
                    except RunFailed as exc:
                        kiosk_error = (
                            f"`{kiosk_name}` ({which} start) {exc}\n"
                            "The app must exit with status 0 right after its first paint "
                            "when KIOSK_EXIT_AFTER_PAINT=1 is set."
                        )
                        return
                    if keep:
                        sample.seconds.append(seconds)
                    _progress("k")

            if index % 2 == 0:
                run_bare()
                run_kiosk()
            else:
                run_kiosk()
                run_bare()
        _progress("\n")

    baseline = bare if bare else None
    error = kiosk_error or bare_error
    return [
        Row(COLD, cold, baseline, TARGET_RATIO, error),
        Row(WARM, warm, baseline, TARGET_RATIO, error),
    ]
