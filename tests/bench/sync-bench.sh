#!/bin/sh
# The sync's figures for `make bench` (tests/bench/sync.c prints them next to their targets), with
# the servers of the sync tests (tests/cli/lib/sync-lib.sh) on loopback, all stopped at the end.
# Prints "NAME VALUE..." lines on stdout:
#   latency P50_MS P99_MS N   a request committed (as the kiosk commits it) to stored at the HTTPS
#                             receiver, the sync running, one request every 50 to 150 ms
#   webhook N SECONDS         a backlog of N drained to the HTTPS receiver (one kept-alive connection)
#   postgres N SECONDS        a backlog of N drained into PostgreSQL
#   idle PERCENT SECONDS      CPU of a running sync with nothing to send
set -u
B=${1:-build}
T=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-sync-bench.XXXXXX")
chmod 0755 "$T"     # PostgreSQL, run as its own user, copies its template from here
fail() { echo "error $*"; exit 1; }
. tests/cli/lib/sync-lib.sh
trap 'sync_cleanup; rm -rf "$T"' EXIT
export KIOSK_OUT="$T"
make -s BUILD="$B" "$B/tools/submit" >"$T/build.log" 2>&1 || fail "cannot build $B/tools/submit"
now() { date +%s.%N; }
random() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }

make_certs
printf 'whsec-bench\n' >"$T/secret"
chmod 0600 "$T/secret"
receiver_start r good
printf 'sync-url = https://127.0.0.1:%s/hook\nsync-secret-file = %s\nsync-ca-file = %s\n' \
    "$RECEIVER_PORT_r" "$T/secret" "$T/tls/ca.pem" >"$T/webhook.conf"

# --- latency, and the idle cost of the same running sync afterwards
DB="$T/latency.db"
"$B/tools/submit" "$DB" 0 >/dev/null || fail "cannot make the database"
"$B/kioskctl" --config "$T/webhook.conf" --db "$DB" sync 2>"$T/sync.err" &
pid=$!
SYNC_PIDS="$SYNC_PIDS $pid"
sleep 0.5
N=${LATENCY_N:-200}
i=0
: >"$T/sent"
while [ "$i" -lt "$N" ]; do
    t=$(now)
    uuid=$("$B/tools/submit" "$DB" 1 | cut -d' ' -f1)
    echo "$uuid $t" >>"$T/sent"
    sleep "0.$(printf %03d $(( $(random 100) + 50 )))"
    i=$((i + 1))
done
wait_for '[ "$(count "$T/r.store" "\"key\"")" -ge '"$N"' ]' 20 || fail "not every request reached the receiver"
python3 - "$T/sent" "$T/r.store" <<'PY'
import json, sys
sent = dict((l.split()[0], float(l.split()[1])) for l in open(sys.argv[1]))
stored = dict((e["key"], e["time"]) for e in map(json.loads, open(sys.argv[2])))
ms = sorted((stored[k] - t) * 1000 for k, t in sent.items())
print("latency %.1f %.1f %d" % (ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.99))], len(ms)))
PY
sleep 3     # past the sync's look-again window after the last change
cpu0=$(cut -d' ' -f1 "/proc/$pid/schedstat")
t0=$(now)
sleep 10
cpu1=$(cut -d' ' -f1 "/proc/$pid/schedstat")
t1=$(now)
echo "idle $(echo "($cpu1 - $cpu0) / 1000000000 / ($t1 - $t0) * 100" | bc -l | awk '{printf "%.4f", $1}') 10"
kill "$pid"
wait "$pid"

# --- a backlog to the webhook
DB="$T/webhook.db"
"$B/tools/submit" "$DB" 5000 >/dev/null || fail "cannot fill the database"
t0=$(now)
"$B/kioskctl" --config "$T/webhook.conf" --db "$DB" sync --once 2>>"$T/sync.err" || fail "sync --once to the webhook failed"
t1=$(now)
echo "webhook 5000 $(echo "$t1 - $t0" | bc -l)"

# --- a backlog into PostgreSQL
pg_start
printf 'sync-url = postgresql://kiosk_sync@127.0.0.1:%s/postgres\nsync-secret-file = %s\n' "$PG_PORT" \
    "$T/pg-password" >"$T/pg.conf"
DB="$T/pg.db"
"$B/tools/submit" "$DB" 10000 >/dev/null || fail "cannot fill the database"
t0=$(now)
"$B/kioskctl" --config "$T/pg.conf" --db "$DB" sync --once 2>>"$T/sync.err" || fail "sync --once into PostgreSQL failed"
t1=$(now)
[ "$(pg_value "SELECT count(*) FROM enquiries")" -eq 10000 ] || fail "not every request reached PostgreSQL"
echo "postgres 10000 $(echo "$t1 - $t0" | bc -l)"
