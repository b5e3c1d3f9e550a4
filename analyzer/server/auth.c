/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "auth.h"
#include "hex.h"

struct lsg_error *auth_generate(char ret[AUTH_TOKEN_LEN + 1])
{
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
	hex_encode(raw, sizeof(raw), ret);
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
			    enum store_role role,
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
	err = store_token_add(s, name, role, hash);
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

struct lsg_error *auth_token_role(struct store *s, const char *token,
				  size_t len,
				  char ret_name[STORE_NAME_MAX + 1],
				  enum store_role *ret_role)
{
	uint8_t hash[STORE_HASH_LEN];

	auth_hash(token, len, hash);
	return store_token_check(s, hash, ret_name, ret_role);
}

struct lsg_error *auth_check(struct store *s, const char *header,
			      char ret_name[STORE_NAME_MAX + 1],
			      enum store_role *ret_role)
{
	const char *tok;
	size_t len;

	if (auth_bearer(header, &tok, &len)) {
		ret_name[0] = '\0';
		*ret_role = STORE_ROLE_NONE;
		return NULL;
	}
	return auth_token_role(s, tok, len, ret_name, ret_role);
}

int auth_cookie(const char *header, const char *name, const char **ret,
		size_t *ret_len)
{
	size_t n = strlen(name);
	const char *p = header;

	if (!p || strnlen(p, AUTH_COOKIE_HEADER_MAX + 1) > AUTH_COOKIE_HEADER_MAX)
		return -1;
	/* "a=1; b=2": pairs split by ';', optional spaces before a name. */
	while (*p) {
		size_t len;

		while (*p == ' ' || *p == '\t')
			p++;
		len = strcspn(p, ";");
		if (len > n && !strncmp(p, name, n) && p[n] == '=') {
			*ret = p + n + 1;
			*ret_len = len - n - 1;
			return 0;
		}
		p += len;
		if (*p == ';')
			p++;
	}
	return -1;
}

/* The hash of the session id in a Cookie header; -1 when there is none. */
static int session_hash(const char *header, uint8_t ret[STORE_HASH_LEN])
{
	const char *id;
	size_t len;

	if (auth_cookie(header, AUTH_COOKIE, &id, &len) ||
	    len != AUTH_TOKEN_LEN)
		return -1;
	auth_hash(id, len, ret);
	return 0;
}

struct lsg_error *auth_session_start(struct store *s, const char *token_name,
				     char ret_id[AUTH_TOKEN_LEN + 1],
				     struct store_session *ret)
{
	struct store_session sess = { .role = STORE_ROLE_NONE };
	uint8_t hash[STORE_HASH_LEN];
	char id[AUTH_TOKEN_LEN + 1];
	struct lsg_error *err;

	snprintf(sess.token, sizeof(sess.token), "%s", token_name);
	err = auth_generate(id);
	if (!err)
		err = auth_generate(sess.csrf);
	if (err)
		return err;
	sess.expires = (int64_t)time(NULL) + AUTH_SESSION_TTL;
	auth_hash(id, AUTH_TOKEN_LEN, hash);
	err = store_session_add(s, hash, &sess);
	if (!err) {
		memcpy(ret_id, id, sizeof(id));
		*ret = sess;
	}
	explicit_bzero(id, sizeof(id));
	return err;
}

struct lsg_error *auth_session_find(struct store *s, const char *header,
				    struct store_session *ret,
				    int *ret_found)
{
	uint8_t hash[STORE_HASH_LEN];

	if (session_hash(header, hash)) {
		*ret_found = 0;
		return NULL;
	}
	return store_session_get(s, hash, ret, ret_found);
}

struct lsg_error *auth_session_end(struct store *s, const char *header)
{
	uint8_t hash[STORE_HASH_LEN];

	if (session_hash(header, hash))
		return NULL;
	return store_session_delete(s, hash);
}

int auth_csrf_ok(const struct store_session *sess, const char *csrf)
{
	if (!csrf || strlen(csrf) != AUTH_TOKEN_LEN ||
	    strlen(sess->csrf) != AUTH_TOKEN_LEN)
		return 0;
	return !CRYPTO_memcmp(csrf, sess->csrf, AUTH_TOKEN_LEN);
}
