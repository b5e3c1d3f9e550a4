/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "server/auth.h"
#include "store/store.h"

#include "cli.h"

static void token_usage(FILE *f)
{
	fputs("usage: logsage token add NAME [--db PATH]\n"
	      "\n"
	      "Makes a token for the agent NAME and prints it once; only its\n"
	      "SHA-256 is stored.  Agents send it as Authorization: Bearer.\n",
	      f);
}

int cmd_token(int argc, char **argv)
{
	char tok[AUTH_TOKEN_LEN + 1];
	const char *db = DB_DEFAULT;
	struct lsg_error *err;
	struct store *s;

	if (cli_db_args(argc, argv, &db, token_usage))
		return 2;
	if (argc - optind != 2 || strcmp(argv[optind], "add")) {
		token_usage(stderr);
		return 2;
	}
	err = store_open(db, &s);
	if (err)
		return cli_fail(err);
	err = auth_add(s, argv[optind + 1], tok);
	store_close(s);
	if (err)
		return cli_fail(err);
	printf("%s\n", tok);
	fprintf(stderr, "logsage: token for \"%s\" stored; it is not shown again\n",
		argv[optind + 1]);
	return 0;
}
