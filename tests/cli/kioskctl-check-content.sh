#!/bin/sh
# kioskctl check-content: the repository's content is good (exit 0, "DIR: content is good");
# a directory without content is reported on stderr and exits 1; no directory is a usage error;
# a wording file with an unknown, a missing and a mismatched message gives each as file:line.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-check-content
rm -rf "$T" && mkdir -p "$T/empty"
fail() { echo "kioskctl-check-content.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" "$@"; }
: >"$T/kiosk.conf"

ctl check-content content >"$T/out" 2>"$T/err" || fail "check-content content exited $?: $(cat "$T/err")"
[ "$(cat "$T/out")" = "content: content is good" ] || fail "unexpected output: $(cat "$T/out")"

ctl check-content "$T/empty" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "an empty directory should exit 1"
grep -qF "$T/empty" "$T/err" || fail "the problem should name the directory: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "nothing should be called good: $(cat "$T/out")"

cp -r content "$T/words"
sed -i 's/^answer.no: .*/answer.nope: No/; s/^checklist.progress: .*/checklist.progress: Question {n} of {total}/' \
    "$T/words/wording.txt"
ctl check-content "$T/words" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "a broken wording file should exit 1"
W="$T/words/wording.txt"
l_progress=$(grep -n '^checklist.progress:' "$W" | cut -d: -f1)
l_nope=$(grep -n '^answer.nope:' "$W" | cut -d: -f1)
l_yes=$(grep -n '^answer.yes:' "$W" | cut -d: -f1)
cat >"$T/want" <<EOT
$W:$l_progress: 'checklist.progress' has no placeholder {n}: it takes {number} and {total}
$W:$l_nope: unknown message 'answer.nope': check its name against the English wording file
$W:$l_yes: message 'answer.no' is missing: add a line 'answer.no: ...' below this one
$T/words: 3 problems
EOT
diff "$T/want" "$T/err" >&2 || fail "unexpected problems in the wording file"

ctl check-content >/dev/null 2>&1
[ $? -eq 2 ] || fail "check-content without a directory should exit 2"
exit 0
