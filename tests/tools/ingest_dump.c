/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ingest_dump [-v] FILE...: what ingest_decode() makes of each bundle and
 * of variants of it, as one line "FILE DIGEST", so that two builds of the
 * decoder can be compared on real bundles (tests/sh/ingest-golden.sh).
 * The variants: the bytes as they are; for a zstd frame, its JSON; that
 * JSON indented (no record then takes the fast reader); and damaged
 * copies of both (bytes replaced, the end cut off), which exercise the
 * rejections.  DIGEST is FNV-1a 64 over everything the decoder returns
 * for each variant: the reason and message, or the document (members in
 * order), the borrowed head pointers, the sizes and every record, its
 * text and dictionary bytes.  -v prints that text instead, each variant
 * under a "== FILE VARIANT" line: diff two builds' to see what differs.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "fileio.h"
#include "ingest/ingest.h"

enum { DAMAGED = 24 };

/* Bigger than any bundle the decoder takes. */
#define INPUT_MAX (2 * INGEST_MAX_JSON)

struct out {
	int verbose;
	uint64_t h;
};

static void put(struct out *o, const void *p, size_t n)
{
	const unsigned char *s = p;

	if (o->verbose)
		fwrite(p, 1, n, stdout);
	for (size_t i = 0; i < n; i++)
		o->h = (o->h ^ s[i]) * 0x100000001b3ull;
}

static void putf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(struct out *o, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put(o, buf, n < 0 ? 0 : (size_t)n < sizeof(buf) ? (size_t)n :
	    sizeof(buf) - 1);
}

static void dump_log(struct out *o, const struct lsg_log *log)
{
	putf(o, "log nrecs %zu caps %zu %zu %zu first %llu has_seq %d raw %d\n",
	     log->nrecs, log->cap_recs, log->cap_text, log->cap_gaps,
	     (unsigned long long)log->first_seq, log->has_seq, log->raw_text);
	for (size_t i = 0; i < log->ngaps; i++)
		putf(o, "gap %llu %llu\n",
		     (unsigned long long)log->gaps[i].after_seq,
		     (unsigned long long)log->gaps[i].lost);
	for (size_t i = 0; i < log->nrecs; i++) {
		const struct lsg_record *r = &log->recs[i];

		putf(o, "rec %llu %llu %d %u %u %u %u %u %u %u %u [",
		     (unsigned long long)r->seq,
		     (unsigned long long)r->ts_nsec, r->has_caller,
		     r->caller_id, r->level, r->facility, r->flags,
		     r->text_off, r->text_len, r->dict_off, r->dict_len);
		put(o, lsg_log_text(log, i), r->text_len);
		put(o, "] [", 3);
		put(o, lsg_log_dict(log, i), r->dict_len);
		put(o, "]\n", 2);
	}
}

static void dump_bundle(struct out *o, const struct ingest_bundle *b)
{
	char *doc = json_dumps(b->doc, JSON_COMPACT | JSON_ENCODE_ANY);
	const json_t *d = b->doc;

	putf(o, "ok json_len %zu compressed %d heads %d%d%d%d%d\n",
	     b->json_len, b->compressed,
	     b->id == json_string_value(json_object_get(d, "id")),
	     b->host == json_object_get(d, "host"),
	     b->kernel == json_object_get(d, "kernel"),
	     b->crash == json_object_get(d, "crash"),
	     b->capture == json_object_get(d, "capture"));
	put(o, doc ? doc : "(null)", strlen(doc ? doc : "(null)"));
	put(o, "\n", 1);
	free(doc);
	dump_log(o, &b->log);
}

static void variant(struct out *o, const char *file, const char *name,
		    const void *buf, size_t len)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err = ingest_decode(buf, len, NULL, &why, &b);

	if (o->verbose)
		printf("== %s %s\n", file, name);
	put(o, name, strlen(name) + 1);
	if (err) {
		putf(o, "%s: %s\n", ingest_reason_name(why), err->message);
		lsg_error_destroy(err);
	} else {
		dump_bundle(o, &b);
		ingest_bundle_deinit(&b);
	}
}

/* Bytes that matter to JSON, to zstd, and to UTF-8 checks. */
static const char damage_bytes[] = "\"\\{}[],:0-9eE.nul \t\x01\x7f\x80\xc3\xff";

/* @n damaged copies of @buf, the same ones every run. */
static void damaged(struct out *o, const char *file, const char *kind,
		    const char *buf, size_t len, int n)
{
	uint64_t x = 0x9e3779b97f4a7c15ull ^ len;
	char *copy = malloc(len ? len : 1), name[64];

	if (!copy)
		return;
	for (int i = 0; i < n && len; i++) {
		size_t at, cut = len;

		x = x * 6364136223846793005ull + 1442695040888963407ull;
		at = (size_t)(x >> 33) % len;
		memcpy(copy, buf, len);
		if (i % 4 == 3)
			cut = at;
		else
			copy[at] = damage_bytes[(x >> 20) %
						(sizeof(damage_bytes) - 1)];
		snprintf(name, sizeof(name), "%s-damaged-%d", kind, i);
		variant(o, file, name, copy, cut);
	}
	free(copy);
}

/* The JSON in a zstd frame, and that JSON indented. */
static void json_variants(struct out *o, const char *file, const char *z,
			  size_t zlen)
{
	unsigned long long n = ZSTD_getFrameContentSize(z, zlen);
	size_t cap = n < INGEST_MAX_JSON ? (size_t)n : INGEST_MAX_JSON;
	char *plain = malloc(cap), *indented = NULL;
	size_t len;
	json_t *doc;

	if (!plain)
		return;
	len = ZSTD_decompress(plain, cap, z, zlen);
	if (ZSTD_isError(len)) {
		free(plain);
		return;
	}
	variant(o, file, "json", plain, len);
	damaged(o, file, "json", plain, len, DAMAGED);
	doc = json_loadb(plain, len, JSON_ALLOW_NUL, NULL);
	if (doc)
		indented = json_dumps(doc, JSON_INDENT(1));
	if (indented)
		variant(o, file, "indented", indented, strlen(indented));
	free(indented);
	json_decref(doc);
	free(plain);
}

int main(int argc, char **argv)
{
	int verbose = argc > 1 && !strcmp(argv[1], "-v");

	if (argc < 2 + verbose) {
		fprintf(stderr, "usage: ingest_dump [-v] FILE...\n");
		return 2;
	}
	for (int i = 1 + verbose; i < argc; i++) {
		struct out o = { .verbose = verbose,
				 .h = 0xcbf29ce484222325ull };
		struct lsg_error *err;
		size_t len;
		char *buf;

		err = fileio_read_file(argv[i], INPUT_MAX, &buf, &len);
		if (err) {
			lsg_error_print(err, "ingest_dump", stderr);
			lsg_error_destroy(err);
			return 1;
		}
		variant(&o, argv[i], "as-is", buf, len);
		damaged(&o, argv[i], "as-is", buf, len, DAMAGED / 4);
		if (len >= 4 && !memcmp(buf, "\x28\xb5\x2f\xfd", 4))
			json_variants(&o, argv[i], buf, len);
		if (!verbose)
			printf("%s %016llx\n", argv[i],
			       (unsigned long long)o.h);
		free(buf);
	}
	return 0;
}
