/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Root-cause evaluation (DESIGN §7, the paper's Table VI): methods that
 * learn from labeled crashes and name a class for each test crash, scored
 * by macro precision, recall and F1 over the classes the test set holds,
 * with per-class F1, the confusion matrix (an "unknown" column for
 * abstentions) and seconds per case.  A method is a const ops entry; the
 * baselines are each their own file (rules.c, logcluster.c, logrule.c,
 * logkg.c), GARCA's variants are in rca.c.
 */
#ifndef LSG_RCA_H
#define LSG_RCA_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "garca/dataset.h"
#include "garca/garca.h"

/* What a method learns from: crashes with class indexes (-1: unlabeled). */
struct rca_train_set {
	const struct lines_crash *const *crash;
	const int *label;
	size_t n;
	size_t nclasses;	/* dataset_nclasses */
	const char *const *fleet;
	size_t nfleet;
	uint64_t seed;
};

struct rca_method {
	const char *key;	/* "logsage": the --json key */
	const char *title;	/* the table's row */
	int all_lines;		/* reads every line, not FILE's */
	int augment;		/* learns from counterfactuals too */
	/* GARCA's variants: hyperparameters changed from the defaults */
	void (*tune)(struct garca_hparams *h);
	struct lsg_error *(*train)(const struct rca_method *me,
				   const struct rca_train_set *t,
				   void **ret);
	/* a class index, or -1 for unknown */
	int (*predict)(const void *state, const struct lines_crash *c);
	void (*destroy)(void *state);
};

/* The baselines. */
extern const struct rca_method rca_rules;
extern const struct rca_method rca_logcluster;
extern const struct rca_method rca_logrule;
extern const struct rca_method rca_logkg;

enum { RCA_MAX_CLASSES = GARCA_MAX_CLASSES };

struct rca_score {
	double precision, recall, f1, seconds_per_case, train_seconds;
	size_t ncases, nclasses;
	double f1_class[RCA_MAX_CLASSES];
	unsigned support[RCA_MAX_CLASSES];
	/* [true][predicted], predicted nclasses = unknown */
	unsigned confusion[RCA_MAX_CLASSES][RCA_MAX_CLASSES + 1];
};

/** rca_score_add() - count one prediction. */
void rca_score_add(struct rca_score *s, int truth, int pred);

/** rca_score_finish() - macro P/R/F1 over the classes with support. */
void rca_score_finish(struct rca_score *s);

/** rca_score_json() - {"precision", "recall", "f1", ...} (fractions). */
json_t *rca_score_json(const struct rca_score *s, int detail);

struct rca_eval_opts {
	const char *train_dir, *test_dir;	/* the same: its splits */
	uint64_t seed;
	int curve;		/* the label-efficiency curve */
	int ablations;
};

/**
 * rca_eval() - train every method on the train crashes and score it on
 * the test crashes; the result object holds "methods", "ablations",
 * "classes" (with which side has them) and "label_efficiency".
 */
struct lsg_error *rca_eval(const struct rca_eval_opts *o, json_t **ret);

/** rca_eval_print() - Table VI and the rest, for people. */
void rca_eval_print(const json_t *res, FILE *f);

#endif
