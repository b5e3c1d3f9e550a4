/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTTP API (DESIGN §6): libmicrohttpd with a thread pool in front of a
 * socket-free request path, so tests and fuzzers drive the very code that
 * answers the network.
 *
 *   POST /api/v1/bundles             201 {"id", "report"}, 200 duplicate
 *   GET  /api/v1/crashes?filters     {"crashes": [...], "limit", "offset"}
 *   GET  /api/v1/crashes/{id}        one crash with its report
 *   GET  /api/v1/groups              {"groups": [...]}
 *   POST /api/v1/crashes/{id}/label  {"class": "..."} -> {"id", "label"}
 *   POST /api/v1/logs                a normal (non-crash) text log for
 *                                    FILE's background -> {"lines"}
 *   GET  /metrics                    Prometheus text
 *   GET  /api/v1/tokens              {"tokens": [{"name", "role", ...}]}
 *   POST /api/v1/tokens              {"name", "role"} -> 201 {..., "token"}
 *   DELETE /api/v1/tokens/{name}     revoke it and end its sessions
 *
 * and the operators' web UI (analyzer/web): /, /crashes, /crashes/{id},
 * /groups/{signature}, /labels, /login, /logout.  Roles (auth.h): an agent
 * token may only POST bundles; reading and labeling need an operator (or
 * admin) token, or for GETs and the pages a signed-in browser session;
 * the token routes need an admin token; /metrics is open only when
 * configured so.
 *
 * Every error body is {"error": "<what, where>", "reason": "<name>"}.
 * A request is checked in two steps: server_precheck() when its headers
 * are in (route, method, token, declared length: nothing of the body has
 * been read), then server_dispatch() with the whole body.
 */
#ifndef LSG_SERVER_H
#define LSG_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "ingest/ingest.h"
#include "store/store.h"

#define SERVER_LISTEN_DEFAULT "127.0.0.1:8080"

enum {
	/*
	 * Per CPU by default: an I/O thread each, and four POST handlers
	 * each, enough to fill a group commit; more only time-share the
	 * cores between analyses, and every answer comes late (ingest.sh on
	 * 2 CPUs: p99 43-48 ms with 2 and 8, 51-171 ms with 4 and 16).
	 */
	SERVER_THREADS_PER_CPU = 1,
	SERVER_WORKERS_PER_CPU = 4,
	/* Connections from one address: one client holding slow ones
	 * cannot take them all (behind a load balancer, raise it). */
	SERVER_PER_ADDR_DEFAULT = 64,
	SERVER_CONN_LIMIT = 1024,	/* connections at once */
	/* Slow clients (conntrack.h): a request's headers within 10 s, its
	 * body within 20 s and a second more per 500 bytes (the minimum rate
	 * of Apache's mod_reqtimeout), and 64 connections kept for
	 * authenticated clients (logsage serve's default). */
	SERVER_HEADER_TIMEOUT_DEFAULT = 10,
	SERVER_BODY_TIMEOUT_DEFAULT = 20,
	SERVER_MIN_BODY_RATE_DEFAULT = 500,
	SERVER_RESERVE_DEFAULT = 64,
	SERVER_MAX_ARGS = 16,		/* query parameters per request */
	SERVER_SMALL_BODY = 4096,	/* label bodies */
};

/* Body limit of POST /api/v1/bundles unless configured. */
#define SERVER_MAX_BUNDLE_DEFAULT ((size_t)16 << 20)

/**
 * An analysis: the report for bundle @b, a new reference, or NULL with
 * *@err set.  Called from several threads at once.
 */
typedef json_t *server_analyze_fn(void *arg, const struct ingest_bundle *b,
				  struct lsg_error **err);

/** Learning from a normal log (FILE's background); thread-safe. */
typedef struct lsg_error *server_learn_fn(void *arg, const struct lsg_log *log);

struct server_config {
	const char *listen;	/* "ADDR:PORT", "[ADDR6]:PORT"; port 0 picks */
	unsigned threads;	/* I/O threads; 0: server_default_threads() */
	unsigned workers;	/* POST workers; 0: server_default_workers() */
	size_t max_bundle;	/* request body; 0: SERVER_MAX_BUNDLE_DEFAULT */
	size_t max_json;	/* decompressed; 0: INGEST_MAX_JSON */
	struct store *store;	/* borrowed; outlives the server */
	server_analyze_fn *analyze;
	void *analyze_arg;
	/* GET /api/v1/label-queue; NULL: 503.  *err says why on NULL. */
	json_t *(*label_queue)(void *arg, unsigned limit,
			       struct lsg_error **err);
	void *label_queue_arg;
	server_learn_fn *learn;	/* NULL: POST /api/v1/logs answers 503 */
	void *learn_arg;
	const char *tls_cert, *tls_key;	/* PEM files; NULL: plain HTTP */
	double rate_limit;	/* requests/s per token, authenticated routes;
				 * 0: no limit */
	unsigned max_conn_per_addr;	/* 0: SERVER_PER_ADDR_DEFAULT */
	unsigned header_timeout;	/* seconds; 0: the default */
	unsigned body_timeout;		/* seconds; 0: the default */
	unsigned min_body_rate;		/* bytes/s; 0: the default */
	unsigned conn_reserve;		/* of SERVER_CONN_LIMIT; 0: none */
	int metrics_open;	/* GET /metrics without a token */
};

struct server_arg {
	const char *key, *value;
};

/* A request as the handlers see it; every pointer borrowed. */
struct server_request {
	const char *method;
	const char *path;		/* without the query string */
	const struct server_arg *args;	/* query parameters */
	size_t nargs;
	const char *authorization;	/* header value, or NULL */
	const char *cookie;		/* Cookie header value, or NULL */
	const void *body;
	size_t body_len;
	uint64_t start_ns;		/* CLOCK_MONOTONIC; 0: now */
};

struct server_response {
	unsigned status;
	const char *content_type;
	const char *allow;		/* for 405: the methods allowed */
	char *body;			/* see owned */
	size_t len;
	int owned;			/* body is malloc'd: free() it */
	unsigned retry_after;		/* seconds, sent as Retry-After */
	const char *location;		/* for 303: where to go */
	int page;			/* a web page: send its CSP and co. */
	char set_cookie[192];		/* Set-Cookie value, or "" */
	char filename[96];		/* download as this file, or "" */
};

struct server;

/** server_default_threads() - I/O threads for this machine's CPUs (2 at least). */
unsigned server_default_threads(void);

/** server_default_workers() - POST workers for this machine's CPUs. */
unsigned server_default_workers(void);

/**
 * server_create() - a server for @cfg (copied; the store and analysis are
 * borrowed), not yet listening.  Free with server_destroy().
 */
struct lsg_error *server_create(const struct server_config *cfg,
				struct server **ret);

/**
 * server_start() - listen and serve from the thread pool until
 * server_destroy().  Errors: LSG_ERR_INVALID for a bad address, LSG_ERR_OS.
 */
struct lsg_error *server_start(struct server *srv);

/**
 * server_reload_tls() - read the certificate and key files again; new
 * connections get the new ones, open ones go on.  On error the old ones
 * stay.  Nothing to do without TLS.
 */
struct lsg_error *server_reload_tls(struct server *srv);

/** server_port() - the port listened on (useful after port 0). */
unsigned server_port(const struct server *srv);

/** server_destroy() - stop serving, wait for requests, free; NULL is ok. */
void server_destroy(struct server *srv);

/*
 * The route a precheck chose, kept for the dispatch of the same request.
 */
struct server_route_match {
	int route;			/* index in the route table */
	char param[72];			/* the {id} of the path */
	int has_session;		/* session is the caller's */
	int authenticated;		/* by a valid token or session */
	struct store_session session;
};

/**
 * server_precheck() - what can be decided from the headers alone.
 * @content_length: declared body length, or -1 when not declared.
 * Returns 0 with @match filled when the request may go on, else 1 with
 * @ret the response to send now (404, 405, 401, 413).
 */
int server_precheck(struct server *srv, const struct server_request *req,
		    long long content_length, struct server_route_match *match,
		    struct server_response *ret);

/**
 * server_body_limit() - the largest body the matched route accepts.
 */
size_t server_body_limit(const struct server *srv,
			 const struct server_route_match *match);

/** server_dispatch() - answer a prechecked request with its whole body. */
void server_dispatch(struct server *srv, const struct server_route_match *m,
		     const struct server_request *req,
		     struct server_response *ret);

/**
 * server_reject_oversize() - the 413 for a body that outgrew the limit
 * while it was read (no Content-Length was declared).
 */
void server_reject_oversize(struct server *srv,
			    const struct server_route_match *m,
			    struct server_response *ret);

/**
 * server_handle() - precheck and dispatch in one call, the body's length
 * taken as the declared length: the whole request path without sockets.
 */
void server_handle(struct server *srv, const struct server_request *req,
		   struct server_response *ret);

/** server_response_deinit() - free what a response owns. */
void server_response_deinit(struct server_response *r);

#endif
