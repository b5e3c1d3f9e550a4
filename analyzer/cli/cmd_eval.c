/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void eval_usage(FILE *f)
{
	fputs("usage: logsage eval (--corpus DIR | --train DIR --test DIR) [--json]\n"
	      "                    [--seed N] [--no-ablations] [--no-curve]\n"
	      "\n"
	      "Scores root-cause methods (Table VI of the LogSage paper): with\n"
	      "--corpus, trained on its train split and tested on its test split;\n"
	      "with --train and --test, trained on all of one corpus and tested on\n"
	      "all of the other.\n", f);
}

static const struct option eval_options[] = {
	{ "corpus", required_argument, NULL, 'c' },
	{ "train", required_argument, NULL, 'r' },
	{ "test", required_argument, NULL, 't' },
	{ "json", no_argument, NULL, 'j' },
	{ "seed", required_argument, NULL, 's' },
	{ "no-ablations", no_argument, NULL, 'A' },
	{ "no-curve", no_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_eval(int argc, char **argv)
{
	struct cli_eval_rca_opts o = { .seed = 1, .curve = 1,
				       .ablations = 1 };
	unsigned long long seed;
	int c;

	while ((c = getopt_long(argc, argv, "h", eval_options, NULL)) != -1) {
		switch (c) {
		case 'c':
			o.train_dir = o.test_dir = optarg;
			break;
		case 'r':
			o.train_dir = optarg;
			break;
		case 't':
			o.test_dir = optarg;
			break;
		case 'j':
			o.json = 1;
			break;
		case 's':
			if (cli_parse_size(optarg, 0, ~0ull, &seed)) {
				eval_usage(stderr);
				return 2;
			}
			o.seed = seed;
			break;
		case 'A':
			o.ablations = 0;
			break;
		case 'C':
			o.curve = 0;
			break;
		case 'h':
			eval_usage(stdout);
			return 0;
		default:
			eval_usage(stderr);
			return 2;
		}
	}
	if (!o.train_dir || !o.test_dir) {
		eval_usage(stderr);
		return 2;
	}
	return cli_eval_rca(&o);
}
