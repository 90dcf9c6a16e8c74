"""packaging/install-debian.sh, run into a staging folder (--destdir): what it installs,
that a second run changes nothing, that an update replaces the bundle whole, and that
--uninstall removes what it installed and leaves the kiosk user's data alone.

A small fake bundle stands in for the real one (the real one is checked by
`make bundle-check`); nothing here needs root or touches /opt, /usr or /etc.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
SCRIPT = PACKAGING / "install-debian.sh"
APP = "tram-ky-nang-so"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def fake_bundle(folder: Path, version: str = "1") -> Path:
    bundle = folder / APP
    (bundle / "_internal" / "lessons").mkdir(parents=True)
    (bundle / "_internal" / "lessons" / "version.txt").write_text(version)
    program = bundle / APP
    program.write_text(f"#!/bin/sh\necho kiosk {version}\n")
    program.chmod(0o755)
    return bundle


def install(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def tree(root: Path) -> dict[str, str]:
    """Every file and link under root: its path, and its content or link target."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_bytes().decode("utf-8", "replace")
    return found


def desktop_values(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
                if "=" in line and not line.startswith("#"))


def test_install_puts_bundle_command_menu_entry_and_icons_in_place(tmp_path):
    bundle = fake_bundle(tmp_path / "src")
    root = tmp_path / "root"

    install("--destdir", str(root), "--bundle", str(bundle))

    program = root / "opt" / APP / APP
    assert program.read_text() == (bundle / APP).read_text()
    assert os.access(program, os.X_OK)
    command = root / "usr/local/bin" / APP
    assert os.readlink(command) == f"/opt/{APP}/{APP}"
    entry = desktop_values(root / "usr/local/share/applications" / f"{APP}.desktop")
    assert entry["Exec"] == f"/opt/{APP}/{APP}"
    assert entry["Name"] == "Trạm Kỹ năng số"
    assert entry["Icon"] == APP
    icons = root / "usr/local/share/icons/hicolor"
    assert (icons / "256x256/apps" / f"{APP}.png").read_bytes().startswith(b"\x89PNG")
    assert (icons / "48x48/apps" / f"{APP}.png").is_file()
    assert (icons / "scalable/apps" / f"{APP}.svg").read_text().startswith("<svg")
    # No kiosk user asked for: no autologin, no autostart anywhere.
    assert not (root / "etc").exists()
    assert not (root / "home").exists()


def test_kiosk_user_gets_autostart_and_lightdm_autologin(tmp_path):
    bundle = fake_bundle(tmp_path / "src")
    root = tmp_path / "root"

    install("--destdir", str(root), "--bundle", str(bundle), "--kiosk-user=tram1",
            "--prefix", "/srv/kiosk")

    autostart = desktop_values(root / "home/tram1/.config/autostart" / f"{APP}.desktop")
    assert autostart["Exec"] == f"/srv/kiosk/{APP} run"
    assert autostart["X-GNOME-Autostart-enabled"] == "true"
    lightdm = (root / "etc/lightdm/lightdm.conf.d" / f"50-{APP}.conf").read_text()
    assert "[Seat:*]" in lightdm
    assert "autologin-user=tram1\n" in lightdm
    assert (root / "srv/kiosk" / APP).is_file()
    assert os.readlink(root / "usr/local/bin" / APP) == f"/srv/kiosk/{APP}"


def test_second_run_changes_nothing_and_an_update_replaces_the_bundle_whole(tmp_path):
    root = tmp_path / "root"
    old = fake_bundle(tmp_path / "old", version="1")
    (old / "_internal" / "gone-in-2.txt").write_text("old file")
    install("--destdir", str(root), "--bundle", str(old), "--kiosk-user")
    first = tree(root)

    install("--destdir", str(root), "--bundle", str(old), "--kiosk-user")
    assert tree(root) == first

    new = fake_bundle(tmp_path / "new", version="2")
    install("--destdir", str(root), "--bundle", str(new), "--kiosk-user")
    installed = root / "opt" / APP
    assert (installed / "_internal/lessons/version.txt").read_text() == "2"
    assert not (installed / "_internal/gone-in-2.txt").exists()
    assert not (root / "opt" / f"{APP}.new").exists()
    assert not (root / "opt" / f"{APP}.old").exists()


def test_runs_from_the_linux_folder_inside_a_bundle(tmp_path):
    """The layout kiosk.spec copies into dist/tram-ky-nang-so/linux/: the script finds the
    bundle it sits in without --bundle."""
    bundle = fake_bundle(tmp_path / "src")
    linux = bundle / "linux"
    for name in ("install-debian.sh", "debian-deps.sh", f"{APP}.desktop",
                 f"autostart/{APP}.desktop", f"icons/{APP}.svg", f"icons/{APP}-256.png"):
        (linux / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGING / name, linux / name)
    root = tmp_path / "root"

    done = subprocess.run(["bash", str(linux / "install-debian.sh"), "--destdir", str(root)],
                          capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert (root / "opt" / APP / "linux" / "install-debian.sh").is_file()
    assert (root / "usr/local/share/icons/hicolor/256x256/apps" / f"{APP}.png").is_file()


def test_uninstall_removes_what_was_installed_and_keeps_the_users_data(tmp_path):
    bundle = fake_bundle(tmp_path / "src")
    root = tmp_path / "root"
    data = root / "home/kiosk/.local/share" / APP / "kiosk.sqlite3"
    data.parent.mkdir(parents=True)
    data.write_text("the residents")
    other_app = root / "usr/local/share/applications/other.desktop"
    other_app.parent.mkdir(parents=True)
    other_app.write_text("[Desktop Entry]\n")
    install("--destdir", str(root), "--bundle", str(bundle), "--kiosk-user")

    done = install("--destdir", str(root), "--uninstall")

    assert data.read_text() == "the residents"
    assert other_app.is_file()
    left = [name for name in tree(root) if APP in name and not name.startswith("home/kiosk/.local")]
    assert left == []
    assert "deluser --remove-home kiosk" in done.stdout
    again = install("--destdir", str(root), "--uninstall")
    assert "nothing" in again.stdout


def test_refuses_what_it_cannot_do(tmp_path):
    not_a_bundle = tmp_path / "empty"
    not_a_bundle.mkdir()
    done = install("--destdir", str(tmp_path / "root"), "--bundle", str(not_a_bundle),
                   check=False)
    assert done.returncode == 1
    assert "is not a bundle" in done.stderr
    assert not (tmp_path / "root/opt").exists()

    assert install("--frobnicate", check=False).returncode == 2
    assert install("--destdir", str(tmp_path / "root"), "--kiosk-user=Bad Name",
                   check=False).returncode == 2
    assert install("--destdir", str(tmp_path / "root"), "--prefix", "relative/dir",
                   check=False).returncode == 2


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_shell_scripts_pass_shellcheck():
    done = subprocess.run(["shellcheck", str(SCRIPT), str(PACKAGING / "debian-deps.sh")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
