/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Output sinks for the bundle: a plain file descriptor, or one zstd frame
 * compressed through a context that lives in a workspace sized up front,
 * so compression never allocates.
 */
#ifndef LSG_ZWRITER_H
#define LSG_ZWRITER_H

#include <stddef.h>

#include "error.h"

struct zwriter;

/** A byte sink: bundle writers call write() repeatedly, then finish(). */
struct sink {
	struct lsg_error *(*write)(struct sink *s, const void *buf,
				   size_t len);
	struct lsg_error *(*finish)(struct sink *s);
};

/* Level 1: the crash kernel has one slow CPU and little memory. */
enum { ZWRITER_LEVEL = 1 };

/**
 * zwriter_workspace_size() - bytes zwriter_create() needs for a stream of
 * about @src_hint bytes.
 */
size_t zwriter_workspace_size(size_t src_hint);

/**
 * zwriter_create() - a zstd sink writing to @fd, its context and buffers
 * placed in @workspace (borrowed, at least zwriter_workspace_size()).
 * The returned object lives inside @workspace too; nothing to free.
 */
struct lsg_error *zwriter_create(void *workspace, size_t size,
				 size_t src_hint, int fd, struct sink **ret);

struct fd_sink {
	struct sink sink;
	int fd;
};

/** fd_sink_init() - an uncompressed sink writing to @fd. */
struct sink *fd_sink_init(struct fd_sink *fs, int fd);

/** sink_write_all() - write(2) until done, retrying on EINTR. */
struct lsg_error *sink_write_all(int fd, const void *buf, size_t len);

#endif
