/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The model file: magic, version, the training corpus's hash, the
 * hyperparameters, the classes, the embedding, the parameters and the
 * bank, all little-endian (blob.h).
 */
#include <stdlib.h>
#include <string.h>

#include "garca_internal.h"

static const uint32_t MAGIC = 0x41435247;	/* "GRCA" */
/* Largest bank a model file may declare. */
static const uint64_t MAX_BANK = (uint64_t)1 << 24;

static void save_hparams(const struct garca_hparams *h, struct blob *b)
{
	blob_put_u64(b, h->seed);
	blob_put_u32(b, h->embed);
	blob_put_u32(b, h->embed_dim);
	blob_put_u32(b, h->embed_epochs);
	blob_put_u32(b, h->hidden);
	blob_put_u32(b, h->epochs);
	blob_put_u32(b, h->max_steps);
	blob_put_u32(b, h->batch);
	blob_put_f64(b, h->lr);
	blob_put_u32(b, h->knn);
	blob_put_f64(b, h->w_cos);
	blob_put_f64(b, h->w_cooc);
	blob_put_u32(b, (uint32_t)h->line_graph);
	blob_put_u32(b, (uint32_t)h->case_graph);
	blob_put_f64(b, h->threshold);
	blob_put_f64(b, h->novelty);
}

static void save_f64s(struct blob *b, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		blob_put_f64(b, v[i]);
}

void garca_save(const struct garca_model *m, struct blob *b)
{
	blob_put_u32(b, MAGIC);
	blob_put_u32(b, GARCA_MODEL_VERSION);
	blob_put_str(b, m->corpus_hash);
	save_hparams(&m->h, b);
	blob_put_u32(b, (uint32_t)m->nclasses);
	for (size_t i = 0; i < m->nclasses; i++)
		blob_put_str(b, m->classes[i]);
	embed_save(m->embed, b);
	blob_put_u64(b, m->nparams);
	save_f64s(b, m->params, m->nparams);
	blob_put_u64(b, m->nbank);
	for (size_t i = 0; i < m->nbank; i++) {
		float mean[GARCA_MAX_HIDDEN];

		garca_bank_mean(m, i, mean);
		blob_put_f32s(b, mean, m->h.embed_dim);
		blob_put_u32(b, (uint32_t)m->bank_nwords[i]);
		for (size_t w = 0; w < m->bank_nwords[i]; w++)
			blob_put_u32(b, m->bank_words[i][w]);
		save_f64s(b, m->bank_z + i * m->zdim, m->zdim);
		blob_put_u32(b, (uint32_t)(m->bank_label[i] + 1));
	}
}

static struct lsg_error *get_flag(struct blob_reader *r, int *ret)
{
	uint32_t v;
	struct lsg_error *err = blob_get_u32(r, &v);

	if (!err)
		*ret = v != 0;
	return err;
}

static struct lsg_error *load_hparams(struct blob_reader *r,
				      struct garca_hparams *h)
{
	uint32_t embed = 0;
	struct lsg_error *err;

	h->threads = 1;
	if ((err = blob_get_u64(r, &h->seed)) ||
	    (err = blob_get_u32(r, &embed)) ||
	    (err = blob_get_u32(r, &h->embed_dim)) ||
	    (err = blob_get_u32(r, &h->embed_epochs)) ||
	    (err = blob_get_u32(r, &h->hidden)) ||
	    (err = blob_get_u32(r, &h->epochs)) ||
	    (err = blob_get_u32(r, &h->max_steps)) ||
	    (err = blob_get_u32(r, &h->batch)) ||
	    (err = blob_get_f64(r, &h->lr)) ||
	    (err = blob_get_u32(r, &h->knn)) ||
	    (err = blob_get_f64(r, &h->w_cos)) ||
	    (err = blob_get_f64(r, &h->w_cooc)) ||
	    (err = get_flag(r, &h->line_graph)) ||
	    (err = get_flag(r, &h->case_graph)) ||
	    (err = blob_get_f64(r, &h->threshold)) ||
	    (err = blob_get_f64(r, &h->novelty)))
		return err;
	if (embed >= EMBED_KIND_COUNT)
		return lsg_error_create(LSG_ERR_CORRUPT, "embedding kind %u",
					embed);
	h->embed = embed;
	return NULL;
}

static struct lsg_error *load_f64s(struct blob_reader *r, double *v,
				   size_t n)
{
	struct lsg_error *err = NULL;

	for (size_t i = 0; i < n && !err; i++)
		err = blob_get_f64(r, &v[i]);
	return err;
}

static struct lsg_error *load_head(struct blob_reader *r,
				   struct garca_model *m)
{
	uint32_t magic, version, ncls;
	char *hash = NULL;
	struct lsg_error *err;

	if ((err = blob_get_u32(r, &magic)) ||
	    (err = blob_get_u32(r, &version)))
		return err;
	if (magic != MAGIC)
		return lsg_error_create(LSG_ERR_CORRUPT, "not a GARCA model");
	if (version != GARCA_MODEL_VERSION)
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
					"model version %u, this build reads %d",
					version, GARCA_MODEL_VERSION);
	if ((err = blob_get_str(r, 64, &hash)))
		return err;
	snprintf(m->corpus_hash, sizeof(m->corpus_hash), "%s", hash);
	free(hash);
	if ((err = load_hparams(r, &m->h)) || (err = blob_get_u32(r, &ncls)))
		return err;
	if ((err = garca_check_hparams(&m->h, ncls)))
		return lsg_error_wrap(err, "hyperparameters");
	for (; m->nclasses < ncls; m->nclasses++)
		if ((err = blob_get_str(r, 64, &m->classes[m->nclasses])))
			return err;
	return NULL;
}

static struct lsg_error *load_params(struct blob_reader *r,
				     struct garca_model *m)
{
	uint64_t np;
	struct lsg_error *err;

	if ((err = embed_load(r, &m->embed)))
		return err;
	if (embed_dim(m->embed) != m->h.embed_dim ||
	    embed_kind(m->embed) != m->h.embed)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"embedding does not match the hyperparameters");
	garca_layout(m);
	if ((err = blob_get_u64(r, &np)))
		return err;
	if (np != m->nparams)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"%llu parameters, the layout has %zu",
					(unsigned long long)np, m->nparams);
	m->params = malloc(m->nparams * sizeof(*m->params));
	if (!m->params)
		return &lsg_enomem;
	return load_f64s(r, m->params, m->nparams);
}

static struct lsg_error *load_case(struct blob_reader *r,
				   struct garca_model *m, size_t i)
{
	float mean[GARCA_MAX_HIDDEN];
	uint32_t nw, label;
	struct lsg_error *err;

	if ((err = blob_get_f32s(r, mean, m->h.embed_dim)) ||
	    (err = blob_get_u32(r, &nw)))
		return err;
	garca_bank_set_mean(m, i, mean);
	if (nw > LINEGRAPH_MAX_WORDS)
		return lsg_error_create(LSG_ERR_CORRUPT, "case %zu: %u words",
					i, nw);
	m->bank_words[i] = malloc((nw ? nw : 1) * sizeof(uint32_t));
	if (!m->bank_words[i])
		return &lsg_enomem;
	m->bank_nwords[i] = nw;
	for (uint32_t w = 0; w < nw && !err; w++)
		err = blob_get_u32(r, &m->bank_words[i][w]);
	if (!err)
		err = load_f64s(r, m->bank_z + i * m->zdim, m->zdim);
	if (!err)
		err = blob_get_u32(r, &label);
	if (!err && label > m->nclasses)
		err = lsg_error_create(LSG_ERR_CORRUPT, "case %zu: class %u",
				       i, label);
	if (!err)
		m->bank_label[i] = (int)label - 1;
	return err;
}

static struct lsg_error *load_bank(struct blob_reader *r,
				   struct garca_model *m)
{
	uint64_t n;
	struct lsg_error *err = blob_get_u64(r, &n);

	if (err)
		return err;
	/* each case takes at least its mean and its label */
	if (n > MAX_BANK || n * (4 * m->h.embed_dim + 8) > r->len - r->off)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"bank of %llu cases in %zu bytes",
					(unsigned long long)n, r->len - r->off);
	m->nbank = n;
	if ((err = garca_bank_cols_alloc(m)))
		return err;
	m->bank_words = calloc(n ? n : 1, sizeof(*m->bank_words));
	m->bank_nwords = calloc(n ? n : 1, sizeof(*m->bank_nwords));
	m->bank_z = malloc((n ? n : 1) * m->zdim * sizeof(double));
	m->bank_label = malloc((n ? n : 1) * sizeof(int));
	if (!m->bank_words || !m->bank_nwords || !m->bank_z || !m->bank_label)
		return &lsg_enomem;
	for (size_t i = 0; i < n && !err; i++)
		err = load_case(r, m, i);
	return err;
}

struct lsg_error *garca_load(const void *buf, size_t len,
			     struct garca_model **ret)
{
	struct blob_reader r = { buf, len, 0 };
	struct garca_model *m = calloc(1, sizeof(*m));
	struct lsg_error *err;

	if (!m)
		return &lsg_enomem;
	err = load_head(&r, m);
	if (!err)
		err = load_params(&r, m);
	if (!err)
		err = load_bank(&r, m);
	if (!err && r.off != r.len)
		err = lsg_error_create(LSG_ERR_CORRUPT,
				       "%zu bytes after the model", r.len - r.off);
	if (err) {
		garca_model_destroy(m);
		return lsg_error_wrap(err, "GARCA model");
	}
	*ret = m;
	return NULL;
}
