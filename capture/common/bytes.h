/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Integers stored in a dump or a record, of either byte order, and tests
 * of eight bytes at once.  Inline: the printk walk and the page lookups
 * load one or more per ring slot, and the bundle's JSON strings are
 * written and read eight bytes a step.
 */
#ifndef LSG_BYTES_H
#define LSG_BYTES_H

#include <endian.h>
#include <stdint.h>
#include <string.h>

/**
 * bytes_load() - the unsigned integer of @size bytes (at most 8) at @p,
 * most significant byte first if @big_endian.  @p need not be aligned.
 */
static inline uint64_t bytes_load(const void *p, unsigned size,
				  int big_endian)
{
	const unsigned char *b = p;
	uint64_t v = 0;
	uint32_t v32;
	uint16_t v16;

	switch (size) {
	case 8:
		memcpy(&v, p, 8);
		return big_endian ? be64toh(v) : le64toh(v);
	case 4:
		memcpy(&v32, p, 4);
		return big_endian ? be32toh(v32) : le32toh(v32);
	case 2:
		memcpy(&v16, p, 2);
		return big_endian ? be16toh(v16) : le16toh(v16);
	}
	for (unsigned i = 0; i < size; i++)
		v = v << 8 | b[big_endian ? i : size - 1 - i];
	return v;
}

/*
 * The bytes of @w that are 0, flagged by their high bit.  A borrow can flag
 * a byte above a zero one, never below, so the lowest flag is exact.
 */
static inline uint64_t bytes_zero(uint64_t w)
{
	return (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;
}

/*
 * The bytes of @w that a JSON string cannot hold as they are ('"', '\\',
 * a control byte), flagged as bytes_zero() flags them.
 */
static inline uint64_t bytes_json_special(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull;

	return bytes_zero(w ^ ones * '"') | bytes_zero(w ^ ones * '\\') |
	       ((w - ones * 0x20) & ~w & 0x8080808080808080ull);
}

#endif
