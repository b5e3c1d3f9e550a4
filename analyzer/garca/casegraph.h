/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The case graph of the LogSage authors' code: one node per crash, edges
 * to its k nearest crashes weighted 0.3 cosine (of the crashes' mean line
 * embeddings) + 0.7 word co-occurrence (Jaccard of their word sets).
 * Exact search compares every pair by cosine, which is cheap; the
 * co-occurrence, a set merge, is computed for the CASEGRAPH_POOL_FACTOR k
 * best by cosine only, the pool the top k are taken from.
 */
#ifndef LSG_GARCA_CASEGRAPH_H
#define LSG_GARCA_CASEGRAPH_H

#include <stddef.h>
#include <stdint.h>

/* CASEGRAPH_CHUNK: crashes compared with a query at once. */
enum { CASEGRAPH_MAX_K = 64, CASEGRAPH_POOL_FACTOR = 4,
       CASEGRAPH_CHUNK = 16 };

/* The crashes a new one is placed among. */
struct casegraph_bank {
	size_t n, dim;
	/*
	 * Their L2-normalized mean line embeddings by column, value k of
	 * crash i at cols[k * stride + i], and zeros past n: a query's
	 * value k meets a chunk of crashes in one vector loop.
	 */
	const float *cols;
	size_t stride;			/* casegraph_stride(n) */
	const uint32_t *const *words;	/* sorted sets */
	const size_t *nwords;
};

struct casegraph_query {
	const float *mean;
	const uint32_t *words;
	size_t nwords;
	size_t exclude;		/* a bank index to skip, or (size_t)-1 */
};

/** casegraph_stride() - @n rounded up to whole chunks. */
static inline size_t casegraph_stride(size_t n)
{
	return (n + CASEGRAPH_CHUNK - 1) / CASEGRAPH_CHUNK * CASEGRAPH_CHUNK;
}

/**
 * casegraph_knn() - the (at most) @k nearest bank crashes to @q into
 * @idx, their edge weights (summing to 1) into @w; returns how many.
 * *@best is the similarity of the nearest (0 when the bank is empty).
 */
size_t casegraph_knn(const struct casegraph_bank *b,
		     const struct casegraph_query *q, size_t k, double w_cos,
		     double w_cooc, uint32_t *idx, double *w, double *best);

#endif
