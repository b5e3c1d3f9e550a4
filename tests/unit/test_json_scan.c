/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON scanner against jansson, a reference reader: the same texts
 * accepted and refused (grammar, escapes, surrogates, white space,
 * trailing bytes), the same strings decoded; the callbacks in order; a
 * callback that stops the scan; the depth cap; and the real bundle's JSON
 * read with the same values jansson reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zstd.h>

#include "harness.h"
#include "ingest/json_scan.h"

/* The events of a scan as text: "{ k:a [ n:1 s:x t z ] }". */
struct trace {
	char buf[4096];
	size_t n;
	int stop_at;		/* stop at this event; 0: never */
	int events;
	json_t *last_string;	/* the last string, as jansson holds it */
};

static int add(struct trace *t, const char *tag, const char *s, size_t len)
{
	int n = snprintf(t->buf + t->n, sizeof(t->buf) - t->n, "%s%s%.*s ",
			 tag, s ? ":" : "", (int)len, s ? s : "");

	if (n > 0 && (size_t)n < sizeof(t->buf) - t->n)
		t->n += (size_t)n;
	return ++t->events != t->stop_at;
}

static int on_null(void *c) { return add(c, "z", NULL, 0); }
static int on_bool(void *c, int b) { return add(c, b ? "t" : "f", NULL, 0); }
static int on_num(void *c, const char *s, size_t l) { return add(c, "n", s, l); }
static int on_start_map(void *c) { return add(c, "{", NULL, 0); }
static int on_end_map(void *c) { return add(c, "}", NULL, 0); }
static int on_start_arr(void *c) { return add(c, "[", NULL, 0); }
static int on_end_arr(void *c) { return add(c, "]", NULL, 0); }
static int on_key(void *c, const char *s, size_t l) { return add(c, "k", s, l); }

static int on_str(void *c, const char *s, size_t l)
{
	struct trace *t = c;

	json_decref(t->last_string);
	t->last_string = json_stringn_nocheck(s, l);
	return add(c, "s", s, l);
}

static const struct json_scan_ops ops = {
	.null = on_null, .boolean = on_bool, .number = on_num,
	.string = on_str, .start_map = on_start_map, .key = on_key,
	.end_map = on_end_map, .start_array = on_start_arr,
	.end_array = on_end_arr,
};

static enum json_scan_status scan(const char *text, size_t len,
				  struct trace *t)
{
	struct json_scan s;
	enum json_scan_status st;

	json_scan_init(&s, &ops, t);
	st = json_scan_run(&s, text, len);
	json_scan_deinit(&s);
	return st;
}

/* Valid UTF-8, numbers in range and shallow: where jansson is the rule. */
static const char *const texts[] = {
	"{}", "[]", " { } ", "\t[\n1\r]", "0", "-0", "1.5", "-1.5e10", "1E+2",
	"1e-2", "\"\"", "true", "false", "null", "[1,2,3]",
	"{\"a\":1,\"b\":[true,false,null]}", "[[[[]]]]", "{\"a\":{\"b\":{}}}",
	"\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
	"\"a\\u0000b\"", "\"\\uD834\\uDD1E\"",
	/* refused */
	"", " ", "{", "[", "]", "}", "[1,]", "{,}", "{\"a\":1,}", "[1 2]",
	"{\"a\" 1}", "{1:2}", "{\"a\"}", "01", "-", "1.", ".5", "1e", "1e+",
	"+1", "truex", "nul", "tru", "\"abc", "\"a\\x\"", "\"\\u12\"",
	"\"\\u12g4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
	"\"\\ud800x\"", "\"tab\there\"", "\"nl\nhere\"", "{} x", "[] []",
	"\xef\xbb\xbf{}", "[1,,2]", "[,1]", "{\"a\"::1}", "\"\\", "[\"a\\\"]",
	"/* c */ {}", "NaN", "[Infinity]", "0x10", "1.e3", "-01",
};

static void test_against_jansson(void)
{
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct trace t = { .n = 0 };
		size_t len = strlen(texts[i]);
		json_t *j = json_loadb(texts[i], len,
				       JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		enum json_scan_status st = scan(texts[i], len, &t);

		if ((st == JSON_SCAN_OK) != (j != NULL)) {
			fprintf(stderr, "'%s': scanner %d, jansson %s\n",
				texts[i], st, j ? "accepts" : "refuses");
			test_failures++;
		}
		/* A lone string decodes to jansson's bytes. */
		if (j && json_is_string(j))
			CHECK(t.last_string && json_equal(j, t.last_string));
		json_decref(t.last_string);
		json_decref(j);
	}
}

static void test_events(void)
{
	static const char text[] =
		"{\"a\":[1,\"x\\ty\",true,null,{}],\"b\":-2.5e3,\"c\":[]}";
	struct trace t = { .n = 0 };

	CHECK(scan(text, strlen(text), &t) == JSON_SCAN_OK);
	CHECK_STR(t.buf, "{ k:a [ n:1 s:x\ty t z { } ] k:b n:-2.5e3 k:c [ ] } ");
	json_decref(t.last_string);
	/* A callback that says stop stops the scan there. */
	t = (struct trace){ .stop_at = 3 };
	CHECK(scan(text, strlen(text), &t) == JSON_SCAN_STOPPED);
	CHECK_STR(t.buf, "{ k:a [ ");
}

static void test_errors(void)
{
	struct json_scan s;
	struct trace t = { .n = 0 };
	char deep[200];

	json_scan_init(&s, &ops, &t);
	CHECK(json_scan_run(&s, "[1, 2 x]", 8) == JSON_SCAN_SYNTAX);
	CHECK(json_scan_offset(&s) == 6);
	CHECK_STR(json_scan_error(&s), "expected ',' or ']'");
	/* 64 open containers are fine, the 65th is refused. */
	memset(deep, '[', 64);
	memset(deep + 64, ']', 64);
	CHECK(json_scan_run(&s, deep, 128) == JSON_SCAN_OK);
	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	CHECK(json_scan_run(&s, deep, 130) == JSON_SCAN_SYNTAX);
	CHECK_STR(json_scan_error(&s), "nested too deep");
	json_scan_deinit(&s);
	json_decref(t.last_string);
}

/* Every string of the real bundle, in order, as jansson reads them. */
static void collect(json_t *v, json_t *out)
{
	const char *key;
	json_t *m;
	size_t i;

	if (json_is_string(v))
		json_array_append(out, v);
	json_array_foreach(v, i, m)
		collect(m, out);
	json_object_foreach(v, key, m)
		collect(m, out);
}

struct strings {
	json_t *all;
	size_t n;
	int mismatch;
};

static int real_str(void *c, const char *s, size_t l)
{
	struct strings *x = c;
	const json_t *want = json_array_get(x->all, x->n++);

	if (!want || json_string_length(want) != l ||
	    memcmp(json_string_value(want), s, l))
		x->mismatch++;
	return 1;
}

static int yes(void *c) { (void)c; return 1; }
static int yes_b(void *c, int b) { (void)c; (void)b; return 1; }
static int yes_s(void *c, const char *s, size_t l)
{
	(void)c; (void)s; (void)l;
	return 1;
}

static void test_real(void)
{
	static const struct json_scan_ops str_ops = {
		.null = yes, .boolean = yes_b, .number = yes_s,
		.string = real_str, .start_map = yes, .key = yes_s,
		.end_map = yes, .start_array = yes, .end_array = yes,
	};
	FILE *f = fopen("tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst",
			"rb");
	static char z[65536], text[1 << 20];
	struct strings x = { .all = json_array() };
	struct json_scan s;
	size_t zlen, len;
	json_t *doc;

	CHECK(f != NULL);
	if (!f)
		return;
	zlen = fread(z, 1, sizeof(z), f);
	fclose(f);
	len = ZSTD_decompress(text, sizeof(text), z, zlen);
	CHECK(!ZSTD_isError(len));
	doc = json_loadb(text, len, JSON_PRESERVE_ORDER, NULL);
	CHECK(doc != NULL);
	collect(doc, x.all);
	json_scan_init(&s, &str_ops, &x);
	CHECK(json_scan_run(&s, text, len) == JSON_SCAN_OK);
	json_scan_deinit(&s);
	CHECK(x.n == json_array_size(x.all) && x.n > 390 && !x.mismatch);
	json_decref(x.all);
	json_decref(doc);
}

int main(void)
{
	test_against_jansson();
	test_events();
	test_errors();
	test_real();
	return test_exit();
}
