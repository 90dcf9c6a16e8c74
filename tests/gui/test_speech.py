"""Read aloud: the Speaker, its watchdog and the button, on Qt's mock engine and on a real
speech-dispatcher.

The mock engine ships in PySide6's wheel. It has no Vietnamese voice (English, Norwegian
and Finnish only), which makes it the real test of "no Vietnamese voice"; the tests that
read use it with language="en". It reports each word it reads with its place in the text
it was given; it counts only ASCII letters as word letters, so the places of those words,
between Vietnamese letters, show whether the engine was given the text in NFC.

The speech-dispatcher tests start a private server on a private socket, never the
machine's own: one with libao's null output (reads to the end, silently), and one with
PulseAudio output and no PulseAudio, which reproduces the hang the watchdog is for.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from ui.speech import ReadAloudButton, Speaker, Timeouts, testing

REPO = Path(__file__).resolve().parents[2]
# Every Vietnamese vowel with every tone, đ, and the capitals (146 letters), in groups of
# one vowel's six tones between plain ASCII letters, which the mock engine reports as words.
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
GROUPS = ["".join(unicodedata.normalize("NFC", v + t) for t in TONES) for v in VOWELS]
GROUPS += ["đ"] + [group.upper() for group in [*GROUPS, "đ"]]
EVERY_DIACRITIC = "Xin chào bà con: " + " ".join(f"b{group}n" for group in GROUPS)


def tr(context: str, source: str) -> str:
    """What the interface shows for `source`, whichever translator a test left installed."""
    return QCoreApplication.translate(context, source)


@pytest.fixture
def make_speaker(qtbot):
    """Speakers whose engine processes are always ended, even when the test fails."""
    made: list[Speaker] = []

    def make(engine: str | None = "mock", **options) -> Speaker:
        speaker = Speaker(engine, **options)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.close()


def ready_speaker(qtbot, make_speaker, **options) -> Speaker:
    speaker = make_speaker("mock", language="en", **options)
    with qtbot.waitSignal(speaker.ready, timeout=10_000):
        pass
    return speaker


def test_pyside_ships_the_mock_engine():
    from PySide6.QtTextToSpeech import QTextToSpeech

    assert "mock" in QTextToSpeech.availableEngines()


def test_say_starts_then_finishes(qtbot, make_speaker):
    speaker = ready_speaker(qtbot, make_speaker)
    assert speaker.available and not speaker.loading and speaker.reason == ""
    assert speaker.engine_name == "mock" and speaker.locale_name.startswith("en")
    with qtbot.waitSignal(speaker.started, timeout=5000):
        speaker.say("one two three")
    assert speaker.speaking
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        pass
    assert not speaker.speaking and speaker.available


def test_text_reaches_the_engine_in_nfc_with_every_diacritic(qtbot, make_speaker):
    expected = unicodedata.normalize("NFC", EVERY_DIACRITIC)
    decomposed = unicodedata.normalize("NFD", EVERY_DIACRITIC)
    assert decomposed != expected  # say() is handed decomposed text and must compose it
    speaker = ready_speaker(qtbot, make_speaker, rate=1.0)  # the mock's fastest: 50 ms a word
    words: list[tuple[str, int, int]] = []
    speaker.saying_word.connect(lambda word, start, length: words.append((word, start, length)))
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say(decomposed)
    # The engine reports each word it reads at its place in the text it was given. Had it
    # been given other text (decomposed, or altered anywhere), the places would not match.
    assert words
    for word, start, length in words:
        assert expected[start:start + length] == word
    ascii_runs = [(m.group(), m.start(), len(m.group()))
                  for m in re.finditer(r"[A-Za-z]+", expected)]
    assert words == ascii_runs
    assert words[-1][1] + words[-1][2] == len(expected)  # the "n" of "bĐn" ends the text
    assert speaker.text == expected


def test_stop_ends_the_reading_at_once(qtbot, make_speaker):
    speaker = ready_speaker(qtbot, make_speaker)
    with qtbot.waitSignal(speaker.started, timeout=5000):
        speaker.say("a long sentence that the mock engine reads one word at a time")
    with qtbot.waitSignal(speaker.finished, timeout=100):
        speaker.stop()
    assert not speaker.speaking
    with qtbot.assertNotEmitted(speaker.finished, wait=300):
        speaker.stop()  # nothing being read: nothing to finish
    assert speaker.available


def test_say_while_reading_replaces_the_reading(qtbot, make_speaker):
    speaker = ready_speaker(qtbot, make_speaker)
    events: list[str] = []
    speaker.started.connect(lambda: events.append("started"))
    speaker.finished.connect(lambda: events.append("finished"))
    words: list[str] = []
    speaker.saying_word.connect(lambda word, *_: words.append(word))
    with qtbot.waitSignal(speaker.started, timeout=5000):
        speaker.say("first text with many many words in it")
    speaker.say("second")
    qtbot.waitUntil(lambda: events == ["started", "finished", "started", "finished"],
                    timeout=5000)
    assert words[-1] == "second"
    assert "many" not in words


def test_text_said_while_the_engine_loads_is_read_once_it_is_ready(qtbot, make_speaker):
    speaker = make_speaker("mock", language="en")
    assert speaker.loading and not speaker.available
    with qtbot.waitSignal(speaker.started, timeout=10_000):
        speaker.say("early words")
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        pass


def test_the_button_toggles_between_read_and_stop(qtbot, make_speaker):
    speaker = ready_speaker(qtbot, make_speaker)
    asked = []

    def text() -> str:
        asked.append(1)
        return "một hai ba bốn năm sáu bảy tám chín mười"

    button = ReadAloudButton(speaker, text)
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    assert button.objectName() == "read_aloud"
    assert button.height() >= 64 and button.isEnabled()
    assert button.accessibleName() == tr("ReadAloudButton", "Read aloud")
    assert not button.icon().isNull()

    with qtbot.waitSignal(speaker.started, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [1]
    assert button.accessibleName() == tr("ReadAloudButton", "Stop reading")
    width = button.sizeHint().width()

    with qtbot.waitSignal(speaker.finished, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [1]  # touching "Stop reading" stops; it does not read again
    assert button.accessibleName() == tr("ReadAloudButton", "Read aloud")
    assert button.sizeHint().width() == width  # the bar it sits in does not jump

    with qtbot.waitSignal(speaker.started, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(speaker.finished, timeout=10_000):
        pass  # read to the end
    assert button.accessibleName() == tr("ReadAloudButton", "Read aloud")
    assert button.text().strip() == button.accessibleName() and button.isEnabled()


def test_a_missing_engine_disables_the_button_fast_and_says_why(qtbot, make_speaker):
    began = time.monotonic()
    speaker = make_speaker("does-not-exist")
    button = ReadAloudButton(speaker, lambda: "Xin chào")
    qtbot.addWidget(button)
    assert button.isEnabled()  # while loading, touching it queues the text
    with qtbot.waitSignal(speaker.unavailable, timeout=5000) as blocker:
        pass
    assert time.monotonic() - began < 3
    reason = tr("Speaker", "No speech engine is installed on this machine.")
    assert blocker.args == [reason] and speaker.reason == reason
    assert not speaker.available and not speaker.loading
    assert not button.isEnabled()
    assert button.accessibleName() == tr("ReadAloudButton", "No Vietnamese voice")
    assert button.text().strip() == button.accessibleName()
    assert button.toolTip() == reason and button.accessibleDescription() == reason
    speaker.say("Xin chào")  # does nothing, and does not complain
    assert not speaker.speaking


def test_an_engine_without_a_vietnamese_voice_is_unavailable(qtbot, make_speaker):
    speaker = make_speaker("mock")  # the kiosk's language: Vietnamese
    with qtbot.waitSignal(speaker.unavailable, timeout=5000):
        pass
    assert speaker.reason == tr("Speaker", "No Vietnamese voice is installed on this machine.")


def test_the_button_speaks_vietnamese_with_the_kiosk_translation(qtbot, make_speaker):
    translator = QTranslator()
    assert translator.load("kiosk_vi", str(REPO / "resources" / "translations"))
    if not translator.translate("ReadAloudButton", "No Vietnamese voice"):
        pytest.skip("kiosk_vi.ts has no read-aloud strings yet (test_translation fails too)")
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        speaker = make_speaker("mock")
        button = ReadAloudButton(speaker, lambda: "")
        qtbot.addWidget(button)
        assert button.accessibleName() == "Đọc to"
        with qtbot.waitSignal(speaker.unavailable, timeout=5000):
            pass
        assert button.accessibleName() == "Không có giọng đọc"
        assert button.toolTip() == "Máy chưa có giọng đọc tiếng Việt."
    finally:
        app.removeTranslator(translator)


# -- the watchdog, on the mock engine ---------------------------------------------------


def test_an_engine_that_does_not_load_in_time_is_given_up(qtbot, make_speaker):
    speaker = make_speaker("mock", language="en", timeouts=Timeouts(load=0.0))
    with qtbot.waitSignal(speaker.unavailable, timeout=2000):
        pass
    assert speaker.reason == tr("Speaker", "The speech engine did not answer in time.")
    qtbot.waitUntil(lambda: speaker._process.state() == speaker._process.ProcessState.NotRunning,
                    timeout=2000)


def test_a_reading_that_does_not_start_in_time_turns_reading_off(qtbot, make_speaker):
    speaker = ready_speaker(qtbot, make_speaker, timeouts=Timeouts(start=0.0))
    with qtbot.waitSignal(speaker.unavailable, timeout=2000):
        speaker.say("words")
    assert not speaker.available and not speaker.speaking
    assert speaker.reason == tr(
        "Speaker", "Reading aloud stopped responding, so it has been turned off.")


def test_a_reading_that_never_ends_is_stopped_and_reading_turned_off(qtbot, make_speaker):
    # The mock reads a word every ~0.1 s; a 50 ms allowance makes it look stuck.
    speaker = ready_speaker(qtbot, make_speaker, timeouts=Timeouts(finish=0.05, per_word=0))
    button = ReadAloudButton(speaker, lambda: "one two three four five six")
    qtbot.addWidget(button)
    with qtbot.waitSignal(speaker.started, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignals([speaker.finished, speaker.unavailable], timeout=2000):
        pass
    assert not speaker.speaking and not speaker.available
    assert not button.isEnabled()
    assert button.toolTip() == speaker.reason


def test_an_engine_process_that_dies_turns_reading_off(qtbot, make_speaker):
    speaker = ready_speaker(qtbot, make_speaker)
    with qtbot.waitSignal(speaker.started, timeout=5000):
        speaker.say("one two three four five")
    with qtbot.waitSignals([speaker.finished, speaker.unavailable], timeout=5000):
        speaker._process.kill()
    assert speaker.reason == tr("Speaker", "The speech engine stopped unexpectedly.")


def test_an_engine_process_that_cannot_start_turns_reading_off(
        qtbot, make_speaker, monkeypatch, tmp_path):
    monkeypatch.setattr("sys.executable", str(tmp_path / "no-python"))
    speaker = make_speaker("mock", language="en")
    with qtbot.waitSignal(speaker.unavailable, timeout=5000):
        pass
    prefix = tr("Speaker", "The speech engine could not start: %1").split("%1")[0]
    assert speaker.reason.startswith(prefix) and len(speaker.reason) > len(prefix)


def test_close_ends_the_engine_process(qtbot, make_speaker):
    speaker = ready_speaker(qtbot, make_speaker)
    began = time.monotonic()
    speaker.close()
    assert time.monotonic() - began < 1.0
    assert speaker._process.state() == speaker._process.ProcessState.NotRunning
    assert not speaker.available
    speaker.say("after closing")
    assert not speaker.speaking


# -- a real speech-dispatcher -----------------------------------------------------------

needs_speechd = pytest.mark.skipif(not testing.available(),
                                   reason="speech-dispatcher is not installed")


@pytest.fixture
def private_speechd(monkeypatch):
    """Start a private speech-dispatcher with the given audio output (see
    ui.speech.testing); SPEECHD_ADDRESS points the kiosk's engine, and only it, there."""
    servers: list[testing.PrivateSpeechDispatcher] = []

    def start(audio: str) -> None:
        server = testing.PrivateSpeechDispatcher(audio)
        servers.append(server)
        server.start()
        monkeypatch.setenv("SPEECHD_ADDRESS", server.address)

    yield start
    for server in servers:
        server.stop()


@needs_speechd
@pytest.mark.slow
def test_speech_dispatcher_reads_vietnamese_to_the_end(qtbot, make_speaker, private_speechd):
    private_speechd("libao")
    began = time.monotonic()
    speaker = make_speaker(None)  # the platform's default engine: speechd on Linux
    with qtbot.waitSignal(speaker.ready, timeout=15_000):
        pass
    loaded = time.monotonic() - began
    assert speaker.engine_name == "speechd"
    assert speaker.locale_name.startswith("vi")
    # espeak-ng's `vi` ("Vietnamese (Northern)" in Debian 12), not one of its variants
    assert speaker.voice_name.startswith("Vietnamese") and "+" not in speaker.voice_name
    with qtbot.waitSignal(speaker.started, timeout=10_000):
        speaker.say("Xin chào bà con. Hôm nay chúng ta học cách kích hoạt tài khoản.")
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        pass
    assert speaker.available, speaker.reason
    print(f"speechd: available known {loaded:.2f} s after the Speaker was created")


@needs_speechd
@pytest.mark.slow
def test_speech_dispatcher_without_sound_never_hangs_the_kiosk(
        qtbot, make_speaker, private_speechd):
    private_speechd("pulse")  # and no PulseAudio anywhere: the hang of the design notes
    speaker = make_speaker("speechd", timeouts=Timeouts(finish=1.5, per_word=0.1))
    with qtbot.waitSignal(speaker.ready, timeout=15_000):
        pass
    button = ReadAloudButton(speaker, lambda: "Chạm vào nút màu xanh để tiếp tục.")
    qtbot.addWidget(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    began = time.monotonic()
    # Whatever the engine does (report "speaking" forever, or never start), the watchdog
    # gives up within its allowance and the button says so.
    with qtbot.waitSignal(speaker.unavailable, timeout=15_000):
        pass
    assert time.monotonic() - began < 10
    assert not speaker.speaking and not button.isEnabled()
    assert speaker.reason == tr(
        "Speaker", "Reading aloud stopped responding, so it has been turned off.")
    # The stuck server answers nobody now; a new Speaker must not hang either.
    again = make_speaker("speechd", timeouts=Timeouts(load=2.5))
    with qtbot.waitSignal(again.unavailable, timeout=10_000):
        pass
    assert again.reason == tr("Speaker", "The speech engine did not answer in time.")
