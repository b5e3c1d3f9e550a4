/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <time.h>

#include "augment.h"
#include "dataset.h"
#include "fleet.h"
#include "retrain.h"

/* Save @m as the store's next model version, retrying a lost race once. */
static struct lsg_error *store_model(const struct garca_model *m,
				     struct store *s, int64_t *ret_version)
{
	struct blob b = { 0 };
	struct lsg_error *err = NULL;

	garca_save(m, &b);
	if (b.failed) {
		free(b.buf);
		return &lsg_enomem;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		int64_t version;
		size_t len;
		void *old;

		lsg_error_destroy(err);
		err = store_state_get(s, GARCA_STATE_NAME, &old, &len,
				      &version);
		free(old);
		if (!err)
			err = store_state_put(s, GARCA_STATE_NAME, b.buf, b.len,
					      version, ret_version);
		if (!err || err->code != LSG_ERR_INVALID)
			break;
	}
	free(b.buf);
	return err;
}

/* The corpus, its counterfactuals (augment.h), the stored crashes. */
static struct lsg_error *examples(const struct dataset *d,
				  const struct fleet *f, uint64_t seed,
				  struct augment *aug,
				  struct garca_example **ret, size_t *n)
{
	size_t *idx = calloc(d->n + 1, sizeof(*idx)), k = 0;
	struct garca_example *ex;
	struct lsg_error *err;

	if (!idx)
		return &lsg_enomem;
	for (size_t i = 0; i < d->n; i++)
		idx[i] = i;
	err = augment_build(d, idx, d->n, seed, aug);
	free(idx);
	if (err)
		return err;
	ex = calloc(d->n + aug->n + f->n + 1, sizeof(*ex));
	if (!ex)
		return &lsg_enomem;
	for (size_t i = 0; i < d->n; i++)
		ex[k++] = (struct garca_example){ &d->crash[i], d->label[i] };
	for (size_t i = 0; i < aug->n; i++)
		ex[k++] = (struct garca_example){ &aug->crash[i],
						  aug->label[i] };
	for (size_t i = 0; i < f->n; i++)
		ex[k++] = (struct garca_example){ &f->crash[i], f->label[i] };
	*ret = ex;
	*n = k;
	return NULL;
}

struct lsg_error *retrain_run(const struct retrain_opts *o, struct store *s,
			      struct retrain_result *ret)
{
	struct retrain_result r = { 0 };
	struct dataset d = { 0 };
	struct fleet f = { 0 };
	struct oops_ctx *oops = NULL;
	struct file_ctx *fctx = NULL;
	struct garca_example *ex = NULL;
	struct augment aug = { 0 };
	struct garca_model *m = NULL;
	struct timespec t0, t1;
	struct lsg_error *err = NULL;
	size_t n = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* FILE's background: the store's templates, and the corpus's logs */
	err = file_ctx_create(NULL, &fctx);
	if (!err)
		err = file_state_load(fctx, s);
	if (!err && o->corpus)
		err = dataset_load(o->corpus, fctx, DATASET_LEARN_ALL, &d);
	if (!err)
		err = oops_ctx_create(&oops);
	if (!err)
		err = fleet_load(s, oops, fctx, RETRAIN_MAX_STORED, &f);
	if (!err)
		err = examples(&d, &f, o->h.seed, &aug, &ex, &n);
	if (!err)
		err = garca_train(&o->h, dataset_classes, dataset_nclasses, ex,
				  n, (const char *const *)d.fleet, d.nfleet,
				  &m);
	if (!err)
		err = store_model(m, s, &r.version);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r.corpus_cases = d.n;
	r.stored = f.n;
	for (size_t i = 0; i < f.n; i++)
		r.stored_labeled += f.label[i] >= 0;
	r.seconds = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	garca_model_destroy(m);
	free(ex);
	augment_deinit(&aug);
	fleet_deinit(&f);
	oops_ctx_destroy(oops);
	file_ctx_destroy(fctx);
	dataset_deinit(&d);
	if (!err)
		*ret = r;
	return err;
}
