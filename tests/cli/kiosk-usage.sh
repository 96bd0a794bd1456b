#!/bin/sh
# The kiosk's own command line: help, version, usage errors (exit 2) and runtime errors (exit 1).
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}/tmp/kiosk-usage
rm -rf "$OUT" && mkdir -p "$OUT"
fail() { echo "kiosk-usage.sh: $*" >&2; exit 1; }

# expect CODE STDERR-SUBSTRING ARGS...: the kiosk exits CODE and says STDERR-SUBSTRING on stderr.
expect() {
    code=$1 want=$2
    shift 2
    SDL_VIDEODRIVER=dummy "$B/kiosk" "$@" >"$OUT/out" 2>"$OUT/err"
    got=$?
    [ "$got" -eq "$code" ] || fail "kiosk $*: exit $got, expected $code ($(cat "$OUT/err"))"
    grep -qF -- "$want" "$OUT/err" || fail "kiosk $*: stderr lacks '$want': $(cat "$OUT/err")"
}

"$B/kiosk" --help >"$OUT/help" || fail "--help failed"
grep -q -- "--replay SCRIPT" "$OUT/help" || fail "--help does not describe --replay"
"$B/kiosk" --version | grep -q '^kiosk [0-9]' || fail "--version does not print a version"
expect 2 "unknown option '--bogus'" --bogus
expect 2 "needs a value" --db
expect 2 "like 1280x800, not '10x10'" --window 10x10
expect 2 "like 1280x800, not 'big'" --replay x --size big
expect 2 "go with --replay" --shots "$OUT"
expect 1 "cannot open '$OUT/missing.replay'" --replay "$OUT/missing.replay"
printf 'tap "A\n' >"$OUT/bad.replay"
expect 1 "bad.replay:1: string has no closing quote" --replay "$OUT/bad.replay"
printf 'wait 1\nfly away\n' >"$OUT/bad2.replay"
expect 1 "bad2.replay:2: unknown command 'fly'" --replay "$OUT/bad2.replay"
printf 'expect-screen home\n' >"$OUT/wrong.replay"
expect 1 "cannot open '$OUT/nope.conf'" --config "$OUT/nope.conf" --replay "$OUT/wrong.replay"
expect 1 "wrong.replay:1: expected screen home, found attract" --replay "$OUT/wrong.replay" --db "$OUT/k.db"
echo "kiosk-usage.sh: ok"
