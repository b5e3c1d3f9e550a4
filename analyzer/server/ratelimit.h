/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-token rate limits: a token bucket for each agent token, so one
 * token (a fleet gone wrong, a stuck retry loop) cannot take the service
 * from the others.  Refused requests learn when to come back.
 */
#ifndef LSG_RATELIMIT_H
#define LSG_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct ratelimit;

/**
 * ratelimit_create() - buckets of @rate requests a second, @rate at once,
 * for each key.  Free with ratelimit_destroy().
 */
struct lsg_error *ratelimit_create(double rate, struct ratelimit **ret);

/** ratelimit_destroy() - free @l; NULL is fine. */
void ratelimit_destroy(struct ratelimit *l);

/**
 * ratelimit_take() - take one request for @key (@len bytes) at @now_ns
 * (CLOCK_MONOTONIC).  1 when allowed; 0 when over the rate, with the
 * whole seconds to wait before the next one would be allowed in
 * *@ret_retry_after.
 */
int ratelimit_take(struct ratelimit *l, const void *key, size_t len,
		uint64_t now_ns, unsigned *ret_retry_after);

#endif
