/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small, bounded HTTP/1.1 client for logsage-upload: one POST per
 * connection ("Connection: close"), over TCP or TLS (mbedTLS, linked
 * statically so the crash initramfs carries no shared library for it).
 * Every wait (resolve, connect, TLS handshake, send, receive) ends at
 * the caller's limits; only the response head is read, at most
 * HTTP_MAX_HEAD bytes, since the status and Retry-After are all the
 * uploader needs.  Host names are resolved by glibc's getaddrinfo(), whose
 * static "files" and "dns" lookups need no NSS library.
 */
#ifndef LSG_HTTP_H
#define LSG_HTTP_H

#include <stddef.h>
#include <time.h>

#include "error.h"

#define HTTP_MAX_HEAD 8192
#define HTTP_MAX_HOST 256
/* The system bundle, as Debian's libcurl used it when ca_file is empty. */
#define HTTP_SYSTEM_CA "/etc/ssl/certs/ca-certificates.crt"

struct http_url {
	int tls;			/* https */
	char host[HTTP_MAX_HOST];	/* without the brackets of IPv6 */
	char port[8];
	const char *path;		/* into the URL; "/" when it has none */
};

struct http_response {
	int status;
	/* Retry-After in seconds (delta or HTTP-date); 0: none or past. */
	long retry_after;
};

struct http_post {
	const char *url;
	const char *token;		/* "Authorization: Bearer" */
	const char *content_type;
	const char *ca_file;		/* "" or NULL: HTTP_SYSTEM_CA */
	const char *body;
	size_t len;
	long connect_ms;		/* to open the connection (and TLS) */
	long timeout_ms;		/* for the whole exchange */
};

/** http_parse_url() - split "http[s]://host[:port][/path]" into @u. */
struct lsg_error *http_parse_url(const char *url, struct http_url *u);

/**
 * http_parse_head() - the status and Retry-After of a response head
 * (@buf, @len bytes, up to and including the blank line).  @now is the
 * wall-clock time an HTTP-date Retry-After is counted from.
 */
struct lsg_error *http_parse_head(const char *buf, size_t len, time_t now,
				  struct http_response *r);

/**
 * http_post() - POST @p->body to @p->url; @r gets the answer's status.
 * An error means no response head came (the message says why).
 */
struct lsg_error *http_post(const struct http_post *p,
			    struct http_response *r);

#endif
