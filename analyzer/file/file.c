/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "file_internal.h"
#include "parse/textlog.h"
#include "store/store.h"
#include "utf8.h"

/* Tries of a state save when other analyzers keep writing. */
enum { FILE_SAVE_TRIES = 5 };

struct lsg_error *file_ctx_create(const struct file_opts *opts,
				  struct file_ctx **ret)
{
	struct file_ctx *ctx = calloc(1, sizeof(*ctx));
	struct lsg_error *err;

	if (!ctx)
		return &lsg_enomem;
	if (opts)
		ctx->opts = *opts;
	fli_vocab_init(&ctx->vocab);
	err = tmpl_create(&ctx->tree);
	if (!err)
		err = tmpl_create(&ctx->delta);
	if (err || pthread_rwlock_init(&ctx->lock, NULL)) {
		tmpl_destroy(ctx->tree);
		tmpl_destroy(ctx->delta);
		free(ctx);
		return &lsg_enomem;
	}
	pthread_mutex_init(&ctx->save_lock, NULL);
	ctx->gen[0] = ++ctx->last_gen;
	ctx->gen[1] = ++ctx->last_gen;
	*ret = ctx;
	return NULL;
}

void file_ctx_destroy(struct file_ctx *ctx)
{
	if (!ctx)
		return;
	pthread_rwlock_destroy(&ctx->lock);
	pthread_mutex_destroy(&ctx->save_lock);
	tmpl_destroy(ctx->tree);
	tmpl_destroy(ctx->delta);
	memo_destroy(ctx->memo);
	free(ctx);
}

/*
 * The message of a line: made from its tokens when @ml kept them, else
 * split, and kept with the line's class for later extractions.
 */
static void line_msg(const struct file_ctx *ctx, const char *text,
		     size_t len, struct memo_line *ml, struct tmpl_msg *ret)
{
	enum fli_sev sev;

	if (ml && ml->toks) {
		tmpl_unpack(ml->toks, ml->toks_len, ret);
		return;
	}
	tmpl_split(text, len, ret);
	if (!ml)
		return;
	memo_keep_toks(ml, ret->buf, ret->len);
	ml->fam = (uint8_t)fli_classify(&ctx->vocab, text, len, &sev);
	ml->sev = (uint8_t)sev;
	ml->classified = 1;
}

/*
 * Mine one line into the trees @from on (the background, 0, then the
 * delta, 1) its hints do not cover, and hint it anew; a line whose
 * background hint holds goes on to the delta's.  Kept apart from
 * learn_line(): most lines need neither a message nor its room.
 */
static struct lsg_error *mine_line(struct file_ctx *ctx, const char *text,
				   size_t len, uint64_t doc,
				   struct memo_line *ml, size_t from)
{
	struct tmpl_tree *trees[2] = { ctx->tree, ctx->delta };
	struct lsg_error *err;
	struct tmpl_msg m;
	uint32_t id;

	line_msg(ctx, text, len, ml, &m);
	for (size_t k = from; k < 2; k++) {
		if (k > from && ml && ml->gen[k] == ctx->gen[k] &&
		    !tmpl_add_again(trees[k], &ml->hint[k], doc))
			continue;
		err = tmpl_add(trees[k], &m, doc, &id);
		if (err)
			return err;
		if (ml) {
			ml->hint[k] = tmpl_hint(trees[k], id);
			ml->gen[k] = ctx->gen[k];
		}
	}
	return NULL;
}

/*
 * Mine one line into the background and the delta.  A line learned
 * before (@ml: its memo entry, or NULL) is counted by its hints; what
 * they no longer cover is mined, and hinted anew.
 */
static struct lsg_error *learn_line(struct file_ctx *ctx, const char *text,
				    size_t len, uint64_t doc,
				    struct memo_line *ml)
{
	struct tmpl_tree *trees[2] = { ctx->tree, ctx->delta };

	for (size_t k = 0; k < 2; k++)
		if (!ml || ml->gen[k] != ctx->gen[k] ||
		    tmpl_add_again(trees[k], &ml->hint[k], doc))
			return mine_line(ctx, text, len, doc, ml, k);
	return NULL;
}

/* Learn @log; @seen: where extracting it found its lines, or NULL. */
static struct lsg_error *learn_locked(struct file_ctx *ctx,
				      const struct lsg_log *log,
				      const struct memo_ref *seen)
{
	uint64_t doc = ++ctx->next_doc;
	struct lsg_error *err = NULL;

	/* Without a memo, learning goes on the slow way. */
	if (!ctx->memo)
		lsg_error_destroy(memo_create(&ctx->memo));
	for (size_t i = 0; !err && i < log->nrecs; i++) {
		const char *text = lsg_log_text(log, i);
		size_t len = log->recs[i].text_len;

		err = learn_line(ctx, text, len, doc, ctx->memo ?
				 memo_get(ctx->memo, text, len,
					  seen ? &seen[i] : NULL) : NULL);
	}
	return err;
}

struct lsg_error *file_learn(struct file_ctx *ctx, const struct lsg_log *log)
{
	struct lsg_error *err;

	pthread_rwlock_wrlock(&ctx->lock);
	err = learn_locked(ctx, log, NULL);
	pthread_rwlock_unlock(&ctx->lock);
	return err;
}

void file_stats(struct file_ctx *ctx, size_t *ret_templates,
		uint64_t *ret_docs)
{
	pthread_rwlock_rdlock(&ctx->lock);
	*ret_templates = tmpl_count(ctx->tree);
	*ret_docs = tmpl_docs(ctx->tree);
	pthread_rwlock_unlock(&ctx->lock);
}

/* @from's templates and counts added into @into. */
static struct lsg_error *absorb(struct tmpl_tree *into,
				const struct tmpl_tree *from)
{
	struct lsg_error *err;
	char *d = NULL;
	size_t dlen;

	if (!tmpl_docs(from))
		return NULL;
	err = tmpl_save(from, &d, &dlen);
	if (!err)
		err = tmpl_load(into, d, dlen);
	free(d);
	return err;
}

/* A new tree: the stored blob @buf merged with @delta (NULL: none). */
static struct lsg_error *merged(const char *buf, size_t len,
				const struct tmpl_tree *delta,
				struct tmpl_tree **ret)
{
	struct tmpl_tree *t;
	struct lsg_error *err = tmpl_create(&t);

	if (err)
		return err;
	if (buf)
		err = tmpl_load(t, buf, len);
	if (!err && delta)
		err = absorb(t, delta);
	if (err) {
		tmpl_destroy(t);
		return err;
	}
	*ret = t;
	return NULL;
}

/*
 * Make @t, the store's @version merged with what this analyzer learned
 * and has not saved, the tree; that delta stays, to be saved.  The
 * memo's hints of the old tree are carried to @t where they hold there:
 * most leaves come back as they were (out of memory, none are).
 */
static void adopt(struct file_ctx *ctx, struct tmpl_tree *t, int64_t version)
{
	struct tmpl_rehint *r;
	uint64_t gen = ++ctx->last_gen;

	if (ctx->memo && !tmpl_rehint_create(ctx->tree, t, &r)) {
		memo_rehint(ctx->memo, 0, ctx->gen[0], gen, r);
		tmpl_rehint_destroy(r);
	}
	tmpl_destroy(ctx->tree);
	ctx->tree = t;
	ctx->gen[0] = gen;
	ctx->version = version;
}

struct lsg_error *file_state_load(struct file_ctx *ctx, struct store *s)
{
	struct tmpl_tree *t = NULL;
	struct lsg_error *err;
	int64_t version;
	void *buf;
	size_t len;

	err = store_state_get(s, FILE_STATE_NAME, &buf, &len, &version);
	if (err)
		return err;
	pthread_rwlock_wrlock(&ctx->lock);
	err = merged(buf, len, ctx->delta, &t);
	if (!err)
		adopt(ctx, t, version);
	pthread_rwlock_unlock(&ctx->lock);
	free(buf);
	return err ? lsg_error_wrap(err, "state %s", FILE_STATE_NAME) : NULL;
}

/*
 * One try: the stored state merged with @delta into *@ret, put if its
 * version did not move meanwhile (*@ret_raced when it did).
 */
static struct lsg_error *save_once(struct store *s,
				   const struct tmpl_tree *delta,
				   struct tmpl_tree **ret, int64_t *ret_version,
				   int *ret_raced)
{
	struct tmpl_tree *t = NULL;
	struct lsg_error *err;
	int64_t version;
	char *out = NULL;
	void *buf;
	size_t len, olen;

	*ret_raced = 0;
	err = store_state_get(s, FILE_STATE_NAME, &buf, &len, &version);
	if (err)
		return err;
	err = merged(buf, len, delta, &t);
	free(buf);
	if (!err)
		err = tmpl_save(t, &out, &olen);
	if (!err)
		err = store_state_put(s, FILE_STATE_NAME, out, olen, version,
				      ret_version);
	free(out);
	if (err) {
		tmpl_destroy(t);
		*ret_raced = err->code == LSG_ERR_INVALID;
		return err;
	}
	*ret = t;
	return NULL;
}

/*
 * The delta is taken and a fresh one put in its place under the lock;
 * reading, merging and writing the store (an fsync) happen outside it,
 * so analyses and learning do not wait on a save.  What is learned
 * meanwhile joins the saved tree; a failed save gives its delta back.
 */
struct lsg_error *file_state_save(struct file_ctx *ctx, struct store *s)
{
	struct tmpl_tree *fresh, *taken, *t = NULL;
	struct lsg_error *err = tmpl_create(&fresh), *back;
	int64_t nv = 0;
	int raced = 1;

	if (err)
		return err;
	pthread_mutex_lock(&ctx->save_lock);
	pthread_rwlock_wrlock(&ctx->lock);
	taken = ctx->delta;
	ctx->delta = fresh;
	ctx->gen[1] = ++ctx->last_gen;
	ctx->unsaved = 0;
	pthread_rwlock_unlock(&ctx->lock);
	for (int i = 0; raced && i < FILE_SAVE_TRIES; i++) {
		lsg_error_destroy(err);
		err = save_once(s, taken, &t, &nv, &raced);
	}
	pthread_rwlock_wrlock(&ctx->lock);
	back = err ? absorb(ctx->delta, taken) : absorb(t, ctx->delta);
	if (!err && !back)
		adopt(ctx, t, nv);
	else if (!err)
		tmpl_destroy(t);
	pthread_rwlock_unlock(&ctx->lock);
	pthread_mutex_unlock(&ctx->save_lock);
	tmpl_destroy(taken);
	if (!err)
		err = back;
	else
		lsg_error_destroy(back);
	return err ? lsg_error_wrap(err, "state %s", FILE_STATE_NAME) : NULL;
}

struct file_result *file_result_new(size_t nrecs)
{
	struct file_result *r = calloc(1, sizeof(*r));

	if (r)
		r->nrecs = nrecs;
	return r;
}

int file_result_push(struct file_result *r, size_t rec, double score,
		     const char *reason)
{
	struct file_line *n;

	/* Kept lines are at most the log's: grow in steps. */
	if (!(r->nlines & (r->nlines - 1)) || !r->nlines) {
		n = realloc(r->lines, (r->nlines ? 2 * r->nlines : 16) *
			    sizeof(*n));
		if (!n)
			return -1;
		r->lines = n;
	}
	r->lines[r->nlines++] = (struct file_line){ rec, score, reason };
	return 0;
}

void file_result_destroy(struct file_result *r)
{
	if (!r)
		return;
	free(r->lines);
	free(r->seen);
	free(r);
}

/* A line's text as a JSON string; bytes that are not UTF-8 as latin1. */
static json_t *text_json(const char *s, size_t len)
{
	char *buf;
	size_t o = 0;
	json_t *j;

	if (utf8_valid(s, len))
		return json_stringn_nocheck(s, len);
	buf = malloc(2 * len + 1);
	if (!buf)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			buf[o++] = (char)(c ? c : ' ');
		} else {
			buf[o++] = (char)(0xc0 | c >> 6);
			buf[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	j = json_stringn(buf, o);
	free(buf);
	return j;
}

/*
 * One kept line's object with @reason (borrowed); built member by
 * member, as json_pack() would parse its format for each of a report's
 * dozens of lines.
 */
static json_t *line_json(const struct file_line *l, const struct lsg_log *log,
			 json_t *reason)
{
	const struct lsg_record *rec = &log->recs[l->rec];
	json_t *o = json_object();

	if (!o ||
	    json_object_set_new_nocheck(o, "seq",
					json_integer((json_int_t)rec->seq)) ||
	    json_object_set_new_nocheck(o, "ts",
			rec->ts_nsec == TEXTLOG_TS_NONE ? json_null() :
			json_real((double)rec->ts_nsec / 1e9)) ||
	    json_object_set_new_nocheck(o, "text",
			text_json(lsg_log_text(log, l->rec), rec->text_len)) ||
	    json_object_set_new_nocheck(o, "score", json_real(l->score)) ||
	    json_object_set_nocheck(o, "reason", reason)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * Runs of kept lines have the same reason (a static ASCII string): they
 * share one JSON string.
 */
json_t *file_result_json(const struct file_result *r,
			 const struct lsg_log *log)
{
	json_t *arr = json_array(), *reason = NULL;
	const struct file_line *l;

	for (size_t i = 0; arr && i < r->nlines; i++) {
		l = &r->lines[i];
		if (!i || l->reason != l[-1].reason) {
			json_decref(reason);
			reason = json_string_nocheck(l->reason);
		}
		if (json_array_append_new(arr, line_json(l, log, reason))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	json_decref(reason);
	return arr;
}

/* The report's object for the fatal event, with its symbolized frames. */
static const json_t *fatal_json(const json_t *report)
{
	const json_t *ev;
	size_t i;

	json_array_foreach(json_object_get(report, "events"), i, ev)
		if (json_is_true(json_object_get(ev, "fatal")))
			return ev;
	return NULL;
}

/*
 * Learn @log online, extracted as @r; every save_every logs, save
 * (batched writes).
 */
static void learn_online(struct file_ctx *ctx, const struct lsg_log *log,
			 const struct file_result *r)
{
	unsigned every = ctx->opts.save_every ? ctx->opts.save_every :
			 FILE_SAVE_EVERY;
	struct lsg_error *err;
	int save;

	pthread_rwlock_wrlock(&ctx->lock);
	err = learn_locked(ctx, log, r->nrecs == log->nrecs ? r->seen : NULL);
	save = !err && ctx->opts.store && ++ctx->unsaved >= every;
	pthread_rwlock_unlock(&ctx->lock);
	if (save)
		err = file_state_save(ctx, ctx->opts.store);
	lsg_error_destroy(err);
}

struct lsg_error *file_report(struct file_ctx *ctx, const struct lsg_log *log,
			      const struct oops_result *res,
			      const struct file_result *r, json_t *report)
{
	json_t *lines, *sum;

	lines = file_result_json(r, log);
	sum = lines ? file_summary(ctx, log, res, r, fatal_json(report)) : NULL;
	/* json_object_set_new() takes the value even when it fails. */
	if (!sum) {
		json_decref(lines);
		return &lsg_enomem;
	}
	if (json_object_set_new(report, "fault_lines", lines)) {
		json_decref(sum);
		return &lsg_enomem;
	}
	if (json_object_set_new(report, "summary", sum))
		return &lsg_enomem;
	/* After the extraction: a crash is not its own background. */
	if (ctx->opts.online)
		learn_online(ctx, log, r);
	return NULL;
}
