/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The model file's byte layer: a growing writer and a bounds-checked
 * reader of little-endian integers, floats and strings, so a model reads
 * the same on any host and a truncated or corrupt file is an error naming
 * the offset, never a read past the end.
 */
#ifndef LSG_GARCA_BLOB_H
#define LSG_GARCA_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Writes never fail one by one: an allocation failure sets @failed. */
struct blob {
	uint8_t *buf;		/* owned; free() it */
	size_t len, cap;
	int failed;
};

void blob_put_u32(struct blob *b, uint32_t v);
void blob_put_u64(struct blob *b, uint64_t v);
void blob_put_f32s(struct blob *b, const float *v, size_t n);
void blob_put_f64(struct blob *b, double v);
/** blob_put_str() - a u32 length and the bytes (no NUL). */
void blob_put_str(struct blob *b, const char *s);

struct blob_reader {
	const uint8_t *p;	/* borrowed */
	size_t len, off;
};

/* Each returns LSG_ERR_CORRUPT naming the offset when the data ends. */
struct lsg_error *blob_get_u32(struct blob_reader *r, uint32_t *ret);
struct lsg_error *blob_get_u64(struct blob_reader *r, uint64_t *ret);
struct lsg_error *blob_get_f32s(struct blob_reader *r, float *ret, size_t n);
struct lsg_error *blob_get_f64(struct blob_reader *r, double *ret);
/** blob_get_str() - a malloc'd NUL-terminated copy, at most @max bytes. */
struct lsg_error *blob_get_str(struct blob_reader *r, size_t max, char **ret);

#endif
