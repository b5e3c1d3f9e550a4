/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The report of one crash (DESIGN §6): the parsed events, the fatal one's
 * title, guilty file and symbolized stacks, its duplicate signature, and
 * timings.  `logsage analyze --json` prints exactly this object and the
 * API returns it.
 *
 * A report context (the analyzer context: what every stage keeps across
 * cases) is built once and shared: report_build() may run on many threads
 * at once.  Analysis is a table of timed stages (report.c): parse,
 * symbolize, then the later stages; each adds its members to the report
 * and its time to timings_ms.
 */
#ifndef LSG_REPORT_H
#define LSG_REPORT_H

#include <stdio.h>

#include <jansson.h>

#include "error.h"
#include "log.h"

struct report_opts {
	/* Debug-info directories for the symbolizer; NULL: do not symbolize. */
	const char *const *debug_dirs;
	const char *debuginfod_urls;	/* optional */
	/*
	 * A kernel MAINTAINERS file for every release; NULL: look for
	 * DIR/RELEASE/MAINTAINERS, then DIR/MAINTAINERS, in debug_dirs.
	 */
	const char *maintainers;
	/* The root-cause model (borrowed, outlives the context); NULL: none. */
	struct modelslot *model;
	/* FILE's context (borrowed, outlives the report context); NULL: an
	 * empty one of the report context's own. */
	struct file_ctx *file;
};

struct report_ctx;
struct modelslot;
struct file_ctx;

struct lsg_error *report_ctx_create(const struct report_opts *opts,
				    struct report_ctx **ret);
void report_ctx_destroy(struct report_ctx *ctx);

/**
 * report_build() - analyze @log.  @kernel and @host are the bundle's
 * objects (borrowed; NULL for a plain log): the kernel's release and
 * build-id pick the debug info.  *@ret is a new reference.
 */
struct lsg_error *report_build(struct report_ctx *ctx,
			       const struct lsg_log *log, json_t *kernel,
			       json_t *host, json_t **ret);

/**
 * report_signature() - the duplicate key of a crash: hex SHA-256 (first 16
 * bytes) of the title and the first few reliable frames' function names,
 * with compiler clone suffixes (.constprop.0, .isra.0 ...) removed, so the
 * same bug on other hosts, boots (KASLR) and rebuilds of a release groups
 * together.  @ret holds 33 bytes.
 */
void report_signature(const char *title, const char *const *funcs, size_t n,
		      char ret[33]);

/** report_print() - a readable report on @f; colour when @color. */
void report_print(const json_t *report, FILE *f, int color);

#endif
