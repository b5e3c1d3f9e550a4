/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The memo of learned lines: what it remembers comes back for the same
 * text only (hints, their trees' numbers, tokens), whatever the
 * collisions when more lines than slots take turns, a line used all
 * along stays, hints are carried to a tree that replaces theirs, and
 * lines it cannot keep are refused.
 */
#include <stdio.h>
#include <string.h>

#include "file/memo.h"
#include "harness.h"

static struct memo_line *get(struct memo *m, const char *s)
{
	return memo_get(m, s, strlen(s), NULL);
}

static void test_basics(void)
{
	char lng[MEMO_MAX_TEXT + 2];
	struct memo_ref ref;
	struct memo_line *l;
	struct memo *m;

	CHECK(memo_create(&m) == NULL);
	l = get(m, "eth0: link up");
	CHECK(l && !l->gen[0] && !l->gen[1] && l->hint[0].id == TMPL_NONE &&
	      l->hint[1].id == TMPL_NONE && !l->toks && !l->classified);
	l->hint[0] = (struct tmpl_hint){ 7, 3 };
	l->hint[1] = (struct tmpl_hint){ 9, 4 };
	l->gen[1] = 2;
	l = get(m, "eth0: link up");
	CHECK(l && l->hint[0].id == 7 && l->hint[0].epoch == 3 &&
	      l->hint[1].id == 9 && l->gen[1] == 2);
	/* Prefixes and the empty line are lines of their own. */
	l = get(m, "eth0: link u");
	CHECK(l && l->hint[0].id == TMPL_NONE);
	l = get(m, "");
	CHECK(l && l->hint[0].id == TMPL_NONE);
	l->hint[0].id = 1;
	CHECK(get(m, "")->hint[0].id == 1);
	/* A peek finds a line, and no other. */
	l = get(m, "eth0: link up");
	CHECK(!memo_peek(m, "eth0: link", 10, &ref) && !ref.slot);
	CHECK(memo_peek(m, "eth0: link up", 13, &ref) == l && ref.slot);
	/* Where it was found, it is got again; not another line. */
	CHECK(memo_get(m, "eth0: link up", 13, &ref) == l);
	CHECK(memo_get(m, "eth0: link u", 12, &ref) != l);
	memset(lng, 'x', sizeof(lng));
	CHECK(memo_get(m, lng, MEMO_MAX_TEXT, NULL) != NULL);
	CHECK(memo_get(m, lng, MEMO_MAX_TEXT + 1, NULL) == NULL);
	CHECK(memo_peek(m, lng, MEMO_MAX_TEXT, &ref) != NULL);
	CHECK(memo_peek(m, lng, MEMO_MAX_TEXT + 1, &ref) == NULL);
	memo_destroy(m);
	memo_destroy(NULL);
}

/*
 * A tree replaced by one with the same templates in one leaf and not in
 * another: the hints of its lines there are carried, the others and
 * those of other trees are not.
 */
static void test_rehint(void)
{
	static const char *const lines[] = {
		"eth0: link up", "usb 1-1: new device", "eth0: link down",
	};
	struct tmpl_tree *from, *to;
	struct tmpl_rehint *r;
	struct memo_line *l;
	struct tmpl_msg msg;
	struct memo *m;
	uint32_t id[3];

	CHECK(memo_create(&m) == NULL);
	CHECK(!tmpl_create(&from) && !tmpl_create(&to));
	for (size_t i = 0; i < 3; i++) {
		tmpl_split(lines[i], strlen(lines[i]), &msg);
		CHECK(!tmpl_add(from, &msg, 1, &id[i]));
		l = get(m, lines[i]);
		l->hint[0] = tmpl_hint(from, id[i]);
		l->gen[0] = 3;
		l->hint[1] = tmpl_hint(from, id[i]);
		l->gen[1] = 4;
	}
	/* In @to the usb line's leaf comes back, the eth0 lines' differs. */
	tmpl_split(lines[1], strlen(lines[1]), &msg);
	CHECK(!tmpl_add(to, &msg, 1, &id[1]));
	tmpl_split("eth0: link flapping", 19, &msg);
	CHECK(!tmpl_add(to, &msg, 1, &id[0]));
	CHECK(!tmpl_rehint_create(from, to, &r));
	memo_rehint(m, 0, 3, 5, r);
	l = get(m, lines[1]);
	CHECK(l->gen[0] == 5 && l->hint[0].id == id[1] &&
	      !tmpl_add_again(to, &l->hint[0], 2));
	l = get(m, lines[0]);
	CHECK(l->gen[0] == 5 && l->hint[0].id == TMPL_NONE);
	/* Hints of the delta, numbered 4, stay as they were. */
	CHECK(l->gen[1] == 4 && l->hint[1].id != TMPL_NONE);
	tmpl_rehint_destroy(r);
	tmpl_destroy(from);
	tmpl_destroy(to);
	memo_destroy(m);
}

/* A line's tokens stay with it, and with it alone. */
static void test_toks(void)
{
	static const char toks[] = "eth<*>:\0link\0up";
	char lng[MEMO_MAX_TEXT + 1];
	struct memo_line *l;
	struct memo *m;

	CHECK(memo_create(&m) == NULL);
	l = get(m, "eth0: link up");
	CHECK(l && !l->toks);
	memo_keep_toks(l, toks, sizeof(toks));
	l = get(m, "eth0: link up");
	CHECK(l && l->toks && l->toks_len == sizeof(toks) &&
	      !memcmp(l->toks, toks, sizeof(toks)));
	l = get(m, "eth1: link up");
	CHECK(l && !l->toks);
	/* Tokens longer than a line kept are not kept. */
	memset(lng, 'x', sizeof(lng));
	memo_keep_toks(l, lng, sizeof(lng));
	CHECK(!get(m, "eth1: link up")->toks);
	memo_keep_toks(get(m, ""), "", 0);
	l = get(m, "");
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
 * never another line's, and each slot's newest line is still there,
 * even got where a peek found them before the others came.  A line
 * looked up between any two others is never taken over.
 */
static void test_collisions(void)
{
	enum { N = 4 * MEMO_SLOTS };
	char s[MEMO_MAX_TEXT];
	size_t wrong = 0, kept = 0;
	struct memo_ref ref[4];
	struct memo_line *l;
	struct memo *m;

	CHECK(memo_create(&m) == NULL);
	get(m, "hot")->hint[0].id = 1;
	for (uint32_t i = 0; i < N; i++) {
		l = memo_get(m, s, line(i, s), NULL);
		if (l)
			l->hint[1].id = i;
		wrong += !l;
		if (i < 4)
			wrong += !memo_peek(m, s, line(i, s), &ref[i]);
		l = get(m, "hot");
		wrong += !l || l->hint[0].id != 1;
	}
	for (uint32_t i = N; i-- > 0;) {
		l = memo_get(m, s, line(i, s), i < 4 ? &ref[i] : NULL);
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
	test_rehint();
	test_toks();
	test_collisions();
	return test_exit();
}
