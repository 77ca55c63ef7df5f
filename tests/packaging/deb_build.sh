#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# deb_build.sh BUILD_DIR OUT_DIR: builds the Debian package with CPack from the build directory
# into OUT_DIR, shows its control data (Depends computed by dpkg-shlibdeps) and runs lintian,
# which must report no errors.
set -euo pipefail
build=${1:?usage: deb_build.sh BUILD_DIR OUT_DIR}
out=${2:?usage: deb_build.sh BUILD_DIR OUT_DIR}
. "$(dirname "$0")/lib.sh"
command -v dpkg-deb >/dev/null || skip "dpkg-deb is not installed: not a Debian system"
command -v dpkg-shlibdeps >/dev/null || skip "dpkg-shlibdeps is not installed (Debian package dpkg-dev)"

rm -rf "$out"
mkdir -p "$out"
echo "\$ cpack -G DEB --config $build/CPackConfig.cmake -B $out"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$WORK/cpack.log" 2>&1 || {
    cat "$WORK/cpack.log"
    fail "cpack failed"
}
debs=("$out"/syncstreamer_*.deb)
[ -f "${debs[0]}" ] || fail "cpack wrote no syncstreamer_*.deb into $out"
deb=${debs[0]}
rm -rf "$out/_CPack_Packages"
echo "package: $(basename "$deb")"
dpkg-deb --field "$deb"
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6httpserver6 libqt6charts6 libc6; do
    [[ $depends == *"$lib"* ]] || fail "Depends does not name $lib: $depends"
done
[[ $depends == *qt6-qpa-plugins* ]] || fail "Depends does not name qt6-qpa-plugins"
dpkg-deb --contents "$deb"

if command -v lintian >/dev/null; then
    echo "\$ lintian --fail-on error --display-info $(basename "$deb")"
    lintian --fail-on error --display-info "$deb" || fail "lintian reported errors"
    echo "lintian: no errors"
else
    echo "lintian is not installed (Debian package lintian): the package is not checked"
fi
