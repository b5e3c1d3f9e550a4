/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LogRule, as the rule-mining baselines of log diagnosis describe it:
 * association rules "log template => failure class" mined from labeled
 * crashes (support at least MIN_SUPPORT crashes, confidence at least
 * MIN_CONFIDENCE); a new crash gets the class of its most confident rule
 * (more support breaks a tie), or unknown when no rule fires.
 */
#include <stdlib.h>

#include "bag.h"
#include "rca.h"

static const unsigned MIN_SUPPORT = 2;
static const double MIN_CONFIDENCE = 0.8;

struct lr_rule {
	uint32_t key;
	int class;
	double confidence;
	unsigned support;
};

struct lr_state {
	struct lr_rule *rules;	/* sorted by key */
	size_t n;
};

static int rule_cmp(const void *a, const void *b)
{
	const struct lr_rule *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void lr_destroy(void *state)
{
	struct lr_state *s = state;

	if (s)
		free(s->rules);
	free(s);
}

/* Count, per template, the crashes of each class holding it. */
static struct lsg_error *lr_mine(struct lr_state *s, const struct bag *all,
				 const int *label, const struct bag *bags,
				 size_t n, size_t nclasses)
{
	for (size_t k = 0; k < all->n; k++) {
		unsigned cnt[RCA_MAX_CLASSES] = { 0 }, tot = 0;
		size_t best = 0;

		for (size_t i = 0; i < n; i++)
			if (bag_has(&bags[i], all->key[k])) {
				cnt[label[i]]++;
				tot++;
			}
		for (size_t c = 1; c < nclasses; c++)
			if (cnt[c] > cnt[best])
				best = c;
		if (cnt[best] < MIN_SUPPORT ||
		    (double)cnt[best] / tot < MIN_CONFIDENCE)
			continue;
		s->rules[s->n++] = (struct lr_rule){
			all->key[k], (int)best, (double)cnt[best] / tot,
			cnt[best] };
	}
	return NULL;
}

static struct lsg_error *lr_train(const struct rca_method *me,
				  const struct rca_train_set *t, void **ret)
{
	struct lr_state *s = calloc(1, sizeof(*s));
	struct bag_set set = { 0 };
	struct bag_idf all = { 0 };
	struct lsg_error *err = s ? NULL : &lsg_enomem;

	(void)me;
	if (!err)
		err = bag_set_of(t->crash, t->label, t->n, BAG_TEMPLATES, &set);
	if (!err)
		err = bag_idf_build(set.bags, set.n, &all);
	if (!err) {
		s->rules = calloc(all.df.n + 1, sizeof(*s->rules));
		err = s->rules ? lr_mine(s, &all.df, set.label, set.bags,
					 set.n, t->nclasses) : &lsg_enomem;
	}
	if (!err)
		qsort(s->rules, s->n, sizeof(*s->rules), rule_cmp);
	bag_idf_deinit(&all);
	bag_set_deinit(&set);
	if (err) {
		lr_destroy(s);
		return err;
	}
	*ret = s;
	return NULL;
}

static int lr_predict(const void *state, const struct lines_crash *c)
{
	const struct lr_state *s = state;
	const struct lr_rule *best = NULL;
	struct bag b;
	struct lsg_error *err = bag_of(c, BAG_TEMPLATES, &b);

	if (err) {
		lsg_error_destroy(err);
		return -1;
	}
	for (size_t k = 0; k < b.n; k++) {
		struct lr_rule key = { .key = b.key[k] };
		const struct lr_rule *r = bsearch(&key, s->rules, s->n,
						  sizeof(*s->rules), rule_cmp);

		if (r && (!best || r->confidence > best->confidence ||
			  (r->confidence == best->confidence &&
			   r->support > best->support)))
			best = r;
	}
	bag_deinit(&b);
	return best ? best->class : -1;
}

const struct rca_method rca_logrule = {
	.key = "logrule",
	.title = "LogRule (re-implemented)",
	.train = lr_train,
	.predict = lr_predict,
	.destroy = lr_destroy,
};
