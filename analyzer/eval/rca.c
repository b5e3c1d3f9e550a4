/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "garca/active.h"
#include "garca/augment.h"
#include "garca/rng.h"
#include "rca.h"

void rca_score_add(struct rca_score *s, int truth, int pred)
{
	if (truth < 0 || (size_t)truth >= s->nclasses)
		return;
	s->ncases++;
	s->support[truth]++;
	s->confusion[truth][pred < 0 ? s->nclasses : (size_t)pred]++;
}

void rca_score_finish(struct rca_score *s)
{
	size_t present = 0;

	s->precision = s->recall = s->f1 = 0;
	for (size_t c = 0; c < s->nclasses; c++) {
		unsigned tp = s->confusion[c][c], predicted = 0;
		double p, r;

		for (size_t t = 0; t < s->nclasses; t++)
			predicted += s->confusion[t][c];
		if (!s->support[c])
			continue;
		present++;
		p = predicted ? (double)tp / predicted : 0;
		r = (double)tp / s->support[c];
		s->f1_class[c] = p + r > 0 ? 2 * p * r / (p + r) : 0;
		s->precision += p;
		s->recall += r;
		s->f1 += s->f1_class[c];
	}
	if (present) {
		s->precision /= (double)present;
		s->recall /= (double)present;
		s->f1 /= (double)present;
	}
}

static json_t *confusion_json(const struct rca_score *s)
{
	json_t *m = json_object();

	for (size_t t = 0; t < s->nclasses; t++) {
		json_t *row = json_object();

		if (!s->support[t])
			continue;
		for (size_t p = 0; p <= s->nclasses; p++)
			if (s->confusion[t][p])
				json_object_set_new(row, p < s->nclasses ?
					dataset_classes[p] : "unknown",
					json_integer(s->confusion[t][p]));
		json_object_set_new(m, dataset_classes[t], row);
	}
	return m;
}

json_t *rca_score_json(const struct rca_score *s, int detail)
{
	json_t *j = json_pack("{s:f,s:f,s:f,s:f,s:f,s:I}",
			      "precision", s->precision, "recall", s->recall,
			      "f1", s->f1, "seconds_per_case",
			      s->seconds_per_case, "train_seconds",
			      s->train_seconds, "cases", (json_int_t)s->ncases);
	json_t *pc;

	if (!j || !detail)
		return j;
	pc = json_object();
	for (size_t c = 0; c < s->nclasses; c++)
		if (s->support[c])
			json_object_set_new(pc, dataset_classes[c],
					    json_real(s->f1_class[c]));
	json_object_set_new(j, "f1_per_class", pc);
	json_object_set_new(j, "confusion", confusion_json(s));
	return j;
}

/* GARCA as a method: the variants differ in hyperparameters only. */
static struct lsg_error *garca_m_train(const struct rca_method *me,
				       const struct rca_train_set *t,
				       void **ret)
{
	struct garca_example *ex = calloc(t->n + 1, sizeof(*ex));
	struct garca_hparams h;
	struct garca_model *m;
	struct lsg_error *err;

	if (!ex)
		return &lsg_enomem;
	garca_hparams_default(&h);
	h.seed = t->seed;
	if (me->tune)
		me->tune(&h);
	for (size_t i = 0; i < t->n; i++)
		ex[i] = (struct garca_example){ t->crash[i], t->label[i] };
	err = garca_train(&h, dataset_classes, t->nclasses, ex, t->n,
			  t->fleet, t->nfleet, &m);
	free(ex);
	if (!err)
		*ret = m;
	return err;
}

static int garca_m_predict(const void *state, const struct lines_crash *c)
{
	struct garca_pred p;
	struct lsg_error *err = garca_predict(state, c, &p);

	if (err) {
		lsg_error_destroy(err);
		return -1;
	}
	return p.cls;
}

static void garca_m_destroy(void *state)
{
	garca_model_destroy(state);
}

static void tune_published(struct garca_hparams *h)
{
	h->line_graph = 0;
}

static void tune_no_case(struct garca_hparams *h)
{
	h->case_graph = 0;
}

static void tune_tfidf(struct garca_hparams *h)
{
	h->embed = EMBED_TFIDF;
}

static void tune_skipgram(struct garca_hparams *h)
{
	h->embed = EMBED_SKIPGRAM;
}

#define GARCA_METHOD(k, t, all, aug, fn)                                 \
	{ .key = k, .title = t, .all_lines = all, .augment = aug,        \
	  .tune = fn, .train = garca_m_train,                            \
	  .predict = garca_m_predict, .destroy = garca_m_destroy }

static const struct rca_method m_logsage =
	GARCA_METHOD("logsage", "LogSage (ours)", 0, 1, NULL);
static const struct rca_method m_published =
	GARCA_METHOD("logsage_published",
		     "LogSage as published (case graph only)", 0, 0,
		     tune_published);

static const struct rca_method *const table_methods[] = {
	&m_logsage, &m_published, &rca_logcluster, &rca_logrule, &rca_logkg,
	&rca_rules,
};

static const struct rca_method ablations[] = {
	GARCA_METHOD("no_file", "no FILE (every line)", 1, 0, NULL),
	GARCA_METHOD("no_line_graph", "no line graph", 0, 1, tune_published),
	GARCA_METHOD("no_case_graph", "no case graph", 0, 1, tune_no_case),
	GARCA_METHOD("no_counterfactuals", "no counterfactual crashes", 0, 0,
		     NULL),
	GARCA_METHOD("embed_tfidf", "embedding: hashed TF-IDF", 0, 1,
		     tune_tfidf),
	GARCA_METHOD("embed_skipgram", "embedding: subword skip-gram", 0, 1,
		     tune_skipgram),
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The train and test crashes of one evaluation. */
struct split {
	const struct dataset *train, *test;
	size_t *tr, ntr;	/* indexes into train */
	size_t *te, nte;	/* indexes into test */
	uint64_t seed;
};

static const struct lines_crash *crash_of(const struct dataset *d, size_t i,
					  int all)
{
	return all ? &d->crash_all[i] : &d->crash[i];
}

/* Counterfactuals of the labeled training crashes (garca/augment.h). */
static struct lsg_error *counterfactuals(const struct split *sp,
					 const int *label, struct augment *ret)
{
	size_t *idx = malloc((sp->ntr + 1) * sizeof(*idx)), n = 0;
	struct lsg_error *err;

	if (!idx)
		return &lsg_enomem;
	for (size_t i = 0; i < sp->ntr; i++)
		if (label[i] >= 0)
			idx[n++] = sp->tr[i];
	err = augment_build(sp->train, idx, n, sp->seed, ret);
	free(idx);
	return err;
}

/* Train @me on the split's training crashes with labels @label. */
static struct lsg_error *method_train(const struct rca_method *me,
				      const struct split *sp, const int *label,
				      void **ret)
{
	struct augment aug = { 0 };
	struct lsg_error *err = me->augment ?
				counterfactuals(sp, label, &aug) : NULL;
	size_t n = sp->ntr + aug.n;
	const struct lines_crash **cr = calloc(n + 1, sizeof(*cr));
	int *lab = calloc(n + 1, sizeof(*lab));
	struct rca_train_set t = {
		.crash = cr, .label = lab, .n = n,
		.nclasses = dataset_nclasses,
		.fleet = (const char *const *)sp->train->fleet,
		.nfleet = sp->train->nfleet, .seed = sp->seed };

	if (!err && (!cr || !lab))
		err = &lsg_enomem;
	for (size_t i = 0; !err && i < n; i++) {
		cr[i] = i < sp->ntr ? crash_of(sp->train, sp->tr[i],
					       me->all_lines) :
				      &aug.crash[i - sp->ntr];
		lab[i] = i < sp->ntr ? label[i] : aug.label[i - sp->ntr];
	}
	if (!err)
		err = me->train(me, &t, ret);
	augment_deinit(&aug);
	free(cr);
	free(lab);
	return err;
}

static json_t *case_error(const struct split *sp, size_t k, int pred)
{
	const struct corpus_entry *e = &sp->test->corpus->cases[k];

	return json_pack("{s:s,s:s,s:s,s:s}", "case", e->name,
			 "variant", e->variant, "class", e->class,
			 "predicted", pred < 0 ? "unknown" :
			 dataset_classes[pred]);
}

static struct lsg_error *method_score(const struct rca_method *me,
				      const struct split *sp, const int *label,
				      struct rca_score *ret, json_t *errors)
{
	struct rca_score s = { .nclasses = dataset_nclasses };
	double t0 = now_s(), t1;
	struct lsg_error *err;
	void *state;

	err = method_train(me, sp, label, &state);
	if (err)
		return lsg_error_wrap(err, "%s", me->key);
	t1 = now_s();
	s.train_seconds = t1 - t0;
	for (size_t i = 0; i < sp->nte; i++) {
		size_t k = sp->te[i];
		int pred = me->predict(state, crash_of(sp->test, k,
						       me->all_lines));

		rca_score_add(&s, sp->test->label[k], pred);
		if (pred != sp->test->label[k] && sp->test->label[k] >= 0)
			json_array_append_new(errors, case_error(sp, k, pred));
	}
	/* every method parses and extracts first: that cost counts too */
	s.seconds_per_case = sp->nte ? (now_s() - t1) / (double)sp->nte +
			     sp->test->prep_ms / 1e3 / (double)sp->test->n : 0;
	me->destroy(state);
	rca_score_finish(&s);
	*ret = s;
	return NULL;
}

static int *train_labels(const struct split *sp)
{
	int *l = malloc((sp->ntr + 1) * sizeof(*l));

	for (size_t i = 0; l && i < sp->ntr; i++)
		l[i] = sp->train->label[sp->tr[i]];
	return l;
}

static struct lsg_error *run_methods(const struct split *sp,
				     const struct rca_method *const *ms,
				     size_t n, const struct rca_method *arr,
				     json_t *out)
{
	int *label = train_labels(sp);
	struct lsg_error *err = label ? NULL : &lsg_enomem;

	for (size_t i = 0; !err && i < n; i++) {
		const struct rca_method *me = ms ? ms[i] : &arr[i];
		json_t *errors = json_array(), *j;
		struct rca_score s;

		err = method_score(me, sp, label, &s, errors);
		if (err) {
			json_decref(errors);
			break;
		}
		j = rca_score_json(&s, 1);
		json_object_set_new(j, "errors", errors);
		json_object_set_new(out, me->key, j);
	}
	free(label);
	return err;
}

/* Uncertainty x diversity over the unlabeled training crashes. */
static struct lsg_error *active_next(const struct split *sp,
				     const struct garca_model *m, int *label,
				     size_t want)
{
	struct active_item *items = calloc(sp->ntr + 1, sizeof(*items));
	struct garca_pred *pred = calloc(sp->ntr + 1, sizeof(*pred));
	const double **lab = calloc(sp->ntr + 1, sizeof(*lab));
	size_t *cand = calloc(sp->ntr + 1, sizeof(*cand));
	size_t *pick = calloc(want + 1, sizeof(*pick));
	size_t nc = 0, nl = 0, got;
	struct lsg_error *err = items && pred && lab && cand && pick ? NULL :
				&lsg_enomem;

	for (size_t i = 0; !err && i < sp->ntr; i++) {
		err = garca_predict(m, &sp->train->crash[sp->tr[i]], &pred[i]);
		if (err)
			break;
		if (label[i] >= 0) {
			lab[nl++] = pred[i].z;
			continue;
		}
		items[nc] = (struct active_item){ pred[i].margin, pred[i].z,
						  0 };
		cand[nc++] = i;
	}
	if (!err) {
		got = active_pick(items, nc, lab, nl, pred[0].zdim, want,
				  pick);
		for (size_t k = 0; k < got; k++)
			label[cand[pick[k]]] = sp->train->label[
				sp->tr[cand[pick[k]]]];
	}
	free(items);
	free(pred);
	free(lab);
	free(cand);
	free(pick);
	return err;
}

/* Runs of the label curve averaged: one permutation says little. */
enum { CURVE_RUNS = 3, CURVE_POINTS = 24 };

static struct lsg_error *curve_point(const struct split *sp,
				     const int *label, double *f1,
				     void **model)
{
	struct rca_score s = { .nclasses = dataset_nclasses };
	struct lsg_error *err = method_train(&m_logsage, sp, label, model);

	for (size_t i = 0; !err && i < sp->nte; i++)
		rca_score_add(&s, sp->test->label[sp->te[i]],
			      garca_m_predict(*model,
					      &sp->test->crash[sp->te[i]]));
	if (err)
		return err;
	rca_score_finish(&s);
	*f1 += s.f1 / CURVE_RUNS;
	return NULL;
}

/*
 * One run: labels doubled from one per class's worth, random against
 * active from the same random start; F1s added into @fr, @fa.
 */
static struct lsg_error *curve_run(const struct split *sp, uint64_t seed,
				   double *fr, double *fa, size_t *used)
{
	size_t *perm = malloc((sp->ntr + 1) * sizeof(*perm));
	int *lr = malloc((sp->ntr + 1) * sizeof(*lr));
	int *la = malloc((sp->ntr + 1) * sizeof(*la));
	struct rng r = { seed };
	struct lsg_error *err = perm && lr && la ? NULL : &lsg_enomem;
	size_t b = dataset_nclasses, prev = 0;

	for (size_t i = 0; !err && i < sp->ntr; i++) {
		size_t j = rng_below(&r, i + 1);

		perm[i] = perm[j];
		perm[j] = i;
		lr[i] = la[i] = -1;
	}
	for (size_t p = 0; !err && prev < sp->ntr && p < CURVE_POINTS;
	     p++, b *= 2) {
		void *m = NULL;

		if (b > sp->ntr)
			b = sp->ntr;
		used[p] = b;
		for (size_t k = prev; k < b; k++)
			lr[perm[k]] = sp->train->label[sp->tr[perm[k]]];
		err = curve_point(sp, lr, &fr[p], &m);
		garca_model_destroy(m);
		m = NULL;
		if (!err && !prev)
			memcpy(la, lr, sp->ntr * sizeof(*la));
		if (!err)
			err = curve_point(sp, la, &fa[p], &m);
		if (!err && b < sp->ntr)
			err = active_next(sp, m, la, (b * 2 < sp->ntr ?
						      b * 2 : sp->ntr) - b);
		garca_model_destroy(m);
		prev = b;
	}
	free(perm);
	free(lr);
	free(la);
	return err;
}

/* F1 against labels used, active against random, mean of CURVE_RUNS. */
static struct lsg_error *label_curve(const struct split *sp, json_t *out)
{
	double fr[CURVE_POINTS] = { 0 }, fa[CURVE_POINTS] = { 0 };
	size_t used[CURVE_POINTS] = { 0 };
	json_t *ra = json_array(), *aa = json_array();
	struct lsg_error *err = NULL;

	for (unsigned run = 0; !err && run < CURVE_RUNS; run++)
		err = curve_run(sp, sp->seed ^ (0xa1 + run), fr, fa, used);
	for (size_t p = 0; p < CURVE_POINTS && used[p]; p++) {
		json_array_append_new(ra, json_pack("{s:I,s:f}", "labels",
			(json_int_t)used[p], "f1", fr[p]));
		json_array_append_new(aa, json_pack("{s:I,s:f}", "labels",
			(json_int_t)used[p], "f1", fa[p]));
	}
	json_object_set_new(out, "runs", json_integer(CURVE_RUNS));
	json_object_set_new(out, "random", ra);
	json_object_set_new(out, "active", aa);
	return err;
}

/* Which classes each side has, so none is silently dropped. */
static json_t *class_cover(const struct split *sp)
{
	unsigned tr[RCA_MAX_CLASSES] = { 0 }, te[RCA_MAX_CLASSES] = { 0 };
	json_t *j = json_object();

	for (size_t i = 0; i < sp->ntr; i++)
		if (sp->train->label[sp->tr[i]] >= 0)
			tr[sp->train->label[sp->tr[i]]]++;
	for (size_t i = 0; i < sp->nte; i++)
		if (sp->test->label[sp->te[i]] >= 0)
			te[sp->test->label[sp->te[i]]]++;
	for (size_t c = 0; c < dataset_nclasses; c++)
		json_object_set_new(j, dataset_classes[c], json_pack(
			"{s:i,s:i}", "train", tr[c], "test", te[c]));
	return j;
}

static struct lsg_error *split_make(const struct dataset *a,
				    const struct dataset *b, uint64_t seed,
				    struct split *sp)
{
	int same = a == b;

	*sp = (struct split){ .train = a, .test = b, .seed = seed };
	sp->tr = malloc((a->n + 1) * sizeof(*sp->tr));
	sp->te = malloc((b->n + 1) * sizeof(*sp->te));
	if (!sp->tr || !sp->te)
		return &lsg_enomem;
	for (size_t i = 0; i < a->n; i++)
		if (!same || corpus_is_train(&a->corpus->cases[i]))
			sp->tr[sp->ntr++] = i;
	for (size_t i = 0; i < b->n; i++)
		if (!same || !corpus_is_train(&b->corpus->cases[i]))
			sp->te[sp->nte++] = i;
	if (!sp->ntr || !sp->nte)
		return lsg_error_create(LSG_ERR_INVALID,
					"%zu training and %zu test crashes",
					sp->ntr, sp->nte);
	return NULL;
}

static struct lsg_error *eval_split(const struct rca_eval_opts *o,
				    const struct split *sp, json_t *res)
{
	json_t *methods = json_object(), *abl = json_object();
	json_t *curve = json_object();
	struct lsg_error *err;

	json_object_set_new(res, "methods", methods);
	json_object_set_new(res, "classes", class_cover(sp));
	json_object_set_new(res, "train_cases", json_integer((json_int_t)sp->ntr));
	json_object_set_new(res, "test_cases", json_integer((json_int_t)sp->nte));
	json_object_set_new(methods, "logprompt", json_pack(
		"{s:s}", "not_run", "no llm_url configured"));
	err = run_methods(sp, table_methods, sizeof(table_methods) /
			  sizeof(table_methods[0]), NULL, methods);
	if (!err && o->ablations) {
		json_object_set_new(res, "ablations", abl);
		abl = NULL;
		err = run_methods(sp, NULL, sizeof(ablations) /
				  sizeof(ablations[0]), ablations,
				  json_object_get(res, "ablations"));
	}
	if (!err && o->curve) {
		json_object_set_new(res, "label_efficiency", curve);
		curve = NULL;
		err = label_curve(sp, json_object_get(res,
						      "label_efficiency"));
	}
	json_decref(abl);
	json_decref(curve);
	return err;
}

struct lsg_error *rca_eval(const struct rca_eval_opts *o, json_t **ret)
{
	struct dataset a = { 0 }, b = { 0 };
	int same = !strcmp(o->train_dir, o->test_dir);
	struct file_ctx *fctx = NULL;
	struct split sp = { 0 };
	struct lsg_error *err;
	json_t *res = json_object();

	/* FILE's background: the logs of the crashes learned from */
	err = res ? file_ctx_create(NULL, &fctx) : &lsg_enomem;
	if (!err)
		err = dataset_load(o->train_dir, fctx, same ?
				   DATASET_LEARN_TRAIN : DATASET_LEARN_ALL,
				   &a);
	if (!err && !same)
		err = dataset_load(o->test_dir, fctx, DATASET_LEARN_NONE, &b);
	if (!err)
		err = split_make(&a, same ? &a : &b, o->seed, &sp);
	if (!err) {
		json_object_set_new(res, "train", json_string(o->train_dir));
		json_object_set_new(res, "test", json_string(o->test_dir));
		err = eval_split(o, &sp, res);
	}
	free(sp.tr);
	free(sp.te);
	dataset_deinit(&a);
	dataset_deinit(&b);
	file_ctx_destroy(fctx);
	if (err) {
		json_decref(res);
		return err;
	}
	*ret = res;
	return NULL;
}

static void print_row(FILE *f, const char *title, const json_t *s)
{
	if (json_object_get(s, "not_run")) {
		fprintf(f, "  %-44s not run: %s\n", title, json_string_value(
			json_object_get(s, "not_run")));
		return;
	}
	fprintf(f, "  %-44s %6.1f %6.1f %6.1f %10.5f\n", title,
		100 * json_number_value(json_object_get(s, "precision")),
		100 * json_number_value(json_object_get(s, "recall")),
		100 * json_number_value(json_object_get(s, "f1")),
		json_number_value(json_object_get(s, "seconds_per_case")));
}

static void print_confusion(FILE *f, const json_t *s)
{
	json_t *conf = json_object_get(s, "confusion"), *row, *v;
	const char *t, *p;

	fprintf(f, "\nLogSage per class (F1 %%) and errors:\n");
	json_object_foreach(conf, t, row) {
		fprintf(f, "  %-18s %5.1f ", t, 100 * json_number_value(
			json_object_get(json_object_get(s, "f1_per_class"),
					t)));
		json_object_foreach(row, p, v)
			if (strcmp(p, t))
				fprintf(f, " %s:%lld", p, (long long)
					json_integer_value(v));
		fputc('\n', f);
	}
}

static void print_curve(FILE *f, const json_t *c)
{
	const json_t *r = json_object_get(c, "random");
	const json_t *a = json_object_get(c, "active");

	fprintf(f, "\nlabel efficiency (macro F1 %%, mean of %lld runs):\n"
		"  labels  random  active\n",
		(long long)json_integer_value(json_object_get(c, "runs")));
	for (size_t i = 0; i < json_array_size(r); i++)
		fprintf(f, "  %6lld  %6.1f  %6.1f\n", (long long)
			json_integer_value(json_object_get(
				json_array_get(r, i), "labels")),
			100 * json_number_value(json_object_get(
				json_array_get(r, i), "f1")),
			100 * json_number_value(json_object_get(
				json_array_get(a, i), "f1")));
}

void rca_eval_print(const json_t *res, FILE *f)
{
	const json_t *m = json_object_get(res, "methods");
	const json_t *abl = json_object_get(res, "ablations");

	fprintf(f, "Root cause (Table VI form): train %s (%lld), test %s (%lld)\n",
		json_string_value(json_object_get(res, "train")),
		(long long)json_integer_value(json_object_get(res,
							      "train_cases")),
		json_string_value(json_object_get(res, "test")),
		(long long)json_integer_value(json_object_get(res,
							      "test_cases")));
	fprintf(f, "  %-44s %6s %6s %6s %10s\n", "method", "P %", "R %",
		"F1 %", "s/case");
	for (size_t i = 0; i < sizeof(table_methods) /
	     sizeof(table_methods[0]); i++)
		print_row(f, table_methods[i]->title, json_object_get(m,
			  table_methods[i]->key));
	print_row(f, "LogPrompt", json_object_get(m, "logprompt"));
	if (abl) {
		fprintf(f, "\nablations:\n");
		for (size_t i = 0; i < sizeof(ablations) /
		     sizeof(ablations[0]); i++)
			print_row(f, ablations[i].title, json_object_get(abl,
				  ablations[i].key));
	}
	print_confusion(f, json_object_get(m, "logsage"));
	if (json_object_get(res, "label_efficiency"))
		print_curve(f, json_object_get(res, "label_efficiency"));
}
