#!/bin/sh
# A client's details do not outlive their visit: a canary name, phone and email are typed, then the
# idle reset (and, in a second run, a submit and the thank-you timeout) happens, and the live
# process's writable memory is scanned for them while it sleeps. They must be found while typed (so
# the scan is known to work) and nowhere afterwards, nor in anything the kiosk printed. A third run
# has Read aloud speak them into headphones first.
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
T="$OUT/tmp/memory-wipe"
CANARY="Quokkacanary Zedwhistle 900731 quokka.canary"
rm -rf "$T" && mkdir -p "$T"
make -s BUILD="$B" "$B/tools/memscan" >"$T/build.log" 2>&1 || { cat "$T/build.log"; exit 1; }

# Waits up to 60 s for the file $1 (a screenshot the script takes just before it sleeps).
wait_for() {
    i=0
    while [ ! -f "$1" ]; do
        kill -0 "$pid" 2>/dev/null || { echo "the kiosk ended before writing $1"; return 1; }
        i=$((i + 1))
        [ "$i" -le 600 ] || { echo "timed out waiting for $1"; return 1; }
        sleep 0.1
    done
    sleep 0.3     # the script is now in its `sleep`
}

run_case() {
    name=$1
    dir="$T/$name"
    mkdir -p "$dir"
    # Read aloud into headphones speaks the details: its sound goes to SDL's disk driver, fast.
    printf 'speech-output = headphones\n' >"$dir/kiosk.conf"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=1 \
    "$B/kiosk" --replay "tests/replay/lib/wipe-$name.replay" --shots "$dir" --content content \
        --db "$dir/kiosk.db" --config "$dir/kiosk.conf" --trace >"$dir/stdout" 2>"$dir/stderr" &
    pid=$!
    status=0
    wait_for "$dir/typed.png" || status=1
    # shellcheck disable=SC2086
    if [ "$status" -eq 0 ] && ! "$B/tools/memscan" --present "$pid" $CANARY; then
        echo "$name: the canary is not in memory while typed: the scan cannot be trusted"
        status=1
    fi
    [ "$status" -eq 0 ] && { wait_for "$dir/forgotten.png" || status=1; }
    # shellcheck disable=SC2086
    if [ "$status" -eq 0 ] && ! "$B/tools/memscan" "$pid" $CANARY; then
        echo "$name: the client's details are still in memory after they were forgotten"
        status=1
    fi
    wait "$pid"
    rc=$?
    [ "$rc" -eq 0 ] || { echo "$name: kiosk exit code $rc"; cat "$dir/stderr"; status=1; }
    for word in $CANARY; do
        if grep -v -e 'disk i/o audio driver' -e 'Writing to file' "$dir/stdout" "$dir/stderr" | grep -qF -- "$word"; then
            echo "$name: the kiosk printed \"$word\""
            status=1
        fi
    done
    return "$status"
}

failed=0
run_case idle || failed=1
run_case submit || failed=1
run_case speech || failed=1
[ "$failed" -eq 0 ] && echo "memory-wipe: ok"
exit "$failed"
