#!/usr/bin/env bash
# Install the Debian packages the kiosk needs, and only those that are missing.
#
#   packaging/debian-deps.sh run     what `make run` needs: Qt's xcb platform plugin, OpenGL/EGL,
#                                    fontconfig, D-Bus, PulseAudio client (QtTextToSpeech and
#                                    QtMultimedia), and python3-venv when `python3 -m venv`
#                                    cannot work
#   packaging/debian-deps.sh test    the same, plus what the tests and screenshots use
#   packaging/debian-deps.sh bundle  what the one-folder bundle needs at run time (install-debian.sh)
#   packaging/debian-deps.sh --list run|test    print the package list and exit
#   packaging/debian-deps.sh --check run|test   list what is missing; exit 1 if anything is
#
# Idempotent: dpkg-query says what is installed; when nothing is missing the script does not
# touch apt at all. Otherwise it runs `apt-get update` once and
# `apt-get install -y --no-install-recommends` for the missing packages, through sudo when
# not root. Set PYTHON to the interpreter the venv will be made with (default: python3).
# Written for Debian 12 (bookworm); elsewhere it prints the list to install by hand and goes on.
set -euo pipefail

usage() {
    echo "usage: $0 [--list|--check] run|test|bundle" >&2
    exit 2
}

mode=install
case "${1:-}" in
    --list) mode=list; shift ;;
    --check) mode=check; shift ;;
esac
[[ $# -eq 1 ]] || usage
set_name="$1"

# Qt 6 from the PySide6 wheels. The wheels bundle Qt and ICU but not these system libraries;
# without libxcb-icccm4/libxcb-keysyms1 the xcb platform plugin fails to load on Debian 12.
# libglib2.0-0: QtCore itself links GLib. libcups2: the CUPS print plugin (certificates).
# libpulse0, libxrandr2, libxrender1: QtMultimedia and QtTextToSpeech. QtMultimedia's FFmpeg
# backend also loads PipeWire and VA-API at run time; without them it logs Qt warnings, which
# fail tests under pytest-qt's qt_log_level_fail = WARNING.
# speech-dispatcher + its espeak-ng module: the read-aloud engine with a Vietnamese voice
# (QtTextToSpeech's "speechd" engine talks to it through libspeechd2).
RUN_PACKAGES=(
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-shape0 libxkbcommon-x11-0
    libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libcups2
    libpulse0 libxrandr2 libxrender1 libpipewire-0.3-0 libva2 libva-x11-2 libva-drm2
    libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng
)
# Tests run offscreen, but screenshots of a real window need an X server (Xvfb, xauth for
# xvfb-run, xwd from x11-apps, ImageMagick to convert); pdftoppm (poppler-utils) turns
# certificate PDFs into PNGs; fonts-noto-core gives a system font with Vietnamese glyphs;
# hunspell with the vi_VN dictionary checks the spelling of every lesson.
# cups (the scheduler, with cups-client's lpadmin/lpstat/cupsenable), cups-bsd and
# printer-driver-cups-pdf: tests/printing starts a private cupsd of its own with cups-pdf
# queues and prints certificates through it; no system CUPS service needs to run.
# postgresql: the storage tests also run on a private PostgreSQL server the tests start
# themselves (tests/postgres_server.py: initdb, pg_ctl); the system cluster is not used.
TEST_PACKAGES=(
    xvfb xauth poppler-utils fonts-noto-core x11-apps imagemagick hunspell hunspell-vi
    cups cups-client cups-bsd printer-driver-cups-pdf
    postgresql
)

# The bundle (packaging/kiosk.spec) carries Python and Qt but links the system's OpenGL,
# X11/xcb, CUPS and speech-dispatcher libraries like `make run` does, and its Wayland
# plug-in also needs the Wayland client libraries (a GNOME or KDE session has them).
BUNDLE_PACKAGES=(libwayland-client0 libwayland-cursor0 libwayland-egl1)

case "$set_name" in
    run) wanted=("${RUN_PACKAGES[@]}") ;;
    bundle) wanted=("${RUN_PACKAGES[@]}" "${BUNDLE_PACKAGES[@]}") ;;
    test) wanted=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
    *) usage ;;
esac

# python3-venv: Debian splits ensurepip out of the standard library. A python that is not
# Debian's own (pyenv, a custom build) brings its own ensurepip and needs nothing here.
# The bundle carries its own Python.
PYTHON="${PYTHON:-python3}"
if [[ $set_name != bundle ]] && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    wanted+=(python3-venv)
fi

if [[ $mode == list ]]; then
    printf '%s\n' "${wanted[@]}"
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "debian-deps: this is not a Debian system; install the equivalents of:" >&2
    printf '  %s\n' "${wanted[@]}" >&2
    exit 0
fi

# One dpkg-query for all: it prints the packages it knows ("ii " = installed) and fails
# for the ones it has never heard of, which are then missing too.
installed=" $(dpkg-query -W -f='${db:Status-Abbrev}${Package}\n' "${wanted[@]}" 2>/dev/null \
    | awk '/^ii/ { printf "%s ", substr($0, 4) }' || true)"
missing=()
for package in "${wanted[@]}"; do
    if [[ "$installed" != *" $package "* ]]; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "debian-deps: all ${#wanted[@]} packages for '$set_name' are installed."
    exit 0
fi
if [[ $mode == check ]]; then
    echo "debian-deps: missing for '$set_name': ${missing[*]}"
    exit 1
fi

if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "debian-deps: missing packages and neither root nor sudo; as root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "debian-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
