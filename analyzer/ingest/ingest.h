/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bundles in: bytes off the network or a file (one zstd frame, or the plain
 * JSON document) decoded, checked against the wire format of DESIGN §3 and
 * turned into the parsed document plus the in-memory log, its record text
 * restored byte for byte (the "text_encoding": "latin1" rule of bundle.h).
 *
 * Every rejection has a reason: a stable name from a closed set (for
 * metrics and for clients that branch on it) and a message that says where
 * and what ("log[12].seq: not increasing (41 after 41)").
 *
 * Memory is bounded by the caller's limits before it is spent: a zstd frame
 * that declares or decodes to more than the limit is refused without
 * allocating past it, and the decoder's window is capped too.  The JSON is
 * read in one streaming pass (json_scan.c): the small head objects become
 * jansson values, the log records go straight into struct lsg_log, never
 * through a JSON tree, under caps on nesting depth, record count and
 * record size.
 */
#ifndef LSG_INGEST_H
#define LSG_INGEST_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"
#include "log.h"
#include "wire.h"

/* Default ceiling on the decompressed JSON document. */
#define INGEST_MAX_JSON ((size_t)64 << 20)
/*
 * Largest zstd window accepted (2^23 = 8 MiB): every standard level up to
 * 19 fits; --ultra and --long frames are refused rather than let one
 * request make the decoder allocate up to 2 GiB.
 */
#define INGEST_WINDOW_LOG_MAX 23
/* Longest record text or dictionary accepted, as in lsg_log_format_dmesg. */
#define INGEST_MAX_RECORD ((size_t)64 << 10)
/*
 * Default ceiling on log records, derived from the size ceiling so the
 * two agree: as many records as the smallest ones (wire.h) fill a
 * document of max_json bytes (about 770,000 for 64 MiB; the largest
 * printk ring, 32 MiB, holds a few hundred thousand).  A document within
 * max_json is never refused for its record count.
 */
#define INGEST_MAX_RECORDS (INGEST_MAX_JSON / (wire_min_record_json() + 1))
/* Deepest nesting of arrays and objects accepted; a bundle needs 4. */
#define INGEST_MAX_DEPTH 64

enum ingest_reason {
	INGEST_OK = 0,
	INGEST_NOMEM,		/* not a rejection: the server ran out */
	INGEST_EMPTY,		/* no bytes */
	INGEST_TOO_LARGE,	/* input or decompressed size over the limit */
	INGEST_NOT_BUNDLE,	/* neither a zstd frame nor a JSON object */
	INGEST_ZSTD_CORRUPT,
	INGEST_ZSTD_TRUNCATED,	/* the input ends inside the frame */
	INGEST_ZSTD_TRAILING,	/* bytes after the one frame */
	INGEST_ZSTD_WINDOW,	/* window over INGEST_WINDOW_LOG_MAX */
	INGEST_JSON_SYNTAX,
	INGEST_FORMAT,		/* "format" absent or not ours */
	INGEST_ID,		/* "id" not 64 lowercase hex digits */
	INGEST_MISSING,		/* a required member is absent */
	INGEST_TYPE,		/* a member has the wrong JSON type */
	INGEST_RANGE,		/* a number or length out of its range */
	INGEST_SEQ_ORDER,	/* log seqs not strictly increasing */
	INGEST_TEXT_ENCODING,	/* unknown encoding, or not latin1 */
	INGEST_VALUE,		/* a malformed string value (caller, dict) */
	INGEST_REASON_COUNT
};

/**
 * ingest_reason_name() - the stable name of @r ("seq_order", ...): a
 * static string, for metrics labels and the "reason" of a 400.
 */
const char *ingest_reason_name(enum ingest_reason r);

struct ingest_limits {
	size_t max_input;	/* bytes as received; 0: no limit here */
	size_t max_json;	/* decompressed; 0: INGEST_MAX_JSON */
	size_t max_records;	/* log records; 0: as INGEST_MAX_RECORDS for max_json */
};

/*
 * @doc holds every member of the document but the records: its "log" is
 * an array of log.nrecs nulls, standing in for the records, which were
 * decoded into @log without ever being JSON values.
 */
struct ingest_bundle {
	json_t *doc;		/* owned: the document, see above */
	const char *id;		/* borrowed from doc */
	json_t *host, *kernel, *crash, *capture;	/* borrowed from doc */
	struct lsg_log log;	/* owned: the records, bytes restored */
	size_t json_len;	/* size of the JSON text */
	int compressed;		/* arrived as a zstd frame */
};

/**
 * ingest_decode() - decode and validate one bundle.
 * @buf, @len:	the bytes; any bytes at all (borrowed for the call only)
 * @lim:	limits; NULL for the defaults
 * @why:	set to the reason on every return (INGEST_OK on success)
 * @ret:	filled on success only; the caller frees it with
 *		ingest_bundle_deinit()
 *
 * Errors: LSG_ERR_INVALID for a malformed bundle, LSG_ERR_LIMIT for one
 * over a limit (both with *@why naming the rule broken), &lsg_enomem.
 * When a bundle breaks several rules, the one reported is the first of: a
 * JSON syntax error anywhere (duplicate keys and invalid Unicode included),
 * then the head's rules, then the first bad record.
 */
struct lsg_error *ingest_decode(const void *buf, size_t len,
				const struct ingest_limits *lim,
				enum ingest_reason *why,
				struct ingest_bundle *ret);

/** ingest_bundle_deinit() - free what ingest_decode() filled in. */
void ingest_bundle_deinit(struct ingest_bundle *b);

/**
 * ingest_member_str() - @obj's string member @key, or NULL when @obj is
 * NULL or the member is absent, null or not a string.  Borrowed from @obj.
 */
const char *ingest_member_str(const json_t *obj, const char *key);

#endif
