/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The people and lists of a source file, from a kernel MAINTAINERS file,
 * by the rules of the kernel's scripts/get_maintainer.pl:
 *
 *   F: a file, a directory ("fs/ext4/", also without the '/') or a glob
 *      ('*' and '?' never cross a '/'): the section covers the file;
 *   X: the same, excluding the file from the section;
 *   N: an extended regular expression on the file's path;
 *   K: an extended regular expression on the text (for a crash: the
 *      fatal event's log lines).
 *
 * A covered section gives its M: people (role "maintainer"), R: people
 * ("reviewer") and L: lists ("list"), most specific section first (the
 * longest F: match), each address once.  N: and K: patterns written in
 * Perl syntax that POSIX EREs do not read are left out and counted.
 */
#ifndef LSG_MAINTAINERS_H
#define LSG_MAINTAINERS_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"

/* Files larger than this are refused (the 6.1 file is 0.7 MB). */
#define MAINT_MAX_FILE ((size_t)16 << 20)

struct maint_db;

/**
 * maint_parse() - read a MAINTAINERS file.
 * @buf, @len:	its bytes (any bytes; borrowed for the call only)
 * @ret:	the sections, to free with maint_db_destroy()
 * Errors: LSG_ERR_LIMIT over MAINT_MAX_FILE, LSG_ERR_INVALID when no
 * section is found, &lsg_enomem.
 */
struct lsg_error *maint_parse(const char *buf, size_t len,
			      struct maint_db **ret);

/** maint_db_destroy() - free @db; NULL is fine. */
void maint_db_destroy(struct maint_db *db);

/** maint_db_sections() - sections read; maint_db_skipped(): N:/K: left out. */
size_t maint_db_sections(const struct maint_db *db);
size_t maint_db_skipped(const struct maint_db *db);

/**
 * maint_lookup() - [{"name", "email", "role", "section"}...] for @file
 * (a path relative to the source tree, or NULL) and @text (or NULL).  A
 * new reference; an empty array when nothing matches; NULL on ENOMEM.
 * @db is read only: threads may look up at once.
 */
json_t *maint_lookup(const struct maint_db *db, const char *file,
		     const char *text, size_t text_len);

#endif
