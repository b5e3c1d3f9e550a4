/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "parse/mca.h"
#include "vocab.h"

/* Lines the "no FILE" ablation keeps: the newest of the whole log. */
enum { LINES_ALL_MAX = 4 * LINES_MAX };

/*
 * Lines of one event kept at most: the fatal one's header, panic line,
 * registers and the top of its trace say what the symptom is, an earlier
 * event's first lines what it was; more of a long report (the fatal
 * trace, an earlier OOM's) would outweigh or crowd out the few lines of
 * an earlier cause.
 */
enum { LINES_EVENT_MAX = 24, LINES_EARLIER_MAX = 8 };

/* What a line was picked for, least kept first when over the cap. */
enum pick { PICK_NONE, PICK_ALL, PICK_FILE, PICK_EVENT };

static char *line_copy(const struct lsg_log *log, size_t i)
{
	const struct lsg_record *r = &log->recs[i];
	char *s = malloc(r->text_len + 1);

	if (!s)
		return NULL;
	memcpy(s, lsg_log_text(log, i), r->text_len);
	s[r->text_len] = '\0';
	for (char *p = s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

/*
 * How far from a machine-check notice its records are printed: the same
 * work item prints both, microseconds to milliseconds apart.
 */
static const uint64_t MCA_RECORD_NS = 1000000000;

static int mca_record_at(const struct lsg_log *log, size_t j)
{
	uint64_t status;

	return mca_status(lsg_log_text(log, j), log->recs[j].text_len,
			  &status);
}

static uint64_t ts_gap(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

/*
 * Whether a record was printed near notice @i: scan one way from it
 * until the time window ends.  -1 when the log ends inside the window,
 * so nothing can be said.
 */
static int mca_printed_near(const struct lsg_log *log, size_t i, int dir)
{
	uint64_t ts = log->recs[i].ts_nsec;

	for (size_t j = i + (size_t)dir; j < log->nrecs; j += (size_t)dir) {
		if (ts_gap(log->recs[j].ts_nsec, ts) > MCA_RECORD_NS)
			return 0;
		if (mca_record_at(log, j))
			return 1;
	}
	return dir > 0 ? -1 : 0;
}

static const char *line_mca(const struct lsg_log *log, size_t i,
			    const char *text)
{
	const char *cls = vocab_mca_class(text);

	if (cls || !vocab_mca_notice(text) ||
	    log->recs[i].ts_nsec == UINT64_MAX)
		return cls;
	if (mca_printed_near(log, i, -1) || mca_printed_near(log, i, 1))
		return NULL;
	return vocab_mca_unprinted();
}

static size_t rec_of_seq(const struct lsg_log *log, size_t from, size_t to,
			 uint64_t seq)
{
	for (size_t i = from; i <= to && i < log->nrecs; i++)
		if (log->recs[i].seq == seq)
			return i;
	return from;
}

/* The header line of every event: the graph's event nodes link there. */
static size_t pick_events(const struct lsg_log *log,
			  const struct oops_result *res, uint8_t *pick)
{
	size_t n = 0;

	for (size_t e = 0; e < res->nevents; e++) {
		const struct oops_event *ev = &res->events[e];
		size_t h = rec_of_seq(log, ev->first_rec, ev->last_rec,
				      ev->header_seq);

		if (h < log->nrecs && !pick[h]) {
			pick[h] = PICK_EVENT;
			n++;
		}
	}
	return n;
}

static int is_panic(const struct lsg_log *log, size_t rec)
{
	static const char panic[] = "Kernel panic - not syncing";
	const char *t = lsg_log_text(log, rec);
	size_t len = log->recs[rec].text_len;

	return memmem(t, len, panic, sizeof(panic) - 1) != NULL;
}

static int in_fatal(const struct oops_result *res, size_t rec)
{
	const struct oops_event *ev;

	if (res->fatal == OOPS_NONE || res->fatal >= res->nevents)
		return 0;
	ev = &res->events[res->fatal];
	return rec >= ev->first_rec && rec <= ev->last_rec;
}

static size_t event_of(const struct oops_result *res, size_t rec)
{
	for (size_t e = 0; e < res->nevents; e++)
		if (rec >= res->events[e].first_rec &&
		    rec <= res->events[e].last_rec)
			return e;
	return LINES_NONE;
}

static size_t event_max(const struct oops_result *res, size_t e)
{
	return res->events[e].fatal ? LINES_EVENT_MAX : LINES_EARLIER_MAX;
}

/*
 * FILE's lines within @budget: those before and around the fatal event
 * first (the earlier faults, few, the best scored), then the fatal
 * event's panic line (it says why), then the rest of the event from its
 * start (header, registers, the top of the trace).
 */
static void pick_file(const struct file_result *fr,
		      const struct lsg_log *log,
		      const struct oops_result *res, uint8_t *pick,
		      size_t budget)
{
	size_t n = fr->nlines, nrecs = log->nrecs;
	size_t *order = malloc((2 * n + 1) * sizeof(*order));
	size_t *per_event = calloc(res->nevents + 1, sizeof(*per_event));
	size_t k = 0;

	if (!order || !per_event) {
		free(order);
		free(per_event);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (fr->lines[i].rec < nrecs && !in_fatal(res, fr->lines[i].rec))
			order[k++] = i;
	/* best scored first; insertion sort, FILE keeps few such lines */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && fr->lines[order[j]].score >
		     fr->lines[order[j - 1]].score; j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	/* the fatal event's panic line, wherever it is, then the rest */
	for (int panic = 1; panic >= 0; panic--)
		for (size_t i = 0; i < n; i++)
			if (fr->lines[i].rec < nrecs &&
			    in_fatal(res, fr->lines[i].rec) &&
			    is_panic(log, fr->lines[i].rec) == panic)
				order[k++] = i;
	for (size_t i = 0; i < k && budget; i++) {
		size_t rec = fr->lines[order[i]].rec;
		size_t e = event_of(res, rec);

		if (e != LINES_NONE && per_event[e]++ >= event_max(res, e))
			continue;
		if (!pick[rec]) {
			pick[rec] = PICK_FILE;
			budget--;
		}
	}
	free(order);
	free(per_event);
}

/* Drop the oldest picks of the lowest kind until @max remain. */
static void cap_picks(uint8_t *pick, size_t n, size_t max)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		count += pick[i] != PICK_NONE;
	for (int kind = PICK_ALL; kind <= PICK_EVENT; kind++)
		for (size_t i = 0; i < n && count > max; i++)
			if (pick[i] == kind) {
				pick[i] = PICK_NONE;
				count--;
			}
}

static int in_trace(const struct oops_event *ev, uint64_t seq)
{
	for (size_t s = 0; s < ev->nstacks; s++)
		for (size_t f = 0; f < ev->stacks[s].nframes; f++)
			if (ev->stacks[s].frames[f].seq == seq)
				return 1;
	return 0;
}

static struct lsg_error *copy_events(const struct oops_result *res,
				     struct lines_crash *c)
{
	c->events = calloc(res->nevents ? res->nevents : 1,
			   sizeof(*c->events));
	if (!c->events)
		return &lsg_enomem;
	c->fatal = LINES_NONE;
	for (size_t e = 0; e < res->nevents; e++) {
		const struct oops_event *ev = &res->events[e];

		c->events[e] = (struct lines_event){
			.type = ev->type, .title = strdup(ev->title),
			.seq = ev->header_seq, .fatal = ev->fatal };
		c->nevents++;
		if (!c->events[e].title)
			return &lsg_enomem;
		if (ev->fatal)
			c->fatal = e;
	}
	return NULL;
}

static struct lsg_error *copy_lines(const struct lsg_log *log,
				    const struct oops_result *res,
				    const uint8_t *pick, size_t max,
				    struct lines_crash *c)
{
	c->lines = calloc(max ? max : 1, sizeof(*c->lines));
	if (!c->lines)
		return &lsg_enomem;
	for (size_t i = 0; i < log->nrecs; i++) {
		struct lines_line *l = &c->lines[c->nlines];

		if (!pick[i])
			continue;
		l->text = line_copy(log, i);
		if (!l->text)
			return &lsg_enomem;
		l->seq = log->recs[i].seq;
		l->ts_nsec = log->recs[i].ts_nsec;
		l->level = log->recs[i].level;
		l->event = event_of(res, i);
		l->in_trace = l->event != LINES_NONE &&
			      in_trace(&res->events[l->event], l->seq);
		l->mca = line_mca(log, i, l->text);
		c->nlines++;
	}
	return NULL;
}

struct lsg_error *lines_extract(const struct lsg_log *log,
				const struct oops_result *res,
				const struct file_result *fr,
				struct lines_crash *ret)
{
	size_t max = fr ? LINES_MAX : LINES_ALL_MAX;
	uint8_t *pick = calloc(log->nrecs ? log->nrecs : 1, 1);
	struct lines_crash c = { 0 };
	struct lsg_error *err;

	if (!pick)
		return &lsg_enomem;
	if (!fr) {
		memset(pick, PICK_ALL, log->nrecs);
	} else {
		size_t nev = pick_events(log, res, pick);

		pick_file(fr, log, res, pick, nev < max ? max - nev : 0);
	}
	cap_picks(pick, log->nrecs, max);
	err = copy_events(res, &c);
	if (!err)
		err = copy_lines(log, res, pick, max, &c);
	free(pick);
	if (err) {
		lines_crash_deinit(&c);
		return err;
	}
	*ret = c;
	return NULL;
}

struct lsg_error *lines_from_log(struct file_ctx *fctx,
				 const struct lsg_log *log,
				 const struct oops_result *res,
				 struct lines_crash *ret)
{
	struct file_result *fr = NULL;
	struct lsg_error *err = fctx ? file_extract(fctx, log, res, &fr) :
				       NULL;

	if (!err)
		err = lines_extract(log, res, fr, ret);
	file_result_destroy(fr);
	return err;
}

void lines_crash_deinit(struct lines_crash *c)
{
	for (size_t i = 0; i < c->nlines; i++)
		free(c->lines[i].text);
	for (size_t i = 0; i < c->nevents; i++)
		free(c->events[i].title);
	free(c->lines);
	free(c->events);
	memset(c, 0, sizeof(*c));
}
