#!/bin/sh
# Content that is not a regular file (a FIFO named like a treatment file or as wording.txt, a device as clinic.txt)
# is refused with "FILE: not a regular file" and never waited on: by kioskctl check-content, by
# the kiosk at start (out-of-order), and by the staff screen's "Check content" when the FIFO
# appears while the kiosk runs. Each run is under `timeout`, so a hang fails instead of hanging.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/content-not-regular
rm -rf "$T" && mkdir -p "$T/shots"
fail() { echo "content-not-regular.sh: $*" >&2; exit 1; }
export SDL_VIDEODRIVER=dummy

cp -r content "$T/fifo" && mkfifo "$T/fifo/treatments/fifo.txt" || fail "cannot make the FIFO"
timeout 20 "$B/kioskctl" check-content "$T/fifo" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -ne 124 ] || fail "check-content waited on the FIFO"
[ "$rc" -eq 1 ] || fail "check-content exited $rc, expected 1: $(cat "$T/err")"
grep -qxF "$T/fifo/treatments/fifo.txt: not a regular file" "$T/err" || fail "check-content said: $(cat "$T/err")"

cp -r content "$T/device" && rm "$T/device/clinic.txt" && ln -s /dev/zero "$T/device/clinic.txt"
timeout 20 "$B/kioskctl" check-content "$T/device" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "check-content accepted /dev/zero as clinic.txt"
grep -qxF "$T/device/clinic.txt: not a regular file" "$T/err" || fail "check-content said: $(cat "$T/err")"

cp -r content "$T/words" && rm "$T/words/wording.txt" && mkfifo "$T/words/wording.txt"
timeout 20 "$B/kioskctl" check-content "$T/words" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -ne 124 ] || fail "check-content waited on wording.txt, a FIFO"
grep -qxF "$T/words/wording.txt: not a regular file" "$T/err" || fail "check-content said: $(cat "$T/err")"

printf 'expect-screen out-of-order\n' >"$T/ooo.replay"
timeout 30 "$B/kiosk" --replay "$T/ooo.replay" --content "$T/fifo" --db "$T/k1.db" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -ne 124 ] || fail "the kiosk waited on the FIFO at start"
[ "$rc" -eq 0 ] || fail "the kiosk exited $rc: $(cat "$T/err")"
grep -qF "kiosk: $T/fifo/treatments/fifo.txt: not a regular file" "$T/err" || fail "the kiosk said: $(cat "$T/err")"

# The staff screen: the FIFO appears once the kiosk runs (after its shot "started" is written).
cp -r content "$T/later"
TMP=$T KIOSK_BUILD=$B sh tests/replay/lib/staff-setup.sh || fail "staff setup failed"
cat >"$T/staff.replay" <<'EOF'
shot started
sleep 1.5
hold-at 30 30 3
tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"
expect-screen staff
tap "Check content"
expect-text "not a regular file"
expect-screen staff
EOF
(
    i=0
    while [ ! -f "$T/shots/started.png" ] && [ "$i" -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
    mkfifo "$T/later/treatments/later.txt"
) &
timeout 60 "$B/kiosk" --replay "$T/staff.replay" --shots "$T/shots" --config "$T/kiosk.conf" --content "$T/later" \
    --db "$T/k2.db" >"$T/out" 2>"$T/err"
rc=$?
wait
[ "$rc" -ne 124 ] || fail "\"Check content\" waited on the FIFO"
[ "$rc" -eq 0 ] || fail "the staff replay exited $rc: $(cat "$T/err")"
echo "content-not-regular.sh: ok"
