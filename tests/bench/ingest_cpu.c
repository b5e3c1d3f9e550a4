/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * CPU per bundle on the ingest path, one thread, no sockets: numbers that
 * stay put on a shared, noisy machine where bundles/s does not.
 *
 *	ingest_cpu decode BUNDLE [ROUNDS]
 *		ingest_decode() of the zstd bundle and of its plain JSON, and
 *		the zstd decompression alone, ROUNDS times each.
 *	ingest_cpu post BUNDLE DBDIR [ROUNDS]
 *		POST /api/v1/bundles through server_handle() (the code the
 *		libmicrohttpd callbacks run) with the real analysis on the
 *		SQLite store DBDIR/db, ROUNDS distinct bundles; then the same
 *		steps one by one (decode, analysis stage by stage, store,
 *		answer) on ROUNDS more, to show where the time goes.  As in
 *		`logsage serve`, FILE learns online into the store and GARCA
 *		predicts with the store's model when it has one.
 *
 * Distinct bundles are made as ingest_client.c makes them: the id
 * rewritten, recompressed with zstd level 1.  Under callgrind, use
 * --toggle-collect=ingest_decode or --toggle-collect=server_handle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zstd.h>

#include "file/file.h"
#include "garca/modelslot.h"
#include "fileio.h"
#include "ingest/ingest.h"
#include "report/report.h"
#include "server/server.h"
#include "store/store.h"
#include "server/auth.h"

/* Bigger than any bundle the decoder takes. */
#define INPUT_MAX (2 * INGEST_MAX_JSON)

struct body {
	void *data;
	size_t len;
};

static double cpu_us(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* The bundle's JSON (caller frees); the agent's frames carry no size. */
static char *plain_json(const char *z, size_t zlen, size_t *len)
{
	size_t cap = INGEST_MAX_JSON;
	char *p = malloc(cap);

	if (!p)
		return NULL;
	*len = ZSTD_decompress(p, cap, z, zlen);
	if (ZSTD_isError(*len)) {
		fprintf(stderr, "ingest_cpu: %s\n", ZSTD_getErrorName(*len));
		free(p);
		return NULL;
	}
	return p;
}

/* @n bodies with ids first, first + 1, ... */
static struct body *make_bodies(char *plain, size_t len, unsigned first,
				unsigned n)
{
	struct body *b = calloc(n, sizeof(*b));
	char *id = strstr(plain, "\"id\":\"");

	if (!b || !id)
		return NULL;
	id += 6;
	for (unsigned i = 0; i < n; i++) {
		size_t bound = ZSTD_compressBound(len);
		char hex[65];

		snprintf(hex, sizeof(hex), "%016x%048x", 0xc0ffeeu, first + i);
		memcpy(id, hex, 64);
		b[i].data = malloc(bound);
		b[i].len = ZSTD_compress(b[i].data, bound, plain, len, 1);
	}
	return b;
}

static int decode_n(const void *buf, size_t len, unsigned rounds)
{
	for (unsigned i = 0; i < rounds; i++) {
		struct ingest_bundle b;
		enum ingest_reason why;
		struct lsg_error *err = ingest_decode(buf, len, NULL, &why, &b);

		if (err) {
			fprintf(stderr, "ingest_cpu: %s\n", err->message);
			return -1;
		}
		ingest_bundle_deinit(&b);
	}
	return 0;
}

static int bench_decode(const char *z, size_t zlen, unsigned rounds)
{
	size_t plen;
	char *plain = plain_json(z, zlen, &plen), *out;
	double t;

	if (!plain)
		return 1;
	out = malloc(plen);
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	for (unsigned i = 0; i < rounds; i++)
		ZSTD_decompress(out, plen, z, zlen);
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID) - t;
	printf("zstd alone       %8.1f us/bundle (%zu -> %zu bytes)\n",
	       t / rounds, zlen, plen);
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	if (decode_n(plain, plen, rounds))
		return 1;
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID) - t;
	printf("decode JSON      %8.1f us/bundle\n", t / rounds);
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	if (decode_n(z, zlen, rounds))
		return 1;
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID) - t;
	printf("decode zstd+JSON %8.1f us/bundle\n", t / rounds);
	free(out);
	free(plain);
	return 0;
}

static json_t *analyze(void *arg, const struct ingest_bundle *b,
		       struct lsg_error **err)
{
	json_t *r = NULL;

	*err = report_build(arg, &b->log, b->kernel, b->host, &r);
	return r;
}

/* The whole request, as the server answers it. */
static int post_all(struct server *srv, const char *auth,
		    const struct body *bodies, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct server_request rq = {
			.method = "POST", .path = "/api/v1/bundles",
			.authorization = auth, .body = bodies[i].data,
			.body_len = bodies[i].len,
		};
		struct server_response r;

		server_handle(srv, &rq, &r);
		if (r.status != 201) {
			fprintf(stderr, "ingest_cpu: %u %.*s\n", r.status,
				(int)r.len, r.body);
			return -1;
		}
		server_response_deinit(&r);
	}
	return 0;
}

enum {
	S_DECODE, S_PARSE, S_SYMBOLIZE, S_MAINTAINERS, S_FILE, S_ROOT_CAUSE,
	S_REPORT, S_STORE, S_ANSWER, S_FREE, NSTEPS
};

static const char *const step_names[NSTEPS] = {
	"decode", "parse", "symbolize", "maintainers", "file", "root_cause",
	"report", "store_put", "answer", "free",
};

/*
 * The analysis stages' own times from the report's "timings_ms" (wall
 * clock, this thread alone); "report" is the rest of report_build().
 */
static void stage_times(json_t *report, double analysis, double us[NSTEPS])
{
	json_t *t = json_object_get(report, "timings_ms");

	for (int k = S_PARSE; k < S_REPORT; k++) {
		double v = 1e3 * json_number_value(json_object_get(
				t, step_names[k]));

		us[k] += v;
		analysis -= v;
	}
	us[S_REPORT] += analysis;
}

/* One bundle through the steps of server.c's store_bundle(), timed. */
static int post_steps(struct report_ctx *rc, struct store *s,
		      const struct body *body, double us[NSTEPS])
{
	double t = cpu_us(CLOCK_THREAD_CPUTIME_ID), t1;
	struct ingest_bundle b;
	enum ingest_reason why;
	json_t *report, *ans;
	char *answer;
	int dup;

	if (ingest_decode(body->data, body->len, NULL, &why, &b))
		return -1;
	t1 = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	us[S_DECODE] += t1 - t;
	if (report_build(rc, &b.log, b.kernel, b.host, &report))
		return -1;
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	stage_times(report, t - t1, us);
	if (store_put(s, &b, body->data, body->len, report, &dup))
		return -1;
	t1 = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	us[S_STORE] += t1 - t;
	ans = json_pack("{s:s,s:o}", "id", b.id, "report", report);
	answer = json_dumps(ans, JSON_COMPACT);
	json_decref(ans);
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	us[S_ANSWER] += t - t1;
	free(answer);
	ingest_bundle_deinit(&b);
	us[S_FREE] += cpu_us(CLOCK_THREAD_CPUTIME_ID) - t;
	return 0;
}

/* The analysis `logsage serve` runs: FILE online, the store's model. */
static int analysis_open(struct store *s, struct file_ctx **file,
			 struct modelslot **model, struct report_ctx **rc)
{
	struct file_opts fo = { .online = 1, .store = s };
	struct lsg_error *err = file_ctx_create(&fo, file);

	if (!err)
		err = file_state_load(*file, s);
	if (!err)
		err = modelslot_create(model);
	if (!err)
		err = modelslot_refresh(*model, s, NULL);
	if (!err)
		err = report_ctx_create(&(struct report_opts){
			.file = *file, .model = *model }, rc);
	if (err) {
		fprintf(stderr, "ingest_cpu: %s\n", err->message);
		return -1;
	}
	printf("GARCA model: %s\n", modelslot_version(*model) ?
	       "the store's" : "none (the root cause is null)");
	return 0;
}

static int bench_post(const char *z, size_t zlen, const char *dir,
		      unsigned rounds)
{
	char path[4096], tok[AUTH_TOKEN_LEN + 1], auth[AUTH_TOKEN_LEN + 16];
	struct server_config cfg = { .analyze = analyze };
	double us[NSTEPS] = { 0 }, t, tp, sum = 0;
	struct body *bodies, *more;
	struct report_ctx *rc;
	struct modelslot *model = NULL;
	struct file_ctx *file = NULL;
	struct server *srv;
	struct store *s;
	size_t plen;
	char *plain = plain_json(z, zlen, &plen);

	snprintf(path, sizeof(path), "%.4000s/db", dir);
	if (!plain || store_open(path, &s) ||
	    auth_add(s, "bench", STORE_ROLE_AGENT, tok) ||
	    analysis_open(s, &file, &model, &rc))
		return 1;
	snprintf(auth, sizeof(auth), "Bearer %s", tok);
	cfg.store = s;
	cfg.analyze_arg = rc;
	bodies = make_bodies(plain, plen, 0, rounds);
	more = make_bodies(plain, plen, rounds, rounds);
	if (!bodies || !more || server_create(&cfg, &srv))
		return 1;
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID);
	tp = cpu_us(CLOCK_PROCESS_CPUTIME_ID);
	if (post_all(srv, auth, bodies, rounds))
		return 1;
	t = cpu_us(CLOCK_THREAD_CPUTIME_ID) - t;
	tp = cpu_us(CLOCK_PROCESS_CPUTIME_ID) - tp;
	printf("POST, whole request %8.1f us/bundle CPU (this thread; %.1f all threads)\n",
	       t / rounds, tp / rounds);
	for (unsigned i = 0; i < rounds; i++)
		if (post_steps(rc, s, &more[i], us))
			return 1;
	for (int k = 0; k < NSTEPS; k++)
		sum += us[k];
	for (int k = 0; k < NSTEPS; k++)
		printf("  %-12s %8.1f us/bundle (%4.1f %%)\n", step_names[k],
		       us[k] / rounds, 100 * us[k] / sum);
	server_destroy(srv);
	report_ctx_destroy(rc);
	file_ctx_destroy(file);
	modelslot_destroy(model);
	store_close(s);
	for (unsigned i = 0; i < rounds; i++) {
		free(bodies[i].data);
		free(more[i].data);
	}
	free(bodies);
	free(more);
	free(plain);
	return 0;
}

int main(int argc, char **argv)
{
	struct lsg_error *err;
	unsigned rounds;
	size_t zlen;
	char *z;
	int ret;

	if (argc < 3 || (strcmp(argv[1], "decode") && strcmp(argv[1], "post")) ||
	    (!strcmp(argv[1], "post") && argc < 4)) {
		fprintf(stderr, "usage: ingest_cpu decode BUNDLE [ROUNDS]\n"
			"       ingest_cpu post BUNDLE DBDIR [ROUNDS]\n");
		return 2;
	}
	err = fileio_read_file(argv[2], INPUT_MAX, &z, &zlen);
	if (err) {
		lsg_error_print(err, "ingest_cpu", stderr);
		lsg_error_destroy(err);
		return 1;
	}
	if (!strcmp(argv[1], "decode")) {
		rounds = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 2000;
		ret = bench_decode(z, zlen, rounds ? rounds : 1);
	} else {
		rounds = argc > 4 ? (unsigned)strtoul(argv[4], NULL, 10) : 500;
		ret = bench_post(z, zlen, argv[3], rounds ? rounds : 1);
	}
	free(z);
	return ret;
}
