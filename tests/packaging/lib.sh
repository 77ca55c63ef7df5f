# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the packaging tests: skipping, bounded waits, a headless server of the test's own.
# Sourced, not run.

# ctest counts exit status 77 as "skipped" (SKIP_RETURN_CODE in CMakeLists.txt).
skip() {
    echo "SKIP: $*"
    exit 77
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# No proxy between the tests and 127.0.0.1, whatever the machine's setting; no port or token
# from the environment of whoever runs the tests.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
unset SYNCSTREAMER_PORT PORT SYNCSTREAMER_TOKEN
export NO_PROXY='*' no_proxy='*'

# A scratch directory removed on exit, and the headless server stopped if one still runs.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/syncstreamer-pkgtest.XXXXXX")
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# start_server LOG COMMAND...: runs COMMAND in the background (its output to LOG) and waits at
# most 30 s for the line naming the port. Sets SERVER_PID and SERVER_PORT.
start_server() {
    local log=$1
    shift
    "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    SERVER_PORT=""
    local i
    for i in $(seq 1 300); do
        SERVER_PORT=$(sed -n 's|.*Serving https\{0,1\}://[^ ]*:\([0-9][0-9]*\)/.*|\1|p' "$log" | head -n 1)
        [ -n "$SERVER_PORT" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "--- server output:" >&2
    cat "$log" >&2
    fail "the server did not print the line with its port: $*"
}

# stop_server SIGNAL: sends SIGNAL and waits at most 30 s; sets SERVER_STATUS to the exit status
# (128+n where a signal killed it). Fails where the process does not end.
stop_server() {
    local signal=$1 i
    kill "-$signal" "$SERVER_PID"
    for i in $(seq 1 300); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
        fail "the server was still running 30 s after SIG$signal"
    fi
    SERVER_STATUS=0
    wait "$SERVER_PID" || SERVER_STATUS=$?
    SERVER_PID=""
}

# http METHOD URL [curl options...]: the body on stdout; fails on a status of 400 or more.
http() {
    local method=$1 url=$2
    shift 2
    curl -fsS --max-time 10 -X "$method" "$@" "$url"
}

# check_german_help EXECUTABLE: `EXECUTABLE --lang de --help` prints the application's German
# texts, so its catalogue syncstreamer_de.qm was found in ../share/syncstreamer/translations
# next to the executable's directory. The locale is C, so only --lang can ask for German.
check_german_help() {
    local exe=$1 out
    out=$(LC_ALL=C.UTF-8 LANGUAGE= "$exe" --lang de --help) || fail "$exe --lang de --help failed"
    if ! grep -q 'Sprache des Fensters: de oder en' <<<"$out" ||
        grep -q 'Language of the window' <<<"$out"; then
        echo "$out"
        fail "$exe --lang de --help is not German: syncstreamer_de.qm not found or not loaded"
    fi
    echo "ok: $exe --lang de --help is German"
}
