/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Issue 14: on every case of the labeled corpus (tests/corpus, real
 * crashes of Debian 6.1 kernels with background noise), the report's
 * fatal event is the symptom the case was made to produce and the report
 * is titled by it.  Ground truth is only the manifest's symptom_seqs
 * column: the fatal event must span the first symptom record, and the
 * report's title must be that event's title; and no report is flagged
 * corrupted (each is a whole ring read from a dump).  Prints the shares
 * per class.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "harness.h"
#include "ingest/ingest.h"
#include "report/report.h"

#define CORPUS "tests/corpus"

enum { MAX_CLASSES = 32, LINE_MAX_LEN = 1024 };

struct class_count {
	char name[64];
	unsigned cases, fatal_ok, title_ok, corrupted;
};

struct tally {
	struct class_count c[MAX_CLASSES];
	size_t n;
};

static struct class_count *class_of(struct tally *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->c[i].name, name))
			return &t->c[i];
	if (t->n == MAX_CLASSES)
		return NULL;
	snprintf(t->c[t->n].name, sizeof(t->c[t->n].name), "%s", name);
	return &t->c[t->n++];
}

/* The lowest seq of "a-b,c,...", or -1 when the column is empty. */
static long long first_seq(const char *ranges)
{
	long long lo = -1;

	for (const char *p = ranges; *p; p++) {
		char *end;
		long long v;

		if (!isdigit((unsigned char)*p))
			continue;
		v = strtoll(p, &end, 10);
		if (lo < 0 || v < lo)
			lo = v;
		p = end - 1;
	}
	return lo;
}

/* The one event marked fatal, or NULL when none or several are. */
static const json_t *fatal_event(const json_t *report)
{
	const json_t *ev, *found = NULL;
	size_t i;

	json_array_foreach(json_object_get(report, "events"), i, ev) {
		if (!json_is_true(json_object_get(ev, "fatal")))
			continue;
		if (found)
			return NULL;
		found = ev;
	}
	return found;
}

static json_t *analyze_case(struct report_ctx *rc, const char *name)
{
	char path[512];
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	json_t *report = NULL;
	size_t len;
	char *buf;

	snprintf(path, sizeof(path), CORPUS "/cases/%s/bundle.zst", name);
	err = fileio_read_file(path, (size_t)64 << 20, &buf, &len);
	if (!err) {
		err = ingest_decode(buf, len, NULL, &why, &b);
		free(buf);
	}
	if (!err) {
		err = report_build(rc, &b.log, b.kernel, b.host, &report);
		ingest_bundle_deinit(&b);
	}
	if (err) {
		fprintf(stderr, "%s: %s\n", name, err->message);
		lsg_error_destroy(err);
		return NULL;
	}
	return report;
}

static void check_case(struct report_ctx *rc, struct class_count *cc,
		       const char *name, long long sym)
{
	json_t *report = analyze_case(rc, name);
	const json_t *ev = report ? fatal_event(report) : NULL;
	const char *title = json_string_value(json_object_get(report,
							      "title"));
	const char *ev_title = json_string_value(json_object_get(ev, "title"));
	int fatal_ok, title_ok;

	CHECK(report != NULL);
	fatal_ok = ev && json_integer_value(json_object_get(ev, "first_seq"))
				 <= sym &&
		   sym <= json_integer_value(json_object_get(ev, "last_seq"));
	title_ok = fatal_ok && title && !strcmp(title, ev_title);
	cc->cases++;
	cc->fatal_ok += fatal_ok;
	cc->title_ok += title_ok;
	/* Every case is a whole ring read from a dump: nothing is cut. */
	cc->corrupted += json_is_true(json_object_get(report, "corrupted"));
	if (!title_ok)
		printf("MISS %s: symptom seq %lld, fatal event %s (seq %lld%s), "
		       "title \"%s\"\n", name, sym,
		       ev_title ? ev_title : "none",
		       (long long)json_integer_value(json_object_get(ev,
								    "seq")),
		       fatal_ok ? "" : ", not the symptom",
		       title ? title : "");
	json_decref(report);
}

/* Columns: case class variant kernel seed split cause symptom c_is_s. */
static int parse_row(char *line, char **col, int ncol)
{
	int n = 0;

	line[strcspn(line, "\n")] = '\0';
	for (char *p = line; n < ncol; n++) {
		col[n] = p;
		p = strchr(p, '\t');
		if (!p)
			return n + 1;
		*p++ = '\0';
	}
	return n;
}

static void print_shares(const struct tally *t)
{
	unsigned cases = 0, fatal = 0, title = 0, corrupted = 0;

	printf("%-20s %6s %18s %18s %10s\n", "class", "cases",
	       "fatal=symptom", "title=fatal's", "corrupted");
	for (size_t i = 0; i < t->n; i++) {
		const struct class_count *c = &t->c[i];

		printf("%-20s %6u %8u (%5.1f%%) %8u (%5.1f%%) %10u\n",
		       c->name, c->cases, c->fatal_ok,
		       100.0 * c->fatal_ok / c->cases, c->title_ok,
		       100.0 * c->title_ok / c->cases, c->corrupted);
		cases += c->cases;
		corrupted += c->corrupted;
		fatal += c->fatal_ok;
		title += c->title_ok;
	}
	printf("%-20s %6u %8u (%5.1f%%) %8u (%5.1f%%) %10u\n", "all", cases,
	       fatal, 100.0 * fatal / cases, title, 100.0 * title / cases,
	       corrupted);
}

int main(void)
{
	FILE *f = fopen(CORPUS "/manifest.tsv", "r");
	static struct tally t;
	struct report_ctx *rc;
	char line[LINE_MAX_LEN];
	struct lsg_error *err;
	unsigned cases = 0, ok = 0;

	if (!f)
		return test_skip("no " CORPUS "/manifest.tsv");
	err = report_ctx_create(NULL, &rc);
	CHECK(!err);
	if (err)
		return test_exit();
	/* The header row names the columns. */
	CHECK(fgets(line, sizeof(line), f) && !strncmp(line, "case\t", 5));
	while (fgets(line, sizeof(line), f)) {
		char *col[9];
		struct class_count *cc;
		long long sym;

		if (parse_row(line, col, 9) != 9)
			continue;
		sym = first_seq(col[7]);
		cc = class_of(&t, col[1]);
		CHECK(cc && sym >= 0);
		if (!cc || sym < 0)
			continue;
		check_case(rc, cc, col[0], sym);
		cases++;
	}
	fclose(f);
	report_ctx_destroy(rc);
	print_shares(&t);
	for (size_t i = 0; i < t.n; i++) {
		ok += t.c[i].title_ok;
		CHECK(t.c[i].corrupted == 0);
	}
	CHECK(cases > 0);
	CHECK(ok == cases);
	return test_exit();
}
