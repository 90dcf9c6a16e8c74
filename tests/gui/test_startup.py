"""Start-up: the first screen is painted before anything heavy is imported, and the
deferred phase then brings the kiosk to life."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ui.modes import Mode

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys
    from ui.app import run
    code = run(sys.argv[:1])
    heavy = sorted({m.split(".")[0] for m in sys.modules
                    if m.split(".")[0] in ("sqlalchemy", "alembic", "qtawesome", "reportlab",
                                           "pydantic", "yaml", "cryptography", "qrcode")})
    print("exit", code, "heavy", ",".join(heavy) or "-")
""")


def test_first_screen_is_painted_before_the_orm_icons_or_lessons_load(tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_EXIT_AFTER_PAINT": "1",
           "KIOSK_DATA_DIR": str(tmp_path / "data"),
           "KIOSK_CONFIG": str(tmp_path / "settings.toml")}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["exit", "0", "heavy", "-"]
    assert not (tmp_path / "data").exists()  # the database is opened only after the paint


def test_the_deferred_phase_opens_storage_and_enables_the_welcome_buttons(
        qtbot, make_window, isolated_settings):
    window = make_window()
    assert window.flow is not None and window.startup_error is None
    assert window.welcome.new_button.isEnabled()
    assert (isolated_settings / "kiosk.sqlite3").exists()


def test_a_database_that_cannot_open_keeps_the_welcome_screen_and_tells_staff(
        qtbot, make_window, tmp_path, monkeypatch, touch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{blocker}/kiosk.sqlite3")
    window = make_window()
    assert window.flow is None
    assert not window.welcome.new_button.isEnabled()
    assert "cán bộ" in window.welcome.status.text()
    window.show_console()  # nobody can sign in without storage: the problem is shown
    problems = window.current_screen()
    shown = [problems.list.item(i).text() for i in range(problems.list.count())]
    assert any("Không mở được cơ sở dữ liệu" in text for text in shown)
    touch(window, "close_problems")
    assert window.current_screen() is window.welcome


def test_broken_lessons_are_switched_off_and_listed_for_staff(qtbot, make_window, console_as,
                                                             lessons_dir, touch):
    (lessons_dir / "safety" / "broken.yaml").write_text(
        "id: safety.broken\nskill: safety\ntitle: Hỏng\nsteps:\n  - kind: dance\n",
        encoding="utf-8")
    window = make_window()
    assert list(window.station.pack.lessons) == ["safety.e2e"]
    assert "1 bài học đang tạm tắt" in window.welcome.status.text()
    modes = []
    window.modes.entered.connect(modes.append)
    _, console = console_as(window=window, page="problems")
    assert modes == [Mode.STAFF]
    problems = console.current_page()
    text = problems.list.item(0).text()
    assert "broken.yaml:5" in text and "dance" in text
    touch(window, "console_sign_out")
    assert modes == [Mode.STAFF, Mode.KIOSK]
    assert window.current_screen() is window.welcome


def test_the_kiosk_has_its_own_icon_in_the_task_switcher(qtbot, make_window):
    from PySide6.QtWidgets import QApplication

    make_window()
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    tile = icon.pixmap(64, 64).toImage().pixelColor(32, 4)
    assert tile.red() < 60 and tile.green() > 80  # the green tile, not white or empty
