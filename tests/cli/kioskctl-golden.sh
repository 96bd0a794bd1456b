#!/bin/sh
# kioskctl status, list and export against golden files, on a fixture database of made-up and
# hostile requests (tests/unit/test_queue.c --fixture). Times that move are normalised with sed.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-golden
G=tests/cli/golden
rm -rf "$T" && mkdir -p "$T"
fail() { echo "kioskctl-golden.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@"; }
# Keeps what status says but not what depends on the clock, the path or the page count.
normalise() {
    sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g' \
        -e 's/^(database: +).*/\1PATH/' -e 's/^(oldest pending: +)[0-9].* ago$/\1AGE ago/' \
        -e 's/^(database size: +)[0-9.]+ (bytes|KiB|MiB)$/\1SIZE/'
}
# Compares with the golden file; `make golden` (GOLDEN_UPDATE=1) rewrites it instead.
same() {
    if [ -n "${GOLDEN_UPDATE:-}" ]; then cp "$T/$1" "$G/$1"; return; fi
    diff -u "$G/$1" "$T/$1" >&2 || fail "$1 differs from $G/$1"
}

: >"$T/kiosk.conf"
"$B/tests/test_queue" --fixture "$T/kiosk.db" || fail "cannot make the fixture database"

ctl check >"$T/check.out" || fail "check exited $?"
[ "$(cat "$T/check.out")" = "integrity: ok" ] || fail "check said: $(cat "$T/check.out")"
ctl status >"$T/status.out" || fail "status exited $?"
normalise <"$T/status.out" >"$T/status-fresh.txt"
same status-fresh.txt
ctl list >"$T/list-pending.txt" || fail "list exited $?"
same list-pending.txt

ctl export --format csv >"$T/export-batch1.csv" 2>"$T/export.err" || fail "export exited $?"
same export-batch1.csv
[ "$(cat "$T/export.err")" = "batch 1: 4 requests" ] || fail "export said: $(cat "$T/export.err")"
ctl list --status exported >"$T/list-exported.txt" || fail "list --status exported exited $?"
same list-exported.txt
ctl list --status pending >"$T/list-none.txt" || fail "list --status pending exited $?"
[ "$(wc -l <"$T/list-none.txt")" -eq 1 ] || fail "pending requests listed after the export"

ctl export --batch 1 --format jsonl >"$T/export-batch1.jsonl" 2>"$T/export.err" || fail "export --batch 1 exited $?"
same export-batch1.jsonl
[ "$(cat "$T/export.err")" = "batch 1: 4 requests" ] || fail "export --batch said: $(cat "$T/export.err")"
ctl export --batch 1 --format csv --excel --out "$T/excel.csv" 2>/dev/null || fail "export --excel exited $?"
[ "$(head -c 3 "$T/excel.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "no byte-order mark with --excel"
tail -c +4 "$T/excel.csv" | cmp -s - "$G/export-batch1.csv" || fail "--excel output is not the CSV after its mark"

ctl ack 1 >/dev/null || fail "ack exited $?"
ctl status >"$T/status.out" || fail "status after ack exited $?"
normalise <"$T/status.out" >"$T/status-acked.txt"
same status-acked.txt
exit 0
