/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "log" array of a bundle, read record by record as the parser meets
 * its members, straight into struct lsg_log, and checked when the record
 * closes, in the order (and with the messages) of the schema below.
 * Records in the agent's own form are read here in place, without the
 * scanner's callbacks, and their text is copied once, from the document
 * into the log's own buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"
#include "json_scan.h"
#include "utf8.h"

/* ---- the log's storage ---- */

/*
 * The log gets fixed capacities from the document's size (see
 * wire_min_record_json()), so it never grows and lsg_log_append() keeps
 * its own gap rule.  A record's bytes are first gathered in a scratch
 * buffer of ours, which grows, but never past the document's size.
 */
enum { SCRATCH_MIN = 4096 };

/* The lookups of ingest_log_field() and match_field(). */
static void index_fields(struct ingest_log *l)
{
	memset(l->by_len, F_UNKNOWN, sizeof(l->by_len));
	for (int f = WIRE_REC_FIELDS - 1; f >= 0; f--) {
		const char *name = wire_record_fields[f].key;
		size_t n = strlen(name);	/* at most FIELD_NAME_MAX */
		char pat[16] = "\"", mask[16] = { 0 };

		l->same_len[f] = l->by_len[n];
		l->by_len[n] = (signed char)f;
		memcpy(pat + 1, name, n);
		memcpy(pat + 1 + n, "\":", 2);
		memset(mask, 0xff, n + 3);
		l->pat_len[f] = n + 3;
		memcpy(l->pat[f], pat, 16);
		memcpy(l->pat_mask[f], mask, 16);
	}
}

struct lsg_error *ingest_log_init(struct ingest_log *l, struct lsg_log *log,
				  size_t json_len, size_t max_records,
				  enum ingest_reason *why)
{
	size_t recs = json_len / wire_min_record_json() + 1;

	memset(l, 0, sizeof(*l));
	if (recs > max_records)
		recs = max_records;
	if (lsg_log_init(log, recs ? recs : 1, json_len, recs ? recs : 1))
		return ingest_nomem(why);
	log->has_seq = 1;
	l->log = log;
	index_fields(l);
	for (int f = 0; f < WIRE_REC_FIELDS; f++)
		if (!(wire_record_fields[f].types & WIRE_OPTIONAL))
			l->required |= 1u << f;
	l->max_records = max_records;
	l->max_scratch = json_len > SCRATCH_MIN ? json_len : SCRATCH_MIN;
	l->scratch = malloc(SCRATCH_MIN);
	if (!l->scratch) {
		lsg_log_deinit(log);
		return ingest_nomem(why);
	}
	l->cap_scratch = SCRATCH_MIN;
	l->prev_seq = -1;
	return NULL;
}

void ingest_log_deinit(struct ingest_log *l)
{
	lsg_error_destroy(l->rec.dict_err);
	lsg_error_destroy(l->err);
	json_decref(l->keys);
	json_decref(l->dict_keys);
	free(l->strings.buf);
	free(l->scratch);
	memset(l, 0, sizeof(*l));
}

static int scratch_reserve(struct ingest_log *l, size_t n)
{
	size_t cap = l->cap_scratch;
	char *p;

	if (n <= cap - l->used)
		return 0;
	while (n > cap - l->used)
		cap *= 2;
	if (cap > l->max_scratch)
		cap = l->max_scratch;
	if (n > cap - l->used)
		return -1;
	p = realloc(l->scratch, cap);
	if (!p)
		return -1;
	l->scratch = p;
	l->cap_scratch = cap;
	return 0;
}

static struct lsg_error *text_append(struct ingest_log *l, const char *s,
				     size_t n, enum ingest_reason *why)
{
	if (scratch_reserve(l, n))
		return ingest_nomem(why);
	memcpy(l->scratch + l->used, s, n);
	l->used += n;
	return NULL;
}

/* ---- events ---- */

void ingest_log_element(struct ingest_log *l, const struct ingest_value *v)
{
	if (!l->err)
		l->err = ingest_reject(&l->err_why, INGEST_TYPE,
				       "log[%zu]: expected object, got %s",
				       l->index, wire_type_name(v->type));
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
	memset(rec, 0, offsetof(struct ingest_record, caller));
	l->used = 0;
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

/* By length, then the bytes. */
int ingest_log_field(const struct ingest_log *l, const char *key, size_t len)
{
	if (len > FIELD_NAME_MAX)
		return F_UNKNOWN;
	for (int f = l->by_len[len]; f != F_UNKNOWN; f = l->same_len[f])
		if (wire_record_fields[f].key[0] == key[0] &&
		    !memcmp(wire_record_fields[f].key, key, len))
			return f;
	return F_UNKNOWN;
}

struct lsg_error *ingest_log_key(struct ingest_log *l, int f,
				 const char *key, size_t len,
				 enum ingest_reason *why)
{
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

/* @v into the record; a text is copied unless it is in the document. */
static inline struct lsg_error *store_value(struct ingest_log *l, int field,
					    const struct ingest_value *v,
					    enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;

	rec->type[field] = v->type;
	rec->present |= 1u << field;
	if (v->type & wire_record_fields[field].types)
		rec->typed |= 1u << field;
	if (field < WIRE_REC_NUMBERS && v->type == WIRE_INT)
		rec->num[field] = v->i;
	if (v->type != WIRE_STR)
		return NULL;
	switch (field) {
	case WIRE_CALLER:
		copy_cstr(rec->caller, sizeof(rec->caller), v->s, v->len);
		break;
	case WIRE_TEXT_ENCODING:
		copy_cstr(rec->encoding, sizeof(rec->encoding), v->s, v->len);
		break;
	case WIRE_TEXT:
		rec->text_len = v->len;
		if (v->in_text) {
			rec->text = v->s;
			break;
		}
		rec->text = NULL;
		rec->text_off = l->used;
		return text_append(l, v->s, v->len, why);
	}
	return NULL;
}

struct lsg_error *ingest_log_value(struct ingest_log *l, int field,
				   const struct ingest_value *v,
				   enum ingest_reason *why)
{
	if (field == F_UNKNOWN)
		return NULL;
	return store_value(l, field, v, why);
}

/* ---- dictionaries: "KEY": "value" members become KEY=value\0... ---- */

void ingest_log_dict_begin(struct ingest_log *l)
{
	struct ingest_record *rec = &l->rec;

	rec->type[WIRE_DICT] = WIRE_OBJ;
	rec->present |= 1u << WIRE_DICT;
	rec->typed |= 1u << WIRE_DICT;
	rec->dict_off = l->used;
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
					l->scratch + rec->seen_off[i],
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
		    !memcmp(l->scratch + rec->seen_off[i], key, len))
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
		err = text_append(l, "", 1, why);
	if (err)
		return err;
	rec->key_off = l->used;
	rec->key_len = len;
	if (rec->dict_keys < DICT_LINEAR_KEYS) {
		rec->seen_off[rec->dict_keys] = rec->key_off;
		rec->seen_len[rec->dict_keys] = len;
	}
	rec->dict_keys++;
	return text_append(l, key, len, why);
}

struct lsg_error *ingest_log_dict_value(struct ingest_log *l,
					const struct ingest_value *v,
					enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;
	const char *key = l->scratch + rec->key_off;
	int klen = rec->key_len > 64 ? 64 : (int)rec->key_len;

	/* The first bad entry is the one reported; the rest are read. */
	if (rec->dict_err)
		return NULL;
	if (v->type != WIRE_STR) {
		rec->dict_err = ingest_reject(&rec->dict_why, INGEST_TYPE,
				"log[%zu].dict.%.*s: expected string, got %s",
				l->index, klen, key,
				wire_type_name(v->type));
		return NULL;
	}
	if (!rec->key_len || memchr(key, '=', rec->key_len) ||
	    memchr(v->s, '\0', v->len)) {
		rec->dict_err = ingest_reject(&rec->dict_why, INGEST_VALUE,
				"log[%zu].dict: bad entry \"%.*s\"", l->index,
				klen, key);
		return NULL;
	}
	if (scratch_reserve(l, v->len + 1))
		return ingest_nomem(why);
	l->scratch[l->used++] = '=';
	return text_append(l, v->s, v->len, why);
}

void ingest_log_dict_end(struct ingest_log *l)
{
	l->rec.dict_len = l->used - l->rec.dict_off;
}

/* ---- a record's checks, in the schema's order ---- */

static struct lsg_error *check_types(const struct ingest_log *l,
				     enum ingest_reason *why)
{
	char want[64];

	/* Each member there has a type it may, none required is missing. */
	if (l->rec.typed == l->rec.present &&
	    !(l->required & ~l->rec.present))
		return NULL;
	for (int f = 0; f < WIRE_REC_FIELDS; f++) {
		const struct wire_field *fd = &wire_record_fields[f];
		unsigned t = l->rec.type[f];

		if (t ? t & fd->types : fd->types & WIRE_OPTIONAL)
			continue;
		if (!t)
			return ingest_reject(why, INGEST_MISSING,
					     "log[%zu].%s: missing", l->index,
					     fd->key);
		return ingest_reject(why, INGEST_TYPE,
				     "log[%zu].%s: expected %s, got %s",
				     l->index, fd->key,
				     wire_types_text(fd->types, want,
						       sizeof(want)),
				     wire_type_name(t));
	}
	return NULL;
}

static struct lsg_error *check_numbers(const struct ingest_log *l,
				       enum ingest_reason *why)
{
	const json_int_t *num = l->rec.num;

	for (int f = 0; f < WIRE_REC_NUMBERS; f++)
		if (num[f] < wire_record_ranges[f].lo ||
		    num[f] > wire_record_ranges[f].hi)
			return ingest_reject(why, INGEST_RANGE,
					     "log[%zu].%s: %lld not in %lld..%lld",
					     l->index, wire_record_fields[f].key,
					     (long long)num[f],
					     (long long)wire_record_ranges[f].lo,
					     (long long)wire_record_ranges[f].hi);
	if (l->index && num[WIRE_SEQ] <= l->prev_seq)
		return ingest_reject(why, INGEST_SEQ_ORDER,
				     "log[%zu].seq: not increasing (%lld after %lld)",
				     l->index, (long long)num[WIRE_SEQ],
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

/* The record's text as it arrived: in the document, or in scratch. */
static const char *raw_text(const struct ingest_log *l)
{
	return l->rec.text ? l->rec.text : l->scratch + l->rec.text_off;
}

static struct lsg_error *check_text(const struct ingest_log *l,
				    enum ingest_reason *why)
{
	const struct ingest_record *rec = &l->rec;
	size_t len = rec->text_len;
	unsigned char bad = 0;
	long n;

	if (rec->type[WIRE_TEXT_ENCODING] && strcmp(rec->encoding, WIRE_LATIN1))
		return ingest_reject(why, INGEST_TEXT_ENCODING,
				     "log[%zu].text_encoding: \"%.32s\" is not \"latin1\"",
				     l->index, rec->encoding);
	if (rec->type[WIRE_TEXT_ENCODING]) {
		n = wire_latin1_decode(raw_text(l), len, NULL, &bad);
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

	err = check_types(l, why);
	if (!err)
		err = check_numbers(l, why);
	if (err)
		return err;
	rec->has_caller = rec->type[WIRE_CALLER] == WIRE_STR;
	if (rec->has_caller && parse_caller(rec->caller, &rec->caller_id))
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

/*
 * The record's text, latin1 decoded where it says so: in place in scratch
 * (it only gets shorter), or from the document into scratch.
 */
static struct lsg_error *settle_text(struct ingest_log *l, const char **ret,
				     size_t *ret_len, enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;
	unsigned char bad;
	char *out;

	*ret = raw_text(l);
	*ret_len = rec->text_len;
	if (!rec->type[WIRE_TEXT_ENCODING])
		return NULL;
	if (rec->text && scratch_reserve(l, rec->text_len))
		return ingest_nomem(why);
	out = l->scratch + (rec->text ? l->used : rec->text_off);
	*ret_len = (size_t)wire_latin1_decode(*ret, rec->text_len, out, &bad);
	*ret = out;
	return NULL;
}

static struct lsg_error *keep_record(struct ingest_log *l,
				     enum ingest_reason *why)
{
	struct ingest_record *rec = &l->rec;
	struct lsg_record r = {
		.seq = (uint64_t)rec->num[WIRE_SEQ],
		.ts_nsec = (uint64_t)rec->num[WIRE_TS_NSEC],
		.caller_id = rec->caller_id,
		.level = (uint8_t)rec->num[WIRE_LEVEL],
		.facility = (uint8_t)rec->num[WIRE_FACILITY],
		.flags = (uint8_t)rec->num[WIRE_FLAGS],
		.has_caller = (uint8_t)rec->has_caller,
		.dict_len = (uint32_t)rec->dict_len,
	};
	struct lsg_error *err;
	const char *text;
	size_t text_len;

	err = settle_text(l, &text, &text_len, why);
	if (err)
		return err;
	r.text_len = (uint32_t)text_len;
	err = lsg_log_append(l->log, &r, text, l->scratch + rec->dict_off);
	if (err) {	/* the capacities hold every record a document can */
		*why = INGEST_TOO_LARGE;
		return lsg_error_wrap(err, "log[%zu]", l->index);
	}
	l->prev_seq = rec->num[WIRE_SEQ];
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
	l->index++;
	return err;
}

/* ---- records in the agent's own form, read without the callbacks ---- */

/*
 * A string at @q (its opening quote), of valid UTF-8: the byte after it,
 * or NULL.  Mostly ASCII: tested for UTF-8 only when the scan saw a byte
 * past it.  Escapes are decoded as the scanner decodes them, into a
 * buffer of ours: the string is then borrowed until the next one.
 */
static const char *plain_string(struct ingest_log *l, const char *q,
				const char *end, struct ingest_value *ret)
{
	const char *s = q + 1, *what;
	uint64_t bits;
	size_t len;

	if (q == end || *q != '"')
		return NULL;
	q = json_scan_plain_scan(s, end, &bits);
	if (q == end || *q != '"') {
		if (json_scan_decode(&l->strings, s, &q, end, &len,
				     &what) != JSON_SCAN_OK ||
		    !utf8_valid(l->strings.buf, len))
			return NULL;
		*ret = (struct ingest_value){
			.type = WIRE_STR, .s = l->strings.buf, .len = len,
		};
		return q + 1;
	}
	if (bits & 0x8080808080808080ull && !utf8_valid(s, (size_t)(q - s)))
		return NULL;
	*ret = (struct ingest_value){
		.type = WIRE_STR, .s = s, .len = (size_t)(q - s), .in_text = 1,
	};
	return q + 1;
}

/*
 * An integer at @q of the grammar's form (-?(0|[1-9][0-9]*)) that ends
 * the member, within json_int_t: the byte after it, or NULL.
 */
static const char *plain_int(const char *q, const char *end,
			     struct ingest_value *ret)
{
	const char *s = q, *d;
	uint64_t v = 0;

	/* One digit: level, facility, flags; most of a record's integers. */
	if (end - q >= 2 && (unsigned)(*q - '0') <= 9 &&
	    (q[1] == ',' || q[1] == '}')) {
		ret->type = WIRE_INT;
		ret->i = *q - '0';
		return q + 1;
	}
	if (q < end && *q == '-')
		q++;
	d = q;
	if (q < end && *q == '0')
		q++;
	else
		for (; q < end && *q >= '0' && *q <= '9'; q++)
			v = v * 10 + (unsigned)(*q - '0');
	if (q == d || q == end || (*q != ',' && *q != '}'))
		return NULL;
	/* Past 18 digits v may have wrapped: the range is checked there. */
	if (q - d > 18)
		return ingest_int_value(s, (size_t)(q - s), ret) ? NULL : q;
	ret->type = WIRE_INT;
	ret->i = *s == '-' ? -(json_int_t)v : (json_int_t)v;
	return q;
}

/*
 * A scalar value at @q: a string, an integer that ends the member, or
 * null.  The byte after it, or NULL for anything else.
 */
static const char *plain_value(struct ingest_log *l, const char *q,
			       const char *end, struct ingest_value *ret)
{
	if (q == end)
		return NULL;
	if (*q == '"')
		return plain_string(l, q, end, ret);
	if (end - q >= 4 && !memcmp(q, "null", 4)) {
		*ret = (struct ingest_value){ .type = WIRE_NULL };
		return q + 4;
	}
	return plain_int(q, end, ret);
}

/*
 * A member name at @q and its ':': the byte after, with the name in
 * *@ret_key, *@ret_len; or NULL.
 */
static const char *plain_key(const char *q, const char *end,
			     const char **ret_key, size_t *ret_len)
{
	const char *k = q + 1;

	if (q == end || *q != '"')
		return NULL;
	q = json_scan_plain_end(k, end);
	if (q == end || *q != '"' || q + 1 == end || q[1] != ':')
		return NULL;
	*ret_key = k;
	*ret_len = (size_t)(q - k);
	return q + 2;
}

/*
 * A dictionary at @q (its '{') of strings, their names without escapes:
 * the byte after it, or NULL.
 */
static const char *fast_dict(struct ingest_log *l, const char *q,
			     const char *end, struct lsg_error **ret_err,
			     enum ingest_reason *why)
{
	ingest_log_dict_begin(l);
	if (++q < end && *q == '}')
		goto out;
	for (;;) {
		struct ingest_value v;
		const char *key;
		size_t len;

		q = plain_key(q, end, &key, &len);
		/* A member name is UTF-8 (never NUL: not in a plain string). */
		if (!q || !utf8_valid(key, len))
			return NULL;
		*ret_err = ingest_log_dict_key(l, key, len, why);
		if (*ret_err)
			return NULL;
		q = plain_string(l, q, end, &v);
		if (!q || q == end)
			return NULL;
		*ret_err = ingest_log_dict_value(l, &v, why);
		if (*ret_err)
			return NULL;
		if (*q == '}')
			break;
		if (*q++ != ',')
			return NULL;
	}
out:
	ingest_log_dict_end(l);
	return q + 1;
}

/* One member, @q after its ':': the byte after its value, or NULL. */
static const char *fast_member(struct ingest_log *l, int f, const char *q,
			       const char *end, struct lsg_error **ret_err,
			       enum ingest_reason *why)
{
	const char *after = NULL;
	struct ingest_value v;

	if (f == WIRE_DICT && q < end && *q == '{')
		return fast_dict(l, q, end, ret_err, why);
	/* the integers first: they are what a record is mostly made of */
	if (f < WIRE_REC_NUMBERS)
		after = plain_int(q, end, &v);
	if (!after)
		after = plain_value(l, q, end, &v);
	if (after)
		*ret_err = store_value(l, f, &v, why);
	return after;
}

/*
 * The field whose '"name":' is at @q (16 bytes readable there), or
 * F_UNKNOWN.  The agent writes the schema's order: @guess, the field
 * after the last one, is tried first.
 */
static int match_field(const struct ingest_log *l, const char *q, int guess)
{
	uint64_t w[2];

	memcpy(w, q, sizeof(w));
	for (int i = 0; i < WIRE_REC_FIELDS; i++) {
		int f = guess + i < WIRE_REC_FIELDS ? guess + i :
			guess + i - WIRE_REC_FIELDS;

		if (!(((w[0] ^ l->pat[f][0]) & l->pat_mask[f][0]) |
		      ((w[1] ^ l->pat[f][1]) & l->pat_mask[f][1])))
			return f;
	}
	return F_UNKNOWN;
}

/* One record at @s (its '{'): *@ret_used as ingest_log_fast_records(). */
static struct lsg_error *fast_record(struct ingest_log *l, const char *s,
				     const char *end, size_t *ret_used,
				     enum ingest_reason *why)
{
	/* The scanner's reading reports any error before the end: dropped. */
	enum ingest_reason dropped;
	struct lsg_error *err;
	const char *q = s + 1;
	int f = -1;

	*ret_used = 0;
	err = ingest_log_record_begin(l, &dropped);
	while (!err) {
		/* a short tail and other names: the scanner's */
		if (end - q < 16)
			return NULL;
		f = match_field(l, q, f + 1 < WIRE_REC_FIELDS ? f + 1 : 0);
		if (f == F_UNKNOWN || l->rec.type[f])
			return NULL;
		q = fast_member(l, f, q + l->pat_len[f], end, &err, &dropped);
		if (err)
			break;
		if (!q || q == end || (*q != ',' && *q != '}'))
			return NULL;
		if (*q++ != '}')
			continue;
		err = ingest_log_record_end(l, why);
		if (!err)
			*ret_used = (size_t)(q - s);
		return err;
	}
	lsg_error_destroy(err);
	return NULL;
}

/* A run of records saves the scanner a round per record. */
struct lsg_error *ingest_log_fast_records(struct ingest_log *l, const char *s,
					  const char *end, size_t *ret_used,
					  enum ingest_reason *why)
{
	struct lsg_error *err;
	const char *q = s;
	size_t n;

	*ret_used = 0;
	for (;;) {
		err = fast_record(l, q, end, &n, why);
		if (err || !n)
			return err;
		q += n;
		*ret_used = (size_t)(q - s);
		if (q == end || *q++ != ',')
			return NULL;
		/* the agent ends a record's line there */
		while (q < end && (*q == '\n' || *q == ' ' || *q == '\t' ||
				   *q == '\r'))
			q++;
		if (q == end || *q != '{')
			return NULL;
	}
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
