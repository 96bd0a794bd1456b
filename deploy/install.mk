# `make install` and `make uninstall`, included by the Makefile. Both honour PREFIX and DESTDIR;
# the directories below can each be overridden too (e.g. UNITDIR=/etc/systemd/system).
# Files named *.in are templates: @BINDIR@, @LIBEXECDIR@ and @SYSCONFDIR@ become the real paths.
# Besides the programs and units, it closes the way to a text console: a logind drop-in
# (NAutoVTs=0, ReserveVT=0) and a mask of the getty on the kiosk's console, tty1.

BINDIR      ?= $(PREFIX)/bin
LIBEXECDIR  ?= $(PREFIX)/libexec/kiosk
CONFDIR     ?= $(SYSCONFDIR)/kiosk
UNITDIR     ?= /lib/systemd/system
SYSUSERSDIR ?= /usr/lib/sysusers.d
TMPFILESDIR ?= /usr/lib/tmpfiles.d
LOGINDDIR   ?= /usr/lib/systemd/logind.conf.d
# Where the mask of the kiosk console's getty goes, as `systemctl mask` would put it.
UNITCONFDIR ?= $(SYSCONFDIR)/systemd/system
KIOSK_GETTY := getty@tty1.service
INSTALL     ?= install

DEPLOY_UNITS := kiosk.service kiosk-export.service kiosk-export.timer kiosk-sync.service
DEPLOY_DATA  := $(wildcard assets) content    # fonts come from Debian's packages, not from here
DEPLOY_SED    = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' \
                    -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g'
# True when installing onto this very machine as root: then the user, directories and units go live.
DEPLOY_LIVE   = [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]

install: all
	$(INSTALL) -d -m 0755 '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(LIBEXECDIR)' '$(DESTDIR)$(DATADIR)' \
	  '$(DESTDIR)$(UNITDIR)' '$(DESTDIR)$(SYSUSERSDIR)' '$(DESTDIR)$(TMPFILESDIR)' \
	  '$(DESTDIR)$(LOGINDDIR)' '$(DESTDIR)$(UNITCONFDIR)'
	$(INSTALL) -m 0755 $(BUILD)/kiosk $(BUILD)/kioskctl '$(DESTDIR)$(BINDIR)'
	for s in kiosk-session kiosk-blank-vt; do \
	  $(DEPLOY_SED) deploy/$$s.in >'$(DESTDIR)$(LIBEXECDIR)'/$$s && chmod 0755 '$(DESTDIR)$(LIBEXECDIR)'/$$s; done
	$(INSTALL) -m 0755 $(BUILD)/kiosk-picture '$(DESTDIR)$(LIBEXECDIR)/kiosk-picture'
	find $(DEPLOY_DATA) -type d -exec sh -c 'for d; do $(INSTALL) -d -m 0755 "$$0/$$d"; done' \
	  '$(DESTDIR)$(DATADIR)' {} +
	find $(DEPLOY_DATA) -type f -exec sh -c 'for f; do $(INSTALL) -m 0644 "$$f" "$$0/$$f"; done' \
	  '$(DESTDIR)$(DATADIR)' {} +
	$(INSTALL) -m 0644 deploy/kiosk.conf.example '$(DESTDIR)$(DATADIR)/kiosk.conf.example'
	for u in $(DEPLOY_UNITS); do \
	  if [ -f deploy/$$u.in ]; then $(DEPLOY_SED) deploy/$$u.in >'$(DESTDIR)$(UNITDIR)'/$$u; \
	  else cp deploy/$$u '$(DESTDIR)$(UNITDIR)'/$$u; fi; \
	  chmod 0644 '$(DESTDIR)$(UNITDIR)'/$$u; done
	$(INSTALL) -m 0644 deploy/sysusers.d/kiosk.conf '$(DESTDIR)$(SYSUSERSDIR)/kiosk.conf'
	$(DEPLOY_SED) deploy/tmpfiles.d/kiosk.conf.in >'$(DESTDIR)$(TMPFILESDIR)/kiosk.conf'
	chmod 0644 '$(DESTDIR)$(TMPFILESDIR)/kiosk.conf'
	@# No console to log in on: logind starts no getty on other consoles, and the kiosk's own
	@# (tty1) has its getty masked, unless the clinic put a unit of its own there.
	$(INSTALL) -m 0644 deploy/logind.conf.d/kiosk.conf '$(DESTDIR)$(LOGINDDIR)/kiosk.conf'
	if [ ! -e '$(DESTDIR)$(UNITCONFDIR)/$(KIOSK_GETTY)' ] || [ -L '$(DESTDIR)$(UNITCONFDIR)/$(KIOSK_GETTY)' ]; then \
	  ln -sfn /dev/null '$(DESTDIR)$(UNITCONFDIR)/$(KIOSK_GETTY)'; \
	else echo "kept $(DESTDIR)$(UNITCONFDIR)/$(KIOSK_GETTY), a unit of the clinic's own: a getty may run on tty1" >&2; fi
	$(INSTALL) -d -m 0750 '$(DESTDIR)$(CONFDIR)'
	@# The clinic's own config is never overwritten.
	if [ ! -e '$(DESTDIR)$(CONFDIR)/kiosk.conf' ]; then \
	  $(INSTALL) -m 0640 deploy/kiosk.conf.example '$(DESTDIR)$(CONFDIR)/kiosk.conf'; fi
	@if $(DEPLOY_LIVE); then \
	  echo "creating the kiosk user and its directories"; \
	  systemd-sysusers '$(SYSUSERSDIR)/kiosk.conf' && \
	  systemd-tmpfiles --create '$(TMPFILESDIR)/kiosk.conf' || exit 1; \
	  if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	  echo "installed; to start the kiosk at boot: systemctl enable --now kiosk.service"; \
	fi

uninstall:
	@if $(DEPLOY_LIVE) && [ -d /run/systemd/system ]; then \
	  systemctl disable --now $(DEPLOY_UNITS) 2>/dev/null || :; fi
	rm -f '$(DESTDIR)$(BINDIR)/kiosk' '$(DESTDIR)$(BINDIR)/kioskctl' \
	  '$(DESTDIR)$(LIBEXECDIR)/kiosk-session' '$(DESTDIR)$(LIBEXECDIR)/kiosk-blank-vt' \
	  '$(DESTDIR)$(LIBEXECDIR)/kiosk-picture' \
	  '$(DESTDIR)$(DATADIR)/kiosk.conf.example' \
	  '$(DESTDIR)$(SYSUSERSDIR)/kiosk.conf' '$(DESTDIR)$(TMPFILESDIR)/kiosk.conf' '$(DESTDIR)$(LOGINDDIR)/kiosk.conf'
	@# The getty mask goes only if it is ours (a link to /dev/null).
	if [ "$$(readlink '$(DESTDIR)$(UNITCONFDIR)/$(KIOSK_GETTY)')" = /dev/null ]; then \
	  rm -f '$(DESTDIR)$(UNITCONFDIR)/$(KIOSK_GETTY)'; fi
	for u in $(DEPLOY_UNITS); do rm -f '$(DESTDIR)$(UNITDIR)'/$$u; done
	find $(DEPLOY_DATA) -type f -exec sh -c 'for f; do rm -f "$$0/$$f"; done' '$(DESTDIR)$(DATADIR)' {} +
	@# Directories go only when empty: nothing the clinic added is removed.
	find $(DEPLOY_DATA) -depth -type d -exec sh -c 'for d; do rmdir "$$0/$$d" 2>/dev/null || :; done' \
	  '$(DESTDIR)$(DATADIR)' {} +
	rmdir '$(DESTDIR)$(DATADIR)' '$(DESTDIR)$(LIBEXECDIR)' '$(DESTDIR)$(LOGINDDIR)' 2>/dev/null || :
	@if $(DEPLOY_LIVE) && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "kept $(DESTDIR)$(CONFDIR)/kiosk.conf and the requests database in /var/lib/kiosk;" \
	  "remove them by hand once every request is exported"
