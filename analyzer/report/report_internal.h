/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the report's files share: the analyzer context, one case being
 * analyzed, and the stages that fill its report in turn (report.c runs
 * them, timed; report_events.c has the events' JSON and symbolization).
 */
#ifndef LSG_REPORT_INTERNAL_H
#define LSG_REPORT_INTERNAL_H

#include <pthread.h>
#include <string.h>

#include "maintainers.h"
#include "parse/oops.h"
#include "report.h"
#include "symbolize/symbolize.h"

/* Frames of the fatal event sent to the symbolizer, and in a signature. */
enum { REPORT_SYM_FRAMES = 128, REPORT_SIG_FRAMES = 3 };

enum { REPORT_MAINT_RELEASES = 16 };

/* MAINTAINERS files: the one given, or one per kernel release. */
struct report_maint {
	struct maint_db *given;
	const char *const *dirs;	/* where per-release files are */
	pthread_mutex_t lock;		/* the cache */
	struct {
		char *release;
		struct maint_db *db;	/* NULL: there is no file */
	} cache[REPORT_MAINT_RELEASES];
	size_t n;
};

/*
 * The analyzer context: built once, shared by every server worker.  What
 * a stage keeps here must be safe to read from many threads at once: the
 * parser's tables are read-only, the symbolizer locks its own cache, and
 * a stage whose state changes while serving (templates, a model) guards
 * it itself.
 */
struct report_ctx {
	struct oops_ctx *oops;
	struct symbolize *sym;	/* NULL: no debug info configured */
	struct report_maint maint;
	struct modelslot *model;	/* NULL: no root-cause model */
	struct file_ctx *file;	/* FILE's templates; locks itself */
	struct file_ctx *own_file;	/* created here when opts had none */
};

/* Symbolization of the main event: which result belongs to which frame. */
struct report_symbolized {
	const struct oops_frame *frames[REPORT_SYM_FRAMES];
	size_t n;
	struct symbolize_trace *trace;
	const char *status;	/* why frames are not symbolized, or NULL */
};


/* One analysis in progress; each stage reads what earlier ones left. */
struct report_case {
	const struct lsg_log *log;
	json_t *kernel, *host;		/* the bundle's, borrowed; or NULL */
	json_t *text_kernel;		/* owned: @kernel read from a text log */
	struct oops_result *res;	/* parse */
	const struct oops_event *ev;	/* parse: the event reported */
	struct report_symbolized sym;	/* symbolize */
	struct file_result *fault;	/* file: its extraction, for GARCA */
	json_t *report;			/* the object being filled */
};

/**
 * struct report_stage - one step of the analysis.  run() adds its members
 * to c->report; its time goes into timings_ms under @name.
 */
struct report_stage {
	const char *name;
	struct lsg_error *(*run)(struct report_ctx *ctx, struct report_case *c);
};

/** report_str_or_null() - @s as a string, null for NULL; NULL if not UTF-8. */
json_t *report_str_or_null(const char *s);

/**
 * report_set() - json_object_set_new() of a member whose name is a literal
 * (so ASCII, and its strlen() folds away): no UTF-8 check of the key.
 */
static inline int report_set(json_t *obj, const char *key, json_t *v)
{
	return json_object_setn_new_nocheck(obj, key, strlen(key), v);
}

/** report_main_event() - the fatal event, else syzkaller's, else NULL. */
const struct oops_event *report_main_event(const struct oops_result *res);

/** report_signature_of() - the signature of @ev's title and frames. */
void report_signature_of(const struct oops_result *res,
			 const struct oops_event *ev, char sig[33]);

/** report_symbolize_event() - symbolize @ev's frames into @out. */
void report_symbolize_event(struct report_ctx *ctx, const char *release,
			    const char *build_id, const struct oops_event *ev,
			    struct report_symbolized *out);

/** report_events_json() - every event, @main_ev's with @s's frames. */
json_t *report_events_json(const struct oops_result *res,
			   const struct oops_event *main_ev,
			   const struct report_symbolized *s);

/**
 * report_guilty_from_frames() - the guilty file by the symbolized frames
 * of @ev (borrowed from @s), for a log that printed no file:line; NULL
 * when none can be told.
 */
const char *report_guilty_from_frames(const struct report_ctx *ctx,
				      const struct oops_event *ev,
				      const struct report_symbolized *s);

/** report_maint_init() - the file at @path, else look in @dirs later. */
struct lsg_error *report_maint_init(struct report_maint *m, const char *path,
				    const char *const *dirs);
void report_maint_deinit(struct report_maint *m);

/** report_maint_db() - the MAINTAINERS for @release, or NULL. */
const struct maint_db *report_maint_db(struct report_maint *m,
				       const char *release);

/** report_symbolized_json() - how much of the trace has source lines. */
json_t *report_symbolized_json(const struct report_symbolized *s);

#endif
