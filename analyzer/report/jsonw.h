/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Compact JSON text of a jansson value, byte for byte what
 * json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) writes (members in
 * insertion order, the same escapes, reals as "%.17g" with jansson's
 * touches), at a fraction of its cost: jansson pays a callback per piece,
 * a code point at a time through strings, and a hash table insert per
 * container for its loop check.  The report of every upload is written
 * once for the store and the answer, so this is on the ingest path.
 */
#ifndef LSG_JSONW_H
#define LSG_JSONW_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"

/* Nesting written at most: deeper (or a loop) is LSG_ERR_INVALID. */
enum { JSONW_MAX_DEPTH = 2048 };

/**
 * jsonw_dump() - @v as compact JSON text into *@ret (malloc'd, NUL-
 * terminated; its length in *@ret_len), written on success only.
 * Errors: &lsg_enomem; LSG_ERR_INVALID for a string that is not UTF-8
 * (jansson's dump fails on it too) or nesting past JSONW_MAX_DEPTH.
 */
struct lsg_error *jsonw_dump(const json_t *v, char **ret, size_t *ret_len);

/**
 * jsonw_dump_framed() - jsonw_dump() with @head (@head_len bytes) before
 * the text, in *@ret_len, and room for @tail_room more bytes after its
 * NUL: a document that holds @v is written without copying @v's text.
 */
struct lsg_error *jsonw_dump_framed(const json_t *v, const char *head,
				    size_t head_len, size_t tail_room,
				    char **ret, size_t *ret_len);

#endif
