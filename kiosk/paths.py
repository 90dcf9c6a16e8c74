"""Where the kiosk keeps its files, and where the bundled data lives."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "tram-ky-nang-so"

#: The repository (or bundle) root: lessons/ and resources/ sit beside the packages.
ROOT = Path(__file__).resolve().parent.parent
BUNDLED_LESSONS = ROOT / "lessons"
RESOURCES = ROOT / "resources"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_config_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "settings.toml"
