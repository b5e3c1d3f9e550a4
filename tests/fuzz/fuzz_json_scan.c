/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the JSON scanner, with jansson as the reference: every text jansson
 * reads (JSON_DECODE_ANY | JSON_ALLOW_NUL) the scanner must read too,
 * unless it nests deeper than JSON_SCAN_MAX_DEPTH or holds a NUL byte
 * (jansson ends the text at one, JSON does not); containers must close
 * as they open; the offset never passes the end.  The other way round the
 * two differ by design (jansson also checks UTF-8 and number ranges, which
 * the bundle decoder does after the scanner).  Seeds: pieces of the real
 * bundle's JSON and edge cases of the grammar.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ingest/json_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct count {
	int depth, max_depth;
	size_t bytes;
};

static int open_c(void *c)
{
	struct count *n = c;

	if (++n->depth > n->max_depth)
		n->max_depth = n->depth;
	return 1;
}

static int close_c(void *c)
{
	struct count *n = c;

	if (--n->depth < 0)
		abort();
	return 1;
}

static int scalar(void *c)
{
	(void)c;
	return 1;
}

static int flag(void *c, int b)
{
	(void)b;
	return scalar(c);
}

/* Read every byte handed over, so a bad span shows under ASan. */
static int span(void *c, const char *s, size_t len)
{
	struct count *n = c;

	for (size_t i = 0; i < len; i++)
		n->bytes += (unsigned char)s[i];
	return 1;
}

static const struct json_scan_ops ops = {
	.null = scalar, .boolean = flag, .number = span, .string = span,
	.start_map = open_c, .key = span, .end_map = close_c,
	.start_array = open_c, .end_array = close_c,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct count n = { 0, 0, 0 };
	struct json_scan s;
	enum json_scan_status st;
	json_t *ref;

	json_scan_init(&s, &ops, &n);
	st = json_scan_run(&s, (const char *)data, size);
	if (json_scan_offset(&s) > size || (st == JSON_SCAN_OK && n.depth))
		abort();
	json_scan_deinit(&s);
	ref = json_loadb((const char *)data, size,
			 JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (ref && st != JSON_SCAN_OK && n.max_depth <= JSON_SCAN_MAX_DEPTH &&
	    !memchr(data, '\0', size))
		abort();
	json_decref(ref);
	return 0;
}
