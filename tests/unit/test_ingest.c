/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ingest_decode() on a real bundle and on every way to break one.
 *
 * The committed bundle is real: a Debian 6.1.0-56-cloud-amd64 kernel
 * crashed with sysrq-c in QEMU (tests/vm/make-vmcores), captured with
 *	build/logsage-capture --vmcore .../sysrq-12d7a07b309a/vmcore.elf \
 *		-o tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
 * When the vmcore cache is present, every cached vmcore is also captured
 * afresh and its ingested log must print exactly as vmcore-dmesg did.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "ingest/ingest_internal.h"

#define REAL_BUNDLE "tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst"
#define REAL_ID "125c8dd23fd76995057dad70cd3ac011de34aa41121ddb5f343173aae90d2785"

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
}

static char *zbuf;	/* the real bundle, compressed */
static size_t zlen;
static json_t *real_doc;	/* and parsed */
static size_t real_json_len;

static void test_real_bundle(void)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;

	err = ingest_decode(zbuf, zlen, NULL, &why, &b);
	CHECK(!err);
	CHECK(why == INGEST_OK);
	if (err) {
		fprintf(stderr, "%s\n", err->message);
		lsg_error_destroy(err);
		return;
	}
	CHECK_STR(b.id, REAL_ID);
	CHECK(b.compressed);
	CHECK(b.log.nrecs == 390);
	CHECK(b.log.has_seq && b.log.first_seq == 0);
	CHECK(b.log.recs[389].seq == 389);
	CHECK(!strncmp(lsg_log_text(&b.log, 0),
		       "Linux version 6.1.0-56-cloud-amd64 ", 35));
	CHECK_STR(ingest_member_str(b.kernel, "release"),
		  "6.1.0-56-cloud-amd64");
	/* A dictionary comes back as the kernel keeps it. */
	CHECK(b.log.recs[176].dict_len == strlen("SUBSYSTEM=acpi") + 1 +
	      strlen("DEVICE=+acpi:PNP0A03:00"));
	CHECK(!memcmp(lsg_log_dict(&b.log, 176),
		      "SUBSYSTEM=acpi\0DEVICE=+acpi:PNP0A03:00",
		      b.log.recs[176].dict_len));
	ingest_bundle_deinit(&b);
}

/* @doc as JSON text through the decoder; the caller frees the bundle. */
static struct lsg_error *decode_doc(const json_t *doc,
				    const struct ingest_limits *lim,
				    enum ingest_reason *why,
				    struct ingest_bundle *ret)
{
	char *s = json_dumps(doc, JSON_COMPACT);
	struct lsg_error *err;

	err = ingest_decode(s, strlen(s), lim, why, ret);
	free(s);
	return err;
}

static void test_plain_json(void)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;

	err = decode_doc(real_doc, NULL, &why, &b);
	CHECK(!err);
	if (err) {
		lsg_error_destroy(err);
		return;
	}
	CHECK(!b.compressed);
	CHECK(b.log.nrecs == 390);
	ingest_bundle_deinit(&b);
}

static int same_log(const struct lsg_log *a, const struct lsg_log *b)
{
	if (a->nrecs != b->nrecs || a->first_seq != b->first_seq)
		return 0;
	for (size_t i = 0; i < a->nrecs; i++) {
		const struct lsg_record *x = &a->recs[i], *y = &b->recs[i];

		if (x->seq != y->seq || x->ts_nsec != y->ts_nsec ||
		    x->level != y->level || x->facility != y->facility ||
		    x->flags != y->flags || x->has_caller != y->has_caller ||
		    x->caller_id != y->caller_id ||
		    x->text_len != y->text_len || x->dict_len != y->dict_len ||
		    memcmp(lsg_log_text(a, i), lsg_log_text(b, i),
			   x->text_len) ||
		    memcmp(lsg_log_dict(a, i), lsg_log_dict(b, i), x->dict_len))
			return 0;
	}
	return 1;
}

/*
 * Records in the agent's compact form take the decoder's fast reader;
 * indented, every one goes through the scanner's callbacks.  Both must
 * make the same log and head.
 */
static void test_fast_records(void)
{
	char *compact = json_dumps(real_doc, JSON_COMPACT);
	char *indented = json_dumps(real_doc, JSON_INDENT(1));
	struct ingest_bundle a, b;
	enum ingest_reason why;

	CHECK(compact && indented && !strchr(compact, '\n'));
	if (!compact || !indented ||
	    ingest_decode(compact, strlen(compact), NULL, &why, &a)) {
		CHECK(!"the compact document decodes");
		goto out;
	}
	if (ingest_decode(indented, strlen(indented), NULL, &why, &b)) {
		CHECK(!"the indented document decodes");
		ingest_bundle_deinit(&a);
		goto out;
	}
	CHECK(a.log.nrecs == 390 && same_log(&a.log, &b.log));
	CHECK(json_equal(a.doc, b.doc));
	ingest_bundle_deinit(&a);
	ingest_bundle_deinit(&b);
out:
	free(compact);
	free(indented);
}

/* The fast reader matches '"name":' in 16 bytes: every name must fit. */
static void test_field_names(void)
{
	for (int f = 0; f < WIRE_REC_FIELDS; f++)
		CHECK(strlen(wire_record_fields[f].key) <= FIELD_NAME_MAX);
}

static json_t *record(json_t *doc, size_t i)
{
	return json_array_get(json_object_get(doc, "log"), i);
}

/* Non-UTF-8 bytes, NUL included, come back byte for byte. */
static void test_latin1(void)
{
	json_t *doc = json_deep_copy(real_doc);
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;

	json_object_set_new(record(doc, 3), "text",
			    json_stringn("a\xc3\xbf" "b\0c\xc2\x80", 8));
	json_object_set_new(record(doc, 3), "text_encoding",
			    json_string("latin1"));
	json_object_set_new(record(doc, 4), "text",
			    json_stringn("x\0y", 3));
	err = decode_doc(doc, NULL, &why, &b);
	CHECK(!err);
	if (!err) {
		CHECK(b.log.recs[3].text_len == 6);
		CHECK(!memcmp(lsg_log_text(&b.log, 3), "a\xff" "b\0c\x80", 6));
		CHECK(b.log.recs[4].text_len == 3);
		CHECK(!memcmp(lsg_log_text(&b.log, 4), "x\0y", 3));
		ingest_bundle_deinit(&b);
	}
	lsg_error_destroy(err);
	json_decref(doc);
}

/* ---- rejections of the document ---- */

struct doc_case {
	const char *name;
	void (*mutate)(json_t *doc);
	enum ingest_reason why;
	const char *message;	/* expected exactly */
};

static void m_format(json_t *d)
{
	json_object_set_new(d, "format", json_string("logsage-bundle/2"));
}

static void m_no_format(json_t *d)
{
	json_object_del(d, "format");
}

static void m_id_short(json_t *d)
{
	json_object_set_new(d, "id", json_string("125c8dd2"));
}

static void m_id_upper(json_t *d)
{
	json_object_set_new(d, "id", json_string(
		"125C8DD23FD76995057DAD70CD3AC011DE34AA41121DDB5F343173AAE90D2785"));
}

static void m_id_int(json_t *d)
{
	json_object_set_new(d, "id", json_integer(5));
}

static void m_no_host(json_t *d)
{
	json_object_del(d, "host");
}

static void m_host_array(json_t *d)
{
	json_object_set_new(d, "host", json_array());
}

static void m_release_int(json_t *d)
{
	json_object_set_new(json_object_get(d, "kernel"), "release",
			    json_integer(5));
}

static void m_complete_str(json_t *d)
{
	json_object_set_new(json_object_get(d, "capture"), "complete",
			    json_string("yes"));
}

static void m_no_tag(json_t *d)
{
	json_object_del(json_object_get(d, "host"), "tag");
}

static void m_log_object(json_t *d)
{
	json_object_set_new(d, "log", json_object());
}

static void m_seq_repeat(json_t *d)
{
	json_object_set_new(record(d, 12), "seq", json_integer(11));
}

static void m_seq_back(json_t *d)
{
	json_object_set_new(record(d, 12), "seq", json_integer(3));
}

static void m_level(json_t *d)
{
	json_object_set_new(record(d, 3), "level", json_integer(9));
}

static void m_seq_negative(json_t *d)
{
	json_object_set_new(record(d, 0), "seq", json_integer(-1));
}

static void m_text_int(json_t *d)
{
	json_object_set_new(record(d, 3), "text", json_integer(5));
}

static void m_no_text(json_t *d)
{
	json_object_del(record(d, 3), "text");
}

static void m_record_str(json_t *d)
{
	json_array_set_new(json_object_get(d, "log"), 3, json_string("x"));
}

static void m_encoding(json_t *d)
{
	json_object_set_new(record(d, 3), "text_encoding",
			    json_string("utf-16"));
}

static void m_not_latin1(json_t *d)
{
	json_object_set_new(record(d, 3), "text_encoding",
			    json_string("latin1"));
	json_object_set_new(record(d, 3), "text", json_string("\xc4\x80"));
}

static void m_caller(json_t *d)
{
	json_object_set_new(record(d, 3), "caller", json_string("X1"));
}

static void m_dict_int(json_t *d)
{
	json_object_set_new(record(d, 3), "dict",
			    json_pack("{s:i}", "DEVICE", 1));
}

static void m_level_real(json_t *d)
{
	json_object_set_new(record(d, 3), "level", json_real(1.5));
}

static void m_text_huge(json_t *d)
{
	char *s = malloc(INGEST_MAX_RECORD + 2);

	memset(s, 'a', INGEST_MAX_RECORD + 1);
	s[INGEST_MAX_RECORD + 1] = '\0';
	json_object_set_new(record(d, 3), "text", json_string(s));
	free(s);
}

static const struct doc_case doc_cases[] = {
	{ "format", m_format, INGEST_FORMAT,
	  "format: \"logsage-bundle/2\" is not \"logsage-bundle/1\"" },
	{ "no format", m_no_format, INGEST_FORMAT, "format: missing" },
	{ "short id", m_id_short, INGEST_ID,
	  "id: not 64 lowercase hex digits" },
	{ "upper id", m_id_upper, INGEST_ID,
	  "id: not 64 lowercase hex digits" },
	{ "int id", m_id_int, INGEST_ID, "id: not 64 lowercase hex digits" },
	{ "no host", m_no_host, INGEST_MISSING, "host: missing" },
	{ "host array", m_host_array, INGEST_TYPE,
	  "host: expected object, got array" },
	{ "release int", m_release_int, INGEST_TYPE,
	  "kernel.release: expected string or null, got integer" },
	{ "complete str", m_complete_str, INGEST_TYPE,
	  "capture.complete: expected boolean, got string" },
	{ "no tag", m_no_tag, INGEST_MISSING, "host.tag: missing" },
	{ "log object", m_log_object, INGEST_TYPE,
	  "log: expected array, got object" },
	{ "seq repeat", m_seq_repeat, INGEST_SEQ_ORDER,
	  "log[12].seq: not increasing (11 after 11)" },
	{ "seq back", m_seq_back, INGEST_SEQ_ORDER,
	  "log[12].seq: not increasing (3 after 11)" },
	{ "level", m_level, INGEST_RANGE, "log[3].level: 9 not in 0..7" },
	{ "seq negative", m_seq_negative, INGEST_RANGE,
	  "log[0].seq: -1 not in 0..9223372036854775807" },
	{ "text int", m_text_int, INGEST_TYPE,
	  "log[3].text: expected string, got integer" },
	{ "no text", m_no_text, INGEST_MISSING, "log[3].text: missing" },
	{ "record str", m_record_str, INGEST_TYPE,
	  "log[3]: expected object, got string" },
	{ "encoding", m_encoding, INGEST_TEXT_ENCODING,
	  "log[3].text_encoding: \"utf-16\" is not \"latin1\"" },
	{ "not latin1", m_not_latin1, INGEST_TEXT_ENCODING,
	  "log[3].text: not latin1 (lead byte 0xc4)" },
	{ "caller", m_caller, INGEST_VALUE,
	  "log[3].caller: \"X1\" is not T<pid> or C<cpu>" },
	{ "dict int", m_dict_int, INGEST_TYPE,
	  "log[3].dict.DEVICE: expected string, got integer" },
	{ "level real", m_level_real, INGEST_TYPE,
	  "log[3].level: expected integer, got real" },
	{ "text huge", m_text_huge, INGEST_RANGE,
	  "log[3].text: 65537 bytes, more than 65536" },
};

static void check_reject(const char *name, struct lsg_error *err,
			 enum ingest_reason why, enum ingest_reason want,
			 const char *message)
{
	if (!err) {
		fprintf(stderr, "%s: accepted\n", name);
		test_failures++;
		return;
	}
	if (why != want)
		fprintf(stderr, "%s: reason %s, want %s (%s)\n", name,
			ingest_reason_name(why), ingest_reason_name(want),
			err->message);
	CHECK(why == want);
	if (message && strcmp(err->message, message)) {
		fprintf(stderr, "%s: \"%s\" != \"%s\"\n", name, err->message,
			message);
		test_failures++;
	}
	CHECK(err->code == (want == INGEST_TOO_LARGE ? LSG_ERR_LIMIT :
			    LSG_ERR_INVALID));
	lsg_error_destroy(err);
}

static void test_doc_cases(void)
{
	for (size_t i = 0; i < sizeof(doc_cases) / sizeof(doc_cases[0]); i++) {
		const struct doc_case *c = &doc_cases[i];
		json_t *doc = json_deep_copy(real_doc);
		struct ingest_bundle b;
		enum ingest_reason why;
		struct lsg_error *err;

		c->mutate(doc);
		err = decode_doc(doc, NULL, &why, &b);
		if (!err)
			ingest_bundle_deinit(&b);
		check_reject(c->name, err, why, c->why, c->message);
		json_decref(doc);
	}
}

/* ---- rejections of the bytes ---- */

struct bytes_case {
	const char *name;
	const char *bytes;
	size_t len;
	enum ingest_reason why;
	const char *message;
};

#define BYTES(s) s, sizeof(s) - 1

static const struct bytes_case bytes_cases[] = {
	{ "empty", BYTES(""), INGEST_EMPTY, "bundle: empty" },
	{ "text", BYTES("hello"), INGEST_NOT_BUNDLE,
	  "bundle: neither a zstd frame nor a JSON object" },
	{ "cut json", BYTES("{\"format\": "), INGEST_JSON_SYNTAX, NULL },
	{ "json garbage after", BYTES("{} x"), INGEST_JSON_SYNTAX, NULL },
	{ "duplicate key", BYTES("{\"a\": 1, \"a\": 2}"), INGEST_JSON_SYNTAX,
	  NULL },
	{ "bad utf-8", BYTES("{\"a\": \"\xff\"}"), INGEST_JSON_SYNTAX, NULL },
	{ "empty object", BYTES(" {}"), INGEST_FORMAT, "format: missing" },
	{ "array", BYTES("[1]"), INGEST_NOT_BUNDLE, NULL },
	{ "zstd magic only", BYTES("\x28\xb5\x2f\xfd"), INGEST_ZSTD_TRUNCATED,
	  NULL },
};

static void test_bytes_cases(void)
{
	for (size_t i = 0; i < sizeof(bytes_cases) / sizeof(bytes_cases[0]);
	     i++) {
		const struct bytes_case *c = &bytes_cases[i];
		struct ingest_bundle b;
		enum ingest_reason why;
		struct lsg_error *err;

		err = ingest_decode(c->bytes, c->len, NULL, &why, &b);
		check_reject(c->name, err, why, c->why, c->message);
	}
}

static void expect(const char *name, const void *buf, size_t len,
		   const struct ingest_limits *lim, enum ingest_reason want,
		   const char *message)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;

	err = ingest_decode(buf, len, lim, &why, &b);
	if (!err)
		ingest_bundle_deinit(&b);
	check_reject(name, err, why, want, message);
}

static void test_zstd_damage(void)
{
	char *buf = malloc(zlen + 2);
	char msg[128];

	memcpy(buf, zbuf, zlen);
	snprintf(msg, sizeof(msg),
		 "zstd: input ends inside the frame after %zu bytes", zlen / 2);
	expect("truncated", buf, zlen / 2, NULL, INGEST_ZSTD_TRUNCATED, msg);
	expect("one byte short", buf, zlen - 1, NULL, INGEST_ZSTD_TRUNCATED,
	       NULL);
	memcpy(buf + zlen, "xy", 2);
	expect("trailing", buf, zlen + 2, NULL, INGEST_ZSTD_TRAILING,
	       "zstd: 2 bytes after the frame");
	for (size_t i = zlen / 3; i < zlen / 3 + 16; i++)
		buf[i] ^= 0x5a;
	expect("corrupt", buf, zlen, NULL, INGEST_ZSTD_CORRUPT, NULL);
	free(buf);
}

/* Zeros in one frame; @stream leaves the size out of the frame header. */
static char *compress_zeros(size_t n, int stream, int wlog, size_t *ret_len)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t cap = ZSTD_compressBound(n);
	char *src = calloc(1, n), *dst = malloc(cap);
	ZSTD_outBuffer out = { dst, cap, 0 };
	ZSTD_inBuffer in = { src, n, 0 };

	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 1);
	if (wlog)
		ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, wlog);
	if (stream) {
		/* Fed in pieces with no pledged size: no size in the header. */
		while (in.pos < n) {
			ZSTD_inBuffer part = { src, in.pos + 65536 > n ? n :
					       in.pos + 65536, in.pos };

			ZSTD_compressStream2(cc, &out, &part, ZSTD_e_continue);
			in.pos = part.pos;
		}
		while (ZSTD_compressStream2(cc, &out, &in, ZSTD_e_end))
			;
	} else {
		out.pos = ZSTD_compress2(cc, dst, cap, src, n);
	}
	ZSTD_freeCCtx(cc);
	free(src);
	*ret_len = out.pos;
	return dst;
}

static void test_bombs(void)
{
	const struct ingest_limits lim = { .max_json = 1 << 20 };
	size_t len;
	char *z;

	z = compress_zeros(2 << 20, 1, 0, &len);
	CHECK(ZSTD_getFrameContentSize(z, len) == ZSTD_CONTENTSIZE_UNKNOWN);
	expect("bomb, streamed", z, len, &lim, INGEST_TOO_LARGE,
	       "zstd: decompressed size exceeds 1048576 bytes");
	free(z);
	z = compress_zeros(2 << 20, 0, 0, &len);
	expect("bomb, declared", z, len, &lim, INGEST_TOO_LARGE,
	       "zstd: frame declares 2097152 bytes, limit 1048576");
	free(z);
	/* The default limit, a little over: 65 MiB of zeros in 6 KiB. */
	z = compress_zeros(INGEST_MAX_JSON + (1 << 20), 1, 0, &len);
	expect("bomb, default limit", z, len, NULL, INGEST_TOO_LARGE,
	       "zstd: decompressed size exceeds 67108864 bytes");
	free(z);
	z = compress_zeros(1 << 20, 1, 26, &len);
	expect("window", z, len, NULL, INGEST_ZSTD_WINDOW,
	       "zstd: window larger than 8388608 bytes");
	free(z);
}

static void test_limits(void)
{
	const struct ingest_limits in = { .max_input = 100 };
	const struct ingest_limits js = { .max_json = 100 };
	char *s = json_dumps(real_doc, JSON_COMPACT);
	char msg[128];

	snprintf(msg, sizeof(msg), "bundle: %zu bytes, limit 100", zlen);
	expect("input limit", zbuf, zlen, &in, INGEST_TOO_LARGE, msg);
	snprintf(msg, sizeof(msg), "bundle: %zu bytes of JSON, limit 100",
		 strlen(s));
	expect("json limit", s, strlen(s), &js, INGEST_TOO_LARGE, msg);
	free(s);
	for (int r = 0; r < INGEST_REASON_COUNT; r++)
		CHECK(strcmp(ingest_reason_name((enum ingest_reason)r),
			     "unknown"));
}

/* ---- the log against the document it came from ---- */

/* Record @i as jansson reads it, restored the way DESIGN §3 says. */
static int record_matches(const json_t *rec, const struct lsg_log *log,
			  size_t i)
{
	const struct lsg_record *r = &log->recs[i];
	const char *caller = json_string_value(json_object_get(rec, "caller"));
	const json_t *text = json_object_get(rec, "text"), *v;
	json_t *dict = json_object_get(rec, "dict");
	char want[4096], id[16];
	const char *key;
	size_t n = 0, len = json_string_length(text);
	const unsigned char *s = (const unsigned char *)json_string_value(text);

	if (r->seq != (uint64_t)json_integer_value(json_object_get(rec, "seq")) ||
	    r->ts_nsec != (uint64_t)json_integer_value(json_object_get(rec,
								 "ts_nsec")) ||
	    r->level != json_integer_value(json_object_get(rec, "level")) ||
	    r->facility != json_integer_value(json_object_get(rec,
							   "facility")) ||
	    r->flags != json_integer_value(json_object_get(rec, "flags")) ||
	    r->has_caller != (caller != NULL))
		return 0;
	if (caller) {
		lsg_caller_format(r->caller_id, id, sizeof(id));
		if (strcmp(id, caller))
			return 0;
	}
	for (size_t k = 0; k < len && n < sizeof(want); n++)
		if (json_object_get(rec, "text_encoding") && s[k] >= 0x80) {
			want[n] = (char)((s[k] & 3) << 6 | (s[k + 1] & 0x3f));
			k += 2;
		} else {
			want[n] = (char)s[k++];
		}
	if (r->text_len != n || memcmp(lsg_log_text(log, i), want, n))
		return 0;
	n = 0;
	json_object_foreach(dict, key, v)
		n += (size_t)snprintf(want + n, sizeof(want) - n, "%s%s=%s",
				      n ? "\x01" : "", key,
				      json_string_value(v));
	for (size_t k = 0; k < n; k++)
		if (want[k] == '\x01')
			want[k] = '\0';
	return r->dict_len == n && !memcmp(lsg_log_dict(log, i), want, n);
}

static int log_matches(const json_t *doc, const struct lsg_log *log)
{
	const json_t *recs = json_object_get(doc, "log");

	if (log->nrecs != json_array_size(recs))
		return 0;
	for (size_t i = 0; i < log->nrecs; i++)
		if (!record_matches(json_array_get(recs, i), log, i)) {
			fprintf(stderr, "log[%zu] differs\n", i);
			return 0;
		}
	return 1;
}

/* Every record of the real bundle, field by field and byte by byte. */
static void test_real_log(void)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	const json_t *stand_in;

	err = ingest_decode(zbuf, zlen, NULL, &why, &b);
	CHECK(!err);
	if (err) {
		lsg_error_destroy(err);
		return;
	}
	CHECK(log_matches(real_doc, &b.log));
	CHECK(b.log.ngaps == 0);
	/* The records are not JSON values; "log" stands in for them. */
	stand_in = json_object_get(b.doc, "log");
	CHECK(json_array_size(stand_in) == b.log.nrecs);
	CHECK(json_is_null(json_array_get(stand_in, 0)));
	CHECK(b.json_len == real_json_len);
	ingest_bundle_deinit(&b);
}

static void test_gap(void)
{
	json_t *doc = json_deep_copy(real_doc);
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;

	json_array_remove(json_object_get(doc, "log"), 12);
	json_array_remove(json_object_get(doc, "log"), 12);
	err = decode_doc(doc, NULL, &why, &b);
	CHECK(!err);
	if (!err) {
		CHECK(b.log.nrecs == 388);
		CHECK(b.log.ngaps == 1);
		CHECK(b.log.gaps[0].after_seq == 11 && b.log.gaps[0].lost == 2);
		CHECK(log_matches(doc, &b.log));
		ingest_bundle_deinit(&b);
	}
	lsg_error_destroy(err);
	json_decref(doc);
}

/* ---- the document as text: what a jansson value cannot hold ---- */

static char *real_text;	/* real_doc, compact */

#define REC3 "{\"seq\":3,\"ts_nsec\":0,\"level\":6,\"facility\":0," \
	"\"flags\":2,\"caller\":\"T0\",\"text\":\"BIOS-e820: [mem " \
	"0x0000000000000000-0x000000000009fbff] usable\",\"dict\":null}"
#define REC176_DICT "{\"SUBSYSTEM\":\"acpi\",\"DEVICE\":\"+acpi:PNP0A03:00\"}"

/* @s with the first @from replaced by @to (NULL: no change); NULL if
 * @from is not there. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = from ? strstr(s, from) : s;
	size_t n = strlen(s), flen, tlen;
	char *r;

	if (!from)
		return strdup(s);
	if (!at)
		return NULL;
	flen = strlen(from);
	tlen = strlen(to);
	r = malloc(n - flen + tlen + 1);
	memcpy(r, s, (size_t)(at - s));
	memcpy(r + (at - s), to, tlen);
	strcpy(r + (at - s) + tlen, at + flen);
	return r;
}

/* real_text with up to two replacements. */
static char *edited(const char *from, const char *to, const char *from2,
		    const char *to2)
{
	char *a = replace(real_text, from, to), *b;

	if (!a)
		return NULL;
	b = replace(a, from2, to2);
	free(a);
	return b;
}

struct text_case {
	const char *name;
	const char *from, *to, *from2, *to2;
	enum ingest_reason why;	/* INGEST_OK: accepted */
	const char *message;	/* NULL: not checked */
};

static const struct text_case text_cases[] = {
	{ "dup seq", "{\"seq\":3,", "{\"seq\":3,\"seq\":3,", NULL, NULL,
	  INGEST_JSON_SYNTAX, "json: log record: duplicate member \"seq\"" },
	{ "dup unknown", "{\"seq\":3,", "{\"x\":1,\"x\":[],\"seq\":3,", NULL,
	  NULL, INGEST_JSON_SYNTAX,
	  "json: log record: duplicate member \"x\"" },
	{ "dup dict", "{\"SUBSYSTEM\":\"acpi\",",
	  "{\"SUBSYSTEM\":\"acpi\",\"SUBSYSTEM\":\"x\",", NULL, NULL,
	  INGEST_JSON_SYNTAX,
	  "json: log record dict: duplicate member \"SUBSYSTEM\"" },
	{ "dup nested", "{\"seq\":3,",
	  "{\"x\":{\"a\":[{\"b\":1,\"b\":1}]},\"seq\":3,", NULL, NULL,
	  INGEST_JSON_SYNTAX, NULL },
	{ "dup head", "\"host\":{", "\"host\":{\"tag\":null,", NULL, NULL,
	  INGEST_JSON_SYNTAX, NULL },
	{ "dup log", ",\"capture\":", ",\"log\":[],\"capture\":", NULL, NULL,
	  INGEST_JSON_SYNTAX, NULL },
	{ "dup id", "{\"format\":", "{\"id\":\"x\",\"format\":", NULL, NULL,
	  INGEST_JSON_SYNTAX, NULL },
	{ "NUL in record key", "{\"seq\":3,", "{\"a\\u0000\":1,\"seq\":3,",
	  NULL, NULL, INGEST_JSON_SYNTAX, NULL },
	{ "NUL in head key", "\"host\":{", "\"host\":{\"a\\u0000b\":1,", NULL,
	  NULL, INGEST_JSON_SYNTAX, NULL },
	/* Precedence: syntax anywhere, then the head, then the log. */
	{ "syntax after bad record", "{\"seq\":3,\"ts_nsec\":0,\"level\":6",
	  "{\"seq\":3,\"ts_nsec\":0,\"level\":9", "\"complete\":true",
	  "\"complete\":tru", INGEST_JSON_SYNTAX, NULL },
	{ "head after bad record", "{\"seq\":3,\"ts_nsec\":0,\"level\":6",
	  "{\"seq\":3,\"ts_nsec\":0,\"level\":9", "\"complete\":true",
	  "\"complete\":\"yes\"", INGEST_TYPE,
	  "capture.complete: expected boolean, got string" },
	{ "first bad record", "{\"seq\":3,\"ts_nsec\":0,\"level\":6",
	  "{\"seq\":3,\"ts_nsec\":0,\"level\":9", "{\"seq\":12,",
	  "{\"seq\":2,", INGEST_RANGE, "log[3].level: 9 not in 0..7" },
	{ "seq array", "{\"seq\":3,", "{\"seq\":[3],", NULL, NULL, INGEST_TYPE,
	  "log[3].seq: expected integer, got array" },
	{ "dict array", REC3, "{\"seq\":3,\"ts_nsec\":0,\"level\":6,"
	  "\"facility\":0,\"flags\":2,\"caller\":\"T0\",\"text\":\"x\","
	  "\"dict\":[]}", NULL, NULL, INGEST_TYPE,
	  "log[3].dict: expected object or null, got array" },
	{ "dict value object", "\"DEVICE\":\"+acpi:PNP0A03:00\"",
	  "\"DEVICE\":{\"a\":[]}", NULL, NULL, INGEST_TYPE,
	  "log[176].dict.DEVICE: expected string, got object" },
	{ "dict key with =", "\"DEVICE\":\"+acpi", "\"DE=VICE\":\"+acpi", NULL,
	  NULL, INGEST_VALUE, "log[176].dict: bad entry \"DE=VICE\"" },
	{ "dict empty key", "\"DEVICE\":\"+acpi", "\"\":\"+acpi", NULL, NULL,
	  INGEST_VALUE, "log[176].dict: bad entry \"\"" },
	{ "dict NUL value", "\"DEVICE\":\"+acpi", "\"DEVICE\":\"\\u0000+acpi",
	  NULL, NULL, INGEST_VALUE, "log[176].dict: bad entry \"DEVICE\"" },
	{ "dict first bad entry", REC176_DICT,
	  "{\"A=\":\"a\",\"B\":1,\"\":\"c\"}", NULL, NULL, INGEST_VALUE,
	  "log[176].dict: bad entry \"A=\"" },
	{ "log string", "\"log\":[", "\"log\":\"x\",\"y\":[", NULL, NULL,
	  INGEST_TYPE, "log: expected array, got string" },
	{ "record array", REC3, "[1,{\"a\":1}]", NULL, NULL, INGEST_TYPE,
	  "log[3]: expected object, got array" },
	{ "record null", REC3, "null", NULL, NULL, INGEST_TYPE,
	  "log[3]: expected object, got null" },
	{ "record after bad one", REC3, "7", "{\"seq\":12,", "{\"seq\":1,",
	  INGEST_TYPE, "log[3]: expected object, got integer" },
	{ "garbage after", "\"log_gaps\":[]}}", "\"log_gaps\":[]}} {}",
	  NULL, NULL, INGEST_JSON_SYNTAX, NULL },
	{ "cut short", "\"log_gaps\":[]}}", "\"log_gaps\":[]}", NULL, NULL,
	  INGEST_JSON_SYNTAX, NULL },
	/* Accepted. */
	{ "unknown members", "{\"seq\":3,",
	  "{\"x\":{\"y\":[1,2.5,true,null,\"s\",{}]},\"z\":-9223372036854775808,"
	  "\"seq\":3,", NULL, NULL, INGEST_OK, NULL },
	{ "head extras", "\"host\":{",
	  "\"host\":{\"x\":[1e-400,-0,{\"\\u00e9\":\"\\ud83d\\ude00\"}],", NULL,
	  NULL, INGEST_OK, NULL },
	{ "empty names", "\"host\":{", "\"host\":{\"\":{\"\":[]},", "{\"seq\":3,",
	  "{\"\":{\"\":1},\"seq\":3,", INGEST_OK, NULL },
	{ "caller with NUL", "\"caller\":\"T0\",\"text\":\"BIOS-e820: [mem "
	  "0x0000000000000000-0x000000000009fbff]",
	  "\"caller\":\"T0\\u0000x\",\"text\":\"BIOS-e820: [mem "
	  "0x0000000000000000-0x000000000009fbff]", NULL, NULL, INGEST_OK,
	  NULL },
};

static void test_text_cases(void)
{
	for (size_t i = 0; i < sizeof(text_cases) / sizeof(text_cases[0]);
	     i++) {
		const struct text_case *c = &text_cases[i];
		char *s = edited(c->from, c->to, c->from2, c->to2);
		struct ingest_bundle b;
		enum ingest_reason why;
		struct lsg_error *err;

		if (!s) {
			fprintf(stderr, "%s: nothing to edit\n", c->name);
			test_failures++;
			continue;
		}
		err = ingest_decode(s, strlen(s), NULL, &why, &b);
		if (c->why != INGEST_OK) {
			if (!err)
				ingest_bundle_deinit(&b);
			check_reject(c->name, err, why, c->why, c->message);
		} else if (err) {
			fprintf(stderr, "%s: %s\n", c->name, err->message);
			test_failures++;
			lsg_error_destroy(err);
		} else {
			CHECK(log_matches(real_doc, &b.log));
			ingest_bundle_deinit(&b);
		}
		free(s);
	}
}

/* Members in any order; latin1 text before and after its dictionary. */
static void test_member_order(void)
{
	static const struct {
		const char *rec, *text, *dict;
		size_t text_len, dict_len;
	} cases[] = {
		{ "{\"dict\":{\"A\":\"b\",\"C\":\"\"},\"text_encoding\":\"latin1\","
		  "\"text\":\"\\u00ff\\u0000x\\u00e9\",\"flags\":2,"
		  "\"caller\":\"T1\",\"facility\":0,\"level\":6,"
		  "\"ts_nsec\":774548695,\"seq\":176}",
		  "\xff\0x\xe9", "A=b\0C=", 4, 6 },
		{ "{\"seq\":176,\"ts_nsec\":774548695,\"level\":6,"
		  "\"facility\":0,\"flags\":2,\"caller\":\"T1\","
		  "\"text\":\"\\u00ff\\u00ffab\",\"dict\":{\"A\":\"b\"},"
		  "\"text_encoding\":\"latin1\"}",
		  "\xff\xff" "ab", "A=b", 4, 3 },
		{ "{\"seq\":176,\"ts_nsec\":774548695,\"level\":6,"
		  "\"facility\":0,\"flags\":2,\"caller\":null,"
		  "\"text_encoding\":\"latin1\",\"text\":\"\\u00e9\","
		  "\"dict\":null}", "\xe9", "", 1, 0 },
	};
	char *old = NULL, *rec176;

	rec176 = strstr(real_text, "{\"seq\":176,");
	if (rec176)
		old = strndup(rec176, (size_t)(strstr(rec176, "}}") + 2 -
					       rec176));
	CHECK(old != NULL);
	for (size_t i = 0; old && i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = edited(old, cases[i].rec, NULL, NULL);
		const struct lsg_record *r;
		struct ingest_bundle b;
		enum ingest_reason why;
		struct lsg_error *err;

		err = ingest_decode(s, strlen(s), NULL, &why, &b);
		CHECK(!err);
		if (err) {
			fprintf(stderr, "order %zu: %s\n", i, err->message);
			lsg_error_destroy(err);
			free(s);
			continue;
		}
		r = &b.log.recs[176];
		CHECK(r->text_len == cases[i].text_len);
		CHECK(!memcmp(lsg_log_text(&b.log, 176), cases[i].text,
			      cases[i].text_len));
		CHECK(r->dict_len == cases[i].dict_len);
		CHECK(!memcmp(lsg_log_dict(&b.log, 176), cases[i].dict,
			      cases[i].dict_len));
		CHECK(r->has_caller == (i < 2) && r->seq == 176);
		/* The neighbours are untouched. */
		CHECK(record_matches(record(real_doc, 175), &b.log, 175));
		CHECK(record_matches(record(real_doc, 177), &b.log, 177));
		ingest_bundle_deinit(&b);
		free(s);
	}
	free(old);
}

/* Past DICT_LINEAR_KEYS entries, names are checked in a set. */
static char *with_dict(const char *dict)
{
	char rec[1200];

	snprintf(rec, sizeof(rec), "{\"seq\":3,\"ts_nsec\":0,\"level\":6,"
		 "\"facility\":0,\"flags\":2,\"caller\":\"T0\",\"text\":\"x\","
		 "\"dict\":%s}", dict);
	return edited(REC3, rec, NULL, NULL);
}

static void test_big_dict(void)
{
	char dict[1024], want[1024];
	size_t n = 0, w = 0;
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	char *s;

	n += (size_t)snprintf(dict + n, sizeof(dict) - n, "{");
	for (int k = 0; k < 40; k++) {
		n += (size_t)snprintf(dict + n, sizeof(dict) - n,
				      "%s\"K%d\":\"v%d\"", k ? "," : "", k, k);
		w += (size_t)snprintf(want + w, sizeof(want) - w, "K%d=v%d",
				      k, k) + 1;
	}
	snprintf(dict + n, sizeof(dict) - n, "}");
	s = with_dict(dict);
	err = ingest_decode(s, strlen(s), NULL, &why, &b);
	CHECK(!err);
	if (!err) {
		CHECK(b.log.recs[3].dict_len == w - 1);
		CHECK(!memcmp(lsg_log_dict(&b.log, 3), want, w - 1));
		CHECK(b.log.recs[3].text_len == 1);
		ingest_bundle_deinit(&b);
	}
	lsg_error_destroy(err);
	free(s);
	/* A repeated name, among the first ones or the later ones. */
	for (int dup = 0; dup < 2; dup++) {
		snprintf(dict + n, sizeof(dict) - n, ",\"K%d\":\"x\"}",
			 dup ? 30 : 2);
		s = with_dict(dict);
		expect(dup ? "big dict, late dup" : "big dict, early dup", s,
		       strlen(s), NULL, INGEST_JSON_SYNTAX,
		       dup ? "json: log record dict: duplicate member \"K30\"" :
		       "json: log record dict: duplicate member \"K2\"");
		free(s);
	}
}

/* "x": @n nested arrays, as a member of record 3. */
static char *nested(int n)
{
	size_t k = 0, size = 2 * (size_t)n + 32;
	char *to = malloc(size), *s;

	k += (size_t)snprintf(to, size, "{\"x\":");
	for (int i = 0; i < n; i++)
		to[k++] = '[';
	to[k++] = '1';
	for (int i = 0; i < n; i++)
		to[k++] = ']';
	snprintf(to + k, size - k, ",\"seq\":3,");
	s = edited("{\"seq\":3,", to, NULL, NULL);
	free(to);
	return s;
}

/* Nesting is capped (the record is 3 deep); so is the record count. */
static void test_caps(void)
{
	const struct ingest_limits lim = { .max_records = 100 };
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	char *s = nested(INGEST_MAX_DEPTH - 3);

	err = ingest_decode(s, strlen(s), NULL, &why, &b);
	CHECK(!err);
	if (!err)
		ingest_bundle_deinit(&b);
	lsg_error_destroy(err);
	free(s);
	s = nested(INGEST_MAX_DEPTH - 2);
	expect("too deep", s, strlen(s), NULL, INGEST_JSON_SYNTAX, NULL);
	free(s);
	s = nested(10000 / 2 - 32);
	expect("far too deep", s, strlen(s), NULL, INGEST_JSON_SYNTAX, NULL);
	free(s);
	expect("records", real_text, strlen(real_text), &lim,
	       INGEST_TOO_LARGE, "log: more than 100 records");
}

/* Documents only a zstd frame can bring: not starting with '{'. */
static void test_zstd_documents(void)
{
	static const struct {
		const char *json;
		enum ingest_reason why;
		const char *message;
	} cases[] = {
		{ "[1]", INGEST_TYPE, "bundle: expected object, got array" },
		{ "[{}, 1", INGEST_JSON_SYNTAX, NULL },
		{ "5", INGEST_JSON_SYNTAX, NULL },
		{ "\"x\"", INGEST_JSON_SYNTAX, NULL },
		{ "", INGEST_JSON_SYNTAX, NULL },
		{ " \n", INGEST_JSON_SYNTAX, NULL },
		{ "{}", INGEST_FORMAT, "format: missing" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].json);
		size_t cap = ZSTD_compressBound(len);
		char *z = malloc(cap);
		size_t zn = ZSTD_compress(z, cap, cases[i].json, len, 1);

		expect(cases[i].json, z, zn, NULL, cases[i].why,
		       cases[i].message);
		free(z);
	}
}

/*
 * What jansson's loader refused (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL)
 * is a json_syntax rejection, and nothing else is: each value below as an
 * unknown member of a record (read without a JSON tree) and of the head.
 */
static const char *const values[] = {
	"1", "-0", "1.5e3", "01", "1.", ".5", "-", "+1", "1e", "0x10", "1E+2",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "1e400", "-1e400", "1e-400",
	"123456789012345678901234567890", "99999999999999999999.5",
	"\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00\"",
	"\"\\ud800\\u0041\"", "\"\\ud800x\"", "\"\\uDBFF\\uDFFF\"",
	"\"\\uD7FF\\uE000\"", "\"\\\\ud800\"", "\"\\u00e9\"", "\"\\x\"",
	"\"\\u12\"", "\"\\u0000\"", "\"\xc3\xa9\"", "\"\xc0\x80\"",
	"\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xf4\x8f\xbf\xbf\"",
	"\"\xf5\x80\x80\x80\"", "\"\xff\"", "\"\xc3\"", "\"a\tb\"", "\"\\/\"",
	"[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{1:2}", "tru", "true",
	"null", "nul", "[1 2]", "/*c*/1", "1 /*c*/", "{\"a\":{\"a\":1}}",
	"{\"a\":1,\"a\":1}", "[[[[]]]]", "{\"\\u0000\":1}", "{\"a\\u0000\":1}",
	"{\"\xc3\xa9\":1}", "{\"\xc0\x80\":1}", "{\"\\ud800\":1}",
	"[\"\\ud800\\udc00\"]", "{\"a\":[{\"b\":1},{\"b\":1}]}",
};

static void test_syntax_like_jansson(void)
{
	static const char *const at[][3] = {
		{ "{\"seq\":3,", "{\"x\":", ",\"seq\":3," },
		{ "\"host\":{", "\"host\":{\"x\":", "," },
	};

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		for (size_t k = 0; k < 2; k++) {
			struct ingest_bundle b;
			enum ingest_reason why;
			struct lsg_error *err;
			char to[256], *s;
			json_t *j;

			snprintf(to, sizeof(to), "%s%s%s", at[k][1], values[i],
				 at[k][2]);
			s = edited(at[k][0], to, NULL, NULL);
			j = json_loadb(s, strlen(s), JSON_REJECT_DUPLICATES |
				       JSON_ALLOW_NUL, NULL);
			err = ingest_decode(s, strlen(s), NULL, &why, &b);
			if ((err != NULL) != (j == NULL) ||
			    (err && why != INGEST_JSON_SYNTAX)) {
				fprintf(stderr, "value %s in the %s: jansson %s, "
					"ingest %s\n", values[i],
					k ? "head" : "log",
					j ? "accepts" : "refuses",
					err ? err->message : "accepts");
				test_failures++;
			}
			if (err)
				lsg_error_destroy(err);
			else
				ingest_bundle_deinit(&b);
			json_decref(j);
			free(s);
		}
	}
}

/* ---- real vmcores, when cached: the log must survive the trip ---- */

static int dmesg_matches(const struct lsg_log *log, const char *want,
			 size_t want_len)
{
	char *line = malloc(LSG_DMESG_LINE_MAX);
	size_t off = 0;
	int ok = 1;

	for (size_t i = 0; ok && i < log->nrecs; i++) {
		size_t n = lsg_log_format_dmesg(log, i, line,
						LSG_DMESG_LINE_MAX);

		ok = off + n <= want_len && !memcmp(want + off, line, n);
		if (!ok)
			fprintf(stderr, "record %zu differs from vmcore-dmesg\n",
				i);
		off += n;
	}
	free(line);
	return ok && off == want_len;
}

static int capture_one(const char *capture, const char *dir)
{
	char cmd[4096], path[4096];
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	char *buf, *want;
	size_t len, want_len;
	FILE *p;

	snprintf(path, sizeof(path), "%.2000s/vmcore-dmesg.txt", dir);
	want = read_all(path, &want_len);
	if (!want)
		return 0;
	snprintf(cmd, sizeof(cmd), "'%.1000s' --vmcore '%.2000s/vmcore.elf' --json",
		 capture, dir);
	p = popen(cmd, "r");
	buf = malloc(64 << 20);
	len = fread(buf, 1, 64 << 20, p);
	pclose(p);
	err = ingest_decode(buf, len, NULL, &why, &b);
	CHECK(!err);
	if (!err) {
		if (!dmesg_matches(&b.log, want, want_len)) {
			fprintf(stderr, "%s: dmesg differs\n", dir);
			test_failures++;
		}
		ingest_bundle_deinit(&b);
	}
	lsg_error_destroy(err);
	free(buf);
	free(want);
	return 1;
}

static int test_cached_vmcores(void)
{
	const char *cache = getenv("LOGSAGE_CACHE");
	const char *build = getenv("BUILD");
	char capture[1024], dir[4096];
	struct dirent *k, *s;
	DIR *kd, *sd;
	int n = 0;

	if (!cache || !build)
		return 0;
	snprintf(capture, sizeof(capture), "%s/logsage-capture", build);
	snprintf(dir, sizeof(dir), "%s/vmcores", cache);
	kd = opendir(dir);
	while (kd && (k = readdir(kd))) {
		char kdir[1536];

		if (k->d_name[0] == '.')
			continue;
		snprintf(kdir, sizeof(kdir), "%.1024s/vmcores/%.255s", cache,
			 k->d_name);
		sd = opendir(kdir);
		while (sd && (s = readdir(sd))) {
			if (s->d_name[0] == '.')
				continue;
			snprintf(dir, sizeof(dir), "%.1536s/%.255s", kdir,
				 s->d_name);
			n += capture_one(capture, dir);
		}
		if (sd)
			closedir(sd);
	}
	if (kd)
		closedir(kd);
	return n;
}

/*
 * Issue 20: the record ceiling agrees with the size ceiling.  The
 * smallest record is wire_min_record_json() bytes, and a document that
 * fits max_json with as many of the smallest records as it holds (seqs
 * 0, 1, ... as they must increase) is accepted whole: never refused for
 * its record count while within its size.
 */
static void test_record_limit_agrees(void)
{
	static const char fmt[] = "{\"seq\":%zu,\"ts_nsec\":0,\"level\":0,"
		"\"facility\":0,\"flags\":0,\"caller\":null,\"text\":\"\","
		"\"dict\":null},";
	struct ingest_limits lim = { 0 };
	json_t *doc = json_deep_copy(real_doc);
	size_t n = 0, used, cap = 4 << 20;
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	char *head, *buf, *p;

	CHECK((size_t)snprintf(NULL, 0, fmt, (size_t)0) >=
	      wire_min_record_json() + 1);
	CHECK(INGEST_MAX_RECORDS * (wire_min_record_json() + 1) <=
	      INGEST_MAX_JSON);
	json_object_set_new(doc, "log", json_array());
	head = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	p = head ? strstr(head, "\"log\":[]") : NULL;
	buf = malloc(cap);
	CHECK(p && buf);
	if (!p || !buf) {
		free(head);
		free(buf);
		return;
	}
	used = (size_t)(p - head) + 7;
	memcpy(buf, head, used);
	while (used + 128 + strlen(p + 7) < cap)
		used += (size_t)snprintf(buf + used, cap - used, fmt, n++);
	used--;			/* the last comma */
	used += (size_t)snprintf(buf + used, cap - used, "%s", p + 7);
	lim.max_json = used;
	err = ingest_decode(buf, used, &lim, &why, &b);
	CHECK(!err);
	if (!err) {
		CHECK(b.log.nrecs == n);
		ingest_bundle_deinit(&b);
	}
	lsg_error_destroy(err);
	free(buf);
	free(head);
}

int main(void)
{
	size_t n;
	char *plain;

	zbuf = read_all(REAL_BUNDLE, &zlen);
	if (!zbuf) {
		fprintf(stderr, "cannot read %s\n", REAL_BUNDLE);
		return TEST_FAIL;
	}
	n = ZSTD_getFrameContentSize(zbuf, zlen);
	n = n == ZSTD_CONTENTSIZE_UNKNOWN ? 1 << 20 : n;
	plain = malloc(n);
	n = ZSTD_decompress(plain, n, zbuf, zlen);
	real_json_len = n;
	real_doc = json_loadb(plain, n, JSON_ALLOW_NUL, NULL);
	free(plain);
	if (!real_doc) {
		fprintf(stderr, "cannot parse %s\n", REAL_BUNDLE);
		return TEST_FAIL;
	}
	test_real_bundle();
	test_plain_json();
	test_fast_records();
	test_field_names();
	test_latin1();
	test_doc_cases();
	test_bytes_cases();
	test_zstd_damage();
	test_bombs();
	test_limits();
	test_record_limit_agrees();
	real_text = json_dumps(real_doc, JSON_COMPACT);
	test_real_log();
	test_gap();
	test_text_cases();
	test_member_order();
	test_big_dict();
	test_caps();
	test_zstd_documents();
	test_syntax_like_jansson();
	free(real_text);
	printf("%d cached vmcores round-tripped\n", test_cached_vmcores());
	json_decref(real_doc);
	free(zbuf);
	return test_exit();
}
