/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <string.h>

#include "rng.h"
#include "sage.h"
#include "vec.h"

/* Below this a row is treated as zero by the L2 normalization. */
static const double L2_FLOOR = 1e-9;

size_t sage_dense_size(const struct sage_dense *l)
{
	return l->in * l->out * (l->neigh ? 2 : 1) + l->out;
}

void sage_dense_init(const struct sage_dense *l, double *params,
		     uint64_t seed)
{
	size_t nw = l->in * l->out * (l->neigh ? 2 : 1);
	double a = sqrt(6.0 / (double)(l->in + l->out));
	struct rng r = { seed };
	double *p = params + l->off;

	for (size_t i = 0; i < nw; i++)
		p[i] = (2 * rng_unit(&r) - 1) * a;
	memset(p + nw, 0, l->out * sizeof(*p));
}

/* y += a x, four at a time: GCC -O2 pairs those into vector instructions
 * (it leaves a loop of unknown count scalar). */
static void axpy(double a, const double *restrict x, double *restrict y,
		 size_t n)
{
	size_t i = 0;

	for (; i + 4 <= n; i += 4)
		for (size_t k = 0; k < 4; k++)
			y[i + k] += a * x[i + k];
	for (; i < n; i++)
		y[i] += a * x[i];
}

void sage_aggregate(const struct sage_graph *g, const double *x, size_t dim,
		    double *agg)
{
	for (size_t i = 0; i < g->n; i++) {
		double *a = agg + i * dim;
		uint32_t deg = g->off[i + 1] - g->off[i];

		memset(a, 0, dim * sizeof(*a));
		for (uint32_t e = g->off[i]; e < g->off[i + 1]; e++) {
			const double *xj = x + (size_t)g->nb[e] * dim;
			double w = g->w ? g->w[e] : 1.0 / deg;

			axpy(w, xj, a, dim);
		}
	}
}

void sage_aggregate_back(const struct sage_graph *g, const double *dagg,
			 size_t dim, double *dx)
{
	for (size_t i = 0; i < g->n; i++) {
		const double *d = dagg + i * dim;
		uint32_t deg = g->off[i + 1] - g->off[i];

		for (uint32_t e = g->off[i]; e < g->off[i + 1]; e++) {
			double *xj = dx + (size_t)g->nb[e] * dim;
			double w = g->w ? g->w[e] : 1.0 / deg;

			axpy(w, d, xj, dim);
		}
	}
}

/*
 * Four running sums, not one: the adds no longer wait on each other (and
 * pair into vector instructions), in a fixed order, so a seed still gives
 * one model.  The dense layers spend nearly all their time here.
 */
static double dot(const double *restrict a, const double *restrict b,
		  size_t n)
{
	double s[4] = { 0 };
	size_t i = 0;

	for (; i + 4 <= n; i += 4)
		for (size_t k = 0; k < 4; k++)
			s[k] += a[i + k] * b[i + k];
	for (; i < n; i++)
		s[0] += a[i] * b[i];
	return (s[0] + s[1]) + (s[2] + s[3]);
}

/*
 * sage_dense_fwd() works on blocks of BLOCK rows and tiles of TILE outputs
 * (weight rows): a tile is read once per block, and each load of x serves
 * the whole tile.  LANES is dot()'s number of running sums.
 */
enum { BLOCK = 8, TILE = 4, LANES = 4 };

/*
 * dot() of @x with TILE rows of @w (@in apart) into @ret, over the groups
 * of LANES inputs whose first inputs @g lists and then the inputs past the
 * last group: the lanes are dot()'s, summed in its order, so each result
 * is dot()'s to the bit.  The rows are written out so that their 8 lane
 * pairs stay in registers (vec.h).
 */
static void dot_tile(const double *restrict w, size_t in,
		     const double *restrict x, const uint8_t *g, size_t ng,
		     double *ret)
{
	const double *w0 = w, *w1 = w0 + in, *w2 = w1 + in, *w3 = w2 + in;
	vec_d2 a0 = { 0 }, a1 = a0, a2 = a0, a3 = a0;	/* lanes 0 and 1 */
	vec_d2 b0 = a0, b1 = a0, b2 = a0, b3 = a0;	/* lanes 2 and 3 */

	for (size_t t = 0; t < ng; t++) {
		size_t i = g[t];
		vec_d2 x01 = vec_d2_load(x + i), x23 = vec_d2_load(x + i + 2);

		a0 += vec_d2_load(w0 + i) * x01;
		b0 += vec_d2_load(w0 + i + 2) * x23;
		a1 += vec_d2_load(w1 + i) * x01;
		b1 += vec_d2_load(w1 + i + 2) * x23;
		a2 += vec_d2_load(w2 + i) * x01;
		b2 += vec_d2_load(w2 + i + 2) * x23;
		a3 += vec_d2_load(w3 + i) * x01;
		b3 += vec_d2_load(w3 + i + 2) * x23;
	}
	for (size_t i = in - in % LANES; i < in; i++) {
		a0[0] += w0[i] * x[i];
		a1[0] += w1[i] * x[i];
		a2[0] += w2[i] * x[i];
		a3[0] += w3[i] * x[i];
	}
	ret[0] = (a0[0] + a0[1]) + (b0[0] + b0[1]);
	ret[1] = (a1[0] + a1[1]) + (b1[0] + b1[1]);
	ret[2] = (a2[0] + a2[1]) + (b2[0] + b2[1]);
	ret[3] = (a3[0] + a3[1]) + (b3[0] + b3[1]);
}

/*
 * The first inputs of the groups of LANES inputs of @x that hold a nonzero
 * (below SAGE_MAX_IN, so they fit a byte).  A group of zeros adds +0 or -0
 * to each lane, which leaves it as it is (a lane starts at +0 and no sum
 * makes it -0), so skipping one changes no bit while the weights are
 * finite.  The line graph's features past the embedding are mostly zeros,
 * and so is much of what a ReLU gives.
 */
static size_t live_groups(const double *x, size_t in, uint8_t *ret)
{
	size_t n = 0;

	for (size_t i = 0; i + LANES <= in; i += LANES)
		if (x[i] != 0 || x[i + 1] != 0 || x[i + 2] != 0 ||
		    x[i + 3] != 0)
			ret[n++] = (uint8_t)i;
	return n;
}

/* One row of a block: its inputs and their live groups. */
struct dense_row {
	const double *x, *agg;	/* agg NULL: no neighbours */
	uint8_t gx[SAGE_MAX_IN / LANES], ga[SAGE_MAX_IN / LANES];
	size_t ngx, nga;
	double *z;
};

static void dense_row_init(const struct sage_dense *l, const double *x,
			   const double *agg, size_t r, double *z,
			   struct dense_row *d)
{
	d->x = x + r * l->in;
	d->agg = l->neigh ? agg + r * l->in : NULL;
	d->ngx = live_groups(d->x, l->in, d->gx);
	d->nga = d->agg ? live_groups(d->agg, l->in, d->ga) : 0;
	d->z = z + r * l->out;
}

/* Outputs [o, o + TILE) of row @d. */
static void dense_tile(const struct sage_dense *l, const double *ws,
		       const double *wn, const double *b,
		       const struct dense_row *d, size_t o)
{
	double sx[TILE], sa[TILE];

	dot_tile(ws + o * l->in, l->in, d->x, d->gx, d->ngx, sx);
	if (d->agg)
		dot_tile(wn + o * l->in, l->in, d->agg, d->ga, d->nga, sa);
	for (size_t k = 0; k < TILE; k++) {
		d->z[o + k] = b[o + k] + sx[k];
		if (d->agg)
			d->z[o + k] += sa[k];
	}
}

void sage_dense_fwd(const struct sage_dense *l, const double *params,
		    const double *x, const double *agg, size_t n, double *z)
{
	const double *ws = params + l->off;
	const double *wn = ws + l->in * l->out;
	const double *b = wn + (l->neigh ? l->in * l->out : 0);
	struct dense_row d[BLOCK];

	for (size_t r0 = 0; r0 < n; r0 += BLOCK) {
		size_t nr = n - r0 < BLOCK ? n - r0 : BLOCK, o = 0;

		for (size_t r = 0; r < nr; r++)
			dense_row_init(l, x, agg, r0 + r, z, &d[r]);
		for (; o + TILE <= l->out; o += TILE)
			for (size_t r = 0; r < nr; r++)
				dense_tile(l, ws, wn, b, &d[r], o);
		/* the last outputs one by one, all groups: the same sums */
		for (; o < l->out; o++)
			for (size_t r = 0; r < nr; r++) {
				d[r].z[o] = b[o] + dot(ws + o * l->in, d[r].x,
						       l->in);
				if (d[r].agg)
					d[r].z[o] += dot(wn + o * l->in,
							 d[r].agg, l->in);
			}
	}
}

void sage_dense_back(const struct sage_dense *l, const double *params,
		     const double *x, const double *agg, const double *dz,
		     size_t n, double *grad, double *dx, double *dagg)
{
	size_t nw = l->in * l->out;
	const double *ws = params + l->off, *wn = ws + nw;
	double *gs = grad ? grad + l->off : NULL, *gn = gs ? gs + nw : NULL;
	double *gb = gn ? gn + (l->neigh ? nw : 0) : NULL;

	for (size_t r = 0; r < n; r++) {
		const double *xr = x + r * l->in, *dr = dz + r * l->out;
		const double *ar = l->neigh ? agg + r * l->in : NULL;

		for (size_t o = 0; o < l->out; o++) {
			double d = dr[o];

			if (d == 0)
				continue;
			if (gb) {
				gb[o] += d;
				axpy(d, xr, gs + o * l->in, l->in);
			}
			if (dx)
				axpy(d, ws + o * l->in, dx + r * l->in, l->in);
			if (!ar)
				continue;
			if (gn)
				axpy(d, ar, gn + o * l->in, l->in);
			if (dagg)
				axpy(d, wn + o * l->in, dagg + r * l->in,
				     l->in);
		}
	}
}

void sage_relu_fwd(double *z, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (z[i] < 0)
			z[i] = 0;
}

void sage_relu_back(const double *h, double *dz, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (h[i] <= 0)
			dz[i] = 0;
}

void sage_l2_fwd(const double *h, size_t rows, size_t dim, double *y,
		 double *norm)
{
	for (size_t r = 0; r < rows; r++) {
		double s = sqrt(dot(h + r * dim, h + r * dim, dim));

		norm[r] = s > L2_FLOOR ? s : L2_FLOOR;
		for (size_t k = 0; k < dim; k++)
			y[r * dim + k] = h[r * dim + k] / norm[r];
	}
}

void sage_l2_back(const double *y, const double *norm, const double *dy,
		  size_t rows, size_t dim, double *dh)
{
	for (size_t r = 0; r < rows; r++) {
		const double *yr = y + r * dim, *dr = dy + r * dim;
		double yd = norm[r] > L2_FLOOR ? dot(yr, dr, dim) : 0;

		for (size_t k = 0; k < dim; k++)
			dh[r * dim + k] = (dr[k] - yr[k] * yd) / norm[r];
	}
}

void sage_mean_fwd(const double *y, size_t rows, size_t dim, double *z)
{
	memset(z, 0, dim * sizeof(*z));
	for (size_t r = 0; r < rows; r++)
		axpy(1.0 / (double)rows, y + r * dim, z, dim);
}

void sage_mean_back(const double *dz, size_t rows, size_t dim, double *dy)
{
	for (size_t r = 0; r < rows; r++)
		axpy(1.0 / (double)rows, dz, dy + r * dim, dim);
}

double sage_softmax_xent(const double *logits, size_t k, size_t label,
			 double *p, double *dlogits)
{
	double mx = logits[0], s = 0;

	for (size_t i = 1; i < k; i++)
		if (logits[i] > mx)
			mx = logits[i];
	for (size_t i = 0; i < k; i++)
		s += p[i] = exp(logits[i] - mx);
	for (size_t i = 0; i < k; i++) {
		p[i] /= s;
		if (dlogits)
			dlogits[i] = p[i] - (i == label);
	}
	return label < k ? -log(p[label] > 1e-300 ? p[label] : 1e-300) : 0;
}

void sage_adam_step(struct sage_adam *a, double *params, const double *grad,
		    size_t n)
{
	double c1, c2;

	a->t++;
	c1 = 1 - pow(a->beta1, (double)a->t);
	c2 = 1 - pow(a->beta2, (double)a->t);
	for (size_t i = 0; i < n; i++) {
		a->m[i] = a->beta1 * a->m[i] + (1 - a->beta1) * grad[i];
		a->v[i] = a->beta2 * a->v[i] +
			  (1 - a->beta2) * grad[i] * grad[i];
		params[i] -= a->lr * (a->m[i] / c1) /
			     (sqrt(a->v[i] / c2) + a->eps);
	}
}
