/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

struct lsg_error lsg_enomem = {
	.code = LSG_ERR_NOMEM,
	.errnum = ENOMEM,
	.message = (char *)"out of memory",
};

static struct lsg_error *error_vcreate(enum lsg_error_code code, int errnum,
				       const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static struct lsg_error *error_vcreate(enum lsg_error_code code, int errnum,
				       const char *fmt, va_list ap)
{
	struct lsg_error *err = malloc(sizeof(*err));
	char *msg;

	if (!err)
		return &lsg_enomem;
	if (vasprintf(&msg, fmt, ap) < 0) {
		free(err);
		return &lsg_enomem;
	}
	if (errnum) {
		char *full;

		if (asprintf(&full, "%s: %s", msg, strerror(errnum)) < 0) {
			free(msg);
			free(err);
			return &lsg_enomem;
		}
		free(msg);
		msg = full;
	}
	err->code = code;
	err->errnum = errnum;
	err->message = msg;
	return err;
}

struct lsg_error *lsg_error_create(enum lsg_error_code code, const char *fmt,
				   ...)
{
	struct lsg_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_vcreate(code, 0, fmt, ap);
	va_end(ap);
	return err;
}

struct lsg_error *lsg_error_os(int errnum, const char *fmt, ...)
{
	struct lsg_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_vcreate(LSG_ERR_OS, errnum, fmt, ap);
	va_end(ap);
	return err;
}

struct lsg_error *lsg_error_wrap(struct lsg_error *err, const char *fmt, ...)
{
	char *ctx, *full;
	va_list ap;
	int ret;

	if (err == &lsg_enomem)
		return err;
	va_start(ap, fmt);
	ret = vasprintf(&ctx, fmt, ap);
	va_end(ap);
	if (ret < 0)
		return err;
	ret = asprintf(&full, "%s: %s", ctx, err->message);
	free(ctx);
	if (ret < 0)
		return err;
	free(err->message);
	err->message = full;
	return err;
}

void lsg_error_destroy(struct lsg_error *err)
{
	if (!err || err == &lsg_enomem)
		return;
	free(err->message);
	free(err);
}

void lsg_error_print(const struct lsg_error *err, const char *prog, FILE *f)
{
	fprintf(f, "%s: %s\n", prog, err->message);
}
