/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <openssl/sha.h>

#include "auth.h"

struct lsg_error *auth_generate(char ret[AUTH_TOKEN_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t raw[TOKEN_BYTES];
	size_t got = 0;

	while (got < sizeof(raw)) {
		ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return lsg_error_os(errno, "getrandom");
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(raw); i++) {
		ret[2 * i] = hex[raw[i] >> 4];
		ret[2 * i + 1] = hex[raw[i] & 15];
	}
	ret[AUTH_TOKEN_LEN] = '\0';
	return NULL;
}

void auth_hash(const char *token, size_t len, uint8_t ret[STORE_HASH_LEN])
{
	SHA256((const unsigned char *)token, len, ret);
}

int auth_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (!n || n > TOKEN_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-' || c == '@'))
			return 0;
	}
	return 1;
}

struct lsg_error *auth_add(struct store *s, const char *name,
			    char ret[AUTH_TOKEN_LEN + 1])
{
	char tok[AUTH_TOKEN_LEN + 1];
	uint8_t hash[STORE_HASH_LEN];
	struct lsg_error *err;

	if (!auth_name_valid(name))
		return lsg_error_create(LSG_ERR_INVALID,
					"token name \"%.*s\": use 1 to %d letters, digits, '.', '_', '-' or '@'",
					TOKEN_NAME_MAX, name, TOKEN_NAME_MAX);
	err = auth_generate(tok);
	if (err)
		return err;
	auth_hash(tok, AUTH_TOKEN_LEN, hash);
	err = store_token_add(s, name, hash);
	if (!err)
		memcpy(ret, tok, sizeof(tok));
	explicit_bzero(tok, sizeof(tok));
	return err;
}

int auth_bearer(const char *header, const char **ret, size_t *ret_len)
{
	size_t n;

	if (!header || strnlen(header, TOKEN_HEADER_MAX + 1) > TOKEN_HEADER_MAX)
		return -1;
	if (strncasecmp(header, "Bearer ", 7))
		return -1;
	header += 7;
	while (*header == ' ')
		header++;
	n = strlen(header);
	while (n && (header[n - 1] == ' ' || header[n - 1] == '\t'))
		n--;
	if (!n)
		return -1;
	*ret = header;
	*ret_len = n;
	return 0;
}

struct lsg_error *auth_check(struct store *s, const char *header,
			      int *ret_ok)
{
	uint8_t hash[STORE_HASH_LEN];
	const char *tok;
	size_t len;

	if (auth_bearer(header, &tok, &len)) {
		*ret_ok = 0;
		return NULL;
	}
	auth_hash(tok, len, hash);
	return store_token_check(s, hash, ret_ok);
}
