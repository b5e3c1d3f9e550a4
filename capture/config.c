/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

enum config_type { CONFIG_STRING, CONFIG_SECONDS, CONFIG_COUNT };

struct config_key {
	const char *name;
	enum config_type type;
	size_t off;
	long min, max;
};

#define STR(n) { #n, CONFIG_STRING, offsetof(struct config, n), 0, 0 }
#define NUM(n, t, lo, hi) { #n, t, offsetof(struct config, n), lo, hi }

static const struct config_key keys[] = {
	STR(url),
	STR(token_file),
	STR(ca_file),
	STR(spool_dir),
	STR(fallback_dir),
	STR(tag),
	STR(machine_id),
	STR(record),
	STR(reader),
	NUM(connect_timeout, CONFIG_SECONDS, 1, 600),
	NUM(timeout, CONFIG_SECONDS, 1, 3600),
	NUM(retries, CONFIG_COUNT, 0, 100),
	NUM(deadline, CONFIG_SECONDS, 1, 86400),
	NUM(budget_mib, CONFIG_COUNT, 4, 4096),
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->spool_dir, sizeof(c->spool_dir), "/var/spool/logsage");
	snprintf(c->reader, sizeof(c->reader), "auto");
	c->connect_timeout = 5;
	c->timeout = 20;
	c->retries = 3;
	c->deadline = 60;
	c->budget_mib = 64;
}

static const struct config_key *find_key(const char *key)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *a = keys[i].name, *b = key;

		while (*a && (*a == *b || (*a == '_' && *b == '-'))) {
			a++;
			b++;
		}
		if (!*a && !*b)
			return &keys[i];
	}
	return NULL;
}

int config_is_key(const char *key)
{
	return find_key(key) != NULL;
}

struct lsg_error *config_set(struct config *c, const char *key,
			     const char *value)
{
	const struct config_key *k = find_key(key);
	char *end;
	long v;

	if (!k)
		return lsg_error_create(LSG_ERR_INVALID, "unknown key '%s'",
					key);
	if (k->type == CONFIG_STRING) {
		if (strlen(value) >= CONFIG_MAX_VALUE)
			return lsg_error_create(LSG_ERR_INVALID,
				"value of '%s' is longer than %d bytes", key,
				CONFIG_MAX_VALUE - 1);
		snprintf((char *)c + k->off, CONFIG_MAX_VALUE, "%s", value);
		return NULL;
	}
	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < k->min || v > k->max)
		return lsg_error_create(LSG_ERR_INVALID,
			"'%s' must be a whole number from %ld to %ld, not '%s'",
			key, k->min, k->max, value);
	*(long *)((char *)c + k->off) = v;
	return NULL;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static struct lsg_error *config_line(struct config *c, char *line)
{
	char *eq, *key, *value;

	line = trim(line);
	if (!*line || *line == '#')
		return NULL;
	eq = strchr(line, '=');
	if (!eq)
		return lsg_error_create(LSG_ERR_INVALID,
					"expected 'key = value', got '%s'",
					line);
	*eq = '\0';
	key = trim(line);
	value = trim(eq + 1);
	return config_set(c, key, value);
}

void config_note(struct config *c, const char *where, struct lsg_error *err)
{
	char *e;

	if (c->nerrors == CONFIG_MAX_ERRORS) {
		c->more_errors++;
	} else {
		e = c->errors[c->nerrors++];
		/* Cut, and says so: the file, line and key come first. */
		if (snprintf(e, CONFIG_ERROR_LEN, "%s%s%s", where ? where : "",
			     where ? ": " : "", err->message) >=
		    CONFIG_ERROR_LEN)
			memcpy(e + CONFIG_ERROR_LEN - 4, "...", 4);
	}
	lsg_error_destroy(err);
}

/* One line as read: NUL bytes and overlong lines are refused here. */
static struct lsg_error *config_raw_line(struct config *c, char *line,
					 size_t len)
{
	if (memchr(line, '\0', len))
		return lsg_error_create(LSG_ERR_INVALID, "NUL byte in line");
	if (len > CONFIG_MAX_VALUE + 256)
		return lsg_error_create(LSG_ERR_INVALID, "line is too long");
	return config_line(c, line);
}

struct lsg_error *config_load(struct config *c, const char *path,
			      int optional)
{
	struct lsg_error *err = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned n = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		if (optional && errno == ENOENT)
			return NULL;
		return lsg_error_os(errno, "open %s", path);
	}
	while (!err && (len = getline(&line, &cap, f)) >= 0) {
		n++;
		err = config_raw_line(c, line, (size_t)len);
		if (err && c->lenient) {
			char where[CONFIG_MAX_VALUE + 16];

			snprintf(where, sizeof(where), "%s:%u", path, n);
			config_note(c, where, err);
			err = NULL;
		}
	}
	free(line);
	fclose(f);
	if (err)
		return lsg_error_wrap(err, "%s:%u", path, n);
	return NULL;
}

const char *config_fallback_dir(const struct config *c, const char *vmcore,
				char *buf, size_t size)
{
	const char *slash = vmcore ? strrchr(vmcore, '/') : NULL;

	if (c->fallback_dir[0])
		snprintf(buf, size, "%s", c->fallback_dir);
	else if (!vmcore || !strcmp(vmcore, "/proc/vmcore"))
		snprintf(buf, size, "%s", CONFIG_DUMP_DIR);
	else if (!slash)
		snprintf(buf, size, ".");
	else
		snprintf(buf, size, "%.*s", slash == vmcore ? 1 :
			 (int)(slash - vmcore), vmcore);
	return buf;
}

/* Remove @n arguments at @i from @argv, keeping it NULL-terminated. */
static void drop_args(int *argc, char **argv, int i, int n)
{
	memmove(argv + i, argv + i + n, sizeof(*argv) * (size_t)(*argc - i - n + 1));
	*argc -= n;
}

/*
 * If argv[i] is "--key value" or "--key=value" for a config key, apply it
 * and return how many arguments it used (0 if it is not one of ours).
 */
static int take_flag(struct config *c, int argc, char **argv, int i,
		     struct lsg_error **err)
{
	char key[64], *arg = argv[i] + 2, *eq = strchr(arg, '=');
	size_t klen = eq ? (size_t)(eq - arg) : strlen(arg);
	char *value;

	if (strncmp(argv[i], "--", 2) || klen >= sizeof(key))
		return 0;
	memcpy(key, arg, klen);
	key[klen] = '\0';
	if (!config_is_key(key))
		return 0;
	if (!eq && i + 1 >= argc) {
		*err = lsg_error_create(LSG_ERR_INVALID, "--%s needs a value",
					key);
		return 0;
	}
	value = eq ? eq + 1 : argv[i + 1];
	*err = config_set(c, key, value);
	if (*err)
		*err = lsg_error_wrap(*err, "--%s", key);
	else if (c->nflags + 2 <= (int)(sizeof(c->flags) / sizeof(*c->flags))) {
		c->flags[c->nflags++] = argv[i];
		c->flags[c->nflags++] = eq ? NULL : value;
	}
	return eq ? 1 : 2;
}

struct lsg_error *config_from_args(struct config *c, int *argc, char **argv,
				   int lenient)
{
	struct lsg_error *err = NULL;
	char *path = NULL;

	config_defaults(c);
	c->lenient = lenient;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--config") || i + 1 >= *argc)
			continue;
		path = argv[i + 1];
		drop_args(argc, argv, i, 2);
		break;
	}
	err = config_load(c, path ? path : CONFIG_DEFAULT_PATH, !path);
	if (err && !lenient)
		return err;
	if (err)
		config_note(c, NULL, err);
	else
		c->path = path;
	err = NULL;
	for (int i = 1; i < *argc;) {
		int used = take_flag(c, *argc, argv, i, &err);

		if (err && !lenient)
			return err;
		if (err) {
			config_note(c, NULL, err);
			err = NULL;
			used = used ? used : 1;
		}
		if (used)
			drop_args(argc, argv, i, used);
		else
			i++;
	}
	return NULL;
}
