/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "memo.h"

struct memo_slot {
	char *text;		/* owned, the text then its tokens; NULL: empty */
	uint64_t hash;		/* the text's */
	uint32_t len;		/* of the text */
	uint32_t used;		/* memo.clock when last got */
	struct memo_line line;
};

enum { MEMO_SETS = MEMO_SLOTS / MEMO_WAYS };

struct memo {
	/* Gets counted, to find the line of a set used least recently. */
	uint32_t clock;
	struct memo_slot slot[MEMO_SLOTS];
};

_Static_assert(MEMO_SETS > 1 && !(MEMO_SETS & (MEMO_SETS - 1)),
	       "sets are a power of two");

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
 * on all the bytes; they pick the set.
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

/* The first slot of the set of lines with @hash. */
static size_t set_of(uint64_t hash)
{
	return (size_t)(hash >> (64 - __builtin_ctz(MEMO_SETS))) * MEMO_WAYS;
}

/* The slot of @set holding @text, or -1. */
static int way_of(const struct memo_slot *set, const char *text, size_t len,
		  uint64_t hash)
{
	for (int w = 0; w < MEMO_WAYS; w++)
		if (set[w].hash == hash && set[w].len == len && set[w].text &&
		    !memcmp(set[w].text, text, len))
			return w;
	return -1;
}

/*
 * The slot of @set to hold a new line: empty, or used least recently
 * (the clock's wrap only makes that a worse choice).
 */
static struct memo_slot *victim(struct memo_slot *set, uint32_t now)
{
	struct memo_slot *old = set;

	for (size_t w = 0; w < MEMO_WAYS; w++) {
		if (!set[w].text)
			return &set[w];
		if (now - set[w].used > now - old->used)
			old = &set[w];
	}
	return old;
}

/* Make @sl hold @text, a new entry. */
static int take(struct memo_slot *sl, const char *text, size_t len,
		uint64_t hash)
{
	char *t = realloc(sl->text, len ? len : 1);

	if (!t)
		return -1;
	sl->text = t;
	sl->len = (uint32_t)len;
	memcpy(sl->text, text, len);
	sl->hash = hash;
	sl->line = (struct memo_line){
		.hint = { { .id = TMPL_NONE }, { .id = TMPL_NONE } },
	};
	return 0;
}

struct memo_line *memo_get(struct memo *m, const char *text, size_t len,
			   const struct memo_ref *ref)
{
	struct memo_slot *set, *sl;
	uint64_t hash;
	int w;

	if (len > MEMO_MAX_TEXT)
		return NULL;
	sl = ref && ref->slot && ref->slot <= MEMO_SLOTS ?
	     &m->slot[ref->slot - 1] : NULL;
	if (sl && sl->len == len && sl->text && !memcmp(sl->text, text, len)) {
		sl->used = ++m->clock;
		return &sl->line;
	}
	hash = hash_text(text, len);
	set = &m->slot[set_of(hash)];
	w = way_of(set, text, len, hash);
	sl = w < 0 ? victim(set, m->clock) : &set[w];
	if (w < 0 && take(sl, text, len, hash))
		return NULL;
	sl->used = ++m->clock;
	return &sl->line;
}

const struct memo_line *memo_peek(const struct memo *m, const char *text,
				  size_t len, struct memo_ref *ret)
{
	size_t set;
	uint64_t hash;
	int w;

	ret->slot = 0;
	if (len > MEMO_MAX_TEXT)
		return NULL;
	hash = hash_text(text, len);
	set = set_of(hash);
	w = way_of(&m->slot[set], text, len, hash);
	if (w < 0)
		return NULL;
	ret->slot = (uint32_t)(set + (size_t)w + 1);
	return &m->slot[set + (size_t)w].line;
}

void memo_keep_toks(struct memo_line *l, const char *toks, size_t len)
{
	struct memo_slot *sl = (struct memo_slot *)(void *)
		((char *)l - offsetof(struct memo_slot, line));
	char *t;

	if (len > MEMO_MAX_TEXT)
		return;
	t = realloc(sl->text, sl->len + len + 1);
	if (!t)
		return;
	sl->text = t;
	memcpy(t + sl->len, toks, len);
	l->toks = t + sl->len;
	l->toks_len = len;
}

void memo_rehint(struct memo *m, size_t k, uint64_t from, uint64_t to,
		 const struct tmpl_rehint *r)
{
	for (size_t i = 0; i < MEMO_SLOTS; i++) {
		struct memo_line *l = &m->slot[i].line;

		if (m->slot[i].text && l->gen[k] == from) {
			l->hint[k] = tmpl_rehint(r, l->hint[k]);
			l->gen[k] = to;
		}
	}
}
