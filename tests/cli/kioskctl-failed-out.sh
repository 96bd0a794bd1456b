#!/bin/sh
# An export whose --out cannot be written (a missing directory, a directory in the file's place)
# exits 1 with a clear message, leaves no file behind and leaves every request pending.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-failed-out
rm -rf "$T" && mkdir -p "$T"
fail() { echo "kioskctl-failed-out.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@"; }
pending() { "$B/tests/dbcheck" "$T/kiosk.db" "SELECT count(*) FROM requests WHERE status = 'pending'" 4 ||
    fail "the requests should all still be pending"; }

: >"$T/kiosk.conf"
"$B/tests/test_queue" --fixture "$T/kiosk.db" || fail "cannot make the fixture database"

ctl export --format csv --out "$T/no-such-dir/out.csv" 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] || fail "exit $rc, expected 1"
grep -qF "kioskctl: cannot write '$T/no-such-dir/out.csv': No such file or directory" "$T/err" ||
    fail "unexpected message: $(cat "$T/err")"
pending
"$B/tests/dbcheck" "$T/kiosk.db" "SELECT count(*) FROM batches" 0 || fail "a batch was made"

mkdir "$T/taken"
ctl export --format jsonl --out "$T/taken" 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] || fail "writing over a directory: exit $rc, expected 1"
grep -qF "kioskctl: cannot write '$T/taken'" "$T/err" || fail "unexpected message: $(cat "$T/err")"
pending
[ -z "$(ls -A "$T/taken")" ] || fail "a temporary file was left behind: $(ls -A "$T/taken")"
[ "$(ls "$T" | grep -c tmp-)" -eq 0 ] || fail "a temporary file was left behind"

# Once the path is good, the same export goes through.
ctl export --format csv --out "$T/out.csv" 2>/dev/null || fail "the export after the failures exited $?"
"$B/tests/dbcheck" "$T/kiosk.db" "SELECT count(*) FROM requests WHERE status = 'exported' AND batch_id = 1" 4 ||
    fail "the requests should now be exported as batch 1"
exit 0
