"""The menu entry and the autostart entry that install-debian.sh installs."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
MENU = PACKAGING / "tram-ky-nang-so.desktop"
AUTOSTART = PACKAGING / "autostart" / "tram-ky-nang-so.desktop"


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",),
                                       comment_prefixes=("#",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_menu_entry_starts_the_kiosk_by_its_vietnamese_name():
    menu = entry(MENU)
    assert menu["Type"] == "Application"
    assert menu["Name"] == "Trạm Kỹ năng số"
    assert unicodedata.is_normalized("NFC", MENU.read_text(encoding="utf-8"))
    assert menu["Exec"] == "tram-ky-nang-so"
    assert menu["Icon"] == "tram-ky-nang-so"
    # The window's desktop file name (ui.app) matches, so docks group it with this entry.
    assert menu["StartupWMClass"] == "tram-ky-nang-so"
    assert (PACKAGING / "icons" / "tram-ky-nang-so.svg").is_file()


def test_autostart_entry_starts_kiosk_mode_and_stays_out_of_the_menu():
    autostart = entry(AUTOSTART)
    assert autostart["Exec"] == "tram-ky-nang-so run"
    assert autostart["X-GNOME-Autostart-enabled"] == "true"
    assert autostart["NoDisplay"] == "true"
    assert autostart["Terminal"] == "false"
    assert "autologin-user=kiosk" in AUTOSTART.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (desktop-file-utils) is not installed")
def test_entries_pass_desktop_file_validate():
    done = subprocess.run(["desktop-file-validate", str(MENU), str(AUTOSTART)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
