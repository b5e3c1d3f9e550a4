/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where bundles, their reports, crash groups and agent tokens live.  A
 * backend is a const struct store_ops; callers hold a struct store * and go
 * through the store_*() functions below, so adding a backend (PostgreSQL
 * for several analyzers sharing a fleet) is one more table entry in
 * store.c and touches no caller.
 *
 * Contract every backend keeps:
 *  - store_put() returns only once the bundle is durable: a crash of the
 *    process or of the machine after it returns loses nothing.
 *  - The same bundle id stored twice makes one row; the second put says it
 *    was a duplicate and changes nothing (the group is counted once).
 *  - The group of the crash's signature is updated in the same transaction
 *    as the crash row.
 *  - All functions may be called from several threads at once.
 */
#ifndef LSG_STORE_H
#define LSG_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "ingest/ingest.h"

/* A time that is not known (crash_time) or a bound that is not set. */
#define STORE_TIME_NONE INT64_MIN

enum {
	STORE_HASH_LEN = 32,		/* SHA-256 of a token or session id */
	STORE_NAME_MAX = 64,		/* token names */
	STORE_CSRF_LEN = 64,		/* hex digits of a session's CSRF token */
	STORE_LIST_DEFAULT = 50,	/* rows when no limit is given */
	STORE_LIST_MAX = 1000,		/* rows at most in one list */
};

/* The base every backend's handle begins with. */
struct store {
	const struct store_ops *ops;
};

/* One crash as stored: the bundle's bytes and the columns indexed. */
struct store_crash {
	const char *id;			/* 64 hex digits */
	const char *host, *machine_id, *tag;	/* NULL when unknown */
	size_t host_len;	/* a hostname may hold NUL bytes; 0: strlen */
	const char *release, *build_id;
	int64_t crash_time;		/* unix seconds, or STORE_TIME_NONE */
	int64_t received_at;		/* unix seconds */
	const char *title, *class, *signature;	/* from the report */
	const char *report;		/* the report, JSON text */
	const void *bundle;		/* the bytes as received */
	size_t bundle_len;
	int compressed;			/* bundle is a zstd frame */
};

/* Filters for store_list(); NULL or STORE_TIME_NONE: no filter. */
struct store_filter {
	const char *host;		/* hostname */
	const char *kernel;		/* kernel release */
	const char *class;		/* the label if set, else predicted */
	const char *signature;
	const char *title;		/* a prefix of the title */
	/* inclusive; the crash time, else when it was received */
	int64_t since, until;
	unsigned limit;			/* 0: STORE_LIST_DEFAULT */
	unsigned offset;
};

/*
 * What a token may do (DESIGN §6): an agent uploads bundles, an operator
 * reads and labels, an admin manages tokens.  Stored by name.
 */
enum store_role {
	STORE_ROLE_NONE,	/* no such token */
	STORE_ROLE_AGENT,
	STORE_ROLE_OPERATOR,
	STORE_ROLE_ADMIN,
};

/* A signed-in browser: the token it signed in with, as it is now. */
struct store_session {
	char token[STORE_NAME_MAX + 1];
	enum store_role role;	/* the token's current role */
	char csrf[STORE_CSRF_LEN + 1];
	int64_t expires;	/* unix seconds */
};

/* What the dashboard counts crashes by (store_top()). */
enum store_dim {
	STORE_DIM_SIGNATURE,	/* with title, first and last seen */
	STORE_DIM_KERNEL,
	STORE_DIM_HOST,
};

struct store_counters {
	uint64_t crashes, groups, tokens;
};

/*
 * A backend.  The JSON results are new references the caller owns; see
 * the store_*() wrappers for their shapes.
 */
struct store_ops {
	const char *scheme;	/* "sqlite" as in "sqlite:PATH" */
	struct lsg_error *(*open)(const char *where, struct store **ret);
	void (*close)(struct store *s);
	struct lsg_error *(*put_bundle)(struct store *s,
					const struct store_crash *c,
					int *ret_dup);
	struct lsg_error *(*get_crash)(struct store *s, const char *id,
				       json_t **ret);
	struct lsg_error *(*get_bundle)(struct store *s, const char *id,
					void **ret, size_t *ret_len);
	struct lsg_error *(*list_crashes)(struct store *s,
					  const struct store_filter *f,
					  json_t **ret);
	struct lsg_error *(*list_groups)(struct store *s, unsigned limit,
					 unsigned offset, json_t **ret);
	struct lsg_error *(*label)(struct store *s, const char *id,
				   const char *class, int64_t now,
				   int *ret_found);
	struct lsg_error *(*token_add)(struct store *s, const char *name,
				       enum store_role role,
				       const uint8_t hash[STORE_HASH_LEN],
				       int64_t now);
	struct lsg_error *(*token_check)(struct store *s,
					 const uint8_t hash[STORE_HASH_LEN],
					 char ret_name[STORE_NAME_MAX + 1],
					 enum store_role *ret_role);
	struct lsg_error *(*token_list)(struct store *s, json_t **ret);
	struct lsg_error *(*token_revoke)(struct store *s, const char *name,
					  int *ret_found);
	struct lsg_error *(*session_add)(struct store *s,
					 const uint8_t hash[STORE_HASH_LEN],
					 const struct store_session *sess,
					 int64_t now);
	struct lsg_error *(*session_get)(struct store *s,
					 const uint8_t hash[STORE_HASH_LEN],
					 int64_t now, struct store_session *ret,
					 int *ret_found);
	struct lsg_error *(*session_delete)(struct store *s,
					    const uint8_t hash[STORE_HASH_LEN]);
	struct lsg_error *(*histogram)(struct store *s,
				       const struct store_filter *f,
				       json_t **ret);
	struct lsg_error *(*top)(struct store *s, const struct store_filter *f,
				 enum store_dim dim, json_t **ret);
	struct lsg_error *(*label_queue)(struct store *s, unsigned limit,
					 unsigned offset, json_t **ret);
	struct lsg_error *(*counters)(struct store *s,
				      struct store_counters *ret);
	struct lsg_error *(*state_get)(struct store *s, const char *name,
				       void **ret, size_t *ret_len,
				       int64_t *ret_version);
	struct lsg_error *(*state_put)(struct store *s, const char *name,
				       const void *data, size_t len,
				       int64_t version, int64_t now,
				       int64_t *ret_version);
	struct lsg_error *(*ping)(struct store *s);
	struct lsg_error *(*prune)(struct store *s, int64_t before,
				   uint64_t max_bytes, uint64_t *ret_pruned);
};

/* The root-cause classes a label may set (DESIGN §6.5). */
enum { STORE_NCLASSES = 14 };
extern const char *const store_classes[STORE_NCLASSES];

/** store_class_valid() - @class is one of store_classes. */
int store_class_valid(const char *class);

/** The SQLite backend (store_sqlite.c). */
extern const struct store_ops store_sqlite_ops;

/** The PostgreSQL backend (store_pg.c), when built with libpq. */
extern const struct store_ops store_pg_ops;

/** store_backends() - the schemes this build has, space-separated. */
const char *store_backends(void);

/**
 * store_open() - open (creating or migrating) the store named by @spec:
 * "sqlite:PATH" or a plain PATH for SQLite, "postgresql://..." or
 * "postgres://..." (a libpq URI) for PostgreSQL.  Close with store_close().
 * Errors: LSG_ERR_UNSUPPORTED for a scheme not built in, LSG_ERR_LIB,
 * LSG_ERR_OS.
 */
struct lsg_error *store_open(const char *spec, struct store **ret);

/** store_close() - close @s; NULL is fine. */
void store_close(struct store *s);

/**
 * store_crash_from_bundle() - the columns of @b and its @report (borrowed;
 * title, root_cause.class and signature are read from it) into @ret, whose
 * strings are borrowed from @b and @report.  @report_text is the report
 * dumped as JSON (borrowed); @raw, @len the bytes as received.
 */
void store_crash_from_bundle(const struct ingest_bundle *b,
			     const json_t *report, const char *report_text,
			     const void *raw, size_t len, int64_t now,
			     struct store_crash *ret);

/**
 * store_put() - store @b as received (@raw, @len) with its @report.
 * *@ret_dup is 1 when the id was already stored (nothing changed), else 0.
 * Returns once the row is durable.
 */
struct lsg_error *store_put(struct store *s, const struct ingest_bundle *b,
			    const void *raw, size_t len, const json_t *report,
			    int *ret_dup);

/**
 * store_put_crash() - store a row made by store_crash_from_bundle() or by
 * hand; as store_put().
 */
struct lsg_error *store_put_crash(struct store *s, const struct store_crash *c,
				  int *ret_dup);

/**
 * store_get() - one crash: {"id", "host", "machine_id", "tag", "kernel",
 * "build_id", "crash_time", "received_at", "title", "class", "signature",
 * "label", "report"}; *@ret is NULL when there is no such id.
 */
struct lsg_error *store_get(struct store *s, const char *id, json_t **ret);

/**
 * store_get_bundle() - the bundle's bytes as received; the caller frees
 * *@ret.  *@ret is NULL when there is no such id.
 */
struct lsg_error *store_get_bundle(struct store *s, const char *id,
				   void **ret, size_t *ret_len);

/**
 * store_list() - crashes matching @f, newest received first: an array of
 * store_get() objects without "report".
 */
struct lsg_error *store_list(struct store *s, const struct store_filter *f,
			     json_t **ret);

/**
 * store_groups() - crash groups, most crashes first: an array of
 * {"signature", "title", "count", "first_seen", "last_seen"}.
 */
struct lsg_error *store_groups(struct store *s, unsigned limit,
			       unsigned offset, json_t **ret);

/**
 * store_label() - set an operator's root-cause label on crash @id;
 * *@ret_found is 0 when there is no such crash.
 */
struct lsg_error *store_label(struct store *s, const char *id,
			      const char *class, int *ret_found);

/**
 * store_token_add() - remember the SHA-256 @hash of a token named @name
 * with @role.  LSG_ERR_INVALID when the name is taken.
 */
struct lsg_error *store_token_add(struct store *s, const char *name,
				  enum store_role role,
				  const uint8_t hash[STORE_HASH_LEN]);

/**
 * store_token_check() - the role of the token whose SHA-256 is @hash
 * (STORE_ROLE_NONE when there is none) and its name; every stored hash is
 * compared, each in constant time.
 */
struct lsg_error *store_token_check(struct store *s,
				    const uint8_t hash[STORE_HASH_LEN],
				    char ret_name[STORE_NAME_MAX + 1],
				    enum store_role *ret_role);

/**
 * store_token_list() - every token, by name: an array of {"name", "role",
 * "created_at"}; never a hash.
 */
struct lsg_error *store_token_list(struct store *s, json_t **ret);

/**
 * store_token_revoke() - forget token @name and end its sessions;
 * *@ret_found is 0 when there is no such token.
 */
struct lsg_error *store_token_revoke(struct store *s, const char *name,
				     int *ret_found);

/** store_role_name() - "agent", "operator", "admin"; NULL for NONE. */
const char *store_role_name(enum store_role role);

/** store_role_parse() - the role named @name, or STORE_ROLE_NONE. */
enum store_role store_role_parse(const char *name);

/**
 * store_session_add() - a browser session whose id hashes to @hash, for
 * the token and CSRF token in @sess, valid until @sess->expires.
 */
struct lsg_error *store_session_add(struct store *s,
				    const uint8_t hash[STORE_HASH_LEN],
				    const struct store_session *sess);

/**
 * store_session_get() - the unexpired session whose id hashes to @hash,
 * with its token's current role; *@ret_found is 0 when there is none (or
 * its token was revoked).
 */
struct lsg_error *store_session_get(struct store *s,
				    const uint8_t hash[STORE_HASH_LEN],
				    struct store_session *ret, int *ret_found);

/** store_session_delete() - end the session (sign-out); absent is fine. */
struct lsg_error *store_session_delete(struct store *s,
				       const uint8_t hash[STORE_HASH_LEN]);

/*
 * The dashboard's figures, under the same filters as store_list() (limit
 * and offset aside).  A crash's time is its crash time, else when it was
 * received; its class the label, else the predicted class.
 */

/**
 * store_histogram() - crashes per day, class and title: an array of
 * {"day" (unix seconds at 00:00 UTC), "class" (or null), "title" (or
 * null), "count"}, by day.
 */
struct lsg_error *store_histogram(struct store *s,
				  const struct store_filter *f, json_t **ret);

/**
 * store_top() - the @f->limit values of @dim with the most crashes: an
 * array of {"value", "count", "first_seen", "last_seen"}, and "title" for
 * STORE_DIM_SIGNATURE, most crashes first.
 */
struct lsg_error *store_top(struct store *s, const struct store_filter *f,
			    enum store_dim dim, json_t **ret);

/**
 * store_label_queue() - unlabeled crashes most worth an operator's label
 * first: one per group (its newest), groups without a predicted class
 * (or "unknown") first, then larger groups first.  store_list() objects
 * with "group_count".
 */
struct lsg_error *store_label_queue(struct store *s, unsigned limit,
				    unsigned offset, json_t **ret);

/**
 * store_ping() - NULL when the database answers a query now: what a load
 * balancer's readiness check asks.
 */
struct lsg_error *store_ping(struct store *s);

/**
 * store_prune() - retention: drop the bytes of the bundles received before
 * @before (STORE_TIME_NONE: none), then of the oldest ones until the
 * bundles stored take at most @max_bytes (0: no bound).  Crash rows, their
 * reports and group counts stay; a pruned bundle reads back as 0 bytes.
 * *@ret_pruned is how many bundles lost their bytes now.  Freed space is
 * reused by later bundles (an SQLite file does not shrink).
 */
struct lsg_error *store_prune(struct store *s, int64_t before,
			      uint64_t max_bytes, uint64_t *ret_pruned);

/** store_counters() - totals for /metrics. */
struct lsg_error *store_counters(struct store *s, struct store_counters *ret);

/*
 * Named state of the analysis stages (FILE's templates, GARCA's model...):
 * one versioned blob per name, so several analyzers on one database share
 * it and a writer never overwrites a version it did not read.
 */

/**
 * store_state_get() - the blob named @name into *@ret (malloc'd, the
 * caller frees) and its version; version 0 and NULL when there is none.
 */
struct lsg_error *store_state_get(struct store *s, const char *name,
				  void **ret, size_t *ret_len,
				  int64_t *ret_version);

/**
 * store_state_put() - store @data as @name if its stored version is still
 * @version (0: the name must be new); *@ret_version is the new version.
 * LSG_ERR_INVALID when another writer got there first: read, merge, retry.
 */
struct lsg_error *store_state_put(struct store *s, const char *name,
				  const void *data, size_t len,
				  int64_t version, int64_t *ret_version);

#endif
