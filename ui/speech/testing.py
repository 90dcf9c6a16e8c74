"""A private speech-dispatcher for tests and benchmarks; the kiosk itself never uses this.

Tests must not touch the machine's own speech-dispatcher (or autospawn one), and on a
machine without a sound server a default speech-dispatcher starts readings it never ends.
This starts one of our own, with espeak-ng only, on a socket of our own, in its own process
group so that it and its modules can always be ended, stuck or not:

    with PrivateSpeechDispatcher("libao") as server:
        os.environ["SPEECHD_ADDRESS"] = server.address   # what libspeechd connects to
        ...

Audio outputs: "libao" plays into libao's null driver (chosen in the ~/.libao of a private
HOME), so readings end at once and silently; "pulse" with no PulseAudio server reproduces
the kiosk-without-sound case, where a reading reports "speaking" and never ends, and the
server answers no one afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

SYSTEM_CONFIG = Path("/etc/speech-dispatcher")


def available() -> bool:
    """True where speech-dispatcher and its configuration are installed (Debian: the
    speech-dispatcher package)."""
    return bool(shutil.which("speech-dispatcher")) and SYSTEM_CONFIG.is_dir()


class PrivateSpeechDispatcher:
    def __init__(self, audio: str = "libao") -> None:
        self.audio = audio
        # Unix socket paths are limited to ~100 bytes: keep the folder's name short.
        self.folder = Path(tempfile.mkdtemp(prefix="spd-"))
        self.socket = self.folder / "speechd.sock"
        self.address = f"unix_socket:{self.socket}"
        self._server: subprocess.Popen | None = None

    def start(self, timeout: float = 15.0) -> PrivateSpeechDispatcher:
        conf = self.folder / "conf"
        shutil.copytree(SYSTEM_CONFIG, conf)
        with (conf / "speechd.conf").open("a", encoding="utf-8") as settings:
            settings.write(f'\nAudioOutputMethod "{self.audio}"\n'
                           'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n'
                           "DefaultModule espeak-ng\n")
        home = self.folder / "home"
        home.mkdir()
        (home / ".libao").write_text("default_driver=null\n", encoding="utf-8")
        (self.folder / "log").mkdir()
        env = {**os.environ, "HOME": str(home),
               "PULSE_SERVER": f"unix:{self.folder}/no-pulse"}
        self._server = subprocess.Popen(
            ["speech-dispatcher", "--run-single", "--log-level", "1",
             "--communication-method", "unix_socket", "--socket-path", str(self.socket),
             "--config-dir", str(conf), "--timeout", "0",
             "--log-dir", str(self.folder / "log"), "--pid-file", str(self.folder / "pid")],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while (not self.socket.exists() and self._server.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.05)
        if not self.socket.exists():
            self.stop()
            raise RuntimeError(f"the private speech-dispatcher ({self.audio}) did not start")
        return self

    def stop(self) -> None:
        """End the server and its modules (its process group); a stuck one needs KILL."""
        server, self._server = self._server, None
        if server is not None:
            for sig, patience in ((signal.SIGTERM, 0.5), (signal.SIGKILL, 5.0)):
                try:
                    os.killpg(server.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    server.wait(timeout=patience)
                    break
                except subprocess.TimeoutExpired:
                    continue
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PrivateSpeechDispatcher:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
