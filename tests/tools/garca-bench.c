/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * garca-bench CORPUS [N]: GARCA's costs for make bench.
 *   training   N crashes (default 10,000: the corpus repeated, each copy a
 *              node of its own, and its logs repeated as the fleet's) on
 *              2 threads, embeddings included
 *   inference  per case on one core, from the parsed log: extraction,
 *              line graph, crash vector, case graph, softmax, evidence;
 *              and the parse before it
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "garca/dataset.h"
#include "garca/garca.h"
#include "parse/oops.h"

static double clock_ms(clockid_t id)
{
	struct timespec t;

	clock_gettime(id, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

/* On-CPU time of this thread: one core's cost, whatever else runs. */
static double cpu_ms(void)
{
	return clock_ms(CLOCK_THREAD_CPUTIME_ID);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static struct garca_model *bench_train(const struct dataset *d, size_t n)
{
	struct garca_example *ex = calloc(n, sizeof(*ex));
	size_t reps = (n + d->n - 1) / d->n, nf = 0;
	const char **fleet = calloc(d->nfleet * reps + 1, sizeof(*fleet));
	struct garca_hparams h;
	struct garca_model *m = NULL;
	struct lsg_error *err;
	double t0, c0;

	for (size_t i = 0; i < n; i++)
		ex[i] = (struct garca_example){ &d->crash[i % d->n],
						d->label[i % d->n] };
	for (size_t r = 0; r < reps; r++)
		for (size_t i = 0; i < d->nfleet; i++)
			fleet[nf++] = d->fleet[i];
	garca_hparams_default(&h);
	h.threads = 2;
	t0 = now_ms();
	c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	err = garca_train(&h, dataset_classes, dataset_nclasses, ex, n, fleet,
			  nf, &m);
	if (err)
		lsg_error_print(err, "garca-bench", stderr);
	else
		printf("GARCA training, %zu crashes (corpus x%zu), %zu fleet lines, 2 threads: %.1f s wall, %.1f s CPU\n",
		       n, reps, nf, (now_ms() - t0) / 1e3,
		       (clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1e3);
	lsg_error_destroy(err);
	free(ex);
	free(fleet);
	return m;
}

static void bench_infer(const struct garca_model *m, struct file_ctx *fctx,
			const struct corpus *c)
{
	double *t = calloc(c->ncases, sizeof(*t)), *tp = calloc(c->ncases,
							       sizeof(*tp));
	struct oops_ctx *oops;
	size_t n = 0;

	if (oops_ctx_create(&oops))
		return;
	for (size_t i = 0; i < c->ncases; i++) {
		struct corpus_case cc;
		struct oops_result *res;
		struct lines_crash lc;
		struct garca_pred p;
		double t0, t1;

		if (corpus_load(c, i, &cc))
			continue;
		t0 = cpu_ms();
		if (!oops_parse(oops, &cc.log, &res)) {
			t1 = cpu_ms();
			if (!lines_from_log(fctx, &cc.log, res, &lc)) {
				if (!garca_predict(m, &lc, &p)) {
					tp[n] = t1 - t0;
					t[n++] = cpu_ms() - t1;
				}
				lines_crash_deinit(&lc);
			}
			oops_result_destroy(res);
		}
		corpus_case_deinit(&cc);
	}
	qsort(t, n, sizeof(*t), cmp_double);
	qsort(tp, n, sizeof(*tp), cmp_double);
	if (n)
		printf("GARCA inference per case, one core (CPU time), %zu cases: median %.2f ms, p90 %.2f ms, max %.2f ms (FILE + graphs + model); parse before it: median %.2f ms\n",
		       n, t[n / 2], t[n * 9 / 10], t[n - 1], tp[n / 2]);
	oops_ctx_destroy(oops);
	free(t);
	free(tp);
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 10) : 10000;
	struct file_ctx *fctx = NULL;
	struct garca_model *m;
	struct dataset d;
	struct lsg_error *err;

	if (argc < 2 || !n) {
		fprintf(stderr, "usage: garca-bench CORPUS [N]\n");
		return 2;
	}
	err = file_ctx_create(NULL, &fctx);
	if (!err)
		err = dataset_load(argv[1], fctx, DATASET_LEARN_ALL, &d);
	if (err) {
		lsg_error_print(err, "garca-bench", stderr);
		return 1;
	}
	m = bench_train(&d, n);
	if (m)
		bench_infer(m, fctx, d.corpus);
	garca_model_destroy(m);
	dataset_deinit(&d);
	file_ctx_destroy(fctx);
	return m ? 0 : 1;
}
