/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Memory images: the bytes the printk walker read from a real vmcore,
 * saved so tests and fuzzers can replay the walk without the dump.
 *
 *   "LSGMEM1\n"  u8 ptr_size  u8 big_endian  u32 vmcoreinfo_len  text
 *   then regions: u64 addr  u32 len  bytes          (little-endian ints)
 *
 * Parsing is bounds-checked: fuzzers feed arbitrary bytes through it.
 */
#ifndef LSG_MEMIMAGE_H
#define LSG_MEMIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "printk.h"

#define MEMIMAGE_MAX_REGIONS 1024

struct memimage {
	unsigned ptr_size;
	int big_endian;
	const char *vmcoreinfo;
	size_t vmcoreinfo_len;
	struct {
		uint64_t addr;
		const uint8_t *data;
		size_t len;
	} regions[MEMIMAGE_MAX_REGIONS];
	size_t nregions;
};

/** memimage_parse() - index @len bytes (borrowed by @ret).  0 on success. */
int memimage_parse(const uint8_t *buf, size_t len, struct memimage *ret);

/** memimage_reader() - a printk reader over @img. */
struct printk_reader memimage_reader(struct memimage *img);

/** Builds an image in memory: a header, then regions appended in order. */
struct memimage_writer {
	uint8_t *buf;
	size_t len, cap;
	unsigned nregions;
};

int memimage_writer_init(struct memimage_writer *w, unsigned ptr_size,
			 int big_endian, const char *vmcoreinfo, size_t len);
int memimage_writer_add(struct memimage_writer *w, uint64_t addr,
			const void *data, size_t len);

/** memimage_recorder - wraps a reader and keeps what it returned. */
struct memimage_recorder {
	struct printk_reader inner;
	struct memimage_writer out;
};

struct printk_reader memimage_record_start(struct memimage_recorder *rec,
					   const struct printk_reader *inner,
					   const char *vmcoreinfo,
					   size_t vmcoreinfo_len);

#endif
