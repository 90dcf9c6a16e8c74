"""Render every bundled practice screen to PNG, as a lesson step shows it: the phone on
the right of the step's text, at the kiosk's window sizes and text sizes.

    python -m ui.phone.gallery OUT_DIR

For authors and reviewers to look at every screen without a kiosk, and for us to catch
clipped text or overlapping parts by eye.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import paths
from kiosk.lessons.screens import AppScreens, PracticeScreen, load_screens

SIZES = ((1920, 1080), (1280, 720))
TEXT_SIZES = ("normal", "large", "huge")


def step_window(phone):
    """A window laid out like the lesson player: a top bar, a progress bar, the step's
    text on the left and the phone on the right, the step buttons at the bottom."""
    from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout

    from ui.screens.base import Screen, button, label

    screen = Screen()
    screen.top.addWidget(label("Làm quen với ứng dụng VNeID", "muted"), 1)
    screen.top.addWidget(label("Bước 3 trên 10", "muted", wrap=False))
    screen.top.addWidget(button("Tạm dừng"))
    progress = QProgressBar()
    progress.setRange(0, 10)
    progress.setValue(3)
    progress.setTextVisible(False)
    screen.body.addWidget(progress)
    row = QHBoxLayout()
    row.setSpacing(32)
    left = QVBoxLayout()
    left.setSpacing(16)
    prompt = label("", "question")
    left.addWidget(prompt)
    left.addStretch(1)
    row.addLayout(left, 3)
    row.addWidget(phone, 2)
    screen.body.addLayout(row, 1)
    for text, role in (("Bước trước", None), ("Xem cách làm", None), ("Tiếp tục", "primary")):
        screen.footer.addWidget(button(text, role), 2 if role else 1)
    return screen, prompt


def render_gallery(out: Path, sizes: Sequence[tuple[int, int]] = SIZES,
                   text_sizes: Sequence[str] = TEXT_SIZES, contrasts: Sequence[str] = ("normal",),
                   screens: dict[str, tuple[AppScreens, PracticeScreen]] | None = None,
                   ) -> list[Path]:
    """Write one PNG per screen, window size, text size and contrast into `out`; returns
    the files written. Needs a QApplication (one is made if there is none)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.app import load_fonts
    from ui.phone import PracticePhone

    app = QApplication.instance() or QApplication([])
    load_fonts()
    if screens is None:
        screens, problems = load_screens(paths.BUNDLED_LESSONS)
        if problems:
            raise ValueError("\n".join(str(p) for p in problems))
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for contrast in contrasts:
        for text_size in text_sizes:
            theme.apply(app, text_size, contrast)
            phone = PracticePhone(text_size=text_size, contrast=contrast)
            window, prompt = step_window(phone)
            for width, height in sizes:
                window.resize(width, height)
                window.show()
                for screen_id, (practice_app, screen) in screens.items():
                    prompt.setText(f"{practice_app.name}: {screen.title or screen_id}")
                    phone.show_screen(practice_app, screen)
                    for _ in range(3):  # layouts settle in a few rounds (scroll areas)
                        app.processEvents()
                    # No event loop runs here to delete the screens shown before.
                    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                    path = out / f"{width}x{height}-{text_size}-{contrast}-{screen_id}.png"
                    window.grab().save(str(path))
                    written.append(path)
            window.close()
            window.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("phone-gallery")
    files = render_gallery(out, contrasts=("normal", "high"))
    print(f"{len(files)} tệp PNG trong {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
