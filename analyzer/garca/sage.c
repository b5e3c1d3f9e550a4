/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <string.h>

#include "rng.h"
#include "sage.h"

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

			for (size_t k = 0; k < dim; k++)
				a[k] += w * xj[k];
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

			for (size_t k = 0; k < dim; k++)
				xj[k] += w * d[k];
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

static void axpy(double a, const double *restrict x, double *restrict y,
		 size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] += a * x[i];
}

void sage_dense_fwd(const struct sage_dense *l, const double *params,
		    const double *x, const double *agg, size_t n, double *z)
{
	const double *ws = params + l->off;
	const double *wn = ws + l->in * l->out;
	const double *b = wn + (l->neigh ? l->in * l->out : 0);

	for (size_t r = 0; r < n; r++) {
		const double *xr = x + r * l->in;
		const double *ar = l->neigh ? agg + r * l->in : NULL;
		double *zr = z + r * l->out;

		for (size_t o = 0; o < l->out; o++) {
			zr[o] = b[o] + dot(ws + o * l->in, xr, l->in);
			if (ar)
				zr[o] += dot(wn + o * l->in, ar, l->in);
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
