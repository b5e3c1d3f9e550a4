/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the web UI's files share: query filters, tables, charts. */
#ifndef LSG_WEB_INTERNAL_H
#define LSG_WEB_INTERNAL_H

#include <jansson.h>

#include "html.h"
#include "web.h"

enum {
	WEB_PAGE_ROWS = 50,	/* crashes per page of a list */
	WEB_TOP = 10,		/* rows of each "top" table */
	WEB_DAYS_DEFAULT = 30,	/* the dashboard's time range */
	WEB_TITLE_TYPE_MAX = 96,
};

/* The filters of a page's query, as given (for links) and for the store. */
struct web_filter {
	struct store_filter f;
	long long days;		/* "days": the last N days; 0: not set */
	long long page;		/* 0-based */
};

/**
 * web_query_arg() - query parameter @key of @req, or NULL; an empty value
 * counts as absent (an empty filter field of a form).
 */
const char *web_query_arg(const struct server_request *req, const char *key);

/** web_filter_parse() - the filters of @req's query; bad numbers ignored. */
void web_filter_parse(const struct server_request *req, struct web_filter *w);

/**
 * web_filter_query() - @w as query parameters ("&k=v" each), leaving out
 * @skip (a key, or NULL) so a link can set it anew.
 */
void web_filter_query(struct html *h, const struct web_filter *w,
		      const char *skip);

/**
 * web_title_type() - what kind of crash a title names, for grouping when
 * there is no class: the title up to " in " ("WARNING in foo" ->
 * "WARNING"), else the whole title.  @ret holds WEB_TITLE_TYPE_MAX bytes.
 */
void web_title_type(const char *title, char *ret);

/** web_crash_table() - a table of store_list() rows, linked. */
void web_crash_table(struct html *h, const json_t *crashes);

/**
 * web_label_form() - the form that labels crash @id (@cur preselected),
 * posted with the session's @csrf; back to @next (a fixed local path, or
 * NULL for the crash page) afterwards.
 */
void web_label_form(struct html *h, const char *id, const char *cur,
		    const char *csrf, const char *next);

/** web_pager() - previous/next links for page @w->page of @n rows. */
void web_pager(struct html *h, const char *path, const struct web_filter *w,
	       size_t n);

/** web_store_failed() - the page for a store error (consumed). */
void web_store_failed(const struct web_page *p, struct lsg_error *err,
		      struct server_response *r);

/**
 * web_chart_days() - stacked bars of crashes per day and key (class, or
 * title type) from store_histogram() rows, each segment a link to its
 * crashes.
 */
void web_chart_days(struct html *h, const json_t *rows,
		    const struct web_filter *w);

/**
 * web_chart_top() - horizontal bars of store_top() rows, each a link to
 * "/crashes?@key=value" (or "/groups/value" when @key is "signature").
 */
void web_chart_top(struct html *h, const char *caption, const json_t *rows,
		   const char *key, const struct web_filter *w);

/* An asset embedded at build time (scripts/embed-assets). */
struct web_asset_file {
	const char *name, *type;
	const unsigned char *data;
	size_t len;
};

/* The assets, ended by a NULL name. */
extern const struct web_asset_file web_asset_files[];

/** web_str() - @o's string member @k, or NULL. */
const char *web_str(const json_t *o, const char *k);

/** web_int() - @o's integer member @k, or 0. */
long long web_int(const json_t *o, const char *k);

#endif
