# The clinic enquiry kiosk. `make run` starts it, `make test` tests it; both
# install the Debian packages they need first (see `deps`).

BUILD   ?= build
CC      ?= cc
PKGS    := sdl2 SDL2_ttf SDL2_image sqlite3 libsodium libsystemd
DEBS    := gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev \
           libsqlite3-dev libsodium-dev libsystemd-dev
OPT     ?= -O2 -g
CFLAGS  ?=
CPPFLAGS = -Isrc -D_DEFAULT_SOURCE -DKIOSK_VERSION=\"$(VERSION)\" -DKIOSK_DATADIR=\"$(DATADIR)\" \
           -DKIOSK_SYSCONFDIR=\"$(SYSCONFDIR)\" $(shell pkg-config --cflags $(PKGS))
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter -Wno-format-truncation
LDLIBS   = $(shell pkg-config --libs $(PKGS)) -lm
VERSION ?= 0.1.0
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/kiosk
SYSCONFDIR ?= /etc

CORE_SRC := $(filter-out src/kiosk.c src/kioskctl.c,$(wildcard src/*.c src/screens/*.c))
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%) $(BUILD)/tests/dbcheck

.SECONDARY:
.PHONY: all deps run test golden clean install uninstall bench soak fuzz
all: $(BUILD)/kiosk $(BUILD)/kioskctl

# Install what the build needs when pkg-config cannot find it: as root with
# apt-get, else with sudo, else print the exact command and stop.
deps: $(BUILD)/.deps
$(BUILD)/.deps:
	@mkdir -p $(BUILD)
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS); then \
	  echo "installing build dependencies: $(DEBS)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(DEBS); \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y $(DEBS); \
	  else echo "missing packages; run: apt-get install -y $(DEBS)" >&2; exit 1; fi; \
	fi
	@pkg-config --exists $(PKGS) || { echo "pkg-config still cannot find: $(PKGS)" >&2; exit 1; }
	@touch $@

$(BUILD)/obj/%.o: %.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libcore.a: $(CORE_OBJ)
	@rm -f $@ && ar rcs $@ $^

$(BUILD)/kiosk: $(BUILD)/obj/src/kiosk.o $(BUILD)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/kioskctl: $(BUILD)/obj/src/kioskctl.o $(BUILD)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/dbcheck: $(BUILD)/obj/tests/dbcheck.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The kiosk in a 1280x800 window with the repo's content and a local database.
run: all
	@mkdir -p var && chmod 700 var
	$(BUILD)/kiosk --window 1280x800 --content content --db var/kiosk.db \
	  $$( [ -f var/kiosk.conf ] && echo --config var/kiosk.conf )

# Everything headless: unit tests, replay scripts, command-line tests.
test: all $(TEST_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

# Rewrite the reference screenshots in tests/golden (only on purpose).
golden: all $(TEST_BIN)
	@BUILD=$(BUILD) GOLDEN_UPDATE=1 sh tests/run.sh golden

clean:
	rm -rf $(BUILD) tests/out

-include deploy/install.mk
-include $(CORE_OBJ:.o=.d) $(BUILD)/obj/src/kiosk.d $(BUILD)/obj/src/kioskctl.d
