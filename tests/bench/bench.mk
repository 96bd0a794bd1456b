# `make bench`: the kiosk's performance figures next to their targets (issue 7). Not part of
# `make test`: a slow machine fails the bench, never the tests. Included by the Makefile.

BENCH_SRC := $(wildcard tests/bench/*.c)
BENCH_OBJ := $(BENCH_SRC:%.c=$(BUILD)/obj/%.o)

# Xvfb (xvfb-run) for the idle figures of the real event loop, xdotool to tap past attract there.
$(BUILD)/.bench-deps: $(BUILD)/.deps
	$(call install_debs,xvfb xdotool,command -v xvfb-run && command -v xdotool)

$(BUILD)/bench: $(BENCH_OBJ) $(BUILD)/libcore.a
	@echo "  LD      $@"
	@$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

bench: all $(BUILD)/bench $(BUILD)/tools/submit | $(BUILD)/.bench-deps $(BUILD)/.test-deps
	@$(BUILD)/bench --kiosk $(BUILD)/kiosk --content content --script tests/replay/request-suitable.replay

-include $(BENCH_OBJ:.o=.d)
