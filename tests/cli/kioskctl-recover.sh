#!/bin/sh
# kioskctl recover FILE copies the readable requests of a damaged database into the queue and says
# how many it found, copied and skipped: a leaf page of 150 acknowledged and 100 pending requests
# spoilt, recovered into a fresh queue (the batch is kept, the spoilt page's requests are lost,
# nothing else), then again (all skipped: the UUIDs decide). FILE is only read.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-recover
rm -rf "$T" && mkdir -p "$T"
fail() { echo "kioskctl-recover.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@"; }
db() { "$B/tests/dbcheck" "$T/kiosk.db" "$1" "$2" || fail "database check failed: $1"; }
: >"$T/kiosk.conf"

"$B/tests/test_queue" --acked "$T/damaged.db" 150 100 || fail "cannot make the database"
lost=$("$B/tests/test_queue" --damage "$T/damaged.db" leaf) || fail "cannot damage it"
[ "$lost" -gt 0 ] || fail "the spoilt page held no requests"
cp "$T/damaged.db" "$T/original"
"$B/tests/test_queue" --open-as-kiosk "$T/kiosk.db" || fail "cannot make the fresh queue"

ctl recover "$T/damaged.db" >"$T/out" 2>"$T/err" || fail "recover exited $?: $(cat "$T/err")"
left=$((250 - lost))
grep -qx "found:   $left requests in '$T/damaged.db'" "$T/out" || fail "found: $(cat "$T/out")"
grep -q "^copied:  $left (" "$T/out" || fail "copied: $(cat "$T/out")"
grep -qx "skipped: 0 (0 already in the queue, 0 acknowledged before)" "$T/out" || fail "skipped: $(cat "$T/out")"
grep -q "1 batch kept)" "$T/out" || fail "the batch was not kept: $(cat "$T/out")"
db "SELECT count(*) FROM requests" "$left"
db "SELECT count(*) FROM requests WHERE name LIKE 'Test Pending %' AND status = 'pending'" 100
db "SELECT count(DISTINCT batch_id), min(status), max(status) FROM requests WHERE name LIKE 'Test Person %'" "1,acknowledged,acknowledged"
cmp -s "$T/damaged.db" "$T/original" || fail "recover changed the damaged file"

ctl recover "$T/damaged.db" >"$T/out" 2>"$T/err" || fail "a second recover exited $?"
grep -q "^copied:  0 (" "$T/out" || fail "the second recover copied: $(cat "$T/out")"
grep -qx "skipped: $left ($left already in the queue, 0 acknowledged before)" "$T/out" || fail "skipped: $(cat "$T/out")"
db "SELECT count(*) FROM requests" "$left"

ctl recover "$T/nowhere.db" 2>"$T/err" && fail "recover from a missing file succeeded"
grep -q "cannot recover from '$T/nowhere.db': No such file or directory" "$T/err" || fail "$(cat "$T/err")"
ctl recover "$T/kiosk.db" 2>"$T/err" && fail "recover from the queue itself succeeded"
grep -q "it is the queue itself" "$T/err" || fail "$(cat "$T/err")"
# A FIFO (or a device) is refused at once, never waited on; so is a FIFO where its -wal would be.
mkfifo "$T/fifo.db"
timeout 10 "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" recover "$T/fifo.db" 2>"$T/err"
rc=$?; [ "$rc" -eq 1 ] || fail "recover from a FIFO exited $rc (124: it hung): $(cat "$T/err")"
grep -q "cannot recover from '$T/fifo.db': not a regular file" "$T/err" || fail "$(cat "$T/err")"
cp "$T/original" "$T/walfifo.db" && mkfifo "$T/walfifo.db-wal"
timeout 10 "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" recover "$T/walfifo.db" >"$T/out" 2>"$T/err"
rc=$?; [ "$rc" -ne 124 ] || fail "recover hung on a FIFO where the -wal would be"
[ "$rc" -eq 1 ] || fail "recover with a FIFO for a -wal exited $rc: $(cat "$T/out" "$T/err")"
grep -q "not a regular file" "$T/err" || fail "$(cat "$T/err")"
ctl recover 2>/dev/null; [ $? -eq 2 ] || fail "recover without a file should be a usage error"
exit 0
