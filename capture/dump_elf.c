/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ELF vmcores: /proc/vmcore, makedumpfile -E, QEMU dump-guest-memory.
 * PT_LOAD segments map kernel virtual (and physical) ranges to file
 * offsets; PT_NOTE segments hold the CPU notes and VMCOREINFO.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump_internal.h"

/* Field offsets that differ between ELF32 and ELF64. */
struct elf_layout {
	unsigned ehdr_size, phoff, phentsize_off, phnum_off;
	unsigned phdr_size, p_type, p_offset, p_vaddr, p_paddr, p_filesz,
		p_memsz, word;
};

static const struct elf_layout elf64 = {
	.ehdr_size = 64, .phoff = 32, .phentsize_off = 54, .phnum_off = 56,
	.phdr_size = 56, .p_type = 0, .p_offset = 8, .p_vaddr = 16,
	.p_paddr = 24, .p_filesz = 32, .p_memsz = 40, .word = 8,
};

static const struct elf_layout elf32 = {
	.ehdr_size = 52, .phoff = 28, .phentsize_off = 42, .phnum_off = 44,
	.phdr_size = 32, .p_type = 0, .p_offset = 4, .p_vaddr = 8,
	.p_paddr = 12, .p_filesz = 16, .p_memsz = 20, .word = 4,
};

static const struct {
	uint16_t machine;
	const char *name;
} elf_arches[] = {
	{ EM_X86_64, "x86_64" }, { EM_AARCH64, "aarch64" },
	{ EM_386, "ia32" }, { EM_PPC64, "ppc64" }, { EM_S390, "s390x" },
	{ EM_RISCV, "riscv64" }, { EM_ARM, "arm" },
};

static void elf_set_arch(struct dump *d)
{
	for (size_t i = 0; i < sizeof(elf_arches) / sizeof(elf_arches[0]);
	     i++)
		if (elf_arches[i].machine == d->machine)
			snprintf(d->arch, sizeof(d->arch), "%s",
				 elf_arches[i].name);
}

static struct lsg_error *elf_add_phdr(struct dump *d,
				      const struct elf_layout *l,
				      const char *ph)
{
	uint32_t type = (uint32_t)dump_ld(d, ph + l->p_type, 4);
	struct dump_load *ld;

	if (type == PT_NOTE)
		return dump_add_notes(d, dump_ld(d, ph + l->p_offset, l->word),
				      dump_ld(d, ph + l->p_filesz, l->word),
				      "PT_NOTE");
	if (type != PT_LOAD)
		return NULL;
	ld = &d->loads[d->nloads++];
	ld->offset = dump_ld(d, ph + l->p_offset, l->word);
	ld->vaddr = dump_ld(d, ph + l->p_vaddr, l->word);
	ld->paddr = dump_ld(d, ph + l->p_paddr, l->word);
	ld->filesz = dump_ld(d, ph + l->p_filesz, l->word);
	ld->memsz = dump_ld(d, ph + l->p_memsz, l->word);
	if (ld->filesz > ld->memsz)
		ld->filesz = ld->memsz;
	return NULL;
}

struct lsg_error *dump_elf_open(struct dump *d)
{
	unsigned char id[EI_NIDENT];
	const struct elf_layout *l;
	struct lsg_error *err;
	char ehdr[64], *ph;
	uint64_t phoff;
	unsigned phnum, phentsize;

	err = dump_cache_init(&d->file_cache, DUMP_FILE_PAGE);
	if (!err)
		err = dump_pread(d, id, sizeof(id), 0);
	if (err)
		return err;
	l = id[EI_CLASS] == ELFCLASS64 ? &elf64 : &elf32;
	d->ptr_size = l->word;
	d->big_endian = id[EI_DATA] == ELFDATA2MSB;
	err = dump_pread(d, ehdr, l->ehdr_size, 0);
	if (err)
		return lsg_error_wrap(err, "ELF header");
	if (dump_ld(d, ehdr + 16, 2) != ET_CORE)
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
					"ELF file is not a core dump");
	d->machine = (uint16_t)dump_ld(d, ehdr + 18, 2);
	elf_set_arch(d);
	phoff = dump_ld(d, ehdr + l->phoff, l->word);
	phnum = (unsigned)dump_ld(d, ehdr + l->phnum_off, 2);
	phentsize = (unsigned)dump_ld(d, ehdr + l->phentsize_off, 2);
	if (phentsize != l->phdr_size || !phnum)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"ELF program headers: %u of %u bytes",
					phnum, phentsize);
	ph = malloc((size_t)phnum * phentsize);
	d->loads = calloc(phnum, sizeof(*d->loads));
	if (!ph || !d->loads) {
		free(ph);
		return &lsg_enomem;
	}
	err = dump_pread(d, ph, (size_t)phnum * phentsize, phoff);
	for (unsigned i = 0; !err && i < phnum; i++)
		err = elf_add_phdr(d, l, ph + (size_t)i * phentsize);
	free(ph);
	snprintf(d->format, sizeof(d->format), "elf");
	return err ? lsg_error_wrap(err, "ELF program headers") : NULL;
}

/* File page @key for the cache: short at the end of the file. */
static struct lsg_error *elf_load_page(struct dump *d, uint64_t key,
				       char *buf)
{
	uint64_t off = key * DUMP_FILE_PAGE;
	size_t n = DUMP_FILE_PAGE;

	if (off < d->file_size && n > d->file_size - off)
		n = (size_t)(d->file_size - off);
	return dump_pread(d, buf, n, off);
}

/*
 * Small reads come from whole file pages kept in d->file_cache: the
 * printk walk reads each record on its own, a few bytes, and each read of
 * /proc/vmcore maps old memory a page at a time anyway.
 */
static struct lsg_error *elf_pread(struct dump *d, void *buf, size_t len,
				   uint64_t off)
{
	if (len >= DUMP_FILE_PAGE || off > d->file_size ||
	    len > d->file_size - off)
		return dump_pread(d, buf, len, off);
	return dump_cache_read(d, &d->file_cache, elf_load_page, off, buf,
			       len);
}

/* Copy the part of [addr, addr+len) that @ld covers; zeros past filesz. */
static struct lsg_error *load_copy(struct dump *d, const struct dump_load *ld,
				   uint64_t start, uint64_t addr, char *buf,
				   size_t len)
{
	uint64_t rel = addr - start;

	if (rel >= ld->filesz) {
		memset(buf, 0, len);
		return NULL;
	}
	if (len > ld->filesz - rel) {
		size_t n = (size_t)(ld->filesz - rel);

		memset(buf + n, 0, len - n);
		len = n;
	}
	return elf_pread(d, buf, len, ld->offset + rel);
}

/* Read through the loads keyed by vaddr (@phys 0) or paddr (@phys 1). */
static struct lsg_error *elf_read(struct dump *d, uint64_t addr, char *buf,
				  size_t len, int phys, int *found)
{
	*found = 0;
	while (len) {
		const struct dump_load *ld = NULL;
		uint64_t start = 0, n;
		struct lsg_error *err;

		for (size_t i = 0; i < d->nloads && !ld; i++) {
			start = phys ? d->loads[i].paddr : d->loads[i].vaddr;
			if (addr >= start && addr - start < d->loads[i].memsz)
				ld = &d->loads[i];
		}
		if (!ld)
			return *found ? lsg_error_create(LSG_ERR_NODATA,
				"address 0x%llx is not in the dump",
				(unsigned long long)addr) : NULL;
		n = ld->memsz - (addr - start);
		if (n > len)
			n = len;
		err = load_copy(d, ld, start, addr, buf, (size_t)n);
		if (err)
			return err;
		*found = 1;
		addr += n;
		buf += n;
		len -= (size_t)n;
	}
	return NULL;
}

struct lsg_error *dump_elf_read_virt(struct dump *d, uint64_t vaddr,
				     void *buf, size_t len, int *found)
{
	return elf_read(d, vaddr, buf, len, 0, found);
}

struct lsg_error *dump_elf_read_phys(struct dump *d, uint64_t paddr,
				     void *buf, size_t len)
{
	struct lsg_error *err;
	int found;

	err = elf_read(d, paddr, buf, len, 1, &found);
	if (!err && !found)
		err = lsg_error_create(LSG_ERR_NODATA,
				       "physical address 0x%llx is not in the dump",
				       (unsigned long long)paddr);
	return err;
}
