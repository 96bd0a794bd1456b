#!/bin/sh
# Fonts come from fontconfig: without Noto Sans the kiosk still starts, on fontconfig's nearest
# font, and says which package is missing; with no font at all it stops with a clear message.
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
T="$OUT/tmp/fonts-missing"
rm -rf "$T" && mkdir -p "$T/fonts" "$T/none" "$T/cache"
T=$(cd "$T" && pwd)
fail() { echo "fonts-missing.sh: $*" >&2; exit 1; }

# A font configuration of one folder, and its own cache.
conf() {
    cat >"$T/$1.conf" <<END
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>$T/$1</dir><cachedir>$T/cache</cachedir></fontconfig>
END
}
conf fonts
conf none
ln -s /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf "$T/fonts/" || fail "no Noto Serif to stand in"
printf 'expect-screen attract\ntap "Touch to start"\nexpect-screen home\n' >"$T/walk.replay"

FONTCONFIG_FILE="$T/fonts.conf" SDL_VIDEODRIVER=dummy "$B/kiosk" --replay "$T/walk.replay" --content content \
    --db "$T/a.db" >"$T/stand-in.out" 2>"$T/stand-in.err" || { cat "$T/stand-in.err"; fail "the kiosk did not run on a stand-in font"; }
grep -q "the font 'Noto Sans' is not installed (Debian package fonts-noto-core); using 'Noto Serif'" "$T/stand-in.err" ||
    { cat "$T/stand-in.err"; fail "no warning about the missing font"; }

FONTCONFIG_FILE="$T/none.conf" SDL_VIDEODRIVER=dummy "$B/kiosk" --replay "$T/walk.replay" --content content \
    --db "$T/b.db" >"$T/none.out" 2>"$T/none.err"
rc=$?
[ "$rc" -eq 1 ] || fail "with no font at all the kiosk exited $rc, not 1"
grep -q "cannot find the font 'Noto Sans' or any other (Debian package fonts-noto-core)" "$T/none.err" ||
    { cat "$T/none.err"; fail "no clear message without fonts"; }
echo "fonts-missing.sh: ok"
