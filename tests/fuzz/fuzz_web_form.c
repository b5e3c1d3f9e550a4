/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz what the web UI parses from a browser before any session is known:
 * the Cookie header (auth_cookie) and form bodies (web_form_value,
 * web_local_path), and the escaping of text into a page (html_text).
 * Input: the Cookie header, LF, the form body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/auth.h"
#include "web/html.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Escaped text has no markup left: no '<', '>', '"' or '\''. */
static void check_escaped(const char *s)
{
	struct server_response r;
	struct html h;

	if (html_open(&h))
		return;
	html_text(&h, s);
	html_finish(&h, 200, &r);
	if (r.owned && (memchr(r.body, '<', r.len) || memchr(r.body, '>', r.len) ||
			memchr(r.body, '"', r.len) || memchr(r.body, '\'', r.len)))
		abort();
	server_response_deinit(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "token", "csrf", "class", "next" };
	const uint8_t *nl = memchr(data, '\n', size);
	char cookie[1024], val[512];
	size_t head, vlen;
	const char *v;

	if (!nl || (size_t)(nl - data) >= sizeof(cookie))
		return 0;
	head = (size_t)(nl - data);
	memcpy(cookie, data, head);
	cookie[head] = '\0';
	if (!auth_cookie(cookie, AUTH_COOKIE, &v, &vlen) &&
	    v + vlen > cookie + head)
		abort();
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (web_form_value((const char *)nl + 1, size - head - 1,
				   keys[i], val, sizeof(val)))
			continue;
		if (strlen(val) >= sizeof(val))
			abort();
		web_local_path(val);
		check_escaped(val);
	}
	check_escaped(cookie);
	return 0;
}
