/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bag.h"
#include "garca/embed.h"

static int key_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sort the keys and fold repeats into counts. */
static void bag_fold(struct bag *b)
{
	size_t k = 0;

	qsort(b->key, b->n, sizeof(*b->key), key_cmp);
	for (size_t i = 0; i < b->n; i++) {
		if (k && b->key[k - 1] == b->key[i]) {
			b->w[k - 1] += 1;
			continue;
		}
		b->key[k] = b->key[i];
		b->w[k++] = 1;
	}
	b->n = k;
}

static uint32_t mix(const uint32_t *v, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ v[i]) * 16777619u;
	return h;
}

struct lsg_error *bag_of(const struct lines_crash *c, int what,
			 struct bag *ret)
{
	size_t cap = c->nlines * (1 + EMBED_MAX_TOKENS) + 1;
	struct bag b = { malloc(cap * sizeof(uint32_t)),
			 malloc(cap * sizeof(double)), 0 };

	if (!b.key || !b.w) {
		bag_deinit(&b);
		return &lsg_enomem;
	}
	for (size_t i = 0; i < c->nlines; i++) {
		uint32_t tok[EMBED_MAX_TOKENS];
		size_t n = embed_tokens(c->lines[i].text, c->lines[i].mca, tok,
					EMBED_MAX_TOKENS);

		/* templates and words live in one key space: tag them */
		if (what & BAG_TEMPLATES)
			b.key[b.n++] = mix(tok, n) | 1;
		for (size_t k = 0; (what & BAG_WORDS) && k < n; k++)
			b.key[b.n++] = tok[k] & ~1u;
	}
	bag_fold(&b);
	*ret = b;
	return NULL;
}

void bag_deinit(struct bag *b)
{
	free(b->key);
	free(b->w);
	memset(b, 0, sizeof(*b));
}

static size_t find(const struct bag *b, uint32_t key)
{
	size_t lo = 0, hi = b->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (b->key[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->n && b->key[lo] == key ? lo : b->n;
}

int bag_has(const struct bag *b, uint32_t key)
{
	return find(b, key) < b->n;
}

struct lsg_error *bag_idf_build(const struct bag *bags, size_t n,
				struct bag_idf *ret)
{
	size_t total = 0;
	struct bag df;

	for (size_t i = 0; i < n; i++)
		total += bags[i].n;
	df.key = malloc((total + 1) * sizeof(uint32_t));
	df.w = malloc((total + 1) * sizeof(double));
	df.n = 0;
	if (!df.key || !df.w) {
		bag_deinit(&df);
		return &lsg_enomem;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < bags[i].n; k++)
			df.key[df.n++] = bags[i].key[k];
	bag_fold(&df);
	for (size_t k = 0; k < df.n; k++)
		df.w[k] = log((double)(n + 1) / (df.w[k] + 1)) + 1;
	*ret = (struct bag_idf){ df, n };
	return NULL;
}

void bag_idf_apply(const struct bag_idf *idf, struct bag *b)
{
	double s = 0;
	/* a key no training crash had is as rare as can be */
	double unseen = log((double)(idf->ndocs + 1)) + 1;

	for (size_t k = 0; k < b->n; k++) {
		size_t j = find(&idf->df, b->key[k]);

		b->w[k] *= j < idf->df.n ? idf->df.w[j] : unseen;
		s += b->w[k] * b->w[k];
	}
	for (size_t k = 0; s > 0 && k < b->n; k++)
		b->w[k] /= sqrt(s);
}

void bag_idf_deinit(struct bag_idf *idf)
{
	bag_deinit(&idf->df);
}

double bag_cosine(const struct bag *a, const struct bag *b)
{
	size_t i = 0, j = 0;
	double s = 0;

	while (i < a->n && j < b->n) {
		if (a->key[i] == b->key[j])
			s += a->w[i++] * b->w[j++];
		else if (a->key[i] < b->key[j])
			i++;
		else
			j++;
	}
	return s;
}

struct lsg_error *bag_set_of(const struct lines_crash *const *crash,
			     const int *label, size_t n, int what,
			     struct bag_set *ret)
{
	struct bag_set s = { calloc(n + 1, sizeof(*s.bags)),
			     calloc(n + 1, sizeof(*s.label)), 0 };
	struct lsg_error *err = s.bags && s.label ? NULL : &lsg_enomem;

	for (size_t i = 0; !err && i < n; i++)
		if (label[i] >= 0) {
			s.label[s.n] = label[i];
			err = bag_of(crash[i], what, &s.bags[s.n++]);
		}
	if (err) {
		bag_set_deinit(&s);
		return err;
	}
	*ret = s;
	return NULL;
}

void bag_set_deinit(struct bag_set *s)
{
	for (size_t i = 0; s->bags && i < s->n; i++)
		bag_deinit(&s->bags[i]);
	free(s->bags);
	free(s->label);
	memset(s, 0, sizeof(*s));
}

size_t bag_nearest(const struct bag *b, const struct bag *set, size_t n,
		   double *best)
{
	size_t k = n;

	*best = -1;
	for (size_t i = 0; i < n; i++) {
		double sim = bag_cosine(b, &set[i]);

		if (sim > *best) {
			*best = sim;
			k = i;
		}
	}
	return k;
}
