"""Fixtures shared by the core and the widget tests.

Every test runs offscreen, with its own settings file and data folder, so nothing a test
does touches a real kiosk's database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep Qt quiet about the missing runtime dir on CI machines without a session.
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp/runtime-kiosk-tests")
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder and no settings file for every test."""
    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    for name in list(os.environ):
        if name.startswith("KIOSK_") and name not in ("KIOSK_CONFIG", "KIOSK_DATA_DIR"):
            monkeypatch.delenv(name)
    # The voice runs in a child process of its own; tests that need it turn it on.
    monkeypatch.setenv("KIOSK_READ_ALOUD", "false")
    return data
