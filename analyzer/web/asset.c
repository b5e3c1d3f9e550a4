/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "web_internal.h"

int web_asset(const char *name, struct server_response *r)
{
	for (const struct web_asset_file *a = web_asset_files; a->name; a++) {
		if (strcmp(a->name, name))
			continue;
		*r = (struct server_response){
			.status = 200, .content_type = a->type,
			.body = (char *)(uintptr_t)a->data, .len = a->len,
		};
		return 0;
	}
	return -1;
}
