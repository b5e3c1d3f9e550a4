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

/* {"seq": @seq, "title": @title}, NULL if @title is not UTF-8. */
static json_t *event_json(uint64_t seq, const char *title)
{
	json_t *j = json_object();

	if (!j || json_object_set_new_nocheck(j, "seq",
					      json_integer((json_int_t)seq)) ||
	    json_object_set_new_nocheck(j, "title", json_string(title))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static json_t *model_json(int64_t version, const char *hash)
{
	json_t *j = json_object();

	if (!j || json_object_set_new_nocheck(j, "version",
					      json_integer(version)) ||
	    json_object_set_new_nocheck(j, "corpus_hash", json_string(hash))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* The seqs of the evidence lines. */
static json_t *evidence_json(const struct lines_crash *c,
			     const struct garca_pred *p)
{
	json_t *ev = json_array();

	for (size_t i = 0; ev && i < p->nevidence; i++)
		json_array_append_new(ev, json_integer((json_int_t)
			c->lines[p->evidence[i]].seq));
	return ev;
}

/*
 * Member by member, as json_pack() would make it (and NULL when it would
 * fail), without parsing a format.
 */
static json_t *cause_json(const struct lines_crash *c,
			  const struct garca_pred *p, const char *cls,
			  int64_t version, const char *hash, double ms)
{
	json_t *j = json_object();

	if (!j || json_object_set_new_nocheck(j, "class", json_string(cls)) ||
	    json_object_set_new_nocheck(j, "confidence",
					json_real(p->confidence)) ||
	    json_object_set_new_nocheck(j, "evidence", evidence_json(c, p)) ||
	    json_object_set_new_nocheck(j, "cause_event",
		p->cause_event == LINES_NONE ? json_null() :
		event_json(c->events[p->cause_event].seq,
			   c->events[p->cause_event].title)) ||
	    json_object_set_new_nocheck(j, "model",
					model_json(version, hash)) ||
	    json_object_set_new_nocheck(j, "ms", json_real(ms))) {
		json_decref(j);
		return NULL;
	}
	return j;
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
