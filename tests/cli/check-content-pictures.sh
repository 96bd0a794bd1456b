#!/bin/sh
# kioskctl check-content with pictures: good ones pass (decoded, not only their headers); each
# bad one is reported at the line that names it: not there, a FIFO (without waiting on it), cut
# short (only decoding finds it), too many megapixels, no text, a text without its picture.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/check-content-pictures
rm -rf "$T" && mkdir -p "$T"
fail() { echo "check-content-pictures.sh: $*" >&2; exit 1; }
ctl() { timeout 30 "$B/kioskctl" --config "$T/kiosk.conf" "$@"; }
: >"$T/kiosk.conf"

C="$T/content"
sh tests/replay/lib/picture-content.sh "$C" || fail "cannot make the content"
ctl check-content "$C" >"$T/out" 2>"$T/err" || fail "good pictures: exited $?: $(cat "$T/err")"
[ "$(cat "$T/out")" = "$C: content is good" ] || fail "unexpected output: $(cat "$T/out")"

head -c 120 "$C/images/red.png" >"$C/images/cut.png"
mkfifo "$C/images/fifo.jpg"
python3 - "$C/images/huge.png" <<'PY'
import struct, sys, zlib
ihdr = struct.pack('>IIBBBBB', 7000, 5000, 8, 2, 0, 0, 0)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' + ihdr
                              + struct.pack('>I', zlib.crc32(b'IHDR' + ihdr) & 0xffffffff))
PY
K="$C/clinic.txt"
sed -i 's/^Logo: .*/Logo: fifo.jpg/; s/^# Photo: .*/Photo: nowhere.jpg/; s/^# Photo text: .*/Photo text: The doctor/' "$K"
M="$C/treatments/calf-slimming.txt"
sed -i 's/^Picture: blue.png/Picture: huge.png/; s/^Picture: red.png/Picture: cut.png/' "$M"
sed -i '/^== How it works ==$/a Picture: blue.png' "$M"
sed -i '/^== Treatment schedule ==$/a Picture text: a text alone' "$M"
ctl check-content "$C" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] || fail "bad pictures should exit 1, not $rc: $(cat "$T/err")"
line() { grep -n "$1" "$2" | head -n 1 | cut -d: -f1; }
cat >"$T/want" <<EOT
$K:$(line '^Logo: ' "$K"): picture 'fifo.jpg' is not a regular file
$K:$(line '^Photo: ' "$K"): picture 'nowhere.jpg' is not in $C nor in $C/images: put the file in one of them
$M:$(line '^Picture: huge' "$M"): picture 'huge.png' has 35.0 megapixels (7000x5000), more than the 24 a picture may have: make it smaller
$M:$(line '^Picture: cut' "$M"): picture 'cut.png' cannot be decoded
$M:$(line '^Picture text: a text alone' "$M"): 'Picture text:' without a picture: put it on the line below a 'Picture:' line
$M:$(line '^Picture: blue' "$M"): picture 'blue.png' needs its text: add a line 'Picture text: what it shows' just below it
$C: 6 problems
EOT
# The decoder's own words follow "cannot be decoded"; compare up to there.
sed 's/\(cannot be decoded\).*/\1/' "$T/err" | grep -v '^libpng' >"$T/got"
diff "$T/want" "$T/got" >&2 || fail "unexpected problems"
exit 0
