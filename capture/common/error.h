/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Error objects: every fallible function returns a struct lsg_error *,
 * NULL meaning success.  The message gains context on its way up.
 */
#ifndef LSG_ERROR_H
#define LSG_ERROR_H

#include <stdio.h>

enum lsg_error_code {
	LSG_ERR_NOMEM = 1,
	LSG_ERR_OS,		/* errno is set */
	LSG_ERR_NODATA,		/* absent from the dump */
	LSG_ERR_CORRUPT,	/* present but inconsistent */
	LSG_ERR_INVALID,	/* bad argument, config or input format */
	LSG_ERR_UNSUPPORTED,	/* a format or version we do not read */
	LSG_ERR_LIMIT,		/* a budget, size or deadline was exceeded */
	LSG_ERR_LIB,		/* a library call failed; message says which */
};

struct lsg_error {
	enum lsg_error_code code;
	int errnum;
	char *message;
};

/** Static out-of-memory error: reporting it never allocates. */
extern struct lsg_error lsg_enomem;

/**
 * lsg_error_create() - a new error with a printf-style message.
 * Never returns NULL: on allocation failure returns &lsg_enomem.
 * The caller owns the result and frees it with lsg_error_destroy().
 */
struct lsg_error *lsg_error_create(enum lsg_error_code code, const char *fmt,
				   ...)
	__attribute__((format(printf, 2, 3), returns_nonnull));

/** lsg_error_os() - like lsg_error_create() with strerror(errnum) appended. */
struct lsg_error *lsg_error_os(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), returns_nonnull));

/**
 * lsg_error_wrap() - prefix @err's message with context ("ctx: old").
 * Consumes @err and returns the wrapped error (possibly the same object).
 */
struct lsg_error *lsg_error_wrap(struct lsg_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), returns_nonnull));

/** lsg_error_destroy() - free @err; NULL and &lsg_enomem are fine. */
void lsg_error_destroy(struct lsg_error *err);

/** lsg_error_print() - "prog: message\n" to @f. */
void lsg_error_print(const struct lsg_error *err, const char *prog, FILE *f);

#endif
