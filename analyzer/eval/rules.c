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

#include "rca.h"

struct rule {
	const char *class;
	const char *const *any;	/* one of these in a line */
	const char *const *also;	/* and, when set, one of these in any */
};

static const char *const mce_fatal[] = {
	"Fatal machine check", "Machine Check Exception",
	"Not all CPUs entered broadcast exception handler",
	"Fatal local machine check", NULL };
static const char *const mce_memory[] = {
	" ADDR ", "Memory read error", "memory error", "EDAC", NULL };
static const char *const pcie[] = {
	"Uncorrected (Fatal)", "severity=Uncorrected (Fatal)",
	"Surprise Down", NULL };
static const char *const warn_panic[] = { "panic_on_warn", NULL };
static const char *const oom[] = {
	"Out of memory: Killed process", "Out of memory and no killable",
	"panic_on_oom", "page allocation failure", NULL };
static const char *const stack[] = {
	"stack guard page was hit", "kernel stack overflow",
	"stack-protector", "corrupted stack end", NULL };
static const char *const corrupt[] = {
	"use-after-free", "double-free", "double free", "list_del corruption",
	"list_add corruption", "Bad page", "slab-out-of-bounds",
	"kernel BUG at mm/slub.c", "Poison overwritten", "Redzone", NULL };
static const char *const io_error[] = {
	"I/O error, dev", "Buffer I/O error", "critical medium error",
	NULL };
static const char *const io_symptom[] = {
	"blocked for more than", "EXT4-fs error", "Aborting journal",
	"Remounting filesystem read-only", NULL };
static const char *const manual[] = {
	"sysrq: Trigger a crash", "SysRq : Trigger a crash",
	"sysrq triggered crash", "NMI: Not continuing",
	"Uhhuh. NMI received", NULL };
static const char *const lockup[] = {
	"soft lockup", "hard LOCKUP", "detected stalls", "self-detected stall",
	"softlockup: hung tasks", "hardlockup", NULL };
static const char *const hung[] = { "blocked for more than", NULL };
static const char *const assertion[] = {
	"kernel BUG at", "invalid opcode", NULL };
static const char *const null_deref[] = { "NULL pointer dereference", NULL };

/* Causes first, then symptoms. */
static const struct rule rules[] = {
	{ "hw-memory", mce_memory, mce_fatal },
	{ "hw-cpu", mce_fatal, NULL },
	{ "hw-pcie", pcie, NULL },
	{ "warn-panic", warn_panic, NULL },
	{ "oom", oom, NULL },
	{ "stack-overflow", stack, NULL },
	{ "memory-corruption", corrupt, NULL },
	{ "storage-io", io_error, io_symptom },
	{ "manual", manual, NULL },
	{ "lockup", lockup, NULL },
	{ "hung-task", hung, NULL },
	{ "assertion", assertion, NULL },
	{ "null-deref", null_deref, NULL },
};

static int has(const struct lines_crash *c, const char *const *words)
{
	for (size_t i = 0; i < c->nlines; i++)
		for (size_t w = 0; words[w]; w++)
			if (strstr(c->lines[i].text, words[w]))
				return 1;
	for (size_t e = 0; e < c->nevents; e++)
		for (size_t w = 0; words[w]; w++)
			if (strstr(c->events[e].title, words[w]))
				return 1;
	return 0;
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
	(void)state;
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++)
		if (has(c, rules[r].any) &&
		    (!rules[r].also || has(c, rules[r].also)))
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
