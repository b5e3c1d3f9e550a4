/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linegraph.h"

enum { MAX_ENTITIES = 16, ENTITY_LEN = 40, MAX_SEEN = 256 };

struct edges {
	uint64_t *e;		/* a << 32 | b: the edge from a to b */
	size_t n, cap;
	int failed;
};

static void edge_add(struct edges *es, size_t a, size_t b)
{
	if (a == b || es->failed)
		return;
	if (es->n + 2 > es->cap) {
		size_t cap = es->cap ? 2 * es->cap : 256;
		void *p = realloc(es->e, cap * sizeof(*es->e));

		if (!p) {
			es->failed = 1;
			return;
		}
		es->e = p;
		es->cap = cap;
	}
	es->e[es->n++] = (uint64_t)a << 32 | b;
	es->e[es->n++] = (uint64_t)b << 32 | a;
}

/*
 * Sort @n keys, merging runs bottom-up through @tmp (room for @n): no
 * comparison callback, which is most of what qsort() costs on the few
 * dozen keys of a crash.
 */
static void sort_u64(uint64_t *v, size_t n, uint64_t *tmp)
{
	uint64_t *src = v, *dst = tmp, *t;

	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				dst[k++] = src[j] < src[i] ? src[j++] :
							     src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

static int is_hexstr(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* "0000:00:02.0" */
static int is_pci(const char *s, size_t n)
{
	return n == 12 && s[4] == ':' && s[7] == ':' && s[10] == '.' &&
	       is_hexstr(s, 4) && is_hexstr(s + 5, 2) &&
	       is_hexstr(s + 8, 2) && isdigit((unsigned char)s[11]);
}

/* vda1, sdb, nvme0n1, eth0: letters then digits, short. */
static int is_device(const char *s, size_t n, int after_dev)
{
	size_t i = 0;

	while (i < n && islower((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 5 || n > 10)
		return 0;
	if (i == n)
		return after_dev;
	for (; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The number after @key in @t ("CPU: 1", "CPU#1", "PID: 42"), or -1. */
static long number_after(const char *t, const char *key)
{
	const char *p = strstr(t, key);

	if (!p)
		return -1;
	p += strlen(key);
	while (*p == ' ' || *p == '#' || *p == ':')
		p++;
	return isdigit((unsigned char)*p) ? strtol(p, NULL, 10) : -1;
}

/* Entities named by a line, as hashes. */
static size_t entities(const char *t, uint32_t *ret)
{
	char buf[ENTITY_LEN];
	size_t k = 0;
	long v;
	const char *p = t, *prev = "";

	if ((v = number_after(t, "CPU")) >= 0)
		ret[k++] = hash_str(buf, (size_t)snprintf(buf, sizeof(buf),
							  "cpu%ld", v));
	if ((v = number_after(t, "PID")) >= 0)
		ret[k++] = hash_str(buf, (size_t)snprintf(buf, sizeof(buf),
							  "pid%ld", v));
	while (*p && k < MAX_ENTITIES) {
		const char *s;
		size_t n;

		while (*p && (isspace((unsigned char)*p) || *p == ',' ||
			      *p == '(' || *p == ')'))
			p++;
		for (s = p; *p && !isspace((unsigned char)*p) && *p != ',' &&
			    *p != '(' && *p != ')'; p++)
			;
		n = (size_t)(p - s);
		if (n && s[n - 1] == ':')
			n--;
		if (n > 2 && s[0] == '[' && s[n - 1] == ']' &&
		    isalpha((unsigned char)s[1]))
			ret[k++] = hash_str(s, n);	/* [module] */
		else if (is_pci(s, n) || (n >= 12 && is_hexstr(s, n)) ||
			 is_device(s, n, !strcmp(prev, "dev")))
			ret[k++] = hash_str(s, n);
		prev = n == 3 && !strncmp(s, "dev", 3) ? "dev" : "";
	}
	return k;
}

/* Link @node to the last node that had one of its keys, then remember. */
struct seen {
	uint32_t key[MAX_SEEN];
	uint32_t node[MAX_SEEN];
	size_t n;
};

static void link_seen(struct seen *s, struct edges *es, uint32_t key,
		      size_t node)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->key[i] == key) {
			edge_add(es, s->node[i], node);
			s->node[i] = (uint32_t)node;
			return;
		}
	if (s->n < MAX_SEEN) {
		s->key[s->n] = key;
		s->node[s->n++] = (uint32_t)node;
	}
}

/*
 * The template of line @l, whose tokens (with its machine-check class)
 * are @tok: the tokens with the class read from the text alone, which
 * are the same unless the class came from the lines around it.
 */
static uint32_t template_of(const struct lines_line *l, const uint32_t *tok,
			    size_t n)
{
	uint32_t own[EMBED_MAX_TOKENS];

	if (l->mca) {
		n = embed_tokens(l->text, NULL, own, EMBED_MAX_TOKENS);
		tok = own;
	}
	return hash_str((const char *)tok, n * sizeof(*tok));
}

/* @tmpl_of: each line's template_of(). */
static void line_edges(const struct lines_crash *c, const size_t *ev_node,
		       const uint32_t *tmpl_of, struct edges *es)
{
	struct seen *tmpl = calloc(1, sizeof(*tmpl));
	struct seen *ent = calloc(1, sizeof(*ent));
	size_t last_frame = LINES_NONE;

	if (!tmpl || !ent) {
		es->failed = 1;
		goto out;
	}
	for (size_t i = 0; i < c->nlines; i++) {
		const struct lines_line *l = &c->lines[i];
		uint32_t ents[MAX_ENTITIES];
		size_t ne = entities(l->text, ents);

		if (i)
			edge_add(es, i - 1, i);
		link_seen(tmpl, es, tmpl_of[i], i);
		for (size_t k = 0; k < ne; k++)
			link_seen(ent, es, ents[k], i);
		if (l->event == LINES_NONE || ev_node[l->event] == LINES_NONE)
			continue;
		edge_add(es, i, ev_node[l->event]);
		if (l->in_trace && last_frame != LINES_NONE &&
		    c->lines[last_frame].event == l->event)
			edge_add(es, last_frame, i);
		if (l->in_trace)
			last_frame = i;
	}
out:
	free(tmpl);
	free(ent);
}

static struct lsg_error *to_csr(struct edges *es, struct linegraph *g)
{
	uint64_t *tmp = malloc((es->n ? es->n : 1) * sizeof(*tmp));
	size_t k = 0;

	g->off = calloc(g->n + 1, sizeof(*g->off));
	g->nb = malloc((es->n ? es->n : 1) * sizeof(*g->nb));
	if (!tmp || !g->off || !g->nb) {
		free(tmp);
		return &lsg_enomem;
	}
	sort_u64(es->e, es->n, tmp);
	free(tmp);
	for (size_t i = 0; i < es->n; i++) {
		if (i && es->e[i] == es->e[i - 1])
			continue;
		g->nb[k++] = (uint32_t)es->e[i];
		g->off[(es->e[i] >> 32) + 1]++;
	}
	for (size_t i = 0; i < g->n; i++)
		g->off[i + 1] += g->off[i];
	return NULL;
}

/* Which events get a node: the fatal one and the newest others. */
static size_t pick_events(const struct lines_crash *c, size_t *ev_node,
			  size_t first)
{
	size_t k = 0;

	for (size_t e = c->nevents; e-- > 0;) {
		ev_node[e] = LINES_NONE;
		if (k < LINEGRAPH_MAX_EVENTS - 1 || e == c->fatal)
			ev_node[e] = first + k++;
	}
	return k;
}

/* The words the lines gave (the first LINEGRAPH_MAX_WORDS), as a set. */
static void crash_words(struct linegraph *g)
{
	uint64_t w[LINEGRAPH_MAX_WORDS], tmp[LINEGRAPH_MAX_WORDS];
	size_t k = 0;

	for (size_t i = 0; i < g->nwords; i++)
		w[i] = g->words[i];
	sort_u64(w, g->nwords, tmp);
	for (size_t i = 0; i < g->nwords; i++)
		if (!k || w[i] != g->words[k - 1])
			g->words[k++] = (uint32_t)w[i];
	g->nwords = k;
}

enum flag { F_EVENT, F_FATAL, F_ERR, F_TRACE, F_BEFORE, F_NEAR };

/* Time scale of "close before the fatal event": a fault seconds before
 * it is likelier its cause than one minutes before. */
static const double NEAR_S = 20;

static void extra(float *x, const char *text, const char *mca, int type,
		  const float *flags)
{
	unsigned bits = vocab_match(text, mca);

	for (int k = 0; k < VOCAB_COUNT; k++)
		x[k] = (float)(bits >> k & 1);
	if (type >= 0)
		x[VOCAB_COUNT + type] = 1;
	for (int f = 0; f < LINEGRAPH_FLAGS; f++)
		x[VOCAB_COUNT + OOPS_TYPE_COUNT + f] = flags[f];
}

/* exp(-dt / NEAR_S) for a line printed dt seconds before the fatal one. */
static float nearness(const struct lines_line *l, uint64_t fatal_ts)
{
	double dt;

	if (fatal_ts == UINT64_MAX || l->ts_nsec == UINT64_MAX ||
	    l->ts_nsec > fatal_ts)
		return 0;
	dt = (double)(fatal_ts - l->ts_nsec) / 1e9;
	return (float)exp(-dt / NEAR_S);
}

static uint64_t fatal_ts(const struct lines_crash *c)
{
	if (c->fatal == LINES_NONE)
		return UINT64_MAX;
	for (size_t i = 0; i < c->nlines; i++)
		if (c->lines[i].seq == c->events[c->fatal].seq)
			return c->lines[i].ts_nsec;
	return UINT64_MAX;
}

/* Line @i's node, its words (while there is room) and its template. */
static void line_node(const struct lines_line *l, size_t i,
		      const struct embed *e, const float *flags,
		      struct linegraph *g, uint32_t *tmpl)
{
	uint32_t tok[EMBED_MAX_TOKENS];
	float *x = g->x + i * g->dim;
	size_t nt = embed_line(e, l->text, l->mca, x, tok);
	size_t room = LINEGRAPH_MAX_WORDS - g->nwords;
	size_t nw = nt < room ? nt : room;

	extra(x + g->edim, l->text, l->mca, -1, flags);
	memcpy(g->words + g->nwords, tok, nw * sizeof(*tok));
	g->nwords += nw;
	*tmpl = template_of(l, tok, nt);
	g->line_of[i] = i;
	for (size_t k = 0; k < g->edim; k++)
		g->mean[k] += x[k];
}

/* @tmpl_of gets each line's template_of(). */
static void features(const struct lines_crash *c, const struct embed *e,
		     const size_t *ev_node, struct linegraph *g,
		     uint32_t *tmpl_of)
{
	uint64_t fatal_seq = c->fatal != LINES_NONE ?
			     c->events[c->fatal].seq : UINT64_MAX;
	uint64_t fts = fatal_ts(c);
	double s = 0;

	for (size_t i = 0; i < c->nlines; i++) {
		const struct lines_line *l = &c->lines[i];
		float flags[LINEGRAPH_FLAGS] = {
			[F_ERR] = l->level <= 3, [F_TRACE] = l->in_trace,
			[F_BEFORE] = l->seq < fatal_seq,
			[F_NEAR] = nearness(l, fts) };

		line_node(l, i, e, flags, g, &tmpl_of[i]);
	}
	for (size_t ev = 0; ev < c->nevents; ev++) {
		const struct lines_event *v = &c->events[ev];
		float flags[LINEGRAPH_FLAGS] = {
			[F_EVENT] = 1, [F_FATAL] = (float)v->fatal,
			[F_BEFORE] = v->seq < fatal_seq };
		float *x;

		if (ev_node[ev] == LINES_NONE)
			continue;
		x = g->x + ev_node[ev] * g->dim;
		embed_line(e, v->title, NULL, x, NULL);
		extra(x + g->edim, v->title, NULL, (int)v->type, flags);
		g->line_of[ev_node[ev]] = LINES_NONE;
	}
	for (size_t k = 0; k < g->edim; k++)
		s += (double)g->mean[k] * g->mean[k];
	for (size_t k = 0; s > 0 && k < g->edim; k++)
		g->mean[k] /= (float)__builtin_sqrt(s);
}

struct lsg_error *linegraph_build(const struct lines_crash *c,
				  const struct embed *e,
				  struct linegraph *ret)
{
	struct linegraph g = { .nlines = c->nlines, .edim = embed_dim(e),
			       .dim = embed_dim(e) + LINEGRAPH_EXTRA };
	size_t *ev_node = calloc(c->nevents + 1, sizeof(*ev_node));
	uint32_t *tmpl_of = malloc((c->nlines ? c->nlines : 1) *
				   sizeof(*tmpl_of));
	struct edges es = { 0 };
	struct lsg_error *err = &lsg_enomem;

	if (!ev_node || !tmpl_of)
		goto out;
	g.n = c->nlines + pick_events(c, ev_node, c->nlines);
	g.x = calloc((g.n ? g.n : 1) * g.dim, sizeof(*g.x));
	g.mean = calloc(g.edim, sizeof(*g.mean));
	g.words = malloc(LINEGRAPH_MAX_WORDS * sizeof(*g.words));
	g.line_of = malloc((g.n ? g.n : 1) * sizeof(*g.line_of));
	if (!g.x || !g.mean || !g.words || !g.line_of)
		goto out;
	features(c, e, ev_node, &g, tmpl_of);
	crash_words(&g);
	line_edges(c, ev_node, tmpl_of, &es);
	for (size_t ev = 1; ev < c->nevents; ev++)
		if (ev_node[ev] != LINES_NONE && ev_node[ev - 1] != LINES_NONE)
			edge_add(&es, ev_node[ev - 1], ev_node[ev]);
	err = es.failed ? &lsg_enomem : to_csr(&es, &g);
out:
	free(ev_node);
	free(tmpl_of);
	free(es.e);
	if (err) {
		linegraph_deinit(&g);
		return err;
	}
	*ret = g;
	return NULL;
}

void linegraph_deinit(struct linegraph *g)
{
	free(g->off);
	free(g->nb);
	free(g->x);
	free(g->mean);
	free(g->words);
	free(g->line_of);
	memset(g, 0, sizeof(*g));
}

double linegraph_cooccur(const uint32_t *a, size_t na, const uint32_t *b,
			 size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return na + nb ? (double)both / (double)(na + nb - both) : 0;
}
