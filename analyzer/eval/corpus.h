/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Labeled corpora of crashes (tests/corpus/README.md, DESIGN §7): a
 * directory with manifest.tsv and cases/CASE/, each case either a bundle
 * (bundle.zst or bundle.json, cause given as record seqs in cause_seqs)
 * or a text log (log.txt, any text textlog reads, cause given as 0-based
 * line indexes in cause_lines).  Any directory in this format is read,
 * not only ours: manifest columns are found by header name, only "case"
 * is required, and a case's label columns may be empty.
 *
 * A text log has one record per line and textlog numbers records from 0,
 * so a line index is the record's seq: both kinds of label end up as
 * record seqs of the loaded log.
 *
 * Usage:
 *	struct corpus *c;
 *	corpus_open("tests/corpus", &c);
 *	for (i = 0; i < c->ncases; i++) {
 *		struct corpus_case cc;
 *		corpus_load(c, i, &cc);
 *		... cc.log, corpus_is_cause(&c->cases[i], seq) ...
 *		corpus_case_deinit(&cc);
 *	}
 *	corpus_destroy(c);
 */
#ifndef LSG_CORPUS_H
#define LSG_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "log.h"

/* A closed range of record seqs, [lo, hi]. */
struct corpus_range {
	uint64_t lo, hi;
};

/* One manifest row.  Strings are "" when the column is absent. */
struct corpus_entry {
	const char *name;	/* directory under cases/ */
	const char *class;
	const char *variant;
	const char *kernel;
	const char *split;	/* "train", "test" or "" */
	long seed;		/* -1 when absent */
	int cause_is_symptom;	/* 1 unless the column says "false" */
	int text;		/* labels are line indexes (cause_lines) */
	struct corpus_range *cause, *symptom;
	size_t ncause, nsymptom;
};

struct corpus {
	char *dir;
	struct corpus_entry *cases;	/* in manifest order */
	size_t ncases;
	char *strings;		/* the manifest text the entries point into */
};

/* One loaded case: its log and, for a bundle, its kernel and host. */
struct corpus_case {
	const struct corpus_entry *entry;	/* borrowed from the corpus */
	struct lsg_log log;
	json_t *kernel, *host;	/* owned references; NULL for text logs */
};

/**
 * corpus_open() - read @dir/manifest.tsv.  Free with corpus_destroy().
 * Errors: LSG_ERR_OS (no manifest), LSG_ERR_INVALID naming the line and
 * column of a malformed row (no "case" column, a bad range, a row with
 * neither a bundle nor a log.txt is found only by corpus_load()),
 * &lsg_enomem.
 */
struct lsg_error *corpus_open(const char *dir, struct corpus **ret);

/** corpus_destroy() - free @c; NULL is fine. */
void corpus_destroy(struct corpus *c);

/**
 * corpus_load() - read case @i: cases/NAME/log.txt when the entry is a
 * text case or has no bundle, else bundle.zst or bundle.json.  @ret is
 * written on success only; free with corpus_case_deinit().  Errors name
 * the case.
 */
struct lsg_error *corpus_load(const struct corpus *c, size_t i,
			      struct corpus_case *ret);

/** corpus_case_deinit() - free what corpus_load() filled in. */
void corpus_case_deinit(struct corpus_case *cc);

/** corpus_in_ranges() - whether @seq lies in one of the @n ranges. */
int corpus_in_ranges(const struct corpus_range *r, size_t n, uint64_t seq);

/** corpus_is_cause() - whether record @seq is one of @e's cause records. */
static inline int corpus_is_cause(const struct corpus_entry *e, uint64_t seq)
{
	return corpus_in_ranges(e->cause, e->ncause, seq);
}

/** corpus_is_train() - the case is in the train split ("train"). */
int corpus_is_train(const struct corpus_entry *e);

#endif
