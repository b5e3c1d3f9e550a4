/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One capture run: open the dump, walk the printk log, gather metadata,
 * and write a bundle, its JSON, or the log as vmcore-dmesg prints it.
 * All working memory is allocated by capture_init() from a fixed budget.
 */
#ifndef LSG_CAPTURE_H
#define LSG_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "dump.h"
#include "error.h"
#include "log.h"
#include "meta.h"

enum capture_output {
	CAPTURE_BUNDLE,		/* zstd-compressed bundle */
	CAPTURE_JSON,		/* the bundle's JSON, uncompressed */
	CAPTURE_DMESG,		/* byte-identical to vmcore-dmesg */
};

struct capture_opts {
	const char *vmcore;	/* default /proc/vmcore */
	const char *output;	/* file, "-" for stdout, or NULL: see below */
	const char *spool_dir;	/* NULL output: bundle to <spool_dir>/<id>.bundle */
	const char *fallback_dir;	/* when spool_dir cannot take it */
	enum capture_output mode;
	enum dump_reader reader;	/* auto: chosen from the dump */
	int hook;		/* never fail: kdump must go on */
	size_t budget;		/* bytes of working memory, fixed */
	uint64_t record_addr;	/* logsage.ko's crash record, if has_record */
	int has_record;
	struct meta_opts meta;
	/* Configuration problems, "file:line: message", for the bundle. */
	const char *const *config_errors;
	size_t nconfig_errors;
};

#define CAPTURE_AGENT "logsage-capture/0.1"
#define CAPTURE_DEFAULT_BUDGET (64u << 20)
#define CAPTURE_MIN_BUDGET (4u << 20)

struct capture {
	const struct capture_opts *opts;
	char *scratch;
	size_t scratch_size;
	void *zwork;
	size_t zwork_size;
	char *line;		/* formatted dmesg lines, a batch */
	struct lsg_log log;

	/* Set by capture_run() in spool mode: */
	char id[65];
	char saved[4096];	/* the file the bundle went to, "" if none */
	int memfd;		/* the bundle in memory when no file took it */
};

/** capture_init() - allocate the whole budget up front. */
struct lsg_error *capture_init(struct capture *c,
			       const struct capture_opts *opts);

void capture_deinit(struct capture *c);

/**
 * capture_run() - do the capture.  Returns NULL when output was written;
 * a partial bundle (complete: false) is still a success, and its missing
 * items are reported on stderr.  Errors that left no output are returned.
 * In spool mode the bundle goes to spool_dir (created if missing), else to
 * fallback_dir, else into c->memfd (an in-memory file, inherited by exec)
 * with its id and a one-line summary of the crash on stderr.  When the
 * deadline (deadline.h) passes, what was read so far is written, and
 * capture.missing says "deadline reached while ...".
 */
struct lsg_error *capture_run(struct capture *c);

#endif
