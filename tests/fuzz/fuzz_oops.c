/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the text log reader and the oops parser: the input is a console
 * log as bytes; every string of the result is read back so that a bad
 * pointer shows under ASan.  A first byte with its high bit set also
 * marks the log raw_text (pre-3.5 records that keep their console
 * prefix).  Seeds are real crash logs from syzkaller's corpus
 * (pkg/report/testdata/linux, Apache-2.0), cut to a few KB.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/logmeta.h"
#include "parse/oops.h"
#include "parse/textlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t str_len(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t walk_frame(const struct oops_frame *f)
{
	return str_len(f->func) + str_len(f->module) + str_len(f->file) +
	       f->line + f->reliable + f->inlined;
}

static size_t walk_event(const struct oops_event *ev)
{
	size_t n = str_len(ev->title) + str_len(ev->frame) +
		   str_len(ev->guilty_file) + str_len(ev->corrupted_reason) +
		   str_len(ev->comm) + str_len(ev->taint) +
		   str_len(ev->kernel) + str_len(ev->hardware) +
		   str_len(ev->modules) + str_len(ev->panic_msg);

	for (size_t i = 0; i < ev->nstacks; i++) {
		n += str_len(ev->stacks[i].label);
		for (size_t k = 0; k < ev->stacks[i].nframes; k++)
			n += walk_frame(&ev->stacks[i].frames[k]);
	}
	for (size_t i = 0; i < ev->nregs; i++) {
		const struct oops_regs *r = &ev->regs[i];

		n += str_len(r->ip_text) + str_len(r->code);
		if (r->ip)
			n += walk_frame(r->ip);
		for (size_t k = 0; k < r->nregs; k++)
			n += str_len(r->regs[k].name);
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Compiling the rules per input would hide everything else. */
	static struct oops_ctx *ctx;
	struct oops_result *res;
	struct lsg_log log;
	volatile size_t sink = 0;
	json_t *kernel;

	if (!ctx && oops_ctx_create(&ctx))
		abort();
	if (textlog_parse((const char *)data, size, &log, NULL))
		return 0;
	log.raw_text = size && (data[0] & 0x80);
	if (!oops_parse(ctx, &log, &res)) {
		for (size_t i = 0; i < res->nevents; i++)
			sink += walk_event(&res->events[i]);
		sink += str_len(res->title) + str_len(res->guilty_file) +
			str_len(res->syz_title);
		if ((res->fatal != OOPS_NONE && res->fatal >= res->nevents) ||
		    (res->primary != OOPS_NONE && res->primary >= res->nevents))
			abort();
		/* The fatal event titles the log when there is one. */
		if (res->fatal != OOPS_NONE &&
		    res->title != res->events[res->fatal].title)
			abort();
		kernel = logmeta_kernel(&log, res->nevents ?
					res->events[0].kernel : NULL);
		sink += json_object_size(kernel);
		json_decref(kernel);
		oops_result_destroy(res);
	}
	lsg_log_deinit(&log);
	(void)sink;
	return 0;
}
