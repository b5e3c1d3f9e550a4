/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LogCluster (Lin et al., ICSE SEIP 2016), as the paper describes it: a
 * crash is a vector of its log event templates weighted by IDF;
 * agglomerative hierarchical clustering (average linkage on cosine
 * distance) stops at distance threshold 0.5; each cluster keeps the
 * member nearest its centroid as representative and, here, the majority
 * label of its members.  A new crash takes the label of the most similar
 * representative, or is a new problem (unknown) when none is within the
 * threshold.  The paper's contrast weights need normal-run logs, which a
 * crash corpus does not have, so IDF alone weighs the templates.
 */
#include <stdlib.h>

#include "bag.h"
#include "rca.h"

static const double THRESHOLD = 0.5;

struct lc_state {
	struct bag_idf idf;
	struct bag *rep;	/* one per cluster */
	int *label;
	size_t n;
};

static int majority(const int *label, const size_t *member, size_t n,
		    size_t nclasses)
{
	unsigned cnt[RCA_MAX_CLASSES] = { 0 };
	int best = -1;

	for (size_t i = 0; i < n; i++)
		if (label[member[i]] >= 0)
			cnt[label[member[i]]]++;
	for (size_t c = 0; c < nclasses; c++)
		if (cnt[c] && (best < 0 || cnt[c] > cnt[best]))
			best = (int)c;
	return best;
}

/* Average-linkage AHC over the similarity matrix @sim (n x n). */
static size_t ahc(double *sim, size_t n, size_t *cluster)
{
	size_t *size = malloc(n * sizeof(*size)), k = n;

	for (size_t i = 0; i < n; i++) {
		cluster[i] = i;
		size[i] = 1;
	}
	for (;;) {
		size_t a = n, b = n;
		double best = 1 - THRESHOLD;

		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; size[i] && j < n; j++)
				if (size[j] && sim[i * n + j] > best) {
					best = sim[i * n + j];
					a = i;
					b = j;
				}
		if (a == n)
			break;
		for (size_t j = 0; j < n; j++)
			if (size[j] && j != a && j != b)
				sim[a * n + j] = sim[j * n + a] =
					(sim[a * n + j] * size[a] +
					 sim[b * n + j] * size[b]) /
					(double)(size[a] + size[b]);
		for (size_t i = 0; i < n; i++)
			if (cluster[i] == b)
				cluster[i] = a;
		size[a] += size[b];
		size[b] = 0;
		k--;
	}
	free(size);
	return k;
}

static void lc_destroy(void *state)
{
	struct lc_state *s = state;

	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		bag_deinit(&s->rep[i]);
	bag_idf_deinit(&s->idf);
	free(s->rep);
	free(s->label);
	free(s);
}

/* The member of cluster @c nearest the others (the centroid's stand-in). */
static size_t representative(const double *sim0, const size_t *cluster,
			     size_t n, size_t c, size_t *members, size_t *nm)
{
	size_t best = n;
	double bs = -1;

	*nm = 0;
	for (size_t i = 0; i < n; i++)
		if (cluster[i] == c)
			members[(*nm)++] = i;
	for (size_t i = 0; i < *nm; i++) {
		double s = 0;

		for (size_t j = 0; j < *nm; j++)
			s += sim0[members[i] * n + members[j]];
		if (s > bs) {
			bs = s;
			best = members[i];
		}
	}
	return best;
}

static struct lsg_error *lc_cluster(struct lc_state *s, struct bag *bags,
				    const int *label, size_t n,
				    size_t nclasses)
{
	double *sim = malloc(2 * n * n * sizeof(*sim)), *sim0 = sim + n * n;
	size_t *cluster = malloc(2 * n * sizeof(*cluster)), *mem = cluster + n;

	if (!sim || !cluster) {
		free(sim);
		free(cluster);
		return &lsg_enomem;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			sim[i * n + j] = sim0[i * n + j] =
				bag_cosine(&bags[i], &bags[j]);
	ahc(sim, n, cluster);
	for (size_t c = 0; c < n; c++) {
		size_t nm, r = representative(sim0, cluster, n, c, mem, &nm);

		if (!nm)
			continue;
		s->label[s->n] = majority(label, mem, nm, nclasses);
		s->rep[s->n++] = bags[r];
		bags[r] = (struct bag){ 0 };
	}
	free(sim);
	free(cluster);
	return NULL;
}

static struct lsg_error *lc_train(const struct rca_method *me,
				  const struct rca_train_set *t, void **ret)
{
	struct lc_state *s = calloc(1, sizeof(*s));
	struct bag_set set = { 0 };
	struct lsg_error *err = s ? NULL : &lsg_enomem;

	(void)me;
	if (!err)
		err = bag_set_of(t->crash, t->label, t->n, BAG_TEMPLATES, &set);
	if (!err)
		err = bag_idf_build(set.bags, set.n, &s->idf);
	for (size_t i = 0; !err && i < set.n; i++)
		bag_idf_apply(&s->idf, &set.bags[i]);
	if (!err) {
		s->rep = calloc(set.n + 1, sizeof(*s->rep));
		s->label = calloc(set.n + 1, sizeof(*s->label));
		err = s->rep && s->label ? lc_cluster(s, set.bags, set.label,
						      set.n, t->nclasses) :
					   &lsg_enomem;
	}
	bag_set_deinit(&set);
	if (err) {
		lc_destroy(s);
		return err;
	}
	*ret = s;
	return NULL;
}

static int lc_predict(const void *state, const struct lines_crash *c)
{
	const struct lc_state *s = state;
	double best;
	size_t k;
	struct bag b;
	struct lsg_error *err = bag_of(c, BAG_TEMPLATES, &b);

	if (err) {
		lsg_error_destroy(err);
		return -1;
	}
	bag_idf_apply(&s->idf, &b);
	k = bag_nearest(&b, s->rep, s->n, &best);
	bag_deinit(&b);
	return k < s->n && best >= 1 - THRESHOLD ? s->label[k] : -1;
}

const struct rca_method rca_logcluster = {
	.key = "logcluster",
	.title = "LogCluster (re-implemented)",
	.train = lc_train,
	.predict = lc_predict,
	.destroy = lc_destroy,
};
