/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Crash metadata for the bundle: who the host and kernel are, and which
 * CPU and task died.  The task header the kernel prints with every oops,
 * BUG, WARNING and panic stack is the primary source; the saved CPU notes
 * confirm it and supply the registers.
 */
#ifndef LSG_META_H
#define LSG_META_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "dump.h"
#include "log.h"
#include "vmcoreinfo.h"

/* "CPU: 1 PID: 1 Comm: init Kdump: loaded Tainted: G     OE  6.1.0-..." */
struct meta_task {
	int cpu;
	int64_t pid;
	char comm[17];
	uint64_t taint;
	int has_taint;
};

/**
 * meta_parse_task_header() - parse one log line; returns 1 if it is a task
 * header, filling @ret, else 0.
 */
int meta_parse_task_header(const char *text, size_t len,
			   struct meta_task *ret);

/**
 * meta_taint_mask() - the mask of a taint column string ("G     OE"):
 * column i is bit i, a letter meaning set (column 0: 'P' set, 'G' not).
 */
uint64_t meta_taint_mask(const char *s, size_t len);

/** meta_last_task() - the newest task header in @log, or 0 if none. */
int meta_last_task(const struct lsg_log *log, struct meta_task *ret);

/** Agent-side facts that are not in the dump. */
struct meta_opts {
	const char *machine_id;	/* NULL: unknown */
	const char *tag;
};

/**
 * meta_host(), meta_kernel(), meta_crash() - the bundle's objects (new
 * references).  @d and @vi may be NULL when unreadable; the fields they
 * would give are then null.  A missing fact is appended to @missing.
 */
json_t *meta_host(struct dump *d, const struct meta_opts *o);
json_t *meta_kernel(struct dump *d, const struct vmcoreinfo *vi,
		    const struct lsg_log *log);
json_t *meta_crash(struct dump *d, const struct vmcoreinfo *vi,
		   const struct lsg_log *log, json_t *missing);

#endif
