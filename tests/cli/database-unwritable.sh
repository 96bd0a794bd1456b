#!/bin/sh
# A database that cannot be written when the kiosk starts: a full disk, a read-only mount, a
# read-only file, a -wal that is a directory (a missing directory: tests/replay/no-database.replay).
# Each time the kiosk shows out-of-order from the start (tests/replay/lib/unwritable.replay), logs
# why, and serves clients by itself once the fault is put right; kioskctl status exits 1 and says
# the database cannot be written. Runs in a mount namespace of its own (tmpfs mounts, as root).
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/database-unwritable
if [ -z "${UNWRITABLE_INSIDE:-}" ]; then
    rm -rf "$T" && mkdir -p "$T"
    if [ "$(id -u)" = 0 ]; then set -- unshare -m --propagation private; else set -- unshare -rm --propagation private; fi
    exec "$@" env UNWRITABLE_INSIDE=1 sh "$0"
fi
fail() { echo "database-unwritable.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$1" status >"$T/status.out" 2>"$T/status.err"; }
: >"$T/kiosk.conf"

# kiosk_case NAME DB WHY FIX: starts the kiosk on DB, which cannot be written now, and runs FIX
# once it has logged why; the replay expects out-of-order, then attract and a saved request. The four cases run side
# by side (each mostly waits); kiosk_checks NAME DB WHY then looks at what each did.
kiosk_case() {
    : >"$T/$1.err"
    ( n=0; until grep -q 'clients see out-of-order' "$T/$1.err" || [ $n -gt 300 ]; do sleep 0.05; n=$((n + 1)); done
      sh -c "$4" ) &
    "$B/kiosk" --replay tests/replay/lib/unwritable.replay --trace --db "$2" --content content \
        >"$T/$1.out" 2>"$T/$1.err"
    echo $? >"$T/$1.rc"
    wait
}
kiosk_checks() {
    [ "$(cat "$T/$1.rc")" = 0 ] || fail "$1: the kiosk failed: $(tail -n 2 "$T/$1.err")"
    [ "$(head -n 1 "$T/$1.out")" = "screen out-of-order" ] || fail "$1: it started on $(head -n 1 "$T/$1.out")"
    grep -qF -- "$3" "$T/$1.err" || fail "$1: the log does not say '$3': $(cat "$T/$1.err")"
    grep -q 'the database works again' "$T/$1.err" || fail "$1: the log does not say it works again"
    "$B/tests/dbcheck" "$2" "SELECT count(*) FROM requests WHERE name = 'Una Writable'" 1 || fail "$1: the request is not saved"
    echo "$1: out-of-order, then served once put right"
}
status_says() {     # status_says NAME DB TEXT: kioskctl status exits 1 and says TEXT
    ctl "$2"
    [ $? -eq 1 ] || fail "$1: status should exit 1: $(cat "$T/status.out" "$T/status.err")"
    grep -qF -- "$3" "$T/status.out" "$T/status.err" || fail "$1: status does not say '$3': $(cat "$T/status.out" "$T/status.err")"
}

mount -t tmpfs -o size=1m tmpfs "$T/full" 2>/dev/null || { mkdir -p "$T/full" && mount -t tmpfs -o size=1m tmpfs "$T/full"; } ||
    fail "cannot mount a tmpfs (this test needs root, or user namespaces)"
mkdir -p "$T/ro" && mount -t tmpfs -o size=4m tmpfs "$T/ro" || fail "cannot mount a tmpfs"

# A full disk: the database opens, but a request cannot be written.
"$B/tests/test_queue" --fixture "$T/full/kiosk.db" || fail "cannot make the database"
dd if=/dev/zero of="$T/full/filler" bs=4096 2>/dev/null
status_says full "$T/full/kiosk.db" "the disk is full"

# A read-only mount.
"$B/tests/test_queue" --fixture "$T/ro/kiosk.db" || fail "cannot make the database"
mount -o remount,ro "$T/ro" || fail "cannot remount read-only"
ctl "$T/ro/kiosk.db"
[ $? -eq 1 ] || fail "read-only mount: status should exit 1: $(cat "$T/status.out")"

# A read-only file (immutable: root may write any file it can open); a read-only bind mount of
# the file where the filesystem has no immutable flag.
mkdir -p "$T/file"
"$B/tests/test_queue" --fixture "$T/file/kiosk.db" || fail "cannot make the database"
if chattr +i "$T/file/kiosk.db" 2>/dev/null; then fix="chattr -i '$T/file/kiosk.db'"
else mount --bind "$T/file/kiosk.db" "$T/file/kiosk.db" && mount -o remount,bind,ro "$T/file/kiosk.db" ||
        fail "cannot make the file read-only"; fix="umount '$T/file/kiosk.db'"; fi
status_says read-only-file "$T/file/kiosk.db" "writable:               NO"

# A -wal that is a directory.
mkdir -p "$T/wal"
"$B/tests/test_queue" --fixture "$T/wal/kiosk.db" || fail "cannot make the database"
mkdir "$T/wal/kiosk.db-wal"
status_says wal-directory "$T/wal/kiosk.db" "kiosk.db-wal' is not a file (a directory)"

kiosk_case full "$T/full/kiosk.db" "" "rm '$T/full/filler'" &
kiosk_case read-only-mount "$T/ro/kiosk.db" "" "mount -o remount,rw '$T/ro'" &
kiosk_case read-only-file "$T/file/kiosk.db" "" "$fix" &
kiosk_case wal-directory "$T/wal/kiosk.db" "" "rmdir '$T/wal/kiosk.db-wal'" &
wait
kiosk_checks full "$T/full/kiosk.db" "the disk is full"
kiosk_checks read-only-mount "$T/ro/kiosk.db" "cannot write '$T/ro/kiosk.db': Read-only file system"
kiosk_checks read-only-file "$T/file/kiosk.db" "cannot write '$T/file/kiosk.db'"
kiosk_checks wal-directory "$T/wal/kiosk.db" "kiosk.db-wal' is not a file (a directory)"
exit 0
