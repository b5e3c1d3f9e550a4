/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "bundle.h"
#include "bytes.h"
#include "hex.h"
#include "utf8.h"
#include "wire.h"

void bundle_make_id(const char *machine_id, const char *boot_id,
		    const char *crash_time, const char *capture_seq,
		    const char *dump_key, char ret[65])
{
	uint8_t md[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	char key[1024];
	int n;

	n = snprintf(key, sizeof(key), "%s|%s|%s|%s|%s",
		     machine_id ? machine_id : "", boot_id ? boot_id : "",
		     crash_time ? crash_time : "",
		     capture_seq ? capture_seq : "", dump_key ? dump_key : "");
	if (n < 0)
		n = 0;
	sha256_init(&ctx);
	sha256_update(&ctx, (size_t)n < sizeof(key) ? (size_t)n :
			    sizeof(key) - 1, (const uint8_t *)key);
	sha256_digest(&ctx, sizeof(md), md);
	hex_encode(md, sizeof(md), ret);
}

/* Text that is not UTF-8, by the format's latin1 rule. */
static json_t *latin1_json(const char *s, size_t len)
{
	char *buf = malloc(len * 2 + 1);
	json_t *j;

	if (!buf)
		return NULL;
	j = json_stringn_nocheck(buf, wire_latin1_encode(s, len, buf));
	free(buf);
	return j;
}

json_t *bundle_text_json(const char *s, size_t len, int *latin1)
{
	int valid = utf8_valid(s, len);

	if (latin1)
		*latin1 = !valid;
	return valid ? json_stringn_nocheck(s, len) : latin1_json(s, len);
}

int bundle_set_text(json_t *obj, const char *key, const char *s, size_t len)
{
	char enc[128];
	int latin1 = 0;
	json_t *v = s ? bundle_text_json(s, len, &latin1) : json_null();

	if (json_object_set_new(obj, key, v))
		return -1;
	if (!latin1)
		return 0;
	snprintf(enc, sizeof(enc), "%s" WIRE_ENCODING_SUFFIX, key);
	return json_object_set_new(obj, enc, json_string(WIRE_LATIN1));
}

static const char *key(enum wire_rec_field f)
{
	return wire_record_fields[f].key;
}

/*
 * Log records and the VMCOREINFO text are formatted here rather than built
 * as jansson objects and dumped: that was two thirds of the agent's
 * instructions.  The output is what jansson's JSON_COMPACT dump of the
 * same values gives, byte for byte.  The whole document's bytes collect in
 * @b and go to the sink when it fills: each sink write costs a zstd call.
 */
struct rec_out {
	struct sink *out;
	struct lsg_error *err;
	size_t n;
	/* ,"key": of each record member, made once from the wire table */
	char keys[WIRE_REC_FIELDS][24];
	uint8_t key_len[WIRE_REC_FIELDS];
	char b[4096];
};

static void ro_init(struct rec_out *ro, struct sink *out)
{
	ro->out = out;
	ro->err = NULL;
	ro->n = 0;
	for (int f = 0; f < WIRE_REC_FIELDS; f++)
		ro->key_len[f] = (uint8_t)snprintf(ro->keys[f],
						   sizeof(ro->keys[f]),
						   ",\"%s\":", key(f));
}

static void ro_flush(struct rec_out *ro)
{
	if (!ro->err && ro->n)
		ro->err = ro->out->write(ro->out, ro->b, ro->n);
	ro->n = 0;
}

static void ro_put_long(struct rec_out *ro, const char *s, size_t len)
{
	while (len) {
		size_t k = sizeof(ro->b) - ro->n;

		if (k > len)
			k = len;
		memcpy(ro->b + ro->n, s, k);
		ro->n += k;
		s += k;
		len -= k;
		if (ro->n == sizeof(ro->b))
			ro_flush(ro);
	}
}

static inline void ro_put(struct rec_out *ro, const char *s, size_t len)
{
	if (len < sizeof(ro->b) - ro->n) {
		memcpy(ro->b + ro->n, s, len);
		ro->n += len;
		return;
	}
	ro_put_long(ro, s, len);
}

static void ro_str(struct rec_out *ro, const char *s)
{
	ro_put(ro, s, strlen(s));
}

/* "<,>"key":<value>" with @value dumped compactly; steals @value. */
static void put_member(struct rec_out *ro, const char *key, json_t *value,
		       int first)
{
	char *s = value ? json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY) :
			  NULL;

	json_decref(value);
	if (!s) {
		if (!ro->err)
			ro->err = &lsg_enomem;
		return;
	}
	ro_str(ro, first ? "{\"" : ",\"");
	ro_str(ro, key);
	ro_str(ro, "\":");
	ro_str(ro, s);
	free(s);
}

/* ,"key": of member @f; the first member's comma is the caller's to drop. */
static inline void ro_key(struct rec_out *ro, enum wire_rec_field f)
{
	ro_put(ro, ro->keys[f], ro->key_len[f]);
}

/* @v in decimal as json_integer (a signed long long) prints it. */
static void ro_num(struct rec_out *ro, uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	int neg = (int64_t)v < 0;
	uint64_t m = neg ? -v : v;

	do {
		*--p = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (neg)
		*--p = '-';
	ro_put(ro, p, (size_t)(buf + sizeof(buf) - p));
}

/* ,"key":<integer> */
static void ro_int(struct rec_out *ro, enum wire_rec_field f, uint64_t v)
{
	ro_key(ro, f);
	ro_num(ro, v);
}

/*
 * Whether any of the 8 bytes in @w needs escaping: what JSON strings
 * cannot hold, or with @latin1 0x80 and above (a word that passes is
 * copied as it is).
 */
static int word_special(uint64_t w, int latin1)
{
	return bytes_json_special(w) ||
	       (latin1 && (w & 0x8080808080808080ULL));
}

/* The escape of byte *@s in a JSON string, as jansson writes it. */
static void ro_escape(struct rec_out *ro, const char *s)
{
	static const char short_esc[] = "btn\0fr";
	unsigned char c = (unsigned char)*s;
	char esc[8];

	if (c >= 0x80) {
		/* the format's latin1 rule, one byte at a time */
		ro_put(ro, esc, wire_latin1_encode(s, 1, esc));
	} else if (c == '"' || c == '\\') {
		esc[0] = '\\';
		esc[1] = (char)c;
		ro_put(ro, esc, 2);
	} else if (c >= '\b' && c <= '\r' && short_esc[c - '\b']) {
		esc[0] = '\\';
		esc[1] = short_esc[c - '\b'];
		ro_put(ro, esc, 2);
	} else {
		snprintf(esc, sizeof(esc), "\\u%04X", c);
		ro_put(ro, esc, 6);
	}
}

/*
 * @len bytes of @s as a JSON string: UTF-8 as is, or with @latin1 each
 * byte as the code point of its value.  Escapes as jansson's dump does.
 */
static void ro_string(struct rec_out *ro, const char *s, size_t len,
		      int latin1)
{
	/* 1: escaped in any string; 2: re-encoded in a latin1 one. */
	static const unsigned char special[256] = {
		[0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xff] = 2,
	};
	unsigned mask = latin1 ? 3 : 1;
	size_t run = 0;

	ro_put(ro, "\"", 1);
	for (size_t i = 0, end; i < len; i = end) {
		end = len - i < 8 ? len : i + 8;
		if (end - i == 8 &&
		    !word_special(bytes_load(s + i, 8, 0), latin1))
			continue;
		for (; i < end; i++)
			if (special[(unsigned char)s[i]] & mask) {
				ro_put(ro, s + run, i - run);
				run = i + 1;
				ro_escape(ro, s + i);
			}
	}
	ro_put(ro, s + run, len - run);
	ro_put(ro, "\"", 1);
}

/* One "KEY=value" item of a record's dictionary. */
struct dict_item {
	const char *key, *val;
	size_t klen, vlen;
};

/*
 * The next item from *@pos of the NUL-separated dictionary @d (@len
 * bytes) that the bundle keeps: a key of 1 to 63 bytes before the '=',
 * and the item valid UTF-8.
 */
static int dict_next(const char *d, size_t len, size_t *pos,
		     struct dict_item *ret)
{
	while (*pos < len) {
		const char *item = d + *pos, *eq;
		size_t n = strnlen(item, len - *pos);

		*pos += n + 1;
		eq = memchr(item, '=', n);
		if (!eq || eq == item || eq - item >= 64 ||
		    !utf8_valid(item, n))
			continue;
		ret->key = item;
		ret->klen = (size_t)(eq - item);
		ret->val = eq + 1;
		ret->vlen = n - ret->klen - 1;
		return 1;
	}
	return 0;
}

static int dict_same_key(const struct dict_item *a, const struct dict_item *b)
{
	return a->klen == b->klen && !memcmp(a->key, b->key, a->klen);
}

/*
 * The dictionary "SUBSYSTEM=pci\0DEVICE=+pci:..." as {"SUBSYSTEM":"pci",
 * ...}, as jansson made it: keys in the order first seen, a repeated key
 * with its last value.
 */
static void ro_dict(struct rec_out *ro, const struct lsg_log *log, size_t i)
{
	const struct lsg_record *r = &log->recs[i];
	const char *d = lsg_log_dict(log, i);
	struct dict_item it, other, last;
	size_t pos = 0, start, q;
	int seen, first = 1;

	ro_key(ro, WIRE_DICT);
	if (!r->dict_len) {
		ro_str(ro, "null");
		return;
	}
	ro_put(ro, "{", 1);
	for (start = 0; dict_next(d, r->dict_len, &pos, &it); start = pos) {
		seen = 0;
		for (q = 0; !seen && dict_next(d, start, &q, &other);)
			seen = dict_same_key(&it, &other);
		if (seen)
			continue;
		last = it;
		for (q = pos; dict_next(d, r->dict_len, &q, &other);)
			if (dict_same_key(&it, &other))
				last = other;
		ro_str(ro, first ? "" : ",");
		first = 0;
		ro_string(ro, it.key, it.klen, 0);
		ro_put(ro, ":", 1);
		ro_string(ro, last.val, last.vlen, 0);
	}
	ro_put(ro, "}", 1);
}

static void put_record(struct rec_out *ro, const struct lsg_log *log,
		       size_t i)
{
	const struct lsg_record *r = &log->recs[i];
	const char *text = lsg_log_text(log, i);
	int valid = utf8_valid(text, r->text_len);
	char caller[16];

	ro_put(ro, "{", 1);
	/* The first member, without the comma of ro_key(). */
	ro_put(ro, ro->keys[WIRE_SEQ] + 1, ro->key_len[WIRE_SEQ] - 1u);
	ro_num(ro, r->seq);
	ro_int(ro, WIRE_TS_NSEC, r->ts_nsec);
	ro_int(ro, WIRE_LEVEL, r->level);
	ro_int(ro, WIRE_FACILITY, r->facility);
	ro_int(ro, WIRE_FLAGS, r->flags);
	ro_key(ro, WIRE_CALLER);
	if (r->has_caller) {
		lsg_caller_format(r->caller_id, caller, sizeof(caller));
		ro_string(ro, caller, strlen(caller), 0);
	} else {
		ro_str(ro, "null");
	}
	ro_key(ro, WIRE_TEXT);
	ro_string(ro, text, r->text_len, !valid);
	if (!valid) {
		ro_key(ro, WIRE_TEXT_ENCODING);
		ro_str(ro, "\"" WIRE_LATIN1 "\"");
	}
	ro_dict(ro, log, i);
	ro_str(ro, i + 1 < log->nrecs ? "},\n" : "}\n");
}

static json_t *gaps_json(const struct lsg_log *log)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < log->ngaps; i++)
		json_array_append_new(a, json_pack("{sIsI}", "after_seq",
			(json_int_t)log->gaps[i].after_seq, "lost",
			(json_int_t)log->gaps[i].lost));
	return a;
}

static void put_head(struct rec_out *ro, const struct bundle_head *h)
{
	int latin1;

	put_member(ro, "format", json_string(WIRE_FORMAT), 1);
	put_member(ro, "id", json_string(h->id), 0);
	put_member(ro, "host", json_incref(h->host), 0);
	put_member(ro, "kernel", json_incref(h->kernel), 0);
	put_member(ro, "crash", json_incref(h->crash), 0);
	ro_str(ro, ",\"vmcoreinfo\":");
	if (!h->vmcoreinfo) {
		ro_str(ro, "null");
		return;
	}
	latin1 = !utf8_valid(h->vmcoreinfo, h->vmcoreinfo_len);
	ro_string(ro, h->vmcoreinfo, h->vmcoreinfo_len, latin1);
	if (latin1)
		ro_str(ro, ",\"vmcoreinfo" WIRE_ENCODING_SUFFIX "\":\""
			   WIRE_LATIN1 "\"");
}

struct lsg_error *bundle_write(const struct bundle_head *head,
			       const struct lsg_log *log, struct sink *out)
{
	struct rec_out ro;

	ro_init(&ro, out);
	put_head(&ro, head);
	ro_str(&ro, ",\"log\":[\n");
	for (size_t i = 0; !ro.err && i < log->nrecs; i++)
		put_record(&ro, log, i);
	if (json_object_set_new(head->capture, "log_gaps", gaps_json(log)) &&
	    !ro.err)
		ro.err = &lsg_enomem;
	ro_str(&ro, "]");
	put_member(&ro, "capture", json_incref(head->capture), 0);
	ro_str(&ro, "}\n");
	ro_flush(&ro);
	return ro.err ? ro.err : out->finish(out);
}
