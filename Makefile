# logsage: one GNU Makefile for the agent, the analyzer, tests, fuzzing,
# benchmarks and the kernel module.
#
#   make                          build/logsage-capture, build/logsage
#   make check                    every test, under ASan+UBSan; ends "N passed, N failed"
#   make bench                    agent vs makedumpfile/vmcore-dmesg on real vmcores
#   make fuzz                     libFuzzer targets (clang), FUZZ_TIME=seconds each
#   make demo                     analyzer on SQLite fed real bundles
#   make kmod KDIR=...            logsage.ko through the top-level Kbuild
#   SANITIZE=address,undefined    sanitized build into build/san/

CC ?= cc
PKG_CONFIG ?= pkg-config
SANITIZE ?=
LOGSAGE_CACHE ?= $(HOME)/.cache/logsage
export LOGSAGE_CACHE

ifeq ($(SANITIZE),)
BUILD ?= build
SANFLAGS :=
else
BUILD ?= build/san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wvla -Wimplicit-fallthrough -Wformat=2 \
	-Wcast-qual -Wpointer-arith
CFLAGS ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -Icapture -Ianalyzer -Itests/lib
ALL_CFLAGS = -std=gnu11 $(WARN) $(CFLAGS) $(SANFLAGS)

CAPTURE_PKGS := jansson libzstd zlib lzo2 nettle
ANALYZER_PKGS := $(CAPTURE_PKGS) libkdumpfile libcurl libcrypto libmicrohttpd sqlite3 libdw libelf yajl
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(ANALYZER_PKGS) 2>/dev/null)
# The agent is linked statically: in the crash kernel every shared library
# costs resident memory and initramfs space.  Sanitizers need dynamic libc.
CAPTURE_LIBS := $(if $(SANITIZE),,-static) $(shell $(PKG_CONFIG) --libs $(CAPTURE_PKGS) 2>/dev/null)
UPLOAD_LIBS := $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null)
ANALYZER_LIBS := $(shell $(PKG_CONFIG) --libs $(ANALYZER_PKGS) 2>/dev/null) -lpthread -lm

CAPTURE_SRCS := $(filter-out capture/main.c capture/upload_main.c,$(wildcard capture/*.c))
ANALYZER_SRCS := $(filter-out analyzer/main.c,$(wildcard analyzer/*.c))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
TESTLIB_SRCS := $(wildcard tests/lib/*.c)
TOOL_SRCS := $(wildcard tests/tools/*.c)

CAPTURE_OBJS := $(CAPTURE_SRCS:%.c=$(BUILD)/%.o)
ANALYZER_OBJS := $(ANALYZER_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
REPLAY_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/tests/replay_%)
TOOL_BINS := $(TOOL_SRCS:tests/%.c=$(BUILD)/tests/%)
TESTLIB_OBJS := $(TESTLIB_SRCS:%.c=$(BUILD)/%.o)

AGENT := $(BUILD)/logsage-capture
UPLOADER := $(BUILD)/logsage-upload
ANALYZER := $(if $(wildcard analyzer/main.c),$(BUILD)/logsage)

.PHONY: all check test-bins bench fuzz demo kmod e2e corpus clean vmcores vmcores-check
all: $(AGENT) $(UPLOADER) $(ANALYZER)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libcapture.a: $(CAPTURE_OBJS)
	$(AR) rcs $@ $^

$(BUILD)/libanalyzer.a: $(ANALYZER_OBJS)
	$(AR) rcs $@ $^

$(AGENT): $(BUILD)/capture/main.o $(BUILD)/libcapture.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(CAPTURE_LIBS)

# The uploader is a separate program so the capture never maps libcurl.
$(UPLOADER): $(BUILD)/capture/upload_main.o $(BUILD)/libcapture.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(UPLOAD_LIBS)

$(BUILD)/logsage: $(BUILD)/analyzer/main.o $(BUILD)/libanalyzer.a $(BUILD)/libcapture.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(ANALYZER_LIBS)

$(BUILD)/libtest.a: $(TESTLIB_OBJS)
	$(AR) rcs $@ $^

# Unit tests, corpus replayers and test tools link everything; each is its
# own binary.
TEST_LIBS := $(BUILD)/libtest.a \
	$(if $(ANALYZER_OBJS),$(BUILD)/libanalyzer.a) $(BUILD)/libcapture.a
$(BUILD)/tests/tools/%: $(BUILD)/tests/tools/%.o $(TEST_LIBS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(ANALYZER_LIBS)

$(BUILD)/tests/replay_%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/replay.o $(TEST_LIBS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(ANALYZER_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(TEST_LIBS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(ANALYZER_LIBS)

test-bins: all $(UNIT_BINS) $(REPLAY_BINS) $(TOOL_BINS)

.SECONDARY:

# Real vmcores from Debian kernels crashed in QEMU, cached in $(LOGSAGE_CACHE).
vmcores:
	tests/vm/make-vmcores -j 2
	tests/vm/arm64/make-vmcores

vmcores-check:
	tests/vm/make-vmcores --check
	tests/vm/arm64/make-vmcores --check

e2e: ; @scripts/install-deps && tests/e2e/run

# The labeled corpus of real crashes (hours of QEMU time; resumable).
corpus: $(AGENT)
	tests/scenarios/make-corpus

# The test suite runs on the sanitized build: every test passes under
# ASan and UBSan, or it does not pass.
CHECK_SANITIZE ?= address,undefined
check:
	@scripts/install-deps
	$(MAKE) --no-print-directory SANITIZE=$(CHECK_SANITIZE) test-bins
	@tests/vm/make-vmcores -j 2
	@tests/vm/arm64/make-vmcores
	@tests/run build/san

bench: $(AGENT) $(UPLOADER)
	@tests/bench/run $(BUILD)

FUZZ_TIME ?= 60
FUZZ_BUILD := build/fuzz
fuzz:
	@scripts/install-deps
	@tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_TIME)

demo:
	@scripts/install-deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

KDIR ?= /lib/modules/$(shell uname -r)/build
kmod:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	rm -rf build
	@if [ -f kmod/*.o ]; then rm -f kmod/*.o; fi

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
