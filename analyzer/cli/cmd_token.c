/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/auth.h"
#include "store/store.h"

#include "cli.h"

static void token_usage(FILE *f)
{
	fputs("usage: logsage token add NAME [--role ROLE] [--db PATH]\n"
	      "       logsage token list [--db PATH]\n"
	      "       logsage token revoke NAME [--db PATH]\n"
	      "\n"
	      "add makes a token and prints it once; only its SHA-256 is\n"
	      "stored.  Clients send it as Authorization: Bearer.  Roles:\n"
	      "  agent     may only upload bundles (the default)\n"
	      "  operator  may read crashes and label them, and sign in to\n"
	      "            the web UI\n"
	      "  admin     an operator who may also manage tokens\n"
	      "revoke forgets the token and ends its web sessions.\n",
	      f);
}

static const struct option token_options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "role", required_argument, NULL, 'r' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int token_args(int argc, char **argv, const char **db,
		      enum store_role *role)
{
	int c;

	while ((c = getopt_long(argc, argv, "h", token_options, NULL)) != -1) {
		switch (c) {
		case 'd':
			*db = optarg;
			break;
		case 'r':
			*role = store_role_parse(optarg);
			if (*role != STORE_ROLE_NONE)
				break;
			fprintf(stderr, "logsage: token: role \"%s\": use agent, operator or admin\n",
				optarg);
			return -1;
		case 'h':
			token_usage(stdout);
			exit(0);
		default:
			token_usage(stderr);
			return -1;
		}
	}
	return 0;
}

static struct lsg_error *token_add(struct store *s, const char *name,
				   enum store_role role)
{
	char tok[AUTH_TOKEN_LEN + 1];
	struct lsg_error *err;

	err = auth_add(s, name, role, tok);
	if (err)
		return err;
	printf("%s\n", tok);
	fprintf(stderr, "logsage: %s token for \"%s\" stored; it is not shown again\n",
		store_role_name(role), name);
	return NULL;
}

static struct lsg_error *token_list(struct store *s)
{
	struct lsg_error *err;
	json_t *list, *t;
	size_t i;

	err = store_token_list(s, &list);
	if (err)
		return err;
	printf("%-32s %-9s %s\n", "NAME", "ROLE", "CREATED (UTC)");
	json_array_foreach(list, i, t) {
		time_t at = (time_t)json_integer_value(
			json_object_get(t, "created_at"));
		struct tm tm;
		char when[32] = "?";

		if (gmtime_r(&at, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		printf("%-32s %-9s %s\n",
		       json_string_value(json_object_get(t, "name")),
		       json_string_value(json_object_get(t, "role")), when);
	}
	json_decref(list);
	return NULL;
}

static struct lsg_error *token_revoke(struct store *s, const char *name)
{
	struct lsg_error *err;
	int found;

	err = store_token_revoke(s, name, &found);
	if (err)
		return err;
	if (!found)
		return lsg_error_create(LSG_ERR_INVALID,
					"token \"%s\": no such token", name);
	fprintf(stderr, "logsage: token \"%s\" revoked\n", name);
	return NULL;
}

int cmd_token(int argc, char **argv)
{
	enum store_role role = STORE_ROLE_AGENT;
	const char *db = DB_DEFAULT, *verb;
	struct lsg_error *err;
	struct store *s;
	int n;

	if (token_args(argc, argv, &db, &role))
		return 2;
	n = argc - optind;
	verb = n ? argv[optind] : "";
	if (!((n == 2 && (!strcmp(verb, "add") || !strcmp(verb, "revoke"))) ||
	      (n == 1 && !strcmp(verb, "list")))) {
		token_usage(stderr);
		return 2;
	}
	err = store_open(db, &s);
	if (err)
		return cli_fail(err);
	if (!strcmp(verb, "add"))
		err = token_add(s, argv[optind + 1], role);
	else if (!strcmp(verb, "revoke"))
		err = token_revoke(s, argv[optind + 1]);
	else
		err = token_list(s);
	store_close(s);
	return err ? cli_fail(err) : 0;
}
