/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * HTTP through libmicrohttpd: connections, bodies, the worker pool that
 * runs blocking handlers, and the server's life cycle.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netdb.h>
#include <unistd.h>

#include <microhttpd.h>

#include "server_internal.h"
#include "conntrack.h"
#include "ratelimit.h"
#include "tls.h"

/* ---- libmicrohttpd ---- */

/* What one connection's request carries between callbacks. */
struct conn_ctx {
	struct server *srv;
	struct MHD_Connection *con;
	struct conntrack_conn *track;	/* its deadlines; NULL: none */
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

static void add_header(void *arg, const char *name, const char *value)
{
	MHD_add_response_header(arg, name, value);
}

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
	if (r->retry_after) {
		char secs[16];

		snprintf(secs, sizeof(secs), "%u", r->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, secs);
	}
	server_response_headers(r, resp, add_header);
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
	struct args_acc acc = { .args = c->args };
	struct server_response r;
	long long len = content_length(con);

	req->authorization = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_AUTHORIZATION);
	req->cookie = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_COOKIE);
	/* The query too: a page asked for without a session comes back to it. */
	MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect_arg,
				  &acc);
	req->args = c->args;
	req->nargs = acc.n;
	if (server_precheck(srv, req, len, &c->match, &r)) {
		c->answered = 1;
		return queue(con, &r);
	}
	c->limit = server_body_limit(srv, &c->match);
	/* Declared and within the limit (checked above): one allocation. */
	if (len > 0) {
		c->body = malloc((size_t)len);
		if (!c->body) {
			routes_respond_nomem(&r);
			c->answered = 1;
			metrics_count_request(srv, c->match.route, r.status);
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
		routes_respond_nomem(&r);
		metrics_count_request(srv, c->match.route, r.status);
		return queue(con, &r);
	}
	if (acc.overflow) {
		routes_respond_error(&r, 400, "bad_query",
			      "query: more than %d parameters",
			      SERVER_MAX_ARGS);
		metrics_count_request(srv, c->match.route, r.status);
		return queue(con, &r);
	}
	/* MHD keeps what these point to until the request is done. */
	c->req = *req;
	c->req.cookie = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_COOKIE);
	c->req.args = c->args;
	c->req.nargs = acc.n;
	c->req.body = c->body;
	c->req.body_len = c->len;
	c->req.start_ns = c->start_ns;
	if (routes_blocking(c->match.route) && defer(srv, c))
		return MHD_YES;
	server_dispatch(srv, &c->match, &c->req, &r);
	return queue(con, &r);
}

/* The connection's entry in the table of slow clients, or NULL. */
static struct conntrack_conn *tracked(struct MHD_Connection *con)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return info ? info->socket_context : NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con,
				  const char *url, const char *method,
				  const char *version, const char *data,
				  size_t *size, void **con_cls)
{
	struct server_request req = { .method = method, .path = url };
	struct server *srv = cls;
	struct conn_ctx *c = *con_cls;
	enum MHD_Result ret;

	(void)version;
	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c)
			return MHD_NO;
		c->srv = srv;
		c->con = con;
		c->track = tracked(con);
		c->start_ns = metrics_now_ns();
		*con_cls = c;
		ret = on_headers(srv, con, &req, c);
		conntrack_headers(srv->conns, c->track,
				  !c->answered && c->match.authenticated,
				  c->start_ns);
		return ret;
	}
	if (c->ready) {
		c->ready = 0;
		return queue(con, &c->resp);
	}
	if (!*size) {
		conntrack_answer(srv->conns, c->track);
		return c->answered ? MHD_YES : on_complete(srv, con, &req, c);
	}
	conntrack_body(srv->conns, c->track, *size);
	if (c->answered) {
		*size = 0;
		return MHD_YES;
	}
	return on_body(c, data, size);
}

static void on_completed(void *cls, struct MHD_Connection *con,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct conn_ctx *c = *con_cls;

	(void)toe;
	/* On a kept-alive connection, the next request's headers are due. */
	conntrack_idle(srv->conns, tracked(con), metrics_now_ns());
	if (c) {
		server_response_deinit(&c->resp);
		free(c->body);
		free(c);
		*con_cls = NULL;
	}
}

/*
 * Every connection is in the table of slow clients from its accept to its
 * close; libmicrohttpd tells of the close before it closes the socket.
 */
static void on_connection(void *cls, struct MHD_Connection *con,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct server *srv = cls;
	const union MHD_ConnectionInfo *info;

	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		conntrack_close(srv->conns, *socket_context);
		*socket_context = NULL;
		return;
	}
	info = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (info)
		*socket_context = conntrack_open(srv->conns, info->connect_fd,
						 metrics_now_ns());
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

static unsigned cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 2 : n > 64 ? 64 : (unsigned)n;
}

unsigned server_default_threads(void)
{
	return SERVER_THREADS_PER_CPU * cpus();
}

unsigned server_default_workers(void)
{
	return SERVER_WORKERS_PER_CPU * cpus();
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
		srv->cfg.threads = server_default_threads();
	if (!srv->cfg.max_bundle)
		srv->cfg.max_bundle = SERVER_MAX_BUNDLE_DEFAULT;
	if (!srv->cfg.max_json)
		srv->cfg.max_json = INGEST_MAX_JSON;
	if (!srv->cfg.workers)
		srv->cfg.workers = server_default_workers();
	if (!srv->cfg.max_conn_per_addr)
		srv->cfg.max_conn_per_addr = SERVER_PER_ADDR_DEFAULT;
	if (!srv->cfg.header_timeout)
		srv->cfg.header_timeout = SERVER_HEADER_TIMEOUT_DEFAULT;
	if (!srv->cfg.body_timeout)
		srv->cfg.body_timeout = SERVER_BODY_TIMEOUT_DEFAULT;
	if (!srv->cfg.min_body_rate)
		srv->cfg.min_body_rate = SERVER_MIN_BODY_RATE_DEFAULT;
	if (srv->cfg.rate_limit > 0) {
		struct lsg_error *err = ratelimit_create(srv->cfg.rate_limit,
						      &srv->limits);

		if (err) {
			free(srv);
			return err;
		}
	}
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

struct lsg_error *server_reload_tls(struct server *srv)
{
	if (!srv->cfg.tls_cert)
		return NULL;
	return tls_load(srv->cfg.tls_cert, srv->cfg.tls_key);
}

struct lsg_error *server_start(struct server *srv)
{
	struct sockaddr_storage addr = { 0 };
	const struct conntrack_config conns = {
		.limit = SERVER_CONN_LIMIT,
		.reserve = srv->cfg.conn_reserve,
		.header_s = srv->cfg.header_timeout,
		.body_s = srv->cfg.body_timeout,
		.min_rate = srv->cfg.min_body_rate,
	};
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_CERT_CALLBACK, 0, (void *)tls_retrieve },
		{ MHD_OPTION_END, 0, NULL },
	};
	struct lsg_error *err;
	int v6, use_tls = srv->cfg.tls_cert != NULL;

	err = parse_listen(srv->cfg.listen, &addr, &v6);
	if (!err)
		err = server_reload_tls(srv);
	if (!err)
		err = conntrack_create(&conns, &srv->conns);
	if (!err)
		err = workers_start(srv);
	if (err)
		return err;
	srv->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
		MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC |
		(v6 ? MHD_USE_IPv6 : 0) | (use_tls ? MHD_USE_TLS : 0), 0, NULL,
		NULL, on_request, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, srv->cfg.threads,
		/* Headers of one request must fit: the pre-auth limit. */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVER_CONN_LIMIT,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, srv->cfg.max_conn_per_addr,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
		MHD_OPTION_ARRAY, use_tls ? tls : &tls[1],
		MHD_OPTION_END);
	if (!srv->daemon)
		return lsg_error_create(LSG_ERR_OS,
					"cannot listen on %s (address in use, not local, or no TLS in libmicrohttpd?)",
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
	/* After the daemon: its last connections were closed into it. */
	conntrack_destroy(srv->conns);
	if (srv->cfg.tls_cert)
		tls_unload();
	ratelimit_destroy(srv->limits);
	pthread_mutex_destroy(&srv->w.lock);
	pthread_cond_destroy(&srv->w.cond);
	free(srv);
}
