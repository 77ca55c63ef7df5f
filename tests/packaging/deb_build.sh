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
# Every Qt library the packaged executable links must be a dependency, by its Debian package.
dpkg-deb -x "$deb" "$WORK/root"
qtlibs=$(objdump -p "$WORK/root/usr/bin/syncstreamer" | awk '$1 == "NEEDED" && $2 ~ /^libQt6/ { print $2 }')
[ -n "$qtlibs" ] || fail "the packaged executable links no Qt library"
for lib in $qtlibs libc.so.6; do
    pkg=$(dpkg -S "*/$lib" 2>/dev/null | head -n 1 | cut -d: -f1)
    [ -n "$pkg" ] || fail "no installed Debian package holds $lib"
    [[ ", $depends" == *", $pkg "* || ", $depends," == *", $pkg,"* ]] ||
        fail "Depends does not name $pkg (for $lib): $depends"
    echo "ok: $lib from $pkg is a dependency"
done
[[ $depends == *qt6-qpa-plugins* ]] || fail "Depends does not name qt6-qpa-plugins"
dpkg-deb --contents "$deb" | tee "$WORK/contents"
for f in ./usr/bin/syncstreamer ./usr/share/syncstreamer/translations/syncstreamer_de.qm; do
    grep -q " $f\$" "$WORK/contents" || fail "the package does not hold $f"
    echo "ok: the package holds $f"
done

if command -v lintian >/dev/null; then
    echo "\$ lintian --fail-on error --display-info $(basename "$deb")"
    lintian --fail-on error --display-info "$deb" || fail "lintian reported errors"
    echo "lintian: no errors"
else
    echo "lintian is not installed (Debian package lintian): the package is not checked"
fi
