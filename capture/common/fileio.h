/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole files into memory, with a ceiling: for bundles and logs. */
#ifndef LSG_FILEIO_H
#define LSG_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/**
 * fileio_read_stream() - all of @f, at most @max bytes (LSG_ERR_LIMIT
 * past that).  On success *@ret is malloc'd (the caller frees it) and
 * *@ret_len is its length; nothing is written on failure.
 */
struct lsg_error *fileio_read_stream(FILE *f, size_t max, char **ret,
				     size_t *ret_len);

/** fileio_read_file() - the same for the file at @path; errors name it. */
struct lsg_error *fileio_read_file(const char *path, size_t max, char **ret,
				   size_t *ret_len);

/**
 * fileio_read_fifo() - like fileio_read_file() for a FIFO, without waiting
 * forever for a writer: LSG_ERR_NODATA when no byte comes within
 * @wait_ms of opening it.
 */
struct lsg_error *fileio_read_fifo(const char *path, size_t max, int wait_ms,
				   char **ret, size_t *ret_len);

#endif
