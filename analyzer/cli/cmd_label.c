/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "garca/dataset.h"
#include "garca/queue.h"

#include "cli.h"

static void label_usage(FILE *f)
{
	fprintf(f,
		"usage: logsage label ID CLASS [--db PATH]\n"
		"       logsage label --queue [--limit N] [--db PATH]\n"
		"\n"
		"Records an operator's root-cause label for a stored crash (CLASS is\n"
		"one of DESIGN 6.5's, or unknown), or lists the crashes worth\n"
		"labeling next; `logsage train` learns from the labels.\n");
}

static const struct option label_options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "queue", no_argument, NULL, 'q' },
	{ "limit", required_argument, NULL, 'l' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int print_queue(struct store *s, unsigned limit)
{
	struct modelslot *slot = NULL;
	struct oops_ctx *oops = NULL;
	struct file_ctx *fctx = NULL;
	struct lsg_error *err;
	json_t *q = NULL, *it;
	size_t i;

	err = cli_model_load(s, &slot);
	if (!err)
		err = oops_ctx_create(&oops);
	if (!err)
		err = cli_file_ctx(s, CLI_FILE_FIXED, &fctx);
	if (!err)
		err = queue_build(slot, s, oops, fctx, limit, &q);
	file_ctx_destroy(fctx);
	oops_ctx_destroy(oops);
	modelslot_destroy(slot);
	if (err)
		return cli_fail(err);
	json_array_foreach(json_object_get(q, "items"), i, it)
		printf("%s  %-18s %.3f\n",
		       json_string_value(json_object_get(it, "id")),
		       json_string_value(json_object_get(it, "predicted")),
		       json_number_value(json_object_get(it, "confidence")));
	json_decref(q);
	return 0;
}

static int set_label(struct store *s, const char *id, const char *cls)
{
	struct lsg_error *err;
	int found;

	if (dataset_class(cls) < 0 && strcmp(cls, "unknown")) {
		fprintf(stderr, "logsage: \"%s\" is not a root-cause class\n",
			cls);
		return 2;
	}
	err = store_label(s, id, cls, &found);
	if (err)
		return cli_fail(err);
	if (!found) {
		fprintf(stderr, "logsage: no crash %s\n", id);
		return 1;
	}
	return 0;
}

int cmd_label(int argc, char **argv)
{
	unsigned long long limit = QUEUE_DEFAULT;
	const char *db = DB_DEFAULT;
	struct store *s = NULL;
	struct lsg_error *err;
	int queue = 0, c, ret;

	while ((c = getopt_long(argc, argv, "h", label_options, NULL)) != -1) {
		if (c == 'd') {
			db = optarg;
		} else if (c == 'q') {
			queue = 1;
		} else if (c == 'l' && !cli_parse_size(optarg, 1, 200, &limit)) {
			continue;
		} else if (c == 'h') {
			label_usage(stdout);
			return 0;
		} else {
			label_usage(stderr);
			return 2;
		}
	}
	if (queue ? optind != argc : optind + 2 != argc) {
		label_usage(stderr);
		return 2;
	}
	err = store_open(db, &s);
	if (err)
		return cli_fail(err);
	ret = queue ? print_queue(s, (unsigned)limit) :
		      set_label(s, argv[optind], argv[optind + 1]);
	store_close(s);
	return ret;
}
