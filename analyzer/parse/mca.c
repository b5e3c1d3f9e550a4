/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mca.h"

static const char *find(const char *s, size_t len, const char *needle)
{
	return memmem(s, len, needle, strlen(needle));
}

int mca_status(const char *s, size_t len, uint64_t *ret)
{
	const char *b = find(s, len, "Bank ");
	const char *c = b ? memchr(b, ':', (size_t)(s + len - b)) : NULL;
	char hex[17];
	size_t n = 0;

	if (!c || !find(s, len, "Machine Check"))
		return 0;
	for (c++; c < s + len && *c == ' '; c++)
		;
	/* copied: the record need not be NUL-terminated */
	while (c + n < s + len && n < sizeof(hex) - 1 &&
	       isxdigit((unsigned char)c[n]))
		n++;
	if (!n)
		return 0;
	memcpy(hex, c, n);
	hex[n] = '\0';
	*ret = strtoull(hex, NULL, 16);
	return 1;
}

const char *mca_class(uint64_t status)
{
	uint16_t code = (uint16_t)status;

	if ((code & 0xef80) == 0x0080)
		return "memory";	/* 0000 0000 1MMM CCCC */
	if ((code & 0xef00) == 0x0100)
		return "cache";		/* 0000 0001 RRRR TTLL */
	if ((code & 0xeff0) == 0x0010)
		return "tlb";		/* 0000 0000 0001 TTLL */
	if ((code & 0xe800) == 0x0800)
		return "bus";		/* 0000 1PPT RRRR IILL */
	if ((code & 0xfc00) == 0x0400)
		return "internal";	/* 0000 01xx xxxx xxxx */
	return "generic";
}
