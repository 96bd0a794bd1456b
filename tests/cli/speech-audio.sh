#!/bin/sh
# Read aloud is heard: with SDL's disk audio driver the kiosk's sound goes into a file, which must
# hold speech (loud in much of it, in the voice's range) and the idle warning's tone (880 Hz then
# 660 Hz); a visit with Read aloud off must make no sound at all (the device is not even opened).
set -u
B=${KIOSK_BUILD:-build}
OUT=${KIOSK_OUT:-tests/out}
T="$OUT/tmp/speech-audio"
rm -rf "$T" && mkdir -p "$T"

# SDL_DISKAUDIODELAY: each 23 ms buffer is written after 3 ms, so the test runs faster than speech.
run() {
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$T/$1.raw" SDL_DISKAUDIODELAY=3 \
        "$B/kiosk" --replay "tests/replay/lib/speech-$1.replay" --content content --db "$T/$1.db" \
        --trace >"$T/$1.out" 2>"$T/$1.err" || { echo "speech-$1.replay failed:"; cat "$T/$1.err"; exit 1; }
}
run audio
run silent

python3 - "$T/audio.raw" "$T/silent.raw" <<'PY' || exit 1
import array, math, os, sys

RATE = 22050
def samples(path):
    a = array.array('h')
    if os.path.exists(path):
        with open(path, 'rb') as f:
            a.frombytes(f.read())
    return a

def goertzel(x, hz):
    k = 2 * math.cos(2 * math.pi * hz / RATE)
    s1 = s2 = 0.0
    for v in x:
        s1, s2 = v + k * s1 - s2, s1
    return math.sqrt(max(s1 * s1 + s2 * s2 - k * s1 * s2, 0)) / len(x)

a = samples(sys.argv[1])
win = RATE // 50                                     # 20 ms
rms = [math.sqrt(sum(v * v for v in a[i:i + win]) / win) for i in range(0, len(a) - win, win)]
loud = sum(1 for r in rms if r > 300)
print("audio: %.1f s, %d of %d windows loud, peak %d" % (len(a) / RATE, loud, len(rms), max(map(abs, a)) if a else 0))
if len(a) < 3 * RATE or loud < 100 or loud < len(rms) // 5:
    sys.exit("the speech is not in the sound file (silence or too little of it)")
# Speech is not one steady tone: its loudness varies a lot from window to window.
if max(rms) < 4 * (sorted(rms)[len(rms) // 2] + 1):
    sys.exit("the sound does not vary as speech does")
# The tone: some 100 ms is almost all 880 Hz, and soon after another almost all 660 Hz.
tone = {}
for hz in (880, 660):
    for i in range(0, len(a) - 2205, 1102):
        x = a[i:i + 2205]
        e = math.sqrt(sum(v * v for v in x) / len(x))
        if e > 1000 and goertzel(x, hz) > 0.6 * e:
            tone[hz] = i
            break
print("tone: 880 Hz at %s, 660 Hz at %s" % (tone.get(880), tone.get(660)))
if 880 not in tone or 660 not in tone or not 0 < tone[660] - tone[880] < RATE:
    sys.exit("the idle warning's tone is not in the sound file")
s = samples(sys.argv[2])
noise = sum(1 for v in s if abs(v) > 64)
print("silent: %.1f s of sound, %d samples not silent" % (len(s) / RATE, noise))
if noise:
    sys.exit("a visit with Read aloud off made sound")
PY
for f in audio silent; do
    grep -v -e 'disk i/o audio driver' -e 'Writing to file' "$T/$f.err" | grep . && { echo "$f: unexpected stderr"; exit 1; }
done
grep -q '^say Read aloud is on' "$T/audio.out" || { echo "no 'say Read aloud is on' in the trace"; exit 1; }
! grep -q '^say ' "$T/silent.out" || { echo "the silent visit said something"; exit 1; }
echo "speech-audio: ok"
