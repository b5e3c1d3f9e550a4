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
/* Problems kept for the bundle under --hook; more are only counted. */
#define CONFIG_MAX_ERRORS 16
#define CONFIG_ERROR_LEN 512
/* Where kdump-tools and kdump-utils save vmcores by default. */
#define CONFIG_DUMP_DIR "/var/crash"

struct config {
	char url[CONFIG_MAX_VALUE];		/* POST target; empty: no upload */
	char token_file[CONFIG_MAX_VALUE];	/* bearer token, one line */
	char ca_file[CONFIG_MAX_VALUE];		/* CA bundle for TLS */
	char spool_dir[CONFIG_MAX_VALUE];	/* bundles not yet acknowledged */
	char fallback_dir[CONFIG_MAX_VALUE];	/* when spool_dir fails */
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

	/*
	 * Lenient (--hook): a bad line, key, value or file is recorded here,
	 * "file:line: message", and the key keeps its previous value.
	 */
	int lenient;
	char errors[CONFIG_MAX_ERRORS][CONFIG_ERROR_LEN];
	int nerrors;
	unsigned more_errors;
};

/** config_defaults() - the built-in values, documented in the README. */
void config_defaults(struct config *c);

/**
 * config_load() - read @path into @c.  A missing file is not an error when
 * @optional; a bad line is, naming the file, line and key.  When
 * c->lenient, errors are recorded in @c instead and the rest is read.
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
 * @lenient: never fail; every problem is recorded in c->errors instead.
 */
struct lsg_error *config_from_args(struct config *c, int *argc, char **argv,
				   int lenient);

/**
 * config_note() - record @err (consumed) in c->errors, prefixed by @where
 * when not NULL.
 */
void config_note(struct config *c, const char *where, struct lsg_error *err);

/**
 * config_fallback_dir() - where a bundle goes when spool_dir cannot take
 * it: fallback_dir if set, else the dump target's directory: @vmcore's
 * directory for a saved dump, CONFIG_DUMP_DIR for /proc/vmcore or when
 * @vmcore is NULL.  Written to @buf.
 */
const char *config_fallback_dir(const struct config *c, const char *vmcore,
				char *buf, size_t size);

#endif
