/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Vmcore access for the agent.  Its own reader (this file, dump_elf.c,
 * dump_kdump.c) must fit the crash kernel's memory (libkdumpfile and its
 * closure alone use more than makedumpfile does), so the two formats kdump
 * writes on x86_64 are read here with pread, bounded, and translated with
 * the kernel's own page tables when a virtual address is not mapped
 * directly.  Every other dump goes to libkdumpfile (dump_libkdumpfile.c),
 * which is also the tests' reference reader.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "bytes.h"
#include "deadline.h"
#include "dump_internal.h"

/* x86_64: where the kernel image is mapped, and page-table entry bits. */
static const uint64_t X86_START_KERNEL_MAP = 0xffffffff80000000ULL;
static const uint64_t X86_PTE_PFN_MASK = 0x000ffffffffff000ULL;
enum { X86_PTE_PRESENT = 1, X86_PTE_PSE = 0x80 };

uint64_t dump_ld(const struct dump *d, const void *p, unsigned size)
{
	return bytes_load(p, size, d->big_endian);
}

struct lsg_error *dump_pread(struct dump *d, void *buf, size_t len,
			     uint64_t off)
{
	char *p = buf;

	if (off > d->file_size || len > d->file_size - off)
		return lsg_error_create(LSG_ERR_NODATA,
			"bytes 0x%llx-0x%llx are past the end of the file (truncated at 0x%llx)",
			(unsigned long long)off,
			(unsigned long long)(off + len),
			(unsigned long long)d->file_size);
	while (len) {
		ssize_t n;

		/* The one check every read of the dump passes. */
		if (deadline_expired())
			return lsg_error_create(LSG_ERR_LIMIT,
						"deadline reached");
		n = pread(d->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return lsg_error_os(errno, "read at 0x%llx",
					    (unsigned long long)off);
		if (!n)
			return lsg_error_create(LSG_ERR_NODATA,
				"file ends at 0x%llx", (unsigned long long)off);
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return NULL;
}

struct lsg_error *dump_add_notes(struct dump *d, uint64_t off, uint64_t len,
				 const char *what)
{
	struct lsg_error *err;
	char *p;

	if (!len)
		return NULL;
	if (len > DUMP_MAX_NOTES_BYTES - d->notes_len)
		return lsg_error_create(LSG_ERR_LIMIT, "%s: %llu bytes", what,
					(unsigned long long)len);
	p = realloc(d->notes, d->notes_len + (size_t)len + 1);
	if (!p)
		return &lsg_enomem;
	d->notes = p;
	err = dump_pread(d, p + d->notes_len, (size_t)len, off);
	if (err)
		return lsg_error_wrap(err, "%s", what);
	d->notes_len += (size_t)len;
	return NULL;
}

struct lsg_error *dump_cache_init(struct dump_cache *c, size_t page_size)
{
	memset(c, 0, sizeof(*c));
	c->page_size = page_size;
	for (int i = 0; i < DUMP_PAGE_CACHE; i++) {
		c->slot[i].data = malloc(page_size);
		if (!c->slot[i].data)
			return &lsg_enomem;
	}
	return NULL;
}

void dump_cache_deinit(struct dump_cache *c)
{
	for (int i = 0; i < DUMP_PAGE_CACHE; i++)
		free(c->slot[i].data);
	memset(c, 0, sizeof(*c));
}

static struct lsg_error *cache_page(struct dump *d, struct dump_cache *c,
				    struct lsg_error *(*load)(struct dump *d,
							      uint64_t key,
							      char *buf),
				    uint64_t key, const char **ret)
{
	struct lsg_error *err;
	int v = 0;

	c->clock++;
	for (int i = 0; i < DUMP_PAGE_CACHE; i++) {
		if (c->slot[i].used && c->slot[i].key == key) {
			c->slot[i].used = c->clock;
			*ret = c->slot[i].data;
			return NULL;
		}
		if (c->slot[i].used < c->slot[v].used)
			v = i;
	}
	c->slot[v].used = 0;
	err = load(d, key, c->slot[v].data);
	if (err)
		return err;
	c->slot[v].key = key;
	c->slot[v].used = c->clock;
	*ret = c->slot[v].data;
	return NULL;
}

struct lsg_error *dump_cache_read(struct dump *d, struct dump_cache *c,
				  struct lsg_error *(*load)(struct dump *d,
							    uint64_t key,
							    char *buf),
				  uint64_t off, void *buf, size_t len)
{
	size_t ps = c->page_size;
	char *out = buf;

	while (len) {
		size_t in_page = (size_t)(off % ps);
		size_t n = ps - in_page < len ? ps - in_page : len;
		struct lsg_error *err;
		const char *page;

		err = cache_page(d, c, load, off / ps, &page);
		if (err)
			return err;
		memcpy(out, page + in_page, n);
		out += n;
		off += n;
		len -= n;
	}
	return NULL;
}

struct lsg_error *dump_read_phys(struct dump *d, uint64_t paddr, void *buf,
				 size_t len)
{
	if (d->kdf)
		return dump_kdf_read(d, paddr, 1, buf, len);
	if (d->kdump)
		return dump_kdump_read_phys(d, paddr, buf, len);
	return dump_elf_read_phys(d, paddr, buf, len);
}

/* Walk one note; returns the offset of the next, or 0 at the end. */
static size_t note_next(const struct dump *d, size_t off, const char **name,
			uint32_t *namesz, uint32_t *type, const char **desc,
			uint32_t *descsz)
{
	size_t end = d->notes_len, nsz, dsz;

	if (off + 12 > end)
		return 0;
	*namesz = (uint32_t)dump_ld(d, d->notes + off, 4);
	*descsz = (uint32_t)dump_ld(d, d->notes + off + 4, 4);
	*type = (uint32_t)dump_ld(d, d->notes + off + 8, 4);
	nsz = ((size_t)*namesz + 3) & ~(size_t)3;
	dsz = ((size_t)*descsz + 3) & ~(size_t)3;
	if (nsz > end - off - 12 || dsz > end - off - 12 - nsz)
		return 0;
	*name = d->notes + off + 12;
	*desc = *name + nsz;
	return off + 12 + nsz + dsz;
}

static int note_is(const char *name, uint32_t namesz, const char *want)
{
	size_t n = strlen(want);

	return namesz >= n && !memcmp(name, want, n) &&
	       (namesz == n || name[n] == '\0');
}

/*
 * Find note @want (name, type) number @index.  Returns its descriptor or
 * NULL; @size receives its length.
 */
static const char *note_find(const struct dump *d, const char *want,
			     uint32_t want_type, unsigned index,
			     uint32_t *size)
{
	const char *name, *desc;
	uint32_t namesz, type, descsz;
	size_t off = 0, next;

	while ((next = note_next(d, off, &name, &namesz, &type, &desc,
				 &descsz))) {
		if (note_is(name, namesz, want) && type == want_type &&
		    !index--) {
			*size = descsz;
			return desc;
		}
		off = next;
	}
	return NULL;
}

static void dump_load_vmcoreinfo(struct dump *d)
{
	uint32_t size;
	const char *vi;

	if (d->kdf)
		return;
	vi = note_find(d, "VMCOREINFO", 0, 0, &size);

	if (!vi) {
		d->vmcoreinfo_err = lsg_error_create(LSG_ERR_NODATA,
			"no VMCOREINFO note in the dump");
		return;
	}
	d->vmcoreinfo_err = vmcoreinfo_parse(vi, size, &d->vmcoreinfo);
	if (d->vmcoreinfo_err)
		d->vmcoreinfo_err = lsg_error_wrap(d->vmcoreinfo_err,
						   "VMCOREINFO");
}

/* Kernel image translation and the page-table root, from VMCOREINFO. */
static void dump_setup_xlat(struct dump *d)
{
	const struct vmcoreinfo *vi = &d->vmcoreinfo;
	uint64_t pgt;
	int64_t pb, l5;

	if (d->vmcoreinfo_err || d->kdf || strcmp(d->arch, "x86_64"))
		return;
	if (vmcoreinfo_number(vi, "NUMBER", "phys_base", &pb)) {
		d->phys_base = (uint64_t)pb;
		d->have_phys_base = 1;
	}
	d->levels = vmcoreinfo_number(vi, "NUMBER", "pgtable_l5_enabled",
				      &l5) && l5 ? 5 : 4;
	if (d->have_phys_base &&
	    (vmcoreinfo_symbol(vi, "init_top_pgt", &pgt) ||
	     vmcoreinfo_symbol(vi, "init_level4_pgt", &pgt)) &&
	    pgt >= X86_START_KERNEL_MAP)
		d->pgd = pgt - X86_START_KERNEL_MAP + d->phys_base;
}

static void dump_load_uts(struct dump *d)
{
	const struct vmcoreinfo *vi = &d->vmcoreinfo;
	struct lsg_error *err;
	uint64_t addr;
	int64_t off = 0;
	char buf[6 * 65];

	if (d->vmcoreinfo_err || !vmcoreinfo_symbol(vi, "init_uts_ns", &addr))
		return;
	vmcoreinfo_number(vi, "OFFSET", "uts_namespace.name", &off);
	if (off < 0 || off > 4096)
		return;
	/* Unreadable utsname is not an error: the fields are just null. */
	err = dump_read(d, addr + (uint64_t)off, buf, sizeof(buf));
	if (err || memcmp(buf, "Linux", 6)) {
		lsg_error_destroy(err);
		return;
	}
	memcpy(d->uts, buf, sizeof(buf));
	for (int i = 0; i < 6; i++)
		d->uts[i][64] = '\0';
	d->have_uts = 1;
}

int dump_identity(const struct dump *d, unsigned char ret[DUMP_IDENTITY_SIZE])
{
	struct sha256_ctx ctx;

	if (!d || !d->notes_len)
		return 0;
	sha256_init(&ctx);
	sha256_update(&ctx, d->notes_len, (const uint8_t *)d->notes);
	sha256_digest(&ctx, DUMP_IDENTITY_SIZE, ret);
	return 1;
}

static struct lsg_error *dump_open_format(struct dump *d,
					  enum dump_reader reader)
{
	static const char flat_sig[] = "makedumpfile";
	static const char kdump_sig[] = "KDUMP   ";
	unsigned char head[16] = { 0 };
	size_t n = d->file_size < sizeof(head) ? (size_t)d->file_size :
						 sizeof(head);
	struct lsg_error *err = dump_pread(d, head, n, 0);

	if (err)
		return err;
	/* Neither reader takes a stream: it has no random access. */
	if (!memcmp(head, flat_sig, sizeof(flat_sig) - 1))
		return lsg_error_create(LSG_ERR_INVALID,
			"%s is a flattened makedumpfile stream (makedumpfile -F); convert it first with: makedumpfile -R %s.kdump < %s",
			d->path, d->path, d->path);
	if (reader == DUMP_READER_LIBKDUMPFILE)
		return dump_kdf_open(d);
	if (!memcmp(head, kdump_sig, sizeof(kdump_sig) - 1))
		return dump_kdump_open(d);
	if (!memcmp(head, ELFMAG, SELFMAG))
		return dump_elf_open(d);
	return lsg_error_create(LSG_ERR_UNSUPPORTED,
		"%s: not a vmcore the agent reads itself (neither ELF nor kdump-compressed)",
		d->path);
}

static void dump_check_arch(struct dump *d);

static struct lsg_error *dump_create(const char *path, enum dump_reader reader,
				     struct dump **ret)
{
	struct lsg_error *err;
	struct dump *d = calloc(1, sizeof(*d));
	struct stat st;

	if (!d)
		return &lsg_enomem;
	d->path = path;
	d->reader = reader;
	d->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (d->fd < 0) {
		err = lsg_error_os(errno, "open %s", path);
		free(d);
		return err;
	}
	/* /proc/vmcore reports its size; a regular file must have one. */
	if (fstat(d->fd, &st) || st.st_size <= 0) {
		dump_close(d);
		return lsg_error_create(LSG_ERR_NODATA, "%s: empty file",
					path);
	}
	d->file_size = (uint64_t)st.st_size;
	err = dump_open_format(d, reader);
	if (err) {
		dump_close(d);
		return err;
	}
	if (!d->kdf)
		dump_check_arch(d);
	dump_load_vmcoreinfo(d);
	dump_setup_xlat(d);
	dump_load_uts(d);
	*ret = d;
	return NULL;
}

/*
 * A dump's id comes from its notes (dump_identity()).  libkdumpfile does
 * not hand out their bytes, so a dump it reads takes the notes the fast
 * reader's format layer found (@fast, or opened here): both readers then
 * give one dump one id.
 */
static void dump_take_notes(struct dump *d, struct dump *fast)
{
	struct dump *own = NULL;

	if (d->notes_len)
		return;
	if (!fast)
		lsg_error_destroy(dump_create(d->path, DUMP_READER_FAST, &own));
	if (!fast && !own)
		return;
	if (!fast)
		fast = own;
	d->notes = fast->notes;
	d->notes_len = fast->notes_len;
	fast->notes = NULL;
	fast->notes_len = 0;
	dump_close(own);
}

/* What the agent's own reader covers: x86_64 ELF and kdump-compressed. */
static int dump_fast_covers(const struct dump *d, const struct lsg_error *err)
{
	if (err)
		return err->code != LSG_ERR_UNSUPPORTED;
	return !strcmp(d->arch, "x86_64");
}

/*
 * auto: the fast reader when it covers the dump, else libkdumpfile.  When
 * libkdumpfile cannot be had, a dump the fast reader opened is still read
 * by it (an aarch64 ELF dump needs no translation, for one).
 */
static struct lsg_error *dump_open_auto(const char *path, struct dump **ret)
{
	struct dump *fast = NULL, *lib = NULL;
	struct lsg_error *err, *lib_err, *both;

	err = dump_create(path, DUMP_READER_FAST, &fast);
	if (dump_fast_covers(fast, err)) {
		if (!err)
			*ret = fast;
		return err;
	}
	lib_err = dump_create(path, DUMP_READER_LIBKDUMPFILE, &lib);
	if (!lib_err) {
		if (fast)
			dump_take_notes(lib, fast);
		dump_close(fast);
		lsg_error_destroy(err);
		*ret = lib;
		return NULL;
	}
	if (!err) {
		lsg_error_destroy(lib_err);
		*ret = fast;
		return NULL;
	}
	both = lsg_error_create(err->code, "%s; %s", err->message,
				lib_err->message);
	lsg_error_destroy(err);
	lsg_error_destroy(lib_err);
	return both;
}

struct lsg_error *dump_open_reader(const char *path, enum dump_reader reader,
				   struct dump **ret)
{
	struct lsg_error *err;

	if (reader == DUMP_READER_AUTO)
		return dump_open_auto(path, ret);
	err = dump_create(path, reader, ret);
	if (!err && reader == DUMP_READER_LIBKDUMPFILE)
		dump_take_notes(*ret, NULL);
	return err;
}

struct lsg_error *dump_open(const char *path, struct dump **ret)
{
	return dump_open_reader(path, DUMP_READER_AUTO, ret);
}

static const char *const reader_names[] = {
	[DUMP_READER_AUTO] = "auto",
	[DUMP_READER_FAST] = "fast",
	[DUMP_READER_LIBKDUMPFILE] = "libkdumpfile",
};

struct lsg_error *dump_reader_parse(const char *name, enum dump_reader *ret)
{
	for (size_t i = 0; i < sizeof(reader_names) / sizeof(*reader_names);
	     i++)
		if (!strcmp(name, reader_names[i])) {
			*ret = (enum dump_reader)i;
			return NULL;
		}
	return lsg_error_create(LSG_ERR_INVALID,
		"reader must be auto, fast or libkdumpfile, not '%s'", name);
}

const char *dump_reader_name(const struct dump *d)
{
	return reader_names[d->reader];
}

void dump_close(struct dump *d)
{
	if (!d)
		return;
	dump_kdump_close(d);
	dump_kdf_close(d);
	dump_cache_deinit(&d->file_cache);
	if (d->fd >= 0)
		close(d->fd);
	free(d->loads);
	free(d->notes);
	vmcoreinfo_deinit(&d->vmcoreinfo);
	lsg_error_destroy(d->vmcoreinfo_err);
	free(d);
}

const char *dump_format(const struct dump *d)
{
	return d->format;
}

struct lsg_error *dump_vmcoreinfo(struct dump *d,
				  const struct vmcoreinfo **ret)
{
	if (d->vmcoreinfo_err)
		return lsg_error_create(d->vmcoreinfo_err->code, "%s",
					d->vmcoreinfo_err->message);
	*ret = &d->vmcoreinfo;
	return NULL;
}

/* x86_64 4- or 5-level walk from init_top_pgt; handles 1G/2M pages. */
static struct lsg_error *x86_translate(struct dump *d, uint64_t vaddr,
				       uint64_t *paddr)
{
	uint64_t table = d->pgd, entry = 0;
	struct lsg_error *err;
	char buf[8];

	for (int level = d->levels; level >= 1; level--) {
		unsigned shift = 12 + 9 * (unsigned)(level - 1);
		uint64_t idx = vaddr >> shift & 511;

		err = dump_read_phys(d, table + idx * 8, buf, 8);
		if (err)
			return lsg_error_wrap(err, "page table");
		entry = dump_ld(d, buf, 8);
		if (!(entry & X86_PTE_PRESENT))
			return lsg_error_create(LSG_ERR_NODATA,
				"0x%llx is not mapped (level %d)",
				(unsigned long long)vaddr, level);
		if (level <= 3 && level > 1 && (entry & X86_PTE_PSE)) {
			uint64_t mask = (1ULL << shift) - 1;

			*paddr = (entry & X86_PTE_PFN_MASK & ~mask) |
				 (vaddr & mask);
			return NULL;
		}
		table = entry & X86_PTE_PFN_MASK;
	}
	*paddr = table | (vaddr & 0xfff);
	return NULL;
}

static struct lsg_error *virt_to_phys(struct dump *d, uint64_t vaddr,
				      uint64_t *paddr)
{
	if (strcmp(d->arch, "x86_64"))
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
			"no address translation for %s", d->arch);
	if (vaddr >= X86_START_KERNEL_MAP && d->have_phys_base) {
		*paddr = vaddr - X86_START_KERNEL_MAP + d->phys_base;
		return NULL;
	}
	if (!d->pgd)
		return lsg_error_create(LSG_ERR_NODATA,
			"0x%llx needs page tables, but VMCOREINFO lacks init_top_pgt",
			(unsigned long long)vaddr);
	return x86_translate(d, vaddr, paddr);
}

/* One page at a time: contiguous virtual is not contiguous physical. */
static struct lsg_error *read_translated(struct dump *d, uint64_t addr,
					 char *buf, size_t len)
{
	while (len) {
		size_t n = 4096 - (size_t)(addr & 4095);
		struct lsg_error *err;
		uint64_t paddr;

		if (n > len)
			n = len;
		err = virt_to_phys(d, addr, &paddr);
		if (!err)
			err = dump_read_phys(d, paddr, buf, n);
		if (err)
			return err;
		addr += n;
		buf += n;
		len -= n;
	}
	return NULL;
}

struct lsg_error *dump_read(struct dump *d, uint64_t addr, void *buf,
			    size_t len)
{
	struct lsg_error *err;
	int found = 0;

	if (d->kdf)
		return dump_kdf_read(d, addr, 0, buf, len);
	if (!d->kdump) {
		err = dump_elf_read_virt(d, addr, buf, len, &found);
		if (err || found)
			return err;
	}
	err = read_translated(d, addr, buf, len);
	if (err)
		return lsg_error_wrap(err, "read 0x%llx+%zu",
				      (unsigned long long)addr, len);
	return NULL;
}

unsigned dump_ptr_size(const struct dump *d)
{
	return d->ptr_size;
}

int dump_big_endian(const struct dump *d)
{
	return d->big_endian;
}

const char *dump_arch(struct dump *d)
{
	return d->arch[0] ? d->arch : NULL;
}

const char *dump_uts(struct dump *d, const char *field)
{
	static const char *const names[] = { "sysname", "nodename", "release",
					     "version", "machine",
					     "domainname" };

	if (!d->have_uts)
		return NULL;
	for (int i = 0; i < 6; i++)
		if (!strcmp(field, names[i]))
			return d->uts[i];
	return NULL;
}

/*
 * Where struct elf_prstatus keeps pr_pid and pr_reg, the reg names, and
 * the note's size (which tells the architectures apart).
 */
struct prstatus_layout {
	const char *arch;
	unsigned pid_off, reg_off, nregs, size;
	const char *const *names;
};

static const char *const x86_64_regs[] = {
	"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9",
	"r8", "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs",
	"rflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs",
};

/* x30 is "lr", as the kernel's own register dump and libkdumpfile say. */
static const char *const aarch64_regs[] = {
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
	"x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20",
	"x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "lr",
	"sp", "pc", "pstate",
};

static const struct prstatus_layout prstatus_layouts[] = {
	{ "x86_64", 32, 112, 27, 336, x86_64_regs },
	{ "aarch64", 32, 112, 34, 392, aarch64_regs },
};

/*
 * A kdump-compressed file names its architecture only in its utsname, a
 * string that one corrupt byte changes.  When that name is not one the
 * agent knows, the CPU notes' size tells it.
 */
static void dump_check_arch(struct dump *d)
{
	const size_t n = sizeof(prstatus_layouts) / sizeof(prstatus_layouts[0]);
	uint32_t size;

	for (size_t k = 0; k < n; k++)
		if (!strcmp(d->arch, prstatus_layouts[k].arch))
			return;
	if (!note_find(d, "CORE", NT_PRSTATUS, 0, &size))
		return;
	for (size_t k = 0; k < n; k++)
		if (size == prstatus_layouts[k].size)
			snprintf(d->arch, sizeof(d->arch), "%s",
				 prstatus_layouts[k].arch);
}

unsigned dump_ncpus(struct dump *d)
{
	unsigned n = 0;
	uint32_t size;

	if (d->kdf)
		return dump_kdf_ncpus(d);
	while (n < DUMP_MAX_CPUS && note_find(d, "CORE", NT_PRSTATUS, n,
					      &size))
		n++;
	return n;
}

struct lsg_error *dump_cpu_regs(struct dump *d, unsigned i,
				struct dump_regs *ret)
{
	const struct prstatus_layout *l = NULL;
	const char *desc;
	uint32_t size;

	if (d->kdf)
		return dump_kdf_cpu_regs(d, i, ret);
	memset(ret, 0, sizeof(*ret));
	for (size_t k = 0; k < sizeof(prstatus_layouts) /
			       sizeof(prstatus_layouts[0]); k++)
		if (!strcmp(d->arch, prstatus_layouts[k].arch))
			l = &prstatus_layouts[k];
	desc = note_find(d, "CORE", NT_PRSTATUS, i, &size);
	if (!desc)
		return lsg_error_create(LSG_ERR_NODATA, "no CPU note %u", i);
	if (!l)
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
					"registers of %s", d->arch);
	if (size < l->reg_off + l->nregs * 8)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"CPU note %u has %u bytes", i, size);
	ret->pid = dump_ld(d, desc + l->pid_off, 4);
	for (unsigned r = 0; r < l->nregs; r++) {
		snprintf(ret->names[r], sizeof(ret->names[r]), "%s",
			 l->names[r]);
		ret->values[r] = dump_ld(d, desc + l->reg_off + 8 * r, 8);
	}
	ret->nregs = l->nregs;
	return NULL;
}
