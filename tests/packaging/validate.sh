#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# validate.sh STAGE_DIR: the installed desktop entry through desktop-file-validate, the
# AppStream metadata through appstreamcli validate --no-net, the unit through
# systemd-analyze verify. A missing tool is reported and skipped; with none of them, the test
# is skipped.
set -euo pipefail
stage=${1:?usage: validate.sh STAGE_DIR}
. "$(dirname "$0")/lib.sh"

# The desktop entry and the metadata are named after the application id (SYNCSTREAMER_APP_ID).
app_id=$(sed -n 's|^ *<id>\(.*\)</id>.*|\1|p' "$stage"/usr/share/metainfo/*.metainfo.xml 2>/dev/null | head -n 1 || true)
[ -n "$app_id" ] || fail "no AppStream metadata with an <id> under $stage/usr/share/metainfo"
echo "application id: $app_id"
ran=0
desktop="$stage/usr/share/applications/$app_id.desktop"
metainfo="$stage/usr/share/metainfo/$app_id.metainfo.xml"
[ -f "$desktop" ] && [ -f "$metainfo" ] || fail "run packaging_install first: $desktop or $metainfo missing"

if command -v desktop-file-validate >/dev/null; then
    echo "\$ desktop-file-validate $app_id.desktop"
    out=$(desktop-file-validate "$desktop" 2>&1) || { echo "$out"; fail "desktop-file-validate"; }
    # It exits 0 on warnings too; a clean entry prints nothing.
    [ -z "$out" ] || { echo "$out"; fail "desktop-file-validate printed warnings"; }
    echo "passed"
    ran=1
else
    echo "desktop-file-validate not installed (Debian package desktop-file-utils): not checked"
fi

if command -v appstreamcli >/dev/null; then
    echo "\$ appstreamcli validate --no-net $app_id.metainfo.xml"
    appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
    ran=1
else
    echo "appstreamcli not installed (Debian package appstream): not checked"
fi

if command -v systemd-analyze >/dev/null; then
    echo "\$ systemd-analyze verify syncstreamer.service"
    # The unit names /usr/bin/syncstreamer; verify against the staged tree's executable.
    sed "s|/usr/bin/syncstreamer|$stage/usr/bin/syncstreamer|" \
        "$stage/usr/lib/systemd/system/syncstreamer.service" >"$WORK/syncstreamer.service"
    out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$WORK/syncstreamer.service" 2>&1) ||
        { echo "$out"; fail "systemd-analyze verify"; }
    # Only complaints about this unit count, not about the machine's other units.
    own=$(grep 'syncstreamer.service' <<<"$out" || true)
    [ -z "$own" ] || { echo "$own"; fail "systemd-analyze verify reported problems"; }
    echo "passed"
    ran=1
else
    echo "systemd-analyze not installed: the unit is not checked"
fi

[ "$ran" = 1 ] || skip "none of desktop-file-validate, appstreamcli, systemd-analyze is installed"
