/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A labeled corpus (eval/corpus.h) as GARCA and the baselines read it:
 * every case parsed and its lines extracted, once with FILE's extraction
 * and once with every line (the "no FILE" ablation), its class as an
 * index into the root-cause classes of DESIGN §6.5, and the corpus's log
 * lines (the fleet's logs the embeddings learn from).
 */
#ifndef LSG_GARCA_DATASET_H
#define LSG_GARCA_DATASET_H

#include <stddef.h>

#include "error.h"
#include "eval/corpus.h"
#include "garca.h"
#include "lines.h"

/*
 * The classes of DESIGN §6.5 a model learns: the store's list in its
 * order, but its last, "unknown", which is a verdict and not a class.
 */
extern const char *const *const dataset_classes;
extern const size_t dataset_nclasses;

/** dataset_class() - index of class @name in dataset_classes, or -1. */
int dataset_class(const char *name);

struct dataset {
	struct corpus *corpus;	/* owned */
	size_t n;
	struct lines_crash *crash;	/* FILE's lines */
	struct lines_crash *crash_all;	/* every line (capped) */
	int *label;		/* class index; -1: none or not a §6.5 class */
	char **fleet;		/* every log line of every case */
	size_t nfleet;
	double prep_ms;		/* parse + extraction, all cases */
};

/* Which cases' logs FILE learns as background before extracting. */
enum dataset_learn { DATASET_LEARN_NONE, DATASET_LEARN_TRAIN,
		     DATASET_LEARN_ALL };

/**
 * dataset_load() - read the corpus at @dir, FILE's extraction by @fctx
 * after it learned the cases @learn says.  Free with dataset_deinit().
 * Errors from the corpus reader and the parser, naming the case.
 */
struct lsg_error *dataset_load(const char *dir, struct file_ctx *fctx,
			       enum dataset_learn learn,
			       struct dataset *ret);

void dataset_deinit(struct dataset *d);

#endif
