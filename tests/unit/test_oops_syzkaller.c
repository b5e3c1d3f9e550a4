/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The oops parser against syzkaller's labeled crash logs
 * ($LSG_SHARED/data/syzkaller, see its README.md): every report/N file
 * (title, corrupted flag) and every guilty/N file (guilty source file),
 * through the result's syz_* members (syzkaller's first-crash rule).
 * Prints the accuracies and each mismatch; fails below 95 % exact titles
 * or 90 % guilty files.  Expected values come only from the data files.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "parse/oops.h"
#include "parse/textlog.h"

enum { MAX_FILES = 4096, MAX_ALTS = 32 };

struct counts {
	unsigned files, title_ok, title_or_alt_ok, corrupted_ok;
	unsigned guilty_files, guilty_ok;
	double parse_ms;
};

/* A whole file, with every '\r' removed, NUL-terminated. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, o = 0;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc((size_t)size + 2);
	if (!buf)
		goto out;
	n = fread(buf, 1, (size_t)size, f);
	for (size_t i = 0; i < n; i++)
		if (buf[i] != '\r')
			buf[o++] = buf[i];
	buf[o] = '\0';
	*len = o;
out:
	fclose(f);
	return buf;
}

static int cmp_num(const void *a, const void *b)
{
	long x = atol(*(char *const *)a), y = atol(*(char *const *)b);

	return x < y ? -1 : x > y;
}

/* The numbered files of @dir, sorted by number. */
static size_t list_dir(const char *dir, char **names)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < MAX_FILES) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_num);
	return n;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Parse @text (@len bytes); NULL on error (reported as a failure). */
static struct oops_result *parse(const struct oops_ctx *ctx, const char *text,
				 size_t len, struct counts *c)
{
	struct oops_result *res = NULL;
	struct lsg_log log;
	struct lsg_error *err;
	double t0 = now_ms();

	err = textlog_parse(text, len, &log, NULL);
	if (!err) {
		err = oops_parse(ctx, &log, &res);
		lsg_log_deinit(&log);
	}
	c->parse_ms += now_ms() - t0;
	if (err) {
		lsg_error_print(err, "test_oops_syzkaller", stderr);
		lsg_error_destroy(err);
		CHECK(!"parse failed");
	}
	return res;
}

/* A report/N file split into its headers and its console log. */
struct report_test {
	const char *title;	/* "" for a log without a crash */
	const char *alts[MAX_ALTS];
	unsigned nalts;
	int corrupted;
	const char *log;
	size_t log_len;
};

/* Headers end at the first empty line; "REPORT:" after one ends the log. */
static void split_report(char *buf, struct report_test *t)
{
	char *p = buf, *nl, *end;

	memset(t, 0, sizeof(*t));
	t->title = "";
	while (*p && *p != '\n') {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (!strncmp(p, "TITLE: ", 7))
			t->title = p + 7;
		else if (!strncmp(p, "ALT: ", 5) && t->nalts < MAX_ALTS)
			t->alts[t->nalts++] = p + 5;
		else if (!strcmp(p, "CORRUPTED: Y"))
			t->corrupted = 1;
		if (!nl)
			return;
		p = nl + 1;
	}
	if (*p == '\n')
		p++;
	t->log = p;
	end = strstr(p, "\n\nREPORT:\n");
	if (!end && !strncmp(p, "\nREPORT:\n", 9))
		end = p - 1;
	t->log_len = end ? (size_t)(end - p) + 2 : strlen(p);
}

static int alt_match(const struct report_test *t, const char *got)
{
	for (unsigned i = 0; i < t->nalts; i++)
		if (!strcmp(t->alts[i], got))
			return 1;
	return 0;
}

static void run_report(const struct oops_ctx *ctx, const char *dir,
		       const char *name, struct counts *c)
{
	char path[4096];
	struct report_test t;
	struct oops_result *res;
	const char *got;
	size_t len;
	char *buf;
	int corrupted;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf = read_file(path, &len);
	if (!buf) {
		CHECK(!"cannot read a report file");
		return;
	}
	split_report(buf, &t);
	res = parse(ctx, t.log, t.log_len, c);
	got = res && res->syz_title ? res->syz_title : "";
	corrupted = res && res->syz_title && res->syz_corrupted;
	c->files++;
	if (!strcmp(got, t.title)) {
		c->title_ok++;
		c->title_or_alt_ok++;
	} else {
		c->title_or_alt_ok += alt_match(&t, got);
		printf("title     report/%s\n  want: %s\n  got:  %s\n", name,
		       t.title, got);
	}
	if (corrupted == t.corrupted)
		c->corrupted_ok++;
	else
		printf("corrupted report/%s: want %c got %c (%s) [%s]\n", name,
		       t.corrupted ? 'Y' : 'N', corrupted ? 'Y' : 'N', got,
		       res && res->primary != OOPS_NONE &&
		       res->events[res->primary].corrupted_reason ?
		       res->events[res->primary].corrupted_reason : "-");
	oops_result_destroy(res);
	free(buf);
}

/* guilty/N: "FILE: path" headers, an empty line, a symbolized report. */
static void run_guilty(const struct oops_ctx *ctx, const char *dir,
		       const char *name, struct counts *c)
{
	char path[4096], want[512] = "";
	struct oops_result *res;
	char *buf, *body, *f;
	const char *got;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf = read_file(path, &len);
	if (!buf) {
		CHECK(!"cannot read a guilty file");
		return;
	}
	body = strstr(buf, "\n\n");
	body = body ? body + 2 : buf + len;
	f = strstr(buf, "FILE:");
	if (f && f < body) {
		f += 5;
		while (*f == ' ')
			f++;
		snprintf(want, sizeof(want), "%.*s", (int)strcspn(f, " \n"), f);
	}
	res = parse(ctx, body, len - (size_t)(body - buf), c);
	c->guilty_files++;
	got = res && res->syz_guilty_file ? res->syz_guilty_file : "";
	if (res && !strcmp(want, got))
		c->guilty_ok++;
	else
		printf("guilty    guilty/%s\n  want: %s\n  got:  %s (%s)\n",
		       name, want, got,
		       res && res->syz_title ? res->syz_title : "no crash");
	oops_result_destroy(res);
	free(buf);
}

static void run_dir(const struct oops_ctx *ctx, const char *dir,
		    void (*fn)(const struct oops_ctx *, const char *,
			       const char *, struct counts *),
		    struct counts *c)
{
	char **names = calloc(MAX_FILES, sizeof(*names));
	size_t n;

	if (!names)
		return;
	n = list_dir(dir, names);
	for (size_t i = 0; i < n; i++) {
		fn(ctx, dir, names[i], c);
		free(names[i]);
	}
	free(names);
}

static double pct(unsigned a, unsigned b)
{
	return b ? 100.0 * a / b : 0;
}

int main(void)
{
	const char *shared = getenv("LSG_SHARED");
	char report_dir[4096], guilty_dir[4096];
	struct counts c = { 0 };
	struct oops_ctx *ctx;
	struct lsg_error *err;
	DIR *probe;

	if (!shared || !*shared)
		shared = "../shared";
	snprintf(report_dir, sizeof(report_dir), "%s/data/syzkaller/report",
		 shared);
	snprintf(guilty_dir, sizeof(guilty_dir), "%s/data/syzkaller/guilty",
		 shared);
	probe = opendir(report_dir);
	if (!probe)
		return test_skip("no syzkaller data under $LSG_SHARED "
				 "(data/syzkaller/report)");
	closedir(probe);
	err = oops_ctx_create(&ctx);
	if (err) {
		lsg_error_print(err, "test_oops_syzkaller", stderr);
		lsg_error_destroy(err);
		return TEST_FAIL;
	}
	run_dir(ctx, report_dir, run_report, &c);
	run_dir(ctx, guilty_dir, run_guilty, &c);
	oops_ctx_destroy(ctx);

	printf("\nreport files: %u\n", c.files);
	printf("title exact:         %u/%u = %.1f %%\n", c.title_ok, c.files,
	       pct(c.title_ok, c.files));
	printf("title exact or ALT:  %u/%u = %.1f %%\n", c.title_or_alt_ok,
	       c.files, pct(c.title_or_alt_ok, c.files));
	printf("corrupted:           %u/%u = %.1f %%\n", c.corrupted_ok,
	       c.files, pct(c.corrupted_ok, c.files));
	printf("guilty file:         %u/%u = %.1f %%\n", c.guilty_ok,
	       c.guilty_files, pct(c.guilty_ok, c.guilty_files));
	printf("parse time: %.1f ms for %u files\n", c.parse_ms,
	       c.files + c.guilty_files);
	CHECK(c.files > 0);
	CHECK(pct(c.title_ok, c.files) >= 95.0);
	CHECK(c.guilty_files > 0);
	CHECK(pct(c.guilty_ok, c.guilty_files) >= 90.0);
	return test_exit();
}
