#!/bin/sh
# kioskctl sync to a real HTTPS receiver on loopback (tests/cli/lib/receiver.py) with a CA and
# certificates made here by openssl. The receiver checks every request's signature and fields and
# stores each Idempotency-Key once. Every fault of issue 15: the receiver down and back, 500s, 429
# with Retry-After, a reply that never comes, a reset after storing, a rejection and
# --retry-rejected, a certificate for another name, a self-signed one without sync-ca-file, plain
# http:// elsewhere than loopback; then delete-after-delivery. After each: every request is at the
# receiver exactly once, and none is marked delivered that it did not confirm.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/sync-webhook
rm -rf "$T" && mkdir -p "$T"
fail() { echo "sync-webhook.sh: $*" >&2; [ -f "$T/sync.err" ] && tail -n 20 "$T/sync.err" >&2; exit 1; }
. tests/cli/lib/sync-lib.sh
trap sync_cleanup EXIT
make -s BUILD="$B" "$B/tools/submit" >"$T/build.log" 2>&1 || { cat "$T/build.log"; exit 1; }
DB="$T/kiosk.db"
export KIOSK_SYNC_TEST_BACKOFF=100,800 KIOSK_SYNC_TEST_TIMEOUT=1000,2000

make_certs
printf 'whsec-made-up-test-key\n' >"$T/secret"
chmod 0600 "$T/secret"
receiver_start r good
conf() {    # conf URL [extra lines]: the config file $T/kiosk.conf
    printf 'kiosk-id = reception-1\nsync-url = %s\nsync-secret-file = %s\n%s\n' "$1" "$T/secret" "${2:-}" >"$T/kiosk.conf"
}
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" "$@"; }
waiting() { db_value "$DB" "SELECT count(*) FROM deliveries WHERE delivered_utc IS NULL AND rejected IS NULL"; }
delivered() { db_value "$DB" "SELECT count(*) FROM deliveries WHERE delivered_utc IS NOT NULL"; }
stored() { count "$T/r.store" '"key"'; }
sync_start() {
    "$B/kioskctl" --config "$T/kiosk.conf" --db "$DB" sync 2>>"$T/sync.err" &
    SYNC_PID=$!
    SYNC_PIDS="$SYNC_PIDS $SYNC_PID"
}
sync_stop() { kill "$SYNC_PID" 2>/dev/null; wait "$SYNC_PID" 2>/dev/null; }
# Every request delivered in the database is stored at the receiver, and none twice.
exactly_once() {
    db_value "$DB" "SELECT s.uuid FROM deliveries d JOIN submissions s ON s.id = d.request_id
                    WHERE d.delivered_utc IS NOT NULL ORDER BY 1" >"$T/delivered.txt"
    sed -n 's/^{"key": "\([^"]*\)".*/\1/p' "$T/r.store" | sort >"$T/stored.txt"
    [ -z "$(uniq -d "$T/stored.txt")" ] || fail "$1: a request was stored twice: $(uniq -d "$T/stored.txt")"
    [ -z "$(comm -23 "$T/delivered.txt" "$T/stored.txt")" ] ||
        fail "$1: marked delivered but never confirmed: $(comm -23 "$T/delivered.txt" "$T/stored.txt")"
    [ "$(count "$T/r.log" '"result": "bad-')" -eq 0 ] ||
        fail "$1: the receiver refused a signature or the fields: $(grep '"result": "bad-' "$T/r.log")"
}
URL="https://127.0.0.1:$RECEIVER_PORT_r/hook"
conf "$URL" "sync-ca-file = $T/tls/ca.pem"

# --- a request wakes the running sync within 2 s, signed, with the export's field names
submit "$DB" 1 >/dev/null
sync_start
wait_for '[ "$(stored)" -eq 1 ]' 5 || fail "the first request did not arrive"
t0=$(date +%s%N)
"$B/tools/submit" "$DB" 1 >"$T/one.txt" || fail "cannot submit"
wait_for '[ "$(stored)" -eq 2 ]' 2 || fail "a request committed while the sync runs did not arrive within 2 s"
echo "woke and delivered in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
uuid=$(cut -d' ' -f1 "$T/one.txt")
grep -q "\"key\": \"$uuid\"" "$T/r.store" || fail "the request's uuid is not its Idempotency-Key"
grep -qF '\"language\":\"pl\"' "$T/r.store" || fail "the language the client used did not arrive"
wait_for '[ "$(delivered)" -eq 2 ]' 3 || fail "the delivered requests are not marked delivered"
exactly_once "first delivery"

# --- receiver down and back: waits, says why and since when, then goes once it is back
receiver_stop r
submit "$DB" 3
sleep 1.5
[ "$(waiting)" -eq 3 ] || fail "requests were marked delivered while the receiver was down"
ctl status >"$T/status.txt"
grep -q '^waiting for delivery:   3$' "$T/status.txt" || fail "status does not say 3 wait: $(cat "$T/status.txt")"
grep -q '^delivery failing since: .*Z: cannot reach 127.0.0.1' "$T/status.txt" ||
    fail "status does not say since when and why delivery fails: $(cat "$T/status.txt")"
[ "$(db_value "$DB" "SELECT max(attempts) FROM deliveries")" -ge 2 ] || fail "the attempts were not counted"
receiver_start r good "$RECEIVER_PORT_r"
wait_for '[ "$(waiting)" -eq 0 ]' 5 || fail "the requests did not go once the receiver was back"
ctl status >"$T/status.txt"
grep -q 'delivery failing' "$T/status.txt" && fail "status still says delivery fails: $(cat "$T/status.txt")"
exactly_once "receiver down and back"

# --- 500s, then 429 with Retry-After: 2
echo '500*3' >"$T/r.mode"
submit "$DB" 1
wait_for '[ "$(waiting)" -eq 0 ]' 8 || fail "a request answered 500 three times was not retried to the end"
[ "$(count "$T/r.log" '"500"')" -eq 3 ] || fail "expected 3 answers 500, got $(count "$T/r.log" '"500"')"
exactly_once "500s"
echo '429 2*1' >"$T/r.mode"
submit "$DB" 1
wait_for '[ "$(waiting)" -eq 0 ]' 8 || fail "a request answered 429 was not retried"
python3 - "$T/r.log" <<'EOF' || fail "Retry-After: 2 was not honoured"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
t429 = [e["time"] for e in log if e["result"] == "429"][-1]
after = [e["time"] for e in log if e["time"] > t429]
sys.exit(0 if after and after[0] - t429 >= 1.95 else 1)
EOF
exactly_once "429"

# --- a reply that never comes: the request times out (2 s here) and is sent again
echo 'hang*1' >"$T/r.mode"
submit "$DB" 1
wait_for '[ "$(count "$T/r.log" '"hang"')" -eq 1 ]' 3 || fail "the hanging receiver got nothing"
sleep 0.5
[ "$(waiting)" -eq 1 ] || fail "a request without a reply was marked delivered"
wait_for '[ "$(waiting)" -eq 0 ]' 8 || fail "a request without a reply was not sent again"
grep -q 'no reply from 127.0.0.1 within 2 s' "$T/sync.err" || fail "the log does not say the reply never came"
exactly_once "no reply"

# --- a connection reset after the receiver stored it: sent again, stored once
echo 'reset*1' >"$T/r.mode"
"$B/tools/submit" "$DB" 1 >"$T/one.txt"
uuid=$(cut -d' ' -f1 "$T/one.txt")
wait_for '[ "$(waiting)" -eq 0 ]' 8 || fail "a request whose reply was reset was not sent again"
[ "$(grep -c "\"key\": \"$uuid\"" "$T/r.log")" -ge 2 ] || fail "the reset request was not sent twice"
[ "$(grep "\"key\": \"$uuid\"" "$T/r.log" | grep -c '"repeat"')" -ge 1 ] || fail "the retry was not a repeat of the same key"
exactly_once "reset after storing"

# --- other 4xx: rejected, kept, shown; --retry-rejected sends it again
echo '422*1' >"$T/r.mode"
submit "$DB" 1
wait_for '[ "$(db_value "$DB" "SELECT count(*) FROM deliveries WHERE rejected IS NOT NULL")" -eq 1 ]' 5 ||
    fail "a request answered 422 was not marked rejected"
sync_stop
ctl list --status undelivered >"$T/undelivered.txt" || fail "list --status undelivered failed"
grep -q ' rejected .*Ann E\.  (HTTP/1.1 422 Unprocessable Entity)$' "$T/undelivered.txt" ||
    fail "list --status undelivered does not show the rejection: $(cat "$T/undelivered.txt")"
ctl status >"$T/status.txt"
grep -q '^rejected by receiver:   1 (the last: HTTP/1.1 422 Unprocessable Entity)' "$T/status.txt" ||
    fail "status does not show the rejection: $(cat "$T/status.txt")"
ctl sync --once 2>>"$T/sync.err" && fail "sync --once exited 0 with a rejected request"
[ "$(count "$T/r.log" '"422"')" -eq 1 ] || fail "a rejected request was sent again without --retry-rejected"
ctl sync --once --retry-rejected 2>>"$T/sync.err" || fail "sync --once --retry-rejected exited $?"
[ "$(db_value "$DB" "SELECT count(*) FROM deliveries WHERE delivered_utc IS NULL")" -eq 0 ] ||
    fail "the rejected request was not delivered by --retry-rejected"
exactly_once "rejected and retried"
[ "$(wc -l <"$T/undelivered.txt")" -eq 2 ] || fail "list --status undelivered lists more than the rejected one"

# --- certificates that must be refused, with nothing sent
receiver_start w wrong
receiver_start s self
submit "$DB" 1
conf "https://127.0.0.1:$RECEIVER_PORT_w/hook" "sync-ca-file = $T/tls/ca.pem"
ctl sync --once 2>"$T/wrong.err" && fail "sync accepted a certificate for another name"
grep -q 'the certificate of 127.0.0.1 is not trusted' "$T/wrong.err" || fail "no word of the wrong name: $(cat "$T/wrong.err")"
conf "https://127.0.0.1:$RECEIVER_PORT_s/hook"
ctl sync --once 2>"$T/self.err" && fail "sync accepted a self-signed certificate without sync-ca-file"
grep -q 'not trusted' "$T/self.err" || fail "no word of the self-signed certificate: $(cat "$T/self.err")"
[ ! -s "$T/w.log" ] && [ ! -s "$T/s.log" ] || fail "a request reached a receiver whose certificate was refused"
[ "$(waiting)" -eq 1 ] || fail "a request was marked delivered to an untrusted receiver"

# --- plain http:// only to loopback; the secret must be private
conf "http://receiver.example.org/hook"
ctl sync --once 2>"$T/http.err" && fail "sync accepted plain http:// to another machine"
grep -q 'plain http:// is allowed only to this machine' "$T/http.err" || fail "$(cat "$T/http.err")"
chmod 0644 "$T/secret"
conf "$URL" "sync-ca-file = $T/tls/ca.pem"
ctl sync --once 2>"$T/secret.err" && fail "sync used a secret every user can read"
grep -q 'can be read by every user' "$T/secret.err" || fail "$(cat "$T/secret.err")"
chmod 0600 "$T/secret"
receiver_start p none
conf "http://127.0.0.1:$RECEIVER_PORT_p/hook"
ctl sync --once 2>>"$T/sync.err" || fail "sync --once to http://127.0.0.1 exited $?"
[ "$(count "$T/p.store" '"key"')" -eq 1 ] || fail "plain http to loopback did not deliver"

# --- delete-after-delivery: the name leaves the file and its -wal within 2 s of delivery
conf "$URL" "sync-ca-file = $T/tls/ca.pem
delete-after-delivery = yes"
sync_start
wait_for '[ "$(waiting)" -eq 0 ]' 5 || fail "the sync with delete-after-delivery did not start"
before=$(stored)
submit "$DB" 1 "Zelda Canaryfield"
wait_for '[ "$(stored)" -gt '"$before"' ]' 3 || fail "the canary request did not arrive"
gone() { ! grep -qa Canaryfield "$DB" && ! grep -qa Canaryfield "$DB-wal"; }
wait_for gone 2 || fail "the delivered name is still in the database or its -wal 2 s after delivery"
grep -q Canaryfield "$T/r.store" || fail "the receiver does not have the deleted request"
[ "$(db_value "$DB" "SELECT count(*) FROM submissions WHERE name = 'Zelda Canaryfield'")" -eq 0 ] ||
    fail "the delivered request is still in the queue"
sync_stop
ctl status | grep -q '(deleted once delivered)' || fail "status does not say delivered requests are deleted"
grep -q 'Zelda\|Ann Example\|07700' "$T/sync.err" && fail "the sync's log holds personal data"

# --- the kiosk moves a damaged database aside and starts a fresh one: the sync follows it
conf "$URL" "sync-ca-file = $T/tls/ca.pem"
started=$(count "$T/sync.err" 'delivering to')
sync_start
wait_for '[ "$(count "$T/sync.err" "delivering to")" -gt '"$started"' ]' 5 || fail "the sync did not start"
before=$(stored)
mv "$DB" "$DB.damaged-test"
rm -f "$DB-wal" "$DB-shm"
submit "$DB" 2
wait_for '[ "$(stored)" -eq '"$((before + 2))"' ]' 5 || fail "the sync did not follow the database to its fresh file"
grep -q 'was replaced or removed: opening it again' "$T/sync.err" || fail "the sync did not say it opened the new file"
sync_stop

total=$(db_value "$DB" "SELECT count(*) FROM submissions")
echo "sync-webhook: every fault case passed; $(stored) requests stored once each, $total left on the tablet"
