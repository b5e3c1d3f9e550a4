/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mbedtls/asn1.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/oid.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "http.h"

/* A Retry-After beyond this is taken as this: nobody waits longer. */
#define HTTP_MAX_RETRY_AFTER 3600

struct http_conn {
	int fd;
	long long end_ms;	/* CLOCK_MONOTONIC ms at which waits stop */
	int tls;
	mbedtls_ssl_context ssl;
	mbedtls_ssl_config conf;
	mbedtls_x509_crt ca;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* --- URL ----------------------------------------------------------- */

static struct lsg_error *bad_url(const char *url, const char *why)
{
	return lsg_error_create(LSG_ERR_INVALID, "url %s: %s", url, why);
}

static struct lsg_error *url_port(const char *url, const char *p, size_t n,
				  struct http_url *u)
{
	long v = 0;

	if (!n || n >= sizeof(u->port))
		return bad_url(url, "bad port");
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return bad_url(url, "bad port");
		v = v * 10 + (p[i] - '0');
	}
	if (v < 1 || v > 65535)
		return bad_url(url, "bad port");
	snprintf(u->port, sizeof(u->port), "%ld", v);
	return NULL;
}

struct lsg_error *http_parse_url(const char *url, struct http_url *u)
{
	const char *h, *end, *colon = NULL, *host_end;

	memset(u, 0, sizeof(*u));
	if (!strncasecmp(url, "http://", 7)) {
		h = url + 7;
	} else if (!strncasecmp(url, "https://", 8)) {
		h = url + 8;
		u->tls = 1;
	} else {
		return bad_url(url, "not http:// or https://");
	}
	end = h + strcspn(h, "/?#");
	if (memchr(h, '@', (size_t)(end - h)))
		return bad_url(url, "user names in URLs are not supported");
	if (*h == '[') {
		host_end = memchr(h, ']', (size_t)(end - h));
		if (!host_end)
			return bad_url(url, "no ']' after an IPv6 address");
		h++;
		if (host_end + 1 < end && host_end[1] != ':')
			return bad_url(url, "junk after ']'");
		if (host_end + 1 < end)
			colon = host_end + 1;
	} else {
		colon = memchr(h, ':', (size_t)(end - h));
		host_end = colon ? colon : end;
	}
	if (host_end == h || (size_t)(host_end - h) >= sizeof(u->host))
		return bad_url(url, "bad host");
	memcpy(u->host, h, (size_t)(host_end - h));
	for (const char *c = u->host; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7f)
			return bad_url(url, "bad host");
	if (colon) {
		struct lsg_error *err = url_port(url, colon + 1,
						 (size_t)(end - colon - 1), u);
		if (err)
			return err;
	} else {
		strcpy(u->port, u->tls ? "443" : "80");
	}
	if (*end == '#')
		return bad_url(url, "a fragment is not a path");
	u->path = *end == '/' ? end : "/";
	for (const char *c = end; *c && *c != '#'; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7f)
			return bad_url(url, "bad character in the path");
	return *end == '?' ? bad_url(url, "a query needs a path") : NULL;
}

/* --- response head --------------------------------------------------- */

/* The value of header @name in the lines after the status line, or NULL. */
static const char *head_value(const char *buf, const char *end,
			      const char *name, size_t *vlen)
{
	size_t n = strlen(name);
	const char *line = memchr(buf, '\n', (size_t)(end - buf));

	while (line && ++line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		const char *v;

		if (!eol)
			eol = end;
		if ((size_t)(eol - line) > n && line[n] == ':' &&
		    !strncasecmp(line, name, n)) {
			v = line + n + 1;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			while (eol > v && isspace((unsigned char)eol[-1]))
				eol--;
			*vlen = (size_t)(eol - v);
			return v;
		}
		line = eol;
	}
	return NULL;
}

/* RFC 9110 Retry-After: delay-seconds or an IMF-fixdate. */
static long retry_after(const char *v, size_t n, time_t now)
{
	char date[64];
	struct tm tm;
	long long secs = 0;
	char *rest;
	time_t t;

	if (n && isdigit((unsigned char)v[0])) {
		for (size_t i = 0; i < n; i++) {
			if (!isdigit((unsigned char)v[i]))
				return 0;
			if (secs < HTTP_MAX_RETRY_AFTER)
				secs = secs * 10 + (v[i] - '0');
		}
		return secs > HTTP_MAX_RETRY_AFTER ? HTTP_MAX_RETRY_AFTER :
						     (long)secs;
	}
	if (n >= sizeof(date))
		return 0;
	memcpy(date, v, n);
	date[n] = '\0';
	memset(&tm, 0, sizeof(tm));
	rest = strptime(date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!rest || *rest)
		return 0;
	t = timegm(&tm);
	if (t == (time_t)-1 || t <= now)
		return 0;
	return t - now > HTTP_MAX_RETRY_AFTER ? HTTP_MAX_RETRY_AFTER :
						(long)(t - now);
}

struct lsg_error *http_parse_head(const char *buf, size_t len, time_t now,
				  struct http_response *r)
{
	const char *end = buf + len, *v;
	size_t vlen;

	memset(r, 0, sizeof(*r));
	/* "HTTP/1.x SSS": the status line's fixed part. */
	if (len < 12 || memcmp(buf, "HTTP/1.", 7) || !isdigit((unsigned char)buf[7]) ||
	    buf[8] != ' ' || !isdigit((unsigned char)buf[9]) ||
	    !isdigit((unsigned char)buf[10]) || !isdigit((unsigned char)buf[11]) ||
	    (len > 12 && buf[12] != ' ' && buf[12] != '\r' && buf[12] != '\n'))
		return lsg_error_create(LSG_ERR_CORRUPT,
					"not an HTTP/1.x status line");
	r->status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + buf[11] - '0';
	if (r->status < 100)
		return lsg_error_create(LSG_ERR_CORRUPT, "HTTP status %03d",
					r->status);
	v = head_value(buf, end, "Retry-After", &vlen);
	if (v)
		r->retry_after = retry_after(v, vlen, now);
	return NULL;
}

/* --- transport ------------------------------------------------------- */

/* Wait for @events on the connection until its end; 0 or an errno. */
static int conn_wait(struct http_conn *c, short events)
{
	struct pollfd p = { .fd = c->fd, .events = events };

	for (;;) {
		long long left = c->end_ms - now_ms();
		int n;

		if (left <= 0)
			return ETIMEDOUT;
		n = poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return errno;
	}
}

/*
 * send() @out, or else recv() into @in, on the non-blocking socket,
 * waiting within the limit.
 */
static ssize_t conn_io(struct http_conn *c, const void *out, void *in,
		       size_t n)
{
	for (;;) {
		ssize_t r = out ? send(c->fd, out, n, MSG_NOSIGNAL) :
				  recv(c->fd, in, n, 0);
		int e;

		if (r >= 0)
			return r;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		e = conn_wait(c, out ? POLLOUT : POLLIN);
		if (e) {
			errno = e;
			return -1;
		}
	}
}

static int bio_send(void *arg, const unsigned char *buf, size_t n)
{
	ssize_t r = conn_io(arg, buf, NULL, n);

	if (r >= 0)
		return (int)r;
	return errno == ETIMEDOUT ? MBEDTLS_ERR_SSL_TIMEOUT :
				    MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *arg, unsigned char *buf, size_t n)
{
	ssize_t r = conn_io(arg, NULL, buf, n);

	if (r >= 0)
		return (int)r;
	return errno == ETIMEDOUT ? MBEDTLS_ERR_SSL_TIMEOUT :
				    MBEDTLS_ERR_NET_RECV_FAILED;
}

/* One address: a non-blocking connect, waited for until c->end_ms. */
static int connect_one(struct http_conn *c, const struct addrinfo *ai)
{
	socklen_t sl = sizeof(int);
	int e = 0;

	c->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		       SOCK_CLOEXEC, ai->ai_protocol);
	if (c->fd < 0)
		return errno;
	if (!connect(c->fd, ai->ai_addr, ai->ai_addrlen))
		return 0;
	if (errno != EINPROGRESS)
		e = errno;
	else if (!(e = conn_wait(c, POLLOUT)) &&
		 getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &sl))
		e = errno;
	if (e) {
		close(c->fd);
		c->fd = -1;
	}
	return e;
}

static int is_address(const char *host)
{
	unsigned char ip[16];

	return inet_pton(AF_INET, host, ip) == 1 ||
	       inet_pton(AF_INET6, host, ip) == 1;
}

/*
 * getaddrinfo() cannot be interrupted; a DNS query is bounded by the
 * resolver's timeout, which glibc takes from _res once res_init() filled
 * it: one try per server, each of at most the connect limit.
 */
static void resolver_cap(const struct http_conn *c)
{
	long long left_s = (c->end_ms - now_ms() + 999) / 1000;

	if (res_init())
		return;
	if (left_s < 1)
		left_s = 1;
	if (left_s < _res.retrans)
		_res.retrans = (int)left_s;
	_res.retry = 1;
}

static struct lsg_error *conn_open(struct http_conn *c,
				   const struct http_url *u)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_ADDRCONFIG }, *res, *ai;
	int rc, e = ETIMEDOUT;

	if (!is_address(u->host))
		resolver_cap(c);
	rc = getaddrinfo(u->host, u->port, &hints, &res);
	if (rc)
		return lsg_error_create(LSG_ERR_OS, "resolve %s: %s", u->host,
					rc == EAI_SYSTEM ? strerror(errno) :
							   gai_strerror(rc));
	for (ai = res; ai; ai = ai->ai_next) {
		e = connect_one(c, ai);
		if (!e || e == ETIMEDOUT)
			break;
	}
	freeaddrinfo(res);
	if (e)
		return lsg_error_os(e, "connect to %s port %s", u->host,
				    u->port);
	return NULL;
}

static struct lsg_error *tls_error(int rc, const char *what)
{
	char msg[160];

	mbedtls_strerror(rc, msg, sizeof(msg));
	return lsg_error_create(LSG_ERR_LIB, "TLS %s: %s", what, msg);
}

/* Whether @crt's subjectAltName has the iPAddress @ip (@n bytes). */
static int cert_has_ip(const mbedtls_x509_crt *crt, const void *ip, size_t n)
{
	unsigned char *p = crt->v3_ext.p, *end = p + crt->v3_ext.len, *ext_end;
	size_t len;

	if (!p || mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED |
				       MBEDTLS_ASN1_SEQUENCE))
		return 0;
	for (; p < end; p = ext_end) {
		mbedtls_asn1_buf oid = { 0 };
		int critical;

		if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED |
					 MBEDTLS_ASN1_SEQUENCE))
			return 0;
		ext_end = p + len;
		oid.tag = MBEDTLS_ASN1_OID;
		if (mbedtls_asn1_get_tag(&p, ext_end, &oid.len, MBEDTLS_ASN1_OID))
			return 0;
		oid.p = p;
		p += oid.len;
		if (MBEDTLS_OID_CMP(MBEDTLS_OID_SUBJECT_ALT_NAME, &oid))
			continue;
		mbedtls_asn1_get_bool(&p, ext_end, &critical);
		if (mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_OCTET_STRING) ||
		    mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_CONSTRUCTED |
					 MBEDTLS_ASN1_SEQUENCE))
			return 0;
		while (p < ext_end) {
			int tag = *p++;

			if (mbedtls_asn1_get_len(&p, ext_end, &len))
				return 0;
			if (tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7) &&
			    len == n && !memcmp(p, ip, n))
				return 1;
			p += len;
		}
	}
	return 0;
}

/*
 * mbedTLS 2.28 matches names against dNSName entries and the CN only; a
 * URL with an address is checked here against the iPAddress entries.
 */
static struct lsg_error *tls_check_ip(struct http_conn *c, const char *host)
{
	unsigned char ip[16];
	const mbedtls_x509_crt *crt = mbedtls_ssl_get_peer_cert(&c->ssl);
	size_t n = inet_pton(AF_INET, host, ip) == 1 ? 4 :
		   inet_pton(AF_INET6, host, ip) == 1 ? 16 : 0;

	if (!n)
		return NULL;
	if (crt && cert_has_ip(crt, ip, n))
		return NULL;
	return lsg_error_create(LSG_ERR_LIB,
				"TLS: the server's certificate is not for %s",
				host);
}

static struct lsg_error *tls_config(struct http_conn *c, const char *ca_file)
{
	int rc;

	if (!ca_file || !ca_file[0])
		ca_file = HTTP_SYSTEM_CA;
	rc = mbedtls_x509_crt_parse_file(&c->ca, ca_file);
	if (rc < 0)
		return lsg_error_wrap(tls_error(rc, "CA file"), "%s", ca_file);
	rc = mbedtls_ctr_drbg_seed(&c->drbg, mbedtls_entropy_func, &c->entropy,
				   (const unsigned char *)"logsage-upload", 14);
	if (rc)
		return tls_error(rc, "random seed");
	rc = mbedtls_ssl_config_defaults(&c->conf, MBEDTLS_SSL_IS_CLIENT,
					 MBEDTLS_SSL_TRANSPORT_STREAM,
					 MBEDTLS_SSL_PRESET_DEFAULT);
	if (rc)
		return tls_error(rc, "config");
	mbedtls_ssl_conf_min_version(&c->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
				     MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_authmode(&c->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
	mbedtls_ssl_conf_ca_chain(&c->conf, &c->ca, NULL);
	mbedtls_ssl_conf_rng(&c->conf, mbedtls_ctr_drbg_random, &c->drbg);
	return NULL;
}

static struct lsg_error *tls_start(struct http_conn *c,
				   const struct http_url *u, const char *ca_file)
{
	struct lsg_error *err;
	uint32_t flags;
	int rc;

	c->tls = 1;
	mbedtls_ssl_init(&c->ssl);
	mbedtls_ssl_config_init(&c->conf);
	mbedtls_x509_crt_init(&c->ca);
	mbedtls_entropy_init(&c->entropy);
	mbedtls_ctr_drbg_init(&c->drbg);
	err = tls_config(c, ca_file);
	if (err)
		return err;
	rc = mbedtls_ssl_setup(&c->ssl, &c->conf);
	/* A name is sent (SNI) and checked by mbedTLS; an address, below. */
	if (!rc && !is_address(u->host))
		rc = mbedtls_ssl_set_hostname(&c->ssl, u->host);
	if (rc)
		return tls_error(rc, "setup");
	mbedtls_ssl_set_bio(&c->ssl, c, bio_send, bio_recv, NULL);
	rc = mbedtls_ssl_handshake(&c->ssl);
	flags = mbedtls_ssl_get_verify_result(&c->ssl);
	if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && flags) {
		char why[256];

		mbedtls_x509_crt_verify_info(why, sizeof(why), "", flags);
		why[strcspn(why, "\n")] = '\0';
		return lsg_error_create(LSG_ERR_LIB,
					"TLS: server certificate not trusted: %s",
					why);
	}
	if (rc)
		return tls_error(rc, "handshake");
	return tls_check_ip(c, u->host);
}

static void conn_close(struct http_conn *c)
{
	if (c->tls) {
		mbedtls_ssl_free(&c->ssl);
		mbedtls_ssl_config_free(&c->conf);
		mbedtls_x509_crt_free(&c->ca);
		mbedtls_ctr_drbg_free(&c->drbg);
		mbedtls_entropy_free(&c->entropy);
	}
	if (c->fd >= 0)
		close(c->fd);
}

/* Write all of @buf; 0, or an error. */
static struct lsg_error *conn_write(struct http_conn *c, const char *buf,
				    size_t n)
{
	while (n) {
		ssize_t r;

		if (c->tls) {
			int rc = mbedtls_ssl_write(&c->ssl,
						   (const unsigned char *)buf, n);

			if (rc < 0)
				return tls_error(rc, "send");
			r = rc;
		} else {
			r = conn_io(c, buf, NULL, n);
			if (r < 0)
				return lsg_error_os(errno, "send");
		}
		buf += r;
		n -= (size_t)r;
	}
	return NULL;
}

/* Read into @buf until the blank line ending the head; its length or -1. */
static ssize_t read_head(struct http_conn *c, char *buf, size_t size,
			 struct lsg_error **err)
{
	size_t n = 0;

	while (n < size) {
		ssize_t r;

		if (c->tls) {
			int rc = mbedtls_ssl_read(&c->ssl, (unsigned char *)buf + n,
						  size - n);

			if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
				rc = 0;
			if (rc < 0) {
				*err = tls_error(rc, "receive");
				return -1;
			}
			r = rc;
		} else if ((r = conn_io(c, NULL, buf + n, size - n)) < 0) {
			*err = lsg_error_os(errno, "receive");
			return -1;
		}
		if (!r)
			break;
		n += (size_t)r;
		if (memmem(buf, n, "\r\n\r\n", 4) || memmem(buf, n, "\n\n", 2))
			break;
	}
	return (ssize_t)n;
}

static struct lsg_error *request_head(const struct http_post *p,
				      const struct http_url *u, char *buf,
				      size_t size, size_t *len)
{
	int v6 = strchr(u->host, ':') != NULL;
	int n = snprintf(buf, size,
			 "POST %s HTTP/1.1\r\nHost: %s%s%s:%s\r\n"
			 "Authorization: Bearer %s\r\nContent-Type: %s\r\n"
			 "Content-Length: %zu\r\nConnection: close\r\n"
			 "User-Agent: logsage-upload\r\n\r\n",
			 u->path, v6 ? "[" : "", u->host, v6 ? "]" : "",
			 u->port, p->token, p->content_type, p->len);

	if (n < 0 || (size_t)n >= size)
		return lsg_error_create(LSG_ERR_LIMIT, "request head too long");
	*len = (size_t)n;
	return NULL;
}

/* Send the request; a write error still lets a response be read (an
 * early 413 with the connection closed under our body). */
static struct lsg_error *exchange(struct http_conn *c, const struct http_post *p,
				  const struct http_url *u,
				  struct http_response *r)
{
	char head[HTTP_MAX_HEAD + 1024], *resp = head;
	struct lsg_error *err, *werr;
	size_t len;
	ssize_t n;

	err = request_head(p, u, head, sizeof(head), &len);
	if (err)
		return err;
	werr = conn_write(c, head, len);
	if (!werr)
		werr = conn_write(c, p->body, p->len);
	n = read_head(c, resp, HTTP_MAX_HEAD, &err);
	if (n > 0) {
		lsg_error_destroy(err);
		err = http_parse_head(resp, (size_t)n, time(NULL), r);
	} else if (!err) {
		err = lsg_error_create(LSG_ERR_NODATA,
				       "connection closed without a response");
	}
	if (err && werr) {
		lsg_error_destroy(err);
		return werr;
	}
	lsg_error_destroy(werr);
	return err;
}

struct lsg_error *http_post(const struct http_post *p, struct http_response *r)
{
	struct http_conn c = { .fd = -1 };
	long long start = now_ms();
	struct lsg_error *err;
	struct http_url u;

	memset(r, 0, sizeof(*r));
	err = http_parse_url(p->url, &u);
	if (err)
		return err;
	c.end_ms = start + (p->connect_ms < p->timeout_ms ? p->connect_ms :
							    p->timeout_ms);
	err = conn_open(&c, &u);
	if (!err && u.tls)
		err = tls_start(&c, &u, p->ca_file);
	c.end_ms = start + p->timeout_ms;
	if (!err)
		err = exchange(&c, p, &u, r);
	conn_close(&c);
	return err;
}
