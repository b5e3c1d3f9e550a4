/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one random source of GARCA: splitmix64, seeded explicitly, so the
 * same seed gives the same model bytes on any host.
 */
#ifndef LSG_GARCA_RNG_H
#define LSG_GARCA_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;
};

static inline uint64_t rng_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ull;
	return rng_mix(r->s);
}

/** rng_unit() - uniform in [0, 1). */
static inline double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/** rng_below() - uniform in [0, n), n > 0. */
static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

#endif
