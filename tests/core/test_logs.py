"""The kiosk's log files: rotating, and a hard crash written down by faulthandler."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk import logs

REPO = Path(__file__).resolve().parents[2]


def test_the_log_rotates_and_keeps_five_old_files(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 20_000)
    files = logs.setup(tmp_path / "log", hard_crashes=False)
    try:
        sample = logging.getLogger("kiosk.test")
        for number in range(3_000):  # about 300 KB: many times the limit
            sample.info("step %05d of lesson safety.e2e stored for resident 42", number)
    finally:
        files.close()
    kept = sorted(p.name for p in (tmp_path / "log").iterdir())
    assert kept == ["kiosk.log", *(f"kiosk.log.{n}" for n in range(1, 6))]
    assert all((tmp_path / "log" / name).stat().st_size <= 20_000 for name in kept)
    assert "step 02999" in (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_written_does_not_stop_the_kiosk(tmp_path, capsys):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    files = logs.setup(blocked / "log", hard_crashes=False)
    try:
        assert files.handler is None
        logging.getLogger("kiosk.test").warning("still logged somewhere")
    finally:
        files.close()
    assert "Không ghi được nhật ký" in capsys.readouterr().err


def test_a_hard_crash_is_written_to_its_own_file(tmp_path):
    """A segfault (as a crash inside Qt would be) kills the process; faulthandler has
    already written where it happened."""
    script = textwrap.dedent("""
        import faulthandler, sys
        from pathlib import Path
        from kiosk import logs
        logs.setup(Path(sys.argv[1]))
        faulthandler._sigsegv()
    """)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "log")], cwd=REPO,
                          capture_output=True, timeout=60)
    assert done.returncode != 0
    text = (tmp_path / "log" / logs.HARD_CRASH_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert "log folder" in (tmp_path / "log" / logs.LOG_FILE).read_text(encoding="utf-8")
