/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Token buckets in a fixed table: a key's bucket is found by its hash
 * within a short probe run; when the run is full, the bucket idle longest
 * is given to the new key (it starts full, so an evicted key is treated
 * generously, never wrongly refused).  One mutex: a take is a few dozen
 * instructions.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ratelimit.h"

enum {
	NSLOTS = 4096,		/* keys tracked at once */
	PROBE = 8,		/* slots looked at for one key */
};

struct bucket {
	uint64_t key;		/* 0: free */
	uint64_t last_ns;
	double tokens;
};

struct ratelimit {
	double rate;
	pthread_mutex_t lock;
	struct bucket slots[NSLOTS];
};

/* FNV-1a, never 0 (0 marks a free slot). */
static uint64_t key_hash(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h ? h : 1;
}

struct lsg_error *ratelimit_create(double rate, struct ratelimit **ret)
{
	struct ratelimit *l;

	if (!(rate > 0))
		return lsg_error_create(LSG_ERR_INVALID,
					"rate limit must be positive");
	l = calloc(1, sizeof(*l));
	if (!l)
		return &lsg_enomem;
	l->rate = rate;
	pthread_mutex_init(&l->lock, NULL);
	*ret = l;
	return NULL;
}

void ratelimit_destroy(struct ratelimit *l)
{
	if (!l)
		return;
	pthread_mutex_destroy(&l->lock);
	free(l);
}

/* The bucket of @key: its own, a free one, or the one idle longest. */
static struct bucket *bucket_find(struct ratelimit *l, uint64_t key)
{
	struct bucket *oldest = NULL;

	for (unsigned i = 0; i < PROBE; i++) {
		struct bucket *b = &l->slots[(key + i) % NSLOTS];

		if (b->key == key)
			return b;
		if (!b->key) {
			oldest = b;
			break;
		}
		if (!oldest || b->last_ns < oldest->last_ns)
			oldest = b;
	}
	oldest->key = key;
	oldest->last_ns = 0;	/* full: see ratelimit_take() */
	return oldest;
}

int ratelimit_take(struct ratelimit *l, const void *key, size_t len,
		uint64_t now_ns, unsigned *ret_retry_after)
{
	double burst = l->rate < 1 ? 1 : l->rate;
	struct bucket *b;
	int ok;

	pthread_mutex_lock(&l->lock);
	b = bucket_find(l, key_hash(key, len));
	if (!b->last_ns)
		b->tokens = burst;
	else
		b->tokens = fmin(burst, b->tokens +
				 (double)(now_ns - b->last_ns) / 1e9 * l->rate);
	b->last_ns = now_ns ? now_ns : 1;
	ok = b->tokens >= 1;
	if (ok)
		b->tokens -= 1;
	else
		*ret_retry_after = (unsigned)ceil((1 - b->tokens) / l->rate);
	pthread_mutex_unlock(&l->lock);
	return ok;
}
