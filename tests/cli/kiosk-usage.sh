#!/bin/sh
# The kiosk's own command line: help, version, usage errors in git's style (one line, then
# "see 'kiosk --help'", exit 2), --name=VALUE for every option, runtime errors (exit 1) with
# quoted file names, and no window where nothing can be seen (no display: exit 1).
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
expect 2 "--shots goes with --replay" --shots "$OUT"
expect 2 "--size goes with --replay" --size=800x1280
expect 2 "--window does not go with --replay" --replay x --window 1280x800
expect 2 "--trace takes no value" --trace=yes
expect 2 "--db needs a value" --db=
expect 2 "like 1280x800, not '10x10'" --window=10x10

# A usage error is one line and where to read more, on stderr only; not the whole help.
for bad in --bogus stray -x --replay; do
    SDL_VIDEODRIVER=dummy "$B/kiosk" --trace $bad >"$OUT/out" 2>"$OUT/err"
    got=$?
    [ "$got" -eq 2 ] || fail "kiosk $bad: exit $got, expected 2"
    [ ! -s "$OUT/out" ] || fail "kiosk $bad printed on stdout: $(cat "$OUT/out")"
    [ "$(wc -l <"$OUT/err")" -eq 2 ] || fail "kiosk $bad: expected two lines on stderr: $(cat "$OUT/err")"
    [ "$(sed -n 2p "$OUT/err")" = "see 'kiosk --help'" ] || fail "kiosk $bad: second line: $(sed -n 2p "$OUT/err")"
done
[ "$(sed -n 1p "$OUT/err")" != "" ] || fail "no first line"
SDL_VIDEODRIVER=dummy "$B/kiosk" --bogus 2>"$OUT/err"
[ "$(sed -n 1p "$OUT/err")" = "kiosk: unknown option '--bogus'" ] || fail "--bogus: $(sed -n 1p "$OUT/err")"
SDL_VIDEODRIVER=dummy "$B/kiosk" stray 2>"$OUT/err"
[ "$(sed -n 1p "$OUT/err")" = "kiosk: unexpected argument 'stray'" ] || fail "stray: $(sed -n 1p "$OUT/err")"

# Every option also as --name=VALUE: the replay runs at the size, on the content and database
# given, and writes its shot where told.
: >"$OUT/empty.conf"
printf 'expect-screen attract
expect-text "The Skin Clinic"
shot eq
' >"$OUT/eq.replay"
SDL_VIDEODRIVER=dummy "$B/kiosk" --replay="$OUT/eq.replay" --shots="$OUT" --size=800x1280 --content=content     --db="$OUT/eq.db" --config="$OUT/empty.conf" --golden=tests/golden --trace >"$OUT/out" 2>"$OUT/err" ||
    fail "--name=VALUE options: exit $?: $(cat "$OUT/err")"
[ -s "$OUT/eq.db" ] || fail "--db=FILE did not make the database"
grep -qx "screen attract" "$OUT/out" || fail "--trace did not trace"
size=$(od -An -tu1 -j16 -N8 "$OUT/eq.png" | tr -s ' ' | sed 's/^ //')
[ "$size" = "0 0 3 32 0 0 5 0" ] || fail "--size=800x1280: the shot is not 800x1280 ($size)"

# File names in messages are quoted, as git quotes them.
printf 'expect-screen out-of-order
' >"$OUT/ooo.replay"
expect 0 "kiosk: cannot open '$OUT/nowhere/clinic.txt': No such file or directory"     --replay "$OUT/ooo.replay" --content "$OUT/nowhere" --db "$OUT/ooo.db"

# Nothing to show a window on: one line, exit 1, never a kiosk running unseen. Also with no
# driver named, where SDL would otherwise probe for one (unless this machine has a GPU, on
# which SDL could open the screen itself).
for driver in dummy offscreen evdev none; do
    if [ "$driver" = none ]; then
        [ -e /dev/dri ] && continue
        set -- env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER
    else
        set -- env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=$driver
    fi
    "$@" timeout 20 "$B/kiosk" --content content --db "$OUT/live.db"         >"$OUT/out" 2>"$OUT/err"
    got=$?
    [ "$got" -eq 1 ] || fail "no display ($driver): exit $got, expected 1"
    [ "$(cat "$OUT/err")" = "kiosk: no display: set DISPLAY or WAYLAND_DISPLAY, or use --replay" ] ||
        fail "no display ($driver): stderr: $(cat "$OUT/err")"
done

# A config that is a FIFO is refused at once, not waited on.
mkfifo "$OUT/fifo.conf"
timeout 20 "$B/kiosk" --config "$OUT/fifo.conf" --replay "$OUT/ooo.replay" >"$OUT/out" 2>"$OUT/err"
got=$?
[ "$got" -eq 1 ] || fail "a FIFO as config: exit $got, expected 1"
grep -qxF "kiosk: $OUT/fifo.conf: not a regular file" "$OUT/err" || fail "a FIFO as config: $(cat "$OUT/err")"
expect 1 "cannot open '$OUT/missing.replay'" --replay "$OUT/missing.replay"
printf 'tap "A\n' >"$OUT/bad.replay"
expect 1 "bad.replay:1: string has no closing quote" --replay "$OUT/bad.replay"
printf 'wait 1\nfly away\n' >"$OUT/bad2.replay"
expect 1 "bad2.replay:2: unknown command 'fly'" --replay "$OUT/bad2.replay"
printf 'expect-screen home\n' >"$OUT/wrong.replay"
expect 1 "cannot open '$OUT/nope.conf'" --config "$OUT/nope.conf" --replay "$OUT/wrong.replay"
expect 1 "wrong.replay:1: expected screen home, found attract" --replay "$OUT/wrong.replay" --db "$OUT/k.db"
echo "kiosk-usage.sh: ok"
