/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * makedumpfile's kdump-compressed format (64-bit targets): a header block,
 * a sub-header with the notes and VMCOREINFO, two page bitmaps (pages in
 * RAM, pages written), then one descriptor per written page, in pfn order,
 * pointing at its zlib/lzo/zstd-compressed (or raw) data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <lzo/lzo1x.h>
#include <zstd.h>

#include "bytes.h"
#include "dump_internal.h"

enum {
	KDUMP_HDR_UTSNAME = 12,
	KDUMP_HDR_BLOCK_SIZE = 428,
	KDUMP_HDR_SUB_SIZE = 432,
	KDUMP_HDR_BITMAP_BLOCKS = 436,
	KDUMP_HDR_MAX_MAPNR = 440,
	KDUMP_HDR_LEN = 464,
	KDUMP_SUB_PHYS_BASE = 0,
	KDUMP_SUB_VMCOREINFO = 32,
	KDUMP_SUB_NOTE = 48,
	KDUMP_SUB_MAX_MAPNR_64 = 96,
	KDUMP_SUB_LEN = 104,
	KDUMP_DESC_SIZE = 24,
	/* Pages counted per rank checkpoint (one 4 KiB bitmap chunk). */
	KDUMP_CHUNK = 4096,
	KDUMP_RANK_STEP = KDUMP_CHUNK * 8,
	KDUMP_MAX_CHECKPOINTS = 1 << 22,
	/* Descriptors read at once: a log's pages are near each other. */
	KDUMP_DESC_RUN = KDUMP_CHUNK / KDUMP_DESC_SIZE,
};

enum {
	KDUMP_ZLIB = 0x1,
	KDUMP_LZO = 0x2,
	KDUMP_SNAPPY = 0x4,
	KDUMP_ZSTD = 0x20,
};

struct kdump_state {
	uint32_t block_size;
	uint64_t max_mapnr;
	uint64_t bitmap1, bitmap2;	/* file offsets */
	uint64_t descs;
	uint64_t *ranks;		/* written pages before each chunk */
	uint64_t nranks;		/* checkpoints computed so far */
	/*
	 * The written-pages bitmap chunk last used (UINT64_MAX: none), and
	 * how many pages of it are written before each of its 64-bit words.
	 */
	uint64_t chunk;
	unsigned char bits[KDUMP_CHUNK];
	uint16_t word_rank[KDUMP_CHUNK / 8];
	/* Descriptors of ranks [desc_first, desc_first + ndescs). */
	uint64_t desc_first, ndescs;
	char descs_run[KDUMP_DESC_RUN * KDUMP_DESC_SIZE];
	char *cbuf;			/* one compressed page */
	struct dump_cache cache;	/* of pages by pfn, decompressed */
	/* zlib pages: libdeflate inflates a whole page in one call. */
	struct libdeflate_decompressor *inflater;
	ZSTD_DCtx *zstd;
};

static struct lsg_error *kdump_read_header(struct dump *d,
					   struct kdump_state *k,
					   char *sub)
{
	char h[KDUMP_HDR_LEN];
	struct lsg_error *err;
	uint32_t sub_blocks, bitmap_blocks;

	err = dump_pread(d, h, sizeof(h), 0);
	if (err)
		return lsg_error_wrap(err, "kdump header");
	k->block_size = (uint32_t)dump_ld(d, h + KDUMP_HDR_BLOCK_SIZE, 4);
	sub_blocks = (uint32_t)dump_ld(d, h + KDUMP_HDR_SUB_SIZE, 4);
	bitmap_blocks = (uint32_t)dump_ld(d, h + KDUMP_HDR_BITMAP_BLOCKS, 4);
	if (k->block_size < 512 || k->block_size > DUMP_MAX_PAGE ||
	    (k->block_size & (k->block_size - 1)) || !bitmap_blocks ||
	    !sub_blocks)
		return lsg_error_create(LSG_ERR_CORRUPT,
			"kdump header: block size %u, %u sub-header and %u bitmap blocks",
			k->block_size, sub_blocks, bitmap_blocks);
	memcpy(d->uts, h + KDUMP_HDR_UTSNAME, sizeof(d->uts));
	for (int i = 0; i < 6; i++)
		d->uts[i][64] = '\0';
	d->have_uts = 1;
	err = dump_pread(d, sub, KDUMP_SUB_LEN, k->block_size);
	if (err)
		return lsg_error_wrap(err, "kdump sub-header");
	k->max_mapnr = dump_ld(d, sub + KDUMP_SUB_MAX_MAPNR_64, 8);
	if (!k->max_mapnr)
		k->max_mapnr = dump_ld(d, h + KDUMP_HDR_MAX_MAPNR, 4);
	k->bitmap1 = (uint64_t)k->block_size * (1 + sub_blocks);
	k->bitmap2 = k->bitmap1 + (uint64_t)bitmap_blocks / 2 * k->block_size;
	k->descs = k->bitmap1 + (uint64_t)bitmap_blocks * k->block_size;
	if (k->max_mapnr > (k->bitmap2 - k->bitmap1) * 8)
		return lsg_error_create(LSG_ERR_CORRUPT,
			"kdump header: %llu pages but a %llu-byte bitmap",
			(unsigned long long)k->max_mapnr,
			(unsigned long long)(k->bitmap2 - k->bitmap1));
	return NULL;
}

static struct lsg_error *kdump_alloc(struct kdump_state *k)
{
	struct lsg_error *err = dump_cache_init(&k->cache, k->block_size);

	if (err)
		return err;
	k->cbuf = malloc(k->block_size);
	if (!k->cbuf)
		return &lsg_enomem;
	if (k->max_mapnr / KDUMP_RANK_STEP + 1 > KDUMP_MAX_CHECKPOINTS)
		return lsg_error_create(LSG_ERR_LIMIT, "%llu pages",
					(unsigned long long)k->max_mapnr);
	k->ranks = calloc(k->max_mapnr / KDUMP_RANK_STEP + 1,
			  sizeof(*k->ranks));
	return k->ranks ? NULL : &lsg_enomem;
}

struct lsg_error *dump_kdump_open(struct dump *d)
{
	struct kdump_state *k = calloc(1, sizeof(*k));
	char sub[KDUMP_SUB_LEN];
	struct lsg_error *err;

	if (!k)
		return &lsg_enomem;
	d->kdump = k;
	k->chunk = UINT64_MAX;
	d->ptr_size = 8;
	snprintf(d->format, sizeof(d->format), "kdump-compressed");
	err = kdump_read_header(d, k, sub);
	if (!err)
		err = kdump_alloc(k);
	if (err)
		return err;
	snprintf(d->arch, sizeof(d->arch), "%.31s", d->uts[4]);
	d->phys_base = dump_ld(d, sub + KDUMP_SUB_PHYS_BASE, 8);
	d->have_phys_base = 1;
	err = dump_add_notes(d, dump_ld(d, sub + KDUMP_SUB_NOTE, 8),
			     dump_ld(d, sub + KDUMP_SUB_NOTE + 8, 8), "notes");
	return err;
}

void dump_kdump_close(struct dump *d)
{
	struct kdump_state *k = d->kdump;

	if (!k)
		return;
	free(k->cbuf);
	dump_cache_deinit(&k->cache);
	free(k->ranks);
	libdeflate_free_decompressor(k->inflater);
	ZSTD_freeDCtx(k->zstd);
	free(k);
	d->kdump = NULL;
}

/* Bits set in @v (SWAR: the baseline x86-64 target has no popcnt). */
static unsigned popcount64(uint64_t v)
{
	v = v - ((v >> 1) & 0x5555555555555555ULL);
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned)((v * 0x0101010101010101ULL) >> 56);
}

/* Word @i of a bitmap chunk, bit j being pfn 64 * i + j (LSB-first bytes). */
static uint64_t chunk_word(const unsigned char *map, unsigned i)
{
	return bytes_load(map + 8 * i, 8, 0);
}

/*
 * Pages written before each word of @map into @word_rank (may be NULL);
 * returns the pages written in the whole chunk.
 */
static uint64_t chunk_count(const unsigned char *map, uint16_t *word_rank)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < KDUMP_CHUNK / 8; i++) {
		if (word_rank)
			word_rank[i] = (uint16_t)n;
		n += popcount64(chunk_word(map, i));
	}
	return n;
}

/* Written pages before the first pfn of chunk @c, filling checkpoints. */
static struct lsg_error *kdump_rank(struct dump *d, uint64_t c, uint64_t *ret)
{
	struct kdump_state *k = d->kdump;
	unsigned char chunk[KDUMP_CHUNK];

	if (!k->nranks)
		k->nranks = 1;
	while (k->nranks <= c) {
		uint64_t i = k->nranks - 1;
		struct lsg_error *err;

		err = dump_pread(d, chunk, KDUMP_CHUNK,
				 k->bitmap2 + i * KDUMP_CHUNK);
		if (err)
			return lsg_error_wrap(err, "page bitmap");
		k->ranks[k->nranks++] = k->ranks[i] + chunk_count(chunk, NULL);
	}
	*ret = k->ranks[c];
	return NULL;
}

/* Make chunk @c of the written-pages bitmap the one in k->bits. */
static struct lsg_error *kdump_chunk(struct dump *d, uint64_t c)
{
	struct kdump_state *k = d->kdump;
	struct lsg_error *err;

	if (k->chunk == c)
		return NULL;
	k->chunk = UINT64_MAX;
	err = dump_pread(d, k->bits, KDUMP_CHUNK,
			 k->bitmap2 + c * KDUMP_CHUNK);
	if (err)
		return err;
	chunk_count(k->bits, k->word_rank);
	k->chunk = c;
	return NULL;
}

/*
 * The descriptor of the @rank-th written page, read with its neighbours
 * (as many as the file holds) so that nearby pages need no read of their
 * own.
 */
static struct lsg_error *kdump_desc(struct dump *d, uint64_t rank,
				    const char **ret)
{
	struct kdump_state *k = d->kdump;
	uint64_t first = rank - rank % KDUMP_DESC_RUN, n = KDUMP_DESC_RUN;
	uint64_t off = k->descs + first * KDUMP_DESC_SIZE;
	struct lsg_error *err;

	if (rank - k->desc_first < k->ndescs) {
		*ret = k->descs_run + (rank - k->desc_first) * KDUMP_DESC_SIZE;
		return NULL;
	}
	k->ndescs = 0;
	if (off < d->file_size && (d->file_size - off) / KDUMP_DESC_SIZE < n)
		n = (d->file_size - off) / KDUMP_DESC_SIZE;
	/* A cut file: the one descriptor, for the error it gives. */
	if (rank - first >= n) {
		first = rank;
		n = 1;
		off = k->descs + rank * KDUMP_DESC_SIZE;
	}
	err = dump_pread(d, k->descs_run, (size_t)n * KDUMP_DESC_SIZE, off);
	if (err)
		return err;
	k->desc_first = first;
	k->ndescs = n;
	*ret = k->descs_run + (rank - first) * KDUMP_DESC_SIZE;
	return NULL;
}

static struct lsg_error *kdump_decompress(struct kdump_state *k,
					  uint32_t flags, uint32_t size,
					  char *out)
{
	uint32_t bs = k->block_size;
	lzo_uint llen = bs;
	size_t r;

	if (flags & KDUMP_ZLIB) {
		if (!k->inflater)
			k->inflater = libdeflate_alloc_decompressor();
		if (!k->inflater)
			return &lsg_enomem;
		/* No size returned: the page must fill @out exactly. */
		if (libdeflate_zlib_decompress(k->inflater, k->cbuf, size, out,
					       bs, NULL) == LIBDEFLATE_SUCCESS)
			return NULL;
	} else if (flags & KDUMP_LZO) {
		if (lzo1x_decompress_safe((const lzo_bytep)k->cbuf, size,
					  (lzo_bytep)out, &llen, NULL) ==
		    LZO_E_OK && llen == bs)
			return NULL;
	} else if (flags & KDUMP_ZSTD) {
		if (!k->zstd)
			k->zstd = ZSTD_createDCtx();
		if (!k->zstd)
			return &lsg_enomem;
		r = ZSTD_decompressDCtx(k->zstd, out, bs, k->cbuf, size);
		if (!ZSTD_isError(r) && r == bs)
			return NULL;
	} else if (flags & KDUMP_SNAPPY) {
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
			"snappy-compressed pages (makedumpfile -p) are not supported by the agent's own reader; use --reader libkdumpfile, or -c, -l or -z");
	} else if (size == bs) {
		memcpy(out, k->cbuf, bs);
		return NULL;
	}
	return lsg_error_create(LSG_ERR_CORRUPT,
				"page data (flags 0x%x, %u bytes) does not decompress",
				flags, size);
}

static struct lsg_error *kdump_load_page(struct dump *d, uint64_t pfn,
					 char *out)
{
	struct kdump_state *k = d->kdump;
	unsigned bit = pfn % KDUMP_RANK_STEP;
	uint64_t rank, off, word;
	unsigned char flag;
	struct lsg_error *err;
	const char *desc;
	uint32_t size, flags;

	if (pfn >= k->max_mapnr)
		return lsg_error_create(LSG_ERR_NODATA,
					"pfn 0x%llx is past the dump's %llu pages",
					(unsigned long long)pfn,
					(unsigned long long)k->max_mapnr);
	err = kdump_chunk(d, pfn / KDUMP_RANK_STEP);
	if (err)
		return err;
	word = chunk_word(k->bits, bit / 64);
	if (!(word >> (bit % 64) & 1)) {
		err = dump_pread(d, &flag, 1, k->bitmap1 + pfn / 8);
		if (err)
			return lsg_error_wrap(err, "RAM bitmap of pfn 0x%llx",
					      (unsigned long long)pfn);
		if (!(flag >> (pfn % 8) & 1))
			return lsg_error_create(LSG_ERR_NODATA,
						"pfn 0x%llx is not RAM in the dump",
						(unsigned long long)pfn);
		/* Excluded by the dump level: for kernel data, a zero page. */
		memset(out, 0, k->block_size);
		return NULL;
	}
	err = kdump_rank(d, pfn / KDUMP_RANK_STEP, &rank);
	if (!err) {
		rank += k->word_rank[bit / 64] +
			popcount64(word & ((1ULL << (bit % 64)) - 1));
		err = kdump_desc(d, rank, &desc);
	}
	if (err)
		return lsg_error_wrap(err, "descriptor of pfn 0x%llx",
				      (unsigned long long)pfn);
	off = dump_ld(d, desc, 8);
	size = (uint32_t)dump_ld(d, desc + 8, 4);
	flags = (uint32_t)dump_ld(d, desc + 12, 4);
	if (!size || size > k->block_size)
		return lsg_error_create(LSG_ERR_CORRUPT,
			"pfn 0x%llx: page of %u bytes", (unsigned long long)pfn,
			size);
	err = dump_pread(d, k->cbuf, size, off);
	if (!err)
		err = kdump_decompress(k, flags, size, out);
	return err ? lsg_error_wrap(err, "pfn 0x%llx",
				    (unsigned long long)pfn) : NULL;
}

struct lsg_error *dump_kdump_read_phys(struct dump *d, uint64_t paddr,
				       void *buf, size_t len)
{
	return dump_cache_read(d, &d->kdump->cache, kdump_load_page, paddr,
			       buf, len);
}
