/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crash page: what the report says (title, class, summary, events with
 * their symbolized stacks), the full log from the stored bundle with the
 * fault-indicating and event lines marked and the rest collapsed, the
 * machine's facts, and the crashes of the same group.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "wire.h"
#include "web_internal.h"

enum {
	CONTEXT = 2,		/* lines shown around a marked one */
	COLLAPSE_MIN = 4,	/* shorter runs of noise stay open */
	SIMILAR = 10,
};

enum mark { M_NOISE, M_CONTEXT, M_EVENT, M_FAULT };

/* Report members drawn by their own sections; the rest go to "More". */
static const char *const known_members[] = {
	"title", "syz_title", "corrupted", "guilty_file", "maintainers",
	"signature", "root_cause", "fault_lines", "summary", "events",
	"kernel", "host", "timings_ms", "symbolized",
};

/* A JSON value as text: strings bare, the rest as compact JSON. */
static void json_value(struct html *h, const json_t *v)
{
	char *s;

	if (json_is_string(v)) {
		html_text(h, json_string_value(v));
		return;
	}
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	html_raw(h, "<code>");
	html_text(h, s ? s : "?");
	html_raw(h, "</code>");
	free(s);
}

/* Every member of @o as a definition list; nothing when @o is empty. */
static void json_facts(struct html *h, const char *id, const json_t *o)
{
	const char *k;
	json_t *v;

	if (!json_object_size(o)) {
		html_raw(h, "<p class=\"empty\">None.</p>");
		return;
	}
	html_raw(h, "<dl class=\"facts\" id=\"%s\">", id);
	json_object_foreach((json_t *)(uintptr_t)o, k, v) {
		html_raw(h, "<dt>");
		html_text(h, k);
		html_raw(h, "</dt><dd>");
		json_value(h, v);
		html_raw(h, "</dd>");
	}
	html_raw(h, "</dl>");
}

static void fact(struct html *h, const char *name, const json_t *v)
{
	if (!v || json_is_null(v))
		return;
	html_raw(h, "<dt>%s</dt><dd>", name);
	json_value(h, v);
	html_raw(h, "</dd>");
}

static void crash_summary(struct html *h, const json_t *c, const json_t *rep)
{
	const json_t *rc = json_object_get(rep, "root_cause");
	const char *sig = web_str(c, "signature");

	html_raw(h, "<dl class=\"facts\" id=\"summary-facts\">");
	fact(h, "Label", json_object_get(c, "label"));
	fact(h, "Class", json_object_get(rc, "class"));
	fact(h, "Confidence", json_object_get(rc, "confidence"));
	fact(h, "Cause event", json_object_get(rc, "cause_event"));
	fact(h, "Guilty file", json_object_get(rep, "guilty_file"));
	fact(h, "Maintainers", json_object_get(rep, "maintainers"));
	fact(h, "Host", json_object_get(c, "host"));
	fact(h, "Kernel", json_object_get(c, "kernel"));
	if (sig) {
		html_raw(h, "<dt>Group</dt><dd><a href=\"/groups/");
		html_url(h, sig);
		html_raw(h, "\"><code>");
		html_text(h, sig);
		html_raw(h, "</code></a></dd>");
	}
	html_raw(h, "<dt>Received</dt><dd>");
	html_time(h, web_int(c, "received_at"));
	html_raw(h, "</dd></dl>");
	if (json_object_get(rep, "summary") &&
	    !json_is_null(json_object_get(rep, "summary"))) {
		html_raw(h, "<section id=\"summary\"><h2>Summary</h2><p>");
		json_value(h, json_object_get(rep, "summary"));
		html_raw(h, "</p></section>");
	}
}

/* ---- stacks ---- */

static void frame_row(struct html *h, const json_t *f)
{
	const char *file = web_str(f, "file");
	int reliable = !json_is_false(json_object_get(f, "reliable"));

	html_raw(h, "<tr class=\"%s\"><td class=\"func\">",
		 reliable ? "frame" : "frame unreliable");
	html_raw(h, reliable ? "" : "? ");
	html_text(h, web_str(f, "func"));
	if (web_str(f, "offset")) {
		html_raw(h, "+");
		html_text(h, web_str(f, "offset"));
	}
	html_raw(h, "%s</td><td class=\"src\">",
		 json_is_true(json_object_get(f, "inlined")) ?
		 " <small class=\"inlined\">inlined</small>" : "");
	if (file) {
		html_text(h, file);
		if (web_int(f, "line"))
			html_raw(h, ":%lld", web_int(f, "line"));
	}
	html_raw(h, "</td><td class=\"mod\">");
	html_text(h, web_str(f, "module"));
	html_raw(h, "</td></tr>");
}

static void event_stacks(struct html *h, const json_t *ev)
{
	const json_t *stack, *f;
	size_t i, j;

	json_array_foreach(json_object_get(ev, "stacks"), i, stack) {
		html_raw(h, "<table class=\"stack\"><caption>");
		html_text(h, web_str(stack, "context"));
		html_raw(h, "</caption><tbody>");
		json_array_foreach(json_object_get(stack, "frames"), j, f)
			frame_row(h, f);
		html_raw(h, "</tbody></table>");
	}
}

static void events(struct html *h, const json_t *rep)
{
	const json_t *ev;
	size_t i;

	html_raw(h, "<section id=\"events\"><h2>Events</h2>");
	json_array_foreach(json_object_get(rep, "events"), i, ev) {
		int fatal = json_is_true(json_object_get(ev, "fatal"));

		/* The fatal event open; the others folded under their title. */
		html_raw(h, "<details class=\"event%s\"%s><summary>",
			 fatal ? " fatal" : "", fatal ? " open" : "");
		html_text(h, web_str(ev, "title"));
		html_raw(h, "%s</summary><p class=\"meta\">",
			 fatal ? " <span class=\"badge\">fatal</span>" : "");
		html_text(h, web_str(ev, "type"));
		html_raw(h, " · cpu %lld · pid %lld ", web_int(ev, "cpu"),
			 web_int(ev, "pid"));
		html_text(h, web_str(ev, "comm"));
		html_raw(h, " · taint ");
		html_text(h, web_str(ev, "taint"));
		html_raw(h, " · <a href=\"#seq-%lld\">log line %lld</a></p>",
			 web_int(ev, "seq"), web_int(ev, "seq"));
		event_stacks(h, ev);
		html_raw(h, "</details>");
	}
	if (!json_array_size(json_object_get(rep, "events")))
		html_raw(h, "<p class=\"empty\">No crash event found.</p>");
	html_raw(h, "</section>");
}

/* ---- the log ---- */

static int find_rec(const struct lsg_log *log, uint64_t seq, size_t *ret)
{
	size_t lo = 0, hi = log->nrecs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (log->recs[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	*ret = lo;
	return lo < log->nrecs && log->recs[lo].seq == seq;
}

static void mark_range(const struct lsg_log *log, unsigned char *marks,
		       uint64_t first, uint64_t last, enum mark m)
{
	size_t i;

	find_rec(log, first, &i);
	for (; i < log->nrecs && log->recs[i].seq <= last; i++)
		if (marks[i] < m)
			marks[i] = m;
}

static unsigned char *log_marks(const struct lsg_log *log, const json_t *rep)
{
	unsigned char *marks = calloc(log->nrecs + 1, 1);
	const json_t *v;
	size_t i;

	if (!marks)
		return NULL;
	json_array_foreach(json_object_get(rep, "events"), i, v)
		mark_range(log, marks, (uint64_t)web_int(v, "first_seq"),
			   (uint64_t)web_int(v, "last_seq"), M_EVENT);
	json_array_foreach(json_object_get(rep, "fault_lines"), i, v)
		mark_range(log, marks, (uint64_t)web_int(v, "seq"),
			   (uint64_t)web_int(v, "seq"), M_FAULT);
	for (i = 0; i < log->nrecs; i++) {
		if (marks[i] < M_EVENT)
			continue;
		for (size_t j = i > CONTEXT ? i - CONTEXT : 0;
		     j <= i + CONTEXT && j < log->nrecs; j++)
			if (marks[j] == M_NOISE)
				marks[j] = M_CONTEXT;
	}
	return marks;
}

static void log_line(struct html *h, const struct lsg_log *log, size_t i,
		     enum mark m)
{
	static const char *const cls[] = {
		[M_NOISE] = "l", [M_CONTEXT] = "l",
		[M_EVENT] = "l event", [M_FAULT] = "l fault",
	};
	const struct lsg_record *r = &log->recs[i];

	html_raw(h, "<div class=\"%s\" id=\"seq-%llu\"><span class=\"ts\">"
		 "[%5llu.%06llu]</span> ", cls[m], (unsigned long long)r->seq,
		 (unsigned long long)(r->ts_nsec / 1000000000),
		 (unsigned long long)(r->ts_nsec % 1000000000 / 1000));
	html_textn(h, lsg_log_text(log, i), r->text_len);
	html_raw(h, "</div>");
}

static void log_lines(struct html *h, const struct lsg_log *log,
		      const unsigned char *marks)
{
	size_t i = 0;

	while (i < log->nrecs) {
		size_t end = i;

		while (end < log->nrecs && marks[end] == M_NOISE)
			end++;
		if (end - i >= COLLAPSE_MIN) {
			html_raw(h, "<details class=\"noise\"><summary>%zu"
				 " lines</summary>", end - i);
			for (; i < end; i++)
				log_line(h, log, i, M_NOISE);
			html_raw(h, "</details>");
		}
		for (; i < log->nrecs && (i < end || marks[i] != M_NOISE); i++)
			log_line(h, log, i, (enum mark)marks[i]);
	}
}

static void full_log(struct html *h, const struct ingest_bundle *b,
		     const json_t *rep)
{
	unsigned char *marks;

	html_raw(h, "<section id=\"log\"><h2>Log</h2><p class=\"meta\">"
		 "%zu lines; fault-indicating lines and crash events marked,"
		 " the rest collapsed.</p><div class=\"log\">", b->log.nrecs);
	marks = log_marks(&b->log, rep);
	if (marks)
		log_lines(h, &b->log, marks);
	else
		html_raw(h, "<p class=\"error\">Out of memory.</p>");
	free(marks);
	html_raw(h, "</div></section>");
}

/* ---- the page ---- */

static void machine(struct html *h, const struct ingest_bundle *b,
		    const json_t *rep)
{
	const json_t *crash = b ? b->crash : NULL;
	const json_t *rec = json_object_get(crash, "record");

	html_raw(h, "<section id=\"machine\"><h2>Registers</h2>");
	json_facts(h, "regs", json_object_get(crash, "regs"));
	html_raw(h, "<h2>Kernel</h2>");
	json_facts(h, "kernel", json_object_get(rep, "kernel"));
	html_raw(h, "<h2>Host</h2>");
	json_facts(h, "host", json_object_get(rep, "host"));
	html_raw(h, "<h2>Crash record (logsage.ko)</h2>");
	if (json_is_object(rec))
		json_facts(h, "record", rec);
	else
		html_raw(h, "<p class=\"empty\">None in this bundle.</p>");
	html_raw(h, "</section>");
}

static void more_members(struct html *h, const json_t *rep)
{
	json_t *more = json_object();
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)(uintptr_t)rep, k, v) {
		size_t i, n = sizeof(known_members) / sizeof(known_members[0]);

		for (i = 0; i < n && strcmp(k, known_members[i]); i++)
			;
		if (i == n && more)
			json_object_set(more, k, v);
	}
	if (json_object_size(more)) {
		html_raw(h, "<section id=\"more\"><h2>More</h2>");
		json_facts(h, "more-facts", more);
		html_raw(h, "</section>");
	}
	json_decref(more);
}

static void similar(struct html *h, const struct web_page *p,
		    const json_t *c)
{
	struct store_filter f = {
		.signature = web_str(c, "signature"), .limit = SIMILAR + 1,
		.since = STORE_TIME_NONE, .until = STORE_TIME_NONE,
	};
	json_t *list = NULL, *out = json_array(), *o;
	struct lsg_error *err = NULL;
	size_t i;

	html_raw(h, "<section id=\"similar\"><h2>Similar crashes (same"
		 " group)</h2>");
	if (f.signature)
		err = store_list(p->store, &f, &list);
	json_array_foreach(list, i, o)
		if (out && strcmp(web_str(o, "id"), p->param))
			json_array_append(out, o);
	if (err) {
		html_raw(h, "<p class=\"error\">");
		html_text(h, err->message);
		html_raw(h, "</p>");
		lsg_error_destroy(err);
	} else {
		web_crash_table(h, out);
	}
	html_raw(h, "</section>");
	json_decref(list);
	json_decref(out);
}

/* The stored bundle, decoded; NULL (said on the page) when it cannot be. */
static struct ingest_bundle *load_bundle(struct html *h,
					 const struct web_page *p,
					 struct ingest_bundle *b)
{
	struct lsg_error *err;
	enum ingest_reason why;
	size_t len = 0;
	void *raw = NULL;

	err = store_get_bundle(p->store, p->param, &raw, &len);
	if (!err && raw)
		err = ingest_decode(raw, len, NULL, &why, b);
	free(raw);
	if (!err)
		return b;
	html_raw(h, "<p class=\"error\">The stored bundle cannot be read: ");
	html_text(h, err->message);
	html_raw(h, "</p>");
	lsg_error_destroy(err);
	return NULL;
}

static void crash_body(struct html *h, const struct web_page *p,
		       const json_t *c)
{
	const json_t *rep = json_object_get(c, "report");
	struct ingest_bundle bundle, *b;

	html_raw(h, "<h1 id=\"title\">");
	html_text(h, web_str(rep, "title") ?: "(no crash found)");
	html_raw(h, "</h1><p class=\"downloads\"><a href=\"/crashes/%s/bundle\">"
		 "Download the bundle</a> · <a href=\"/api/v1/crashes/%s\">"
		 "JSON report</a></p>", p->param, p->param);
	crash_summary(h, c, rep);
	web_label_form(h, p->param, web_str(c, "label") ?: web_str(c, "class"),
		       p->session->csrf, NULL);
	events(h, rep);
	b = load_bundle(h, p, &bundle);
	if (b)
		full_log(h, b, rep);
	machine(h, b, rep);
	more_members(h, rep);
	similar(h, p, c);
	if (b)
		ingest_bundle_deinit(b);
}

void web_crash(const struct web_page *p, struct server_response *r)
{
	struct lsg_error *err;
	json_t *c = NULL;
	struct html h;

	err = wire_id_valid(p->param, strlen(p->param)) ? store_get(p->store, p->param, &c) : NULL;
	if (err) {
		web_store_failed(p, err, r);
		return;
	}
	if (!c) {
		web_error_page(p, 404, "no such crash", r);
		return;
	}
	if (html_open(&h)) {
		json_decref(c);
		html_nomem(r);
		return;
	}
	html_head(&h, web_str(json_object_get(c, "report"), "title") ?:
		  "Crash", p->session);
	crash_body(&h, p, c);
	html_foot(&h);
	html_finish(&h, 200, r);
	json_decref(c);
}
