#!/bin/sh
# kioskctl check-content compares each language of content/languages with the default one
# (issue 13): a missing treatment, section, paragraph, screening question, picture or message, and a
# question whose outcome differs, are each reported as file:line: or file:, and the kiosk then
# offers only the complete languages, saying in its log why it leaves one out.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/check-content-languages
rm -rf "$T" && mkdir -p "$T"
fail() { echo "check-content-languages.sh: $*" >&2; exit 1; }
ctl() { "$B/kioskctl" --config "$T/kiosk.conf" "$@"; }
: >"$T/kiosk.conf"
C="$T/c"
cp -r content "$C"
EN="$C/treatments/calf-slimming.txt"

# Polish: no treatment file at all.
rm "$C/languages/pl/treatments/calf-slimming.txt"
# Arabic: question 3 ("younger than 18?") says discuss where English says stop; a section gone.
AR="$C/languages/ar/treatments/calf-slimming.txt"
l_ar_yes=$(grep -n '^If yes: stop' "$AR" | cut -d: -f1)
sed -i "${l_ar_yes}s/stop/discuss/" "$AR"
# Chinese: a message gone.
ZW="$C/languages/zh-Hans/wording.txt"
l_before=$(grep -n '^answer.yes:' "$ZW" | cut -d: -f1)
sed -i '/^answer.no:/d' "$ZW"
ZH="$C/languages/zh-Hans/treatments/calf-slimming.txt"

ctl check-content "$C" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "incomplete translations should exit 1: $(cat "$T/out" "$T/err")"
l_en_stop=$(grep -n '^If yes: stop' "$EN" | cut -d: -f1)
cat >"$T/want" <<EOT
$AR:$l_ar_yes: 'If yes: discuss' where question 3 of $EN says 'If yes: stop' (line $l_en_stop): a translation must never change who may have the treatment
$C/languages/pl/treatments: no treatment files: add one such as calf-slimming.txt
$ZW:$l_before: message 'answer.no' is missing: add a line 'answer.no: ...' below this one
EOT
grep -v ' problems$' "$T/err" | sort >"$T/got"
sort "$T/want" >"$T/want.sorted"
diff "$T/want.sorted" "$T/got" >&2 || fail "unexpected problems"
[ "$(tail -n 1 "$T/err")" = "$C: 3 problems" ] || fail "the count: $(tail -n 1 "$T/err")"

# The message back and the outcome put right; now a section left out of the Arabic and the last
# screening question left out of the Chinese.
cp content/languages/zh-Hans/wording.txt "$ZW"
sed -i "${l_ar_yes}s/discuss/stop/" "$AR"
first=$(grep -n '^== ' "$AR" | sed -n 2p | cut -d: -f1)
second=$(grep -n '^== ' "$AR" | sed -n 3p | cut -d: -f1)
sed -i "${first},$((second - 1))d" "$AR"
last_q=$(grep -n '^Question:' "$ZH" | tail -n 1 | cut -d: -f1)
sed -i "${last_q},$((last_q + 1))d" "$ZH"
l_zh_screening=$(grep -n '^== Screening ==' "$ZH" | cut -d: -f1)
l_en_screening=$(grep -n '^== Screening ==' "$EN" | cut -d: -f1)
ctl check-content "$C" >"$T/out" 2>"$T/err"
grep -qxF "$AR: 5 information sections where $EN has 6: translate every section, in the same order" "$T/err" ||
    fail "a missing section: $(cat "$T/err")"
grep -qxF "$ZH:$l_zh_screening: the Screening section has 5 questions where $EN:$l_en_screening has 6: translate every question, in the same order, and add none" "$T/err" ||
    fail "a missing question: $(cat "$T/err")"

# The treatment's picture left out of the Polish, given the Polish files back: the picture, by file.
cp -r content/languages/pl "$C/languages/"
PL="$C/languages/pl/treatments/calf-slimming.txt"
sed -i '/^Picture/d' "$PL"
ctl check-content "$C" >"$T/out" 2>"$T/err"
grep -qxF "$PL: no 'Picture:' where $EN has 'Picture: calf-slimming.png': give it here too, with its 'Picture text:' in this language" "$T/err" ||
    fail "a missing picture: $(cat "$T/err")"
rm "$PL"

# The kiosk offers English alone now (so shows no picker), and says why each other language is left out.
printf 'size 1280 800\nexpect-no-text "English"\nexpect-no-text "Polski"\nexpect-no-text "中文"\nexpect-no-text "العربية"\n' >"$T/s.replay"
SDL_VIDEODRIVER=dummy "$B/kiosk" --replay "$T/s.replay" --content "$C" --db "$T/k.db" >"$T/kout" 2>"$T/kerr" ||
    fail "the kiosk: $(cat "$T/kout" "$T/kerr")"
for code in pl ar zh-Hans; do
    grep -qF "kiosk: language '$code' is not offered: " "$T/kerr" || fail "no reason for $code: $(cat "$T/kerr")"
done

# With Polish mended and `languages = pl en` it offers those two, Polish first.
cp content/languages/pl/treatments/calf-slimming.txt "$C/languages/pl/treatments/"
printf 'languages = pl en\n' >"$T/kiosk.conf"
printf 'size 1280 800\nexpect-text "Polski"\nexpect-text "English"\nexpect-no-text "中文"\ntexts\n' >"$T/s.replay"
SDL_VIDEODRIVER=dummy "$B/kiosk" --replay "$T/s.replay" --content "$C" --db "$T/k2.db" --config "$T/kiosk.conf" \
    >"$T/kout" 2>"$T/kerr" || fail "the kiosk with languages = pl en: $(cat "$T/kout" "$T/kerr")"
px=$(grep -P '^text\tPolski\t' "$T/kout" | cut -f3)
ex=$(grep -P '^text\tEnglish\t' "$T/kout" | cut -f3)
[ -n "$px" ] && [ -n "$ex" ] && [ "$px" -lt "$ex" ] || fail "Polski should come before English: $(cat "$T/kout")"
exit 0
