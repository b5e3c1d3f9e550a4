/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"

#define TMPL_WILD "<*>"
#define TMPL_MAGIC "logsage-templates/1"

/* The word (tok_word()) of "<*>". */
static const uint64_t wild_word = '<' | '*' << 8 | '>' << 16;

/*
 * A template's tokens are one allocation, their words (tmpl_msg.word),
 * the pointers, then the strings (as the message's that started it); a
 * position made variable points at the static "<*>" instead.
 */
struct tmpl {
	uint64_t *word;		/* owned: the allocation */
	const char **tok;
	uint32_t ntok;
	uint32_t leaf;		/* its leaf's number (tmpl_tree.epoch) */
	uint64_t wild;		/* bit i: tok[i] is "<*>" */
	uint32_t nwild;		/* bits set in wild */
	uint64_t lines, docs;
	uint64_t last_doc;	/* doc number that last counted in docs */
};

/* A leaf of the prefix tree: the templates sharing a length and prefix. */
struct tmpl_leaf {
	char *key;		/* NULL: empty slot */
	uint64_t hash;		/* the key's */
	uint32_t num;		/* in order of creation */
	uint32_t *ids;
	size_t nids, cap;
};

struct tmpl_tree {
	struct tmpl *tmpls;
	size_t ntmpls, cap;
	struct tmpl_leaf *leaves;	/* open addressing, power of two */
	size_t nleaves, cap_leaves;
	/*
	 * Changes of each leaf (by its num): a template added or made more
	 * general, where that may change which template a message joins.
	 * A hint (tmpl_hint) holds while its leaf's count stays.
	 */
	uint32_t *epoch;
	uint64_t docs, last_doc;
};

/*
 * A leaf changes at most once a template it gains and once a token its
 * templates turn to "<*>": its count of changes cannot wrap.
 */
_Static_assert((uint64_t)TMPL_MAX_TEMPLATES * (TMPL_MAX_TOKENS + 1) <
	       UINT32_MAX, "a leaf's epoch may wrap");

struct lsg_error *tmpl_create(struct tmpl_tree **ret)
{
	struct tmpl_tree *t = calloc(1, sizeof(*t));

	if (!t)
		return &lsg_enomem;
	t->cap_leaves = 256;
	t->leaves = calloc(t->cap_leaves, sizeof(*t->leaves));
	t->epoch = calloc(t->cap_leaves, sizeof(*t->epoch));
	if (!t->leaves || !t->epoch) {
		free(t->leaves);
		free(t->epoch);
		free(t);
		return &lsg_enomem;
	}
	*ret = t;
	return NULL;
}

void tmpl_destroy(struct tmpl_tree *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ntmpls; i++)
		free(t->tmpls[i].word);
	for (size_t i = 0; i < t->cap_leaves; i++) {
		free(t->leaves[i].key);
		free(t->leaves[i].ids);
	}
	free(t->tmpls);
	free(t->leaves);
	free(t->epoch);
	free(t);
}

/* Masking */

/*
 * Byte classes of the C locale, from one table: masking looks at every
 * byte of every line the analyzer learns, where <ctype.h> and strchr()
 * calls were a third of its cost.
 */
enum {
	C_DIGIT = 1 << 0,
	C_HEX = 1 << 1,
	C_WORD = 1 << 2,	/* isalnum() or '_' */
	C_LOWER = 1 << 3,
	/* White space, and NUL, which would end a token's C string early. */
	C_SEP = 1 << 4,
	C_OPEN = 1 << 5,	/* punctuation stripped before a token's core */
	C_CLOSE = 1 << 6,	/* and after it */
	C_DEV = 1 << 7,		/* a device name may start so */
};

#define C_LOWHEX (C_HEX | C_WORD | C_LOWER)
#define C_LOWWORD (C_WORD | C_LOWER)
static const uint8_t cls[256] = {
	['0' ... '9'] = C_DIGIT | C_HEX | C_WORD,
	['A' ... 'F'] = C_HEX | C_WORD,
	['G' ... 'Z'] = C_WORD,
	['_'] = C_WORD,
	['a' ... 'c'] = C_LOWHEX,
	['d' ... 'e'] = C_LOWHEX | C_DEV,
	['f'] = C_LOWHEX,
	['g'] = C_LOWWORD,
	['h'] = C_LOWWORD | C_DEV,
	['i' ... 'k'] = C_LOWWORD,
	['l' ... 'n'] = C_LOWWORD | C_DEV,
	['o' ... 'r'] = C_LOWWORD,
	['s'] = C_LOWWORD | C_DEV,
	['t' ... 'u'] = C_LOWWORD,
	['v' ... 'x'] = C_LOWWORD | C_DEV,
	['y' ... 'z'] = C_LOWWORD,
	['\0'] = C_SEP, [' '] = C_SEP, ['\t'] = C_SEP, ['\n'] = C_SEP,
	['\v'] = C_SEP, ['\f'] = C_SEP, ['\r'] = C_SEP,
	['('] = C_OPEN, ['['] = C_OPEN, ['{'] = C_OPEN, ['<'] = C_OPEN,
	['\''] = C_OPEN | C_CLOSE, ['"'] = C_OPEN | C_CLOSE,
	[','] = C_CLOSE, [':'] = C_CLOSE, [';'] = C_CLOSE, [')'] = C_CLOSE,
	[']'] = C_CLOSE, ['}'] = C_CLOSE, ['>'] = C_CLOSE, ['.'] = C_CLOSE,
	['!'] = C_CLOSE,
};
#undef C_LOWHEX
#undef C_LOWWORD

static int is(char c, unsigned what)
{
	return cls[(unsigned char)c] & what;
}

static int all_are(const char *s, size_t n, unsigned what)
{
	for (size_t i = 0; i < n; i++)
		if (!is(s[i], what))
			return 0;
	return 1;
}

static int digits_from(const char *s, size_t n, size_t at)
{
	return at < n && all_are(s + at, n - at, C_DIGIT);
}

struct prefix {
	const char *s;
	size_t len;
};

#define P(s) { s, sizeof(s) - 1 }

/* @s starts with @pre (a few bytes: a loop beats a call to memcmp()). */
static int has_prefix(const char *s, const struct prefix *pre)
{
	for (size_t i = 0; i < pre->len; i++)
		if (s[i] != pre->s[i])
			return 0;
	return 1;
}

/* Block and network device names: sda1, vdb, xvda, nvme0n1p2, eth0... */
int tmpl_is_device(const char *s, size_t n)
{
	static const struct prefix disk[] = { P("sd"), P("vd"), P("hd"),
					      P("xvd") };
	static const struct prefix numbered[] = {
		P("nvme"), P("mmcblk"), P("loop"), P("nbd"), P("md"), P("dm-"),
		P("eth"), P("ens"), P("enp"), P("eno"), P("wlan"), P("wlp"),
		P("sr")
	};
	size_t k, p;

	/* Most tokens are words: reject them on their first letter. */
	if (!n || !is(s[0], C_DEV))
		return 0;
	for (k = 0; k < sizeof(disk) / sizeof(disk[0]); k++) {
		p = disk[k].len;
		if (n <= p || !has_prefix(s, &disk[k]))
			continue;
		for (size_t q = p; q < n && q < p + 3; q++)
			if (!is(s[q], C_LOWER))
				return q > p && digits_from(s, n, q);
		return n <= p + 3 || digits_from(s, n, p + 3);
	}
	for (k = 0; k < sizeof(numbered) / sizeof(numbered[0]); k++) {
		p = numbered[k].len;
		if (n > p && has_prefix(s, &numbered[k]) &&
		    is(s[p], C_DIGIT) && all_are(s, n, C_WORD))
			return 1;
	}
	return 0;
}

#undef P

/* Length of the variable part starting at @s[i], or 0. */
static size_t var_len(const char *s, size_t n, size_t i)
{
	size_t j = i;
	int digit = 0;

	if (i && is(s[i - 1], C_WORD) && !is(s[i], C_DIGIT))
		return 0;
	if (s[i] == '0' && i + 2 < n && (s[i + 1] == 'x' || s[i + 1] == 'X')
	    && is(s[i + 2], C_HEX)) {
		for (j = i + 2; j < n && is(s[j], C_HEX); j++)
			;
		return j - i;
	}
	if (is(s[i], C_DIGIT) && i && is(s[i - 1], C_WORD)) {
		for (; j < n && is(s[j], C_DIGIT); j++)
			;
		return j - i;
	}
	for (; j < n && is(s[j], C_HEX); j++)
		digit |= is(s[j], C_DIGIT);
	/* A bare hex word stands alone: "ffff8881", not "dead" in "deadline". */
	if (digit && (j == n || !is(s[j], C_WORD)))
		return j - i;
	for (j = i; j < n && is(s[j], C_DIGIT); j++)
		;
	return j - i;
}

static size_t strip_punct(const char *s, size_t n, size_t *lead)
{
	size_t a = 0;

	while (a < n && is(s[a], C_OPEN))
		a++;
	while (n > a && is(s[n - 1], C_CLOSE))
		n--;
	*lead = a;
	return n - a;
}

/*
 * Mask one token into @out (room for 2 * @n + 4 bytes); returns length.
 * @digits: whether it holds a digit, without which var_len() finds
 * nothing: most tokens are words, copied as they are.
 */
static size_t mask_token(const char *s, size_t n, int digits, char *out)
{
	size_t lead, core = strip_punct(s, n, &lead), o = 0, i = 0;

	if (core && tmpl_is_device(s + lead, core)) {
		memcpy(out, s, lead);
		memcpy(out + lead, TMPL_WILD, 3);
		memcpy(out + lead + 3, s + lead + core, n - lead - core);
		return n - core + 3;
	}
	if (!digits) {
		memcpy(out, s, n);
		return n;
	}
	while (i < n) {
		size_t v = var_len(s, n, i);

		if (!v) {
			out[o++] = s[i++];
			continue;
		}
		if (o < 3 || memcmp(out + o - 3, TMPL_WILD, 3)) {
			memcpy(out + o, TMPL_WILD, 3);
			o += 3;
		}
		i += v;
	}
	return o;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* @n bytes of @s onto the key at *@o, cut to fit as snprintf() cuts. */
static void key_put(struct tmpl_msg *m, size_t *o, const char *s, size_t n)
{
	size_t room = sizeof(m->key) - 1 - *o;

	if (n > room)
		n = room;
	memcpy(m->key + *o, s, n);
	*o += n;
}

/*
 * The first eight bytes of the token of @len bytes at @s (eight can be
 * read), NUL-padded, as a number whose lowest byte is the first.
 */
static uint64_t tok_word(const char *s, size_t len)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	w = le64toh(w);
	return len >= sizeof(w) ? w : w & ((1ull << (8 * len)) - 1);
}

/*
 * The key, "N\x1fTOK\x1fTOK": the token count and the first TMPL_PREFIX
 * tokens; which tokens are "<*>"; the tokens' words.
 */
static void msg_key(struct tmpl_msg *m)
{
	char num[2] = { (char)('0' + m->ntok / 10),
			(char)('0' + m->ntok % 10) };
	size_t o = 0;

	_Static_assert(TMPL_MAX_TOKENS < 100, "a token count has two digits");
	_Static_assert(TMPL_MAX_TOKENS <= 64, "wild has a bit a token");
	key_put(m, &o, num + (m->ntok < 10), m->ntok < 10 ? 1 : 2);
	for (size_t i = 0; i < m->ntok && i < TMPL_PREFIX; i++) {
		const char *tok = strstr(m->tok[i], TMPL_WILD) ? TMPL_WILD :
				  m->tok[i];

		key_put(m, &o, "\x1f", 1);
		key_put(m, &o, tok, strlen(tok));
	}
	m->key[o] = '\0';
	m->hash = hash_str(m->key);
	m->wild = 0;
	for (size_t i = 0; i < m->ntok; i++) {
		const char *end = i + 1 < m->ntok ? m->tok[i + 1] :
				  m->buf + m->len;

		m->word[i] = tok_word(m->tok[i], (size_t)(end - m->tok[i]) - 1);
		if (m->word[i] == wild_word)
			m->wild |= 1ull << i;
	}
}

void tmpl_split(const char *text, size_t len, struct tmpl_msg *ret)
{
	const char *nl = memchr(text, '\n', len);
	size_t i = 0, used = 0;

	if (nl)
		len = (size_t)(nl - text);
	ret->ntok = 0;
	while (i < len && ret->ntok < TMPL_MAX_TOKENS) {
		unsigned seen = 0;
		size_t start, n;

		while (i < len && is(text[i], C_SEP))
			i++;
		start = i;
		while (i < len && !is(text[i], C_SEP))
			seen |= cls[(unsigned char)text[i++]];
		n = i - start;
		/* A masked token is at most 2n + 3 bytes (each byte a "<*>"). */
		if (!n || used + 2 * n + 4 > TMPL_MSG_SIZE)
			break;
		ret->tok[ret->ntok++] = ret->buf + used;
		used += mask_token(text + start, n, seen & C_DIGIT,
				   ret->buf + used);
		ret->buf[used++] = '\0';
	}
	ret->len = used;
	msg_key(ret);
}

void tmpl_unpack(const char *toks, size_t len, struct tmpl_msg *ret)
{
	memcpy(ret->buf, toks, len);
	ret->len = len;
	ret->ntok = 0;
	for (size_t i = 0; i < len; i += strlen(ret->buf + i) + 1)
		ret->tok[ret->ntok++] = ret->buf + i;
	msg_key(ret);
}

/* The prefix tree */

static struct tmpl_leaf *leaf_find(const struct tmpl_tree *t,
				   const char *key, uint64_t hash)
{
	size_t mask = t->cap_leaves - 1, i = hash & mask;

	while (t->leaves[i].key && (t->leaves[i].hash != hash ||
				    strcmp(t->leaves[i].key, key)))
		i = (i + 1) & mask;
	return &t->leaves[i];
}

static struct lsg_error *leaves_grow(struct tmpl_tree *t)
{
	struct tmpl_leaf *old = t->leaves;
	size_t ocap = t->cap_leaves;
	uint32_t *epoch = realloc(t->epoch, ocap * 2 * sizeof(*epoch));

	if (!epoch)
		return &lsg_enomem;
	t->epoch = epoch;
	t->leaves = calloc(ocap * 2, sizeof(*t->leaves));
	if (!t->leaves) {
		t->leaves = old;
		return &lsg_enomem;
	}
	t->cap_leaves = ocap * 2;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*leaf_find(t, old[i].key, old[i].hash) = old[i];
	free(old);
	return NULL;
}

/*
 * Equal tokens @a and @b of words @wa and @wb: the words tell apart
 * most, and are the whole of tokens shorter than eight bytes.
 */
static int same_tok(uint64_t wa, const char *a, uint64_t wb, const char *b)
{
	return wa == wb && (!(wa >> 56) || !strcmp(a + 8, b + 8));
}

/* Equal tokens over the length; the best template of @leaf for @m. */
static uint32_t leaf_best(const struct tmpl_tree *t,
			  const struct tmpl_leaf *leaf,
			  const struct tmpl_msg *m, size_t *ret_eq)
{
	uint32_t best = TMPL_NONE;
	size_t best_eq = 0, best_wild = 0;

	for (size_t k = 0; k < leaf->nids; k++) {
		const struct tmpl *tp = &t->tmpls[leaf->ids[k]];
		size_t eq = 0, wild = tp->nwild;

		for (size_t i = 0; i < m->ntok; i++)
			if (tp->wild >> i & 1)
				eq += m->wild >> i & 1;
			else
				eq += (size_t)same_tok(tp->word[i], tp->tok[i],
						       m->word[i], m->tok[i]);
		if (best == TMPL_NONE || eq > best_eq ||
		    (eq == best_eq && wild > best_wild)) {
			best = leaf->ids[k];
			best_eq = eq;
			best_wild = wild;
		}
	}
	*ret_eq = best_eq;
	return best;
}

static int similar(size_t eq, size_t ntok)
{
	return !ntok || (double)eq >= TMPL_SIM * (double)ntok;
}

uint32_t tmpl_match(const struct tmpl_tree *t, const struct tmpl_msg *m)
{
	const struct tmpl_leaf *leaf = leaf_find(t, m->key, m->hash);
	uint32_t id;
	size_t eq;

	if (!leaf->key)
		return TMPL_NONE;
	id = leaf_best(t, leaf, m, &eq);
	return id != TMPL_NONE && similar(eq, m->ntok) ? id : TMPL_NONE;
}

/* Drain's update: positions where the message differs become "<*>". */
static struct lsg_error *tmpl_generalize(struct tmpl_tree *t,
					 struct tmpl *tp,
					 const struct tmpl_msg *m)
{
	for (size_t i = 0; i < m->ntok; i++) {
		if (tp->wild >> i & 1 || same_tok(tp->word[i], tp->tok[i],
						  m->word[i], m->tok[i]))
			continue;
		tp->tok[i] = TMPL_WILD;
		tp->word[i] = wild_word;
		tp->wild |= 1ull << i;
		tp->nwild++;
		t->epoch[tp->leaf]++;
	}
	return NULL;
}

static struct lsg_error *tmpl_new(struct tmpl_tree *t,
				  const struct tmpl_msg *m, uint32_t *ret)
{
	struct tmpl *tp;
	char *strs;

	if (t->ntmpls == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct tmpl *n = realloc(t->tmpls, cap * sizeof(*n));

		if (!n)
			return &lsg_enomem;
		t->tmpls = n;
		t->cap = cap;
	}
	tp = &t->tmpls[t->ntmpls];
	memset(tp, 0, sizeof(*tp));
	tp->word = malloc(m->ntok * (sizeof(*tp->word) + sizeof(*tp->tok)) +
			  m->len + 1);
	if (!tp->word)
		return &lsg_enomem;
	memcpy(tp->word, m->word, m->ntok * sizeof(*tp->word));
	tp->tok = (const char **)(void *)(tp->word + m->ntok);
	strs = (char *)(tp->tok + m->ntok);
	memcpy(strs, m->buf, m->len);
	for (; tp->ntok < m->ntok; tp->ntok++)
		tp->tok[tp->ntok] = strs + (m->tok[tp->ntok] - m->buf);
	tp->wild = m->wild;
	/* Counted once here: a popcount instruction is not in the base ISA. */
	tp->nwild = (uint32_t)__builtin_popcountll(m->wild);
	*ret = (uint32_t)t->ntmpls++;
	return NULL;
}

static struct lsg_error *leaf_push(struct tmpl_tree *t,
				   const struct tmpl_msg *m, uint32_t id)
{
	struct tmpl_leaf *leaf;

	if ((t->nleaves + 1) * 2 > t->cap_leaves && leaves_grow(t))
		return &lsg_enomem;
	leaf = leaf_find(t, m->key, m->hash);
	if (!leaf->key) {
		leaf->key = strdup(m->key);
		if (!leaf->key)
			return &lsg_enomem;
		leaf->hash = m->hash;
		leaf->num = (uint32_t)t->nleaves++;
		t->epoch[leaf->num] = 0;
	}
	if (leaf->nids == leaf->cap) {
		size_t cap = leaf->cap ? leaf->cap * 2 : 4;
		uint32_t *n = realloc(leaf->ids, cap * sizeof(*n));

		if (!n)
			return &lsg_enomem;
		leaf->ids = n;
		leaf->cap = cap;
	}
	leaf->ids[leaf->nids++] = id;
	t->tmpls[id].leaf = leaf->num;
	/*
	 * Not in a leaf of one-token messages (the frames of a call trace,
	 * hundreds of them): a message is similar there only to a template
	 * of its very token, which a new template is not, and none is ever
	 * made more general.
	 */
	if (m->ntok > 1)
		t->epoch[leaf->num]++;
	return NULL;
}

/* Count @lines lines and @docs documents (or doc stamp @doc) in @tp. */
static void count(struct tmpl *tp, uint64_t lines, uint64_t docs,
		  uint64_t doc)
{
	/* Saturating: merged counts from hostile blobs must not wrap. */
	tp->lines = tp->lines > UINT64_MAX - lines ? UINT64_MAX :
		    tp->lines + lines;
	if (docs) {
		tp->docs = tp->docs > UINT64_MAX - docs ? UINT64_MAX :
			   tp->docs + docs;
	} else if (tp->last_doc != doc || !tp->docs) {
		tp->docs++;
		tp->last_doc = doc;
	}
}

/* Mine @m counting @lines lines and @docs documents (or doc stamp @doc). */
static struct lsg_error *tmpl_mine(struct tmpl_tree *t,
				   const struct tmpl_msg *m, uint64_t lines,
				   uint64_t docs, uint64_t doc, uint32_t *ret)
{
	struct lsg_error *err;
	uint32_t id = tmpl_match(t, m);

	if (id != TMPL_NONE) {
		err = tmpl_generalize(t, &t->tmpls[id], m);
	} else if (t->ntmpls >= TMPL_MAX_TEMPLATES) {
		*ret = TMPL_NONE;
		return NULL;
	} else {
		err = tmpl_new(t, m, &id);
		if (!err && (err = leaf_push(t, m, id)) != NULL)
			free(t->tmpls[--t->ntmpls].word);
	}
	if (err)
		return err;
	count(&t->tmpls[id], lines, docs, doc);
	*ret = id;
	return NULL;
}

/* A new document @doc for the tree when it is not the last one. */
static void count_doc(struct tmpl_tree *t, uint64_t doc)
{
	if (!t->docs || doc != t->last_doc) {
		t->docs++;
		t->last_doc = doc;
	}
}

struct lsg_error *tmpl_add(struct tmpl_tree *t, const struct tmpl_msg *m,
			   uint64_t doc, uint32_t *ret)
{
	count_doc(t, doc);
	return tmpl_mine(t, m, 1, 0, doc, ret);
}

struct tmpl_hint tmpl_hint(const struct tmpl_tree *t, uint32_t id)
{
	if (id >= t->ntmpls)
		return (struct tmpl_hint){ .id = TMPL_NONE };
	return (struct tmpl_hint){ id, t->epoch[t->tmpls[id].leaf] };
}

int tmpl_add_again(struct tmpl_tree *t, const struct tmpl_hint *h,
		   uint64_t doc)
{
	if (h->id >= t->ntmpls || t->epoch[t->tmpls[h->id].leaf] != h->epoch)
		return -1;
	count_doc(t, doc);
	count(&t->tmpls[h->id], 1, 0, doc);
	return 0;
}

/* A template of the old tree: its leaf's epoch there, its hint in the new. */
struct rehint_entry {
	uint32_t epoch;
	struct tmpl_hint to;
};

struct tmpl_rehint {
	size_t n;
	struct rehint_entry ent[];
};

static int same_tmpl(const struct tmpl *a, const struct tmpl *b)
{
	if (a->ntok != b->ntok || a->wild != b->wild)
		return 0;
	for (uint32_t i = 0; i < a->ntok; i++)
		if (!(a->wild >> i & 1) &&
		    !same_tok(a->word[i], a->tok[i], b->word[i], b->tok[i]))
			return 0;
	return 1;
}

/* Leaf @a of @from and @b of @to hold the same templates in order. */
static int same_leaf(const struct tmpl_tree *from, const struct tmpl_leaf *a,
		     const struct tmpl_tree *to, const struct tmpl_leaf *b)
{
	if (!b->key || a->nids != b->nids)
		return 0;
	for (size_t k = 0; k < a->nids; k++)
		if (!same_tmpl(&from->tmpls[a->ids[k]], &to->tmpls[b->ids[k]]))
			return 0;
	return 1;
}

struct lsg_error *tmpl_rehint_create(const struct tmpl_tree *from,
				     const struct tmpl_tree *to,
				     struct tmpl_rehint **ret)
{
	struct tmpl_rehint *r = malloc(sizeof(*r) +
				       from->ntmpls * sizeof(r->ent[0]));

	if (!r)
		return &lsg_enomem;
	r->n = from->ntmpls;
	for (size_t i = 0; i < r->n; i++)
		r->ent[i] = (struct rehint_entry){ .to.id = TMPL_NONE };
	for (size_t i = 0; i < from->cap_leaves; i++) {
		const struct tmpl_leaf *a = &from->leaves[i], *b;

		if (!a->key)
			continue;
		b = leaf_find(to, a->key, a->hash);
		if (!same_leaf(from, a, to, b))
			continue;
		for (size_t k = 0; k < a->nids; k++)
			r->ent[a->ids[k]] = (struct rehint_entry){
				from->epoch[a->num],
				{ b->ids[k], to->epoch[b->num] },
			};
	}
	*ret = r;
	return NULL;
}

void tmpl_rehint_destroy(struct tmpl_rehint *r)
{
	free(r);
}

struct tmpl_hint tmpl_rehint(const struct tmpl_rehint *r, struct tmpl_hint h)
{
	if (h.id >= r->n || r->ent[h.id].epoch != h.epoch)
		return (struct tmpl_hint){ .id = TMPL_NONE };
	return r->ent[h.id].to;
}

size_t tmpl_count(const struct tmpl_tree *t)
{
	return t->ntmpls;
}

uint64_t tmpl_docs(const struct tmpl_tree *t)
{
	return t->docs;
}

uint64_t tmpl_doc_freq(const struct tmpl_tree *t, uint32_t id)
{
	return id < t->ntmpls ? t->tmpls[id].docs : 0;
}

const char *tmpl_text(const struct tmpl_tree *t, uint32_t id, char *buf,
		      size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	if (id >= t->ntmpls)
		return buf;
	for (uint32_t i = 0; i < t->tmpls[id].ntok && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "",
				      t->tmpls[id].tok[i]);
	return buf;
}

/* Serialization */

/* Digits of a count at most, and of a template's line but its tokens. */
enum { U64_DIGITS = 20, LINE_FIXED = 2 * U64_DIGITS + 2 };

/* @v in decimal at @p; returns the end. */
static char *put_count(char *p, uint64_t v)
{
	char d[U64_DIGITS];
	size_t n = 0;

	do
		d[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		*p++ = d[--n];
	return p;
}

/*
 * Written by hand into a buffer sized first: through stdio, a call per
 * token was most of a state save's cost.
 */
struct lsg_error *tmpl_save(const struct tmpl_tree *t, char **ret,
			    size_t *ret_len)
{
	size_t size = sizeof(TMPL_MAGIC) + U64_DIGITS + 2;
	char *buf, *p;

	for (size_t i = 0; i < t->ntmpls; i++) {
		size += LINE_FIXED;
		for (uint32_t k = 0; k < t->tmpls[i].ntok; k++)
			size += strlen(t->tmpls[i].tok[k]) + 1;
	}
	buf = malloc(size);
	if (!buf)
		return &lsg_enomem;
	p = buf + sizeof(TMPL_MAGIC) - 1;
	memcpy(buf, TMPL_MAGIC, sizeof(TMPL_MAGIC) - 1);
	*p++ = ' ';
	p = put_count(p, t->docs);
	*p++ = '\n';
	for (size_t i = 0; i < t->ntmpls; i++) {
		const struct tmpl *tp = &t->tmpls[i];

		p = put_count(p, tp->lines);
		*p++ = ' ';
		p = put_count(p, tp->docs);
		for (uint32_t k = 0; k < tp->ntok; k++) {
			size_t n = strlen(tp->tok[k]);

			*p++ = ' ';
			memcpy(p, tp->tok[k], n);
			p += n;
		}
		*p++ = '\n';
	}
	*p = '\0';
	*ret = buf;
	*ret_len = (size_t)(p - buf);
	return NULL;
}

static int parse_count(const char **p, const char *end, uint64_t *ret)
{
	uint64_t v = 0;
	const char *s = *p;

	if (s == end || !isdigit((unsigned char)*s))
		return -1;
	for (; s < end && isdigit((unsigned char)*s); s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (s < end && *s != ' ')
		return -1;
	*p = s < end ? s + 1 : s;
	*ret = v;
	return 0;
}

/* One saved template line: counts, then tokens already masked. */
static struct lsg_error *load_line(struct tmpl_tree *t, const char *p,
				   const char *end)
{
	uint64_t lines, docs;
	struct tmpl_msg m;
	uint32_t id;

	if (parse_count(&p, end, &lines) || parse_count(&p, end, &docs) ||
	    !lines || !docs || docs > lines)
		return lsg_error_create(LSG_ERR_INVALID, "bad counts");
	/* Saved tokens hold no white space, so splitting restores them. */
	m.ntok = 0;
	m.len = 0;
	while (p < end && m.ntok < TMPL_MAX_TOKENS) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		size_t n = (size_t)((sp ? sp : end) - p);

		if (!n || memchr(p, '\0', n) || m.len + n + 1 > TMPL_MSG_SIZE)
			return lsg_error_create(LSG_ERR_INVALID, "bad token");
		memcpy(m.buf + m.len, p, n);
		m.buf[m.len + n] = '\0';
		m.tok[m.ntok++] = m.buf + m.len;
		m.len += n + 1;
		p += n + (sp != NULL);
	}
	if (p < end)
		return lsg_error_create(LSG_ERR_INVALID, "more than %d tokens",
					TMPL_MAX_TOKENS);
	msg_key(&m);
	return tmpl_mine(t, &m, lines, docs, 0, &id);
}

struct lsg_error *tmpl_load(struct tmpl_tree *t, const char *buf,
			    size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	size_t magic = strlen(TMPL_MAGIC), lineno = 1;
	uint64_t docs;
	struct lsg_error *err = NULL;

	nl = memchr(p, '\n', len);
	if (!nl || (size_t)(nl - p) <= magic || memcmp(p, TMPL_MAGIC, magic)
	    || p[magic] != ' ')
		return lsg_error_create(LSG_ERR_INVALID,
					"templates: not %s", TMPL_MAGIC);
	p += magic + 1;
	if (parse_count(&p, nl, &docs) || p != nl)
		return lsg_error_create(LSG_ERR_INVALID,
					"templates: bad document count");
	for (p = nl + 1; !err && p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		lineno++;
		err = load_line(t, p, nl);
	}
	if (err)
		return lsg_error_wrap(err, "templates line %zu", lineno);
	t->docs = t->docs > UINT64_MAX - docs ? UINT64_MAX : t->docs + docs;
	return NULL;
}
