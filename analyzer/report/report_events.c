/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parsed events as report JSON, the main event's frames symbolized,
 * and the duplicate signature.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "report_internal.h"
#include "hex.h"
#include "utf8.h"

/*
 * As json_string(), NULL for what is not UTF-8, but with our check, which
 * takes eight ASCII bytes a step where jansson's takes one.
 */
json_t *report_str_or_null(const char *s)
{
	size_t len;

	if (!s)
		return json_null();
	len = strlen(s);
	return utf8_valid(s, len) ? json_stringn_nocheck(s, len) : NULL;
}

/* The fatal event, else the one syzkaller would report, else none. */
const struct oops_event *report_main_event(const struct oops_result *res)
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

void report_signature_of(const struct oops_result *res,
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

void report_symbolize_event(struct report_ctx *ctx, const char *release,
			    const char *build_id, const struct oops_event *ev,
			    struct report_symbolized *out)
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

static const struct symbolize_result *sym_result(const struct report_symbolized *s,
						 const struct oops_frame *f)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->frames[i] == f)
			return &s->trace->frames[i];
	return NULL;
}

/* "0x1f": offsets, sizes and addresses as the report writes them. */
static json_t *hex_json(unsigned long long v)
{
	char buf[2 + 16], *p = buf + sizeof(buf);

	do {
		*--p = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	*--p = 'x';
	*--p = '0';
	return json_stringn_nocheck(p, (size_t)(buf + sizeof(buf) - p));
}

/* Member by member: json_pack() would parse a format for every frame. */
static json_t *frame_json(const struct oops_frame *f, const char *func,
			  const char *file, unsigned line, int inlined)
{
	json_t *j = json_object();

	if (!j ||
	    report_set(j, "func", report_str_or_null(func)) ||
	    report_set(j, "module", report_str_or_null(f->module)) ||
	    report_set(j, "file", report_str_or_null(file)) ||
	    report_set(j, "line", line ? json_integer(line) : json_null()) ||
	    report_set(j, "inlined", json_boolean(inlined)) ||
	    report_set(j, "reliable", json_boolean(f->reliable))) {
		json_decref(j);
		return NULL;
	}
	if (!inlined && f->has_offset) {
		report_set(j, "offset", hex_json(f->offset));
		report_set(j, "size", hex_json(f->size));
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

/* {"context": @ctx, "frames": @frames (consumed)} */
static json_t *stack_json(const char *ctx, json_t *frames)
{
	json_t *j = json_object();

	if (!j || report_set(j, "context", json_string_nocheck(ctx))) {
		json_decref(j);
		json_decref(frames);
		return NULL;
	}
	if (report_set(j, "frames", frames)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static json_t *stacks_json(const struct oops_event *ev,
			   const struct report_symbolized *s)
{
	json_t *stacks = json_array();

	for (size_t r = 0; stacks && r < ev->nregs; r++) {
		json_t *frames;

		if (!ev->regs[r].ip || ev->regs[r].user)
			continue;
		frames = json_array();
		append_frame(frames, ev->regs[r].ip,
			     s ? sym_result(s, ev->regs[r].ip) : NULL);
		json_array_append_new(stacks, stack_json("pc", frames));
	}
	for (size_t k = 0; stacks && k < ev->nstacks; k++) {
		const struct oops_stack *st = &ev->stacks[k];
		json_t *frames = json_array();

		for (size_t i = 0; i < st->nframes; i++)
			append_frame(frames, &st->frames[i],
				     s ? sym_result(s, &st->frames[i]) : NULL);
		json_array_append_new(stacks, stack_json(
			oops_stack_ctx_name(st->ctx), frames));
	}
	return stacks;
}

static json_t *int_or_null(long long v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

/*
 * Member by member, as json_pack() would: no event without its type and
 * title, the other members left out when they cannot be made.
 */
static json_t *event_json(const struct oops_event *ev,
			   const struct report_symbolized *s)
{
	json_t *j = json_object();

	if (!j || report_set(j, "type", json_string_nocheck(
			oops_type_name(ev->type))) ||
	    !ev->title || report_set(j, "title",
				     report_str_or_null(ev->title)) ||
	    report_set(j, "fatal", json_boolean(ev->fatal)) ||
	    report_set(j, "corrupted", json_boolean(ev->corrupted)) ||
	    report_set(j, "seq", json_integer((json_int_t)ev->header_seq)) ||
	    report_set(j, "first_seq",
		       json_integer((json_int_t)ev->first_seq)) ||
	    report_set(j, "last_seq",
		       json_integer((json_int_t)ev->last_seq))) {
		json_decref(j);
		return NULL;
	}
	report_set(j, "cpu", int_or_null(ev->cpu));
	report_set(j, "pid", int_or_null(ev->pid));
	report_set(j, "comm", report_str_or_null(ev->comm));
	report_set(j, "taint", report_str_or_null(ev->taint));
	report_set(j, "panic", report_str_or_null(ev->panic_msg));
	report_set(j, "modules", report_str_or_null(ev->modules));
	if (ev->has_cr2)
		report_set(j, "cr2", hex_json(ev->cr2));
	report_set(j, "stacks", stacks_json(ev, s));
	return j;
}

json_t *report_events_json(const struct oops_result *res,
			   const struct oops_event *main_ev,
			   const struct report_symbolized *s)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < res->nevents; i++)
		json_array_append_new(a, event_json(&res->events[i],
			&res->events[i] == main_ev ? s : NULL));
	return a;
}

/* How much of the main event's trace has source lines, and from where. */
const char *report_guilty_from_frames(const struct report_ctx *ctx,
				      const struct oops_event *ev,
				      const struct report_symbolized *s)
{
	struct frame_ref refs[REPORT_SYM_FRAMES];
	size_t n = collect_frames(ev, refs, REPORT_SYM_FRAMES);

	for (size_t i = 0; i < n; i++) {
		const struct oops_frame *f = refs[i].f;
		const struct symbolize_result *r = sym_result(s, f);

		if (!f->reliable)
			continue;
		if (!r || r->status != SYMBOLIZE_OK) {
			/* A module without debug info: the fault may be
			 * there, and its file is not known. */
			if (f->module)
				return NULL;
			continue;
		}
		/* Inlined functions first: the innermost code is blamed. */
		for (size_t k = 0; k < r->nlocs; k++)
			if (r->locs[k].file &&
			    !oops_guilty_ignored(ctx->oops, r->locs[k].file))
				return r->locs[k].file;
	}
	return NULL;
}

json_t *report_symbolized_json(const struct report_symbolized *s)
{
	json_t *j = json_object();
	size_t ok = 0;

	for (size_t i = 0; !s->status && i < s->n; i++)
		ok += s->trace->frames[i].status == SYMBOLIZE_OK;
	if (!j || report_set(j, "frames", json_integer((json_int_t)ok)) ||
	    report_set(j, "of", json_integer(s->status ? 0 :
					     (json_int_t)s->n)))
		goto fail;
	if (s->status) {
		if (report_set(j, "reason", json_string_nocheck(s->status)))
			goto fail;
		return j;
	}
	if (report_set(j, "vmlinux", report_str_or_null(s->trace ?
						s->trace->vmlinux : NULL)) ||
	    report_set(j, "build_id_checked", json_boolean(
			s->trace && s->trace->build_id_checked)))
		goto fail;
	return j;
fail:
	json_decref(j);
	return NULL;
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
	hex_encode(md, 16, ret);
}
