/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A streaming (SAX) reader of one JSON text (RFC 8259), for the bundle
 * decoder: it calls back for each value and container and builds nothing.
 * Strings come decoded (escapes resolved, \u0000 as a NUL byte) but their
 * UTF-8 is not checked: the caller does that where it matters.  Numbers
 * come as their text, checked against the grammar only.
 */
#ifndef LSG_JSON_SCAN_H
#define LSG_JSON_SCAN_H

#include <endian.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { JSON_SCAN_MAX_DEPTH = 64 };	/* containers open at once */

/*
 * The callbacks; each returns 1 to go on, 0 to stop the scan.  Strings
 * and numbers are borrowed until the callback returns.
 */
struct json_scan_ops {
	int (*null)(void *ctx);
	int (*boolean)(void *ctx, int b);
	int (*number)(void *ctx, const char *s, size_t len);
	int (*string)(void *ctx, const char *s, size_t len);
	int (*start_map)(void *ctx);
	int (*key)(void *ctx, const char *s, size_t len);
	int (*end_map)(void *ctx);
	int (*start_array)(void *ctx);
	int (*end_array)(void *ctx);
	/*
	 * Optional: an object value about to be read, @p at its '{', offered
	 * to the caller whole.  *@ret_used is the bytes the caller read of a
	 * valid object (none of the callbacks above are called for it), or
	 * in an array, of several with the commas between them; or 0 to
	 * have it scanned as usual.
	 */
	int (*object)(void *ctx, const char *p, const char *end,
		      size_t *ret_used);
};

enum json_scan_status {
	JSON_SCAN_OK,
	JSON_SCAN_STOPPED,	/* a callback returned 0 */
	JSON_SCAN_SYNTAX,	/* not JSON: see json_scan_error() */
	JSON_SCAN_NOMEM,
};

/* Decoded strings: grown as needed, freed by its owner. */
struct json_scan_buf {
	char *buf;
	size_t cap;
};

struct json_scan {
	const struct json_scan_ops *ops;
	void *ctx;
	const char *text, *p, *end;
	const char *error;		/* what was wrong, for SYNTAX */
	struct json_scan_buf strings;	/* strings with escapes, decoded */
	uint64_t objects;		/* bit d: container d is an object */
	unsigned depth;
};

/** json_scan_init() - a scanner calling @ops with @ctx. */
void json_scan_init(struct json_scan *s, const struct json_scan_ops *ops,
		    void *ctx);

/**
 * json_scan_run() - read @text (@len bytes): one value, white space
 * around it.  Returns how it ended.
 */
enum json_scan_status json_scan_run(struct json_scan *s, const char *text,
				    size_t len);

/** json_scan_offset() - bytes read so far (in a callback: to its token). */
size_t json_scan_offset(const struct json_scan *s);

/** json_scan_error() - what a SYNTAX status was about (static text). */
const char *json_scan_error(const struct json_scan *s);

/** json_scan_deinit() - free the scanner's buffer. */
void json_scan_deinit(struct json_scan *s);

/**
 * json_scan_decode() - a string with escapes, as the scanner reads one:
 * from @start (after its opening quote), *@q at the first byte that
 * json_scan_plain_end() stopped at, decoded into @b (*@ret_len bytes at
 * b->buf).  *@q is then at the closing quote; on JSON_SCAN_SYNTAX, at
 * the bad byte (@end: unterminated), with *@ret_what saying what is bad.
 */
enum json_scan_status json_scan_decode(struct json_scan_buf *b,
				       const char *start, const char **q,
				       const char *end, size_t *ret_len,
				       const char **ret_what);

#if __BYTE_ORDER != __LITTLE_ENDIAN
#error "json_scan_plain_end() reads the first byte of a word as its lowest"
#endif

/* Sixteen bytes compared at once: SSE2 on x86-64, NEON on arm64. */
typedef unsigned char json_scan_bytes16 __attribute__((vector_size(16)));
typedef signed char json_scan_flags16 __attribute__((vector_size(16)));

/**
 * json_scan_plain_scan() - the first byte at or after @p that a JSON string
 * cannot hold as it is ('"', '\\', a control byte), or @end; sixteen bytes
 * a step.  *@ret_bits is the OR of the bytes before it, in one of eight
 * lanes each: test it with 0x8080808080808080 for bytes past ASCII.
 */
static inline const char *json_scan_plain_scan(const char *p, const char *end,
					       uint64_t *ret_bits)
{
	uint64_t bits = 0;

	for (; end - p >= 16; p += 16) {
		json_scan_bytes16 v;
		json_scan_flags16 m;
		uint64_t w[2], b[2];

		memcpy(&v, p, 16);
		m = (v == '"') | (v == '\\') | (v < 0x20);
		memcpy(w, &m, 16);
		memcpy(b, &v, 16);
		/* little-endian: the lowest flag is the first byte */
		if (w[0]) {
			*ret_bits = bits | (b[0] & ((w[0] & -w[0]) - 1));
			return p + (__builtin_ctzll(w[0]) >> 3);
		}
		if (w[1]) {
			*ret_bits = bits | b[0] | (b[1] & ((w[1] & -w[1]) - 1));
			return p + 8 + (__builtin_ctzll(w[1]) >> 3);
		}
		bits |= b[0] | b[1];
	}
	for (; p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20;
	     p++)
		bits |= (unsigned char)*p;
	*ret_bits = bits;
	return p;
}

/**
 * json_scan_plain_end() - json_scan_plain_scan() without the bytes.
 * Inline: the scanner, the bundle's record reader and the writer
 * (report/jsonw.h) run it over every string.
 */
static inline const char *json_scan_plain_end(const char *p, const char *end)
{
	uint64_t bits;

	return json_scan_plain_scan(p, end, &bits);
}

#endif
