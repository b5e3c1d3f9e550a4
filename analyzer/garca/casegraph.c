/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "casegraph.h"
#include "linegraph.h"
#include "vec.h"

struct cand {
	uint32_t i;
	double s;
};

/*
 * Keep the @k best of a stream in @c (descending; at equal scores the one
 * pushed first ahead).  The place is found by bisection, after every kept
 * candidate that scores at least @s, and the rest move in one memmove().
 */
static inline void cand_push(struct cand *c, size_t *n, size_t k, uint32_t i,
			     double s)
{
	size_t lo = 0, end;

	if (*n == k && s <= c[k - 1].s)
		return;
	end = *n < k ? (*n)++ : k - 1;
	for (size_t hi = end; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (c[mid].s < s)
			hi = mid;
		else
			lo = mid + 1;
	}
	memmove(c + lo + 1, c + lo, (end - lo) * sizeof(*c));
	c[lo] = (struct cand){ i, s };
}

/*
 * The cosines of @q with the CASEGRAPH_CHUNK crashes from @i0 into @s:
 * each is the float sum of q[k] * mean[k] in the order of k, four crashes
 * per vector instruction and the sums in registers.
 */
static void chunk_cosines(const struct casegraph_bank *b, const float *q,
			  size_t i0, float *s)
{
	vec_f4 s0 = { 0 }, s1 = s0, s2 = s0, s3 = s0;

	_Static_assert(CASEGRAPH_CHUNK == 16, "four sums of four");
	for (size_t k = 0; k < b->dim; k++) {
		const float *col = b->cols + k * b->stride + i0;
		vec_f4 qk = { q[k], q[k], q[k], q[k] };

		s0 += qk * vec_f4_load(col);
		s1 += qk * vec_f4_load(col + 4);
		s2 += qk * vec_f4_load(col + 8);
		s3 += qk * vec_f4_load(col + 12);
	}
	vec_f4_store(s, s0);
	vec_f4_store(s + 4, s1);
	vec_f4_store(s + 8, s2);
	vec_f4_store(s + 12, s3);
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
	for (size_t i0 = 0; k && i0 < b->n; i0 += CASEGRAPH_CHUNK) {
		float s[CASEGRAPH_CHUNK];

		chunk_cosines(b, q->mean, i0, s);
		for (size_t i = i0; i < i0 + CASEGRAPH_CHUNK && i < b->n; i++)
			if (i != q->exclude)
				cand_push(pool, &np, psize, (uint32_t)i,
					  s[i - i0]);
	}
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
