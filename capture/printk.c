/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "printk.h"

/* Fields we read, as named in VMCOREINFO.  Table order = struct order. */
struct prb_layout {
	int64_t rb_size, rb_desc_ring, rb_text_ring, rb_fail;
	int64_t dr_count_bits, dr_descs, dr_infos, dr_head_id, dr_tail_id;
	int64_t desc_size, desc_state_var, desc_text_lpos;
	int64_t lpos_begin, lpos_next;
	int64_t info_size, info_seq, info_ts, info_text_len, info_caller;
	int64_t info_dev_info, dev_subsystem, dev_device;
	int64_t len_subsystem, len_device;
	int64_t data_size_bits, data_data, counter;
};

struct layout_field {
	const char *kind, *name;
	size_t off;
	int optional;
};

#define PRB(kind, name, field, opt) \
	{ kind, name, offsetof(struct prb_layout, field), opt }

static const struct layout_field prb_fields[] = {
	PRB("SIZE", "printk_ringbuffer", rb_size, 0),
	PRB("OFFSET", "printk_ringbuffer.desc_ring", rb_desc_ring, 0),
	PRB("OFFSET", "printk_ringbuffer.text_data_ring", rb_text_ring, 0),
	PRB("OFFSET", "printk_ringbuffer.fail", rb_fail, 1),
	PRB("OFFSET", "prb_desc_ring.count_bits", dr_count_bits, 0),
	PRB("OFFSET", "prb_desc_ring.descs", dr_descs, 0),
	PRB("OFFSET", "prb_desc_ring.infos", dr_infos, 0),
	PRB("OFFSET", "prb_desc_ring.head_id", dr_head_id, 0),
	PRB("OFFSET", "prb_desc_ring.tail_id", dr_tail_id, 0),
	PRB("SIZE", "prb_desc", desc_size, 0),
	PRB("OFFSET", "prb_desc.state_var", desc_state_var, 0),
	PRB("OFFSET", "prb_desc.text_blk_lpos", desc_text_lpos, 0),
	PRB("OFFSET", "prb_data_blk_lpos.begin", lpos_begin, 0),
	PRB("OFFSET", "prb_data_blk_lpos.next", lpos_next, 0),
	PRB("SIZE", "printk_info", info_size, 0),
	PRB("OFFSET", "printk_info.seq", info_seq, 0),
	PRB("OFFSET", "printk_info.ts_nsec", info_ts, 0),
	PRB("OFFSET", "printk_info.text_len", info_text_len, 0),
	PRB("OFFSET", "printk_info.caller_id", info_caller, 1),
	PRB("OFFSET", "printk_info.dev_info", info_dev_info, 1),
	PRB("OFFSET", "dev_printk_info.subsystem", dev_subsystem, 1),
	PRB("OFFSET", "dev_printk_info.device", dev_device, 1),
	PRB("LENGTH", "printk_info_subsystem", len_subsystem, 1),
	PRB("LENGTH", "printk_info_device", len_device, 1),
	PRB("OFFSET", "prb_data_ring.size_bits", data_size_bits, 0),
	PRB("OFFSET", "prb_data_ring.data", data_data, 0),
	PRB("OFFSET", "atomic_long_t.counter", counter, 0),
};

/* Bounds on what a sane kernel configures; beyond them the dump lies. */
enum {
	PRB_MAX_COUNT_BITS = 24,
	PRB_MAX_SIZE_BITS = 31,
	PRB_MAX_STRUCT = 4096,
};

struct walk {
	const struct printk_reader *rd;
	char *scratch;
	size_t scratch_size, scratch_used;
	struct lsg_log *log;
	struct printk_stats *stats;
};

static uint64_t ld(const struct walk *w, const char *p, unsigned size)
{
	return bytes_load(p, size, w->rd->big_endian);
}

static uint64_t ld_ulong(const struct walk *w, const char *p)
{
	return ld(w, p, w->rd->ptr_size);
}

/*
 * Both record layouts put the facility byte, then a byte of flags:5 and
 * level:3 (allocated from the other end on big-endian), after a u16
 * length; the caller id, when the kernel records it, is a u32.
 */
static void rec_attrs(const struct walk *w, struct lsg_record *rec,
		      const char *fac, const char *caller)
{
	uint8_t b = (uint8_t)fac[1];

	rec->facility = (uint8_t)fac[0];
	rec->flags = w->rd->big_endian ? b >> 3 : b & 0x1f;
	rec->level = w->rd->big_endian ? b & 7 : b >> 5;
	if (caller) {
		rec->caller_id = (uint32_t)ld(w, caller, 4);
		rec->has_caller = 1;
	}
}

/* Reserve @size bytes of scratch. */
static struct lsg_error *walk_alloc(struct walk *w, uint64_t size,
				    char **ret)
{
	if (size > w->scratch_size - w->scratch_used)
		return lsg_error_create(LSG_ERR_LIMIT,
			"%llu bytes exceed the %zu-byte budget left",
			(unsigned long long)size,
			w->scratch_size - w->scratch_used);
	*ret = w->scratch + w->scratch_used;
	w->scratch_used += (size_t)size;
	return NULL;
}

/* Reserve @size bytes of scratch and fill them from @addr. */
static struct lsg_error *walk_fetch(struct walk *w, uint64_t addr,
				    uint64_t size, const char *what,
				    char **ret)
{
	struct lsg_error *err;
	char *buf;

	err = walk_alloc(w, size, &buf);
	if (!err)
		err = w->rd->read(w->rd->arg, addr, buf, (size_t)size);
	if (err)
		return lsg_error_wrap(err, "%s at 0x%llx (%llu bytes)", what,
				      (unsigned long long)addr,
				      (unsigned long long)size);
	*ret = buf;
	return NULL;
}

static struct lsg_error *layout_load(const struct vmcoreinfo *vi,
				     const struct layout_field *fields,
				     size_t n, void *layout)
{
	for (size_t i = 0; i < n; i++) {
		int64_t *dst = (int64_t *)((char *)layout + fields[i].off);

		*dst = -1;
		if (vmcoreinfo_number(vi, fields[i].kind, fields[i].name,
				      dst) && *dst >= 0 &&
		    *dst <= PRB_MAX_STRUCT)
			continue;
		*dst = -1;
		if (!fields[i].optional)
			return lsg_error_create(LSG_ERR_NODATA,
				"VMCOREINFO lacks a valid %s(%s)",
				fields[i].kind, fields[i].name);
	}
	return NULL;
}

/* A field of @size bytes at @off must lie inside a struct of @total. */
static int fits(int64_t off, unsigned size, int64_t total)
{
	return off >= 0 && off + (int64_t)size <= total;
}

static struct lsg_error *prb_check_layout(const struct prb_layout *l,
					  unsigned ptr)
{
	int ok = fits(l->rb_desc_ring + l->dr_tail_id + l->counter, ptr,
		      l->rb_size) &&
		 fits(l->rb_desc_ring + l->dr_head_id + l->counter, ptr,
		      l->rb_size) &&
		 fits(l->rb_desc_ring + l->dr_count_bits, 4, l->rb_size) &&
		 fits(l->rb_desc_ring + l->dr_descs, ptr, l->rb_size) &&
		 fits(l->rb_desc_ring + l->dr_infos, ptr, l->rb_size) &&
		 fits(l->rb_text_ring + l->data_size_bits, 4, l->rb_size) &&
		 fits(l->rb_text_ring + l->data_data, ptr, l->rb_size) &&
		 fits(l->desc_state_var + l->counter, ptr, l->desc_size) &&
		 fits(l->desc_text_lpos + l->lpos_begin, ptr, l->desc_size) &&
		 fits(l->desc_text_lpos + l->lpos_next, ptr, l->desc_size) &&
		 fits(l->info_seq, 8, l->info_size) &&
		 fits(l->info_ts, 8, l->info_size) &&
		 fits(l->info_text_len, 4, l->info_size) &&
		 (l->info_caller < 0 || fits(l->info_caller, 4, l->info_size));

	if (!ok)
		return lsg_error_create(LSG_ERR_CORRUPT,
			"VMCOREINFO printk offsets lie outside their structs");
	return NULL;
}

/*
 * Descriptors and infos are read a window of PRB_WINDOW slots at a time,
 * in walk order; a record's text is read on its own when it is emitted,
 * so the text ring (128 KiB by default, up to 2 GiB with log_buf_len=) is
 * never copied whole.  A text is at most a u16 long.
 */
enum { PRB_WINDOW = 64, PRB_MAX_TEXT = 0xffff };

struct prb {
	const struct prb_layout *l;
	uint64_t descs_addr, infos_addr;
	char *descs, *infos;		/* PRB_WINDOW slots each */
	/* First slot held in descs and infos, or UINT64_MAX. */
	uint64_t desc_window, info_window;
	uint64_t data_addr;
	char *text;			/* block id and text of one record */
	uint64_t count, size;
	unsigned size_bits;
	uint64_t id_mask;
	uint64_t last_seq;
	int have_seq;
};

enum desc_state {
	DESC_RESERVED = 0,
	DESC_COMMITTED = 1,
	DESC_FINALIZED = 2,
	DESC_REUSABLE = 3,
};

/*
 * "SUBSYSTEM=x\0DEVICE=y" from the record's dev_info, as the 3.5-5.9
 * dictionaries and /dev/kmsg name them.  Returns the length used.
 */
static uint32_t prb_dict(const struct prb *r, const char *info, char *buf,
			 size_t size)
{
	const struct prb_layout *l = r->l;
	size_t n = 0;
	struct {
		const char *key;
		int64_t off, len;
	} f[] = {
		{ "SUBSYSTEM=", l->dev_subsystem, l->len_subsystem },
		{ "DEVICE=", l->dev_device, l->len_device },
	};

	if (l->info_dev_info < 0)
		return 0;
	for (size_t i = 0; i < 2; i++) {
		const char *s;
		size_t len, klen = strlen(f[i].key);

		if (f[i].off < 0 || f[i].len <= 0 ||
		    !fits(l->info_dev_info + f[i].off, (unsigned)f[i].len,
			  l->info_size))
			continue;
		s = info + l->info_dev_info + f[i].off;
		len = strnlen(s, (size_t)f[i].len);
		if (!len || n + klen + len + 1 > size)
			continue;
		memcpy(buf + n, f[i].key, klen);
		memcpy(buf + n + klen, s, len);
		n += klen + len;
		buf[n++] = '\0';
	}
	return (uint32_t)(n ? n - 1 : 0);
}

/*
 * Read the text of a data block, as the kernel's get_data() finds it, and
 * at most @len bytes of it.  A block wraps when its first and last byte
 * are in different laps; then only its id is at @begin and the whole
 * block sits at data[0].  NULL (with no error) when the block is not the
 * record's; @len is cut to what the block holds.
 */
static struct lsg_error *prb_text(struct walk *w, const struct prb *r,
				  uint64_t id, uint64_t begin, uint64_t next,
				  uint32_t *len, const char **ret)
{
	unsigned ptr = w->rd->ptr_size;
	uint64_t mask = r->size - 1, start, avail;
	struct lsg_error *err;
	uint32_t n = *len;

	*ret = NULL;
	if (begin % ptr || next % ptr || next - begin > r->size ||
	    next - begin < ptr)
		return NULL;
	if ((begin >> r->size_bits) != ((next - 1) >> r->size_bits)) {
		start = 0;
		avail = (next & mask) - ptr;
		if ((next & mask) < ptr)
			return NULL;
	} else {
		start = begin & mask;
		avail = next - begin - ptr;
	}
	if (n > avail)
		n = (uint32_t)avail;
	err = w->rd->read(w->rd->arg, r->data_addr + start, r->text, ptr + n);
	if (err)
		return lsg_error_wrap(err, "text of record %llu",
				      (unsigned long long)id);
	if ((ld_ulong(w, r->text) & r->id_mask) != id)
		return NULL;
	if (n < *len) {
		*len = n;
		w->stats->truncated++;
	}
	*ret = r->text + ptr;
	return NULL;
}

static struct lsg_error *prb_emit(struct walk *w, struct prb *r,
				  uint64_t id, const char *desc,
				  const char *info)
{
	const struct prb_layout *l = r->l;
	uint64_t begin = ld_ulong(w, desc + l->desc_text_lpos + l->lpos_begin);
	uint64_t next = ld_ulong(w, desc + l->desc_text_lpos + l->lpos_next);
	struct lsg_record rec = { 0 };
	const char *text = "";
	struct lsg_error *err;
	char dict[128];

	rec.seq = ld(w, info + l->info_seq, 8);
	rec.ts_nsec = ld(w, info + l->info_ts, 8);
	rec.text_len = (uint32_t)ld(w, info + l->info_text_len, 2);
	/* Bitfields cannot be exported: facility and flags|level follow. */
	rec_attrs(w, &rec, info + l->info_text_len + 2,
		  l->info_caller >= 0 ? info + l->info_caller : NULL);
	if ((rec.seq & (r->count - 1)) != (id & (r->count - 1)) ||
	    (r->have_seq && rec.seq <= r->last_seq)) {
		w->stats->corrupt++;
		return NULL;
	}
	if ((begin & 1) && (next & 1)) {
		w->stats->dataless++;
		rec.text_len = 0;
	} else {
		err = prb_text(w, r, id, begin, next, &rec.text_len, &text);
		if (err)
			return err;
		if (!text) {
			w->stats->corrupt++;
			return NULL;
		}
	}
	rec.dict_len = prb_dict(r, info, dict, sizeof(dict));
	r->last_seq = rec.seq;
	r->have_seq = 1;
	w->stats->kept++;
	return lsg_log_append(w->log, &rec, text, dict);
}

/*
 * Make the window of slots holding @idx available in @buf (@what of
 * @stride bytes each, from @addr), unless @window already says so.
 */
static struct lsg_error *prb_window(struct walk *w, const struct prb *r,
				   uint64_t idx, uint64_t addr, int64_t stride,
				   char *buf, uint64_t *window,
				   const char *what)
{
	uint64_t first = idx - idx % PRB_WINDOW, n = PRB_WINDOW;
	struct lsg_error *err;

	if (*window == first)
		return NULL;
	*window = UINT64_MAX;
	if (n > r->count - first)
		n = r->count - first;
	err = w->rd->read(w->rd->arg, addr + first * (uint64_t)stride, buf,
			  (size_t)(n * (uint64_t)stride));
	if (err)
		return lsg_error_wrap(err, "%s %llu-%llu", what,
				      (unsigned long long)first,
				      (unsigned long long)(first + n - 1));
	*window = first;
	return NULL;
}

static struct lsg_error *prb_visit(struct walk *w, struct prb *r,
				   uint64_t id)
{
	const struct prb_layout *l = r->l;
	uint64_t idx = id & (r->count - 1), slot;
	unsigned shift = w->rd->ptr_size * 8 - 2;
	const char *desc;
	struct lsg_error *err;
	uint64_t sv;

	err = prb_window(w, r, idx, r->descs_addr, l->desc_size, r->descs,
			 &r->desc_window, "descriptors");
	if (err)
		return err;
	slot = idx - r->desc_window;
	desc = r->descs + slot * (uint64_t)l->desc_size;
	sv = ld_ulong(w, desc + l->desc_state_var + l->counter);
	w->stats->ring_records++;
	if ((sv & r->id_mask) != id) {
		w->stats->missed++;
		return NULL;
	}
	switch ((enum desc_state)((sv >> shift) & 3)) {
	case DESC_RESERVED:
		w->stats->reserved++;
		return NULL;
	case DESC_REUSABLE:
		w->stats->reusable++;
		return NULL;
	case DESC_COMMITTED:
	case DESC_FINALIZED:
		break;
	}
	/* Infos only for records kept: a wrapped ring recycles most slots. */
	err = prb_window(w, r, idx, r->infos_addr, l->info_size, r->infos,
			 &r->info_window, "infos");
	if (err)
		return err;
	return prb_emit(w, r, id, desc,
			r->infos + slot * (uint64_t)l->info_size);
}

static struct lsg_error *prb_fetch_rings(struct walk *w, struct prb *r,
					 const char *rb)
{
	const struct prb_layout *l = r->l;
	const char *dr = rb + l->rb_desc_ring, *tr = rb + l->rb_text_ring;
	unsigned cbits = (unsigned)ld(w, dr + l->dr_count_bits, 4);
	struct lsg_error *err;

	r->size_bits = (unsigned)ld(w, tr + l->data_size_bits, 4);
	if (cbits > PRB_MAX_COUNT_BITS || r->size_bits > PRB_MAX_SIZE_BITS ||
	    r->size_bits < 3)
		return lsg_error_create(LSG_ERR_CORRUPT,
			"ring geometry count_bits=%u size_bits=%u is implausible",
			cbits, r->size_bits);
	r->count = 1ULL << cbits;
	r->size = 1ULL << r->size_bits;
	w->stats->text_size = r->size;
	r->descs_addr = ld_ulong(w, dr + l->dr_descs);
	r->infos_addr = ld_ulong(w, dr + l->dr_infos);
	r->desc_window = UINT64_MAX;
	r->info_window = UINT64_MAX;
	err = walk_alloc(w, PRB_WINDOW * (uint64_t)l->desc_size, &r->descs);
	if (!err)
		err = walk_alloc(w, PRB_WINDOW * (uint64_t)l->info_size,
				 &r->infos);
	if (!err)
		err = walk_alloc(w, 8 + PRB_MAX_TEXT, &r->text);
	r->data_addr = ld_ulong(w, tr + l->data_data);
	return err;
}

static void prb_read_extras(struct walk *w, const struct vmcoreinfo *vi,
			    const struct prb *r, const char *rb)
{
	struct lsg_error *err;
	uint64_t addr;
	int64_t off;
	char buf[3 * 8];

	if (r->l->rb_fail >= 0 &&
	    fits(r->l->rb_fail + r->l->counter, w->rd->ptr_size,
		 r->l->rb_size))
		w->stats->failed = ld_ulong(w, rb + r->l->rb_fail +
					       r->l->counter);
	/* clear_seq is a latched pair: val[sequence & 1] is current. */
	if (!vmcoreinfo_symbol(vi, "clear_seq", &addr) ||
	    !vmcoreinfo_number(vi, "OFFSET", "latched_seq.val", &off) ||
	    off < 0 || off > 8)
		return;
	err = w->rd->read(w->rd->arg, addr, buf, (size_t)off + 16);
	if (!err)
		w->stats->clear_seq =
			ld(w, buf + off + 8 * (ld(w, buf, 4) & 1), 8);
	/* Only informative: an unreadable clear_seq loses no record. */
	lsg_error_destroy(err);
}

static struct lsg_error *prb_walk(struct walk *w, const struct vmcoreinfo *vi,
				  uint64_t prb_sym)
{
	struct prb_layout l;
	struct prb r = { .l = &l };
	struct lsg_error *err;
	uint64_t head, tail, id, n;
	char ptrbuf[8], *rb;

	err = layout_load(vi, prb_fields, sizeof(prb_fields) /
			  sizeof(prb_fields[0]), &l);
	if (!err)
		err = prb_check_layout(&l, w->rd->ptr_size);
	if (err)
		return err;
	err = w->rd->read(w->rd->arg, prb_sym, ptrbuf, w->rd->ptr_size);
	if (err)
		return lsg_error_wrap(err, "prb pointer");
	err = walk_fetch(w, ld_ulong(w, ptrbuf), (uint64_t)l.rb_size,
			 "printk_ringbuffer", &rb);
	if (!err)
		err = prb_fetch_rings(w, &r, rb);
	if (err)
		return err;
	prb_read_extras(w, vi, &r, rb);
	r.id_mask = w->rd->ptr_size == 8 ? ~(3ULL << 62) : ~(3U << 30);
	head = ld_ulong(w, rb + l.rb_desc_ring + l.dr_head_id + l.counter);
	tail = ld_ulong(w, rb + l.rb_desc_ring + l.dr_tail_id + l.counter);
	/* A ring never spans more ids than it has slots. */
	if (((head - tail) & r.id_mask) >= r.count) {
		w->stats->corrupt++;
		tail = (head - r.count + 1) & r.id_mask;
	}
	w->log->has_seq = 1;
	for (id = tail, n = 0; n <= r.count; id = (id + 1) & r.id_mask, n++) {
		err = prb_visit(w, &r, id);
		if (err || id == head)
			break;
	}
	return err;
}

struct plog_layout {
	int64_t size, ts, len, text_len, dict_len, caller;
};

/* Before 3.11 the struct was "log"; the same fields otherwise. */
static struct lsg_error *plog_load(const struct vmcoreinfo *vi,
				   struct plog_layout *l)
{
	const char *s = "printk_log";
	char name[64];
	struct {
		const char *kind, *field;
		int64_t *dst;
	} f[] = {
		{ "SIZE", "", &l->size },
		{ "OFFSET", ".ts_nsec", &l->ts },
		{ "OFFSET", ".len", &l->len },
		{ "OFFSET", ".text_len", &l->text_len },
		{ "OFFSET", ".dict_len", &l->dict_len },
		{ "OFFSET", ".caller_id", &l->caller },
	};

	if (!vmcoreinfo_number(vi, "SIZE", s, &l->size))
		s = "log";
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", s, f[i].field);
		*f[i].dst = -1;
		if ((!vmcoreinfo_number(vi, f[i].kind, name, f[i].dst) ||
		     *f[i].dst < 0 || *f[i].dst > PRB_MAX_STRUCT) &&
		    f[i].dst != &l->caller)
			return lsg_error_create(LSG_ERR_NODATA,
				"VMCOREINFO lacks a valid %s(%s)", f[i].kind,
				name);
	}
	if (!fits(l->ts, 8, l->size) || !fits(l->len, 2, l->size) ||
	    !fits(l->text_len, 2, l->size) ||
	    !fits(l->dict_len, 4, l->size) ||
	    (l->caller >= 0 && !fits(l->caller, 4, l->size)))
		return lsg_error_create(LSG_ERR_CORRUPT,
			"VMCOREINFO %s offsets lie outside the struct", s);
	return NULL;
}

static struct lsg_error *read_u32_var(struct walk *w,
				      const struct vmcoreinfo *vi,
				      const char *sym, uint32_t *ret)
{
	struct lsg_error *err;
	uint64_t addr;
	char buf[4];

	if (!vmcoreinfo_symbol(vi, sym, &addr))
		return lsg_error_create(LSG_ERR_NODATA,
					"VMCOREINFO lacks SYMBOL(%s)", sym);
	err = w->rd->read(w->rd->arg, addr, buf, 4);
	if (err)
		return lsg_error_wrap(err, "%s", sym);
	*ret = (uint32_t)ld(w, buf, 4);
	return NULL;
}

/* log_buf is a pointer variable; fetch the buffer it points at. */
static struct lsg_error *fetch_log_buf(struct walk *w,
				       const struct vmcoreinfo *vi,
				       uint32_t len, char **ret)
{
	struct lsg_error *err;
	uint64_t addr;
	char buf[8];

	if (!vmcoreinfo_symbol(vi, "log_buf", &addr))
		return lsg_error_create(LSG_ERR_NODATA,
					"VMCOREINFO lacks SYMBOL(log_buf)");
	err = w->rd->read(w->rd->arg, addr, buf, w->rd->ptr_size);
	if (err)
		return lsg_error_wrap(err, "log_buf pointer");
	return walk_fetch(w, ld_ulong(w, buf), len, "log_buf", ret);
}

static struct lsg_error *plog_emit(struct walk *w,
				   const struct plog_layout *l,
				   const char *hdr, uint32_t room)
{
	struct lsg_record rec = { 0 };
	uint32_t dict_len;

	rec.seq = w->log->nrecs;
	rec.ts_nsec = ld(w, hdr + l->ts, 8);
	rec.text_len = (uint32_t)ld(w, hdr + l->text_len, 2);
	dict_len = (uint32_t)ld(w, hdr + l->dict_len, 2);
	rec_attrs(w, &rec, hdr + l->dict_len + 2,
		  l->caller >= 0 ? hdr + l->caller : NULL);
	if ((uint64_t)rec.text_len + dict_len > room) {
		w->stats->truncated++;
		rec.text_len = rec.text_len > room ? room : rec.text_len;
		dict_len = 0;
	}
	rec.dict_len = dict_len;
	w->stats->kept++;
	return lsg_log_append(w->log, &rec, hdr + l->size,
			      hdr + l->size + rec.text_len);
}

static struct lsg_error *plog_walk(struct walk *w,
				   const struct vmcoreinfo *vi)
{
	uint32_t len, idx, next, rlen;
	struct plog_layout l;
	struct lsg_error *err;
	int wrapped = 0;
	char *buf;

	err = plog_load(vi, &l);
	if (!err)
		err = read_u32_var(w, vi, "log_buf_len", &len);
	if (!err)
		err = read_u32_var(w, vi, "log_first_idx", &idx);
	if (!err)
		err = read_u32_var(w, vi, "log_next_idx", &next);
	if (!err)
		err = fetch_log_buf(w, vi, len, &buf);
	if (err)
		return err;
	w->stats->text_size = len;
	/* Each step consumes a record or wraps once; bound the walk too. */
	for (uint64_t n = 0; idx != next && n <= len / 4 + 1; n++) {
		if ((uint64_t)idx + (uint64_t)l.size > len)
			return lsg_error_create(LSG_ERR_CORRUPT,
				"printk_log record at index %u runs past the %u-byte buffer",
				idx, len);
		rlen = (uint32_t)ld(w, buf + idx + l.len, 2);
		if (!rlen) {
			if (wrapped++)
				return lsg_error_create(LSG_ERR_CORRUPT,
					"printk_log buffer wraps twice");
			idx = 0;
			continue;
		}
		w->stats->ring_records++;
		err = plog_emit(w, &l, buf + idx,
				len - idx - (uint32_t)l.size);
		if (err)
			return err;
		idx += rlen;
	}
	return NULL;
}

/* A pre-3.5 byte buffer: "<N>text\n" lines, oldest first after rotation. */
static struct lsg_error *legacy_emit(struct walk *w, const char *line,
				     size_t len)
{
	struct lsg_record rec = { 0 };

	rec.seq = w->log->nrecs;
	rec.level = 4;
	if (len >= 3 && line[0] == '<' && line[2] == '>' && line[1] >= '0' &&
	    line[1] <= '7')
		rec.level = (uint8_t)(line[1] - '0');
	rec.text_len = (uint32_t)len;
	w->stats->kept++;
	return lsg_log_append(w->log, &rec, line, "");
}

static struct lsg_error *legacy_walk(struct walk *w,
				     const struct vmcoreinfo *vi)
{
	uint32_t len, end, start, n;
	struct lsg_error *err;
	char *buf, *text;

	err = read_u32_var(w, vi, "log_buf_len", &len);
	if (!err)
		err = read_u32_var(w, vi, "log_end", &end);
	if (!err && (!len || len > (1U << PRB_MAX_SIZE_BITS)))
		err = lsg_error_create(LSG_ERR_CORRUPT,
				       "log_buf_len %u is implausible", len);
	if (!err)
		err = fetch_log_buf(w, vi, len, &buf);
	if (err)
		return err;
	if (w->scratch_size - w->scratch_used < len)
		return lsg_error_create(LSG_ERR_LIMIT,
					"no budget to rotate log_buf");
	text = w->scratch + w->scratch_used;
	start = end % len;
	memcpy(text, buf + start, len - start);
	memcpy(text + len - start, buf, start);
	n = end < len ? end : len;
	text += len - n;
	w->stats->text_size = len;
	w->log->raw_text = 1;
	for (uint32_t i = 0, s = 0; i < n && !err; i++)
		if (text[i] == '\n' || i == n - 1) {
			err = legacy_emit(w, text + s, i - s +
					  (text[i] != '\n'));
			s = i + 1;
		}
	return err;
}

struct lsg_error *printk_read(const struct vmcoreinfo *vi,
			      const struct printk_reader *rd, void *scratch,
			      size_t scratch_size, struct lsg_log *log,
			      struct printk_stats *stats)
{
	struct walk w = {
		.rd = rd,
		.scratch = scratch,
		.scratch_size = scratch_size,
		.log = log,
		.stats = stats,
	};
	uint64_t addr;

	memset(stats, 0, sizeof(*stats));
	if (rd->ptr_size != 4 && rd->ptr_size != 8)
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
					"%u-byte pointers", rd->ptr_size);
	if (vmcoreinfo_symbol(vi, "prb", &addr)) {
		stats->layout = "lockless";
		return prb_walk(&w, vi, addr);
	}
	if (vmcoreinfo_symbol(vi, "log_first_idx", &addr)) {
		stats->layout = "printk_log";
		return plog_walk(&w, vi);
	}
	stats->layout = "legacy";
	return legacy_walk(&w, vi);
}
