/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

/* The analysis the server and `ingest` run on every bundle. */
json_t *cli_analyze(void *arg, const struct ingest_bundle *b,
		       struct lsg_error **err)
{
	json_t *r = NULL;

	*err = report_build(arg, &b->log, b->kernel, b->host, &r);
	return r;
}

int cli_add_debug_dir(struct analysis_opts *a, const char *dir)
{
	if (a->ndirs == MAX_DEBUG_DIRS) {
		fprintf(stderr, "logsage: at most %d --debug-dir\n",
			MAX_DEBUG_DIRS);
		return -1;
	}
	a->debug_dirs[a->ndirs++] = dir;
	return 0;
}

struct lsg_error *cli_analysis_ctx(struct analysis_opts *a,
				      struct report_ctx **ret)
{
	struct report_opts ro = { .debuginfod_urls = a->debuginfod,
				  .model = a->model,
				  .file = a->file,
				  .maintainers = a->maintainers };

	if (!a->ndirs && !access("/usr/lib/debug", R_OK))
		a->debug_dirs[a->ndirs++] = "/usr/lib/debug";
	if (a->ndirs || a->debuginfod)
		ro.debug_dirs = a->debug_dirs;
	return report_ctx_create(&ro, ret);
}

struct lsg_error *cli_model_load(struct store *s, struct modelslot **ret)
{
	struct modelslot *slot;
	struct lsg_error *err = modelslot_create(&slot);

	if (!err)
		err = modelslot_refresh(slot, s, NULL);
	if (err) {
		modelslot_destroy(slot);
		return err;
	}
	*ret = slot;
	return NULL;
}

struct lsg_error *cli_file_ctx(struct store *s, enum cli_file_mode mode,
			       struct file_ctx **ret)
{
	struct file_opts o = {
		.llm_url = getenv("LOGSAGE_LLM_URL"),
		.llm_model = getenv("LOGSAGE_LLM_MODEL"),
		.online = mode != CLI_FILE_FIXED,
		.store = mode == CLI_FILE_ONLINE ? s : NULL,
	};
	struct lsg_error *err = file_ctx_create(&o, ret);

	if (!err && s && (err = file_state_load(*ret, s)) != NULL) {
		file_ctx_destroy(*ret);
		*ret = NULL;
	}
	return err;
}

struct lsg_error *cli_learn(void *arg, const struct lsg_log *log)
{
	return file_learn(arg, log);
}

int cli_fail(struct lsg_error *err)
{
	lsg_error_print(err, "logsage", stderr);
	lsg_error_destroy(err);
	return 1;
}

int cli_parse_size(const char *s, unsigned long long lo,
		      unsigned long long hi, unsigned long long *ret)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi || *s == '-')
		return -1;
	*ret = v;
	return 0;
}

static const struct option db_options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Only --db: the rest of argv is positional. */
int cli_db_args(int argc, char **argv, const char **db,
		   void (*usage)(FILE *f))
{
	int c;

	while ((c = getopt_long(argc, argv, "h", db_options, NULL)) != -1) {
		if (c == 'd') {
			*db = optarg;
		} else if (c == 'h') {
			usage(stdout);
			exit(0);
		} else {
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

