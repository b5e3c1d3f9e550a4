/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nettle/sha2.h>

#include "garca/modelslot.h"
#include "parse/oops.h"
#include "report.h"
#include "symbolize/symbolize.h"

/* Frames of the fatal event sent to the symbolizer, and in a signature. */
enum { REPORT_SYM_FRAMES = 128, REPORT_SIG_FRAMES = 3 };

struct report_ctx {
	struct oops_ctx *oops;
	struct symbolize *sym;	/* NULL: no debug info configured */
	struct modelslot *model;	/* NULL: no root-cause model */
};

struct lsg_error *report_ctx_create(const struct report_opts *opts,
				    struct report_ctx **ret)
{
	struct report_ctx *ctx = calloc(1, sizeof(*ctx));
	struct lsg_error *err;

	if (!ctx)
		return &lsg_enomem;
	err = oops_ctx_create(&ctx->oops);
	ctx->model = opts ? opts->model : NULL;
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
	free(ctx);
}

void report_signature(const char *title, const char *const *funcs, size_t n,
		      char ret[33])
{
	uint8_t md[SHA256_DIGEST_SIZE];
	struct sha256_ctx c;

	sha256_init(&c);
	sha256_update(&c, strlen(title), (const uint8_t *)title);
	for (size_t i = 0; i < n; i++) {
		/* "foo.constprop.0" and "foo" are the same code for grouping. */
		size_t len = strcspn(funcs[i], ".");

		sha256_update(&c, 1, (const uint8_t *)"|");
		sha256_update(&c, len, (const uint8_t *)funcs[i]);
	}
	sha256_digest(&c, sizeof(md), md);
	for (size_t i = 0; i < 16; i++)
		snprintf(ret + 2 * i, 3, "%02x", md[i]);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The fatal event, else the one syzkaller would report, else none. */
static const struct oops_event *main_event(const struct oops_result *res)
{
	if (res->fatal != OOPS_NONE)
		return &res->events[res->fatal];
	if (res->nevents && res->primary != OOPS_NONE &&
	    res->primary < res->nevents)
		return &res->events[res->primary];
	return NULL;
}

/* Frames a signature or a symbolization may use, in stack order. */
struct frame_ref {
	const struct oops_frame *f;
	int exact_pc;		/* a RIP/pc line, not a return address */
};

static size_t collect_frames(const struct oops_event *ev,
			     struct frame_ref *out, size_t max)
{
	size_t n = 0;

	for (size_t r = 0; r < ev->nregs && n < max; r++)
		if (ev->regs[r].ip && !ev->regs[r].user)
			out[n++] = (struct frame_ref){ ev->regs[r].ip, 1 };
	for (size_t s = 0; s < ev->nstacks; s++)
		for (size_t i = 0; i < ev->stacks[s].nframes && n < max; i++)
			out[n++] = (struct frame_ref){
				&ev->stacks[s].frames[i], 0 };
	return n;
}

static void signature_of(const struct oops_result *res,
			 const struct oops_event *ev, char sig[33])
{
	struct frame_ref refs[REPORT_SYM_FRAMES];
	const char *funcs[REPORT_SIG_FRAMES];
	size_t n = collect_frames(ev, refs, REPORT_SYM_FRAMES), k = 0;

	for (size_t i = 0; i < n && k < REPORT_SIG_FRAMES; i++)
		if (refs[i].f->reliable && refs[i].f->func &&
		    !refs[i].f->inlined && (!k || strcmp(funcs[k - 1],
							 refs[i].f->func)))
			funcs[k++] = refs[i].f->func;
	report_signature(res->title ? res->title : ev->title, funcs, k, sig);
}

/* Symbolization of the main event: which result belongs to which frame. */
struct symbolized {
	const struct oops_frame *frames[REPORT_SYM_FRAMES];
	size_t n;
	struct symbolize_trace *trace;
	const char *status;	/* why frames are not symbolized, or NULL */
};

static void symbolize_event(struct report_ctx *ctx, const char *release,
			    const char *build_id, const struct oops_event *ev,
			    struct symbolized *out)
{
	struct frame_ref refs[REPORT_SYM_FRAMES];
	struct symbolize_frame sf[REPORT_SYM_FRAMES];
	size_t n = collect_frames(ev, refs, REPORT_SYM_FRAMES);
	struct lsg_error *err;

	memset(out, 0, sizeof(*out));
	if (!ctx->sym || !release) {
		out->status = ctx->sym ? "kernel release unknown" :
					 "no debug info configured";
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct oops_frame *f = refs[i].f;

		if (!f->func || !f->has_offset || f->inlined)
			continue;
		out->frames[out->n] = f;
		sf[out->n++] = (struct symbolize_frame){
			.function = f->func, .offset = f->offset,
			.size = f->size, .module = f->module,
			.exact_pc = refs[i].exact_pc };
	}
	err = symbolize_frames(ctx->sym, release, build_id, sf, out->n,
			       &out->trace);
	if (err) {
		/* A build-id mismatch must not give wrong lines: say so. */
		out->status = err->code == LSG_ERR_CORRUPT ?
			"debug info does not match the kernel's build-id" :
			"symbolization failed";
		out->n = 0;
		lsg_error_destroy(err);
	}
}

static const struct symbolize_result *sym_result(const struct symbolized *s,
						 const struct oops_frame *f)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->frames[i] == f)
			return &s->trace->frames[i];
	return NULL;
}

static json_t *frame_json(const struct oops_frame *f, const char *func,
			  const char *file, unsigned line, int inlined)
{
	json_t *j = json_pack("{s:o,s:o,s:o,s:o,s:b,s:b}",
			      "func", str_or_null(func),
			      "module", str_or_null(f->module),
			      "file", str_or_null(file),
			      "line", line ? json_integer(line) : json_null(),
			      "inlined", inlined, "reliable", f->reliable);

	if (j && !inlined && f->has_offset) {
		json_object_set_new(j, "offset", json_sprintf("0x%llx",
				    (unsigned long long)f->offset));
		json_object_set_new(j, "size", json_sprintf("0x%llx",
				    (unsigned long long)f->size));
	}
	return j;
}

/*
 * One printed frame, expanded as syzkaller prints symbolized traces: the
 * inlined functions first (innermost), then the function itself.
 */
static void append_frame(json_t *arr, const struct oops_frame *f,
			 const struct symbolize_result *r)
{
	size_t n = r && r->status == SYMBOLIZE_OK ? r->nlocs : 0;

	for (size_t i = 0; i + 1 < n; i++)
		json_array_append_new(arr, frame_json(f, r->locs[i].function,
						      r->locs[i].file,
						      r->locs[i].line, 1));
	if (n)
		json_array_append_new(arr, frame_json(f, f->func,
						      r->locs[n - 1].file,
						      r->locs[n - 1].line, 0));
	else
		json_array_append_new(arr, frame_json(f, f->func, f->file,
						      f->line, f->inlined));
}

static json_t *stacks_json(const struct oops_event *ev,
			   const struct symbolized *s)
{
	json_t *stacks = json_array();

	for (size_t r = 0; stacks && r < ev->nregs; r++) {
		json_t *frames;

		if (!ev->regs[r].ip || ev->regs[r].user)
			continue;
		frames = json_array();
		append_frame(frames, ev->regs[r].ip,
			     s ? sym_result(s, ev->regs[r].ip) : NULL);
		json_array_append_new(stacks, json_pack("{s:s,s:o}",
			"context", "pc", "frames", frames));
	}
	for (size_t k = 0; stacks && k < ev->nstacks; k++) {
		const struct oops_stack *st = &ev->stacks[k];
		json_t *frames = json_array();

		for (size_t i = 0; i < st->nframes; i++)
			append_frame(frames, &st->frames[i],
				     s ? sym_result(s, &st->frames[i]) : NULL);
		json_array_append_new(stacks, json_pack("{s:s,s:o}",
			"context", oops_stack_ctx_name(st->ctx),
			"frames", frames));
	}
	return stacks;
}

static json_t *event_json(const struct oops_event *ev,
			  const struct symbolized *s)
{
	json_t *j = json_pack("{s:s,s:s,s:b,s:b,s:I,s:I,s:I}",
			      "type", oops_type_name(ev->type),
			      "title", ev->title, "fatal", ev->fatal,
			      "corrupted", ev->corrupted,
			      "seq", (json_int_t)ev->header_seq,
			      "first_seq", (json_int_t)ev->first_seq,
			      "last_seq", (json_int_t)ev->last_seq);

	if (!j)
		return NULL;
	json_object_set_new(j, "cpu", ev->cpu >= 0 ? json_integer(ev->cpu) :
			    json_null());
	json_object_set_new(j, "pid", ev->pid >= 0 ? json_integer(ev->pid) :
			    json_null());
	json_object_set_new(j, "comm", str_or_null(ev->comm));
	json_object_set_new(j, "taint", str_or_null(ev->taint));
	json_object_set_new(j, "panic", str_or_null(ev->panic_msg));
	json_object_set_new(j, "modules", str_or_null(ev->modules));
	if (ev->has_cr2)
		json_object_set_new(j, "cr2", json_sprintf("0x%llx",
				    (unsigned long long)ev->cr2));
	json_object_set_new(j, "stacks", stacks_json(ev, s));
	return j;
}

static const char *json_str(json_t *obj, const char *key)
{
	return obj ? json_string_value(json_object_get(obj, key)) : NULL;
}

static json_t *events_json(const struct oops_result *res,
			   const struct oops_event *main_ev,
			   const struct symbolized *s)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < res->nevents; i++)
		json_array_append_new(a, event_json(&res->events[i],
			&res->events[i] == main_ev ? s : NULL));
	return a;
}

/* How much of the main event's trace has source lines, and from where. */
static json_t *symbolized_json(const struct symbolized *s)
{
	size_t ok = 0;

	if (s->status)
		return json_pack("{s:i,s:i,s:s}", "frames", 0, "of", 0,
				 "reason", s->status);
	for (size_t i = 0; i < s->n; i++)
		ok += s->trace->frames[i].status == SYMBOLIZE_OK;
	return json_pack("{s:I,s:I,s:o,s:b}", "frames", (json_int_t)ok,
			 "of", (json_int_t)s->n, "vmlinux",
			 str_or_null(s->trace ? s->trace->vmlinux : NULL),
			 "build_id_checked",
			 s->trace && s->trace->build_id_checked);
}

/* The report's fixed members, before events and timings are added. */
static json_t *report_head(const struct oops_result *res,
			   const struct oops_event *ev, json_t *kernel,
			   json_t *host)
{
	char sig[33];

	if (ev)
		signature_of(res, ev, sig);
	return json_pack("{s:o,s:b,s:o,s:n,s:o,s:n,s:[],s:n,s:O?,s:O?}",
		"title", str_or_null(res->title ? res->title :
				     ev ? ev->title : NULL),
		"corrupted", res->corrupted,
		"guilty_file", str_or_null(res->guilty_file),
		"maintainers",
		"signature", ev ? json_string(sig) : json_null(),
		"root_cause",
		"fault_lines",
		"summary",
		"kernel", kernel, "host", host);
}

struct lsg_error *report_build(struct report_ctx *ctx,
			       const struct lsg_log *log, json_t *kernel,
			       json_t *host, json_t **ret)
{
	struct symbolized sym = { 0 };
	struct oops_result *res;
	const struct oops_event *ev;
	struct lsg_error *err;
	struct timespec t0, t1;
	double parse_ms;
	json_t *r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = oops_parse(ctx->oops, log, &res);
	if (err)
		return lsg_error_wrap(err, "parse");
	parse_ms = ms_since(&t0);
	ev = main_event(res);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ev)
		symbolize_event(ctx, json_str(kernel, "release") ?
				json_str(kernel, "release") : ev->kernel,
				json_str(kernel, "build_id"), ev, &sym);
	r = report_head(res, ev, kernel, host);
	if (r) {
		json_object_set_new(r, "events", events_json(res, ev, &sym));
		json_object_set_new(r, "symbolized", symbolized_json(&sym));
		json_object_set_new(r, "root_cause", modelslot_root_cause(
			ctx->model, log, res));
		json_object_set_new(r, "timings_ms", json_pack(
			"{s:f,s:f,s:f}", "parse", parse_ms,
			"symbolize", ev ? ms_since(&t1) : 0.0,
			"total", ms_since(&t0)));
	}
	symbolize_trace_destroy(sym.trace);
	oops_result_destroy(res);
	if (!r)
		return &lsg_enomem;
	*ret = r;
	return NULL;
}

/* ANSI colours, only when printing to a terminal. */
struct palette {
	const char *bold, *red, *dim, *off;
};

static void print_frames(const json_t *stack, const struct palette *p,
			 FILE *f)
{
	const json_t *fr;
	size_t i;

	fprintf(f, "  %s%s:%s\n", p->dim,
		json_string_value(json_object_get(stack, "context")), p->off);
	json_array_foreach(json_object_get(stack, "frames"), i, fr) {
		const char *func = json_string_value(json_object_get(fr, "func"));
		const char *mod = json_string_value(json_object_get(fr, "module"));
		const char *file = json_string_value(json_object_get(fr, "file"));
		json_int_t line = json_integer_value(json_object_get(fr, "line"));

		fprintf(f, "    %s%s%s%s%s%s%s", json_is_true(json_object_get(
				fr, "reliable")) ? "" : "? ",
			p->bold, func ? func : "?", p->off,
			json_is_true(json_object_get(fr, "inlined")) ?
				" [inline]" : "",
			mod ? " [" : "", mod ? mod : "");
		fprintf(f, "%s", mod ? "]" : "");
		if (file)
			fprintf(f, "  %s%s:%lld%s", p->dim, file,
				(long long)line, p->off);
		fputc('\n', f);
	}
}

static void print_event_list(const json_t *events, const struct palette *p,
			     FILE *f)
{
	const json_t *ev;
	size_t i;

	fprintf(f, "\nevents (%zu):\n", json_array_size(events));
	json_array_foreach(events, i, ev)
		fprintf(f, "  %s seq %-6lld %s%s%s\n",
			json_is_true(json_object_get(ev, "fatal")) ? "*" : " ",
			(long long)json_integer_value(json_object_get(ev, "seq")),
			json_is_true(json_object_get(ev, "fatal")) ? p->red : "",
			json_string_value(json_object_get(ev, "title")), p->off);
}

void report_print(const json_t *report, FILE *f, int color)
{
	static const struct palette on = { "\033[1m", "\033[1;31m",
					   "\033[2m", "\033[0m" };
	static const struct palette plain = { "", "", "", "" };
	const struct palette *p = color ? &on : &plain;
	const json_t *events = json_object_get(report, "events"), *ev, *st;
	const char *title = json_string_value(json_object_get(report, "title"));
	const char *guilty = json_string_value(json_object_get(report,
							       "guilty_file"));
	json_t *kernel = json_object_get(report, "kernel");
	size_t i, k;

	fprintf(f, "%s%s%s\n", p->red, title ? title : "no crash found",
		p->off);
	if (json_str(kernel, "release"))
		fprintf(f, "kernel:    %s %s\n", json_str(kernel, "release"),
			json_str(kernel, "build_id") ?
				json_str(kernel, "build_id") : "");
	if (json_str(json_object_get(report, "host"), "hostname"))
		fprintf(f, "host:      %s\n", json_str(json_object_get(
			report, "host"), "hostname"));
	fprintf(f, "signature: %s%s\n", json_string_value(json_object_get(
		report, "signature")) ?: "-", json_is_true(json_object_get(
		report, "corrupted")) ? "  (report corrupted)" : "");
	if (guilty)
		fprintf(f, "guilty:    %s%s%s\n", p->bold, guilty, p->off);
	print_event_list(events, p, f);
	json_array_foreach(events, i, ev) {
		if (!json_is_true(json_object_get(ev, "fatal")))
			continue;
		fprintf(f, "\nfatal event stacks:\n");
		json_array_foreach(json_object_get(ev, "stacks"), k, st)
			print_frames(st, p, f);
	}
	fprintf(f, "\nanalysis: %.2f ms\n", json_number_value(json_object_get(
		json_object_get(report, "timings_ms"), "total")));
}
