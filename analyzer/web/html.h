/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building HTML pages in memory.  Every byte that did not come from this
 * program's own format strings goes through html_text() or html_url():
 * log lines, titles, host names and query values are attacker-controlled,
 * so they are escaped where they are written, never trusted upstream.
 */
#ifndef LSG_WEB_HTML_H
#define LSG_WEB_HTML_H

#include <stdio.h>

#include "server/server.h"
#include "store/store.h"

struct html {
	FILE *f;
	char *buf;
	size_t len;
};

/** html_open() - an empty page; -1 when out of memory. */
int html_open(struct html *h);

/** html_close() - discard the page (after an error). */
void html_close(struct html *h);

/**
 * html_finish() - the page as @r's body with @status, a page response;
 * 503 from a static body when it cannot be made.  Closes @h.
 */
void html_finish(struct html *h, unsigned status, struct server_response *r);

/** html_nomem() - a 503 page from a static body: never allocates. */
void html_nomem(struct server_response *r);

/**
 * html_raw() - trusted markup: @fmt is this program's, and so must be
 * every %s argument (numbers are fine).
 */
void html_raw(struct html *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * html_text() - @s as text, fit for an element or a quoted attribute;
 * NULL writes nothing.  Control bytes are shown as \xNN.
 */
void html_text(struct html *h, const char *s);

/** html_textn() - as html_text() for @n bytes. */
void html_textn(struct html *h, const char *s, size_t n);

/** html_url() - @s percent-encoded for a query value. */
void html_url(struct html *h, const char *s);

/** html_time() - unix @t as "YYYY-MM-DD HH:MM" (UTC), or "—". */
void html_time(struct html *h, long long t);

/**
 * html_head() - the document up to <main>: title, stylesheet and the
 * navigation with the signed-in token and a sign-out form (when @sess).
 */
void html_head(struct html *h, const char *title,
	       const struct store_session *sess);

/** html_foot() - the end of the document. */
void html_foot(struct html *h);

#endif
