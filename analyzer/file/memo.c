/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "memo.h"

struct memo_slot {
	char *text;		/* owned, not NUL-terminated; NULL: empty */
	uint64_t hash;		/* the text's */
	uint32_t len;
	struct memo_line line;
};

struct memo {
	struct memo_slot slot[MEMO_SLOTS];
};

_Static_assert(MEMO_SLOTS > 1 && !(MEMO_SLOTS & (MEMO_SLOTS - 1)),
	       "slots are a power of two");

struct lsg_error *memo_create(struct memo **ret)
{
	struct memo *m = calloc(1, sizeof(*m));

	if (!m)
		return &lsg_enomem;
	*ret = m;
	return NULL;
}

void memo_destroy(struct memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		free(m->slot[i].text);
	free(m);
}

/*
 * Eight bytes a step: every line learned is hashed, most of them only to
 * be counted.  A line's last word is its last eight bytes (overlapping
 * the one before), read like the others.  The product's top bits depend
 * on all the bytes; they pick the slot.
 */
static uint64_t hash_text(const char *s, size_t n)
{
	static const uint64_t k = 0x9e3779b97f4a7c15ull;	/* 2^64 / phi */
	uint64_t h = n * k, w = 0;

	if (n < 8) {
		memcpy(&w, s, n);
		return (h ^ w) * k;
	}
	for (; n > 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
	}
	memcpy(&w, s + n - 8, 8);
	return (h ^ w) * k;
}

static size_t slot_of(uint64_t hash)
{
	return (size_t)(hash >> (64 - __builtin_ctz(MEMO_SLOTS)));
}

/* Make @sl hold @text. */
static int take(struct memo_slot *sl, const char *text, size_t len,
		uint64_t hash)
{
	if (sl->len != len || !sl->text) {
		char *t = realloc(sl->text, len ? len : 1);

		if (!t)
			return -1;
		sl->text = t;
		sl->len = (uint32_t)len;
	}
	memcpy(sl->text, text, len);
	sl->hash = hash;
	return 0;
}

struct memo_line *memo_get(struct memo *m, const char *text, size_t len,
			   uint64_t gen)
{
	uint64_t hash;
	struct memo_slot *sl;

	if (len > MEMO_MAX_TEXT)
		return NULL;
	hash = hash_text(text, len);
	sl = &m->slot[slot_of(hash)];
	if (sl->text && sl->hash == hash && sl->len == len &&
	    !memcmp(sl->text, text, len)) {
		if (sl->line.gen == gen)
			return &sl->line;
	} else if (take(sl, text, len, hash)) {
		return NULL;
	}
	sl->line = (struct memo_line){
		.gen = gen,
		.hint = { { .id = TMPL_NONE }, { .id = TMPL_NONE } },
	};
	return &sl->line;
}
