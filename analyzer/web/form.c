/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Form bodies (application/x-www-form-urlencoded, WHATWG URL §5.1): pairs
 * split by '&', key and value split by the first '=', '+' a space, %XX a
 * byte.  A malformed escape makes the pair unusable rather than guessed.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

/* The byte "%XX" stands for, from its two hex digits at @s; -1 if bad. */
static int unescape(const char *s)
{
	char hex[3] = { s[0], s[1], '\0' };

	if (!isxdigit((unsigned char)hex[0]) || !isxdigit((unsigned char)hex[1]))
		return -1;
	return (int)strtol(hex, NULL, 16);
}

/* Decode @n bytes of @s into @ret (@size bytes); -1 if bad or too long. */
static int decode(const char *s, size_t n, char *ret, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return -1;
			c = unescape(s + i + 1);
			if (c < 0)
				return -1;
			i += 2;
		}
		if (!c || o + 1 >= size)
			return -1;
		ret[o++] = (char)c;
	}
	if (o >= size)
		return -1;
	ret[o] = '\0';
	return 0;
}

int web_form_value(const char *body, size_t len, const char *key, char *ret,
		   size_t size)
{
	size_t klen = strlen(key), i = 0;

	while (i < len) {
		const char *pair = body + i, *amp;
		size_t n;

		amp = memchr(pair, '&', len - i);
		n = amp ? (size_t)(amp - pair) : len - i;
		if (n > klen && !memcmp(pair, key, klen) && pair[klen] == '=')
			return decode(pair + klen + 1, n - klen - 1, ret,
				      size);
		i += n + 1;
	}
	return -1;
}

int web_local_path(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return 0;
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return 0;
	return strlen(next) < 512;
}
