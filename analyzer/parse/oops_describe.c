/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From a report (the lines of one crash) to a title: find the format whose
 * title pattern occurs first, check its report pattern, pick the frames
 * its stack format asks for and fill its title template.  Then decide, as
 * syzkaller's test does, whether the report is corrupted.
 */
#include <stdio.h>
#include <string.h>

#include "oops_internal.h"

/* A position in a report. */
struct rpos {
	size_t line;
	size_t col;
};

static int rpos_cmp(struct rpos a, struct rpos b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return a.col < b.col ? -1 : a.col > b.col;
}

static const struct oops_line *rep_line(const struct oops_report *rep,
					size_t i)
{
	return &rep->lines[rep->l[i].line];
}

/*
 * First match of @p at or after @from, on lines before @lim; only on
 * lines where the header of group @g was seen, unless @g is negative.
 */
static int find_pat(const struct oops_ctx *ctx, const struct oops_pat *p,
		    const struct oops_report *rep, struct rpos from, size_t lim,
		    int g, struct rpos *at, struct oops_match *m)
{
	for (size_t l = from.line; l < lim; l++) {
		size_t off = l == from.line ? from.col : 0;
		const struct oops_rline *rl = &rep->l[l];

		if (g >= 0 && !(rep_line(rep, l)->groups & ((uint64_t)1 << g)))
			continue;

		if ((p->flags & PAT_FIRST_LINE) && (l || off))
			return 0;
		if (oops_pat_match(ctx, p, rl->s + off, rl->len - off, m)) {
			at->line = l;
			at->col = off + m->col;
			return 1;
		}
	}
	return 0;
}

/*
 * Steps on successive lines; the captures of all steps in *@caps.  Every
 * first step of a format contains its group's header @g.
 */
static int find_seq(const struct oops_ctx *ctx, const struct oops_pat *steps,
		    const struct oops_report *rep, size_t lim, int g,
		    struct rpos *at, struct oops_match *caps)
{
	struct rpos from = { 0, 0 }, pos;
	struct oops_match m;

	caps->ncaps = 0;
	for (int i = 0; i < OOPS_MAX_STEPS && !oops_pat_empty(&steps[i]);
	     i++) {
		if (!find_pat(ctx, &steps[i], rep, from, lim, i ? -1 : g, &pos,
			      &m))
			return 0;
		if (!i)
			*at = pos;
		for (unsigned c = 0; c < m.ncaps && caps->ncaps < OOPS_MAX_CAPS;
		     c++)
			caps->caps[caps->ncaps++] = m.caps[c];
		from.line = pos.line + 1;
		from.col = 0;
	}
	return 1;
}

/*
 * Frames collected for one stack, before the extractor picks one.  Skip
 * globs are only tried on the frames an extractor looks at.
 */
struct raw_frames {
	struct {
		const char *s;
		size_t len;
	} f[OOPS_MAX_FRAMES];
	size_t n;
};

static void add_frames(const struct oops_match *m, struct raw_frames *raw)
{
	for (unsigned i = 0; i < m->ncaps && raw->n < OOPS_MAX_FRAMES; i++) {
		if (!m->caps[i].s)
			continue;
		raw->f[raw->n].s = m->caps[i].s;
		raw->f[raw->n].len = m->caps[i].len;
		raw->n++;
	}
}

/* Frame @i demangled into @buf (OOPS_NAME_MAX bytes); returns its length. */
static size_t frame_name(const struct raw_frames *raw, size_t i, char *buf)
{
	size_t len = raw->f[i].len, n;

	if (len >= OOPS_NAME_MAX)
		len = OOPS_NAME_MAX - 1;
	n = oops_demangle(raw->f[i].s, len, buf, OOPS_NAME_MAX);
	if (!n) {
		memcpy(buf, raw->f[i].s, len);
		buf[len] = '\0';
		n = len;
	}
	return n;
}

static int frame_skipped(const struct oops_ctx *ctx,
			 const struct oops_stack_fmt *sf, const char *s,
			 size_t len)
{
	return oops_globset_match(&ctx->skip_common, s, len) ||
	       oops_glob_any(sf->skip, s, len);
}

/* "__x64_sys_bpf" -> "bpf": drop the longest syscall prefix, in place. */
static void strip_prefix(char *s)
{
	size_t best = 0, len = strlen(s);

	for (const char *const *p = oops_syscall_prefixes; *p; p++) {
		size_t n = strlen(*p);

		if (n <= len && n > best && !memcmp(s, *p, n))
			best = n;
	}
	memmove(s, s + best, len - best + 1);
}

/* The next frame at or after *@i that no skip glob matches, stripped. */
static int next_kept(const struct oops_ctx *ctx,
		     const struct oops_stack_fmt *sf,
		     const struct raw_frames *raw, size_t *i, char *out)
{
	for (; *i < raw->n; (*i)++) {
		size_t n = frame_name(raw, *i, out);

		if (!frame_skipped(ctx, sf, out, n)) {
			strip_prefix(out);
			return 1;
		}
	}
	return 0;
}

static int extract_stall(const struct oops_ctx *ctx,
			 const struct oops_stack_fmt *sf,
			 const struct raw_frames *raw, char *out)
{
	char prev[OOPS_NAME_MAX], cur[OOPS_NAME_MAX];
	size_t i = 0;

	if (!next_kept(ctx, sf, raw, &i, prev))
		return 0;
	for (; next_kept(ctx, sf, raw, &i, cur); i++) {
		if (oops_globset_match(&ctx->stall_anchors, cur, strlen(cur))) {
			if (strstr(cur, "smp_call_function"))
				strcpy(prev, "smp_call_function");
			strcpy(out, prev);
			return 1;
		}
		strcpy(prev, cur);
	}
	return 0;
}

static const char *const hang_skip[] = {
	"sched", "_lock", "_slowlock", "down", "rwsem", "completion",
	"kthread", "wait", "synchronize", "context_switch", "__switch_to",
	"cancel_delayed_work", "rcu_barrier", NULL
};

/* Hangs in rtnl_lock or an RCU grace period are grouped by that wait. */
static const char *hang_anchor(const char *name)
{
	static const char *const sync[] = {
		"synchronize_rcu", "synchronize_srcu", "synchronize_net",
		"synchronize_sched", NULL
	};

	if (strstr(name, "rtnl_lock"))
		return name;
	for (const char *const *p = sync; *p; p++)
		if (strstr(name, *p))
			return "synchronize_rcu";
	return NULL;
}

static int extract_hang(const struct oops_ctx *ctx,
			const struct oops_stack_fmt *sf,
			const struct raw_frames *raw, char *out)
{
	char cur[OOPS_NAME_MAX];
	const char *a;

	for (size_t i = 0; i < raw->n; i++) {
		size_t n = frame_name(raw, i, cur);
		char tmp[OOPS_NAME_MAX];

		strcpy(tmp, cur);
		strip_prefix(tmp);
		if (!(a = hang_anchor(tmp)) || frame_skipped(ctx, sf, cur, n))
			continue;
		strcpy(out, a == tmp ? tmp : a);
		return 1;
	}
	for (size_t i = 0; next_kept(ctx, sf, raw, &i, cur); i++) {
		if (!oops_glob_any(hang_skip, cur, strlen(cur))) {
			strcpy(out, cur);
			return 1;
		}
	}
	return 0;
}

/* The title frame of one stack into @out; 0 if there is none. */
static int extract_frame(const struct oops_ctx *ctx,
			 const struct oops_stack_fmt *sf,
			 const struct raw_frames *raw, char *out)
{
	size_t i = 0;

	switch (sf->extractor) {
	case EXTRACT_STALL:
		return extract_stall(ctx, sf, raw, out);
	case EXTRACT_HANG:
		return extract_hang(ctx, sf, raw, out);
	case EXTRACT_FIRST:
		break;
	}
	return next_kept(ctx, sf, raw, &i, out);
}

/* Walks the report lines for the parts of a stack format. */
struct stack_walk {
	const struct oops_ctx *ctx;
	const struct oops_report *rep;
	const struct oops_stack_fmt *sf;
	const struct oops_pat *parts;
	size_t nparts;
	struct rpos cur;	/* next line to read */
	struct raw_frames raw;
	struct oops_frames *out;
	int ok;
};

/* The next line, or 0 at the end of the title lines. */
static int walk_next(struct stack_walk *w, const char **s, size_t *len,
		     uint32_t *flags)
{
	const struct oops_rline *rl;

	if (w->cur.line >= w->rep->n_title)
		return 0;
	rl = &w->rep->l[w->cur.line];
	*s = rl->s + w->cur.col;
	*len = rl->len - w->cur.col;
	*flags = rep_line(w->rep, w->cur.line)->flags;
	w->cur.line++;
	w->cur.col = 0;
	return 1;
}

static void walk_flush(struct stack_walk *w)
{
	char name[OOPS_NAME_MAX];

	if (!extract_frame(w->ctx, w->sf, &w->raw, name)) {
		strcpy(name, "corrupted");
		w->ok = 0;
	}
	if (w->out->n < 2)
		strcpy(w->out->names[w->out->n], name);
	w->out->n++;
	w->raw.n = 0;
}

/* Frames until the next stack starts; returns how many parts it used. */
static size_t walk_stack(struct stack_walk *w, size_t part)
{
	const char *s;
	size_t len;
	uint32_t flags;
	struct oops_match m;

	while (walk_next(w, &s, &len, &flags)) {
		if (oops_corrupted_line(s, len)) {
			w->ok = 0;
			return 1;
		}
		if ((flags & LF_STACKISH) && oops_stack_start(s, len))
			return 1;
		if (part + 1 < w->nparts &&
		    oops_pat_match(w->ctx, &w->parts[part + 1], s, len, &m)) {
			add_frames(&m, &w->raw);
			return 2;
		}
		if (oops_frame_line(s, len, &m))
			add_frames(&m, &w->raw);
	}
	return 1;
}

static void walk_line(struct stack_walk *w, const struct oops_pat *p)
{
	const char *s;
	size_t len;
	uint32_t flags;
	struct oops_match m;

	while (walk_next(w, &s, &len, &flags)) {
		if (oops_corrupted_line(s, len)) {
			w->ok = 0;
			return;
		}
		if (oops_pat_match(w->ctx, p, s, len, &m)) {
			add_frames(&m, &w->raw);
			return;
		}
	}
}

static int walk_parts(struct stack_walk *w, const struct oops_pat *parts)
{
	size_t nstacks = 0;

	w->parts = parts;
	for (w->nparts = 0; w->nparts < OOPS_MAX_PARTS &&
	     !oops_pat_empty(&parts[w->nparts]); w->nparts++)
		;
	for (size_t part = 0;;) {
		if (part == w->nparts ||
		    (parts[part].sp == SP_STACK && nstacks))
			walk_flush(w);
		if (part == w->nparts)
			break;
		if (parts[part].sp == SP_STACK) {
			nstacks++;
			part += walk_stack(w, part);
		} else {
			walk_line(w, &parts[part]);
			part++;
		}
	}
	return w->ok;
}

/* The frames a stack format names, reading from @start. */
static int extract_stack(const struct oops_ctx *ctx,
			 const struct oops_stack_fmt *sf,
			 const struct oops_report *rep, struct rpos start,
			 struct oops_frames *out)
{
	struct stack_walk w;

	/* Field by field: an initializer would zero the large frame array. */
	w.ctx = ctx;
	w.rep = rep;
	w.sf = sf;
	w.cur = start;
	w.raw.n = 0;
	w.out = out;
	w.ok = 1;
	out->n = 0;
	if (walk_parts(&w, sf->parts) || oops_pat_empty(&sf->parts2[0]))
		return w.ok;
	w.cur = start;
	w.raw.n = 0;
	w.ok = 1;
	out->n = 0;
	return walk_parts(&w, sf->parts2);
}

static void append(char *out, size_t size, size_t *o, const char *s,
		   size_t len)
{
	if (*o + len >= size)
		len = size - 1 - *o;
	memcpy(out + *o, s, len);
	*o += len;
	out[*o] = '\0';
}

/* Fill a title template: %1..%9 captures, %F and %G frames. */
static void format_title(const char *fmt, const struct oops_match *caps,
			 const struct oops_frames *fr, char *out, size_t size)
{
	size_t o = 0;

	out[0] = '\0';
	for (const char *p = fmt; *p; p++) {
		if (*p != '%' || !p[1]) {
			append(out, size, &o, p, 1);
			continue;
		}
		p++;
		if (*p >= '1' && *p <= '9') {
			unsigned i = (unsigned)(*p - '1');

			if (i < caps->ncaps && caps->caps[i].s)
				append(out, size, &o, caps->caps[i].s,
				       caps->caps[i].len);
		} else if ((*p == 'F' || *p == 'G') && fr) {
			unsigned i = *p == 'G';

			if (i < fr->n && i < 2)
				append(out, size, &o, fr->names[i],
				       strlen(fr->names[i]));
		}
	}
}

/* No format matched: the title is the header's line from the header on. */
static void header_title(const struct oops_group *g,
			 const struct oops_report *rep, struct oops_desc *d)
{
	for (size_t l = 0; l < rep->n_title; l++) {
		const struct oops_rline *rl = &rep->l[l];
		const char *h = oops_memmem(rl->s, rl->len, g->header);

		if (h) {
			size_t n = rl->len - (size_t)(h - rl->s);

			if (n >= sizeof(d->title))
				n = sizeof(d->title) - 1;
			memcpy(d->title, h, n);
			d->title[n] = '\0';
			return;
		}
	}
}

/* Try format @f; 1 when it produced a title into @d. */
static int describe_fmt(const struct oops_ctx *ctx, const struct oops_fmt *f,
			int g, const struct oops_report *rep, struct rpos start,
			struct oops_match *caps, struct oops_desc *d)
{
	struct oops_frames fr = { .n = 0 };

	if (!oops_pat_empty(&f->report[0]) &&
	    !find_seq(ctx, f->report, rep, rep->n_title, g, &start, caps))
		return 0;
	d->corrupted = NULL;
	if (f->stack && !extract_stack(ctx, f->stack, rep, start, &fr)) {
		if (f->fmt_noframe) {
			format_title(f->fmt_noframe, caps, NULL, d->title,
				     sizeof(d->title));
			d->frame[0] = '\0';
			d->fmt = f;
			return 1;
		}
		d->corrupted = "extracted no frames";
	}
	format_title(f->fmt, caps, &fr, d->title, sizeof(d->title));
	d->frame[0] = '\0';
	if (fr.n && strcmp(fr.names[0], "corrupted"))
		strcpy(d->frame, fr.names[0]);
	d->fmt = f;
	return 1;
}

void oops_describe(const struct oops_ctx *ctx, const struct oops_group *g,
		   const struct oops_report *rep, struct oops_desc *d)
{
	struct rpos best = { rep->n_title, 0 };
	int have = 0, matched = 0, gi = (int)(g - ctx->groups);

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < g->nfmts; i++) {
		const struct oops_fmt *f = &g->fmts[i];
		struct oops_match caps;
		struct rpos at;
		int c;

		if (!find_seq(ctx, f->title, rep, rep->n_title, gi, &at, &caps))
			continue;
		c = rpos_cmp(at, best);
		if (c > 0 || (!c && have))
			continue;
		if (c < 0) {
			have = 0;
			d->fmt = NULL;
			best = at;
		}
		matched = 1;
		have = describe_fmt(ctx, f, gi, rep, at, &caps, d);
	}
	if (!have) {
		d->fmt = NULL;
		d->title[0] = '\0';
		d->frame[0] = '\0';
		d->corrupted = matched ? "matched title but not report regexp"
				       : NULL;
		header_title(g, rep, d);
	}
	if (!d->corrupted && d->fmt && d->fmt->corrupted)
		d->corrupted = "report format is marked as corrupted";
}

/* "[  12.345]" in a title: a timestamp got merged into the message. */
static int title_has_timestamp(const char *t)
{
	for (const char *p = strchr(t, '['); p; p = strchr(p + 1, '[')) {
		const char *q = p + 1;
		size_t d;

		while (*q == ' ')
			q++;
		for (d = 0; q[d] >= '0' && q[d] <= '9'; d++)
			;
		if (!d || q[d] != '.')
			continue;
		q += d + 1;
		for (d = 0; q[d] >= '0' && q[d] <= '9'; d++)
			;
		if (d && q[d] == ']')
			return 1;
	}
	return 0;
}

static int has_frame_after(const struct oops_report *rep, size_t l)
{
	for (size_t i = l + 1; i < rep->n && i < l + 16; i++) {
		const struct oops_rline *rl = &rep->l[i];
		struct oops_match m;

		if ((rep_line(rep, i)->flags & LF_STACKISH) &&
		    oops_stack_start(rl->s, rl->len))
			return 0;
		if (oops_memmem(rl->s, rl->len, "(stack is not available)") ||
		    oops_frame_line(rl->s, rl->len, &m))
			return 1;
	}
	return 0;
}

const char oops_no_stack[] = "no stack trace in report";

const char *oops_check_corrupted(const struct oops_desc *d,
				 const struct oops_report *rep)
{
	size_t first[SS_NKINDS];
	int has_stack = 0;

	if (title_has_timestamp(d->title))
		return "title matches corrupted regexp";
	if (!d->fmt || d->fmt->no_stack_trace)
		return NULL;
	for (unsigned k = 0; k < SS_NKINDS; k++)
		first[k] = SIZE_MAX;
	for (size_t i = 0; i < rep->n; i++) {
		const struct oops_rline *rl = &rep->l[i];
		unsigned mask;

		if (!(rep_line(rep, i)->flags & LF_STACKISH))
			continue;
		mask = oops_stack_start(rl->s, rl->len);
		for (unsigned k = 0; k < SS_NKINDS; k++)
			if ((mask & (1u << k)) && first[k] == SIZE_MAX)
				first[k] = i;
	}
	for (unsigned k = 0; k < SS_NKINDS; k++) {
		if (first[k] == SIZE_MAX)
			continue;
		/* syzkaller counts the lines after the match, plus one. */
		if (rep->n - first[k] + 1 < 4)
			return "call trace is missed";
		if (has_frame_after(rep, first[k]))
			has_stack = 1;
		else if (1u << k != SS_RISCV)
			return "no frames in a stack trace";
	}
	return has_stack ? NULL : oops_no_stack;
}
