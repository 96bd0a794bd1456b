#!/bin/sh
# `make install DESTDIR=...` lays out the expected tree with the right modes, fills in the paths
# of the unit templates from PREFIX, keeps an existing config; `make uninstall` removes what it
# installed and nothing else. The installed lockdown: logind's drop-in (no getty on any other
# console, none in reserve, as systemd itself reads the drop-in directories), the kiosk
# console's getty masked, and the console left blank whenever the kiosk stops.
set -eu
out=$(mkdir -p "${KIOSK_OUT:-tests/out}/tmp" && cd "${KIOSK_OUT:-tests/out}/tmp" && pwd)
dest=$out/install
log=$out/install.log
rm -rf "$dest"

fail() { echo "install.sh: $*" >&2; exit 1; }
run_make() { make -s BUILD="${KIOSK_BUILD:-build}" "$@" >"$log" 2>&1 || { cat "$log"; fail "make $* failed"; }; }
# mode_is MODE PATH: PATH exists under DESTDIR with octal MODE.
mode_is() {
    [ -e "$dest$2" ] || fail "$2 was not installed"
    got=$(stat -c %a "$dest$2")
    [ "$got" = "$1" ] || fail "$2 has mode $got, expected $1"
}

run_make install DESTDIR="$dest" PREFIX=/usr/local

mode_is 755 /usr/local/bin/kiosk
mode_is 755 /usr/local/bin/kioskctl
mode_is 755 /usr/local/libexec/kiosk/kiosk-session
mode_is 755 /usr/local/libexec/kiosk/kiosk-picture
mode_is 755 /usr/local/libexec/kiosk/kiosk-blank-vt
mode_is 644 /usr/lib/systemd/logind.conf.d/kiosk.conf
mode_is 644 /lib/systemd/system/kiosk.service
mode_is 644 /lib/systemd/system/kiosk-export.service
mode_is 644 /lib/systemd/system/kiosk-export.timer
mode_is 644 /lib/systemd/system/kiosk-sync.service
mode_is 644 /usr/lib/sysusers.d/kiosk.conf
mode_is 644 /usr/lib/tmpfiles.d/kiosk.conf
mode_is 750 /etc/kiosk
mode_is 640 /etc/kiosk/kiosk.conf
mode_is 644 /usr/local/share/kiosk/kiosk.conf.example
data=content
if [ -d assets ]; then data="assets content"; fi
find $data -type f >"$out/install-files"
find $data -type d >"$out/install-dirs"
[ -s "$out/install-files" ] || fail "no assets or content files to install"
[ ! -e "$dest/usr/local/share/kiosk/assets/fonts" ] || fail "fonts were copied; they come from Debian's packages"
while read -r f; do mode_is 644 "/usr/local/share/kiosk/$f"; done <"$out/install-files"
while read -r d; do mode_is 755 "/usr/local/share/kiosk/$d"; done <"$out/install-dirs"
cmp -s deploy/kiosk.conf.example "$dest/etc/kiosk/kiosk.conf" || fail "/etc/kiosk/kiosk.conf is not the example"

grep -q '^ExecStart=/usr/local/libexec/kiosk/kiosk-session --config /etc/kiosk/kiosk.conf$' \
    "$dest/lib/systemd/system/kiosk.service" || fail "kiosk.service does not start the installed session"
grep -q '/usr/local/bin/kiosk "\$@"' "$dest/usr/local/libexec/kiosk/kiosk-session" ||
    fail "kiosk-session does not run the installed kiosk"
# The lockdown, as systemd reads it.
dropin=$dest/usr/lib/systemd/logind.conf.d/kiosk.conf
[ "$(grep -v '^#' "$dropin" | grep -v '^$')" = "$(printf '[Login]\nNAutoVTs=0\nReserveVT=0')" ] ||
    fail "the logind drop-in holds: $(cat "$dropin")"
if command -v systemd-analyze >/dev/null 2>&1; then
    systemd-analyze cat-config --root="$dest" systemd/logind.conf >"$out/logind.txt" 2>&1 ||
        fail "systemd-analyze cat-config failed: $(cat "$out/logind.txt")"
    grep -qF "# $dest/usr/lib/systemd/logind.conf.d/kiosk.conf" "$out/logind.txt" &&
        grep -qx 'NAutoVTs=0' "$out/logind.txt" && grep -qx 'ReserveVT=0' "$out/logind.txt" ||
        fail "logind does not read the drop-in: $(cat "$out/logind.txt")"
fi
[ "$(readlink "$dest/etc/systemd/system/getty@tty1.service")" = /dev/null ] || fail "getty@tty1.service is not masked"
if command -v systemctl >/dev/null 2>&1; then
    state=$(systemctl --root="$dest" is-enabled getty@tty1.service 2>&1) || :
    [ "$state" = masked ] || fail "systemctl says getty@tty1.service is $state, not masked"
fi
grep -q '^ExecStopPost=-+/usr/local/libexec/kiosk/kiosk-blank-vt /dev/tty1$' "$dest/lib/systemd/system/kiosk.service" ||
    fail "kiosk.service does not blank its console when it stops"
"$dest/usr/local/libexec/kiosk/kiosk-blank-vt" "$out/console" || fail "kiosk-blank-vt failed"
# ESC [H (home), ESC [2J (clear), ESC [3J (clear the scrollback), ESC [?25l (hide the cursor)
[ "$(od -An -tx1 "$out/console" | tr -d ' \n')" = 1b5b481b5b324a1b5b334a1b5b3f32356c ] ||
    fail "kiosk-blank-vt wrote: $(od -An -c "$out/console")"
"$dest/usr/local/libexec/kiosk/kiosk-blank-vt" "$out/no/such/console" 2>"$out/blank.err" ||
    fail "kiosk-blank-vt fails the service's stop when the console cannot be written"
grep -q "cannot write to $out/no/such/console" "$out/blank.err" || fail "kiosk-blank-vt said: $(cat "$out/blank.err")"

if grep -rlI '@[A-Z]*@' "$dest"/lib "$dest"/usr/lib "$dest"/usr/local/libexec; then   # text files: a binary may hold @@
    fail "template placeholders left in the files above"
fi

# The installed kiosk runs on the installed fonts, content and config alone: the installed
# clinic name is changed so that the replay can only pass on the installed content.
# The installed logo shows in place of the name: its words say which clinic it is.
sed -i 's/^Name: .*/Name: Installed Test Clinic/; s/^Logo text: .*/Logo text: Installed Test Clinic/' \
    "$dest/usr/local/share/kiosk/content/clinic.txt"
SDL_VIDEODRIVER=dummy "$dest/usr/local/bin/kiosk" --replay tests/replay/lib/installed.replay \
    --config "$dest/etc/kiosk/kiosk.conf" --db "$out/installed.db" >"$out/installed.log" 2>&1 ||
    { cat "$out/installed.log"; fail "the installed kiosk failed tests/replay/lib/installed.replay"; }
"$dest/usr/local/bin/kioskctl" check-content "$dest/usr/local/share/kiosk/content" >/dev/null 2>&1 ||
    fail "the installed content does not pass check-content"

# The clinic's config survives a reinstall; the units follow another PREFIX.
echo "kiosk-id = desk-9" >>"$dest/etc/kiosk/kiosk.conf"
run_make install DESTDIR="$dest" PREFIX=/opt/kiosk
grep -q '^kiosk-id = desk-9$' "$dest/etc/kiosk/kiosk.conf" || fail "reinstall overwrote /etc/kiosk/kiosk.conf"
grep -q '^ExecStart=/opt/kiosk/libexec/kiosk/kiosk-session ' "$dest/lib/systemd/system/kiosk.service" ||
    fail "kiosk.service does not follow PREFIX=/opt/kiosk"
grep -q 'exec /opt/kiosk/bin/kioskctl ' "$dest/lib/systemd/system/kiosk-export.service" ||
    fail "kiosk-export.service does not follow PREFIX=/opt/kiosk"
mode_is 755 /opt/kiosk/bin/kiosk
run_make uninstall DESTDIR="$dest" PREFIX=/opt/kiosk
left=$(find "$dest/opt/kiosk" ! -type d)
[ -z "$left" ] || fail "uninstall left $left"

# A file the clinic added to the content folder survives uninstall, and so does its config.
echo "added by the clinic" >"$dest/usr/local/share/kiosk/content/notes.txt"
run_make uninstall DESTDIR="$dest" PREFIX=/usr/local
for f in /usr/local/bin/kiosk /usr/local/bin/kioskctl /usr/local/libexec/kiosk \
         /usr/lib/systemd/logind.conf.d/kiosk.conf /etc/systemd/system/getty@tty1.service \
         /lib/systemd/system/kiosk.service /lib/systemd/system/kiosk-export.service \
         /lib/systemd/system/kiosk-export.timer /lib/systemd/system/kiosk-sync.service /usr/lib/sysusers.d/kiosk.conf \
         /usr/lib/tmpfiles.d/kiosk.conf /usr/local/share/kiosk/assets \
         /usr/local/share/kiosk/kiosk.conf.example; do
    [ ! -e "$dest$f" ] || fail "uninstall left $f"
done
[ -f "$dest/usr/local/share/kiosk/content/notes.txt" ] || fail "uninstall removed a file it did not install"
[ -f "$dest/etc/kiosk/kiosk.conf" ] || fail "uninstall removed the clinic's config"

# A getty@tty1.service of the clinic's own is neither replaced by install nor removed by uninstall.
printf '[Service]\nExecStart=/bin/true\n' >"$dest/etc/systemd/system/getty@tty1.service"
run_make install DESTDIR="$dest" PREFIX=/usr/local
[ -f "$dest/etc/systemd/system/getty@tty1.service" ] && [ ! -L "$dest/etc/systemd/system/getty@tty1.service" ] ||
    fail "install replaced the clinic's own getty@tty1.service"
grep -q "kept .*getty@tty1.service" "$log" || fail "install did not say it kept the clinic's getty@tty1.service"
run_make uninstall DESTDIR="$dest" PREFIX=/usr/local
grep -q '^ExecStart=/bin/true$' "$dest/etc/systemd/system/getty@tty1.service" ||
    fail "uninstall removed the clinic's own getty@tty1.service"
echo "install.sh: ok"
