# Fuzzing, sanitizer helpers and the soak test; included by the top-level Makefile.
#   make fuzz          each libFuzzer target for FUZZ_SECONDS (default 300) on its corpus
#   make soak          the crash-consistency test with CYCLES (default 1000) kill cycles
# The targets are built with clang (libFuzzer needs it) straight from the sources they test,
# never from libcore.a, which gcc builds without the fuzzer's instrumentation.

FUZZ_CC      ?= clang
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_WARN    := $(filter-out -Wno-format-truncation,$(WARN))
FUZZ_FLAGS   := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS := content config replay form export wording text picture
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_SECONDS ?= 300
CYCLES       ?= 1000

# The sources each target exercises (besides its own tests/fuzz/fuzz_NAME.c).
FUZZ_SRC_content := src/content.c src/wording.c src/regular_file.c src/utf8.c src/picture.c
FUZZ_SRC_picture := src/picture.c src/regular_file.c
FUZZ_SRC_wording := src/wording.c src/regular_file.c src/utf8.c
FUZZ_SRC_config  := src/config.c src/wording.c src/regular_file.c src/utf8.c
FUZZ_SRC_replay  := src/replay.c
FUZZ_SRC_form    := src/form.c src/utf8.c
QUEUE_SRC        := src/queue.c src/queue_schema.c src/queue_recover.c src/salvage.c src/wal_log.c \
                    src/fault_vfs.c src/sqlite_wipe.c src/ids.c src/fd_io.c
FUZZ_SRC_export  := src/export.c src/export_xlsx.c $(QUEUE_SRC) src/screening.c src/json.c src/utf8.c
FUZZ_SRC_text    := src/text.c src/bidi.c src/utf8.c

# Helper programs of the CLI tests, built with the project's compiler.
TOOLS := $(BUILD)/tools/memscan $(BUILD)/tools/crashcheck

.PHONY: fuzz-build tools
fuzz-build: $(FUZZ_BINS)
tools: $(TOOLS)

$(FUZZ_DIR)/obj/%.o: %.c | $(BUILD)/.test-deps
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	@$(FUZZ_CC) $(FUZZ_WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS) -Itests/fuzz -MMD -MP -c $< -o $@

define fuzz_target
$$(FUZZ_DIR)/fuzz_$(1): $$(FUZZ_DIR)/obj/tests/fuzz/fuzz_$(1).o $$(FUZZ_SRC_$(1):%.c=$$(FUZZ_DIR)/obj/%.o)
	@echo "  FUZZLD  $$@"
	@$$(FUZZ_CC) $$(FUZZ_FLAGS) -fsanitize=fuzzer -o $$@ $$^ $$(LDLIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_target,$(t))))

$(BUILD)/tools/%: tests/tools/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(OPT) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(LDLIBS)

# Longer fuzzing: new inputs go to $(FUZZ_DIR)/corpus/NAME (the repository's corpus is only read);
# a crash leaves crash-* in $(FUZZ_DIR) and stops the run. Copy it into tests/fuzz/corpus/NAME as a
# regression case once the defect is fixed.
fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t && \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s" && \
	  $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/ \
	    $(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

soak: all $(TEST_BIN) $(TOOLS)
	@KIOSK_BUILD=$(BUILD) KIOSK_OUT=tests/out CYCLES=$(CYCLES) SDL_VIDEODRIVER=dummy \
	  SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy \
	  sh tests/cli/crash-consistency.sh

-include $(wildcard $(FUZZ_DIR)/obj/src/*.d $(FUZZ_DIR)/obj/tests/fuzz/*.d)
