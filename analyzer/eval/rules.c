/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Our own rules baseline: kernel-message keywords, checked cause first.
 * Hardware and resource causes (machine checks, fatal PCIe errors, the
 * global OOM killer, block I/O errors before a hang) are looked for
 * before the symptom that took the machine down (a hung task, a NULL
 * dereference, a lockup), so a hung task after disk errors is storage-io.
 * The keywords are the kernel's own messages, nothing of one corpus.
 * Nothing is learned: training only checks its input.
 */
#include <string.h>

#include "garca/vocab.h"
#include "rca.h"

struct rule {
	const char *class;
	unsigned all;		/* every one of these vocabularies */
	unsigned any;		/* and one of these, when set */
};

#define V(k) (1u << VOCAB_##k)

/* Causes first, then symptoms. */
static const struct rule rules[] = {
	{ "hw-memory", V(MCE_FATAL) | V(MCE_MEMORY), 0 },
	{ "hw-cpu", V(MCE_FATAL), 0 },
	{ "hw-pcie", V(PCIE_FATAL), 0 },
	{ "warn-panic", V(WARN_PANIC), 0 },
	{ "oom", V(OOM_GLOBAL), 0 },
	{ "stack-overflow", V(STACK), 0 },
	{ "memory-corruption", V(CORRUPT), 0 },
	{ "storage-io", V(IO_ERROR), V(HUNG) | V(FS_ERROR) },
	{ "manual", V(MANUAL), 0 },
	{ "lockup", V(LOCKUP), 0 },
	{ "hung-task", V(HUNG), 0 },
	{ "assertion", V(ASSERT), 0 },
	{ "null-deref", V(NULL), 0 },
};

static unsigned crash_vocab(const struct lines_crash *c)
{
	unsigned bits = 0;

	for (size_t i = 0; i < c->nlines; i++)
		bits |= vocab_match(c->lines[i].text, c->lines[i].mca);
	for (size_t e = 0; e < c->nevents; e++)
		bits |= vocab_match(c->events[e].title, NULL);
	return bits;
}

static struct lsg_error *rules_train(const struct rca_method *me,
				     const struct rca_train_set *t,
				     void **ret)
{
	(void)me;
	(void)t;
	*ret = NULL;
	return NULL;
}

static int rules_predict(const void *state, const struct lines_crash *c)
{
	unsigned bits = crash_vocab(c);

	(void)state;
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++)
		if ((bits & rules[r].all) == rules[r].all &&
		    (!rules[r].any || (bits & rules[r].any)))
			return dataset_class(rules[r].class);
	return -1;
}

static void rules_destroy(void *state)
{
	(void)state;
}

const struct rca_method rca_rules = {
	.key = "rules",
	.title = "keyword rules, cause before symptom (ours)",
	.train = rules_train,
	.predict = rules_predict,
	.destroy = rules_destroy,
};
