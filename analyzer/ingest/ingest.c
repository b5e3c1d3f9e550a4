/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ingest API: the bytes of a bundle (a zstd frame or plain JSON) to the
 * JSON text, with every limit checked before memory is spent; the document
 * itself is read by ingest_json.c.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>
#include <zstd_errors.h>

#include "ingest_internal.h"

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

struct lsg_error *ingest_reject(enum ingest_reason *why, enum ingest_reason r,
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

struct lsg_error *ingest_nomem(enum ingest_reason *why)
{
	*why = INGEST_NOMEM;
	return &lsg_enomem;
}

/* ---- zstd: one frame, decoded with a hard cap ---- */

static const uint8_t zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
/* ZSTD_FRAMEHEADERSIZE_MAX, which zstd.h only shows to static linkers. */
enum { ZSTD_FRAME_HEADER_MAX = 18 };
/* First buffer for a frame of unknown size: 8 times its compressed size. */
enum { ZSTD_GUESS_RATIO = 8, ZSTD_GUESS_MIN = 64 << 10 };

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
		return ingest_reject(why, INGEST_ZSTD_WINDOW,
			      "zstd: window larger than %u bytes",
			      1u << INGEST_WINDOW_LOG_MAX);
	if (ZSTD_getErrorCode(r) == ZSTD_error_memory_allocation)
		return ingest_nomem(why);
	return ingest_reject(why, INGEST_ZSTD_CORRUPT, "zstd: %s",
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
		return ingest_reject(why, len < ZSTD_FRAME_HEADER_MAX ?
			      INGEST_ZSTD_TRUNCATED : INGEST_ZSTD_CORRUPT,
			      "zstd: bad frame header");
	if (fcs == ZSTD_CONTENTSIZE_UNKNOWN)
		return NULL;
	if (fcs > limit)
		return ingest_reject(why, INGEST_TOO_LARGE,
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
				return ingest_reject(why, INGEST_TOO_LARGE,
					      "zstd: decompressed size exceeds %zu bytes",
					      o->limit);
			if (outbuf_grow(o))
				return ingest_nomem(why);
		}
		out = (ZSTD_outBuffer){ o->buf, o->cap, o->used };
		r = ZSTD_decompressStream(d, &out, &in);
		o->used = out.pos;
		if (ZSTD_isError(r))
			return zstd_error(r, why);
		if (r == 0)
			break;
		if (in.pos == in.size && out.pos < out.size)
			return ingest_reject(why, INGEST_ZSTD_TRUNCATED,
				      "zstd: input ends inside the frame after %zu bytes",
				      len);
	}
	if (o->used > o->limit)
		return ingest_reject(why, INGEST_TOO_LARGE,
			      "zstd: decompressed size exceeds %zu bytes",
			      o->limit);
	if (in.pos < in.size)
		return ingest_reject(why, INGEST_ZSTD_TRAILING,
			      "zstd: %zu bytes after the frame",
			      in.size - in.pos);
	return NULL;
}

/*
 * The first output buffer.  A declared size is exact: one allocation, plus
 * the overrun byte.  The agent streams its frames (no size): guess from
 * the ratio a kernel log compresses at, so a typical bundle needs no
 * regrowth; the buffer still doubles up to the limit.
 */
static size_t first_capacity(size_t hint, size_t len, size_t limit)
{
	size_t cap;

	if (hint)
		return hint + 1;
	cap = len > limit / ZSTD_GUESS_RATIO ? limit : len * ZSTD_GUESS_RATIO;
	if (cap < ZSTD_GUESS_MIN)
		cap = ZSTD_GUESS_MIN;
	return cap < limit + 1 ? cap : limit + 1;
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
	o.cap = first_capacity(hint, len, limit);
	o.buf = malloc(o.cap);
	if (!o.buf)
		return ingest_nomem(why);
	d = ZSTD_createDCtx();
	if (!d) {
		free(o.buf);
		return ingest_nomem(why);
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
	size_t max_records = lim && lim->max_records ? lim->max_records :
			     max_json / (wire_min_record_json() + 1);
	struct ingest_bundle b = { 0 };
	struct lsg_error *err;
	struct outbuf o;

	*why = INGEST_OK;
	if (!len)
		return ingest_reject(why, INGEST_EMPTY, "bundle: empty");
	if (lim && lim->max_input && len > lim->max_input)
		return ingest_reject(why, INGEST_TOO_LARGE,
			      "bundle: %zu bytes, limit %zu", len,
			      lim->max_input);
	if (len >= 4 && !memcmp(buf, zstd_magic, 4)) {
		err = zstd_inflate(buf, len, max_json, &o, why);
		if (err)
			return err;
		b.compressed = 1;
		b.json_len = o.used;
		err = ingest_parse(o.buf, o.used, max_records, why, &b);
		free(o.buf);
	} else if (looks_like_json(buf, len)) {
		if (len > max_json)
			return ingest_reject(why, INGEST_TOO_LARGE,
				      "bundle: %zu bytes of JSON, limit %zu",
				      len, max_json);
		b.json_len = len;
		err = ingest_parse(buf, len, max_records, why, &b);
	} else {
		return ingest_reject(why, INGEST_NOT_BUNDLE,
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
