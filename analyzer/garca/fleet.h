/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crashes an analyzer has stored, as GARCA reads them: newest first,
 * each bundle decoded, parsed and its lines extracted, with the operator's
 * label when there is one.  What `logsage train` learns from besides the
 * corpus, and what the label queue ranks.
 */
#ifndef LSG_GARCA_FLEET_H
#define LSG_GARCA_FLEET_H

#include <stddef.h>

#include "error.h"
#include "lines.h"
#include "parse/oops.h"
#include "store/store.h"

struct fleet {
	size_t n;
	char **id;			/* owned */
	struct lines_crash *crash;
	int *label;			/* dataset class index, -1: none */
};

/**
 * fleet_load() - up to @max stored crashes, newest received first, their
 * lines extracted by FILE (@fctx).
 * Crashes whose bundle no longer decodes are skipped.  Free with
 * fleet_deinit().  Errors of the store, &lsg_enomem.
 */
struct lsg_error *fleet_load(struct store *s, const struct oops_ctx *oops,
			     struct file_ctx *fctx, size_t max,
			     struct fleet *ret);

void fleet_deinit(struct fleet *f);

#endif
