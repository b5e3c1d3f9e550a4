/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Corpus reading on the real corpus (tests/corpus): every case loads, its
 * cause records exist in its log and hold the text the README names for
 * the class; manifests in other shapes (columns in another order, text
 * cases with cause_lines, bad ranges) are read or refused with a reason.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eval/corpus.h"
#include "harness.h"

static int has_seq(const struct lsg_log *log, uint64_t seq, size_t *idx)
{
	for (size_t i = 0; i < log->nrecs; i++)
		if (log->recs[i].seq == seq) {
			*idx = i;
			return 1;
		}
	return 0;
}

/* Every cause record is in the log; returns the count checked. */
static size_t check_causes(const struct corpus_case *cc)
{
	const struct corpus_entry *e = cc->entry;
	size_t n = 0, idx;

	for (size_t r = 0; r < e->ncause; r++)
		for (uint64_t s = e->cause[r].lo; s <= e->cause[r].hi; s++) {
			CHECK(has_seq(&cc->log, s, &idx));
			n++;
		}
	return n;
}

static void test_real_corpus(void)
{
	struct corpus *c;
	struct lsg_error *err = corpus_open("tests/corpus", &c);
	size_t ntrain = 0, ntest = 0, ncause = 0, idx;

	CHECK(!err);
	if (err)
		return;
	CHECK(c->ncases >= 280);
	for (size_t i = 0; i < c->ncases; i++) {
		struct corpus_case cc;
		const struct corpus_entry *e = &c->cases[i];

		err = corpus_load(c, i, &cc);
		CHECK(!err);
		if (err) {
			lsg_error_print(err, "test_corpus", stderr);
			lsg_error_destroy(err);
			continue;
		}
		CHECK(e->ncause > 0 && *e->class && cc.log.nrecs > 100);
		CHECK(cc.kernel && cc.log.has_seq);
		ncause += check_causes(&cc);
		ntrain += corpus_is_train(e);
		ntest += !strcmp(e->split, "test");
		/* The README's example: the storage-io cause is I/O errors. */
		if (!strcmp(e->name, "cloud-storage-io-s0002")) {
			CHECK(has_seq(&cc.log, e->cause[0].lo, &idx) &&
			      strstr(lsg_log_text(&cc.log, idx), "I/O error"));
			CHECK(!e->cause_is_symptom && e->seed == 2);
			CHECK_STR(e->variant, "errors-then-stall");
		}
		corpus_case_deinit(&cc);
	}
	CHECK(ntrain > 100 && ntest > 100 && ntrain + ntest == c->ncases);
	CHECK(ncause > c->ncases);
	corpus_destroy(c);
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(s, f);
		fclose(f);
	}
}

/*
 * A hand-made stand-in corpus: the format's corner cases (columns in
 * another order, a text case, runs "a-b") need a directory of their own.
 */
static void test_text_case(const char *dir)
{
	char path[512];
	struct corpus *c;
	struct corpus_case cc;
	struct lsg_error *err;

	snprintf(path, sizeof(path), "%s/cases/t1", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/cases/t1/log.txt", dir);
	write_file(path, "[    1.000000] a\n[    2.000000] I/O error\n\n"
		   "[    3.000000] Kernel panic - not syncing: x\n");
	snprintf(path, sizeof(path), "%s/manifest.tsv", dir);
	write_file(path, "split\tcause_lines\tcase\tclass\tsymptom_lines\n"
		   "test\t1,3-3\tt1\tstorage-io\t3\n");
	err = corpus_open(dir, &c);
	CHECK(!err);
	if (err)
		return;
	CHECK(c->ncases == 1 && c->cases[0].text);
	CHECK(c->cases[0].seed == -1 && c->cases[0].cause_is_symptom);
	err = corpus_load(c, 0, &cc);
	CHECK(!err);
	if (!err) {
		CHECK(cc.log.nrecs == 4 && !cc.kernel);
		CHECK(corpus_is_cause(cc.entry, 1) &&
		      !corpus_is_cause(cc.entry, 2) &&
		      corpus_is_cause(cc.entry, 3));
		CHECK(!memcmp(lsg_log_text(&cc.log, 1), "I/O error", 9));
		corpus_case_deinit(&cc);
	}
	corpus_destroy(c);
}

static void test_bad_manifests(const char *dir)
{
	static const char *const bad[][2] = {
		{ "class\tcause_seqs\nx\t1\n", "no \"case\" column" },
		{ "case\tcause_seqs\nx\t5-2\n", "line 2: case x: bad range" },
		{ "case\tcause_seqs\nx\t1,,2\n", "bad range" },
		{ "case\tcause_seqs\n../x\t1\n", "bad case name" },
	};
	char path[512];

	snprintf(path, sizeof(path), "%s/manifest.tsv", dir);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct corpus *c = NULL;
		struct lsg_error *err;

		write_file(path, bad[i][0]);
		err = corpus_open(dir, &c);
		CHECK(err && err->code == LSG_ERR_INVALID &&
		      strstr(err->message, bad[i][1]));
		if (err && !strstr(err->message, bad[i][1]))
			fprintf(stderr, "message: %s\n", err->message);
		lsg_error_destroy(err);
		corpus_destroy(c);
	}
}

static void test_missing(const char *dir)
{
	struct corpus *c;
	struct corpus_case cc;
	struct lsg_error *err;
	char path[512];

	snprintf(path, sizeof(path), "%s/manifest.tsv", dir);
	write_file(path, "case\tcause_seqs\nabsent\t1\n");
	err = corpus_open(dir, &c);
	CHECK(!err);
	if (err)
		return;
	err = corpus_load(c, 0, &cc);
	CHECK(err && strstr(err->message, "case absent"));
	lsg_error_destroy(err);
	corpus_destroy(c);
	err = corpus_open("/nonexistent-corpus", &c);
	CHECK(err && err->code == LSG_ERR_OS);
	lsg_error_destroy(err);
}

int main(void)
{
	char dir[] = "/tmp/test_corpus.XXXXXX", path[512];

	if (access("tests/corpus/manifest.tsv", R_OK))
		return test_skip("tests/corpus not found (run from the top)");
	test_real_corpus();
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/cases", dir);
	mkdir(path, 0755);
	test_text_case(dir);
	test_bad_manifests(dir);
	test_missing(dir);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	CHECK(system(path) == 0);
	return test_exit();
}
