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

#endif
