/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fileio.h"
#include "upload.h"

enum { MAX_SPOOLED = 4096, MAX_TOKEN = 512 };

struct sender {
	const struct config *c;
	CURL *curl;
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	struct timespec start;
};

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	       (now.tv_nsec - start->tv_nsec) / 1000000;
}

/*
 * logsage-capture passes its own start (CLOCK_MONOTONIC, ns) so that the
 * acknowledgement time and the deadline count from the capture's start.
 */
static void start_from_env(struct timespec *start)
{
	const char *s = getenv(UPLOAD_START_ENV);
	unsigned long long ns;
	char *end;

	if (!s)
		return;
	ns = strtoull(s, &end, 10);
	if (*end || !ns)
		return;
	start->tv_sec = (time_t)(ns / 1000000000);
	start->tv_nsec = (long)(ns % 1000000000);
}

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

/* Discard the analyzer's reply: only the status matters here. */
static size_t discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static struct lsg_error *sender_init(struct sender *s, const struct config *c)
{
	char token[MAX_TOKEN], auth[MAX_TOKEN + 32];
	struct lsg_error *err;

	memset(s, 0, sizeof(*s));
	s->c = c;
	clock_gettime(CLOCK_MONOTONIC, &s->start);
	start_from_env(&s->start);
	if (!c->url[0])
		return lsg_error_create(LSG_ERR_INVALID, "no url configured");
	err = read_token(c->token_file, token, sizeof(token));
	if (err)
		return err;
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	s->curl = curl_easy_init();
	s->headers = curl_slist_append(NULL, auth);
	s->headers = curl_slist_append(s->headers,
				       "Content-Type: application/zstd");
	if (!s->curl || !s->headers)
		return &lsg_enomem;
	curl_easy_setopt(s->curl, CURLOPT_URL, c->url);
	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, s->headers);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, c->connect_timeout);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, c->timeout);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	if (c->ca_file[0])
		curl_easy_setopt(s->curl, CURLOPT_CAINFO, c->ca_file);
	return NULL;
}

static void sender_deinit(struct sender *s)
{
	curl_slist_free_all(s->headers);
	if (s->curl)
		curl_easy_cleanup(s->curl);
}

/* One POST; returns the HTTP status, or 0 when no response came. */
static long post_once(struct sender *s, const char *body, size_t len)
{
	long status = 0;
	CURLcode rc;

	s->errbuf[0] = '\0';
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDSIZE_LARGE,
			 (curl_off_t)len);
	rc = curl_easy_perform(s->curl);
	if (rc == CURLE_OK)
		curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
	else
		fprintf(stderr, "logsage-upload: %s: %s\n", s->c->url,
			s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc));
	return status;
}

static int retryable(long status)
{
	return status == 0 || status == 408 || status == 429 || status >= 500;
}

/* The wait the server asked for with Retry-After (429, 503), in ms; 0: none. */
static long retry_after_ms(struct sender *s)
{
	curl_off_t secs = 0;

	if (curl_easy_getinfo(s->curl, CURLINFO_RETRY_AFTER, &secs) != CURLE_OK ||
	    secs <= 0)
		return 0;
	return secs > 3600 ? 3600000 : (long)secs * 1000;
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

		status = post_once(s, body, len);
		if (!retryable(status) || attempt == s->c->retries)
			break;
		wait = retry_after_ms(s);
		if (!wait)
			wait = wait_ms;
		if (elapsed_ms(&s->start) + wait >= s->c->deadline * 1000)
			break;
		usleep((useconds_t)wait * 1000);
		wait_ms *= 2;
	}
	return status;
}

static void settle(struct sender *s, const char *path, long status,
		   struct upload_stats *st)
{
	char rejected[4096];

	st->last_status = status;
	if (status >= 200 && status < 300) {
		if (!st->sent && !st->duplicate)
			st->first_ack_ms = elapsed_ms(&s->start);
		if (status == 200)
			st->duplicate++;
		else
			st->sent++;
		if (unlink(path))
			fprintf(stderr, "logsage-upload: remove %s: %s\n",
				path, strerror(errno));
		return;
	}
	if ((status == 400 || status == 413) &&
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
	fprintf(stderr, "logsage-upload: %s not delivered (HTTP %ld), kept\n",
		path, status);
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

struct lsg_error *upload_spool(const struct config *c,
			       struct upload_stats *ret)
{
	struct dirent **names = NULL;
	struct lsg_error *err;
	struct sender s;
	int n;

	memset(ret, 0, sizeof(*ret));
	err = sender_init(&s, c);
	if (err)
		goto out;
	n = scandir(c->spool_dir, &names, bundle_filter, by_name);
	if (n < 0) {
		err = lsg_error_os(errno, "spool %s", c->spool_dir);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		size_t len;
		char *body = NULL;

		snprintf(path, sizeof(path), "%s/%s", c->spool_dir,
			 names[i]->d_name);
		if (i < MAX_SPOOLED && elapsed_ms(&s.start) <
				       c->deadline * 1000) {
			err = fileio_read_file(path, UPLOAD_MAX_BUNDLE, &body,
					       &len);
			if (!err)
				settle(&s, path, post_retry(&s, body, len),
				       ret);
			else
				ret->kept++;
			lsg_error_destroy(err);
			err = NULL;
		} else {
			ret->kept++;
		}
		free(body);
		free(names[i]);
	}
	free(names);
out:
	sender_deinit(&s);
	return err;
}
