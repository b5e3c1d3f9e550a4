/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SVG charts drawn on the server: no script, and every mark is a link to
 * the crashes behind it.  Colours are presentation attributes, which the
 * page's Content-Security-Policy (no inline style) allows.
 */
#include <stdlib.h>
#include <string.h>

#include "web_internal.h"

enum {
	KEYS_MAX = 8,		/* series drawn; the rest is "other" */
	SLOTS_MAX = 120,	/* bars at most: longer ranges group days */
	CHART_W = 960, CHART_H = 240, PAD_L = 40, PAD_B = 24, PAD_T = 8,
	DAY = 86400,
};

static const char *const palette[KEYS_MAX + 1] = {
	"#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7",
	"#a463f2", "#97bbf5", "#9c6b4e",
};

/* A series: a class, or (no class) a title type. */
struct series {
	char key[WEB_TITLE_TYPE_MAX];
	int is_class;
	long long total;
};

struct days_chart {
	struct series keys[KEYS_MAX + 1];	/* the last: "other" */
	size_t nkeys;
	long long first, last, bucket;		/* days, as unix seconds */
	long long (*counts)[KEYS_MAX + 1];	/* [slot][key] */
	size_t nslots;
	long long max;
};

static void row_key(const json_t *row, struct series *ret)
{
	const char *cls = web_str(row, "class");

	ret->is_class = cls != NULL;
	if (cls)
		snprintf(ret->key, sizeof(ret->key), "%s", cls);
	else
		web_title_type(web_str(row, "title"), ret->key);
}

/* The series by total, largest first; all beyond KEYS_MAX are "other". */
static int series_cmp(const void *a, const void *b)
{
	const struct series *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->key, y->key);
}

static struct series *all_series(const json_t *rows, size_t *ret_n)
{
	struct series *all = calloc(json_array_size(rows) + 1, sizeof(*all));
	size_t n = 0, i, j;
	json_t *row;

	if (!all)
		return NULL;
	json_array_foreach(rows, i, row) {
		struct series s;

		row_key(row, &s);
		for (j = 0; j < n; j++)
			if (all[j].is_class == s.is_class &&
			    !strcmp(all[j].key, s.key))
				break;
		if (j == n)
			all[n++] = s;
		all[j].total += web_int(row, "count");
	}
	qsort(all, n, sizeof(*all), series_cmp);
	*ret_n = n;
	return all;
}

static size_t key_index(const struct days_chart *c, const json_t *row)
{
	struct series s;

	row_key(row, &s);
	for (size_t k = 0; k < c->nkeys && k < KEYS_MAX; k++)
		if (c->keys[k].is_class == s.is_class &&
		    !strcmp(c->keys[k].key, s.key))
			return k;
	return KEYS_MAX;
}

static void chart_range(struct days_chart *c, const json_t *rows,
			const struct web_filter *w)
{
	size_t n = json_array_size(rows);

	c->first = web_int(json_array_get(rows, 0), "day");
	c->last = web_int(json_array_get(rows, n - 1), "day");
	/* A range of up to a year is drawn whole, a longer one from its data. */
	if (w->f.since != STORE_TIME_NONE &&
	    (w->f.since > c->first || c->last - w->f.since <= 366 * DAY))
		c->first = w->f.since / DAY * DAY;
	if (w->days && c->first + (w->days - 1) * DAY <= c->last + 366 * DAY &&
	    c->first + (w->days - 1) * DAY > c->last)
		c->last = c->first + (w->days - 1) * DAY;
	if (c->last < c->first)
		c->last = c->first;
	c->bucket = ((c->last - c->first) / DAY / SLOTS_MAX + 1) * DAY;
	c->nslots = (size_t)((c->last - c->first) / c->bucket + 1);
}

static int chart_fill(struct days_chart *c, const json_t *rows,
		      const struct web_filter *w)
{
	struct series *all;
	size_t n, i;
	json_t *row;

	all = all_series(rows, &n);
	if (!all)
		return -1;
	c->nkeys = n > KEYS_MAX ? KEYS_MAX + 1 : n;
	memcpy(c->keys, all, (n > KEYS_MAX ? KEYS_MAX : n) * sizeof(*all));
	if (n > KEYS_MAX)
		snprintf(c->keys[KEYS_MAX].key, WEB_TITLE_TYPE_MAX, "other");
	free(all);
	chart_range(c, rows, w);
	c->counts = calloc(c->nslots, sizeof(*c->counts));
	if (!c->counts)
		return -1;
	json_array_foreach(rows, i, row) {
		long long d = web_int(row, "day"), slot;

		if (d < c->first || d > c->last)
			continue;
		slot = (d - c->first) / c->bucket;
		c->counts[slot][key_index(c, row)] += web_int(row, "count");
	}
	for (i = 0; i < c->nslots; i++) {
		long long sum = 0;

		for (size_t k = 0; k <= KEYS_MAX; k++)
			sum += c->counts[i][k];
		if (sum > c->max)
			c->max = sum;
	}
	return 0;
}

/* The link of series @k's crashes from @since to @until. */
static void segment_href(struct html *h, const struct days_chart *c,
			 size_t k, long long since, long long until,
			 const struct web_filter *w)
{
	struct web_filter lw = *w;

	lw.days = 0;
	lw.f.since = since;
	lw.f.until = until;
	html_raw(h, "/crashes?");
	if (k < KEYS_MAX) {
		html_raw(h, c->keys[k].is_class ? "class=" : "title=");
		html_url(h, c->keys[k].key);
	}
	web_filter_query(h, &lw, c->keys[k].is_class ? "class" : "title");
}

static void draw_slot(struct html *h, const struct days_chart *c, size_t i,
		      const struct web_filter *w)
{
	double bw = (double)(CHART_W - PAD_L) / (double)c->nslots;
	double plot = CHART_H - PAD_B - PAD_T, y = CHART_H - PAD_B;
	long long since = c->first + (long long)i * c->bucket;

	for (size_t k = 0; k <= KEYS_MAX; k++) {
		double hgt;

		if (!c->counts[i][k])
			continue;
		hgt = plot * (double)c->counts[i][k] / (double)c->max;
		y -= hgt;
		html_raw(h, "<a href=\"");
		segment_href(h, c, k, since, since + c->bucket - 1, w);
		html_raw(h, "\"><rect class=\"bar\" x=\"%.1f\" y=\"%.1f\""
			 " width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
			 PAD_L + bw * (double)i + 1, y, bw > 3 ? bw - 2 : bw,
			 hgt, palette[k]);
		html_time(h, since);
		html_raw(h, ": ");
		html_text(h, c->keys[k].key);
		html_raw(h, " — %lld</title></rect></a>", c->counts[i][k]);
	}
}

static void chart_axes(struct html *h, const struct days_chart *c)
{
	html_raw(h, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
		 " stroke=\"#888\"/>", PAD_L, CHART_H - PAD_B, CHART_W,
		 CHART_H - PAD_B);
	html_raw(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>"
		 "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>",
		 PAD_L - 4, PAD_T + 10, c->max, PAD_L - 4, CHART_H - PAD_B);
	html_raw(h, "<text x=\"%d\" y=\"%d\">", PAD_L, CHART_H - 6);
	html_time(h, c->first);
	html_raw(h, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		 CHART_W, CHART_H - 6);
	html_time(h, c->last);
	html_raw(h, "</text>");
}

static void chart_legend(struct html *h, const struct days_chart *c,
			 const struct web_filter *w)
{
	html_raw(h, "<ul class=\"legend\">");
	for (size_t k = 0; k < c->nkeys; k++) {
		long long total = 0;

		for (size_t i = 0; i < c->nslots; i++)
			total += c->counts[i][k];
		html_raw(h, "<li><svg width=\"12\" height=\"12\"><rect"
			 " width=\"12\" height=\"12\" fill=\"%s\"/></svg>"
			 "<a href=\"", palette[k]);
		segment_href(h, c, k, c->first, c->last + DAY - 1, w);
		html_raw(h, "\">");
		html_text(h, c->keys[k].key);
		html_raw(h, "</a> %lld</li>", total);
	}
	html_raw(h, "</ul>");
}

void web_chart_days(struct html *h, const json_t *rows,
		    const struct web_filter *w)
{
	struct days_chart c = { .nkeys = 0 };

	html_raw(h, "<section class=\"chart\"><h2>Crashes over time, by class"
		 " (by title type where there is no class)</h2>");
	if (!json_array_size(rows)) {
		html_raw(h, "<p class=\"empty\">No crashes in this range.</p>"
			 "</section>");
		return;
	}
	if (chart_fill(&c, rows, w)) {
		html_raw(h, "<p class=\"error\">Out of memory.</p></section>");
		free(c.counts);
		return;
	}
	html_raw(h, "<svg id=\"timeline\" viewBox=\"0 0 %d %d\" role=\"img\""
		 " aria-label=\"crashes per day\">", CHART_W, CHART_H);
	for (size_t i = 0; i < c.nslots; i++)
		draw_slot(h, &c, i, w);
	chart_axes(h, &c);
	html_raw(h, "</svg>");
	chart_legend(h, &c, w);
	html_raw(h, "</section>");
	free(c.counts);
}

static void top_href(struct html *h, const char *key, const char *value,
		     const struct web_filter *w)
{
	if (!strcmp(key, "signature")) {
		html_raw(h, "/groups/");
		html_url(h, value);
		return;
	}
	html_raw(h, "/crashes?%s=", key);
	html_url(h, value);
	web_filter_query(h, w, key);
}

static void top_row(struct html *h, const json_t *row, size_t i,
		    long long max, const char *key, const struct web_filter *w)
{
	const char *v = web_str(row, "value");
	long long n = web_int(row, "count");

	html_raw(h, "<tr><td><a href=\"");
	top_href(h, key, v, w);
	html_raw(h, "\">");
	html_text(h, !strcmp(key, "signature") ?
		  web_str(row, "title") ?: "(no crash found)" : v);
	html_raw(h, "</a></td><td class=\"bar\"><svg viewBox=\"0 0 200 14\""
		 " width=\"200\" height=\"14\"><rect width=\"%.1f\""
		 " height=\"14\" fill=\"%s\"/></svg></td><td class=\"num\">"
		 "<a href=\"/crashes?%s=", 200.0 * (double)n / (double)max,
		 palette[i % KEYS_MAX], key);
	html_url(h, v);
	web_filter_query(h, w, key);
	html_raw(h, "\">%lld</a></td><td>", n);
	html_time(h, web_int(row, "first_seen"));
	html_raw(h, "</td><td>");
	html_time(h, web_int(row, "last_seen"));
	html_raw(h, "</td></tr>");
}

void web_chart_top(struct html *h, const char *caption, const json_t *rows,
		   const char *key, const struct web_filter *w)
{
	long long max = web_int(json_array_get(rows, 0), "count");
	size_t i;
	json_t *row;

	html_raw(h, "<section class=\"top\" id=\"top-%s\"><h2>%s</h2>", key,
		 caption);
	if (!max) {
		html_raw(h, "<p class=\"empty\">None.</p></section>");
		return;
	}
	html_raw(h, "<table><thead><tr><th></th><th></th><th>Crashes</th>"
		 "<th>First seen</th><th>Last seen</th></tr></thead><tbody>");
	json_array_foreach(rows, i, row)
		top_row(h, row, i, max, key, w);
	html_raw(h, "</tbody></table></section>");
}
