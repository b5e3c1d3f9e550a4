/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * FILE on the real corpus: the background learned from the train split,
 * the test split scored against its labeled cause lines (recall and share
 * kept held to the targets, so a regression fails), the published
 * last-burst variant's known blind spot, the summary of a crash whose
 * cause came half a minute before the panic, the LLM rewrite against a
 * local stand-in server (named as such: no model runs here), and the
 * templates' round trip through the store.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "eval/corpus.h"
#include "eval/evalfile.h"
#include "file/file.h"
#include "harness.h"
#include "parse/oops.h"
#include "store/store.h"

#define CORPUS "tests/corpus"
/* Another kernel, with text-log cases: the cross-kernel check. */
#define CORPUS_612 "tests/corpus-6.12"
/* errors-then-stall: I/O errors 28 s before a hung task panics. */
#define STALL_CASE "cloud-storage-io-s0002"

static struct oops_ctx *oops;

static double num(const json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

static void test_corpus_scores(struct file_ctx *ctx, const struct corpus *c)
{
	struct evalfile_method ours = { "file", ctx }, pub = { "pub", NULL };
	json_t *a = NULL, *b = NULL;
	size_t n = 0;

	CHECK(!evalfile_score(&ours, oops, c, 1, &n, &a));
	CHECK(!evalfile_score(&pub, oops, c, 1, &n, &b));
	if (!a || !b)
		goto out;
	printf("ours: recall %.3f kept %.3f median %.0f; published: "
	       "recall %.3f kept %.3f\n", num(a, "recall"), num(a, "kept"),
	       num(a, "median_lines"), num(b, "recall"), num(b, "kept"));
	/* The targets of issue 15, on the committed test split. */
	CHECK(n > 100);
	CHECK(num(a, "recall") >= 0.95);
	CHECK(num(a, "kept") <= 0.10);
	CHECK(num(a, "reduction") >= 0.90);
	/* Every class, not only the total. */
	for (const char *k = NULL, *cls[] = { "hw-pcie", "storage-io",
		"hw-cpu", "hw-memory", "oom", "lockup", NULL }, **p = cls;
	     (k = *p); p++)
		CHECK(num(json_object_get(json_object_get(a, "per_class"), k),
			  "recall") >= 0.95);
	/* A last burst misses causes that come long before the panic. */
	CHECK(num(b, "recall") < num(a, "recall"));
	CHECK(num(json_object_get(json_object_get(b, "per_class"), "hw-pcie"),
		  "recall") < 0.5);
out:
	json_decref(a);
	json_decref(b);
}

static size_t case_index(const struct corpus *c, const char *name)
{
	for (size_t i = 0; i < c->ncases; i++)
		if (!strcmp(c->cases[i].name, name))
			return i;
	return c->ncases;
}

/* The summary and fault lines of one corpus case. */
static json_t *summarize(struct file_ctx *ctx, const struct corpus *c,
			 const char *name, struct file_result **ret_r,
			 struct corpus_case *cc)
{
	size_t i = case_index(c, name);
	struct oops_result *res;
	json_t *s = NULL;

	*ret_r = NULL;
	if (i == c->ncases || corpus_load(c, i, cc))
		return NULL;
	if (!oops_parse(oops, &cc->log, &res)) {
		if (!file_extract(ctx, &cc->log, res, ret_r))
			s = file_summary(ctx, &cc->log, res, *ret_r, NULL);
		oops_result_destroy(res);
	}
	return s;
}

static void test_summary(struct file_ctx *ctx, const struct corpus *c)
{
	struct corpus_case cc;
	struct file_result *r;
	json_t *s = summarize(ctx, c, STALL_CASE, &r, &cc), *p, *lines;
	size_t i, found = 0;

	CHECK(s && r);
	if (!s || !r)
		goto out;
	printf("summary: %s\n", json_string_value(json_object_get(s, "text")));
	CHECK_STR(json_string_value(json_object_get(s, "source")),
		  "extractive");
	CHECK(strstr(json_string_value(json_object_get(s, "text")),
		     "I/O error"));
	json_array_foreach(json_object_get(s, "preceded_by"), i, p)
		if (!strcmp(json_string_value(json_object_get(p, "kind")),
			    "I/O error"))
			found = num(p, "seconds_before") > 10;
	CHECK(found);
	found = 0;
	for (i = 0; i < r->nlines; i++) {
		found += corpus_is_cause(cc.entry,
					 cc.log.recs[r->lines[i].rec].seq);
		CHECK(r->lines[i].reason && *r->lines[i].reason &&
		      r->lines[i].score > 0 && r->lines[i].score <= 1);
	}
	CHECK(found == 4);
	lines = file_result_json(r, &cc.log);
	CHECK(json_array_size(lines) == r->nlines);
	CHECK(json_object_get(json_array_get(lines, 0), "ts") &&
	      json_object_get(json_array_get(lines, 0), "seq"));
	json_decref(lines);
out:
	json_decref(s);
	file_result_destroy(r);
	if (s || r)
		corpus_case_deinit(&cc);
}

/*
 * A local stand-in for an OpenAI-compatible chat endpoint: answers with a
 * fixed rewrite, after @delay_ms, and notes whether the request carried
 * the extracted lines as evidence.
 */
struct standin {
	struct MHD_Daemon *d;
	unsigned port;
	unsigned delay_ms;
	int saw_evidence;
};

struct body {
	char *buf;
	size_t len;
};

static enum MHD_Result standin_serve(void *cls, struct MHD_Connection *conn,
				     const char *url, const char *method,
				     const char *version, const char *upload,
				     size_t *upload_size, void **state)
{
	static char answer[] = "{\"choices\":[{\"message\":{\"role\":"
		"\"assistant\",\"content\":\"Stand-in rewrite.\"}}]}";
	struct standin *s = cls;
	struct body *b = *state;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	(void)url, (void)method, (void)version;
	if (!b) {
		*state = calloc(1, sizeof(*b));
		return *state ? MHD_YES : MHD_NO;
	}
	if (*upload_size) {
		char *n = realloc(b->buf, b->len + *upload_size + 1);

		if (!n)
			return MHD_NO;
		memcpy(n + b->len, upload, *upload_size);
		b->len += *upload_size;
		n[b->len] = '\0';
		b->buf = n;
		*upload_size = 0;
		return MHD_YES;
	}
	s->saw_evidence = b->buf && strstr(b->buf, "I/O error, dev vda") &&
			  strstr(b->buf, "\"messages\"");
	free(b->buf);
	free(b);
	*state = NULL;
	usleep(s->delay_ms * 1000);
	resp = MHD_create_response_from_buffer(sizeof(answer) - 1,
					       answer,
					       MHD_RESPMEM_PERSISTENT);
	ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return ret;
}

static int standin_start(struct standin *s)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	const union MHD_DaemonInfo *info;

	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
				MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL,
				standin_serve, s, MHD_OPTION_SOCK_ADDR, &sa,
				MHD_OPTION_END);
	info = s->d ? MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT) :
		      NULL;
	s->port = info ? info->port : 0;
	return s->port ? 0 : -1;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* With the stand-in answering in time (@delay 0) or too late. */
static void llm_case(const struct corpus *c, unsigned delay_ms)
{
	struct standin s = { .delay_ms = delay_ms };
	struct file_opts o = { .llm_timeout_ms = 300 };
	struct file_ctx *ctx;
	struct corpus_case cc;
	struct file_result *r;
	char url[64];
	json_t *sum;
	double t0;

	CHECK(!standin_start(&s));
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/v1/chat/completions",
		 s.port);
	o.llm_url = url;
	CHECK(!file_ctx_create(&o, &ctx));
	t0 = now();
	sum = summarize(ctx, c, STALL_CASE, &r, &cc);
	t0 = now() - t0;
	CHECK(sum != NULL);
	if (!delay_ms) {
		CHECK_STR(json_string_value(json_object_get(sum, "source")), "llm");
		CHECK_STR(json_string_value(json_object_get(sum, "text")),
			  "Stand-in rewrite.");
		CHECK(json_string_value(json_object_get(sum, "extractive")));
		CHECK(s.saw_evidence);
	} else {
		/* Past the timeout the extractive summary stands. */
		CHECK_STR(json_string_value(json_object_get(sum, "source")),
			  "extractive");
		CHECK(!json_object_get(sum, "extractive"));
		CHECK(t0 < 0.3 + (double)delay_ms / 1e3);
	}
	json_decref(sum);
	file_result_destroy(r);
	corpus_case_deinit(&cc);
	file_ctx_destroy(ctx);
	MHD_stop_daemon(s.d);
}

/*
 * An analyzer that learned a log extracts from it with the classes its
 * memo kept for the lines: the same extraction as one that loaded the
 * same templates from @st and scans the lines' vocabulary.
 */
static void same_extraction(struct store *st, const struct corpus *c)
{
	struct file_result *ra = NULL, *rb = NULL;
	struct file_ctx *a, *b;
	struct oops_result *res;
	struct corpus_case cc;
	int same;

	CHECK(!corpus_load(c, case_index(c, STALL_CASE), &cc));
	CHECK(!oops_parse(oops, &cc.log, &res));
	CHECK(!file_ctx_create(NULL, &a) && !file_ctx_create(NULL, &b));
	CHECK(!file_learn(a, &cc.log) && !file_state_save(a, st));
	CHECK(!file_state_load(b, st));
	CHECK(!file_extract(a, &cc.log, res, &ra));
	CHECK(!file_extract(b, &cc.log, res, &rb));
	same = ra && rb && ra->nlines == rb->nlines && ra->nlines;
	for (size_t i = 0; same && i < ra->nlines; i++)
		same = ra->lines[i].rec == rb->lines[i].rec &&
		       ra->lines[i].score == rb->lines[i].score &&
		       ra->lines[i].reason == rb->lines[i].reason;
	CHECK(same);
	file_result_destroy(ra);
	file_result_destroy(rb);
	file_ctx_destroy(a);
	file_ctx_destroy(b);
	oops_result_destroy(res);
	corpus_case_deinit(&cc);
}

static void test_state(const struct corpus *c)
{
	char dir[] = "/tmp/test_file.XXXXXX", db[128];
	struct file_ctx *a, *b, *m;
	struct store *st;
	struct corpus_case cc;
	size_t na, nb, nm;
	uint64_t da, db_docs, dm;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/t.db", dir);
	CHECK(!store_open(db, &st));
	CHECK(!file_ctx_create(NULL, &a) && !file_ctx_create(NULL, &b) &&
	      !file_ctx_create(NULL, &m));
	/* Two analyzers learn different logs and both save: merged. */
	CHECK(!corpus_load(c, 0, &cc));
	CHECK(!file_learn(a, &cc.log));
	corpus_case_deinit(&cc);
	CHECK(!corpus_load(c, c->ncases - 1, &cc));
	CHECK(!file_learn(b, &cc.log));
	corpus_case_deinit(&cc);
	CHECK(!file_state_save(a, st));
	CHECK(!file_state_save(b, st));
	CHECK(!file_state_load(m, st));
	file_stats(a, &na, &da);
	file_stats(b, &nb, &db_docs);
	file_stats(m, &nm, &dm);
	CHECK(dm == 2 && db_docs == 2 && da == 1);
	CHECK(nm >= na && nm >= nb && nm == nb);
	/* Saving again without learning changes nothing. */
	CHECK(!file_state_save(b, st));
	CHECK(!file_state_load(a, st));
	file_stats(a, &na, &da);
	CHECK(da == 2 && na == nm);
	same_extraction(st, c);
	file_ctx_destroy(a);
	file_ctx_destroy(b);
	file_ctx_destroy(m);
	store_close(st);
	snprintf(db, sizeof(db), "rm -rf '%s'", dir);
	CHECK(system(db) == 0);
}

/*
 * Train on all of 6.1, score 6.12: overall, and its text-log cases alone
 * (console captures labeled by line), so both kinds of case are held to
 * the targets.
 */
static void test_cross_kernel(const struct corpus *c61)
{
	size_t n, lines, cause = 0, found = 0, ntext = 0;
	struct evalfile_method ours = { "file", NULL };
	struct file_ctx *ctx;
	struct corpus *c;
	double secs;
	json_t *j = NULL;

	if (corpus_open(CORPUS_612, &c)) {
		printf("no %s: cross-kernel check skipped\n", CORPUS_612);
		return;
	}
	CHECK(!file_ctx_create(NULL, &ctx));
	ours.ctx = ctx;
	CHECK(!evalfile_learn(ctx, c61, 0, &n, &lines, &secs));
	CHECK(!evalfile_score(&ours, oops, c, 0, &n, &j));
	printf("6.1 -> 6.12: %zu cases, recall %.3f kept %.3f\n", n,
	       num(j, "recall"), num(j, "kept"));
	CHECK(n >= 39 && num(j, "recall") >= 0.95 && num(j, "kept") <= 0.10);
	json_decref(j);
	for (size_t i = 0; i < c->ncases; i++) {
		struct corpus_case cc;
		struct oops_result *res;
		struct file_result *r;

		if (!c->cases[i].text || corpus_load(c, i, &cc))
			continue;
		ntext++;
		CHECK(!cc.kernel && !oops_parse(oops, &cc.log, &res));
		CHECK(!file_extract(ctx, &cc.log, res, &r));
		for (size_t k = 0; k < cc.log.nrecs; k++)
			cause += corpus_is_cause(cc.entry, cc.log.recs[k].seq);
		for (size_t k = 0; k < r->nlines; k++)
			found += corpus_is_cause(cc.entry,
				cc.log.recs[r->lines[k].rec].seq);
		file_result_destroy(r);
		oops_result_destroy(res);
		corpus_case_deinit(&cc);
	}
	printf("6.12 text cases: %zu, recall %.3f\n", ntext,
	       cause ? (double)found / (double)cause : 0.0);
	CHECK(ntext >= 10 && (double)found >= 0.95 * (double)cause);
	file_ctx_destroy(ctx);
	corpus_destroy(c);
}

/* Logs with nothing to find: no lines, no crash, no timestamps. */
static void test_empty(struct file_ctx *ctx)
{
	struct lsg_log log;
	struct oops_result *res;
	struct file_result *r;
	json_t *s;

	CHECK(!lsg_log_init(&log, 1, 1, 1));
	CHECK(!oops_parse(oops, &log, &res));
	CHECK(!file_extract(ctx, &log, res, &r));
	CHECK(r->nlines == 0);
	s = file_summary(ctx, &log, res, r, NULL);
	CHECK(s && strstr(json_string_value(json_object_get(s, "text")),
			  "No crash"));
	json_decref(s);
	file_result_destroy(r);
	CHECK(!file_published(&log, res, &r) && r->nlines == 0);
	file_result_destroy(r);
	oops_result_destroy(res);
	lsg_log_deinit(&log);
}

int main(void)
{
	struct file_ctx *ctx;
	struct corpus *c;
	size_t n, lines;
	double secs;

	if (access(CORPUS "/manifest.tsv", R_OK))
		return test_skip("tests/corpus not found (run from the top)");
	if (oops_ctx_create(&oops) || corpus_open(CORPUS, &c) ||
	    file_ctx_create(NULL, &ctx))
		return TEST_FAIL;
	CHECK(!evalfile_learn(ctx, c, 1, &n, &lines, &secs));
	CHECK(n > 100 && lines > 50000);
	test_corpus_scores(ctx, c);
	test_summary(ctx, c);
	llm_case(c, 0);
	llm_case(c, 1000);
	test_state(c);
	test_empty(ctx);
	test_cross_kernel(c);
	file_ctx_destroy(ctx);
	corpus_destroy(c);
	oops_ctx_destroy(oops);
	return test_exit();
}
