/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "rng.h"
#include "vec.h"
#include "vocab.h"

enum {
	IDF_BUCKETS = 1 << 16,	/* hashed unigrams and bigrams */
	SG_BUCKETS = 1 << 14,	/* skip-gram rows: words and char n-grams */
	SG_WINDOW = 2,		/* context words on each side */
	SG_NEGATIVES = 3,
	SG_NEG_TABLE = 1 << 20,
	TOKEN_LEN = 32,		/* bytes of a token kept */
	MAX_SUBWORDS = 64,
	NGRAM_MIN = 3,
	NGRAM_MAX = 5,
	SIGN_BITS = 8,		/* tfidf_line()'s signs at a time */
	TFIDF_BLOCK = 32,	/* tfidf_line()'s values at a time */
};

static const float SG_LR = 0.05f;

static const char *const kind_names[EMBED_KIND_COUNT] = {
	[EMBED_TFIDF] = "tfidf",
	[EMBED_SKIPGRAM] = "skipgram",
};

struct embed {
	enum embed_kind kind;
	unsigned dim;
	uint64_t seed;
	float *idf;		/* IDF_BUCKETS */
	float *vin;		/* SG_BUCKETS x dim, skip-gram only */
	/* sign[b][k]: 1 when bit k of b is set, else -1 */
	float sign[1 << SIGN_BITS][SIGN_BITS];
};

struct token {
	char s[TOKEN_LEN];
	size_t len;
	uint32_t h;
};

const char *embed_kind_name(enum embed_kind kind)
{
	return kind < EMBED_KIND_COUNT ? kind_names[kind] : "?";
}

int embed_kind_parse(const char *s)
{
	for (int k = 0; k < EMBED_KIND_COUNT; k++)
		if (!strcmp(s, kind_names[k]))
			return k;
	return -1;
}

static uint32_t fnv1a(const char *s, size_t n, uint32_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

static const uint32_t FNV_BASIS = 2166136261u;

/* Addresses and hex words: no meaning across crashes. */
static int is_address(const char *s, size_t n)
{
	int digit = 0;

	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return 1;
	if (n < 6)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return 0;
		digit |= isdigit((unsigned char)s[i]) != 0;
	}
	return digit;
}

/* Lower-cased, digits dropped; 0 when nothing is left. */
static int token_make(const char *s, size_t n, struct token *t)
{
	t->len = 0;
	for (size_t i = 0; i < n && t->len < TOKEN_LEN - 1; i++)
		if (!isdigit((unsigned char)s[i]))
			t->s[t->len++] = (char)tolower((unsigned char)s[i]);
	t->s[t->len] = '\0';
	t->h = fnv1a(t->s, t->len, FNV_BASIS);
	return t->len > 0 && strcmp(t->s, "_");
}

/* The '_' parts of an identifier, as words of their own. */
static size_t split_parts(const char *s, size_t n, struct token *out,
			  size_t max)
{
	size_t k = 0, start = 0;

	for (size_t i = 0; i <= n && k < max; i++) {
		if (i < n && s[i] != '_')
			continue;
		if (i - start >= 2 && i - start < n &&
		    token_make(s + start, i - start, &out[k]) &&
		    out[k].len >= 2)
			k++;
		start = i + 1;
	}
	return k;
}

static int is_word(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* A machine check's status, unreadable as hex, as its error class. */
static size_t mca_token(const char *text, const char *cls, struct token *out)
{
	char w[TOKEN_LEN];

	if (!cls)
		cls = vocab_mca_class(text);
	if (!cls)
		return 0;
	snprintf(w, sizeof(w), "mca_%s", cls);
	return (size_t)token_make(w, strlen(w), out);
}

static size_t tokenize(const char *text, const char *mca, struct token *out,
		       size_t max)
{
	size_t k = max ? mca_token(text, mca, out) : 0;
	const char *p = text;

	while (*p && k < max) {
		const char *s;
		size_t n;

		while (*p && !is_word(*p))
			p++;
		for (s = p; *p && is_word(*p); p++)
			;
		n = (size_t)(p - s);
		if (!n || is_address(s, n) || !token_make(s, n, &out[k]))
			continue;
		k++;
		if (memchr(s, '_', n))
			k += split_parts(s, n, out + k, max - k);
	}
	return k;
}

size_t embed_tokens(const char *text, const char *mca, uint32_t *ret,
		    size_t max)
{
	struct token t[EMBED_MAX_TOKENS];
	size_t n = tokenize(text, mca, t, max < EMBED_MAX_TOKENS ? max :
			    EMBED_MAX_TOKENS);

	for (size_t i = 0; i < n; i++)
		ret[i] = t[i].h;
	return n;
}

/* Hashed unigram and bigram features of a token list. */
static size_t features(const struct token *t, size_t n, uint32_t *ret)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		ret[k++] = t[i].h & (IDF_BUCKETS - 1);
		if (i)
			ret[k++] = (t[i - 1].h * 0x9e3779b1u ^ t[i].h) &
				   (IDF_BUCKETS - 1);
	}
	return k;
}

static void normalize(float *v, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += (double)v[i] * v[i];
	if (s <= 0)
		return;
	s = 1.0 / sqrt(s);
	/* four at a time, which GCC -O2 vectorizes */
	for (i = 0; i + 4 <= n; i += 4)
		for (size_t k = 0; k < 4; k++)
			v[i + k] = (float)(v[i + k] * s);
	for (; i < n; i++)
		v[i] = (float)(v[i] * s);
}

/* Feature @f's signs from value @j on: bit k is value j + k's. */
static uint64_t signs(const struct embed *e, uint32_t f, unsigned j)
{
	return rng_mix(e->seed ^ ((uint64_t)f << 8 | j >> 6)) >> (j & 63);
}

/* The sign table's row for byte @byte of @bits. */
static const float *sign_row(const struct embed *e, uint64_t bits, int byte)
{
	return e->sign[bits >> (byte * SIGN_BITS) & ((1 << SIGN_BITS) - 1)];
}

/*
 * Values [@j, @j + TFIDF_BLOCK) of the vector of features @f: each the sum
 * of ±idf over the features in their order (w times a row of ±1 of the
 * sign table: exact), the block's sums in eight vector registers.
 */
static void tfidf_block(const struct embed *e, const uint32_t *f, size_t nf,
			unsigned j, float *out)
{
	vec_f4 s0 = { 0 }, s1 = s0, s2 = s0, s3 = s0;
	vec_f4 s4 = s0, s5 = s0, s6 = s0, s7 = s0;

	_Static_assert(TFIDF_BLOCK == 4 * SIGN_BITS, "four bytes of signs");
	for (size_t i = 0; i < nf; i++) {
		uint64_t bits = signs(e, f[i], j);
		float w = e->idf[f[i]];
		vec_f4 wv = { w, w, w, w };
		const float *r0 = sign_row(e, bits, 0);
		const float *r1 = sign_row(e, bits, 1);
		const float *r2 = sign_row(e, bits, 2);
		const float *r3 = sign_row(e, bits, 3);

		s0 += wv * vec_f4_load(r0);
		s1 += wv * vec_f4_load(r0 + 4);
		s2 += wv * vec_f4_load(r1);
		s3 += wv * vec_f4_load(r1 + 4);
		s4 += wv * vec_f4_load(r2);
		s5 += wv * vec_f4_load(r2 + 4);
		s6 += wv * vec_f4_load(r3);
		s7 += wv * vec_f4_load(r3 + 4);
	}
	vec_f4_store(out + j, s0);
	vec_f4_store(out + j + 4, s1);
	vec_f4_store(out + j + 8, s2);
	vec_f4_store(out + j + 12, s3);
	vec_f4_store(out + j + 16, s4);
	vec_f4_store(out + j + 20, s5);
	vec_f4_store(out + j + 24, s6);
	vec_f4_store(out + j + 28, s7);
}

/* @out (zeros) gets the hashed features' signed IDF weights, summed. */
static void tfidf_line(const struct embed *e, const struct token *t,
		       size_t n, float *out)
{
	uint32_t f[2 * EMBED_MAX_TOKENS];
	size_t nf = features(t, n, f);
	unsigned j = 0;

	for (; j + TFIDF_BLOCK <= e->dim; j += TFIDF_BLOCK)
		tfidf_block(e, f, nf, j, out);
	/* the values past the last block (under TFIDF_BLOCK, one word) */
	for (size_t i = 0; j < e->dim && i < nf; i++) {
		uint64_t bits = signs(e, f[i], j);
		float w = e->idf[f[i]];

		for (unsigned k = j; k < e->dim; k++, bits >>= 1)
			out[k] += bits & 1 ? w : -w;
	}
}

/* The skip-gram rows of a word: the word itself and its n-grams. */
static size_t subwords(const struct token *t, uint32_t *ret)
{
	char w[TOKEN_LEN + 2];
	size_t n = 0, len = t->len + 2;

	ret[n++] = t->h & (SG_BUCKETS - 1);
	w[0] = '<';
	memcpy(w + 1, t->s, t->len);
	w[len - 1] = '>';
	for (size_t g = NGRAM_MIN; g <= NGRAM_MAX; g++)
		for (size_t i = 0; i + g <= len && n < MAX_SUBWORDS; i++)
			ret[n++] = fnv1a(w + i, g, FNV_BASIS ^ (uint32_t)g) &
				   (SG_BUCKETS - 1);
	return n;
}

static void word_vec(const struct embed *e, const uint32_t *sub, size_t ns,
		     float *out)
{
	memset(out, 0, e->dim * sizeof(*out));
	for (size_t s = 0; s < ns; s++) {
		const float *row = e->vin + (size_t)sub[s] * e->dim;

		for (unsigned j = 0; j < e->dim; j++)
			out[j] += row[j];
	}
	for (unsigned j = 0; j < e->dim; j++)
		out[j] /= (float)ns;
}

static void skipgram_line(const struct embed *e, const struct token *t,
			  size_t n, float *out)
{
	uint32_t sub[MAX_SUBWORDS];
	float wv[EMBED_MAX_DIM];

	for (size_t i = 0; i < n; i++) {
		float w = e->idf[t[i].h & (IDF_BUCKETS - 1)];

		word_vec(e, sub, subwords(&t[i], sub), wv);
		for (unsigned j = 0; j < e->dim; j++)
			out[j] += w * wv[j];
	}
}

size_t embed_line(const struct embed *e, const char *text, const char *mca,
		  float *out, uint32_t *tokens)
{
	struct token t[EMBED_MAX_TOKENS];
	size_t n = tokenize(text, mca, t, EMBED_MAX_TOKENS);

	memset(out, 0, e->dim * sizeof(*out));
	if (e->kind == EMBED_TFIDF)
		tfidf_line(e, t, n, out);
	else
		skipgram_line(e, t, n, out);
	normalize(out, e->dim);
	for (size_t i = 0; tokens && i < n; i++)
		tokens[i] = t[i].h;
	return n;
}

unsigned embed_dim(const struct embed *e)
{
	return e->dim;
}

enum embed_kind embed_kind(const struct embed *e)
{
	return e->kind;
}

static struct lsg_error *idf_train(struct embed *e, const char *const *lines,
				   size_t n)
{
	uint32_t *df = calloc(IDF_BUCKETS, sizeof(*df));
	struct token t[EMBED_MAX_TOKENS];
	uint32_t f[2 * EMBED_MAX_TOKENS];

	if (!df)
		return &lsg_enomem;
	for (size_t i = 0; i < n; i++) {
		size_t nf = features(t, tokenize(lines[i], NULL, t,
						 EMBED_MAX_TOKENS), f);

		for (size_t k = 0; k < nf; k++)
			df[f[k]]++;
	}
	for (size_t b = 0; b < IDF_BUCKETS; b++)
		e->idf[b] = (float)(log((double)(n + 1) / (df[b] + 1)) + 1);
	free(df);
	return NULL;
}

/* Lines that differ only in numbers train skip-gram once. */
static size_t unique_lines(const char *const *lines, size_t n, size_t *ret)
{
	size_t cap = 1, k = 0;
	uint64_t *set;

	while (cap < 2 * n + 2)
		cap *= 2;
	set = calloc(cap, sizeof(*set));
	if (!set)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		struct token t[EMBED_MAX_TOKENS];
		size_t m = tokenize(lines[i], NULL, t, EMBED_MAX_TOKENS);
		uint64_t h = 1469598103934665603ull;

		for (size_t j = 0; j < m; j++)
			h = rng_mix(h ^ t[j].h);
		h |= 1;
		for (size_t s = h & (cap - 1);; s = (s + 1) & (cap - 1)) {
			if (set[s] == h)
				break;
			if (!set[s]) {
				set[s] = h;
				ret[k++] = i;
				break;
			}
		}
	}
	free(set);
	return k;
}

struct sg_train {
	struct embed *e;
	float *vout;
	uint32_t *neg;		/* SG_NEG_TABLE output rows */
	struct rng rng;
	float lr;
};

static float sigmoidf(float x)
{
	if (x > 8)
		return 1;
	if (x < -8)
		return 0;
	return 1 / (1 + expf(-x));
}

/* One (center, context) pair with negatives, fastText's update. */
static void sg_pair(struct sg_train *st, const uint32_t *sub, size_t ns,
		    uint32_t ctx)
{
	unsigned d = st->e->dim;
	float h[EMBED_MAX_DIM], grad[EMBED_MAX_DIM] = { 0 };

	word_vec(st->e, sub, ns, h);
	for (int k = 0; k <= SG_NEGATIVES; k++) {
		uint32_t row = k ? st->neg[rng_below(&st->rng,
						     SG_NEG_TABLE)] : ctx;
		float *vo = st->vout + (size_t)row * d, dot = 0, g;

		if (k && row == ctx)
			continue;
		for (unsigned j = 0; j < d; j++)
			dot += h[j] * vo[j];
		g = st->lr * ((k ? 0.0f : 1.0f) - sigmoidf(dot));
		for (unsigned j = 0; j < d; j++) {
			grad[j] += g * vo[j];
			vo[j] += g * h[j];
		}
	}
	for (size_t s = 0; s < ns; s++) {
		float *row = st->e->vin + (size_t)sub[s] * d;

		for (unsigned j = 0; j < d; j++)
			row[j] += grad[j];
	}
}

static void sg_line(struct sg_train *st, const char *line)
{
	struct token t[EMBED_MAX_TOKENS];
	size_t n = tokenize(line, NULL, t, EMBED_MAX_TOKENS);
	uint32_t sub[MAX_SUBWORDS];

	for (size_t i = 0; i < n; i++) {
		size_t ns = subwords(&t[i], sub);

		for (size_t j = i > SG_WINDOW ? i - SG_WINDOW : 0;
		     j < n && j <= i + SG_WINDOW; j++)
			if (j != i)
				sg_pair(st, sub, ns,
					t[j].h & (SG_BUCKETS - 1));
	}
}

/* Negatives drawn by unigram frequency to the 3/4, as word2vec does. */
static struct lsg_error *neg_table(const char *const *lines,
				   const size_t *idx, size_t n,
				   uint32_t *table)
{
	double *cnt = calloc(SG_BUCKETS, sizeof(*cnt));
	struct token t[EMBED_MAX_TOKENS];
	double total = 0, acc = 0;
	size_t k = 0;

	if (!cnt)
		return &lsg_enomem;
	for (size_t i = 0; i < n; i++) {
		size_t m = tokenize(lines[idx[i]], NULL, t, EMBED_MAX_TOKENS);

		for (size_t j = 0; j < m; j++)
			cnt[t[j].h & (SG_BUCKETS - 1)] += 1;
	}
	for (size_t b = 0; b < SG_BUCKETS; b++)
		total += cnt[b] = pow(cnt[b], 0.75);
	for (size_t b = 0; b < SG_BUCKETS && total > 0; b++) {
		acc += cnt[b] / total;
		while (k < SG_NEG_TABLE && (double)k / SG_NEG_TABLE < acc)
			table[k++] = (uint32_t)b;
	}
	while (k < SG_NEG_TABLE)
		table[k++] = 0;
	free(cnt);
	return NULL;
}

static struct lsg_error *skipgram_train(struct embed *e, unsigned epochs,
					const char *const *lines, size_t n)
{
	struct sg_train st = { .e = e, .rng = { e->seed } };
	size_t *idx = malloc((n ? n : 1) * sizeof(*idx)), nu, steps, done = 0;
	struct lsg_error *err = &lsg_enomem;

	st.vout = calloc((size_t)SG_BUCKETS * e->dim, sizeof(*st.vout));
	st.neg = malloc(SG_NEG_TABLE * sizeof(*st.neg));
	if (!idx || !st.vout || !st.neg)
		goto out;
	nu = unique_lines(lines, n, idx);
	if (nu == (size_t)-1)
		goto out;
	err = neg_table(lines, idx, nu, st.neg);
	if (err)
		goto out;
	for (size_t i = 0; i < (size_t)SG_BUCKETS * e->dim; i++)
		e->vin[i] = (float)((rng_unit(&st.rng) - 0.5) / e->dim);
	steps = (size_t)epochs * nu;
	for (unsigned ep = 0; ep < epochs; ep++)
		for (size_t i = 0; i < nu; i++, done++) {
			/* word2vec's linear decay of the rate */
			st.lr = SG_LR * (1.0f - (float)done / (float)steps);
			if (st.lr < SG_LR * 1e-4f)
				st.lr = SG_LR * 1e-4f;
			sg_line(&st, lines[idx[i]]);
		}
out:
	free(idx);
	free(st.vout);
	free(st.neg);
	return err;
}

static struct lsg_error *embed_alloc(enum embed_kind kind, unsigned dim,
				     uint64_t seed, struct embed **ret)
{
	struct embed *e;

	if (kind >= EMBED_KIND_COUNT || !dim || dim > EMBED_MAX_DIM)
		return lsg_error_create(LSG_ERR_INVALID,
					"embedding: kind %d, dimension %u (1..%d)",
					(int)kind, dim, EMBED_MAX_DIM);
	e = calloc(1, sizeof(*e));
	if (!e)
		return &lsg_enomem;
	*e = (struct embed){ .kind = kind, .dim = dim, .seed = seed };
	for (unsigned b = 0; b < 1 << SIGN_BITS; b++)
		for (unsigned k = 0; k < SIGN_BITS; k++)
			e->sign[b][k] = b >> k & 1 ? 1.0f : -1.0f;
	e->idf = calloc(IDF_BUCKETS, sizeof(*e->idf));
	if (kind == EMBED_SKIPGRAM)
		e->vin = calloc((size_t)SG_BUCKETS * dim, sizeof(*e->vin));
	if (!e->idf || (kind == EMBED_SKIPGRAM && !e->vin)) {
		embed_destroy(e);
		return &lsg_enomem;
	}
	*ret = e;
	return NULL;
}

struct lsg_error *embed_train(const struct embed_opts *o,
			      const char *const *lines, size_t n,
			      struct embed **ret)
{
	struct lsg_error *err;
	struct embed *e;

	err = embed_alloc(o->kind, o->dim, o->seed, &e);
	if (err)
		return err;
	err = idf_train(e, lines, n);
	if (!err && e->kind == EMBED_SKIPGRAM)
		err = skipgram_train(e, o->epochs ? o->epochs : 1, lines, n);
	if (err) {
		embed_destroy(e);
		return err;
	}
	*ret = e;
	return NULL;
}

void embed_save(const struct embed *e, struct blob *b)
{
	blob_put_u32(b, e->kind);
	blob_put_u32(b, e->dim);
	blob_put_u64(b, e->seed);
	blob_put_f32s(b, e->idf, IDF_BUCKETS);
	if (e->kind == EMBED_SKIPGRAM)
		blob_put_f32s(b, e->vin, (size_t)SG_BUCKETS * e->dim);
}

struct lsg_error *embed_load(struct blob_reader *r, struct embed **ret)
{
	uint32_t kind, dim;
	uint64_t seed;
	struct lsg_error *err;
	struct embed *e;

	err = blob_get_u32(r, &kind);
	if (!err)
		err = blob_get_u32(r, &dim);
	if (!err)
		err = blob_get_u64(r, &seed);
	if (!err)
		err = embed_alloc(kind, dim, seed, &e);
	if (err)
		return lsg_error_wrap(err, "embedding");
	err = blob_get_f32s(r, e->idf, IDF_BUCKETS);
	if (!err && e->kind == EMBED_SKIPGRAM)
		err = blob_get_f32s(r, e->vin, (size_t)SG_BUCKETS * dim);
	if (err) {
		embed_destroy(e);
		return lsg_error_wrap(err, "embedding");
	}
	*ret = e;
	return NULL;
}

void embed_destroy(struct embed *e)
{
	if (!e)
		return;
	free(e->idf);
	free(e->vin);
	free(e);
}
