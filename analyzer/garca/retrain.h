/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Training from everything known: a labeled corpus (optional) with its
 * counterfactual crashes (augment.h), and the crashes the analyzer
 * stored, operators' labels included (the unlabeled ones join the case
 * graph as unlabeled nodes); the model goes into the store as
 * GARCA_STATE_NAME, where running analyzers pick it up.
 */
#ifndef LSG_GARCA_RETRAIN_H
#define LSG_GARCA_RETRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "garca.h"
#include "store/store.h"

/* Stored crashes read at most. */
enum { RETRAIN_MAX_STORED = 10000 };

struct retrain_opts {
	const char *corpus;	/* a corpus directory, or NULL */
	struct garca_hparams h;
};

struct retrain_result {
	size_t corpus_cases, stored, stored_labeled;
	int64_t version;	/* of the model in the store */
	double seconds;
};

/**
 * retrain_run() - train and store the model.  LSG_ERR_INVALID when there
 * is nothing labeled to learn from; errors of the corpus, the store and
 * training.
 */
struct lsg_error *retrain_run(const struct retrain_opts *o, struct store *s,
			      struct retrain_result *ret);

#endif
