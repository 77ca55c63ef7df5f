#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# deb_install.sh DEB_DIR: installs the package packaging_deb built on this machine, runs the
# installed /usr/bin/syncstreamer (--version, --lang de --help with the installed translation,
# then headless_smoke.sh) and removes the package.
# It changes the machine, so it runs only as root with SYNCSTREAMER_PACKAGE_TEST=1 or CI=true.
set -euo pipefail
dir=${1:?usage: deb_install.sh DEB_DIR}
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "installs a package: run as root with SYNCSTREAMER_PACKAGE_TEST=1"
if [ "${SYNCSTREAMER_PACKAGE_TEST:-}" != 1 ] && [ "${CI:-}" != true ]; then
    skip "installs a package on this machine: set SYNCSTREAMER_PACKAGE_TEST=1 (or CI=true) to run it"
fi
debs=("$dir"/syncstreamer_*.deb)
[ -f "${debs[0]}" ] || fail "no package in $dir: packaging_deb builds it"
deb=${debs[0]}
if dpkg-query -W -f='${Status}' syncstreamer 2>/dev/null | grep 'install ok installed' >/dev/null; then
    skip "a syncstreamer package is installed already; this test would replace and remove it"
fi

installed=0
remove() {
    if [ "$installed" = 1 ]; then
        echo "\$ dpkg -r syncstreamer"
        dpkg -r syncstreamer || true
    fi
    # dpkg -r keeps the conffile /etc/default/syncstreamer; leave the machine as it was.
    if dpkg-query -W -f='${Status}' syncstreamer 2>/dev/null | grep 'config-files' >/dev/null; then
        dpkg --purge syncstreamer >/dev/null || true
    fi
}
trap 'remove; cleanup' EXIT

export DEBIAN_FRONTEND=noninteractive
echo "\$ dpkg -i $(basename "$deb")"
installed=1
if ! dpkg -i "$deb"; then
    echo "\$ apt-get -f install -y (dependencies)"
    apt-get -f install -y -q || fail "the package's dependencies could not be installed"
fi
dpkg-query -W -f='${Status}\n' syncstreamer | grep 'install ok installed' >/dev/null ||
    fail "the package is not installed"

echo "\$ /usr/bin/syncstreamer --version"
version=$(/usr/bin/syncstreamer --version)
echo "$version"
expected=$(dpkg-deb --field "$deb" Version)
[[ $expected == "${version#syncstreamer }"-* ]] || fail "--version says $version, the package is $expected"
[ -f /usr/share/syncstreamer/translations/syncstreamer_de.qm ] ||
    fail "the package did not install /usr/share/syncstreamer/translations/syncstreamer_de.qm"
echo "\$ /usr/bin/syncstreamer --lang de --help"
check_german_help /usr/bin/syncstreamer

"$(dirname "$0")/headless_smoke.sh" /usr/bin/syncstreamer

echo "\$ dpkg -r syncstreamer"
dpkg -r syncstreamer
installed=0
[ ! -e /usr/bin/syncstreamer ] || fail "/usr/bin/syncstreamer is still there after dpkg -r"
echo "installed, run and removed"
