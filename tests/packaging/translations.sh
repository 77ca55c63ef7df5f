#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# translations.sh EXECUTABLE QTPATHS: the built executable finds its .qm files in the build tree
# where the installation puts them relative to the executable (../share/syncstreamer/
# translations), loads them and Qt's own for --lang de, stays English for --lang en, and runs in
# English where no .qm file is found.
set -euo pipefail
exe=${1:?usage: translations.sh EXECUTABLE QTPATHS}
qtpaths=${2:?usage: translations.sh EXECUTABLE QTPATHS}
. "$(dirname "$0")/lib.sh"
[ -x "$exe" ] || fail "$exe is not an executable"
export LC_ALL=C.UTF-8 LANGUAGE=

qm="$(dirname "$exe")/../share/syncstreamer/translations/syncstreamer_de.qm"
[ -f "$qm" ] || fail "no $qm in the build tree"
echo "ok: $(realpath "$qm")"

check_german_help "$exe"

# Qt's own texts (the parser's "Options:") come from Qt's translations, where installed.
qt_translations=$("$qtpaths" --query QT_INSTALL_TRANSLATIONS)
if [ -f "$qt_translations/qtbase_de.qm" ]; then
    "$exe" --lang de --help | grep '^Optionen:' >/dev/null ||
        fail "--lang de --help does not use Qt's German texts from $qt_translations/qtbase_de.qm"
    echo "ok: Qt's German texts from $qt_translations/qtbase_de.qm"
else
    echo "no $qt_translations/qtbase_de.qm (Debian package qt6-translations-l10n): not checked"
fi

out=$("$exe" --lang en --help)
grep -q '^Options:' <<<"$out" && grep -q 'Language of the window' <<<"$out" ||
    fail "--lang en --help is not English"
echo "ok: --lang en --help is English"

# A usage error with --lang de is explained in German too.
status=0
err=$("$exe" --lang de --no-such-option 2>&1 >/dev/null) || status=$?
[ "$status" != 0 ] || fail "an unknown option was accepted"
grep -q "Aufruf: siehe 'syncstreamer --help'" <<<"$err" ||
    fail "the usage error with --lang de is not German: $err"
echo "ok: usage errors with --lang de are German"

# Without the .qm files (the executable alone in a directory) it runs in English.
mkdir -p "$WORK/bin"
cp "$exe" "$WORK/bin/syncstreamer"
out=$("$WORK/bin/syncstreamer" --lang de --help) || fail "without its .qm files, --lang de --help failed"
grep -q 'Language of the window' <<<"$out" || fail "without its .qm files, --help is not English"
echo "ok: without the .qm files the executable runs in English"
