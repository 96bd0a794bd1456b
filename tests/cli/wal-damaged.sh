#!/bin/sh
# Damage in the -wal of a kiosk that stopped uncleanly: while an export held a read snapshot (so
# the -wal kept every request), the kiosk took five requests and was killed with SIGKILL; then
# random bytes went into the middle of its -wal. Opening it, SQLite would drop the confirmed
# requests after the damage, and delete the evidence with them. Instead the first program to open
# it (kioskctl status here) keeps copies of the database and the -wal aside, unchanged, and warns:
# status exits 1 and says so until clear-warning; a later open warns no more. kioskctl recover then
# copies the confirmed requests SQLite dropped back from the copies.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/wal-damaged
DB="$T/kiosk.db"
rm -rf "$T" && mkdir -p "$T"
fail() { echo "wal-damaged.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" "$@"; }
: >"$T/kiosk.conf"

"$B/tests/test_queue" --acked "$DB" 1 3000 || fail "cannot make the database"
# An export stuck on a pipe nobody reads: its read snapshot keeps the kiosk's requests in the -wal.
mkfifo "$T/pipe"
ctl export --format csv >"$T/pipe" 2>"$T/export.err" &
exporter=$!
exec 3<"$T/pipe"
sleep 0.3
i=0
while [ "$i" -lt 5 ]; do grep -v '^#' tests/replay/lib/crash-submit.replay; i=$((i + 1)); done >"$T/five.replay"
echo "sleep 30" >>"$T/five.replay"
: >"$T/stdout"
"$B/kiosk" --replay "$T/five.replay" --trace --db "$DB" --content content >"$T/stdout" 2>"$T/stderr" &
kiosk=$!
n=0
while [ "$(grep -c '^submitted ' "$T/stdout" 2>/dev/null)" -lt 5 ] 2>/dev/null; do
    sleep 0.1; n=$((n + 1)); [ "$n" -lt 100 ] || fail "the kiosk did not take five requests: $(cat "$T/stderr")"
done
kill -KILL "$kiosk"; wait "$kiosk" 2>/dev/null
kill "$exporter" 2>/dev/null; exec 3<&-; wait "$exporter" 2>/dev/null
size=$(stat -c %s "$DB-wal")
[ "$size" -gt 40000 ] || fail "the -wal holds only $size bytes: the reader did not keep the requests in it"
dd if=/dev/urandom of="$DB-wal" bs=1 seek=$((size / 3)) count=512 conv=notrunc 2>/dev/null
cp "$DB" "$T/before.db" && cp "$DB-wal" "$T/before.db-wal"

ctl status >"$T/status.out" 2>"$T/status.err"
[ $? -eq 1 ] || fail "status should exit 1 after damage in the -wal: $(cat "$T/status.out" "$T/status.err")"
grep -q "^WARNING: the database's write-ahead log was damaged" "$T/status.out" || fail "no warning: $(cat "$T/status.out")"
copy=$(ls "$T" | grep '^kiosk\.db\.damaged-[0-9]\{8\}T[0-9]\{6\}Z$')
[ -n "$copy" ] || fail "no copy of the database was kept: $(ls "$T")"
cmp -s "$T/$copy" "$T/before.db" || fail "the copy of the database is not the file as it was"
cmp -s "$T/$copy-wal" "$T/before.db-wal" || fail "the copy of the -wal is not the -wal as it was"
grep -qF "$T/$copy" "$T/status.out" || fail "status does not name the copies: $(cat "$T/status.out")"
grep -q 'committed transaction' "$T/status.out" || fail "status does not say what was found: $(cat "$T/status.out")"

# What SQLite dropped is in the copies: recover copies it back, and every confirmed request is there.
missing=0
for uuid in $(grep '^submitted ' "$T/stdout" | cut -d ' ' -f 2); do
    "$B/tests/dbcheck" "$DB" "SELECT count(*) FROM requests WHERE uuid = '$uuid'" 0 2>/dev/null && missing=$((missing + 1))
done
[ "$missing" -gt 0 ] || fail "SQLite dropped none of the five: the damage did not fall where it should"
ctl recover "$T/$copy" >"$T/recover.out" || fail "recover exited $?: $(cat "$T/recover.out")"
grep -q "^copied:  $missing ($missing pending" "$T/recover.out" ||
    fail "recover should copy back the $missing requests SQLite dropped: $(cat "$T/recover.out")"
grep '^submitted ' "$T/stdout" | while read -r _ uuid ref; do
    "$B/tests/dbcheck" "$DB" "SELECT count(*) FROM requests WHERE uuid = '$uuid' AND ref = '$ref' AND status = 'pending'" 1 ||
        fail "confirmed request $ref is not back"
done || exit 1

ctl status >/dev/null 2>&1
[ $? -eq 1 ] || fail "the warning should stand until clear-warning"
[ "$(ls "$T" | grep -c '^kiosk\.db\.damaged-.*Z$')" -eq 1 ] || fail "a second open made more copies: $(ls "$T")"
ctl clear-warning || fail "clear-warning exited $?"
ctl status >"$T/status.out" 2>&1 || fail "status after clear-warning exited $?: $(cat "$T/status.out")"

# The kiosk the first to open the same damaged files: it keeps the copies as well, and says so in
# its log (the journal), where staff and the clinic's IT look first.
mkdir -p "$T/kiosk-first"
cp "$T/before.db" "$T/kiosk-first/kiosk.db" && cp "$T/before.db-wal" "$T/kiosk-first/kiosk.db-wal"
printf 'expect-screen attract\n' >"$T/attract.replay"
"$B/kiosk" --replay "$T/attract.replay" --db "$T/kiosk-first/kiosk.db" --content content >/dev/null 2>"$T/kiosk-first.err" ||
    fail "the kiosk on the damaged files: $(cat "$T/kiosk-first.err")"
copy=$(ls "$T/kiosk-first" | grep '^kiosk\.db\.damaged-[0-9]\{8\}T[0-9]\{6\}Z$')
[ -n "$copy" ] || fail "the kiosk kept no copy: $(ls "$T/kiosk-first")"
grep -q "^kiosk: the database '$T/kiosk-first/kiosk.db': its write-ahead log is damaged.*committed transaction.*'$T/kiosk-first/$copy'" \
    "$T/kiosk-first.err" || fail "the kiosk's log does not say the -wal was damaged: $(cat "$T/kiosk-first.err")"
exit 0
