/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the re-implemented baselines see of a crash: a bag of log event
 * templates (a line's words with numbers and addresses masked, hashed),
 * optionally with its words as entities, weighted by IDF over the
 * training crashes, compared by cosine.
 */
#ifndef LSG_BAG_H
#define LSG_BAG_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "garca/lines.h"

struct bag {
	uint32_t *key;		/* sorted, unique */
	double *w;
	size_t n;
};

enum bag_what { BAG_TEMPLATES = 1, BAG_WORDS = 2 };

/** bag_of() - the bag of @c (@what: BAG_ flags); free with bag_deinit(). */
struct lsg_error *bag_of(const struct lines_crash *c, int what,
			 struct bag *ret);

void bag_deinit(struct bag *b);

/* Document frequencies over a set of bags. */
struct bag_idf {
	struct bag df;		/* w = log IDF */
	size_t ndocs;
};

struct lsg_error *bag_idf_build(const struct bag *bags, size_t n,
				struct bag_idf *ret);

/** bag_idf_apply() - w = tf x idf, then L2-normalized. */
void bag_idf_apply(const struct bag_idf *idf, struct bag *b);

void bag_idf_deinit(struct bag_idf *idf);

/** bag_cosine() - of two weighted bags. */
double bag_cosine(const struct bag *a, const struct bag *b);

/** bag_has() - whether @key is in @b. */
int bag_has(const struct bag *b, uint32_t key);

/* The labeled crashes of a training set, as bags. */
struct bag_set {
	struct bag *bags;
	int *label;
	size_t n;
};

/**
 * bag_set_of() - bags (@what) of the @n crashes whose label is not -1.
 * Free with bag_set_deinit().
 */
struct lsg_error *bag_set_of(const struct lines_crash *const *crash,
			     const int *label, size_t n, int what,
			     struct bag_set *ret);

void bag_set_deinit(struct bag_set *s);

/**
 * bag_nearest() - the index of the bag of @set (@n) most similar to @b,
 * *@best its cosine; @n when @n is 0.
 */
size_t bag_nearest(const struct bag *b, const struct bag *set, size_t n,
		   double *best);

#endif
