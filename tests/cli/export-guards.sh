#!/bin/sh
# Staff exports cannot destroy or leak (issue 10):
# - `kioskctl export --out` refuses the database, its -wal and -shm (also a -wal not there yet) and
#   the config file, however the path is spelled (another way to the directory, a hard link);
# - a request with a missing column (a NULL reference inserted through the requests view) is
#   exported by every format and by "Export to USB", not a crash;
# - an export of three files killed half way leaves the batch unexported, no file, and only
#   temporary files of mode 0600, which the next export removes; the kiosk removes them from its
#   export directory at start.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/export-guards
PY=/usr/bin/python3
rm -rf "$T" && mkdir -p "$T/out"
fail() { echo "export-guards.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@"; }
db() { "$B/tests/dbcheck" "$T/kiosk.db" "$1" "$2" || fail "database check failed: $1"; }
temporaries() { find "$1" -name '.*kiosk-tmp-*' | wc -l; }

: >"$T/kiosk.conf"
"$B/tests/test_queue" --fixture "$T/kiosk.db" || fail "cannot make the fixture database"
cp "$T/kiosk.db" "$T/before.db"

# ---- the database and the config are never an export's output
refused() {
    ctl export --format csv --out "$1" >/dev/null 2>"$T/err"
    rc=$?
    [ "$rc" -eq 1 ] || fail "--out $1: exit $rc, expected 1"
    grep -qF "kioskctl: refusing to write '$1': it is $2" "$T/err" || fail "--out $1: $(cat "$T/err")"
    cmp -s "$T/kiosk.db" "$T/before.db" || fail "--out $1 changed the database"
    db "SELECT count(*) FROM requests WHERE status = 'pending'" 4
}
refused "$T/kiosk.db" "the database"
refused "$T/../export-guards/./kiosk.db" "the database"
refused "$T/kiosk.db-wal" "the database's write-ahead log"      # not there: no connection is open
refused "$T/kiosk.db-shm" "the database's shared memory file"
refused "$T/kiosk.conf" "the config file"
ln "$T/kiosk.db" "$T/out/hard-link.csv"
refused "$T/out/hard-link.csv" "the database"
rm "$T/out/hard-link.csv"
# --db named through a symlink: SQLite follows it, so the files to keep are those of its target
ln -s kiosk.db "$T/link.db"
ctl_link() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/link.db" "$@"; }
for f in kiosk.db kiosk.db-wal kiosk.db-shm; do
    ctl_link export --format csv --out "$T/$f" >/dev/null 2>"$T/err"
    rc=$?
    [ "$rc" -eq 1 ] || fail "--db link.db --out $f: exit $rc, expected 1: $(cat "$T/err")"
    grep -qF "kioskctl: refusing to write '$T/$f': it is the database" "$T/err" || fail "--db link.db --out $f: $(cat "$T/err")"
    db "SELECT count(*) FROM requests WHERE status = 'pending'" 4
done
rm "$T/link.db"
# a -wal that exists while another connection holds the database open
$PY - "$T/kiosk.db" "$B/kioskctl" "$T" <<'EOF' || fail "an open database's -wal was not refused"
import sqlite3, subprocess, sys
db, ctl, t = sys.argv[1:]
c = sqlite3.connect(db)
c.execute("BEGIN IMMEDIATE"); c.execute("CREATE TEMP TABLE x (y)"); c.execute("INSERT INTO kiosk_state VALUES ('guard', 1)")
r = subprocess.run([ctl, "--config", t + "/kiosk.conf", "--db", db, "export", "--format", "jsonl",
                    "--out", t + "/kiosk.db-wal"], capture_output=True, text=True)
c.rollback()
sys.exit(0 if r.returncode == 1 and "refusing to write" in r.stderr else 1)
EOF

# ---- a request with a missing column: every exporter writes it
$PY - "$T/kiosk.db" <<'EOF' || fail "cannot insert the request without a reference"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
          " contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
          " VALUES ('00000000-0000-4000-8000-0000000000aa', NULL, '2026-01-08T08:00:00Z', 'reception-1',"
          " 'calf-slimming', 'Nora Noref', '07700 900555', '', 'any', 'clear', NULL, 1, 0, NULL)")
c.commit()
EOF
ctl export --out "$T/out/null.xlsx" --out "$T/out/null.csv" --out "$T/out/null.jsonl" 2>"$T/err" ||
    fail "export of a request without a reference exited $?: $(cat "$T/err")"
grep -q '^1,00000000-0000-4000-8000-0000000000aa,,2026-01-08T08:00:00Z,.*,Nora Noref,' "$T/out/null.csv" ||
    fail "the CSV lacks the request without a reference"
grep -q '"uuid":"00000000-0000-4000-8000-0000000000aa","ref":null,' "$T/out/null.jsonl" ||
    fail "the JSON Lines lack the request without a reference"
$PY - "$T/out/null.xlsx" <<'EOF' || fail "the spreadsheet lacks the request without a reference"
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
sys.exit(0 if len(rows) == 5 and rows[4][0] is None and rows[4][4] == "Nora Noref" else 1)
EOF
ctl export --batch 1 --format csv >/dev/null 2>&1 || fail "export --batch 1 to standard output failed"
ctl list >"$T/list.out" 2>"$T/err" || fail "list with a request without a reference exited $?: $(cat "$T/err")"
grep -q '^-  *2026-01-08T08:00:00Z  *exported  *1  Nora N\.$' "$T/list.out" || fail "list: $(cat "$T/list.out")"
ctl list --status undelivered >"$T/list.out" 2>"$T/err" || fail "list --status undelivered exited $?: $(cat "$T/err")"
grep -q '^-  *2026-01-08T08:00:00Z  *waiting ' "$T/list.out" || fail "list --status undelivered: $(cat "$T/list.out")"

# "Export to USB" with such a request pending
TMP=$T/usb-kiosk KIOSK_BUILD=$B sh -c 'mkdir -p "$TMP" && sh tests/replay/lib/staff-setup.sh' || fail "staff setup failed"
"$B/tests/test_queue" --fixture "$T/usb-kiosk/kiosk.db" || fail "cannot make the kiosk's database"
$PY - "$T/usb-kiosk/kiosk.db" <<'EOF' || fail "cannot insert into the kiosk's database"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
          " contact_time, screening, answers, consent_contact, consent_share_answers)"
          " VALUES ('00000000-0000-4000-8000-0000000000bb', NULL, '2026-01-08T08:00:00Z', 'reception-1',"
          " 'calf-slimming', 'Nora Noref', '', 'nora@example.org', 'any', 'clear', NULL, 1, 0)")
c.commit()
EOF
# a stale temporary file of an export killed earlier: the kiosk removes it at start
: >"$T/usb-kiosk/usb/.enquiries-9-20260101T000000Z.xlsx.kiosk-tmp-AbCdEf"
printf 'expect-screen attract\nhold-at 30 30 3\ntap "2"\ntap "4"\ntap "6"\ntap "8"\ntap "OK"\ntap "Export to USB"\nexpect-text "Exported 5 requests as batch 1"\n' >"$T/usb.replay"
"$B/kiosk" --replay "$T/usb.replay" --config "$T/usb-kiosk/kiosk.conf" --content content \
    --db "$T/usb-kiosk/kiosk.db" >"$T/kiosk.out" 2>&1 || fail "Export to USB with a missing reference: $(cat "$T/kiosk.out")"
[ "$(temporaries "$T/usb-kiosk/usb")" -eq 0 ] || fail "the kiosk left a stale temporary file: $(ls -A "$T/usb-kiosk/usb")"
grep -q 'Nora Noref' "$T"/usb-kiosk/usb/enquiries-1-*.jsonl || fail "Export to USB lacks the request without a reference"

# ---- killed half way: nothing exported, no file, temporary files 0600 until the next export
$PY - "$T/big.db" <<'EOF' || fail "cannot fill the big database"
import sqlite3, subprocess, sys, os
db = sys.argv[1]
subprocess.run([os.environ.get("KIOSK_BUILD", "build") + "/tests/test_queue", "--fixture", db], check=True)
c = sqlite3.connect(db)
c.executemany("INSERT INTO submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
              " contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
              " VALUES (?, ?, '2026-03-02T10:15:00Z', 'reception-1', 'calf-slimming', ?, '07700 900118',"
              " 'test.person@example.com', 'afternoon', 'clear', NULL, 1, 0, 'v')",
              (("%08x-0000-4000-8000-000000000000" % i, "K%07d" % i, "Test Person %05d" % i) for i in range(80000)))
c.commit()
EOF
KIOSK_BUILD=$B "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/big.db" export --out "$T/out/big.xlsx" \
    --out "$T/out/big.jsonl" --out "$T/out/big.csv" 2>/dev/null &
pid=$!
i=0
while [ "$(temporaries "$T/out")" -lt 3 ] && [ $i -lt 400 ]; do sleep 0.01; i=$((i + 1)); done
modes=$(find "$T/out" -name '.*kiosk-tmp-*' -exec stat -c %a {} \; | sort -u)
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ "$modes" = 600 ] || fail "temporary files should be 0600, found: $modes"
[ "$(temporaries "$T/out")" -eq 3 ] || fail "expected the killed export's 3 temporary files, found $(temporaries "$T/out")"
for f in big.xlsx big.jsonl big.csv; do [ ! -e "$T/out/$f" ] || fail "a killed export left $f"; done
"$B/tests/dbcheck" "$T/big.db" "SELECT count(*) FROM batches" 0 || fail "a killed export made a batch"
"$B/kioskctl" --config "$T/kiosk.conf" --db "$T/big.db" export --out "$T/out/next.jsonl" 2>/dev/null ||
    fail "the export after the kill failed"
[ "$(temporaries "$T/out")" -eq 0 ] || fail "the next export left the stale temporary files: $(ls -A "$T/out")"
"$B/tests/dbcheck" "$T/big.db" "SELECT count(*) FROM requests WHERE status = 'exported'" 80004 ||
    fail "the export after the kill should take every request"
exit 0
