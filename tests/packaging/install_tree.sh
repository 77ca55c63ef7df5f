#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# install_tree.sh BUILD_DIR STAGE_DIR: `cmake --install` of the build into STAGE_DIR (as
# DESTDIR, prefix /usr, as the package does), then checks that every file a user and a desktop
# need is there, that the installed executable speaks German with --lang de, and that the
# systemd unit runs the installed executable, hardened.
set -euo pipefail
build=${1:?usage: install_tree.sh BUILD_DIR STAGE_DIR}
stage=${2:?usage: install_tree.sh BUILD_DIR STAGE_DIR}
. "$(dirname "$0")/lib.sh"

rm -rf "$stage"
DESTDIR="$stage" cmake --install "$build" --prefix /usr >"$WORK/install.log" || {
    cat "$WORK/install.log"
    fail "cmake --install failed"
}

# The desktop entry and the metadata are named after the application id (SYNCSTREAMER_APP_ID).
app_id=$(sed -n 's|^ *<id>\(.*\)</id>.*|\1|p' "$stage"/usr/share/metainfo/*.metainfo.xml 2>/dev/null | head -n 1 || true)
[ -n "$app_id" ] || fail "no AppStream metadata with an <id> under $stage/usr/share/metainfo"
echo "application id: $app_id"
expected=(
    usr/bin/syncstreamer
    usr/share/syncstreamer/translations/syncstreamer_de.qm
    usr/share/icons/hicolor/scalable/apps/syncstreamer.svg
    "usr/share/applications/$app_id.desktop"
    "usr/share/metainfo/$app_id.metainfo.xml"
    usr/share/man/man1/syncstreamer.1.gz
    usr/lib/systemd/system/syncstreamer.service
    etc/default/syncstreamer
    usr/share/doc/syncstreamer/copyright
    usr/share/doc/syncstreamer/changelog.Debian.gz
    usr/share/doc/syncstreamer/QUICKSTART.md
)
for size in 16 22 24 32 48 64 128 256; do
    expected+=("usr/share/icons/hicolor/${size}x${size}/apps/syncstreamer.png")
done
missing=0
for f in "${expected[@]}"; do
    if [ -e "$stage/$f" ]; then
        echo "ok: /$f"
    else
        echo "MISSING: /$f"
        missing=1
    fi
done
[ "$missing" = 0 ] || fail "files are missing from the installation"

for size in 16 22 24 32 48 64 128 256; do
    file "$stage/usr/share/icons/hicolor/${size}x${size}/apps/syncstreamer.png" |
        grep "PNG image data, $size x $size" >/dev/null || fail "the ${size}x${size} icon is not a $size px PNG"
done

"$stage/usr/bin/syncstreamer" --version | grep '^syncstreamer [0-9]' >/dev/null ||
    fail "the installed executable does not print its version"
# The installed executable finds the installed translation (../share/syncstreamer/translations).
check_german_help "$stage/usr/bin/syncstreamer"
zcat "$stage/usr/share/man/man1/syncstreamer.1.gz" | grep -E -- '(\\-|-){2}headless' >/dev/null ||
    fail "the man page does not describe --headless"

unit="$stage/usr/lib/systemd/system/syncstreamer.service"
for line in 'ExecStart=/usr/bin/syncstreamer --headless --data-dir /var/lib/syncstreamer' \
    'DynamicUser=yes' 'StateDirectory=syncstreamer' 'NoNewPrivileges=yes' \
    'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
    'ReadWritePaths=/var/lib/syncstreamer' 'EnvironmentFile=-/etc/default/syncstreamer'; do
    grep -q "^$line" "$unit" || fail "the unit has no line $line"
done
[ "$(stat -c %a "$stage/etc/default/syncstreamer")" = 600 ] ||
    fail "/etc/default/syncstreamer (it may hold a token) is readable by others"
echo "installation complete: ${#expected[@]} files checked"
