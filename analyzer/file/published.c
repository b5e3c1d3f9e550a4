/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * FILE as the authors' public code does it (AIOps-Lab-NKU/LogSage,
 * src/FILE_stage/cluster.py): the lines that carry a "[ seconds]"
 * timestamp are clustered by DBSCAN on the timestamp alone (eps 0.5 s,
 * min_samples 1) and the cluster with the highest label is kept whole.
 *
 * On one dimension with min_samples 1 every point is a core point, so a
 * cluster is a maximal run of timestamp values less than eps apart
 * (sklearn: distance <= eps).  Labels are given in input order, a new one
 * to each point not yet in a cluster, so the highest label is the cluster
 * whose first line comes latest in the log: in a crash log, the last
 * burst, the panic's.
 */
#include <stdlib.h>

#include "file_internal.h"
#include "parse/textlog.h"

static const uint64_t published_eps_ns = 500000000;

struct point {
	uint64_t ts;
	size_t rec;
};

static int cmp_ts(const void *a, const void *b)
{
	const struct point *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/*
 * The value-cluster of each point (runs of the sorted timestamps), and
 * of those the one whose first line in log order is the latest.
 */
static size_t last_labeled(struct point *p, size_t n, size_t *cluster)
{
	size_t *first = malloc((n ? n : 1) * sizeof(*first));
	size_t c = 0, best = 0;

	if (!first)
		return SIZE_MAX;
	qsort(p, n, sizeof(*p), cmp_ts);
	for (size_t i = 0; i < n; i++) {
		if (i && p[i].ts - p[i - 1].ts > published_eps_ns)
			c++;
		cluster[i] = c;
		first[c] = i && cluster[i - 1] == c && first[c] < p[i].rec ?
			   first[c] : p[i].rec;
	}
	for (size_t k = 1; k <= c && n; k++)
		if (first[k] > first[best])
			best = k;
	free(first);
	return best;
}

static int cmp_rec(const void *a, const void *b)
{
	const struct point *x = a, *y = b;

	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

struct lsg_error *file_published(const struct lsg_log *log,
				 const struct oops_result *res,
				 struct file_result **ret)
{
	struct file_result *r = file_result_new(log->nrecs);
	struct point *p = calloc(log->nrecs ? log->nrecs : 1, sizeof(*p));
	size_t *cluster = calloc(log->nrecs ? log->nrecs : 1,
				 sizeof(*cluster));
	size_t n = 0, best, k = 0;
	struct lsg_error *err = NULL;

	(void)res;	/* the published rule needs no parse */
	if (!r || !p || !cluster) {
		err = &lsg_enomem;
		goto out;
	}
	for (size_t i = 0; i < log->nrecs; i++)
		if (log->recs[i].ts_nsec != TEXTLOG_TS_NONE)
			p[n++] = (struct point){ log->recs[i].ts_nsec, i };
	best = last_labeled(p, n, cluster);
	if (best == SIZE_MAX) {
		err = &lsg_enomem;
		goto out;
	}
	/* The kept points, back in log order. */
	for (size_t i = 0; i < n; i++)
		if (cluster[i] == best)
			p[k++] = p[i];
	qsort(p, k, sizeof(*p), cmp_rec);
	for (size_t i = 0; i < k; i++)
		if (file_result_push(r, p[i].rec, 1.0,
				     "the last burst (published FILE)")) {
			err = &lsg_enomem;
			goto out;
		}
out:
	free(p);
	free(cluster);
	if (err) {
		file_result_destroy(r);
		return err;
	}
	*ret = r;
	return NULL;
}
