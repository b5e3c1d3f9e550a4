/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Issue 14: on every case of the labeled corpora (tests/corpus, real
 * crashes of Debian 6.1 kernels, and tests/corpus-6.12, of 6.12 kernels,
 * bundles and text logs, with background noise), the report's fatal
 * event is the symptom the case was made to produce and the report is
 * titled by it.  Ground truth is only the manifest's symptom column: the
 * fatal event must span the first symptom record, and the report's title
 * must be that event's title; and no report is flagged corrupted (each is
 * a whole ring read from a dump, or a whole console log).  Prints the
 * shares per corpus and class.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/corpus.h"
#include "harness.h"
#include "report/report.h"

static const char *const corpora[] = { "tests/corpus", "tests/corpus-6.12" };

enum { MAX_CLASSES = 32 };

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

static json_t *analyze_case(struct report_ctx *rc, const struct corpus *c,
			    size_t i)
{
	struct corpus_case cc;
	struct lsg_error *err;
	json_t *report = NULL;

	err = corpus_load(c, i, &cc);
	if (!err) {
		err = report_build(rc, &cc.log, cc.kernel, cc.host, &report);
		corpus_case_deinit(&cc);
	}
	if (err) {
		fprintf(stderr, "%s: %s\n", c->cases[i].name, err->message);
		lsg_error_destroy(err);
		return NULL;
	}
	return report;
}

static void check_case(struct report_ctx *rc, struct class_count *cc,
		       const struct corpus *c, size_t i, long long sym)
{
	const char *name = c->cases[i].name;
	json_t *report = analyze_case(rc, c, i);
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

static void check_corpus(struct report_ctx *rc, const char *dir)
{
	static struct tally t;
	struct lsg_error *err;
	struct corpus *c;

	err = corpus_open(dir, &c);
	CHECK(!err);
	if (err) {
		fprintf(stderr, "%s\n", err->message);
		lsg_error_destroy(err);
		return;
	}
	memset(&t, 0, sizeof(t));
	for (size_t i = 0; i < c->ncases; i++) {
		const struct corpus_entry *e = &c->cases[i];
		struct class_count *cc = class_of(&t, e->class);

		CHECK(cc && e->nsymptom);
		if (cc && e->nsymptom)
			check_case(rc, cc, c, i, (long long)e->symptom[0].lo);
	}
	printf("%s: %zu cases\n", dir, c->ncases);
	print_shares(&t);
	for (size_t i = 0; i < t.n; i++) {
		CHECK(t.c[i].title_ok == t.c[i].cases);
		CHECK(!t.c[i].corrupted);
	}
	corpus_destroy(c);
}

int main(void)
{
	struct report_ctx *rc;
	struct lsg_error *err;

	err = report_ctx_create(NULL, &rc);
	CHECK(!err);
	if (err)
		return test_exit();
	for (size_t i = 0; i < sizeof(corpora) / sizeof(corpora[0]); i++)
		check_corpus(rc, corpora[i]);
	report_ctx_destroy(rc);
	return test_exit();
}
