/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the server's three files share: transport.c (libmicrohttpd and the
 * worker pool), routes.c (the API) and metrics.c (counters, /metrics).
 */
#ifndef LSG_SERVER_INTERNAL_H
#define LSG_SERVER_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include <pthread.h>

#include "server.h"

/* Statuses counted one by one (metrics.c lists them), and "other". */
enum { SERVER_NSTATUS = 10 + 1 };
/* Buckets of the ingest latency histogram (metrics.c has the bounds). */
enum { SERVER_NBUCKETS = 11 };

enum route_id {
	ROUTE_BUNDLES, ROUTE_CRASHES, ROUTE_CRASH, ROUTE_LABEL, ROUTE_GROUPS,
	ROUTE_METRICS, ROUTE_LOGS, ROUTE_TOKENS, ROUTE_TOKEN_ADD, ROUTE_TOKEN_REVOKE,
	/* the web UI */
	ROUTE_UI_DASHBOARD, ROUTE_UI_CRASHES, ROUTE_UI_CRASH, ROUTE_UI_BUNDLE,
	ROUTE_UI_LABEL, ROUTE_UI_GROUP, ROUTE_UI_LABELS, ROUTE_UI_LOGIN,
	ROUTE_UI_SIGNIN, ROUTE_UI_LOGOUT, ROUTE_UI_ASSET,
	ROUTE_HEALTHZ, ROUTE_READYZ, ROUTE_LABEL_QUEUE, ROUTE_NONE, NROUTES
};

struct metrics {
	uint64_t requests[NROUTES][SERVER_NSTATUS];
	uint64_t stored, duplicates, analysis_failures;
	uint64_t rejects[INGEST_REASON_COUNT];
	uint64_t latency[SERVER_NBUCKETS + 1];	/* the last is +Inf */
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
	struct ratelimit *limits;	/* per-token rates; NULL: none */
	struct conntrack *conns;	/* while started; else NULL */
};


/* Counters are bumped by many threads at once, without a lock. */
void metrics_bump(uint64_t *counter, uint64_t n);
uint64_t metrics_load(const uint64_t *counter);
uint64_t metrics_now_ns(void);
void metrics_count_request(struct server *srv, int route, unsigned status);
/** metrics_count_latency() - one ingest, begun at @start_ns. */
void metrics_count_latency(struct server *srv, uint64_t start_ns);
/** metrics_text() - the /metrics page. */
void metrics_text(const struct server *srv, FILE *f);

/**
 * server_response_headers() - the headers @r needs beyond its type and
 * Allow (Location, Set-Cookie, Content-Disposition, and a page's security
 * headers), each through @add(@arg, name, value).
 */
void server_response_headers(const struct server_response *r, void *arg,
			     void (*add)(void *arg, const char *name,
					 const char *value));

/* What a handler answers from. */
struct handler_ctx {
	struct server *srv;
	const struct server_request *req;
	const char *param;			/* the path's '*' */
	const struct server_route_match *m;	/* with the session */
};

/** routes_id_valid() - @id is a bundle id (64 lowercase hex digits). */
int routes_id_valid(const char *id);

/**
 * routes_set_label() - label crash @id with @cls: the one path of the
 * API's label route and the UI's form.  Returns 1 when stored, else 0
 * with @r the error response (400, 404, 5xx).
 */
int routes_set_label(struct server *srv, const char *id, const char *cls,
		     struct server_response *r);

/*
 * The web UI's handlers (ui.c): the pages of analyzer/web, and sign-in,
 * sign-out, labels by form and bundle downloads.
 */
/** ui_page() - the page of the route matched (one that only renders). */
void ui_page(struct handler_ctx *h, struct server_response *r);
void ui_bundle(struct handler_ctx *h, struct server_response *r);
void ui_label(struct handler_ctx *h, struct server_response *r);
void ui_login(struct handler_ctx *h, struct server_response *r);
void ui_signin(struct handler_ctx *h, struct server_response *r);
void ui_logout(struct handler_ctx *h, struct server_response *r);
void ui_asset(struct handler_ctx *h, struct server_response *r);

/**
 * ui_redirect() - 303 to @base followed by @arg percent-encoded (NULL:
 * nothing); the target is a local path.
 */
void ui_redirect(struct server_response *r, const char *base,
		 const char *arg);

/**
 * ui_to_login() - 303 to the sign-in page, which comes back to @req's
 * path and query afterwards.
 */
void ui_to_login(const struct server_request *req, struct server_response *r);

/** routes_name() - a route's name in metrics. */
const char *routes_name(int route);
/** routes_blocking() - the route's handler may block: run it on a worker. */
int routes_blocking(int route);
/** routes_respond_nomem() - 503 from a static body: never allocates. */
void routes_respond_nomem(struct server_response *r);
/** routes_respond_error() - {"error": message, "reason": @reason}. */
void routes_respond_error(struct server_response *r, unsigned status,
			  const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
