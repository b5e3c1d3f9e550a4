/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "garca_internal.h"

void garca_hparams_default(struct garca_hparams *h)
{
	*h = (struct garca_hparams){
		.seed = 1,
		.embed = EMBED_TFIDF,
		.embed_dim = 64,
		.embed_epochs = 2,
		.hidden = 32,
		.epochs = 30,
		.max_steps = 400,
		.batch = 16,
		.lr = 0.01,
		.knn = 15,
		.w_cos = 0.3,
		.w_cooc = 0.7,
		.line_graph = 1,
		.case_graph = 1,
		.threshold = 0.35,
		.novelty = 0.1,
		.threads = 2,
	};
}

_Static_assert(GARCA_MAX_HIDDEN + LINEGRAPH_EXTRA <= SAGE_MAX_IN,
	       "a layer's inputs fit sage_dense_fwd()");

void garca_layout(struct garca_model *m)
{
	size_t e = m->h.embed_dim, h = m->h.hidden, off = 0;

	m->zdim = e;
	if (m->h.line_graph) {
		m->l1 = (struct sage_dense){ e + LINEGRAPH_EXTRA, h, off, 1 };
		off += sage_dense_size(&m->l1);
		m->l2 = (struct sage_dense){ h, h, off, 1 };
		off += sage_dense_size(&m->l2);
		m->zdim = h;
	}
	if (m->h.case_graph) {
		m->lc = (struct sage_dense){ m->zdim, h, off, 1 };
		off += sage_dense_size(&m->lc);
		m->lo = (struct sage_dense){ h, m->nclasses, off, 0 };
	} else {
		m->lo = (struct sage_dense){ m->zdim, m->nclasses, off, 0 };
	}
	m->nparams = off + sage_dense_size(&m->lo);
}

static struct sage_graph sage_graph_of(const struct linegraph *g)
{
	return (struct sage_graph){ .n = g->n, .off = g->off, .nb = g->nb };
}

void garca_fwd_free(struct garca_fwd *f)
{
	free(f->x);
	f->x = NULL;
}

/*
 * One block holds every per-node array of the forward pass; each is
 * written whole before it is read, so it is not zeroed.
 */
static struct lsg_error *fwd_alloc(const struct garca_model *m, size_t n,
				   struct garca_fwd *f)
{
	size_t e = m->l1.in, h = m->h.hidden;
	double *p = malloc((n ? n * (2 * e + 6 * h + 2) : 1) * sizeof(*p));

	if (!p)
		return &lsg_enomem;
	f->x = p;
	f->agg0 = f->x + n * e;
	f->h1 = f->agg0 + n * e;
	f->y1 = f->h1 + n * h;
	f->agg1 = f->y1 + n * h;
	f->h2 = f->agg1 + n * h;
	f->y2 = f->h2 + n * h;
	f->n1 = f->y2 + n * h;
	f->n2 = f->n1 + n;
	return NULL;
}

/* @n floats as doubles, four at a time: GCC -O2 vectorizes that (a loop
 * of unknown count it leaves scalar). */
static void widen(const float *restrict v, size_t n, double *restrict ret)
{
	size_t i = 0;

	for (; i + 4 <= n; i += 4)
		for (size_t k = 0; k < 4; k++)
			ret[i + k] = v[i + k];
	for (; i < n; i++)
		ret[i] = v[i];
}

static void normalize(const double *v, size_t n, double *out, double *norm)
{
	sage_l2_fwd(v, 1, n, out, norm);
}

struct lsg_error *garca_fwd_encode(const struct garca_model *m,
				   const double *params,
				   const struct linegraph *g,
				   struct garca_fwd *f)
{
	struct sage_graph sg = sage_graph_of(g);
	size_t n = g->n, e = m->l1.in, h = m->h.hidden;
	struct lsg_error *err;

	f->g = g;
	if (!m->h.line_graph) {
		for (size_t k = 0; k < g->edim; k++)
			f->z[k] = g->mean[k];
		return NULL;
	}
	err = fwd_alloc(m, n, f);
	if (err)
		return err;
	widen(g->x, n * e, f->x);
	sage_aggregate(&sg, f->x, e, f->agg0);
	sage_dense_fwd(&m->l1, params, f->x, f->agg0, n, f->h1);
	sage_relu_fwd(f->h1, n * h);
	sage_l2_fwd(f->h1, n, h, f->y1, f->n1);
	sage_aggregate(&sg, f->y1, h, f->agg1);
	sage_dense_fwd(&m->l2, params, f->y1, f->agg1, n, f->h2);
	sage_relu_fwd(f->h2, n * h);
	sage_l2_fwd(f->h2, n, h, f->y2, f->n2);
	if (n)
		sage_mean_fwd(f->y2, n, h, f->zr);
	else
		memset(f->zr, 0, h * sizeof(*f->zr));
	normalize(f->zr, h, f->z, &f->zn);
	return NULL;
}

struct casegraph_query garca_query(const struct linegraph *g, size_t self)
{
	return (struct casegraph_query){ .mean = g->mean, .words = g->words,
					 .nwords = g->nwords,
					 .exclude = self };
}

struct lsg_error *garca_bank_cols_alloc(struct garca_model *m)
{
	m->bank_stride = casegraph_stride(m->nbank);
	m->bank_cols = calloc(m->bank_stride ? m->h.embed_dim *
			      m->bank_stride : 1, sizeof(*m->bank_cols));
	return m->bank_cols ? NULL : &lsg_enomem;
}

void garca_bank_mean(const struct garca_model *m, size_t i, float *ret)
{
	for (size_t k = 0; k < m->h.embed_dim; k++)
		ret[k] = m->bank_cols[k * m->bank_stride + i];
}

void garca_bank_set_mean(struct garca_model *m, size_t i, const float *mean)
{
	for (size_t k = 0; k < m->h.embed_dim; k++)
		m->bank_cols[k * m->bank_stride + i] = mean[k];
}

struct casegraph_bank garca_bank(const struct garca_model *m)
{
	return (struct casegraph_bank){
		.n = m->nbank, .dim = m->h.embed_dim, .cols = m->bank_cols,
		.stride = m->bank_stride,
		.words = (const uint32_t *const *)m->bank_words,
		.nwords = m->bank_nwords };
}

void garca_fwd_head(const struct garca_model *m, const double *params,
		    size_t self, struct garca_fwd *f)
{
	struct casegraph_bank b = garca_bank(m);
	struct casegraph_query q = garca_query(f->g, self);
	size_t zd = m->zdim, h = m->h.hidden;

	f->nnb = casegraph_knn(&b, &q, m->h.knn, m->h.w_cos, m->h.w_cooc,
			       f->nb, f->nbw, &f->best_sim);
	if (!m->h.case_graph) {
		sage_dense_fwd(&m->lo, params, f->z, NULL, 1, f->logits);
	} else {
		memset(f->agg, 0, zd * sizeof(*f->agg));
		for (size_t t = 0; t < f->nnb; t++)
			for (size_t k = 0; k < zd; k++)
				f->agg[k] += f->nbw[t] *
					     m->bank_z[f->nb[t] * zd + k];
		sage_dense_fwd(&m->lc, params, f->z, f->agg, 1, f->hc);
		sage_relu_fwd(f->hc, h);
		normalize(f->hc, h, f->yc, &f->nc);
		sage_dense_fwd(&m->lo, params, f->yc, NULL, 1, f->logits);
	}
	sage_softmax_xent(f->logits, m->nclasses, 0, f->p, NULL);
}

/*
 * From dlogits to the crash vector's gradient @dz; parameters' into @grad
 * (NULL: not wanted).
 */
static void head_back(const struct garca_model *m, const double *params,
		      struct garca_fwd *f, const double *dlogits, double *grad,
		      double *dz)
{
	double dyc[GARCA_MAX_HIDDEN] = { 0 }, dhc[GARCA_MAX_HIDDEN];
	size_t h = m->h.hidden;

	memset(dz, 0, m->zdim * sizeof(*dz));
	if (!m->h.case_graph) {
		sage_dense_back(&m->lo, params, f->z, NULL, dlogits, 1, grad,
				dz, NULL);
		return;
	}
	sage_dense_back(&m->lo, params, f->yc, NULL, dlogits, 1, grad, dyc,
			NULL);
	sage_l2_back(f->yc, &f->nc, dyc, 1, h, dhc);
	sage_relu_back(f->hc, dhc, h);
	sage_dense_back(&m->lc, params, f->z, f->agg, dhc, 1, grad, dz, NULL);
}

/* From the crash vector's gradient to the readout's (dzr). */
static void readout_back(const struct garca_model *m, const struct garca_fwd *f,
			 const double *dz, double *dzr)
{
	sage_l2_back(f->z, &f->zn, dz, 1, m->h.hidden, dzr);
}

struct lsg_error *garca_back(const struct garca_model *m,
			     const double *params, struct garca_fwd *f,
			     const double *dlogits, double *grad)
{
	double dz[GARCA_MAX_HIDDEN], dzr[GARCA_MAX_HIDDEN];
	size_t n = f->g->n, h = m->h.hidden;
	struct sage_graph sg = sage_graph_of(f->g);
	double *dy2, *dh2, *dy1, *dh1;

	head_back(m, params, f, dlogits, grad, dz);
	if (!m->h.line_graph || !n)
		return NULL;
	dy2 = calloc(4 * n * h, sizeof(*dy2));
	if (!dy2)
		return &lsg_enomem;
	dh2 = dy2 + n * h;
	dy1 = dh2 + n * h;
	dh1 = dy1 + n * h;
	readout_back(m, f, dz, dzr);
	sage_mean_back(dzr, n, h, dy2);
	sage_l2_back(f->y2, f->n2, dy2, n, h, dh2);
	sage_relu_back(f->h2, dh2, n * h);
	/* dy2's room is free again: it takes dagg1 */
	memset(dy2, 0, n * h * sizeof(*dy2));
	sage_dense_back(&m->l2, params, f->y1, f->agg1, dh2, n, grad, dy1,
			dy2);
	sage_aggregate_back(&sg, dy2, h, dy1);
	sage_l2_back(f->y1, f->n1, dy1, n, h, dh1);
	sage_relu_back(f->h1, dh1, n * h);
	sage_dense_back(&m->l1, params, f->x, f->agg0, dh1, n, grad, NULL,
			NULL);
	free(dy2);
	return NULL;
}

/*
 * Evidence: the lines whose node vectors point most along the gradient of
 * the chosen class's logit (gradient times input at the readout).
 */
static void evidence(const struct garca_model *m, struct garca_fwd *f,
		     const struct lines_crash *c, struct garca_pred *ret)
{
	double dlog[GARCA_MAX_CLASSES] = { 0 }, dz[GARCA_MAX_HIDDEN];
	double dzr[GARCA_MAX_HIDDEN], score[GARCA_EVIDENCE];
	const struct linegraph *g = f->g;
	size_t dim = m->h.line_graph ? m->h.hidden : g->edim;

	dlog[ret->best] = 1;
	head_back(m, m->params, f, dlog, NULL, dz);
	if (m->h.line_graph)
		readout_back(m, f, dz, dzr);
	else
		memcpy(dzr, dz, dim * sizeof(*dz));
	for (size_t i = 0; i < g->nlines; i++) {
		double s = 0;
		size_t p;

		for (size_t k = 0; k < dim; k++)
			s += dzr[k] * (m->h.line_graph ? f->y2[i * dim + k] :
				       (double)g->x[i * g->dim + k]);
		if (ret->nevidence == GARCA_EVIDENCE &&
		    s <= score[GARCA_EVIDENCE - 1])
			continue;
		p = ret->nevidence < GARCA_EVIDENCE ? ret->nevidence++ :
						      GARCA_EVIDENCE - 1;
		for (; p > 0 && score[p - 1] < s; p--) {
			score[p] = score[p - 1];
			ret->evidence[p] = ret->evidence[p - 1];
		}
		score[p] = s;
		ret->evidence[p] = g->line_of[i];
	}
	for (size_t k = 0; k < ret->nevidence; k++) {
		size_t ev = c->lines[ret->evidence[k]].event;

		if (ev == LINES_NONE)
			continue;
		/* an earlier event of another kind: not the symptom again */
		if (ev != c->fatal && c->fatal != LINES_NONE &&
		    c->events[ev].seq < c->events[c->fatal].seq &&
		    c->events[ev].type != c->events[c->fatal].type)
			ret->cause_event = ev;
		break;
	}
}

static void decide(const struct garca_model *m, const struct garca_fwd *f,
		   struct garca_pred *ret)
{
	size_t best = 0;
	double second = 0;

	for (size_t i = 1; i < m->nclasses; i++)
		if (f->p[i] > f->p[best])
			best = i;
	for (size_t i = 0; i < m->nclasses; i++)
		if (i != best && f->p[i] > second)
			second = f->p[i];
	ret->best = (int)best;
	ret->confidence = f->p[best];
	ret->margin = f->p[best] - second;
	ret->similarity = f->best_sim;
	ret->cls = ret->confidence >= m->h.threshold &&
		   (!m->nbank || f->best_sim >= m->h.novelty) ? (int)best : -1;
	ret->zdim = m->zdim;
	memcpy(ret->z, f->z, m->zdim * sizeof(*f->z));
}

struct lsg_error *garca_predict(const struct garca_model *m,
				const struct lines_crash *c,
				struct garca_pred *ret)
{
	struct garca_fwd f = { 0 };
	struct garca_pred p = { .cause_event = LINES_NONE };
	struct linegraph g;
	struct lsg_error *err;

	err = linegraph_build(c, m->embed, &g);
	if (err)
		return err;
	err = garca_fwd_encode(m, m->params, &g, &f);
	if (!err) {
		garca_fwd_head(m, m->params, (size_t)-1, &f);
		decide(m, &f, &p);
		evidence(m, &f, c, &p);
	}
	garca_fwd_free(&f);
	linegraph_deinit(&g);
	if (!err)
		*ret = p;
	return err;
}

size_t garca_nclasses(const struct garca_model *m)
{
	return m->nclasses;
}

const char *garca_class(const struct garca_model *m, size_t i)
{
	return i < m->nclasses ? m->classes[i] : "unknown";
}

const char *garca_corpus_hash(const struct garca_model *m)
{
	return m->corpus_hash;
}

const struct garca_hparams *garca_hparams(const struct garca_model *m)
{
	return &m->h;
}

void garca_model_destroy(struct garca_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nclasses; i++)
		free(m->classes[i]);
	for (size_t i = 0; m->bank_words && i < m->nbank; i++)
		free(m->bank_words[i]);
	embed_destroy(m->embed);
	free(m->params);
	free(m->bank_cols);
	free(m->bank_words);
	free(m->bank_nwords);
	free(m->bank_z);
	free(m->bank_label);
	free(m);
}
