#!/bin/sh
# A damaged database found by the kiosk at start is moved aside, never deleted; kioskctl status
# then warns (exit 1) and names the file until staff run kioskctl clear-warning. kioskctl itself
# never moves a database: on a damaged file it fails with a clear message.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-damaged
rm -rf "$T" && mkdir -p "$T"
fail() { echo "kioskctl-damaged.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@"; }
: >"$T/kiosk.conf"

i=0
while [ $i -lt 200 ]; do echo "not a database, line $i"; i=$((i + 1)); done >"$T/kiosk.db"
cp "$T/kiosk.db" "$T/original"

ctl status >/dev/null 2>"$T/err"
[ $? -eq 1 ] || fail "status on a damaged file should exit 1"
grep -qF "kioskctl: cannot open '$T/kiosk.db': file is not a database" "$T/err" || fail "unexpected message: $(cat "$T/err")"
cmp -s "$T/kiosk.db" "$T/original" || fail "kioskctl changed the damaged file"

"$B/tests/test_queue" --open-as-kiosk "$T/kiosk.db" || fail "the kiosk could not start on a fresh database"
aside=$(ls "$T" | grep '^kiosk\.db\.damaged-[0-9]\{8\}T[0-9]\{6\}Z$')
[ -n "$aside" ] || fail "no kiosk.db.damaged-YYYYMMDDTHHMMSSZ file: $(ls "$T")"
cmp -s "$T/$aside" "$T/original" || fail "the file moved aside is not the damaged one, intact"

ctl status >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "status should exit 1 while the warning stands"
grep -q '^WARNING: the database was damaged' "$T/out" || fail "status shows no warning: $(cat "$T/out")"
grep -qF "$T/$aside" "$T/out" || fail "status does not name the file moved aside"
grep -q '^pending requests: *0$' "$T/out" || fail "the fresh database should be empty"

ctl clear-warning || fail "clear-warning exited $?"
ctl status >"$T/out" || fail "status after clear-warning exited $?"
grep -q WARNING "$T/out" && fail "the warning is still shown"
[ -f "$T/$aside" ] || fail "the damaged file is gone"
exit 0
