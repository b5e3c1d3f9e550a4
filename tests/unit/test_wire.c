/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The wire format round trip, no vmcore needed: the agent's writer
 * (capture/bundle.c) and the analyzer's reader (analyzer/ingest) agree on
 * every record field, on text that is not UTF-8 (the latin1 rule), on
 * dictionaries, and on sequence gaps.  The records are made up here on
 * purpose: the cases they cover (bytes 0x00-0xff, a gap) are what matter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "harness.h"
#include "ingest/ingest.h"
#include "wire.h"

/* A sink into a growing memory buffer. */
struct mem_sink {
	struct sink sink;
	char *buf;
	size_t len;
};

static struct lsg_error *mem_write(struct sink *s, const void *p, size_t n)
{
	struct mem_sink *m = (struct mem_sink *)s;
	char *b = realloc(m->buf, m->len + n + 1);

	if (!b)
		return &lsg_enomem;
	memcpy(b + m->len, p, n);
	m->buf = b;
	m->len += n;
	return NULL;
}

static struct lsg_error *mem_finish(struct sink *s)
{
	(void)s;
	return NULL;
}

static void add(struct lsg_log *log, uint64_t seq, const char *text,
		size_t len, const char *dict, size_t dict_len, uint32_t caller)
{
	struct lsg_record r = {
		.seq = seq, .ts_nsec = seq * 1000003, .level = (uint8_t)(seq % 8),
		.facility = 0, .flags = 2, .text_len = (uint32_t)len,
		.dict_len = (uint32_t)dict_len, .caller_id = caller,
		.has_caller = caller != 0,
	};

	CHECK(!lsg_log_append(log, &r, text, dict));
}

static void make_log(struct lsg_log *log)
{
	static const char dict[] = "SUBSYSTEM=pci\0DEVICE=+pci:0000:00:1f.2";
	char all[256];

	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	CHECK(!lsg_log_init(log, 16, 4096, 16));
	log->has_seq = 1;
	add(log, 7, "Linux version 6.1.0", 19, NULL, 0, 1);
	add(log, 8, all, sizeof(all), NULL, 0, 0x80000001u);
	add(log, 9, "ahci: link up", 13, dict, sizeof(dict) - 1, 42);
	add(log, 12, "after a gap \xc3\xa9", 15, NULL, 0, 0);
	add(log, 13, "", 0, NULL, 0, 0);
}

static void check_same(const struct lsg_log *a, const struct lsg_log *b)
{
	CHECK(a->nrecs == b->nrecs);
	for (size_t i = 0; i < a->nrecs && i < b->nrecs; i++) {
		const struct lsg_record *x = &a->recs[i], *y = &b->recs[i];

		CHECK(x->seq == y->seq && x->ts_nsec == y->ts_nsec);
		CHECK(x->level == y->level && x->facility == y->facility);
		CHECK(x->flags == y->flags && x->has_caller == y->has_caller);
		CHECK(!x->has_caller || x->caller_id == y->caller_id);
		CHECK(x->text_len == y->text_len && !memcmp(
			lsg_log_text(a, i), lsg_log_text(b, i), x->text_len));
		CHECK(x->dict_len == y->dict_len && !memcmp(
			lsg_log_dict(a, i), lsg_log_dict(b, i), x->dict_len));
	}
	CHECK(a->ngaps == 1 && b->ngaps == 1);
	CHECK(b->gaps[0].after_seq == 9 && b->gaps[0].lost == 2);
}

static void test_round_trip(void)
{
	struct mem_sink m = { { mem_write, mem_finish }, NULL, 0 };
	json_t *host = json_pack("{s:s,s:n,s:n,s:n}", "hostname", "h\xc3\xa9",
				 "machine_id", "tag", "boot_id");
	json_t *kernel = json_pack("{s:s,s:n,s:s,s:n,s:i,s:n,s:n}",
				   "release", "6.1.0-56-cloud-amd64",
				   "version", "arch", "x86_64", "build_id",
				   "page_size", 4096, "kaslr_offset", "cmdline");
	json_t *crash = json_pack("{s:n,s:i,s:n,s:n,s:n,s:n,s:n}", "time",
				  "panic_cpu", 1, "pid", "comm", "taint",
				  "regs", "record");
	json_t *capture = json_pack("{s:s,s:n,s:n,s:n,s:b,s:[s]}", "agent",
				    "test", "started", "duration_ms", "source",
				    "complete", 0, "missing", "made up");
	struct bundle_head head = { .id = NULL, .host = host,
		.kernel = kernel, .crash = crash, .capture = capture };
	struct ingest_limits lim = { .max_json = 1 << 20,
				     .max_records = 1 << 10 };
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	struct lsg_log log;
	char id[65];

	make_log(&log);
	bundle_make_id("m", "", "1", "13:13013039", "notes", id);
	head.id = id;
	CHECK(!bundle_write(&head, &log, &m.sink));
	err = ingest_decode(m.buf, m.len, &lim, &why, &b);
	if (err)
		fprintf(stderr, "decode: %s\n", err->message);
	CHECK(!err);
	if (err) {
		lsg_error_destroy(err);
		goto out;
	}
	check_same(&log, &b.log);
	CHECK_STR(b.id, id);
	CHECK_STR(json_string_value(json_object_get(b.host, "hostname")),
		  "h\xc3\xa9");
	CHECK(json_array_size(json_object_get(b.capture, "log_gaps")) == 1);
	ingest_bundle_deinit(&b);
out:
	lsg_log_deinit(&log);
	free(m.buf);
	json_decref(host);
	json_decref(kernel);
	json_decref(crash);
	json_decref(capture);
}

/*
 * The bound the reader sizes its log by is no longer than the shortest
 * valid record ("caller": "" would not be one), and close to it.
 */
static void test_min_record(void)
{
	json_t *r = json_pack("{s:i,s:i,s:i,s:i,s:i,s:n,s:s,s:{}}", "seq", 0,
			      "ts_nsec", 0, "level", 0, "facility", 0,
			      "flags", 0, "caller", "text", "", "dict");
	char *s = json_dumps(r, JSON_COMPACT);

	CHECK(s && strlen(s) >= wire_min_record_json());
	CHECK(s && strlen(s) <= wire_min_record_json() + 2);
	free(s);
	json_decref(r);
}

static void test_latin1(void)
{
	char in[256], enc[512], dec[256];
	unsigned char bad = 0;
	size_t n;

	for (int i = 0; i < 256; i++)
		in[i] = (char)(255 - i);
	n = wire_latin1_encode(in, sizeof(in), enc);
	CHECK(n == 128 + 2 * 128);
	CHECK(wire_latin1_decode(enc, n, dec, &bad) == 256);
	CHECK(!memcmp(in, dec, sizeof(in)));
	CHECK(wire_latin1_decode("\xe2\x82\xac", 3, NULL, &bad) == -1);
	CHECK(bad == 0xe2);
	CHECK(wire_latin1_decode("\xc3", 1, NULL, &bad) == -1);
}

static void test_head_rules(void)
{
	json_t *doc = json_pack("{s:s,s:s}", "format", WIRE_FORMAT, "id",
				"ABC");
	char msg[128];

	CHECK(wire_check_head(doc, msg, sizeof(msg)) == WIRE_BAD_ID);
	json_object_set_new(doc, "id", json_string(
		"0123456789abcdef0123456789abcdef"
		"0123456789abcdef0123456789abcdef"));
	CHECK(wire_check_head(doc, msg, sizeof(msg)) == WIRE_MISSING);
	CHECK_STR(msg, "host: missing");
	json_object_set_new(doc, "format", json_string("logsage-bundle/2"));
	CHECK(wire_check_head(doc, msg, sizeof(msg)) == WIRE_BAD_FORMAT);
	json_decref(doc);
}

int main(void)
{
	test_round_trip();
	test_min_record();
	test_latin1();
	test_head_rules();
	return test_exit();
}
