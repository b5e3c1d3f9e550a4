/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fileio.h"
#include "parse/textlog.h"

#include "cli.h"

static void learn_usage(FILE *f)
{
	fputs("usage: logsage learn FILE... [--db PATH]\n"
	      "\n"
	      "Mines normal (non-crash) kernel logs into FILE's background\n"
	      "templates in the store, so the fleet's usual messages are known as\n"
	      "such.  FILE is any text log the analyzer reads (dmesg, a serial\n"
	      "console, journalctl -k) or a bundle.\n", f);
}

/* A bundle's log, else (neither zstd nor JSON) the bytes as a text log. */
static struct lsg_error *read_log(const char *buf, size_t len,
				  struct lsg_log *ret)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err = ingest_decode(buf, len, NULL, &why, &b);

	if (!err) {
		*ret = b.log;
		memset(&b.log, 0, sizeof(b.log));
		ingest_bundle_deinit(&b);
		return NULL;
	}
	if (why != INGEST_NOT_BUNDLE && why != INGEST_EMPTY)
		return lsg_error_wrap(err, "bundle rejected (%s)",
				      ingest_reason_name(why));
	lsg_error_destroy(err);
	return textlog_parse(buf, len, ret, NULL);
}

static struct lsg_error *learn_one(struct file_ctx *ctx, const char *path,
				   size_t *lines, double *secs)
{
	struct lsg_error *err;
	struct lsg_log log;
	struct timespec t0, t1;
	size_t len;
	char *buf;

	err = fileio_read_file(path, TEXTLOG_MAX_INPUT, &buf, &len);
	if (!err)
		err = read_log(buf, len, &log);
	free(buf);
	if (err)
		return lsg_error_wrap(err, "%s", path);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = file_learn(ctx, &log);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*secs += (double)(t1.tv_sec - t0.tv_sec) +
		 (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	*lines += log.nrecs;
	lsg_log_deinit(&log);
	return err ? lsg_error_wrap(err, "%s", path) : NULL;
}

int cmd_learn(int argc, char **argv)
{
	const char *db = DB_DEFAULT;
	struct file_ctx *ctx = NULL;
	struct lsg_error *err;
	struct store *s;
	size_t lines = 0, templates;
	uint64_t docs;
	double secs = 0;
	int ret = 0;

	if (cli_db_args(argc, argv, &db, learn_usage))
		return 2;
	if (optind == argc) {
		learn_usage(stderr);
		return 2;
	}
	err = store_open(db, &s);
	if (!err && (err = cli_file_ctx(s, CLI_FILE_FIXED, &ctx)) != NULL)
		store_close(s);
	if (err)
		return cli_fail(err);
	for (int i = optind; i < argc; i++) {
		err = learn_one(ctx, argv[i], &lines, &secs);
		if (err)
			ret = cli_fail(err);
	}
	err = file_state_save(ctx, s);
	if (err)
		ret = cli_fail(err);
	file_stats(ctx, &templates, &docs);
	printf("learned %zu lines in %.3f s (%.0f lines/s); %zu templates "
	       "from %llu logs\n", lines, secs, secs > 0 ? (double)lines / secs :
	       0.0, templates, (unsigned long long)docs);
	file_ctx_destroy(ctx);
	store_close(s);
	return ret;
}
