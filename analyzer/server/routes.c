/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The API: the route table, request checks (authentication, body limits)
 * and the handlers, independent of the HTTP library (server_handle() is
 * what the fuzz target drives).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "parse/textlog.h"
#include "server_internal.h"
#include "wire.h"

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

void routes_respond_nomem(struct server_response *r)
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
		routes_respond_nomem(r);
		return;
	}
	*r = (struct server_response){
		.status = status, .content_type = json_mime, .body = s,
		.len = strlen(s), .owned = 1,
	};
}

void routes_respond_error(struct server_response *r, unsigned status,
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
		routes_respond_nomem(r);
	else
		routes_respond_error(r, 500, "internal", "%s: %s", what,
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
			routes_respond_error(r, 400, "bad_query",
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
		routes_respond_error(r, 400, "bad_query",
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
	metrics_bump(&srv->m.analysis_failures, 1);
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
		routes_respond_nomem(r);
		return;
	}
	err = store_put(srv->cfg.store, b, h->req->body, h->req->body_len,
			report, &dup);
	if (err) {
		json_decref(report);
		respond_failure(r, err, "store");
		return;
	}
	metrics_bump(dup ? &srv->m.duplicates : &srv->m.stored, 1);
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
		metrics_bump(&h->srv->m.rejects[why], 1);
		routes_respond_error(r, 400, ingest_reason_name(why), "%s",
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

static void no_such_crash(struct server_response *r)
{
	routes_respond_error(r, 404, "not_found", "no such crash");
}

static void get_crash(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;
	json_t *crash;

	if (!wire_id_valid(h->param, strlen(h->param)) || !args_known(h->req, no_args, r)) {
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
		routes_respond_error(r, 400, "json_syntax", "json: %s", jerr.text);
		return NULL;
	}
	cls = json_object_get(doc, "class");
	if (!json_is_string(cls)) {
		routes_respond_error(r, 400, "wrong_type",
			      "class: expected a string");
	} else if (!class_valid(json_string_value(cls))) {
		routes_respond_error(r, 400, "label_class",
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

	if (!wire_id_valid(h->param, strlen(h->param))) {
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

static const char *const queue_args[] = { "limit", NULL };

/* The crashes an operator should label next (DESIGN §6.4). */
static void get_label_queue(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err = NULL;
	long long limit;
	json_t *q;

	if (!args_known(h->req, queue_args, r) ||
	    !arg_int(h->req, "limit", 1, 200, 20, &limit, r))
		return;
	if (!h->srv->cfg.label_queue) {
		routes_respond_error(r, 503, "no_model",
				     "no root-cause model configured");
		return;
	}
	q = h->srv->cfg.label_queue(h->srv->cfg.label_queue_arg,
				    (unsigned)limit, &err);
	if (q)
		respond_json(r, 200, q);
	else if (err && err->code == LSG_ERR_NODATA) {
		routes_respond_error(r, 503, "no_model", "%s", err->message);
		lsg_error_destroy(err);
	} else {
		respond_failure(r, err ? err : &lsg_enomem, "label queue");
	}
}

static void get_metrics(struct handler_ctx *h, struct server_response *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	if (!f) {
		routes_respond_nomem(r);
		return;
	}
	metrics_text(h->srv, f);
	if (fclose(f) || !buf) {
		free(buf);
		routes_respond_nomem(r);
		return;
	}
	*r = (struct server_response){
		.status = 200, .content_type = "text/plain; version=0.0.4",
		.body = buf, .len = len, .owned = 1,
	};
}

/* A normal log for FILE's background: any text textlog reads. */
static void post_logs(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;
	struct lsg_log log;

	if (!h->srv->cfg.learn) {
		routes_respond_error(r, 503, "not_configured",
				     "learning is not configured");
		return;
	}
	err = textlog_parse(h->req->body, h->req->body_len, &log, NULL);
	if (err) {
		respond_failure(r, err, "log");
		return;
	}
	err = h->srv->cfg.learn(h->srv->cfg.learn_arg, &log);
	if (err)
		respond_failure(r, err, "learn");
	else
		respond_json(r, 200, json_pack("{s:I}", "lines",
					       (json_int_t)log.nrecs));
	lsg_log_deinit(&log);
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
	[ROUTE_LABEL_QUEUE] = {
		.method = "GET", .pattern = "/api/v1/label-queue",
		.name = "label_queue", .handle = get_label_queue,
	},
	[ROUTE_LOGS] = {
		.method = "POST", .pattern = "/api/v1/logs",
		.name = "logs", .auth = 1, .body = BODY_BUNDLE,
		.handle = post_logs,
	},
};

int routes_blocking(int route)
{
	return routes[route].body != BODY_NONE;
}

const char *routes_name(int route)
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
		routes_respond_error(r, 404, "not_found", "no such resource");
		return -1;
	}
	routes_respond_error(r, 405, "method_not_allowed", "use %s", allow);
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
		routes_respond_error(r, 401, "unauthorized",
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
		routes_respond_error(ret, 413, "too_large",
			      "body of %lld bytes, limit %zu", content_length,
			      limit);
		goto respond;
	}
	return 0;
respond:
	metrics_count_request(srv, m->route, ret->status);
	return 1;
}

void server_reject_oversize(struct server *srv,
			    const struct server_route_match *m,
			    struct server_response *ret)
{
	routes_respond_error(ret, 413, "too_large", "body over the limit of %zu bytes",
		      server_body_limit(srv, m));
	metrics_count_request(srv, m->route, ret->status);
}

void server_dispatch(struct server *srv, const struct server_route_match *m,
		     const struct server_request *req,
		     struct server_response *ret)
{
	struct handler_ctx h = { .srv = srv, .req = req, .param = m->param };
	uint64_t start = req->start_ns ? req->start_ns : metrics_now_ns();

	memset(ret, 0, sizeof(*ret));
	if (req->body_len > server_body_limit(srv, m))
		server_reject_oversize(srv, m, ret);
	if (ret->status)
		return;
	routes[m->route].handle(&h, ret);
	metrics_count_request(srv, m->route, ret->status);
	if (m->route == ROUTE_BUNDLES)
		metrics_count_latency(srv, start);
}

void server_handle(struct server *srv, const struct server_request *req,
		   struct server_response *ret)
{
	struct server_route_match m;

	if (server_precheck(srv, req, (long long)req->body_len, &m, ret))
		return;
	server_dispatch(srv, &m, req, ret);
}

