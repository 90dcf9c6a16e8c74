"""The pinned PySide6 survives what crashed 6.12.0 on Python 3.11.

6.12.0 died ("deallocating None") after a few thousand calls of methods returning
nothing. The calls run in a child process, so a crash fails this test instead of killing
the whole test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

CALLS = 100_000

SCRIPT = textwrap.dedent(f"""
    import sys
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QProgressBar
    app = QApplication(sys.argv)
    label, push, bar = QLabel(), QPushButton(), QProgressBar()
    calls = 0
    for i in range({CALLS} // 5):
        label.setText(str(i))        # each of these returns None
        push.setEnabled(i % 2 == 0)
        bar.setValue(i % 100)
        label.show()
        label.hide()
        calls += 5
    print("calls", calls)
""")


def test_100000_calls_of_methods_returning_nothing_do_not_crash():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=600, env={"QT_QPA_PLATFORM": "offscreen",
                                            "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.split() == ["calls", str(CALLS)]
