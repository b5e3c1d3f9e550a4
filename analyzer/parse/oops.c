/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The oops context (compiled rules), the result arena, the line table a
 * parse works on, and the report builder: which lines after a crash
 * header syzkaller would take as that crash's report.
 */
#include <stdlib.h>
#include <string.h>

#include "oops_internal.h"
#include "textlog.h"

/* Context ------------------------------------------------------------- */

/* An ERE source found in the rules, before compiling. */
struct re_src {
	const char *src;
	int icase;
};

static int cmp_re_src(const void *a, const void *b)
{
	const struct re_src *x = a, *y = b;

	return x->src < y->src ? -1 : x->src > y->src;
}

/* Collect the EREs of one pattern list (@n entries or until empty). */
static void collect_pats(const struct oops_pat *p, size_t n,
			 struct re_src *out, size_t *nout)
{
	for (size_t i = 0; i < n && !oops_pat_empty(&p[i]); i++) {
		if (!p[i].re)
			continue;
		if (out) {
			out[*nout].src = p[i].re;
			out[*nout].icase = !!(p[i].flags & PAT_ICASE);
		}
		(*nout)++;
	}
}

static void collect_group(const struct oops_group *g, struct re_src *out,
			  size_t *nout)
{
	if (g->suppress)
		collect_pats(g->suppress, SIZE_MAX, out, nout);
	for (size_t f = 0; f < g->nfmts; f++) {
		const struct oops_fmt *fmt = &g->fmts[f];

		collect_pats(fmt->title, OOPS_MAX_STEPS, out, nout);
		collect_pats(fmt->report, OOPS_MAX_STEPS, out, nout);
		if (!fmt->stack)
			continue;
		collect_pats(fmt->stack->parts, OOPS_MAX_PARTS, out, nout);
		collect_pats(fmt->stack->parts2, OOPS_MAX_PARTS, out, nout);
	}
}

/* Skip a bracket expression starting at @p ('['); returns its ']'. */
static const char *skip_bracket(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']')
		p++;
	return *p ? p : p - 1;
}

/*
 * The literal every match of @src must contain, if the ERE starts with
 * one: a quick memmem() before regexec() on every line.
 */
static void re_prefix(const char *src, char *out, size_t size)
{
	static const char special[] = ".[]()*+?{}|^$\\";
	const char *p;
	size_t n = 0;
	int depth = 0;

	out[0] = '\0';
	for (p = src; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '[')
			p = skip_bracket(p);
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && !depth)
			return;
	}
	p = src + (*src == '^');
	for (; *p && !strchr(special, *p) && n + 1 < size; p++)
		out[n++] = *p;
	if ((*p == '*' || *p == '?' || *p == '{') && n)
		n--;
	out[n] = '\0';
}

/* Keep the run [@run, @end) of ERE @src in @out if it is the longest. */
static void keep_run(const char *src, const char *run, const char *end,
		     char *out, size_t size)
{
	size_t n = run && end > run ? (size_t)(end - run) : 0;

	/* The run the ERE starts with is its prefix, looked for already. */
	if (!n || run == src || (run == src + 1 && *src == '^') ||
	    n >= size || n <= strlen(out))
		return;
	memcpy(out, run, n);
	out[n] = '\0';
}

/*
 * The longest literal past the start that every match of @src holds: a
 * run of plain bytes at the top level, outside groups and brackets, less
 * a last byte a quantifier takes.  "" if there is none, as with an
 * alternation at the top level.  A memmem() for it spares most
 * regexec() calls on lines that do not match.
 */
static void re_required(const char *src, char *out, size_t size)
{
	const char *run = NULL, *p;
	int depth = 0;

	out[0] = '\0';
	for (p = src; *p; p++) {
		if (!depth && !strchr(".[]()*+?{}|^$\\", *p)) {
			run = run ? run : p;
			continue;
		}
		if (*p == '|' && !depth) {
			out[0] = '\0';
			return;
		}
		keep_run(src, run, strchr("*+?{", *p) ? p - 1 : p, out, size);
		run = NULL;
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '[')
			p = skip_bracket(p);
		else if (*p == '{')
			while (*p != '}' && p[1])
				p++;
		else if (*p == '(' || *p == ')')
			depth += *p == '(' ? 1 : -1;
	}
	keep_run(src, run, p, out, size);
}

/* Every ERE once, sorted by the address of its source string. */
static struct lsg_error *compile_res(struct oops_ctx *ctx)
{
	struct lsg_error *err = NULL;
	struct re_src *srcs;
	size_t n = 0;

	for (size_t g = 0; g < ctx->ngroups; g++)
		collect_group(&ctx->groups[g], NULL, &n);
	srcs = calloc(n ? n : 1, sizeof(*srcs));
	ctx->res = calloc(n ? n : 1, sizeof(*ctx->res));
	if (!srcs || !ctx->res) {
		free(srcs);
		return &lsg_enomem;
	}
	n = 0;
	for (size_t g = 0; g < ctx->ngroups; g++)
		collect_group(&ctx->groups[g], srcs, &n);
	qsort(srcs, n, sizeof(*srcs), cmp_re_src);
	for (size_t i = 0; i < n && !err; i++) {
		struct oops_re *r = &ctx->res[ctx->nres];
		int rc;

		if (ctx->nres && r[-1].src == srcs[i].src)
			continue;
		r->src = srcs[i].src;
		if (!srcs[i].icase) {
			re_prefix(r->src, r->prefix, sizeof(r->prefix));
			re_required(r->src, r->required,
				    sizeof(r->required));
		}
		r->rest = r->prefix[0] && r->src[0] != '^' &&
			  !strcmp(r->src + strlen(r->prefix), "(.*)");
		rc = regcomp(&r->re, r->src,
			     REG_EXTENDED | (srcs[i].icase ? REG_ICASE : 0));
		if (rc)
			err = lsg_error_create(LSG_ERR_LIB,
					       "regcomp(\"%s\") failed: %d",
					       r->src, rc);
		else
			ctx->nres++;
	}
	free(srcs);
	return err;
}

/* The pair of bytes @a @b as line_scan() loads it. */
static uint16_t pair_of(unsigned char a, unsigned char b)
{
	const unsigned char two[2] = { a, b };
	uint16_t pair;

	memcpy(&pair, two, 2);
	return pair;
}

/*
 * The pairs line_scan() finds needle @nd by: its first two bytes, where
 * it starts on an even offset of the line, and its bytes 1 and 2, where
 * it starts on an odd one.  A needle of two bytes at an odd offset ends
 * where the pair starts: every pair starting with its byte 1.  @out NULL:
 * only count them.
 */
static size_t needle_cands(const struct oops_needle *nd, struct oops_cand *out)
{
	const unsigned char *u = (const unsigned char *)nd->s;
	struct oops_cand c = {
		.s = nd->s,
		.len = (uint16_t)strlen(nd->s),
		.groups = nd->group >= 0 ? (uint64_t)1 << nd->group : 0,
		.flags = nd->group >= 0 ? 0 : nd->flag,
	};
	size_t k = 0;

	/* Every needle has at least two bytes. */
	if (!out)
		return c.len > 2 ? 2 : 257;
	c.pair = pair_of(u[0], u[1]);
	out[k++] = c;
	c.off = 1;
	if (c.len > 2) {
		c.pair = pair_of(u[1], u[2]);
		out[k++] = c;
		return k;
	}
	for (unsigned b = 0; b < 256; b++) {
		c.pair = pair_of(u[1], (unsigned char)b);
		out[k++] = c;
	}
	return k;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct oops_cand *x = a, *y = b;

	if (x->pair != y->pair)
		return x->pair < y->pair ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return (int)x->off - (int)y->off;
}

static void bit_set(uint8_t *set, unsigned b)
{
	set[b / 8] |= (uint8_t)(1u << b % 8);
}

/* The bytes next to the pair of candidate @c that its needle needs. */
static void filter_add(struct oops_pairf *f, const struct oops_cand *c)
{
	const unsigned char *u = (const unsigned char *)c->s;

	if (c->off) {
		bit_set(f->before, u[0]);
	} else if (c->len > 2) {
		bit_set(f->after, u[2]);
	} else {
		/* The line's NUL may follow a needle at its end. */
		memset(f->after, 0xff, sizeof(f->after));
	}
}

/*
 * The candidates of @n needles, grouped by pair, and for each pair its
 * filter, indexed by ctx->pairs.
 */
static struct lsg_error *build_cands(struct oops_ctx *ctx,
				     const struct oops_needle *nd, size_t n)
{
	size_t nc = 0, nf = 0;

	for (size_t i = 0; i < n; i++)
		nc += needle_cands(&nd[i], NULL);
	if (nc >= UINT16_MAX)
		return lsg_error_create(LSG_ERR_LIB, "%zu needle pairs", nc);
	ctx->cands = calloc(nc, sizeof(*ctx->cands));
	ctx->filters = calloc(nc, sizeof(*ctx->filters));
	if (!ctx->cands || !ctx->filters)
		return &lsg_enomem;
	nc = 0;
	for (size_t i = 0; i < n; i++)
		nc += needle_cands(&nd[i], ctx->cands + nc);
	qsort(ctx->cands, nc, sizeof(*ctx->cands), cmp_cand);
	for (size_t i = 0; i < nc; i++) {
		struct oops_cand *c = &ctx->cands[i];

		if (!i || c[-1].pair != c->pair) {
			ctx->filters[nf].cand = (uint16_t)i;
			ctx->pairs[c->pair] = (uint16_t)++nf;
		}
		filter_add(&ctx->filters[nf - 1], c);
		c->last = i + 1 == nc || c[1].pair != c->pair;
	}
	return NULL;
}

/* The needles are the group headers and the flag needles. */
static struct lsg_error *build_needles(struct oops_ctx *ctx)
{
	size_t nflags, n;
	const struct oops_needle *flags = oops_rules_needles(&nflags);
	struct oops_needle *all;
	struct lsg_error *err;

	n = ctx->ngroups + nflags;
	all = calloc(n, sizeof(*all));
	if (!all)
		return &lsg_enomem;
	for (size_t g = 0; g < ctx->ngroups; g++) {
		all[g].s = ctx->groups[g].header;
		all[g].group = (int)g;
	}
	memcpy(all + ctx->ngroups, flags, nflags * sizeof(*flags));
	err = build_cands(ctx, all, n);
	free(all);
	return err;
}

struct lsg_error *oops_ctx_create(struct oops_ctx **ret)
{
	struct oops_ctx *ctx = calloc(1, sizeof(*ctx));
	struct lsg_error *err;

	if (!ctx)
		return &lsg_enomem;
	ctx->groups = oops_rules_groups(&ctx->ngroups, &ctx->nsyz);
	if (oops_globset_init(&ctx->skip_common, oops_skip_common) ||
	    oops_globset_init(&ctx->stall_anchors, oops_stall_anchors) ||
	    oops_globset_init(&ctx->guilty_ignores, oops_guilty_ignores)) {
		oops_ctx_destroy(ctx);
		return &lsg_enomem;
	}
	err = compile_res(ctx);
	if (!err)
		err = build_needles(ctx);
	if (err) {
		oops_ctx_destroy(ctx);
		return lsg_error_wrap(err, "oops rules");
	}
	*ret = ctx;
	return NULL;
}

void oops_ctx_destroy(struct oops_ctx *ctx)
{
	if (!ctx)
		return;
	oops_globset_deinit(&ctx->skip_common);
	oops_globset_deinit(&ctx->stall_anchors);
	oops_globset_deinit(&ctx->guilty_ignores);
	for (size_t i = 0; i < ctx->nres; i++)
		regfree(&ctx->res[i].re);
	free(ctx->res);
	free(ctx->cands);
	free(ctx->filters);
	free(ctx);
}

/* Arena --------------------------------------------------------------- */

struct oops_chunk {
	struct oops_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

enum { CHUNK_MIN = 16384 };

void *oops_arena_alloc(struct oops_arena *a, size_t size)
{
	struct oops_chunk *c = a->head;
	void *p;

	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (!c || c->cap - c->used < size) {
		size_t cap = size > CHUNK_MIN ? size : CHUNK_MIN;

		if (a->total + cap > OOPS_ARENA_MAX)
			return NULL;
		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
		a->total += cap;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

const char *oops_arena_str(struct oops_arena *a, const char *s, size_t n)
{
	char *p = oops_arena_alloc(a, n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void oops_arena_free(struct oops_arena *a)
{
	while (a->head) {
		struct oops_chunk *next = a->head->next;

		free(a->head);
		a->head = next;
	}
	a->total = 0;
}

/* Line table ------------------------------------------------------------ */

/* The bytes of record @i, or an empty string if they lie outside. */
static const char *rec_text(const struct lsg_log *log, size_t i,
			    size_t *len)
{
	const struct lsg_record *r = &log->recs[i];

	if ((size_t)r->text_off > log->text_used ||
	    r->text_len > log->text_used - r->text_off) {
		*len = 0;
		return "";
	}
	*len = r->text_len;
	return log->text + r->text_off;
}

/* The bytes the lines' copies take: each record's, and a NUL. */
static size_t text_bytes(const struct lsg_log *log)
{
	size_t bytes = 0;

	for (size_t i = 0; i < log->nrecs; i++) {
		size_t len;

		rec_text(log, i, &len);
		bytes += len + 1;
	}
	return bytes;
}

/* Room for one more line: a record seldom holds more than one. */
static int lines_reserve(struct oops_parser *ps, size_t *cap)
{
	struct oops_line *p;
	size_t n;

	if (ps->nlines < *cap)
		return 0;
	n = *cap ? 2 * *cap : ps->log->nrecs + 64;
	p = realloc(ps->lines, n * sizeof(*p));
	if (!p)
		return -1;
	ps->lines = p;
	*cap = n;
	return 0;
}

/* The context of a line: its record's, or its console prefix's. */
static uint8_t line_ctx(const struct lsg_record *r)
{
	if (r->has_caller)
		return r->caller_id & LSG_CALLER_CPU ? LINE_CPU : LINE_TASK;
	return r->ts_nsec == TEXTLOG_TS_NONE ? LINE_NONE : LINE_CONSOLE;
}

/* syzkaller drops " ? frame" and "... (unreliable)" lines of a console. */
static uint8_t line_questionable(const struct oops_line *l)
{
	static const char unrel[] = " (unreliable)";
	const size_t un = sizeof(unrel) - 1;

	if (l->ctx == LINE_NONE || (l->flags & LF_EOI))
		return 0;
	if (l->flags & LF_QMARK)
		return 1;
	return l->len >= un && l->s[l->len - 1] == ')' &&
	       !memcmp(l->s + l->len - un, unrel, un);
}

/* The pair of bytes at @s, a table index. */
static unsigned pair_at(const unsigned char *s)
{
	uint16_t two;

	memcpy(&two, s, 2);
	return two;
}

/* Is the candidate's needle at @s, a line's bytes up to @end? */
static int cand_is_at(const struct oops_cand *c, const unsigned char *s,
		      const unsigned char *end)
{
	if ((size_t)(end - s) < c->len)
		return 0;
	for (size_t j = 0; j < c->len; j++)
		if (s[j] != (unsigned char)c->s[j])
			return 0;
	return 1;
}

static int bit_test(const uint8_t *set, unsigned char b)
{
	return set[b / 8] >> b % 8 & 1;
}

/*
 * May a needle hold the pair at @s[@i] whose filter is @f?  The bytes on
 * either side of a pair reject nearly every one the table lets through.
 */
static inline int pair_kept(const struct oops_pairf *f,
			    const unsigned char *s, size_t n, size_t i)
{
	return (i && bit_test(f->before, s[i - 1])) ||
	       (i + 2 <= n && bit_test(f->after, s[i + 2]));
}

/*
 * The needles at the pair at @s[@i] whose filter is @f: group bits
 * returned, line flags into @flags.
 */
static uint64_t needles_at(const struct oops_ctx *ctx,
			   const struct oops_pairf *f, const unsigned char *s,
			   size_t n, size_t i, uint32_t *flags)
{
	const struct oops_cand *c = &ctx->cands[f->cand];
	uint64_t groups = 0;

	for (;; c++) {
		if (c->off <= i && cand_is_at(c, s + i - c->off, s + n)) {
			groups |= c->groups;
			*flags |= c->flags;
		}
		if (c->last)
			return groups;
	}
}

/*
 * Which needles occur in the line: group bits and line flags.  One pair
 * of bytes in two is looked up (see needle_cands()), two pairs a test;
 * on an odd length the last pair ends with the line's NUL.
 */
static uint64_t line_scan(const struct oops_ctx *ctx, struct oops_line *l)
{
	const unsigned char *s = (const unsigned char *)l->s;
	const uint16_t *pairs = ctx->pairs;
	const struct oops_pairf *f = ctx->filters;
	size_t n = l->len, i;
	uint64_t groups = 0;
	uint32_t flags = 0;
	unsigned a, b;

	/* The table rejects nearly every pair. */
	for (i = 0; i + 2 < n; i += 4) {
		a = pairs[pair_at(s + i)];
		b = pairs[pair_at(s + i + 2)];
		if (!(a | b))
			continue;
		if (a && pair_kept(&f[a - 1], s, n, i))
			groups |= needles_at(ctx, &f[a - 1], s, n, i, &flags);
		if (b && pair_kept(&f[b - 1], s, n, i + 2))
			groups |= needles_at(ctx, &f[b - 1], s, n, i + 2,
					     &flags);
	}
	a = i < n ? pairs[pair_at(s + i)] : 0;
	if (a && pair_kept(&f[a - 1], s, n, i))
		groups |= needles_at(ctx, &f[a - 1], s, n, i, &flags);
	l->flags |= flags;
	return groups;
}

static int suppressed(const struct oops_ctx *ctx, const struct oops_group *g,
		      const struct oops_line *l)
{
	struct oops_match m;

	for (const struct oops_pat *p = g->suppress; p && !oops_pat_empty(p);
	     p++)
		if (oops_pat_match(ctx, p, l->s, l->len, &m))
			return 1;
	return 0;
}

/* logsage's groups need one of their titles on the header line itself. */
static int ext_titled(const struct oops_ctx *ctx, const struct oops_group *g,
		      const struct oops_line *l)
{
	struct oops_match m;

	for (size_t f = 0; f < g->nfmts; f++)
		if (oops_pat_match(ctx, &g->fmts[f].title[0], l->s, l->len, &m))
			return 1;
	return 0;
}

static void line_classify(const struct oops_ctx *ctx, struct oops_line *l)
{
	uint64_t groups = line_scan(ctx, l);

	l->groups = groups;
	l->group = -1;
	l->ext = -1;
	for (size_t g = 0; groups && g < ctx->ngroups; g++) {
		const struct oops_group *grp = &ctx->groups[g];

		if (!(groups & ((uint64_t)1 << g)) || suppressed(ctx, grp, l))
			continue;
		if (g < ctx->nsyz && l->group < 0)
			l->group = (int16_t)g;
		else if (g >= ctx->nsyz && l->ext < 0 &&
			 ext_titled(ctx, grp, l))
			l->ext = (int16_t)g;
	}
}

/*
 * Copy one line: NUL bytes become 0x01 so the copy is a C string.  A
 * pre-3.5 log keeps "<6>[  1.000000] " in its text: that prefix is the
 * line's context, as in a console capture.
 */
static void line_add(struct oops_parser *ps, const char *t, size_t len,
		     size_t rec, char **w)
{
	const struct lsg_record *r = &ps->log->recs[rec];
	struct oops_line *l = &ps->lines[ps->nlines++];
	struct lsg_record prefixed;
	char *start = *w;

	if (ps->log->raw_text) {
		size_t skip = textlog_prefix(t, len, &prefixed);

		t += skip;
		len -= skip;
		r = &prefixed;
	}

	/* The console never prints more; longer records are not crash text. */
	if (len > OOPS_MAX_LINE)
		len = OOPS_MAX_LINE;
	memcpy(start, t, len);
	for (char *z = start; (z = memchr(z, '\0', len - (size_t)(z - start)));)
		*z++ = 1;
	start[len] = '\0';
	memset(l, 0, sizeof(*l));
	l->s = start;
	l->len = (uint32_t)len;
	l->rec = (uint32_t)rec;
	l->caller = r->has_caller ? r->caller_id : 0;
	l->ctx = line_ctx(r);
	line_classify(ps->ctx, l);
	l->questionable = line_questionable(l);
	ps->all_flags |= l->flags;
	*w += len + 1;
}

struct lsg_error *oops_lines_build(struct oops_parser *ps)
{
	size_t bytes = text_bytes(ps->log), cap = 0;
	char *w;

	/* The table is there even for an empty log. */
	ps->buf = malloc(bytes ? bytes : 1);
	if (!ps->buf || lines_reserve(ps, &cap))
		return &lsg_enomem;
	w = ps->buf;
	for (size_t i = 0; i < ps->log->nrecs; i++) {
		size_t len;
		const char *t = rec_text(ps->log, i, &len), *end = t + len;

		for (;;) {
			const char *nl = memchr(t, '\n', (size_t)(end - t));

			if (lines_reserve(ps, &cap))
				return &lsg_enomem;
			if (!nl || nl + 1 == end) {
				line_add(ps, t, (size_t)((nl ? nl : end) - t),
					 i, &w);
				break;
			}
			line_add(ps, t, (size_t)(nl - t), i, &w);
			t = nl + 1;
		}
	}
	/* A header whose printk is replayed on the next line starts nothing. */
	for (size_t i = 0; i + 1 < ps->nlines; i++) {
		if (ps->lines[i + 1].flags & LF_REPLAY) {
			ps->lines[i].group = -1;
			ps->lines[i].ext = -1;
		}
	}
	return NULL;
}

/* Reports ----------------------------------------------------------------- */

int oops_same_ctx(const struct oops_line *a, const struct oops_line *b)
{
	return a->ctx == b->ctx &&
	       (a->ctx < LINE_TASK || a->caller == b->caller);
}

static int rep_push(struct oops_report *rep, const struct oops_line *l,
		    size_t idx)
{
	if (rep->n == rep->cap) {
		size_t cap = rep->cap ? 2 * rep->cap : 256;
		struct oops_rline *p = realloc(rep->l, cap * sizeof(*p));

		if (!p)
			return -1;
		rep->l = p;
		rep->cap = cap;
	}
	rep->l[rep->n].s = l->s;
	rep->l[rep->n].len = l->len;
	rep->l[rep->n].line = (uint32_t)idx;
	rep->n++;
	return 0;
}

/* State of one pass over the lines after a crash header. */
struct rep_walk {
	const struct oops_line *head;
	unsigned min_lines;	/* report lines before a panic may be cut */
	size_t second;		/* where the next report starts, or 0 */
	size_t text_lines;
	int skip_text;
	int cpu_backtrace;
};

/* Is line @i part of the report, and does it end the title part? */
static int rep_take(struct rep_walk *w, const struct oops_line *l, size_t i,
		    size_t start)
{
	int is_head = i == start, skip;

	if (!is_head && !w->second &&
	    ((l->flags & LF_INFO_STACK) ||
	     (l->group >= 0 && !(l->flags & LF_START_IGNORE))))
		w->second = i;
	if (!is_head && (l->questionable ||
			 (!oops_same_ctx(l, w->head) &&
			  !(w->cpu_backtrace && l->ctx == LINE_CPU))))
		return 0;
	w->text_lines++;
	skip = w->skip_text;
	if (l->flags & LF_NO_LOCKDEP) {
		skip = 1;
	} else if (l->flags & LF_NMI_BT) {
		w->cpu_backtrace = 1;
	} else if ((l->flags & (LF_PANIC | LF_CIRCULAR)) &&
		   w->text_lines > w->min_lines) {
		/* The panic (or lockdep noise) after enough of the report. */
		w->skip_text = 1;
		skip = 1;
	}
	return is_head || !skip;
}

struct lsg_error *oops_report_build(const struct oops_parser *ps,
				    size_t start, size_t limit,
				    struct oops_report *rep)
{
	struct rep_walk w = { .head = &ps->lines[start] };
	int by_caller = w.head->ctx >= LINE_TASK;

	w.min_lines = (w.head->flags & LF_KMSAN) ? 16 : 22;
	rep->lines = ps->lines;
	rep->n = rep->n_title = 0;
	if (limit > ps->nlines)
		limit = ps->nlines;
	if (limit - start > OOPS_MAX_SCAN)
		limit = start + OOPS_MAX_SCAN;
	for (size_t i = start; i < limit; i++) {
		if (!rep_take(&w, &ps->lines[i], i, start))
			continue;
		if (rep_push(rep, &ps->lines[i], i))
			return &lsg_enomem;
		if (!w.second || by_caller)
			rep->n_title = rep->n;
	}
	return NULL;
}

/*
 * Every line of the crash's context from its header on, none skipped: the
 * text a guilty file is looked for in.  syzkaller's report drops what
 * follows a late panic line, but its guilty file test reads the whole
 * report, and so do we.
 */
struct lsg_error *oops_context_lines(const struct oops_parser *ps,
				     size_t start, size_t limit,
				     struct oops_report *rep)
{
	const struct oops_line *head = &ps->lines[start];
	int cpu_backtrace = 0;

	rep->lines = ps->lines;
	rep->n = rep->n_title = 0;
	if (limit > ps->nlines)
		limit = ps->nlines;
	if (limit - start > OOPS_MAX_SCAN)
		limit = start + OOPS_MAX_SCAN;
	for (size_t i = start; i < limit; i++) {
		const struct oops_line *l = &ps->lines[i];

		if (i != start && !oops_same_ctx(l, head) &&
		    !(cpu_backtrace && l->ctx == LINE_CPU))
			continue;
		cpu_backtrace |= !!(l->flags & LF_NMI_BT);
		if (rep_push(rep, l, i))
			return &lsg_enomem;
	}
	rep->n_title = rep->n;
	return NULL;
}
