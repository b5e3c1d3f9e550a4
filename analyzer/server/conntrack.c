/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fixed table of the server's connection limit (libmicrohttpd never
 * holds more at once) under one mutex, scanned whole by the sweeper: at
 * 1,024 entries a scan takes microseconds.  A socket is shut down only
 * under the lock, and libmicrohttpd reports a close (conntrack_close())
 * before it closes the socket, so the fd shut down is always the
 * connection's own, never a number the kernel gave out again.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "conntrack.h"
#include "server_internal.h"

/* How often deadlines are looked at: their resolution. */
static const long SWEEP_NS = 250000000;
static const uint64_t SEC_NS = 1000000000u;

enum phase {
	PHASE_FREE,
	PHASE_HEADERS,		/* a request's headers are coming */
	PHASE_BODY,		/* its body */
	PHASE_ANSWER,		/* it is in, being answered: no deadline */
	PHASE_SHUT,		/* shut down; its close is to come */
};

struct conntrack_conn {
	int fd;
	enum phase phase;
	int authenticated;	/* a request on it was: never shed */
	uint64_t since_ns;	/* the phase began */
	uint64_t received;	/* body bytes */
	struct conntrack_conn *next_free;
};

struct conntrack {
	struct conntrack_config cfg;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t sweeper;
	int stop;
	unsigned open;		/* tracked and not shut down */
	struct conntrack_conn *free;
	uint64_t closed[CONNTRACK_NREASONS];
	struct conntrack_conn conns[];	/* cfg.limit */
};

static const char *const reason_names[CONNTRACK_NREASONS] = {
	[CONNTRACK_HEADER_TIMEOUT] = "header_timeout",
	[CONNTRACK_BODY_TIMEOUT] = "body_timeout",
	[CONNTRACK_SHED] = "shed",
};

const char *conntrack_reason_name(enum conntrack_reason r)
{
	return reason_names[r];
}

static void shut(struct conntrack *t, struct conntrack_conn *c,
		 enum conntrack_reason why)
{
	shutdown(c->fd, SHUT_RDWR);
	c->phase = PHASE_SHUT;
	t->open--;
	t->closed[why]++;
}

/* 1 when @c is past its deadline at @now, with the reason in *@why. */
static int late(const struct conntrack *t, const struct conntrack_conn *c,
		uint64_t now, enum conntrack_reason *why)
{
	uint64_t due;

	switch (c->phase) {
	case PHASE_HEADERS:
		due = c->since_ns + t->cfg.header_s * SEC_NS;
		*why = CONNTRACK_HEADER_TIMEOUT;
		break;
	case PHASE_BODY:
		/* Bodies are at most a few GiB: no overflow. */
		due = c->since_ns + t->cfg.body_s * SEC_NS +
		      c->received * SEC_NS / t->cfg.min_rate;
		*why = CONNTRACK_BODY_TIMEOUT;
		break;
	default:
		return 0;
	}
	return now > due;
}

/*
 * Past the limit less the reserve, the oldest unauthenticated requests
 * still coming in go, until the reserve is free again; never @keep (the
 * newest, just accepted).
 */
static void shed(struct conntrack *t, const struct conntrack_conn *keep)
{
	while (t->open > t->cfg.limit - t->cfg.reserve) {
		struct conntrack_conn *oldest = NULL;

		for (unsigned i = 0; i < t->cfg.limit; i++) {
			struct conntrack_conn *c = &t->conns[i];

			if (c == keep || c->authenticated ||
			    (c->phase != PHASE_HEADERS &&
			     c->phase != PHASE_BODY))
				continue;
			if (!oldest || c->since_ns < oldest->since_ns)
				oldest = c;
		}
		if (!oldest)
			return;
		shut(t, oldest, CONNTRACK_SHED);
	}
}

static void sweep_locked(struct conntrack *t, uint64_t now)
{
	enum conntrack_reason why;

	for (unsigned i = 0; i < t->cfg.limit; i++)
		if (late(t, &t->conns[i], now, &why))
			shut(t, &t->conns[i], why);
}

void conntrack_sweep(struct conntrack *t, uint64_t now_ns)
{
	pthread_mutex_lock(&t->lock);
	sweep_locked(t, now_ns);
	pthread_mutex_unlock(&t->lock);
}

static void *sweeper_run(void *arg)
{
	struct conntrack *t = arg;
	struct timespec until;

	pthread_mutex_lock(&t->lock);
	while (!t->stop) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += SWEEP_NS;
		if (until.tv_nsec >= (long)SEC_NS) {
			until.tv_sec++;
			until.tv_nsec -= (long)SEC_NS;
		}
		pthread_cond_timedwait(&t->wake, &t->lock, &until);
		if (!t->stop)
			sweep_locked(t, metrics_now_ns());
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

static struct lsg_error *sweeper_start(struct conntrack *t)
{
	pthread_condattr_t attr;
	sigset_t all, old;
	int rc;

	pthread_mutex_init(&t->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&t->wake, &attr);
	pthread_condattr_destroy(&attr);
	/* The server's signals are for the thread that waits on them. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&t->sweeper, NULL, sweeper_run, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!rc)
		return NULL;
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	return lsg_error_os(rc, "starting the connection sweeper");
}

struct lsg_error *conntrack_create(const struct conntrack_config *cfg,
				   struct conntrack **ret)
{
	struct lsg_error *err;
	struct conntrack *t;

	if (cfg->reserve >= cfg->limit || !cfg->header_s || !cfg->body_s ||
	    !cfg->min_rate)
		return lsg_error_create(LSG_ERR_INVALID,
					"connections: a reserve of %u of %u, deadlines of %u s and %u s and %u bytes/s: want a reserve below the limit, and no zero",
					cfg->reserve, cfg->limit, cfg->header_s,
					cfg->body_s, cfg->min_rate);
	t = calloc(1, sizeof(*t) + cfg->limit * sizeof(t->conns[0]));
	if (!t)
		return &lsg_enomem;
	t->cfg = *cfg;
	for (unsigned i = cfg->limit; i-- > 0;) {
		t->conns[i].next_free = t->free;
		t->free = &t->conns[i];
	}
	err = sweeper_start(t);
	if (err) {
		free(t);
		return err;
	}
	*ret = t;
	return NULL;
}

void conntrack_destroy(struct conntrack *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	t->stop = 1;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->sweeper, NULL);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

struct conntrack_conn *conntrack_open(struct conntrack *t, int fd,
				      uint64_t now_ns)
{
	struct conntrack_conn *c;

	pthread_mutex_lock(&t->lock);
	c = t->free;
	if (c) {
		t->free = c->next_free;
		*c = (struct conntrack_conn){
			.fd = fd, .phase = PHASE_HEADERS, .since_ns = now_ns,
		};
		t->open++;
		shed(t, c);
	}
	pthread_mutex_unlock(&t->lock);
	return c;
}

void conntrack_close(struct conntrack *t, struct conntrack_conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&t->lock);
	if (c->phase != PHASE_SHUT)
		t->open--;
	c->phase = PHASE_FREE;
	c->next_free = t->free;
	t->free = c;
	pthread_mutex_unlock(&t->lock);
}

/* @c enters @phase at @now, unless it is shut down already. */
static void enter_locked(struct conntrack_conn *c, enum phase phase,
			 uint64_t now)
{
	if (c->phase == PHASE_SHUT)
		return;
	c->phase = phase;
	c->since_ns = now;
	c->received = 0;
}

static void enter(struct conntrack *t, struct conntrack_conn *c,
		  enum phase phase, uint64_t now)
{
	if (!c)
		return;
	pthread_mutex_lock(&t->lock);
	enter_locked(c, phase, now);
	pthread_mutex_unlock(&t->lock);
}

void conntrack_headers(struct conntrack *t, struct conntrack_conn *c,
		       int authenticated, uint64_t now_ns)
{
	if (!c)
		return;
	pthread_mutex_lock(&t->lock);
	c->authenticated |= authenticated;
	enter_locked(c, PHASE_BODY, now_ns);
	pthread_mutex_unlock(&t->lock);
}

void conntrack_body(struct conntrack *t, struct conntrack_conn *c, size_t n)
{
	if (!c)
		return;
	pthread_mutex_lock(&t->lock);
	c->received += n;
	pthread_mutex_unlock(&t->lock);
}

void conntrack_answer(struct conntrack *t, struct conntrack_conn *c)
{
	enter(t, c, PHASE_ANSWER, 0);
}

void conntrack_idle(struct conntrack *t, struct conntrack_conn *c,
		    uint64_t now_ns)
{
	enter(t, c, PHASE_HEADERS, now_ns);
}

void conntrack_stats(struct conntrack *t,
		     uint64_t ret_closed[CONNTRACK_NREASONS],
		     unsigned *ret_open)
{
	if (!t) {
		memset(ret_closed, 0, CONNTRACK_NREASONS * sizeof(*ret_closed));
		*ret_open = 0;
		return;
	}
	pthread_mutex_lock(&t->lock);
	memcpy(ret_closed, t->closed, sizeof(t->closed));
	*ret_open = t->open;
	pthread_mutex_unlock(&t->lock);
}
