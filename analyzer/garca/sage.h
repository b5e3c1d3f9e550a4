/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GraphSAGE's pieces, forward and backward, in plain C on small dense
 * blocks (row-major, double): the weighted mean aggregator over a CSR
 * graph, the layer's two weight matrices (self and neighbours) with bias,
 * ReLU, L2 normalization, the mean readout, a linear output, softmax with
 * cross-entropy, and Adam.  Each backward adds into the gradients it is
 * given, so one buffer collects a whole batch; tests check every piece
 * against finite differences.
 *
 * Parameters live in one flat vector; a layer is an offset into it.
 */
#ifndef LSG_GARCA_SAGE_H
#define LSG_GARCA_SAGE_H

#include <stddef.h>
#include <stdint.h>

/* A graph: neighbours of node i are nb[off[i] .. off[i+1]). */
struct sage_graph {
	size_t n;
	const uint32_t *off;	/* n + 1 */
	const uint32_t *nb;
	const double *w;	/* per edge, summing to 1 per node; NULL:
				 * the plain mean */
};

/* A layer's inputs at most (the forward pass keeps a row's on its stack). */
enum { SAGE_MAX_IN = 256 };

/* out = Ws x + Wn agg + b for GraphSAGE; a plain linear map when
 * @neigh is 0 (no Wn). */
struct sage_dense {
	size_t in, out;
	size_t off;		/* of Ws in the parameter vector */
	int neigh;
};

/** sage_dense_size() - parameters @l takes. */
size_t sage_dense_size(const struct sage_dense *l);

/** sage_dense_init() - Glorot-uniform weights from @seed, zero bias. */
void sage_dense_init(const struct sage_dense *l, double *params,
		     uint64_t seed);

/** sage_aggregate() - agg_i = sum_j w_ij x_j over @g (n x dim). */
void sage_aggregate(const struct sage_graph *g, const double *x, size_t dim,
		    double *agg);

/** sage_aggregate_back() - dx_j += w_ij dagg_i. */
void sage_aggregate_back(const struct sage_graph *g, const double *dagg,
			 size_t dim, double *dx);

/** sage_dense_fwd() - @n rows; @agg is ignored without neighbours. */
void sage_dense_fwd(const struct sage_dense *l, const double *params,
		    const double *x, const double *agg, size_t n, double *z);

/**
 * sage_dense_back() - from dz, add into @grad and into @dx, @dagg (any
 * may be NULL when not wanted: inference needs no @grad).
 */
void sage_dense_back(const struct sage_dense *l, const double *params,
		     const double *x, const double *agg, const double *dz,
		     size_t n, double *grad, double *dx, double *dagg);

/** sage_relu_fwd() - in place. */
void sage_relu_fwd(double *z, size_t n);

/** sage_relu_back() - dz *= (h > 0), @h the ReLU output. */
void sage_relu_back(const double *h, double *dz, size_t n);

/** sage_l2_fwd() - each of @rows rows of @h over its norm into @y;
 * @norm gets the norms (a floor keeps a zero row finite). */
void sage_l2_fwd(const double *h, size_t rows, size_t dim, double *y,
		 double *norm);

/** sage_l2_back() - dh from dy (dh written, not added). */
void sage_l2_back(const double *y, const double *norm, const double *dy,
		  size_t rows, size_t dim, double *dh);

/** sage_mean_fwd() - the mean of @rows rows into @z. */
void sage_mean_fwd(const double *y, size_t rows, size_t dim, double *z);

/** sage_mean_back() - dy_i += dz / rows. */
void sage_mean_back(const double *dz, size_t rows, size_t dim, double *dy);

/**
 * sage_softmax_xent() - probabilities of @logits (k) into @p; returns the
 * cross-entropy of class @label and writes dlogits = p - onehot (when
 * @dlogits is not NULL).
 */
double sage_softmax_xent(const double *logits, size_t k, size_t label,
			 double *p, double *dlogits);

struct sage_adam {
	double lr, beta1, beta2, eps;
	double *m, *v;		/* owned by the caller, zeroed */
	uint64_t t;
};

/** sage_adam_step() - one Adam update of @n parameters. */
void sage_adam_step(struct sage_adam *a, double *params, const double *grad,
		    size_t n);

#endif
