/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the files of the ingest module:
 *   ingest.c       the API, the bytes (zstd), rejections and type names
 *   ingest_json.c  the document: one streaming pass, the head as jansson values
 *   json_scan.c    the JSON reader it runs on (callbacks, no tree)
 *   ingest_log.c   the "log" array, record by record into struct lsg_log;
 *                  records in the agent's own form read in place
 */
#ifndef LSG_INGEST_INTERNAL_H
#define LSG_INGEST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "ingest.h"
#include "json_scan.h"
#include "wire.h"

/* A value as the parser met it; containers carry only their type. */
struct ingest_value {
	unsigned type;		/* one WIRE_* bit */
	const char *s;		/* WIRE_STR: borrowed for the call only, */
	size_t len;
	int in_text;		/* or if set, in the document: for the parse */
	json_int_t i;		/* WIRE_INT */
	double d;		/* WIRE_REAL */
	int b;			/* WIRE_BOOL */
};

/**
 * ingest_int_value() - @len bytes of the grammar's integer form
 * (-?(0|[1-9][0-9]*)) into @ret as WIRE_INT: 0, or -1 when out of the
 * range of json_int_t, as jansson refused it.
 */
static inline int ingest_int_value(const char *s, size_t len,
				   struct ingest_value *ret)
{
	int neg = s[0] == '-';
	uint64_t v = 0, max = (uint64_t)INT64_MAX + (uint64_t)neg;

	for (size_t i = (size_t)neg; i < len; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		/* 18 digits cannot overflow; check only past them. */
		if (i >= 18 && v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	ret->type = WIRE_INT;
	ret->i = neg ? (json_int_t)(0 - v) : (json_int_t)v;
	return 0;
}

/**
 * ingest_reject() - set *@why to @r and make the error (LSG_ERR_LIMIT for
 * INGEST_TOO_LARGE, else LSG_ERR_INVALID) with the formatted message.
 */
struct lsg_error *ingest_reject(enum ingest_reason *why, enum ingest_reason r,
				const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** ingest_nomem() - *@why = INGEST_NOMEM; returns &lsg_enomem. */
struct lsg_error *ingest_nomem(enum ingest_reason *why);

/**
 * ingest_parse() - the JSON text into @b (doc, id, the head objects and
 * the log; json_len and compressed are the caller's).  @text is borrowed
 * for the call.  On error nothing is left allocated and @b is untouched.
 */
struct lsg_error *ingest_parse(const char *text, size_t len,
			       size_t max_records, enum ingest_reason *why,
			       struct ingest_bundle *b);

/* ---- ingest_log.c: the "log" array ---- */

/* A member the format does not name; the others are enum wire_rec_field. */
enum { F_UNKNOWN = -1, DICT_LINEAR_KEYS = 16, FIELD_NAME_MAX = 13 };

/* The record being read, as its members arrive (in any order). */
struct ingest_record {
	unsigned type[WIRE_REC_FIELDS];		/* WIRE_* of each member; 0: absent */
	unsigned present, typed;	/* bit f: member f is there, and has
					   a type it may have */
	json_int_t num[WIRE_REC_NUMBERS];
	uint32_t caller_id;		/* "caller" parsed, if has_caller */
	int has_caller;
	const char *text;		/* borrowed from the document, or NULL: */
	size_t text_off, text_len;	/* in scratch; raw: latin1 not yet decoded */
	size_t dict_off, dict_len;	/* "KEY=value\0KEY=value" */
	size_t dict_keys;		/* entries so far */
	size_t key_off, key_len;	/* the entry being read */
	struct lsg_error *dict_err;	/* the first bad entry */
	enum ingest_reason dict_why;
	/* Not cleared between records: read only once type[] says set. */
	char caller[32];		/* C strings, cut: enough for checks */
	char encoding[40];
	/* Not cleared either: the first names of a dictionary. */
	size_t seen_off[DICT_LINEAR_KEYS], seen_len[DICT_LINEAR_KEYS];
};

struct ingest_log {
	struct lsg_log *log;		/* records kept so far */
	size_t max_records;
	/* Fields by name length: the first, then the next of that length. */
	signed char by_len[FIELD_NAME_MAX + 1], same_len[WIRE_REC_FIELDS];
	/* '"name":' of each field as 16 bytes and a mask, matched in place. */
	uint64_t pat[WIRE_REC_FIELDS][2], pat_mask[WIRE_REC_FIELDS][2];
	size_t pat_len[WIRE_REC_FIELDS];
	unsigned required;		/* bit f: member f may not be absent */
	char *scratch;			/* the record being read: text, dict */
	size_t used, cap_scratch, max_scratch;
	size_t index;			/* of the element being read */
	json_int_t prev_seq;
	struct ingest_record rec;
	json_t *keys;			/* a record's unknown member names */
	json_t *dict_keys;		/* a big dictionary's names */
	struct json_scan_buf strings;	/* fast records' strings with escapes */
	struct lsg_error *err;		/* the first bad record: reported */
	enum ingest_reason err_why;	/* only if the rest is valid */
};

/**
 * ingest_log_init() - read records into @log, which this allocates for
 * a document of @json_len bytes and frees on error only.
 */
struct lsg_error *ingest_log_init(struct ingest_log *l, struct lsg_log *log,
				  size_t json_len, size_t max_records,
				  enum ingest_reason *why);

/** ingest_log_deinit() - free the reader's state (not the log). */
void ingest_log_deinit(struct ingest_log *l);

/*
 * Events, in document order.  Each returns NULL or a fatal error (memory,
 * a limit, a duplicate member): a record that breaks the schema is noted
 * in l->err and the reading goes on, so that a syntax error further on
 * still takes precedence.
 */
/* An element of the array that is not an object (@v: its type only). */
void ingest_log_element(struct ingest_log *l, const struct ingest_value *v);
struct lsg_error *ingest_log_record_begin(struct ingest_log *l,
					  enum ingest_reason *why);
/* The field a member name stands for, or F_UNKNOWN. */
int ingest_log_field(const struct ingest_log *l, const char *key,
		     size_t len);
/* A member name and its field (ingest_log_field()); or a fatal error. */
struct lsg_error *ingest_log_key(struct ingest_log *l, int field,
				 const char *key, size_t len,
				 enum ingest_reason *why);
/* The value of @field (containers: type only). */
struct lsg_error *ingest_log_value(struct ingest_log *l, int field,
				   const struct ingest_value *v,
				   enum ingest_reason *why);
struct lsg_error *ingest_log_record_end(struct ingest_log *l,
					enum ingest_reason *why);
void ingest_log_dict_begin(struct ingest_log *l);
struct lsg_error *ingest_log_dict_key(struct ingest_log *l, const char *key,
				      size_t len, enum ingest_reason *why);
struct lsg_error *ingest_log_dict_value(struct ingest_log *l,
					const struct ingest_value *v,
					enum ingest_reason *why);
void ingest_log_dict_end(struct ingest_log *l);

/**
 * ingest_log_fast_records() - the log records from @s (a '{') on, while
 * they have the agent's own form: known member names, values that are
 * strings, integers, null or a dictionary of strings without escapes, no
 * white space but after the comma between records.  *@ret_used is the
 * bytes read, up to the '}' of the last record read; 0 when the first
 * record is not in that form: it is read by nothing, and the scanner's
 * callbacks read it again with their checks and messages.  Returns a
 * fatal error only.
 */
struct lsg_error *ingest_log_fast_records(struct ingest_log *l, const char *s,
					  const char *end, size_t *ret_used,
					  enum ingest_reason *why);

/**
 * ingest_log_finish() - after the document: NULL with the log complete,
 * or the first bad record's error (*@why set), the log then freed.
 */
struct lsg_error *ingest_log_finish(struct ingest_log *l,
				    enum ingest_reason *why);

#endif
