/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The label queue: of the newest stored crashes without an operator's
 * label, the ones worth labeling next (active.h: uncertainty times
 * diversity), as served by GET /api/v1/label-queue.
 */
#ifndef LSG_GARCA_QUEUE_H
#define LSG_GARCA_QUEUE_H

#include <jansson.h>

#include "error.h"
#include "modelslot.h"
#include "parse/oops.h"
#include "store/store.h"

/* Newest stored crashes looked at. */
enum { QUEUE_CANDIDATES = 500, QUEUE_DEFAULT = 20 };

/**
 * queue_build() - {"model_version", "items": [{"id", "predicted",
 * "confidence", "margin", "score"}...]} best first, at most @limit.
 * LSG_ERR_NODATA when no model is loaded.
 */
struct lsg_error *queue_build(struct modelslot *slot, struct store *s,
			      const struct oops_ctx *oops,
			      struct file_ctx *fctx, unsigned limit,
			      json_t **ret);

#endif
