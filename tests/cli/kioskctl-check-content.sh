#!/bin/sh
# kioskctl check-content: the repository's content is good (exit 0, "DIR: content is good");
# a directory without content is reported on stderr and exits 1; no directory is a usage error.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-check-content
rm -rf "$T" && mkdir -p "$T/empty"
fail() { echo "kioskctl-check-content.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" "$@"; }
: >"$T/kiosk.conf"

ctl check-content content >"$T/out" 2>"$T/err" || fail "check-content content exited $?: $(cat "$T/err")"
[ "$(cat "$T/out")" = "content: content is good" ] || fail "unexpected output: $(cat "$T/out")"

ctl check-content "$T/empty" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "an empty directory should exit 1"
grep -qF "$T/empty" "$T/err" || fail "the problem should name the directory: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "nothing should be called good: $(cat "$T/out")"

ctl check-content >/dev/null 2>&1
[ $? -eq 2 ] || fail "check-content without a directory should exit 2"
exit 0
