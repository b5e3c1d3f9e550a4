/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printk walker on memory images taken from real vmcores (Debian
 * kernels crashed in QEMU by tests/vm; images made by tests/tools/
 * mkmemimage): its dmesg output must equal, byte for byte, what kexec-tools'
 * vmcore-dmesg printed in the crash kernel for the same crash.  Then the
 * same images damaged in controlled ways: never a crash, damage counted.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "memimage.h"

static const char corpus[] = "tests/fuzz/corpus/printk";
static const char expect_dir[] = "tests/data/printk";
static const size_t scratch_size = 8u << 20;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Walk @img into @log; returns the walk's error (caller frees). */
static struct lsg_error *walk(struct memimage *img, struct lsg_log *log,
			      struct printk_stats *stats, void *scratch)
{
	struct printk_reader rd = memimage_reader(img);
	struct vmcoreinfo vi;
	struct lsg_error *err;

	err = vmcoreinfo_parse(img->vmcoreinfo, img->vmcoreinfo_len, &vi);
	if (err)
		return err;
	lsg_log_reset(log);
	err = printk_read(&vi, &rd, scratch, scratch_size, log, stats);
	vmcoreinfo_deinit(&vi);
	return err;
}

static char *format_all(const struct lsg_log *log, size_t *len)
{
	char *out = malloc(log->text_used * 4 + log->nrecs * 32 + 1);
	char *line = malloc(LSG_DMESG_LINE_MAX);

	*len = 0;
	for (size_t i = 0; out && line && i < log->nrecs; i++) {
		size_t n = lsg_log_format_dmesg(log, i, line,
						LSG_DMESG_LINE_MAX);

		memcpy(out + *len, line, n);
		*len += n;
	}
	free(line);
	return out;
}

static void check_identical(const char *name, struct memimage *img,
			    struct lsg_log *log, void *scratch)
{
	char path[512], *expect, *got;
	struct printk_stats stats;
	struct lsg_error *err;
	size_t elen = 0, glen;

	snprintf(path, sizeof(path), "%s/%.*s.dmesg", expect_dir,
		 (int)(strlen(name) - 4), name);
	expect = slurp(path, &elen);
	CHECK(expect != NULL);
	err = walk(img, log, &stats, scratch);
	CHECK(err == NULL);
	if (err)
		fprintf(stderr, "%s: %s\n", name, err->message);
	lsg_error_destroy(err);
	got = format_all(log, &glen);
	CHECK(expect && got && glen == elen && !memcmp(got, expect, elen));
	CHECK(stats.corrupt == 0 && stats.kept == log->nrecs);
	CHECK(log->has_seq && log->nrecs > 300);
	printf("%s: %zu records, %zu bytes identical to vmcore-dmesg\n", name,
	       log->nrecs, glen);
	free(expect);
	free(got);
}

/* Flip every @step-th byte of the ring regions: damage, never a crash. */
static void check_damaged(const char *name, const uint8_t *buf, size_t len,
			  struct lsg_log *log, void *scratch)
{
	uint8_t *copy = malloc(len);
	struct printk_stats stats;
	struct memimage img;
	struct lsg_error *err;

	memcpy(copy, buf, len);
	for (size_t i = 4096; i < len; i += 997)
		copy[i] ^= 0x5a;
	CHECK(!memimage_parse(copy, len, &img));
	err = walk(&img, log, &stats, scratch);
	/* Records that survive keep increasing sequence numbers. */
	for (size_t i = 1; i < log->nrecs; i++)
		CHECK(log->recs[i].seq > log->recs[i - 1].seq);
	printf("%s damaged: %zu records kept, %llu corrupt, %s\n", name,
	       log->nrecs, (unsigned long long)stats.corrupt,
	       err ? err->message : "walk completed");
	lsg_error_destroy(err);
	free(copy);
}

int main(void)
{
	struct lsg_log log;
	struct dirent *de;
	void *scratch = malloc(scratch_size);
	DIR *dir = opendir(corpus);
	int n = 0;

	if (!dir)
		return test_skip("no printk corpus");
	CHECK(!lsg_log_init(&log, 1 << 16, 4u << 20, 4096));
	while ((de = readdir(dir))) {
		char path[512];
		struct memimage img;
		size_t len;
		char *buf;

		if (!strstr(de->d_name, ".mem"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", corpus, de->d_name);
		buf = slurp(path, &len);
		CHECK(buf && !memimage_parse((uint8_t *)buf, len, &img));
		check_identical(de->d_name, &img, &log, scratch);
		check_damaged(de->d_name, (uint8_t *)buf, len, &log, scratch);
		free(buf);
		n++;
	}
	closedir(dir);
	CHECK(n >= 2);
	lsg_log_deinit(&log);
	free(scratch);
	return test_exit();
}
