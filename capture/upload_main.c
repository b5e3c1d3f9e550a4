/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage-upload: deliver the bundles in the spool to the analyzer.  Run by
 * logsage-capture in the crash kernel (exec, after the bundle is saved, or
 * with it in an inherited in-memory file when no directory took it), and
 * by logsage-resend.service at the next normal boot.  It is logsage-capture
 * itself under that name (a symlink), so the crash initramfs carries one
 * static libc, not two.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fileio.h"
#include "upload.h"
#include "upload_main.h"

struct upload_args {
	int hook;
	int bundle_fd;		/* --bundle-fd N, or -1 */
	const char *bundle_name;
};

static int parse_fd(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v >= 0 && v < 1 << 20 ? (int)v : -1;
}

static int parse_args(int argc, char **argv, struct upload_args *a)
{
	a->bundle_fd = -1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--hook")) {
			a->hook = 1;
		} else if (!strcmp(argv[i], "--bundle-fd") && i + 1 < argc) {
			a->bundle_fd = parse_fd(argv[++i]);
		} else if (!strcmp(argv[i], "--bundle-name") && i + 1 < argc) {
			a->bundle_name = argv[++i];
		} else {
			fprintf(stderr,
				"usage: logsage-upload [--hook] [--config FILE] [--KEY VALUE]...\n");
			return -1;
		}
	}
	return 0;
}

/* The bundle logsage-capture left in memory. */
static struct lsg_error *read_memory(const struct upload_args *a,
				     struct upload_memory *m, char **buf)
{
	struct lsg_error *err;
	FILE *f;

	if (a->bundle_fd < 0 || !a->bundle_name)
		return NULL;
	if (lseek(a->bundle_fd, 0, SEEK_SET) < 0 ||
	    !(f = fdopen(a->bundle_fd, "rb")))
		return lsg_error_os(errno, "bundle fd %d", a->bundle_fd);
	err = fileio_read_stream(f, UPLOAD_MAX_BUNDLE, buf, &m->len);
	fclose(f);
	if (err)
		return lsg_error_wrap(err, "bundle fd %d", a->bundle_fd);
	m->name = a->bundle_name;
	m->body = *buf;
	return NULL;
}

int upload_main(int argc, char **argv)
{
	struct upload_memory mem = { 0 };
	struct upload_args a = { 0 };
	struct upload_stats st;
	struct lsg_error *err;
	struct config cfg;
	char *membuf = NULL;

	/* The deadline is kept by capped timeouts, never by a signal. */
	signal(SIGALRM, SIG_IGN);
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--hook"))
			a.hook = 1;
	err = config_from_args(&cfg, &argc, argv, a.hook);
	for (int i = 0; !err && i < cfg.nerrors; i++)
		fprintf(stderr, "logsage-upload: config: %s (default kept)\n",
			cfg.errors[i]);
	if (!err && parse_args(argc, argv, &a))
		return a.hook ? 0 : 2;
	if (!err)
		err = read_memory(&a, &mem, &membuf);
	if (!err)
		err = upload_spool(&cfg, mem.name ? &mem : NULL, &st);
	free(membuf);
	if (err) {
		lsg_error_print(err, "logsage-upload", stderr);
		lsg_error_destroy(err);
		return a.hook ? 0 : 1;
	}
	fprintf(stderr,
		"logsage-upload: %u sent, %u already stored, %u rejected, %u kept in %s; first ack after %ld ms\n",
		st.sent, st.duplicate, st.rejected, st.kept, cfg.spool_dir,
		st.first_ack_ms);
	return a.hook || !st.kept ? 0 : 1;
}
