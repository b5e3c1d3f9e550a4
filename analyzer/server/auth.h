/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-agent bearer tokens.  A token is 32 random bytes from getrandom(2)
 * written as 64 lowercase hex digits; it is shown once, when made, and only
 * its SHA-256 is stored.  Checking hashes what the client sent and compares
 * it with every stored hash in constant time.
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
};

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
 * auth_add() - make a token named @name, store its hash in @s, and write
 * the token itself into @ret (the only copy: the caller shows it once).
 * Errors: LSG_ERR_INVALID for a bad or taken name, store errors.
 */
struct lsg_error *auth_add(struct store *s, const char *name,
			    char ret[AUTH_TOKEN_LEN + 1]);

/**
 * auth_bearer() - the token in an "Authorization: Bearer TOKEN" header
 * value (@header may be NULL).  Returns 0 and sets @ret/@ret_len (borrowed
 * from @header), or -1 when the header is absent or not of that form.
 */
int auth_bearer(const char *header, const char **ret, size_t *ret_len);

/**
 * auth_check() - *@ret_ok = 1 when @header carries a stored token.
 * A missing or malformed header is not an error: *@ret_ok = 0.
 */
struct lsg_error *auth_check(struct store *s, const char *header,
			      int *ret_ok);

#endif
