#!/bin/sh
# kioskctl sync into a real PostgreSQL server that the test starts (initdb and pg_ctl as the
# postgres user in a temporary directory, a Unix socket there and a loopback port), loaded with
# deploy/postgresql/schema.sql and reached as kiosk_sync: what that role may and may not do, a
# backlog in transactions of up to 500, kiosk_status, the server restarted in the middle of a
# transaction, a remote host without verify-full refused; every request stored exactly once and
# none marked delivered before its COMMIT.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/sync-postgres
rm -rf "$T" && mkdir -p "$T"
fail() { echo "sync-postgres.sh: $*" >&2; [ -f "$T/sync.err" ] && tail -n 20 "$T/sync.err" >&2; exit 1; }
. tests/cli/lib/sync-lib.sh
trap sync_cleanup EXIT
make -s BUILD="$B" "$B/tools/submit" >"$T/build.log" 2>&1 || { cat "$T/build.log"; exit 1; }
DB="$T/kiosk.db"
export KIOSK_SYNC_TEST_BACKOFF=100,800 KIOSK_SYNC_TEST_TIMEOUT=2000,10000

pg_start
as_kiosk() {    # SQL as kiosk_sync over loopback, with its password
    PGPASSWORD=$(cat "$T/pg-password") "$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$PG_PORT" -U kiosk_sync -d postgres \
        -c "$1" 2>&1
}
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" "$@"; }
conf() { printf 'kiosk-id = reception-1\nsync-url = %s\n%s\n' "$1" "${2:-}" >"$T/kiosk.conf"; }
waiting() { db_value "$DB" "SELECT count(*) FROM deliveries WHERE delivered_utc IS NULL"; }
# Every request delivered on the tablet is in enquiries, and none is there twice.
exactly_once() {
    db_value "$DB" "SELECT s.uuid FROM deliveries d JOIN submissions s ON s.id = d.request_id
                    WHERE d.delivered_utc IS NOT NULL ORDER BY 1" >"$T/delivered.txt"
    pg_value "SELECT uuid FROM enquiries ORDER BY 1" >"$T/stored.txt"
    [ "$(pg_value "SELECT count(*) - count(DISTINCT uuid) FROM enquiries")" -eq 0 ] || fail "$1: an enquiry is there twice"
    [ -z "$(comm -23 "$T/delivered.txt" "$T/stored.txt")" ] ||
        fail "$1: marked delivered but not committed: $(comm -23 "$T/delivered.txt" "$T/stored.txt" | head -n 3)"
}

# --- the role: adds enquiries, reads none back, keeps only its own status row
V="('11111111-1111-4111-8111-111111111111',0,'FT-AAAA',now(),'k','t','Made Up','p','e','any','clear',NULL,true,false,'v')"
C="(uuid, batch_id, ref, created_utc, kiosk_id, treatment_id, name, phone, email, contact_time, screening, answers,
    consent_contact, consent_share_answers, notice_version)"
[ "$(as_kiosk "INSERT INTO enquiries $C VALUES $V ON CONFLICT (uuid) DO NOTHING")" = "INSERT 0 1" ] ||
    fail "kiosk_sync cannot insert: $(as_kiosk "INSERT INTO enquiries $C VALUES $V")"
[ "$(as_kiosk "INSERT INTO enquiries $C VALUES $V ON CONFLICT (uuid) DO NOTHING")" = "INSERT 0 0" ] ||
    fail "ON CONFLICT (uuid) DO NOTHING does not hold for kiosk_sync"
[ "$(as_kiosk "SELECT count(*) FROM enquiries")" = 0 ] || fail "kiosk_sync can count the enquiries"
for sql in "SELECT name FROM enquiries" "SELECT * FROM enquiries" "UPDATE enquiries SET name = 'x'" \
           "DELETE FROM enquiries" "INSERT INTO enquiries (uuid, received_by) VALUES (gen_random_uuid(), 'postgres')"; do
    as_kiosk "$sql" | grep -q 'permission denied' || fail "kiosk_sync may run: $sql"
done
psql_admin -q -c "INSERT INTO kiosk_status (kiosk_id, version, last_seen, waiting, db_role)
                  VALUES ('other-clinic', '0', now(), 7, 'postgres')" || fail "cannot add another kiosk's row"
[ "$(as_kiosk "SELECT count(*) FROM kiosk_status")" = 0 ] || fail "kiosk_sync sees another kiosk's status row"
as_kiosk "UPDATE kiosk_status SET waiting = 0 WHERE kiosk_id = 'other-clinic'" >/dev/null
[ "$(pg_value "SELECT waiting FROM kiosk_status WHERE kiosk_id = 'other-clinic'")" = 7 ] ||
    fail "kiosk_sync changed another kiosk's status row"
psql_admin -q -c "DELETE FROM enquiries" || fail "cannot empty enquiries"

# --- a backlog of 1,200 over loopback with the password from sync-secret-file: three transactions
conf "postgresql://kiosk_sync@127.0.0.1:$PG_PORT/postgres" "sync-secret-file = $T/pg-password"
submit "$DB" 1200
ctl sync --once 2>>"$T/sync.err" || fail "sync --once exited $?"
[ "$(pg_value "SELECT count(*) FROM enquiries")" -eq 1200 ] || fail "not every request arrived"
[ "$(waiting)" -eq 0 ] || fail "requests still wait after sync --once"
[ "$(pg_value "SELECT count(DISTINCT xmin::text) FROM enquiries")" -eq 3 ] ||
    fail "expected 3 transactions of at most 500, got $(pg_value "SELECT count(DISTINCT xmin::text) FROM enquiries")"
[ "$(pg_value "SELECT waiting || ' ' || version || ' ' || coalesce(last_error, '-') FROM kiosk_status
               WHERE kiosk_id = 'reception-1'")" = "0 $("$B/kioskctl" --version | cut -d' ' -f2) -" ] ||
    fail "kiosk_status is not up to date: $(pg_value "SELECT * FROM kiosk_status")"
[ "$(pg_value "SELECT name || '|' || answers::text || '|' || consent_contact || '|' || language FROM enquiries LIMIT 1")" = \
  'Ann Example|{"q1": "no", "q2": "no"}|true|pl' ] || fail "the fields did not arrive as the export has them"
exactly_once "backlog"

# --- a request without a reference (inserted through the requests view, as issue 10's exporters
# must take it) is delivered with an empty one, and does not hold up the requests after it
/usr/bin/python3 - "$DB" <<'EOF' || fail "cannot insert the request"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email, contact_time,"
          " screening, answers, consent_contact, consent_share_answers) VALUES ('00000000-0000-4000-8000-0000000000aa',"
          " NULL, '2026-01-08T08:00:00Z', 'reception-1', 'calf-slimming', 'Nora Noref', '07700 900555', '', 'any',"
          " 'clear', NULL, 1, 0)")
c.commit()
EOF
submit "$DB" 2
ctl sync --once 2>>"$T/sync.err" || fail "sync --once with a request without a reference exited $?"
[ "$(pg_value "SELECT count(*) FROM enquiries")" -eq 1203 ] || fail "the requests after the one without a reference did not arrive"
[ "$(pg_value "SELECT '[' || ref || ']' FROM enquiries WHERE name = 'Nora Noref'")" = "[]" ] ||
    fail "the request without a reference did not arrive with an empty one"
exactly_once "no reference"

# --- a request the server refuses for good (a time it cannot read, inserted through the view): it
# is rejected alone, stays on the tablet with the reason, and the requests beside it arrive
/usr/bin/python3 - "$DB" <<'EOF' || fail "cannot insert the request"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email, contact_time,"
          " screening, answers, consent_contact, consent_share_answers) VALUES ('00000000-0000-4000-8000-0000000000bb',"
          " 'FT-BADT', 'not a time', 'reception-1', 'calf-slimming', 'Tia Badtime', '07700 900556', '', 'any',"
          " 'clear', NULL, 1, 0)")
c.commit()
EOF
submit "$DB" 2
ctl sync --once 2>>"$T/sync.err"
rc=$?
[ "$rc" -eq 1 ] || fail "sync --once with a request the server refuses exited $rc, expected 1"
[ "$(pg_value "SELECT count(*) FROM enquiries")" -eq 1205 ] || fail "the requests beside the refused one did not arrive"
[ "$(db_value "$DB" "SELECT count(*) FROM deliveries WHERE rejected IS NOT NULL")" -eq 1 ] || fail "the refused request is not rejected alone"
ctl list --status undelivered >"$T/list.out" || fail "list --status undelivered exited $?"
grep -q '^FT-BADT .* rejected .*SQLSTATE 22007' "$T/list.out" || fail "list --status undelivered: $(cat "$T/list.out")"
grep -q 'Tia\|Badtime\|not a time' "$T/sync.err" && fail "the sync's log holds the refused request's data"
exactly_once "refused"
/usr/bin/python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"DELETE FROM submissions WHERE ref = 'FT-BADT'\"); c.commit()" "$DB" ||
    fail "cannot remove the refused request"

# --- over the Unix socket, running: a request wakes it within 2 s
conf "host=$PG_DIR port=$PG_PORT dbname=postgres user=kiosk_sync"
"$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" sync 2>>"$T/sync.err" &     # not through ctl(): $! must be kioskctl
SYNC_PID=$!
SYNC_PIDS="$SYNC_PIDS $SYNC_PID"
submit "$DB" 1
wait_for '[ "$(pg_value "SELECT count(*) FROM enquiries")" -eq 1206 ]' 2 || fail "a new request did not arrive within 2 s"
exactly_once "socket"

# --- restarted in the middle of a transaction: a slow trigger holds it open while the server goes
psql_admin -q -c "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN PERFORM pg_sleep(0.004);
                  RETURN NEW; END \$\$; CREATE TRIGGER slow BEFORE INSERT ON enquiries FOR EACH ROW EXECUTE FUNCTION slow();" ||
    fail "cannot add the slow trigger"
kill "$SYNC_PID"
wait "$SYNC_PID"
submit "$DB" 600     # a backlog, so that the first transaction holds 500
"$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" sync 2>>"$T/sync.err" &     # not through ctl(): $! must be kioskctl
SYNC_PID=$!
SYNC_PIDS="$SYNC_PIDS $SYNC_PID"
wait_for '[ "$(pg_value "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '"'INSERT INTO enquiries%'"' AND state = '"'active'"'")" -ge 1 ]' 5 ||
    fail "no transaction began"
pg_restart immediate
[ "$(waiting)" -ge 500 ] || fail "requests of the interrupted transaction were marked delivered"
exactly_once "just after the restart"
wait_for '[ "$(waiting)" -eq 0 ]' 25 || fail "the requests did not go after the restart"
[ "$(pg_value "SELECT count(*) FROM enquiries")" -eq 1806 ] || fail "expected 1806 enquiries, got $(pg_value "SELECT count(*) FROM enquiries")"
grep -q 'delivery failed: .*postgresql://kiosk_sync@' "$T/sync.err" || fail "the failure was not logged"
exactly_once "restart"
kill "$SYNC_PID"
wait "$SYNC_PID" || fail "the sync did not stop cleanly on SIGTERM"

# --- a remote host must be verify-full: refused before any connection is tried
conf "host=db.example.org dbname=clinic user=kiosk_sync sslmode=require"
ctl sync --once 2>"$T/remote.err" && fail "sync accepted sslmode=require for a remote host"
grep -q 'sslmode must be verify-full' "$T/remote.err" || fail "$(cat "$T/remote.err")"
grep -q 'Ann Example' "$T/sync.err" && fail "the sync's log holds personal data"
echo "sync-postgres: role, backlog, kiosk_status, socket, restart mid-transaction and verify-full all hold; 1806 enquiries once each"
