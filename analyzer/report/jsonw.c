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

#include "ingest/json_scan.h"
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

/*
 * Where @n more bytes go, or NULL after an error: then the text is
 * dropped, and what is still written is moot.
 */
static inline char *room(struct jsonw *w, size_t n)
{
	if (w->cap - w->len < n && grow(w, n))
		return NULL;
	return w->buf + w->len;
}

static inline void put(struct jsonw *w, const char *s, size_t n)
{
	char *o = room(w, n);

	if (!o)
		return;
	memcpy(o, s, n);
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

/*
 * "@s" and then @after unless it is 0 (a key's ':'): most strings are
 * ASCII with nothing to escape, one scan and one copy; others are checked
 * for UTF-8 and escaped piece by piece.  Bytes of a UTF-8 sequence are
 * never below 0x80: a byte test finds what to escape.
 */
static void put_string(struct jsonw *w, const char *s, size_t len,
		       char after)
{
	const char *end = s + len, *q;
	size_t n = after ? 3 : 2;
	uint64_t bits;
	char *o;

	q = json_scan_plain_scan(s, end, &bits);
	if (q == end && !(bits & 0x8080808080808080ull)) {
		o = room(w, len + n);
		if (!o)
			return;
		*o = '"';
		memcpy(o + 1, s, len);
		o[len + 1] = '"';
		if (after)
			o[len + 2] = after;
		w->len += len + n;
		return;
	}
	if (!utf8_valid(s, len)) {
		fail(w, lsg_error_create(LSG_ERR_INVALID,
					 "json: a string is not UTF-8"));
		return;
	}
	put(w, "\"", 1);
	for (;;) {
		put(w, s, (size_t)(q - s));
		if (q == end)
			break;
		put_escape(w, (unsigned char)*q);
		s = q + 1;
		q = json_scan_plain_end(s, end);
	}
	put(w, "\"", 1);
	put(w, &after, n - 2);
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

/* The 17 significant digits of m / 2^q, scaled by 10^k and rounded. */
static uint64_t digits17(uint64_t m, int q, int k)
{
	static const uint64_t pow10[20] = {
		1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
		10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
		100000000000ull, 1000000000000ull, 10000000000000ull,
		100000000000000ull, 1000000000000000ull, 10000000000000000ull,
		100000000000000000ull, 1000000000000000000ull,
		10000000000000000000ull,
	};
	unsigned __int128 p = (unsigned __int128)m * pow10[k < 20 ? k : 19];
	unsigned __int128 rem, half = (unsigned __int128)1 << (q - 1);
	uint64_t n;

	if (k >= 20)
		p *= pow10[k - 19];
	rem = p & ((half << 1) - 1);
	n = (uint64_t)(p >> q);
	/* Half to even, as printf rounds the exact value. */
	return n + (rem > half || (rem == half && (n & 1)));
}

/* The 17 digits of @n (10^16 <= n < 10^17), two at a time. */
static void digits_of(uint64_t n, char dig[17])
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324"
		"25262728293031323334353637383940414243444546474849"
		"50515253545556575859606162636465666768697071727374"
		"75767778798081828384858687888990919293949596979899";

	for (int i = 15; i > 0; i -= 2, n /= 100)
		memcpy(dig + i, pairs + 2 * (n % 100), 2);
	dig[0] = (char)('0' + n);
}

/*
 * What jansson writes for @d (put_real()) into @buf (room for 32 bytes),
 * or -1 for what is left to printf: zero, subnormals, and |d| below 1e-6
 * or from 2^53 up.  In that range d is m / 2^q with q < 128, and m * 10^k
 * (k <= 22) fits in 128 bits, so the 17 digits come out exact; printf's
 * big-number arithmetic costs ten times as much, and a report has dozens
 * of reals.
 */
static int g17(double d, char *buf)
{
	static const uint64_t lo = 10000000000000000ull, hi = 10 * lo;
	uint64_t bits, m, n = 0;
	int e, q, x, last;
	char dig[17], *o = buf;

	memcpy(&bits, &d, sizeof(bits));
	e = (int)(bits >> 52 & 0x7ff);
	q = 1075 - e;
	if (!e || e == 0x7ff || q <= 0 || q > 120)
		return -1;
	m = (bits & ((1ull << 52) - 1)) | 1ull << 52;
	/* floor(log10(2^(e - 1023))): the decimal exponent or one less. */
	e -= 1023;
	x = e >= 0 ? e * 78913 >> 18 : -((-e * 78913 + (1 << 18) - 1) >> 18);
	for (int tries = 0; tries < 3; tries++) {
		if (16 - x < 0 || 16 - x > 22)
			return -1;
		n = digits17(m, q, 16 - x);
		if (n >= hi)
			x++;
		else if (n < lo)
			x--;
		else
			break;
	}
	if (n < lo || n >= hi)
		return -1;
	digits_of(n, dig);
	for (last = 16; dig[last] == '0'; last--)
		;
	if (bits >> 63)
		*o++ = '-';
	if (x < -4) {
		/* %e's form; x >= -6 here, so jansson's exponent is one digit */
		*o++ = dig[0];
		if (last) {
			*o++ = '.';
			memcpy(o, dig + 1, (size_t)last);
			o += last;
		}
		memcpy(o, "e-", 2);
		o[2] = (char)('0' - x);
		o += 3;
	} else if (x >= 0) {
		memcpy(o, dig, (size_t)x + 1);
		o += x + 1;
		*o++ = '.';
		/* An integral value gets ".0", as jansson adds it. */
		if (last > x) {
			memcpy(o, dig + x + 1, (size_t)(last - x));
			o += last - x;
		} else {
			*o++ = '0';
		}
	} else {
		*o++ = '0';
		*o++ = '.';
		memset(o, '0', (size_t)(-x - 1));
		o += -x - 1;
		memcpy(o, dig, (size_t)last + 1);
		o += last + 1;
	}
	return (int)(o - buf);
}

/*
 * jansson's jsonp_dtostr() at its default precision: "%.17g", ".0" added
 * when that would read back as an integer, and the exponent without its
 * '+' or leading zeros.  g17() writes that itself where it can.
 */
static void put_real(struct jsonw *w, double d)
{
	char buf[64], *start, *end;
	int n = g17(d, buf);
	size_t len;

	if (n >= 0) {
		put(w, buf, (size_t)n);
		return;
	}
	n = snprintf(buf, sizeof(buf) - 2, "%.17g", d);
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
	for (int first = 1; it; it = json_object_iter_next(o, it), first = 0) {
		if (!first)
			put(w, ",", 1);
		put_string(w, json_object_iter_key(it),
			   json_object_iter_key_len(it), ':');
		put_value(w, json_object_iter_value(it), depth + 1);
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
		put_string(w, json_string_value(v), json_string_length(v), 0);
		break;
	case JSON_INTEGER: put_int(w, json_integer_value(v)); break;
	case JSON_REAL: put_real(w, json_real_value(v)); break;
	case JSON_TRUE: put(w, "true", 4); break;
	case JSON_FALSE: put(w, "false", 5); break;
	case JSON_NULL: put(w, "null", 4); break;
	}
}

struct lsg_error *jsonw_dump_framed(const json_t *v, const char *head,
				    size_t head_len, size_t tail_room,
				    char **ret, size_t *ret_len)
{
	struct jsonw w = { .buf = NULL };

	/* Made first: every write, even of no bytes, points into it. */
	if (grow(&w, head_len + 1))
		return w.err;
	put(&w, head, head_len);
	put_value(&w, v, 0);
	put(&w, "", 1);
	room(&w, tail_room);
	if (w.err) {
		free(w.buf);
		return w.err;
	}
	*ret = w.buf;
	*ret_len = w.len - 1;
	return NULL;
}

struct lsg_error *jsonw_dump(const json_t *v, char **ret, size_t *ret_len)
{
	return jsonw_dump_framed(v, "", 0, 0, ret, ret_len);
}
