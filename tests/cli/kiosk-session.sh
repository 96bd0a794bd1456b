#!/bin/sh
# deploy/kiosk-session runs the kiosk inside cage and exits with the kiosk's own status (cage
# 0.1.4 exits 0 whatever happened), so that kiosk.service's RestartPreventExitStatus=3 works.
# A stand-in cage behaves like the real one: runs its application, then exits 0.
set -eu
out=$(mkdir -p "${KIOSK_OUT:-tests/out}/tmp" && cd "${KIOSK_OUT:-tests/out}/tmp" && pwd)/session
rm -rf "$out"
mkdir -p "$out/bin" "$out/run"
fail() { echo "kiosk-session.sh: $*" >&2; exit 1; }

sed "s|@BINDIR@|$out/bin|g" deploy/kiosk-session.in >"$out/kiosk-session"
cat >"$out/bin/cage" <<'CAGE'
#!/bin/sh
[ "$1 $2" = "-d --" ] || { echo "cage: unexpected options $1 $2" >&2; exit 1; }
shift 2
[ -n "${CAGE_FAILS:-}" ] && exit 1
"$@"
exit 0
CAGE
cat >"$out/bin/kiosk" <<'KIOSK'
#!/bin/sh
echo "$XDG_RUNTIME_DIR $*" >"$XDG_RUNTIME_DIR/args"
[ "$KIOSK_EXIT" = kill ] && kill -9 $$
exit "$KIOSK_EXIT"
KIOSK
chmod 755 "$out/bin/cage" "$out/bin/kiosk"

# session KIOSK_EXIT [cage-fails]: runs the session and prints its exit status.
session() {
    rc=0
    PATH="$out/bin:$PATH" RUNTIME_DIRECTORY="$out/run" KIOSK_EXIT=$1 CAGE_FAILS=${2:-} \
        sh "$out/kiosk-session" --config /etc/kiosk/kiosk.conf 2>"$out/stderr" || rc=$?
    echo "$rc"
}

[ "$(session 3)" = 3 ] || fail "the staff exit (3) did not come out as 3"
[ "$(session 0)" = 0 ] || fail "a clean exit did not come out as 0"
[ "$(session 1)" = 1 ] || fail "an error exit did not come out as 1"
[ "$(session kill)" = 137 ] || fail "a killed kiosk did not come out as 137"
[ "$(cat "$out/run/args")" = "$out/run --config /etc/kiosk/kiosk.conf" ] ||
    fail "the kiosk got '$(cat "$out/run/args")', not the runtime directory and its options"
[ "$(session 3 cage-fails)" = 1 ] || fail "cage failing before the kiosk ran did not come out as 1"
grep -q 'the kiosk did not run' "$out/stderr" || fail "no message when the kiosk did not run"
rc=0
env -u RUNTIME_DIRECTORY sh "$out/kiosk-session" 2>"$out/stderr" || rc=$?
if [ "$rc" = 0 ] || ! grep -q RUNTIME_DIRECTORY "$out/stderr"; then fail "no error without RUNTIME_DIRECTORY"; fi
echo "kiosk-session.sh: ok"
