/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * FILE as the authors' public code does it (AIOps-Lab-NKU/LogSage):
 * DBSCAN over the lines' timestamps with eps 0.5 s, and the last cluster
 * before the panic kept whole.  On one dimension with min_samples 1,
 * DBSCAN's clusters are the runs of lines less than eps apart, so the
 * last cluster is found by walking back from the panic line until a gap
 * of more than eps.  Lines without a timestamp belong to no cluster.
 */
#include <string.h>

#include "file_internal.h"
#include "parse/textlog.h"

static const uint64_t published_eps_ns = 500000000;

/* The panic line of the fatal event, else its header, else the last. */
static size_t anchor(const struct lsg_log *log, const struct oops_result *res)
{
	const struct oops_event *ev = file_fatal_event(res);
	size_t i;

	if (ev) {
		for (i = ev->first_rec; i <= ev->last_rec; i++)
			if (lsg_log_text(log, i)[0] == 'K' &&
			    log->recs[i].text_len > 12 &&
			    !memcmp(lsg_log_text(log, i), "Kernel panic", 12))
				return i;
		for (i = ev->first_rec; i <= ev->last_rec; i++)
			if (log->recs[i].seq == ev->header_seq)
				return i;
	}
	for (i = log->nrecs; i-- > 0;)
		if (log->recs[i].ts_nsec != TEXTLOG_TS_NONE)
			return i;
	return log->nrecs;
}

struct lsg_error *file_published(const struct lsg_log *log,
				 const struct oops_result *res,
				 struct file_result **ret)
{
	struct file_result *r = file_result_new(log->nrecs);
	size_t end = anchor(log, res), start;
	uint64_t t;

	if (!r)
		return &lsg_enomem;
	if (end < log->nrecs && log->recs[end].ts_nsec != TEXTLOG_TS_NONE) {
		t = log->recs[end].ts_nsec;
		for (start = end; start-- > 0;) {
			uint64_t u = log->recs[start].ts_nsec;

			if (u == TEXTLOG_TS_NONE)
				continue;
			if (u + published_eps_ns < t)
				break;
			t = u < t ? u : t;
		}
		for (size_t i = start + 1; i <= end; i++)
			if (log->recs[i].ts_nsec != TEXTLOG_TS_NONE &&
			    file_result_push(r, i, 1.0, "last burst before the panic")) {
				file_result_destroy(r);
				return &lsg_enomem;
			}
	}
	*ret = r;
	return NULL;
}
