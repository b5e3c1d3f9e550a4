/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * FILE: fault-indicating log extraction (DESIGN §6.3).  From a crash
 * log's lines, the few that indicate the fault, each with a score and the
 * reason it was kept, and an extractive summary of what happened.
 *
 * A context holds the fleet's templates (tmpl.h): the background against
 * which a line is rare.  Extraction reads them under a read lock, so
 * many server workers extract at once; learning (file_learn) mines a
 * whole log under the write lock, where a line learned before is only
 * counted (memo.h), and extraction finds its class of fault vocabulary
 * there.  file_state_load/save keep the templates in the store as the
 * state blob FILE_STATE_NAME, merging with what other analyzers stored
 * meanwhile.
 *
 * Unsupervised: nothing here reads a label.  The inputs are the log, the
 * parser's events (the fatal one and its lines) and the background.
 */
#ifndef LSG_FILE_H
#define LSG_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "error.h"
#include "log.h"
#include "parse/oops.h"

#define FILE_STATE_NAME "file.templates"

struct store;
struct file_ctx;
struct memo_ref;

/* One kept line: the record, its score in [0, 1] and why it was kept. */
struct file_line {
	size_t rec;		/* index into log->recs */
	double score;
	const char *reason;	/* static string */
};

struct file_result {
	struct file_line *lines;	/* in log order */
	size_t nlines;
	size_t nrecs;		/* lines of the log */
	double ms;		/* time the extraction took */
	/*
	 * Where the context's memo had each line when extracted, for the
	 * online learning that follows (memo.h); NULL: nowhere to reuse.
	 */
	struct memo_ref *seen;
};

struct file_opts {
	const char *llm_url;	/* OpenAI-compatible chat endpoint, or NULL */
	const char *llm_model;	/* "model" of the request; NULL: "default" */
	long llm_timeout_ms;	/* 0: 5000 */
	/*
	 * Online learning: file_report() mines each analyzed log into the
	 * background after extracting from it, and with a store, saves the
	 * templates every save_every logs (0: FILE_SAVE_EVERY).
	 */
	int online;
	struct store *store;	/* borrowed; outlives the context */
	unsigned save_every;
};

/* Logs learned online between two saves of the templates. */
#define FILE_SAVE_EVERY 64

/** file_ctx_create() - an empty context.  Free with file_ctx_destroy(). */
struct lsg_error *file_ctx_create(const struct file_opts *opts,
				  struct file_ctx **ret);

/** file_ctx_destroy() - free @ctx; NULL is fine. */
void file_ctx_destroy(struct file_ctx *ctx);

/**
 * file_learn() - mine every line of @log into the background (one more
 * document).  Thread-safe.  Errors: &lsg_enomem.
 */
struct lsg_error *file_learn(struct file_ctx *ctx, const struct lsg_log *log);

/** file_stats() - templates held and logs learned. */
void file_stats(struct file_ctx *ctx, size_t *ret_templates,
		uint64_t *ret_docs);

/**
 * file_state_load() - merge the stored templates into @ctx.  A store
 * without them is fine.  Errors from the store, or LSG_ERR_INVALID for a
 * corrupt blob.
 */
struct lsg_error *file_state_load(struct file_ctx *ctx, struct store *s);

/**
 * file_state_save() - store what @ctx learned since the last load or
 * save, merged with the stored templates (read, merge, compare-and-swap,
 * a few retries when another analyzer writes at the same time).
 */
struct lsg_error *file_state_save(struct file_ctx *ctx, struct store *s);

/**
 * file_extract() - the fault-indicating lines of @log.
 * @res:	oops_parse()'s result for @log (borrowed)
 * @ret:	free with file_result_destroy(); written on success only
 * Thread-safe.  Errors: &lsg_enomem.
 */
struct lsg_error *file_extract(struct file_ctx *ctx, const struct lsg_log *log,
			       const struct oops_result *res,
			       struct file_result **ret);

/**
 * file_published() - the authors' FILE as published: DBSCAN over the
 * lines' timestamps (eps 0.5 s, min_samples 1, i.e. runs of lines less
 * than eps apart) and the last cluster before the panic kept whole.
 * For the evaluation; no context needed.
 */
struct lsg_error *file_published(const struct lsg_log *log,
				 const struct oops_result *res,
				 struct file_result **ret);

/** file_result_destroy() - free @r; NULL is fine. */
void file_result_destroy(struct file_result *r);

/**
 * file_result_json() - "fault_lines": [{"seq", "ts", "text", "score",
 * "reason"}...]; a new reference, NULL when out of memory.
 */
json_t *file_result_json(const struct file_result *r,
			 const struct lsg_log *log);

/**
 * file_summary() - the structured summary: {"text", "what", "where",
 * "when", "preceded_by": [...], "suspect", "source"}; "source" is
 * "extractive", or "llm" when @ctx has an LLM endpoint that answered in
 * time (its rewrite is "text"; the extractive one stays in "extractive").
 * @frames, when not NULL, is the report's symbolized frames of the fatal
 * event (objects with "func", "file", "line"), for the "where".
 * A new reference, NULL when out of memory.
 */
json_t *file_summary(struct file_ctx *ctx, const struct lsg_log *log,
		     const struct oops_result *res,
		     const struct file_result *r, const json_t *frames);

/**
 * file_report() - the report's FILE stage: sets "fault_lines" and
 * "summary" in @report from @r, the extraction file_extract() made of
 * @log (kept by the caller for later stages); then, when the context is
 * online, learns @log (see file_opts).  Errors: &lsg_enomem only (the
 * members stay an empty list and null); a failed learning or save costs
 * only that log's templates.
 */
struct lsg_error *file_report(struct file_ctx *ctx, const struct lsg_log *log,
			      const struct oops_result *res,
			      const struct file_result *r, json_t *report);

/**
 * file_print() - the summary and the fault lines of @report for a
 * terminal, in log order with the gaps between them marked, each run of
 * lines under the reason it was kept; @hl and @off start and end the
 * highlight of the lines ("" when not on a tty).
 */
void file_print(const json_t *report, FILE *f, const char *hl,
		const char *dim, const char *off);

#endif
