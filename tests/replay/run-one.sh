#!/bin/sh
# Runs one replay script with a fresh database and then its database checks.
# Directives in the script's comments:
#   #! args: ...          more kiosk options; $TMP is a fresh directory, $DB the database in it
#   #! exit: N            the exit code expected (default 0)
#   #! stderr: TEXT       a substring expected on stderr
#   #! db: SQL => VALUE   after the run, SQL's single result must equal VALUE (rows joined by |)
#   #! setup: COMMAND     a shell command run before the kiosk starts (with $TMP, $DB, $KIOSK_BUILD)
#   #! after: COMMAND     a shell command that must succeed after the run
set -u
s=$1
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
name=$(basename "$s" .replay)
TMP="$OUT/tmp/$name"
rm -rf "$TMP" && mkdir -p "$TMP"
DB="$TMP/kiosk.db"
export TMP DB KIOSK_BUILD="$B"
sed -n 's/^#! setup: //p' "$s" | while IFS= read -r cmd; do
    sh -c "$cmd" || { echo "setup failed: $cmd" >&2; exit 1; }
done || exit 1
args=$(sed -n 's/^#! args: //p' "$s" | sed "s#\$TMP#$TMP#g; s#\$DB#$DB#g" | tr '\n' ' ')
want_exit=$(sed -n 's/^#! exit: //p' "$s" | head -n 1)
want_exit=${want_exit:-0}
# shellcheck disable=SC2086
"$B/kiosk" --replay "$s" --shots "$OUT/shots" --golden tests/golden --content content --db "$DB" $args \
    >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
cat "$TMP/stdout"
cat "$TMP/stderr" >&2
if [ "$rc" -ne "$want_exit" ]; then
    echo "exit code $rc, expected $want_exit" >&2
    exit 1
fi
sed -n 's/^#! stderr: //p' "$s" | while IFS= read -r want; do
    grep -qF -- "$want" "$TMP/stderr" || { echo "stderr lacks: $want" >&2; exit 1; }
done || exit 1
sed -n 's/^#! db: //p' "$s" | while IFS= read -r check; do
    sql=${check%% => *}
    value=${check#* => }
    "$B/tests/dbcheck" "$DB" "$sql" "$value" || exit 1
done || exit 1
sed -n 's/^#! after: //p' "$s" | while IFS= read -r cmd; do
    sh -c "$cmd" || { echo "after the run, this failed: $cmd" >&2; exit 1; }
done || exit 1
exit 0
