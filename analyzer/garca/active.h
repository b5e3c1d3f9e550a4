/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Active learning: which crashes an operator should label next.  Each
 * candidate's score is its uncertainty (1 - the margin between the two
 * most likely classes) times its diversity (1 - its highest cosine to
 * the crash vectors already labeled or picked), picked greedily so one
 * batch does not ask the same question twice.
 */
#ifndef LSG_GARCA_ACTIVE_H
#define LSG_GARCA_ACTIVE_H

#include <stddef.h>

#include "garca.h"

struct active_item {
	double margin;			/* garca_pred.margin */
	const double *z;		/* the crash vector, zdim long */
	double score;			/* set by active_pick */
};

/**
 * active_pick() - up to @k of the @n candidates into @ret (indexes), best
 * first; @labeled, @nlabeled are the crash vectors of labeled crashes.
 * Returns how many were picked.  Ties go to the lower index.
 */
size_t active_pick(struct active_item *items, size_t n,
		   const double *const *labeled, size_t nlabeled,
		   size_t zdim, size_t k, size_t *ret);

#endif
