#!/bin/sh
# A value longer than a spreadsheet cell holds (32,767 characters; the queue takes one through the
# requests view) must not stop every spreadsheet export, and with it "Export to USB" and the
# nightly export: the cell holds as much as fits and ends with "…", the JSON Lines hold it whole.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/export-long-value
PY=/usr/bin/python3
rm -rf "$T" && mkdir -p "$T"
fail() { echo "export-long-value.sh: $*" >&2; exit 1; }
: >"$T/kiosk.conf"
"$B/tests/test_queue" --fixture "$T/kiosk.db" || fail "cannot make the fixture database"
$PY - "$T/kiosk.db" <<'PYEOF' || fail "cannot insert the long request"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email, contact_time,"
          " screening, answers, consent_contact, consent_share_answers) VALUES ('00000000-0000-4000-8000-0000000000cc',"
          " 'FT-LNGV', '2026-01-08T08:00:00Z', 'reception-1', 'calf-slimming', ?, '07700 900555', '', 'any', 'clear',"
          " NULL, 1, 0)", ("Łong " * 8000,))
c.commit()
PYEOF
"$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" export --out "$T/a.xlsx" --out "$T/a.jsonl" 2>"$T/err" ||
    fail "export with a 40,000-character name exited $?: $(cat "$T/err")"
grep -q "$(printf 'Łong %.0s' 1 2 3 4 5 6 7 8 9 10)" "$T/a.jsonl" || fail "the JSON Lines lack the long name"
$PY - "$T/a.xlsx" "$T/a.jsonl" <<'PYEOF' || fail "the spreadsheet's long cell is not what fits"
import json, openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
long = [r for r in rows if r[0] == "FT-LNGV"]
whole = [json.loads(l)["name"] for l in open(sys.argv[2], encoding="utf-8") if "FT-LNGV" in l][0]
ok = len(rows) == 5 and len(long) == 1 and long[0][4].endswith("…") and len(long[0][4]) == 32767 \
     and whole.startswith(long[0][4][:-1]) and len(whole) == 40000
sys.exit(0 if ok else 1)
PYEOF
exit 0
