#!/bin/sh
# kioskctl's help, version, exit codes and messages: usage errors exit 2 with the command's usage,
# runtime errors exit 1 with a git-style message, and a missing database is never created.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-usage
rm -rf "$T" && mkdir -p "$T"
fail() { echo "kioskctl-usage.sh: $*" >&2; exit 1; }
: >"$T/kiosk.conf"
"$B/tests/test_queue" --fixture "$T/kiosk.db" || fail "cannot make the fixture database"

# expect CODE STDERR-SUBSTRING ARGS...: runs kioskctl on the fixture and checks both.
expect() {
    want=$1 text=$2
    shift 2
    "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    [ "$rc" -eq "$want" ] || fail "kioskctl $*: exit $rc, expected $want ($(cat "$T/err"))"
    grep -qF -- "$text" "$T/err" || fail "kioskctl $*: stderr lacks '$text': $(cat "$T/err")"
}

"$B/kioskctl" --help >"$T/out" || fail "--help exited $?"
grep -q '^usage: kioskctl \[--db FILE\] \[--config FILE\] COMMAND' "$T/out" || fail "--help has no usage line"
for cmd in status list export ack purge set-pin check-content clear-warning; do
    grep -q "^  $cmd" "$T/out" || fail "--help does not list $cmd"
    "$B/kioskctl" "$cmd" --help >"$T/cmd" || fail "$cmd --help exited $?"
    grep -q "^usage: kioskctl $cmd" "$T/cmd" || fail "$cmd --help has no usage line"
done
"$B/kioskctl" export --help | grep -qF -- "[--out FILE]... [--dir DIR] [--format csv|jsonl|xlsx] [--batch ID] [--excel]" ||
    fail "export --help does not show its options"
"$B/kioskctl" --version | grep -q '^kioskctl [0-9]' || fail "--version"

expect 2 "kioskctl: which command?"
expect 2 "kioskctl: unknown command 'frobnicate'" frobnicate
expect 2 "kioskctl: unknown option '--colour'" --colour status
expect 2 "usage: kioskctl export" export
expect 2 "kioskctl: unknown format 'xml'" export --format xml
expect 2 "--excel goes with --format csv only" export --format jsonl --excel
expect 2 "kioskctl: bad batch 'x1'" export --format csv --batch x1
expect 2 "kioskctl: --out needs a value" export --format csv --out
expect 2 "kioskctl: which batch?" ack
expect 2 "kioskctl: bad batch '-3'" ack -3
expect 2 "kioskctl: unknown status 'lost'" list --status lost
expect 2 "kioskctl: bad number of days '-1'" purge --acknowledged-older-than -1
expect 2 "kioskctl: unexpected argument 'now'" status now
expect 2 "usage: kioskctl check-content DIR" check-content

expect 1 "kioskctl: no batch 42" ack 42
expect 1 "kioskctl: no batch 7" export --format csv --batch 7
"$B/tests/dbcheck" "$T/kiosk.db" "SELECT count(*) FROM requests WHERE status = 'pending'" 4 ||
    fail "a failed command changed the requests"

"$B/kioskctl" --config "$T/kiosk.conf" --db "$T/none/kiosk.db" status 2>"$T/err"
[ $? -eq 1 ] || fail "status on a missing database should exit 1"
[ "$(cat "$T/err")" = "kioskctl: cannot open '$T/none/kiosk.db': unable to open database file" ] ||
    fail "unexpected message: $(cat "$T/err")"
"$B/kioskctl" --config "$T/kiosk.conf" --db "$T/absent.db" list 2>/dev/null && fail "list on a missing file succeeded"
[ ! -e "$T/absent.db" ] || fail "kioskctl created a database"

echo "retention-days = forever" >"$T/bad.conf"
"$B/kioskctl" --config "$T/bad.conf" --db "$T/kiosk.db" status >/dev/null 2>"$T/err"
[ $? -eq 1 ] || fail "a bad config should exit 1"
grep -qF "$T/bad.conf:1:" "$T/err" || fail "a bad config should be reported as file:line: $(cat "$T/err")"
"$B/kioskctl" --config "$T/missing.conf" --db "$T/kiosk.db" status >/dev/null 2>&1 &&
    fail "a missing --config file should be an error"
exit 0
