/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>
#include <zstd_errors.h>

#include "bundle.h"
#include "ingest.h"

static const char *const reason_names[INGEST_REASON_COUNT] = {
	[INGEST_OK] = "ok",
	[INGEST_NOMEM] = "out_of_memory",
	[INGEST_EMPTY] = "empty",
	[INGEST_TOO_LARGE] = "too_large",
	[INGEST_NOT_BUNDLE] = "not_bundle",
	[INGEST_ZSTD_CORRUPT] = "zstd_corrupt",
	[INGEST_ZSTD_TRUNCATED] = "zstd_truncated",
	[INGEST_ZSTD_TRAILING] = "zstd_trailing_data",
	[INGEST_ZSTD_WINDOW] = "zstd_window_too_large",
	[INGEST_JSON_SYNTAX] = "json_syntax",
	[INGEST_FORMAT] = "format",
	[INGEST_ID] = "id",
	[INGEST_MISSING] = "missing_field",
	[INGEST_TYPE] = "wrong_type",
	[INGEST_RANGE] = "out_of_range",
	[INGEST_SEQ_ORDER] = "seq_order",
	[INGEST_TEXT_ENCODING] = "text_encoding",
	[INGEST_VALUE] = "bad_value",
};

const char *ingest_reason_name(enum ingest_reason r)
{
	if ((unsigned)r >= INGEST_REASON_COUNT)
		return "unknown";
	return reason_names[r];
}

const char *ingest_member_str(const json_t *obj, const char *key)
{
	if (!obj)
		return NULL;
	return json_string_value(json_object_get(obj, key));
}

/* Set *@why and make the error; the message is the reason's detail. */
static struct lsg_error *reject(enum ingest_reason *why, enum ingest_reason r,
				const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct lsg_error *reject(enum ingest_reason *why, enum ingest_reason r,
				const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	*why = r;
	return lsg_error_create(r == INGEST_TOO_LARGE ? LSG_ERR_LIMIT :
				LSG_ERR_INVALID, "%s", msg);
}

static struct lsg_error *nomem(enum ingest_reason *why)
{
	*why = INGEST_NOMEM;
	return &lsg_enomem;
}

/* ---- zstd: one frame, decoded with a hard cap ---- */

static const uint8_t zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
/* ZSTD_FRAMEHEADERSIZE_MAX, which zstd.h only shows to static linkers. */
enum { ZSTD_FRAME_HEADER_MAX = 18 };

struct outbuf {
	char *buf;
	size_t cap, used;
	size_t limit;		/* never hold more than limit + 1 bytes */
};

/* Double the buffer, up to one byte past the limit (to see an overrun). */
static int outbuf_grow(struct outbuf *o)
{
	size_t cap = o->cap ? o->cap * 2 : 64 << 10;
	char *p;

	if (cap > o->limit + 1)
		cap = o->limit + 1;
	p = realloc(o->buf, cap);
	if (!p)
		return -1;
	o->buf = p;
	o->cap = cap;
	return 0;
}

static struct lsg_error *zstd_error(size_t r, enum ingest_reason *why)
{
	if (ZSTD_getErrorCode(r) == ZSTD_error_frameParameter_windowTooLarge)
		return reject(why, INGEST_ZSTD_WINDOW,
			      "zstd: window larger than %u bytes",
			      1u << INGEST_WINDOW_LOG_MAX);
	if (ZSTD_getErrorCode(r) == ZSTD_error_memory_allocation)
		return nomem(why);
	return reject(why, INGEST_ZSTD_CORRUPT, "zstd: %s",
		      ZSTD_getErrorName(r));
}

/* Checks the frame header: its declared size, if any, within the limit. */
static struct lsg_error *zstd_check_header(const void *buf, size_t len,
					   size_t limit, size_t *hint,
					   enum ingest_reason *why)
{
	unsigned long long fcs = ZSTD_getFrameContentSize(buf, len);

	*hint = 0;
	if (fcs == ZSTD_CONTENTSIZE_ERROR)
		return reject(why, len < ZSTD_FRAME_HEADER_MAX ?
			      INGEST_ZSTD_TRUNCATED : INGEST_ZSTD_CORRUPT,
			      "zstd: bad frame header");
	if (fcs == ZSTD_CONTENTSIZE_UNKNOWN)
		return NULL;
	if (fcs > limit)
		return reject(why, INGEST_TOO_LARGE,
			      "zstd: frame declares %llu bytes, limit %zu",
			      fcs, limit);
	*hint = (size_t)fcs;
	return NULL;
}

static struct lsg_error *zstd_run(ZSTD_DCtx *d, const void *buf, size_t len,
				  struct outbuf *o, enum ingest_reason *why)
{
	ZSTD_inBuffer in = { buf, len, 0 };

	for (;;) {
		ZSTD_outBuffer out;
		size_t r;

		if (o->used == o->cap) {
			if (o->cap > o->limit)
				return reject(why, INGEST_TOO_LARGE,
					      "zstd: decompressed size exceeds %zu bytes",
					      o->limit);
			if (outbuf_grow(o))
				return nomem(why);
		}
		out = (ZSTD_outBuffer){ o->buf, o->cap, o->used };
		r = ZSTD_decompressStream(d, &out, &in);
		o->used = out.pos;
		if (ZSTD_isError(r))
			return zstd_error(r, why);
		if (r == 0)
			break;
		if (in.pos == in.size && out.pos < out.size)
			return reject(why, INGEST_ZSTD_TRUNCATED,
				      "zstd: input ends inside the frame after %zu bytes",
				      len);
	}
	if (o->used > o->limit)
		return reject(why, INGEST_TOO_LARGE,
			      "zstd: decompressed size exceeds %zu bytes",
			      o->limit);
	if (in.pos < in.size)
		return reject(why, INGEST_ZSTD_TRAILING,
			      "zstd: %zu bytes after the frame",
			      in.size - in.pos);
	return NULL;
}

/* Decompress @buf into a new buffer of at most @limit bytes (@ret). */
static struct lsg_error *zstd_inflate(const void *buf, size_t len,
				      size_t limit, struct outbuf *ret,
				      enum ingest_reason *why)
{
	struct outbuf o = { .limit = limit };
	struct lsg_error *err;
	size_t hint;
	ZSTD_DCtx *d;

	err = zstd_check_header(buf, len, limit, &hint, why);
	if (err)
		return err;
	/* A declared size is exact: one allocation, plus the overrun byte. */
	if (hint) {
		o.cap = hint + 1;
		o.buf = malloc(o.cap);
		if (!o.buf)
			return nomem(why);
	}
	d = ZSTD_createDCtx();
	if (!d) {
		free(o.buf);
		return nomem(why);
	}
	ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, INGEST_WINDOW_LOG_MAX);
	err = zstd_run(d, buf, len, &o, why);
	ZSTD_freeDCtx(d);
	if (err) {
		free(o.buf);
		return err;
	}
	*ret = o;
	return NULL;
}

/* ---- JSON ---- */

static struct lsg_error *json_parse(const char *text, size_t len,
				    json_t **ret, enum ingest_reason *why)
{
	json_error_t jerr;
	json_t *doc;

	/* NUL is valid in record text (escaped \u0000): keep it. */
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
			 &jerr);
	if (!doc) {
		if (json_error_code(&jerr) == json_error_out_of_memory)
			return nomem(why);
		return reject(why, INGEST_JSON_SYNTAX,
			      "json: line %d column %d: %s", jerr.line,
			      jerr.column, jerr.text);
	}
	*ret = doc;
	return NULL;
}

enum {
	T_STR = 1, T_INT = 2, T_BOOL = 4, T_OBJ = 8, T_ARR = 16, T_NULL = 32,
	T_OPTIONAL = 64,	/* may be absent */
};

/* One member's required type; @obj NULL means the top level. */
struct field {
	const char *obj;
	const char *key;
	unsigned types;
};

/* DESIGN §3; members not listed are allowed and ignored. */
static const struct field bundle_fields[] = {
	{ NULL, "host", T_OBJ },
	{ NULL, "kernel", T_OBJ },
	{ NULL, "crash", T_OBJ },
	{ NULL, "vmcoreinfo", T_STR | T_NULL },
	{ NULL, "log", T_ARR },
	{ NULL, "capture", T_OBJ },
	{ "host", "hostname", T_STR | T_NULL },
	{ "host", "machine_id", T_STR | T_NULL },
	{ "host", "tag", T_STR | T_NULL },
	{ "host", "boot_id", T_STR | T_NULL },
	{ "kernel", "release", T_STR | T_NULL },
	{ "kernel", "version", T_STR | T_NULL },
	{ "kernel", "arch", T_STR | T_NULL },
	{ "kernel", "build_id", T_STR | T_NULL },
	{ "kernel", "page_size", T_INT | T_NULL },
	{ "kernel", "kaslr_offset", T_STR | T_NULL },
	{ "kernel", "cmdline", T_STR | T_NULL },
	{ "crash", "time", T_INT | T_NULL },
	{ "crash", "panic_cpu", T_INT | T_NULL },
	{ "crash", "pid", T_INT | T_NULL },
	{ "crash", "comm", T_STR | T_NULL },
	{ "crash", "taint", T_STR | T_NULL },
	{ "crash", "regs", T_OBJ | T_NULL },
	{ "crash", "record", T_OBJ | T_NULL },
	{ "capture", "agent", T_STR },
	{ "capture", "started", T_STR | T_NULL },
	{ "capture", "duration_ms", T_INT | T_NULL },
	{ "capture", "source", T_STR | T_NULL },
	{ "capture", "complete", T_BOOL },
	{ "capture", "missing", T_ARR },
	{ "capture", "log_gaps", T_ARR | T_OPTIONAL },
};

static const struct field record_fields[] = {
	{ NULL, "seq", T_INT },
	{ NULL, "ts_nsec", T_INT },
	{ NULL, "level", T_INT },
	{ NULL, "facility", T_INT },
	{ NULL, "flags", T_INT },
	{ NULL, "caller", T_STR | T_NULL },
	{ NULL, "text", T_STR },
	{ NULL, "text_encoding", T_STR | T_OPTIONAL },
	{ NULL, "dict", T_OBJ | T_NULL },
};

static unsigned json_type_bit(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return T_OBJ;
	case JSON_ARRAY: return T_ARR;
	case JSON_STRING: return T_STR;
	case JSON_INTEGER: return T_INT;
	case JSON_TRUE:
	case JSON_FALSE: return T_BOOL;
	case JSON_NULL: return T_NULL;
	default: return 0;	/* real */
	}
}

static const char *json_type_name(const json_t *v)
{
	static const char *const names[] = {
		[JSON_OBJECT] = "object", [JSON_ARRAY] = "array",
		[JSON_STRING] = "string", [JSON_INTEGER] = "integer",
		[JSON_REAL] = "real", [JSON_TRUE] = "boolean",
		[JSON_FALSE] = "boolean", [JSON_NULL] = "null",
	};

	return names[json_typeof(v)];
}

/* "string or null" for a type mask, into @buf. */
static const char *types_text(unsigned types, char *buf, size_t size)
{
	static const char *const names[] = {
		"string", "integer", "boolean", "object", "array", "null",
	};
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(types & (1u << i)))
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
				      n ? " or " : "", names[i]);
		if (n >= size)
			break;
	}
	return buf;
}

/*
 * @where is the path prefix for messages: "" or "log"; @index >= 0 makes
 * it "log[index]".  The path is only formatted for a rejection: this runs
 * for every member of every record.
 */
static struct lsg_error *check_field(const json_t *parent,
				     const struct field *f, const char *where,
				     long index, enum ingest_reason *why)
{
	const json_t *v = json_object_get(parent, f->key);
	char path[96], want[64];

	if (v ? json_type_bit(v) & f->types : f->types & T_OPTIONAL)
		return NULL;
	if (index >= 0)
		snprintf(path, sizeof(path), "%s[%ld].%s", where, index,
			 f->key);
	else
		snprintf(path, sizeof(path), "%s%s%s", f->obj ? f->obj : "",
			 f->obj ? "." : "", f->key);
	if (!v)
		return reject(why, INGEST_MISSING, "%s: missing", path);
	return reject(why, INGEST_TYPE, "%s: expected %s, got %s", path,
		      types_text(f->types, want, sizeof(want)),
		      json_type_name(v));
}

static struct lsg_error *check_fields(const json_t *doc,
				      const struct field *fields, size_t n,
				      const char *where, long index,
				      enum ingest_reason *why)
{
	for (size_t i = 0; i < n; i++) {
		const json_t *parent = fields[i].obj ?
			json_object_get(doc, fields[i].obj) : doc;
		struct lsg_error *err;

		err = check_field(parent, &fields[i], where, index, why);
		if (err)
			return err;
	}
	return NULL;
}

static int is_lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static struct lsg_error *check_head(const json_t *doc,
				    enum ingest_reason *why)
{
	const json_t *format, *id;

	if (!json_is_object(doc))
		return reject(why, INGEST_TYPE,
			      "bundle: expected object, got %s",
			      json_type_name(doc));
	format = json_object_get(doc, "format");
	if (!format)
		return reject(why, INGEST_FORMAT, "format: missing");
	if (!json_is_string(format))
		return reject(why, INGEST_FORMAT,
			      "format: expected string, got %s",
			      json_type_name(format));
	if (strcmp(json_string_value(format), BUNDLE_FORMAT))
		return reject(why, INGEST_FORMAT,
			      "format: \"%.64s\" is not \"" BUNDLE_FORMAT "\"",
			      json_string_value(format));
	id = json_object_get(doc, "id");
	if (!id)
		return reject(why, INGEST_ID, "id: missing");
	if (!json_is_string(id) || json_string_length(id) != 64 ||
	    !is_lower_hex(json_string_value(id), 64))
		return reject(why, INGEST_ID,
			      "id: not 64 lowercase hex digits");
	return check_fields(doc, bundle_fields,
			    sizeof(bundle_fields) / sizeof(bundle_fields[0]),
			    "", -1, why);
}

/* ---- log records ---- */

/* Sizes found by the checking pass, for the filling pass. */
struct log_sizes {
	size_t bytes;		/* text and dict bytes of all records */
	size_t max_record;	/* the largest single text or dict */
};

static int int_member(const json_t *rec, const char *key, json_int_t lo,
		      json_int_t hi, json_int_t *ret)
{
	json_int_t v = json_integer_value(json_object_get(rec, key));

	*ret = v;
	return v >= lo && v <= hi;
}

static int is_latin1(const json_t *rec)
{
	return json_object_get(rec, "text_encoding") != NULL;
}

/*
 * Latin-1 text: each code point U+0000..U+00FF is one byte.  The string is
 * valid UTF-8 (jansson checked it), so only the lead byte needs a look.
 * Returns the byte count, or -1 at the first code point past U+00FF
 * (its lead byte in *@bad).
 */
static long latin1_decode(const char *s, size_t len, char *out,
			  unsigned char *bad)
{
	size_t n = 0;

	for (size_t i = 0; i < len; n++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			if (out)
				out[n] = (char)c;
			i++;
		} else if ((c == 0xc2 || c == 0xc3) && i + 1 < len) {
			if (out)
				out[n] = (char)((c & 0x03) << 6 |
						((unsigned char)s[i + 1] & 0x3f));
			i += 2;
		} else {
			*bad = c;
			return -1;
		}
	}
	return (long)n;
}

static struct lsg_error *check_text(const json_t *rec, size_t i,
				    size_t *ret, enum ingest_reason *why)
{
	const json_t *text = json_object_get(rec, "text");
	const json_t *enc = json_object_get(rec, "text_encoding");
	size_t len = json_string_length(text);
	unsigned char bad = 0;
	long n;

	if (enc && strcmp(json_string_value(enc), "latin1"))
		return reject(why, INGEST_TEXT_ENCODING,
			      "log[%zu].text_encoding: \"%.32s\" is not \"latin1\"",
			      i, json_string_value(enc));
	if (enc) {
		n = latin1_decode(json_string_value(text), len, NULL, &bad);
		if (n < 0)
			return reject(why, INGEST_TEXT_ENCODING,
				      "log[%zu].text: not latin1 (lead byte 0x%02x)",
				      i, bad);
		len = (size_t)n;
	}
	if (len > INGEST_MAX_RECORD)
		return reject(why, INGEST_RANGE,
			      "log[%zu].text: %zu bytes, more than %zu", i,
			      len, INGEST_MAX_RECORD);
	*ret = len;
	return NULL;
}

/* The dictionary back as "KEY=value\0KEY=value" bytes; its size in *@ret. */
static struct lsg_error *check_dict(const json_t *rec, size_t i,
				    size_t *ret, enum ingest_reason *why)
{
	json_t *dict = json_object_get(rec, "dict");
	const json_t *v;
	const char *key;
	size_t n = 0;

	json_object_foreach(dict, key, v) {
		size_t klen = strlen(key);

		if (!json_is_string(v))
			return reject(why, INGEST_TYPE,
				      "log[%zu].dict.%.64s: expected string, got %s",
				      i, key, json_type_name(v));
		if (!klen || memchr(key, '=', klen) ||
		    memchr(json_string_value(v), '\0', json_string_length(v)))
			return reject(why, INGEST_VALUE,
				      "log[%zu].dict: bad entry \"%.64s\"", i,
				      key);
		n += (n ? 1 : 0) + klen + 1 + json_string_length(v);
	}
	if (n > INGEST_MAX_RECORD)
		return reject(why, INGEST_RANGE,
			      "log[%zu].dict: %zu bytes, more than %zu", i, n,
			      INGEST_MAX_RECORD);
	*ret = n;
	return NULL;
}

/* "T123" (a task) or "C1" (a CPU) into a caller id; -1 if malformed. */
static int parse_caller(const char *s, uint32_t *ret)
{
	unsigned long v = 0;
	size_t i;

	if (s[0] != 'T' && s[0] != 'C')
		return -1;
	for (i = 1; s[i] >= '0' && s[i] <= '9' && i < 12; i++)
		v = v * 10 + (unsigned long)(s[i] - '0');
	if (i == 1 || s[i] || v >= LSG_CALLER_CPU)
		return -1;
	*ret = (uint32_t)v | (s[0] == 'C' ? LSG_CALLER_CPU : 0);
	return 0;
}

struct range {
	const char *key;
	json_int_t lo, hi;
};

static const struct range record_ranges[] = {
	{ "seq", 0, INT64_MAX },
	{ "ts_nsec", 0, INT64_MAX },
	{ "level", 0, 7 },
	{ "facility", 0, 255 },
	{ "flags", 0, 255 },
};

static struct lsg_error *check_numbers(const json_t *rec, size_t i,
				       enum ingest_reason *why)
{
	json_int_t v;

	for (size_t k = 0; k < sizeof(record_ranges) /
			       sizeof(record_ranges[0]); k++) {
		const struct range *r = &record_ranges[k];

		if (!int_member(rec, r->key, r->lo, r->hi, &v))
			return reject(why, INGEST_RANGE,
				      "log[%zu].%s: %lld not in %lld..%lld", i,
				      r->key, (long long)v, (long long)r->lo,
				      (long long)r->hi);
	}
	return NULL;
}

static struct lsg_error *check_record(const json_t *rec, size_t i,
				      json_int_t *prev_seq,
				      struct log_sizes *sz,
				      enum ingest_reason *why)
{
	const char *caller;
	struct lsg_error *err;
	size_t text = 0, dict = 0;
	uint32_t id;
	json_int_t seq;

	if (!json_is_object(rec))
		return reject(why, INGEST_TYPE,
			      "log[%zu]: expected object, got %s", i,
			      json_type_name(rec));
	err = check_fields(rec, record_fields, sizeof(record_fields) /
			   sizeof(record_fields[0]), "log", (long)i, why);
	if (!err)
		err = check_numbers(rec, i, why);
	if (err)
		return err;
	seq = json_integer_value(json_object_get(rec, "seq"));
	if (i && seq <= *prev_seq)
		return reject(why, INGEST_SEQ_ORDER,
			      "log[%zu].seq: not increasing (%lld after %lld)",
			      i, (long long)seq, (long long)*prev_seq);
	*prev_seq = seq;
	caller = json_string_value(json_object_get(rec, "caller"));
	if (caller && parse_caller(caller, &id))
		return reject(why, INGEST_VALUE,
			      "log[%zu].caller: \"%.16s\" is not T<pid> or C<cpu>",
			      i, caller);
	err = check_text(rec, i, &text, why);
	if (!err)
		err = check_dict(rec, i, &dict, why);
	if (err)
		return err;
	sz->bytes += text + dict;
	if (text > sz->max_record)
		sz->max_record = text;
	if (dict > sz->max_record)
		sz->max_record = dict;
	return NULL;
}

static struct lsg_error *check_log(const json_t *log, struct log_sizes *sz,
				   enum ingest_reason *why)
{
	json_int_t prev = -1;
	struct lsg_error *err;

	*sz = (struct log_sizes){ 0 };
	for (size_t i = 0; i < json_array_size(log); i++) {
		err = check_record(json_array_get(log, i), i, &prev, sz, why);
		if (err)
			return err;
	}
	return NULL;
}

/* Text (decoded), then the dictionary, into @scratch; their lengths out. */
static void record_bytes(const json_t *rec, char *scratch, size_t *text_len,
			 size_t *dict_len)
{
	const json_t *text = json_object_get(rec, "text");
	json_t *dict = json_object_get(rec, "dict");
	const json_t *v;
	const char *key;
	unsigned char bad;
	size_t n = 0;

	if (is_latin1(rec)) {
		*text_len = (size_t)latin1_decode(json_string_value(text),
						  json_string_length(text),
						  scratch, &bad);
	} else {
		*text_len = json_string_length(text);
		memcpy(scratch, json_string_value(text), *text_len);
	}
	scratch += *text_len;
	json_object_foreach(dict, key, v) {
		size_t klen = strlen(key), vlen = json_string_length(v);

		if (n)
			scratch[n++] = '\0';
		memcpy(scratch + n, key, klen);
		scratch[n + klen] = '=';
		memcpy(scratch + n + klen + 1, json_string_value(v), vlen);
		n += klen + 1 + vlen;
	}
	*dict_len = n;
}

static struct lsg_error *append_record(struct lsg_log *log,
				       const json_t *rec, char *scratch)
{
	const char *caller = json_string_value(json_object_get(rec, "caller"));
	struct lsg_record r = { 0 };
	size_t text_len, dict_len;

	r.seq = (uint64_t)json_integer_value(json_object_get(rec, "seq"));
	r.ts_nsec = (uint64_t)json_integer_value(json_object_get(rec,
								 "ts_nsec"));
	r.level = (uint8_t)json_integer_value(json_object_get(rec, "level"));
	r.facility = (uint8_t)json_integer_value(json_object_get(rec,
								  "facility"));
	r.flags = (uint8_t)json_integer_value(json_object_get(rec, "flags"));
	if (caller && !parse_caller(caller, &r.caller_id))
		r.has_caller = 1;
	record_bytes(rec, scratch, &text_len, &dict_len);
	r.text_len = (uint32_t)text_len;
	r.dict_len = (uint32_t)dict_len;
	return lsg_log_append(log, &r, scratch, scratch + text_len);
}

/* Second pass over a checked log: it cannot fail but for memory. */
static struct lsg_error *fill_log(const json_t *jlog,
				  const struct log_sizes *sz,
				  struct lsg_log *ret)
{
	size_t n = json_array_size(jlog);
	struct lsg_error *err;
	char *scratch;

	scratch = malloc(2 * sz->max_record + 1);
	if (!scratch)
		return &lsg_enomem;
	err = lsg_log_init(ret, n, sz->bytes, n);
	for (size_t i = 0; !err && i < n; i++)
		err = append_record(ret, json_array_get(jlog, i), scratch);
	free(scratch);
	if (err) {
		lsg_log_deinit(ret);
		return err;
	}
	ret->has_seq = 1;
	if (n)
		ret->first_seq = ret->recs[0].seq;
	return NULL;
}

static struct lsg_error *bundle_from_json(const char *text, size_t len,
					  struct ingest_bundle *b,
					  enum ingest_reason *why)
{
	struct log_sizes sz;
	struct lsg_error *err;
	json_t *doc;

	err = json_parse(text, len, &doc, why);
	if (err)
		return err;
	err = check_head(doc, why);
	if (!err)
		err = check_log(json_object_get(doc, "log"), &sz, why);
	if (!err) {
		err = fill_log(json_object_get(doc, "log"), &sz, &b->log);
		if (err)
			*why = INGEST_NOMEM;
	}
	if (err) {
		json_decref(doc);
		return err;
	}
	b->doc = doc;
	b->id = json_string_value(json_object_get(doc, "id"));
	b->host = json_object_get(doc, "host");
	b->kernel = json_object_get(doc, "kernel");
	b->crash = json_object_get(doc, "crash");
	b->capture = json_object_get(doc, "capture");
	b->json_len = len;
	return NULL;
}

static int looks_like_json(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '{')
			return 1;
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r')
			return 0;
	}
	return 0;
}

struct lsg_error *ingest_decode(const void *buf, size_t len,
				const struct ingest_limits *lim,
				enum ingest_reason *why,
				struct ingest_bundle *ret)
{
	size_t max_json = lim && lim->max_json ? lim->max_json :
			  INGEST_MAX_JSON;
	struct ingest_bundle b = { 0 };
	struct lsg_error *err;
	struct outbuf o;

	*why = INGEST_OK;
	if (!len)
		return reject(why, INGEST_EMPTY, "bundle: empty");
	if (lim && lim->max_input && len > lim->max_input)
		return reject(why, INGEST_TOO_LARGE,
			      "bundle: %zu bytes, limit %zu", len,
			      lim->max_input);
	if (len >= 4 && !memcmp(buf, zstd_magic, 4)) {
		err = zstd_inflate(buf, len, max_json, &o, why);
		if (err)
			return err;
		b.compressed = 1;
		err = bundle_from_json(o.buf, o.used, &b, why);
		free(o.buf);
	} else if (looks_like_json(buf, len)) {
		if (len > max_json)
			return reject(why, INGEST_TOO_LARGE,
				      "bundle: %zu bytes of JSON, limit %zu",
				      len, max_json);
		err = bundle_from_json(buf, len, &b, why);
	} else {
		return reject(why, INGEST_NOT_BUNDLE,
			      "bundle: neither a zstd frame nor a JSON object");
	}
	if (err)
		return err;
	*ret = b;
	return NULL;
}

void ingest_bundle_deinit(struct ingest_bundle *b)
{
	json_decref(b->doc);
	lsg_log_deinit(&b->log);
	memset(b, 0, sizeof(*b));
}
