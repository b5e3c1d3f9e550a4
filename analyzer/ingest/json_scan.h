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

#include "bytes.h"

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
	 * valid object (none of the callbacks above are called for it), or 0
	 * to have it scanned as usual.
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

struct json_scan {
	const struct json_scan_ops *ops;
	void *ctx;
	const char *text, *p, *end;
	const char *error;		/* what was wrong, for SYNTAX */
	char *buf;			/* strings with escapes, decoded */
	size_t cap;
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

#if __BYTE_ORDER != __LITTLE_ENDIAN
#error "json_scan_plain_end() reads the first byte of a word as its lowest"
#endif

/**
 * json_scan_plain_end() - the first byte at or after @p that a JSON string
 * cannot hold as it is ('"', '\\', a control byte), or @end; eight bytes
 * a step.  Inline: the scanner, the bundle's record reader and the writer
 * (report/jsonw.h) run it over every string.
 */
static inline const char *json_scan_plain_end(const char *p, const char *end)
{
	for (; end - p >= 8; p += 8) {
		uint64_t w, m;

		memcpy(&w, p, 8);
		m = bytes_json_special(w);
		/* little-endian: the lowest flag is the first byte */
		if (m)
			return p + (__builtin_ctzll(m) >> 3);
	}
	while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
		p++;
	return p;
}

#endif
