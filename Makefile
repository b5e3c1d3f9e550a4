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
CPPFLAGS += -D_GNU_SOURCE
# Include paths per directory make DESIGN §2's dependency rules build
# errors: the shared layer (capture/common) sees only itself, the agent
# sees itself and the shared layer, the analyzer sees itself and the shared
# layer (never the agent's internals); kmod is built by Kbuild alone.
COMMON_INC := -Icapture/common
CAPTURE_INC := -Icapture $(COMMON_INC)
ANALYZER_INC := -Ianalyzer $(COMMON_INC)
TEST_INC := -Ianalyzer $(CAPTURE_INC) -Itests/lib
ALL_CFLAGS = -std=gnu11 $(WARN) $(CFLAGS) $(SANFLAGS)

CAPTURE_PKGS := jansson libzstd libdeflate lzo2 nettle
ANALYZER_PKGS := jansson libzstd nettle libcrypto libcurl libmicrohttpd sqlite3 \
	libdw libelf gnutls
# PostgreSQL is optional: without libpq the store has SQLite alone and
# says so (logsage --version, and the error for a postgres:// store).
HAVE_LIBPQ := $(shell $(PKG_CONFIG) --exists libpq && echo 1)
ifeq ($(HAVE_LIBPQ),1)
ANALYZER_PKGS += libpq
CPPFLAGS += -DLSG_HAVE_LIBPQ
endif
# Tests also link the agent and the reference reader, and check the
# agent's CRC-32 against zlib's.
TEST_PKGS := $(CAPTURE_PKGS) $(ANALYZER_PKGS) libkdumpfile zlib
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
# The agent is linked statically: in the crash kernel every shared library
# costs resident memory and initramfs space.  Sanitizers need dynamic libc.
# Its cold code goes last (capture/cold-text.ld says why).
CAPTURE_LIBS := $(if $(SANITIZE),,-static -Wl,-T,capture/cold-text.ld) $(shell $(PKG_CONFIG) --libs $(CAPTURE_PKGS) 2>/dev/null)
# The uploader in it too (capture/http.c over mbedTLS, whose Debian package
# ships static libraries): dracut then adds no library closure.
MBEDTLS_LIBS := -lmbedtls -lmbedx509 -lmbedcrypto
ANALYZER_LIBS := $(shell $(PKG_CONFIG) --libs $(ANALYZER_PKGS) 2>/dev/null) -lpthread -lm
TEST_LIBS_EXT := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null) \
	$(MBEDTLS_LIBS) -lpthread -lm

COMMON_SRCS := $(wildcard capture/common/*.c)
CAPTURE_SRCS := $(filter-out capture/main.c capture/upload_main.c,$(wildcard capture/*.c))
ANALYZER_SRCS := $(filter-out analyzer/cli/%,$(wildcard analyzer/*/*.c))
ifneq ($(HAVE_LIBPQ),1)
ANALYZER_SRCS := $(filter-out analyzer/store/store_pg.c,$(ANALYZER_SRCS))
endif
CLI_SRCS := $(wildcard analyzer/cli/*.c)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
TESTLIB_SRCS := $(wildcard tests/lib/*.c)
TOOL_SRCS := $(wildcard tests/tools/*.c)

COMMON_OBJS := $(COMMON_SRCS:%.c=$(BUILD)/%.o)
CAPTURE_OBJS := $(CAPTURE_SRCS:%.c=$(BUILD)/%.o)
# The web UI's assets are compiled into the analyzer (scripts/embed-assets).
WEB_ASSETS := $(sort $(wildcard analyzer/web/assets/*))
WEB_ASSETS_C := $(BUILD)/analyzer/web/assets_gen.c
ANALYZER_OBJS := $(ANALYZER_SRCS:%.c=$(BUILD)/%.o) $(WEB_ASSETS_C:.c=.o)
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
REPLAY_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/tests/replay_%)
TOOL_BINS := $(TOOL_SRCS:tests/%.c=$(BUILD)/tests/%)
TESTLIB_OBJS := $(TESTLIB_SRCS:%.c=$(BUILD)/%.o)

AGENT := $(BUILD)/logsage-capture
UPLOADER := $(BUILD)/logsage-upload
ANALYZER := $(BUILD)/logsage

.PHONY: all check test-bins bench fuzz demo kmod e2e e2e-debian corpus corpus-6.12 clean vmcores vmcores-check
all: $(AGENT) $(UPLOADER) $(ANALYZER)

$(BUILD)/capture/common/%.o: INC := $(COMMON_INC)
$(BUILD)/capture/%.o: INC := $(CAPTURE_INC)
$(BUILD)/analyzer/%.o: INC := $(ANALYZER_INC)
$(BUILD)/tests/%.o: INC := $(TEST_INC)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(INC) $(PKG_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(WEB_ASSETS_C): $(WEB_ASSETS) scripts/embed-assets
	@mkdir -p $(dir $@)
	scripts/embed-assets $@ $(WEB_ASSETS)

$(WEB_ASSETS_C:.c=.o): $(WEB_ASSETS_C)
	$(CC) $(CPPFLAGS) $(ANALYZER_INC) $(PKG_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libcommon.a: $(COMMON_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/libcapture.a: $(CAPTURE_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/libanalyzer.a: $(ANALYZER_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

# One static program for the crash initramfs: run as logsage-upload (a
# symlink) it is the uploader.  One libc, not two; the uploader's and the
# TLS code is cold text (capture/cold-text.ld), never mapped by a capture.
$(AGENT): $(BUILD)/capture/main.o $(BUILD)/capture/upload_main.o \
		$(BUILD)/libcapture.a $(BUILD)/libcommon.a capture/cold-text.ld
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(filter-out %.ld,$^) \
		$(CAPTURE_LIBS) $(MBEDTLS_LIBS)

$(UPLOADER): $(AGENT)
	ln -sf $(notdir $(AGENT)) $@

# The analyzer links the shared layer, never the agent's code.
$(BUILD)/logsage: $(CLI_OBJS) $(BUILD)/libanalyzer.a $(BUILD)/libcommon.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(ANALYZER_LIBS)

$(BUILD)/libtest.a: $(TESTLIB_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

# Unit tests, corpus replayers and test tools link everything; each is its
# own binary.
TEST_LIBS := $(BUILD)/libtest.a $(BUILD)/libanalyzer.a \
	$(BUILD)/libcapture.a $(BUILD)/libcommon.a
$(BUILD)/tests/tools/%: $(BUILD)/tests/tools/%.o $(TEST_LIBS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS_EXT)

$(BUILD)/tests/replay_%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/replay.o $(TEST_LIBS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS_EXT)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(TEST_LIBS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS_EXT)

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
# The Debian kdump-tools path booted with systemd (minutes of TCG; not in check).
e2e-debian: ; @scripts/install-deps && tests/e2e/debian

# The labeled corpus of real crashes (hours of QEMU time; resumable).
corpus: $(AGENT)
	tests/scenarios/make-corpus

# The held-out corpus on bookworm's 6.12 kernels (about 30 minutes).
corpus-6.12: $(AGENT)
	tests/scenarios/make-corpus-6.12

# The test suite runs on the sanitized build: every test passes under
# ASan and UBSan, or it does not pass.
CHECK_SANITIZE ?= address,undefined
check:
	@scripts/install-deps
	$(MAKE) --no-print-directory SANITIZE=$(CHECK_SANITIZE) test-bins
	@tests/vm/make-vmcores -j 2
	@tests/vm/arm64/make-vmcores
	@tests/run build/san

bench: $(AGENT) $(UPLOADER) $(ANALYZER)
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
