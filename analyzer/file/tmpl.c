/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"

#define TMPL_WILD "<*>"
#define TMPL_MAGIC "logsage-templates/1"

struct tmpl {
	char **tok;		/* owned; "<*>" for a variable position */
	uint32_t ntok;
	uint64_t lines, docs;
	uint64_t last_doc;	/* doc number that last counted in docs */
};

/* A leaf of the prefix tree: the templates sharing a length and prefix. */
struct tmpl_leaf {
	char *key;		/* NULL: empty slot */
	uint32_t *ids;
	size_t nids, cap;
};

struct tmpl_tree {
	struct tmpl *tmpls;
	size_t ntmpls, cap;
	struct tmpl_leaf *leaves;	/* open addressing, power of two */
	size_t nleaves, cap_leaves;
	uint64_t docs, last_doc;
};

struct lsg_error *tmpl_create(struct tmpl_tree **ret)
{
	struct tmpl_tree *t = calloc(1, sizeof(*t));

	if (!t)
		return &lsg_enomem;
	t->cap_leaves = 256;
	t->leaves = calloc(t->cap_leaves, sizeof(*t->leaves));
	if (!t->leaves) {
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
	for (size_t i = 0; i < t->ntmpls; i++) {
		for (uint32_t k = 0; k < t->tmpls[i].ntok; k++)
			free(t->tmpls[i].tok[k]);
		free(t->tmpls[i].tok);
	}
	for (size_t i = 0; i < t->cap_leaves; i++) {
		free(t->leaves[i].key);
		free(t->leaves[i].ids);
	}
	free(t->tmpls);
	free(t->leaves);
	free(t);
}

/* Masking */

static int is_hex(int c)
{
	return isxdigit((unsigned char)c);
}

static int is_alnum(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static int all_match(const char *s, size_t n, int (*fn)(int))
{
	for (size_t i = 0; i < n; i++)
		if (!fn((unsigned char)s[i]))
			return 0;
	return 1;
}

static int digits_from(const char *s, size_t n, size_t at)
{
	return at < n && all_match(s + at, n - at, isdigit);
}

/* Block and network device names: sda1, vdb, xvda, nvme0n1p2, eth0... */
int tmpl_is_device(const char *s, size_t n)
{
	static const char *const disk[] = { "sd", "vd", "hd", "xvd" };
	static const char *const numbered[] = {
		"nvme", "mmcblk", "loop", "nbd", "md", "dm-", "eth", "ens",
		"enp", "eno", "wlan", "wlp", "sr"
	};
	size_t k, p;

	/* Most tokens are words: reject them on their first letter. */
	if (!n || !strchr("svhxnmldew", s[0]))
		return 0;
	for (k = 0; k < sizeof(disk) / sizeof(disk[0]); k++) {
		p = strlen(disk[k]);
		if (n <= p || s[0] != disk[k][0] || strncmp(s, disk[k], p))
			continue;
		for (size_t q = p; q < n && q < p + 3; q++)
			if (!islower((unsigned char)s[q]))
				return q > p && digits_from(s, n, q);
		return n <= p + 3 || digits_from(s, n, p + 3);
	}
	for (k = 0; k < sizeof(numbered) / sizeof(numbered[0]); k++) {
		p = strlen(numbered[k]);
		if (n > p && s[0] == numbered[k][0] &&
		    !strncmp(s, numbered[k], p) &&
		    isdigit((unsigned char)s[p]) && all_match(s, n, is_alnum))
			return 1;
	}
	return 0;
}

/* Length of the variable part starting at @s[i], or 0. */
static size_t var_len(const char *s, size_t n, size_t i)
{
	size_t j = i;
	int digit = 0;

	if (i && is_alnum(s[i - 1]) && !isdigit((unsigned char)s[i]))
		return 0;
	if (s[i] == '0' && i + 2 < n && (s[i + 1] == 'x' || s[i + 1] == 'X')
	    && is_hex(s[i + 2])) {
		for (j = i + 2; j < n && is_hex(s[j]); j++)
			;
		return j - i;
	}
	if (isdigit((unsigned char)s[i]) && i && is_alnum(s[i - 1])) {
		for (; j < n && isdigit((unsigned char)s[j]); j++)
			;
		return j - i;
	}
	for (; j < n && is_hex(s[j]); j++)
		digit |= isdigit((unsigned char)s[j]);
	/* A bare hex word stands alone: "ffff8881", not "dead" in "deadline". */
	if (digit && (j == n || !is_alnum(s[j])))
		return j - i;
	for (j = i; j < n && isdigit((unsigned char)s[j]); j++)
		;
	return j - i;
}

static size_t strip_punct(const char *s, size_t n, size_t *lead)
{
	size_t a = 0;

	while (a < n && strchr("([{<'\"", s[a]))
		a++;
	while (n > a && strchr(",:;)]}>'\".!", s[n - 1]))
		n--;
	*lead = a;
	return n - a;
}

/* Mask one token into @out (room for 2 * @n + 4 bytes); returns length. */
static size_t mask_token(const char *s, size_t n, char *out)
{
	size_t lead, core = strip_punct(s, n, &lead), o = 0, i = 0;

	if (core && tmpl_is_device(s + lead, core)) {
		memcpy(out, s, lead);
		memcpy(out + lead, TMPL_WILD, 3);
		memcpy(out + lead + 3, s + lead + core, n - lead - core);
		return n - core + 3;
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

/* White space, and NUL, which would end a token's C string early. */
static int is_sep(char c)
{
	return !c || isspace((unsigned char)c);
}

void tmpl_split(const char *text, size_t len, struct tmpl_msg *ret)
{
	const char *nl = memchr(text, '\n', len);
	size_t i = 0, used = 0;

	if (nl)
		len = (size_t)(nl - text);
	ret->ntok = 0;
	while (i < len && ret->ntok < TMPL_MAX_TOKENS) {
		size_t start, n;

		while (i < len && is_sep(text[i]))
			i++;
		start = i;
		while (i < len && !is_sep(text[i]))
			i++;
		n = i - start;
		/* A masked token is at most 2n + 3 bytes (each byte a "<*>"). */
		if (!n || used + 2 * n + 4 > sizeof(ret->buf))
			break;
		ret->tok[ret->ntok++] = ret->buf + used;
		used += mask_token(text + start, n, ret->buf + used);
		ret->buf[used++] = '\0';
	}
}

/* The prefix tree */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* "N\x1fTOK\x1fTOK": the token count and the first TMPL_PREFIX tokens. */
static void leaf_key(const struct tmpl_msg *m, char *buf, size_t size)
{
	size_t o = (size_t)snprintf(buf, size, "%zu", m->ntok);

	for (size_t i = 0; i < m->ntok && i < TMPL_PREFIX && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "\x1f%s",
				      strstr(m->tok[i], TMPL_WILD) ?
				      TMPL_WILD : m->tok[i]);
}

static struct tmpl_leaf *leaf_find(const struct tmpl_tree *t,
				   const char *key)
{
	size_t mask = t->cap_leaves - 1, i = hash_str(key) & mask;

	while (t->leaves[i].key && strcmp(t->leaves[i].key, key))
		i = (i + 1) & mask;
	return &t->leaves[i];
}

static struct lsg_error *leaves_grow(struct tmpl_tree *t)
{
	struct tmpl_leaf *old = t->leaves;
	size_t ocap = t->cap_leaves;

	t->leaves = calloc(ocap * 2, sizeof(*t->leaves));
	if (!t->leaves) {
		t->leaves = old;
		return &lsg_enomem;
	}
	t->cap_leaves = ocap * 2;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*leaf_find(t, old[i].key) = old[i];
	free(old);
	return NULL;
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
		size_t eq = 0, wild = 0;

		for (size_t i = 0; i < m->ntok; i++) {
			eq += !strcmp(tp->tok[i], m->tok[i]);
			wild += !strcmp(tp->tok[i], TMPL_WILD);
		}
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
	char key[TMPL_MAX_TEXT + 32];
	const struct tmpl_leaf *leaf;
	uint32_t id;
	size_t eq;

	leaf_key(m, key, sizeof(key));
	leaf = leaf_find(t, key);
	if (!leaf->key)
		return TMPL_NONE;
	id = leaf_best(t, leaf, m, &eq);
	return id != TMPL_NONE && similar(eq, m->ntok) ? id : TMPL_NONE;
}

/* Drain's update: positions where the message differs become "<*>". */
static struct lsg_error *tmpl_generalize(struct tmpl *tp,
					 const struct tmpl_msg *m)
{
	for (size_t i = 0; i < m->ntok; i++) {
		char *w;

		if (!strcmp(tp->tok[i], m->tok[i]) ||
		    !strcmp(tp->tok[i], TMPL_WILD))
			continue;
		w = strdup(TMPL_WILD);
		if (!w)
			return &lsg_enomem;
		free(tp->tok[i]);
		tp->tok[i] = w;
	}
	return NULL;
}

static struct lsg_error *tmpl_new(struct tmpl_tree *t,
				  const struct tmpl_msg *m, uint32_t *ret)
{
	struct tmpl *tp;

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
	tp->tok = calloc(m->ntok ? m->ntok : 1, sizeof(*tp->tok));
	if (!tp->tok)
		return &lsg_enomem;
	for (; tp->ntok < m->ntok; tp->ntok++) {
		tp->tok[tp->ntok] = strdup(m->tok[tp->ntok]);
		if (!tp->tok[tp->ntok]) {
			tp->ntok++;
			goto out_free;
		}
	}
	*ret = (uint32_t)t->ntmpls++;
	return NULL;
out_free:
	while (tp->ntok)
		free(tp->tok[--tp->ntok]);
	free(tp->tok);
	return &lsg_enomem;
}

static struct lsg_error *leaf_push(struct tmpl_tree *t, const char *key,
				   uint32_t id)
{
	struct tmpl_leaf *leaf;

	if ((t->nleaves + 1) * 2 > t->cap_leaves && leaves_grow(t))
		return &lsg_enomem;
	leaf = leaf_find(t, key);
	if (!leaf->key) {
		leaf->key = strdup(key);
		if (!leaf->key)
			return &lsg_enomem;
		t->nleaves++;
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
	return NULL;
}

/* Mine @m counting @lines lines and @docs documents (or doc stamp @doc). */
static struct lsg_error *tmpl_mine(struct tmpl_tree *t,
				   const struct tmpl_msg *m, uint64_t lines,
				   uint64_t docs, uint64_t doc, uint32_t *ret)
{
	char key[TMPL_MAX_TEXT + 32];
	struct lsg_error *err;
	uint32_t id = tmpl_match(t, m);
	struct tmpl *tp;

	if (id != TMPL_NONE) {
		err = tmpl_generalize(&t->tmpls[id], m);
	} else if (t->ntmpls >= TMPL_MAX_TEMPLATES) {
		*ret = TMPL_NONE;
		return NULL;
	} else {
		leaf_key(m, key, sizeof(key));
		err = tmpl_new(t, m, &id);
		if (!err && (err = leaf_push(t, key, id)) != NULL) {
			t->ntmpls--;
			for (uint32_t k = 0; k < t->tmpls[id].ntok; k++)
				free(t->tmpls[id].tok[k]);
			free(t->tmpls[id].tok);
		}
	}
	if (err)
		return err;
	tp = &t->tmpls[id];
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
	*ret = id;
	return NULL;
}

struct lsg_error *tmpl_add(struct tmpl_tree *t, const struct tmpl_msg *m,
			   uint64_t doc, uint32_t *ret)
{
	if (!t->docs || doc != t->last_doc) {
		t->docs++;
		t->last_doc = doc;
	}
	return tmpl_mine(t, m, 1, 0, doc, ret);
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

struct lsg_error *tmpl_save(const struct tmpl_tree *t, char **ret,
			    size_t *ret_len)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return &lsg_enomem;
	fprintf(f, "%s %" PRIu64 "\n", TMPL_MAGIC, t->docs);
	for (size_t i = 0; i < t->ntmpls; i++) {
		const struct tmpl *tp = &t->tmpls[i];

		fprintf(f, "%" PRIu64 " %" PRIu64, tp->lines, tp->docs);
		for (uint32_t k = 0; k < tp->ntok; k++)
			fprintf(f, " %s", tp->tok[k]);
		fputc('\n', f);
	}
	if (fclose(f)) {
		free(buf);
		return &lsg_enomem;
	}
	*ret = buf;
	*ret_len = len;
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
	while (p < end && m.ntok < TMPL_MAX_TOKENS) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		size_t n = (size_t)((sp ? sp : end) - p), used = 0;

		if (m.ntok)
			used = (size_t)(m.tok[m.ntok - 1] - m.buf) +
			       strlen(m.tok[m.ntok - 1]) + 1;
		if (!n || memchr(p, '\0', n) || used + n + 1 > sizeof(m.buf))
			return lsg_error_create(LSG_ERR_INVALID, "bad token");
		memcpy(m.buf + used, p, n);
		m.buf[used + n] = '\0';
		m.tok[m.ntok++] = m.buf + used;
		p += n + (sp != NULL);
	}
	if (p < end)
		return lsg_error_create(LSG_ERR_INVALID, "more than %d tokens",
					TMPL_MAX_TOKENS);
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
