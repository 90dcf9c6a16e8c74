"""Timing whole processes: wall clock from spawn to exit."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence


def run_json_script(script, options, drop_env: tuple[str, ...] = ()) -> dict:
    """Run a measuring script of ours offscreen, without the caller's KIOSK_* settings,
    and return the JSON object on its last output line. Raises RunFailed."""
    import json
    import sys

    from benchmarks.registry import REPO

    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KIOSK_") and k not in drop_env}
    env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        done = subprocess.run([options.python or sys.executable, str(script),
                               str(max(options.repeat, 3))], env=env, cwd=REPO,
                              capture_output=True, text=True, timeout=options.timeout * 5,
                              check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        raise RunFailed(f"{exc} {detail[-500:]}") from None


class RunFailed(RuntimeError):
    """The process did not exit with status 0 in time; the message says why, for people."""


def _tail(text: str, lines: int = 8) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return "\n".join("    " + line for line in kept)


def time_process(
    argv: Sequence[str],
    env: Mapping[str, str],
    timeout: float,
    cwd: str | os.PathLike[str] | None = None,
) -> float:
    """Seconds from spawning `argv` to its exit; raises RunFailed unless it exits with 0."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            list(argv),
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RunFailed(f"did not exit within {timeout:g} s") from None
    except OSError as exc:
        raise RunFailed(f"could not be started: {exc}") from None
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        output = done.stderr.decode(errors="replace") or done.stdout.decode(errors="replace")
        message = f"exited with status {done.returncode}"
        if output.strip():
            message += ", last lines of its output:\n" + _tail(output)
        raise RunFailed(message)
    return elapsed
