/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "tmplcheck.h"

int tmplcheck_same_msg(const struct tmpl_msg *m, const struct tmpl_msg *u)
{
	if (u->ntok != m->ntok || u->len != m->len || u->hash != m->hash ||
	    u->wild != m->wild || strcmp(u->key, m->key))
		return 0;
	for (size_t i = 0; i < m->ntok; i++)
		if (strcmp(u->tok[i], m->tok[i]) || u->word[i] != m->word[i])
			return 0;
	return 1;
}
