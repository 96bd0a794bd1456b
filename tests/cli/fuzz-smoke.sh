#!/bin/sh
# Builds the libFuzzer targets (tests/fuzz), runs each over its corpus, then fuzzes each for a
# short while (FUZZ_SMOKE_SECONDS, default 10), two at a time. `make fuzz` runs them for longer.
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
T="$OUT/tmp/fuzz-smoke"
SECONDS_EACH=${FUZZ_SMOKE_SECONDS:-10}
rm -rf "$T" && mkdir -p "$T"
make -s -j2 BUILD="$B" fuzz-build >"$T/build.log" 2>&1 || { cat "$T/build.log"; exit 1; }

# fuzz_one TARGET: the corpus, then a short fuzz; what it finds goes to $T/TARGET.out, and
# $T/TARGET.failed when it fails.
fuzz_one() {
    t=$1
    bin="$B/fuzz/fuzz_$t"
    if ! "$bin" -runs=0 "tests/fuzz/corpus/$t" >"$T/$t-corpus.log" 2>&1; then
        { echo "fuzz_$t: an input of tests/fuzz/corpus/$t fails:"
          grep -a -E 'property broken|ERROR|SUMMARY|Running|^#|artifact' "$T/$t-corpus.log" | tail -n 15; } >"$T/$t.out"
        : >"$T/$t.failed"
        return
    fi
    mkdir -p "$T/new-$t"
    secs=$SECONDS_EACH
    [ "$t" = wording ] || [ "$t" = picture ] && secs=$(( (SECONDS_EACH + 1) / 2 ))   # a small parser: half the time
    if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$T/$t-" "$T/new-$t" "tests/fuzz/corpus/$t" >"$T/$t.log" 2>&1; then
        { echo "fuzz_$t: found a failing input (copy it into tests/fuzz/corpus/$t once fixed):"
          grep -a -E 'property broken|ERROR|SUMMARY|Test unit written' "$T/$t.log" | tail -n 15; } >"$T/$t.out"
        : >"$T/$t.failed"
        return
    fi
    echo "fuzz_$t: corpus ok, $(grep -a 'stat::number_of_executed_units' "$T/$t.log" | awk '{print $2}') runs ok" >"$T/$t.out"
}

# Two at a time: each fuzzer is one process on one core, so each gets as long as it would alone
# on a 2-core machine, in half the wall time.
targets="content config replay form export wording text picture"
set -- $targets
while [ $# -gt 0 ]; do
    fuzz_one "$1" &
    if [ $# -gt 1 ]; then
        fuzz_one "$2" &
        shift
    fi
    shift
    wait
done
failed=0
for t in $targets; do
    cat "$T/$t.out"
    [ -e "$T/$t.failed" ] && failed=1
done
exit "$failed"
