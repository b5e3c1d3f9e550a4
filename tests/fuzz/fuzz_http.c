/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz what the uploader parses from outside: the analyzer's response head
 * (http_parse_head(), as read_head() hands it over: at most HTTP_MAX_HEAD
 * bytes) and the configured URL (http_parse_url(), up to the first NUL).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_response r;
	struct lsg_error *err;
	struct http_url u;
	char *s;

	if (size > HTTP_MAX_HEAD)
		size = HTTP_MAX_HEAD;
	err = http_parse_head((const char *)data, size, 1767225600, &r);
	if (!err && (r.status < 100 || r.status > 999 || r.retry_after < 0 ||
		     r.retry_after > 3600))
		abort();
	lsg_error_destroy(err);
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	err = http_parse_url(s, &u);
	if (!err && (!u.host[0] || u.path[0] != '/' || !u.port[0]))
		abort();
	lsg_error_destroy(err);
	free(s);
	return 0;
}
