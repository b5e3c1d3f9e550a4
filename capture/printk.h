/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printk log of a dead kernel, read from its memory.  Three layouts,
 * chosen by which VMCOREINFO symbols exist (never by kernel version):
 * the lockless ring (SYMBOL(prb), 5.10+), struct printk_log records
 * (SYMBOL(log_first_idx), 3.5-5.9) and the plain byte buffer before that.
 *
 * Memory is read through a callback so the walker runs the same on a
 * vmcore, in a unit test and under a fuzzer.  Every length and index read
 * from the dump is checked; damaged records are counted and skipped, and
 * the walk goes on.
 */
#ifndef LSG_PRINTK_H
#define LSG_PRINTK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "log.h"
#include "vmcoreinfo.h"

struct printk_reader {
	/* Read @len bytes at kernel virtual address @addr into @buf. */
	struct lsg_error *(*read)(void *arg, uint64_t addr, void *buf,
				  size_t len);
	void *arg;
	unsigned ptr_size;	/* 4 or 8 */
	int big_endian;
};

/* What the walk saw besides the records it kept. */
struct printk_stats {
	const char *layout;	/* "lockless", "printk_log", "legacy" */
	uint64_t ring_records;	/* descriptor slots walked */
	uint64_t kept;
	uint64_t reserved;	/* in flight when the kernel died */
	uint64_t reusable;	/* recycled slots */
	uint64_t missed;	/* slot holds another id */
	uint64_t dataless;	/* kept with empty text (lost or empty) */
	uint64_t truncated;	/* text_len clamped to the block */
	uint64_t corrupt;	/* inconsistent records, skipped */
	uint64_t failed;	/* printk_ringbuffer.fail: reservations lost */
	uint64_t clear_seq;	/* records below it were cleared (dmesg -c) */
	uint64_t text_size;	/* bytes in the kernel's text buffer */
};

/**
 * printk_read() - walk the log described by @vi through @rd into @log.
 * @scratch/@scratch_size: working memory for the ring copies (the agent's
 * budget); the walk fails with LSG_ERR_LIMIT rather than exceed it.
 * Records kept before an error stay in @log; @stats is always filled.
 */
struct lsg_error *printk_read(const struct vmcoreinfo *vi,
			      const struct printk_reader *rd, void *scratch,
			      size_t scratch_size, struct lsg_log *log,
			      struct printk_stats *stats);

#endif
