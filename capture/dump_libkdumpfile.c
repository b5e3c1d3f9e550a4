/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The second reader: libkdumpfile (with libaddrxlat) for every dump the
 * agent's own reader does not cover: other architectures (aarch64 first)
 * and other formats (snappy pages, sadump, LKCD, Xen...).
 *
 * Debian ships libkdumpfile only as a shared object, and the agent is
 * linked statically so that the common path maps nothing but itself.  The
 * library is therefore dlopen()ed the first time a dump needs it: a dump
 * the fast reader covers never loads it.  The library's own allocations
 * stay inside it (only borrowed attribute values are used), which matters
 * because a static program and the libc the library brings have separate
 * heaps.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libkdumpfile/kdumpfile.h>

#include "dump_internal.h"

/* The soname of Debian 12's libkdumpfile10 (libkdumpfile 0.5). */
static const char KDF_SONAME[] = "libkdumpfile.so.10";

/* The entry points we call, resolved with dlsym; prototypes from the header. */
struct kdf_api {
	__typeof__(kdump_new) *new_ctx;
	__typeof__(kdump_free) *free_ctx;
	__typeof__(kdump_open_fdset) *open_fdset;
	__typeof__(kdump_get_err) *get_err;
	__typeof__(kdump_set_attr) *set_attr;
	__typeof__(kdump_get_attr) *get_attr;
	__typeof__(kdump_read) *read;
	__typeof__(kdump_blob_pin) *blob_pin;
	__typeof__(kdump_blob_unpin) *blob_unpin;
	__typeof__(kdump_blob_size) *blob_size;
	__typeof__(kdump_attr_iter_start) *iter_start;
	__typeof__(kdump_attr_iter_next) *iter_next;
	__typeof__(kdump_attr_iter_end) *iter_end;
	__typeof__(kdump_attr_ref_get) *ref_get;
};

struct dump_kdf {
	void *lib;
	struct kdf_api api;
	kdump_ctx_t *ctx;
};

#define KDF_SYM(field, name) { offsetof(struct kdf_api, field), #name }

static const struct {
	size_t off;
	const char *name;
} kdf_syms[] = {
	KDF_SYM(new_ctx, kdump_new),
	KDF_SYM(free_ctx, kdump_free),
	KDF_SYM(open_fdset, kdump_open_fdset),
	KDF_SYM(get_err, kdump_get_err),
	KDF_SYM(set_attr, kdump_set_attr),
	KDF_SYM(get_attr, kdump_get_attr),
	KDF_SYM(read, kdump_read),
	KDF_SYM(blob_pin, kdump_blob_pin),
	KDF_SYM(blob_unpin, kdump_blob_unpin),
	KDF_SYM(blob_size, kdump_blob_size),
	KDF_SYM(iter_start, kdump_attr_iter_start),
	KDF_SYM(iter_next, kdump_attr_iter_next),
	KDF_SYM(iter_end, kdump_attr_iter_end),
	KDF_SYM(ref_get, kdump_attr_ref_get),
};

static struct lsg_error *kdf_load(struct dump_kdf *k)
{
	k->lib = dlopen(KDF_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!k->lib)
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
					"libkdumpfile is not available: %s",
					dlerror());
	for (size_t i = 0; i < sizeof(kdf_syms) / sizeof(kdf_syms[0]); i++) {
		void *sym = dlsym(k->lib, kdf_syms[i].name);

		if (!sym)
			return lsg_error_create(LSG_ERR_UNSUPPORTED,
						"%s lacks %s", KDF_SONAME,
						kdf_syms[i].name);
		memcpy((char *)&k->api + kdf_syms[i].off, &sym, sizeof(sym));
	}
	return NULL;
}

/* Translate a libkdumpfile status, with its message, into our codes. */
static struct lsg_error *kdf_error(struct dump_kdf *k, kdump_status st,
				   const char *what)
{
	const char *msg = k->api.get_err(k->ctx);
	enum lsg_error_code code = LSG_ERR_CORRUPT;

	if (st == KDUMP_ERR_NODATA || st == KDUMP_ERR_NOKEY)
		code = LSG_ERR_NODATA;
	else if (st == KDUMP_ERR_NOTIMPL)
		code = LSG_ERR_UNSUPPORTED;
	return lsg_error_create(code, "libkdumpfile: %s: %s", what,
				msg ? msg : "unknown error");
}

static struct lsg_error *kdf_get(struct dump_kdf *k, const char *key,
				 kdump_attr_type_t type, kdump_attr_t *ret)
{
	kdump_status st = k->api.get_attr(k->ctx, key, ret);

	if (st != KDUMP_OK)
		return kdf_error(k, st, key);
	if (ret->type != type)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"libkdumpfile: %s has type %d",
					key, (int)ret->type);
	return NULL;
}

static struct lsg_error *kdf_number(struct dump_kdf *k, const char *key,
				    uint64_t *ret)
{
	kdump_attr_t a;
	struct lsg_error *err = kdf_get(k, key, KDUMP_NUMBER, &a);

	if (!err)
		*ret = a.val.number;
	return err;
}

/* The names the agent's bundle uses for libkdumpfile's file.format. */
static const char *kdf_format_name(const char *fmt)
{
	return strcmp(fmt, "diskdump") ? fmt : "kdump-compressed";
}

static struct lsg_error *kdf_describe(struct dump *d, struct dump_kdf *k)
{
	kdump_attr_t a;
	uint64_t n;
	struct lsg_error *err;

	err = kdf_get(k, "file.format", KDUMP_STRING, &a);
	if (err)
		return err;
	snprintf(d->format, sizeof(d->format), "%s",
		 kdf_format_name(a.val.string));
	err = kdf_get(k, "arch.name", KDUMP_STRING, &a);
	if (err)
		return err;
	snprintf(d->arch, sizeof(d->arch), "%s", a.val.string);
	err = kdf_number(k, "arch.ptr_size", &n);
	if (err)
		return err;
	d->ptr_size = (unsigned)n;
	err = kdf_number(k, "arch.byte_order", &n);
	if (err)
		return err;
	d->big_endian = n == KDUMP_BIG_ENDIAN;
	return NULL;
}

/* Copy the raw VMCOREINFO text into the dump's parsed form. */
static void kdf_load_vmcoreinfo(struct dump *d, struct dump_kdf *k)
{
	kdump_attr_t a;
	const char *raw;

	d->vmcoreinfo_err = kdf_get(k, "linux.vmcoreinfo.raw", KDUMP_BLOB, &a);
	if (d->vmcoreinfo_err)
		return;
	raw = k->api.blob_pin(a.val.blob);
	d->vmcoreinfo_err = vmcoreinfo_parse(raw, k->api.blob_size(a.val.blob),
					     &d->vmcoreinfo);
	k->api.blob_unpin(a.val.blob);
	if (d->vmcoreinfo_err)
		d->vmcoreinfo_err = lsg_error_wrap(d->vmcoreinfo_err,
						   "VMCOREINFO");
}

struct lsg_error *dump_kdf_open(struct dump *d)
{
	struct dump_kdf *k = calloc(1, sizeof(*k));
	kdump_attr_t ostype = { .type = KDUMP_STRING, .val.string = "linux" };
	kdump_attr_t no_mmap = { .type = KDUMP_NUMBER,
				 .val.number = KDUMP_MMAP_NEVER };
	struct lsg_error *err;
	kdump_status st;

	if (!k)
		return &lsg_enomem;
	d->kdf = k;
	err = kdf_load(k);
	if (err)
		return err;
	k->ctx = k->api.new_ctx();
	if (!k->ctx)
		return &lsg_enomem;
	/*
	 * A mapped truncated file kills the reader with SIGBUS where a read
	 * only comes back short: read(2) it is, as the agent's own reader.
	 */
	st = k->api.set_attr(k->ctx, KDUMP_ATTR_FILE_MMAP_POLICY, &no_mmap);
	if (st != KDUMP_OK)
		return kdf_error(k, st, KDUMP_ATTR_FILE_MMAP_POLICY);
	st = k->api.open_fdset(k->ctx, 1, &d->fd);
	if (st != KDUMP_OK)
		return kdf_error(k, st, d->path);
	/* Linux page tables and VMCOREINFO: set up address translation. */
	st = k->api.set_attr(k->ctx, KDUMP_ATTR_OSTYPE, &ostype);
	if (st != KDUMP_OK)
		return kdf_error(k, st, KDUMP_ATTR_OSTYPE);
	err = kdf_describe(d, k);
	if (err)
		return err;
	kdf_load_vmcoreinfo(d, k);
	return NULL;
}

void dump_kdf_close(struct dump *d)
{
	struct dump_kdf *k = d->kdf;

	if (!k)
		return;
	/*
	 * The library stays loaded: unloading it (and the C++ runtime snappy
	 * brings) gains nothing in a process about to exit, and a leak
	 * checker could no longer say whose memory is left.
	 */
	if (k->ctx)
		k->api.free_ctx(k->ctx);
	free(k);
	d->kdf = NULL;
}

struct lsg_error *dump_kdf_read(struct dump *d, uint64_t addr, int phys,
				void *buf, size_t len)
{
	struct dump_kdf *k = d->kdf;
	size_t got = len;
	kdump_status st;

	st = k->api.read(k->ctx, phys ? KDUMP_KPHYSADDR : KDUMP_KVADDR,
			 addr, buf, &got);
	if (st == KDUMP_OK && got == len)
		return NULL;
	if (st == KDUMP_OK)
		return lsg_error_create(LSG_ERR_NODATA,
			"libkdumpfile: read %zu of %zu bytes at 0x%llx", got,
			len, (unsigned long long)addr);
	return kdf_error(k, st, phys ? "physical read" : "read");
}

unsigned dump_kdf_ncpus(struct dump *d)
{
	uint64_t n = 0;
	struct lsg_error *err = kdf_number(d->kdf, "cpu.number", &n);

	lsg_error_destroy(err);
	return n > DUMP_MAX_CPUS ? DUMP_MAX_CPUS : (unsigned)n;
}

/* Append register @name = @a to @ret, if it is a number and there is room. */
static void kdf_add_reg(struct dump_regs *ret, const char *name,
			const kdump_attr_t *a)
{
	if (a->type != KDUMP_NUMBER || ret->nregs >= DUMP_MAX_REGS)
		return;
	snprintf(ret->names[ret->nregs], sizeof(ret->names[0]), "%s", name);
	ret->values[ret->nregs++] = a->val.number;
}

/* libkdumpfile lists a CPU's registers newest first: put them in note order. */
static void kdf_reverse_regs(struct dump_regs *r)
{
	for (unsigned i = 0, j = r->nregs - 1; r->nregs && i < j; i++, j--) {
		char name[sizeof(r->names[0])];
		uint64_t v = r->values[i];

		memcpy(name, r->names[i], sizeof(name));
		memcpy(r->names[i], r->names[j], sizeof(name));
		memcpy(r->names[j], name, sizeof(name));
		r->values[i] = r->values[j];
		r->values[j] = v;
	}
}

struct lsg_error *dump_kdf_cpu_regs(struct dump *d, unsigned i,
				    struct dump_regs *ret)
{
	struct dump_kdf *k = d->kdf;
	kdump_attr_iter_t it;
	struct lsg_error *err;
	kdump_status st;
	char key[64];
	kdump_attr_t a;

	memset(ret, 0, sizeof(*ret));
	snprintf(key, sizeof(key), "cpu.%u.pid", i);
	err = kdf_number(k, key, &ret->pid);
	if (err)
		return err;
	snprintf(key, sizeof(key), "cpu.%u.reg", i);
	st = k->api.iter_start(k->ctx, key, &it);
	if (st != KDUMP_OK)
		return kdf_error(k, st, key);
	while (st == KDUMP_OK && it.key) {
		/* A register without a value is left out, not an error. */
		if (k->api.ref_get(k->ctx, &it.pos, &a) == KDUMP_OK)
			kdf_add_reg(ret, it.key, &a);
		st = k->api.iter_next(k->ctx, &it);
	}
	k->api.iter_end(k->ctx, &it);
	if (st != KDUMP_OK)
		return kdf_error(k, st, key);
	kdf_reverse_regs(ret);
	return NULL;
}
