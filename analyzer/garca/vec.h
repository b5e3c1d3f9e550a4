/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Short vectors for GARCA's inner loops (a GCC and clang extension): two
 * doubles or four floats in one SSE2 register.  Their arithmetic is IEEE,
 * element by element, as in scalar code, so a loop written with them gives
 * the bits of the scalar loop doing the same operations in the same
 * order; what they add is sums that stay in registers, where GCC -O2
 * would keep a loop over them and the sums in memory.
 */
#ifndef LSG_GARCA_VEC_H
#define LSG_GARCA_VEC_H

#include <string.h>

typedef double vec_d2 __attribute__((vector_size(2 * sizeof(double))));
typedef float vec_f4 __attribute__((vector_size(4 * sizeof(float))));

/** vec_d2_load() - p[0..1], at any alignment. */
static inline vec_d2 vec_d2_load(const double *p)
{
	vec_d2 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/** vec_f4_load() - p[0..3], at any alignment. */
static inline vec_f4 vec_f4_load(const float *p)
{
	vec_f4 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/** vec_f4_store() - @v into p[0..3], at any alignment. */
static inline void vec_f4_store(float *p, vec_f4 v)
{
	memcpy(p, &v, sizeof(v));
}

#endif
