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
	int *truth = calloc(t->n + 1, sizeof(*truth));
	size_t *work = calloc(3 * t->n + 3, sizeof(*work));
	struct lsg_error *err = s && truth && work ? NULL : &lsg_enomem;

	(void)me;
	if (!err) {
		s->bags = calloc(t->n + 1, sizeof(*s->bags));
		s->label = calloc(t->n + 1, sizeof(*s->label));
		err = s->bags && s->label ? NULL : &lsg_enomem;
	}
	for (size_t i = 0; !err && i < t->n; i++)
		if (t->label[i] >= 0) {
			truth[s->n] = t->label[i];
			err = bag_of(t->crash[i], BAG_TEMPLATES | BAG_WORDS,
				     &s->bags[s->n++]);
		}
	if (!err)
		err = bag_idf_build(s->bags, s->n, &s->idf);
	if (!err) {
		for (size_t i = 0; i < s->n; i++)
			bag_idf_apply(&s->idf, &s->bags[i]);
		dbscan(s, work, work + t->n + 1, work + 2 * t->n + 2);
		label_clusters(s, truth, work, t->nclasses);
	}
	free(truth);
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
	double best = -1;
	int label = -1;
	struct bag b;
	struct lsg_error *err = bag_of(c, BAG_TEMPLATES | BAG_WORDS, &b);

	if (err) {
		lsg_error_destroy(err);
		return -1;
	}
	bag_idf_apply(&s->idf, &b);
	for (size_t i = 0; i < s->n; i++) {
		double sim = bag_cosine(&b, &s->bags[i]);

		if (sim > best) {
			best = sim;
			label = s->label[i];
		}
	}
	bag_deinit(&b);
	return label;
}

const struct rca_method rca_logkg = {
	.key = "logkg",
	.title = "LogKG (re-implemented)",
	.train = kg_train,
	.predict = kg_predict,
	.destroy = kg_destroy,
};
