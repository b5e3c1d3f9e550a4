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
#include <time.h>

#include "auth.h"
#include "parse/textlog.h"
#include "ratelimit.h"
#include "report/jsonw.h"
#include "server_internal.h"
#include "web/web.h"
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
	struct lsg_error *err;
	size_t len;
	char *s;

	err = j ? jsonw_dump(j, &s, &len) : &lsg_enomem;
	json_decref(j);
	if (err) {
		lsg_error_destroy(err);
		routes_respond_nomem(r);
		return;
	}
	*r = (struct server_response){
		.status = status, .content_type = json_mime, .body = s,
		.len = len, .owned = 1,
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

static void analysis_failed(struct server *srv, struct lsg_error *err,
			    json_t **report)
{
	metrics_bump(&srv->m.analysis_failures, 1);
	*report = json_pack("{s:n,s:s}", "title", "analysis_error",
			    err->message);
	lsg_error_destroy(err);
}

/*
 * Store @b with @report (borrowed) and answer with both: the report is
 * dumped once, into the answer, {"id":"ID","report":TEXT[,"duplicate":
 * true]}, and the row takes TEXT from there.  The id is 64 hex digits:
 * nothing in it needs escaping.
 */
static struct lsg_error *store_report(struct handler_ctx *h,
				      const struct ingest_bundle *b,
				      const json_t *report,
				      struct server_response *r)
{
	static const char dup_tail[] = ",\"duplicate\":true}";
	struct server *srv = h->srv;
	struct store_crash c;
	struct lsg_error *err;
	char head[128], *body;
	size_t len;
	int head_len, dup;

	head_len = snprintf(head, sizeof(head), "{\"id\":\"%s\",\"report\":",
			    b->id);
	if (head_len < 0 || (size_t)head_len >= sizeof(head))
		return lsg_error_create(LSG_ERR_INVALID, "bundle id too long");
	err = jsonw_dump_framed(report, head, (size_t)head_len,
				sizeof(dup_tail), &body, &len);
	if (err)
		return err;
	store_crash_from_bundle(b, report, body + head_len, h->req->body,
				h->req->body_len, (int64_t)time(NULL), &c);
	err = store_put_crash(srv->cfg.store, &c, &dup);
	if (err) {
		free(body);
		return err;
	}
	memcpy(body + len, dup ? dup_tail : "}", dup ? sizeof(dup_tail) : 2);
	len += dup ? sizeof(dup_tail) - 1 : 1;
	metrics_bump(dup ? &srv->m.duplicates : &srv->m.stored, 1);
	*r = (struct server_response){
		.status = dup ? 200 : 201, .content_type = json_mime,
		.body = body, .len = len, .owned = 1,
	};
	return NULL;
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
	err = store_report(h, b, report, r);
	json_decref(report);
	if (err)
		respond_failure(r, err, "store");
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
	"host", "kernel", "class", "signature", "title", "since", "until",
	"limit", "offset", NULL,
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
		.title = arg_get(req, "title"),
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

int routes_id_valid(const char *id)
{
	return wire_id_valid(id, strlen(id));
}

static void no_such_crash(struct server_response *r)
{
	routes_respond_error(r, 404, "not_found", "no such crash");
}

static void get_crash(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;
	json_t *crash;

	if (!routes_id_valid(h->param) || !args_known(h->req, no_args, r)) {
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

/* A label body with a string "class"; NULL with @r set when not. */
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
	if (json_is_string(cls))
		return doc;
	routes_respond_error(r, 400, "wrong_type", "class: expected a string");
	json_decref(doc);
	return NULL;
}

int routes_set_label(struct server *srv, const char *id, const char *cls,
		     struct server_response *r)
{
	struct lsg_error *err;
	int found;

	if (!routes_id_valid(id)) {
		no_such_crash(r);
		return 0;
	}
	if (!store_class_valid(cls)) {
		routes_respond_error(r, 400, "label_class",
			      "class: \"%.32s\" is not a root-cause class", cls);
		return 0;
	}
	err = store_label(srv->cfg.store, id, cls, &found);
	if (err)
		respond_failure(r, err, "store");
	else if (!found)
		no_such_crash(r);
	return !err && found;
}

static void post_label(struct handler_ctx *h, struct server_response *r)
{
	const char *cls;
	json_t *doc;

	if (!routes_id_valid(h->param)) {
		no_such_crash(r);
		return;
	}
	doc = label_body(h->req, r);
	if (!doc)
		return;
	cls = json_string_value(json_object_get(doc, "class"));
	if (routes_set_label(h->srv, h->param, cls, r))
		respond_json(r, 200, json_pack("{s:s,s:s}", "id", h->param,
					       "label", cls));
	json_decref(doc);
}

/* ---- tokens (admin) ---- */

static void get_tokens(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;
	json_t *list;

	if (!args_known(h->req, no_args, r))
		return;
	err = store_token_list(h->srv->cfg.store, &list);
	if (err)
		respond_failure(r, err, "store");
	else
		respond_json(r, 200, json_pack("{s:o}", "tokens", list));
}

/* {"name", "role"}: 201 with the token, shown this once. */
static void post_token(struct handler_ctx *h, struct server_response *r)
{
	char tok[AUTH_TOKEN_LEN + 1];
	const char *name, *role;
	struct lsg_error *err;
	json_error_t jerr;
	json_t *doc;

	doc = json_loadb(h->req->body, h->req->body_len, 0, &jerr);
	if (!doc) {
		routes_respond_error(r, 400, "json_syntax", "json: %s", jerr.text);
		return;
	}
	name = json_string_value(json_object_get(doc, "name"));
	role = json_string_value(json_object_get(doc, "role"));
	if (!name || store_role_parse(role) == STORE_ROLE_NONE) {
		routes_respond_error(r, 400, "wrong_type",
			      "want {\"name\": NAME, \"role\": \"agent\", \"operator\" or \"admin\"}");
	} else {
		err = auth_add(h->srv->cfg.store, name, store_role_parse(role),
			       tok);
		if (err && err->code == LSG_ERR_INVALID) {
			routes_respond_error(r, 400, "token_name", "%s",
				      err->message);
			lsg_error_destroy(err);
		} else if (err) {
			respond_failure(r, err, "store");
		} else {
			respond_json(r, 201, json_pack("{s:s,s:s,s:s}", "name",
				     name, "role", role, "token", tok));
		}
		explicit_bzero(tok, sizeof(tok));
	}
	json_decref(doc);
}

static void delete_token(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;
	int found;

	err = store_token_revoke(h->srv->cfg.store, h->param, &found);
	if (err)
		respond_failure(r, err, "store");
	else if (!found)
		routes_respond_error(r, 404, "not_found", "no such token");
	else
		respond_json(r, 200, json_pack("{s:s,s:b}", "name", h->param,
					       "revoked", 1));
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

/* Alive: the process answers.  For a load balancer's liveness check. */
static void get_healthz(struct handler_ctx *h, struct server_response *r)
{
	(void)h;
	respond_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

/* Ready: the database answers too; else 503 and the balancer looks away. */
static void get_readyz(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err = store_ping(h->srv->cfg.store);

	if (err) {
		routes_respond_error(r, 503, "store_unavailable", "store: %s",
				     err->message);
		lsg_error_destroy(err);
		return;
	}
	respond_json(r, 200, json_pack("{s:s}", "status", "ready"));
}

/* ---- routes ---- */

enum body_kind { BODY_NONE, BODY_SMALL, BODY_BUNDLE };

/* Who may ask: the roles allowed, and how the caller proves one. */
enum access {
	ACCESS_OPEN,	/* anyone (sign-in, assets) */
	ACCESS_TOKEN,	/* a bearer token; GETs also take a session */
	ACCESS_PAGE,	/* a session; without one, off to sign in */
};

#define ROLE(r) (1u << (r))
#define AGENT ROLE(STORE_ROLE_AGENT)
#define READERS (ROLE(STORE_ROLE_OPERATOR) | ROLE(STORE_ROLE_ADMIN))
#define ADMIN ROLE(STORE_ROLE_ADMIN)

struct route {
	const char *method;
	const char *pattern;	/* '*' stands for one path segment */
	const char *name;	/* for metrics */
	enum access access;
	unsigned roles;		/* ROLE() bits: who may */
	enum body_kind body;
	void (*handle)(struct handler_ctx *h, struct server_response *r);
};

#define PAGE(p, n, h) { .method = "GET", .pattern = p, .name = n, \
	.access = ACCESS_PAGE, .roles = READERS, .handle = h }

static const struct route routes[NROUTES - 1] = {
	[ROUTE_BUNDLES] = {
		.method = "POST", .pattern = "/api/v1/bundles",
		.name = "bundles", .access = ACCESS_TOKEN, .roles = AGENT,
		.body = BODY_BUNDLE, .handle = post_bundle,
	},
	[ROUTE_CRASHES] = {
		.method = "GET", .pattern = "/api/v1/crashes",
		.name = "crashes", .access = ACCESS_TOKEN, .roles = READERS,
		.handle = get_crashes,
	},
	[ROUTE_CRASH] = {
		.method = "GET", .pattern = "/api/v1/crashes/*",
		.name = "crash", .access = ACCESS_TOKEN, .roles = READERS,
		.handle = get_crash,
	},
	[ROUTE_LABEL] = {
		.method = "POST", .pattern = "/api/v1/crashes/*/label",
		.name = "label", .access = ACCESS_TOKEN, .roles = READERS,
		.body = BODY_SMALL, .handle = post_label,
	},
	[ROUTE_GROUPS] = {
		.method = "GET", .pattern = "/api/v1/groups",
		.name = "groups", .access = ACCESS_TOKEN, .roles = READERS,
		.handle = get_groups,
	},
	/* Open instead when the server is configured so (metrics_open). */
	[ROUTE_METRICS] = {
		.method = "GET", .pattern = "/metrics",
		.name = "metrics", .access = ACCESS_TOKEN, .roles = READERS,
		.handle = get_metrics,
	},
	[ROUTE_TOKENS] = {
		.method = "GET", .pattern = "/api/v1/tokens", .name = "tokens",
		.access = ACCESS_TOKEN, .roles = ADMIN, .handle = get_tokens,
	},
	[ROUTE_TOKEN_ADD] = {
		.method = "POST", .pattern = "/api/v1/tokens",
		.name = "token_add", .access = ACCESS_TOKEN, .roles = ADMIN,
		.body = BODY_SMALL, .handle = post_token,
	},
	[ROUTE_TOKEN_REVOKE] = {
		.method = "DELETE", .pattern = "/api/v1/tokens/*",
		.name = "token_revoke", .access = ACCESS_TOKEN, .roles = ADMIN,
		.handle = delete_token,
	},
	[ROUTE_UI_DASHBOARD] = PAGE("/", "ui_dashboard", ui_page),
	[ROUTE_UI_CRASHES] = PAGE("/crashes", "ui_crashes", ui_page),
	[ROUTE_UI_CRASH] = PAGE("/crashes/*", "ui_crash", ui_page),
	[ROUTE_UI_BUNDLE] = PAGE("/crashes/*/bundle", "ui_bundle", ui_bundle),
	[ROUTE_UI_LABEL] = {
		.method = "POST", .pattern = "/crashes/*/label",
		.name = "ui_label", .access = ACCESS_PAGE, .roles = READERS,
		.body = BODY_SMALL, .handle = ui_label,
	},
	[ROUTE_UI_GROUP] = PAGE("/groups/*", "ui_group", ui_page),
	[ROUTE_UI_LABELS] = PAGE("/labels", "ui_labels", ui_page),
	[ROUTE_UI_LOGIN] = {
		.method = "GET", .pattern = "/login", .name = "ui_login",
		.access = ACCESS_OPEN, .handle = ui_login,
	},
	[ROUTE_UI_SIGNIN] = {
		.method = "POST", .pattern = "/login", .name = "ui_signin",
		.access = ACCESS_OPEN, .body = BODY_SMALL,
		.handle = ui_signin,
	},
	[ROUTE_UI_LOGOUT] = {
		.method = "POST", .pattern = "/logout", .name = "ui_logout",
		.access = ACCESS_PAGE, .roles = READERS, .body = BODY_SMALL,
		.handle = ui_logout,
	},
	[ROUTE_UI_ASSET] = {
		.method = "GET", .pattern = "/assets/*", .name = "ui_asset",
		.access = ACCESS_OPEN, .handle = ui_asset,
	},
	[ROUTE_LABEL_QUEUE] = {
		.method = "GET", .pattern = "/api/v1/label-queue",
		.name = "label_queue", .access = ACCESS_TOKEN,
		.roles = READERS, .handle = get_label_queue,
	},
	/* Normal logs for FILE's background: from agents or operators. */
	[ROUTE_LOGS] = {
		.method = "POST", .pattern = "/api/v1/logs", .name = "logs",
		.access = ACCESS_TOKEN, .roles = AGENT | READERS,
		.body = BODY_BUNDLE, .handle = post_logs,
	},
	/* For load balancers: open, like the sign-in page. */
	[ROUTE_HEALTHZ] = {
		.method = "GET", .pattern = "/healthz",
		.name = "healthz", .access = ACCESS_OPEN,
		.handle = get_healthz,
	},
	[ROUTE_READYZ] = {
		.method = "GET", .pattern = "/readyz",
		.name = "readyz", .access = ACCESS_OPEN,
		.handle = get_readyz,
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

/* A bearer token of a role @rt allows; 0 with @r the refusal. */
static int token_ok(struct server *srv, const struct server_request *req,
		    const struct route *rt, struct server_response *r)
{
	char name[STORE_NAME_MAX + 1];
	enum store_role role;
	struct lsg_error *err;

	err = auth_check(srv->cfg.store, req->authorization, name, &role);
	if (err) {
		respond_failure(r, err, "token check");
		return 0;
	}
	if (rt->roles & ROLE(role))
		return 1;
	if (role == STORE_ROLE_NONE)
		routes_respond_error(r, 401, "unauthorized",
			      req->authorization ? "token not accepted" :
			      "Authorization: Bearer <token> required");
	else
		routes_respond_error(r, 403, "forbidden",
				     "a%s %s token may not do this",
				     role == STORE_ROLE_AGENT ? "n" : "",
				     store_role_name(role));
	return 0;
}

/* The caller's session into @m; 0 when there is none (or an error). */
static int session_ok(struct server *srv, const struct server_request *req,
		      struct server_route_match *m, struct server_response *r)
{
	struct lsg_error *err;
	int found;

	err = auth_session_find(srv->cfg.store, req->cookie, &m->session,
				&found);
	if (err) {
		respond_failure(r, err, "session");
		return 0;
	}
	m->has_session = found;
	return found;
}

/* May the caller use route @m->route?  0 with @r the answer if not. */
static int access_ok(struct server *srv, const struct server_request *req,
		     struct server_route_match *m, struct server_response *r)
{
	const struct route *rt = &routes[m->route];

	m->has_session = 0;
	m->authenticated = 0;
	if (rt->access == ACCESS_OPEN ||
	    (m->route == ROUTE_METRICS && srv->cfg.metrics_open))
		return 1;
	if (rt->access == ACCESS_TOKEN &&
	    (req->authorization || strcmp(rt->method, "GET")))
		return m->authenticated = token_ok(srv, req, rt, r);
	if (!session_ok(srv, req, m, r)) {
		if (r->status)
			return 0;
		if (rt->access == ACCESS_PAGE)
			ui_to_login(req, r);
		else
			routes_respond_error(r, 401, "unauthorized",
				      "Authorization: Bearer <token> required");
		return 0;
	}
	if (rt->roles & ROLE(m->session.role))
		return m->authenticated = 1;
	routes_respond_error(r, 403, "forbidden", "your role may not do this");
	return 0;
}

/* Within its token's rate, else 429 and when to come back. */
static int rate_ok(struct server *srv, const struct server_request *req,
		   struct server_response *r)
{
	unsigned wait;

	if (!srv->limits ||
	    ratelimit_take(srv->limits, req->authorization,
			strlen(req->authorization), metrics_now_ns(), &wait))
		return 1;
	routes_respond_error(r, 429, "rate_limited",
			     "over %g requests a second for this token; retry after %u s",
			     srv->cfg.rate_limit, wait);
	r->retry_after = wait;
	return 0;
}

int server_precheck(struct server *srv, const struct server_request *req,
		    long long content_length, struct server_route_match *m,
		    struct server_response *ret)
{
	size_t limit;

	memset(ret, 0, sizeof(*ret));
	if (route_find(req, m, ret) < 0)
		goto respond;
	if (!access_ok(srv, req, m, ret))
		goto respond;
	if (routes[m->route].access == ACCESS_TOKEN && req->authorization &&
	    !rate_ok(srv, req, ret))
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
	struct handler_ctx h = {
		.srv = srv, .req = req, .param = m->param, .m = m,
	};
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

