#!/bin/sh
# One full enquiry (tests/replay/request-suitable.replay: checklist, form, review, send, thanks,
# back to attract) under valgrind memcheck on the normal build: no error, no byte definitely or
# indirectly lost.
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
T="$OUT/tmp/valgrind"
rm -rf "$T" && mkdir -p "$T"
command -v valgrind >/dev/null || { echo "valgrind is not installed (make test installs it)"; exit 1; }

valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --track-origins=yes --log-file="$T/valgrind.log" \
    "$B/kiosk" --replay tests/replay/request-suitable.replay --shots "$T" --content content \
    --db "$T/kiosk.db" --trace >"$T/stdout" 2>"$T/stderr"
rc=$?
status=0
[ "$rc" -eq 0 ] || { echo "exit code $rc (99: valgrind found errors)"; status=1; }
grep -q "ERROR SUMMARY: 0 errors" "$T/valgrind.log" || { echo "memcheck reports errors"; status=1; }
grep -qE "definitely lost: 0 bytes|All heap blocks were freed" "$T/valgrind.log" ||
    { echo "memcheck reports memory definitely lost"; status=1; }
grep -q "^submitted " "$T/stdout" || { echo "the enquiry was not submitted"; status=1; }
if [ "$status" -ne 0 ]; then
    cat "$T/stderr"
    grep -E "==[0-9]+== " "$T/valgrind.log" | head -n 60
fi
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|All heap blocks" "$T/valgrind.log"
exit "$status"
