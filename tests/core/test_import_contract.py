"""The core stays free of widgets: `kiosk` never imports `ui` or PySide6's widgets."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CORE_MODULES = ["kiosk.cli", "kiosk.settings", "kiosk.station", "kiosk.progress",
                "kiosk.residents", "kiosk.lessons.loader", "kiosk.db.engine"]


def test_importing_the_whole_core_loads_no_qt_at_all():
    code = ("import sys\n"
            + "".join(f"import {m}\n" for m in CORE_MODULES)
            + "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'ui')))\n"
            + "print(','.join(bad))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout.strip() == ""


def test_import_linter_contract_holds():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.fail("lint-imports (import-linter) is not installed in the test environment")
    done = subprocess.run([lint_imports], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
