#!/bin/sh
# A config for staff tests: an export directory under $TMP and the staff PIN 2468.
set -eu
mkdir -p "$TMP/usb"
printf 'export-dir = %s/usb\n' "$TMP" > "$TMP/kiosk.conf"
printf '2468\n2468\n' | "$KIOSK_BUILD/kioskctl" --config "$TMP/kiosk.conf" set-pin >/dev/null
