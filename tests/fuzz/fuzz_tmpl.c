/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the template miner and the saved-templates parser.  A first byte
 * with its low bit set makes the rest a saved template file (tmpl_load),
 * else the rest is a log mined line by line, and mined again as file.c
 * learns (memo.h: lines seen before counted by their hints, or made
 * again from their kept tokens, the same message) into the same
 * templates and counts, then mined again so into that tree reloaded,
 * its hints carried over (tmpl_rehint), as into it plainly.  Either way
 * the tree is saved, loaded into a fresh tree and saved again: the
 * reload may merge templates but never invent one, and never fails on
 * what tmpl_save() wrote.  Seeds are real: console lines of the corpus's crashes and the
 * templates mined from them.
 */
#include <stdlib.h>
#include <string.h>

#include "file/memo.h"
#include "file/tmpl.h"
#include "tmplcheck.h"

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

/*
 * Mine @m again into @h (the tree numbered @gen) as file.c learns: by
 * its hint where it holds, else by the message made again from the
 * tokens the memo kept.
 */
static void mine_hinted(struct tmpl_tree *h, struct memo *memo, uint64_t gen,
			const char *s, size_t n, const struct tmpl_msg *m,
			uint64_t doc)
{
	struct memo_line *ml = memo_get(memo, s, n, NULL);
	struct tmpl_msg u;
	uint32_t id;

	if (ml && ml->gen[0] == gen && !tmpl_add_again(h, &ml->hint[0], doc))
		return;
	if (ml && ml->toks) {
		tmpl_unpack(ml->toks, ml->toks_len, &u);
		if (!tmplcheck_same_msg(m, &u))
			abort();
	} else if (ml) {
		memo_keep_toks(ml, m->buf, m->len);
	}
	if (tmpl_add(h, m, doc, &id))
		abort();
	if (ml) {
		ml->hint[0] = tmpl_hint(h, id);
		ml->gen[0] = gen;
	}
}

/*
 * Every line of @s into @t, and into @h as file.c learns; every 8 lines
 * a new "log" (from @doc on), for the document counts.  Hints change
 * how lines are mined, never what is learned.
 */
static void mine_both(struct tmpl_tree *t, struct tmpl_tree *h,
		      struct memo *memo, uint64_t gen, const char *s,
		      size_t len, uint64_t doc)
{
	const char *end = s + len;
	struct tmpl_msg m;
	uint64_t line = 0;
	uint32_t id;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);

		tmpl_split(s, n, &m);
		if (tmpl_add(t, &m, doc + line / 8, &id))
			abort();
		if (id != TMPL_NONE && tmpl_match(t, &m) != id)
			abort();
		mine_hinted(h, memo, gen, s, n, &m, doc + line++ / 8);
		s += n + 1;
	}
	if (!same(t, h))
		abort();
}

static struct tmpl_tree *reloaded(const struct tmpl_tree *t)
{
	struct tmpl_tree *u;
	char *buf;
	size_t len;

	if (tmpl_save(t, &buf, &len) || tmpl_create(&u) ||
	    tmpl_load(u, buf, len))
		abort();
	free(buf);
	return u;
}

/*
 * The log mined, then mined again into the tree reloaded (as a state
 * save replaces it) with the hints carried over (tmpl_rehint()).
 */
static void mine(struct tmpl_tree *t, const char *s, size_t len)
{
	struct tmpl_tree *h, *again, *hinted;
	struct tmpl_rehint *r;
	struct memo *memo;

	if (tmpl_create(&h) || memo_create(&memo))
		abort();
	mine_both(t, h, memo, 1, s, len, 0);
	again = reloaded(h);
	hinted = reloaded(h);
	if (tmpl_rehint_create(h, hinted, &r))
		abort();
	memo_rehint(memo, 0, 1, 2, r);
	mine_both(again, hinted, memo, 2, s, len, len);
	tmpl_rehint_destroy(r);
	tmpl_destroy(again);
	tmpl_destroy(hinted);
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
