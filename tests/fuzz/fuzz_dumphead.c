/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz what the agent reads from a dump's headers and notes (ELF headers,
 * the kdump-compressed header and sub-header, PRSTATUS and VMCOREINFO
 * notes, utsname) under the hook's invariant: whatever the bytes, a --hook
 * capture writes a bundle, and the analyzer accepts that bundle.  Seeds:
 * the first 12 KiB (headers and notes) of the real vmcores of Debian
 * kernels made by tests/vm/make-vmcores, ELF and kdump-compressed.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "fileio.h"
#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], in[128], out[128];
static int ready;

static void cleanup(void)
{
	unlink(in);
	unlink(out);
	rmdir(dir);
}

/* tmpfs when there is one: the hook fsyncs every bundle it writes. */
static void setup(struct capture *c, struct capture_opts *o)
{
	snprintf(dir, sizeof(dir), "%s/lsg-fuzz-XXXXXX",
		 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
	if (!mkdtemp(dir))
		abort();
	atexit(cleanup);
	snprintf(in, sizeof(in), "%s/vmcore", dir);
	snprintf(out, sizeof(out), "%s/bundle", dir);
	*o = (struct capture_opts){ .vmcore = in, .output = out, .hook = 1,
				    .budget = CAPTURE_MIN_BUDGET };
	if (capture_init(c, o))
		abort();
	ready = 1;
}

static void write_input(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct capture_opts o;
	static struct capture c;
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	size_t len;
	char *buf;

	if (!ready)
		setup(&c, &o);
	write_input(in, data, size);
	unlink(out);
	err = capture_run(&c);
	if (err) {
		fprintf(stderr, "hook capture failed: %s\n", err->message);
		abort();
	}
	if (fileio_read_file(out, 64u << 20, &buf, &len))
		abort();
	err = ingest_decode(buf, len, NULL, &why, &b);
	if (err) {
		fprintf(stderr, "analyzer rejects the hook's bundle (%s): %s\n",
			ingest_reason_name(why), err->message);
		abort();
	}
	ingest_bundle_deinit(&b);
	free(buf);
	return 0;
}
