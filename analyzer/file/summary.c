/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The structured summary: deterministic and extractive, every fact taken
 * from the fatal event, the symbolized frames or a kept line; optionally
 * rewritten by an LLM whose only evidence is the summary and the kept
 * lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_internal.h"
#include "llm.h"
#include "parse/textlog.h"
#include "utf8.h"

enum { SUMMARY_EXAMPLE = 160, LLM_DEFAULT_TIMEOUT_MS = 5000 };

static const char llm_system[] =
	"You explain Linux kernel crashes to operators. Rewrite the summary "
	"below in at most four sentences: what failed, where, when, what "
	"preceded it and the suspect component. Use only the summary and "
	"the log lines given; add no fact that is not in them.";

/* What came before the fatal event, one entry a fault family. */
struct preceding {
	size_t count, first;	/* lines kept, first one's record */
};

static double secs(const struct lsg_log *log, size_t i)
{
	return (double)log->recs[i].ts_nsec / 1e9;
}

static int timed(const struct lsg_log *log, size_t i)
{
	return log->recs[i].ts_nsec != TEXTLOG_TS_NONE;
}

static void tally(const struct fli_vocab *v, const struct lsg_log *log,
		  const struct file_result *r,
		  size_t fatal_rec, struct preceding p[FAM_COUNT])
{
	for (size_t k = 0; k < r->nlines && r->lines[k].rec < fatal_rec; k++) {
		size_t i = r->lines[k].rec;
		enum fli_sev sev;
		enum fli_family f = fli_classify(v, lsg_log_text(log, i),
						 log->recs[i].text_len, &sev);

		if (f == FAM_NONE)
			continue;
		if (!p[f].count++)
			p[f].first = i;
	}
}

/* A line's text, cut, with its quotes made harmless, for sentences. */
static void example(const struct lsg_log *log, size_t i, char *buf)
{
	size_t n = log->recs[i].text_len, o = 0;
	const char *s = lsg_log_text(log, i);

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	for (size_t k = 0; k < n && o + 1 < SUMMARY_EXAMPLE; k++)
		buf[o++] = s[k] == '"' || (unsigned char)s[k] < ' ' ? '\'' : s[k];
	buf[o] = '\0';
}

static json_t *preceded_json(const struct lsg_log *log,
			     const struct preceding p[FAM_COUNT],
			     size_t fatal_rec)
{
	json_t *arr = json_array();
	char ex[SUMMARY_EXAMPLE];

	for (int f = FAM_HW; arr && f < FAM_COUNT; f++) {
		if (!p[f].count)
			continue;
		example(log, p[f].first, ex);
		json_array_append_new(arr, json_pack("{s:s,s:I,s:I,s:o,s:s*}",
			"kind", fli_family_name(f),
			"lines", (json_int_t)p[f].count,
			"first_seq", (json_int_t)log->recs[p[f].first].seq,
			"seconds_before", timed(log, p[f].first) &&
				timed(log, fatal_rec) ?
				json_real(secs(log, fatal_rec) -
					  secs(log, p[f].first)) : json_null(),
			"example", utf8_valid(ex, strlen(ex)) ? ex : NULL));
	}
	return arr;
}

/* "func (file:line) [module]" of the first frame with a source line. */
static void where_of(const struct oops_event *ev, const json_t *evj,
		     char *buf, size_t size)
{
	const json_t *st, *fr;
	size_t i, k;

	/* Unsymbolized, no frame has a file: look at that first. */
	json_array_foreach(json_object_get(evj, "stacks"), i, st)
		json_array_foreach(json_object_get(st, "frames"), k, fr) {
			const char *file = json_string_value(json_object_get(
				fr, "file"));
			const char *fn = file ? json_string_value(
				json_object_get(fr, "func")) : NULL;
			const char *mod;

			if (!fn)
				continue;
			mod = json_string_value(json_object_get(fr, "module"));
			snprintf(buf, size, "%s (%s:%lld)%s%s%s", fn, file,
				 (long long)json_integer_value(json_object_get(
					 fr, "line")), mod ? " [" : "",
				 mod ? mod : "", mod ? "]" : "");
			return;
		}
	snprintf(buf, size, "%s%s%s%s", ev->frame ? ev->frame : "",
		 ev->guilty_file ? " (" : "",
		 ev->guilty_file ? ev->guilty_file : "",
		 ev->guilty_file ? ")" : "");
}

/* The first module a frame of @ev names, or NULL. */
static const char *module_of(const struct oops_event *ev)
{
	for (size_t i = 0; i < ev->nstacks; i++)
		for (size_t k = 0; k < ev->stacks[i].nframes; k++)
			if (ev->stacks[i].frames[k].module)
				return ev->stacks[i].frames[k].module;
	return NULL;
}

static void suspect_of(const struct lsg_log *log,
		       const struct preceding p[FAM_COUNT],
		       const struct oops_event *ev, char *buf, size_t size)
{
	static const enum fli_family order[] = { FAM_HW, FAM_IO, FAM_MEM };
	char ex[SUMMARY_EXAMPLE], who[SUMMARY_EXAMPLE];
	const char *mod = ev ? module_of(ev) : NULL;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!p[order[i]].count)
			continue;
		example(log, p[order[i]].first, ex);
		fli_first_entity(ex, strlen(ex), who, sizeof(who));
		snprintf(buf, size, "%s%s%s%s", fli_family_name(order[i]),
			 *who ? " (" : "", who, *who ? ")" : "");
		return;
	}
	if (ev && ev->type == OOPS_MCE)
		snprintf(buf, size, "%s (machine check)",
			 fli_family_name(FAM_HW));
	else if (mod)
		snprintf(buf, size, "module %s", mod);
	else if (ev && ev->guilty_file)
		snprintf(buf, size, "%s", ev->guilty_file);
	else
		snprintf(buf, size, "%s", ev && ev->frame ? ev->frame :
			 "unknown");
}

static size_t header_rec(const struct oops_event *ev,
			 const struct lsg_log *log)
{
	for (size_t i = ev->first_rec; i <= ev->last_rec; i++)
		if (log->recs[i].seq == ev->header_seq)
			return i;
	return ev->first_rec;
}

/* The sentence about what came before, or "". */
static void before_text(const struct lsg_log *log,
			const struct preceding p[FAM_COUNT], size_t fatal_rec,
			char *buf, size_t size)
{
	size_t o = 0;
	char ex[SUMMARY_EXAMPLE];

	buf[0] = '\0';
	for (int f = FAM_HW; f < FAM_COUNT && o < size; f++) {
		if (!p[f].count)
			continue;
		example(log, p[f].first, ex);
		o += (size_t)snprintf(buf + o, size - o,
			"%s%zu %s line%s", o ? "; " : " Preceded by ",
			p[f].count, fli_family_name(f),
			p[f].count == 1 ? "" : "s");
		if (o < size && timed(log, p[f].first) && timed(log, fatal_rec))
			o += (size_t)snprintf(buf + o, size - o,
				" from %.1f s before", secs(log, fatal_rec) -
				secs(log, p[f].first));
		if (o < size)
			o += (size_t)snprintf(buf + o, size - o, " (\"%s\")",
					      ex);
	}
	if (o && o < size)
		snprintf(buf + o, size - o, ".");
}

static char *extractive_text(const struct lsg_log *log, const char *what,
			     const char *panic, const char *where,
			     const char *before, const char *suspect,
			     size_t hdr)
{
	char *s = NULL;
	char when[64] = "";

	if (timed(log, hdr))
		snprintf(when, sizeof(when), " at %.3f s after boot",
			 secs(log, hdr));
	if (asprintf(&s, "%s%s%s%s%s%s%s.%s Suspect: %s.", what,
		     *panic ? " (panic: " : "", panic, *panic ? ")" : "",
		     when, *where ? " in " : "", where, before, suspect) < 0)
		return NULL;
	return s;
}

/*
 * What died: the fatal event's title and its panic message, or, for a
 * panic no event explains, the panic line itself.
 */
static void what_of(const struct lsg_log *log, const struct oops_event *ev,
		    size_t anchor, char *what, char *panic)
{
	static const char prefix[] = "Kernel panic - not syncing: ";
	char line[SUMMARY_EXAMPLE];

	panic[0] = '\0';
	line[0] = '\0';
	if (anchor < log->nrecs)
		example(log, anchor, line);
	if (!ev) {
		snprintf(what, SUMMARY_EXAMPLE, "%s", line);
		return;
	}
	snprintf(what, SUMMARY_EXAMPLE, "%s", ev->title);
	if (ev->panic_msg)
		snprintf(panic, SUMMARY_EXAMPLE, "%s", ev->panic_msg);
	else if (!strncmp(line, prefix, sizeof(prefix) - 1))
		snprintf(panic, SUMMARY_EXAMPLE, "%s",
			 line + sizeof(prefix) - 1);
}

/*
 * The LLM's rewrite, or NULL when it is not configured or fails.  The
 * lines' JSON is made only for the LLM: without one it would cost a
 * third of the FILE stage for nothing.
 */
static char *rewrite(const struct file_ctx *ctx, const char *text,
		     const struct lsg_log *log, const struct file_result *r)
{
	json_t *lines = ctx->opts.llm_url ? file_result_json(r, log) : NULL;
	char *ev = lines ? json_dumps(lines, JSON_COMPACT) : NULL;
	char *user = NULL, *out = NULL;
	struct lsg_error *err;

	json_decref(lines);
	if (!ev ||
	    asprintf(&user, "Summary: %s\nLog lines (JSON): %s", text, ev) < 0) {
		free(ev);
		return NULL;
	}
	err = llm_chat(ctx->opts.llm_url, ctx->opts.llm_model ?
		       ctx->opts.llm_model : "default", llm_system, user,
		       ctx->opts.llm_timeout_ms ? ctx->opts.llm_timeout_ms :
		       LLM_DEFAULT_TIMEOUT_MS, &out);
	lsg_error_destroy(err);
	free(user);
	free(ev);
	return out;
}

json_t *file_summary(struct file_ctx *ctx, const struct lsg_log *log,
		     const struct oops_result *res,
		     const struct file_result *r, const json_t *evj)
{
	struct preceding p[FAM_COUNT] = { { 0, 0 } };
	char where[256] = "", suspect[256], before[1024];
	char what[SUMMARY_EXAMPLE], panic[SUMMARY_EXAMPLE];
	const struct oops_event *ev;
	char *text, *llm;
	json_t *out;
	size_t anchor, hdr;

	ev = fli_find_fatal(log, res, &anchor);
	if (!ev && anchor >= log->nrecs)
		return json_pack("{s:s,s:s}", "text",
				 "No crash event found in the log.",
				 "source", "extractive");
	hdr = ev ? header_rec(ev, log) : anchor;
	tally(&ctx->vocab, log, r, ev ? ev->first_rec : anchor, p);
	if (ev)
		where_of(ev, evj, where, sizeof(where));
	what_of(log, ev, anchor, what, panic);
	suspect_of(log, p, ev, suspect, sizeof(suspect));
	before_text(log, p, hdr, before, sizeof(before));
	text = extractive_text(log, what, panic, where, before, suspect, hdr);
	if (!text || !utf8_valid(text, strlen(text))) {
		free(text);
		return NULL;
	}
	llm = rewrite(ctx, text, log, r);
	out = json_pack("{s:s,s:s,s:s?,s:o,s:o,s:s,s:s,s:s*}",
		"text", llm ? llm : text, "what", what,
		"where", *where ? where : NULL,
		"when", timed(log, hdr) ? json_real(secs(log, hdr)) :
			json_null(),
		"preceded_by", preceded_json(log, p, hdr),
		"suspect", suspect, "source", llm ? "llm" : "extractive",
		"extractive", llm ? text : NULL);
	free(llm);
	free(text);
	return out;
}

void file_print(const json_t *report, FILE *f, const char *hl,
		const char *dim, const char *off)
{
	const json_t *lines = json_object_get(report, "fault_lines"), *l;
	const char *text = json_string_value(json_object_get(
		json_object_get(report, "summary"), "text"));
	const char *reason = NULL;
	json_int_t prev = -1;
	size_t i;

	if (text)
		fprintf(f, "\nsummary:\n  %s\n", text);
	if (!json_array_size(lines))
		return;
	fprintf(f, "\nfault lines (%zu):\n", json_array_size(lines));
	json_array_foreach(lines, i, l) {
		json_int_t seq = json_integer_value(json_object_get(l, "seq"));
		const char *why = json_string_value(json_object_get(l,
								    "reason"));

		if (prev >= 0 && seq > prev + 1)
			fprintf(f, "  %s... %lld lines ...%s\n", dim,
				(long long)(seq - prev - 1), off);
		if (why && (!reason || strcmp(why, reason)))
			fprintf(f, "  %s[%s]%s\n", dim, why, off);
		reason = why;
		fprintf(f, "  %6lld %s%s%s\n", (long long)seq, hl,
			json_string_value(json_object_get(l, "text")), off);
		prev = seq;
	}
}
