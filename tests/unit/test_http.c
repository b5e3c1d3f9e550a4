/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The uploader's HTTP client (capture/http.c): URLs it takes and refuses,
 * the status and Retry-After (seconds and HTTP-date) of response heads,
 * malformed heads refused, and a POST to a server that never answers
 * ending at its timeout with an error, not a status.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "http.h"

static int url_ok(const char *url, int tls, const char *host,
		  const char *port, const char *path)
{
	struct http_url u;
	struct lsg_error *err = http_parse_url(url, &u);

	if (err) {
		fprintf(stderr, "%s: %s\n", url, err->message);
		lsg_error_destroy(err);
		return 0;
	}
	return u.tls == tls && !strcmp(u.host, host) &&
	       !strcmp(u.port, port) && !strcmp(u.path, path);
}

static int url_bad(const char *url)
{
	struct http_url u;
	struct lsg_error *err = http_parse_url(url, &u);
	int bad = err && err->code == LSG_ERR_INVALID;

	lsg_error_destroy(err);
	return bad;
}

static void test_urls(void)
{
	static const char *const bad[] = {
		"ftp://h/x",
		"h:80/x",
		"http://user:pw@h/x",
		"http://h:0/",
		"http://h:65536/",
		"http://h:8o/",
		"http://h:/",
		"http:///x",
		"http://[::1/x",
		"http://[::1]x/",
		"http://h/a b",
		"http://h/a\r\nX: y",
		"http://h?q",
	};

	CHECK(url_ok("http://10.0.2.2:8080/api/v1/bundles", 0, "10.0.2.2",
		     "8080", "/api/v1/bundles"));
	CHECK(url_ok("https://logsage/api/v1/bundles?x=1", 1, "logsage",
		     "443", "/api/v1/bundles?x=1"));
	CHECK(url_ok("HTTP://h", 0, "h", "80", "/"));
	CHECK(url_ok("https://[fe80::1]:8443/b", 1, "fe80::1", "8443", "/b"));
	CHECK(url_ok("https://[::1]", 1, "::1", "443", "/"));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!url_bad(bad[i])) {
			fprintf(stderr, "accepted: %s\n", bad[i]);
			CHECK(!"a bad URL accepted");
		}
}

/* The status of @head, or -1 when refused; Retry-After into @ra. */
static int status_of(const char *head, time_t now, long *ra)
{
	struct http_response r;
	struct lsg_error *err = http_parse_head(head, strlen(head), now, &r);

	if (err) {
		lsg_error_destroy(err);
		return -1;
	}
	*ra = r.retry_after;
	return r.status;
}

static void test_heads(void)
{
	/* 2026-01-01 00:00:00 UTC. */
	const time_t now = 1767225600;
	long ra = -1;

	CHECK(status_of("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
			now, &ra) == 201 && ra == 0);
	CHECK(status_of("HTTP/1.0 200\r\n\r\n", now, &ra) == 200);
	CHECK(status_of("HTTP/1.1 413 Payload Too Large\n\n", now, &ra) == 413);
	CHECK(status_of("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\n\r\n",
			now, &ra) == 429 && ra == 3);
	CHECK(status_of("HTTP/1.1 503 x\r\nretry-after:\t 7 \r\n\r\n",
			now, &ra) == 503 && ra == 7);
	/* An hour at most; a date 90 s ahead is 90 s; a past date none. */
	CHECK(status_of("HTTP/1.1 429 x\r\nRetry-After: 99999999999999999999\r\n\r\n",
			now, &ra) == 429 && ra == 3600);
	CHECK(status_of("HTTP/1.1 503 x\r\nRetry-After: Thu, 01 Jan 2026 00:01:30 GMT\r\n\r\n",
			now, &ra) == 503 && ra == 90);
	CHECK(status_of("HTTP/1.1 503 x\r\nRetry-After: Wed, 31 Dec 2025 23:00:00 GMT\r\n\r\n",
			now, &ra) == 503 && ra == 0);
	CHECK(status_of("HTTP/1.1 429 x\r\nRetry-After: 5s\r\n\r\n", now,
			&ra) == 429 && ra == 0);
	CHECK(status_of("HTTP/1.1 429 x\r\nRetry-After: soon\r\n\r\n", now,
			&ra) == 429 && ra == 0);
	/* Another header ending in the name is not it. */
	CHECK(status_of("HTTP/1.1 429 x\r\nX-Retry-After: 5\r\n\r\n", now,
			&ra) == 429 && ra == 0);
	CHECK(status_of("HTTP/2 200\r\n\r\n", now, &ra) == -1);
	CHECK(status_of("HTTP/1.1 20\r\n\r\n", now, &ra) == -1);
	CHECK(status_of("HTTP/1.1 2000 x\r\n\r\n", now, &ra) == -1);
	CHECK(status_of("HTTP/1.1 099 x\r\n\r\n", now, &ra) == -1);
	CHECK(status_of("SSH-2.0-OpenSSH_9.2\r\n", now, &ra) == -1);
	CHECK(status_of("", now, &ra) == -1);
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A listener that never accepts: the kernel completes the connect, and
 * the request waits for an answer that never comes. */
static void test_timeout(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	char url[64], body[] = "x";
	struct http_post p = {
		.url = url, .token = "t", .content_type = "text/plain",
		.body = body, .len = 1, .connect_ms = 5000, .timeout_ms = 300,
	};
	struct http_response r;
	struct lsg_error *err;
	long long t0, ms;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(fd, 4) || getsockname(fd, (struct sockaddr *)&a, &al)) {
		CHECK(!"listener");
		return;
	}
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/api", ntohs(a.sin_port));
	t0 = mono_ms();
	err = http_post(&p, &r);
	ms = mono_ms() - t0;
	CHECK(err != NULL);
	CHECK(r.status == 0);
	CHECK(ms >= 290 && ms < 2000);
	if (err)
		printf("no answer: %s after %lld ms\n", err->message, ms);
	lsg_error_destroy(err);
	/* The same over TLS: the handshake waits within the connect limit. */
	snprintf(url, sizeof(url), "https://127.0.0.1:%u/api", ntohs(a.sin_port));
	/* The system CA bundle (ca-certificates): a trust store to load. */
	p.connect_ms = 200;
	p.timeout_ms = 5000;
	t0 = mono_ms();
	err = http_post(&p, &r);
	ms = mono_ms() - t0;
	CHECK(err != NULL);
	CHECK(err && strstr(err->message, "handshake"));
	CHECK(ms >= 190 && ms < 2000);
	if (err)
		printf("TLS: %s after %lld ms\n", err->message, ms);
	lsg_error_destroy(err);
	close(fd);
}

int main(void)
{
	test_urls();
	test_heads();
	test_timeout();
	return test_exit();
}
