"""The kiosk window a timing script measures inside its own process: offscreen, on a fresh
database with the bundled lessons, with one resident signed in."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def signed_in_kiosk(prefix: str, size: tuple[int, int]):
    """(app, window, hamlet): the window at `size`, a resident signed in from `hamlet`.
    Read-aloud is off: speech has its own figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp(prefix=prefix)
    os.environ["KIOSK_DATA_DIR"] = tmp
    os.environ["KIOSK_CONFIG"] = str(Path(tmp) / "settings.toml")
    os.environ["KIOSK_READ_ALOUD"] = "false"

    from kiosk import residents, settings
    from ui.app import create_app, prepare
    from ui.main_window import MainWindow

    config = settings.load()
    app = create_app([])
    prepare(app, config)
    window = MainWindow(config)
    window.resize(*size)
    window.show()
    window.finish_startup()
    station = window.station
    hamlet = residents.list_hamlets(station.db)[0]
    person = residents.register(station.db, full_name="Người Đo", birth_year=1960,
                                hamlet_id=hamlet.id, consent_given=True)
    window.flow.sign_in(person)
    return app, window, hamlet
