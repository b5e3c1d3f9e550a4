/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include "active.h"
#include "dataset.h"
#include "fleet.h"
#include "queue.h"

struct ranked {
	struct garca_pred *pred;
	struct active_item *items;
	const double **labeled;
	size_t *cand, *pick;
};

static void ranked_free(struct ranked *r)
{
	free(r->pred);
	free(r->items);
	free(r->labeled);
	free(r->cand);
	free(r->pick);
}

static json_t *item_json(const struct fleet *f, const struct ranked *r,
			 size_t k)
{
	size_t i = r->cand[r->pick[k]];
	const struct garca_pred *p = &r->pred[i];

	return json_pack("{s:s,s:s,s:f,s:f,s:f}", "id", f->id[i],
			 "predicted", p->cls < 0 ? "unknown" :
			 dataset_classes[p->cls], "confidence", p->confidence,
			 "margin", p->margin, "score",
			 r->items[r->pick[k]].score);
}

static struct lsg_error *rank(struct modelslot *slot, const struct fleet *f,
			      unsigned limit, struct ranked *r, json_t *items)
{
	size_t nc = 0, nl = 0, got;
	struct lsg_error *err = NULL;

	r->pred = calloc(f->n + 1, sizeof(*r->pred));
	r->items = calloc(f->n + 1, sizeof(*r->items));
	r->labeled = calloc(f->n + 1, sizeof(*r->labeled));
	r->cand = calloc(f->n + 1, sizeof(*r->cand));
	r->pick = calloc(limit + 1, sizeof(*r->pick));
	if (!r->pred || !r->items || !r->labeled || !r->cand || !r->pick)
		return &lsg_enomem;
	for (size_t i = 0; !err && i < f->n; i++) {
		err = modelslot_predict(slot, &f->crash[i], &r->pred[i]);
		if (err)
			break;
		if (f->label[i] >= 0) {
			r->labeled[nl++] = r->pred[i].z;
			continue;
		}
		r->items[nc] = (struct active_item){ r->pred[i].margin,
						     r->pred[i].z, 0 };
		r->cand[nc++] = i;
	}
	if (err)
		return err;
	got = active_pick(r->items, nc, r->labeled, nl,
			  f->n ? r->pred[0].zdim : 0, limit, r->pick);
	for (size_t k = 0; k < got; k++)
		json_array_append_new(items, item_json(f, r, k));
	return NULL;
}

struct lsg_error *queue_build(struct modelslot *slot, struct store *s,
			      const struct oops_ctx *oops,
			      struct file_ctx *fctx, unsigned limit,
			      json_t **ret)
{
	struct ranked r = { 0 };
	struct fleet f = { 0 };
	struct lsg_error *err;
	json_t *items;

	if (!modelslot_version(slot))
		return lsg_error_create(LSG_ERR_NODATA,
					"no root-cause model trained");
	err = fleet_load(s, oops, fctx, QUEUE_CANDIDATES, &f);
	if (err)
		return err;
	items = json_array();
	err = items ? rank(slot, &f, limit, &r, items) : &lsg_enomem;
	ranked_free(&r);
	fleet_deinit(&f);
	if (err) {
		json_decref(items);
		return err;
	}
	*ret = json_pack("{s:I,s:o}", "model_version",
			 (json_int_t)modelslot_version(slot), "items", items);
	return *ret ? NULL : &lsg_enomem;
}
