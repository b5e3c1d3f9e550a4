/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bundle's JSON in one streaming pass (json_scan.c).  Every value but the
 * log records becomes a jansson value (the head: host, kernel, crash,
 * capture, ...); the elements of the top-level "log" array are handed to
 * ingest_log.c, which reads those in the agent's own form itself, the
 * others member by member, and never become JSON values.
 *
 * What jansson's loader (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL) refused
 * is refused here too, as json_syntax: duplicate members at any depth,
 * NUL in a member name, malformed UTF-8 (overlong forms, surrogates and
 * code points past U+10FFFF included), unpaired surrogate escapes,
 * integers outside int64 and reals that overflow a double.  The scanner
 * checks the grammar (unpaired surrogate escapes included), so the rest
 * is checked here.  Nesting is capped at INGEST_MAX_DEPTH (jansson's cap
 * was 2048).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"
#include "json_scan.h"
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
	struct json_scan scan;
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
	return json_scan_offset(&p->scan);
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

/* ---- checks the scanner does not make ---- */

/* A member name: valid UTF-8 without NUL (jansson keys are C strings). */
static int key_ok(const char *key, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)key[i] - 1u >= 0x7fu)
			return utf8_valid(key, len) && !memchr(key, '\0', len);
	return 1;
}

/*
 * A number as jansson read it: an integer (no '.', 'e' or 'E') must fit in
 * json_int_t; a real must not overflow.  The scanner checked the grammar.
 * Returns 0, -1 out of range, -2 out of memory.
 */
static int number_value(const char *s, size_t len, struct ingest_value *ret)
{
	size_t end = s[0] == '-';
	char buf[64], *copy;

	while (end < len && s[end] >= '0' && s[end] <= '9')
		end++;
	if (end == len)
		return ingest_int_value(s, len, ret);
	copy = len < sizeof(buf) ? buf : malloc(len + 1);
	if (!copy)
		return -2;
	memcpy(copy, s, len);
	copy[len] = '\0';
	errno = 0;
	ret->type = WIRE_REAL;
	ret->d = strtod(copy, NULL);
	if (copy != buf)
		free(copy);
	return errno == ERANGE && isinf(ret->d) ? -1 : 0;
}

/* ---- building jansson values ---- */

static json_t *value_json(const struct ingest_value *v)
{
	switch (v->type) {
	case WIRE_STR: return json_stringn_nocheck(v->s, v->len);
	case WIRE_INT: return json_integer(v->i);
	case WIRE_REAL: return json_real(v->d);
	case WIRE_BOOL: return json_boolean(v->b);
	case WIRE_OBJ: return json_object();
	case WIRE_ARR: return json_array();
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

	if (f->field == WIRE_DICT && type == WIRE_OBJ) {
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

	if (p->log_next && type == WIRE_ARR) {
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
		return push(p, type == WIRE_OBJ ? K_TOP : K_VALUE, p->doc, NULL);
	}
	switch (f->kind) {
	case K_TOP:
		return open_in_top(p, type);
	case K_VALUE:
		v = value_json(&(struct ingest_value){ .type = type });
		return attach(p, f->v, v) && push(p, K_VALUE, v, NULL);
	case K_LOG:
		if (type == WIRE_OBJ)
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

static int on_key(void *ctx, const char *key, size_t len)
{
	struct parser *p = ctx;
	struct frame *f = top(p);

	/* A record's own member names are ASCII: only others need checks. */
	if (f->kind == K_RECORD)
		f->field = ingest_log_field(&p->log, key, len);
	if ((f->kind != K_RECORD || f->field == F_UNKNOWN) && !key_ok(key, len))
		return syntax(p, "invalid UTF-8 or NUL in a member name");
	switch (f->kind) {
	case K_RECORD:
		return fail(p, ingest_log_key(&p->log, f->field, key, len,
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
	return on_value(ctx, &(struct ingest_value){ .type = WIRE_NULL });
}

static int on_boolean(void *ctx, int b)
{
	return on_value(ctx, &(struct ingest_value){ .type = WIRE_BOOL, .b = b });
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

static int on_string(void *ctx, const char *str, size_t len)
{
	if (!utf8_valid(str, len))
		return syntax(ctx, "invalid UTF-8 in a string");
	return on_value(ctx, &(struct ingest_value){
		.type = WIRE_STR, .s = str, .len = len });
}

static int on_start_map(void *ctx)
{
	return on_open(ctx, WIRE_OBJ);
}

static int on_start_array(void *ctx)
{
	return on_open(ctx, WIRE_ARR);
}

/* Log records in the agent's own form, read without the callbacks. */
static int on_object(void *ctx, const char *s, const char *end,
		     size_t *ret_used)
{
	struct parser *p = ctx;
	struct frame *f = top(p);

	*ret_used = 0;
	if (f && f->kind == K_LOG)
		p->err = ingest_log_fast_records(&p->log, s, end, ret_used,
						 p->why);
	return !p->err;
}

static const struct json_scan_ops callbacks = {
	.null = on_null,
	.boolean = on_boolean,
	.number = on_number,
	.string = on_string,
	.start_map = on_start_map,
	.key = on_key,
	.end_map = on_close,
	.start_array = on_start_array,
	.end_array = on_close,
	.object = on_object,
};

/* ---- the head: DESIGN §3 ---- */

/* The head's rules are the format's (wire.h); the reasons are ours. */
static struct lsg_error *check_head(const json_t *doc,
				    enum ingest_reason *why)
{
	static const enum ingest_reason reasons[] = {
		[WIRE_BAD_DOC] = INGEST_TYPE,
		[WIRE_BAD_FORMAT] = INGEST_FORMAT,
		[WIRE_BAD_ID] = INGEST_ID,
		[WIRE_MISSING] = INGEST_MISSING,
		[WIRE_BAD_TYPE] = INGEST_TYPE,
	};
	char msg[256];
	enum wire_problem p = wire_check_head(doc, msg, sizeof(msg));

	return p ? ingest_reject(why, reasons[p], "%s", msg) : NULL;
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

static struct lsg_error *run_scan(struct parser *p, const char *text,
				  size_t len)
{
	enum json_scan_status st;

	json_scan_init(&p->scan, &callbacks, p);
	st = json_scan_run(&p->scan, text, len);
	if (p->err || st == JSON_SCAN_OK)
		return p->err;
	if (st == JSON_SCAN_NOMEM)
		return ingest_nomem(p->why);
	syntax(p, json_scan_error(&p->scan));
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
	err = ingest_log_init(&p.log, &log, len, max_records, why);
	if (err)
		return err;
	err = run_scan(&p, text, len);
	if (!err)
		err = check_all(&p);
	while (p.depth)
		json_decref(p.stack[--p.depth].owned);
	json_scan_deinit(&p.scan);
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
