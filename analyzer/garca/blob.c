/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "blob.h"

static uint8_t *blob_room(struct blob *b, size_t n)
{
	if (b->failed)
		return NULL;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		uint8_t *p;

		while (cap < b->len + n)
			cap *= 2;
		p = realloc(b->buf, cap);
		if (!p) {
			b->failed = 1;
			return NULL;
		}
		b->buf = p;
		b->cap = cap;
	}
	b->len += n;
	return b->buf + b->len - n;
}

static void put_le(uint8_t *p, uint64_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

void blob_put_u32(struct blob *b, uint32_t v)
{
	uint8_t *p = blob_room(b, 4);

	if (p)
		put_le(p, v, 4);
}

void blob_put_u64(struct blob *b, uint64_t v)
{
	uint8_t *p = blob_room(b, 8);

	if (p)
		put_le(p, v, 8);
}

void blob_put_f32s(struct blob *b, const float *v, size_t n)
{
	uint8_t *p = blob_room(b, 4 * n);
	uint32_t bits;

	for (size_t i = 0; p && i < n; i++) {
		memcpy(&bits, &v[i], 4);
		put_le(p + 4 * i, bits, 4);
	}
}

void blob_put_f64(struct blob *b, double v)
{
	uint64_t bits;

	memcpy(&bits, &v, 8);
	blob_put_u64(b, bits);
}

void blob_put_str(struct blob *b, const char *s)
{
	size_t n = strlen(s);
	uint8_t *p;

	blob_put_u32(b, (uint32_t)n);
	p = blob_room(b, n);
	if (p)
		memcpy(p, s, n);
}

static struct lsg_error *blob_take(struct blob_reader *r, size_t n,
				   const uint8_t **ret)
{
	if (n > r->len - r->off)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"truncated at offset %zu (%zu bytes wanted, %zu left)",
					r->off, n, r->len - r->off);
	*ret = r->p + r->off;
	r->off += n;
	return NULL;
}

struct lsg_error *blob_get_u32(struct blob_reader *r, uint32_t *ret)
{
	const uint8_t *p;
	struct lsg_error *err = blob_take(r, 4, &p);

	if (!err)
		*ret = (uint32_t)get_le(p, 4);
	return err;
}

struct lsg_error *blob_get_u64(struct blob_reader *r, uint64_t *ret)
{
	const uint8_t *p;
	struct lsg_error *err = blob_take(r, 8, &p);

	if (!err)
		*ret = get_le(p, 8);
	return err;
}

struct lsg_error *blob_get_f32s(struct blob_reader *r, float *ret, size_t n)
{
	const uint8_t *p;
	struct lsg_error *err;
	uint32_t bits;

	if (n > (r->len - r->off) / 4)
		return blob_take(r, SIZE_MAX, &p);
	err = blob_take(r, 4 * n, &p);
	for (size_t i = 0; !err && i < n; i++) {
		bits = (uint32_t)get_le(p + 4 * i, 4);
		memcpy(&ret[i], &bits, 4);
	}
	return err;
}

struct lsg_error *blob_get_f64(struct blob_reader *r, double *ret)
{
	uint64_t bits;
	struct lsg_error *err = blob_get_u64(r, &bits);

	if (!err)
		memcpy(ret, &bits, 8);
	return err;
}

struct lsg_error *blob_get_str(struct blob_reader *r, size_t max, char **ret)
{
	const uint8_t *p;
	struct lsg_error *err;
	uint32_t n;
	char *s;

	err = blob_get_u32(r, &n);
	if (err)
		return err;
	if (n > max)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"string of %u bytes at offset %zu over %zu",
					n, r->off, max);
	err = blob_take(r, n, &p);
	if (err)
		return err;
	s = malloc((size_t)n + 1);
	if (!s)
		return &lsg_enomem;
	memcpy(s, p, n);
	s[n] = '\0';
	*ret = s;
	return NULL;
}
