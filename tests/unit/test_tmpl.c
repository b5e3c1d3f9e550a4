/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The template miner: masking of variable parts, the prefix tree's
 * grouping and generalization, document counts, a message made again
 * from its tokens, and the saved form (round trip, merge of two
 * analyzers' templates, malformed input).
 */
#include <stdlib.h>
#include <string.h>

#include "file/tmpl.h"
#include "tmplcheck.h"
#include "harness.h"

/* @text masks to @want, and its message unpacks to the same. */
static void masked(const char *text, const char *want)
{
	struct tmpl_msg m, u;
	char got[TMPL_MAX_TEXT * 2] = "";
	size_t o = 0;

	tmpl_split(text, strlen(text), &m);
	for (size_t i = 0; i < m.ntok; i++)
		o += (size_t)snprintf(got + o, sizeof(got) - o, "%s%s",
				      i ? " " : "", m.tok[i]);
	CHECK_STR(got, want);
	tmpl_unpack(m.buf, m.len, &u);
	CHECK(tmplcheck_same_msg(&m, &u));
}

static void test_mask(void)
{
	/* Real lines of the corpus and their masked forms. */
	masked("I/O error, dev vda, sector 17120 op 0x1:(WRITE) flags 0x8800",
	       "I/O error, dev <*>, sector <*> op <*>:(WRITE) flags <*>");
	masked("INFO: task jbd2/vda-8:137 blocked for more than 15 seconds.",
	       "INFO: task jbd<*>/vda-<*>:<*> blocked for more than <*> seconds.");
	masked("pcieport 0000:00:02.0: AER: enabled with IRQ 24",
	       "pcieport <*>:<*>:<*>.<*>: AER: enabled with IRQ <*>");
	masked("watchdog: BUG: soft lockup - CPU#1 stuck for 14s! [vxfer_poll:210]",
	       "watchdog: BUG: soft lockup - CPU#<*> stuck for <*>s! [vxfer_poll:<*>]");
	masked("mce: [Hardware Error]: CPU 1: Machine Check: 0 Bank 4: 9c0000000000009f",
	       "mce: [Hardware Error]: CPU <*>: Machine Check: <*> Bank <*>: <*>");
	masked("RIP: 0010:vxfer_set_dma_mask.cold+0x0/0x1c [vxfer]",
	       "RIP: <*>:vxfer_set_dma_mask.cold+<*>/<*> [vxfer]");
	masked("nvme0n1: p1 p2 and eth0 link up, sda1 mounted",
	       "<*>: p<*> p<*> and <*> link up, <*> mounted");
	/* Words that look like devices or hex but are not masked. */
	masked("sdebug deadline added beef", "sdebug deadline added beef");
	/* Only the first line; empty and blank messages have no tokens. */
	masked("a 1\nb 2", "a <*>");
	masked("", "");
	masked("   \t ", "");
}

static uint32_t add(struct tmpl_tree *t, const char *text, uint64_t doc)
{
	struct tmpl_msg m;
	uint32_t id = TMPL_NONE;

	tmpl_split(text, strlen(text), &m);
	CHECK(tmpl_add(t, &m, doc, &id) == NULL);
	return id;
}

static uint32_t match(const struct tmpl_tree *t, const char *text)
{
	struct tmpl_msg m;

	tmpl_split(text, strlen(text), &m);
	return tmpl_match(t, &m);
}

static void test_tree(void)
{
	struct tmpl_tree *t;
	char buf[256];
	uint32_t a, b, c;

	CHECK(tmpl_create(&t) == NULL);
	a = add(t, "vxfer vxfer.0: link up, 1000 Mbps, full duplex", 1);
	b = add(t, "vxfer vxfer.1: link up, 100 Mbps, half duplex", 1);
	/* Same length and prefix, 6 of 7 tokens equal: one template. */
	CHECK(a == b && tmpl_count(t) == 1);
	CHECK_STR(tmpl_text(t, a, buf, sizeof(buf)),
		  "vxfer vxfer.<*>: link up, <*> Mbps, <*> duplex");
	/* Another length: another leaf, another template. */
	c = add(t, "vxfer vxfer.0: link down", 2);
	CHECK(c != a && tmpl_count(t) == 2);
	/* Same leaf (8 tokens, same prefix), 2 of 8 equal: a new one. */
	CHECK(add(t, "vxfer vxfer.0: ring 1 descriptor fetch stalled, resetting now",
		  2) != a);
	/* Half the tokens equal is enough to join. */
	CHECK(add(t, "vxfer vxfer.0: link up, link down, link up", 2) == a);
	/* Lines of one log count once in a template's documents. */
	CHECK(tmpl_doc_freq(t, a) == 2 && tmpl_doc_freq(t, c) == 1);
	add(t, "vxfer vxfer.3: link up, 10 Mbps, full duplex", 3);
	add(t, "vxfer vxfer.3: link up, 10 Mbps, full duplex", 3);
	CHECK(tmpl_doc_freq(t, a) == 3 && tmpl_docs(t) == 3);
	/* Matching is read-only and finds the generalized template. */
	CHECK(match(t, "vxfer vxfer.7: link up, 25 Mbps, full duplex") == a);
	CHECK(match(t, "something never seen") == TMPL_NONE);
	CHECK(tmpl_count(t) == 3);
	tmpl_destroy(t);
}

static char *save(const struct tmpl_tree *t, size_t *len)
{
	char *buf = NULL;

	CHECK(tmpl_save(t, &buf, len) == NULL);
	return buf;
}

static int same_trees(const struct tmpl_tree *a, const struct tmpl_tree *b)
{
	size_t la, lb;
	char *sa = save(a, &la), *sb = save(b, &lb);
	int same = sa && sb && la == lb && !memcmp(sa, sb, la);

	free(sa);
	free(sb);
	return same;
}

/*
 * Tokens are told apart by their first eight bytes, then the rest:
 * equal over eight bytes and more, or differing only past the eighth,
 * or by length.
 */
static void test_long_tokens(void)
{
	static const char *const cases[][3] = {
		{ "k k abcdefgh y", "k k abcdefgh y", "k k abcdefgh y" },
		{ "k k abcdefghij y", "k k abcdefghij y", "k k abcdefghij y" },
		{ "k k abcdefghij y", "k k abcdefghik y", "k k <*> y" },
		{ "k k abcdefg y", "k k abcdefgh y", "k k <*> y" },
		{ "k k abcdefgh y", "k k abcdefghi y", "k k <*> y" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tmpl_tree *t;
		uint32_t id;

		CHECK(!tmpl_create(&t));
		id = add(t, cases[i][0], 1);
		CHECK(add(t, cases[i][1], 1) == id && tmpl_count(t) == 1);
		CHECK_STR(tmpl_text(t, id, buf, sizeof(buf)), cases[i][2]);
		tmpl_destroy(t);
	}
}

/* A hint holds until its leaf changes, and counts as tmpl_add() does. */
static void test_hint_stale(void)
{
	struct tmpl_tree *t, *u;
	struct tmpl_hint h, none = { .id = TMPL_NONE };
	const char *up = "vxfer vxfer.0: link up, 1000 Mbps, full duplex";

	CHECK(!tmpl_create(&t));
	CHECK(!tmpl_create(&u));
	h = tmpl_hint(t, add(t, up, 1));
	add(u, up, 1);
	CHECK(tmpl_add_again(t, &h, 1) == 0 && tmpl_add_again(t, &h, 2) == 0);
	add(u, up, 1);
	add(u, up, 2);
	CHECK(same_trees(t, u));
	/* Another leaf changes: the hint holds. */
	add(t, "vxfer vxfer.0: link down", 2);
	CHECK(tmpl_add_again(t, &h, 2) == 0);
	/* Its template made more general: stale, and nothing counted. */
	add(t, "vxfer vxfer.1: link up, 100 Mbps, half duplex", 3);
	CHECK(tmpl_add_again(t, &h, 3) == -1);
	CHECK(tmpl_docs(t) == 3 && tmpl_doc_freq(t, h.id) == 3);
	/* Mined again, the line hints anew; a new template stales that. */
	h = tmpl_hint(t, add(t, up, 3));
	CHECK(tmpl_add_again(t, &h, 3) == 0);
	add(t, "vxfer vxfer.0: ring stalled, resetting it right now", 3);
	CHECK(tmpl_count(t) == 3 && tmpl_add_again(t, &h, 3) == -1);
	CHECK(tmpl_add_again(t, &none, 3) == -1);
	CHECK(tmpl_hint(t, TMPL_NONE).id == TMPL_NONE);
	/* A one-token line joins only its own: others do not stale it. */
	h = tmpl_hint(t, add(t, "vxfer_poll+0x1c/0x40", 4));
	add(t, "vxfer_probe+0x55/0x90", 4);
	add(t, "0xffffffffc0a01000", 4);
	CHECK(tmpl_add_again(t, &h, 4) == 0);
	tmpl_destroy(t);
	tmpl_destroy(u);
}

/*
 * Why a hint goes stale when its leaf gains a template: the new one may
 * suit the line better than the one it joined, now made more general.
 */
static void test_hint_better(void)
{
	struct tmpl_tree *t;
	struct tmpl_hint h;
	uint32_t first, better;

	CHECK(!tmpl_create(&t));
	first = add(t, "a b c d e f", 1);
	h = tmpl_hint(t, first);
	CHECK(add(t, "a b c x y z", 1) == first);
	better = add(t, "a b q d e f", 1);
	CHECK(better != first && tmpl_add_again(t, &h, 1) == -1);
	CHECK(add(t, "a b c d e f", 1) == better);
	tmpl_destroy(t);
}

/*
 * And when another template of the leaf is made more general: it may
 * come to suit the line better.
 */
static void test_hint_general(void)
{
	static const char *const other[] = {
		"a b x y w f", "a b x q w f", "a b r y w f",
	};
	struct tmpl_tree *t;
	struct tmpl_hint h;
	uint32_t first, later;

	CHECK(!tmpl_create(&t));
	first = add(t, "a b 1 2 3 g", 1);
	later = add(t, "a b x y z f", 1);
	CHECK(add(t, "a b 1 2 3 f", 1) == first);
	h = tmpl_hint(t, first);
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		CHECK(add(t, other[i], 1) == later);
	CHECK(tmpl_add_again(t, &h, 1) == -1);
	CHECK(add(t, "a b 1 2 3 f", 1) == later);
	tmpl_destroy(t);
}

/*
 * Lines mined with hints where they hold (as file.c does: the last hint
 * of each distinct line) give the same tree as tmpl_add() alone.
 */
static void test_hint_same(void)
{
	static const char *const lines[] = {
		"vxfer vxfer.0: link up, 1000 Mbps, full duplex",
		"vxfer vxfer.1: link up, 100 Mbps, half duplex",
		"vxfer vxfer.0: link down",
		"vxfer vxfer.0: link up, link down, link up",
		"vxfer vxfer.0: ring 1 descriptor fetch stalled, resetting now",
		"vxfer vxfer.0: ring 2 descriptor fetch stalled, resetting now",
		"I/O error, dev vda, sector 17120 op 0x1:(WRITE) flags 0x8800",
		"I/O error, dev vda, sector 17128 op 0x1:(WRITE) flags 0x8800",
		"I/O error, dev vdb, sector 8 op 0x0:(READ) flags 0x0",
		"a b c d e f",
		"a b c x y z",
		"a b q d e f",
		"",
		"   ",
		"vxfer_poll+0x1c/0x40",
		"vxfer_probe+0x55/0x90",
		"worker_thread+0x3e/0x3f0",
		"0xffffffffc0a01000",
		"ret_from_fork",
	};
	enum { N = sizeof(lines) / sizeof(lines[0]) };
	struct tmpl_hint h[N];
	struct tmpl_tree *plain, *hinted;
	unsigned seed = 1, again = 0;

	CHECK(!tmpl_create(&plain));
	CHECK(!tmpl_create(&hinted));
	for (size_t i = 0; i < N; i++)
		h[i].id = TMPL_NONE;
	for (unsigned step = 0; step < 2000; step++) {
		size_t i;
		uint64_t doc = step / 16;

		seed = seed * 1103515245 + 12345;
		i = (seed >> 16) % N;
		add(plain, lines[i], doc);
		if (!tmpl_add_again(hinted, &h[i], doc)) {
			again++;
			continue;
		}
		h[i] = tmpl_hint(hinted, add(hinted, lines[i], doc));
	}
	CHECK(same_trees(plain, hinted));
	CHECK(again > 1900);
	tmpl_destroy(plain);
	tmpl_destroy(hinted);
}

/*
 * Hints carried to a tree reloaded from the saved one: those that hold
 * count there as tmpl_add() would; a stale one, or one whose leaf holds
 * other templates or the same in another order, is not carried.
 */
static void test_hint_carry(void)
{
	static const char *const up = "vxfer vxfer.0: link up, 1000 Mbps";
	struct tmpl_tree *t, *same, *plain, *other;
	struct tmpl_hint h, stale, usb;
	struct tmpl_rehint *r;
	char *buf;
	size_t len;

	CHECK(!tmpl_create(&t) && !tmpl_create(&same) &&
	      !tmpl_create(&plain) && !tmpl_create(&other));
	stale = tmpl_hint(t, add(t, "usb 1-1: new high-speed USB device", 1));
	add(t, "usb 1-1: reset full-speed hub now", 1);
	h = tmpl_hint(t, add(t, up, 1));
	buf = save(t, &len);
	CHECK(buf && !tmpl_load(same, buf, len) && !tmpl_load(plain, buf, len));
	CHECK(!tmpl_rehint_create(t, same, &r));
	CHECK(tmpl_rehint(r, stale).id == TMPL_NONE);
	h = tmpl_rehint(r, h);
	CHECK(h.id != TMPL_NONE && !tmpl_add_again(same, &h, 2));
	add(plain, up, 2);
	CHECK(same_trees(same, plain));
	tmpl_rehint_destroy(r);
	/* The usb leaf's two templates, the other way round. */
	add(other, "usb 1-1: reset full-speed hub now", 1);
	add(other, "usb 1-1: new high-speed USB device", 1);
	add(other, up, 1);
	usb = tmpl_hint(t, add(t, "usb 1-1: new high-speed USB device", 3));
	CHECK(!tmpl_rehint_create(t, other, &r));
	CHECK(tmpl_rehint(r, usb).id == TMPL_NONE);
	CHECK(tmpl_rehint(r, tmpl_hint(t, add(t, up, 3))).id != TMPL_NONE);
	tmpl_rehint_destroy(r);
	free(buf);
	tmpl_destroy(t);
	tmpl_destroy(same);
	tmpl_destroy(plain);
	tmpl_destroy(other);
}

static void test_save_merge(void)
{
	struct tmpl_tree *a, *b, *m;
	char *sa, *sb, *again;
	size_t la, lb, l2;
	uint32_t id;

	CHECK(!tmpl_create(&a) && !tmpl_create(&b) && !tmpl_create(&m));
	add(a, "I/O error, dev vda, sector 1 op 0x0:(READ)", 1);
	add(a, "EXT4-fs (vda1): mounted filesystem", 1);
	add(b, "I/O error, dev sdb, sector 9 op 0x0:(READ)", 1);
	add(b, "usb 1-1: new high-speed USB device number 2", 2);
	sa = save(a, &la);
	sb = save(b, &lb);
	/* Loading into an empty tree restores the same text. */
	CHECK(tmpl_load(m, sa, la) == NULL);
	again = save(m, &l2);
	CHECK(l2 == la && !memcmp(again, sa, la));
	free(again);
	/* Merging the other analyzer's: the I/O template is one, twice. */
	CHECK(tmpl_load(m, sb, lb) == NULL);
	CHECK(tmpl_count(m) == 3 && tmpl_docs(m) == 3);
	id = match(m, "I/O error, dev vdc, sector 5 op 0x0:(READ)");
	CHECK(id != TMPL_NONE && tmpl_doc_freq(m, id) == 2);
	free(sa);
	free(sb);
	tmpl_destroy(a);
	tmpl_destroy(b);
	tmpl_destroy(m);
}

static void test_load_errors(void)
{
	static const char *const bad[][2] = {
		{ "", "not logsage-templates/1" },
		{ "logsage-templates/1\n", "not logsage-templates/1" },
		{ "logsage-templates/1 x\n", "bad document count" },
		{ "logsage-templates/1 1\n1 2 a b\n", "line 2: bad counts" },
		{ "logsage-templates/1 1\n0 0 a\n", "line 2: bad counts" },
		{ "logsage-templates/1 1\n1 1 a  b\n", "line 2: bad token" },
		{ "logsage-templates/1 1\n2 1 a\n1x 1 b\n", "line 3: bad counts" },
		{ "logsage-templates/1 1\n99999999999999999999 1 a\n",
		  "bad counts" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tmpl_tree *t;
		struct lsg_error *err;

		CHECK(tmpl_create(&t) == NULL);
		err = tmpl_load(t, bad[i][0], strlen(bad[i][0]));
		CHECK(err && err->code == LSG_ERR_INVALID &&
		      strstr(err->message, bad[i][1]));
		if (err && !strstr(err->message, bad[i][1]))
			fprintf(stderr, "case %zu: %s\n", i, err->message);
		lsg_error_destroy(err);
		tmpl_destroy(t);
	}
}

int main(void)
{
	test_mask();
	test_tree();
	test_long_tokens();
	test_hint_stale();
	test_hint_better();
	test_hint_general();
	test_hint_same();
	test_hint_carry();
	test_save_merge();
	test_load_errors();
	return test_exit();
}
