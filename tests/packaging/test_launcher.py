"""packaging/launcher.py, the bundle's entry point: it is the `kiosk` command, and the
speech service when the kiosk starts that as `sys.executable <service path> ...`."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "packaging" / "launcher.py"


def load_launcher():
    spec = importlib.util.spec_from_file_location("kiosk_bundle_launcher", LAUNCHER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_recognises_the_command_line_the_speaker_builds():
    from ui.speech import speaker

    launcher = load_launcher()
    program = "/opt/tram-ky-nang-so/tram-ky-nang-so"
    # From a checkout the path is the script; in the bundle, where the module would be.
    assert launcher.is_speech_service([program, str(speaker.SERVICE), "--engine", "speechd"])
    assert launcher.is_speech_service(
        [program, "/opt/tram-ky-nang-so/_internal/ui/speech/service.pyc", "--language", "vi"])


def test_kiosk_commands_stay_kiosk_commands():
    launcher = load_launcher()
    program = "tram-ky-nang-so"
    for argv in ([program], [program, "run"], [program, "lessons", "check", "lessons"],
                 [program, "service.py"], [program, "/tmp/speech/service.py"],
                 [program, "backup", "/media/usb/ui/speech/service.py"],
                 [program, "/srv/ui/speech/service.txt"]):
        assert not launcher.is_speech_service(argv), argv


def test_launcher_runs_the_speech_service_and_it_reads():
    """The launcher as the bundle runs it, given the service's path: the service answers."""
    from ui.speech import speaker

    requests = [{"cmd": "say", "id": 1, "text": "xin chào"}, {"cmd": "quit"}]
    done = subprocess.run(
        [sys.executable, str(LAUNCHER), str(speaker.SERVICE), "--engine", "mock",
         "--language", "en"],
        input="".join(json.dumps(r) + "\n" for r in requests), capture_output=True,
        text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert events[0]["event"] == "ready"
    assert {"event": "state", "id": 1, "state": "speaking"} in events
