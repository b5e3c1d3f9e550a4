/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GARCA on real crashes of the corpus: the same seed gives the same model
 * bytes (SHA-256) whatever the thread count, another seed other bytes; the
 * model file reads back to the same bytes and the same predictions; a
 * damaged or newer file is refused with a named reason; a crash unlike
 * anything trained on is "unknown"; the case graph links each crash to
 * at most k others with weights summing to 1; a machine-check notice is
 * read with the records around it (real 6.12 logs: a record printed, and
 * one the corrected-error collector kept from the console); the indexed
 * vocabulary match finds what a strstr() per phrase does on every line.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "garca/active.h"
#include "garca/dataset.h"
#include "fileio.h"
#include "garca/garca_internal.h"
#include "garca/lines.h"
#include "garca/vocab.h"
#include "harness.h"
#include "parse/textlog.h"
#include "store/store.h"

/* Every third case: all classes, small enough for ASan. */
enum { STRIDE = 3 };

static struct garca_example ex[300];
static size_t nex;

static void model_hash(const struct garca_model *m, uint8_t md[32],
		       struct blob *keep)
{
	struct blob b = { 0 };
	struct sha256_ctx c;

	garca_save(m, &b);
	CHECK(!b.failed && b.len > 0);
	sha256_init(&c);
	sha256_update(&c, b.len, b.buf);
	sha256_digest(&c, 32, md);
	if (keep)
		*keep = b;
	else
		free(b.buf);
}

static struct garca_model *train(uint64_t seed, unsigned threads,
				 enum embed_kind kind)
{
	struct garca_hparams h;
	struct garca_model *m = NULL;
	struct lsg_error *err;

	garca_hparams_default(&h);
	h.seed = seed;
	h.threads = threads;
	h.embed = kind;
	h.epochs = 4;
	err = garca_train(&h, dataset_classes, dataset_nclasses, ex, nex,
			  NULL, 0, &m);
	CHECK(!err);
	lsg_error_destroy(err);
	return m;
}

static void check_determinism(enum embed_kind kind)
{
	struct garca_model *a = train(7, 1, kind), *b = train(7, 2, kind);
	struct garca_model *c = train(8, 2, kind);
	uint8_t ha[32], hb[32], hc[32];

	if (!a || !b || !c)
		goto out;
	model_hash(a, ha, NULL);
	model_hash(b, hb, NULL);
	model_hash(c, hc, NULL);
	CHECK(!memcmp(ha, hb, 32));
	CHECK(memcmp(ha, hc, 32));
	CHECK_STR(garca_corpus_hash(a), garca_corpus_hash(c));
out:
	garca_model_destroy(a);
	garca_model_destroy(b);
	garca_model_destroy(c);
}

static void check_round_trip(const struct dataset *d)
{
	struct garca_model *m = train(3, 2, EMBED_SKIPGRAM), *l = NULL;
	uint8_t h1[32], h2[32];
	struct blob b;
	struct lsg_error *err;

	if (!m)
		return;
	model_hash(m, h1, &b);
	err = garca_load(b.buf, b.len, &l);
	CHECK(!err);
	if (l) {
		model_hash(l, h2, NULL);
		CHECK(!memcmp(h1, h2, 32));
		for (size_t i = 1; i < d->n; i += 17) {
			struct garca_pred p1, p2;

			CHECK(!garca_predict(m, &d->crash[i], &p1));
			CHECK(!garca_predict(l, &d->crash[i], &p2));
			CHECK(p1.cls == p2.cls && p1.confidence == p2.confidence);
			CHECK(p1.nevidence > 0);
		}
	}
	/* truncated anywhere: a named error, never a crash */
	for (size_t cut = 0; cut < b.len; cut += 1 + b.len / 97) {
		struct garca_model *t = NULL;

		err = garca_load(b.buf, cut, &t);
		CHECK(err && err->code == LSG_ERR_CORRUPT && !t);
		lsg_error_destroy(err);
	}
	b.buf[4] = GARCA_MODEL_VERSION + 1;	/* a newer format */
	err = garca_load(b.buf, b.len, &l);
	CHECK(err && err->code == LSG_ERR_UNSUPPORTED &&
	      strstr(err->message, "version"));
	lsg_error_destroy(err);
	free(b.buf);
	garca_model_destroy(l);
	garca_model_destroy(m);
}

/*
 * A hand-made stand-in, as no real log can be "unlike any crash": lines of
 * a build log, with no crash event.
 */
static void check_unknown(void)
{
	static const char *const text[] = {
		"make[2]: Entering directory '/usr/src/app'",
		"CC      src/main.o", "LD      app",
		"make[2]: Leaving directory '/usr/src/app'",
	};
	struct lines_line l[4];
	struct lines_crash c = { .lines = l, .nlines = 4,
				 .fatal = LINES_NONE };
	struct garca_model *m = train(5, 2, EMBED_TFIDF);
	struct garca_pred p;

	for (size_t i = 0; i < 4; i++)
		l[i] = (struct lines_line){ (char *)(uintptr_t)text[i], i, i,
					    6, LINES_NONE, 0, NULL };
	if (!m)
		return;
	CHECK(!garca_predict(m, &c, &p));
	CHECK(p.cls == -1);
	CHECK(p.similarity < garca_hparams(m)->novelty);
	garca_model_destroy(m);
}

static void check_active(void)
{
	double z[4][2] = { { 1, 0 }, { 0.99, 0.1 }, { 0, 1 }, { 0.7, 0.7 } };
	const double *lab[1] = { z[0] };
	struct active_item it[3] = { { 0.1, z[1], 0 }, { 0.1, z[2], 0 },
				     { 0.9, z[3], 0 } };
	size_t pick[3];

	/* equally unsure: the one unlike the labeled crash first */
	CHECK(active_pick(it, 3, lab, 1, 2, 2, pick) == 2);
	CHECK(pick[0] == 1);
	CHECK(pick[1] == 0 || pick[1] == 2);
}

/* The model's classes are DESIGN §6.5's, the store's, but "unknown". */
static void check_classes(void)
{
	CHECK(dataset_nclasses == STORE_NCLASSES - 1);
	CHECK(dataset_class("unknown") < 0);
	for (size_t i = 0; i < STORE_NCLASSES; i++)
		if (strcmp(store_classes[i], "unknown"))
			CHECK(dataset_class(store_classes[i]) >= 0);
}

/* The class of the line of @path that holds @what: "" when none. */
static const char *mca_of(const struct oops_ctx *ctx, const char *path,
			  const char *what)
{
	struct lsg_log log;
	struct oops_result *res = NULL;
	struct lines_crash c = { 0 };
	const char *cls = "";
	char *text = NULL;
	size_t len;
	struct lsg_error *err = fileio_read_file(path, 1 << 24, &text, &len);

	if (!err)
		err = textlog_parse(text, len, &log, NULL);
	if (!err) {
		err = oops_parse(ctx, &log, &res);
		if (!err)
			err = lines_extract(&log, res, NULL, &c);
		lsg_log_deinit(&log);
	}
	CHECK(!err);
	lsg_error_destroy(err);
	for (size_t i = 0; i < c.nlines; i++)
		if (strstr(c.lines[i].text, what))
			cls = c.lines[i].mca ? c.lines[i].mca : "none";
	lines_crash_deinit(&c);
	oops_result_destroy(res);
	free(text);
	return cls;
}

static void check_mca_context(void)
{
	static const char cpu[] =
		"tests/corpus-6.12/cases/generic-hw-cpu-s0101-txt/log.txt";
	static const char mem[] =
		"tests/corpus-6.12/cases/generic-hw-memory-s0101-txt/log.txt";
	struct oops_ctx *ctx;

	CHECK(!oops_ctx_create(&ctx));
	/* a cache error printed after its notice: the notice is no class */
	CHECK_STR(mca_of(ctx, cpu, "events logged"), "none");
	CHECK_STR(mca_of(ctx, cpu, "Bank 0:"), "cache");
	CHECK(vocab_match("Machine check events logged", NULL) ==
	      (1u << VOCAB_MCE));
	/* nothing printed in the second around it: the collector took it */
	CHECK_STR(mca_of(ctx, mem, "events logged"), "memory");
	CHECK(vocab_match("Machine check events logged", "memory") &
	      (1u << VOCAB_MCE_MEMORY));
	oops_ctx_destroy(ctx);
}

/* The reference: a strstr() per phrase. */
static unsigned match_each(const char *text, const char *mca)
{
	unsigned bits = 0;
	size_t n = 0;

	for (int k = 0; k < VOCAB_COUNT; k++)
		for (const char *const *p = vocab_phrases(k); *p; p++, n++)
			if (strstr(text, *p))
				bits |= 1u << k;
	CHECK(n <= VOCAB_MAX_PHRASES);
	if (!mca)
		mca = vocab_mca_class(text);
	if (mca && !strcmp(mca, "memory"))
		bits |= 1u << VOCAB_MCE_MEMORY;
	return bits;
}

/* vocab_match() finds what a strstr() per phrase does, on every line. */
static void check_vocab_match(const struct dataset *d)
{
	static const char *const edge[] = {
		"", "[", "XFS", "XF", " ADDR", " ADDR ", "mce:mce:",
		"hard LOCKUP hardlockup", "xx soft lockup",
	};

	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		CHECK(vocab_match(edge[i], NULL) == match_each(edge[i], NULL));
	for (size_t i = 0; i < d->n; i++) {
		const struct lines_crash *c = &d->crash_all[i];

		for (size_t l = 0; l < c->nlines; l++)
			CHECK(vocab_match(c->lines[l].text, c->lines[l].mca) ==
			      match_each(c->lines[l].text, c->lines[l].mca));
		for (size_t e = 0; e < c->nevents; e++)
			CHECK(vocab_match(c->events[e].title, NULL) ==
			      match_each(c->events[e].title, NULL));
	}
}

int main(void)
{
	struct file_ctx *fctx = NULL;
	struct dataset d;
	struct lsg_error *err;

	check_classes();
	check_mca_context();
	err = file_ctx_create(NULL, &fctx);
	if (!err)
		err = dataset_load("tests/corpus", fctx, DATASET_LEARN_TRAIN,
				   &d);
	if (err) {
		lsg_error_print(err, "test_garca", stderr);
		lsg_error_destroy(err);
		file_ctx_destroy(fctx);
		return test_skip("tests/corpus not readable");
	}
	for (size_t i = 0; i < d.n && nex < 300; i += STRIDE)
		ex[nex++] = (struct garca_example){ &d.crash[i], d.label[i] };
	check_vocab_match(&d);
	check_determinism(EMBED_TFIDF);
	check_determinism(EMBED_SKIPGRAM);
	check_round_trip(&d);
	check_unknown();
	check_active();
	dataset_deinit(&d);
	file_ctx_destroy(fctx);
	return test_exit();
}
