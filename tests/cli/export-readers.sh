#!/bin/sh
# Exports a receptionist can open (issue 11), read back with real readers by export_readers.py:
# openpyxl (every cell text but the submitted time, a local date-time), Python's csv and json, and,
# where soffice is installed, LibreOffice headless converting the .xlsx to CSV. Names in Chinese,
# Arabic, Polish and Greek, phones that lose a 0 or a + in a spreadsheet, emails a spreadsheet
# would take for a formula: all must come back exactly. One export writes all three files of one
# batch; --batch writes it again in any format, the same; --dir names files enquiries-BATCH-TIME.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/export-readers
PY=/usr/bin/python3
rm -rf "$T" && mkdir -p "$T/dir" "$T/again"
fail() { echo "export-readers.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" --db "$T/kiosk.db" "$@"; }
export TZ=Europe/London     # a clinic's local time, with summer time: June is UTC+1

printf 'export-formats = xlsx jsonl csv\n' >"$T/kiosk.conf"
"$B/tests/test_queue" --fixture "$T/kiosk.db" || fail "cannot make the database"
$PY - "$T/kiosk.db" <<'EOF' || fail "cannot add the requests"
import sqlite3, sys
people = [
    ("王小明", "07700900123", "=wang@example.com", "2026-06-15T08:30:00Z", "zh-Hans"),
    ("ليلى حداد", "+44 7700 900456", "+layla@example.com", "2026-06-15T23:59:59Z", "ar"),
    ("Zażółć Gęślą-Jaźń", "0044 20 7946 0001", "-zofia@example.com", "2026-12-31T23:00:00Z", "pl"),
    ("Νίκος Παπαδόπουλος", "07700 900789", "nikos@example.com", "2026-03-29T00:30:00Z", "en"),
    ("Ctl\x01 _x0041_ ' \"q\", spaces ", "", "@at@example.com", "2026-03-29T01:30:00Z", "en"),
]
answers = '[{"question":"Czy jesteś w ciąży?","answer":"no"},{"question":"Έχετε \\"λοίμωξη\\";","answer":null}]'
c = sqlite3.connect(sys.argv[1])
for i, (name, phone, email, t, language) in enumerate(people):
    c.execute("INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
              " contact_time, screening, answers, consent_contact, consent_share_answers, notice_version,"
              " language) VALUES (?, ?, ?, 'reception-1', 'calf-slimming', ?, ?, ?, 'any', 'discuss', ?, 1, ?, 'n1', ?)",
              ("10000000-0000-4000-8000-00000000000%d" % i, "XY-%04d" % i, t, name, phone, email,
               answers if i % 2 == 0 else None, 1 if i % 2 == 0 else 0, language))
c.commit()
EOF

ctl export --out "$T/batch.xlsx" --out "$T/batch.csv" --out "$T/batch.jsonl" 2>"$T/err" || fail "export: $(cat "$T/err")"
[ "$(cat "$T/err")" = "batch 1: 9 requests" ] || fail "export said: $(cat "$T/err")"
ctl export --format jsonl 2>"$T/err" >/dev/null
[ "$(cat "$T/err")" = "no pending requests: nothing to export" ] || fail "the batch was not taken whole: $(cat "$T/err")"

soffice_csv=
if command -v soffice >/dev/null 2>&1; then
    # LibreOffice's start is slow: one run converts the spreadsheet; 76 is UTF-8, 44 a comma, 34 a quote.
    HOME="$T" timeout 120 soffice -env:UserInstallation="file://$(pwd)/$T/lo-profile" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$T/lo" "$T/batch.xlsx" \
        >"$T/soffice.log" 2>&1 || fail "soffice failed: $(cat "$T/soffice.log")"
    soffice_csv=$T/lo/batch.csv
    [ -s "$soffice_csv" ] || fail "soffice wrote nothing: $(cat "$T/soffice.log")"
else
    echo "export-readers.sh: soffice is not installed: LibreOffice's reading of the .xlsx is not checked"
fi
$PY tests/cli/export_readers.py "$T/kiosk.db" "$T/batch.xlsx" "$T/batch.csv" "$T/batch.jsonl" $soffice_csv ||
    fail "a reader read something else than was exported"
# zlib's fastest level, which export_xlsx.c puts in for libxlsxwriter's default (the bench's target)
$PY tests/cli/lib/xlsx_level.py "$T/batch.xlsx" "王小明" || fail "the spreadsheet is not at zlib's fastest level"

# --batch writes the same batch again, in every format, with the same content.
ctl export --batch 1 --out "$T/again/a.xlsx" --out "$T/again/a.csv" --out "$T/again/a.jsonl" 2>/dev/null ||
    fail "export --batch 1 failed"
cmp -s "$T/batch.csv" "$T/again/a.csv" || fail "--batch 1 wrote another CSV"
cmp -s "$T/batch.jsonl" "$T/again/a.jsonl" || fail "--batch 1 wrote other JSON Lines"
$PY tests/cli/export_readers.py "$T/kiosk.db" "$T/again/a.xlsx" "$T/again/a.csv" "$T/again/a.jsonl" >/dev/null ||
    fail "--batch 1 wrote another spreadsheet"

# --dir: the same naming as "Export to USB", each format of the config's export-formats.
ctl export --dir "$T/dir" --batch 1 >"$T/out" 2>/dev/null || fail "export --dir failed"
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "export --dir should name 3 files: $(cat "$T/out")"
for ext in xlsx jsonl csv; do
    grep -qE "^$T/dir/enquiries-1-[0-9]{8}T[0-9]{6}Z\\.$ext\$" "$T/out" || fail "no enquiries-1-TIME.$ext: $(cat "$T/out")"
done
cmp -s "$T/batch.csv" "$T"/dir/enquiries-1-*.csv || fail "--dir wrote another CSV"

# What each way of asking for the impossible says.
ctl export --out "$T/x.xlsx" --format csv 2>"$T/err"; [ $? -eq 2 ] && grep -qF "'$T/x.xlsx' is named for xlsx, not --format csv" "$T/err" ||
    fail "a contradicting --format: $(cat "$T/err")"
ctl export --format xlsx 2>"$T/err"; [ $? -eq 2 ] && grep -qF "a spreadsheet goes to a file" "$T/err" ||
    fail "xlsx to standard output: $(cat "$T/err")"
ctl export --out "$T/x.txt" 2>"$T/err"; [ $? -eq 2 ] && grep -qF "cannot tell the format of '$T/x.txt'" "$T/err" ||
    fail "an unknown extension: $(cat "$T/err")"
printf 'export-formats = xlsx pdf\n' >"$T/bad.conf"
"$B/kioskctl" --config "$T/bad.conf" --db "$T/kiosk.db" status >/dev/null 2>"$T/err"
grep -qF "bad.conf:1: export-formats must be one or more of xlsx, jsonl or csv, not 'pdf'" "$T/err" ||
    fail "a bad export-formats: $(cat "$T/err")"
exit 0
