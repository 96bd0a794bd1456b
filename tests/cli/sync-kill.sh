#!/bin/sh
# kill -9 of kioskctl sync at random moments, CYCLES times for each of the two receivers (50 and 50:
# 100 kills; `make soak` 500 and 500): the HTTPS webhook (a receiver slowed to 10 ms a request) and
# PostgreSQL (a trigger slows each row by 2 ms), while requests keep coming as the kiosk would commit them. After every kill
# nothing is marked delivered that the receiver does not have; at the end one `sync --once`
# delivers the rest, and every request is at the receiver exactly once.
# (The end is a running sync, not one --once: after a kill PostgreSQL keeps the dead client's
# transaction, and its locks, until that transaction's statement ends, so one try may time out.)
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/sync-kill
CYCLES=${CYCLES:-50}
rm -rf "$T" && mkdir -p "$T"
fail() { echo "sync-kill.sh: $*" >&2; exit 1; }
. tests/cli/lib/sync-lib.sh
trap sync_cleanup EXIT
make -s BUILD="$B" "$B/tools/submit" >"$T/build.log" 2>&1 || { cat "$T/build.log"; exit 1; }
export KIOSK_SYNC_TEST_BACKOFF=50,200 KIOSK_SYNC_TEST_TIMEOUT=2000,5000

random() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }

make_certs
printf 'whsec-kill-test\n' >"$T/secret"
chmod 0600 "$T/secret"
receiver_start r good
echo 'slow 10' >"$T/r.mode"
pg_start
psql_admin -q -c "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN PERFORM pg_sleep(0.002);
                  RETURN NEW; END \$\$; CREATE TRIGGER slow BEFORE INSERT ON enquiries FOR EACH ROW EXECUTE FUNCTION slow();" ||
    fail "cannot add the slow trigger"

# delivered_in DB: the uuids the tablet marked delivered, sorted.
delivered_in() {
    db_value "$1" "SELECT s.uuid FROM deliveries d JOIN submissions s ON s.id = d.request_id
                   WHERE d.delivered_utc IS NOT NULL ORDER BY 1"
}
stored_webhook() { sort "$T/r.store.keys"; }
stored_postgres() { pg_value "SELECT uuid FROM enquiries ORDER BY 1"; }

# run_kills NAME CONFIG: CYCLES kills of the sync on its own database, then the checks.
run_kills() {
    name=$1
    db="$T/$name.db"
    printf '%s\n' "$2" >"$T/$name.conf"
    : >"$T/$name.submitted"
    "$B/tools/submit" "$db" 50 >>"$T/$name.submitted" || fail "cannot submit"
    # The kiosk's part: a request every 20 to 100 ms, in its own process, for as long as the kills go on.
    ( while [ ! -f "$T/$name.done" ]; do
          "$B/tools/submit" "$db" 1 || exit 1
          sleep "0.$(printf %03d $(( $(random 80) + 20 )))"
      done ) >>"$T/$name.submitted" 2>"$T/$name.submit.err" &
    submitter=$!
    SYNC_PIDS="$SYNC_PIDS $submitter"
    unmarked=0
    cycle=1
    while [ "$cycle" -le "$CYCLES" ]; do
        "$B/kioskctl" --config "$T/$name.conf" --db "$db" sync 2>>"$T/$name.err" &
        pid=$!
        ms=$(random 250)
        sleep "0.$(printf %03d "$ms")"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        rc=$?
        [ "$rc" -eq 137 ] || { tail -n 5 "$T/$name.err"; fail "$name cycle $cycle: the sync ended by itself ($rc)"; }
        delivered_in "$db" >"$T/delivered.txt"
        "stored_$name" >"$T/stored.txt"
        bad=$(comm -23 "$T/delivered.txt" "$T/stored.txt")
        [ -z "$bad" ] || fail "$name cycle $cycle (killed after $ms ms): marked delivered, not at the receiver: $bad"
        # killed after the receiver confirmed a request and before it was marked: sent again next time
        [ -n "$(comm -13 "$T/delivered.txt" "$T/stored.txt")" ] && unmarked=$((unmarked + 1))
        cycle=$((cycle + 1))
    done
    touch "$T/$name.done"
    wait "$submitter" || fail "$name: the submitter failed: $(cat "$T/$name.submit.err")"
    started=$(count "$T/$name.err" 'delivering to')
    "$B/kioskctl" --config "$T/$name.conf" --db "$db" sync 2>>"$T/$name.err" &
    pid=$!
    SYNC_PIDS="$SYNC_PIDS $pid"
    # the previous cycles may have delivered everything: SIGTERM is sent only once the sync is running
    wait_for '[ "$(count "$T/$name.err" "delivering to")" -gt '"$started"' ]' 10 || fail "$name: the sync did not start"
    wait_for '[ "$(db_value "$db" "SELECT count(*) FROM deliveries WHERE delivered_utc IS NULL")" -eq 0 ]' 30 ||
        fail "$name: requests still wait 30 s after the last kill"
    kill "$pid"
    wait "$pid" || fail "$name: the sync did not stop cleanly on SIGTERM"
    "$B/kioskctl" --config "$T/$name.conf" --db "$db" sync --once 2>>"$T/$name.err" || fail "$name: sync --once exited $?"
    cut -d' ' -f1 "$T/$name.submitted" | sort >"$T/submitted.txt"
    "stored_$name" >"$T/stored.txt"
    [ -z "$(uniq -d "$T/stored.txt")" ] || fail "$name: stored twice: $(uniq -d "$T/stored.txt" | head -n 3)"
    [ "$(comm -3 "$T/submitted.txt" "$T/stored.txt" | wc -l)" -eq 0 ] ||
        fail "$name: the receiver's requests differ from those submitted: $(comm -3 "$T/submitted.txt" "$T/stored.txt" | head -n 3)"
    grep -q 'Ann Example' "$T/$name.err" && fail "$name: the sync's log holds personal data"
    echo "$name: $CYCLES kills (after $unmarked of them the receiver had requests not yet marked delivered: sent again), $(wc -l <"$T/submitted.txt") requests, each stored once"
}

run_kills webhook "sync-url = https://127.0.0.1:$RECEIVER_PORT_r/hook
sync-secret-file = $T/secret
sync-ca-file = $T/tls/ca.pem"
[ "$(count "$T/r.log" '"result": "bad-')" -eq 0 ] || fail "the receiver refused a signature or the fields"
[ "$(count "$T/r.log" '"repeat"')" -gt 0 ] || echo "note: no kill fell between storing and marking this time"
run_kills postgres "sync-url = postgresql://kiosk_sync@127.0.0.1:$PG_PORT/postgres
sync-secret-file = $T/pg-password"
