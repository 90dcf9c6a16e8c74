"""Timing whole processes: wall clock from spawn to exit."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence


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
