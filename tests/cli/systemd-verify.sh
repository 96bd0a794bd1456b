#!/bin/sh
# `systemd-analyze verify` on the installed units (with their ExecStart= pointed at the DESTDIR
# copies, so the check that each command exists is real), and the hardening exposure of each
# service from `systemd-analyze security` against the README's target of 3.0 or less.
# Skips with a message where systemd-analyze or systemd's own units are missing.
set -eu
command -v systemd-analyze >/dev/null 2>&1 || { echo "skip: systemd-analyze not found"; exit 0; }
if [ ! -f /lib/systemd/system/sysinit.target ] && [ ! -f /usr/lib/systemd/system/sysinit.target ]; then
    echo "skip: systemd's units (sysinit.target) are not installed here"
    exit 0
fi
out=$(mkdir -p "${KIOSK_OUT:-tests/out}/tmp" && cd "${KIOSK_OUT:-tests/out}/tmp" && pwd)
dest=$out/verify
units=$out/verify-units
rm -rf "$dest" "$units"
mkdir -p "$units"
fail() { echo "systemd-verify.sh: $*" >&2; exit 1; }

make -s BUILD="${KIOSK_BUILD:-build}" install DESTDIR="$dest" PREFIX=/usr/local >"$out/verify.log" 2>&1 ||
    { cat "$out/verify.log"; fail "make install failed"; }
for u in kiosk.service kiosk-export.service kiosk-export.timer kiosk-sync.service; do
    sed -E "s#^(Exec[A-Za-z]+=[-@:+!]*)/usr/local/#\1$dest/usr/local/#" "$dest/lib/systemd/system/$u" >"$units/$u"
done

# verify exits 0 on unknown keys and bad values too, so any output is a failure.
report=$(systemd-analyze verify --man=no "$units"/* 2>&1) || fail "systemd-analyze verify failed: $report"
[ -z "$report" ] || fail "systemd-analyze verify complained: $report"

if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
    for u in kiosk.service kiosk-export.service kiosk-sync.service; do
        level=$(systemd-analyze security --offline=true "$units/$u" 2>/dev/null |
                sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
        [ -n "$level" ] || fail "no exposure level for $u"
        echo "$u: exposure $level"
        awk -v l="$level" 'BEGIN { exit !(l <= 3.0) }' || fail "$u: exposure $level is above 3.0"
    done
else
    echo "note: this systemd-analyze has no --offline; exposure not checked"
fi
echo "systemd-verify.sh: ok"
