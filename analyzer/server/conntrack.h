/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Slow clients: deadlines for a request's headers and body, and a reserve
 * of connections for authenticated clients.  libmicrohttpd's own timeout
 * is for idleness, and a client sending a header byte a second is never
 * idle; so every connection is tracked from its accept to its close with
 * the phase of its current request, and one whose headers or body are late
 * has its socket shut down (libmicrohttpd then closes it as a client that
 * went away).  Near the connection limit, the oldest unauthenticated
 * connection still sending its request is shut down for each new one, so
 * that an agent's upload always finds a slot.
 */
#ifndef LSG_CONNTRACK_H
#define LSG_CONNTRACK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct conntrack_config {
	unsigned limit;		/* connections the server takes at once */
	unsigned reserve;	/* of those, kept for authenticated ones */
	unsigned header_s;	/* a request's headers arrive within this */
	unsigned body_s;	/* a body within this, and one more second */
	unsigned min_rate;	/* for each min_rate bytes received */
};

/* Why a connection was shut down. */
enum conntrack_reason {
	CONNTRACK_HEADER_TIMEOUT,
	CONNTRACK_BODY_TIMEOUT,
	CONNTRACK_SHED,			/* for the reserve */
	CONNTRACK_NREASONS,
};

struct conntrack;
struct conntrack_conn;

/**
 * conntrack_create() - a table for @cfg->limit connections and the thread
 * that enforces its deadlines (signals blocked in it).  Errors:
 * LSG_ERR_INVALID when the reserve is not below the limit or a deadline
 * or the rate is 0, LSG_ERR_OS.  Free with conntrack_destroy().
 */
struct lsg_error *conntrack_create(const struct conntrack_config *cfg,
				   struct conntrack **ret);

/**
 * conntrack_destroy() - stop the thread and free @t; NULL is fine.  Every
 * connection must be closed (conntrack_close()) before.
 */
void conntrack_destroy(struct conntrack *t);

/**
 * conntrack_open() - the connection on socket @fd, accepted at @now_ns
 * (CLOCK_MONOTONIC), waits for a request's headers.  @fd stays the
 * caller's, who calls conntrack_close() before closing it.  NULL when the
 * table is full: the connection goes untracked (every call below takes
 * NULL and does nothing).
 */
struct conntrack_conn *conntrack_open(struct conntrack *t, int fd,
				      uint64_t now_ns);

/** conntrack_close() - @c's socket is about to be closed: forget it. */
void conntrack_close(struct conntrack *t, struct conntrack_conn *c);

/**
 * conntrack_headers() - @c's request headers are in at @now_ns; its body
 * may follow.  @authenticated: the request showed a valid token or
 * session, which keeps the connection from being shed from now on.
 */
void conntrack_headers(struct conntrack *t, struct conntrack_conn *c,
		       int authenticated, uint64_t now_ns);

/** conntrack_body() - @n more bytes of @c's body came. */
void conntrack_body(struct conntrack *t, struct conntrack_conn *c, size_t n);

/** conntrack_answer() - @c's request is in: no deadline while answered. */
void conntrack_answer(struct conntrack *t, struct conntrack_conn *c);

/**
 * conntrack_idle() - @c's answer went out at @now_ns: the next request's
 * headers are due from then.
 */
void conntrack_idle(struct conntrack *t, struct conntrack_conn *c,
		    uint64_t now_ns);

/**
 * conntrack_sweep() - shut down the connections late at @now_ns (what the
 * thread does a few times a second).
 */
void conntrack_sweep(struct conntrack *t, uint64_t now_ns);

/**
 * conntrack_stats() - the connections shut down so far, by reason, into
 * @ret_closed, and those open and not shut down into *@ret_open; zeros
 * for a NULL @t.
 */
void conntrack_stats(struct conntrack *t,
		     uint64_t ret_closed[CONNTRACK_NREASONS],
		     unsigned *ret_open);

/** conntrack_reason_name() - @r's name in metrics. */
const char *conntrack_reason_name(enum conntrack_reason r);

#endif
