/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pages but the crash page: dashboard, crash list, group, label queue
 * and sign-in, and what they share.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web_internal.h"

const char *web_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

long long web_int(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

const char *web_query_arg(const struct server_request *req, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < req->nargs; i++)
		if (req->args[i].key && !strcmp(req->args[i].key, key))
			v = req->args[i].value;
	return v && *v ? v : NULL;
}

static long long query_int(const struct server_request *req, const char *key,
			   long long lo, long long hi, long long def)
{
	const char *v = web_query_arg(req, key);
	char *end;
	long long n;

	if (!v)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	return *end || errno || n < lo || n > hi ? def : n;
}

void web_filter_parse(const struct server_request *req, struct web_filter *w)
{
	*w = (struct web_filter){
		.f = {
			.host = web_query_arg(req, "host"),
			.kernel = web_query_arg(req, "kernel"),
			.class = web_query_arg(req, "class"),
			.signature = web_query_arg(req, "signature"),
			.title = web_query_arg(req, "title"),
			.since = query_int(req, "since", 0, INT64_MAX,
					   STORE_TIME_NONE),
			.until = query_int(req, "until", 0, INT64_MAX,
					   STORE_TIME_NONE),
		},
		.days = query_int(req, "days", 1, 36500, 0),
		.page = query_int(req, "page", 0, 100000, 0),
	};
	if (w->days && w->f.since == STORE_TIME_NONE)
		w->f.since = (int64_t)time(NULL) / 86400 * 86400 -
			     (w->days - 1) * 86400;
}

static void query_str(struct html *h, const char *key, const char *v,
		      const char *skip)
{
	if (!v || (skip && !strcmp(key, skip)))
		return;
	html_raw(h, "&amp;%s=", key);
	html_url(h, v);
}

static void query_num(struct html *h, const char *key, long long v,
		      const char *skip)
{
	if (skip && !strcmp(key, skip))
		return;
	html_raw(h, "&amp;%s=%lld", key, v);
}

void web_filter_query(struct html *h, const struct web_filter *w,
		      const char *skip)
{
	query_str(h, "host", w->f.host, skip);
	query_str(h, "kernel", w->f.kernel, skip);
	query_str(h, "class", w->f.class, skip);
	query_str(h, "signature", w->f.signature, skip);
	query_str(h, "title", w->f.title, skip);
	if (w->days) {
		query_num(h, "days", w->days, skip);
		return;
	}
	if (w->f.since != STORE_TIME_NONE)
		query_num(h, "since", w->f.since, skip);
	if (w->f.until != STORE_TIME_NONE)
		query_num(h, "until", w->f.until, skip);
}

void web_title_type(const char *title, char *ret)
{
	const char *in;
	size_t n;

	if (!title) {
		snprintf(ret, WEB_TITLE_TYPE_MAX, "(no crash found)");
		return;
	}
	in = strstr(title, " in ");
	n = in ? (size_t)(in - title) : strlen(title);
	if (n >= WEB_TITLE_TYPE_MAX)
		n = WEB_TITLE_TYPE_MAX - 1;
	memcpy(ret, title, n);
	ret[n] = '\0';
}

static void crash_row(struct html *h, const json_t *c)
{
	const char *id = web_str(c, "id"), *label = web_str(c, "label");
	long long t = web_int(c, "crash_time");

	html_raw(h, "<tr><td><a class=\"crash\" href=\"/crashes/");
	html_text(h, id);
	html_raw(h, "\">");
	html_text(h, web_str(c, "title") ?: "(no crash found)");
	html_raw(h, "</a></td><td>");
	html_text(h, label ?: web_str(c, "class"));
	html_raw(h, label ? " <small>(label)</small></td><td>" : "</td><td>");
	html_text(h, web_str(c, "host"));
	html_raw(h, "</td><td>");
	html_text(h, web_str(c, "kernel"));
	html_raw(h, "</td><td>");
	html_time(h, t ? t : web_int(c, "received_at"));
	html_raw(h, "</td></tr>");
}

void web_crash_table(struct html *h, const json_t *crashes)
{
	size_t i;
	json_t *c;

	if (!json_array_size(crashes)) {
		html_raw(h, "<p class=\"empty\">No crashes.</p>");
		return;
	}
	html_raw(h, "<table class=\"crashes\"><thead><tr><th>Title</th>"
		 "<th>Class</th><th>Host</th><th>Kernel</th><th>Time</th>"
		 "</tr></thead><tbody>");
	json_array_foreach(crashes, i, c)
		crash_row(h, c);
	html_raw(h, "</tbody></table>");
}

void web_pager(struct html *h, const char *path, const struct web_filter *w,
	       size_t n)
{
	html_raw(h, "<p class=\"pager\">");
	if (w->page > 0) {
		html_raw(h, "<a rel=\"prev\" href=\"%s?page=%lld", path,
			 w->page - 1);
		web_filter_query(h, w, "page");
		html_raw(h, "\">← newer</a> ");
	}
	html_raw(h, "page %lld ", w->page + 1);
	if (n == WEB_PAGE_ROWS) {
		html_raw(h, "<a rel=\"next\" href=\"%s?page=%lld", path,
			 w->page + 1);
		web_filter_query(h, w, "page");
		html_raw(h, "\">older →</a>");
	}
	html_raw(h, "</p>");
}

void web_error_page(const struct web_page *p, unsigned status,
		    const char *msg, struct server_response *r)
{
	struct html h;

	if (html_open(&h)) {
		html_nomem(r);
		return;
	}
	html_head(&h, "Error", p->session);
	html_raw(&h, "<h1>%u</h1><p class=\"error\">", status);
	html_text(&h, msg);
	html_raw(&h, "</p>");
	html_foot(&h);
	html_finish(&h, status, r);
}

void web_store_failed(const struct web_page *p, struct lsg_error *err,
		      struct server_response *r)
{
	web_error_page(p, err->code == LSG_ERR_NOMEM ? 503 : 500,
		       err->message, r);
	lsg_error_destroy(err);
}

/* ---- dashboard ---- */

static void filter_form(struct html *h, const char *action,
			const struct web_filter *w)
{
	static const char *const fields[][2] = {
		{ "host", "Host" }, { "kernel", "Kernel" },
		{ "class", "Class" }, { "title", "Title starts with" },
	};
	const char *vals[] = { w->f.host, w->f.kernel, w->f.class, w->f.title };

	html_raw(h, "<form class=\"filters\" method=\"get\" action=\"%s\">",
		 action);
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		html_raw(h, "<label>%s <input name=\"%s\" value=\"",
			 fields[i][1], fields[i][0]);
		html_text(h, vals[i]);
		html_raw(h, "\"></label>");
	}
	html_raw(h, "<label>Last <input name=\"days\" type=\"number\" min=\"1\""
		 " value=\"%lld\"> days</label>", w->days);
	if (w->f.signature) {
		html_raw(h, "<input type=\"hidden\" name=\"signature\" value=\"");
		html_text(h, w->f.signature);
		html_raw(h, "\">");
	}
	html_raw(h, "<button>Filter</button></form>");
}

/* The dashboard's four figures; an error stops at the first. */
static struct lsg_error *dashboard_figures(struct html *h,
					   const struct web_page *p,
					   struct web_filter *w)
{
	static const struct {
		enum store_dim dim;
		const char *caption, *key;
	} tops[] = {
		{ STORE_DIM_SIGNATURE, "Top groups", "signature" },
		{ STORE_DIM_KERNEL, "Kernels most affected", "kernel" },
		{ STORE_DIM_HOST, "Hosts most affected", "host" },
	};
	struct lsg_error *err;
	json_t *rows;

	err = store_histogram(p->store, &w->f, &rows);
	if (err)
		return err;
	web_chart_days(h, rows, w);
	json_decref(rows);
	w->f.limit = WEB_TOP;
	for (size_t i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
		err = store_top(p->store, &w->f, tops[i].dim, &rows);
		if (err)
			return err;
		web_chart_top(h, tops[i].caption, rows, tops[i].key, w);
		json_decref(rows);
	}
	return NULL;
}

void web_dashboard(const struct web_page *p, struct server_response *r)
{
	struct lsg_error *err;
	struct web_filter w;
	struct html h;

	web_filter_parse(p->req, &w);
	if (!w.days && w.f.since == STORE_TIME_NONE) {
		w.days = WEB_DAYS_DEFAULT;
		w.f.since = (int64_t)time(NULL) / 86400 * 86400 -
			    (w.days - 1) * 86400;
	}
	if (html_open(&h)) {
		html_nomem(r);
		return;
	}
	html_head(&h, "Fleet dashboard", p->session);
	html_raw(&h, "<h1>Fleet dashboard</h1>");
	filter_form(&h, "/", &w);
	err = dashboard_figures(&h, p, &w);
	if (err) {
		html_close(&h);
		web_store_failed(p, err, r);
		return;
	}
	html_foot(&h);
	html_finish(&h, 200, r);
}

/* ---- lists ---- */

/*
 * Begin the page titled @title over @list, fetched with @err: 0 with @h
 * open and its head written, else -1 with @r the answer (@list freed).
 */
static int list_page(const struct web_page *p, struct lsg_error *err,
		     json_t *list, const char *title, struct html *h,
		     struct server_response *r)
{
	if (err) {
		web_store_failed(p, err, r);
		return -1;
	}
	if (html_open(h)) {
		json_decref(list);
		html_nomem(r);
		return -1;
	}
	html_head(h, title, p->session);
	html_raw(h, "<h1>%s</h1>", title);
	return 0;
}

void web_crashes(const struct web_page *p, struct server_response *r)
{
	struct lsg_error *err;
	struct web_filter w;
	struct html h;
	json_t *list;

	web_filter_parse(p->req, &w);
	w.f.limit = WEB_PAGE_ROWS;
	w.f.offset = (unsigned)(w.page * WEB_PAGE_ROWS);
	err = store_list(p->store, &w.f, &list);
	if (list_page(p, err, list, "Crashes", &h, r))
		return;
	filter_form(&h, "/crashes", &w);
	web_crash_table(&h, list);
	web_pager(&h, "/crashes", &w, json_array_size(list));
	html_foot(&h);
	html_finish(&h, 200, r);
	json_decref(list);
}

static int signature_valid(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static void group_head(struct html *h, const json_t *g)
{
	html_raw(h, "<h1>");
	html_text(h, web_str(g, "title") ?: "(no crash found)");
	html_raw(h, "</h1><dl class=\"facts\"><dt>Signature</dt><dd><code>");
	html_text(h, web_str(g, "value"));
	html_raw(h, "</code></dd><dt>Crashes</dt><dd>%lld</dd>"
		 "<dt>First seen</dt><dd>", web_int(g, "count"));
	html_time(h, web_int(g, "first_seen"));
	html_raw(h, "</dd><dt>Last seen</dt><dd>");
	html_time(h, web_int(g, "last_seen"));
	html_raw(h, "</dd></dl>");
}

void web_group(const struct web_page *p, struct server_response *r)
{
	json_t *top = NULL, *list = NULL;
	struct web_filter w;
	struct lsg_error *err;
	char path[80];
	struct html h;

	if (!signature_valid(p->param)) {
		web_error_page(p, 404, "no such group", r);
		return;
	}
	web_filter_parse(p->req, &w);
	w.f = (struct store_filter){
		.signature = p->param, .limit = 1,
		.since = STORE_TIME_NONE, .until = STORE_TIME_NONE,
	};
	w.days = 0;
	err = store_top(p->store, &w.f, STORE_DIM_SIGNATURE, &top);
	w.f.limit = WEB_PAGE_ROWS;
	w.f.offset = (unsigned)(w.page * WEB_PAGE_ROWS);
	if (!err)
		err = store_list(p->store, &w.f, &list);
	if (err) {
		json_decref(top);
		web_store_failed(p, err, r);
		return;
	}
	if (!json_array_size(top)) {
		json_decref(top);
		json_decref(list);
		web_error_page(p, 404, "no such group", r);
		return;
	}
	if (html_open(&h)) {
		html_nomem(r);
	} else {
		html_head(&h, "Group", p->session);
		group_head(&h, json_array_get(top, 0));
		html_raw(&h, "<h2>Crashes in this group</h2>");
		web_crash_table(&h, list);
		snprintf(path, sizeof(path), "/groups/%s", p->param);
		web_pager(&h, path, &w, json_array_size(list));
		html_foot(&h);
		html_finish(&h, 200, r);
	}
	json_decref(top);
	json_decref(list);
}

/* ---- label queue ---- */

void web_label_form(struct html *h, const char *id, const char *cur,
		    const char *csrf, const char *next)
{
	html_raw(h, "<form class=\"label\" method=\"post\" action=\"/crashes/");
	html_text(h, id);
	html_raw(h, "/label\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		 csrf);
	if (next)
		html_raw(h, "<input type=\"hidden\" name=\"next\" value=\"%s\">",
			 next);
	html_raw(h, "<select name=\"class\" aria-label=\"root cause\" required>"
		 "<option value=\"\"%s>root cause…</option>",
		 cur && store_class_valid(cur) ? "" : " selected");
	for (size_t i = 0; i < STORE_NCLASSES; i++)
		html_raw(h, "<option%s>%s</option>",
			 cur && !strcmp(cur, store_classes[i]) ?
			 " selected" : "", store_classes[i]);
	html_raw(h, "</select><button>Label</button></form>");
}

static void queue_rows(struct html *h, const json_t *list, const char *csrf)
{
	size_t i;
	json_t *c;

	html_raw(h, "<table class=\"queue\"><thead><tr><th>Crash</th>"
		 "<th>Predicted</th><th>Unlabeled in group</th><th>Host</th>"
		 "<th>Label</th></tr></thead><tbody>");
	json_array_foreach(list, i, c) {
		html_raw(h, "<tr><td><a class=\"crash\" href=\"/crashes/");
		html_text(h, web_str(c, "id"));
		html_raw(h, "\">");
		html_text(h, web_str(c, "title") ?: "(no crash found)");
		html_raw(h, "</a></td><td>");
		html_text(h, web_str(c, "class") ?: "—");
		html_raw(h, "</td><td>%lld</td><td>", web_int(c, "group_count"));
		html_text(h, web_str(c, "host"));
		html_raw(h, "</td><td>");
		web_label_form(h, web_str(c, "id"), web_str(c, "class"), csrf,
			       "/labels");
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

void web_labels(const struct web_page *p, struct server_response *r)
{
	struct lsg_error *err;
	struct web_filter w;
	struct html h;
	json_t *list;

	web_filter_parse(p->req, &w);
	err = store_label_queue(p->store, WEB_PAGE_ROWS,
				(unsigned)(w.page * WEB_PAGE_ROWS), &list);
	if (list_page(p, err, list, "Label queue", &h, r))
		return;
	html_raw(&h, "<p>One unlabeled crash per group: "
		 "groups without a predicted class first, then the largest.</p>");
	if (p->notice) {
		html_raw(&h, "<p class=\"notice\">");
		html_text(&h, p->notice);
		html_raw(&h, "</p>");
	}
	if (json_array_size(list))
		queue_rows(&h, list, p->session->csrf);
	else
		html_raw(&h, "<p class=\"empty\">Nothing left to label.</p>");
	w = (struct web_filter){ .page = w.page, .f.since = STORE_TIME_NONE,
				 .f.until = STORE_TIME_NONE };
	web_pager(&h, "/labels", &w, json_array_size(list));
	html_foot(&h);
	html_finish(&h, 200, r);
	json_decref(list);
}

/* ---- sign-in ---- */

void web_login(const struct web_page *p, unsigned status,
	       struct server_response *r)
{
	const char *next = web_query_arg(p->req, "next");
	struct html h;

	if (html_open(&h)) {
		html_nomem(r);
		return;
	}
	html_head(&h, "Sign in", NULL);
	html_raw(&h, "<h1>Sign in</h1>");
	if (p->notice) {
		html_raw(&h, "<p class=\"error\" id=\"notice\">");
		html_text(&h, p->notice);
		html_raw(&h, "</p>");
	}
	html_raw(&h, "<form class=\"login\" method=\"post\" action=\"/login\">"
		 "<label>Operator token <input type=\"password\" name=\"token\""
		 " autocomplete=\"current-password\" required></label>"
		 "<input type=\"hidden\" name=\"next\" value=\"");
	html_text(&h, web_local_path(next) ? next : "/");
	html_raw(&h, "\"><button>Sign in</button></form>");
	html_foot(&h);
	html_finish(&h, status, r);
}
