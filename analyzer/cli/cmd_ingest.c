/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "fileio.h"
#include "store/store.h"

#include "cli.h"

static void ingest_usage(FILE *f)
{
	fputs("usage: logsage ingest FILE... [--db PATH]\n"
	      "\n"
	      "Stores bundles (zstd or JSON) offline, as if they were uploaded;\n"
	      "their lines join FILE's background templates in the store.\n",
	      f);
}

static struct lsg_error *ingest_one(struct store *s, struct report_ctx *rc,
				    const char *path)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	json_t *report;
	size_t len;
	char *buf;
	int dup;

	err = fileio_read_file(path, INGEST_MAX_JSON, &buf, &len);
	if (err)
		return err;
	err = ingest_decode(buf, len, NULL, &why, &b);
	if (err) {
		free(buf);
		return lsg_error_wrap(err, "%s: rejected (%s)", path,
				      ingest_reason_name(why));
	}
	report = cli_analyze(rc, &b, &err);
	if (report) {
		err = store_put(s, &b, buf, len, report, &dup);
		json_decref(report);
	}
	if (!err)
		printf("%s: %s %s\n", path, b.id, dup ? "duplicate" : "stored");
	ingest_bundle_deinit(&b);
	free(buf);
	return err ? lsg_error_wrap(err, "%s", path) : NULL;
}

int cmd_ingest(int argc, char **argv)
{
	struct analysis_opts a = { .ndirs = 0 };
	const char *db = DB_DEFAULT;
	struct report_ctx *rc;
	struct lsg_error *err;
	struct store *s;
	int ret = 0;

	if (cli_db_args(argc, argv, &db, ingest_usage))
		return 2;
	if (optind == argc) {
		ingest_usage(stderr);
		return 2;
	}
	err = store_open(db, &s);
	if (err)
		return cli_fail(err);
	err = cli_file_ctx(s, CLI_FILE_ONLINE, &a.file);
	if (!err)
		err = cli_analysis_ctx(&a, &rc);
	if (err) {
		file_ctx_destroy(a.file);
		store_close(s);
		return cli_fail(err);
	}
	for (int i = optind; i < argc; i++) {
		err = ingest_one(s, rc, argv[i]);
		if (err)
			ret = cli_fail(err);
	}
	err = file_state_save(a.file, s);
	if (err)
		ret = cli_fail(err);
	report_ctx_destroy(rc);
	file_ctx_destroy(a.file);
	store_close(s);
	return ret;
}
