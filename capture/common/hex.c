/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "hex.h"

void hex_encode(const void *buf, size_t len, char *ret)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = buf;

	for (size_t i = 0; i < len; i++) {
		ret[2 * i] = digits[b[i] >> 4];
		ret[2 * i + 1] = digits[b[i] & 15];
	}
	ret[2 * len] = '\0';
}
