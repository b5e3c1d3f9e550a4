/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LSG_HEX_H
#define LSG_HEX_H

#include <stddef.h>

/**
 * hex_encode() - @len bytes at @buf as 2 * @len lowercase hex digits and
 * a NUL, into @ret (2 * @len + 1 bytes): ids, digests, build-ids, tokens.
 */
void hex_encode(const void *buf, size_t len, char *ret);

#endif
