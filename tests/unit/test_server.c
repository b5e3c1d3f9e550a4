/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTTP API without sockets: server_handle() and server_precheck() are
 * what libmicrohttpd's callbacks call, so every status and reason is
 * checked here on a real store with the real committed bundle, on SQLite
 * and on PostgreSQL when tests/run started its cluster.
 * tests/sh/server.sh does the same over the network.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "harness.h"
#include "server/server.h"
#include "server/auth.h"

#define REAL_BUNDLE "tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst"
#define REAL_ID "125c8dd23fd76995057dad70cd3ac011de34aa41121ddb5f343173aae90d2785"

struct fixture {
	struct store *store;
	struct server *srv;
	char auth[AUTH_TOKEN_LEN + 16];	/* an agent's */
	char op[AUTH_TOKEN_LEN + 16];	/* an operator's */
	char admin[AUTH_TOKEN_LEN + 16];	/* an admin's */
	char bundle[65536];
	size_t bundle_len;
	int fail_analysis;
};

static json_t *test_analyze(void *arg, const struct ingest_bundle *b,
			    struct lsg_error **err)
{
	const struct fixture *fx = arg;

	if (fx->fail_analysis) {
		*err = lsg_error_create(LSG_ERR_INVALID, "no luck");
		return NULL;
	}
	return json_pack("{s:s,s:s,s:{s:s},s:O}", "title", "SYSRQ",
			 "signature", "sysrq-sig", "root_cause", "class",
			 "manual", "kernel", b->kernel);
}

/* One request; the response body parsed into *@ret if it is JSON. */
static unsigned req(struct fixture *fx, const char *method, const char *path,
		    const char *auth, const void *body, size_t len,
		    const struct server_arg *args, size_t nargs, json_t **ret)
{
	struct server_request rq = {
		.method = method, .path = path, .authorization = auth,
		.body = body, .body_len = len, .args = args, .nargs = nargs,
	};
	struct server_response r;
	unsigned status;

	server_handle(fx->srv, &rq, &r);
	status = r.status;
	if (ret)
		*ret = json_loadb(r.body, r.len, 0, NULL);
	server_response_deinit(&r);
	return status;
}

static const char *reason(const json_t *j)
{
	return json_string_value(json_object_get(j, "reason"));
}

static void test_auth_and_routes(struct fixture *fx)
{
	json_t *j = NULL;

	CHECK(req(fx, "POST", "/api/v1/bundles", NULL, fx->bundle,
		  fx->bundle_len, NULL, 0, &j) == 401);
	CHECK_STR(reason(j), "unauthorized");
	json_decref(j);
	CHECK(req(fx, "POST", "/api/v1/bundles", "Bearer 0000", fx->bundle,
		  fx->bundle_len, NULL, 0, NULL) == 401);
	CHECK(req(fx, "POST", "/api/v1/bundles", "Basic abc", "x", 1, NULL,
		  0, NULL) == 401);
	CHECK(req(fx, "GET", "/api/v1/bundles", NULL, NULL, 0, NULL, 0,
		  &j) == 405);
	CHECK_STR(reason(j), "method_not_allowed");
	json_decref(j);
	CHECK(req(fx, "GET", "/api/v2/bundles", NULL, NULL, 0, NULL, 0,
		  &j) == 404);
	CHECK_STR(reason(j), "not_found");
	json_decref(j);
	CHECK(req(fx, "GET", "/api/v1/crashes/", NULL, NULL, 0, NULL, 0,
		  NULL) == 404);
	CHECK(req(fx, "GET", "", NULL, NULL, 0, NULL, 0, NULL) == 404);
}

/* Who may do what: agents upload, operators read and label. */
static void test_roles(struct fixture *fx)
{
	json_t *j = NULL;

	CHECK(req(fx, "GET", "/api/v1/crashes", NULL, NULL, 0, NULL, 0,
		  &j) == 401);
	CHECK_STR(reason(j), "unauthorized");
	json_decref(j);
	CHECK(req(fx, "GET", "/api/v1/crashes", fx->auth, NULL, 0, NULL, 0,
		  &j) == 403);
	CHECK_STR(reason(j), "forbidden");
	json_decref(j);
	CHECK(req(fx, "GET", "/api/v1/groups", fx->op, NULL, 0, NULL, 0,
		  NULL) == 200);
	CHECK(req(fx, "POST", "/api/v1/bundles", fx->op, fx->bundle,
		  fx->bundle_len, NULL, 0, &j) == 403);
	CHECK_STR(reason(j), "forbidden");
	json_decref(j);
	CHECK(req(fx, "GET", "/metrics", NULL, NULL, 0, NULL, 0, NULL) == 401);
	CHECK(req(fx, "GET", "/metrics", fx->auth, NULL, 0, NULL, 0, NULL) ==
	      403);
}

/* An admin manages tokens over the API; nobody else may. */
static void test_token_routes(struct fixture *fx)
{
	static const char add[] = "{\"name\": \"new-op\", \"role\": \"operator\"}";
	char bearer[AUTH_TOKEN_LEN + 16], *text;
	json_t *j = NULL;

	CHECK(req(fx, "GET", "/api/v1/tokens", fx->op, NULL, 0, NULL, 0,
		  NULL) == 403);
	CHECK(req(fx, "POST", "/api/v1/tokens", fx->op, add, strlen(add),
		  NULL, 0, NULL) == 403);
	CHECK(req(fx, "GET", "/api/v1/tokens", fx->admin, NULL, 0, NULL, 0,
		  &j) == 200);
	CHECK(json_array_size(json_object_get(j, "tokens")) == 3);
	text = json_dumps(j, 0);
	CHECK(text && !strstr(text, "hash"));
	free(text);
	json_decref(j);
	CHECK(req(fx, "POST", "/api/v1/tokens", fx->admin, add, strlen(add),
		  NULL, 0, &j) == 201);
	snprintf(bearer, sizeof(bearer), "Bearer %s",
		 json_string_value(json_object_get(j, "token")) ?: "");
	json_decref(j);
	CHECK(req(fx, "POST", "/api/v1/tokens", fx->admin, add, strlen(add),
		  NULL, 0, &j) == 400);
	CHECK_STR(reason(j), "token_name");
	json_decref(j);
	CHECK(req(fx, "GET", "/api/v1/groups", bearer, NULL, 0, NULL, 0,
		  NULL) == 200);
	CHECK(req(fx, "DELETE", "/api/v1/tokens/new-op", fx->admin, NULL, 0,
		  NULL, 0, NULL) == 200);
	CHECK(req(fx, "GET", "/api/v1/groups", bearer, NULL, 0, NULL, 0,
		  NULL) == 401);
	CHECK(req(fx, "DELETE", "/api/v1/tokens/new-op", fx->admin, NULL, 0,
		  NULL, 0, NULL) == 404);
}

static void test_too_large(struct fixture *fx)
{
	struct server_request rq = {
		.method = "POST", .path = "/api/v1/bundles",
		.authorization = fx->auth,
	};
	struct server_route_match m;
	struct server_response r;
	char *big = calloc(1, 200000);

	/* Declared too long: refused from the headers, nothing read. */
	CHECK(server_precheck(fx->srv, &rq, 1ll << 40, &m, &r) == 1);
	CHECK(r.status == 413);
	server_response_deinit(&r);
	/* Without a token the length is not even looked at. */
	rq.authorization = NULL;
	CHECK(server_precheck(fx->srv, &rq, 1ll << 40, &m, &r) == 1);
	CHECK(r.status == 401);
	server_response_deinit(&r);
	CHECK(req(fx, "POST", "/api/v1/bundles", fx->auth, big, 200000, NULL,
		  0, NULL) == 413);
	CHECK(req(fx, "GET", "/api/v1/groups", fx->op, big, 10, NULL, 0,
		  NULL) == 413);
	free(big);
}

/* What keeps a connection from being shed (conntrack.h): a valid token. */
static void test_authenticated(struct fixture *fx)
{
	struct server_request rq = {
		.method = "POST", .path = "/api/v1/bundles",
		.authorization = fx->auth,
	};
	struct server_route_match m;
	struct server_response r;

	CHECK(server_precheck(fx->srv, &rq, 100, &m, &r) == 0);
	CHECK(m.authenticated == 1);
	rq.method = "GET";
	rq.path = "/healthz";
	rq.authorization = NULL;
	CHECK(server_precheck(fx->srv, &rq, -1, &m, &r) == 0);
	CHECK(m.authenticated == 0);
}

static void test_rejects(struct fixture *fx)
{
	char cut[4096];
	json_t *j = NULL;

	CHECK(req(fx, "POST", "/api/v1/bundles", fx->auth, "garbage", 7,
		  NULL, 0, &j) == 400);
	CHECK_STR(reason(j), "not_bundle");
	CHECK_STR(json_string_value(json_object_get(j, "error")),
		  "bundle: neither a zstd frame nor a JSON object");
	json_decref(j);
	memcpy(cut, fx->bundle, sizeof(cut));
	CHECK(req(fx, "POST", "/api/v1/bundles", fx->auth, cut, sizeof(cut),
		  NULL, 0, &j) == 400);
	CHECK_STR(reason(j), "zstd_truncated");
	json_decref(j);
	CHECK(req(fx, "POST", "/api/v1/bundles", fx->auth, "", 0, NULL, 0,
		  &j) == 400);
	CHECK_STR(reason(j), "empty");
	json_decref(j);
}

static void test_store_and_dup(struct fixture *fx)
{
	json_t *j = NULL;

	CHECK(req(fx, "POST", "/api/v1/bundles", fx->auth, fx->bundle,
		  fx->bundle_len, NULL, 0, &j) == 201);
	CHECK_STR(json_string_value(json_object_get(j, "id")), REAL_ID);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j,
		"report"), "title")), "SYSRQ");
	json_decref(j);
	CHECK(req(fx, "POST", "/api/v1/bundles", fx->auth, fx->bundle,
		  fx->bundle_len, NULL, 0, &j) == 200);
	CHECK(json_is_true(json_object_get(j, "duplicate")));
	json_decref(j);
}

static size_t crash_count(struct fixture *fx, const struct server_arg *a,
			  size_t n)
{
	json_t *j = NULL;
	size_t count;

	CHECK(req(fx, "GET", "/api/v1/crashes", fx->op, NULL, 0, a, n, &j) ==
	      200);
	count = json_array_size(json_object_get(j, "crashes"));
	json_decref(j);
	return count;
}

static void test_lists(struct fixture *fx)
{
	const struct server_arg host = { "host", "(none)" };
	const struct server_arg other = { "host", "other" };
	const struct server_arg kernel = { "kernel", "6.1.0-56-cloud-amd64" };
	const struct server_arg sig = { "signature", "sysrq-sig" };
	const struct server_arg since = { "since", "1" };
	const struct server_arg until = { "until", "1" };
	const struct server_arg bad[] = {
		{ "limit", "0" }, { "since", "yesterday" }, { "bogus", "1" },
		{ "limit", "" },
	};
	json_t *j = NULL;

	CHECK(crash_count(fx, NULL, 0) == 1);
	CHECK(crash_count(fx, &host, 1) == 1);
	CHECK(crash_count(fx, &other, 1) == 0);
	CHECK(crash_count(fx, &kernel, 1) == 1);
	CHECK(crash_count(fx, &sig, 1) == 1);
	CHECK(crash_count(fx, &since, 1) == 1);
	CHECK(crash_count(fx, &until, 1) == 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(req(fx, "GET", "/api/v1/crashes", fx->op, NULL, 0, &bad[i],
			  1, &j) == 400);
		CHECK_STR(reason(j), "bad_query");
		json_decref(j);
	}
	CHECK(req(fx, "GET", "/api/v1/groups", fx->op, NULL, 0, NULL, 0, &j) ==
	      200);
	CHECK(json_integer_value(json_object_get(json_array_get(
		json_object_get(j, "groups"), 0), "count")) == 1);
	json_decref(j);
}

static void test_one_and_label(struct fixture *fx)
{
	static const char path[] = "/api/v1/crashes/" REAL_ID;
	static const char label[] = "/api/v1/crashes/" REAL_ID "/label";
	static const char good[] = "{\"class\": \"manual\"}";
	static const char bad[] = "{\"class\": \"gremlins\"}";
	char other[128];
	json_t *j = NULL;

	CHECK(req(fx, "GET", path, fx->op, NULL, 0, NULL, 0, &j) == 200);
	CHECK_STR(json_string_value(json_object_get(j, "id")), REAL_ID);
	CHECK(json_object_get(j, "report") != NULL);
	json_decref(j);
	snprintf(other, sizeof(other), "/api/v1/crashes/%064d", 7);
	CHECK(req(fx, "GET", other, fx->op, NULL, 0, NULL, 0, NULL) == 404);
	CHECK(req(fx, "GET", "/api/v1/crashes/xyz", fx->op, NULL, 0, NULL, 0,
		  NULL) == 404);
	CHECK(req(fx, "POST", label, NULL, good, strlen(good), NULL, 0,
		  NULL) == 401);
	/* An agent uploads; it may not label. */
	CHECK(req(fx, "POST", label, fx->auth, good, strlen(good), NULL, 0,
		  &j) == 403);
	CHECK_STR(reason(j), "forbidden");
	json_decref(j);
	CHECK(req(fx, "POST", label, fx->op, bad, strlen(bad), NULL, 0,
		  &j) == 400);
	CHECK_STR(reason(j), "label_class");
	json_decref(j);
	CHECK(req(fx, "POST", label, fx->op, "{", 1, NULL, 0, &j) == 400);
	CHECK_STR(reason(j), "json_syntax");
	json_decref(j);
	CHECK(req(fx, "POST", label, fx->op, good, strlen(good), NULL, 0,
		  &j) == 200);
	CHECK_STR(json_string_value(json_object_get(j, "label")), "manual");
	json_decref(j);
	snprintf(other, sizeof(other), "/api/v1/crashes/%064d/label", 7);
	CHECK(req(fx, "POST", other, fx->op, good, strlen(good), NULL, 0,
		  NULL) == 404);
}

/* A failed analysis still stores the bundle, its report saying why. */
static void test_analysis_failure(struct fixture *fx)
{
	char *plain = malloc(1 << 20), *s;
	json_t *doc, *j = NULL;
	size_t n;

	n = ZSTD_decompress(plain, 1 << 20, fx->bundle, fx->bundle_len);
	doc = json_loadb(plain, n, 0, NULL);
	json_object_set_new(doc, "id", json_string(
		"00000000000000000000000000000000000000000000000000000000000000ff"));
	s = json_dumps(doc, JSON_COMPACT);
	fx->fail_analysis = 1;
	CHECK(req(fx, "POST", "/api/v1/bundles", fx->auth, s, strlen(s), NULL,
		  0, &j) == 201);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j,
		"report"), "analysis_error")), "no luck");
	json_decref(j);
	fx->fail_analysis = 0;
	free(s);
	json_decref(doc);
	free(plain);
}

static void test_metrics(struct fixture *fx)
{
	static const char *const want[] = {
		"logsage_http_requests_total{route=\"bundles\",status=\"201\"} 2\n",
		"logsage_http_requests_total{route=\"bundles\",status=\"401\"} 4\n",
		"logsage_http_requests_total{route=\"bundles\",status=\"413\"} 2\n",
		"logsage_http_requests_total{route=\"none\",status=\"404\"} 3\n",
		"logsage_bundles_rejected_total{reason=\"not_bundle\"} 1\n",
		"logsage_bundles_rejected_total{reason=\"zstd_truncated\"} 1\n",
		"logsage_bundles_stored_total 2\n",
		"logsage_bundles_duplicate_total 1\n",
		"logsage_analysis_failures_total 1\n",
		"logsage_ingest_duration_seconds_count 6\n",
		"logsage_store_crashes 2\n",
		"logsage_store_tokens 3\n",
		/* Not started: no connection yet. */
		"logsage_http_connections_closed_total{reason=\"header_timeout\"} 0\n",
	};
	struct server_request rq = {
		.method = "GET", .path = "/metrics", .authorization = fx->op,
	};
	struct server_response r;
	char *text;

	server_handle(fx->srv, &rq, &r);
	CHECK(r.status == 200);
	text = strndup(r.body, r.len);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(text, want[i])) {
			fprintf(stderr, "metrics lack %s", want[i]);
			test_failures++;
		}
	free(text);
	server_response_deinit(&r);
}

static int setup(struct fixture *fx, const char *spec)
{
	struct server_config cfg = {
		.max_bundle = 100000, .analyze = test_analyze,
		.analyze_arg = fx,
	};
	char tok[AUTH_TOKEN_LEN + 1];
	FILE *f = fopen(REAL_BUNDLE, "rb");

	if (!f)
		return -1;
	fx->bundle_len = fread(fx->bundle, 1, sizeof(fx->bundle), f);
	fclose(f);
	if (store_open(spec, &fx->store))
		return -1;
	if (auth_add(fx->store, "agent", STORE_ROLE_AGENT, tok))
		return -1;
	snprintf(fx->auth, sizeof(fx->auth), "Bearer %s", tok);
	if (auth_add(fx->store, "operator", STORE_ROLE_OPERATOR, tok))
		return -1;
	snprintf(fx->op, sizeof(fx->op), "Bearer %s", tok);
	if (auth_add(fx->store, "admin", STORE_ROLE_ADMIN, tok))
		return -1;
	snprintf(fx->admin, sizeof(fx->admin), "Bearer %s", tok);
	cfg.store = fx->store;
	return server_create(&cfg, &fx->srv) ? -1 : 0;
}

static int psql_admin(const char *sql)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "psql -q '%s/postgres' -c \"%s\" >/dev/null",
		 getenv("LSG_TEST_PG"), sql);
	return system(cmd);
}

/*
 * Liveness and readiness; on PostgreSQL, with the database shut to new
 * connections and ours cut, ready says 503 while alive says 200, and
 * ready again once the database takes connections (the pool reconnects).
 */
static void test_health(struct fixture *fx, int pg)
{
	json_t *j = NULL;

	CHECK(req(fx, "GET", "/healthz", NULL, NULL, 0, NULL, 0, NULL) == 200);
	CHECK(req(fx, "GET", "/readyz", NULL, NULL, 0, NULL, 0, NULL) == 200);
	if (!pg)
		return;
	CHECK(!psql_admin("ALTER DATABASE test_server ALLOW_CONNECTIONS false;"
			  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			  " WHERE datname = 'test_server'"));
	CHECK(req(fx, "GET", "/readyz", NULL, NULL, 0, NULL, 0, &j) == 503);
	CHECK_STR(reason(j), "store_unavailable");
	json_decref(j);
	CHECK(req(fx, "GET", "/healthz", NULL, NULL, 0, NULL, 0, NULL) == 200);
	CHECK(!psql_admin("ALTER DATABASE test_server ALLOW_CONNECTIONS true"));
	CHECK(req(fx, "GET", "/readyz", NULL, NULL, 0, NULL, 0, NULL) == 200);
	CHECK(req(fx, "GET", "/api/v1/groups", fx->op, NULL, 0, NULL, 0,
		  NULL) == 200);
}

/* Every check on a server over the empty store named @spec. */
static void suite(const char *spec, int pg)
{
	static struct fixture fx;

	fprintf(stderr, "store %s\n", spec);
	memset(&fx, 0, sizeof(fx));
	if (setup(&fx, spec)) {
		fprintf(stderr, "setup failed\n");
		test_failures++;
		store_close(fx.store);
		return;
	}
	test_auth_and_routes(&fx);
	test_roles(&fx);
	test_token_routes(&fx);
	test_too_large(&fx);
	test_authenticated(&fx);
	test_rejects(&fx);
	test_store_and_dup(&fx);
	test_lists(&fx);
	test_one_and_label(&fx);
	test_analysis_failure(&fx);
	test_metrics(&fx);
	test_health(&fx, pg);
	server_destroy(fx.srv);
	store_close(fx.store);
}

int main(void)
{
	char dir[] = "/tmp/test_server.XXXXXX", spec[256], cmd[128];
	int pg;

	if (!mkdtemp(dir))
		return test_skip("no temporary directory");
	snprintf(spec, sizeof(spec), "%s/t.db", dir);
	suite(spec, 0);
	pg = test_pg_db("test_server", spec, sizeof(spec));
	CHECK(pg >= 0);
	if (pg > 0)
		suite(spec, 1);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", dir);
	return test_exit();
}
