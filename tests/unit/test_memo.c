/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The memo of learned lines: what it remembers comes back for the same
 * text and generation only (its tokens for the text alone), whatever the
 * collisions when more lines than slots take turns, a line used all
 * along stays, and lines it cannot keep are refused.
 */
#include <stdio.h>
#include <string.h>

#include "file/memo.h"
#include "harness.h"

static struct memo_line *get(struct memo *m, const char *s, uint64_t gen)
{
	return memo_get(m, s, strlen(s), gen);
}

static void test_basics(void)
{
	char lng[MEMO_MAX_TEXT + 2];
	struct memo_line *l;
	struct memo *m;

	CHECK(memo_create(&m) == NULL);
	l = get(m, "eth0: link up", 1);
	CHECK(l && l->gen == 1 && l->hint[0].id == TMPL_NONE &&
	      l->hint[1].id == TMPL_NONE);
	l->hint[0] = (struct tmpl_hint){ 7, 3 };
	l->hint[1] = (struct tmpl_hint){ 9, 4 };
	l = get(m, "eth0: link up", 1);
	CHECK(l && l->hint[0].id == 7 && l->hint[0].epoch == 3 &&
	      l->hint[1].id == 9);
	/* Prefixes and the empty line are lines of their own. */
	l = get(m, "eth0: link u", 1);
	CHECK(l && l->hint[0].id == TMPL_NONE);
	l = get(m, "", 1);
	CHECK(l && l->hint[0].id == TMPL_NONE);
	l->hint[0].id = 1;
	CHECK(get(m, "", 1)->hint[0].id == 1);
	/* Another generation: the same line, no hints. */
	l = get(m, "eth0: link up", 2);
	CHECK(l && l->gen == 2 && l->hint[0].id == TMPL_NONE &&
	      l->hint[1].id == TMPL_NONE);
	/* A peek finds a line of any generation, and no other. */
	l->hint[0].id = 5;
	CHECK(memo_peek(m, "eth0: link up", 13) == l);
	CHECK(!memo_peek(m, "eth0: link", 10));
	CHECK(get(m, "eth0: link up", 2)->hint[0].id == 5);
	memset(lng, 'x', sizeof(lng));
	CHECK(memo_get(m, lng, MEMO_MAX_TEXT, 2) != NULL);
	CHECK(memo_get(m, lng, MEMO_MAX_TEXT + 1, 2) == NULL);
	CHECK(memo_peek(m, lng, MEMO_MAX_TEXT) != NULL);
	CHECK(memo_peek(m, lng, MEMO_MAX_TEXT + 1) == NULL);
	memo_destroy(m);
	memo_destroy(NULL);
}

/* A line's tokens stay with it in every generation, and with it alone. */
static void test_toks(void)
{
	static const char toks[] = "eth<*>:\0link\0up";
	char lng[MEMO_MAX_TEXT + 1];
	struct memo_line *l;
	struct memo *m;

	CHECK(memo_create(&m) == NULL);
	l = get(m, "eth0: link up", 1);
	CHECK(l && !l->toks);
	memo_keep_toks(l, toks, sizeof(toks));
	l->hint[0] = (struct tmpl_hint){ 7, 3 };
	l = get(m, "eth0: link up", 2);
	CHECK(l && l->hint[0].id == TMPL_NONE && l->toks &&
	      l->toks_len == sizeof(toks) &&
	      !memcmp(l->toks, toks, sizeof(toks)));
	l = get(m, "eth1: link up", 2);
	CHECK(l && !l->toks);
	/* Tokens longer than a line kept are not kept. */
	memset(lng, 'x', sizeof(lng));
	memo_keep_toks(l, lng, sizeof(lng));
	CHECK(!get(m, "eth1: link up", 2)->toks);
	memo_keep_toks(get(m, "", 2), "", 0);
	l = get(m, "", 3);
	CHECK(l && l->toks && l->toks_len == 0);
	memo_destroy(m);
}

/* Line @i: its number, then up to MEMO_MAX_TEXT bytes in all. */
static size_t line(uint32_t i, char *s)
{
	size_t n = (size_t)snprintf(s, MEMO_MAX_TEXT, "%u ", i);
	size_t pad = i % (MEMO_MAX_TEXT - n + 1);

	memset(s + n, 'x', pad);
	return n + pad;
}

/*
 * Four lines a slot, each given its own number, then looked up again,
 * newest first: a line has its number or none (its slot taken over),
 * never another line's, and each slot's newest line is still there.
 * A line looked up between any two others is never taken over.
 */
static void test_collisions(void)
{
	enum { N = 4 * MEMO_SLOTS };
	char s[MEMO_MAX_TEXT];
	size_t wrong = 0, kept = 0;
	struct memo_line *l;
	struct memo *m;

	CHECK(memo_create(&m) == NULL);
	get(m, "hot", 5)->hint[0].id = 1;
	for (uint32_t i = 0; i < N; i++) {
		l = memo_get(m, s, line(i, s), 5);
		if (l)
			l->hint[1].id = i;
		wrong += !l;
		l = get(m, "hot", 5);
		wrong += !l || l->hint[0].id != 1;
	}
	for (uint32_t i = N; i-- > 0;) {
		l = memo_get(m, s, line(i, s), 5);
		wrong += !l || (l->hint[1].id != i &&
				l->hint[1].id != TMPL_NONE);
		kept += l && l->hint[1].id == i;
	}
	CHECK(wrong == 0);
	/* Four lines a slot leave few slots empty. */
	CHECK(kept > MEMO_SLOTS * 9 / 10 && kept <= MEMO_SLOTS);
	memo_destroy(m);
}

int main(void)
{
	test_basics();
	test_toks();
	test_collisions();
	return test_exit();
}
