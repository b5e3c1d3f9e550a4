/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "log" array of a bundle, read record by record as the parser meets
 * its members, straight into struct lsg_log: text and dictionary bytes are
 * copied once, into the log's own buffer, and checked when the record
 * closes, in the order (and with the messages) of the schema below.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

/* One member's required type, in the order the checks report them. */
struct field {
	const char *key;
	size_t len;
	unsigned types;
};

#define FIELD(k, t) { k, sizeof(k) - 1, t }

/* DESIGN §3; members not listed are allowed and ignored. */
static const struct field record_fields[F_COUNT] = {
	[F_SEQ] = FIELD("seq", T_INT),
	[F_TS_NSEC] = FIELD("ts_nsec", T_INT),
	[F_LEVEL] = FIELD("level", T_INT),
	[F_FACILITY] = FIELD("facility", T_INT),
	[F_FLAGS] = FIELD("flags", T_INT),
	[F_CALLER] = FIELD("caller", T_STR | T_NULL),
	[F_TEXT] = FIELD("text", T_STR),
	[F_TEXT_ENCODING] = FIELD("text_encoding", T_STR | T_OPTIONAL),
	[F_DICT] = FIELD("dict", T_OBJ | T_NULL),
};

static const struct {
	json_int_t lo, hi;
} record_ranges[F_NUMBERS] = {
	[F_SEQ] = { 0, INT64_MAX },
	[F_TS_NSEC] = { 0, INT64_MAX },
	[F_LEVEL] = { 0, 7 },
	[F_FACILITY] = { 0, 255 },
	[F_FLAGS] = { 0, 255 },
};

/* ---- the log's storage ---- */

/*
 * Decoded text and dictionaries are never longer than their JSON, so a
 * text buffer of the document's size never grows; records and gaps start
 * from an estimate and double.
 */
struct lsg_error *ingest_log_init(struct ingest_log *l, struct lsg_log *log,
				  size_t json_len, size_t max_records,
				  enum ingest_reason *why)
{
	size_t recs = json_len / 128 + 16;

	memset(l, 0, sizeof(*l));
	if (recs > max_records)
		recs = max_records;
	if (lsg_log_init(log, recs ? recs : 1, json_len, 16))
		return ingest_nomem(why);
	log->has_seq = 1;
	l->log = log;
	l->max_records = max_records;
	l->prev_seq = -1;
	return NULL;
}

void ingest_log_deinit(struct ingest_log *l)
{
	lsg_error_destroy(l->rec.dict_err);
	lsg_error_destroy(l->err);
	json_decref(l->keys);
	json_decref(l->dict_keys);
	memset(l, 0, sizeof(*l));
}

/* Room for @n more bytes of text (a safety net: see ingest_log_init). */
static int text_reserve(struct lsg_log *log, size_t n)
{
	size_t cap = log->cap_text;
	char *p;

	if (n <= cap - log->text_used)
		return 0;
	while (n > cap - log->text_used)
		cap = cap ? cap * 2 : 4096;
	if (cap > UINT32_MAX)
		return -1;
	p = realloc(log->text, cap);
	if (!p)
		return -1;
	log->text = p;
	log->cap_text = cap;
	return 0;
}

static struct lsg_error *text_append(struct lsg_log *log, const char *s,
				     size_t n, enum ingest_reason *why)
{
	if (text_reserve(log, n))
		return ingest_nomem(why);
	memcpy(log->text + log->text_used, s, n);
	log->text_used += n;
	return NULL;
}

static int grow(void **p, size_t *cap, size_t size)
{
	void *n = reallocarray(*p, *cap * 2, size);

	if (!n)
		return -1;
	*p = n;
	*cap *= 2;
	return 0;
}

/* Append a checked record whose bytes are in place; a seq jump is a gap. */
static int push_record(struct lsg_log *log, const struct lsg_record *r)
{
	if (log->nrecs == log->cap_recs &&
	    grow((void **)&log->recs, &log->cap_recs, sizeof(*log->recs)))
		return -1;
	if (log->nrecs && r->seq != log->recs[log->nrecs - 1].seq + 1) {
		struct lsg_log_gap *g;

		if (log->ngaps == log->cap_gaps &&
		    grow((void **)&log->gaps, &log->cap_gaps,
			 sizeof(*log->gaps)))
			return -1;
		g = &log->gaps[log->ngaps++];
		g->after_seq = log->recs[log->nrecs - 1].seq;
		g->lost = r->seq - g->after_seq - 1;
	}
	log->recs[log->nrecs++] = *r;
	return 0;
}

/* ---- events ---- */

void ingest_log_element(struct ingest_log *l, const struct ingest_value *v)
{
	if (!l->err)
		l->err = ingest_reject(&l->err_why, INGEST_TYPE,
				       "log[%zu]: expected object, got %s",
				       l->index, ingest_type_name(v->type));
	l->index++;
}

struct lsg_error *ingest_log_record_begin(struct ingest_log *l,
					  enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;

	if (l->index >= l->max_records)
		return ingest_reject(why, INGEST_TOO_LARGE,
				     "log: more than %zu records",
				     l->max_records);
	lsg_error_destroy(rec->dict_err);
	memset(rec, 0, offsetof(struct ingest_record, seen_off));
	rec->base = l->log->text_used;
	if (l->keys)
		json_object_clear(l->keys);
	return NULL;
}

static struct lsg_error *duplicate(const char *where, const char *key,
				   size_t len, enum ingest_reason *why)
{
	return ingest_reject(why, INGEST_JSON_SYNTAX,
			     "json: %s: duplicate member \"%.*s\"", where,
			     len > 64 ? 64 : (int)len, key);
}

/* An unknown member's name: only its uniqueness matters. */
static struct lsg_error *unknown_key(struct ingest_log *l, const char *key,
				     size_t len, enum ingest_reason *why)
{
	if (!l->keys && !(l->keys = json_object()))
		return ingest_nomem(why);
	if (json_object_getn(l->keys, key, len))
		return duplicate("log record", key, len, why);
	if (json_object_setn_new_nocheck(l->keys, key, len, json_null()))
		return ingest_nomem(why);
	return NULL;
}

/* @key is @lit (a string literal), compared with a constant length. */
#define IS(key, lit) (!memcmp(key, lit, sizeof(lit) - 1))

/* The field a member name stands for, or F_UNKNOWN. */
static int field_of(const char *key, size_t len)
{
	/* By length first: this runs for every member of every record. */
	switch (len) {
	case 3: return IS(key, "seq") ? F_SEQ : F_UNKNOWN;
	case 4: return IS(key, "text") ? F_TEXT :
		       IS(key, "dict") ? F_DICT : F_UNKNOWN;
	case 5: return IS(key, "level") ? F_LEVEL :
		       IS(key, "flags") ? F_FLAGS : F_UNKNOWN;
	case 6: return IS(key, "caller") ? F_CALLER : F_UNKNOWN;
	case 7: return IS(key, "ts_nsec") ? F_TS_NSEC : F_UNKNOWN;
	case 8: return IS(key, "facility") ? F_FACILITY : F_UNKNOWN;
	case 13: return IS(key, "text_encoding") ? F_TEXT_ENCODING :
			F_UNKNOWN;
	default: return F_UNKNOWN;
	}
}

struct lsg_error *ingest_log_key(struct ingest_log *l, const char *key,
				 size_t len, int *ret, enum ingest_reason *why)
{
	int f = field_of(key, len);

	*ret = f;
	if (f == F_UNKNOWN)
		return unknown_key(l, key, len, why);
	if (l->rec.type[f])
		return duplicate("log record", key, len, why);
	return NULL;
}

/* @s as a C string (it ends at a NUL, as jansson's would), cut to fit. */
static void copy_cstr(char *buf, size_t size, const char *s, size_t len)
{
	if (len > size - 1)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
}

struct lsg_error *ingest_log_value(struct ingest_log *l, int field,
				   const struct ingest_value *v,
				   enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;

	if (field == F_UNKNOWN)
		return NULL;
	rec->type[field] = v->type;
	if (field < F_NUMBERS && v->type == T_INT)
		rec->num[field] = v->i;
	if (v->type != T_STR)
		return NULL;
	switch (field) {
	case F_CALLER:
		copy_cstr(rec->caller, sizeof(rec->caller), v->s, v->len);
		break;
	case F_TEXT_ENCODING:
		copy_cstr(rec->encoding, sizeof(rec->encoding), v->s, v->len);
		break;
	case F_TEXT:
		rec->text_off = l->log->text_used;
		rec->text_len = v->len;
		return text_append(l->log, v->s, v->len, why);
	}
	return NULL;
}

/* ---- dictionaries: "KEY": "value" members become KEY=value\0... ---- */

void ingest_log_dict_begin(struct ingest_log *l)
{
	struct ingest_record *rec = &l->rec;

	rec->type[F_DICT] = T_OBJ;
	rec->dict_off = l->log->text_used;
	rec->dict_keys = 0;
}

/* Past DICT_LINEAR_KEYS names, uniqueness is checked in a jansson set. */
static struct lsg_error *dict_key_set(struct ingest_log *l, const char *key,
				      size_t len, enum ingest_reason *why)
{
	const struct ingest_record *rec = &l->rec;

	if (!l->dict_keys && !(l->dict_keys = json_object()))
		return ingest_nomem(why);
	if (rec->dict_keys == DICT_LINEAR_KEYS) {
		json_object_clear(l->dict_keys);
		for (size_t i = 0; i < DICT_LINEAR_KEYS; i++)
			if (json_object_setn_new_nocheck(l->dict_keys,
					l->log->text + rec->seen_off[i],
					rec->seen_len[i], json_null()))
				return ingest_nomem(why);
	}
	if (json_object_getn(l->dict_keys, key, len))
		return duplicate("log record dict", key, len, why);
	if (json_object_setn_new_nocheck(l->dict_keys, key, len, json_null()))
		return ingest_nomem(why);
	return NULL;
}

static struct lsg_error *dict_key_unique(struct ingest_log *l,
					 const char *key, size_t len,
					 enum ingest_reason *why)
{
	const struct ingest_record *rec = &l->rec;

	if (rec->dict_keys >= DICT_LINEAR_KEYS)
		return dict_key_set(l, key, len, why);
	for (size_t i = 0; i < rec->dict_keys; i++)
		if (rec->seen_len[i] == len &&
		    !memcmp(l->log->text + rec->seen_off[i], key, len))
			return duplicate("log record dict", key, len, why);
	return NULL;
}

/* The name goes into the log's text at once; "=value" follows it. */
struct lsg_error *ingest_log_dict_key(struct ingest_log *l, const char *key,
				      size_t len, enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;
	struct lsg_error *err;

	err = dict_key_unique(l, key, len, why);
	if (!err && rec->dict_keys)
		err = text_append(l->log, "", 1, why);
	if (err)
		return err;
	rec->key_off = l->log->text_used;
	rec->key_len = len;
	if (rec->dict_keys < DICT_LINEAR_KEYS) {
		rec->seen_off[rec->dict_keys] = rec->key_off;
		rec->seen_len[rec->dict_keys] = len;
	}
	rec->dict_keys++;
	return text_append(l->log, key, len, why);
}

struct lsg_error *ingest_log_dict_value(struct ingest_log *l,
					const struct ingest_value *v,
					enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;
	const char *key = l->log->text + rec->key_off;
	int klen = rec->key_len > 64 ? 64 : (int)rec->key_len;

	/* The first bad entry is the one reported; the rest are read. */
	if (rec->dict_err)
		return NULL;
	if (v->type != T_STR) {
		rec->dict_err = ingest_reject(&rec->dict_why, INGEST_TYPE,
				"log[%zu].dict.%.*s: expected string, got %s",
				l->index, klen, key,
				ingest_type_name(v->type));
		return NULL;
	}
	if (!rec->key_len || memchr(key, '=', rec->key_len) ||
	    memchr(v->s, '\0', v->len)) {
		rec->dict_err = ingest_reject(&rec->dict_why, INGEST_VALUE,
				"log[%zu].dict: bad entry \"%.*s\"", l->index,
				klen, key);
		return NULL;
	}
	if (text_reserve(l->log, v->len + 1))
		return ingest_nomem(why);
	l->log->text[l->log->text_used++] = '=';
	return text_append(l->log, v->s, v->len, why);
}

void ingest_log_dict_end(struct ingest_log *l)
{
	l->rec.dict_len = l->log->text_used - l->rec.dict_off;
}

/* ---- a record's checks, in the schema's order ---- */

static struct lsg_error *check_types(const struct ingest_log *l,
				     enum ingest_reason *why)
{
	char want[64];

	for (int f = 0; f < F_COUNT; f++) {
		const struct field *fd = &record_fields[f];
		unsigned t = l->rec.type[f];

		if (t ? t & fd->types : fd->types & T_OPTIONAL)
			continue;
		if (!t)
			return ingest_reject(why, INGEST_MISSING,
					     "log[%zu].%s: missing", l->index,
					     fd->key);
		return ingest_reject(why, INGEST_TYPE,
				     "log[%zu].%s: expected %s, got %s",
				     l->index, fd->key,
				     ingest_types_text(fd->types, want,
						       sizeof(want)),
				     ingest_type_name(t));
	}
	return NULL;
}

static struct lsg_error *check_numbers(const struct ingest_log *l,
				       enum ingest_reason *why)
{
	const json_int_t *num = l->rec.num;

	for (int f = 0; f < F_NUMBERS; f++)
		if (num[f] < record_ranges[f].lo || num[f] > record_ranges[f].hi)
			return ingest_reject(why, INGEST_RANGE,
					     "log[%zu].%s: %lld not in %lld..%lld",
					     l->index, record_fields[f].key,
					     (long long)num[f],
					     (long long)record_ranges[f].lo,
					     (long long)record_ranges[f].hi);
	if (l->index && num[F_SEQ] <= l->prev_seq)
		return ingest_reject(why, INGEST_SEQ_ORDER,
				     "log[%zu].seq: not increasing (%lld after %lld)",
				     l->index, (long long)num[F_SEQ],
				     (long long)l->prev_seq);
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

/*
 * Latin-1 text: each code point U+0000..U+00FF is one byte.  The string is
 * valid UTF-8 (the parser checked it), so only the lead byte needs a look.
 * Returns the byte count, or -1 at the first code point past U+00FF (its
 * lead byte in *@bad).  @out may be @s: it never gets ahead of the input.
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

static struct lsg_error *check_text(const struct ingest_log *l,
				    enum ingest_reason *why)
{
	const struct ingest_record *rec = &l->rec;
	size_t len = rec->text_len;
	unsigned char bad = 0;
	long n;

	if (rec->type[F_TEXT_ENCODING] && strcmp(rec->encoding, "latin1"))
		return ingest_reject(why, INGEST_TEXT_ENCODING,
				     "log[%zu].text_encoding: \"%.32s\" is not \"latin1\"",
				     l->index, rec->encoding);
	if (rec->type[F_TEXT_ENCODING]) {
		n = latin1_decode(l->log->text + rec->text_off, len, NULL,
				  &bad);
		if (n < 0)
			return ingest_reject(why, INGEST_TEXT_ENCODING,
					     "log[%zu].text: not latin1 (lead byte 0x%02x)",
					     l->index, bad);
		len = (size_t)n;
	}
	if (len > INGEST_MAX_RECORD)
		return ingest_reject(why, INGEST_RANGE,
				     "log[%zu].text: %zu bytes, more than %zu",
				     l->index, len, INGEST_MAX_RECORD);
	return NULL;
}

static struct lsg_error *check_record(struct ingest_log *l,
				      enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;
	struct lsg_error *err;
	uint32_t id;

	err = check_types(l, why);
	if (!err)
		err = check_numbers(l, why);
	if (err)
		return err;
	if (rec->type[F_CALLER] == T_STR && parse_caller(rec->caller, &id))
		return ingest_reject(why, INGEST_VALUE,
				     "log[%zu].caller: \"%.16s\" is not T<pid> or C<cpu>",
				     l->index, rec->caller);
	err = check_text(l, why);
	if (err)
		return err;
	if (rec->dict_err) {
		err = rec->dict_err;
		*why = rec->dict_why;
		rec->dict_err = NULL;
		return err;
	}
	if (rec->dict_len > INGEST_MAX_RECORD)
		return ingest_reject(why, INGEST_RANGE,
				     "log[%zu].dict: %zu bytes, more than %zu",
				     l->index, rec->dict_len,
				     INGEST_MAX_RECORD);
	return NULL;
}

/* Decode latin1 text in place and close the hole it leaves. */
static size_t settle_text(struct ingest_log *l)
{
	struct ingest_record *rec = &l->rec;
	char *text = l->log->text + rec->text_off;
	unsigned char bad;
	size_t n;

	if (!rec->type[F_TEXT_ENCODING])
		return rec->text_len;
	n = (size_t)latin1_decode(text, rec->text_len, text, &bad);
	if (rec->dict_len && rec->dict_off > rec->text_off) {
		memmove(text + n, l->log->text + rec->dict_off, rec->dict_len);
		rec->dict_off = rec->text_off + n;
	}
	l->log->text_used = rec->base + n + rec->dict_len;
	return n;
}

static struct lsg_error *keep_record(struct ingest_log *l,
				     enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;
	size_t text_len = settle_text(l);
	struct lsg_record r = {
		.seq = (uint64_t)rec->num[F_SEQ],
		.ts_nsec = (uint64_t)rec->num[F_TS_NSEC],
		.level = (uint8_t)rec->num[F_LEVEL],
		.facility = (uint8_t)rec->num[F_FACILITY],
		.flags = (uint8_t)rec->num[F_FLAGS],
		.text_off = (uint32_t)rec->text_off,
		.text_len = (uint32_t)text_len,
		.dict_off = (uint32_t)(rec->dict_len ? rec->dict_off :
				       rec->text_off + text_len),
		.dict_len = (uint32_t)rec->dict_len,
	};

	if (rec->type[F_CALLER] == T_STR &&
	    !parse_caller(rec->caller, &r.caller_id))
		r.has_caller = 1;
	if (push_record(l->log, &r))
		return ingest_nomem(why);
	l->prev_seq = rec->num[F_SEQ];
	return NULL;
}

struct lsg_error *ingest_log_record_end(struct ingest_log *l,
					enum ingest_reason *why)
{
	struct lsg_error *err = NULL;

	/* The first bad record is kept to report; the rest are only read. */
	if (!l->err) {
		l->err = check_record(l, &l->err_why);
		if (!l->err)
			err = keep_record(l, why);
	}
	/* A bad record's bytes, and those of every record after it, go. */
	if (l->err)
		l->log->text_used = l->rec.base;
	l->index++;
	return err;
}

struct lsg_error *ingest_log_finish(struct ingest_log *l,
				    enum ingest_reason *why)
{
	struct lsg_error *err = l->err;

	if (err) {
		*why = l->err_why;
		l->err = NULL;
		return err;
	}
	if (l->log->nrecs)
		l->log->first_seq = l->log->recs[0].seq;
	return NULL;
}
