/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LSG_UTF8_H
#define LSG_UTF8_H

#include <stddef.h>

/**
 * utf8_valid() - whether @len bytes at @s are well-formed UTF-8
 * (no overlong forms, surrogates or code points past U+10FFFF).
 */
int utf8_valid(const char *s, size_t len);

#endif
