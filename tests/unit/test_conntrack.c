/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Slow clients' deadlines and the reserve, on socket pairs with a clock of
 * the test's own: a connection is shut down just after its headers' or
 * body's deadline and not at it, a body earns time by the bytes it sends,
 * no deadline runs while a request is answered, a kept-alive connection's
 * next headers are due from its last answer, and near the limit the
 * oldest unauthenticated connection is shed, never an authenticated one
 * or the newest.  tests/sh/slow-clients.sh does it over the network.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "server/conntrack.h"

static const uint64_t SEC = 1000000000ull;

static const struct conntrack_config cfg = {
	.limit = 4, .reserve = 1, .header_s = 10, .body_s = 5, .min_rate = 100,
};

struct pair {
	int fds[2];	/* [0] is the server's, [1] the client's */
	struct conntrack_conn *c;
};

static int pair_open(struct conntrack *t, struct pair *p, uint64_t now)
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, p->fds))
		return -1;
	p->c = conntrack_open(t, p->fds[0], now);
	return 0;
}

static void pair_close(struct conntrack *t, struct pair *p)
{
	conntrack_close(t, p->c);
	close(p->fds[0]);
	close(p->fds[1]);
}

/* The client sees the end of the stream: the server's side was shut. */
static int shut(const struct pair *p)
{
	char c;

	return recv(p->fds[1], &c, 1, MSG_DONTWAIT) == 0;
}

static uint64_t closed(struct conntrack *t, enum conntrack_reason r)
{
	uint64_t n[CONNTRACK_NREASONS];
	unsigned open;

	conntrack_stats(t, n, &open);
	return n[r];
}

static void test_invalid(void)
{
	struct conntrack_config bad = cfg;
	struct conntrack *t = NULL;
	struct lsg_error *err;

	bad.reserve = bad.limit;
	err = conntrack_create(&bad, &t);
	CHECK(err && err->code == LSG_ERR_INVALID && !t);
	lsg_error_destroy(err);
	bad = cfg;
	bad.min_rate = 0;
	err = conntrack_create(&bad, &t);
	CHECK(err && err->code == LSG_ERR_INVALID && !t);
	lsg_error_destroy(err);
}

static void test_deadlines(struct conntrack *t, uint64_t t0)
{
	struct pair a, b, c;

	/* Headers: due 10 s after the accept. */
	if (pair_open(t, &a, t0))
		return;
	conntrack_sweep(t, t0 + 10 * SEC);
	CHECK(!shut(&a));
	conntrack_sweep(t, t0 + 10 * SEC + 1);
	CHECK(shut(&a));
	CHECK(closed(t, CONNTRACK_HEADER_TIMEOUT) == 1);
	pair_close(t, &a);

	/* A body: 5 s from its headers, and 2 s more for 200 bytes. */
	if (pair_open(t, &b, t0))
		return;
	conntrack_headers(t, b.c, 1, t0 + SEC);
	conntrack_body(t, b.c, 150);
	conntrack_body(t, b.c, 50);
	conntrack_sweep(t, t0 + 8 * SEC);
	CHECK(!shut(&b));
	conntrack_sweep(t, t0 + 8 * SEC + 1);
	CHECK(shut(&b));
	CHECK(closed(t, CONNTRACK_BODY_TIMEOUT) == 1);
	pair_close(t, &b);

	/* Answered: no deadline; kept alive: headers due from the answer. */
	if (pair_open(t, &c, t0))
		return;
	conntrack_headers(t, c.c, 0, t0);
	conntrack_answer(t, c.c);
	conntrack_sweep(t, t0 + 1000 * SEC);
	CHECK(!shut(&c));
	conntrack_idle(t, c.c, t0 + 1000 * SEC);
	conntrack_sweep(t, t0 + 1010 * SEC);
	CHECK(!shut(&c));
	conntrack_sweep(t, t0 + 1010 * SEC + 1);
	CHECK(shut(&c));
	CHECK(closed(t, CONNTRACK_HEADER_TIMEOUT) == 2);
	pair_close(t, &c);
}

static void test_reserve(struct conntrack *t, uint64_t t0)
{
	struct pair p[5];
	unsigned open;
	uint64_t n[CONNTRACK_NREASONS];

	for (int i = 0; i < 4; i++) {
		if (pair_open(t, &p[i], t0 + (uint64_t)i * SEC))
			return;
		if (i == 1)
			conntrack_headers(t, p[1].c, 1, t0 + SEC);
	}
	/* p[3] is past the 3 unreserved places: the oldest unauthenticated
	 * connection, p[0], is shed... */
	CHECK(shut(&p[0]));
	CHECK(!shut(&p[1]) && !shut(&p[2]) && !shut(&p[3]));
	CHECK(closed(t, CONNTRACK_SHED) == 1);
	conntrack_stats(t, n, &open);
	CHECK(open == 3);
	/* ... and until p[0] is closed, the table is full: untracked. */
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, p[4].fds))
		return;
	p[4].c = conntrack_open(t, p[4].fds[0], t0 + 4 * SEC);
	CHECK(!p[4].c);
	conntrack_headers(t, p[4].c, 1, t0 + 4 * SEC);
	pair_close(t, &p[4]);
	pair_close(t, &p[0]);
	/* A newcomer sheds p[2], the oldest unauthenticated; p[1] stays. */
	if (pair_open(t, &p[0], t0 + 5 * SEC))
		return;
	CHECK(p[0].c && shut(&p[2]) && !shut(&p[1]) && !shut(&p[3]));
	CHECK(closed(t, CONNTRACK_SHED) == 2);
	for (int i = 0; i < 4; i++)
		pair_close(t, &p[i]);
}

int main(void)
{
	struct conntrack *t;
	struct timespec ts;
	uint64_t n[CONNTRACK_NREASONS], t0;
	unsigned open = 1;

	test_invalid();
	conntrack_stats(NULL, n, &open);
	CHECK(open == 0 && n[CONNTRACK_SHED] == 0);
	CHECK_STR(conntrack_reason_name(CONNTRACK_BODY_TIMEOUT), "body_timeout");
	if (conntrack_create(&cfg, &t))
		return TEST_FAIL;
	/* An hour ahead: the table's own sweeper, on the real clock, finds
	 * nothing late while the test sweeps at the times it picks. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t0 = ((uint64_t)ts.tv_sec + 3600) * SEC;
	test_deadlines(t, t0);
	test_reserve(t, t0);
	conntrack_destroy(t);
	return test_exit();
}
