#!/bin/sh
# Only the sync process touches the network: the kiosk's binary and libcore.a link neither libcurl
# nor libpq (their network code is in libsync.a, linked into kioskctl alone), and of the installed
# units only kiosk-sync.service may use the network.
set -u
B=${KIOSK_BUILD:-build}
T=${KIOSK_OUT:-tests/out}/tmp/sync-network-isolation
rm -rf "$T" && mkdir -p "$T"
fail() { echo "sync-network-isolation.sh: $*" >&2; exit 1; }

ldd "$B/kiosk" | grep -E 'libcurl|libpq' && fail "the kiosk links libcurl or libpq"
ldd "$B/kioskctl" | grep -q libcurl || fail "kioskctl does not link libcurl"
nm -u "$B/libcore.a" 2>/dev/null | grep -E ' (curl_|PQ)' && fail "libcore.a calls libcurl or libpq"
nm "$B/kiosk" | grep -E ' (curl_|PQ)' && fail "the kiosk holds libcurl or libpq code"
for f in src/*.c src/screens/*.c; do
    case $f in src/sync*.c) continue;; esac
    grep -lE '#include <(curl/|libpq)' "$f" && fail "$f includes libcurl or libpq: only src/sync*.c may"
done

make -s BUILD="$B" install DESTDIR="$T/dest" PREFIX=/usr/local >"$T/install.log" 2>&1 ||
    { cat "$T/install.log"; fail "make install failed"; }
units="$T/dest/lib/systemd/system"
[ -f "$units/kiosk-sync.service" ] || fail "make install did not install kiosk-sync.service"
for u in "$units"/*.service; do
    name=${u##*/}
    if [ "$name" = kiosk-sync.service ]; then
        grep -q '^PrivateNetwork=yes' "$u" && fail "kiosk-sync.service has no network"
        grep -q '^ExecStart=/usr/local/bin/kioskctl --config /etc/kiosk/kiosk.conf sync$' "$u" ||
            fail "kiosk-sync.service does not run kioskctl sync: $(grep ExecStart "$u")"
        continue
    fi
    grep -q '^PrivateNetwork=yes' "$u" && grep -q '^IPAddressDeny=any' "$u" ||
        fail "$name may use the network: only kiosk-sync.service may"
done
grep -q '^InaccessiblePaths=-/etc/kiosk/sync-secret$' "$units/kiosk.service" ||
    fail "the kiosk's unit can read the sync's secret"
echo "sync-network-isolation: only kioskctl links libcurl and libpq, only kiosk-sync.service has network"
