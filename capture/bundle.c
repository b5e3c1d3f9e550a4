/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "bundle.h"
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
	bundle_hex(md, sizeof(md), ret);
}

void bundle_hex(const void *buf, size_t len, char *ret)
{
	const unsigned char *p = buf;

	for (size_t i = 0; i < len; i++)
		snprintf(ret + 2 * i, 3, "%02x", p[i]);
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

/* "SUBSYSTEM=pci\0DEVICE=+pci:..." as {"SUBSYSTEM": "pci", ...}. */
static json_t *dict_json(const char *d, size_t len)
{
	json_t *obj = json_object();
	size_t i = 0;

	while (obj && i < len) {
		const char *item = d + i, *eq;
		size_t n = strnlen(item, len - i);

		eq = memchr(item, '=', n);
		if (eq && eq > item && utf8_valid(item, n)) {
			char key[64];
			size_t klen = (size_t)(eq - item);

			if (klen < sizeof(key)) {
				memcpy(key, item, klen);
				key[klen] = '\0';
				json_object_set_new(obj, key,
					json_stringn(eq + 1, n - klen - 1));
			}
		}
		i += n + 1;
	}
	return obj;
}

/* Integer members without json_pack's format parsing: this runs per record. */
static void set_int(json_t *o, const char *key, uint64_t v)
{
	json_object_set_new_nocheck(o, key, json_integer((json_int_t)v));
}

static const char *key(enum wire_rec_field f)
{
	return wire_record_fields[f].key;
}

json_t *bundle_record_json(const struct lsg_log *log, size_t i)
{
	const struct lsg_record *r = &log->recs[i];
	const char *text = lsg_log_text(log, i);
	json_t *j = json_object();
	char caller[16];

	if (!j)
		return NULL;
	set_int(j, key(WIRE_SEQ), r->seq);
	set_int(j, key(WIRE_TS_NSEC), r->ts_nsec);
	set_int(j, key(WIRE_LEVEL), r->level);
	set_int(j, key(WIRE_FACILITY), r->facility);
	set_int(j, key(WIRE_FLAGS), r->flags);
	if (r->has_caller) {
		lsg_caller_format(r->caller_id, caller, sizeof(caller));
		json_object_set_new_nocheck(j, key(WIRE_CALLER), json_string(caller));
	} else {
		json_object_set_new_nocheck(j, key(WIRE_CALLER), json_null());
	}
	if (bundle_set_text(j, key(WIRE_TEXT), text, r->text_len)) {
		json_decref(j);
		return NULL;
	}
	json_object_set_new_nocheck(j, key(WIRE_DICT), r->dict_len ?
		dict_json(lsg_log_dict(log, i), r->dict_len) : json_null());
	if (json_object_size(j) < 8) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static struct lsg_error *put(struct sink *out, const char *s)
{
	return out->write(out, s, strlen(s));
}

/* "<,>"key":<value>" with @value dumped compactly; steals @value. */
static struct lsg_error *put_member(struct sink *out, const char *key,
				    json_t *value, int first)
{
	struct lsg_error *err;
	char *s;

	if (!value)
		return &lsg_enomem;
	s = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(value);
	if (!s)
		return &lsg_enomem;
	err = put(out, first ? "{\"" : ",\"");
	if (!err)
		err = put(out, key);
	if (!err)
		err = put(out, "\":");
	if (!err)
		err = put(out, s);
	free(s);
	return err;
}

static struct lsg_error *put_record(struct sink *out,
				    const struct lsg_log *log, size_t i)
{
	char buf[16384];
	struct lsg_error *err;
	json_t *j = bundle_record_json(log, i);
	size_t n;

	if (!j)
		return &lsg_enomem;
	n = json_dumpb(j, buf, sizeof(buf), JSON_COMPACT);
	if (n && n <= sizeof(buf)) {
		err = out->write(out, buf, n);
	} else {
		char *s = json_dumps(j, JSON_COMPACT);

		err = s ? put(out, s) : &lsg_enomem;
		free(s);
	}
	json_decref(j);
	if (!err)
		err = put(out, i + 1 < log->nrecs ? ",\n" : "\n");
	return err;
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

static struct lsg_error *put_head(const struct bundle_head *h,
				  struct sink *out)
{
	struct lsg_error *err;
	int latin1 = 0;

	err = put_member(out, "format", json_string(WIRE_FORMAT), 1);
	if (!err)
		err = put_member(out, "id", json_string(h->id), 0);
	if (!err)
		err = put_member(out, "host", json_incref(h->host), 0);
	if (!err)
		err = put_member(out, "kernel", json_incref(h->kernel), 0);
	if (!err)
		err = put_member(out, "crash", json_incref(h->crash), 0);
	if (!err)
		err = put_member(out, "vmcoreinfo", h->vmcoreinfo ?
				 bundle_text_json(h->vmcoreinfo,
						  h->vmcoreinfo_len, &latin1) :
				 json_null(), 0);
	if (!err && latin1)
		err = put_member(out, "vmcoreinfo" WIRE_ENCODING_SUFFIX,
				 json_string(WIRE_LATIN1), 0);
	return err;
}

struct lsg_error *bundle_write(const struct bundle_head *head,
			       const struct lsg_log *log, struct sink *out)
{
	struct lsg_error *err;

	err = put_head(head, out);
	if (!err)
		err = put(out, ",\"log\":[\n");
	for (size_t i = 0; !err && i < log->nrecs; i++)
		err = put_record(out, log, i);
	if (!err) {
		json_object_set_new(head->capture, "log_gaps", gaps_json(log));
		err = put(out, "]");
	}
	if (!err)
		err = put_member(out, "capture", json_incref(head->capture), 0);
	if (!err)
		err = put(out, "}\n");
	if (!err)
		err = out->finish(out);
	return err;
}
