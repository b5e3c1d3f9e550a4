/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The store, on SQLite and on PostgreSQL (the throwaway cluster of
 * tests/run) with the same checks: idempotent puts, group counts, filters,
 * labels, tokens with roles, sessions, the dashboard's figures, the label
 * queue, state, persistence across a reopen, refusal of a newer schema,
 * and puts from many threads at once (group commit on SQLite, concurrent
 * upserts on PostgreSQL); schema creation on an empty SQLite file and the
 * roles migration of an old one.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "store/store.h"

static char dir[] = "/tmp/test_store.XXXXXX";

static void make_id(unsigned n, char id[65])
{
	snprintf(id, 65, "%064x", n);
}

/* A crash row; @n makes the id, the rest as given. */
static void put(struct store *s, unsigned n, const char *host,
		const char *release, int64_t t, const char *sig,
		const char *cls, int want_dup)
{
	struct store_crash c = {
		.host = host, .release = release, .crash_time = t,
		.received_at = 1000 + n, .title = sig ? "WARNING in foo" : NULL,
		.class = cls, .signature = sig, .report = "{\"title\":null}",
		.bundle = "bytes", .bundle_len = 5, .compressed = 0,
	};
	struct lsg_error *err;
	char id[65];
	int dup = -1;

	make_id(n, id);
	c.id = id;
	err = store_put_crash(s, &c, &dup);
	CHECK(!err);
	if (err) {
		fprintf(stderr, "put %u: %s\n", n, err->message);
		lsg_error_destroy(err);
	}
	CHECK(dup == want_dup);
}

static size_t list_count(struct store *s, const struct store_filter *f)
{
	struct lsg_error *err;
	json_t *a = NULL;
	size_t n;

	err = store_list(s, f, &a);
	CHECK(!err);
	lsg_error_destroy(err);
	n = json_array_size(a);
	json_decref(a);
	return n;
}

static struct store_filter no_filter(void)
{
	return (struct store_filter){ .since = STORE_TIME_NONE,
				      .until = STORE_TIME_NONE };
}

static void fill(struct store *s)
{
	put(s, 1, "web1", "6.1.0", 100, "sigA", "null-deref", 0);
	put(s, 1, "web1", "6.1.0", 100, "sigA", "null-deref", 1);
	put(s, 2, "web2", "6.1.0", 200, "sigA", "null-deref", 0);
	put(s, 3, "web2", "6.12.0", 300, "sigB", "oom", 0);
	put(s, 4, "db1", "6.12.0", STORE_TIME_NONE, NULL, "unknown", 0);
}

static void test_filters(struct store *s)
{
	struct store_filter f = no_filter();

	CHECK(list_count(s, &f) == 4);
	f.host = "web2";
	CHECK(list_count(s, &f) == 2);
	f.kernel = "6.12.0";
	CHECK(list_count(s, &f) == 1);
	f = no_filter();
	f.signature = "sigA";
	CHECK(list_count(s, &f) == 2);
	f = no_filter();
	f.class = "oom";
	CHECK(list_count(s, &f) == 1);
	f = no_filter();
	/* Crash 4's crash time is unknown: it counts from its receipt. */
	f.since = 150;
	CHECK(list_count(s, &f) == 3);
	f.until = 250;
	CHECK(list_count(s, &f) == 1);
	f = no_filter();
	f.limit = 3;
	CHECK(list_count(s, &f) == 3);
	f.offset = 3;
	CHECK(list_count(s, &f) == 1);
	f = no_filter();
	f.host = "nobody";
	CHECK(list_count(s, &f) == 0);
}

static void test_order_and_fields(struct store *s)
{
	struct store_filter f = no_filter();
	struct lsg_error *err;
	json_t *a = NULL, *first;

	err = store_list(s, &f, &a);
	CHECK(!err);
	first = json_array_get(a, 0);
	/* Newest received first. */
	CHECK_STR(json_string_value(json_object_get(first, "host")), "db1");
	CHECK(json_is_null(json_object_get(first, "crash_time")));
	CHECK(json_is_null(json_object_get(first, "signature")));
	CHECK(!json_object_get(first, "report"));
	json_decref(a);
}

static void test_groups(struct store *s)
{
	struct lsg_error *err;
	json_t *g = NULL, *a;

	err = store_groups(s, 0, 0, &g);
	CHECK(!err);
	CHECK(json_array_size(g) == 2);	/* no group without a signature */
	a = json_array_get(g, 0);
	CHECK_STR(json_string_value(json_object_get(a, "signature")), "sigA");
	CHECK(json_integer_value(json_object_get(a, "count")) == 2);
	CHECK(json_integer_value(json_object_get(a, "first_seen")) == 100);
	CHECK(json_integer_value(json_object_get(a, "last_seen")) == 200);
	CHECK_STR(json_string_value(json_object_get(a, "title")),
		  "WARNING in foo");
	CHECK(json_integer_value(json_object_get(json_array_get(g, 1),
						 "count")) == 1);
	json_decref(g);
}

static void test_get_and_label(struct store *s)
{
	struct lsg_error *err;
	json_t *c = NULL;
	void *raw = NULL;
	size_t len = 0;
	char id[65];
	int found = -1;
	struct store_filter f = no_filter();

	make_id(3, id);
	err = store_get(s, id, &c);
	CHECK(!err && c);
	CHECK_STR(json_string_value(json_object_get(c, "id")), id);
	CHECK(json_is_null(json_object_get(json_object_get(c, "report"),
					   "title")));
	json_decref(c);
	err = store_get(s, "nope", &c);
	CHECK(!err && !c);
	err = store_get_bundle(s, id, &raw, &len);
	CHECK(!err && len == 5 && !memcmp(raw, "bytes", 5));
	free(raw);
	err = store_label(s, id, "storage-io", &found);
	CHECK(!err && found == 1);
	err = store_label(s, "nope", "oom", &found);
	CHECK(!err && found == 0);
	/* The label is the class from now on. */
	f.class = "storage-io";
	CHECK(list_count(s, &f) == 1);
	f.class = "oom";
	CHECK(list_count(s, &f) == 0);
}

static enum store_role role_of(struct store *s, const uint8_t *h,
			       char name[STORE_NAME_MAX + 1])
{
	enum store_role role = (enum store_role)-1;

	CHECK(!store_token_check(s, h, name, &role));
	return role;
}

static void test_tokens(struct store *s)
{
	uint8_t h1[STORE_HASH_LEN], h2[STORE_HASH_LEN];
	char name[STORE_NAME_MAX + 1];
	struct lsg_error *err;
	json_t *list = NULL;
	int found = -1;

	memset(h1, 1, sizeof(h1));
	memset(h2, 2, sizeof(h2));
	CHECK(role_of(s, h1, name) == STORE_ROLE_NONE);
	CHECK(!store_token_add(s, "agent1", STORE_ROLE_AGENT, h1));
	err = store_token_add(s, "agent1", STORE_ROLE_OPERATOR, h2);
	CHECK(err && err->code == LSG_ERR_INVALID);
	CHECK_STR(err ? err->message : NULL, "a token named \"agent1\" exists");
	lsg_error_destroy(err);
	CHECK(role_of(s, h1, name) == STORE_ROLE_AGENT);
	CHECK_STR(name, "agent1");
	CHECK(role_of(s, h2, name) == STORE_ROLE_NONE);
	CHECK(!store_token_add(s, "op1", STORE_ROLE_OPERATOR, h2));
	CHECK(role_of(s, h2, name) == STORE_ROLE_OPERATOR);
	CHECK_STR(name, "op1");
	CHECK(!store_token_list(s, &list));
	CHECK(json_array_size(list) == 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1),
						    "role")), "operator");
	json_decref(list);
	CHECK(!store_token_revoke(s, "op1", &found) && found == 1);
	CHECK(role_of(s, h2, name) == STORE_ROLE_NONE);
	CHECK(!store_token_revoke(s, "op1", &found) && found == 0);
	CHECK(!store_token_add(s, "op1", STORE_ROLE_OPERATOR, h2));
}

/* Sessions: found while alive, with the token's role; gone after
 * sign-out, expiry, or the token's revocation. */
static void test_sessions(struct store *s)
{
	struct store_session in = { .token = "op1", .expires = 1 }, out;
	uint8_t live[STORE_HASH_LEN], old[STORE_HASH_LEN];
	int found = -1;

	memset(live, 7, sizeof(live));
	memset(old, 8, sizeof(old));
	memset(in.csrf, 'c', STORE_CSRF_LEN);
	CHECK(!store_session_add(s, old, &in));
	CHECK(!store_session_get(s, old, &out, &found) && found == 0);
	in.expires = (int64_t)time(NULL) + 100;
	CHECK(!store_session_add(s, live, &in));
	CHECK(!store_session_get(s, live, &out, &found) && found == 1);
	CHECK(out.role == STORE_ROLE_OPERATOR);
	CHECK_STR(out.token, "op1");
	CHECK_STR(out.csrf, in.csrf);
	CHECK(!store_session_delete(s, live));
	CHECK(!store_session_get(s, live, &out, &found) && found == 0);
	CHECK(!store_session_add(s, live, &in));
	CHECK(!store_token_revoke(s, "op1", &found) && found == 1);
	CHECK(!store_session_get(s, live, &out, &found) && found == 0);
}

/* The dashboard's figures and the label queue over fill()'s crashes
 * (crash 3 labeled storage-io by test_get_and_label()). */
static void test_dashboard(struct store *s)
{
	struct store_filter f = no_filter();
	json_t *a = NULL;
	long long sum = 0;
	size_t i;
	json_t *r;

	CHECK(!store_histogram(s, &f, &a));
	CHECK(json_array_size(a) == 3);
	json_array_foreach(a, i, r) {
		sum += json_integer_value(json_object_get(r, "count"));
		CHECK(json_integer_value(json_object_get(r, "day")) == 0);
	}
	CHECK(sum == 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0),
						    "class")), "null-deref");
	CHECK(json_integer_value(json_object_get(json_array_get(a, 0),
						 "count")) == 2);
	json_decref(a);
	f.limit = 10;
	CHECK(!store_top(s, &f, STORE_DIM_HOST, &a));
	CHECK(json_array_size(a) == 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0),
						    "value")), "web2");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1),
						    "value")), "db1");
	json_decref(a);
	CHECK(!store_top(s, &f, STORE_DIM_SIGNATURE, &a));
	CHECK(json_array_size(a) == 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0),
						    "title")), "WARNING in foo");
	CHECK(json_integer_value(json_object_get(json_array_get(a, 0),
						 "first_seen")) == 100);
	json_decref(a);
	f.kernel = "6.12.0";
	CHECK(!store_top(s, &f, STORE_DIM_KERNEL, &a));
	CHECK(json_array_size(a) == 1);
	json_decref(a);
	f = no_filter();
	f.title = "WARN";
	CHECK(list_count(s, &f) == 3);
	f.title = "W%";	/* a literal '%', not a wildcard */
	CHECK(list_count(s, &f) == 0);
	/* Unclassified groups first (crash 4), then sigA's newest. */
	CHECK(!store_label_queue(s, 10, 0, &a));
	CHECK(json_array_size(a) == 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0), "id")),
		  "0000000000000000000000000000000000000000000000000000000000000004");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1), "id")),
		  "0000000000000000000000000000000000000000000000000000000000000002");
	CHECK(json_integer_value(json_object_get(json_array_get(a, 1),
						 "group_count")) == 2);
	json_decref(a);
}

static void test_counters(struct store *s, uint64_t crashes)
{
	struct store_counters c;

	CHECK(!store_counters(s, &c));
	CHECK(c.crashes == crashes);
	CHECK(c.groups == 2);
	CHECK(c.tokens == 1);
}

struct worker {
	struct store *s;
	unsigned base;
};

/* 50 puts each, ids overlapping with the next worker's by half. */
static void *worker_run(void *arg)
{
	const struct worker *w = arg;

	for (unsigned i = 0; i < 50; i++) {
		struct store_crash c = {
			.crash_time = 5, .received_at = 5, .signature = "sigC",
			.report = "{}", .bundle = "x", .bundle_len = 1,
		};
		struct lsg_error *err;
		char id[65];
		int dup;

		make_id(w->base + i, id);
		c.id = id;
		err = store_put_crash(w->s, &c, &dup);
		if (err) {
			fprintf(stderr, "worker: %s\n", err->message);
			lsg_error_destroy(err);
			__atomic_fetch_add(&test_failures, 1, __ATOMIC_RELAXED);
		}
	}
	return NULL;
}

/* 8 threads, 400 puts, 225 distinct ids: one row each, counted once. */
static void test_concurrent(struct store *s)
{
	struct worker w[8];
	pthread_t t[8];
	struct lsg_error *err;
	json_t *g = NULL;

	for (int i = 0; i < 8; i++) {
		w[i] = (struct worker){ .s = s, .base = 10000 + 25 * i };
		pthread_create(&t[i], NULL, worker_run, &w[i]);
	}
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	err = store_groups(s, 1, 0, &g);
	CHECK(!err);
	CHECK_STR(json_string_value(json_object_get(json_array_get(g, 0),
						    "signature")), "sigC");
	CHECK(json_integer_value(json_object_get(json_array_get(g, 0),
						 "count")) == 225);
	json_decref(g);
}

static int sql(const char *path, const char *stmt)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, stmt, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* A store whose schema_version says 99 is refused, not clobbered. */
static void test_newer_schema(const char *spec, int (*set)(const char *spec))
{
	struct lsg_error *err;
	struct store *s;

	CHECK(!set(spec));
	err = store_open(spec, &s);
	CHECK(err && err->code == LSG_ERR_UNSUPPORTED);
	if (err)
		CHECK(strstr(err->message, "schema version 99 is newer"));
	else
		store_close(s);
	lsg_error_destroy(err);
}

static int sqlite_v99(const char *spec)
{
	return sql(spec + strlen("sqlite:"),
		   "UPDATE schema_version SET version = 99");
}

static int pg_v99(const char *spec)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "psql -q '%s' -c"
		 " 'UPDATE schema_version SET version = 99'", spec);
	return system(cmd);
}

/*
 * A store made before roles (schema 2, a stand-in built by undoing
 * migration 3 on a new store): its tokens become agent tokens, and opening
 * it says so.
 */
static void test_migration_roles(void)
{
	char path[300], log[320], text[512] = "", name[STORE_NAME_MAX + 1];
	uint8_t h[STORE_HASH_LEN];
	struct store *s;
	int saved;
	FILE *f;

	snprintf(path, sizeof(path), "%s/v2.db", dir);
	snprintf(log, sizeof(log), "%s/open.log", dir);
	CHECK(!store_open(path, &s));
	store_close(s);
	CHECK(!sql(path, "DROP TABLE sessions; DROP INDEX crashes_queue;"
		   " DROP INDEX crashes_dash; ALTER TABLE tokens DROP COLUMN role;"
		   " UPDATE schema_version SET version = 2;"
		   " INSERT INTO tokens VALUES ('old-agent', zeroblob(32), 5)"));
	fflush(stderr);
	saved = dup(2);
	f = freopen(log, "w", stderr);
	CHECK(!store_open(path, &s));
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fopen(log, "r");
	if (f) {
		CHECK(fread(text, 1, sizeof(text) - 1, f) > 0);
		fclose(f);
	}
	CHECK(strstr(text, "migration 3") &&
	      strstr(text, "the 1 existing token(s) are agent tokens"));
	memset(h, 0, sizeof(h));
	CHECK(role_of(s, h, name) == STORE_ROLE_AGENT);
	CHECK_STR(name, "old-agent");
	store_close(s);
}

static void test_schema(void)
{
	char path[300];
	struct store *s;
	struct lsg_error *err;
	FILE *f;

	/* An empty file is a database with no schema: it gets one. */
	snprintf(path, sizeof(path), "%s/empty.db", dir);
	f = fopen(path, "w");
	fclose(f);
	err = store_open(path, &s);
	CHECK(!err);
	if (!err)
		store_close(s);
	CHECK(!sql(path, "SELECT count(*) FROM crashes"));
	/* A scheme this build lacks says which it has. */
	err = store_open("mysql://db/logsage", &s);
	CHECK(err && err->code == LSG_ERR_UNSUPPORTED);
	if (err)
		CHECK(strstr(err->message, store_backends()));
	lsg_error_destroy(err);
	test_migration_roles();
#ifndef LSG_HAVE_LIBPQ
	err = store_open("postgres://db/logsage", &s);
	CHECK(err && err->code == LSG_ERR_UNSUPPORTED);
	lsg_error_destroy(err);
#endif
}

/* Named state: versions guard against a lost update between writers. */
static void test_state(struct store *s)
{
	struct lsg_error *err;
	int64_t v = -1, v2 = -1;
	size_t len;
	void *buf;

	CHECK(!store_state_get(s, "file.templates", &buf, &len, &v));
	CHECK(!buf && v == 0);
	CHECK(!store_state_put(s, "file.templates", "abc", 3, 0, &v));
	CHECK(v == 1);
	/* A second writer that read nothing must not overwrite. */
	err = store_state_put(s, "file.templates", "xyz", 3, 0, &v2);
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
	CHECK(!store_state_put(s, "file.templates", "abcd", 4, v, &v2));
	CHECK(v2 == 2);
	err = store_state_put(s, "file.templates", "old", 3, v, &v2);
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
	CHECK(!store_state_get(s, "file.templates", &buf, &len, &v));
	CHECK(v == 2 && len == 4 && buf && !memcmp(buf, "abcd", 4));
	free(buf);
}

/* The real bundle through ingest and store_put(). */
static void test_real(struct store *s)
{
	static const char path[] =
		"tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst";
	char buf[65536];
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	json_t *report, *c = NULL;
	FILE *f = fopen(path, "rb");
	size_t len;
	int dup = -1;

	CHECK(f);
	if (!f)
		return;
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	err = ingest_decode(buf, len, NULL, &why, &b);
	CHECK(!err);
	if (err)
		return;
	report = json_pack("{s:s,s:s,s:{s:s}}", "title", "SYSRQ triggered",
			   "signature", "sysrq", "root_cause", "class",
			   "manual");
	err = store_put(s, &b, buf, len, report, &dup);
	CHECK(!err && dup == 0);
	err = store_get(s, b.id, &c);
	CHECK(!err && c);
	CHECK_STR(json_string_value(json_object_get(c, "kernel")),
		  "6.1.0-56-cloud-amd64");
	CHECK_STR(json_string_value(json_object_get(c, "class")), "manual");
	CHECK_STR(json_string_value(json_object_get(c, "title")),
		  "SYSRQ triggered");
	CHECK(json_integer_value(json_object_get(c, "crash_time")) ==
	      json_integer_value(json_object_get(b.crash, "time")));
	json_decref(c);
	json_decref(report);
	ingest_bundle_deinit(&b);
}

/*
 * Two handles on one store, as two analyzers on one database: a bundle
 * stored through one is a duplicate through the other, and named state
 * written through one is read, and guarded, through the other.
 */
static void test_two_handles(const char *spec)
{
	struct store *a, *b;
	int64_t v = -1, v2 = -1;
	struct lsg_error *err;
	size_t len;
	void *buf;

	if (store_open(spec, &a) || store_open(spec, &b)) {
		CHECK(!"two handles open");
		return;
	}
	put(a, 500, "web9", "6.1.0", 7, "sigD", "oom", 0);
	put(b, 500, "web9", "6.1.0", 7, "sigD", "oom", 1);
	CHECK(!store_state_get(a, "garca.model", &buf, &len, &v) && v == 0);
	CHECK(!store_state_put(a, "garca.model", "m1", 2, 0, &v));
	CHECK(!store_state_get(b, "garca.model", &buf, &len, &v2));
	CHECK(v2 == v && len == 2 && buf && !memcmp(buf, "m1", 2));
	free(buf);
	CHECK(!store_state_put(b, "garca.model", "m2", 2, v2, &v2));
	/* a's version is stale now: its write is refused. */
	err = store_state_put(a, "garca.model", "m3", 2, v, &v);
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
	store_close(a);
	store_close(b);
}

static size_t bundle_len(struct store *s, unsigned n, const char *id)
{
	char hex[65];
	size_t len = 99;
	void *buf = NULL;

	make_id(n, hex);
	CHECK(!store_get_bundle(s, id ? id : hex, &buf, &len));
	CHECK(buf != NULL);
	free(buf);
	return len;
}

/*
 * Retention, after everything above: by age, then by total bytes, the
 * oldest bundles lose their bytes; rows, reports and group counts stay.
 */
static void test_prune(struct store *s)
{
	static const char real[] =
		"125c8dd23fd76995057dad70cd3ac011de34aa41121ddb5f343173aae90d2785";
	size_t real_len = bundle_len(s, 0, real);
	struct store_counters before, after;
	uint64_t n = 99;
	json_t *g = NULL, *c = NULL;
	char id[65];

	CHECK(!store_counters(s, &before));
	/* Received before 1003: crashes 1 and 2, and the 225 at 5. */
	CHECK(!store_prune(s, 1003, 0, &n) && n == 227);
	CHECK(bundle_len(s, 1, NULL) == 0 && bundle_len(s, 3, NULL) == 5);
	CHECK(!store_prune(s, 1003, 0, &n) && n == 0);
	/* Room for the newest bundle alone: the real one, received last. */
	CHECK(!store_prune(s, STORE_TIME_NONE, real_len, &n) && n == 2);
	CHECK(bundle_len(s, 0, real) == real_len);
	CHECK(bundle_len(s, 3, NULL) == 0 && bundle_len(s, 10000, NULL) == 0);
	make_id(1, id);
	CHECK(!store_get(s, id, &c) && c);
	CHECK(json_is_object(json_object_get(c, "report")));
	json_decref(c);
	CHECK(!store_counters(s, &after));
	CHECK(after.crashes == before.crashes && after.groups == before.groups);
	CHECK(!store_groups(s, 1, 0, &g));
	CHECK(json_integer_value(json_object_get(json_array_get(g, 0),
						 "count")) == 225);
	json_decref(g);
}

/* Every check on the store named @spec, which starts empty. */
static void suite(const char *spec, int (*set_v99)(const char *spec))
{
	struct lsg_error *err;
	struct store *s;

	fprintf(stderr, "store %s\n", spec);
	err = store_open(spec, &s);
	CHECK(!err);
	if (err) {
		fprintf(stderr, "%s\n", err->message);
		lsg_error_destroy(err);
		return;
	}
	fill(s);
	test_filters(s);
	test_order_and_fields(s);
	test_groups(s);
	test_get_and_label(s);
	test_tokens(s);
	test_sessions(s);
	test_dashboard(s);
	test_counters(s, 4);
	store_close(s);
	/* Everything is still there after a reopen. */
	err = store_open(spec, &s);
	CHECK(!err);
	if (!err) {
		test_counters(s, 4);
		test_groups(s);
		test_concurrent(s);
		test_real(s);
		test_state(s);
		test_prune(s);
		store_close(s);
	}
	lsg_error_destroy(err);
	test_two_handles(spec);
	test_newer_schema(spec, set_v99);
}

int main(void)
{
	char spec[300], cmd[300];
	int pg;

	if (!mkdtemp(dir))
		return test_skip("no temporary directory");
	snprintf(spec, sizeof(spec), "sqlite:%s/t.db", dir);
	suite(spec, sqlite_v99);
	test_schema();
	pg = test_pg_db("test_store", spec, sizeof(spec));
	CHECK(pg >= 0);
	if (pg > 0)
		suite(spec, pg_v99);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", dir);
	return test_exit();
}
