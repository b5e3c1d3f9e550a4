/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "deadline.h"
#include "fileio.h"
#include "http.h"
#include "upload.h"

enum { MAX_SPOOLED = 4096, MAX_TOKEN = 512 };

struct sender {
	const struct config *c;
	char token[MAX_TOKEN];
	long retry_after;	/* seconds the last answer asked us to wait */
	struct deadline dl;
	const char *acked;	/* name of the in-memory bundle, once acked */
};

static struct lsg_error *read_token(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return lsg_error_os(errno, "token file %s", path);
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!buf[0])
		return lsg_error_create(LSG_ERR_INVALID,
					"token file %s is empty", path);
	return NULL;
}

static struct lsg_error *sender_init(struct sender *s, const struct config *c)
{
	struct http_url u;
	struct lsg_error *err;

	memset(s, 0, sizeof(*s));
	s->c = c;
	/* From the capture's start when it exec'd us: one deadline for both. */
	deadline_init(&s->dl, c->deadline, 1);
	if (!c->url[0])
		return lsg_error_create(LSG_ERR_INVALID, "no url configured");
	/* A URL that can never work fails before any bundle is tried. */
	err = http_parse_url(c->url, &u);
	if (err)
		return err;
	return read_token(c->token_file, s->token, sizeof(s->token));
}

/* One POST; returns the HTTP status, or 0 when no response came. */
static long post_once(struct sender *s, const char *body, size_t len)
{
	struct http_post p = {
		.url = s->c->url, .token = s->token,
		.content_type = "application/zstd", .ca_file = s->c->ca_file,
		.body = body, .len = len,
		/* Each attempt gets what is left of the deadline at most. */
		.connect_ms = deadline_cap_ms(&s->dl,
					      s->c->connect_timeout * 1000LL),
		.timeout_ms = deadline_cap_ms(&s->dl, s->c->timeout * 1000LL),
	};
	struct http_response r;
	struct lsg_error *err = http_post(&p, &r);

	s->retry_after = r.retry_after;
	if (!err)
		return r.status;
	fprintf(stderr, "logsage-upload: %s: %s\n", s->c->url, err->message);
	lsg_error_destroy(err);
	return 0;
}

static int retryable(long status)
{
	return status == 0 || status == 408 || status == 429 || status >= 500;
}

/* The wait the server asked for with Retry-After (429, 503), in ms; 0: none. */
static long retry_after_ms(const struct sender *s)
{
	return s->retry_after * 1000;
}

/*
 * POST with retries and backoff 1 s, 2 s, 4 s ... within the deadline; a
 * server's Retry-After takes the place of the backoff step, and one that
 * would end past the deadline ends the tries (the bundle stays spooled).
 */
static long post_retry(struct sender *s, const char *body, size_t len)
{
	long status = 0, wait_ms = 1000;

	for (long attempt = 0; attempt <= s->c->retries; attempt++) {
		long wait;

		if (deadline_left_ms(&s->dl) <= 0)
			break;
		status = post_once(s, body, len);
		if (!retryable(status) || attempt == s->c->retries)
			break;
		/* The server's Retry-After, else our own backoff. */
		wait = retry_after_ms(s);
		if (!wait)
			wait = wait_ms;
		if (deadline_left_ms(&s->dl) <= wait)
			break;
		usleep((useconds_t)wait * 1000);
		wait_ms *= 2;
	}
	return status;
}

/* What became of one bundle; @path is NULL for the in-memory one. */
static void settle(struct sender *s, const char *path, const char *name,
		   long status, struct upload_stats *st)
{
	char rejected[4096];

	st->last_status = status;
	if (status >= 200 && status < 300) {
		if (!st->sent && !st->duplicate)
			st->first_ack_ms = (long)deadline_elapsed_ms(&s->dl);
		if (status == 200)
			st->duplicate++;
		else
			st->sent++;
		if (path && unlink(path))
			fprintf(stderr, "logsage-upload: remove %s: %s\n",
				path, strerror(errno));
		return;
	}
	if (path && (status == 400 || status == 413) &&
	    (size_t)snprintf(rejected, sizeof(rejected), "%.4000s.rejected",
			     path) < sizeof(rejected)) {
		if (!rename(path, rejected)) {
			st->rejected++;
			fprintf(stderr,
				"logsage-upload: %s rejected (HTTP %ld), kept as %s\n",
				path, status, rejected);
			return;
		}
	}
	st->kept++;
	fprintf(stderr, "logsage-upload: %s not delivered (HTTP %ld)%s\n",
		path ? path : name, status, path ? ", kept" : "");
}

static int is_bundle(const char *name)
{
	size_t n = strlen(name), s = strlen(UPLOAD_SUFFIX);

	return name[0] != '.' && n > s && !strcmp(name + n - s, UPLOAD_SUFFIX);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int bundle_filter(const struct dirent *d)
{
	return is_bundle(d->d_name);
}

static void send_file(struct sender *s, const char *path, const char *name,
		      struct upload_stats *st)
{
	struct lsg_error *err;
	size_t len;
	char *body;

	/* A copy of the bundle just acknowledged from memory: done. */
	if (s->acked && !strcmp(name, s->acked)) {
		if (unlink(path))
			fprintf(stderr, "logsage-upload: remove %s: %s\n",
				path, strerror(errno));
		return;
	}
	if (deadline_left_ms(&s->dl) <= 0) {
		st->kept++;
		return;
	}
	err = fileio_read_file(path, UPLOAD_MAX_BUNDLE, &body, &len);
	if (err) {
		lsg_error_print(err, "logsage-upload", stderr);
		lsg_error_destroy(err);
		st->kept++;
		return;
	}
	settle(s, path, name, post_retry(s, body, len), st);
	free(body);
}

/* Every bundle in @dir, oldest name first; a missing @dir is empty. */
static void send_dir(struct sender *s, const char *dir, int must_exist,
		     struct upload_stats *st)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, bundle_filter, by_name);

	if (n < 0 && (must_exist || errno != ENOENT))
		fprintf(stderr, "logsage-upload: spool %s: %s\n", dir,
			strerror(errno));
	for (int i = 0; i < n; i++) {
		char path[4096];

		if (i < MAX_SPOOLED &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     names[i]->d_name) < sizeof(path))
			send_file(s, path, names[i]->d_name, st);
		else
			st->kept++;
		free(names[i]);
	}
	free(names);
}

struct lsg_error *upload_spool(const struct config *c,
			       const struct upload_memory *mem,
			       struct upload_stats *ret)
{
	struct lsg_error *err;
	char fallback[CONFIG_MAX_VALUE];
	struct sender s;
	long status;

	memset(ret, 0, sizeof(*ret));
	err = sender_init(&s, c);
	if (err)
		return err;
	if (mem) {
		status = post_retry(&s, mem->body, mem->len);
		settle(&s, NULL, mem->name, status, ret);
		if (status >= 200 && status < 300)
			s.acked = mem->name;
	}
	send_dir(&s, c->spool_dir, 1, ret);
	config_fallback_dir(c, NULL, fallback, sizeof(fallback));
	if (strcmp(fallback, c->spool_dir))
		send_dir(&s, fallback, 0, ret);
	return NULL;
}
