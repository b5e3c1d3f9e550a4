/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bundle's JSON in one streaming pass with yajl.  Every value but the
 * log records becomes a jansson value (the head: host, kernel, crash,
 * capture, ...); the elements of the top-level "log" array are handed to
 * ingest_log.c member by member and never become JSON values.
 *
 * What jansson's loader (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL) refused
 * is refused here too, as json_syntax: duplicate members at any depth,
 * NUL in a member name, malformed UTF-8 (overlong forms, surrogates and
 * code points past U+10FFFF included), unpaired surrogate escapes,
 * integers outside int64 and reals that overflow a double.  yajl checks
 * only the grammar of strings, so the rest is checked here.  Nesting is
 * capped at INGEST_MAX_DEPTH (jansson's cap was 2048).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "bundle.h"
#include "ingest_internal.h"
#include "utf8.h"

/* What the values of an open container go to. */
enum frame_kind {
	K_TOP,			/* the document's members */
	K_LOG,			/* elements of "log" */
	K_RECORD,		/* members of a log record */
	K_DICT,			/* members of a record's "dict" */
	K_VALUE,		/* a jansson container being built */
};

struct frame {
	enum frame_kind kind;
	int field;		/* K_RECORD: the member being read */
	json_t *v;		/* K_VALUE: the container */
	json_t *owned;		/* K_VALUE: a value only read, dropped */
};

struct parser {
	yajl_handle h;
	enum ingest_reason *why;
	struct lsg_error *err;	/* stops the parse */
	json_t *doc;
	struct frame stack[INGEST_MAX_DEPTH];
	unsigned depth;
	char *key;		/* the name of the next member (K_TOP, */
	size_t key_len, key_cap;	/* K_VALUE objects) */
	int log_next;		/* the next member is "log" */
	int log_read;		/* "log" was an array, read into @log */
	struct ingest_log log;
};

static size_t offset(const struct parser *p)
{
	return yajl_get_bytes_consumed(p->h);
}

static int syntax(struct parser *p, const char *what)
{
	p->err = ingest_reject(p->why, INGEST_JSON_SYNTAX,
			       "json: byte %zu: %s", offset(p), what);
	return 0;
}

/* A callback's fatal error: the parse stops. */
static int fail(struct parser *p, struct lsg_error *err)
{
	p->err = err;
	return !err;
}

static int nomem(struct parser *p)
{
	return fail(p, ingest_nomem(p->why));
}

/* ---- checks yajl does not make ---- */

/* Strict UTF-8, quickly over the ASCII that kernel logs are made of. */
static int utf8_ok(const char *s, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
	}
	for (; i < len; i++)
		if (s[i] & 0x80)
			return utf8_valid(s + i, len - i);
	return 1;
}

/* A member name: valid UTF-8 without NUL (jansson keys are C strings). */
static int key_ok(const char *key, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)key[i] - 1u >= 0x7fu)
			return utf8_ok(key, len) && !memchr(key, '\0', len);
	return 1;
}

static int hex4(const char *s, const char *end, unsigned *ret)
{
	unsigned v = 0;

	if (end - s < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	*ret = v;
	return 0;
}

/*
 * yajl turns an unpaired \uD800 into "?" and pairs a high surrogate with
 * any escape that follows it; jansson refused both.  In JSON a backslash
 * only ever starts an escape inside a string (anywhere else yajl fails the
 * text anyway), so stepping from backslash to backslash is exact.
 */
static struct lsg_error *check_escapes(const char *text, size_t len,
				       enum ingest_reason *why)
{
	const char *end = text + len, *p = memchr(text, '\\', len);

	while (p && end - p >= 2) {
		unsigned hi, lo;

		if (p[1] != 'u' || hex4(p + 2, end, &hi) ||
		    hi < 0xd800 || hi > 0xdfff) {
			p = memchr(p + 2, '\\', (size_t)(end - p - 2));
			continue;
		}
		if (hi >= 0xdc00 || end - p < 12 || p[6] != '\\' ||
		    p[7] != 'u' || hex4(p + 8, end, &lo) || lo < 0xdc00 ||
		    lo > 0xdfff)
			return ingest_reject(why, INGEST_JSON_SYNTAX,
					     "json: byte %zu: unpaired surrogate \\u%04x",
					     (size_t)(p - text), hi);
		p = memchr(p + 12, '\\', (size_t)(end - p - 12));
	}
	return NULL;
}

/*
 * A number as jansson read it: an integer (no '.', 'e' or 'E') must fit in
 * json_int_t; a real must not overflow.  yajl checked the grammar.
 * Returns 0, -1 out of range, -2 out of memory.
 */
static int number_value(const char *s, size_t len, struct ingest_value *ret)
{
	int neg = s[0] == '-';
	uint64_t v = 0, max = (uint64_t)INT64_MAX + (uint64_t)neg;
	size_t end = (size_t)neg;
	char buf[64], *copy;

	while (end < len && s[end] >= '0' && s[end] <= '9')
		end++;
	if (end == len) {
		/* 18 digits cannot overflow; check only past them. */
		for (size_t i = (size_t)neg; i < len; i++) {
			unsigned d = (unsigned)(s[i] - '0');

			if (i >= 18 && v > (max - d) / 10)
				return -1;
			v = v * 10 + d;
		}
		ret->type = T_INT;
		ret->i = neg ? (json_int_t)(0 - v) : (json_int_t)v;
		return 0;
	}
	copy = len < sizeof(buf) ? buf : malloc(len + 1);
	if (!copy)
		return -2;
	memcpy(copy, s, len);
	copy[len] = '\0';
	errno = 0;
	ret->type = T_REAL;
	ret->d = strtod(copy, NULL);
	if (copy != buf)
		free(copy);
	return errno == ERANGE && isinf(ret->d) ? -1 : 0;
}

/* ---- building jansson values ---- */

static json_t *value_json(const struct ingest_value *v)
{
	switch (v->type) {
	case T_STR: return json_stringn_nocheck(v->s, v->len);
	case T_INT: return json_integer(v->i);
	case T_REAL: return json_real(v->d);
	case T_BOOL: return json_boolean(v->b);
	case T_OBJ: return json_object();
	case T_ARR: return json_array();
	default: return json_null();
	}
}

/* Into @parent (an object: under the pending name), stealing @v. */
static int attach(struct parser *p, json_t *parent, json_t *v)
{
	int r;

	if (!v)
		return nomem(p);
	if (json_is_array(parent))
		r = json_array_append_new(parent, v);
	else
		r = json_object_setn_new_nocheck(parent, p->key, p->key_len,
						 v);
	return r ? nomem(p) : 1;
}

static struct frame *top(struct parser *p)
{
	return p->depth ? &p->stack[p->depth - 1] : NULL;
}

static int push(struct parser *p, enum frame_kind kind, json_t *v,
		json_t *owned)
{
	if (p->depth == INGEST_MAX_DEPTH) {
		json_decref(owned);
		p->err = ingest_reject(p->why, INGEST_JSON_SYNTAX,
				       "json: byte %zu: more than %d nested arrays and objects",
				       offset(p), INGEST_MAX_DEPTH);
		return 0;
	}
	p->stack[p->depth++] = (struct frame){
		.kind = kind, .field = F_UNKNOWN, .v = v, .owned = owned,
	};
	return 1;
}

/* A container only read for its syntax, then dropped. */
static int push_dropped(struct parser *p, unsigned type)
{
	json_t *v = value_json(&(struct ingest_value){ .type = type });

	if (!v)
		return nomem(p);
	return push(p, K_VALUE, v, v);
}

/* ---- events ---- */

static int on_value(struct parser *p, const struct ingest_value *v)
{
	struct frame *f = top(p);
	struct ingest_log *l = &p->log;

	if (!f)
		return syntax(p, "the document is not an object");
	switch (f->kind) {
	case K_TOP:
		p->log_next = 0;
		return attach(p, p->doc, value_json(v));
	case K_VALUE:
		return attach(p, f->v, value_json(v));
	case K_LOG:
		ingest_log_element(l, v);
		return 1;
	case K_RECORD:
		return fail(p, ingest_log_value(l, f->field, v, p->why));
	case K_DICT:
		return fail(p, ingest_log_dict_value(l, v, p->why));
	}
	return 1;
}

static int open_in_record(struct parser *p, struct frame *f, unsigned type)
{
	struct ingest_log *l = &p->log;

	if (f->field == F_DICT && type == T_OBJ) {
		ingest_log_dict_begin(l);
		return push(p, K_DICT, NULL, NULL);
	}
	if (!fail(p, ingest_log_value(l, f->field, &(struct ingest_value){
			.type = type }, p->why)))
		return 0;
	return push_dropped(p, type);
}

static int open_in_top(struct parser *p, unsigned type)
{
	json_t *v;

	if (p->log_next && type == T_ARR) {
		p->log_next = 0;
		p->log_read = 1;
		return push(p, K_LOG, NULL, NULL);
	}
	p->log_next = 0;
	v = value_json(&(struct ingest_value){ .type = type });
	return attach(p, p->doc, v) && push(p, K_VALUE, v, NULL);
}

static int on_open(struct parser *p, unsigned type)
{
	struct frame *f = top(p);
	json_t *v;

	if (!f) {
		p->doc = value_json(&(struct ingest_value){ .type = type });
		if (!p->doc)
			return nomem(p);
		return push(p, type == T_OBJ ? K_TOP : K_VALUE, p->doc, NULL);
	}
	switch (f->kind) {
	case K_TOP:
		return open_in_top(p, type);
	case K_VALUE:
		v = value_json(&(struct ingest_value){ .type = type });
		return attach(p, f->v, v) && push(p, K_VALUE, v, NULL);
	case K_LOG:
		if (type == T_OBJ)
			return fail(p, ingest_log_record_begin(&p->log,
							       p->why)) &&
			       push(p, K_RECORD, NULL, NULL);
		ingest_log_element(&p->log, &(struct ingest_value){
			.type = type });
		return push_dropped(p, type);
	case K_RECORD:
		return open_in_record(p, f, type);
	case K_DICT:
		if (!fail(p, ingest_log_dict_value(&p->log,
				&(struct ingest_value){ .type = type },
				p->why)))
			return 0;
		return push_dropped(p, type);
	}
	return 1;
}

static int on_close(void *ctx)
{
	struct parser *p = ctx;
	struct frame f = p->stack[--p->depth];

	switch (f.kind) {
	case K_VALUE:
		json_decref(f.owned);
		break;
	case K_RECORD:
		return fail(p, ingest_log_record_end(&p->log, p->why));
	case K_DICT:
		ingest_log_dict_end(&p->log);
		break;
	default:
		break;
	}
	return 1;
}

/* The name of the next member of an object built as a jansson value. */
static int value_key(struct parser *p, json_t *obj, const char *key,
		     size_t len)
{
	if (json_object_getn(obj, key, len) ||
	    (obj == p->doc && len == 3 && !memcmp(key, "log", 3) &&
	     p->log_read)) {
		p->err = ingest_reject(p->why, INGEST_JSON_SYNTAX,
				       "json: byte %zu: duplicate member \"%.*s\"",
				       offset(p), len > 64 ? 64 : (int)len,
				       key);
		return 0;
	}
	/* Never NULL, even for "": jansson hashes the pointer it gets. */
	if (len >= p->key_cap) {
		char *k = realloc(p->key, len + 1);

		if (!k)
			return nomem(p);
		p->key = k;
		p->key_cap = len + 1;
	}
	memcpy(p->key, key, len);
	p->key_len = len;
	p->log_next = obj == p->doc && len == 3 && !memcmp(key, "log", 3);
	return 1;
}

static int on_key(void *ctx, const unsigned char *ukey, size_t len)
{
	struct parser *p = ctx;
	const char *key = (const char *)ukey;
	struct frame *f = top(p);

	if (!key_ok(key, len))
		return syntax(p, "invalid UTF-8 or NUL in a member name");
	switch (f->kind) {
	case K_RECORD:
		return fail(p, ingest_log_key(&p->log, key, len, &f->field,
					      p->why));
	case K_DICT:
		return fail(p, ingest_log_dict_key(&p->log, key, len,
						   p->why));
	default:
		return value_key(p, f->v, key, len);
	}
}

static int on_null(void *ctx)
{
	return on_value(ctx, &(struct ingest_value){ .type = T_NULL });
}

static int on_boolean(void *ctx, int b)
{
	return on_value(ctx, &(struct ingest_value){ .type = T_BOOL, .b = b });
}

static int on_number(void *ctx, const char *s, size_t len)
{
	struct ingest_value v = { 0 };
	int r = number_value(s, len, &v);

	if (r == -2)
		return nomem(ctx);
	if (r)
		return syntax(ctx, "number out of range");
	return on_value(ctx, &v);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	const char *str = (const char *)s;

	if (!utf8_ok(str, len))
		return syntax(ctx, "invalid UTF-8 in a string");
	return on_value(ctx, &(struct ingest_value){
		.type = T_STR, .s = str, .len = len });
}

static int on_start_map(void *ctx)
{
	return on_open(ctx, T_OBJ);
}

static int on_start_array(void *ctx)
{
	return on_open(ctx, T_ARR);
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_key,
	.yajl_end_map = on_close,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_close,
};

/* ---- the head: DESIGN §3 ---- */

/* One member's required type; @obj NULL means the top level. */
struct head_field {
	const char *obj;
	const char *key;
	unsigned types;
};

/* Members not listed are allowed and ignored. */
static const struct head_field bundle_fields[] = {
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
	{ "capture", "reader", T_STR | T_NULL | T_OPTIONAL },
	{ "capture", "started", T_STR | T_NULL },
	{ "capture", "duration_ms", T_INT | T_NULL },
	{ "capture", "source", T_STR | T_NULL },
	{ "capture", "complete", T_BOOL },
	{ "capture", "missing", T_ARR },
	{ "capture", "log_gaps", T_ARR | T_OPTIONAL },
};

static unsigned json_type_bit(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return T_OBJ;
	case JSON_ARRAY: return T_ARR;
	case JSON_STRING: return T_STR;
	case JSON_INTEGER: return T_INT;
	case JSON_REAL: return T_REAL;
	case JSON_TRUE:
	case JSON_FALSE: return T_BOOL;
	default: return T_NULL;
	}
}

static struct lsg_error *check_field(const json_t *doc,
				     const struct head_field *f,
				     enum ingest_reason *why)
{
	const json_t *parent = f->obj ? json_object_get(doc, f->obj) : doc;
	const json_t *v = json_object_get(parent, f->key);
	char want[64];

	if (v ? json_type_bit(v) & f->types : f->types & T_OPTIONAL)
		return NULL;
	if (!v)
		return ingest_reject(why, INGEST_MISSING, "%s%s%s: missing",
				     f->obj ? f->obj : "", f->obj ? "." : "",
				     f->key);
	return ingest_reject(why, INGEST_TYPE, "%s%s%s: expected %s, got %s",
			     f->obj ? f->obj : "", f->obj ? "." : "", f->key,
			     ingest_types_text(f->types, want, sizeof(want)),
			     ingest_type_name(json_type_bit(v)));
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
	struct lsg_error *err = NULL;

	if (!json_is_object(doc))
		return ingest_reject(why, INGEST_TYPE,
				     "bundle: expected object, got %s",
				     ingest_type_name(json_type_bit(doc)));
	format = json_object_get(doc, "format");
	if (!format)
		return ingest_reject(why, INGEST_FORMAT, "format: missing");
	if (!json_is_string(format))
		return ingest_reject(why, INGEST_FORMAT,
				     "format: expected string, got %s",
				     ingest_type_name(json_type_bit(format)));
	if (strcmp(json_string_value(format), BUNDLE_FORMAT))
		return ingest_reject(why, INGEST_FORMAT,
				     "format: \"%.64s\" is not \"" BUNDLE_FORMAT "\"",
				     json_string_value(format));
	id = json_object_get(doc, "id");
	if (!id)
		return ingest_reject(why, INGEST_ID, "id: missing");
	if (!json_is_string(id) || json_string_length(id) != 64 ||
	    !is_lower_hex(json_string_value(id), 64))
		return ingest_reject(why, INGEST_ID,
				     "id: not 64 lowercase hex digits");
	for (size_t i = 0; !err && i < sizeof(bundle_fields) /
					sizeof(bundle_fields[0]); i++)
		err = check_field(doc, &bundle_fields[i], why);
	return err;
}

/* ---- the document ---- */

/* "log" as an array of nulls, one per record: see struct ingest_bundle. */
static struct lsg_error *log_placeholder(json_t *doc, size_t n,
					 enum ingest_reason *why)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_null()))
			break;
	if (!a || json_array_size(a) != n ||
	    json_object_set_new_nocheck(doc, "log", a)) {
		json_decref(a);
		return ingest_nomem(why);
	}
	return NULL;
}

static struct lsg_error *run_yajl(struct parser *p, const char *text,
				  size_t len)
{
	yajl_status st;
	unsigned char *msg;

	p->h = yajl_alloc(&callbacks, NULL, p);
	if (!p->h)
		return ingest_nomem(p->why);
	yajl_config(p->h, yajl_dont_validate_strings, 1);
	st = yajl_parse(p->h, (const unsigned char *)text, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(p->h);
	if (p->err || st == yajl_status_ok)
		return p->err;
	msg = yajl_get_error(p->h, 0, (const unsigned char *)text, len);
	p->err = ingest_reject(p->why, INGEST_JSON_SYNTAX,
			       "json: byte %zu: %.*s", offset(p),
			       msg ? (int)strcspn((char *)msg, "\n") : 0,
			       msg ? (char *)msg : "");
	yajl_free_error(p->h, msg);
	return p->err;
}

/* After a clean parse: the head's rules, then the records'. */
static struct lsg_error *check_all(struct parser *p)
{
	struct lsg_error *err = NULL;

	if (p->log_read)
		err = log_placeholder(p->doc, p->log.log->nrecs, p->why);
	if (!err)
		err = check_head(p->doc, p->why);
	if (!err)
		err = ingest_log_finish(&p->log, p->why);
	return err;
}

struct lsg_error *ingest_parse(const char *text, size_t len,
			       size_t max_records, enum ingest_reason *why,
			       struct ingest_bundle *b)
{
	struct parser p = { .why = why };
	struct lsg_log log;
	struct lsg_error *err;

	if (len > UINT32_MAX)
		return ingest_reject(why, INGEST_TOO_LARGE,
				     "bundle: %zu bytes of JSON, limit %u",
				     len, UINT32_MAX);
	err = check_escapes(text, len, why);
	if (!err)
		err = ingest_log_init(&p.log, &log, len, max_records, why);
	if (err)
		return err;
	err = run_yajl(&p, text, len);
	if (!err)
		err = check_all(&p);
	while (p.depth)
		json_decref(p.stack[--p.depth].owned);
	if (p.h)
		yajl_free(p.h);
	ingest_log_deinit(&p.log);
	free(p.key);
	if (err) {
		json_decref(p.doc);
		lsg_log_deinit(&log);
		return err;
	}
	b->doc = p.doc;
	b->log = log;
	b->id = json_string_value(json_object_get(p.doc, "id"));
	b->host = json_object_get(p.doc, "host");
	b->kernel = json_object_get(p.doc, "kernel");
	b->crash = json_object_get(p.doc, "crash");
	b->capture = json_object_get(p.doc, "capture");
	return NULL;
}
