#!/bin/sh
# kioskctl sync never waits on a file that is not a regular file: a FIFO as sync-secret-file or
# as sync-ca-file is refused at once with a clear line and exit 1 (sync blocks SIGTERM while it
# starts, so a hang there could only be ended by SIGKILL), and nothing is sent.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/sync-not-regular
rm -rf "$T" && mkdir -p "$T"
fail() { echo "sync-not-regular.sh: $*" >&2; exit 1; }
"$B/tools/submit" "$T/kiosk.db" 1 >/dev/null || fail "cannot make the database"
printf 'whsec-made-up-test-key\n' >"$T/secret" && chmod 0600 "$T/secret"
mkfifo "$T/fifo" || fail "cannot make a FIFO"

once() {    # once NAME EXPECTED CONFIG-LINES: sync --once must exit 1 at once and say EXPECTED
    printf 'kiosk-id = reception-1\nsync-url = https://127.0.0.1:9/hook\n%s\n' "$3" >"$T/$1.conf"
    timeout -s KILL 10 "$B/kioskctl" --config "$T/$1.conf" --db "$T/kiosk.db" sync --once >"$T/$1.out" 2>"$T/$1.err"
    rc=$?
    [ "$rc" -ne 137 ] || fail "$1: sync --once hung on the FIFO"
    [ "$rc" -eq 1 ] || fail "$1: sync --once exited $rc, expected 1: $(cat "$T/$1.err")"
    grep -qF -- "$2" "$T/$1.err" || fail "$1: stderr lacks '$2': $(cat "$T/$1.err")"
}
once secret "sync-secret-file '$T/fifo' is not a regular file" "sync-secret-file = $T/fifo"
once ca "sync-ca-file '$T/fifo' is not a regular file" "sync-secret-file = $T/secret
sync-ca-file = $T/fifo"
once ca-missing "cannot open sync-ca-file '$T/nowhere.pem': No such file or directory" "sync-secret-file = $T/secret
sync-ca-file = $T/nowhere.pem"
"$B/tests/dbcheck" "$T/kiosk.db" "SELECT count(*) FROM deliveries WHERE delivered_utc IS NULL" 1 ||
    fail "the request should still wait"
exit 0
