/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LogKG (Sui et al., 2023), as its paper describes it: a failure is
 * represented by the log events and the entities they name (a knowledge
 * graph's nodes), weighted by how specific they are to the failure
 * (IDF over failures); failures are clustered by density (OPTICS; here
 * its DBSCAN cut at cosine distance EPS, MIN_PTS neighbours), an engineer
 * labels each cluster (here: its majority label), and a new failure takes
 * the label of the cluster of its nearest failure.  The knowledge-graph
 * embedding (TransE) of the paper is replaced by the sparse
 * event-and-entity vector it is trained from.
 */
#include <stdlib.h>

#include "bag.h"
#include "rca.h"

static const double EPS = 0.1;
enum { MIN_PTS = 2 };

struct kg_state {
	struct bag_idf idf;
	struct bag *bags;
	int *label;		/* of each failure's cluster */
	size_t n;
};

static void kg_destroy(void *state)
{
	struct kg_state *s = state;

	if (!s)
		return;
	for (size_t i = 0; s->bags && i < s->n; i++)
		bag_deinit(&s->bags[i]);
	bag_idf_deinit(&s->idf);
	free(s->bags);
	free(s->label);
	free(s);
}

static size_t neighbours(const struct kg_state *s, size_t i, size_t *ret)
{
	size_t k = 0;

	for (size_t j = 0; j < s->n; j++)
		if (j != i && 1 - bag_cosine(&s->bags[i], &s->bags[j]) <= EPS)
			ret[k++] = j;
	return k;
}

/* DBSCAN: cluster ids into @cl (noise keeps its own id). */
static void dbscan(const struct kg_state *s, size_t *cl, size_t *queue,
		   size_t *nb)
{
	size_t none = s->n;

	for (size_t i = 0; i < s->n; i++)
		cl[i] = none;
	for (size_t i = 0; i < s->n; i++) {
		size_t qn = 0, qh = 0;

		if (cl[i] != none)
			continue;
		cl[i] = i;
		if (neighbours(s, i, nb) + 1 < MIN_PTS)
			continue;
		queue[qn++] = i;
		while (qh < qn) {
			size_t p = queue[qh++], m = neighbours(s, p, nb);

			if (m + 1 < MIN_PTS)
				continue;
			for (size_t k = 0; k < m; k++)
				if (cl[nb[k]] == none) {
					cl[nb[k]] = i;
					queue[qn++] = nb[k];
				}
		}
	}
}

static void label_clusters(struct kg_state *s, const int *truth,
			   const size_t *cl, size_t nclasses)
{
	for (size_t i = 0; i < s->n; i++) {
		unsigned cnt[RCA_MAX_CLASSES] = { 0 };
		size_t best = 0;

		for (size_t j = 0; j < s->n; j++)
			if (cl[j] == cl[i])
				cnt[truth[j]]++;
		for (size_t c = 1; c < nclasses; c++)
			if (cnt[c] > cnt[best])
				best = c;
		s->label[i] = (int)best;
	}
}

static struct lsg_error *kg_train(const struct rca_method *me,
				  const struct rca_train_set *t, void **ret)
{
	struct kg_state *s = calloc(1, sizeof(*s));
	size_t *work = calloc(3 * t->n + 3, sizeof(*work));
	struct bag_set set = { 0 };
	struct lsg_error *err = s && work ? NULL : &lsg_enomem;

	(void)me;
	if (!err)
		err = bag_set_of(t->crash, t->label, t->n,
				 BAG_TEMPLATES | BAG_WORDS, &set);
	if (!err) {
		/* the state keeps the bags; their labels become clusters' */
		s->bags = set.bags;
		s->n = set.n;
		set.bags = NULL;
		s->label = calloc(s->n + 1, sizeof(*s->label));
		err = s->label ? bag_idf_build(s->bags, s->n, &s->idf) :
				 &lsg_enomem;
	}
	if (!err) {
		for (size_t i = 0; i < s->n; i++)
			bag_idf_apply(&s->idf, &s->bags[i]);
		dbscan(s, work, work + t->n + 1, work + 2 * t->n + 2);
		label_clusters(s, set.label, work, t->nclasses);
	}
	set.n = 0;
	bag_set_deinit(&set);
	free(work);
	if (err) {
		kg_destroy(s);
		return err;
	}
	*ret = s;
	return NULL;
}

static int kg_predict(const void *state, const struct lines_crash *c)
{
	const struct kg_state *s = state;
	double best;
	size_t k;
	struct bag b;
	struct lsg_error *err = bag_of(c, BAG_TEMPLATES | BAG_WORDS, &b);

	if (err) {
		lsg_error_destroy(err);
		return -1;
	}
	bag_idf_apply(&s->idf, &b);
	k = bag_nearest(&b, s->bags, s->n, &best);
	bag_deinit(&b);
	return k < s->n ? s->label[k] : -1;
}

const struct rca_method rca_logkg = {
	.key = "logkg",
	.title = "LogKG (re-implemented)",
	.train = kg_train,
	.predict = kg_predict,
	.destroy = kg_destroy,
};
