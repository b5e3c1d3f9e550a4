/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "garca_internal.h"
#include "hex.h"
#include "rng.h"

/*
 * A batch's gradient is summed in this many fixed chunks, in order, so the
 * model's bytes do not depend on how many threads computed them.
 */
enum { CHUNKS = 2 };

struct trainer {
	struct garca_model *m;
	const struct garca_example *ex;
	struct linegraph *g;
	size_t n;
	size_t *batch;		/* example indexes of the batch */
	size_t nbatch;
	double *grad[CHUNKS];
	double loss[CHUNKS];
	double *znew;		/* nbatch x zdim */
	struct lsg_error *err[CHUNKS];
};

/* Run fn(arg, 0..CHUNKS-1), on two threads when allowed. */
static void run_chunks(unsigned threads, void *(*fn)(void *), void **args)
{
	pthread_t t;
	int spawned = threads > 1 &&
		      !pthread_create(&t, NULL, fn, args[1]);

	fn(args[0]);
	if (spawned)
		pthread_join(t, NULL);
	else
		for (size_t c = 1; c < CHUNKS; c++)
			fn(args[c]);
}

struct chunk_arg {
	struct trainer *t;
	size_t c;
};

static struct lsg_error *train_one(struct trainer *t, size_t b, size_t c)
{
	const struct garca_model *m = t->m;
	size_t i = t->batch[b];
	double dlog[GARCA_MAX_CLASSES];
	struct garca_fwd f = { 0 };
	struct lsg_error *err;

	err = garca_fwd_encode(m, m->params, &t->g[i], &f);
	if (err)
		return err;
	garca_fwd_head(m, m->params, i, &f);
	t->loss[c] += sage_softmax_xent(f.logits, m->nclasses,
					(size_t)t->ex[i].label, f.p, dlog);
	for (size_t k = 0; k < m->nclasses; k++)
		dlog[k] /= (double)t->nbatch;
	err = garca_back(m, m->params, &f, dlog, t->grad[c]);
	memcpy(t->znew + b * m->zdim, f.z, m->zdim * sizeof(*f.z));
	garca_fwd_free(&f);
	return err;
}

static void *chunk_run(void *arg)
{
	struct chunk_arg *a = arg;
	struct trainer *t = a->t;
	size_t lo = t->nbatch * a->c / CHUNKS;
	size_t hi = t->nbatch * (a->c + 1) / CHUNKS;

	memset(t->grad[a->c], 0, t->m->nparams * sizeof(double));
	t->loss[a->c] = 0;
	for (size_t b = lo; b < hi && !t->err[a->c]; b++)
		t->err[a->c] = train_one(t, b, a->c);
	return NULL;
}

/* Crash vectors of examples [lo, hi) into the bank. */
struct encode_arg {
	struct trainer *t;
	size_t lo, hi;
	struct lsg_error *err;
};

static void *encode_run(void *arg)
{
	struct encode_arg *a = arg;
	struct garca_model *m = a->t->m;

	for (size_t i = a->lo; i < a->hi && !a->err; i++) {
		struct garca_fwd f = { 0 };

		a->err = garca_fwd_encode(m, m->params, &a->t->g[i], &f);
		memcpy(m->bank_z + i * m->zdim, f.z, m->zdim * sizeof(*f.z));
		garca_fwd_free(&f);
	}
	return NULL;
}

static struct lsg_error *encode_all(struct trainer *t)
{
	struct encode_arg a[CHUNKS];
	void *args[CHUNKS];
	struct lsg_error *err = NULL;

	for (size_t c = 0; c < CHUNKS; c++) {
		a[c] = (struct encode_arg){ t, t->n * c / CHUNKS,
					    t->n * (c + 1) / CHUNKS, NULL };
		args[c] = &a[c];
	}
	run_chunks(t->m->h.threads, encode_run, args);
	for (size_t c = 0; c < CHUNKS; c++)
		if (!err)
			err = a[c].err;
		else
			lsg_error_destroy(a[c].err);
	return err;
}

static struct lsg_error *train_batch(struct trainer *t, struct sage_adam *adam)
{
	struct chunk_arg a[CHUNKS];
	void *args[CHUNKS];
	struct garca_model *m = t->m;

	for (size_t c = 0; c < CHUNKS; c++) {
		a[c] = (struct chunk_arg){ t, c };
		args[c] = &a[c];
	}
	run_chunks(m->h.threads, chunk_run, args);
	for (size_t c = 0; c < CHUNKS; c++)
		if (t->err[c])
			return t->err[c];
	for (size_t c = 1; c < CHUNKS; c++)
		for (size_t k = 0; k < m->nparams; k++)
			t->grad[0][k] += t->grad[c][k];
	sage_adam_step(adam, m->params, t->grad[0], m->nparams);
	/* the neighbours' historical vectors: as computed this step */
	for (size_t b = 0; b < t->nbatch; b++)
		memcpy(m->bank_z + t->batch[b] * m->zdim,
		       t->znew + b * m->zdim, m->zdim * sizeof(double));
	return NULL;
}

static void shuffle(size_t *v, size_t n, struct rng *r)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(r, i), x = v[i - 1];

		v[i - 1] = v[j];
		v[j] = x;
	}
}

static struct lsg_error *train_epochs(struct trainer *t, size_t *order,
				      size_t nlab)
{
	struct garca_model *m = t->m;
	struct sage_adam adam = { .lr = m->h.lr, .beta1 = 0.9,
				  .beta2 = 0.999, .eps = 1e-8 };
	struct rng r = { m->h.seed ^ 0x5a6e };
	struct lsg_error *err = NULL;

	adam.m = calloc(2 * m->nparams, sizeof(double));
	if (!adam.m)
		return &lsg_enomem;
	adam.v = adam.m + m->nparams;
	for (unsigned ep = 0; ep < m->h.epochs && !err &&
	     adam.t < m->h.max_steps; ep++) {
		shuffle(order, nlab, &r);
		for (size_t s = 0; s < nlab && !err &&
		     adam.t < m->h.max_steps; s += m->h.batch) {
			t->batch = order + s;
			t->nbatch = nlab - s < m->h.batch ? nlab - s :
							     m->h.batch;
			err = train_batch(t, &adam);
		}
		/* unlabeled crashes are neighbours: refresh them too */
		if (!err)
			err = encode_all(t);
	}
	free(adam.m);
	return err;
}

struct lsg_error *garca_check_hparams(const struct garca_hparams *h,
				      size_t nclasses)
{
	if (nclasses < 2 || nclasses > GARCA_MAX_CLASSES)
		return lsg_error_create(LSG_ERR_INVALID,
					"%zu classes (2..%d)", nclasses,
					GARCA_MAX_CLASSES);
	if (!h->hidden || h->hidden > GARCA_MAX_HIDDEN ||
	    !h->embed_dim || h->embed_dim > GARCA_MAX_HIDDEN)
		return lsg_error_create(LSG_ERR_INVALID,
					"hidden %u, embedding %u (1..%d)",
					h->hidden, h->embed_dim,
					GARCA_MAX_HIDDEN);
	if (h->knn > CASEGRAPH_MAX_K || !h->batch || h->lr <= 0 ||
	    !h->max_steps)
		return lsg_error_create(LSG_ERR_INVALID,
					"k %u (at most %d), batch %u, rate %g",
					h->knn, CASEGRAPH_MAX_K, h->batch,
					h->lr);
	return NULL;
}

/* What the model was trained on: every example's label and lines. */
static void corpus_hash(const struct garca_example *ex, size_t n,
			char ret[65])
{
	uint8_t md[SHA256_DIGEST_SIZE];
	struct sha256_ctx c;

	sha256_init(&c);
	for (size_t i = 0; i < n; i++) {
		char lab[16];
		int len = snprintf(lab, sizeof(lab), "%d\n", ex[i].label);

		sha256_update(&c, (size_t)len, (const uint8_t *)lab);
		for (size_t l = 0; l < ex[i].crash->nlines; l++) {
			const char *s = ex[i].crash->lines[l].text;

			sha256_update(&c, strlen(s) + 1, (const uint8_t *)s);
		}
	}
	sha256_digest(&c, sizeof(md), md);
	hex_encode(md, sizeof(md), ret);
}

static struct lsg_error *train_embed(struct garca_model *m,
				     const struct garca_example *ex, size_t n,
				     const char *const *fleet, size_t nfleet)
{
	struct embed_opts o = { m->h.embed, m->h.embed_dim,
				m->h.embed_epochs, m->h.seed };
	const char **own = NULL;
	size_t k = 0, total = 0;
	struct lsg_error *err;

	if (!fleet) {
		for (size_t i = 0; i < n; i++)
			total += ex[i].crash->nlines;
		own = malloc((total ? total : 1) * sizeof(*own));
		if (!own)
			return &lsg_enomem;
		for (size_t i = 0; i < n; i++)
			for (size_t l = 0; l < ex[i].crash->nlines; l++)
				own[k++] = ex[i].crash->lines[l].text;
		fleet = own;
		nfleet = k;
	}
	err = embed_train(&o, fleet, nfleet, &m->embed);
	free(own);
	return err;
}

static struct lsg_error *bank_init(struct garca_model *m, struct trainer *t)
{
	size_t n = t->n;
	struct lsg_error *err;

	m->nbank = n;
	if ((err = garca_bank_cols_alloc(m)))
		return err;
	m->bank_words = calloc(n, sizeof(*m->bank_words));
	m->bank_nwords = calloc(n, sizeof(*m->bank_nwords));
	m->bank_z = calloc(n * m->zdim, sizeof(*m->bank_z));
	m->bank_label = malloc(n * sizeof(*m->bank_label));
	if (!m->bank_words || !m->bank_nwords || !m->bank_z || !m->bank_label)
		return &lsg_enomem;
	for (size_t i = 0; i < n; i++) {
		size_t nw = t->g[i].nwords;

		garca_bank_set_mean(m, i, t->g[i].mean);
		m->bank_words[i] = malloc((nw ? nw : 1) * sizeof(uint32_t));
		if (!m->bank_words[i])
			return &lsg_enomem;
		memcpy(m->bank_words[i], t->g[i].words, nw * sizeof(uint32_t));
		m->bank_nwords[i] = nw;
		m->bank_label[i] = t->ex[i].label;
	}
	return NULL;
}

static struct lsg_error *model_init(const struct garca_hparams *h,
				    const char *const *classes,
				    size_t nclasses, struct garca_model **ret)
{
	struct garca_model *m = calloc(1, sizeof(*m));

	if (!m)
		return &lsg_enomem;
	m->h = *h;
	if (!m->h.threads)
		m->h.threads = 1;
	m->nclasses = nclasses;
	for (size_t i = 0; i < nclasses; i++)
		if (!(m->classes[i] = strdup(classes[i]))) {
			garca_model_destroy(m);
			return &lsg_enomem;
		}
	garca_layout(m);
	m->params = calloc(m->nparams, sizeof(*m->params));
	if (!m->params) {
		garca_model_destroy(m);
		return &lsg_enomem;
	}
	if (m->h.line_graph) {
		sage_dense_init(&m->l1, m->params, rng_mix(h->seed + 1));
		sage_dense_init(&m->l2, m->params, rng_mix(h->seed + 2));
	}
	if (m->h.case_graph)
		sage_dense_init(&m->lc, m->params, rng_mix(h->seed + 3));
	sage_dense_init(&m->lo, m->params, rng_mix(h->seed + 4));
	*ret = m;
	return NULL;
}

static struct lsg_error *trainer_init(struct trainer *t, size_t nlab)
{
	size_t batch = t->m->h.batch < nlab ? t->m->h.batch : nlab;

	t->g = calloc(t->n, sizeof(*t->g));
	t->znew = malloc(batch * t->m->zdim * sizeof(*t->znew));
	for (size_t c = 0; c < CHUNKS; c++)
		t->grad[c] = malloc(t->m->nparams * sizeof(double));
	if (!t->g || !t->znew || !t->grad[0] || !t->grad[CHUNKS - 1])
		return &lsg_enomem;
	for (size_t i = 0; i < t->n; i++) {
		struct lsg_error *err = linegraph_build(t->ex[i].crash,
							t->m->embed, &t->g[i]);

		if (err)
			return err;
	}
	return NULL;
}

static void trainer_deinit(struct trainer *t)
{
	for (size_t i = 0; t->g && i < t->n; i++)
		linegraph_deinit(&t->g[i]);
	free(t->g);
	free(t->znew);
	for (size_t c = 0; c < CHUNKS; c++)
		free(t->grad[c]);
}

struct lsg_error *garca_train(const struct garca_hparams *h,
			      const char *const *classes, size_t nclasses,
			      const struct garca_example *ex, size_t n,
			      const char *const *fleet, size_t nfleet,
			      struct garca_model **ret)
{
	struct trainer t = { .ex = ex, .n = n };
	size_t *order = malloc((n ? n : 1) * sizeof(*order)), nlab = 0;
	struct lsg_error *err = garca_check_hparams(h, nclasses);

	if (!err && !order)
		err = &lsg_enomem;
	for (size_t i = 0; !err && i < n; i++)
		if (ex[i].label >= (int)nclasses)
			err = lsg_error_create(LSG_ERR_INVALID,
					       "example %zu: class %d of %zu",
					       i, ex[i].label, nclasses);
		else if (ex[i].label >= 0)
			order[nlab++] = i;
	if (!err && !nlab)
		err = lsg_error_create(LSG_ERR_INVALID, "no labeled crash");
	if (!err)
		err = model_init(h, classes, nclasses, &t.m);
	if (err) {
		free(order);
		return err;
	}
	corpus_hash(ex, n, t.m->corpus_hash);
	err = train_embed(t.m, ex, n, fleet, nfleet);
	if (!err)
		err = trainer_init(&t, nlab);
	if (!err)
		err = bank_init(t.m, &t);
	if (!err)
		err = encode_all(&t);
	if (!err)
		err = train_epochs(&t, order, nlab);
	trainer_deinit(&t);
	free(order);
	if (err) {
		garca_model_destroy(t.m);
		return err;
	}
	*ret = t.m;
	return NULL;
}
