#!/usr/bin/env bash
# Install Trạm Kỹ năng số from its one-folder bundle on Debian 12 (or later), or remove it.
#
#   sudo ./install-debian.sh                    install or update the bundle
#   sudo ./install-debian.sh --kiosk-user       ... and make this PC a kiosk: a user `kiosk`
#                                               logged in automatically (LightDM), the kiosk
#                                               started full screen at its login
#   sudo ./install-debian.sh --uninstall        remove what an install put in place
#
# Options:
#   --bundle DIR        the bundle to install. Default: the bundle this script is in
#                       (tram-ky-nang-so/linux/install-debian.sh), or, run from a repository
#                       as packaging/install-debian.sh, the one `make bundle` built
#                       (dist/tram-ky-nang-so).
#   --prefix DIR        where the bundle goes (default /opt/tram-ky-nang-so)
#   --kiosk-user[=NAME] the kiosk user (default name: kiosk); created when missing, with a
#                       locked password (nobody signs in as it by hand)
#   --no-deps           do not install Debian packages (packaging/debian-deps.sh bundle)
#   --destdir DIR       put every file under DIR instead of / and change nothing else: no
#                       apt, no user, no caches (to look at the result, or to build a package)
#   --uninstall         remove the bundle, the command, the menu entry, the icons, the
#                       autostart entry and the autologin file. The kiosk user and its data
#                       (database, keys, backups, settings) stay; the script says how to
#                       remove them.
#
# What an install puts in place (PREFIX=/opt/tram-ky-nang-so):
#   PREFIX/                                            the bundle (replaced as a whole)
#   /usr/local/bin/tram-ky-nang-so                     -> PREFIX/tram-ky-nang-so (the `kiosk`
#                                                      command: tram-ky-nang-so backup, ...)
#   /usr/local/share/applications/tram-ky-nang-so.desktop        the menu entry
#   /usr/local/share/icons/hicolor/*/apps/tram-ky-nang-so.{png,svg}
# and with --kiosk-user:
#   ~kiosk/.config/autostart/tram-ky-nang-so.desktop   kiosk mode at that user's login only
#   /etc/lightdm/lightdm.conf.d/50-tram-ky-nang-so.conf  autologin-user=kiosk
#
# Running it again updates the bundle and changes nothing else that is already right.
set -euo pipefail

APP=tram-ky-nang-so
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

prefix=/opt/$APP
destdir=
bundle=
kiosk_user=
deps=yes
action=install

usage() {  # usage STATUS: the header above, on stderr unless asked for with --help
    if [[ $1 -eq 0 ]]; then
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
    else
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    fi
    exit "$1"
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --bundle) bundle="${2:?--bundle needs a folder}"; shift ;;
        --bundle=*) bundle="${1#*=}" ;;
        --prefix) prefix="${2:?--prefix needs a folder}"; shift ;;
        --prefix=*) prefix="${1#*=}" ;;
        --destdir) destdir="${2:?--destdir needs a folder}"; shift ;;
        --destdir=*) destdir="${1#*=}" ;;
        --kiosk-user) kiosk_user=kiosk ;;
        --kiosk-user=*) kiosk_user="${1#*=}" ;;
        --no-deps) deps=no ;;
        --uninstall) action=uninstall ;;
        -h|--help) usage 0 ;;
        *) echo "install-debian: unknown option $1" >&2; usage 2 ;;
    esac
    shift
done

[[ $prefix == /* ]] || { echo "install-debian: --prefix must be an absolute path" >&2; exit 2; }
prefix="${prefix%/}"
if [[ -n $destdir ]]; then
    mkdir -p "$destdir"
    destdir="$(cd "$destdir" && pwd)"
fi
if [[ -n $kiosk_user && ! $kiosk_user =~ ^[a-z_][a-z0-9_-]{0,31}$ ]]; then
    echo "install-debian: '$kiosk_user' is not a valid user name" >&2
    exit 2
fi
if [[ -z $destdir && "$(id -u)" -ne 0 ]]; then
    echo "install-debian: run it as root (sudo $0 $*), or with --destdir DIR" >&2
    exit 1
fi

bin_link=/usr/local/bin/$APP
applications=/usr/local/share/applications
icons=/usr/local/share/icons/hicolor
lightdm_conf=/etc/lightdm/lightdm.conf.d/50-$APP.conf

say() { echo "install-debian: $*"; }

# Home folder of the kiosk user: the real one, or /home/NAME under --destdir.
home_of() {
    if [[ -n $destdir ]]; then
        echo "/home/$1"
    else
        getent passwd "$1" | cut -d: -f6 || true
    fi
}

# The desktop's menu and icon caches, where the tools are installed; never fatal.
refresh_caches() {
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -f "$icons" 2>/dev/null || true
    fi
}

install_file() {  # install_file MODE SOURCE TARGET (TARGET without DESTDIR)
    install -D -m "$1" "$2" "$destdir$3"
}

# The support files (this folder's layout is the same in the repository's packaging/ and
# in a bundle's linux/ folder).
find_bundle() {
    if [[ -z $bundle ]]; then
        if [[ -x "$here/../$APP" && -d "$here/../_internal" ]]; then
            bundle="$here/.."
        elif [[ -d "$here/../dist/$APP" ]]; then
            bundle="$here/../dist/$APP"
        else
            echo "install-debian: no bundle found; build one with 'make bundle' or name it" \
                 "with --bundle DIR" >&2
            exit 1
        fi
    fi
    bundle="$(cd "$bundle" && pwd)"
    if [[ ! -x "$bundle/$APP" || ! -d "$bundle/_internal" ]]; then
        echo "install-debian: $bundle is not a bundle of $APP ($APP and _internal/ missing)" >&2
        exit 1
    fi
}

install_bundle() {
    local target="$destdir$prefix"
    if [[ "$bundle" == "$target" ]]; then
        say "the bundle is already in $prefix"
        return
    fi
    # Copy beside, then swap: a kiosk running from the old copy keeps its open files, and
    # an interrupted copy never leaves a half bundle in place.
    mkdir -p "$(dirname "$target")"
    rm -rf "$target.new" "$target.old"
    cp -a "$bundle" "$target.new"
    if [[ -e $target ]]; then
        mv "$target" "$target.old"
    fi
    mv "$target.new" "$target"
    rm -rf "$target.old"
    say "bundle installed in $prefix"
}

desktop_entry() {  # desktop_entry SOURCE TARGET: the entry with Exec naming the installed program
    mkdir -p "$(dirname "$destdir$2")"
    sed "s|^Exec=$APP\\b|Exec=$prefix/$APP|" "$1" > "$destdir$2.tmp"
    chmod 644 "$destdir$2.tmp"
    mv "$destdir$2.tmp" "$destdir$2"
}

install_integration() {
    mkdir -p "$destdir$(dirname "$bin_link")"
    ln -sfn "$prefix/$APP" "$destdir$bin_link"
    desktop_entry "$here/$APP.desktop" "$applications/$APP.desktop"
    local png size
    for png in "$here"/icons/"$APP"-*.png; do
        size="${png##*-}"
        size="${size%.png}"
        install_file 644 "$png" "$icons/${size}x${size}/apps/$APP.png"
    done
    install_file 644 "$here/icons/$APP.svg" "$icons/scalable/apps/$APP.svg"
    say "command $bin_link, menu entry and icons installed"
    if [[ -z $destdir ]]; then
        refresh_caches
    fi
}

setup_kiosk_user() {
    local user="$1" home
    if [[ -z $destdir ]] && ! getent passwd "$user" >/dev/null; then
        # A locked password: the PC logs in as this user by itself, nobody types one.
        useradd --create-home --shell /bin/bash --comment "Trạm Kỹ năng số" "$user"
        passwd --lock "$user" >/dev/null
        say "user $user created"
    fi
    home="$(home_of "$user")"
    desktop_entry "$here/autostart/$APP.desktop" "$home/.config/autostart/$APP.desktop"
    if [[ -z $destdir ]]; then
        chown -R "$user:" "$home/.config"
    fi
    mkdir -p "$destdir$(dirname "$lightdm_conf")"
    cat > "$destdir$lightdm_conf" <<EOF
# Written by $APP's install-debian.sh (--kiosk-user); removed by --uninstall.
# The PC logs in as $user by itself; its desktop session then starts the kiosk full screen
# (~$user/.config/autostart/$APP.desktop).
[Seat:*]
autologin-user=$user
autologin-user-timeout=0
EOF
    chmod 644 "$destdir$lightdm_conf"
    say "kiosk mode at $user's login; LightDM logs in as $user ($lightdm_conf)"
    if [[ -z $destdir ]] && ! command -v lightdm >/dev/null; then
        say "note: LightDM is not installed, so nothing logs in as $user by itself yet." \
            "Install it (apt-get install lightdm; Xfce, MATE and Cinnamon use it), or set automatic" \
            "login for $user in your display manager (GNOME: Settings > Users)."
    fi
}

uninstall() {
    local removed=0 user home
    if [[ -L "$destdir$bin_link" && "$(readlink "$destdir$bin_link")" == "$prefix/$APP" ]]; then
        rm -f "$destdir$bin_link"; removed=1
    fi
    if [[ -e "$destdir$prefix/$APP" && -d "$destdir$prefix/_internal" ]]; then
        rm -rf "$destdir$prefix" "$destdir$prefix.new" "$destdir$prefix.old"; removed=1
    fi
    rm -f "$destdir$applications/$APP.desktop" "$destdir$icons"/*/apps/"$APP".png \
          "$destdir$icons/scalable/apps/$APP.svg"
    # The autologin file names the kiosk user; its autostart entry goes with it.
    if [[ -f "$destdir$lightdm_conf" ]]; then
        user="$(sed -n 's/^autologin-user=//p' "$destdir$lightdm_conf")"
        rm -f "$destdir$lightdm_conf"; removed=1
        say "automatic login removed"
    fi
    for user in ${user:-} ${kiosk_user:-}; do
        home="$(home_of "$user")"
        if [[ -n $home && -f "$destdir$home/.config/autostart/$APP.desktop" ]]; then
            rm -f "$destdir$home/.config/autostart/$APP.desktop"
            say "kiosk mode no longer starts at $user's login; $user and its data stay" \
                "(remove them with: deluser --remove-home $user)"
        fi
    done
    if [[ -z $destdir ]]; then
        refresh_caches
    fi
    if [[ $removed -eq 1 ]]; then
        say "$APP removed from $prefix"
    else
        say "nothing of $APP was installed in $prefix"
    fi
}

if [[ $action == uninstall ]]; then
    uninstall
    exit 0
fi

find_bundle
if [[ $deps == yes && -z $destdir ]]; then
    bash "$here/debian-deps.sh" bundle
fi
install_bundle
install_integration
if [[ -n $kiosk_user ]]; then
    setup_kiosk_user "$kiosk_user"
fi
if [[ -z $destdir ]]; then
    # The installed program runs and finds its lessons valid: a quick sign the copy is whole.
    if ! "$prefix/$APP" lessons check "$prefix/_internal/lessons" >/dev/null; then
        echo "install-debian: the installed kiosk does not run or finds its lessons broken;" \
             "see: $prefix/$APP lessons check $prefix/_internal/lessons" >&2
        exit 1
    fi
fi
say "done. Start it from the menu (Trạm Kỹ năng số) or with: $APP"
