/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GARCA's gradients against central finite differences: every GraphSAGE
 * piece alone (aggregator, self+neighbour layer, linear layer, ReLU, L2
 * normalization, mean readout, softmax cross-entropy) on a random graph,
 * then the whole model (two line-graph layers, the case-graph layer and
 * the output) on a real crash of the corpus.  And Adam's first step.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "garca/dataset.h"
#include "garca/garca_internal.h"
#include "garca/rng.h"
#include "garca/sage.h"
#include "harness.h"

enum { N = 5, IN = 4, OUT = 3 };

static const double EPS = 1e-6, TOL = 1e-5;

static struct rng rng = { 42 };

static void fill(double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = 2 * rng_unit(&rng) - 1;
}

static int close_enough(double analytic, double numeric)
{
	double scale = fabs(analytic) + fabs(numeric);

	return fabs(analytic - numeric) <= TOL * (scale > 1 ? scale : 1);
}

/* A ring with a chord, weighted and not. */
static const uint32_t g_off[N + 1] = { 0, 2, 4, 7, 9, 10 };
static const uint32_t g_nb[10] = { 1, 4, 0, 2, 1, 3, 4, 2, 4, 3 };
static const double g_w[10] = { 0.3, 0.7, 0.5, 0.5, 0.2, 0.3, 0.5, 0.6,
				0.4, 1.0 };

static double loss_agg(const struct sage_graph *g, const double *x,
		       const double *r)
{
	double agg[N * IN], s = 0;

	sage_aggregate(g, x, IN, agg);
	for (size_t i = 0; i < N * IN; i++)
		s += r[i] * agg[i];
	return s;
}

static void check_aggregate(int weighted)
{
	struct sage_graph g = { N, g_off, g_nb, weighted ? g_w : NULL };
	double x[N * IN], r[N * IN], dx[N * IN] = { 0 };

	fill(x, N * IN);
	fill(r, N * IN);
	sage_aggregate_back(&g, r, IN, dx);
	for (size_t i = 0; i < N * IN; i++) {
		double keep = x[i], lp, lm;

		x[i] = keep + EPS;
		lp = loss_agg(&g, x, r);
		x[i] = keep - EPS;
		lm = loss_agg(&g, x, r);
		x[i] = keep;
		CHECK(close_enough(dx[i], (lp - lm) / (2 * EPS)));
	}
}

static double loss_dense(const struct sage_dense *l, const double *p,
			 const double *x, const double *agg, const double *r)
{
	double z[N * OUT], s = 0;

	sage_dense_fwd(l, p, x, agg, N, z);
	for (size_t i = 0; i < N * OUT; i++)
		s += r[i] * z[i];
	return s;
}

/* d loss / d v[i] by central differences, v being one of the inputs. */
#define NUMERIC(v, i, expr)                                              \
	({                                                               \
		double keep_ = (v)[i], lp_, lm_;                         \
		(v)[i] = keep_ + EPS;                                    \
		lp_ = (expr);                                            \
		(v)[i] = keep_ - EPS;                                    \
		lm_ = (expr);                                            \
		(v)[i] = keep_;                                          \
		(lp_ - lm_) / (2 * EPS);                                 \
	})

static void check_dense(int neigh)
{
	struct sage_dense l = { IN, OUT, 0, neigh };
	size_t np = sage_dense_size(&l);
	double p[2 * IN * OUT + OUT], gp[2 * IN * OUT + OUT] = { 0 };
	double x[N * IN], agg[N * IN], r[N * OUT];
	double dx[N * IN] = { 0 }, dagg[N * IN] = { 0 };

	fill(p, np);
	fill(x, N * IN);
	fill(agg, N * IN);
	fill(r, N * OUT);
	sage_dense_back(&l, p, x, agg, r, N, gp, dx, dagg);
	for (size_t i = 0; i < np; i++)
		CHECK(close_enough(gp[i], NUMERIC(p, i,
			loss_dense(&l, p, x, agg, r))));
	for (size_t i = 0; i < N * IN; i++) {
		CHECK(close_enough(dx[i], NUMERIC(x, i,
			loss_dense(&l, p, x, agg, r))));
		if (neigh)
			CHECK(close_enough(dagg[i], NUMERIC(agg, i,
				loss_dense(&l, p, x, agg, r))));
	}
}

static double loss_relu(const double *z, const double *r)
{
	double h[N * OUT], s = 0;

	memcpy(h, z, sizeof(h));
	sage_relu_fwd(h, N * OUT);
	for (size_t i = 0; i < N * OUT; i++)
		s += r[i] * h[i];
	return s;
}

static void check_relu(void)
{
	double z[N * OUT], h[N * OUT], r[N * OUT], dz[N * OUT];

	fill(z, N * OUT);
	for (size_t i = 0; i < N * OUT; i++)
		z[i] += z[i] < 0 ? -0.1 : 0.1;	/* away from the kink */
	fill(r, N * OUT);
	memcpy(h, z, sizeof(h));
	sage_relu_fwd(h, N * OUT);
	memcpy(dz, r, sizeof(dz));
	sage_relu_back(h, dz, N * OUT);
	for (size_t i = 0; i < N * OUT; i++)
		CHECK(close_enough(dz[i], NUMERIC(z, i, loss_relu(z, r))));
}

static double loss_l2(const double *h, const double *r)
{
	double y[N * OUT], norm[N], s = 0;

	sage_l2_fwd(h, N, OUT, y, norm);
	for (size_t i = 0; i < N * OUT; i++)
		s += r[i] * y[i];
	return s;
}

static void check_l2(void)
{
	double h[N * OUT], y[N * OUT], norm[N], r[N * OUT], dh[N * OUT];

	fill(h, N * OUT);
	fill(r, N * OUT);
	sage_l2_fwd(h, N, OUT, y, norm);
	sage_l2_back(y, norm, r, N, OUT, dh);
	for (size_t i = 0; i < N * OUT; i++)
		CHECK(close_enough(dh[i], NUMERIC(h, i, loss_l2(h, r))));
}

static double loss_mean(const double *y, const double *r)
{
	double z[OUT], s = 0;

	sage_mean_fwd(y, N, OUT, z);
	for (size_t i = 0; i < OUT; i++)
		s += r[i] * z[i];
	return s;
}

static void check_mean(void)
{
	double y[N * OUT], r[OUT], dy[N * OUT] = { 0 };

	fill(y, N * OUT);
	fill(r, OUT);
	sage_mean_back(r, N, OUT, dy);
	for (size_t i = 0; i < N * OUT; i++)
		CHECK(close_enough(dy[i], NUMERIC(y, i, loss_mean(y, r))));
}

static void check_softmax(void)
{
	double logits[OUT], p[OUT], d[OUT];

	fill(logits, OUT);
	sage_softmax_xent(logits, OUT, 1, p, d);
	for (size_t i = 0; i < OUT; i++)
		CHECK(close_enough(d[i], NUMERIC(logits, i,
			sage_softmax_xent(logits, OUT, 1, p, NULL))));
	CHECK(fabs(p[0] + p[1] + p[2] - 1) < 1e-12);
}

/* Adam's first step moves each parameter by lr against its gradient. */
static void check_adam(void)
{
	double p[3] = { 1, 2, 3 }, g[3] = { 0.5, -2, 0 }, m[3] = { 0 },
	       v[3] = { 0 };
	struct sage_adam a = { .lr = 0.1, .beta1 = 0.9, .beta2 = 0.999,
			       .eps = 1e-8, .m = m, .v = v };

	sage_adam_step(&a, p, g, 3);
	CHECK(fabs(p[0] - 0.9) < 1e-6);
	CHECK(fabs(p[1] - 2.1) < 1e-6);
	CHECK(p[2] == 3);
}

static double model_loss(const struct garca_model *m,
			 const struct linegraph *g, int label)
{
	struct garca_fwd f = { 0 };
	double loss;
	struct lsg_error *err = garca_fwd_encode(m, m->params, g, &f);

	CHECK(!err);
	garca_fwd_head(m, m->params, (size_t)-1, &f);
	loss = sage_softmax_xent(f.logits, m->nclasses, (size_t)label, f.p,
				 NULL);
	garca_fwd_free(&f);
	return loss;
}

/* Every layer of the trained model, on a real crash. */
static void check_model(const struct dataset *d)
{
	struct garca_example ex[24];
	struct garca_hparams h;
	struct garca_model *m = NULL;
	struct garca_fwd f = { 0 };
	struct linegraph g;
	double dlog[GARCA_MAX_CLASSES], *grad;
	size_t n = 0;
	struct lsg_error *err;

	for (size_t i = 0; i < d->n && n < 24; i += d->n / 24)
		ex[n++] = (struct garca_example){ &d->crash[i], d->label[i] };
	garca_hparams_default(&h);
	h.epochs = 2;
	h.hidden = 8;
	h.embed_dim = 16;
	err = garca_train(&h, dataset_classes, dataset_nclasses, ex, n, NULL,
			  0, &m);
	CHECK(!err);
	if (err)
		return;
	grad = calloc(m->nparams, sizeof(*grad));
	CHECK(!linegraph_build(ex[3].crash, m->embed, &g));
	CHECK(!garca_fwd_encode(m, m->params, &g, &f));
	garca_fwd_head(m, m->params, (size_t)-1, &f);
	sage_softmax_xent(f.logits, m->nclasses, (size_t)ex[3].label, f.p,
			  dlog);
	CHECK(!garca_back(m, m->params, &f, dlog, grad));
	garca_fwd_free(&f);
	/* a spread of parameters: every layer's weights and biases */
	for (size_t i = 0; i < m->nparams; i += 1 + m->nparams / 400)
		CHECK(close_enough(grad[i], NUMERIC(m->params, i,
			model_loss(m, &g, ex[3].label))));
	CHECK(m->l1.off < m->l2.off && m->l2.off < m->lc.off &&
	      m->lc.off < m->lo.off);
	free(grad);
	linegraph_deinit(&g);
	garca_model_destroy(m);
}

int main(void)
{
	struct file_ctx *fctx = NULL;
	struct dataset d;
	struct lsg_error *err;

	check_aggregate(0);
	check_aggregate(1);
	check_dense(0);
	check_dense(1);
	check_relu();
	check_l2();
	check_mean();
	check_softmax();
	check_adam();
	err = file_ctx_create(NULL, &fctx);
	if (!err)
		err = dataset_load("tests/corpus", fctx, DATASET_LEARN_TRAIN,
				   &d);
	if (err) {
		lsg_error_print(err, "test_garca_grad", stderr);
		lsg_error_destroy(err);
		file_ctx_destroy(fctx);
		return test_skip("tests/corpus not readable");
	}
	check_model(&d);
	dataset_deinit(&d);
	file_ctx_destroy(fctx);
	return test_exit();
}
