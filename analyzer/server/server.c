/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <microhttpd.h>
#include <pthread.h>

#include "server.h"
#include "auth.h"

/* ---- metrics ---- */

static const unsigned statuses[] = {
	200, 201, 400, 401, 404, 405, 413, 500, 503,
};

enum { NSTATUS = sizeof(statuses) / sizeof(statuses[0]) + 1 };	/* other */

/* Upper bounds of the ingest latency histogram, in microseconds. */
static const uint64_t latency_le_us[] = {
	1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
	1000000, 2500000,
};

enum { NBUCKETS = sizeof(latency_le_us) / sizeof(latency_le_us[0]) };

enum route_id {
	ROUTE_BUNDLES, ROUTE_CRASHES, ROUTE_CRASH, ROUTE_LABEL, ROUTE_GROUPS,
	ROUTE_METRICS, ROUTE_NONE, NROUTES
};

struct metrics {
	uint64_t requests[NROUTES][NSTATUS];
	uint64_t stored, duplicates, analysis_failures;
	uint64_t rejects[INGEST_REASON_COUNT];
	uint64_t latency[NBUCKETS + 1];	/* the last is +Inf */
	uint64_t latency_count, latency_sum_us;
};

struct conn_ctx;

/*
 * POST handlers block (a durable commit waits for an fsync), so they do not
 * run on libmicrohttpd's threads: the connection is suspended and the
 * request queued for a pool of workers, which resume it with the answer.
 * The I/O threads stay free, and the workers waiting together on the store
 * are what lets its group commit put many bundles in one fsync.
 */
struct workers {
	pthread_t *threads;
	unsigned n;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct conn_ctx *head, **tail;
	int stopping;
};

struct server {
	struct server_config cfg;
	struct MHD_Daemon *daemon;
	struct workers w;
	struct metrics m;
};

static void bump(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

static uint64_t load(const uint64_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static unsigned status_index(unsigned status)
{
	for (unsigned i = 0; i < NSTATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

static void count_request(struct server *srv, int route, unsigned status)
{
	bump(&srv->m.requests[route][status_index(status)], 1);
}

static void count_latency(struct server *srv, uint64_t start_ns)
{
	uint64_t us = (now_ns() - start_ns) / 1000;
	unsigned b = 0;

	while (b < NBUCKETS && us > latency_le_us[b])
		b++;
	bump(&srv->m.latency[b], 1);
	bump(&srv->m.latency_count, 1);
	bump(&srv->m.latency_sum_us, us);
}

/* ---- responses ---- */

static const char json_mime[] = "application/json";
static const char nomem_body[] =
	"{\"error\": \"out of memory\", \"reason\": \"out_of_memory\"}\n";

static void respond_static(struct server_response *r, unsigned status,
			   const char *body)
{
	*r = (struct server_response){
		.status = status, .content_type = json_mime,
		.body = (char *)(uintptr_t)body, .len = strlen(body),
	};
}

static void respond_nomem(struct server_response *r)
{
	respond_static(r, 503, nomem_body);
}

/* @j (consumed) as the body; 503 when it cannot be made. */
static void respond_json(struct server_response *r, unsigned status,
			 json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;

	json_decref(j);
	if (!s) {
		respond_nomem(r);
		return;
	}
	*r = (struct server_response){
		.status = status, .content_type = json_mime, .body = s,
		.len = strlen(s), .owned = 1,
	};
}

static void respond_error(struct server_response *r, unsigned status,
			  const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void respond_error(struct server_response *r, unsigned status,
			  const char *reason, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	respond_json(r, status, json_pack("{s:s,s:s}", "error", msg,
					  "reason", reason));
}

/* A library or store failure: 503 for memory, else 500. */
static void respond_failure(struct server_response *r, struct lsg_error *err,
			    const char *what)
{
	if (err->code == LSG_ERR_NOMEM)
		respond_nomem(r);
	else
		respond_error(r, 500, "internal", "%s: %s", what,
			      err->message);
	lsg_error_destroy(err);
}

void server_response_deinit(struct server_response *r)
{
	if (r->owned)
		free(r->body);
	memset(r, 0, sizeof(*r));
}

/* ---- query parameters ---- */

static const char *arg_get(const struct server_request *req, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < req->nargs; i++)
		if (req->args[i].key && !strcmp(req->args[i].key, key))
			v = req->args[i].value ? req->args[i].value : "";
	return v;
}

/* Unknown keys are an error: a typo must not silently widen a filter. */
static int args_known(const struct server_request *req,
		      const char *const *known, struct server_response *r)
{
	for (size_t i = 0; i < req->nargs; i++) {
		const char *k = req->args[i].key ? req->args[i].key : "";
		size_t j;

		for (j = 0; known[j] && strcmp(known[j], k); j++)
			;
		if (!known[j]) {
			respond_error(r, 400, "bad_query",
				      "query: unknown parameter \"%.64s\"", k);
			return 0;
		}
	}
	return 1;
}

/* Decimal in [lo, hi] from parameter @key, or @def when absent. */
static int arg_int(const struct server_request *req, const char *key,
		   long long lo, long long hi, long long def, long long *ret,
		   struct server_response *r)
{
	const char *v = arg_get(req, key);
	char *end;
	long long n;

	*ret = def;
	if (!v)
		return 1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi) {
		respond_error(r, 400, "bad_query",
			      "query: %s: not an integer in %lld..%lld", key,
			      lo, hi);
		return 0;
	}
	*ret = n;
	return 1;
}

/* ---- handlers ---- */

struct handler_ctx {
	struct server *srv;
	const struct server_request *req;
	const char *param;
};

static void analysis_failed(struct server *srv, struct lsg_error *err,
			    json_t **report)
{
	bump(&srv->m.analysis_failures, 1);
	*report = json_pack("{s:n,s:s}", "title", "analysis_error",
			    err->message);
	lsg_error_destroy(err);
}

/*
 * A valid bundle whose analysis fails is still stored (with the failure
 * as its report): refusing it would only make the agent retry forever.
 */
static void store_bundle(struct handler_ctx *h, struct ingest_bundle *b,
			 struct server_response *r)
{
	struct server *srv = h->srv;
	struct lsg_error *err = NULL;
	json_t *report;
	int dup;

	report = srv->cfg.analyze(srv->cfg.analyze_arg, b, &err);
	if (!report && err && err->code == LSG_ERR_NOMEM) {
		respond_failure(r, err, "analysis");
		return;
	}
	if (!report)
		analysis_failed(srv, err ? err : &lsg_enomem, &report);
	if (!report) {
		respond_nomem(r);
		return;
	}
	err = store_put(srv->cfg.store, b, h->req->body, h->req->body_len,
			report, &dup);
	if (err) {
		json_decref(report);
		respond_failure(r, err, "store");
		return;
	}
	bump(dup ? &srv->m.duplicates : &srv->m.stored, 1);
	respond_json(r, dup ? 200 : 201,
		     json_pack(dup ? "{s:s,s:o,s:b}" : "{s:s,s:o}", "id", b->id,
			       "report", report, "duplicate", 1));
}

static void post_bundle(struct handler_ctx *h, struct server_response *r)
{
	const struct ingest_limits lim = {
		.max_input = h->srv->cfg.max_bundle,
		.max_json = h->srv->cfg.max_json,
	};
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;

	err = ingest_decode(h->req->body, h->req->body_len, &lim, &why, &b);
	if (err && err->code == LSG_ERR_NOMEM) {
		respond_failure(r, err, "ingest");
		return;
	}
	if (err) {
		bump(&h->srv->m.rejects[why], 1);
		respond_error(r, 400, ingest_reason_name(why), "%s",
			      err->message);
		lsg_error_destroy(err);
		return;
	}
	store_bundle(h, &b, r);
	ingest_bundle_deinit(&b);
}

static const char *const crash_args[] = {
	"host", "kernel", "class", "signature", "since", "until", "limit",
	"offset", NULL,
};

static const char *const no_args[] = { NULL };

static int crash_filter(const struct server_request *req,
			struct store_filter *f, struct server_response *r)
{
	long long since, until, limit, offset;

	if (!args_known(req, crash_args, r) ||
	    !arg_int(req, "since", 0, INT64_MAX, STORE_TIME_NONE, &since, r) ||
	    !arg_int(req, "until", 0, INT64_MAX, STORE_TIME_NONE, &until, r) ||
	    !arg_int(req, "limit", 1, STORE_LIST_MAX, STORE_LIST_DEFAULT,
		     &limit, r) ||
	    !arg_int(req, "offset", 0, INT_MAX, 0, &offset, r))
		return 0;
	*f = (struct store_filter){
		.host = arg_get(req, "host"),
		.kernel = arg_get(req, "kernel"),
		.class = arg_get(req, "class"),
		.signature = arg_get(req, "signature"),
		.since = since, .until = until,
		.limit = (unsigned)limit, .offset = (unsigned)offset,
	};
	return 1;
}

static void get_crashes(struct handler_ctx *h, struct server_response *r)
{
	struct store_filter f;
	struct lsg_error *err;
	json_t *list;

	if (!crash_filter(h->req, &f, r))
		return;
	err = store_list(h->srv->cfg.store, &f, &list);
	if (err) {
		respond_failure(r, err, "store");
		return;
	}
	respond_json(r, 200, json_pack("{s:o,s:I,s:I}", "crashes", list,
				       "limit", (json_int_t)f.limit,
				       "offset", (json_int_t)f.offset));
}

static int id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n != 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= '0' && id[i] <= '9') ||
		      (id[i] >= 'a' && id[i] <= 'f')))
			return 0;
	return 1;
}

static void no_such_crash(struct server_response *r)
{
	respond_error(r, 404, "not_found", "no such crash");
}

static void get_crash(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;
	json_t *crash;

	if (!id_valid(h->param) || !args_known(h->req, no_args, r)) {
		if (!r->status)
			no_such_crash(r);
		return;
	}
	err = store_get(h->srv->cfg.store, h->param, &crash);
	if (err) {
		respond_failure(r, err, "store");
		return;
	}
	if (!crash) {
		no_such_crash(r);
		return;
	}
	respond_json(r, 200, crash);
}

static const char *const group_args[] = { "limit", "offset", NULL };

static void get_groups(struct handler_ctx *h, struct server_response *r)
{
	long long limit, offset;
	struct lsg_error *err;
	json_t *list;

	if (!args_known(h->req, group_args, r) ||
	    !arg_int(h->req, "limit", 1, STORE_LIST_MAX, STORE_LIST_DEFAULT,
		     &limit, r) ||
	    !arg_int(h->req, "offset", 0, INT_MAX, 0, &offset, r))
		return;
	err = store_groups(h->srv->cfg.store, (unsigned)limit,
			   (unsigned)offset, &list);
	if (err) {
		respond_failure(r, err, "store");
		return;
	}
	respond_json(r, 200, json_pack("{s:o}", "groups", list));
}

/* Root-cause classes, DESIGN §6.5. */
static const char *const classes[] = {
	"hw-memory", "hw-cpu", "hw-pcie", "storage-io", "oom", "lockup",
	"hung-task", "null-deref", "memory-corruption", "assertion",
	"warn-panic", "stack-overflow", "manual", "unknown",
};

static int class_valid(const char *c)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (!strcmp(c, classes[i]))
			return 1;
	return 0;
}

/* The "class" of a label body; NULL with @r set when it is not one. */
static json_t *label_body(const struct server_request *req,
			  struct server_response *r)
{
	json_error_t jerr;
	json_t *doc, *cls;

	doc = json_loadb(req->body, req->body_len, 0, &jerr);
	if (!doc) {
		respond_error(r, 400, "json_syntax", "json: %s", jerr.text);
		return NULL;
	}
	cls = json_object_get(doc, "class");
	if (!json_is_string(cls)) {
		respond_error(r, 400, "wrong_type",
			      "class: expected a string");
	} else if (!class_valid(json_string_value(cls))) {
		respond_error(r, 400, "label_class",
			      "class: \"%.32s\" is not a root-cause class",
			      json_string_value(cls));
	} else {
		return doc;
	}
	json_decref(doc);
	return NULL;
}

static void post_label(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;
	const char *cls;
	json_t *doc;
	int found;

	if (!id_valid(h->param)) {
		no_such_crash(r);
		return;
	}
	doc = label_body(h->req, r);
	if (!doc)
		return;
	cls = json_string_value(json_object_get(doc, "class"));
	err = store_label(h->srv->cfg.store, h->param, cls, &found);
	if (err)
		respond_failure(r, err, "store");
	else if (!found)
		no_such_crash(r);
	else
		respond_json(r, 200, json_pack("{s:s,s:s}", "id", h->param,
					       "label", cls));
	json_decref(doc);
}

static void metrics_text(const struct server *srv, FILE *f);

static void get_metrics(struct handler_ctx *h, struct server_response *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	if (!f) {
		respond_nomem(r);
		return;
	}
	metrics_text(h->srv, f);
	if (fclose(f) || !buf) {
		free(buf);
		respond_nomem(r);
		return;
	}
	*r = (struct server_response){
		.status = 200, .content_type = "text/plain; version=0.0.4",
		.body = buf, .len = len, .owned = 1,
	};
}

/* ---- routes ---- */

enum body_kind { BODY_NONE, BODY_SMALL, BODY_BUNDLE };

struct route {
	const char *method;
	const char *pattern;	/* '*' stands for one path segment */
	const char *name;	/* for metrics */
	int auth;		/* needs an agent token */
	enum body_kind body;
	void (*handle)(struct handler_ctx *h, struct server_response *r);
};

static const struct route routes[NROUTES - 1] = {
	[ROUTE_BUNDLES] = {
		.method = "POST", .pattern = "/api/v1/bundles",
		.name = "bundles", .auth = 1, .body = BODY_BUNDLE,
		.handle = post_bundle,
	},
	[ROUTE_CRASHES] = {
		.method = "GET", .pattern = "/api/v1/crashes",
		.name = "crashes", .handle = get_crashes,
	},
	[ROUTE_CRASH] = {
		.method = "GET", .pattern = "/api/v1/crashes/*",
		.name = "crash", .handle = get_crash,
	},
	[ROUTE_LABEL] = {
		.method = "POST", .pattern = "/api/v1/crashes/*/label",
		.name = "label", .auth = 1, .body = BODY_SMALL,
		.handle = post_label,
	},
	[ROUTE_GROUPS] = {
		.method = "GET", .pattern = "/api/v1/groups",
		.name = "groups", .handle = get_groups,
	},
	[ROUTE_METRICS] = {
		.method = "GET", .pattern = "/metrics",
		.name = "metrics", .handle = get_metrics,
	},
};

static const char *route_name(int route)
{
	return route == ROUTE_NONE ? "none" : routes[route].name;
}

/* Match @path against @pattern; the '*' segment goes into @param. */
static int path_match(const char *pattern, const char *path, char *param,
		      size_t size)
{
	while (*pattern) {
		if (*pattern == '*') {
			size_t n = strcspn(path, "/");

			if (!n || n >= size)
				return 0;
			memcpy(param, path, n);
			param[n] = '\0';
			path += n;
			pattern++;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *path == '\0';
}

/* The route for @req, or -1 with a 404/405 response in @r. */
static int route_find(const struct server_request *req,
		      struct server_route_match *m, struct server_response *r)
{
	const char *allow = NULL;

	for (int i = 0; i < NROUTES - 1; i++) {
		if (!path_match(routes[i].pattern, req->path, m->param,
				sizeof(m->param)))
			continue;
		if (!strcmp(req->method, routes[i].method)) {
			m->route = i;
			return i;
		}
		allow = routes[i].method;
	}
	m->route = ROUTE_NONE;
	if (!allow) {
		respond_error(r, 404, "not_found", "no such resource");
		return -1;
	}
	respond_error(r, 405, "method_not_allowed", "use %s", allow);
	r->allow = allow;
	return -1;
}

size_t server_body_limit(const struct server *srv,
			 const struct server_route_match *m)
{
	if (m->route == ROUTE_NONE)
		return 0;
	switch (routes[m->route].body) {
	case BODY_BUNDLE:
		return srv->cfg.max_bundle;
	case BODY_SMALL:
		return SERVER_SMALL_BODY;
	default:
		return 0;
	}
}

static int auth_ok(struct server *srv, const struct server_request *req,
		   struct server_response *r)
{
	struct lsg_error *err;
	int ok;

	err = auth_check(srv->cfg.store, req->authorization, &ok);
	if (err) {
		respond_failure(r, err, "token check");
		return 0;
	}
	if (!ok)
		respond_error(r, 401, "unauthorized",
			      req->authorization ? "token not accepted" :
			      "Authorization: Bearer <token> required");
	return ok;
}

int server_precheck(struct server *srv, const struct server_request *req,
		    long long content_length, struct server_route_match *m,
		    struct server_response *ret)
{
	size_t limit;

	memset(ret, 0, sizeof(*ret));
	if (route_find(req, m, ret) < 0)
		goto respond;
	if (routes[m->route].auth && !auth_ok(srv, req, ret))
		goto respond;
	limit = server_body_limit(srv, m);
	if (content_length > 0 && (unsigned long long)content_length > limit) {
		respond_error(ret, 413, "too_large",
			      "body of %lld bytes, limit %zu", content_length,
			      limit);
		goto respond;
	}
	return 0;
respond:
	count_request(srv, m->route, ret->status);
	return 1;
}

void server_reject_oversize(struct server *srv,
			    const struct server_route_match *m,
			    struct server_response *ret)
{
	respond_error(ret, 413, "too_large", "body over the limit of %zu bytes",
		      server_body_limit(srv, m));
	count_request(srv, m->route, ret->status);
}

void server_dispatch(struct server *srv, const struct server_route_match *m,
		     const struct server_request *req,
		     struct server_response *ret)
{
	struct handler_ctx h = { .srv = srv, .req = req, .param = m->param };
	uint64_t start = req->start_ns ? req->start_ns : now_ns();

	memset(ret, 0, sizeof(*ret));
	if (req->body_len > server_body_limit(srv, m))
		server_reject_oversize(srv, m, ret);
	if (ret->status)
		return;
	routes[m->route].handle(&h, ret);
	count_request(srv, m->route, ret->status);
	if (m->route == ROUTE_BUNDLES)
		count_latency(srv, start);
}

void server_handle(struct server *srv, const struct server_request *req,
		   struct server_response *ret)
{
	struct server_route_match m;

	if (server_precheck(srv, req, (long long)req->body_len, &m, ret))
		return;
	server_dispatch(srv, &m, req, ret);
}

/* ---- /metrics ---- */

static void metrics_requests(const struct server *srv, FILE *f)
{
	fputs("# HELP logsage_http_requests_total HTTP requests by route and status.\n"
	      "# TYPE logsage_http_requests_total counter\n", f);
	for (int i = 0; i < NROUTES; i++) {
		for (unsigned s = 0; s < NSTATUS; s++) {
			uint64_t n = load(&srv->m.requests[i][s]);

			if (!n)
				continue;
			if (s < NSTATUS - 1)
				fprintf(f, "logsage_http_requests_total{route=\"%s\",status=\"%u\"} %llu\n",
					route_name(i), statuses[s],
					(unsigned long long)n);
			else
				fprintf(f, "logsage_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
					route_name(i), (unsigned long long)n);
		}
	}
}

static void metrics_bundles(const struct server *srv, FILE *f)
{
	fprintf(f, "# HELP logsage_bundles_stored_total Bundles stored.\n"
		"# TYPE logsage_bundles_stored_total counter\n"
		"logsage_bundles_stored_total %llu\n"
		"# HELP logsage_bundles_duplicate_total Bundles received again.\n"
		"# TYPE logsage_bundles_duplicate_total counter\n"
		"logsage_bundles_duplicate_total %llu\n"
		"# HELP logsage_analysis_failures_total Analyses that failed.\n"
		"# TYPE logsage_analysis_failures_total counter\n"
		"logsage_analysis_failures_total %llu\n"
		"# HELP logsage_bundles_rejected_total Bundles refused, by reason.\n"
		"# TYPE logsage_bundles_rejected_total counter\n",
		(unsigned long long)load(&srv->m.stored),
		(unsigned long long)load(&srv->m.duplicates),
		(unsigned long long)load(&srv->m.analysis_failures));
	for (int i = INGEST_EMPTY; i < INGEST_REASON_COUNT; i++)
		fprintf(f, "logsage_bundles_rejected_total{reason=\"%s\"} %llu\n",
			ingest_reason_name((enum ingest_reason)i),
			(unsigned long long)load(&srv->m.rejects[i]));
}

static void metrics_latency(const struct server *srv, FILE *f)
{
	uint64_t cum = 0;

	fputs("# HELP logsage_ingest_duration_seconds Time to answer POST /api/v1/bundles.\n"
	      "# TYPE logsage_ingest_duration_seconds histogram\n", f);
	for (int b = 0; b < NBUCKETS; b++) {
		cum += load(&srv->m.latency[b]);
		fprintf(f, "logsage_ingest_duration_seconds_bucket{le=\"%g\"} %llu\n",
			(double)latency_le_us[b] / 1e6,
			(unsigned long long)cum);
	}
	cum += load(&srv->m.latency[NBUCKETS]);
	fprintf(f, "logsage_ingest_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
		"logsage_ingest_duration_seconds_sum %.6f\n"
		"logsage_ingest_duration_seconds_count %llu\n",
		(unsigned long long)cum,
		(double)load(&srv->m.latency_sum_us) / 1e6,
		(unsigned long long)load(&srv->m.latency_count));
}

static void metrics_store(const struct server *srv, FILE *f)
{
	struct store_counters c;
	struct lsg_error *err = store_counters(srv->cfg.store, &c);

	if (err) {
		lsg_error_destroy(err);
		return;
	}
	fprintf(f, "# HELP logsage_store_crashes Crashes in the store.\n"
		"# TYPE logsage_store_crashes gauge\n"
		"logsage_store_crashes %llu\n"
		"# HELP logsage_store_groups Crash groups in the store.\n"
		"# TYPE logsage_store_groups gauge\n"
		"logsage_store_groups %llu\n"
		"# HELP logsage_store_tokens Agent tokens in the store.\n"
		"# TYPE logsage_store_tokens gauge\n"
		"logsage_store_tokens %llu\n",
		(unsigned long long)c.crashes, (unsigned long long)c.groups,
		(unsigned long long)c.tokens);
}

static void metrics_text(const struct server *srv, FILE *f)
{
	metrics_requests(srv, f);
	metrics_bundles(srv, f);
	metrics_latency(srv, f);
	metrics_store(srv, f);
}

/* ---- libmicrohttpd ---- */

/* What one connection's request carries between callbacks. */
struct conn_ctx {
	struct server *srv;
	struct MHD_Connection *con;
	struct server_request req;	/* kept while queued */
	struct server_arg args[SERVER_MAX_ARGS];
	struct server_response resp;	/* a worker's answer */
	int ready;			/* resp is set: send it */
	struct conn_ctx *next;		/* in the workers' queue */
	struct server_route_match match;
	char *body;
	size_t len, cap, limit;
	uint64_t start_ns;
	size_t dropped;		/* bytes thrown away after a failure */
	int failed;		/* 413 or 503 once the body has ended */
	int answered;		/* a response is queued: drop the rest */
};

static enum MHD_Result queue(struct MHD_Connection *con,
			     struct server_response *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(r->len, r->body, r->owned ?
					       MHD_RESPMEM_MUST_FREE :
					       MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		server_response_deinit(r);
		return MHD_NO;
	}
	r->owned = 0;	/* MHD frees it now */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				r->content_type);
	if (r->allow)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
	ret = MHD_queue_response(con, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

struct args_acc {
	struct server_arg *args;
	size_t n;
	int overflow;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind,
				   const char *key, const char *value)
{
	struct args_acc *a = cls;

	(void)kind;
	if (a->n == SERVER_MAX_ARGS) {
		a->overflow = 1;
		return MHD_NO;
	}
	a->args[a->n].key = key;
	a->args[a->n].value = value;
	a->n++;
	return MHD_YES;
}

static long long content_length(struct MHD_Connection *con)
{
	const char *v = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_CONTENT_LENGTH);
	char *end;
	long long n;

	if (!v)
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	return *v && !*end && !errno && n >= 0 ? n : LLONG_MAX;
}

/* Headers are in: decide what needs no body, and size the buffer. */
static enum MHD_Result on_headers(struct server *srv,
				  struct MHD_Connection *con,
				  struct server_request *req,
				  struct conn_ctx *c)
{
	struct server_response r;
	long long len = content_length(con);

	req->authorization = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_AUTHORIZATION);
	if (server_precheck(srv, req, len, &c->match, &r)) {
		c->answered = 1;
		return queue(con, &r);
	}
	c->limit = server_body_limit(srv, &c->match);
	/* Declared and within the limit (checked above): one allocation. */
	if (len > 0) {
		c->body = malloc((size_t)len);
		if (!c->body) {
			respond_nomem(&r);
			c->answered = 1;
			count_request(srv, c->match.route, r.status);
			return queue(con, &r);
		}
		c->cap = (size_t)len;
	}
	return MHD_YES;
}

static int body_append(struct conn_ctx *c, const char *data, size_t n)
{
	if (n > c->limit - c->len)
		return 413;
	if (c->len + n > c->cap) {
		size_t cap = c->cap ? c->cap : 16384;
		char *p;

		while (cap < c->len + n)
			cap *= 2;
		if (cap > c->limit)
			cap = c->limit;
		p = realloc(c->body, cap);
		if (!p)
			return 503;
		c->body = p;
		c->cap = cap;
	}
	memcpy(c->body + c->len, data, n);
	c->len += n;
	return 0;
}

/*
 * libmicrohttpd cannot queue a response while a body is arriving, so a body
 * without Content-Length that outgrows the limit is counted and dropped as
 * it comes (memory stays at the limit) and answered 413 at its end; one
 * that goes on past twice the limit gets its connection closed instead.
 */
static enum MHD_Result on_body(struct conn_ctx *c, const char *data,
			       size_t *size)
{
	size_t n = *size;
	int status;

	*size = 0;
	if (c->failed) {
		c->dropped += n;
		return c->dropped > c->limit ? MHD_NO : MHD_YES;
	}
	status = body_append(c, data, n);
	if (status) {
		c->failed = status;
		c->dropped = n;
		free(c->body);
		c->body = NULL;
		c->len = c->cap = 0;
	}
	return MHD_YES;
}

/* Hand @c to the workers; 0 when they are stopping (answer inline). */
static int defer(struct server *srv, struct conn_ctx *c)
{
	struct workers *w = &srv->w;
	int queued = 0;

	pthread_mutex_lock(&w->lock);
	if (!w->stopping && w->n) {
		MHD_suspend_connection(c->con);
		c->next = NULL;
		*w->tail = c;
		w->tail = &c->next;
		pthread_cond_signal(&w->cond);
		queued = 1;
	}
	pthread_mutex_unlock(&w->lock);
	return queued;
}

static void *worker_run(void *arg)
{
	struct server *srv = arg;
	struct workers *w = &srv->w;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct conn_ctx *c = w->head;

		if (!c) {
			if (w->stopping)
				break;
			pthread_cond_wait(&w->cond, &w->lock);
			continue;
		}
		w->head = c->next;
		if (!w->head)
			w->tail = &w->head;
		pthread_mutex_unlock(&w->lock);
		server_dispatch(srv, &c->match, &c->req, &c->resp);
		c->ready = 1;
		MHD_resume_connection(c->con);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static enum MHD_Result on_complete(struct server *srv,
				   struct MHD_Connection *con,
				   struct server_request *req,
				   struct conn_ctx *c)
{
	struct args_acc acc = { .args = c->args };
	struct server_response r;

	MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect_arg,
				  &acc);
	c->answered = 1;
	if (c->failed == 413) {
		server_reject_oversize(srv, &c->match, &r);
		return queue(con, &r);
	}
	if (c->failed) {
		respond_nomem(&r);
		count_request(srv, c->match.route, r.status);
		return queue(con, &r);
	}
	if (acc.overflow) {
		respond_error(&r, 400, "bad_query",
			      "query: more than %d parameters",
			      SERVER_MAX_ARGS);
		count_request(srv, c->match.route, r.status);
		return queue(con, &r);
	}
	/* MHD keeps what these point to until the request is done. */
	c->req = *req;
	c->req.args = c->args;
	c->req.nargs = acc.n;
	c->req.body = c->body;
	c->req.body_len = c->len;
	c->req.start_ns = c->start_ns;
	if (routes[c->match.route].body != BODY_NONE && defer(srv, c))
		return MHD_YES;
	server_dispatch(srv, &c->match, &c->req, &r);
	return queue(con, &r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con,
				  const char *url, const char *method,
				  const char *version, const char *data,
				  size_t *size, void **con_cls)
{
	struct server_request req = { .method = method, .path = url };
	struct server *srv = cls;
	struct conn_ctx *c = *con_cls;

	(void)version;
	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c)
			return MHD_NO;
		c->srv = srv;
		c->con = con;
		c->start_ns = now_ns();
		*con_cls = c;
		return on_headers(srv, con, &req, c);
	}
	if (c->ready) {
		c->ready = 0;
		return queue(con, &c->resp);
	}
	if (c->answered) {
		*size = 0;
		return MHD_YES;
	}
	if (*size)
		return on_body(c, data, size);
	return on_complete(srv, con, &req, c);
}

static void on_completed(void *cls, struct MHD_Connection *con,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *c = *con_cls;

	(void)cls;
	(void)con;
	(void)toe;
	if (c) {
		server_response_deinit(&c->resp);
		free(c->body);
		free(c);
		*con_cls = NULL;
	}
}

/* "ADDR:PORT" or "[ADDR6]:PORT", numeric only, into @ret. */
static struct lsg_error *parse_listen(const char *listen,
				      struct sockaddr_storage *ret,
				      int *ret_v6)
{
	struct addrinfo hints = {
		.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE,
		.ai_socktype = SOCK_STREAM,
	};
	const char *colon = strrchr(listen, ':');
	struct addrinfo *ai;
	char host[64];
	size_t n;
	int rc;

	if (!colon || colon == listen)
		return lsg_error_create(LSG_ERR_INVALID,
					"listen address \"%s\": want ADDR:PORT",
					listen);
	n = (size_t)(colon - listen);
	if (listen[0] == '[' && n > 2 && listen[n - 1] == ']') {
		listen++;
		n -= 2;
	}
	if (n >= sizeof(host))
		return lsg_error_create(LSG_ERR_INVALID,
					"listen address too long");
	memcpy(host, listen, n);
	host[n] = '\0';
	rc = getaddrinfo(host, colon + 1, &hints, &ai);
	if (rc)
		return lsg_error_create(LSG_ERR_INVALID,
					"listen address \"%s:%s\": %s", host,
					colon + 1, gai_strerror(rc));
	memcpy(ret, ai->ai_addr, ai->ai_addrlen);
	*ret_v6 = ai->ai_family == AF_INET6;
	freeaddrinfo(ai);
	return NULL;
}

struct lsg_error *server_create(const struct server_config *cfg,
				struct server **ret)
{
	struct server *srv = calloc(1, sizeof(*srv));

	if (!srv)
		return &lsg_enomem;
	srv->cfg = *cfg;
	if (!srv->cfg.listen)
		srv->cfg.listen = SERVER_LISTEN_DEFAULT;
	if (!srv->cfg.threads)
		srv->cfg.threads = SERVER_THREADS_DEFAULT;
	if (!srv->cfg.max_bundle)
		srv->cfg.max_bundle = SERVER_MAX_BUNDLE_DEFAULT;
	if (!srv->cfg.max_json)
		srv->cfg.max_json = INGEST_MAX_JSON;
	if (!srv->cfg.workers)
		srv->cfg.workers = SERVER_WORKERS_DEFAULT;
	pthread_mutex_init(&srv->w.lock, NULL);
	pthread_cond_init(&srv->w.cond, NULL);
	srv->w.tail = &srv->w.head;
	*ret = srv;
	return NULL;
}

static struct lsg_error *workers_start(struct server *srv)
{
	struct workers *w = &srv->w;
	int rc;

	w->threads = calloc(srv->cfg.workers, sizeof(*w->threads));
	if (!w->threads)
		return &lsg_enomem;
	for (; w->n < srv->cfg.workers; w->n++) {
		rc = pthread_create(&w->threads[w->n], NULL, worker_run, srv);
		if (rc)
			return lsg_error_os(rc, "starting worker %u", w->n);
	}
	return NULL;
}

/* Let the workers finish what is queued, then join them. */
static void workers_stop(struct workers *w)
{
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	for (unsigned i = 0; i < w->n; i++)
		pthread_join(w->threads[i], NULL);
	free(w->threads);
	w->threads = NULL;
	w->n = 0;
}

struct lsg_error *server_start(struct server *srv)
{
	struct sockaddr_storage addr = { 0 };
	struct lsg_error *err;
	int v6;

	err = parse_listen(srv->cfg.listen, &addr, &v6);
	if (!err)
		err = workers_start(srv);
	if (err)
		return err;
	srv->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
		MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC |
		(v6 ? MHD_USE_IPv6 : 0), 0, NULL,
		NULL, on_request, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, srv->cfg.threads,
		/* Headers of one request must fit: the pre-auth limit. */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
		MHD_OPTION_CONNECTION_LIMIT, 1024u,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_END);
	if (!srv->daemon)
		return lsg_error_create(LSG_ERR_OS,
					"cannot listen on %s (address in use, or not local?)",
					srv->cfg.listen);
	return NULL;
}

unsigned server_port(const struct server *srv)
{
	const union MHD_DaemonInfo *info;

	if (!srv->daemon)
		return 0;
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	return info ? info->port : 0;
}

void server_destroy(struct server *srv)
{
	if (!srv)
		return;
	/* Queued requests are answered first: no connection stays suspended. */
	if (srv->daemon)
		MHD_quiesce_daemon(srv->daemon);
	workers_stop(&srv->w);
	if (srv->daemon)
		MHD_stop_daemon(srv->daemon);
	pthread_mutex_destroy(&srv->w.lock);
	pthread_cond_destroy(&srv->w.cond);
	free(srv);
}
