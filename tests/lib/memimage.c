/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "memimage.h"

static uint64_t get_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

int memimage_parse(const uint8_t *buf, size_t len, struct memimage *ret)
{
	size_t pos = 14;

	memset(ret, 0, sizeof(*ret));
	if (len < pos || memcmp(buf, "LSGMEM1\n", 8))
		return -1;
	ret->ptr_size = buf[8];
	ret->big_endian = buf[9];
	ret->vmcoreinfo_len = (size_t)get_le(buf + 10, 4);
	if (ret->vmcoreinfo_len > len - pos)
		return -1;
	ret->vmcoreinfo = (const char *)buf + pos;
	pos += ret->vmcoreinfo_len;
	while (len - pos >= 12 && ret->nregions < MEMIMAGE_MAX_REGIONS) {
		size_t n = (size_t)get_le(buf + pos + 8, 4);

		if (n > len - pos - 12)
			return -1;
		ret->regions[ret->nregions].addr = get_le(buf + pos, 8);
		ret->regions[ret->nregions].len = n;
		ret->regions[ret->nregions].data = buf + pos + 12;
		ret->nregions++;
		pos += 12 + n;
	}
	return 0;
}

static struct lsg_error *img_read(void *arg, uint64_t addr, void *buf,
				  size_t len)
{
	const struct memimage *img = arg;

	for (size_t i = 0; i < img->nregions; i++) {
		uint64_t a = img->regions[i].addr;
		size_t n = img->regions[i].len;

		if (addr >= a && addr - a <= n && len <= n - (addr - a)) {
			memcpy(buf, img->regions[i].data + (addr - a), len);
			return NULL;
		}
	}
	return lsg_error_create(LSG_ERR_NODATA,
				"no image region holds 0x%llx+%zu",
				(unsigned long long)addr, len);
}

struct printk_reader memimage_reader(struct memimage *img)
{
	struct printk_reader rd = {
		.read = img_read,
		.arg = img,
		.ptr_size = img->ptr_size,
		.big_endian = img->big_endian,
	};
	return rd;
}

static int put(struct memimage_writer *w, const void *p, size_t n)
{
	if (w->len + n > w->cap) {
		size_t cap = (w->len + n) * 2;
		uint8_t *b = realloc(w->buf, cap);

		if (!b)
			return -1;
		w->buf = b;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 0;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

int memimage_writer_init(struct memimage_writer *w, unsigned ptr_size,
			 int big_endian, const char *vmcoreinfo, size_t len)
{
	uint8_t hdr[14] = "LSGMEM1\n";

	memset(w, 0, sizeof(*w));
	hdr[8] = (uint8_t)ptr_size;
	hdr[9] = (uint8_t)big_endian;
	put_le(hdr + 10, len, 4);
	return put(w, hdr, sizeof(hdr)) || put(w, vmcoreinfo, len) ? -1 : 0;
}

int memimage_writer_add(struct memimage_writer *w, uint64_t addr,
			const void *data, size_t len)
{
	uint8_t hdr[12];

	if (w->nregions == MEMIMAGE_MAX_REGIONS)
		return -1;
	put_le(hdr, addr, 8);
	put_le(hdr + 8, len, 4);
	if (put(w, hdr, 12) || put(w, data, len))
		return -1;
	w->nregions++;
	return 0;
}

static struct lsg_error *rec_read(void *arg, uint64_t addr, void *buf,
				  size_t len)
{
	struct memimage_recorder *r = arg;
	struct lsg_error *err = r->inner.read(r->inner.arg, addr, buf, len);

	if (!err && memimage_writer_add(&r->out, addr, buf, len))
		return lsg_error_create(LSG_ERR_LIMIT, "image too big");
	return err;
}

struct printk_reader memimage_record_start(struct memimage_recorder *rec,
					   const struct printk_reader *inner,
					   const char *vmcoreinfo,
					   size_t vmcoreinfo_len)
{
	struct printk_reader rd = *inner;

	rec->inner = *inner;
	memimage_writer_init(&rec->out, inner->ptr_size, inner->big_endian,
			     vmcoreinfo, vmcoreinfo_len);
	rd.read = rec_read;
	rd.arg = rec;
	return rd;
}
