/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the commands of `logsage` share: the store's default path, the
 * options that configure analysis, and error printing.  Each command is
 * cmd_NAME(argc, argv) with argv[0] its name; it returns the exit status.
 */
#ifndef LSG_CLI_H
#define LSG_CLI_H

#include <stdio.h>

#include <jansson.h>

#include "error.h"
#include "ingest/ingest.h"
#include "garca/modelslot.h"
#include "file/file.h"
#include "report/report.h"
#include "store/store.h"

#define DB_DEFAULT "logsage.db"

/*
 * Debug info for the symbolizer: every --debug-dir, else the distribution
 * location when it exists.
 */
#define MAX_DEBUG_DIRS 8

struct analysis_opts {
	const char *debug_dirs[MAX_DEBUG_DIRS + 1];
	int ndirs;
	const char *debuginfod;
	struct modelslot *model;	/* root-cause model; NULL: none */
	const char *maintainers;	/* --maintainers FILE */
	struct file_ctx *file;	/* FILE's templates (borrowed), or NULL */
};

/** cli_add_debug_dir() - one more --debug-dir; -1 (said) past the limit. */
int cli_add_debug_dir(struct analysis_opts *a, const char *dir);

/** cli_analysis_ctx() - the report context for @a. */
struct lsg_error *cli_analysis_ctx(struct analysis_opts *a,
				   struct report_ctx **ret);

/**
 * cli_analyze() - the analysis the server and `ingest` run on a bundle;
 * @arg is the report context.  Returns a new reference or NULL (*@err).
 */
json_t *cli_analyze(void *arg, const struct ingest_bundle *b,
		    struct lsg_error **err);

/**
 * cli_model_load() - a model slot holding the store's root-cause model
 * (empty when none was trained).  *@ret is NULL on error.
 */
struct lsg_error *cli_model_load(struct store *s, struct modelslot **ret);

/* How a FILE context learns (cli_file_ctx()). */
enum cli_file_mode {
	CLI_FILE_FIXED,		/* not at all */
	CLI_FILE_ONLINE,	/* each analyzed log, saved every few */
	CLI_FILE_ONLINE_UNSAVED,	/* each analyzed log; the caller saves */
};

/**
 * cli_file_ctx() - FILE's context: the templates stored in @s (NULL: none,
 * an empty background), learning as @mode says.  The LLM rewrite of
 * summaries is configured by the environment: LOGSAGE_LLM_URL (an
 * OpenAI-compatible chat completions URL), LOGSAGE_LLM_MODEL.
 */
struct lsg_error *cli_file_ctx(struct store *s, enum cli_file_mode mode,
			       struct file_ctx **ret);

/** cli_learn() - server_learn_fn: mine @log into the file context @arg. */
struct lsg_error *cli_learn(void *arg, const struct lsg_log *log);

/** cli_fail() - print and free @err; returns exit status 1. */
int cli_fail(struct lsg_error *err);

/** cli_parse_size() - a decimal in [@lo, @hi]; -1 if it is not. */
int cli_parse_size(const char *s, unsigned long long lo,
		   unsigned long long hi, unsigned long long *ret);

/**
 * cli_db_args() - parse a command whose only option is --db; the rest of
 * argv stays positional (from optind).  -1 after printing @usage.
 */
int cli_db_args(int argc, char **argv, const char **db,
		void (*usage)(FILE *f));

int cmd_serve(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_label(int argc, char **argv);
int cmd_learn(int argc, char **argv);

#endif
