/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bearer tokens with roles, and the browser sessions made from them.  A
 * token is 32 random bytes from getrandom(2) written as 64 lowercase hex
 * digits; it is shown once, when made, and only its SHA-256 is stored.
 * Checking hashes what the client sent and compares it with every stored
 * hash in constant time.
 *
 * A session is what signing in with an operator token gives a browser: a
 * random id in an HttpOnly, SameSite=Strict cookie (only its SHA-256 is
 * stored), a CSRF token for its forms, and an expiry.  Its role is its
 * token's at each request, so revoking the token ends the session.
 */
#ifndef LSG_AUTH_H
#define LSG_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store/store.h"

enum {
	TOKEN_BYTES = 32,
	AUTH_TOKEN_LEN = 2 * TOKEN_BYTES,	/* hex digits */
	TOKEN_NAME_MAX = 64,
	/* Longest Authorization header looked at: "Bearer " and a token. */
	TOKEN_HEADER_MAX = 256,
	AUTH_SESSION_TTL = 8 * 3600,	/* seconds a sign-in lasts */
	/* Longest Cookie header looked at. */
	AUTH_COOKIE_HEADER_MAX = 4096,
};

/* The session cookie's name. */
#define AUTH_COOKIE "logsage_session"

/**
 * auth_generate() - a new random token, NUL-terminated, into @ret.
 * Errors: LSG_ERR_OS when getrandom fails.
 */
struct lsg_error *auth_generate(char ret[AUTH_TOKEN_LEN + 1]);

/** auth_hash() - SHA-256 of the @len bytes of @token into @ret. */
void auth_hash(const char *token, size_t len, uint8_t ret[STORE_HASH_LEN]);

/**
 * auth_name_valid() - a token name is 1..TOKEN_NAME_MAX bytes of
 * letters, digits, '.', '_', '-' and '@'.
 */
int auth_name_valid(const char *name);

/**
 * auth_add() - make a token named @name with @role, store its hash in @s,
 * and write the token itself into @ret (the only copy: the caller shows it
 * once).  Errors: LSG_ERR_INVALID for a bad or taken name, store errors.
 */
struct lsg_error *auth_add(struct store *s, const char *name,
			    enum store_role role,
			    char ret[AUTH_TOKEN_LEN + 1]);

/**
 * auth_bearer() - the token in an "Authorization: Bearer TOKEN" header
 * value (@header may be NULL).  Returns 0 and sets @ret/@ret_len (borrowed
 * from @header), or -1 when the header is absent or not of that form.
 */
int auth_bearer(const char *header, const char **ret, size_t *ret_len);

/**
 * auth_check() - the role of the token in an Authorization @header, and
 * its name; STORE_ROLE_NONE (not an error) for a missing or malformed
 * header or an unknown token.
 */
struct lsg_error *auth_check(struct store *s, const char *header,
			      char ret_name[STORE_NAME_MAX + 1],
			      enum store_role *ret_role);

/**
 * auth_token_role() - as auth_check() for a bare token of @len bytes (a
 * sign-in form's field).
 */
struct lsg_error *auth_token_role(struct store *s, const char *token,
				  size_t len,
				  char ret_name[STORE_NAME_MAX + 1],
				  enum store_role *ret_role);

/**
 * auth_cookie() - the value of cookie @name in a Cookie @header (may be
 * NULL).  Returns 0 and sets @ret/@ret_len (borrowed from @header), or -1
 * when it is not there.
 */
int auth_cookie(const char *header, const char *name, const char **ret,
		size_t *ret_len);

/**
 * auth_session_start() - a session for token @token_name, valid for
 * AUTH_SESSION_TTL: its id (the cookie's value, never stored) into @ret_id
 * and the session, CSRF token included, into @ret.
 */
struct lsg_error *auth_session_start(struct store *s, const char *token_name,
				     char ret_id[AUTH_TOKEN_LEN + 1],
				     struct store_session *ret);

/**
 * auth_session_find() - the live session whose id is in the Cookie
 * @header; *@ret_found is 0 when there is none (no cookie, expired,
 * signed out or its token revoked).
 */
struct lsg_error *auth_session_find(struct store *s, const char *header,
				    struct store_session *ret,
				    int *ret_found);

/** auth_session_end() - sign out the session in the Cookie @header. */
struct lsg_error *auth_session_end(struct store *s, const char *header);

/** auth_csrf_ok() - @csrf is @sess's CSRF token (constant time). */
int auth_csrf_ok(const struct store_session *sess, const char *csrf);

#endif
