/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "modelslot.h"

struct modelslot {
	pthread_rwlock_t lock;
	struct garca_model *m;
	int64_t version;
};

struct lsg_error *modelslot_create(struct modelslot **ret)
{
	struct modelslot *slot = calloc(1, sizeof(*slot));

	if (!slot)
		return &lsg_enomem;
	if (pthread_rwlock_init(&slot->lock, NULL)) {
		free(slot);
		return &lsg_enomem;
	}
	*ret = slot;
	return NULL;
}

void modelslot_destroy(struct modelslot *slot)
{
	if (!slot)
		return;
	garca_model_destroy(slot->m);
	pthread_rwlock_destroy(&slot->lock);
	free(slot);
}

void modelslot_set(struct modelslot *slot, struct garca_model *m,
		   int64_t version)
{
	struct garca_model *old;

	pthread_rwlock_wrlock(&slot->lock);
	old = slot->m;
	slot->m = m;
	slot->version = version;
	pthread_rwlock_unlock(&slot->lock);
	garca_model_destroy(old);
}

int64_t modelslot_version(struct modelslot *slot)
{
	int64_t v;

	pthread_rwlock_rdlock(&slot->lock);
	v = slot->version;
	pthread_rwlock_unlock(&slot->lock);
	return v;
}

struct lsg_error *modelslot_refresh(struct modelslot *slot, struct store *s,
				    int *ret_changed)
{
	struct garca_model *m = NULL;
	struct lsg_error *err;
	int64_t version;
	size_t len;
	void *buf;

	if (ret_changed)
		*ret_changed = 0;
	err = store_state_get(s, GARCA_STATE_NAME, &buf, &len, &version);
	if (err)
		return lsg_error_wrap(err, "model");
	if (!buf || version == modelslot_version(slot)) {
		free(buf);
		return NULL;
	}
	err = garca_load(buf, len, &m);
	free(buf);
	if (err)
		return lsg_error_wrap(err, "model version %lld",
				      (long long)version);
	modelslot_set(slot, m, version);
	if (ret_changed)
		*ret_changed = 1;
	return NULL;
}

struct lsg_error *modelslot_predict(struct modelslot *slot,
				    const struct lines_crash *c,
				    struct garca_pred *ret)
{
	struct lsg_error *err;

	pthread_rwlock_rdlock(&slot->lock);
	err = slot->m ? garca_predict(slot->m, c, ret) :
			lsg_error_create(LSG_ERR_NODATA,
					 "no root-cause model trained");
	pthread_rwlock_unlock(&slot->lock);
	return err;
}

static json_t *cause_json(const struct lines_crash *c,
			  const struct garca_pred *p, const char *cls,
			  int64_t version, const char *hash, double ms)
{
	json_t *ev = json_array(), *cause = json_null();

	for (size_t i = 0; i < p->nevidence; i++)
		json_array_append_new(ev, json_integer((json_int_t)
			c->lines[p->evidence[i]].seq));
	if (p->cause_event != LINES_NONE)
		cause = json_pack("{s:I,s:s}", "seq", (json_int_t)
				  c->events[p->cause_event].seq, "title",
				  c->events[p->cause_event].title);
	return json_pack("{s:s,s:f,s:o,s:o,s:{s:I,s:s},s:f}", "class", cls,
			 "confidence", p->confidence, "evidence", ev,
			 "cause_event", cause, "model", "version",
			 (json_int_t)version, "corpus_hash", hash, "ms", ms);
}

json_t *modelslot_root_cause(struct modelslot *slot,
			     const struct file_result *fr,
			     const struct lsg_log *log,
			     const struct oops_result *res)
{
	struct lines_crash c;
	struct garca_pred p;
	struct timespec t0, t1;
	struct lsg_error *err;
	json_t *j = NULL;

	if (!slot || !modelslot_version(slot))
		return json_null();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = lines_extract(log, res, fr, &c);
	if (err) {
		lsg_error_destroy(err);
		return json_null();
	}
	pthread_rwlock_rdlock(&slot->lock);
	err = slot->m ? garca_predict(slot->m, &c, &p) : &lsg_enomem;
	if (!err) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		j = cause_json(&c, &p, p.cls < 0 ? "unknown" :
			       garca_class(slot->m, (size_t)p.cls),
			       slot->version, garca_corpus_hash(slot->m),
			       (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			       (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	}
	pthread_rwlock_unlock(&slot->lock);
	lsg_error_destroy(err);
	lines_crash_deinit(&c);
	return j ? j : json_null();
}
