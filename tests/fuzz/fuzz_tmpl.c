/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the template miner and the saved-templates parser.  A first byte
 * with its low bit set makes the rest a saved template file (tmpl_load),
 * else the rest is a log mined line by line, and mined again as file.c
 * learns (memo.h: lines seen before counted by their hints, or made
 * again from their kept tokens, the same message) into the same
 * templates and counts.  Either way the tree is
 * saved, loaded into a fresh tree and saved again: the reload may merge
 * templates but never invent one, and never fails on what tmpl_save()
 * wrote.  Seeds are real: console lines of the corpus's crashes and the
 * templates mined from them.
 */
#include <stdlib.h>
#include <string.h>

#include "file/memo.h"
#include "file/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(const struct tmpl_tree *a, const struct tmpl_tree *b)
{
	char *sa, *sb;
	size_t la, lb;
	int eq;

	if (tmpl_save(a, &sa, &la) || tmpl_save(b, &sb, &lb))
		abort();
	eq = la == lb && !memcmp(sa, sb, la);
	free(sa);
	free(sb);
	return eq;
}

/* @u, made by tmpl_unpack(), is the message @m that tmpl_split() made. */
static int same_msg(const struct tmpl_msg *m, const struct tmpl_msg *u)
{
	if (u->ntok != m->ntok || u->len != m->len || u->hash != m->hash ||
	    u->wild != m->wild || strcmp(u->key, m->key))
		return 0;
	for (size_t i = 0; i < m->ntok; i++)
		if (strcmp(u->tok[i], m->tok[i]))
			return 0;
	return 1;
}

/*
 * Mine @m again into @h as file.c learns: by its hint where it holds,
 * else by the message made again from the tokens the memo kept.
 */
static void mine_hinted(struct tmpl_tree *h, struct memo *memo,
			const char *s, size_t n, const struct tmpl_msg *m,
			uint64_t doc)
{
	struct memo_line *ml = memo_get(memo, s, n, 0);
	struct tmpl_msg u;
	uint32_t id;

	if (ml && !tmpl_add_again(h, &ml->hint[0], doc))
		return;
	if (ml && ml->toks) {
		tmpl_unpack(ml->toks, ml->toks_len, &u);
		if (!same_msg(m, &u))
			abort();
	} else if (ml) {
		memo_keep_toks(ml, m->buf, m->len);
	}
	if (tmpl_add(h, m, doc, &id))
		abort();
	if (ml)
		ml->hint[0] = tmpl_hint(h, id);
}

static void mine(struct tmpl_tree *t, const char *s, size_t len)
{
	const char *end = s + len;
	struct tmpl_tree *h;
	struct memo *memo;
	struct tmpl_msg m;
	uint64_t line = 0;
	uint32_t id;

	if (tmpl_create(&h) || memo_create(&memo))
		abort();
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);

		tmpl_split(s, n, &m);
		/* Every 8 lines a new "log", for the document counts. */
		if (tmpl_add(t, &m, line / 8, &id))
			abort();
		if (id != TMPL_NONE && tmpl_match(t, &m) != id)
			abort();
		mine_hinted(h, memo, s, n, &m, line++ / 8);
		s += n + 1;
	}
	/* Hints change how lines are mined, never what is learned. */
	if (!same(t, h))
		abort();
	memo_destroy(memo);
	tmpl_destroy(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl_tree *t, *u;
	struct lsg_error *err;
	char *buf, *again;
	size_t len, len2;

	if (!size || tmpl_create(&t))
		return 0;
	if (data[0] & 1) {
		err = tmpl_load(t, (const char *)data + 1, size - 1);
		lsg_error_destroy(err);
	} else {
		mine(t, (const char *)data + 1, size - 1);
	}
	if (tmpl_save(t, &buf, &len) || tmpl_create(&u))
		abort();
	if (tmpl_load(u, buf, len) || tmpl_count(u) > tmpl_count(t) ||
	    tmpl_docs(u) != tmpl_docs(t))
		abort();
	if (tmpl_save(u, &again, &len2))
		abort();
	free(again);
	free(buf);
	tmpl_destroy(u);
	tmpl_destroy(t);
	return 0;
}
