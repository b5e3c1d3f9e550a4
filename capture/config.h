/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The agent's configuration: /etc/logsage/agent.conf, "key = value" lines,
 * '#' comments.  Every key is also a command-line flag (--key value), which
 * wins over the file.  Keys are one const table; see config.c.
 */
#ifndef LSG_CONFIG_H
#define LSG_CONFIG_H

#include "error.h"

#define CONFIG_DEFAULT_PATH "/etc/logsage/agent.conf"
#define CONFIG_MAX_VALUE 1024

struct config {
	char url[CONFIG_MAX_VALUE];		/* POST target; empty: no upload */
	char token_file[CONFIG_MAX_VALUE];	/* bearer token, one line */
	char ca_file[CONFIG_MAX_VALUE];		/* CA bundle for TLS */
	char spool_dir[CONFIG_MAX_VALUE];	/* bundles not yet acknowledged */
	char tag[CONFIG_MAX_VALUE];		/* fleet host tag */
	char machine_id[CONFIG_MAX_VALUE];
	char record[CONFIG_MAX_VALUE];		/* logsage.ko record address */
	char reader[CONFIG_MAX_VALUE];		/* auto, fast or libkdumpfile */
	long connect_timeout;			/* seconds */
	long timeout;				/* seconds, whole request */
	long retries;				/* attempts after the first */
	long deadline;				/* seconds, whole run */
	long budget_mib;			/* working memory */

	char *path;				/* --config FILE, if given */
	/* Flags taken from argv, to hand on to logsage-upload. */
	char *flags[2 * 16];
	int nflags;
};

/** config_defaults() - the built-in values, documented in the README. */
void config_defaults(struct config *c);

/**
 * config_load() - read @path into @c.  A missing file is not an error when
 * @optional; a bad line is, naming the file, line and key.
 */
struct lsg_error *config_load(struct config *c, const char *path,
			      int optional);

/**
 * config_set() - set @key (as in the file, '-' and '_' alike) to @value.
 * LSG_ERR_INVALID for an unknown key or a bad value.
 */
struct lsg_error *config_set(struct config *c, const char *key,
			     const char *value);

/** config_is_key() - whether @key names a configuration key. */
int config_is_key(const char *key);

/**
 * config_from_args() - defaults, then the file (--config FILE, or the
 * default path if it exists), then every "--KEY VALUE" or "--KEY=VALUE"
 * flag naming a key.  Consumed arguments are removed from @argv (which
 * stays NULL-terminated) and *@argc is updated; the rest are the program's.
 */
struct lsg_error *config_from_args(struct config *c, int *argc, char **argv);

#endif
