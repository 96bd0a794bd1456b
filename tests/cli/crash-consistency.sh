#!/bin/sh
# No confirmed request is ever lost: the kiosk submits requests in a loop and is killed with SIGKILL
# at a random moment, then started again on the same database, CYCLES times (30; `make soak` 1000),
# and more (up to 4 x CYCLES) until at least CYCLES requests were confirmed: on a loaded machine a
# kiosk starts slower, and more kills come before its first request. A kill may come before the
# kiosk has made its database (crashcheck: nothing is lost then if nothing was confirmed).
# After each kill: PRAGMA integrity_check is ok, every "submitted UUID REF" line printed before any
# kill is in the database, no row is half written, and the database was never moved aside.
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
T="$OUT/tmp/crash-consistency"
CYCLES=${CYCLES:-30}
DB="$T/kiosk.db"
rm -rf "$T" && mkdir -p "$T"
make -s BUILD="$B" "$B/tools/crashcheck" >"$T/build.log" 2>&1 || { cat "$T/build.log"; exit 1; }

# The loop: one request after another, as many as a script may hold (~25 s of work).
i=0
while [ "$i" -lt 600 ]; do
    grep -v '^#' tests/replay/lib/crash-submit.replay
    i=$((i + 1))
done >"$T/loop.replay"

random_ms() {    # 30 to 829
    echo $(( $(od -An -N2 -tu2 /dev/urandom) % 800 + 30 ))
}

: >"$T/submitted"
confirmed() { wc -l <"$T/submitted"; }
cycle=1
while [ "$cycle" -le "$CYCLES" ] || { [ "$(confirmed)" -lt "$CYCLES" ] && [ "$cycle" -le $((CYCLES * 4)) ]; }; do
    "$B/kiosk" --replay "$T/loop.replay" --trace --db "$DB" --content content >"$T/stdout" 2>"$T/stderr" &
    pid=$!
    ms=$(random_ms)
    sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
        echo "cycle $cycle: the kiosk ended by itself with exit code $rc"
        cat "$T/stderr"
        exit 1
    fi
    grep '^submitted ' "$T/stdout" >>"$T/submitted"
    if ! "$B/tools/crashcheck" "$DB" "$T/submitted" >"$T/check" 2>&1; then
        echo "cycle $cycle, killed after $ms ms:"
        cat "$T/check" "$T/stderr"
        exit 1
    fi
    if ls "$T" | grep -q 'damaged'; then
        echo "cycle $cycle: the kiosk moved the database aside as damaged:"
        ls "$T"
        cat "$T/stderr"
        exit 1
    fi
    [ "$CYCLES" -le 30 ] || [ $((cycle % 50)) -eq 0 ] && echo "cycle $cycle, killed after $ms ms: $(cat "$T/check")"
    cycle=$((cycle + 1))
done
cycles=$((cycle - 1))
if [ "$(confirmed)" -lt "$CYCLES" ]; then
    echo "only $(confirmed) requests were confirmed in $cycles cycles: the kills came too early to test much"
    exit 1
fi
"$B/tests/dbcheck" "$DB" "SELECT count(*) FROM requests WHERE name != 'Ann Example' OR phone != '07700 900118'" 0 || exit 1
echo "crash-consistency: $cycles kills, $(confirmed) confirmed requests, none lost"
