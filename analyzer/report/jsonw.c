/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The rules are jansson 2.14's dump.c with JSON_COMPACT (tests/unit/
 * test_jsonw.c compares the two on real reports and random values).  The
 * process never calls setlocale(), so the decimal point is always '.' and
 * jansson's locale fix-up of reals has nothing to do.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "utf8.h"

/* Enough for a report: most are written without growing. */
enum { JSONW_FIRST_CAP = 16384 };

/* The text so far; after the first error nothing more is written. */
struct jsonw {
	char *buf;
	size_t len, cap;
	struct lsg_error *err;
};

static void fail(struct jsonw *w, struct lsg_error *err)
{
	if (!w->err)
		w->err = err;
	else
		lsg_error_destroy(err);
}

static int grow(struct jsonw *w, size_t n)
{
	size_t cap = w->cap ? w->cap : JSONW_FIRST_CAP;
	char *p;

	while (cap - w->len < n) {
		if (cap > SIZE_MAX / 2)
			goto nomem;
		cap *= 2;
	}
	p = realloc(w->buf, cap);
	if (!p)
		goto nomem;
	w->buf = p;
	w->cap = cap;
	return 0;
nomem:
	fail(w, &lsg_enomem);
	return -1;
}

static void put(struct jsonw *w, const char *s, size_t n)
{
	if (w->err || (w->cap - w->len < n && grow(w, n)))
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

/* jansson's escapes: two characters where JSON has them, else \u00XX. */
static void put_escape(struct jsonw *w, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	const char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

	switch (c) {
	case '\\': put(w, "\\\\", 2); break;
	case '"': put(w, "\\\"", 2); break;
	case '\b': put(w, "\\b", 2); break;
	case '\f': put(w, "\\f", 2); break;
	case '\n': put(w, "\\n", 2); break;
	case '\r': put(w, "\\r", 2); break;
	case '\t': put(w, "\\t", 2); break;
	default: put(w, u, sizeof(u)); break;
	}
}

/* Bytes of a UTF-8 sequence are never below 0x80: a byte test is enough. */
static void put_string(struct jsonw *w, const char *s, size_t len)
{
	size_t run = 0;

	if (!utf8_valid(s, len)) {
		fail(w, lsg_error_create(LSG_ERR_INVALID,
					 "json: a string is not UTF-8"));
		return;
	}
	put(w, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(w, s + run, i - run);
		put_escape(w, c);
		run = i + 1;
	}
	put(w, s + run, len - run);
	put(w, "\"", 1);
}

static void put_int(struct jsonw *w, json_int_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(buf + sizeof(buf) - p));
}

/*
 * jansson's jsonp_dtostr() at its default precision: "%.17g", ".0" added
 * when that would read back as an integer, and the exponent without its
 * '+' or leading zeros.
 */
static void put_real(struct jsonw *w, double d)
{
	char buf[64], *start, *end;
	int n = snprintf(buf, sizeof(buf) - 2, "%.17g", d);
	size_t len;

	if (n < 0 || (size_t)n >= sizeof(buf) - 2) {
		fail(w, lsg_error_create(LSG_ERR_INVALID, "json: real %g", d));
		return;
	}
	len = (size_t)n;
	if (!strchr(buf, '.') && !strchr(buf, 'e')) {
		memcpy(buf + len, ".0", 3);
		len += 2;
	}
	start = strchr(buf, 'e');
	if (start) {
		end = ++start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		memmove(start, end, len - (size_t)(end - buf) + 1);
		len -= (size_t)(end - start);
	}
	put(w, buf, len);
}

static void put_value(struct jsonw *w, const json_t *v, unsigned depth);

static void put_object(struct jsonw *w, const json_t *v, unsigned depth)
{
	json_t *o = (json_t *)(uintptr_t)v;	/* the iterators read only */
	void *it = json_object_iter(o);

	put(w, "{", 1);
	while (it) {
		void *next = json_object_iter_next(o, it);

		put_string(w, json_object_iter_key(it),
			   json_object_iter_key_len(it));
		put(w, ":", 1);
		put_value(w, json_object_iter_value(it), depth + 1);
		if (next)
			put(w, ",", 1);
		it = next;
	}
	put(w, "}", 1);
}

static void put_array(struct jsonw *w, const json_t *v, unsigned depth)
{
	size_t n = json_array_size(v);

	put(w, "[", 1);
	for (size_t i = 0; i < n; i++) {
		if (i)
			put(w, ",", 1);
		put_value(w, json_array_get(v, i), depth + 1);
	}
	put(w, "]", 1);
}

static void put_value(struct jsonw *w, const json_t *v, unsigned depth)
{
	if (w->err)
		return;
	if (!v || depth > JSONW_MAX_DEPTH) {
		fail(w, lsg_error_create(LSG_ERR_INVALID,
					 "json: %s", v ? "nested too deep" :
					 "no value"));
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: put_object(w, v, depth); break;
	case JSON_ARRAY: put_array(w, v, depth); break;
	case JSON_STRING:
		put_string(w, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER: put_int(w, json_integer_value(v)); break;
	case JSON_REAL: put_real(w, json_real_value(v)); break;
	case JSON_TRUE: put(w, "true", 4); break;
	case JSON_FALSE: put(w, "false", 5); break;
	case JSON_NULL: put(w, "null", 4); break;
	}
}

struct lsg_error *jsonw_dump(const json_t *v, char **ret, size_t *ret_len)
{
	struct jsonw w = { .buf = NULL };

	put_value(&w, v, 0);
	put(&w, "", 1);
	if (w.err) {
		free(w.buf);
		return w.err;
	}
	*ret = w.buf;
	*ret_len = w.len - 1;
	return NULL;
}
