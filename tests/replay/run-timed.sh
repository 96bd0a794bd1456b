#!/bin/sh
# One replay test as tests/run.sh runs them, two at a time: run-one.sh with a cache of pictures'
# scaled copies of its own (a test prunes the copies its content does not name), its output in
# $KIOSK_OUT/NAME.log, its exit status in $KIOSK_OUT/rc.d/NAME and a line of $KIOSK_OUT/times
# (wall s, cpu s, script) in $KIOSK_OUT/times.d/NAME.
set -u
s=$1
OUT=${KIOSK_OUT:-tests/out}
name=$(basename "$s" .replay)
t0=$(date +%s.%N)
XDG_CACHE_HOME="$XDG_CACHE_HOME/$name" sh tests/replay/run-one.sh "$s" >"$OUT/$name.log" 2>&1
echo $? >"$OUT/rc.d/$name"
t1=$(date +%s.%N)
times >"$OUT/times.d/$name.cpu"     # (not in a pipe: there it would be a subshell's)
sed -n 2p "$OUT/times.d/$name.cpu" | awk -v n="$s" -v w="$t1" -v w0="$t0" '
    function secs(x,   a, u, v) { gsub(/s/, "", x); split(x, a, " "); split(a[1], u, "m"); split(a[2], v, "m");
                                 return u[1] * 60 + u[2] + v[1] * 60 + v[2] }
    { printf "%8.1f %8.1f  %s\n", w - w0, secs($0), n }' >"$OUT/times.d/$name"
rm -f "$OUT/times.d/$name.cpu"
