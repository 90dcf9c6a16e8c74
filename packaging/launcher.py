"""Entry point of the bundled kiosk (the PyInstaller one-folder bundle, see kiosk.spec).

The bundle's one program is the `kiosk` command (kiosk.cli:main), with one more duty: the
kiosk reads aloud through a child process that it starts as

    sys.executable <path of ui/speech/service.py> --engine ... --language ...

(ui.speech.speaker). From a source checkout sys.executable is Python and the path is the
script. In the bundle sys.executable is this program and the path names the module inside
the bundle (it need not exist as a file), so when the first argument is that path the
speech service runs here instead of the kiosk.
"""

from __future__ import annotations

import sys
from pathlib import PurePath


def is_speech_service(argv: list[str]) -> bool:
    """True when `argv` (sys.argv) is the kiosk starting its speech service."""
    if len(argv) < 2 or not argv[1].endswith((".py", ".pyc")):
        return False
    path = PurePath(argv[1])
    return path.stem == "service" and path.parent.parts[-2:] == ("ui", "speech")


def main() -> int:
    if is_speech_service(sys.argv):
        from ui.speech import service

        return service.main(sys.argv[2:])
    from kiosk.cli import main as kiosk_main

    return kiosk_main()


if __name__ == "__main__":
    sys.exit(main())
