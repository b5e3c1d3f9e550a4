/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What garca.c (the model's forward and backward passes, prediction),
 * garca_train.c (training) and garca_io.c (the model file) share.
 */
#ifndef LSG_GARCA_INTERNAL_H
#define LSG_GARCA_INTERNAL_H

#include "casegraph.h"
#include "garca.h"
#include "linegraph.h"
#include "sage.h"

struct garca_model {
	struct garca_hparams h;
	size_t nclasses;
	char *classes[GARCA_MAX_CLASSES];
	char corpus_hash[65];
	struct embed *embed;

	/* Layers: line graph l1, l2; case graph lc; output lo. */
	struct sage_dense l1, l2, lc, lo;
	size_t zdim;		/* crash vector: hidden, or embed_dim */
	double *params;
	size_t nparams;

	/* The bank: the training crashes' case-graph data. */
	size_t nbank;
	float *bank_cols;	/* embed_dim x bank_stride: casegraph.h */
	size_t bank_stride;
	uint32_t **bank_words;
	size_t *bank_nwords;
	double *bank_z;		/* nbank x zdim: their crash vectors */
	int *bank_label;
};

/* Everything one crash's forward pass keeps for its backward pass. */
struct garca_fwd {
	const struct linegraph *g;
	double *x, *agg0, *h1, *n1, *y1, *agg1, *h2, *n2, *y2;
	double zr[GARCA_MAX_HIDDEN], zn, z[GARCA_MAX_HIDDEN];
	/* case graph */
	uint32_t nb[CASEGRAPH_MAX_K];
	double nbw[CASEGRAPH_MAX_K];
	size_t nnb;
	double best_sim;
	double agg[GARCA_MAX_HIDDEN], hc[GARCA_MAX_HIDDEN], nc;
	double yc[GARCA_MAX_HIDDEN];
	double logits[GARCA_MAX_CLASSES], p[GARCA_MAX_CLASSES];
};

/** garca_check_hparams() - LSG_ERR_INVALID naming what is out of range. */
struct lsg_error *garca_check_hparams(const struct garca_hparams *h,
				      size_t nclasses);

/** garca_layout() - layers and parameter count from m->h, m->nclasses. */
void garca_layout(struct garca_model *m);

/** garca_fwd_encode() - the crash vector of @g into f->z. */
struct lsg_error *garca_fwd_encode(const struct garca_model *m,
				   const double *params,
				   const struct linegraph *g,
				   struct garca_fwd *f);

/**
 * garca_fwd_head() - case graph and softmax, neighbours from the bank
 * (@self: the crash's own bank index to skip, or -1); f->p.
 */
void garca_fwd_head(const struct garca_model *m, const double *params,
		    size_t self, struct garca_fwd *f);

/** garca_back() - add the gradient of dlogits into @grad. */
struct lsg_error *garca_back(const struct garca_model *m,
			     const double *params, struct garca_fwd *f,
			     const double *dlogits, double *grad);

void garca_fwd_free(struct garca_fwd *f);

/** garca_query() - @g as a case-graph query. */
struct casegraph_query garca_query(const struct linegraph *g, size_t self);

/**
 * garca_bank_cols_alloc() - m->bank_cols for m->nbank crashes, zeroed.
 * &lsg_enomem.
 */
struct lsg_error *garca_bank_cols_alloc(struct garca_model *m);

/** garca_bank_mean() - bank crash @i's mean line embedding into @ret. */
void garca_bank_mean(const struct garca_model *m, size_t i, float *ret);

/** garca_bank_set_mean() - set it from @mean (embed_dim values). */
void garca_bank_set_mean(struct garca_model *m, size_t i, const float *mean);

/** garca_bank() - the model's bank as a case-graph bank. */
struct casegraph_bank garca_bank(const struct garca_model *m);

#endif
