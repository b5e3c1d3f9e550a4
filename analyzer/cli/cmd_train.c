/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "garca/retrain.h"

#include "cli.h"

static void train_usage(FILE *f)
{
	fprintf(f,
		"usage: logsage train [--corpus DIR] [--db PATH] [--embed tfidf|skipgram]\n"
		"                     [--seed N] [--epochs N]\n"
		"\n"
		"Trains the root-cause model (GARCA) on a labeled corpus and on the\n"
		"crashes stored in the database, with operators' labels, and stores\n"
		"it there (default %s); a running `logsage serve` on the same\n"
		"database loads it without a restart.\n", DB_DEFAULT);
}

static const struct option train_options[] = {
	{ "corpus", required_argument, NULL, 'c' },
	{ "db", required_argument, NULL, 'd' },
	{ "embed", required_argument, NULL, 'e' },
	{ "seed", required_argument, NULL, 's' },
	{ "epochs", required_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int train_args(int argc, char **argv, struct retrain_opts *o,
		      const char **db)
{
	unsigned long long v;
	int c, k;

	while ((c = getopt_long(argc, argv, "h", train_options, NULL)) != -1) {
		switch (c) {
		case 'c': o->corpus = optarg; break;
		case 'd': *db = optarg; break;
		case 'e':
			k = embed_kind_parse(optarg);
			if (k < 0)
				goto bad;
			o->h.embed = (enum embed_kind)k;
			break;
		case 's':
			if (cli_parse_size(optarg, 0, ~0ull, &v))
				goto bad;
			o->h.seed = v;
			break;
		case 'p':
			if (cli_parse_size(optarg, 1, 10000, &v))
				goto bad;
			o->h.epochs = (unsigned)v;
			break;
		case 'h':
			train_usage(stdout);
			exit(0);
		default:
			goto bad;
		}
	}
	if (optind == argc)
		return 0;
bad:
	train_usage(stderr);
	return -1;
}

int cmd_train(int argc, char **argv)
{
	struct retrain_opts o = { 0 };
	struct retrain_result r;
	const char *db = DB_DEFAULT;
	struct store *s = NULL;
	struct lsg_error *err;

	garca_hparams_default(&o.h);
	if (train_args(argc, argv, &o, &db))
		return 2;
	err = store_open(db, &s);
	if (!err)
		err = retrain_run(&o, s, &r);
	store_close(s);
	if (err)
		return cli_fail(err);
	printf("model version %lld: %zu corpus crashes, %zu stored (%zu labeled), %.1f s\n",
	       (long long)r.version, r.corpus_cases, r.stored,
	       r.stored_labeled, r.seconds);
	return 0;
}
