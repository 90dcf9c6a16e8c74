"""Read aloud: lesson text spoken in Vietnamese for residents who read slowly.

    speaker = Speaker()                      # the platform's engine, a Vietnamese voice
    button = ReadAloudButton(speaker, step.read_aloud_text)
    speaker.say("Chạm vào nút màu xanh.")

`speaker` (the engine in a child process, and its watchdog), `button` (the touch button),
`service` (the child process itself).
"""

from ui.speech.button import ReadAloudButton
from ui.speech.speaker import Speaker, Timeouts

__all__ = ["ReadAloudButton", "Speaker", "Timeouts"]
