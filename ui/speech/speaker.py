"""Reading lesson text aloud in Vietnamese, without ever making the kiosk wait for it.

`Speaker` runs QTextToSpeech in a child process (`ui/speech/service.py`, which says why a
thread is not enough) and talks to it through QProcess's signals, so nothing here blocks:
starting the engine, finding a Vietnamese voice, reading and stopping are all messages.

A watchdog in this process decides when the engine has let us down, because the engine
cannot be trusted to say so itself (speech-dispatcher without a sound server reports
"speaking" and never finishes):

- the engine must say within `Timeouts.load` whether it has a Vietnamese voice;
- a reading must start within `Timeouts.start` of `say()`;
- a reading must end within `Timeouts.finish` plus `Timeouts.per_word` for each word still
  to read (the clock restarts on every word the engine reports, where it reports words).

When any of these fail, or the engine has no Vietnamese voice, the child is killed,
`available` becomes False for the rest of the session and `reason` says why, in the
interface language, for staff. Readings end with `finished` however they end.
"""

from __future__ import annotations

import json
import logging
import sys
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal

from ui.speech import service

log = logging.getLogger(__name__)

SERVICE = Path(service.__file__)


@dataclass(frozen=True)
class Timeouts:
    """Seconds the watchdog grants the engine (see the module's docstring)."""

    load: float = 10.0  # speechd here: ~1.4 s with the server running, ~2 s spawning it
    start: float = 5.0
    finish: float = 5.0
    per_word: float = 1.0  # espeak-ng reads ~2.5 Vietnamese syllables a second at rate -0.2


_LOADING, _READY, _UNAVAILABLE, _CLOSED = "loading", "ready", "unavailable", "closed"


class Speaker(QObject):
    """The kiosk's voice. Create it once and share it; call `close()` when leaving (it is
    also called when the application quits).

    `engine` is a QtTextToSpeech engine name: None for the platform's default ("speechd"
    on Linux, the system voice on Windows), "mock" in tests. `language` is the voice's BCP 47
    language; the kiosk always wants "vi" (tests of the mock engine, which has no Vietnamese
    voice, use "en"). `rate` runs from -1.0 (slowest) to 1.0; the default reads a little
    slower than normal, for older residents.
    """

    started = Signal()  # the engine began reading
    finished = Signal()  # a reading that had started ended: read to the end, or stopped
    ready = Signal()  # the engine has a voice in `language`: `available` is now True
    unavailable = Signal(str)  # the reason, as in `reason`; emitted once
    # A word being read, for engines that report words: the word, and where it is in the
    # text given to say() after NFC normalisation (start and length, in UTF-16 units, which
    # are Python's indices for all Vietnamese text).
    saying_word = Signal(str, int, int)

    def __init__(self, engine: str | None = None, parent: QObject | None = None, *,
                 volume: float = 1.0, rate: float = -0.2, language: str = "vi",
                 timeouts: Timeouts = Timeouts()) -> None:
        super().__init__(parent)
        self.engine_name = engine or ""
        self.voice_name = ""
        self.locale_name = ""
        self.timeouts = timeouts
        self._state = _LOADING
        self._reason = ""
        self._speaking = False
        self._pending: str | None = None  # said before the engine was ready
        self._active: int | None = None  # id of the reading we wait for, or hear
        self._text = ""
        self._last_id = 0

        self._load_timer = self._timer(self._load_timed_out)
        self._start_timer = self._timer(self._stalled)
        self._finish_timer = self._timer(self._stalled)

        self._process = QProcess(self)
        self._process.setProgram(sys.executable)
        self._process.setArguments([
            str(SERVICE), "--engine", self.engine_name, "--language", language,
            "--rate", f"{rate:.3f}", "--volume", f"{max(0.0, min(1.0, volume)):.3f}"])
        self._process.readyReadStandardOutput.connect(self._read_events)
        self._process.readyReadStandardError.connect(self._read_errors)
        self._process.errorOccurred.connect(self._process_error)
        self._process.finished.connect(self._process_finished)
        # The child is ours to end: a QProcess destroyed while its process runs complains.
        self.destroyed.connect(partial(_reap, self._process))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)
        self._load_timer.start(_ms(timeouts.load))
        self._process.start()  # returns at once; the engine loads in the child

    # -- what the kiosk asks -----------------------------------------------------------

    @property
    def available(self) -> bool:
        """True once the engine has a Vietnamese voice, until it fails."""
        return self._state == _READY

    @property
    def loading(self) -> bool:
        """True while we do not know yet whether the engine can read."""
        return self._state == _LOADING

    @property
    def reason(self) -> str:
        """Why reading aloud is not possible, for staff; empty while it is (or may be)."""
        return self._reason

    @property
    def text(self) -> str:
        """The text last given to the engine, NFC: what `saying_word` positions refer to."""
        return self._text

    @property
    def speaking(self) -> bool:
        """True between `started` and `finished`."""
        return self._speaking

    def say(self, text: str) -> None:
        """Stop whatever is being read and read `text` (NFC-normalised).

        Before the engine is ready the text is kept and read once it is; when reading
        aloud is unavailable nothing happens.
        """
        self.stop()
        text = unicodedata.normalize("NFC", text)
        if not text.strip() or self._state in (_UNAVAILABLE, _CLOSED):
            return
        if self._state == _LOADING:
            self._pending = text
            return
        self._last_id += 1
        self._active = self._last_id
        self._text = text
        self._send({"cmd": "say", "id": self._active, "text": text})
        self._start_timer.start(_ms(self.timeouts.start))

    def stop(self) -> None:
        """Stop reading; `finished` is emitted now if a reading had started."""
        self._pending = None
        self._start_timer.stop()
        self._finish_timer.stop()
        if self._active is not None:
            self._active = None
            self._send({"cmd": "stop"})
        self._end_reading()

    def close(self) -> None:
        """End the engine's process (waits at most about a second). Reading is then off."""
        if self._state == _CLOSED:
            return
        self.stop()
        self._state = _CLOSED
        for timer in (self._load_timer, self._start_timer, self._finish_timer):
            timer.stop()
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._send({"cmd": "quit"})
            self._process.closeWriteChannel()
            if not self._process.waitForFinished(500):
                _reap(self._process)

    # -- the engine's side -------------------------------------------------------------

    def _read_events(self) -> None:
        while self._process.canReadLine():
            line = bytes(self._process.readLine().data()).decode("ascii", "replace")
            try:
                event = json.loads(line)
            except ValueError:
                log.warning("speech engine said %r", line)
                continue
            self._handle(event)

    def _handle(self, event: dict) -> None:
        kind = event.get("event")
        if kind == "log":
            log.warning("speech engine: %s", event.get("message"))
            return
        if self._state in (_UNAVAILABLE, _CLOSED):
            return
        if kind == "ready":
            self._load_timer.stop()
            self._state = _READY
            self.engine_name = event.get("engine", self.engine_name)
            self.voice_name = event.get("voice", "")
            self.locale_name = event.get("locale", "")
            self.ready.emit()
            pending, self._pending = self._pending, None
            if pending is not None:
                self.say(pending)
        elif kind == "unavailable":
            self._fail(self._reason_for(event.get("code", ""), event.get("detail", "")))
        elif event.get("id") is None or event.get("id") != self._active:
            return  # about a reading that was stopped or replaced
        elif kind == "state":
            self._state_changed(event.get("state"))
        elif kind == "word":
            word, start = event.get("word", ""), int(event.get("start", 0))
            self._arm_finish(self._text[start:])
            self.saying_word.emit(word, start, int(event.get("length", 0)))
        elif kind == "error":
            self._fail(self.tr("The speech engine reported an error: %1").replace(
                "%1", event.get("detail") or "?"))

    def _state_changed(self, state: str | None) -> None:
        if state == "speaking" and not self._speaking:
            self._start_timer.stop()
            self._arm_finish(self._text)
            self._speaking = True
            self.started.emit()
        elif state == "ready" and self._speaking:
            # A "ready" before "speaking" is the end of the reading this one replaced.
            self._finish_timer.stop()
            self._active = None
            self._end_reading()
        elif state == "error":
            self._fail(self.tr("The speech engine reported an error: %1").replace("%1", "?"))

    def _arm_finish(self, rest: str) -> None:
        budget = self.timeouts.finish + self.timeouts.per_word * len(rest.split())
        self._finish_timer.start(_ms(budget))

    def _read_errors(self) -> None:
        text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        for line in filter(None, (part.strip() for part in text.splitlines())):
            log.warning("speech engine: %s", line)

    def _process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._state == _LOADING:
            self._fail(self._reason_for(service.ENGINE_FAILED, self._process.errorString()))

    def _process_finished(self, *_args) -> None:
        if self._state in (_LOADING, _READY):
            self._fail(self.tr("The speech engine stopped unexpectedly."))

    # -- the watchdog ------------------------------------------------------------------

    def _load_timed_out(self) -> None:
        if self._state == _LOADING:
            self._fail(self.tr("The speech engine did not answer in time."))

    def _stalled(self) -> None:
        if self._state == _READY:
            self._fail(self.tr("Reading aloud stopped responding, so it has been turned off."))

    def _fail(self, reason: str) -> None:
        if self._state in (_UNAVAILABLE, _CLOSED):
            return
        log.warning("reading aloud is unavailable: %s", reason)
        self._state = _UNAVAILABLE
        self._reason = reason
        self._pending = None
        self._active = None
        for timer in (self._load_timer, self._start_timer, self._finish_timer):
            timer.stop()
        # Never ask a stuck engine to stop: end its process, which the kiosk can always do.
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()
        self._end_reading()
        self.unavailable.emit(reason)

    # -- small helpers -----------------------------------------------------------------

    def _reason_for(self, code: str, detail: str) -> str:
        if code == service.NO_VOICE:
            return self.tr("No Vietnamese voice is installed on this machine.")
        if code == service.ENGINE_MISSING:
            return self.tr("No speech engine is installed on this machine.")
        return self.tr("The speech engine could not start: %1").replace("%1", detail or "?")

    def _end_reading(self) -> None:
        if self._speaking:
            self._speaking = False
            self.finished.emit()

    def _send(self, command: dict) -> None:
        if self._process.state() == QProcess.ProcessState.Running:
            line = json.dumps(command, ensure_ascii=True) + "\n"
            self._process.write(line.encode("ascii"))

    def _timer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def _reap(process: QProcess, *_args) -> None:
    """Kill the engine's process and collect it (SIGKILL: a few milliseconds at most)."""
    process.blockSignals(True)
    if process.state() != QProcess.ProcessState.NotRunning:
        process.kill()
        process.waitForFinished(1000)
