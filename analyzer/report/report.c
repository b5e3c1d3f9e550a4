/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * report_build(): a table of stages run in order over one case, each
 * timed.  Later stages (FILE, GARCA) are one entry each.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "garca/modelslot.h"
#include "file/file.h"
#include "parse/logmeta.h"
#include "report_internal.h"

struct lsg_error *report_ctx_create(const struct report_opts *opts,
				    struct report_ctx **ret)
{
	struct report_ctx *ctx = calloc(1, sizeof(*ctx));
	struct lsg_error *err;

	if (!ctx)
		return &lsg_enomem;
	ctx->model = opts ? opts->model : NULL;
	err = report_maint_init(&ctx->maint, opts ? opts->maintainers : NULL,
				opts ? opts->debug_dirs : NULL);
	if (!err)
		err = oops_ctx_create(&ctx->oops);
	ctx->file = opts ? opts->file : NULL;
	if (!err && !ctx->file && !(err = file_ctx_create(NULL,
							  &ctx->own_file)))
		ctx->file = ctx->own_file;
	if (!err && opts && opts->debug_dirs) {
		/* A debug dir may also hold out-of-tree .ko files directly. */
		struct symbolize_opts so = {
			.debug_dirs = opts->debug_dirs,
			.module_dirs = opts->debug_dirs,
			.debuginfod_urls = opts->debuginfod_urls,
		};

		err = symbolize_create(&so, &ctx->sym);
	}
	if (err) {
		report_ctx_destroy(ctx);
		return err;
	}
	*ret = ctx;
	return NULL;
}

void report_ctx_destroy(struct report_ctx *ctx)
{
	if (!ctx)
		return;
	oops_ctx_destroy(ctx->oops);
	symbolize_destroy(ctx->sym);
	report_maint_deinit(&ctx->maint);
	file_ctx_destroy(ctx->own_file);
	free(ctx);
}

static const char *json_str(json_t *obj, const char *key)
{
	return obj ? json_string_value(json_object_get(obj, key)) : NULL;
}

static json_t *ref_or_null(json_t *v)
{
	return v ? json_incref(v) : json_null();
}

/*
 * The report's fixed members; later stages fill in their own.  Member by
 * member: json_pack() would parse a format.
 */
static json_t *report_head(const struct report_case *c)
{
	const struct oops_result *res = c->res;
	const struct oops_event *ev = c->ev;
	json_t *j = json_object();
	char sig[33];

	if (ev)
		report_signature_of(res, ev, sig);
	if (!j ||
	    report_set(j, "title", report_str_or_null(res->title ? res->title :
						      ev ? ev->title : NULL)) ||
	    report_set(j, "corrupted", json_boolean(res->corrupted)) ||
	    report_set(j, "syz_title", report_str_or_null(res->syz_title)) ||
	    report_set(j, "syz_corrupted", json_boolean(res->syz_corrupted)) ||
	    report_set(j, "guilty_file", report_str_or_null(res->guilty_file)) ||
	    report_set(j, "maintainers", json_null()) ||
	    report_set(j, "signature", ev ? json_stringn_nocheck(sig, 32) :
			json_null()) ||
	    report_set(j, "root_cause", json_null()) ||
	    report_set(j, "fault_lines", json_array()) ||
	    report_set(j, "summary", json_null()) ||
	    report_set(j, "kernel", ref_or_null(c->kernel)) ||
	    report_set(j, "host", ref_or_null(c->host))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* The release a task header of @ev, else of any event, names. */
static const char *header_release(const struct oops_result *res,
				  const struct oops_event *ev)
{
	if (ev && ev->kernel)
		return ev->kernel;
	for (size_t i = 0; i < res->nevents; i++)
		if (res->events[i].kernel)
			return res->events[i].kernel;
	return NULL;
}

/* The events and the report's head, from the parser alone. */
static struct lsg_error *stage_parse(struct report_ctx *ctx,
				     struct report_case *c)
{
	struct lsg_error *err = oops_parse(ctx->oops, c->log, &c->res);

	if (err)
		return lsg_error_wrap(err, "parse");
	c->ev = report_main_event(c->res);
	/* A plain log: what its own lines say about the kernel. */
	if (!c->kernel)
		c->kernel = c->text_kernel = logmeta_kernel(c->log,
					header_release(c->res, c->ev));
	c->report = report_head(c);
	return c->report ? NULL : &lsg_enomem;
}

/*
 * Source lines for the reported event's frames; then every event's JSON,
 * that event's stacks symbolized, made once.
 */
static struct lsg_error *stage_symbolize(struct report_ctx *ctx,
					 struct report_case *c)
{
	const char *release = json_str(c->kernel, "release");

	if (c->ev)
		report_symbolize_event(ctx, release ? release : c->ev->kernel,
				       json_str(c->kernel, "build_id"), c->ev,
				       &c->sym);
	if (report_set(c->report, "events",
		       report_events_json(c->res, c->ev, &c->sym)))
		return &lsg_enomem;
	if (c->ev && !c->res->guilty_file &&
	    report_set(c->report, "guilty_file",
		       report_str_or_null(report_guilty_from_frames(
			       ctx, c->ev, &c->sym))))
		return &lsg_enomem;
	if (report_set(c->report, "symbolized",
		       report_symbolized_json(&c->sym)))
		return &lsg_enomem;
	return NULL;
}

/* The text of @ev's records, for MAINTAINERS' K: keywords. */
static char *event_text(const struct lsg_log *log,
			const struct oops_event *ev, size_t *ret_len)
{
	size_t n = 0, o = 0;
	char *buf;

	for (size_t i = 0; i < log->nrecs; i++)
		if (log->recs[i].seq >= ev->first_seq &&
		    log->recs[i].seq <= ev->last_seq)
			n += log->recs[i].text_len + 1;
	buf = malloc(n + 1);
	for (size_t i = 0; buf && i < log->nrecs; i++) {
		const struct lsg_record *r = &log->recs[i];

		if (r->seq < ev->first_seq || r->seq > ev->last_seq)
			continue;
		memcpy(buf + o, lsg_log_text(log, i), r->text_len);
		o += r->text_len;
		buf[o++] = '\n';
	}
	*ret_len = o;
	return buf;
}

/* Who looks after the guilty file (or the keywords of the event). */
static struct lsg_error *stage_maintainers(struct report_ctx *ctx,
					   struct report_case *c)
{
	const char *release = json_str(c->kernel, "release");
	const char *file = json_string_value(json_object_get(c->report,
							     "guilty_file"));
	const struct maint_db *db;
	json_t *people;
	size_t len;
	char *text;

	db = report_maint_db(&ctx->maint, release);
	if (!db || !c->ev)
		return NULL;
	text = event_text(c->log, c->ev, &len);
	if (!text)
		return &lsg_enomem;
	people = maint_lookup(db, file, text, len);
	free(text);
	if (!people || report_set(c->report, "maintainers", people))
		return &lsg_enomem;
	return NULL;
}

/* FILE: the fault lines and the summary (file/file.h). */
static struct lsg_error *stage_file(struct report_ctx *ctx,
				   struct report_case *c)
{
	struct lsg_error *err;

	err = file_extract(ctx->file, c->log, c->res, &c->fault);
	if (err)
		return err;
	return file_report(ctx->file, c->log, c->res, c->fault, c->report);
}

/* GARCA: the root cause from the extracted lines (garca/modelslot.h). */
static struct lsg_error *stage_root_cause(struct report_ctx *ctx,
					  struct report_case *c)
{
	if (report_set(c->report, "root_cause", modelslot_root_cause(
			ctx->model, c->fault, c->log, c->res)))
		return &lsg_enomem;
	return NULL;
}

static const struct report_stage stages[] = {
	{ "parse", stage_parse },
	{ "symbolize", stage_symbolize },
	{ "maintainers", stage_maintainers },
	{ "file", stage_file },
	{ "root_cause", stage_root_cause },
};

static double ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

static struct lsg_error *run_stages(struct report_ctx *ctx,
				    struct report_case *c, json_t *timings)
{
	struct timespec t0, t;
	struct lsg_error *err = NULL;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; !err && i < sizeof(stages) / sizeof(stages[0]);
	     i++) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		err = stages[i].run(ctx, c);
		if (!err && report_set(timings, stages[i].name,
				       json_real(ms_since(&t))))
			err = &lsg_enomem;
	}
	if (!err && report_set(timings, "total", json_real(ms_since(&t0))))
		err = &lsg_enomem;
	return err;
}

struct lsg_error *report_build(struct report_ctx *ctx,
			       const struct lsg_log *log, json_t *kernel,
			       json_t *host, json_t **ret)
{
	struct report_case c = { .log = log, .kernel = kernel, .host = host };
	json_t *timings = json_object();
	struct lsg_error *err;

	err = timings ? run_stages(ctx, &c, timings) : &lsg_enomem;
	if (!err && report_set(c.report, "timings_ms", timings))
		err = &lsg_enomem;
	else if (err)
		json_decref(timings);
	symbolize_trace_destroy(c.sym.trace);
	oops_result_destroy(c.res);
	file_result_destroy(c.fault);
	json_decref(c.text_kernel);
	if (err) {
		json_decref(c.report);
		return err;
	}
	*ret = c.report;
	return NULL;
}
