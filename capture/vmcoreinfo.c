/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmcoreinfo.h"

static struct lsg_error *vmcoreinfo_index(struct vmcoreinfo *vi)
{
	char *p = vi->buf, *end = vi->buf + vi->raw_len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *eq;

		if (!nl)
			nl = end;
		*nl = '\0';
		eq = memchr(p, '=', (size_t)(nl - p));
		if (eq && eq > p) {
			struct vmcoreinfo_line *l;

			if (vi->nlines == VMCOREINFO_MAX_LINES)
				return lsg_error_create(LSG_ERR_LIMIT,
					"VMCOREINFO has over %d lines",
					VMCOREINFO_MAX_LINES);
			*eq = '\0';
			l = &vi->lines[vi->nlines++];
			l->key = (uint32_t)(p - vi->buf);
			l->val = (uint32_t)(eq + 1 - vi->buf);
		}
		p = nl + 1;
	}
	return NULL;
}

struct lsg_error *vmcoreinfo_parse(const char *text, size_t len,
				   struct vmcoreinfo *ret)
{
	struct vmcoreinfo vi = { 0 };
	struct lsg_error *err;
	const char *nul = memchr(text, '\0', len);

	if (nul)
		len = (size_t)(nul - text);
	if (len > VMCOREINFO_MAX_BYTES)
		return lsg_error_create(LSG_ERR_LIMIT,
					"VMCOREINFO is %zu bytes, over %d",
					len, VMCOREINFO_MAX_BYTES);
	vi.raw = malloc(len + 1);
	vi.buf = malloc(len + 1);
	/* Not zeroed: only the nlines indexed are read. */
	vi.lines = reallocarray(NULL, VMCOREINFO_MAX_LINES, sizeof(*vi.lines));
	if (!vi.raw || !vi.buf || !vi.lines) {
		vmcoreinfo_deinit(&vi);
		return &lsg_enomem;
	}
	memcpy(vi.raw, text, len);
	vi.raw[len] = '\0';
	memcpy(vi.buf, vi.raw, len + 1);
	vi.raw_len = len;
	err = vmcoreinfo_index(&vi);
	if (err) {
		vmcoreinfo_deinit(&vi);
		return err;
	}
	*ret = vi;
	return NULL;
}

void vmcoreinfo_deinit(struct vmcoreinfo *vi)
{
	free(vi->raw);
	free(vi->buf);
	free(vi->lines);
	memset(vi, 0, sizeof(*vi));
}

const char *vmcoreinfo_get(const struct vmcoreinfo *vi, const char *key)
{
	/* The last definition wins, as in the kernel's own consumers. */
	for (size_t i = vi->nlines; i-- > 0;)
		if (!strcmp(vi->buf + vi->lines[i].key, key))
			return vi->buf + vi->lines[i].val;
	return NULL;
}

static int parse_u64(const char *s, int base, uint64_t *ret)
{
	char *end;
	uint64_t v;

	if (!s || !*s || *s == '-' || *s == ' ')
		return 0;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end)
		return 0;
	*ret = v;
	return 1;
}

int vmcoreinfo_hex(const struct vmcoreinfo *vi, const char *key,
		   uint64_t *ret)
{
	return parse_u64(vmcoreinfo_get(vi, key), 16, ret);
}

int vmcoreinfo_symbol(const struct vmcoreinfo *vi, const char *name,
		      uint64_t *ret)
{
	char key[128];

	if ((size_t)snprintf(key, sizeof(key), "SYMBOL(%s)", name) >=
	    sizeof(key))
		return 0;
	return vmcoreinfo_hex(vi, key, ret);
}

int vmcoreinfo_number(const struct vmcoreinfo *vi, const char *kind,
		      const char *name, int64_t *ret)
{
	const char *s;
	char key[128];
	uint64_t v;
	int neg;

	if ((size_t)snprintf(key, sizeof(key), "%s(%s)", kind, name) >=
	    sizeof(key))
		return 0;
	s = vmcoreinfo_get(vi, key);
	if (!s)
		return 0;
	neg = *s == '-';
	if (!parse_u64(s + neg, 0, &v) || v > INT64_MAX)
		return 0;
	*ret = neg ? -(int64_t)v : (int64_t)v;
	return 1;
}
