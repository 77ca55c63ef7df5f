#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages SyncStreamer needs to build, test and run, where they are missing.
# Run as root, or as a user with sudo. Does nothing (and needs no network) when all are present.
set -eu

packages="
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-charts-dev qt6-websockets-dev libqt6opengl6-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libbenchmark-dev
    zlib1g-dev libmosquitto-dev mosquitto mosquitto-clients python3-influxdb
    clang libclang-rt-14-dev clang-format
    xvfb xauth fonts-dejavu-core
    chromium nginx-light golang-go
    dpkg-dev lintian desktop-file-utils appstream help2man librsvg2-bin curl
"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null; then
        missing="$missing $p"
    fi
done

# The web player's tests need Node.js 18 or newer; any node on the PATH will do. npm installs
# the InfluxDB client library the ingest tests use.
if ! command -v node >/dev/null 2>&1; then
    missing="$missing nodejs"
fi
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing npm"
fi

# The official InfluxDB client library for the test that writes through it, from the npm
# registry into tests/ingest/clients (pinned by its package-lock.json).
install_npm_clients() {
    clients="$(dirname "$0")/../tests/ingest/clients"
    if [ -d "$clients/node_modules/@influxdata/influxdb-client" ]; then
        return 0
    fi
    if command -v npm >/dev/null 2>&1; then
        echo "install-deps: installing the InfluxDB client library in tests/ingest/clients"
        (cd "$clients" && npm ci --no-audit --no-fund)
    else
        echo "install-deps: npm is missing; the InfluxDB client test will be skipped" >&2
    fi
}

if [ -z "$missing" ]; then
    echo "install-deps: all build packages are installed"
    install_npm_clients
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-deps: these packages are missing:$missing" >&2
    echo "install-deps: run this script as root, or install sudo" >&2
    exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -q
# shellcheck disable=SC2086 # the list is meant to split into words
$as_root apt-get install -y -q --no-install-recommends $missing
install_npm_clients
