/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include "wire.h"

const struct wire_field wire_head_fields[] = {
	{ NULL, "host", WIRE_OBJ },
	{ NULL, "kernel", WIRE_OBJ },
	{ NULL, "crash", WIRE_OBJ },
	{ NULL, "vmcoreinfo", WIRE_STR | WIRE_NULL },
	{ NULL, "log", WIRE_ARR },
	{ NULL, "capture", WIRE_OBJ },
	{ "host", "hostname", WIRE_STR | WIRE_NULL },
	{ "host", "machine_id", WIRE_STR | WIRE_NULL },
	{ "host", "tag", WIRE_STR | WIRE_NULL },
	{ "host", "boot_id", WIRE_STR | WIRE_NULL },
	{ "kernel", "release", WIRE_STR | WIRE_NULL },
	{ "kernel", "version", WIRE_STR | WIRE_NULL },
	{ "kernel", "arch", WIRE_STR | WIRE_NULL },
	{ "kernel", "build_id", WIRE_STR | WIRE_NULL },
	{ "kernel", "page_size", WIRE_INT | WIRE_NULL },
	{ "kernel", "kaslr_offset", WIRE_STR | WIRE_NULL },
	{ "kernel", "cmdline", WIRE_STR | WIRE_NULL },
	{ "crash", "time", WIRE_INT | WIRE_NULL },
	{ "crash", "panic_cpu", WIRE_INT | WIRE_NULL },
	{ "crash", "pid", WIRE_INT | WIRE_NULL },
	{ "crash", "comm", WIRE_STR | WIRE_NULL },
	{ "crash", "taint", WIRE_STR | WIRE_NULL },
	{ "crash", "regs", WIRE_OBJ | WIRE_NULL },
	{ "crash", "record", WIRE_OBJ | WIRE_NULL },
	{ "capture", "agent", WIRE_STR },
	{ "capture", "reader", WIRE_STR | WIRE_NULL | WIRE_OPTIONAL },
	{ "capture", "started", WIRE_STR | WIRE_NULL },
	{ "capture", "duration_ms", WIRE_INT | WIRE_NULL },
	{ "capture", "source", WIRE_STR | WIRE_NULL },
	{ "capture", "complete", WIRE_BOOL },
	{ "capture", "missing", WIRE_ARR },
	{ "capture", "log_gaps", WIRE_ARR | WIRE_OPTIONAL },
};

const size_t wire_nhead_fields =
	sizeof(wire_head_fields) / sizeof(wire_head_fields[0]);

const struct wire_field wire_record_fields[WIRE_REC_FIELDS] = {
	[WIRE_SEQ] = { NULL, "seq", WIRE_INT },
	[WIRE_TS_NSEC] = { NULL, "ts_nsec", WIRE_INT },
	[WIRE_LEVEL] = { NULL, "level", WIRE_INT },
	[WIRE_FACILITY] = { NULL, "facility", WIRE_INT },
	[WIRE_FLAGS] = { NULL, "flags", WIRE_INT },
	[WIRE_CALLER] = { NULL, "caller", WIRE_STR | WIRE_NULL },
	[WIRE_TEXT] = { NULL, "text", WIRE_STR },
	[WIRE_TEXT_ENCODING] = { NULL, "text_encoding",
				 WIRE_STR | WIRE_OPTIONAL },
	[WIRE_DICT] = { NULL, "dict", WIRE_OBJ | WIRE_NULL },
};

const struct wire_range wire_record_ranges[WIRE_REC_NUMBERS] = {
	[WIRE_SEQ] = { 0, INT64_MAX },
	[WIRE_TS_NSEC] = { 0, INT64_MAX },
	[WIRE_LEVEL] = { 0, 7 },
	[WIRE_FACILITY] = { 0, 255 },
	[WIRE_FLAGS] = { 0, 255 },
};

/* The shortest JSON text of a value of one of @types. */
static size_t shortest_value(unsigned types)
{
	if (types & WIRE_INT)
		return 1;	/* 0 */
	if (types & (WIRE_STR | WIRE_OBJ | WIRE_ARR))
		return 2;	/* "" {} [] */
	if (types & WIRE_BOOL)
		return 4;	/* true */
	return 4;		/* null */
}

size_t wire_min_record_json(void)
{
	size_t n = 2;	/* {} */

	for (int f = 0; f < WIRE_REC_FIELDS; f++) {
		const struct wire_field *fd = &wire_record_fields[f];

		if (fd->types & WIRE_OPTIONAL)
			continue;
		/* "key":value and a comma between members */
		n += strlen(fd->key) + 3 + shortest_value(fd->types) + 1;
	}
	return n - 1;
}

unsigned wire_json_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return WIRE_OBJ;
	case JSON_ARRAY: return WIRE_ARR;
	case JSON_STRING: return WIRE_STR;
	case JSON_INTEGER: return WIRE_INT;
	case JSON_REAL: return WIRE_REAL;
	case JSON_TRUE:
	case JSON_FALSE: return WIRE_BOOL;
	default: return WIRE_NULL;
	}
}

const char *wire_type_name(unsigned type)
{
	switch (type) {
	case WIRE_STR: return "string";
	case WIRE_INT: return "integer";
	case WIRE_REAL: return "real";
	case WIRE_BOOL: return "boolean";
	case WIRE_OBJ: return "object";
	case WIRE_ARR: return "array";
	default: return "null";
	}
}

const char *wire_types_text(unsigned types, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned bit = WIRE_STR; bit <= WIRE_NULL && n < size;
	     bit <<= 1) {
		if (!(types & bit))
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
				      n ? " or " : "", wire_type_name(bit));
	}
	return buf;
}

int wire_id_valid(const char *s, size_t len)
{
	if (len != WIRE_ID_LEN)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static enum wire_problem check_field(const json_t *doc,
				     const struct wire_field *f, char *msg,
				     size_t size)
{
	const json_t *parent = f->obj ? json_object_get(doc, f->obj) : doc;
	const json_t *v = json_object_get(parent, f->key);
	char want[64];

	if (v ? wire_json_type(v) & f->types : f->types & WIRE_OPTIONAL)
		return WIRE_OK;
	if (!v) {
		snprintf(msg, size, "%s%s%s: missing", f->obj ? f->obj : "",
			 f->obj ? "." : "", f->key);
		return WIRE_MISSING;
	}
	snprintf(msg, size, "%s%s%s: expected %s, got %s",
		 f->obj ? f->obj : "", f->obj ? "." : "", f->key,
		 wire_types_text(f->types, want, sizeof(want)),
		 wire_type_name(wire_json_type(v)));
	return WIRE_BAD_TYPE;
}

static enum wire_problem check_format(const json_t *format, char *msg,
				      size_t size)
{
	if (!format) {
		snprintf(msg, size, "format: missing");
		return WIRE_BAD_FORMAT;
	}
	if (!json_is_string(format)) {
		snprintf(msg, size, "format: expected string, got %s",
			 wire_type_name(wire_json_type(format)));
		return WIRE_BAD_FORMAT;
	}
	if (strcmp(json_string_value(format), WIRE_FORMAT)) {
		snprintf(msg, size, "format: \"%.64s\" is not \"%s\"",
			 json_string_value(format), WIRE_FORMAT);
		return WIRE_BAD_FORMAT;
	}
	return WIRE_OK;
}

enum wire_problem wire_check_head(const json_t *doc, char *msg, size_t size)
{
	enum wire_problem p;
	const json_t *id;

	msg[0] = '\0';
	if (!json_is_object(doc)) {
		snprintf(msg, size, "bundle: expected object, got %s",
			 wire_type_name(wire_json_type(doc)));
		return WIRE_BAD_DOC;
	}
	p = check_format(json_object_get(doc, "format"), msg, size);
	if (p)
		return p;
	id = json_object_get(doc, "id");
	if (!id) {
		snprintf(msg, size, "id: missing");
		return WIRE_BAD_ID;
	}
	if (!json_is_string(id) || !wire_id_valid(json_string_value(id),
						  json_string_length(id))) {
		snprintf(msg, size, "id: not %d lowercase hex digits",
			 WIRE_ID_LEN);
		return WIRE_BAD_ID;
	}
	for (size_t i = 0; !p && i < wire_nhead_fields; i++)
		p = check_field(doc, &wire_head_fields[i], msg, size);
	return p;
}

size_t wire_latin1_encode(const char *s, size_t len, char *out)
{
	char *o = out;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			*o++ = (char)c;
		} else {
			*o++ = (char)(0xc0 | c >> 6);
			*o++ = (char)(0x80 | (c & 0x3f));
		}
	}
	return (size_t)(o - out);
}

long wire_latin1_decode(const char *s, size_t len, char *out,
			unsigned char *bad)
{
	size_t n = 0;

	for (size_t i = 0; i < len; n++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			if (out)
				out[n] = (char)c;
			i++;
		} else if ((c == 0xc2 || c == 0xc3) && i + 1 < len &&
			   ((unsigned char)s[i + 1] & 0xc0) == 0x80) {
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
