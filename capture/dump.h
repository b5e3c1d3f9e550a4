/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A vmcore, read by one of two readers: the agent's own (x86_64 ELF, as
 * /proc/vmcore and makedumpfile -E write it, and kdump-compressed files)
 * or libkdumpfile (every other architecture and format), chosen from the
 * dump unless the caller forces one.  Flattened makedumpfile -F streams
 * are recognised and refused with the command that converts them.
 */
#ifndef LSG_DUMP_H
#define LSG_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "vmcoreinfo.h"

struct dump;

/* At most this many CPUs' saved registers are reported. */
#define DUMP_MAX_CPUS 1024
#define DUMP_MAX_REGS 64

struct dump_regs {
	char names[DUMP_MAX_REGS][12];
	uint64_t values[DUMP_MAX_REGS];
	unsigned nregs;
	uint64_t pid;
};

enum dump_reader {
	DUMP_READER_AUTO,	/* fast when it covers the dump */
	DUMP_READER_FAST,	/* the agent's own reader */
	DUMP_READER_LIBKDUMPFILE,
};

/**
 * dump_open_reader() - open @path with @reader.  Like dump_open(); a
 * forced reader that cannot read the dump is an error, never a fallback.
 */
struct lsg_error *dump_open_reader(const char *path, enum dump_reader reader,
				   struct dump **ret);

/** dump_reader_parse() - "auto", "fast" or "libkdumpfile"; else INVALID. */
struct lsg_error *dump_reader_parse(const char *name, enum dump_reader *ret);

/** dump_reader_name() - "fast" or "libkdumpfile": who reads @d (static). */
const char *dump_reader_name(const struct dump *d);

/**
 * dump_open() - open @path with the reader that covers it (auto).  On
 * success *@ret owns the file descriptor and any library context; close with dump_close().  A file neither reader
 * reads is an LSG_ERR_UNSUPPORTED error whose message says why; a
 * flattened stream is LSG_ERR_INVALID.
 */
struct lsg_error *dump_open(const char *path, struct dump **ret);

void dump_close(struct dump *d);

/** dump_format() - "elf", "diskdump", ... (borrowed). */
const char *dump_format(const struct dump *d);

/**
 * dump_vmcoreinfo() - the parsed VMCOREINFO note (borrowed), or an error
 * saying why it is unavailable.
 */
struct lsg_error *dump_vmcoreinfo(struct dump *d,
				  const struct vmcoreinfo **ret);

/**
 * dump_read() - read @len bytes of kernel virtual memory at @addr.
 * LSG_ERR_NODATA when the dump does not hold them (filtered, truncated).
 */
struct lsg_error *dump_read(struct dump *d, uint64_t addr, void *buf,
			    size_t len);

/** dump_read_phys() - read @len bytes of physical memory at @addr. */
struct lsg_error *dump_read_phys(struct dump *d, uint64_t addr, void *buf,
				 size_t len);

/** dump_ptr_size() - bytes in a target pointer (4 or 8). */
unsigned dump_ptr_size(const struct dump *d);

/** dump_big_endian() - nonzero for a big-endian target. */
int dump_big_endian(const struct dump *d);

/** dump_arch() - "x86_64", "aarch64", ... or NULL (borrowed). */
const char *dump_arch(struct dump *d);

/** dump_uts() - a utsname field ("nodename", "release", ...), borrowed. */
const char *dump_uts(struct dump *d, const char *field);

#define DUMP_IDENTITY_SIZE 32

/**
 * dump_identity() - SHA-256 of @d's notes (each CPU's saved registers and
 * VMCOREINFO, CRASHTIME included: one crash, and the same bytes in the ELF
 * and kdump-compressed copies of it) in @ret.  0 when @d is NULL or has
 * no notes.
 */
int dump_identity(const struct dump *d, unsigned char ret[DUMP_IDENTITY_SIZE]);

/** dump_ncpus() - how many CPUs saved registers (PRSTATUS notes). */
unsigned dump_ncpus(struct dump *d);

/** dump_cpu_regs() - registers and pid saved by note @i. */
struct lsg_error *dump_cpu_regs(struct dump *d, unsigned i,
				struct dump_regs *ret);

#endif
