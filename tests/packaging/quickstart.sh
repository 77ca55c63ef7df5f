#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# quickstart.sh QUICKSTART.md EXECUTABLE: runs the quick start's commands as written. The block
# marked `sh test-start` starts the server (on a free port of 127.0.0.1 instead of 8080, with its
# data under a scratch HOME); each block marked `sh test` then runs in order with bash -e, 8080
# replaced by that port, and its output must match every `# expect: REGEX` line of the block.
set -euo pipefail
doc=${1:?usage: quickstart.sh QUICKSTART.md EXECUTABLE}
exe=${2:?usage: quickstart.sh QUICKSTART.md EXECUTABLE}
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"
[ -x "$exe" ] || fail "$exe is not an executable"

# Split the marked blocks into files: start.sh, 01.sh, 02.sh, ...
awk -v dir="$WORK" '
    /^```sh test-start[ \t]*$/ { out = dir "/start.sh"; next }
    /^```sh test[ \t]*$/       { out = sprintf("%s/%02d.sh", dir, ++n); next }
    /^```/                     { out = ""; next }
    out != ""                  { print > out }
' "$doc"
[ -f "$WORK/start.sh" ] || fail "$doc has no block marked sh test-start"
blocks=$(find "$WORK" -maxdepth 1 -name '[0-9][0-9].sh' | sort)
[ -n "$blocks" ] || fail "$doc has no block marked sh test"

# The documented commands call `syncstreamer` from the PATH: the executable under test.
mkdir -p "$WORK/bin" "$WORK/home" "$WORK/run"
ln -s "$(readlink -f "$exe")" "$WORK/bin/syncstreamer"
export PATH="$WORK/bin:$PATH" HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share"

start=$(grep -v '^[[:space:]]*#' "$WORK/start.sh" | grep -v '^[[:space:]]*$')
[[ $start == *"--port 8080"* ]] || fail "the start command does not name --port 8080: $start"
start=${start//--port 8080/--port 0}
echo "\$ $start --bind 127.0.0.1"
cd "$WORK/run"
# shellcheck disable=SC2086 # the documented command line, split into words as a shell would
start_server "$WORK/server.log" $start --bind 127.0.0.1
echo "$(cat "$WORK/server.log")"

for block in $blocks; do
    script=$(sed "s/8080/$SERVER_PORT/g" "$block")
    echo "--- $(basename "$block")"
    echo "$script"
    status=0
    output=$(bash -euo pipefail -c "$script" 2>&1) || status=$?
    echo ">>> output"
    echo "$output"
    [ "$status" = 0 ] || fail "$(basename "$block") exited with status $status"
    while IFS= read -r regex; do
        grep -Eq -- "$regex" <<<"$output" || fail "$(basename "$block"): no output line matches $regex"
        echo "matched: $regex"
    done < <(sed -n 's/^[[:space:]]*# expect: //p' "$block")
done

stop_server TERM
[ "$SERVER_STATUS" = 0 ] || fail "the server exited with status $SERVER_STATUS after SIGTERM"
echo "quick start: $(echo "$blocks" | wc -l) blocks passed"
