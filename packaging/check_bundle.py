"""Check a built one-folder bundle the way a commune's PC will use it (`make bundle-check`).

    python packaging/check_bundle.py [dist/tram-ky-nang-so] [--quick]

Everything runs from the bundle, offscreen, with a fresh settings file, data, log and home
folder in a temporary directory (nothing of the developer's own kiosk is read or touched):

1. the files a kiosk needs are there (lessons, fonts, translations, migrations, qtawesome's
   fonts, the Qt plug-ins for X11, Wayland, printing and speech), nothing of Qt WebEngine,
   Qt Quick or Qt 3D is, and the bundle fits its size budget;
2. every shared library in it finds what it links (Linux: ldd);
3. the kiosk starts to its first painted screen and exits 0 (KIOSK_EXIT_AFTER_PAINT=1);
4. `db upgrade` creates the database from the bundled migrations, at their newest revision;
5. `lessons check` finds the bundled lessons and finds them valid;
6. demo residents, one certificate issued, exported to PDF with its fonts embedded, and
   its QR code text verified;
7. the speech service starts through the bundle's own program (as ui.speech.speaker does)
   and reads with Qt's mock engine;
8. every step of one lesson, and (unless --quick) every page of the staff console, rendered
   to PNG: the whole interface, qtawesome's icons and the Qt plug-ins in use.

Any failure prints the command, its exit status, its standard output and error, and the
check exits 1. Any line on standard error that is not known harmless counts as a failure,
as Qt warnings fail the tests. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "tram-ky-nang-so"
BUDGET_MB = 250
WINDOWS = sys.platform == "win32"
# The program the desktop starts, which also runs the speech service. On Windows it has no
# console, and kiosk.exe (the same program with one) runs the commands.
EXE = NAME + (".exe" if WINDOWS else "")
COMMAND = "kiosk.exe" if WINDOWS else NAME

# Said on standard error by the offscreen platform whenever a window is shown; not ours.
HARMLESS = ("This plugin does not support propagateSizeHints()",)

REQUIRED = [
    "lessons",
    "resources/fonts/NotoSans-Regular.ttf",
    "resources/fonts/NotoSans-Bold.ttf",
    "resources/translations/kiosk_vi.qm",
    "kiosk/db/migrations/env.py",
    "kiosk/db/migrations/versions",
    "qtawesome/fonts",
]
REQUIRED_LINUX = [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
]
# Qt WebEngine, Qt Quick/QML, Qt 3D, the virtual keyboard (Quick) and FFmpeg.
FORBIDDEN = re.compile(r"WebEngine|Qt6?Quick|Qt6?Qml|Qt6?3D|VirtualKeyboard|libav(codec|format)",
                       re.IGNORECASE)


class CheckFailed(Exception):
    pass


class Checker:
    def __init__(self, bundle: Path, work: Path) -> None:
        self.bundle = bundle
        self.internal = bundle / "_internal"
        self.program = bundle / EXE
        self.command = bundle / COMMAND
        self.work = work
        self.figures: list[str] = []
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("KIOSK_", "XDG_", "QT_", "PYTHON")) and k != "LD_LIBRARY_PATH"}
        home = self.work / "home"
        runtime = self.work / "runtime"
        for folder in (home, runtime):
            folder.mkdir(mode=0o700)
        env.update(
            HOME=str(home), USERPROFILE=str(home), LOCALAPPDATA=str(home / "AppData"),
            APPDATA=str(home / "Roaming"),
            XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
            XDG_STATE_HOME=str(home / ".local/state"), XDG_CACHE_HOME=str(home / ".cache"),
            XDG_RUNTIME_DIR=str(runtime),
            QT_QPA_PLATFORM="offscreen",
            KIOSK_CONFIG=str(self.work / "settings.toml"),
            KIOSK_DATA_DIR=str(self.work / "data"),
        )
        return env

    # -- running the bundle ---------------------------------------------------------------

    def run(self, *args: str, stdin: str | None = None, timeout: float = 120,
            env: dict[str, str] | None = None, expect: int = 0,
            program: Path | None = None) -> subprocess.CompletedProcess:
        """Run a command of the bundle (or `program`); fail on its exit status or on
        anything unexpected on its standard error."""
        command = [str(program or self.command), *args]
        try:
            done = subprocess.run(command, input=stdin, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=timeout,
                                  env={**self.env, **(env or {})}, cwd=self.work)
        except subprocess.TimeoutExpired as exc:
            raise CheckFailed(self._describe(command, "did not finish in "
                                             f"{timeout:.0f} s", exc.stdout, exc.stderr)) from exc
        unexpected = [line for line in done.stderr.splitlines()
                      if line.strip() and line.strip() not in HARMLESS]
        if done.returncode != expect or unexpected:
            why = (f"exit status {done.returncode} (expected {expect})"
                   if done.returncode != expect else "unexpected output on standard error")
            raise CheckFailed(self._describe(command, why, done.stdout, done.stderr))
        return done

    @staticmethod
    def _describe(command, why, stdout, stderr) -> str:
        def text(value) -> str:
            if isinstance(value, bytes):
                value = value.decode("utf-8", "replace")
            return (value or "").rstrip() or "(nothing)"
        return (f"{' '.join(command)}\n  {why}\n--- standard output:\n{text(stdout)}\n"
                f"--- standard error:\n{text(stderr)}")

    # -- the checks -----------------------------------------------------------------------

    def files(self) -> None:
        for program in {self.program, self.command}:
            if not program.is_file() or not os.access(program, os.X_OK):
                raise CheckFailed(f"{program} is missing or not executable: build it with "
                                  "`make bundle`")
        wanted = REQUIRED + ([] if WINDOWS else REQUIRED_LINUX)
        missing = [path for path in wanted if not (self.internal / path).exists()]
        if missing:
            raise CheckFailed("missing from the bundle: " + ", ".join(missing))
        unwanted = sorted(str(path.relative_to(self.bundle)) for path in self.bundle.rglob("*")
                          if FORBIDDEN.search(path.name))
        if unwanted:
            raise CheckFailed("the bundle carries what the kiosk does not use: "
                              + ", ".join(unwanted[:20]))
        size = sum(p.lstat().st_size for p in self.bundle.rglob("*") if not p.is_symlink())
        megabytes = size / 1024 / 1024
        self.figures.append(f"size: {megabytes:.0f} MB unpacked (budget {BUDGET_MB} MB)")
        if megabytes > BUDGET_MB:
            raise CheckFailed(f"the bundle takes {megabytes:.0f} MB, over its budget of "
                              f"{BUDGET_MB} MB; biggest parts:\n" + biggest(self.bundle))

    def libraries(self) -> None:
        if WINDOWS or not shutil.which("ldd"):
            return
        env = {**os.environ, "LD_LIBRARY_PATH": str(self.internal)}
        problems = []
        for path in sorted(self.internal.rglob("*.so*")):
            if path.is_symlink() or not path.is_file() or not is_elf(path):
                continue
            done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
            for line in done.stdout.splitlines():
                if "not found" in line:
                    problems.append(f"{path.relative_to(self.bundle)}: {line.strip()}")
        if problems:
            raise CheckFailed("shared libraries that do not find what they link (install "
                              "them with `packaging/debian-deps.sh bundle`):\n  "
                              + "\n  ".join(problems))

    def first_paint(self) -> None:
        started = time.perf_counter()
        self.run(env={"KIOSK_EXIT_AFTER_PAINT": "1"}, timeout=60, program=self.program)
        self.figures.append(f"start to first painted screen: {time.perf_counter() - started:.2f} s "
                            "(offscreen, new data folder)")

    def database(self) -> None:
        self.run("db", "upgrade")
        database = self.work / "data" / "kiosk.sqlite3"
        if not database.is_file():
            raise CheckFailed(f"`db upgrade` said it worked but made no {database}")
        head = newest_revision(self.internal / "kiosk/db/migrations/versions")
        with sqlite3.connect(database) as connection:
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision != head:
            raise CheckFailed(f"the database is at revision {revision}, the bundled migrations "
                              f"end at {head}")

    def lessons(self) -> None:
        out = self.run("lessons", "check").stdout
        found = re.search(r"(\d+) bài học, không có lỗi \((.+)\)", out)
        if not found or int(found[1]) == 0:
            raise CheckFailed(f"`lessons check` did not report valid lessons:\n{out}")
        if Path(found[2]).resolve() != (self.internal / "lessons").resolve():
            raise CheckFailed(f"`lessons check` read {found[2]}, not the bundled lessons")
        self.figures.append(f"lessons: {found[1]} valid")

    def certificate(self) -> None:
        self.run("demo-data", "--residents", "60", "--seed", "7", "--until", "2025-06-30")
        with sqlite3.connect(self.work / "data" / "kiosk.sqlite3") as connection:
            row = connection.execute(
                "SELECT r.learner_code, s.skill FROM skill_progress s JOIN residents r "
                "ON r.id = s.resident_id WHERE s.completed_at IS NOT NULL "
                "ORDER BY r.id, s.skill LIMIT 1").fetchone()
        if row is None:
            raise CheckFailed("the demo data has nobody who completed a skill")
        code, skill = row
        out = self.run("certificate", "issue", "--code", code, "--skill", skill).stdout
        serial = re.search(r"Số hiệu: (\S+)", out)
        token = re.search(r"Mã kiểm tra: (\S+)", out)
        if not serial or not token:
            raise CheckFailed(f"`certificate issue` printed no serial or token:\n{out}")
        pdf = self.work / "certificate.pdf"
        self.run("certificate", "export", serial[1], str(pdf))
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data.startswith(b"%PDF"):
            raise CheckFailed(f"`certificate export` wrote no PDF at {pdf}")
        embedded = set(re.findall(rb"/FontName /[A-Z]{6}\+([\w-]+)", data))
        if b"NotoSans-Regular" not in embedded or b"/FontFile2" not in data:
            raise CheckFailed("the certificate does not embed Noto Sans (fonts named: "
                              f"{sorted(embedded)})")
        verdict = self.run("verify", token[1]).stdout
        if "HỢP LỆ" not in verdict:
            raise CheckFailed(f"`verify` did not find the certificate valid:\n{verdict}")

    def speech(self) -> None:
        # The path ui.speech.speaker passes: the module's __file__ inside the bundle.
        service = self.internal / "ui" / "speech" / "service.py"
        requests = [{"cmd": "say", "id": 1, "text": "xin chào"}, {"cmd": "quit"}]
        done = self.run(str(service), "--engine", "mock", "--language", "en",
                        stdin="".join(json.dumps(r) + "\n" for r in requests), timeout=30,
                        program=self.program)
        events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        kinds = [event.get("event") for event in events]
        if "ready" not in kinds or "state" not in kinds:
            raise CheckFailed("the speech service did not start and read through the bundle "
                              f"(events: {kinds}):\n{done.stdout}\n{done.stderr}")

    def screens(self, console: bool) -> None:
        lesson = shortest_lesson(self.internal / "lessons")
        shots = self.work / "lesson-shots"
        self.run("screenshots", str(shots), "--lesson", lesson, timeout=300)
        count = len(list(shots.glob("*.png")))
        if count == 0:
            raise CheckFailed(f"`screenshots --lesson {lesson}` wrote no PNG")
        rendered = f"screens rendered: {count} of lesson {lesson}"
        if console:
            shots = self.work / "console-shots"
            self.run("screenshots", str(shots), "--console", timeout=600)
            pages = len(list(shots.glob("*.png")))
            if pages == 0:
                raise CheckFailed("`screenshots --console` wrote no PNG")
            rendered += f", {pages} of the staff console"
        self.figures.append(rendered)


def is_elf(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def newest_revision(versions: Path) -> str:
    """The head of the migration chain: the revision no other names as its down_revision."""
    revisions, downs = set(), set()
    for script in versions.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = re.search(r"^revision\s*(?::[^=]+)?=\s*['\"]([^'\"]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*(?::[^=]+)?=\s*['\"]([^'\"]+)['\"]", text, re.M)
        if revision:
            revisions.add(revision[1])
        if down:
            downs.add(down[1])
    heads = revisions - downs
    if len(heads) != 1:
        raise CheckFailed(f"the bundled migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def shortest_lesson(lessons: Path) -> str:
    """Id of the hands-on lesson with the fewest steps (not a final check)."""
    best: tuple[int, str] | None = None
    for path in sorted(lessons.glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        lesson_id = re.search(r"^id:\s*(\S+)", text, re.M)
        if not lesson_id or re.search(r"^final:\s*true", text, re.M):
            continue
        steps = len(re.findall(r"^\s*- kind:", text, re.M))
        if steps and (best is None or steps < best[0]):
            best = (steps, lesson_id[1])
    if best is None:
        raise CheckFailed(f"no lesson found in {lessons}")
    return best[1]


def folder_size(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_symlink())


def biggest(bundle: Path, count: int = 12) -> str:
    """The largest parts of the bundle, one level into _internal and into PySide6/Qt."""
    internal = bundle / "_internal"
    parts = [p for p in internal.iterdir() if p.name != "PySide6"]
    for qt in (internal / "PySide6", internal / "PySide6" / "Qt"):
        if qt.is_dir():
            parts += [p for p in qt.iterdir() if p.name != "Qt"]
    sizes = sorted(((folder_size(p), p) for p in parts), reverse=True)[:count]
    return "\n".join(f"  {size / 1024 / 1024:6.1f} MB  {p.relative_to(bundle)}"
                     for size, p in sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / NAME))
    parser.add_argument("--quick", action="store_true",
                        help="leave out the staff console's screenshots (about half a minute)")
    args = parser.parse_args(argv)
    bundle = Path(args.bundle).resolve()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kiosk-bundle-check-") as tmp:
        checker = Checker(bundle, Path(tmp))
        steps = [
            ("files and size", checker.files),
            ("shared libraries", checker.libraries),
            ("start to the first screen", checker.first_paint),
            ("database from the bundled migrations", checker.database),
            ("bundled lessons", checker.lessons),
            ("certificate PDF", checker.certificate),
            ("speech service", checker.speech),
            ("screens", lambda: checker.screens(console=not args.quick)),
        ]
        for title, step in steps:
            print(f"bundle-check: {title}…", flush=True)
            try:
                step()
            except CheckFailed as exc:
                print(f"bundle-check: FAILED: {title}\n{exc}", file=sys.stderr)
                return 1
    print(f"bundle-check: {bundle} passed in {time.perf_counter() - started:.0f} s")
    for figure in checker.figures:
        print(f"  {figure}")
    print("  biggest parts:\n" + biggest(bundle))
    return 0


if __name__ == "__main__":
    sys.exit(main())
