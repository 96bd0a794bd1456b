#!/bin/sh
# Runs every suite headlessly and ends with one line "N passed, N failed".
#   unit tests   build/tests/test_*          (each prints its own counts)
#   replay tests tests/replay/*.replay       (one test each; see tests/replay/README.md)
#   CLI tests    tests/cli/*.sh              (one test each; exit 0 is a pass)
# An optional argument runs only the suites and files whose name contains it.
set -u
B=${BUILD:-build}
ONLY=${1:-}
OUT=tests/out
rm -rf "$OUT" && mkdir -p "$OUT/shots" "$OUT/tmp"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy
export KIOSK_BUILD="$B" KIOSK_OUT="$OUT"
# Scaled copies of pictures go here, not into the home directory; each run starts without them.
export XDG_CACHE_HOME="$PWD/$OUT/cache"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2"; }
wanted() { [ -z "$ONLY" ] || case "$1" in *"$ONLY"*) return 0;; *) return 1;; esac; }
now() { date +%s.%N; }
# timed NAME CMD...: runs CMD, noting in $OUT/times its wall time and its CPU time (user + system
# of the processes it waited for, from this shell's `times`: run here, not in a subshell).
timed() {
    name=$1; shift
    t0=$(now); times >"$OUT/.times"; c0=$(sed -n 2p "$OUT/.times")
    "$@"; rc=$?
    t1=$(now); times >"$OUT/.times"; c1=$(sed -n 2p "$OUT/.times")
    awk -v n="$name" -v w="$t1" -v w0="$t0" -v c="$c1" -v c0="$c0" '
        function secs(x,   a, u, s) { gsub(/s/, "", x); split(x, a, " "); split(a[1], u, "m"); split(a[2], s, "m");
                                     return u[1] * 60 + u[2] + s[1] * 60 + s[2] }
        BEGIN { printf "%8.1f %8.1f  %s\n", w - w0, secs(c) - secs(c0), n }' >>"$OUT/times"
    return $rc
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    wanted "$t" || continue
    log="$OUT/$(basename "$t").log"
    timed "$(basename "$t")" "$t" >"$log" 2>&1
    rc=$?
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -E 's/(.*[^0-9])?([0-9]+) passed.*/\2/')
    f=$(echo "$line" | sed -E 's/.*[^0-9]([0-9]+) failed.*/\1/')
    [ -n "$line" ] || { p=0; f=0; }
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then echo "FAIL $(basename "$t")"; grep -v ' passed, ' "$log" | sed 's/^/    /' | head -n 40; fi
    echo "$(basename "$t"): $p ok, $f failing"
done

# The replay tests two at a time (each is one process, on a machine of two cores), the monkeys
# first as they take longest. Each has a cache of pictures' scaled copies of its own: a test prunes
# the copies its content does not name, which took another's away when two shared one
# (tests/replay/run-timed.sh).
mkdir -p "$OUT/times.d" "$OUT/rc.d"
{ ls tests/replay/monkey*.replay; ls tests/replay/*.replay | grep -v '/monkey[^/]*\.replay$'; } 2>/dev/null |
    while IFS= read -r s; do wanted "$s" && echo "$s"; done |
    xargs -P 2 -n 1 sh tests/replay/run-timed.sh
for s in tests/replay/*.replay; do
    [ -f "$s" ] || continue
    wanted "$s" || continue
    name=$(basename "$s" .replay)
    cat "$OUT/times.d/$name" >>"$OUT/times" 2>/dev/null
    if [ "$(cat "$OUT/rc.d/$name" 2>/dev/null)" = 0 ]; then pass; else fail "$s" "$OUT/$name.log"; fi
done
echo "replay: done"

for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    wanted "$s" || continue
    log="$OUT/$(basename "$s" .sh).log"
    if timed "$s" sh "$s" >"$log" 2>&1; then pass; else fail "$s" "$log"; fi
done
echo "cli: done"

if [ -s "$OUT/times" ]; then
    echo "slowest (wall s, cpu s); every one in $OUT/times:"
    sort -rn "$OUT/times" | head -n 12
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
