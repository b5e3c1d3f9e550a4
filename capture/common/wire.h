/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bundle's wire format v1 (DESIGN §3), owned here and nowhere else:
 * the members and their JSON types, the id's form, the latin1 rule for
 * text that is not UTF-8.  The agent's writer
 * (capture/bundle.c) and the analyzer's reader (analyzer/ingest) both use
 * these tables, so a change to the format is one change.  The id's form
 * is checked here; the agent makes it (bundle_make_id() in bundle.h).
 *
 * The sequence-gap rule is the log's own (lsg_log_append() in log.h): a
 * jump in seq between two kept records is a gap, whoever builds the log.
 */
#ifndef LSG_WIRE_H
#define LSG_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define WIRE_FORMAT "logsage-bundle/1"

/* Hex digits of a bundle id (SHA-256). */
enum { WIRE_ID_LEN = 64 };

/* One bit per JSON type; a schema entry ORs the types it accepts. */
enum wire_type {
	WIRE_STR = 1, WIRE_INT = 2, WIRE_BOOL = 4, WIRE_OBJ = 8,
	WIRE_ARR = 16, WIRE_NULL = 32,
	WIRE_REAL = 64,		/* never accepted: only named in messages */
	WIRE_OPTIONAL = 128,	/* in a schema: the member may be absent */
};

/* One member and the types it may have; @obj NULL is the top level. */
struct wire_field {
	const char *obj;
	const char *key;
	unsigned types;
};

/* The document's members outside "log"; others are allowed and ignored. */
extern const struct wire_field wire_head_fields[];
extern const size_t wire_nhead_fields;

/* A log record's members, in the order their checks report problems. */
enum wire_rec_field {
	WIRE_SEQ, WIRE_TS_NSEC, WIRE_LEVEL, WIRE_FACILITY, WIRE_FLAGS,
	WIRE_CALLER, WIRE_TEXT, WIRE_TEXT_ENCODING, WIRE_DICT,
	WIRE_REC_FIELDS,
	WIRE_REC_NUMBERS = WIRE_CALLER,	/* the integers come first */
};

extern const struct wire_field wire_record_fields[WIRE_REC_FIELDS];

/* The accepted range of each integer member of a record. */
struct wire_range {
	int64_t lo, hi;
};

extern const struct wire_range wire_record_ranges[WIRE_REC_NUMBERS];

/**
 * wire_min_record_json() - the bytes of the shortest valid log record in
 * JSON (every required member, the shortest value of an allowed type):
 * a document of n bytes holds at most n / this + 1 records.
 */
size_t wire_min_record_json(void);

/*
 * The latin1 rule: a string member KEY whose bytes are not UTF-8 (a log
 * record's "text", a hostname or release read from a dump...) carries each
 * byte as the code point of the same value, U+0000..U+00FF, and gets a
 * sibling "KEY_encoding": "latin1".
 */
#define WIRE_LATIN1 "latin1"
#define WIRE_ENCODING_SUFFIX "_encoding"

/* What is wrong with a document's head, for the reader's named reasons. */
enum wire_problem {
	WIRE_OK, WIRE_BAD_DOC, WIRE_BAD_FORMAT, WIRE_BAD_ID, WIRE_MISSING,
	WIRE_BAD_TYPE,
};

/** wire_json_type() - the WIRE_* bit of @v's JSON type. */
unsigned wire_json_type(const json_t *v);

/** wire_type_name() - "string", "integer"... for one WIRE_* bit. */
const char *wire_type_name(unsigned type);

/** wire_types_text() - "string or null" for a set of bits, into @buf. */
const char *wire_types_text(unsigned types, char *buf, size_t size);

/** wire_id_valid() - @s is WIRE_ID_LEN lowercase hex digits. */
int wire_id_valid(const char *s, size_t len);

/**
 * wire_check_head() - check @doc's format, id and head members against
 * the schema.  Returns WIRE_OK, or the first problem with its message in
 * @msg (always NUL-terminated).
 */
enum wire_problem wire_check_head(const json_t *doc, char *msg, size_t size);

/**
 * wire_latin1_encode() - each of the @len bytes at @s as the UTF-8 of the
 * code point of the same value, into @out (room for 2 * @len bytes).
 * Returns the bytes written.
 */
size_t wire_latin1_encode(const char *s, size_t len, char *out);

/**
 * wire_latin1_decode() - the inverse: UTF-8 text of code points up to
 * U+00FF back into bytes, into @out (may be @s; never ahead of the input;
 * NULL only counts).  Returns the byte count, or -1 at the first code
 * point past U+00FF or a cut sequence, with its lead byte in *@bad.
 */
long wire_latin1_decode(const char *s, size_t len, char *out,
			unsigned char *bad);

#endif
