#!/bin/sh
# The life of a batch through kioskctl: export -> ack -> purge, with the state checked in the
# database after each step: purge never touches pending or unacknowledged requests, acknowledging
# twice is harmless, an unknown batch is an error, --batch exports the same rows again, and an
# export with nothing pending is empty.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-cycle
rm -rf "$T" && mkdir -p "$T"
fail() { echo "kioskctl-cycle.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@"; }
db() { "$B/tests/dbcheck" "$T/kiosk.db" "$1" "$2" || fail "database check failed: $1"; }
says() { [ "$(cat "$T/$1")" = "$2" ] || fail "expected '$2', got '$(cat "$T/$1")'"; }

echo "retention-days = 30" >"$T/kiosk.conf"
"$B/tests/test_queue" --fixture "$T/kiosk.db" || fail "cannot make the fixture database"

ctl export --format jsonl --out "$T/batch1.jsonl" 2>"$T/err" || fail "export exited $?"
says err "batch 1: 4 requests"
[ "$(wc -l <"$T/batch1.jsonl")" -eq 4 ] || fail "batch1.jsonl should have 4 lines"
db "SELECT status, count(*) FROM requests GROUP BY status" "exported,4"
db "SELECT count(*) FROM requests WHERE batch_id = 1 AND exported_utc IS NOT NULL" "4"

# Exported but not acknowledged: no purge can touch it.
ctl purge --acknowledged-older-than 0 >"$T/out" || fail "purge exited $?"
says out "purged 0 requests acknowledged 0 or more days ago"
db "SELECT count(*) FROM requests" "4"

# Nothing pending: an empty export (a CSV header only) and no new batch.
ctl export --format csv --out "$T/empty.csv" 2>"$T/err" || fail "empty export exited $?"
says err "no pending requests: nothing to export"
[ "$(cat "$T/empty.csv")" = "$(printf 'batch_id,uuid,ref,created_utc,kiosk_id,treatment_id,name,phone,email,contact_time,screening,answers,consent_contact,consent_share_answers,notice_version,language\r')" ] ||
    fail "an empty CSV export should be the header alone"
db "SELECT count(*) FROM batches" "1"

ctl ack 1 >"$T/out" || fail "ack exited $?"
says out "batch 1 acknowledged: 4 requests"
ctl ack 1 >"$T/out" || fail "a second ack exited $?"
says out "batch 1 was already acknowledged"
ctl ack 2 2>"$T/err" && fail "ack of an unknown batch succeeded"
says err "kioskctl: no batch 2"
db "SELECT status, count(*) FROM requests GROUP BY status" "acknowledged,4"
db "SELECT count(*) FROM batches WHERE acknowledged_utc IS NOT NULL" "1"

# Exported again after the acknowledgement: the very same rows.
ctl export --batch 1 --format jsonl >"$T/again.jsonl" 2>"$T/err" || fail "re-export exited $?"
says err "batch 1: 4 requests"
cmp -s "$T/batch1.jsonl" "$T/again.jsonl" || fail "--batch 1 differs from the first export"

ctl purge >"$T/out" || fail "purge with the config's retention exited $?"
says out "purged 0 requests acknowledged 30 or more days ago"
ctl purge --acknowledged-older-than 0 >"$T/out" || fail "purge 0 exited $?"
says out "purged 4 requests acknowledged 0 or more days ago"
db "SELECT count(*) FROM requests" "0"

# The purged batch can still be named, and now exports empty.
ctl export --batch 1 --format jsonl >"$T/again.jsonl" 2>"$T/err" || fail "re-export of a purged batch exited $?"
says err "batch 1: 0 requests"
[ ! -s "$T/again.jsonl" ] || fail "a purged batch should export nothing"

# One request: "1 request", as purge and the staff screen say it.
"$B/tools/submit" "$T/kiosk.db" 1 >/dev/null || fail "cannot submit"
ctl export --format jsonl >/dev/null 2>"$T/err" || fail "export of one request exited $?"
says err "batch 2: 1 request"
exit 0
