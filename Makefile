# The clinic enquiry kiosk. `make run` starts it, `make test` tests it; both
# install the Debian packages they need first (see `deps`).

BUILD   ?= build
CC      ?= cc
PKGS    := sdl2 SDL2_ttf SDL2_image libdeflate sqlite3 libsodium libsystemd xlsxwriter \
           harfbuzz fribidi libunibreak libthai fontconfig espeak-ng
DEBS    := gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libdeflate-dev \
           libsqlite3-dev libsodium-dev libsystemd-dev libxlsxwriter-dev librsvg2-bin \
           libharfbuzz-dev libfribidi-dev libunibreak-dev libthai-dev libfontconfig-dev \
           fonts-noto-core fonts-noto-cjk libcurl4-openssl-dev libpq-dev \
           libespeak-ng-dev espeak-ng-data
# The fonts the kiosk draws with, found through fontconfig (src/fonts.c).
FONT_FILES := /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# eSpeak NG's voices (Read aloud), which libespeak-ng-dev alone does not bring.
ESPEAK_DATA := /usr/lib/*/espeak-ng-data/phontab
# kioskctl sync alone touches the network: libcurl and libpq link into it, never into the kiosk.
SYNC_PKGS := libcurl libpq
TEST_DEBS := clang libclang-rt-14-dev valgrind python3-openpyxl postgresql openssl python3
OPT     ?= -O2 -g
CFLAGS  ?=
CPPFLAGS = -Isrc -D_DEFAULT_SOURCE -DKIOSK_VERSION=\"$(VERSION)\" -DKIOSK_DATADIR=\"$(DATADIR)\" \
           -DKIOSK_SYSCONFDIR=\"$(SYSCONFDIR)\" -DKIOSK_LIBEXECDIR=\"$(LIBEXECDIR)\" \
           $(shell pkg-config --cflags $(PKGS))
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter -Wno-format-truncation
# src/export_xlsx.c's stand-in for minizip's zipOpenNewFileInZip4_64 (the .xlsx's zlib level:
# libxlsxwriter 1.1.4 has no option for it) must be in each program's dynamic symbols for
# libxlsxwriter's call to reach it; a program without export_xlsx.o exports nothing by it.
XLSX_LEVEL_LDFLAGS := -Wl,--export-dynamic-symbol=zipOpenNewFileInZip4_64
LDLIBS   = $(shell pkg-config --libs $(PKGS)) -lm -pthread $(XLSX_LEVEL_LDFLAGS)
# The kiosk opens SDL2_image and libxlsxwriter when it first needs them (src/platform_imglib.c,
# src/export_xlsx.c), rather than linking them: what they pull in (libstdc++, libcrypto, the
# image libraries) would cost 3 MiB of its resident memory from the start.
KIOSK_LDLIBS = $(shell pkg-config --libs $(filter-out SDL2_image xlsxwriter,$(PKGS))) -lm -pthread $(XLSX_LEVEL_LDFLAGS)
VERSION ?= 0.1.0
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/kiosk
SYSCONFDIR ?= /etc

SYNC_SRC := $(wildcard src/sync*.c)
SYNC_OBJ := $(SYNC_SRC:%.c=$(BUILD)/obj/%.o)
SYNC_LIBS = $(shell pkg-config --libs $(SYNC_PKGS))
CORE_SRC := $(filter-out src/kiosk.c src/kioskctl.c src/kiosk_picture.c $(SYNC_SRC),$(wildcard src/*.c src/screens/*.c))
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%) $(BUILD)/tests/dbcheck $(BUILD)/tools/submit

.SECONDARY:
.PHONY: all deps run test golden clean install uninstall bench soak fuzz screenshots art
all: $(BUILD)/kiosk $(BUILD)/kioskctl $(BUILD)/kiosk-picture art

# The sample content's pictures, drawn for it as SVG (assets/art/) and rendered to PNG with
# librsvg's rsvg-convert: content/images/*.png are made here, never kept in git.
ART := $(patsubst assets/art/%.svg,content/images/%.png,$(wildcard assets/art/*.svg))
art: $(ART)
content/images/%.png: assets/art/%.svg | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  SVG     $@"
	@rsvg-convert --format png --output $@.tmp $< && mv $@.tmp $@

# Install what is missing: as root with apt-get, else with sudo, else print the exact
# command and stop. $(1): the packages; $(2): a shell test that is true when all is there.
define install_debs
	@mkdir -p $(BUILD)
	@if ! ( $(2) ) >/dev/null 2>&1; then \
	  echo "installing: $(1)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(1); \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y $(1); \
	  else echo "missing packages; run: apt-get install -y $(1)" >&2; exit 1; fi; \
	fi
	@( $(2) ) >/dev/null 2>&1 || { echo "still missing after install: $(1)" >&2; exit 1; }
	@touch $@
endef

deps: $(BUILD)/.deps
$(BUILD)/.deps: Makefile
	$(call install_debs,$(DEBS),command -v cc && command -v pkg-config && command -v rsvg-convert && pkg-config --exists $(PKGS) $(SYNC_PKGS) && ls $(FONT_FILES) $(ESPEAK_DATA) /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf)
$(BUILD)/.test-deps: $(BUILD)/.deps
	$(call install_debs,$(TEST_DEBS),command -v clang && command -v valgrind && /usr/bin/python3 -c 'import openpyxl' && test -n "$$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a | grep /)" && ls /usr/lib/postgresql/*/bin/initdb && command -v openssl)

$(BUILD)/obj/%.o: %.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libcore.a: $(CORE_OBJ)
	@rm -f $@ && ar rcs $@ $^

# The sync process's network code (HTTPS webhook, PostgreSQL): kioskctl only.
$(SYNC_OBJ): CPPFLAGS += $(shell pkg-config --cflags $(SYNC_PKGS))
$(BUILD)/libsync.a: $(SYNC_OBJ)
	@rm -f $@ && ar rcs $@ $^

$(BUILD)/kiosk: $(BUILD)/obj/src/kiosk.o $(BUILD)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(KIOSK_LDLIBS)

$(BUILD)/kioskctl: $(BUILD)/obj/src/kioskctl.o $(BUILD)/libsync.a $(BUILD)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS) $(SYNC_LIBS)

$(BUILD)/tests/test_sync: $(BUILD)/obj/tests/unit/test_sync.o $(BUILD)/libsync.a $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS) $(SYNC_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The helper that decodes pictures for the kiosk, in a process of its own.
$(BUILD)/kiosk-picture: $(BUILD)/obj/src/kiosk_picture.o $(BUILD)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

# test_picture writes WebP files to read back (libwebp comes with libsdl2-image-dev).
$(BUILD)/tests/test_picture: LDLIBS += $(shell pkg-config --libs libwebp)

# The sync tests' way to commit requests as the kiosk does.
$(BUILD)/tools/submit: $(BUILD)/obj/tests/tools/submit.o $(BUILD)/libcore.a
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
test: all $(TEST_BIN) | $(BUILD)/.test-deps
	@BUILD=$(BUILD) sh tests/run.sh

# `make soak` also kills kioskctl sync 1,000 times, 500 for each receiver (tests/cli/sync-kill.sh).
SYNC_SOAK_CYCLES ?= 500
.PHONY: sync-soak
soak: sync-soak
sync-soak: all $(TEST_BIN) | $(BUILD)/.test-deps
	@KIOSK_BUILD=$(BUILD) KIOSK_OUT=tests/out CYCLES=$(SYNC_SOAK_CYCLES) sh tests/cli/sync-kill.sh

# Rewrite the reference screenshots in tests/golden (only on purpose).
golden: all $(TEST_BIN)
	@BUILD=$(BUILD) GOLDEN_UPDATE=1 sh tests/run.sh golden

clean:
	rm -rf $(BUILD) tests/out $(ART)

-include deploy/install.mk
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk
-include $(CORE_OBJ:.o=.d) $(SYNC_OBJ:.o=.d) $(BUILD)/obj/src/kiosk.d $(BUILD)/obj/src/kioskctl.d $(BUILD)/obj/src/kiosk_picture.d \
  $(TEST_SRC:%.c=$(BUILD)/obj/%.d)

# The README's screenshots of every screen, made by the replay driver at three sizes, and every
# client screen in Arabic and Chinese.
screenshots: all
	@rm -rf $(BUILD)/shots && mkdir -p $(BUILD)/shots docs/screenshots
	@for size in 1280x800 800x1280 1920x1080; do \
	  TMP=$(BUILD)/shots KIOSK_BUILD=$(BUILD) sh tests/replay/lib/staff-setup.sh && \
	  mkdir -p docs/screenshots/$$size && \
	  SDL_VIDEODRIVER=dummy $(BUILD)/kiosk --replay tests/replay/lib/screenshots.replay --size $$size \
	    --config $(BUILD)/shots/kiosk.conf --content content --db $(BUILD)/shots/$$size.db \
	    --shots docs/screenshots/$$size || exit 1; \
	  SDL_VIDEODRIVER=dummy $(BUILD)/kiosk --replay tests/replay/lib/screenshots-menu.replay --size $$size \
	    --content tests/fixtures/content-menu --db $(BUILD)/shots/menu-$$size.db \
	    --shots docs/screenshots/$$size || exit 1; \
	  for lang in ar zh-Hans; do \
	    mkdir -p docs/screenshots/$$size/$$lang && \
	    SDL_VIDEODRIVER=dummy $(BUILD)/kiosk --replay tests/replay/lib/screenshots-$$lang.replay --size $$size \
	      --content content --db $(BUILD)/shots/$$lang-$$size.db --shots docs/screenshots/$$size/$$lang \
	      || exit 1; \
	  done; \
	  printf 'expect-screen out-of-order\nshot out-of-order\n' >$(BUILD)/shots/ooo.replay; \
	  SDL_VIDEODRIVER=dummy $(BUILD)/kiosk --replay $(BUILD)/shots/ooo.replay --size $$size \
	    --content tests/fixtures/content-broken --db $(BUILD)/shots/ooo.db --shots docs/screenshots/$$size \
	    2>/dev/null || exit 1; \
	done
	@echo "screenshots in docs/screenshots/"
