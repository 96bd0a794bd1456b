#!/bin/sh
# kioskctl set-pin reads the PIN twice (from standard input here, as it is not a terminal), refuses
# a PIN that is not 4 to 8 digits or not repeated exactly, and stores only an Argon2id hash of it
# in the config file, keeping the file's other lines.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/kioskctl-set-pin
rm -rf "$T" && mkdir -p "$T"
fail() { echo "kioskctl-set-pin.sh: $*" >&2; exit 1; }
C=$T/kiosk.conf
printf '# the test kiosk\nkiosk-id = test-kiosk\n' >"$C"
cp "$C" "$T/before.conf"

refused() {
    printf "$1" | "$B/kioskctl" --config "$C" set-pin >/dev/null 2>"$T/err"
    rc=$?
    [ "$rc" -eq 1 ] || fail "PIN input '$1': exit $rc, expected 1"
    grep -qF "$2" "$T/err" || fail "PIN input '$1': stderr lacks '$2': $(cat "$T/err")"
    cmp -s "$C" "$T/before.conf" || fail "a refused PIN changed the config"
}
refused '123\n123\n' "the PIN must be 4 to 8 digits"
refused '123456789\n123456789\n' "the PIN must be 4 to 8 digits"
refused '12a4\n12a4\n' "the PIN must be 4 to 8 digits"
refused '1234\n4321\n' "the two PINs differ"
refused '1234\n' "cannot read the PIN"

printf '2580\n2580\n' | "$B/kioskctl" --config "$C" set-pin >"$T/out" 2>"$T/err" || fail "set-pin exited $?: $(cat "$T/err")"
grep -qF "staff PIN set in $C" "$T/out" || fail "set-pin said: $(cat "$T/out")"
grep -q '^staff-pin-hash *= *\$argon2id\$' "$C" || fail "no Argon2id hash in the config: $(cat "$C")"
grep -q '2580' "$C" && fail "the PIN itself is in the config"
grep -q '^kiosk-id = test-kiosk$' "$C" || fail "set-pin lost the config's other lines"
grep -q '^# the test kiosk$' "$C" || fail "set-pin lost the config's comment"
"$B/kioskctl" --config "$C" --db "$T/none.db" status >/dev/null 2>"$T/err"
grep -qF "cannot open" "$T/err" || fail "the config with the hash no longer loads: $(cat "$T/err")"
exit 0
