"""The speech engine's own process: QTextToSpeech behind a line protocol on stdin/stdout.

Why a process and not a thread: measured on Debian 12 with PySide6 6.11.3, constructing
`QTextToSpeech("speechd")` takes about 1.4 s (it lists every espeak-ng voice, some 13,000)
and PySide holds the GIL throughout, so even from a worker thread the UI froze for 1.4 s.
When speech-dispatcher has no sound server it may start a reading and never end it, and a
speech-dispatcher in that state answers nobody: the next `spd_open` (inside the
constructor) blocked for as long as we waited. A frozen child process can simply be killed;
a frozen call holding the GIL inside the kiosk cannot. See `ui.speech.speaker` for the side
that runs it and the watchdog that kills it.

This file is started by path (`python service.py --engine speechd --language vi ...`) and
imports nothing from the kiosk, so it runs wherever PySide6 is importable.

Protocol: one JSON object per line, ASCII only (`ensure_ascii`), so Vietnamese text arrives
code point for code point whatever the pipes' encoding is.

    parent -> child   {"cmd": "say", "id": 3, "text": "..."}  {"cmd": "stop"}  {"cmd": "quit"}
    child -> parent   {"event": "ready", "engine": ..., "voice": ..., "locale": ...}
                      {"event": "unavailable", "code": <one of CODES>, "detail": "..."}
                      {"event": "state", "id": 3, "state": "speaking" | "ready" | ...}
                      {"event": "word", "id": 3, "word": "...", "start": 0, "length": 3}
                      {"event": "error", "id": 3, "detail": "..."}
                      {"event": "log", "level": "...", "message": "..."}

The child ends on "quit" or when its stdin closes (the kiosk went away).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

# Why the engine could not be used; the kiosk turns each into a sentence for staff.
ENGINE_MISSING = "engine_missing"  # no such QtTextToSpeech plug-in (detail: the name)
ENGINE_FAILED = "engine_failed"  # the plug-in is there but did not start (detail: why)
NO_VOICE = "no_voice"  # the engine works but has no voice for the language
CODES = (ENGINE_MISSING, ENGINE_FAILED, NO_VOICE)

# The test engine shipped in PySide6's wheel: it speaks nothing, so it is used only when
# asked for by name, never picked as "the platform default".
MOCK = "mock"


class _Output:
    """Writes protocol lines; Qt may log from other threads, hence the lock."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, event: str, **fields) -> None:
        line = json.dumps({"event": event, **fields}, ensure_ascii=True) + "\n"
        with self._lock:
            self._stream.write(line.encode("ascii"))
            self._stream.flush()


def _parse(argv: list[str]):
    import argparse  # here: the kiosk imports this module for its constants only

    parser = argparse.ArgumentParser(prog="speech-service")
    parser.add_argument("--engine", default="", help="QtTextToSpeech engine; empty: default")
    parser.add_argument("--language", default="vi", help="BCP 47 language of the voice")
    parser.add_argument("--rate", type=float, default=0.0, help="-1.0 (slow) .. 1.0 (fast)")
    parser.add_argument("--volume", type=float, default=1.0, help="0.0 .. 1.0")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    out = _Output(sys.stdout.buffer)

    from PySide6.QtCore import (
        QCoreApplication,
        QLocale,
        QObject,
        QtMsgType,
        Signal,
        Slot,
        qInstallMessageHandler,
    )
    from PySide6.QtTextToSpeech import QTextToSpeech

    def forward(mode: QtMsgType, _context, message: str) -> None:
        out.send("log", level=mode.name, message=message)

    qInstallMessageHandler(forward)
    app = QCoreApplication(["speech-service"])

    states = {QTextToSpeech.State.Ready: "ready", QTextToSpeech.State.Speaking: "speaking",
              QTextToSpeech.State.Paused: "paused", QTextToSpeech.State.Error: "error",
              QTextToSpeech.State.Synthesizing: "synthesizing"}

    def leave() -> None:
        # No destructors: speech-dispatcher's spd_close can block on a stuck server, and
        # there is nothing to save. The server sees the socket close.
        sys.stdout.flush()
        os._exit(0)

    class Service(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.tts: QTextToSpeech | None = None
            self.current: int | None = None  # the say() whose events we are reporting
            self.configured = False
            self.loaded_at = time.monotonic()

        @Slot()
        def load(self) -> None:
            engines = QTextToSpeech.availableEngines()
            wanted = args.engine
            # Asking for an engine that is not there makes Qt log a critical message;
            # checking the list first keeps that out of the logs.
            if wanted and wanted not in engines:
                return self.give_up(ENGINE_MISSING, wanted)
            if not wanted and not [e for e in engines if e != MOCK]:
                return self.give_up(ENGINE_MISSING, "")
            self.tts = QTextToSpeech(wanted) if wanted else QTextToSpeech()
            if not wanted and self.tts.engine() == MOCK:
                return self.give_up(ENGINE_MISSING, "")
            self.tts.errorOccurred.connect(self.on_error)
            if self.tts.state() == QTextToSpeech.State.Error:
                return self.give_up(ENGINE_FAILED, self.tts.errorString())
            if self.tts.state() != QTextToSpeech.State.Ready:
                # Some engines finish initialising later; the kiosk's load timeout covers
                # one that never does.
                self.tts.stateChanged.connect(self.on_first_state)
                return None
            return self.configure()

        @Slot(QTextToSpeech.State)
        def on_first_state(self, state) -> None:
            if self.tts is None:
                return
            if state == QTextToSpeech.State.Ready:
                self.tts.stateChanged.disconnect(self.on_first_state)
                self.configure()
            elif state == QTextToSpeech.State.Error:
                self.give_up(ENGINE_FAILED, self.tts.errorString())

        def configure(self) -> None:
            tts = self.tts
            want = QLocale(args.language)
            locales = [loc for loc in tts.availableLocales()
                       if loc.language() == want.language()]
            if not locales:
                return self.give_up(NO_VOICE, args.language)
            tts.setLocale(next((loc for loc in locales if loc.territory() == want.territory()),
                               locales[0]))
            voices = [v for v in tts.availableVoices()
                      if v.locale().language() == want.language()]
            if not voices:
                return self.give_up(NO_VOICE, args.language)
            # espeak-ng lists each voice plain ("Vietnamese (Northern)", its `vi`) and with
            # a hundred variants ("...+Andy"); the plain one is the clearest.
            voice = next((v for v in voices if "+" not in v.name()), voices[0])
            tts.setVoice(voice)
            tts.setRate(max(-1.0, min(1.0, args.rate)))
            tts.setVolume(max(0.0, min(1.0, args.volume)))
            tts.stateChanged.connect(self.on_state)
            tts.sayingWord.connect(self.on_word)
            self.configured = True
            out.send("ready", engine=tts.engine(), voice=tts.voice().name(),
                     locale=tts.locale().name(),
                     seconds=round(time.monotonic() - self.loaded_at, 3))
            return None

        def give_up(self, code: str, detail: str) -> None:
            out.send("unavailable", code=code, detail=detail)
            leave()

        @Slot(str)
        def on_command(self, line: str) -> None:
            if not line:  # stdin closed: the kiosk is gone
                return leave()
            try:
                command = json.loads(line)
            except ValueError:
                out.send("log", level="QtWarningMsg", message=f"bad command {line!r}")
                return
            name = command.get("cmd")
            if name == "quit":
                if self.tts is not None and self.current is not None:
                    self.current = None
                    self.tts.stop()
                return leave()
            if not self.configured:
                return None
            if name == "say":
                if self.tts.state() in (QTextToSpeech.State.Speaking,
                                        QTextToSpeech.State.Paused):
                    self.current = None  # the "ready" of this stop belongs to nobody
                    self.tts.stop()
                self.current = int(command["id"])
                self.tts.say(command["text"])
            elif name == "stop":
                self.current = None
                self.tts.stop()
            return None

        @Slot(QTextToSpeech.State)
        def on_state(self, state) -> None:
            out.send("state", id=self.current, state=states.get(state, str(state)))

        @Slot(str, int, int, int)
        def on_word(self, word: str, _id: int, start: int, length: int) -> None:
            out.send("word", id=self.current, word=word, start=start, length=length)

        @Slot(QTextToSpeech.ErrorReason, str)
        def on_error(self, _reason, detail: str) -> None:
            out.send("error", id=self.current, detail=detail)

    class Commands(QObject):
        line = Signal(str)

    service = Service()
    commands = Commands()
    # Emitted from the reader thread, delivered queued in the main thread.
    commands.line.connect(service.on_command)

    def read_stdin() -> None:
        for raw in sys.stdin.buffer:
            text = raw.decode("utf-8", "replace").strip()
            if text:
                commands.line.emit(text)
        commands.line.emit("")

    threading.Thread(target=read_stdin, name="speech-commands", daemon=True).start()
    service.load()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
