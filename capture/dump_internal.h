/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared internals of the dump module (dump.c, dump_elf.c, dump_kdump.c,
 * dump_libkdumpfile.c).
 */
#ifndef LSG_DUMP_INTERNAL_H
#define LSG_DUMP_INTERNAL_H

#include <stdint.h>

#include "dump.h"

/* Limits on what a header may claim before we believe it. */
enum {
	DUMP_MAX_PHDRS = 65535,
	DUMP_MAX_NOTES_BYTES = 1 << 20,
	DUMP_PAGE_CACHE = 8,
	DUMP_MAX_PAGE = 1 << 16,
	/* ELF reads below this size go through the file page cache. */
	DUMP_FILE_PAGE = 4096,
};

struct dump_load {
	uint64_t vaddr, paddr, offset, filesz, memsz;
};

struct kdump_state;
struct dump_kdf;

/*
 * The DUMP_PAGE_CACHE pages a reader produced (decompressed kdump pages,
 * ELF file pages) that were used last: the printk walk reads a few bytes
 * at a time from a handful of pages, one of them (the descriptors') all
 * along.
 */
struct dump_cache {
	size_t page_size;
	uint64_t clock;			/* uses so far */
	struct {
		uint64_t key;
		uint64_t used;		/* clock at last use, 0: empty */
		char *data;
	} slot[DUMP_PAGE_CACHE];
};

struct dump {
	int fd;
	enum dump_reader reader;	/* fast or libkdumpfile, never auto */
	uint64_t file_size;
	const char *path;
	char format[32];
	char arch[32];
	unsigned ptr_size;
	int big_endian;
	uint16_t machine;	/* ELF e_machine */

	/* ELF: program headers, and the file pages read last. */
	struct dump_load *loads;
	size_t nloads;
	struct dump_cache file_cache;

	/* The ELF notes: PRSTATUS per CPU and VMCOREINFO. */
	char *notes;
	size_t notes_len;

	struct kdump_state *kdump;
	/* Set when libkdumpfile reads this dump; then it answers everything. */
	struct dump_kdf *kdf;

	/* Kernel image mapping, for translating without page tables. */
	uint64_t phys_base;
	int have_phys_base;
	uint64_t pgd;		/* physical address of init_top_pgt */
	int levels;		/* 4 or 5 */

	struct vmcoreinfo vmcoreinfo;
	struct lsg_error *vmcoreinfo_err;
	char uts[6][65];
	int have_uts;
};

uint64_t dump_ld(const struct dump *d, const void *p, unsigned size);

/** dump_pread() - exactly @len bytes at file offset @off, or NODATA. */
struct lsg_error *dump_pread(struct dump *d, void *buf, size_t len,
			     uint64_t off);


/** dump_cache_init() - an empty cache of @page_size pages; &lsg_enomem. */
struct lsg_error *dump_cache_init(struct dump_cache *c, size_t page_size);
void dump_cache_deinit(struct dump_cache *c);

/**
 * dump_cache_read() - @len bytes from offset @off of what @load produces
 * page by page through @c: @load fills its page_size-byte @buf with page
 * @key, which covers [key * page_size, (key + 1) * page_size).
 */
struct lsg_error *dump_cache_read(struct dump *d, struct dump_cache *c,
				  struct lsg_error *(*load)(struct dump *d,
							    uint64_t key,
							    char *buf),
				  uint64_t off, void *buf, size_t len);

/**
 * dump_add_notes() - append @len bytes of ELF notes at file offset @off to
 * d->notes (bounded by DUMP_MAX_NOTES_BYTES); @what names them in errors.
 */
struct lsg_error *dump_add_notes(struct dump *d, uint64_t off, uint64_t len,
				 const char *what);

struct lsg_error *dump_elf_open(struct dump *d);
struct lsg_error *dump_elf_read_virt(struct dump *d, uint64_t vaddr,
				     void *buf, size_t len, int *found);
struct lsg_error *dump_elf_read_phys(struct dump *d, uint64_t paddr,
				     void *buf, size_t len);

struct lsg_error *dump_kdump_open(struct dump *d);
struct lsg_error *dump_kdump_read_phys(struct dump *d, uint64_t paddr,
				       void *buf, size_t len);
void dump_kdump_close(struct dump *d);

/**
 * dump_kdf_open() - read d->fd through libkdumpfile (loaded on first use):
 * fills format, arch, pointer size, byte order and VMCOREINFO.
 */
struct lsg_error *dump_kdf_open(struct dump *d);
/** dump_kdf_read() - kernel virtual (@phys 0) or physical memory. */
struct lsg_error *dump_kdf_read(struct dump *d, uint64_t addr, int phys,
				void *buf, size_t len);
unsigned dump_kdf_ncpus(struct dump *d);
struct lsg_error *dump_kdf_cpu_regs(struct dump *d, unsigned i,
				    struct dump_regs *ret);
void dump_kdf_close(struct dump *d);

#endif
