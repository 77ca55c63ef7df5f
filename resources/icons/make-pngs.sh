#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the PNG sizes of the application icon from syncstreamer.svg (rsvg-convert, Debian
# package librsvg2-bin). Run after changing the SVG and commit the PNGs with it.
set -eu
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256; do
    mkdir -p "${size}x${size}"
    rsvg-convert --width "$size" --height "$size" syncstreamer.svg \
        --output "${size}x${size}/syncstreamer.png"
done
