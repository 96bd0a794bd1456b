#!/bin/sh
# The README's commands work on a fresh Debian 12, which has no sudo: no command in the README,
# content/README.md or the deployment files runs sudo (the Makefile's own fallback to it, which
# the quick start describes, is not a command for staff), and the form they use instead,
# `runuser -u kiosk -- kioskctl ...`, runs kioskctl as another user (here nobody, as root).
set -u
B=${KIOSK_BUILD:-build}
fail() { echo "readme-commands.sh: $*" >&2; exit 1; }

found=$(grep -n 'sudo -u\|sudo kioskctl\|sudo -i\|`sudo ' README.md content/README.md deploy/* 2>/dev/null |
        grep -v 'as root, else `sudo`' | grep -v 'installs no `sudo`')
[ -z "$found" ] || fail "commands that need sudo: $found"
grep -q 'runuser -u kiosk -- kioskctl' README.md || fail "the README does not say how to run kioskctl as kiosk"

command -v runuser >/dev/null 2>&1 || fail "runuser is missing (util-linux)"
if [ "$(id -u)" = 0 ]; then
    out=$(runuser -u nobody -- "$(cd "$(dirname "$B/kioskctl")" && pwd)/kioskctl" --version 2>&1) ||
        fail "runuser -u nobody -- kioskctl --version failed: $out"
    echo "$out" | grep -q '^kioskctl ' || fail "unexpected output: $out"
else
    echo "note: not root, runuser itself not tried"
fi
echo "readme-commands.sh: ok"
