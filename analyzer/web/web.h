/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The operators' web UI (DESIGN §6.6): pages rendered on the server from
 * the store, SVG charts drawn here, no script.  The server's route table
 * (server/routes.c) decides who may see a page; these functions only
 * render.  Pages that change something (sign-in, labels) are handled by
 * the routes, through the same code as the API.
 *
 *   /                    dashboard: crashes over time by class (or title
 *                        type), top groups, kernels, hosts; filters
 *   /crashes             the filtered list, paginated
 *   /crashes/{id}        one crash: summary, log, stacks, facts, similar
 *   /groups/{signature}  one group and its crashes
 *   /labels              the label queue, a form per crash
 *   /login               the sign-in form
 */
#ifndef LSG_WEB_H
#define LSG_WEB_H

#include <stddef.h>

#include "server/server.h"
#include "store/store.h"

/* What a page is rendered from; every pointer borrowed. */
struct web_page {
	struct store *store;
	const struct server_request *req;
	const char *param;			/* the path's {id}, {signature} */
	const struct store_session *session;	/* NULL: signed out */
	const char *notice;			/* a message to show, or NULL */
};

void web_dashboard(const struct web_page *p, struct server_response *r);
void web_crashes(const struct web_page *p, struct server_response *r);
void web_crash(const struct web_page *p, struct server_response *r);
void web_group(const struct web_page *p, struct server_response *r);
void web_labels(const struct web_page *p, struct server_response *r);

/**
 * web_login() - the sign-in form, @status (200, or 401 after a refused
 * token); @p->notice says why.  "next" (a local path) is kept.
 */
void web_login(const struct web_page *p, unsigned status,
	       struct server_response *r);

/** web_error_page() - a page saying @msg with @status. */
void web_error_page(const struct web_page *p, unsigned status,
		    const char *msg, struct server_response *r);

/** web_asset() - the embedded asset @name; -1 when there is none. */
int web_asset(const char *name, struct server_response *r);

/**
 * web_form_value() - the value of @key in a form body
 * (application/x-www-form-urlencoded), decoded, into @ret of @size bytes.
 * Returns 0, or -1 when the key is absent, malformed or too long.
 */
int web_form_value(const char *body, size_t len, const char *key, char *ret,
		   size_t size);

/**
 * web_local_path() - @next is a safe place to go back to after signing
 * in: a path on this server ("/..." but not "//..."), printable ASCII.
 */
int web_local_path(const char *next);

#endif
