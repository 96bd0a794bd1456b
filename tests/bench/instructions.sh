#!/bin/sh
# Instructions from each input event to its frame presented, counted by callgrind, which a busy
# machine does not skew as it does the clock: the bench's visit (tests/bench/walk.replay, two laps)
# on the software renderer. Prints the median, p90, p99 and largest event of each lap and of both,
# and the largest events with the screen they began on.
#   sh tests/bench/instructions.sh [KIOSK] [WxH] [SCRIPT]    (default build/kiosk 1920x1080 walk.replay)
# A part begins at runtime_pump (the event handed to the app) and ends once platform_render has
# shown the frame; an event that drew nothing has no part.
set -u
KIOSK=${1:-build/kiosk}
SIZE=${2:-1920x1080}
SCRIPT=${3:-tests/bench/walk.replay}
command -v valgrind >/dev/null || { echo "valgrind is not installed (make test installs it)" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/instructions.XXXXXX")
trap 'rm -rf "$T"' EXIT
: >"$T/empty.conf"
SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" \
    --dump-before=runtime_pump --dump-after=platform_render \
    "$KIOSK" --replay "$SCRIPT" --size "$SIZE" --content content --db "$T/kiosk.db" --config "$T/empty.conf" \
    >"$T/stdout" 2>"$T/stderr" || { cat "$T/stderr" >&2; exit 1; }
ls "$T" | sed -n 's/^cg\.out\.\([0-9]*\)$/\1/p' | sort -n | while read -r n; do
    awk '/^desc: Trigger:/ { t = $3 } /^summary:/ { s = $2 } END { print t, s }' "$T/cg.out.$n"
done | awk -v size="$SIZE" '
    # Keep the parts that ended at a frame and began at an event; the first is the start.
    { if (NR > 1 && $1 == "--dump-after=platform_render" && prev == "--dump-before=runtime_pump") ev[n++] = $2; prev = $1 }
    function pct(a, k, p,   i, j, t, idx) {
        for (i = 0; i < k; i++) s[i] = a[i]
        for (i = 1; i < k; i++) { t = s[i]; for (j = i - 1; j >= 0 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
        idx = int((p * k + 99) / 100) - 1; if (idx < 0) idx = 0
        return s[idx] / 1e6
    }
    function line(name, a, k,   tot, i) {
        tot = 0; for (i = 0; i < k; i++) tot += a[i]
        printf "%-10s events %4d   median %5.2f M   p90 %5.2f M   p99 %5.2f M   max %5.2f M   all %7.1f M\n",
               name, k, pct(a, k, 50), pct(a, k, 90), pct(a, k, 99), pct(a, k, 100), tot / 1e6
    }
    END {
        half = int(n / 2)
        for (i = 0; i < half; i++) l1[i] = ev[i]
        for (i = half; i < n; i++) l2[i - half] = ev[i]
        printf "instructions from an event to its frame, %s (callgrind)\n", size
        line("first lap", l1, half); line("second lap", l2, n - half); line("both", ev, n)
    }'
