/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON writer against jansson's json_dumps(JSON_COMPACT |
 * JSON_ENCODE_ANY), the text it stands in for: the same bytes for values
 * at the edges (escapes, control bytes, non-ASCII, reals and integers at
 * their limits), for seeded random values, and for the reports and heads
 * of the committed real bundles; the same refusal of a string that is not
 * UTF-8; and the depth cap.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fileio.h"
#include "harness.h"
#include "ingest/ingest.h"
#include "report/jsonw.h"
#include "report/report.h"

static const size_t FLAGS = JSON_COMPACT | JSON_ENCODE_ANY;

/* 1 when both write the same text (or both refuse @v). */
static int same(const json_t *v)
{
	char *want = json_dumps(v, FLAGS), *got = NULL;
	struct lsg_error *err = jsonw_dump(v, &got, &(size_t){ 0 });
	int ok;

	if (!want)
		ok = err && err->code == LSG_ERR_INVALID;
	else
		ok = !err && !strcmp(want, got);
	if (!ok)
		fprintf(stderr, "jansson: %.300s\njsonw:   %.300s\n",
			want ? want : "(refused)", got ? got : err->message);
	lsg_error_destroy(err);
	free(want);
	free(got);
	return ok;
}

static void test_edges(void)
{
	static const double reals[] = {
		0.0, -0.0, 0.1, -1.5, 1.0, 100.0, 1e16, 1e17, 1e21, 1e-5, 1e-7,
		123456789.123456789, 2.2250738585072014e-308, 5e-324,
		1.7976931348623157e308, 4.432645351, 21.278397, 1e100, -3e-100,
	};
	static const json_int_t ints[] = {
		0, 1, -1, 9, 10, -10, 1234567890123, INT64_MAX, INT64_MIN,
	};
	char bytes[128];
	json_t *a = json_array(), *o = json_object();

	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++)
		json_array_append_new(a, json_real(reals[i]));
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		json_array_append_new(a, json_integer(ints[i]));
	/* Every ASCII byte, NUL and the controls included. */
	for (int i = 0; i < 128; i++)
		bytes[i] = (char)i;
	json_array_append_new(a, json_stringn(bytes, sizeof(bytes)));
	json_array_append_new(a, json_string("\xc3\xa9t\xc3\xa9 \xe2\x80\xa8 "
					     "\xf0\x9f\x98\x80 / \x7f"));
	json_array_append_new(a, json_string(""));
	json_array_append_new(a, json_array());
	json_array_append_new(a, json_object());
	json_array_append_new(a, json_true());
	json_array_append_new(a, json_false());
	json_array_append_new(a, json_null());
	json_object_set_new(o, "k\"\\\n\x01", json_integer(1));
	json_object_set_new(o, "", json_string("empty key"));
	json_object_set_new(o, "z", json_integer(2));
	json_object_set_new(o, "a", json_pack("{s:[i,{}],s:n}", "x", 3, "y"));
	json_array_append_new(a, o);
	CHECK(same(a));
	for (size_t i = 0; i < json_array_size(a); i++)
		CHECK(same(json_array_get(a, i)));
	json_decref(a);
}

static void test_refused(void)
{
	json_t *bad = json_pack("{s:[o]}", "k",
				json_stringn_nocheck("ab\xc3(", 4));
	json_t *deep = json_array(), *v = deep;
	char *text = NULL;
	size_t len;
	struct lsg_error *err;

	CHECK(same(bad));
	json_decref(bad);
	for (int i = 0; i < JSONW_MAX_DEPTH; i++) {
		json_t *in = json_array();

		json_array_append_new(v, in);
		v = in;
	}
	err = jsonw_dump(deep, &text, &len);
	CHECK(!err && len == 2 * (JSONW_MAX_DEPTH + 1));
	free(text);
	json_array_append_new(v, json_array());
	err = jsonw_dump(deep, &text, &len);
	CHECK(err && err->code == LSG_ERR_INVALID &&
	      strstr(err->message, "too deep"));
	lsg_error_destroy(err);
	json_decref(deep);
}

/* A deterministic generator, so a failure replays. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static json_t *random_string(uint64_t *s)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f",
		"\x7f",
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "<*>", "0x1f",
	};
	char buf[256];
	size_t n = next(s) % 24, o = 0;

	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[next(s) % (sizeof(pieces) /
						    sizeof(pieces[0]))];

		memcpy(buf + o, p, strlen(p));
		o += strlen(p);
	}
	return json_stringn(buf, o);
}

static json_t *random_value(uint64_t *s, int depth)
{
	uint64_t bits;
	double d;
	json_t *v;

	switch (next(s) % (depth < 5 ? 8 : 6)) {
	case 0: return json_null();
	case 1: return json_boolean(next(s) & 1);
	case 2: return json_integer((json_int_t)next(s) >> (next(s) % 64));
	case 3:
		bits = next(s);
		memcpy(&d, &bits, sizeof(d));
		/* jansson holds only finite reals. */
		return json_real(d == d && d - d == 0 ? d :
				 (double)(int64_t)bits / 1e9);
	case 4:
	case 5: return random_string(s);
	case 6:
		v = json_array();
		for (uint64_t n = next(s) % 6; n--;)
			json_array_append_new(v, random_value(s, depth + 1));
		return v;
	default:
		v = json_object();
		for (uint64_t n = next(s) % 6; n--;) {
			json_t *k = random_string(s);

			json_object_setn_new(v, json_string_value(k),
					     json_string_length(k),
					     random_value(s, depth + 1));
			json_decref(k);
		}
		return v;
	}
}

/*
 * Reals where the writer does its own digits: timestamps, scores and
 * timings as reports hold them, values about powers of ten (where the
 * decimal exponent changes on rounding), exact ties between two 17-digit
 * decimals (1 + j / 2^17, j odd: half to even decides), and random bits.
 */
static void test_reals(void)
{
	uint64_t seed = 0x7ea1;
	int bad = 0;

	for (int i = 0; i < 20000 && bad < 10; i++) {
		uint64_t r = next(&seed), bits = next(&seed);
		double p10 = 1, v[6];
		json_t *j = json_array();

		for (int k = (int)(r % 24) - 7; k > 0; k--)
			p10 *= 10;
		for (int k = (int)(r % 24) - 7; k < 0; k++)
			p10 /= 10;
		memcpy(&v[0], &bits, sizeof(double));
		v[1] = (double)(r % 100000000000ull) / 1e9;
		v[2] = (double)(r % 1000) / 1000 * p10;
		v[3] = p10 * (1 + (double)((int)(r % 5) - 2) *
			      2.220446049250313e-16);
		v[4] = 1 + (double)(2 * (r % 65536) + 1) / 131072;
		v[5] = -(double)(r >> 11) / (double)(1ull << (r % 60));
		for (int k = 0; k < 6; k++)
			if (v[k] == v[k] && v[k] - v[k] == 0)
				json_array_append_new(j, json_real(v[k]));
		bad += !same(j);
		json_decref(j);
	}
	CHECK(!bad);
}

static void test_random(void)
{
	uint64_t seed = 0x5eed;

	for (int i = 0; i < 3000; i++) {
		json_t *v = random_value(&seed, 0);

		CHECK(same(v));
		json_decref(v);
	}
}

/* The reports and document heads of the committed bundles. */
static void test_reports(void)
{
	const char *dir = "tests/data/bundles";
	struct report_ctx *rc;
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	CHECK(d && !report_ctx_create(NULL, &rc));
	while (d && (e = readdir(d))) {
		char path[512], *buf;
		struct ingest_bundle b;
		enum ingest_reason why;
		json_t *report;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (fileio_read_file(path, INGEST_MAX_JSON, &buf, &len) ||
		    ingest_decode(buf, len, NULL, &why, &b)) {
			CHECK(!"a committed bundle reads");
			continue;
		}
		CHECK(!report_build(rc, &b.log, b.kernel, b.host, &report));
		CHECK(same(report) && same(b.doc));
		n++;
		json_decref(report);
		ingest_bundle_deinit(&b);
		free(buf);
	}
	CHECK(n >= 6);
	if (d)
		closedir(d);
	report_ctx_destroy(rc);
}

int main(void)
{
	test_edges();
	test_refused();
	test_reals();
	test_random();
	test_reports();
	return test_exit();
}
