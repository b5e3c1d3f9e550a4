/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The GARCA model a running analyzer uses, swapped without a restart: a
 * slot holds the current model under a read-write lock; any number of
 * reports predict at once, and modelslot_refresh() loads a newer version
 * from the store (GARCA_STATE_NAME) and swaps it in between predictions.
 */
#ifndef LSG_GARCA_MODELSLOT_H
#define LSG_GARCA_MODELSLOT_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "garca.h"
#include "log.h"
#include "parse/oops.h"
#include "store/store.h"

struct modelslot;

struct lsg_error *modelslot_create(struct modelslot **ret);

void modelslot_destroy(struct modelslot *slot);

/**
 * modelslot_refresh() - load the store's model when its version differs
 * from the slot's; *@ret_changed (optional) says whether it did.  A model
 * that does not load leaves the slot as it was and is the error.
 */
struct lsg_error *modelslot_refresh(struct modelslot *slot, struct store *s,
				    int *ret_changed);

/** modelslot_set() - put @m (owned from now on) in the slot. */
void modelslot_set(struct modelslot *slot, struct garca_model *m,
		   int64_t version);

/** modelslot_version() - the store version in the slot, 0: none. */
int64_t modelslot_version(struct modelslot *slot);

/**
 * modelslot_predict() - garca_predict() with the slot's model;
 * LSG_ERR_NODATA when the slot is empty.
 */
struct lsg_error *modelslot_predict(struct modelslot *slot,
				    const struct lines_crash *c,
				    struct garca_pred *ret);

/**
 * modelslot_root_cause() - the report's "root_cause" for @log parsed as
 * @res, from FILE's extraction @fr: {"class", "confidence", "evidence":
 * [seq...], "cause_event":
 * {"seq", "title"} | null, "model": {"version", "corpus_hash"}, "ms"};
 * JSON null when @slot is NULL or empty or the prediction failed.
 */
json_t *modelslot_root_cause(struct modelslot *slot,
			     const struct file_result *fr,
			     const struct lsg_log *log,
			     const struct oops_result *res);

#endif
