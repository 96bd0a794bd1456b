#!/bin/sh
# Staff commands never make a client wait: the kiosk sends a request every 0.3 s while kioskctl
# purges 300,000 acknowledged requests (in one transaction that held the lock for 2.5-3 s), and again
# while a purge meets an export slow to write (its reader waits 2.5 s on a pipe nobody empties). Not
# one request may fail, and the kiosk must keep going: no gap of 2 s between two requests while
# a purge runs (2 s: what the kiosk waits for a lock before it gives up, at "Send request" or when a
# visit ends).
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/purge-while-submitting
DB="$T/kiosk.db"
GAP_MS=2000
rm -rf "$T" && mkdir -p "$T"
kiosk=
fail() { echo "purge-while-submitting.sh: $*" >&2; [ -n "$kiosk" ] && kill "$kiosk" 2>/dev/null; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" "$@"; }
now_ms() { date +%s%3N; }
: >"$T/kiosk.conf"

# One request every 0.3 s of real time, as a client's visit would, for up to 60 s.
i=0
while [ "$i" -lt 200 ]; do
    grep -v '^#' tests/replay/lib/crash-submit.replay
    echo "sleep 0.3"
    i=$((i + 1))
done >"$T/loop.replay"

submitted() { n=$(grep -c ' submitted ' "$T/trace" 2>/dev/null); echo "${n:-0}"; }
# Starts the kiosk on $DB; each line of its --trace goes to $T/trace with the time it came.
start_kiosk() {
    : >"$T/trace"; : >"$T/stderr"
    "$B/kiosk" --replay "$T/loop.replay" --trace --db "$DB" --content content 2>"$T/stderr" |
        while IFS= read -r line; do echo "$(now_ms) $line"; done >"$T/trace" &
    kiosk=$!
}
# Waits until the kiosk has sent n more requests (at most 20 s).
wait_for_submits() {
    want=$(( $(submitted) + $1 )); waited=0
    while [ "$(submitted)" -lt "$want" ]; do
        kill -0 "$kiosk" 2>/dev/null || fail "the kiosk stopped: $(tail -n 2 "$T/stderr")"
        sleep 0.1; waited=$((waited + 1))
        [ "$waited" -lt 200 ] || fail "the kiosk sent no request for 20 s: $(tail -n 3 "$T/stderr")"
    done
}
# The longest time in ms without a request between $1 and $2 (ms).
longest_gap() {
    awk -v from="$1" -v to="$2" '$2 == "submitted" && $1 > from && $1 < to { if ($1 - last > gap) gap = $1 - last; last = $1 }
        BEGIN { last = from } END { if (to - last > gap) gap = to - last; print gap + 0 }' "$T/trace"
}
# Runs kioskctl purge (output in $T/purge.out) and checks the kiosk kept sending meanwhile.
purge_beside_kiosk() {
    t0=$(now_ms)
    ctl purge --acknowledged-older-than 0 >"$T/purge.out" 2>"$T/purge.err" || fail "purge exited $?: $(cat "$T/purge.err")"
    t1=$(now_ms)
    wait_for_submits 1
    gap=$(longest_gap "$t0" "$t1")
    echo "$1: the purge took $((t1 - t0)) ms; the longest wait between two requests was $gap ms"
    [ "$gap" -lt "$GAP_MS" ] || fail "$1: no request was sent for $gap ms while the purge ran"
}
stop_kiosk() {
    kill "$kiosk" 2>/dev/null; wait "$kiosk" 2>/dev/null; kiosk=
    ! grep -q 'cannot save\|expected screen' "$T/stderr" || fail "a request failed: $(grep -m 1 'cannot save\|expected' "$T/stderr")"
    ! grep -q 'save-error' "$T/trace" || fail "the kiosk showed save-error"
}

"$B/tests/test_queue" --acked "$DB" 300000 || fail "cannot make the database"
start_kiosk
wait_for_submits 2
purge_beside_kiosk "a purge of 300,000 requests"
grep -q '^purged 300000 requests' "$T/purge.out" || fail "purge said: $(cat "$T/purge.out")"
"$B/tests/dbcheck" "$DB" "SELECT count(*) FROM requests WHERE status = 'acknowledged'" 0 || fail "the purge left requests"
stop_kiosk
rm -f "$DB" "$DB-wal" "$DB-shm"

DB="$T/second.db"
"$B/tests/test_queue" --acked "$DB" 2000 4000 || fail "cannot make the second database"
start_kiosk
wait_for_submits 2
{ ctl export --format csv 2>"$T/export.err" | { sleep 2.5; cat >/dev/null; }; } &
export=$!
sleep 0.5
purge_beside_kiosk "a purge during a slow export"
grep -q '^purged 2000 requests' "$T/purge.out" || fail "purge during an export said: $(cat "$T/purge.out")"
wait "$export" || fail "the export failed: $(cat "$T/export.err")"
stop_kiosk
exit 0
