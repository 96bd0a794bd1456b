#!/bin/sh
# kioskctl sync --once with delete-after-delivery = yes while another program holds a read
# snapshot (an export, the kiosk's check): the delivered requests are deleted, but their old
# pages stay in the database file until the reader lets the log be emptied. --once waits for the
# reader a while, and when it cannot empty the log says so plainly instead of exiting as if the
# names were gone; once the reader is done, the names are gone.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/sync-delete-reader
rm -rf "$T" && mkdir -p "$T"
fail() { echo "sync-delete-reader.sh: $*" >&2; exit 1; }
. tests/cli/lib/sync-lib.sh
trap sync_cleanup EXIT
DB="$T/kiosk.db"
printf 'whsec-made-up-test-key\n' >"$T/secret" && chmod 0600 "$T/secret"
receiver_start r none
printf 'kiosk-id = reception-1\nsync-url = http://127.0.0.1:%s/hook\nsync-secret-file = %s\ndelete-after-delivery = yes\n' \
    "$RECEIVER_PORT_r" "$T/secret" >"$T/kiosk.conf"
submit "$DB" 3 "Zelda Canaryreader"
in_files() { grep -qa Canaryreader "$DB" || { [ -f "$DB-wal" ] && grep -qa Canaryreader "$DB-wal"; }; }

# A reader that holds its snapshot for 20 s (longer than --once waits).
python3 - "$DB" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN"); c.execute("SELECT count(*) FROM submissions").fetchall()
time.sleep(20)
PY
reader=$!
SYNC_PIDS="$SYNC_PIDS $reader"
sleep 0.5
"$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" sync --once >"$T/once.out" 2>"$T/once.err"
rc=$?
[ "$rc" -eq 0 ] || fail "sync --once exited $rc with all delivered: $(cat "$T/once.err")"
[ "$(count "$T/r.store" '"key"')" -eq 3 ] || fail "the receiver did not get the three requests"
[ "$(db_value "$DB" "SELECT count(*) FROM submissions")" -eq 0 ] || fail "the delivered requests were not deleted"
if in_files; then
    grep -q "old copies of them stay in '$DB'" "$T/once.err" ||
        fail "the names stay in the files, and sync --once does not say so: $(cat "$T/once.err")"
fi
grep -q 'Zelda\|Canaryreader' "$T/once.err" && fail "the sync's log holds personal data"
kill "$reader" 2>/dev/null; wait "$reader" 2>/dev/null
"$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" sync --once >/dev/null 2>&1 || fail "a second sync --once failed"
in_files && fail "the names are still in the database or its -wal once the reader is gone"
exit 0
