/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scoring FILE on a corpus: recall of the labeled cause lines, share of
 * the log kept, lines kept per crash, and time per case, overall and per
 * class, for one extractor (ours or the published variant).
 */
#ifndef LSG_EVALFILE_H
#define LSG_EVALFILE_H

#include <jansson.h>

#include "error.h"
#include "eval/corpus.h"
#include "file/file.h"
#include "parse/oops.h"

/* An extractor: file_extract() bound to a context, or file_published(). */
struct evalfile_method {
	const char *name;
	struct file_ctx *ctx;	/* NULL for the published variant */
};

/**
 * evalfile_learn() - mine every case of @c (all of them, or only the
 * train split when @train_only) into @ctx's background.  *@ret_n: cases
 * learned; *@ret_lines and *@ret_seconds: lines mined and the time it
 * took, for the mining throughput.
 */
struct lsg_error *evalfile_learn(struct file_ctx *ctx, const struct corpus *c,
				 int train_only, size_t *ret_n,
				 size_t *ret_lines, double *ret_seconds);

/**
 * evalfile_score() - run @m on the cases of @c (the test split when
 * @test_only, else all) and score it against their cause lines:
 * {"n", "recall", "reduction", "kept", "median_lines",
 * "median_extra_lines", "seconds_per_case", "per_class": {CLASS: {...}}}.
 * recall = cause lines kept / cause lines; kept = lines kept / lines;
 * reduction = 1 - kept; extra lines are kept lines that are not cause
 * lines.  *@ret_n is the number of cases scored.
 */
struct lsg_error *evalfile_score(const struct evalfile_method *m,
				 const struct oops_ctx *oops,
				 const struct corpus *c, int test_only,
				 size_t *ret_n, json_t **ret);

#endif
