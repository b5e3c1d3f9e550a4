/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Why our own JSON reader: yajl was 35 % of the CPU of a POST (callgrind,
 * tests/bench/ingest_cpu.sh), about 30 instructions a byte, and a bundle
 * is mostly log text inside strings.  Here a string without escapes is
 * found eight bytes at a time and handed over in place; only escapes are
 * decoded into a buffer.  The grammar is RFC 8259's, as strict as yajl's
 * and jansson's (tests/unit/test_json_scan.c compares with jansson).
 */
#include <stdlib.h>
#include <string.h>

#include "json_scan.h"

enum state { VALUE, KEY, AFTER };

static enum json_scan_status syntax(struct json_scan *s, const char *what)
{
	s->error = what;
	return JSON_SCAN_SYNTAX;
}

static enum json_scan_status call(int go_on)
{
	return go_on ? JSON_SCAN_OK : JSON_SCAN_STOPPED;
}

/* JSON's white space, one test a byte (bundles have none). */
static int is_ws(char c)
{
	static const uint64_t ws = 1ull << ' ' | 1ull << '\n' | 1ull << '\r' |
				   1ull << '\t';

	return (unsigned char)c <= ' ' && ws >> (unsigned char)c & 1;
}

static void skip_ws(struct json_scan *s)
{
	while (s->p < s->end && is_ws(*s->p))
		s->p++;
}

void json_scan_init(struct json_scan *s, const struct json_scan_ops *ops,
		    void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->ops = ops;
	s->ctx = ctx;
}

void json_scan_deinit(struct json_scan *s)
{
	free(s->strings.buf);
	s->strings = (struct json_scan_buf){ 0 };
}

size_t json_scan_offset(const struct json_scan *s)
{
	return (size_t)(s->p - s->text);
}

const char *json_scan_error(const struct json_scan *s)
{
	return s->error ? s->error : "no error";
}

/* ---- strings ---- */

/* Room for @more bytes after the first @n of the buffer. */
static int reserve(struct json_scan_buf *b, size_t n, size_t more)
{
	size_t cap = b->cap ? b->cap : 256;
	char *buf;

	if (n + more <= b->cap)
		return 0;
	while (cap < n + more)
		cap *= 2;
	buf = realloc(b->buf, cap);
	if (!buf)
		return -1;
	b->buf = buf;
	b->cap = cap;
	return 0;
}

static int hex4(const char *p, const char *end, unsigned *ret)
{
	unsigned v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		unsigned c = (unsigned char)p[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | c;
	}
	*ret = v;
	return 0;
}

static size_t utf8_put(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The \u escape at @p (at the 'u'): its code point, a surrogate pair
 * joined; *@ret_len is how many input bytes it took.  -1 when malformed.
 */
static int unicode_escape(const char *p, const char *end, unsigned *ret,
			  size_t *ret_len)
{
	unsigned hi, lo;

	if (hex4(p + 1, end, &hi))
		return -1;
	*ret_len = 5;
	if (hi < 0xd800 || hi > 0xdfff) {
		*ret = hi;
		return 0;
	}
	if (hi >= 0xdc00 || end - p < 11 || p[5] != '\\' || p[6] != 'u' ||
	    hex4(p + 7, end, &lo) || lo < 0xdc00 || lo > 0xdfff)
		return -1;
	*ret = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	*ret_len = 11;
	return 0;
}

/* The escape at @p (after the backslash) into @out; input bytes taken. */
static size_t escape(const char *p, const char *end, char *out,
		     size_t *ret_out)
{
	static const char simple[][2] = {
		{ '"', '"' }, { '\\', '\\' }, { '/', '/' }, { 'b', '\b' },
		{ 'f', '\f' }, { 'n', '\n' }, { 'r', '\r' }, { 't', '\t' },
	};
	unsigned cp;
	size_t n;

	if (p == end)
		return 0;
	for (size_t i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
		if (*p == simple[i][0]) {
			*out = simple[i][1];
			*ret_out = 1;
			return 1;
		}
	if (*p != 'u' || unicode_escape(p, end, &cp, &n))
		return 0;
	*ret_out = utf8_put(out, cp);
	return n;
}

enum json_scan_status json_scan_decode(struct json_scan_buf *b,
				       const char *start, const char **q,
				       const char *end, size_t *ret_len,
				       const char **ret_what)
{
	const char *p = *q;
	size_t n = 0;

	for (;;) {
		size_t plain = (size_t)(p - start), in, out;

		/* An escape takes at least 2 input bytes for at most 4 out. */
		if (reserve(b, n, plain + 4))
			return JSON_SCAN_NOMEM;
		memcpy(b->buf + n, start, plain);
		n += plain;
		*q = p;
		if (p == end) {
			*ret_what = "unterminated string";
			return JSON_SCAN_SYNTAX;
		}
		if (*p == '"')
			break;
		if (*p != '\\') {
			*ret_what = "control character in a string";
			return JSON_SCAN_SYNTAX;
		}
		in = escape(p + 1, end, b->buf + n, &out);
		if (!in) {
			*ret_what = "invalid escape in a string";
			return JSON_SCAN_SYNTAX;
		}
		n += out;
		start = p + 1 + in;
		p = json_scan_plain_end(start, end);
	}
	*ret_len = n;
	return JSON_SCAN_OK;
}

/* A string with escapes, from @q (its first special byte) on. */
static enum json_scan_status decode(struct json_scan *s, const char *start,
				    const char *q, const char **ret,
				    size_t *ret_len)
{
	const char *what;
	enum json_scan_status st = json_scan_decode(&s->strings, start, &q,
						    s->end, ret_len, &what);

	if (st == JSON_SCAN_SYNTAX) {
		/* an unterminated string is reported at its start */
		if (q != s->end)
			s->p = q;
		return syntax(s, what);
	}
	if (st == JSON_SCAN_OK) {
		s->p = q + 1;
		*ret = s->strings.buf;
	}
	return st;
}

/* The string at s->p (its opening quote), to the key or string callback. */
static enum json_scan_status string(struct json_scan *s, int is_key)
{
	const char *start = s->p + 1, *str;
	const char *q = json_scan_plain_end(start, s->end);
	enum json_scan_status st;
	size_t len;

	if (q < s->end && *q == '"') {
		s->p = q + 1;
		str = start;
		len = (size_t)(q - start);
	} else {
		st = decode(s, start, q, &str, &len);
		if (st != JSON_SCAN_OK)
			return st;
	}
	return call(is_key ? s->ops->key(s->ctx, str, len) :
		    s->ops->string(s->ctx, str, len));
}

/* ---- numbers and literals ---- */

static const char *digits(const char *p, const char *end)
{
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static enum json_scan_status number(struct json_scan *s)
{
	const char *p = s->p, *end = s->end, *start = s->p, *d;

	if (*p == '-')
		p++;
	d = p;
	p = p < end && *p == '0' ? p + 1 : digits(p, end);
	if (p == d)
		goto bad;
	if (p < end && *p == '.') {
		d = ++p;
		p = digits(p, end);
		if (p == d)
			goto bad;
	}
	if (p < end && (*p | 0x20) == 'e') {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		d = p;
		p = digits(p, end);
		if (p == d)
			goto bad;
	}
	s->p = p;
	return call(s->ops->number(s->ctx, start, (size_t)(p - start)));
bad:
	s->p = p;
	return syntax(s, "malformed number");
}

static enum json_scan_status literal(struct json_scan *s)
{
	static const char *const words[] = { "null", "false", "true" };

	for (int i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(s->end - s->p) < n || memcmp(s->p, words[i], n))
			continue;
		s->p += n;
		return call(i ? s->ops->boolean(s->ctx, i == 2) :
			    s->ops->null(s->ctx));
	}
	return syntax(s, "invalid literal");
}

/* ---- containers ---- */

static int top_is_object(const struct json_scan *s)
{
	return (int)(s->objects >> (s->depth - 1) & 1);
}

static enum json_scan_status close_container(struct json_scan *s,
					     enum state *st)
{
	int obj = top_is_object(s);

	s->p++;
	s->depth--;
	*st = AFTER;
	return call(obj ? s->ops->end_map(s->ctx) :
		    s->ops->end_array(s->ctx));
}

static enum json_scan_status open_container(struct json_scan *s, int obj,
					    enum state *st)
{
	s->p++;
	/* The callback first: the caller's own depth limit speaks first. */
	if (!(obj ? s->ops->start_map(s->ctx) : s->ops->start_array(s->ctx)))
		return JSON_SCAN_STOPPED;
	if (s->depth == JSON_SCAN_MAX_DEPTH)
		return syntax(s, "nested too deep");
	if (obj)
		s->objects |= 1ull << s->depth;
	else
		s->objects &= ~(1ull << s->depth);
	s->depth++;
	skip_ws(s);
	if (s->p < s->end && *s->p == (obj ? '}' : ']'))
		return close_container(s, st);
	*st = obj ? KEY : VALUE;
	return JSON_SCAN_OK;
}

/* ---- the grammar ---- */

/* An object, by the caller's own reader if it takes it. */
static enum json_scan_status object(struct json_scan *s, enum state *st)
{
	size_t used = 0;

	if (s->ops->object && !s->ops->object(s->ctx, s->p, s->end, &used))
		return JSON_SCAN_STOPPED;
	if (!used)
		return open_container(s, 1, st);
	s->p += used;
	return JSON_SCAN_OK;
}

static enum json_scan_status value(struct json_scan *s, enum state *st)
{
	if (s->p == s->end)
		return syntax(s, "premature end of text");
	*st = AFTER;
	switch (*s->p) {
	case '{':
		return object(s, st);
	case '[':
		return open_container(s, 0, st);
	case '"':
		return string(s, 0);
	case 'n': case 't': case 'f':
		return literal(s);
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return number(s);
	default:
		return syntax(s, "invalid character");
	}
}

static enum json_scan_status member_name(struct json_scan *s, enum state *st)
{
	enum json_scan_status r;

	if (s->p == s->end || *s->p != '"')
		return syntax(s, s->p == s->end ? "premature end of text" :
			      "expected a member name");
	r = string(s, 1);
	if (r != JSON_SCAN_OK)
		return r;
	skip_ws(s);
	if (s->p == s->end || *s->p != ':')
		return syntax(s, "expected ':' after a member name");
	s->p++;
	*st = VALUE;
	return JSON_SCAN_OK;
}

static enum json_scan_status after_value(struct json_scan *s,
					 enum state *st)
{
	int obj = top_is_object(s);

	if (s->p == s->end)
		return syntax(s, "premature end of text");
	if (*s->p == ',') {
		s->p++;
		*st = obj ? KEY : VALUE;
		return JSON_SCAN_OK;
	}
	if (*s->p == (obj ? '}' : ']'))
		return close_container(s, st);
	return syntax(s, obj ? "expected ',' or '}'" : "expected ',' or ']'");
}

enum json_scan_status json_scan_run(struct json_scan *s, const char *text,
				    size_t len)
{
	enum json_scan_status r = JSON_SCAN_OK;
	enum state st = VALUE;

	s->text = s->p = text;
	s->end = text + len;
	s->depth = 0;
	s->objects = 0;
	s->error = NULL;
	while (r == JSON_SCAN_OK) {
		skip_ws(s);
		if (st == VALUE)
			r = value(s, &st);
		else if (st == KEY)
			r = member_name(s, &st);
		else if (s->depth)
			r = after_value(s, &st);
		else
			return s->p == s->end ? JSON_SCAN_OK :
			       syntax(s, "trailing garbage");
	}
	return r;
}
