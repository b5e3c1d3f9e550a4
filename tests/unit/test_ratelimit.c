/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-token rate limits: the burst, the refill over time, the wait a
 * refused request is told, keys apart from each other, and a table full
 * of other keys never refusing a key wrongly.
 */
#include <stdio.h>

#include "harness.h"
#include "server/ratelimit.h"

static const uint64_t SEC = 1000000000ull;

static int take(struct ratelimit *l, const char *key, uint64_t t,
		unsigned *wait)
{
	return ratelimit_take(l, key, strlen(key), t, wait);
}

int main(void)
{
	struct ratelimit *l;
	struct lsg_error *err;
	unsigned wait = 0;
	char key[32];

	err = ratelimit_create(0, &l);
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
	if (ratelimit_create(2, &l))
		return TEST_FAIL;
	/* A burst of the rate, then refused until a token refills. */
	CHECK(take(l, "Bearer a", 10 * SEC, &wait));
	CHECK(take(l, "Bearer a", 10 * SEC, &wait));
	CHECK(!take(l, "Bearer a", 10 * SEC, &wait));
	CHECK(wait == 1);
	/* Another token has its own bucket. */
	CHECK(take(l, "Bearer b", 10 * SEC, &wait));
	/* Half a second at 2/s is one request. */
	CHECK(take(l, "Bearer a", 10 * SEC + SEC / 2, &wait));
	CHECK(!take(l, "Bearer a", 10 * SEC + SEC / 2, &wait));
	/* Ten thousand other keys later, a still gets its refill. */
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "Bearer k%d", i);
		CHECK(take(l, key, 11 * SEC, &wait));
	}
	CHECK(take(l, "Bearer a", 12 * SEC, &wait));
	ratelimit_destroy(l);
	/* Below one a second, the wait is in whole seconds, rounded up. */
	if (ratelimit_create(0.25, &l))
		return TEST_FAIL;
	CHECK(take(l, "Bearer c", SEC, &wait));
	CHECK(!take(l, "Bearer c", SEC, &wait) && wait == 4);
	ratelimit_destroy(l);
	return test_exit();
}
