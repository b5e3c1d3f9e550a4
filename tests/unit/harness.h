/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny table-free test harness: CHECK() records a failure and goes on,
 * test_exit() returns the automake exit code (0 pass, 1 fail, 77 skip).
 */
#ifndef LSG_TEST_HARNESS_H
#define LSG_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TEST_PASS = 0, TEST_FAIL = 1, TEST_SKIP = 77 };

static int test_failures;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",       \
				__FILE__, __LINE__, #cond);                \
			test_failures++;                                   \
		}                                                          \
	} while (0)

#define CHECK_STR(a, b)                                                    \
	do {                                                               \
		const char *a_ = (a), *b_ = (b);                           \
		if (!a_ || !b_ || strcmp(a_, b_)) {                        \
			fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n",       \
				__FILE__, __LINE__, a_ ? a_ : "(null)",    \
				b_ ? b_ : "(null)");                       \
			test_failures++;                                   \
		}                                                          \
	} while (0)

static inline int test_skip(const char *why)
{
	printf("skipped: %s\n", why);
	return TEST_SKIP;
}

static inline int test_exit(void)
{
	return test_failures ? TEST_FAIL : TEST_PASS;
}

/*
 * test_pg_db() - a fresh, empty database @name on the throwaway PostgreSQL
 * cluster tests/run starts (its URI in LSG_TEST_PG; tests/lib/pg-cluster),
 * as a store spec in @spec.  1 when made, 0 when there is no cluster to
 * test against, -1 when making it failed.
 */
static inline int test_pg_db(const char *name, char *spec, size_t size)
{
	const char *uri = getenv("LSG_TEST_PG");
	char cmd[512];

	if (!uri || !*uri) {
		printf("postgresql: no cluster (LSG_TEST_PG), SQLite only\n");
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "tests/lib/pg-cluster createdb '%s' '%s'",
		 uri, name);
	if (system(cmd))
		return -1;
	snprintf(spec, size, "%s/%s", uri, name);
	return 1;
}

#endif
