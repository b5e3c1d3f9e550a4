/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage: the analyzer's command line.  Each subcommand is one entry of
 * the commands[] table below and one file, cmd_NAME.c.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct command {
	const char *name;
	const char *args;	/* for the usage line */
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

static const struct command commands[] = {
	{ "serve", "[--listen ADDR:PORT] [--db PATH] [--threads N] "
		   "[--workers N] [--max-bundle BYTES]", cmd_serve },
	{ "ingest", "FILE... [--db PATH]", cmd_ingest },
	{ "token", "add NAME [--role agent|operator|admin] | list | revoke NAME"
		   " [--db PATH]", cmd_token },
	{ "analyze", "FILE|- [--json] [--debug-dir DIR]...", cmd_analyze },
	{ "eval", "--corpus DIR | --train DIR1 --test DIR2 [--json]", cmd_eval },
	{ "train", "[--corpus DIR] [--db PATH] [--embed KIND] [--seed N]", cmd_train },
	{ "label", "ID CLASS | --queue [--limit N] [--db PATH]", cmd_label },
	{ "learn", "FILE... [--db PATH]", cmd_learn },
};

static void usage(FILE *f)
{
	fputs("usage:\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  logsage %s %s\n", commands[i].name,
			commands[i].args);
	fputs("\nlogsage COMMAND --help for more.\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "logsage: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
