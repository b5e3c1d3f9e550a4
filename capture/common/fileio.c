/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fileio.h"

struct lsg_error *fileio_read_stream(FILE *f, size_t max, char **ret,
				     size_t *ret_len)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap), *bigger;

	if (!buf)
		return &lsg_enomem;
	for (;;) {
		len += fread(buf + len, 1, cap - len, f);
		if (len < cap)
			break;
		if (cap > max) {
			free(buf);
			return lsg_error_create(LSG_ERR_LIMIT,
						"larger than %zu bytes", max);
		}
		bigger = realloc(buf, cap * 2);
		if (!bigger) {
			free(buf);
			return &lsg_enomem;
		}
		buf = bigger;
		cap *= 2;
	}
	if (ferror(f)) {
		free(buf);
		return lsg_error_os(EIO, "read");
	}
	*ret = buf;
	*ret_len = len;
	return NULL;
}

struct lsg_error *fileio_read_file(const char *path, size_t max, char **ret,
				   size_t *ret_len)
{
	struct lsg_error *err;
	FILE *f = fopen(path, "rb");

	if (!f)
		return lsg_error_os(errno, "%s", path);
	err = fileio_read_stream(f, max, ret, ret_len);
	fclose(f);
	return err ? lsg_error_wrap(err, "%s", path) : NULL;
}

struct lsg_error *fileio_read_fifo(const char *path, size_t max, int wait_ms,
				   char **ret, size_t *ret_len)
{
	/* Non-blocking: opening a FIFO for reading waits for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct lsg_error *err;
	FILE *f;
	int n;

	if (fd < 0)
		return lsg_error_os(errno, "%s", path);
	/* Until a writer has come, Linux reports no POLLHUP: poll waits. */
	n = poll(&p, 1, wait_ms);
	if (n <= 0 || fcntl(fd, F_SETFL, 0) || !(f = fdopen(fd, "rb"))) {
		err = n < 0 ? lsg_error_os(errno, "%s", path) :
		      lsg_error_create(LSG_ERR_NODATA,
				       "%s: no data after %d ms (no writer?)",
				       path, wait_ms);
		close(fd);
		return err;
	}
	err = fileio_read_stream(f, max, ret, ret_len);
	fclose(f);
	return err ? lsg_error_wrap(err, "%s", path) : NULL;
}
