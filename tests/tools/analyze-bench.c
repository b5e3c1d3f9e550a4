/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-bench [--debug-dir DIR]... BUNDLE...: the analyzer's cost per
 * case as the server pays it: one report context (parser rules compiled,
 * symbolizer cache warm after the first case), each bundle decoded and
 * analyzed ROUNDS times (env, default 20).  Prints the median parse,
 * symbolize and total milliseconds per case, and the first (cold) case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/ingest.h"
#include "report/report.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double timing(json_t *report, const char *key)
{
	return json_number_value(json_object_get(
		json_object_get(report, "timings_ms"), key));
}

static int load(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(*buf = malloc((size_t)n)) ||
	    fread(*buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		return -1;
	}
	fclose(f);
	*len = (size_t)n;
	return 0;
}

int main(int argc, char **argv)
{
	const char *dirs[9] = { NULL };
	int ndirs = 0, rounds = getenv("ROUNDS") ? atoi(getenv("ROUNDS")) : 20;
	struct report_opts ro = { .debug_dirs = NULL };
	double *parse, *sym, *total, cold = -1;
	struct report_ctx *rc;
	size_t n = 0;

	parse = calloc((size_t)argc * (size_t)rounds, sizeof(double));
	sym = calloc((size_t)argc * (size_t)rounds, sizeof(double));
	total = calloc((size_t)argc * (size_t)rounds, sizeof(double));
	for (int i = 1; i + 1 < argc && !strcmp(argv[i], "--debug-dir"); i += 2)
		if (ndirs < 8)
			dirs[ndirs++] = argv[i + 1];
	if (ndirs)
		ro.debug_dirs = dirs;
	if (report_ctx_create(&ro, &rc))
		return 1;
	for (int r = 0; r < rounds; r++) {
		for (int i = 1 + 2 * ndirs; i < argc; i++) {
			enum ingest_reason why;
			struct ingest_bundle b;
			json_t *rep;
			size_t len;
			char *buf;

			if (load(argv[i], &buf, &len) ||
			    ingest_decode(buf, len, NULL, &why, &b))
				return 1;
			if (report_build(rc, &b.log, b.kernel, b.host, &rep))
				return 1;
			if (cold < 0)
				cold = timing(rep, "total");
			parse[n] = timing(rep, "parse");
			sym[n] = timing(rep, "symbolize");
			total[n++] = timing(rep, "total");
			json_decref(rep);
			ingest_bundle_deinit(&b);
			free(buf);
		}
	}
	qsort(parse, n, sizeof(double), cmp_double);
	qsort(sym, n, sizeof(double), cmp_double);
	qsort(total, n, sizeof(double), cmp_double);
	printf("analyze: %zu reports (%d rounds), median parse %.3f ms, symbolize %.3f ms, total %.3f ms per case; p99 total %.3f ms; first (cold) %.1f ms; symbolizer %s\n",
	       n, rounds, parse[n / 2], sym[n / 2], total[n / 2],
	       total[n * 99 / 100], cold, ndirs ? "on" : "off");
	report_ctx_destroy(rc);
	free(parse);
	free(sym);
	free(total);
	return 0;
}
