/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "casegraph.h"
#include "linegraph.h"

struct cand {
	uint32_t i;
	double s;
};

/* Keep the @k best of a stream in @c (descending), ties by index. */
static void cand_push(struct cand *c, size_t *n, size_t k, uint32_t i,
		      double s)
{
	size_t p;

	if (*n == k && s <= c[k - 1].s)
		return;
	p = *n < k ? (*n)++ : k - 1;
	while (p > 0 && c[p - 1].s < s) {
		c[p] = c[p - 1];
		p--;
	}
	c[p] = (struct cand){ i, s };
}

static double cosine(const float *restrict a, const float *restrict b,
		     size_t dim)
{
	float s = 0;

	for (size_t k = 0; k < dim; k++)
		s += a[k] * b[k];
	return s;
}

size_t casegraph_knn(const struct casegraph_bank *b,
		     const struct casegraph_query *q, size_t k, double w_cos,
		     double w_cooc, uint32_t *idx, double *w, double *best)
{
	struct cand pool[CASEGRAPH_POOL_FACTOR * CASEGRAPH_MAX_K];
	struct cand top[CASEGRAPH_MAX_K];
	size_t np = 0, nt = 0, psize;
	double sum = 0;

	if (k > CASEGRAPH_MAX_K)
		k = CASEGRAPH_MAX_K;
	psize = CASEGRAPH_POOL_FACTOR * k;
	*best = 0;
	for (size_t i = 0; k && i < b->n; i++)
		if (i != q->exclude)
			cand_push(pool, &np, psize, (uint32_t)i,
				  cosine(q->mean, b->mean + i * b->dim,
					 b->dim));
	for (size_t p = 0; p < np; p++) {
		uint32_t i = pool[p].i;
		double s = w_cos * pool[p].s + w_cooc *
			   linegraph_cooccur(q->words, q->nwords,
					     b->words[i], b->nwords[i]);

		cand_push(top, &nt, k, i, s);
	}
	for (size_t t = 0; t < nt; t++) {
		idx[t] = top[t].i;
		w[t] = top[t].s > 0 ? top[t].s : 0;
		sum += w[t];
	}
	for (size_t t = 0; t < nt; t++)
		w[t] = sum > 0 ? w[t] / sum : 1.0 / (double)nt;
	if (nt)
		*best = top[0].s;
	return nt;
}
