/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bundle_write() formats log records itself; each must be what jansson's
 * compact dump of the same record object gives, byte for byte, on the
 * inputs the real fixtures do not hold: every byte value in a text that is
 * not UTF-8 (latin1), control characters, quotes and backslashes in UTF-8
 * text, dictionaries with entries that must be dropped and a key given
 * twice, CPU and missing callers, a seq past 2^63, and bytes to escape or
 * re-encode where the writer's 8-byte scan meets them last in a word; the
 * VMCOREINFO text, not UTF-8, with characters to escape.  The oracle
 * object is built with jansson here.
 */
#include <jansson.h>

#include "bundle.h"
#include "harness.h"

struct mem_sink {
	struct sink sink;
	char buf[1 << 16];
	size_t len;
};

static struct lsg_error *mem_write(struct sink *s, const void *p, size_t n)
{
	struct mem_sink *m = (struct mem_sink *)s;

	if (n > sizeof(m->buf) - m->len)
		return lsg_error_create(LSG_ERR_LIMIT, "mem sink full");
	memcpy(m->buf + m->len, p, n);
	m->len += n;
	return NULL;
}

static struct lsg_error *mem_finish(struct sink *s)
{
	(void)s;
	return NULL;
}

#define KEY63 "K12345678901234567890123456789012345678901234567890123456789012"
static const char DICT[] = "SUBSYSTEM=pci\0=novalue\0noequals\0"
			   "DEVICE=+pci:0000:00:01.0\0K\"\\Y=a\tb\x01\0"
			   "BAD=\xff\0" KEY63 "=63\0" KEY63 "4=64\0"
			   "SUBSYSTEM=usb";

/* @len bytes of @text into @buf, by the latin1 rule if @latin1. */
static size_t encode(const char *text, size_t len, int latin1, char *buf)
{
	char *o = buf;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (latin1 && c >= 0x80) {
			*o++ = (char)(0xc0 | c >> 6);
			*o++ = (char)(0x80 | (c & 0x3f));
		} else {
			*o++ = (char)c;
		}
	}
	return (size_t)(o - buf);
}

/* The record as a jansson object: what the writer must match. */
static json_t *oracle(const struct lsg_record *r, const char *text,
		      int latin1)
{
	json_t *j = json_object(), *d = json_null();
	char buf[1024], caller[16];
	size_t n = encode(text, r->text_len, latin1, buf);

	json_object_set_new(j, "seq", json_integer((json_int_t)r->seq));
	json_object_set_new(j, "ts_nsec", json_integer((json_int_t)r->ts_nsec));
	json_object_set_new(j, "level", json_integer(r->level));
	json_object_set_new(j, "facility", json_integer(r->facility));
	json_object_set_new(j, "flags", json_integer(r->flags));
	lsg_caller_format(r->caller_id, caller, sizeof(caller));
	json_object_set_new(j, "caller", r->has_caller ? json_string(caller) :
							 json_null());
	json_object_set_new(j, "text", json_stringn(buf, n));
	if (latin1)
		json_object_set_new(j, "text_encoding", json_string("latin1"));
	if (r->dict_len) {
		/*
		 * DICT's items that have a key of 1-63 bytes and are UTF-8,
		 * set in order: jansson keeps a key where it first came.
		 */
		d = json_object();
		json_object_set_new(d, "SUBSYSTEM", json_string("pci"));
		json_object_set_new(d, "DEVICE", json_string("+pci:0000:00:01.0"));
		json_object_set_new(d, "K\"\\Y", json_string("a\tb\x01"));
		json_object_set_new(d, KEY63, json_string("63"));
		json_object_set_new(d, "SUBSYSTEM", json_string("usb"));
	}
	json_object_set_new(j, "dict", d);
	return j;
}

/* The head's VMCOREINFO members for @text, which is not UTF-8. */
static char *vmcoreinfo_oracle(const char *text, size_t len)
{
	char buf[256], *s, *ret = NULL;
	json_t *j = json_stringn(buf, encode(text, len, 1, buf));

	s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	if (s && asprintf(&ret, ",\"vmcoreinfo\":%s,\"vmcoreinfo_encoding\":"
			  "\"latin1\",\"log\":[", s) < 0)
		ret = NULL;
	free(s);
	json_decref(j);
	return ret;
}

int main(void)
{
	enum { NRECS = 6 };
	struct lsg_record recs[NRECS] = {
		{ .seq = 1, .ts_nsec = 5, .level = 3, .facility = 0,
		  .flags = 2 },
		{ .seq = 2, .ts_nsec = 6, .level = 7, .facility = 1,
		  .flags = 8, .has_caller = 1, .caller_id = 42 },
		{ .seq = 3, .ts_nsec = 7, .level = 4, .has_caller = 1,
		  .caller_id = LSG_CALLER_CPU | 1,
		  .dict_len = sizeof(DICT) - 1 },
		{ .seq = 1ULL << 63 | 4, .ts_nsec = ~0ULL, .level = 0 },
		{ .seq = 1ULL << 63 | 5 },
		{ .seq = 1ULL << 63 | 6 },
	};
	char bytes[256], utf8[] = "q\"b\\s/\x7f\n\t\b\f\r\x01\x1f\0z \xc3\xa9 \xe2\x80\xa8";
	static const char last[] = "abcdefg\"abcdefg\\abcdefg\nabcdefg\x01"
				   "abcdefg\x1f\xc3\xa9" "cdefgh";
	static const char last_latin1[] = "abcdefg\xe9" "abcdefgh";
	const char *texts[NRECS] = { bytes, utf8, "dict", "", last,
				     last_latin1 };
	size_t lens[NRECS] = { sizeof(bytes), sizeof(utf8) - 1, 4, 0,
			       sizeof(last) - 1, sizeof(last_latin1) - 1 };
	const int latin1[NRECS] = { 1, 0, 0, 0, 0, 1 };
	struct mem_sink m = { .sink = { mem_write, mem_finish } };
	static const char vmcoreinfo[] = "OSRELEASE=6.1\n\"q\"\\\xe9\x01";
	struct bundle_head h = { .id = "0", .vmcoreinfo = vmcoreinfo,
				 .vmcoreinfo_len = sizeof(vmcoreinfo) - 1 };
	char *vi_want;
	struct lsg_error *err;
	struct lsg_log log;
	char *line;

	for (int i = 0; i < 256; i++)
		bytes[i] = (char)i;
	err = lsg_log_init(&log, 8, 4096, 8);
	for (int i = 0; !err && i < NRECS; i++) {
		recs[i].text_len = (uint32_t)lens[i];
		err = lsg_log_append(&log, &recs[i], texts[i],
				     recs[i].dict_len ? DICT : "");
	}
	h.host = json_object();
	h.kernel = json_object();
	h.crash = json_object();
	h.capture = json_object();
	if (!err)
		err = bundle_write(&h, &log, &m.sink);
	CHECK(!err);
	m.buf[m.len < sizeof(m.buf) ? m.len : sizeof(m.buf) - 1] = '\0';
	line = strstr(m.buf, "\"log\":[\n");
	CHECK(line != NULL);
	vi_want = vmcoreinfo_oracle(vmcoreinfo, sizeof(vmcoreinfo) - 1);
	CHECK(vi_want && strstr(m.buf, vi_want));
	free(vi_want);
	for (int i = 0; line && i < NRECS; i++) {
		json_t *o = oracle(&recs[i], texts[i], latin1[i]);
		char *want = json_dumps(o, JSON_COMPACT), *end;
		size_t n;

		line = strchr(line, '\n') + 1;
		end = strchr(line, '\n');
		CHECK(end != NULL && want != NULL);
		if (!end || !want)
			break;
		/* Each record line ends in "," but the last. */
		n = (size_t)(end - line) - (i < NRECS - 1);
		CHECK(n == strlen(want) && !memcmp(line, want, n));
		if (n != strlen(want) || memcmp(line, want, n))
			fprintf(stderr, "record %d: %.*s\n  want %s\n", i,
				(int)n, line, want);
		line = end;
		free(want);
		json_decref(o);
	}
	/* The oracle formats callers with lsg_caller_format() too. */
	CHECK(strstr(m.buf, "\"caller\":\"T42\"") != NULL);
	CHECK(strstr(m.buf, "\"caller\":\"C1\"") != NULL);
	lsg_error_destroy(err);
	lsg_log_deinit(&log);
	json_decref(h.host);
	json_decref(h.kernel);
	json_decref(h.crash);
	json_decref(h.capture);
	return test_failures ? TEST_FAIL : TEST_PASS;
}
