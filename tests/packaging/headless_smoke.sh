#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# headless_smoke.sh EXECUTABLE: the headless mode as a service manager sees it. One line at start
# naming the URL; an event posted is answered and in the open frame; /healthz answers; SIGTERM
# and SIGINT each end it with status 0 and the event is still there after a restart on the same
# data directory (the journal was flushed).
set -euo pipefail
exe=${1:?usage: headless_smoke.sh EXECUTABLE}
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"
[ -x "$exe" ] || fail "$exe is not an executable"

data="$WORK/data"
run() {
    start_server "$WORK/server.log" "$exe" --headless --bind 127.0.0.1 --port 0 --data-dir "$data"
    base="http://127.0.0.1:$SERVER_PORT"
}

for signal in TERM INT; do
    run
    starts=$(grep -c 'Serving http://127.0.0.1:[0-9]*/' "$WORK/server.log" || true)
    [ "$starts" = 1 ] || fail "expected one start line, got $starts: $(cat "$WORK/server.log")"
    echo "start line: $(head -n 1 "$WORK/server.log")"

    answer=$(http POST "$base/channel/smoke-$signal" -H 'Content-Type: application/json' -d '{"n":1}')
    echo "POST: $answer"
    [[ $answer == *"\"channel\":\"smoke-$signal\""* ]] || fail "unexpected answer to the POST"
    health=$(http GET "$base/healthz")
    echo "healthz: $health"
    [[ $health == *'"state":"ok"'* ]] || fail "/healthz is not ok"
    http GET "$base/channels" | grep "smoke-$signal" >/dev/null || fail "the event is not in /channels"

    stop_server "$signal"
    echo "exit status after SIG$signal: $SERVER_STATUS"
    [ "$SERVER_STATUS" = 0 ] || fail "exit status $SERVER_STATUS after SIG$signal: $(cat "$WORK/server.log")"
done

# Both events are on disk: in the replayed open frame or in a finished one.
run
found=$( (http GET "$base/channels"; http GET "$base/frame") | tr -d '\n')
if [[ $found != *smoke-TERM* || $found != *smoke-INT* ]]; then
    # Finished frames list no channel names; decode the newest frames to look.
    for id in $(http GET "$base/frame" | grep -o '"id":"[0-9]*"' | cut -d'"' -f4); do
        http GET "$base/$id" -o "$WORK/f.tf"
        found+=$("$exe" inspect "$WORK/f.tf")
    done
fi
stop_server TERM
[[ $found == *smoke-TERM* ]] || fail "the event posted before SIGTERM is gone after a restart"
[[ $found == *smoke-INT* ]] || fail "the event posted before SIGINT is gone after a restart"
echo "both events survived the restarts"
