/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the backends of the store share and callers do not see: the WHERE
 * clause of a crash list, built once so every backend filters alike, and
 * the schema version rule.
 */
#ifndef LSG_STORE_INTERNAL_H
#define LSG_STORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

enum { STORE_NCONDS = 6 };	/* filters a crash list can set */

/* The value of one set filter, bound as parameter number its index + 1. */
struct store_cond {
	const char *str;	/* NULL for a time */
	int64_t t;
};

/**
 * store_filter_sql() - " AND cond" for each filter set in @f into @sql
 * (NUL-terminated, @size bytes), parameters written @mark then a number
 * from 1 ("?" for SQLite, "$" for PostgreSQL); their values into @ret.
 * Returns how many parameters there are.
 */
size_t store_filter_sql(const struct store_filter *f, char mark, char *sql,
			size_t size, struct store_cond ret[STORE_NCONDS]);

/** store_list_limit() - @limit with its default and maximum applied. */
unsigned store_list_limit(unsigned limit);

/*
 * Retention's two statements, alike on every backend but for the row
 * order column (@row) and the parameter (@param): bundles received before
 * a time, and the oldest ones past a total of bytes counted from the
 * newest, lose their bytes (substr(bundle, 1, 0) is an empty value of
 * the column's type in SQLite and in PostgreSQL alike).
 */
#define PRUNE_BEFORE(param) \
	"UPDATE crashes SET bundle = substr(bundle, 1, 0) WHERE received_at < " param \
	" AND length(bundle) > 0"
#define PRUNE_BYTES(row, param) \
	"UPDATE crashes SET bundle = substr(bundle, 1, 0) WHERE " row " IN (SELECT " row \
	" FROM (SELECT " row ", sum(length(bundle)) OVER (ORDER BY" \
	" received_at DESC, " row " DESC) AS kept FROM crashes" \
	" WHERE length(bundle) > 0) AS newest WHERE kept > " param ")"

/**
 * store_schema_check() - LSG_ERR_UNSUPPORTED when a store's schema
 * @version is newer than the @latest this build knows: it is refused,
 * never migrated down or clobbered.
 */
struct lsg_error *store_schema_check(int version, int latest);

#endif
