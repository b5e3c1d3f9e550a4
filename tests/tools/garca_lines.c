/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * garca_lines CORPUS CASE...: the lines GARCA reads from corpus cases
 * (seq, seconds, level, vocabularies matched, event, text), for looking into an
 * error of the evaluation.
 */
#include <stdio.h>
#include <string.h>

#include "garca/dataset.h"
#include "garca/vocab.h"

static void print_case(const struct dataset *d, size_t i)
{
	const struct lines_crash *c = &d->crash[i];

	printf("== %s (%s)\n", d->corpus->cases[i].name,
	       d->corpus->cases[i].class);
	for (size_t l = 0; l < c->nlines; l++)
		printf("%6llu %10.3f %d %05x %3zd %s\n",
		       (unsigned long long)c->lines[l].seq,
		       c->lines[l].ts_nsec == UINT64_MAX ? -1.0 :
		       (double)c->lines[l].ts_nsec / 1e9, c->lines[l].level,
		       vocab_match(c->lines[l].text, c->lines[l].mca),
		       c->lines[l].event == LINES_NONE ? (ssize_t)-1 :
						 (ssize_t)c->lines[l].event,
		       c->lines[l].text);
	for (size_t e = 0; e < c->nevents; e++)
		printf("event %zu %s%s\n", e, c->events[e].title,
		       c->events[e].fatal ? " (fatal)" : "");
}

int main(int argc, char **argv)
{
	struct file_ctx *fctx = NULL;
	struct dataset d;
	struct lsg_error *err;

	if (argc < 3) {
		fprintf(stderr, "usage: garca_lines CORPUS CASE...\n");
		return 2;
	}
	err = file_ctx_create(NULL, &fctx);
	if (!err)
		err = dataset_load(argv[1], fctx, DATASET_LEARN_ALL, &d);
	if (err) {
		lsg_error_print(err, "garca_lines", stderr);
		return 1;
	}
	for (int a = 2; a < argc; a++)
		for (size_t i = 0; i < d.n; i++)
			if (!strcmp(d.corpus->cases[i].name, argv[a]))
				print_case(&d, i);
	dataset_deinit(&d);
	file_ctx_destroy(fctx);
	return 0;
}
