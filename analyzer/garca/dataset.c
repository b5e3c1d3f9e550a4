/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dataset.h"
#include "eval/evalfile.h"
#include "parse/oops.h"
#include "store/store.h"

const char *const *const dataset_classes = store_classes;
const size_t dataset_nclasses = STORE_NCLASSES - 1;

int dataset_class(const char *name)
{
	for (size_t i = 0; i < dataset_nclasses; i++)
		if (!strcmp(name, dataset_classes[i]))
			return (int)i;
	return -1;
}

static struct lsg_error *add_fleet(struct dataset *d, const struct lsg_log *log)
{
	char **p = realloc(d->fleet, (d->nfleet + log->nrecs + 1) *
			   sizeof(*p));

	if (!p)
		return &lsg_enomem;
	d->fleet = p;
	for (size_t i = 0; i < log->nrecs; i++) {
		size_t len = log->recs[i].text_len;
		char *s = malloc(len + 1);

		if (!s)
			return &lsg_enomem;
		memcpy(s, lsg_log_text(log, i), len);
		s[len] = '\0';
		d->fleet[d->nfleet++] = s;
	}
	return NULL;
}

static struct lsg_error *load_case(struct dataset *d,
				   const struct oops_ctx *ctx,
				   struct file_ctx *fctx, size_t i)
{
	struct corpus_case cc;
	struct oops_result *res = NULL;
	struct lsg_error *err;

	err = corpus_load(d->corpus, i, &cc);
	if (err)
		return err;
	err = oops_parse(ctx, &cc.log, &res);
	if (!err)
		err = lines_from_log(fctx, &cc.log, res, &d->crash[i]);
	if (!err)
		err = lines_extract(&cc.log, res, NULL, &d->crash_all[i]);
	if (!err)
		err = add_fleet(d, &cc.log);
	d->label[i] = dataset_class(d->corpus->cases[i].class);
	oops_result_destroy(res);
	corpus_case_deinit(&cc);
	if (err)
		return lsg_error_wrap(err, "%s", d->corpus->cases[i].name);
	return NULL;
}

struct lsg_error *dataset_load(const char *dir, struct file_ctx *fctx,
			       enum dataset_learn learn, struct dataset *ret)
{
	struct dataset d = { 0 };
	struct oops_ctx *ctx = NULL;
	struct lsg_error *err;
	struct timespec t0, t1;
	size_t nl, lines;
	double secs;

	err = corpus_open(dir, &d.corpus);
	if (!err && learn != DATASET_LEARN_NONE)
		err = evalfile_learn(fctx, d.corpus,
				     learn == DATASET_LEARN_TRAIN, &nl, &lines,
				     &secs);
	if (err) {
		corpus_destroy(d.corpus);
		return lsg_error_wrap(err, "%s", dir);
	}
	d.n = d.corpus->ncases;
	d.crash = calloc(d.n + 1, sizeof(*d.crash));
	d.crash_all = calloc(d.n + 1, sizeof(*d.crash_all));
	d.label = calloc(d.n + 1, sizeof(*d.label));
	err = d.crash && d.crash_all && d.label ? oops_ctx_create(&ctx) :
						  &lsg_enomem;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; !err && i < d.n; i++)
		err = load_case(&d, ctx, fctx, i);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	d.prep_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	oops_ctx_destroy(ctx);
	if (err) {
		dataset_deinit(&d);
		return lsg_error_wrap(err, "%s", dir);
	}
	*ret = d;
	return NULL;
}

void dataset_deinit(struct dataset *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->crash)
			lines_crash_deinit(&d->crash[i]);
		if (d->crash_all)
			lines_crash_deinit(&d->crash_all[i]);
	}
	for (size_t i = 0; i < d->nfleet; i++)
		free(d->fleet[i]);
	free(d->fleet);
	free(d->crash);
	free(d->crash_all);
	free(d->label);
	corpus_destroy(d->corpus);
	memset(d, 0, sizeof(*d));
}
