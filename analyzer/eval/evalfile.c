/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "evalfile.h"

/* Counts of one group of cases (a class, or all). */
struct tally {
	size_t n, cause, found, lines, kept;
	size_t *kept_per_case, *extra_per_case;	/* n of each */
	double seconds;
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct lsg_error *evalfile_learn(struct file_ctx *ctx, const struct corpus *c,
				 int train_only, size_t *ret_n,
				 size_t *ret_lines, double *ret_seconds)
{
	size_t n = 0, lines = 0;
	double secs = 0;

	for (size_t i = 0; i < c->ncases; i++) {
		struct corpus_case cc;
		struct lsg_error *err;
		double t0;

		if (train_only && !corpus_is_train(&c->cases[i]))
			continue;
		err = corpus_load(c, i, &cc);
		if (err)
			return err;
		t0 = now();
		err = file_learn(ctx, &cc.log);
		secs += now() - t0;
		lines += cc.log.nrecs;
		corpus_case_deinit(&cc);
		if (err)
			return err;
		n++;
	}
	*ret_n = n;
	*ret_lines = lines;
	*ret_seconds = secs;
	return NULL;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static double median(size_t *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_size);
	return n % 2 ? (double)v[n / 2] :
		       ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
}

static json_t *tally_json(struct tally *t)
{
	return json_pack("{s:I,s:f,s:f,s:f,s:f,s:f,s:f}",
		"n", (json_int_t)t->n,
		"recall", t->cause ? (double)t->found / (double)t->cause : 0.0,
		"reduction", t->lines ? 1.0 - (double)t->kept /
			(double)t->lines : 0.0,
		"kept", t->lines ? (double)t->kept / (double)t->lines : 0.0,
		"median_lines", median(t->kept_per_case, t->n),
		"median_extra_lines", median(t->extra_per_case, t->n),
		"seconds_per_case", t->n ? t->seconds / (double)t->n : 0.0);
}

static int tally_add(struct tally *t, size_t cause, size_t found,
		     size_t lines, size_t kept, double secs)
{
	size_t *a = realloc(t->kept_per_case, (t->n + 1) * sizeof(*a));
	size_t *b;

	if (!a)
		return -1;
	t->kept_per_case = a;
	b = realloc(t->extra_per_case, (t->n + 1) * sizeof(*b));
	if (!b)
		return -1;
	t->extra_per_case = b;
	a[t->n] = kept;
	b[t->n] = kept - found;
	t->n++;
	t->cause += cause;
	t->found += found;
	t->lines += lines;
	t->kept += kept;
	t->seconds += secs;
	return 0;
}

static void tally_free(struct tally *t)
{
	free(t->kept_per_case);
	free(t->extra_per_case);
}

/* The class's tally in @classes (names borrowed from the corpus). */
static struct tally *class_tally(struct tally **classes, const char ***names,
				 size_t *n, const char *name)
{
	struct tally *t;
	const char **nm;

	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*names)[i], name))
			return &(*classes)[i];
	t = realloc(*classes, (*n + 1) * sizeof(*t));
	if (!t)
		return NULL;
	*classes = t;
	nm = realloc(*names, (*n + 1) * sizeof(*nm));
	if (!nm)
		return NULL;
	*names = nm;
	memset(&t[*n], 0, sizeof(*t));
	nm[*n] = name;
	return &t[(*n)++];
}

/* Run @m on one case; counts into @all and its class. */
static struct lsg_error *score_case(const struct evalfile_method *m,
				    const struct oops_ctx *oops,
				    const struct corpus_case *cc,
				    struct tally *all, struct tally *cls)
{
	struct oops_result *res;
	struct file_result *r = NULL;
	struct lsg_error *err;
	size_t cause = 0, found = 0;
	double t0;

	err = oops_parse(oops, &cc->log, &res);
	if (err)
		return err;
	t0 = now();
	err = m->ctx ? file_extract(m->ctx, &cc->log, res, &r) :
		       file_published(&cc->log, res, &r);
	t0 = now() - t0;
	oops_result_destroy(res);
	if (err)
		return err;
	for (size_t i = 0; i < cc->log.nrecs; i++)
		cause += corpus_is_cause(cc->entry, cc->log.recs[i].seq);
	for (size_t k = 0; k < r->nlines; k++)
		found += corpus_is_cause(cc->entry,
					 cc->log.recs[r->lines[k].rec].seq);
	if (tally_add(all, cause, found, cc->log.nrecs, r->nlines, t0) ||
	    tally_add(cls, cause, found, cc->log.nrecs, r->nlines, t0))
		err = &lsg_enomem;
	file_result_destroy(r);
	return err;
}

static json_t *result_json(struct tally *all, struct tally *classes,
			   const char **names, size_t n)
{
	json_t *out = tally_json(all), *per = json_object();

	for (size_t i = 0; out && per && i < n; i++)
		json_object_set_new(per, names[i], tally_json(&classes[i]));
	if (out)
		json_object_set_new(out, "per_class", per);
	else
		json_decref(per);
	return out;
}

struct lsg_error *evalfile_score(const struct evalfile_method *m,
				 const struct oops_ctx *oops,
				 const struct corpus *c, int test_only,
				 size_t *ret_n, json_t **ret)
{
	struct tally all = { 0 }, *classes = NULL, *cls;
	const char **names = NULL;
	struct lsg_error *err = NULL;
	size_t nclasses = 0;

	for (size_t i = 0; !err && i < c->ncases; i++) {
		struct corpus_case cc;

		if (test_only && corpus_is_train(&c->cases[i]))
			continue;
		cls = class_tally(&classes, &names, &nclasses,
				  c->cases[i].class);
		if (!cls) {
			err = &lsg_enomem;
			break;
		}
		err = corpus_load(c, i, &cc);
		if (err)
			break;
		err = score_case(m, oops, &cc, &all, cls);
		if (err)
			err = lsg_error_wrap(err, "case %s", c->cases[i].name);
		corpus_case_deinit(&cc);
	}
	if (!err) {
		*ret = result_json(&all, classes, names, nclasses);
		*ret_n = all.n;
		if (!*ret)
			err = &lsg_enomem;
	}
	for (size_t i = 0; i < nclasses; i++)
		tally_free(&classes[i]);
	free(classes);
	free(names);
	tally_free(&all);
	return err ? lsg_error_wrap(err, "%s", m->name) : NULL;
}
