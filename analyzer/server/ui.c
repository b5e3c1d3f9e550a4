/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The web UI's routes: pages rendered by analyzer/web, and what pages
 * post (sign-in, sign-out, labels), checked here: a session for all but
 * sign-in, the session's CSRF token in every form, and labels stored
 * through routes_set_label(), as the API stores them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "server_internal.h"
#include "web/web.h"

/*
 * Pages load nothing from elsewhere, run no script, and may not be framed;
 * the charts are inline SVG whose colours are attributes, not styles.
 */
static const char page_csp[] =
	"default-src 'none'; style-src 'self'; img-src 'self';"
	" form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

static const char text_mime[] = "text/plain; charset=utf-8";

void server_response_headers(const struct server_response *r, void *arg,
			     void (*add)(void *arg, const char *name,
					 const char *value))
{
	char disp[sizeof(r->filename) + 32];

	add(arg, "X-Content-Type-Options", "nosniff");
	if (r->location)
		add(arg, "Location", r->location);
	if (r->set_cookie[0])
		add(arg, "Set-Cookie", r->set_cookie);
	if (r->filename[0]) {
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"",
			 r->filename);
		add(arg, "Content-Disposition", disp);
	}
	if (r->page || r->location) {
		add(arg, "Content-Security-Policy", page_csp);
		add(arg, "Referrer-Policy", "no-referrer");
		add(arg, "X-Frame-Options", "DENY");
		add(arg, "Cache-Control", "no-store");
	}
}

/* @s percent-encoded into @dst (room for 3 bytes a byte); its length. */
static size_t url_encode(char *dst, const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~/";
	char *p = dst;

	for (; *s; s++) {
		if (strchr(safe, *s))
			*p++ = *s;
		else
			p += sprintf(p, "%%%02X", (unsigned char)*s);
	}
	*p = '\0';
	return (size_t)(p - dst);
}

void ui_redirect(struct server_response *r, const char *base,
		 const char *arg)
{
	size_t n = strlen(base);
	char *url = malloc(n + 3 * (arg ? strlen(arg) : 0) + 1);

	if (!url) {
		routes_respond_nomem(r);
		return;
	}
	memcpy(url, base, n + 1);
	if (arg)
		n += url_encode(url + n, arg);
	*r = (struct server_response){
		.status = 303, .content_type = text_mime, .body = url,
		.len = n, .owned = 1, .location = url,
	};
}

void ui_to_login(const struct server_request *req, struct server_response *r)
{
	enum { NEXT_MAX = 512 };
	char next[3 * NEXT_MAX + 1];
	size_t n = 0;

	/* The query comes back too, unless it is long: then the path only. */
	n = url_encode(next, req->path);
	for (size_t i = 0; i < req->nargs && n < NEXT_MAX; i++) {
		const char *k = req->args[i].key, *v = req->args[i].value;

		if (!k || strlen(k) + (v ? strlen(v) : 0) > NEXT_MAX)
			break;
		next[n++] = i ? '&' : '?';
		n += url_encode(next + n, k);
		next[n++] = '=';
		n += url_encode(next + n, v ? v : "");
	}
	if (n > NEXT_MAX)
		url_encode(next, req->path);
	ui_redirect(r, "/login?next=", next);
}

static void page_of(const struct handler_ctx *h, struct web_page *ret)
{
	*ret = (struct web_page){
		.store = h->srv->cfg.store, .req = h->req, .param = h->param,
		.session = h->m->has_session ? &h->m->session : NULL,
	};
}

/* The pages that only render, by route. */
static void (*const pages[NROUTES])(const struct web_page *p,
				    struct server_response *r) = {
	[ROUTE_UI_DASHBOARD] = web_dashboard,
	[ROUTE_UI_CRASHES] = web_crashes,
	[ROUTE_UI_CRASH] = web_crash,
	[ROUTE_UI_GROUP] = web_group,
	[ROUTE_UI_LABELS] = web_labels,
};

void ui_page(struct handler_ctx *h, struct server_response *r)
{
	struct web_page p;

	page_of(h, &p);
	pages[h->m->route](&p, r);
}

void ui_login(struct handler_ctx *h, struct server_response *r)
{
	struct web_page p;

	page_of(h, &p);
	web_login(&p, 200, r);
}

/* A page saying @msg with @status (a form that could not be taken). */
static void refuse(struct handler_ctx *h, unsigned status, const char *msg,
		   struct server_response *r)
{
	struct web_page p;

	page_of(h, &p);
	p.notice = msg;
	if (p.session)
		web_error_page(&p, status, msg, r);
	else
		web_login(&p, status, r);
}

void ui_asset(struct handler_ctx *h, struct server_response *r)
{
	if (web_asset(h->param, r))
		routes_respond_error(r, 404, "not_found", "no such asset");
}

void ui_bundle(struct handler_ctx *h, struct server_response *r)
{
	static const unsigned char zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
	struct lsg_error *err = NULL;
	size_t len = 0;
	void *raw = NULL;

	if (routes_id_valid(h->param))
		err = store_get_bundle(h->srv->cfg.store, h->param, &raw,
				       &len);
	if (err) {
		refuse(h, 500, err->message, r);
		lsg_error_destroy(err);
		return;
	}
	if (!raw) {
		refuse(h, 404, "no such crash", r);
		return;
	}
	*r = (struct server_response){
		.status = 200, .body = raw, .len = len, .owned = 1,
		.content_type = len >= 4 && !memcmp(raw, zstd_magic, 4) ?
				"application/zstd" : "application/json",
	};
	snprintf(r->filename, sizeof(r->filename), "%s.bundle", h->param);
}

/* Form field @key into @buf; "" when absent or malformed. */
static void field(const struct handler_ctx *h, const char *key, char *buf,
		  size_t size)
{
	if (web_form_value(h->req->body, h->req->body_len, key, buf, size))
		buf[0] = '\0';
}

/* The form carries the session's CSRF token; else @r is the refusal. */
static int csrf_ok(struct handler_ctx *h, struct server_response *r)
{
	char csrf[STORE_CSRF_LEN + 2];

	field(h, "csrf", csrf, sizeof(csrf));
	if (auth_csrf_ok(&h->m->session, csrf))
		return 1;
	refuse(h, 403, "This form has expired (no valid CSRF token): reload the page and try again.",
	       r);
	return 0;
}

void ui_label(struct handler_ctx *h, struct server_response *r)
{
	char cls[32], next[512], msg[600];
	unsigned status;
	json_t *j;

	if (!csrf_ok(h, r))
		return;
	field(h, "class", cls, sizeof(cls));
	field(h, "next", next, sizeof(next));
	if (routes_set_label(h->srv, h->param, cls, r)) {
		if (web_local_path(next))
			ui_redirect(r, next, NULL);
		else
			ui_redirect(r, "/crashes/", h->param);
		return;
	}
	/* The API's error, as a page. */
	j = json_loadb(r->body, r->len, 0, NULL);
	snprintf(msg, sizeof(msg), "Label not saved: %s",
		 json_string_value(json_object_get(j, "error")) ?: "error");
	json_decref(j);
	status = r->status;
	server_response_deinit(r);
	refuse(h, status, msg, r);
}

/* Over HTTPS the session cookie is never sent in the clear. */
static const char *secure(const struct handler_ctx *h)
{
	return h->srv->cfg.tls_cert ? "; Secure" : "";
}

void ui_signin(struct handler_ctx *h, struct server_response *r)
{
	char tok[TOKEN_HEADER_MAX + 1], next[512], id[AUTH_TOKEN_LEN + 1];
	char name[STORE_NAME_MAX + 1];
	struct store_session sess;
	enum store_role role;
	struct lsg_error *err;

	field(h, "token", tok, sizeof(tok));
	field(h, "next", next, sizeof(next));
	err = auth_token_role(h->srv->cfg.store, tok, strlen(tok), name,
			      &role);
	explicit_bzero(tok, sizeof(tok));
	if (!err && role == STORE_ROLE_NONE) {
		refuse(h, 401, "Token not accepted.", r);
		return;
	}
	if (!err && role == STORE_ROLE_AGENT) {
		refuse(h, 403, "An agent token may only upload bundles: sign in with an operator token.",
		       r);
		return;
	}
	if (!err)
		err = auth_session_start(h->srv->cfg.store, name, id, &sess);
	if (err) {
		refuse(h, 500, err->message, r);
		lsg_error_destroy(err);
		return;
	}
	ui_redirect(r, web_local_path(next) ? next : "/", NULL);
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
		 AUTH_COOKIE, id, AUTH_SESSION_TTL, secure(h));
	explicit_bzero(id, sizeof(id));
}

void ui_logout(struct handler_ctx *h, struct server_response *r)
{
	struct lsg_error *err;

	if (!csrf_ok(h, r))
		return;
	err = auth_session_end(h->srv->cfg.store, h->req->cookie);
	if (err) {
		refuse(h, 500, err->message, r);
		lsg_error_destroy(err);
		return;
	}
	ui_redirect(r, "/login", NULL);
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		 AUTH_COOKIE, secure(h));
}
