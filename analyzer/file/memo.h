/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The lines FILE learned, by their text, and what learning did with
 * each (tmpl_hint): most lines of a fleet's logs are lines seen before,
 * and with a hint that still holds they are counted without being split
 * and matched again.  Where a hint no longer holds, the line's masked
 * tokens, kept too, make its message again without splitting it.
 *
 * A cache of fixed size, so memory stays bounded whatever the lines:
 * MEMO_SLOTS lines of at most MEMO_MAX_TEXT bytes and their tokens of
 * at most as many, under 40 MiB.  A line's hash picks a set of
 * MEMO_WAYS slots, where a new line takes the place of the one used
 * least recently.  Besides its hints, an entry keeps its tokens and the
 * class of its text, which the caller's extraction peeks at.
 *
 * Not thread-safe: the caller (file.c) locks.
 */
#ifndef LSG_MEMO_H
#define LSG_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "tmpl.h"

enum {
	MEMO_SLOTS = 1 << 16,
	MEMO_WAYS = 4,		/* slots a line may be kept in */
	MEMO_MAX_TEXT = 256,	/* longer lines are not remembered */
};

/*
 * What learning did with one line.  Hint k is of the tree the caller
 * numbered gen[k] (never 0): a number it changes when it replaces the
 * tree, where the hint no longer holds unless carried (memo_rehint()).
 */
struct memo_line {
	uint64_t gen[2];
	struct tmpl_hint hint[2];	/* in the background, in the delta */
	const char *toks;	/* its tmpl_msg's tokens; NULL: not kept */
	size_t toks_len;
	/* The caller's class of the text (fli_classify()'s), when set. */
	uint8_t classified, fam, sev;
};

struct memo;

/*
 * Where memo_peek() found a line: memo_get() of the same line checks
 * that slot before it hashes the line and looks its set up.
 */
struct memo_ref {
	uint32_t slot;		/* 1 + its index; 0: not found */
};

/** memo_create() - an empty cache.  Free with memo_destroy(). */
struct lsg_error *memo_create(struct memo **ret);

/** memo_destroy() - free @m; NULL is fine. */
void memo_destroy(struct memo *m);

/**
 * memo_get() - the entry of the line @text (@len bytes): what was
 * remembered, else a new entry (gens 0, hints TMPL_NONE, tokens NULL,
 * not classified) in place of a line of its set.  @ref, when not NULL,
 * is where a peek found this line.  Borrowed until the next call.  NULL
 * when the line is too long to keep or out of memory.
 */
struct memo_line *memo_get(struct memo *m, const char *text, size_t len,
			   const struct memo_ref *ref);

/**
 * memo_peek() - the entry of the line @text (@len bytes), or NULL; where
 * it is into *@ret.  Read-only: several threads may peek at once while
 * none gets, keeps or rehints.  Borrowed until the next memo_get().
 */
const struct memo_line *memo_peek(const struct memo *m, const char *text,
				  size_t len, struct memo_ref *ret);

/**
 * memo_keep_toks() - keep in @l (memo_get()'s, before the next call) the
 * line's message as tmpl_unpack() takes it: @len bytes at @toks.  Not
 * kept when longer than MEMO_MAX_TEXT or out of memory.
 */
void memo_keep_toks(struct memo_line *l, const char *toks, size_t len);

/**
 * memo_rehint() - carry the hints k of the tree numbered @from (@k: 0,
 * the background, or 1, the delta) to the one numbered @to that replaces
 * it, by @r (tmpl_rehint()).
 */
void memo_rehint(struct memo *m, size_t k, uint64_t from, uint64_t to,
		 const struct tmpl_rehint *r);

#endif
