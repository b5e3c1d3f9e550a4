/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "augment.h"
#include "rng.h"

/* Classes that are causes of other symptoms (DESIGN §6.5's examples). */
static const char *const cause_classes[] = {
	"hw-memory", "hw-cpu", "hw-pcie", "storage-io", "oom",
};

/* The class of a symptom alone, by the fatal event's kind; -1: none. */
static int symptom_class(const struct lines_crash *c)
{
	if (c->fatal == LINES_NONE)
		return -1;
	switch (c->events[c->fatal].type) {
	case OOPS_HUNG_TASK:
		return dataset_class("hung-task");
	case OOPS_SOFT_LOCKUP:
	case OOPS_HARD_LOCKUP:
	case OOPS_RCU_STALL:
		return dataset_class("lockup");
	case OOPS_NULL_DEREF:
		return dataset_class("null-deref");
	default:
		return -1;
	}
}

static int is_cause_line(const struct dataset *d, size_t i,
			 const struct lines_line *l)
{
	const struct lines_crash *c = &d->crash[i];

	return corpus_is_cause(&d->corpus->cases[i], l->seq) &&
	       (c->fatal == LINES_NONE || l->event != c->fatal);
}

static size_t cause_count(const struct dataset *d, size_t i)
{
	size_t k = 0;

	for (size_t l = 0; l < d->crash[i].nlines; l++)
		k += is_cause_line(d, i, &d->crash[i].lines[l]);
	return k;
}

static struct lsg_error *copy_line(struct lines_crash *to,
				   const struct lines_line *l, uint64_t seq,
				   uint64_t ts_nsec, int keep_event)
{
	struct lines_line *n = &to->lines[to->nlines];

	*n = *l;
	n->text = strdup(l->text);
	if (!n->text)
		return &lsg_enomem;
	n->seq = seq;
	n->ts_nsec = ts_nsec;
	if (!keep_event) {
		n->event = LINES_NONE;
		n->in_trace = 0;
	}
	to->nlines++;
	return NULL;
}

static struct lsg_error *copy_events(struct lines_crash *to,
				     const struct lines_crash *from)
{
	to->events = calloc(from->nevents + 1, sizeof(*to->events));
	if (!to->events)
		return &lsg_enomem;
	to->fatal = from->fatal;
	for (size_t e = 0; e < from->nevents; e++) {
		to->events[e] = from->events[e];
		to->events[e].title = strdup(from->events[e].title);
		to->nevents++;
		if (!to->events[e].title)
			return &lsg_enomem;
	}
	return NULL;
}

/*
 * When a donor's line was printed on the recipient's clock: as long
 * after @at (the recipient's first cause line) as it was after the
 * donor's first cause line @first.  The nearness to the fatal event is
 * a feature; the donor's own boot time would make it anything.
 */
static uint64_t moved_ts(uint64_t ts, uint64_t first, uint64_t at)
{
	if (ts == UINT64_MAX || first == UINT64_MAX || at == UINT64_MAX ||
	    ts < first)
		return at;
	return at + (ts - first);
}

/* @donor's cause lines in place of @at, on its seq and clock. */
static struct lsg_error *transplant(const struct dataset *d, size_t donor,
				    const struct lines_line *at,
				    struct lines_crash *n)
{
	const struct lines_crash *c = &d->crash[donor];
	uint64_t first = UINT64_MAX;
	struct lsg_error *err = NULL;

	for (size_t k = 0; !err && k < c->nlines; k++) {
		const struct lines_line *l = &c->lines[k];

		if (!is_cause_line(d, donor, l))
			continue;
		if (first == UINT64_MAX)
			first = l->ts_nsec;
		err = copy_line(n, l, at->seq, moved_ts(l->ts_nsec, first,
							  at->ts_nsec), 0);
	}
	return err;
}

/*
 * Case @i without its cause lines, and with @donor's in their place when
 * @donor is not (size_t)-1.
 */
static struct lsg_error *recompose(const struct dataset *d, size_t i,
				   size_t donor, struct lines_crash *ret)
{
	const struct lines_crash *c = &d->crash[i];
	size_t room = c->nlines + (donor != (size_t)-1 ?
				   d->crash[donor].nlines : 0);
	struct lines_crash n = { .lines = calloc(room + 1, sizeof(*n.lines)) };
	struct lsg_error *err = n.lines ? copy_events(&n, c) : &lsg_enomem;
	int placed = donor == (size_t)-1;

	for (size_t l = 0; !err && l < c->nlines; l++) {
		const struct lines_line *line = &c->lines[l];

		if (!is_cause_line(d, i, line)) {
			err = copy_line(&n, line, line->seq, line->ts_nsec, 1);
			continue;
		}
		if (!placed)
			err = transplant(d, donor, line, &n);
		placed = 1;
	}
	if (err) {
		lines_crash_deinit(&n);
		return err;
	}
	*ret = n;
	return NULL;
}

static struct lsg_error *push(struct augment *a, size_t cap,
			      struct lines_crash *c, int label)
{
	if (a->n == cap) {
		lines_crash_deinit(c);
		return NULL;
	}
	a->crash[a->n] = *c;
	a->label[a->n++] = label;
	return NULL;
}

/* A random training donor of class @cls with cause lines, or -1. */
static size_t pick_donor(const struct dataset *d, const size_t *idx,
			 size_t n, int cls, size_t self, struct rng *r)
{
	size_t found = (size_t)-1, seen = 0;

	for (size_t k = 0; k < n; k++) {
		size_t j = idx[k];

		if (j == self || d->label[j] != cls || !cause_count(d, j))
			continue;
		/* reservoir sampling: each eligible donor equally likely */
		if (rng_below(r, ++seen) == 0)
			found = j;
	}
	return found;
}

struct lsg_error *augment_build(const struct dataset *d, const size_t *idx,
				size_t n, uint64_t seed, struct augment *ret)
{
	size_t nc = sizeof(cause_classes) / sizeof(cause_classes[0]);
	size_t cap = n * (nc + 1) + 1;
	struct augment a = { calloc(cap, sizeof(*a.crash)),
			     calloc(cap, sizeof(*a.label)), 0 };
	struct rng r = { seed ^ 0xa06 };
	struct lsg_error *err = a.crash && a.label ? NULL : &lsg_enomem;

	for (size_t k = 0; !err && k < n; k++) {
		size_t i = idx[k];
		int sym = symptom_class(&d->crash[i]);
		struct lines_crash c;

		if (d->label[i] < 0 || sym < 0 || sym == d->label[i] ||
		    !cause_count(d, i))
			continue;
		err = recompose(d, i, (size_t)-1, &c);
		if (!err)
			err = push(&a, cap, &c, sym);
		for (size_t cc = 0; !err && cc < nc; cc++) {
			int cls = dataset_class(cause_classes[cc]);
			size_t donor = pick_donor(d, idx, n, cls, i, &r);

			if (donor == (size_t)-1 || cls == d->label[i])
				continue;
			err = recompose(d, i, donor, &c);
			if (!err)
				err = push(&a, cap, &c, cls);
		}
	}
	if (err) {
		augment_deinit(&a);
		return err;
	}
	*ret = a;
	return NULL;
}

void augment_deinit(struct augment *a)
{
	for (size_t i = 0; i < a->n; i++)
		lines_crash_deinit(&a->crash[i]);
	free(a->crash);
	free(a->label);
	memset(a, 0, sizeof(*a));
}
