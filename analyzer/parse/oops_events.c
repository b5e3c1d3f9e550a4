/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * oops_parse(): split the log into events, title each one, pick the
 * syzkaller title of the log and the fatal event, and hand back a result
 * that owns all its memory.
 *
 * Events: a line with a syzkaller crash header starts an event, unless it
 * is a consequence line ("Kernel panic - not syncing", "invalid opcode"
 * after "kernel BUG at"...) close enough to the previous event, which it
 * then joins.  logsage's own headers (OOM kill, machine check, hard
 * lockup, sysrq) start events too, and their follow-up lines join them.
 *
 * A panic line ends the last event of its context when its reason is
 * that event's consequence (oops_rules_panic()), else it starts an event.
 * The fatal event holds the first panic; without one (kdump runs before
 * panic() for an oops in most cases) it is the last event that died,
 * i.e. printed an "[#N]" oops counter.
 */
#include <stdlib.h>
#include <string.h>

#include "oops_internal.h"

enum {
	FOLD_PANIC = 1000,	/* lines from an event to a panic joining it */
	FOLD_OTHER = 100,	/* ... to other consequence lines */
	LEAD_IN = 5,		/* lines before a header that may join it */
};

/* An event while the log is being split. */
struct ev_build {
	size_t header;		/* line index */
	size_t end;		/* first line after it (of its context) */
	int group;
	enum oops_type kind;	/* logsage groups: what follow-ups join */
	size_t panic_line;	/* first panic line in it, or SIZE_MAX */
	const struct oops_panic_rule *panic_rule;	/* of that line */
};

struct result_priv {
	struct oops_result pub;
	struct oops_arena arena;
};

static const char *const type_names[OOPS_TYPE_COUNT] = {
	[OOPS_OTHER] = "other",
	[OOPS_BUG] = "bug",
	[OOPS_NULL_DEREF] = "null-deref",
	[OOPS_PAGE_FAULT] = "page-fault",
	[OOPS_GPF] = "gpf",
	[OOPS_TRAP] = "trap",
	[OOPS_DOUBLE_FAULT] = "double-fault",
	[OOPS_STACK_OVERFLOW] = "stack-overflow",
	[OOPS_WARNING] = "warning",
	[OOPS_KASAN] = "kasan",
	[OOPS_KFENCE] = "kfence",
	[OOPS_KMSAN] = "kmsan",
	[OOPS_KCSAN] = "kcsan",
	[OOPS_UBSAN] = "ubsan",
	[OOPS_LOCKDEP] = "lockdep",
	[OOPS_ATOMIC_SLEEP] = "atomic-sleep",
	[OOPS_LIST_CORRUPTION] = "list-corruption",
	[OOPS_BAD_PAGE] = "bad-page",
	[OOPS_MEMORY_LEAK] = "memory-leak",
	[OOPS_SOFT_LOCKUP] = "soft-lockup",
	[OOPS_HARD_LOCKUP] = "hard-lockup",
	[OOPS_RCU_STALL] = "rcu-stall",
	[OOPS_HUNG_TASK] = "hung-task",
	[OOPS_OOM] = "oom",
	[OOPS_MCE] = "mce",
	[OOPS_PANIC] = "panic",
	[OOPS_SYSRQ] = "sysrq",
	[OOPS_REBOOT] = "reboot",
	[OOPS_USERSPACE] = "userspace",
};

const char *oops_type_name(enum oops_type type)
{
	return (unsigned)type < OOPS_TYPE_COUNT ? type_names[type] : "other";
}

const char *oops_stack_ctx_name(enum oops_stack_ctx ctx)
{
	static const char *const names[OOPS_CTX_COUNT] = {
		"task", "irq", "softirq", "nmi", "exception", "alloc", "free",
		"aux",
	};

	return (unsigned)ctx < OOPS_CTX_COUNT ? names[ctx] : "task";
}

/* Title prefixes to types, first match wins. */
static const struct {
	const char *prefix;
	enum oops_type type;
} title_types[] = {
	{ "KASAN:", OOPS_KASAN },
	{ "KMSAN:", OOPS_KMSAN },
	{ "KCSAN:", OOPS_KCSAN },
	{ "KFENCE:", OOPS_KFENCE },
	{ "UBSAN:", OOPS_UBSAN },
	{ "BUG: unable to handle kernel NULL", OOPS_NULL_DEREF },
	{ "BUG: unable to handle", OOPS_PAGE_FAULT },
	{ "Unhandled fault", OOPS_PAGE_FAULT },
	{ "general protection fault", OOPS_GPF },
	{ "stack segment fault", OOPS_TRAP },
	{ "divide error", OOPS_TRAP },
	{ "invalid opcode", OOPS_TRAP },
	{ "int3", OOPS_TRAP },
	{ "Alignment trap", OOPS_TRAP },
	{ "Internal error", OOPS_TRAP },
	{ "PANIC: double fault", OOPS_DOUBLE_FAULT },
	{ "BUG: stack guard page", OOPS_STACK_OVERFLOW },
	{ "kernel stack overflow", OOPS_STACK_OVERFLOW },
	{ "kernel panic: stack is corrupted", OOPS_STACK_OVERFLOW },
	{ "kernel panic: corrupted stack end", OOPS_STACK_OVERFLOW },
	{ "BUG: soft lockup", OOPS_SOFT_LOCKUP },
	{ "BUG: spinlock lockup", OOPS_SOFT_LOCKUP },
	{ "BUG: workqueue lockup", OOPS_SOFT_LOCKUP },
	{ "hard lockup", OOPS_HARD_LOCKUP },
	{ "kernel panic: Hard LOCKUP", OOPS_HARD_LOCKUP },
	{ "INFO: rcu detected stall", OOPS_RCU_STALL },
	{ "INFO: task hung", OOPS_HUNG_TASK },
	{ "INFO: task can't die", OOPS_HUNG_TASK },
	{ "kernel panic: hung_task", OOPS_HUNG_TASK },
	{ "possible deadlock", OOPS_LOCKDEP },
	{ "inconsistent lock state", OOPS_LOCKDEP },
	{ "WARNING: locking bug", OOPS_LOCKDEP },
	{ "WARNING: nested lock", OOPS_LOCKDEP },
	{ "WARNING: bad unlock balance", OOPS_LOCKDEP },
	{ "WARNING: held lock freed", OOPS_LOCKDEP },
	{ "WARNING: still has locks held", OOPS_LOCKDEP },
	{ "WARNING: lock held when returning", OOPS_LOCKDEP },
	{ "WARNING: suspicious RCU usage", OOPS_LOCKDEP },
	{ "INFO: suspicious RCU usage", OOPS_LOCKDEP },
	{ "INFO: trying to register non-static key", OOPS_LOCKDEP },
	{ "BUG: bad unlock balance", OOPS_LOCKDEP },
	{ "BUG: held lock freed", OOPS_LOCKDEP },
	{ "BUG: still has locks held", OOPS_LOCKDEP },
	{ "BUG: lock held when returning", OOPS_LOCKDEP },
	{ "BUG: spinlock", OOPS_LOCKDEP },
	{ "BUG: rwlock", OOPS_LOCKDEP },
	{ "BUG: sleeping function called", OOPS_ATOMIC_SLEEP },
	{ "BUG: scheduling while atomic", OOPS_ATOMIC_SLEEP },
	{ "BUG: using ", OOPS_ATOMIC_SLEEP },
	{ "memory leak", OOPS_MEMORY_LEAK },
	{ "BUG: corrupted list", OOPS_LIST_CORRUPTION },
	{ "BUG: Bad page", OOPS_BAD_PAGE },
	{ "WARNING", OOPS_WARNING },
	{ "kernel panic: Out of memory", OOPS_OOM },
	{ "kernel panic: System is deadlocked on memory", OOPS_OOM },
	{ "kernel panic: sysrq triggered crash", OOPS_SYSRQ },
	{ "kernel panic:", OOPS_PANIC },
	{ "unexpected kernel reboot", OOPS_REBOOT },
	{ "SYZFAIL", OOPS_USERSPACE },
	{ "SYZFATAL", OOPS_USERSPACE },
	{ "go runtime error", OOPS_USERSPACE },
	{ "panic:", OOPS_USERSPACE },
	{ "trusty", OOPS_USERSPACE },
	{ "kernel BUG", OOPS_BUG },
	{ "BUG:", OOPS_BUG },
	{ "VFS:", OOPS_BUG },
};

static enum oops_type title_type(const char *title)
{
	for (size_t i = 0; i < sizeof(title_types) / sizeof(title_types[0]);
	     i++)
		if (!strncmp(title, title_types[i].prefix,
			     strlen(title_types[i].prefix)))
			return title_types[i].type;
	return OOPS_OTHER;
}

/* Splitting the log ---------------------------------------------------- */

struct splitter {
	const struct oops_parser *ps;
	struct ev_build *ev;
	size_t n;
	size_t dropped;
};

static struct ev_build *last_event(struct splitter *sp)
{
	return sp->n ? &sp->ev[sp->n - 1] : NULL;
}

static void note_panic(struct ev_build *e, const struct oops_line *l,
		       size_t i, const struct oops_panic_rule *rule)
{
	if (e && (l->flags & LF_PANIC) && e->panic_line == SIZE_MAX) {
		e->panic_line = i;
		e->panic_rule = rule;
	}
}

static void start_event(struct splitter *sp, size_t i, int group)
{
	const struct oops_group *g = &sp->ps->ctx->groups[group];
	struct ev_build *e;

	if (sp->n == OOPS_MAX_EVENTS) {
		sp->dropped++;
		return;
	}
	e = &sp->ev[sp->n++];
	e->header = i;
	e->group = group;
	e->kind = g->ext ? g->fmts[0].type : OOPS_OTHER;
	e->panic_line = SIZE_MAX;
	e->panic_rule = NULL;
	note_panic(e, &sp->ps->lines[i], i, NULL);
}

/* The last event of @l's context, or NULL. */
static struct ev_build *last_event_of(struct splitter *sp,
				      const struct oops_line *l)
{
	for (size_t k = sp->n; k-- > 0;)
		if (oops_same_ctx(&sp->ps->lines[sp->ev[k].header], l))
			return &sp->ev[k];
	return NULL;
}

/* Is @e, an event being split, what @rule's panic follows? */
static int panic_fits(const struct splitter *sp, const struct ev_build *e,
		      const struct oops_panic_rule *rule)
{
	const struct oops_line *h = &sp->ps->lines[e->header];

	if (rule->header)
		return oops_memmem(h->s, h->len, rule->header) != NULL;
	return rule->kind == OOPS_OTHER || e->kind == rule->kind;
}

/* The text of a panic line from "Kernel panic" on. */
static const char *panic_text(const struct oops_line *l, size_t *len)
{
	const char *p = oops_memmem(l->s, l->len, "Kernel panic");

	if (p)
		*len = l->len - (size_t)(p - l->s);
	return p;
}

/* Is @h, a panic line, printed again as @l (a console replay)? */
static int same_panic(const struct oops_line *h, const struct oops_line *l)
{
	size_t hn, ln;
	const char *hp = panic_text(h, &hn), *lp = panic_text(l, &ln);

	return hp && lp && hn == ln && !memcmp(hp, lp, hn);
}

/*
 * The event a panic line ends: the last one of its context (of the log
 * when its context has none), when the reason is a consequence of that
 * kind of event or the same panic printed again; else NULL (the panic is
 * a crash of its own).
 */
static struct ev_build *panic_target(struct splitter *sp,
				     const struct oops_line *l, size_t i,
				     const struct oops_panic_rule **rule)
{
	struct ev_build *e = last_event_of(sp, l);

	if (!e)
		e = last_event(sp);
	*rule = oops_rules_panic(l->s, l->len);
	if (!e || i - e->header > FOLD_PANIC)
		return NULL;
	if (same_panic(&sp->ps->lines[e->header], l))
		return e;
	return *rule && panic_fits(sp, e, *rule) ? e : NULL;
}

/*
 * A batch panic closes a run of reports of one kind in its context
 * (khungtaskd prints every blocked task, then panics): they become one
 * event, the first report's, which the panic ends.
 */
static struct ev_build *merge_batch(struct splitter *sp, struct ev_build *e,
				    const struct oops_panic_rule *rule)
{
	const struct oops_line *h = &sp->ps->lines[e->header];
	size_t k = (size_t)(e - sp->ev), first = k, w;

	for (size_t j = k; j-- > 0;) {
		if (!oops_same_ctx(&sp->ps->lines[sp->ev[j].header], h))
			continue;
		if (!panic_fits(sp, &sp->ev[j], rule))
			break;
		first = j;
	}
	w = first + 1;
	for (size_t j = first + 1; j < sp->n; j++)
		if (j > k || !oops_same_ctx(&sp->ps->lines[sp->ev[j].header],
					    h))
			sp->ev[w++] = sp->ev[j];
	sp->n = w;
	return &sp->ev[first];
}

/* A consequence line joins the event before it when close enough. */
static int joins(struct splitter *sp, const struct oops_line *l, size_t i)
{
	struct ev_build *e = last_event(sp);
	const struct oops_group *g;

	if (!e)
		return 0;
	if (l->group >= 0)
		return (l->flags & (LF_START_IGNORE | LF_JOIN)) &&
		       i - e->header <= FOLD_OTHER;
	g = &sp->ps->ctx->groups[l->ext];
	return g->fold_into && e->kind == g->fold_into &&
	       i - e->header <= g->fold_window;
}

static void split_events(struct splitter *sp)
{
	const struct oops_parser *ps = sp->ps;

	for (size_t i = 0; i < ps->nlines; i++) {
		const struct oops_line *l = &ps->lines[i];
		const struct oops_panic_rule *rule;
		struct ev_build *e;

		if (l->group < 0 && l->ext < 0)
			continue;
		if (l->flags & LF_PANIC) {
			e = panic_target(sp, l, i, &rule);
			if (e && rule && rule->batch)
				e = merge_batch(sp, e, rule);
			if (e) {
				note_panic(e, l, i, rule);
				continue;
			}
		} else if (joins(sp, l, i)) {
			continue;
		}
		start_event(sp, i, l->group >= 0 ? l->group : l->ext);
	}
	/* An event ends where the next one in its context starts. */
	for (size_t k = 0; k < sp->n; k++) {
		const struct oops_line *h = &ps->lines[sp->ev[k].header];

		sp->ev[k].end = ps->nlines;
		for (size_t j = k + 1; j < sp->n; j++) {
			if (oops_same_ctx(&ps->lines[sp->ev[j].header], h)) {
				sp->ev[k].end = sp->ev[j].header;
				break;
			}
		}
	}
}

/* One event ---------------------------------------------------------------- */

/* Title, corruption and guilty file of the report starting at @start. */
struct titled {
	char title[OOPS_TITLE_MAX];
	char frame[OOPS_NAME_MAX];
	char guilty[512];
	const char *corrupted;
	const struct oops_fmt *fmt;
	int has_guilty;
};

/* @rep as syzkaller cuts it; @all, every line of its context. */
static void title_report(const struct oops_parser *ps, int group,
			 const struct oops_report *rep,
			 const struct oops_report *all, struct titled *t)
{
	const struct oops_group *g = &ps->ctx->groups[group];
	struct oops_desc d;

	oops_describe(ps->ctx, g, rep, &d);
	t->corrupted = d.corrupted;
	if (!t->corrupted)
		t->corrupted = oops_check_corrupted(&d, rep);
	if (!t->corrupted && !g->ext && (ps->all_flags & LF_HANGUP))
		t->corrupted = "console connection lost";
	oops_title_normalize(d.title, t->title, sizeof(t->title));
	strcpy(t->frame, d.frame);
	t->fmt = d.fmt;
	t->has_guilty = oops_guilty_file(ps->ctx, t->title, all, t->guilty,
					 sizeof(t->guilty));
}

/* The first line of the event: a "cut here" or list corruption lead-in. */
static size_t lead_in(const struct oops_parser *ps, size_t header,
		      size_t floor, int *list)
{
	const struct oops_line *h = &ps->lines[header];
	size_t first = header;

	for (size_t i = header; i > floor && header - i < LEAD_IN; i--) {
		const struct oops_line *l = &ps->lines[i - 1];

		if (l->group >= 0 || l->ext >= 0)
			break;
		if (!oops_same_ctx(l, h))
			continue;
		if (l->flags & (LF_CUT_HERE | LF_LIST))
			first = i - 1;
		*list |= !!(l->flags & LF_LIST);
	}
	return first;
}

static size_t last_line(const struct oops_parser *ps, size_t header,
			size_t end)
{
	const struct oops_line *h = &ps->lines[header];
	size_t last = header;

	if (end - header > OOPS_MAX_SCAN)
		end = header + OOPS_MAX_SCAN;
	for (size_t i = header + 1; i < end; i++)
		if (oops_same_ctx(&ps->lines[i], h))
			last = i;
	return last;
}

static int set_str(struct oops_arena *a, const char **dst, const char *s)
{
	*dst = oops_arena_str(a, s, strlen(s));
	return *dst ? 0 : -1;
}

static int fill_event(struct oops_parser *ps, const struct ev_build *e,
		      size_t floor, const struct titled *t,
		      struct oops_event *ev)
{
	const struct oops_fmt *fmt = t->fmt;
	const struct lsg_record *recs = ps->log->recs;
	int list = 0;
	size_t first = lead_in(ps, e->header, floor, &list);
	size_t last = last_line(ps, e->header, e->end);

	ev->type = fmt && fmt->type ? fmt->type : title_type(t->title);
	if (list && ev->type == OOPS_BUG)
		ev->type = OOPS_LIST_CORRUPTION;
	ev->corrupted = t->corrupted != NULL;
	ev->corrupted_reason = t->corrupted;
	ev->syzkaller = !ps->ctx->groups[e->group].ext;
	ev->panicked = e->panic_line != SIZE_MAX;
	ev->first_rec = ps->lines[first].rec;
	ev->last_rec = ps->lines[last].rec;
	ev->first_seq = recs[ev->first_rec].seq;
	ev->last_seq = recs[ev->last_rec].seq;
	ev->header_seq = recs[ps->lines[e->header].rec].seq;
	ev->cpu = -1;
	ev->pid = -1;
	if (set_str(ps->arena, &ev->title, t->title) ||
	    (t->frame[0] && set_str(ps->arena, &ev->frame, t->frame)) ||
	    (t->has_guilty && set_str(ps->arena, &ev->guilty_file, t->guilty)))
		return -1;
	if (oops_detail(ps, e->header, e->end, ev))
		return -1;
	return oops_complete(ps, e->header, e->end, ev);
}

/* The whole parse ------------------------------------------------------ */

/* The text of one crash: the report syzkaller cuts, and every line. */
struct event_text {
	struct oops_report syz;
	struct oops_report all;
};

static struct lsg_error *event_text_build(const struct oops_parser *ps,
					  size_t start, size_t limit,
					  struct event_text *tx)
{
	struct lsg_error *err = oops_report_build(ps, start, limit, &tx->syz);

	return err ? err : oops_context_lines(ps, start, limit, &tx->all);
}

static struct lsg_error *parse_events(struct oops_parser *ps,
				      struct splitter *sp,
				      struct oops_event *events,
				      struct event_text *tx,
				      size_t primary_line,
				      struct titled *t)
{
	for (size_t k = 0; k < sp->n; k++) {
		const struct ev_build *e = &sp->ev[k];
		size_t limit = e->header == primary_line ? ps->nlines : e->end;
		size_t floor = k ? sp->ev[k - 1].header + 1 : 0;
		struct lsg_error *err;

		err = event_text_build(ps, e->header, limit, tx);
		if (err)
			return err;
		title_report(ps, e->group, &tx->syz, &tx->all, t);
		if (fill_event(ps, e, floor, t, &events[k]))
			return &lsg_enomem;
	}
	return NULL;
}

/* The event that holds line @line: the last one starting at or before. */
static size_t event_of(const struct splitter *sp, size_t line)
{
	size_t k = OOPS_NONE;

	for (size_t i = 0; i < sp->n && sp->ev[i].header <= line; i++)
		k = i;
	return k;
}

/* The event of the first panic; else the last one that died. */
static size_t find_fatal(const struct splitter *sp,
			 const struct oops_event *events)
{
	size_t fatal = OOPS_NONE;

	for (size_t k = 0; k < sp->n; k++)
		if (sp->ev[k].panic_line != SIZE_MAX &&
		    (fatal == OOPS_NONE ||
		     sp->ev[k].panic_line < sp->ev[fatal].panic_line))
			fatal = k;
	if (fatal != OOPS_NONE)
		return fatal;
	for (size_t k = sp->n; k-- > 0;)
		if (events[k].oops_count || events[k].type == OOPS_DOUBLE_FAULT)
			return k;
	return OOPS_NONE;
}

/* syzkaller's title of the log: the report at its first crash header. */
static struct lsg_error *primary_title(struct oops_parser *ps,
				       const struct splitter *sp,
				       struct oops_event *events,
				       struct event_text *tx,
				       size_t line, struct oops_result *res,
				       struct titled *t)
{
	struct lsg_error *err;

	res->primary = event_of(sp, line);
	if (res->primary == OOPS_NONE)
		return NULL;
	if (sp->ev[res->primary].header == line) {
		const struct oops_event *ev = &events[res->primary];

		res->syz_title = ev->syz_title;
		res->syz_corrupted = ev->syz_corrupted;
		res->syz_guilty_file = ev->guilty_file;
		return NULL;
	}
	err = event_text_build(ps, line, ps->nlines, tx);
	if (err)
		return err;
	title_report(ps, ps->lines[line].group, &tx->syz, &tx->all, t);
	res->syz_corrupted = t->corrupted != NULL;
	if (set_str(ps->arena, &res->syz_title, t->title) ||
	    (t->has_guilty &&
	     set_str(ps->arena, &res->syz_guilty_file, t->guilty)))
		return &lsg_enomem;
	return NULL;
}

/* The log's title: the fatal event's; without one, syzkaller's. */
static void log_title(struct oops_result *res)
{
	const struct oops_event *ev;

	if (res->fatal == OOPS_NONE) {
		res->title = res->syz_title;
		res->corrupted = res->syz_corrupted;
		res->guilty_file = res->syz_guilty_file;
		return;
	}
	ev = &res->events[res->fatal];
	res->title = ev->title;
	res->corrupted = ev->corrupted;
	res->guilty_file = ev->guilty_file;
}

static size_t first_syz_line(const struct oops_parser *ps)
{
	for (size_t i = 0; i < ps->nlines; i++)
		if (ps->lines[i].group >= 0)
			return i;
	return SIZE_MAX;
}

static struct lsg_error *parse_log(struct oops_parser *ps,
				   struct oops_result *res)
{
	struct event_text tx = { .syz.l = NULL, .all.l = NULL };
	struct splitter sp = { .ps = ps };
	struct oops_event *events;
	struct lsg_error *err;
	struct titled *t = malloc(sizeof(*t));
	size_t primary_line;

	/* Entries are filled as events start (and end when split). */
	sp.ev = malloc(OOPS_MAX_EVENTS * sizeof(*sp.ev));
	if (!t || !sp.ev) {
		err = &lsg_enomem;
		goto out;
	}
	err = oops_lines_build(ps);
	if (err)
		goto out;
	split_events(&sp);
	events = oops_arena_alloc(ps->arena, (sp.n + 1) * sizeof(*events));
	if (!events) {
		err = &lsg_enomem;
		goto out;
	}
	primary_line = first_syz_line(ps);
	err = parse_events(ps, &sp, events, &tx, primary_line, t);
	if (err)
		goto out;
	res->events = events;
	res->nevents = sp.n;
	res->dropped_events = sp.dropped;
	res->fatal = find_fatal(&sp, events);
	if (res->fatal != OOPS_NONE)
		events[res->fatal].fatal = 1;
	res->primary = OOPS_NONE;
	if (primary_line != SIZE_MAX)
		err = primary_title(ps, &sp, events, &tx, primary_line, res,
				    t);
	log_title(res);
	res->panicked = !!(ps->all_flags & LF_PANIC);
	res->kdump_loaded = !!(ps->all_flags & LF_KDUMP);
out:
	free(tx.syz.l);
	free(tx.all.l);
	free(sp.ev);
	free(t);
	return err;
}

struct lsg_error *oops_parse(const struct oops_ctx *ctx,
			     const struct lsg_log *log,
			     struct oops_result **ret)
{
	struct result_priv *rp = calloc(1, sizeof(*rp));
	struct oops_parser ps = { .ctx = ctx, .log = log };
	struct lsg_error *err;

	if (!rp)
		return &lsg_enomem;
	ps.arena = &rp->arena;
	rp->pub.fatal = OOPS_NONE;
	rp->pub.primary = OOPS_NONE;
	err = parse_log(&ps, &rp->pub);
	free(ps.lines);
	free(ps.buf);
	free(ps.detail);
	if (err) {
		oops_result_destroy(&rp->pub);
		return lsg_error_wrap(err, "oops");
	}
	*ret = &rp->pub;
	return NULL;
}

void oops_result_destroy(struct oops_result *res)
{
	struct result_priv *rp;

	if (!res)
		return;
	rp = (struct result_priv *)((char *)res -
				    offsetof(struct result_priv, pub));
	oops_arena_free(&rp->arena);
	free(rp);
}
