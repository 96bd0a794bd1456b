#!/bin/sh
# What hostile input did get in leaves the tablet safely: the request of tests/replay/hostile-name.replay
# (an email beginning with '=', a phone number with '+', a combining accent and Hebrew in the name)
# exported with kioskctl as CSV and as JSON Lines: formulas are neutralised in the CSV, the name is
# byte for byte what was typed in both, and the JSON line is one well-formed line.
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
T="$OUT/tmp/hostile-input"
DB="$T/kiosk.db"
rm -rf "$T" && mkdir -p "$T"
NAME=$(printf "Zo\303\253 O'Neil-Jose\314\201 \327\251\327\234\327\225\327\235")

"$B/kiosk" --replay tests/replay/hostile-name.replay --shots "$T" --content content --db "$DB" \
    >"$T/kiosk.out" 2>&1 || { cat "$T/kiosk.out"; exit 1; }
cp "$DB" "$T/jsonl.db"
"$B/kioskctl" --db "$DB" export --format csv --out "$T/out.csv" 2>"$T/csv.err" || { cat "$T/csv.err"; exit 1; }
"$B/kioskctl" --db "$T/jsonl.db" export --format jsonl --out "$T/out.jsonl" 2>"$T/jsonl.err" ||
    { cat "$T/jsonl.err"; exit 1; }

status=0
check() {    # FILE TEXT WHY
    grep -qF -- "$2" "$1" || { echo "$1 lacks $2 ($3)"; status=1; }
}
check "$T/out.csv" ",$NAME,'+44 7700 900118,'=sum.x@example.org," "name verbatim, formulas neutralised"
check "$T/out.jsonl" "\"name\":\"$NAME\"" "name verbatim"
check "$T/out.jsonl" '"phone":"+44 7700 900118","email":"=sum.x@example.org"' "values as typed"
[ "$(wc -l <"$T/out.jsonl")" -eq 1 ] || { echo "out.jsonl is not one line"; status=1; }
[ "$(grep -c "$(printf '\r')\$" "$T/out.csv")" -eq 2 ] || { echo "out.csv is not two CRLF lines"; status=1; }
[ "$status" -eq 0 ] && echo "hostile-input: exported safely"
exit "$status"
