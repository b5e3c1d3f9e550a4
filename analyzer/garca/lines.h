/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GARCA's view of one crash: the extracted lines (text, seq, time, level,
 * the event each belongs to and whether it is a call-trace line) and the
 * crash events the parser found.  Everything is copied out of the log and
 * the parse result, so a crash outlives both and can be kept for training.
 */
#ifndef LSG_GARCA_LINES_H
#define LSG_GARCA_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "log.h"
#include "file/file.h"
#include "parse/oops.h"

/* Lines kept per crash: the line graph's size bound. */
enum { LINES_MAX = 64 };

#define LINES_NONE ((size_t)-1)

struct lines_line {
	char *text;		/* owned; newlines of a record as spaces */
	uint64_t seq;
	uint64_t ts_nsec;
	int level;
	size_t event;		/* index into events, or LINES_NONE */
	int in_trace;		/* a frame of the event's call trace */
	/*
	 * The machine-check class the line reports (vocab_mca_class()), from
	 * its own record or, for a notice whose records the console never
	 * got, from the records around it; NULL: none.
	 */
	const char *mca;
};

struct lines_event {
	enum oops_type type;
	char *title;		/* owned */
	uint64_t seq;		/* header record */
	int fatal;
};

struct lines_crash {
	struct lines_line *lines;	/* in log order */
	size_t nlines;
	struct lines_event *events;	/* in log order */
	size_t nevents;
	size_t fatal;		/* index into events, or LINES_NONE */
};

/**
 * lines_extract() - the lines GARCA reads from @log, given the parse
 * result @res of the same log: the header line of each event and FILE's
 * fault-indicating lines @fr (the highest scores when over LINES_MAX).
 * @fr NULL: every line (capped, newest kept), the "no FILE" ablation.
 * *@ret is filled on success; free it with lines_crash_deinit().
 * &lsg_enomem.
 */
struct lsg_error *lines_extract(const struct lsg_log *log,
				const struct oops_result *res,
				const struct file_result *fr,
				struct lines_crash *ret);

/**
 * lines_from_log() - lines_extract() with FILE's extraction by @fctx
 * (NULL: the "no FILE" ablation).  &lsg_enomem.
 */
struct lsg_error *lines_from_log(struct file_ctx *fctx,
				 const struct lsg_log *log,
				 const struct oops_result *res,
				 struct lines_crash *ret);

/** lines_crash_deinit() - free what lines_extract() filled in. */
void lines_crash_deinit(struct lines_crash *c);

#endif
