/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The lines FILE learned, by their text, and what learning did with
 * each (tmpl_hint): most lines of a fleet's logs are lines seen before,
 * and with a hint that still holds they are counted without being split
 * and matched again.
 *
 * A cache of fixed size, so memory stays bounded whatever the lines: a
 * line's hash picks a slot, and a new line takes the slot over.  The
 * hints are for the trees of one generation (a number the caller bumps
 * when it replaces its trees); an entry of another generation comes back
 * without hints.
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
	MEMO_MAX_TEXT = 256,	/* longer lines are not remembered */
};

/* What learning did with one line. */
struct memo_line {
	uint64_t gen;
	struct tmpl_hint hint[2];	/* in the background, in the delta */
};

struct memo;

/** memo_create() - an empty cache.  Free with memo_destroy(). */
struct lsg_error *memo_create(struct memo **ret);

/** memo_destroy() - free @m; NULL is fine. */
void memo_destroy(struct memo *m);

/**
 * memo_get() - the entry of the line @text (@len bytes) for generation
 * @gen: what was remembered, else a new entry without hints (its hints
 * TMPL_NONE) in place of the slot's line.  Borrowed until the next call.
 * NULL when the line is too long to keep or out of memory.
 */
struct memo_line *memo_get(struct memo *m, const char *text, size_t len,
			   uint64_t gen);

#endif
