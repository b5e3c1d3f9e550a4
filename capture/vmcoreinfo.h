/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VMCOREINFO: the KEY=value text the kernel leaves for dump tools.
 * Parsed once into an index over a private copy of the text; every key is
 * optional, and lookups say whether it was there.
 */
#ifndef LSG_VMCOREINFO_H
#define LSG_VMCOREINFO_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The kernel fills one page; anything much bigger is not VMCOREINFO. */
#define VMCOREINFO_MAX_BYTES 65536
#define VMCOREINFO_MAX_LINES 2048

struct vmcoreinfo_line {
	uint32_t key, val;		/* NUL-terminated, in vmcoreinfo.buf */
};

struct vmcoreinfo {
	char *raw;			/* the text as it came, NUL-terminated */
	size_t raw_len;
	char *buf;			/* a copy split into keys and values */
	struct vmcoreinfo_line *lines;
	size_t nlines;
};

/**
 * vmcoreinfo_parse() - index @len bytes of VMCOREINFO text.
 * Lines without '=' are ignored; NUL bytes end the text (the note is
 * padded).  LSG_ERR_LIMIT if @len or the line count exceeds the maxima.
 * On success @ret owns its copy; free it with vmcoreinfo_deinit().
 */
struct lsg_error *vmcoreinfo_parse(const char *text, size_t len,
				   struct vmcoreinfo *ret);

void vmcoreinfo_deinit(struct vmcoreinfo *vi);

/**
 * vmcoreinfo_get() - the value of @key ("OSRELEASE", "SYMBOL(prb)"),
 * borrowed from @vi and NUL-terminated, or NULL when absent.
 */
const char *vmcoreinfo_get(const struct vmcoreinfo *vi, const char *key);

/** vmcoreinfo_symbol() - SYMBOL(@name) as an address (hex); 0 if absent. */
int vmcoreinfo_symbol(const struct vmcoreinfo *vi, const char *name,
		      uint64_t *ret);

/**
 * vmcoreinfo_number() - @kind(@name) as a signed decimal or 0x-hex number,
 * @kind one of "OFFSET", "SIZE", "LENGTH", "NUMBER".  Returns 1 if present
 * and well formed, else 0 and leaves *@ret alone.
 */
int vmcoreinfo_number(const struct vmcoreinfo *vi, const char *kind,
		      const char *name, int64_t *ret);

/** vmcoreinfo_hex() - a plain hex value such as KERNELOFFSET. */
int vmcoreinfo_hex(const struct vmcoreinfo *vi, const char *key,
		   uint64_t *ret);

#endif
