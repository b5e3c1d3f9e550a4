/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Log-line embeddings trained on the fleet's own logs (DESIGN §6.4: the
 * paper's BigLog cannot be downloaded here).  Two variants:
 *
 *   tfidf     hashed unigrams and bigrams weighted by IDF over the training
 *             lines, projected to d dimensions by a fixed random sign
 *             matrix (a Johnson-Lindenstrauss sketch of the TF-IDF vector)
 *   skipgram  subword skip-gram with negative sampling (words and their
 *             character 3..5-grams hashed into one table, as fastText
 *             does), a line being the IDF-weighted mean of its words
 *
 * Tokens: runs of letters, digits and '_', lower-cased, digits removed (so
 * "cpu1" and "cpu3", "vda" and "vda1" are one word), numbers and
 * addresses dropped, and an identifier's '_' parts added as words too.
 * Lines come out L2-normalized.
 */
#ifndef LSG_GARCA_EMBED_H
#define LSG_GARCA_EMBED_H

#include <stddef.h>
#include <stdint.h>

#include "blob.h"
#include "error.h"

enum embed_kind { EMBED_TFIDF, EMBED_SKIPGRAM, EMBED_KIND_COUNT };

/** embed_kind_name() - "tfidf", "skipgram". */
const char *embed_kind_name(enum embed_kind kind);

/** embed_kind_parse() - the kind named @s, or -1. */
int embed_kind_parse(const char *s);

/* Longest token list embed_tokens() gives for one line. */
enum { EMBED_MAX_TOKENS = 64, EMBED_MAX_DIM = 128 };

/**
 * embed_tokens() - the hashed tokens of @text (NUL-terminated), at most
 * @max; returns how many.  @mca: the machine-check class the line is
 * known by from its context (lines.h), NULL to read it from @text.
 */
size_t embed_tokens(const char *text, const char *mca, uint32_t *ret,
		    size_t max);

struct embed_opts {
	enum embed_kind kind;
	unsigned dim;		/* at most EMBED_MAX_DIM */
	unsigned epochs;	/* skip-gram passes */
	uint64_t seed;
};

struct embed;

/**
 * embed_train() - learn IDF (and skip-gram vectors) from @n lines
 * (NUL-terminated, borrowed for the call).  Deterministic for a seed.
 * Errors: LSG_ERR_INVALID for a bad option, &lsg_enomem.
 */
struct lsg_error *embed_train(const struct embed_opts *o,
			      const char *const *lines, size_t n,
			      struct embed **ret);

unsigned embed_dim(const struct embed *e);
enum embed_kind embed_kind(const struct embed *e);

/**
 * embed_line() - @text's vector into @out (embed_dim() floats); @mca as
 * for embed_tokens().  @tokens (NULL: not wanted) gets what embed_tokens()
 * gives for them, at most EMBED_MAX_TOKENS; returns how many.
 */
size_t embed_line(const struct embed *e, const char *text, const char *mca,
		  float *out, uint32_t *tokens);

void embed_save(const struct embed *e, struct blob *b);

/** embed_load() - read what embed_save() wrote; LSG_ERR_CORRUPT. */
struct lsg_error *embed_load(struct blob_reader *r, struct embed **ret);

void embed_destroy(struct embed *e);

#endif
