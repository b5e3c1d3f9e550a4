/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

#include "dump.h"

/*
 * libkdumpfile keeps a page cache; the printk walk reads a few hundred KiB
 * in bulk, so a small cache bounds its memory without costing speed.
 */
static const kdump_num_t DUMP_CACHE_PAGES = 64;

struct dump {
	kdump_ctx_t *ctx;
	int fd;
	char format[32];
	char arch[32];
	unsigned ptr_size;
	int big_endian;
	struct vmcoreinfo vmcoreinfo;
	struct lsg_error *vmcoreinfo_err;
};

/* The library's own message, or its generic one when it has none. */
static const char *kd_msg(kdump_ctx_t *ctx, kdump_status st)
{
	const char *msg = kdump_get_err(ctx);

	return msg ? msg : kdump_strerror(st);
}

static struct lsg_error *kd_error(kdump_ctx_t *ctx, kdump_status st,
				  const char *what)
{
	enum lsg_error_code code = LSG_ERR_LIB;

	if (st == KDUMP_ERR_NODATA || st == KDUMP_ERR_NOKEY ||
	    st == KDUMP_ERR_EOF)
		code = LSG_ERR_NODATA;
	else if (st == KDUMP_ERR_CORRUPT)
		code = LSG_ERR_CORRUPT;
	return lsg_error_create(code, "%s: %s", what, kd_msg(ctx, st));
}

/* makedumpfile -F output starts with this signature in its header block. */
static struct lsg_error *dump_check_flattened(int fd, const char *path)
{
	static const char sig[] = "makedumpfile";
	char head[sizeof(sig) - 1];

	if (pread(fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    memcmp(head, sig, sizeof(head)))
		return NULL;
	return lsg_error_create(LSG_ERR_UNSUPPORTED,
		"%s is a flattened makedumpfile stream (makedumpfile -F); convert it first with: makedumpfile -R %s.kdump < %s",
		path, path, path);
}

static void dump_read_vmcoreinfo(struct dump *d)
{
	kdump_attr_t attr;
	kdump_status st;
	const void *data;

	st = kdump_get_attr(d->ctx, "linux.vmcoreinfo.raw", &attr);
	if (st != KDUMP_OK || attr.type != KDUMP_BLOB) {
		d->vmcoreinfo_err = st == KDUMP_OK ?
			lsg_error_create(LSG_ERR_CORRUPT,
					 "VMCOREINFO note has an odd type") :
			lsg_error_create(LSG_ERR_NODATA,
					 "no VMCOREINFO note in the dump");
		return;
	}
	data = kdump_blob_pin(attr.val.blob);
	d->vmcoreinfo_err = vmcoreinfo_parse(data,
					     kdump_blob_size(attr.val.blob),
					     &d->vmcoreinfo);
	kdump_blob_unpin(attr.val.blob);
	if (d->vmcoreinfo_err)
		d->vmcoreinfo_err = lsg_error_wrap(d->vmcoreinfo_err,
						   "VMCOREINFO");
}

static void dump_read_arch(struct dump *d)
{
	kdump_num_t num;
	const char *s;

	if (kdump_get_string_attr(d->ctx, "file.format", &s) == KDUMP_OK)
		snprintf(d->format, sizeof(d->format), "%s", s);
	if (kdump_get_string_attr(d->ctx, KDUMP_ATTR_ARCH_NAME, &s) ==
	    KDUMP_OK)
		snprintf(d->arch, sizeof(d->arch), "%s", s);
	d->ptr_size = 8;
	if (kdump_get_number_attr(d->ctx, KDUMP_ATTR_PTR_SIZE, &num) ==
	    KDUMP_OK && (num == 4 || num == 8))
		d->ptr_size = (unsigned)num;
	if (kdump_get_number_attr(d->ctx, KDUMP_ATTR_BYTE_ORDER, &num) ==
	    KDUMP_OK)
		d->big_endian = num == KDUMP_BIG_ENDIAN;
}

static struct lsg_error *dump_open_ctx(struct dump *d, const char *path)
{
	kdump_status st;

	d->ctx = kdump_new();
	if (!d->ctx)
		return &lsg_enomem;
	kdump_set_number_attr(d->ctx, "cache.size", DUMP_CACHE_PAGES);
	st = kdump_open_fd(d->ctx, d->fd);
	if (st != KDUMP_OK)
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
					"%s: not a readable vmcore: %s", path,
					kd_msg(d->ctx, st));
	/*
	 * Linux layout detection: needed for reads from kdump-compressed
	 * files.  Its failure (e.g. truncated page tables) is not fatal:
	 * ELF dumps still translate through their program headers.
	 */
	kdump_set_string_attr(d->ctx, KDUMP_ATTR_OSTYPE, "linux");
	dump_read_arch(d);
	dump_read_vmcoreinfo(d);
	return NULL;
}

struct lsg_error *dump_open(const char *path, struct dump **ret)
{
	struct lsg_error *err;
	struct dump *d = calloc(1, sizeof(*d));

	if (!d)
		return &lsg_enomem;
	d->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (d->fd < 0) {
		err = lsg_error_os(errno, "open %s", path);
		free(d);
		return err;
	}
	err = dump_check_flattened(d->fd, path);
	if (!err)
		err = dump_open_ctx(d, path);
	if (err) {
		dump_close(d);
		return err;
	}
	*ret = d;
	return NULL;
}

void dump_close(struct dump *d)
{
	if (!d)
		return;
	if (d->ctx)
		kdump_free(d->ctx);
	if (d->fd >= 0)
		close(d->fd);
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

struct lsg_error *dump_read(struct dump *d, uint64_t addr, void *buf,
			    size_t len)
{
	size_t got = len;
	kdump_status st;

	st = kdump_read(d->ctx, KDUMP_KVADDR, addr, buf, &got);
	if (st == KDUMP_OK)
		return NULL;
	if (st == KDUMP_ERR_ADDRXLAT || st == KDUMP_ERR_EOF)
		st = KDUMP_ERR_NODATA;
	return kd_error(d->ctx, st, "read");
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
	char key[64];
	const char *s;

	snprintf(key, sizeof(key), "linux.uts.%s", field);
	if (kdump_get_string_attr(d->ctx, key, &s) != KDUMP_OK)
		return NULL;
	return s;
}

unsigned dump_ncpus(struct dump *d)
{
	kdump_num_t n;

	if (kdump_get_number_attr(d->ctx, KDUMP_ATTR_NUM_CPUS, &n) !=
	    KDUMP_OK)
		return 0;
	return n > DUMP_MAX_CPUS ? DUMP_MAX_CPUS : (unsigned)n;
}

static struct lsg_error *dump_collect_regs(struct dump *d, const char *dir,
					   struct dump_regs *regs)
{
	kdump_attr_iter_t it;
	kdump_status st;

	st = kdump_attr_iter_start(d->ctx, dir, &it);
	if (st != KDUMP_OK)
		return kd_error(d->ctx, st, dir);
	while (it.key && regs->nregs < DUMP_MAX_REGS) {
		kdump_attr_t attr;

		if (kdump_attr_ref_get(d->ctx, &it.pos, &attr) == KDUMP_OK &&
		    attr.type == KDUMP_NUMBER) {
			snprintf(regs->names[regs->nregs],
				 sizeof(regs->names[0]), "%s", it.key);
			regs->values[regs->nregs++] = attr.val.number;
		}
		st = kdump_attr_iter_next(d->ctx, &it);
		if (st != KDUMP_OK)
			break;
	}
	kdump_attr_iter_end(d->ctx, &it);
	return NULL;
}

struct lsg_error *dump_cpu_regs(struct dump *d, unsigned i,
				struct dump_regs *ret)
{
	char key[64];
	kdump_num_t pid;

	memset(ret, 0, sizeof(*ret));
	snprintf(key, sizeof(key), "cpu.%u.pid", i);
	if (kdump_get_number_attr(d->ctx, key, &pid) == KDUMP_OK)
		ret->pid = pid;
	snprintf(key, sizeof(key), "cpu.%u.reg", i);
	return dump_collect_regs(d, key, ret);
}
