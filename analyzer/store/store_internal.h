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

enum { STORE_NCONDS = 7 };	/* filters a crash list can set */

/* A crash's time: when it crashed, else when it was received. */
#define STORE_CRASH_T "coalesce(crash_time, received_at)"

/* The value of one set filter, bound as parameter number its index + 1. */
struct store_cond {
	const char *str;	/* NULL for a time */
	int64_t t;
	int prefix;		/* str is a prefix: bind store_like_prefix() */
};

/**
 * store_filter_sql() - " AND cond" for each filter set in @f into @sql
 * (NUL-terminated, @size bytes), parameters written @mark then a number
 * from 1 ("?" for SQLite, "$" for PostgreSQL); their values into @ret.
 * Returns how many parameters there are.
 */
size_t store_filter_sql(const struct store_filter *f, char mark, char *sql,
			size_t size, struct store_cond ret[STORE_NCONDS]);

/**
 * store_like_prefix() - @prefix as a LIKE pattern (ESCAPE '!'): its own
 * '%', '_' and '!' escaped.  The caller frees it; NULL when out of memory.
 */
char *store_like_prefix(const char *prefix);

/** store_list_limit() - @limit with its default and maximum applied. */
unsigned store_list_limit(unsigned limit);

/*
 * The dashboard's queries, alike on every backend: a head, then the
 * filters' WHERE, then a tail (and the backend's LIMIT, OFFSET).
 */
#define STORE_HISTOGRAM_HEAD "SELECT (t / 86400) * 86400, k, title," \
	" count(*) FROM (SELECT " STORE_CRASH_T " AS t," \
	" coalesce(label, class) AS k, title FROM crashes"
#define STORE_HISTOGRAM_TAIL ") AS c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"

/* store_top()'s heads by enum store_dim. */
extern const char *const store_top_heads[3];
#define STORE_TOP_TAIL ") AS c GROUP BY v HAVING v <> ''" \
	" ORDER BY 2 DESC, 4 DESC, v"

/*
 * One unlabeled crash per group (its newest); groups the model could not
 * classify first, then the largest: one label there teaches the most.
 * The groups come from crashes_queue alone, the rows only for the page
 * shown; IS NOT DISTINCT FROM, so crashes without a signature form a
 * group too.  @limit and @offset are the parameters' names.
 */
#define STORE_QUEUE_SQL(cols, limit, offset) \
	"SELECT " cols ", q.n FROM (SELECT signature AS s," \
	" count(*) AS n, max(CASE WHEN class IS NULL" \
	"  OR class = 'unknown' THEN 1 ELSE 0 END) AS unk," \
	" max(received_at) AS last FROM crashes" \
	" WHERE label IS NULL GROUP BY signature" \
	" ORDER BY unk DESC, n DESC, last DESC, s" \
	" LIMIT " limit " OFFSET " offset ") AS q" \
	" JOIN crashes ON crashes.id = (SELECT x.id FROM crashes AS x" \
	"  WHERE x.label IS NULL AND x.signature IS NOT DISTINCT FROM q.s" \
	"  ORDER BY x.received_at DESC, x.id LIMIT 1)" \
	" ORDER BY q.unk DESC, q.n DESC, q.last DESC, q.s"

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
