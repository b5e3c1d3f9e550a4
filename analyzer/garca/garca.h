/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GARCA: the root cause of a crash (DESIGN §6.4, §6.5) by GraphSAGE at two
 * levels.  Each crash's line graph (linegraph.h) is encoded by a 2-layer
 * GraphSAGE (mean aggregator, ReLU, L2 normalization) and a mean readout
 * into a crash vector; the crash vectors are the node features of the
 * case graph, one node per crash linked to its k nearest crashes by
 * 0.3 cosine + 0.7 word co-occurrence, where one more GraphSAGE layer and
 * a softmax classify it.  Training is semi-supervised: unlabeled crashes
 * are neighbours too.  Both levels train together with Adam in
 * mini-batches; a neighbour's vector is the one computed at its own last
 * step (historical embeddings), so a batch costs only its own crashes.
 *
 * The model keeps the training crashes' case-graph data (the "bank"), so
 * a new crash is placed among them at inference.  A crash is `unknown`
 * when the top probability is under the threshold or when it is unlike
 * every training crash (similarity to the nearest under the novelty
 * bound).
 *
 * Deterministic: the same examples, hyperparameters and seed give the
 * same model bytes, whatever the thread count.
 */
#ifndef LSG_GARCA_H
#define LSG_GARCA_H

#include <stddef.h>
#include <stdint.h>

#include "blob.h"
#include "embed.h"
#include "error.h"
#include "lines.h"

/* The model format this code writes and reads. */
#define GARCA_MODEL_VERSION 1
/* Its name among the store's state blobs. */
#define GARCA_STATE_NAME "garca.model"

enum { GARCA_MAX_CLASSES = 32, GARCA_MAX_HIDDEN = 128, GARCA_EVIDENCE = 5 };

struct garca_hparams {
	uint64_t seed;
	enum embed_kind embed;
	unsigned embed_dim;
	unsigned embed_epochs;
	unsigned hidden;
	unsigned epochs;	/* passes over the labeled crashes... */
	unsigned max_steps;	/* ...or this many batches, the fewer */
	unsigned batch;
	double lr;
	unsigned knn;		/* k of the case graph */
	double w_cos, w_cooc;	/* edge weight = w_cos cos + w_cooc cooc */
	int line_graph;		/* 0: the crash vector is the mean line
				 * embedding (the published model) */
	int case_graph;		/* 0: classify the crash vector alone */
	double threshold;	/* top probability below this: unknown */
	double novelty;		/* similarity to the nearest training crash
				 * below this: unknown */
	unsigned threads;	/* 0: 1 */
};

/** garca_hparams_default() - the defaults (k = 15, 0.3 / 0.7, ...). */
void garca_hparams_default(struct garca_hparams *h);

struct garca_example {
	const struct lines_crash *crash;	/* borrowed */
	int label;		/* index into the classes, -1: unlabeled */
};

struct garca_model;

/**
 * garca_train() - train on @n examples of @nclasses classes (names
 * copied).  @fleet, @nfleet: log lines the embeddings learn from (NULL:
 * the examples' lines).  Errors: LSG_ERR_INVALID (no labeled example, bad
 * hyperparameters), &lsg_enomem.
 */
struct lsg_error *garca_train(const struct garca_hparams *h,
			      const char *const *classes, size_t nclasses,
			      const struct garca_example *ex, size_t n,
			      const char *const *fleet, size_t nfleet,
			      struct garca_model **ret);

struct garca_pred {
	int cls;		/* class index, -1: unknown */
	int best;		/* the most likely class even when unknown */
	double confidence;	/* its probability */
	double margin;		/* top minus second probability */
	double similarity;	/* to the nearest training crash */
	size_t evidence[GARCA_EVIDENCE];	/* indexes into the lines */
	size_t nevidence;
	size_t cause_event;	/* an earlier event than the fatal one that
				 * the evidence points at, or LINES_NONE */
	double z[GARCA_MAX_HIDDEN];	/* the crash vector */
	size_t zdim;
};

/**
 * garca_predict() - classify @c.  The model is read-only: any number of
 * threads may predict at once.  &lsg_enomem.
 */
struct lsg_error *garca_predict(const struct garca_model *m,
				const struct lines_crash *c,
				struct garca_pred *ret);

size_t garca_nclasses(const struct garca_model *m);
const char *garca_class(const struct garca_model *m, size_t i);
/** garca_corpus_hash() - hex SHA-256 of the training examples. */
const char *garca_corpus_hash(const struct garca_model *m);
const struct garca_hparams *garca_hparams(const struct garca_model *m);

/** garca_save() - the model file into @b (see blob.h). */
void garca_save(const struct garca_model *m, struct blob *b);

/**
 * garca_load() - read a model file.  LSG_ERR_UNSUPPORTED for another
 * version, LSG_ERR_CORRUPT for a damaged one, &lsg_enomem.
 */
struct lsg_error *garca_load(const void *buf, size_t len,
			     struct garca_model **ret);

void garca_model_destroy(struct garca_model *m);

#endif
