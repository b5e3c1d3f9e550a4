/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQLite store: one writer connection behind a mutex, a few reader
 * connections (WAL lets them read while the writer writes), prepared
 * statements made once per connection.
 *
 * Durability: journal_mode=WAL with synchronous=FULL.  In WAL mode FULL
 * makes every COMMIT fsync the WAL before it returns, so a committed
 * transaction survives a power cut, not only a crash of the process
 * (NORMAL would sync only at checkpoints, and a 201 could be lost with the
 * power).  store_put() returns after its COMMIT, so the server answers 201
 * only for a bundle that is on disk.
 *
 * Throughput: one fsync costs milliseconds, so a commit per bundle would cap
 * ingest at a few hundred a second.  Puts are group-committed instead: the
 * first thread to find the writer idle takes every put queued so far, runs
 * them in one transaction (a savepoint each, so one bad row fails alone) and
 * commits once; each waiting thread returns when the commit that holds its
 * row has returned.  Nothing is acknowledged before it is durable, and
 * nothing waits for a timer: a lone put commits at once.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <sqlite3.h>

#include "store_internal.h"

enum {
	READERS = 4,		/* reader connections */
	BUSY_TIMEOUT_MS = 10000,	/* another process holds the lock */
};

static const char *const migrations[] = {
	/* 1: crashes, groups, tokens */
	"CREATE TABLE crashes ("
	" id TEXT NOT NULL UNIQUE,"
	" host TEXT, machine_id TEXT, tag TEXT, release TEXT, build_id TEXT,"
	" crash_time INTEGER, received_at INTEGER NOT NULL,"
	" title TEXT, class TEXT, signature TEXT,"
	" label TEXT, labeled_at INTEGER,"
	" compressed INTEGER NOT NULL,"
	/* Large columns last: listing rows never reads their pages. */
	" report TEXT NOT NULL, bundle BLOB NOT NULL);"
	"CREATE INDEX crashes_received ON crashes(received_at);"
	"CREATE INDEX crashes_time ON crashes(crash_time);"
	"CREATE INDEX crashes_host ON crashes(host);"
	"CREATE INDEX crashes_release ON crashes(release);"
	"CREATE INDEX crashes_signature ON crashes(signature);"
	"CREATE TABLE crash_groups ("
	" signature TEXT PRIMARY KEY, title TEXT, count INTEGER NOT NULL,"
	" first_seen INTEGER, last_seen INTEGER);"
	"CREATE TABLE tokens ("
	" name TEXT PRIMARY KEY, hash BLOB NOT NULL,"
	" created_at INTEGER NOT NULL);",
	/* 2: named state of the analysis stages (templates, models) */
	"CREATE TABLE state ("
	" name TEXT PRIMARY KEY, version INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL, data BLOB NOT NULL);",
	/*
	 * 3: token roles (tokens made before roles were agents' and stay
	 * so), browser sessions, and indexes for the dashboard's class
	 * counts and the label queue.
	 */
	"ALTER TABLE tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'agent';"
	"CREATE TABLE sessions ("
	" hash BLOB PRIMARY KEY, token TEXT NOT NULL, csrf TEXT NOT NULL,"
	" created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);"
	"CREATE INDEX sessions_token ON sessions(token);"
	/* The queue's groups of unlabeled crashes, from the index alone. */
	"CREATE INDEX crashes_queue"
	" ON crashes(label, signature, received_at, class);"
	/*
	 * Every column the dashboard counts by or filters on: its scans
	 * read this index, never the rows (whose reports and bundles make a
	 * table scan of 10,000 crashes read hundreds of megabytes).
	 */
	"CREATE INDEX crashes_dash ON crashes(received_at, crash_time, label,"
	" class, host, release, signature, title);",
};

/* The migration that gave tokens their role: it says what it did. */
enum { MIGRATION_ROLES = 3 };

enum { SCHEMA_VERSION = sizeof(migrations) / sizeof(migrations[0]) };

#define CRASH_COLS "id, host, machine_id, tag, release, build_id, " \
	"crash_time, received_at, title, class, signature, label"

enum wstmt {
	W_BEGIN, W_COMMIT, W_ROLLBACK, W_SAVEPOINT, W_RELEASE, W_ROLLBACK_TO,
	W_INSERT, W_GROUP, W_LABEL, W_TOKEN, W_STATE, W_REVOKE,
	W_REVOKE_SESSIONS, W_SESSION_ADD, W_SESSION_DEL, W_COUNT
};

static const char *const writer_sql[W_COUNT] = {
	[W_BEGIN] = "BEGIN IMMEDIATE",
	[W_COMMIT] = "COMMIT",
	[W_ROLLBACK] = "ROLLBACK",
	[W_SAVEPOINT] = "SAVEPOINT put",
	[W_RELEASE] = "RELEASE put",
	[W_ROLLBACK_TO] = "ROLLBACK TO put",
	[W_INSERT] = "INSERT INTO crashes (" CRASH_COLS ", compressed, report,"
		     " bundle) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		     " ?10, ?11, NULL, ?12, ?13, ?14)"
		     " ON CONFLICT (id) DO NOTHING",
	[W_GROUP] = "INSERT INTO crash_groups VALUES (?1, ?2, 1, ?3, ?3)"
		    " ON CONFLICT (signature) DO UPDATE SET count = count + 1,"
		    " title = coalesce(title, excluded.title),"
		    " first_seen = min(first_seen, excluded.first_seen),"
		    " last_seen = max(last_seen, excluded.last_seen)",
	[W_LABEL] = "UPDATE crashes SET label = ?2, labeled_at = ?3 WHERE id = ?1",
	[W_TOKEN] = "INSERT INTO tokens (name, hash, created_at, role)"
		    " VALUES (?1, ?2, ?3, ?4)",
	[W_REVOKE] = "DELETE FROM tokens WHERE name = ?1",
	[W_REVOKE_SESSIONS] = "DELETE FROM sessions WHERE token = ?1",
	[W_SESSION_ADD] = "INSERT INTO sessions VALUES (?1, ?2, ?3, ?4, ?5)",
	/* Sign-out also sweeps every expired session. */
	[W_SESSION_DEL] = "DELETE FROM sessions WHERE hash = ?1"
			  " OR expires_at <= ?2",
	/* Version 0 asks for a new name; else the stored version must match. */
	[W_STATE] = "INSERT INTO state VALUES (?1, 1, ?3, ?4)"
		    " ON CONFLICT (name) DO UPDATE SET version = version + 1,"
		    " updated_at = ?3, data = ?4 WHERE version = ?2"
		    " RETURNING version",
};

enum rstmt {
	R_CRASH, R_BUNDLE, R_GROUPS, R_TOKENS, R_N_CRASHES, R_N_GROUPS,
	R_N_TOKENS, R_STATE, R_TOKEN_LIST, R_SESSION, R_QUEUE, R_PING,
	R_COUNT
};

static const char *const reader_sql[R_COUNT] = {
	[R_CRASH] = "SELECT " CRASH_COLS ", report FROM crashes WHERE id = ?1",
	[R_BUNDLE] = "SELECT bundle FROM crashes WHERE id = ?1",
	[R_GROUPS] = "SELECT signature, title, count, first_seen, last_seen"
		     " FROM crash_groups ORDER BY count DESC, last_seen DESC"
		     " LIMIT ?1 OFFSET ?2",
	[R_TOKENS] = "SELECT hash, name, role FROM tokens",
	[R_N_CRASHES] = "SELECT count(*) FROM crashes",
	[R_N_GROUPS] = "SELECT count(*) FROM crash_groups",
	[R_N_TOKENS] = "SELECT count(*) FROM tokens",
	[R_STATE] = "SELECT version, data FROM state WHERE name = ?1",
	[R_TOKEN_LIST] = "SELECT name, role, created_at FROM tokens"
			 " ORDER BY name",
	[R_SESSION] = "SELECT s.token, t.role, s.csrf, s.expires_at"
		      " FROM sessions AS s JOIN tokens AS t ON t.name = s.token"
		      " WHERE s.hash = ?1 AND s.expires_at > ?2",
	[R_QUEUE] = STORE_QUEUE_SQL(CRASH_COLS, "?1", "?2"),
	[R_PING] = "SELECT 1",
};

enum { MAX_STMTS = W_COUNT };
_Static_assert((int)R_COUNT <= (int)MAX_STMTS, "reader statements fit");

/* Time of a crash for the dashboard: when it crashed, else received. */
#define CRASH_T STORE_CRASH_T

struct conn {
	sqlite3 *db;
	sqlite3_stmt *st[MAX_STMTS];
	size_t nst;
	pthread_mutex_t lock;
};

/* A put waiting for the group commit that will hold it. */
struct put_req {
	const struct store_crash *c;
	struct lsg_error *err;
	int dup;
	int done;
	struct put_req *next;
};

struct sqlite_store {
	struct store base;
	struct conn writer;
	struct conn readers[READERS];
	unsigned next_reader;
	pthread_mutex_t qlock;	/* the queue and 'writing' */
	pthread_cond_t qcond;
	struct put_req *head, **tail;
	int writing;
};

static struct sqlite_store *to_sqlite(struct store *s)
{
	return (struct sqlite_store *)s;
}

static struct lsg_error *db_error(sqlite3 *db, int rc, const char *what)
{
	if (rc == SQLITE_NOMEM)
		return &lsg_enomem;
	return lsg_error_create(LSG_ERR_LIB, "sqlite: %s: %s", what,
				db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

/* Step @st once and reset it; returns the step's code. */
static int run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static struct lsg_error *exec(sqlite3 *db, const char *sql)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? NULL : db_error(db, rc, sql);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* @len bytes of @s, NUL bytes included; 0: up to the first NUL. */
static void bind_strn(sqlite3_stmt *st, int i, const char *s, size_t len)
{
	if (s && len && len <= INT_MAX)
		sqlite3_bind_text(st, i, s, (int)len, SQLITE_STATIC);
	else
		bind_str(st, i, s);
}

static void bind_time(sqlite3_stmt *st, int i, int64_t t)
{
	if (t == STORE_TIME_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}

/* ---- opening ---- */

static struct lsg_error *conn_open(struct conn *c, const char *path,
				   int flags, const char *const *sql,
				   size_t nsql)
{
	int rc;

	rc = sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return lsg_error_wrap(db_error(c->db, rc, "open"), "%s", path);
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	c->nst = nsql;
	for (size_t i = 0; i < nsql; i++) {
		rc = sqlite3_prepare_v3(c->db, sql[i], -1,
					SQLITE_PREPARE_PERSISTENT, &c->st[i],
					NULL);
		if (rc != SQLITE_OK)
			return db_error(c->db, rc, sql[i]);
	}
	return NULL;
}

static void conn_close(struct conn *c)
{
	for (size_t i = 0; i < c->nst; i++)
		sqlite3_finalize(c->st[i]);
	sqlite3_close(c->db);
	c->db = NULL;
	c->nst = 0;
}

static struct lsg_error *schema_version(sqlite3 *db, int *ret)
{
	sqlite3_stmt *st;
	int rc;

	*ret = 0;
	rc = sqlite3_prepare_v2(db, "SELECT version FROM schema_version", -1,
				&st, NULL);
	if (rc != SQLITE_OK)
		return db_error(db, rc, "schema_version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ret = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "schema_version");
	return NULL;
}

/* An existing store's tokens became agent tokens: say how many. */
static struct lsg_error *say_roles(sqlite3 *db)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM tokens", -1, &st,
				NULL);
	if (rc != SQLITE_OK)
		return db_error(db, rc, "count tokens");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fprintf(stderr,
			"logsage: store: migration %d: tokens have roles now; the %lld existing token(s) are agent tokens (upload only): make operator tokens with `logsage token add NAME --role operator`\n",
			MIGRATION_ROLES,
			(long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? NULL : db_error(db, rc, "count tokens");
}

static struct lsg_error *apply_migrations(sqlite3 *db, int from)
{
	struct lsg_error *err = NULL;
	char sql[96];

	err = store_schema_check(from, SCHEMA_VERSION);
	for (int v = from; !err && v < SCHEMA_VERSION; v++) {
		err = exec(db, migrations[v]);
		if (!err && v + 1 == MIGRATION_ROLES && from)
			err = say_roles(db);
	}
	if (err || from == SCHEMA_VERSION)
		return err;
	snprintf(sql, sizeof(sql),
		 "DELETE FROM schema_version;"
		 "INSERT INTO schema_version VALUES (%d)", SCHEMA_VERSION);
	return exec(db, sql);
}

/* Create or bring the schema up to date, all in one transaction. */
static struct lsg_error *migrate(sqlite3 *db)
{
	struct lsg_error *err;
	int version;

	err = exec(db, "BEGIN IMMEDIATE;"
		   "CREATE TABLE IF NOT EXISTS schema_version"
		   " (version INTEGER NOT NULL)");
	if (!err)
		err = schema_version(db, &version);
	if (!err)
		err = apply_migrations(db, version);
	if (!err)
		err = exec(db, "COMMIT");
	if (err)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return err;
}

static struct lsg_error *open_writer(struct sqlite_store *s, const char *path)
{
	struct conn *w = &s->writer;
	struct lsg_error *err;

	err = conn_open(w, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			NULL, 0);
	if (!err)
		err = exec(w->db, "PRAGMA journal_mode = WAL;"
			   "PRAGMA synchronous = FULL");
	if (!err)
		err = migrate(w->db);
	for (size_t i = 0; !err && i < W_COUNT; i++) {
		int rc = sqlite3_prepare_v3(w->db, writer_sql[i], -1,
					    SQLITE_PREPARE_PERSISTENT,
					    &w->st[i], NULL);

		w->nst = i + 1;
		if (rc != SQLITE_OK)
			err = db_error(w->db, rc, writer_sql[i]);
	}
	return err;
}

static void sqlite_close(struct store *base)
{
	struct sqlite_store *s = to_sqlite(base);

	if (!s)
		return;
	for (int i = 0; i < READERS; i++) {
		conn_close(&s->readers[i]);
		pthread_mutex_destroy(&s->readers[i].lock);
	}
	conn_close(&s->writer);
	pthread_mutex_destroy(&s->writer.lock);
	pthread_mutex_destroy(&s->qlock);
	pthread_cond_destroy(&s->qcond);
	free(s);
}

static struct lsg_error *sqlite_open(const char *path, struct store **ret)
{
	struct sqlite_store *s = calloc(1, sizeof(*s));
	struct lsg_error *err;

	if (!s)
		return &lsg_enomem;
	s->base.ops = &store_sqlite_ops;
	s->tail = &s->head;
	pthread_mutex_init(&s->writer.lock, NULL);
	pthread_mutex_init(&s->qlock, NULL);
	pthread_cond_init(&s->qcond, NULL);
	for (int i = 0; i < READERS; i++)
		pthread_mutex_init(&s->readers[i].lock, NULL);
	err = open_writer(s, path);
	for (int i = 0; !err && i < READERS; i++) {
		err = conn_open(&s->readers[i], path, SQLITE_OPEN_READWRITE,
				reader_sql, R_COUNT);
		if (!err)
			err = exec(s->readers[i].db, "PRAGMA query_only = 1");
	}
	if (err) {
		sqlite_close(&s->base);
		return lsg_error_wrap(err, "store %s", path);
	}
	*ret = &s->base;
	return NULL;
}

/* ---- readers ---- */

static struct conn *reader_get(struct sqlite_store *s)
{
	unsigned i;

	for (i = 0; i < READERS; i++)
		if (!pthread_mutex_trylock(&s->readers[i].lock))
			return &s->readers[i];
	i = __atomic_fetch_add(&s->next_reader, 1, __ATOMIC_RELAXED) % READERS;
	pthread_mutex_lock(&s->readers[i].lock);
	return &s->readers[i];
}

static void reader_put(struct conn *c)
{
	pthread_mutex_unlock(&c->lock);
}

static json_t *column_json(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_TEXT:
		return json_stringn((const char *)sqlite3_column_text(st, i),
				    (size_t)sqlite3_column_bytes(st, i));
	default:
		return json_null();
	}
}

/* A row of CRASH_COLS as an object; the column names are the keys. */
static json_t *crash_row_json(sqlite3_stmt *st)
{
	static const char *const keys[] = {
		"id", "host", "machine_id", "tag", "kernel", "build_id",
		"crash_time", "received_at", "title", "class", "signature",
		"label",
	};
	json_t *o = json_object();

	for (int i = 0; o && i < (int)(sizeof(keys) / sizeof(keys[0])); i++)
		if (json_object_set_new(o, keys[i], column_json(st, i))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static json_t *crash_with_report(sqlite3_stmt *st)
{
	json_t *o = crash_row_json(st), *report;

	if (!o)
		return NULL;
	report = json_loadb((const char *)sqlite3_column_text(st, 12),
			    (size_t)sqlite3_column_bytes(st, 12),
			    JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (!report || json_object_set_new(o, "report", report)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static struct lsg_error *sqlite_get_crash(struct store *base, const char *id,
					  json_t **ret)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_CRASH];
	struct lsg_error *err = NULL;
	json_t *o = NULL;
	int rc;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		o = crash_with_report(st);
		if (!o)
			err = &lsg_enomem;
	} else if (rc != SQLITE_DONE) {
		err = db_error(c->db, rc, "get crash");
	}
	sqlite3_reset(st);
	reader_put(c);
	if (!err)
		*ret = o;
	return err;
}

/* A copy of blob column @col (malloc'd, never NULL, even when empty). */
static struct lsg_error *column_copy(sqlite3_stmt *st, int col, void **ret,
				     size_t *ret_len)
{
	size_t len = (size_t)sqlite3_column_bytes(st, col);
	void *buf = malloc(len ? len : 1);

	if (!buf)
		return &lsg_enomem;
	if (len)
		memcpy(buf, sqlite3_column_blob(st, col), len);
	*ret = buf;
	*ret_len = len;
	return NULL;
}

static struct lsg_error *sqlite_get_bundle(struct store *base, const char *id,
					   void **ret, size_t *ret_len)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_BUNDLE];
	struct lsg_error *err = NULL;
	void *buf = NULL;
	size_t len = 0;
	int rc;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		err = column_copy(st, 0, &buf, &len);
	else if (rc != SQLITE_DONE)
		err = db_error(c->db, rc, "get bundle");
	sqlite3_reset(st);
	reader_put(c);
	if (!err) {
		*ret = buf;
		*ret_len = len;
	}
	return err;
}

/* Collect every row of @st through @fn into an array. */
static struct lsg_error *rows_json(sqlite3 *db, sqlite3_stmt *st,
				   json_t *(*fn)(sqlite3_stmt *st),
				   json_t **ret)
{
	json_t *a = json_array();
	int rc;

	if (!a)
		return &lsg_enomem;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (json_array_append_new(a, fn(st))) {
			json_decref(a);
			return &lsg_enomem;
		}
	}
	if (rc != SQLITE_DONE) {
		json_decref(a);
		return db_error(db, rc, "list");
	}
	*ret = a;
	return NULL;
}

/*
 * Run @head WHERE <filters of @f> @tail, its filter values bound first and
 * @limit (when not 0) and @offset after them, each row through @fn.
 */
static struct lsg_error *filtered_rows(struct store *base,
				       const struct store_filter *f,
				       const char *head, const char *tail,
				       unsigned limit, unsigned offset,
				       json_t *(*fn)(sqlite3_stmt *st),
				       json_t **ret)
{
	struct store_cond v[STORE_NCONDS];
	struct lsg_error *err;
	char where[512], sql[1024];
	struct conn *c;
	sqlite3_stmt *st;
	size_t n;
	int rc;

	n = store_filter_sql(f, '?', where, sizeof(where), v);
	snprintf(sql, sizeof(sql), "%s WHERE 1 = 1%s%s", head, where, tail);
	c = reader_get(to_sqlite(base));
	rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		err = db_error(c->db, rc, "list crashes");
		reader_put(c);
		return err;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		char *pat = v[i].prefix ? store_like_prefix(v[i].str) : NULL;

		if (v[i].prefix)
			rc = pat ? sqlite3_bind_text(st, (int)i + 1, pat, -1,
						     free) : SQLITE_NOMEM;
		else if (v[i].str)
			rc = sqlite3_bind_text(st, (int)i + 1, v[i].str, -1,
					       SQLITE_STATIC);
		else
			rc = sqlite3_bind_int64(st, (int)i + 1, v[i].t);
	}
	if (rc) {
		sqlite3_finalize(st);
		reader_put(c);
		return &lsg_enomem;
	}
	/* The tail's plain "?" are numbered after the filters' ?N. */
	if (limit) {
		sqlite3_bind_int64(st, (int)n + 1, limit);
		sqlite3_bind_int64(st, (int)n + 2, offset);
	}
	err = rows_json(c->db, st, fn, ret);
	sqlite3_finalize(st);
	reader_put(c);
	return err;
}

static struct lsg_error *sqlite_list_crashes(struct store *base,
					     const struct store_filter *f,
					     json_t **ret)
{
	return filtered_rows(base, f, "SELECT " CRASH_COLS " FROM crashes",
			     " ORDER BY received_at DESC, rowid DESC"
			     " LIMIT ? OFFSET ?", store_list_limit(f->limit),
			     f->offset, crash_row_json, ret);
}

static json_t *histogram_row_json(sqlite3_stmt *st)
{
	return json_pack("{s:o,s:o,s:o,s:o}", "day", column_json(st, 0),
			 "class", column_json(st, 1), "title",
			 column_json(st, 2), "count", column_json(st, 3));
}

static struct lsg_error *sqlite_histogram(struct store *base,
					  const struct store_filter *f,
					  json_t **ret)
{
	return filtered_rows(base, f, STORE_HISTOGRAM_HEAD,
			     STORE_HISTOGRAM_TAIL, 0, 0,
			     histogram_row_json, ret);
}

static json_t *top_row_json(sqlite3_stmt *st)
{
	return json_pack("{s:o,s:o,s:o,s:o,s:o}", "value", column_json(st, 0),
			 "count", column_json(st, 1),
			 "first_seen", column_json(st, 2),
			 "last_seen", column_json(st, 3),
			 "title", column_json(st, 4));
}

static struct lsg_error *sqlite_top(struct store *base,
				    const struct store_filter *f,
				    enum store_dim dim, json_t **ret)
{
	return filtered_rows(base, f, store_top_heads[dim],
			     STORE_TOP_TAIL " LIMIT ? OFFSET ?",
			     store_list_limit(f->limit), f->offset, top_row_json,
			     ret);
}

static json_t *queue_row_json(sqlite3_stmt *st)
{
	json_t *o = crash_row_json(st);

	if (o && json_object_set_new(o, "group_count", column_json(st, 12))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static struct lsg_error *sqlite_label_queue(struct store *base,
					    unsigned limit, unsigned offset,
					    json_t **ret)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_QUEUE];
	struct lsg_error *err;

	sqlite3_bind_int64(st, 1, store_list_limit(limit));
	sqlite3_bind_int64(st, 2, offset);
	err = rows_json(c->db, st, queue_row_json, ret);
	sqlite3_reset(st);
	reader_put(c);
	return err;
}

static json_t *group_row_json(sqlite3_stmt *st)
{
	return json_pack("{s:o,s:o,s:o,s:o,s:o}",
			 "signature", column_json(st, 0),
			 "title", column_json(st, 1),
			 "count", column_json(st, 2),
			 "first_seen", column_json(st, 3),
			 "last_seen", column_json(st, 4));
}

static struct lsg_error *sqlite_list_groups(struct store *base,
					    unsigned limit, unsigned offset,
					    json_t **ret)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_GROUPS];
	struct lsg_error *err;

	sqlite3_bind_int64(st, 1, store_list_limit(limit));
	sqlite3_bind_int64(st, 2, offset);
	err = rows_json(c->db, st, group_row_json, ret);
	sqlite3_reset(st);
	reader_put(c);
	return err;
}

static struct lsg_error *count(struct conn *c, enum rstmt which,
			       uint64_t *ret)
{
	sqlite3_stmt *st = c->st[which];
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*ret = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? NULL : db_error(c->db, rc, "count");
}

static struct lsg_error *sqlite_ping(struct store *base)
{
	struct conn *c = reader_get(to_sqlite(base));
	uint64_t one;
	struct lsg_error *err = count(c, R_PING, &one);

	reader_put(c);
	return err;
}

static struct lsg_error *sqlite_counters(struct store *base,
					 struct store_counters *ret)
{
	struct conn *c = reader_get(to_sqlite(base));
	struct lsg_error *err;

	err = count(c, R_N_CRASHES, &ret->crashes);
	if (!err)
		err = count(c, R_N_GROUPS, &ret->groups);
	if (!err)
		err = count(c, R_N_TOKENS, &ret->tokens);
	reader_put(c);
	return err;
}

static struct lsg_error *sqlite_token_check(struct store *base,
					    const uint8_t hash[STORE_HASH_LEN],
					    char ret_name[STORE_NAME_MAX + 1],
					    enum store_role *ret_role)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_TOKENS];
	enum store_role role = STORE_ROLE_NONE;
	struct lsg_error *err = NULL;
	char name[STORE_NAME_MAX + 1] = "";
	int rc;

	/* No early exit and no index lookup: every hash is compared. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const void *h = sqlite3_column_blob(st, 0);

		if (!h || sqlite3_column_bytes(st, 0) != STORE_HASH_LEN ||
		    CRYPTO_memcmp(h, hash, STORE_HASH_LEN))
			continue;
		snprintf(name, sizeof(name), "%s",
			 (const char *)sqlite3_column_text(st, 1));
		role = store_role_parse((const char *)sqlite3_column_text(st, 2));
	}
	if (rc != SQLITE_DONE)
		err = db_error(c->db, rc, "token check");
	sqlite3_reset(st);
	reader_put(c);
	if (!err) {
		memcpy(ret_name, name, sizeof(name));
		*ret_role = role;
	}
	return err;
}

static json_t *token_row_json(sqlite3_stmt *st)
{
	return json_pack("{s:o,s:o,s:o}", "name", column_json(st, 0),
			 "role", column_json(st, 1),
			 "created_at", column_json(st, 2));
}

static struct lsg_error *sqlite_token_list(struct store *base, json_t **ret)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_TOKEN_LIST];
	struct lsg_error *err;

	err = rows_json(c->db, st, token_row_json, ret);
	sqlite3_reset(st);
	reader_put(c);
	return err;
}

static struct lsg_error *sqlite_session_get(struct store *base,
					    const uint8_t hash[STORE_HASH_LEN],
					    int64_t now,
					    struct store_session *ret,
					    int *ret_found)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_SESSION];
	struct lsg_error *err = NULL;
	struct store_session sess;
	int rc;

	sqlite3_bind_blob(st, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(sess.token, sizeof(sess.token), "%s",
			 (const char *)sqlite3_column_text(st, 0));
		sess.role = store_role_parse(
			(const char *)sqlite3_column_text(st, 1));
		snprintf(sess.csrf, sizeof(sess.csrf), "%s",
			 (const char *)sqlite3_column_text(st, 2));
		sess.expires = sqlite3_column_int64(st, 3);
	} else if (rc != SQLITE_DONE) {
		err = db_error(c->db, rc, "session");
	}
	sqlite3_reset(st);
	reader_put(c);
	if (!err) {
		*ret_found = rc == SQLITE_ROW;
		if (rc == SQLITE_ROW)
			*ret = sess;
	}
	return err;
}

/* ---- the writer ---- */

static struct lsg_error *sqlite_label(struct store *base, const char *id,
				      const char *class, int64_t now,
				      int *ret_found)
{
	struct sqlite_store *s = to_sqlite(base);
	struct conn *w = &s->writer;
	struct lsg_error *err = NULL;
	sqlite3_stmt *st = w->st[W_LABEL];
	int rc;

	pthread_mutex_lock(&w->lock);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, class, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	rc = run(st);
	if (rc == SQLITE_DONE)
		*ret_found = sqlite3_changes(w->db) > 0;
	else
		err = db_error(w->db, rc, "label");
	pthread_mutex_unlock(&w->lock);
	return err;
}

static struct lsg_error *sqlite_state_get(struct store *base,
					  const char *name, void **ret,
					  size_t *ret_len, int64_t *ret_version)
{
	struct conn *c = reader_get(to_sqlite(base));
	sqlite3_stmt *st = c->st[R_STATE];
	struct lsg_error *err = NULL;
	int64_t version = 0;
	void *buf = NULL;
	size_t len = 0;
	int rc;

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		version = sqlite3_column_int64(st, 0);
		err = column_copy(st, 1, &buf, &len);
	} else if (rc != SQLITE_DONE) {
		err = db_error(c->db, rc, "get state");
	}
	sqlite3_reset(st);
	reader_put(c);
	if (!err) {
		*ret = buf;
		*ret_len = len;
		*ret_version = version;
	}
	return err;
}

static struct lsg_error *sqlite_state_put(struct store *base,
					  const char *name, const void *data,
					  size_t len, int64_t version,
					  int64_t now, int64_t *ret_version)
{
	struct conn *w = &to_sqlite(base)->writer;
	sqlite3_stmt *st = w->st[W_STATE];
	struct lsg_error *err = NULL;
	int rc;

	pthread_mutex_lock(&w->lock);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, version);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_blob64(st, 4, data, len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ret_version = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		err = lsg_error_create(LSG_ERR_INVALID,
				       "state \"%s\": version %lld is not the stored one",
				       name, (long long)version);
	else
		err = db_error(w->db, rc, "put state");
	sqlite3_reset(st);
	pthread_mutex_unlock(&w->lock);
	return err;
}

/* Run @sql with @v bound to ?1 on the writer; changed rows into *@ret. */
static struct lsg_error *write_changes(struct conn *w, const char *sql,
				       int64_t v, uint64_t *ret)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(w->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_error(w->db, rc, "prune");
	sqlite3_bind_int64(st, 1, v);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(w->db, rc, "prune");
	*ret += (uint64_t)sqlite3_changes(w->db);
	return NULL;
}

static struct lsg_error *sqlite_prune(struct store *base, int64_t before,
				      uint64_t max_bytes, uint64_t *ret_pruned)
{
	struct conn *w = &to_sqlite(base)->writer;
	struct lsg_error *err = NULL;
	uint64_t n = 0;

	pthread_mutex_lock(&w->lock);
	if (before != STORE_TIME_NONE)
		err = write_changes(w, PRUNE_BEFORE("?1"), before, &n);
	if (!err && max_bytes)
		err = write_changes(w, PRUNE_BYTES("rowid", "?1"),
				    max_bytes > INT64_MAX ? INT64_MAX :
				    (int64_t)max_bytes, &n);
	pthread_mutex_unlock(&w->lock);
	if (!err)
		*ret_pruned = n;
	return err;
}

static struct lsg_error *sqlite_token_add(struct store *base,
					  const char *name,
					  enum store_role role,
					  const uint8_t hash[STORE_HASH_LEN],
					  int64_t now)
{
	struct sqlite_store *s = to_sqlite(base);
	struct conn *w = &s->writer;
	sqlite3_stmt *st = w->st[W_TOKEN];
	struct lsg_error *err = NULL;
	int rc;

	if (!store_role_name(role))
		return lsg_error_create(LSG_ERR_INVALID, "token role %d",
					(int)role);
	pthread_mutex_lock(&w->lock);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_text(st, 4, store_role_name(role), -1, SQLITE_STATIC);
	rc = run(st);
	if (rc == SQLITE_CONSTRAINT)
		err = lsg_error_create(LSG_ERR_INVALID,
				       "a token named \"%s\" exists", name);
	else if (rc != SQLITE_DONE)
		err = db_error(w->db, rc, "token add");
	pthread_mutex_unlock(&w->lock);
	return err;
}

/* Run the writer's @which with @name bound; -1 on failure (@w's error). */
static int run_named(struct conn *w, enum wstmt which, const char *name)
{
	sqlite3_stmt *st = w->st[which];

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return run(st) == SQLITE_DONE ? 0 : -1;
}

/* The token and its sessions go in one transaction. */
static struct lsg_error *sqlite_token_revoke(struct store *base,
					     const char *name, int *ret_found)
{
	struct conn *w = &to_sqlite(base)->writer;
	struct lsg_error *err = NULL;
	int found = 0;

	pthread_mutex_lock(&w->lock);
	if (run(w->st[W_BEGIN]) != SQLITE_DONE) {
		err = db_error(w->db, sqlite3_errcode(w->db), "begin");
		goto out_unlock;
	}
	if (run_named(w, W_REVOKE_SESSIONS, name) ||
	    run_named(w, W_REVOKE, name))
		goto out_rollback;
	found = sqlite3_changes(w->db) > 0;
	if (run(w->st[W_COMMIT]) == SQLITE_DONE)
		goto out_unlock;
out_rollback:
	err = db_error(w->db, sqlite3_errcode(w->db), "token revoke");
	run(w->st[W_ROLLBACK]);
out_unlock:
	pthread_mutex_unlock(&w->lock);
	if (!err)
		*ret_found = found;
	return err;
}

static struct lsg_error *sqlite_session_add(struct store *base,
					    const uint8_t hash[STORE_HASH_LEN],
					    const struct store_session *sess,
					    int64_t now)
{
	struct conn *w = &to_sqlite(base)->writer;
	sqlite3_stmt *st = w->st[W_SESSION_ADD];
	struct lsg_error *err = NULL;
	int rc;

	pthread_mutex_lock(&w->lock);
	sqlite3_bind_blob(st, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sess->token, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sess->csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, sess->expires);
	rc = run(st);
	if (rc != SQLITE_DONE)
		err = db_error(w->db, rc, "session add");
	pthread_mutex_unlock(&w->lock);
	return err;
}

static struct lsg_error *sqlite_session_delete(struct store *base,
					       const uint8_t hash[STORE_HASH_LEN])
{
	struct conn *w = &to_sqlite(base)->writer;
	sqlite3_stmt *st = w->st[W_SESSION_DEL];
	struct lsg_error *err = NULL;
	int rc;

	pthread_mutex_lock(&w->lock);
	sqlite3_bind_blob(st, 1, hash, STORE_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
	rc = run(st);
	if (rc != SQLITE_DONE)
		err = db_error(w->db, rc, "session delete");
	pthread_mutex_unlock(&w->lock);
	return err;
}

static int insert_crash(struct conn *w, const struct store_crash *c)
{
	sqlite3_stmt *st = w->st[W_INSERT];

	sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
	bind_strn(st, 2, c->host, c->host_len);
	bind_str(st, 3, c->machine_id);
	bind_str(st, 4, c->tag);
	bind_str(st, 5, c->release);
	bind_str(st, 6, c->build_id);
	bind_time(st, 7, c->crash_time);
	sqlite3_bind_int64(st, 8, c->received_at);
	bind_str(st, 9, c->title);
	bind_str(st, 10, c->class);
	bind_str(st, 11, c->signature);
	sqlite3_bind_int(st, 12, c->compressed);
	bind_str(st, 13, c->report);
	if (c->bundle_len > INT_MAX)
		return SQLITE_TOOBIG;
	sqlite3_bind_blob(st, 14, c->bundle, (int)c->bundle_len,
			  SQLITE_STATIC);
	return run(st);
}

static int update_group(struct conn *w, const struct store_crash *c)
{
	sqlite3_stmt *st = w->st[W_GROUP];

	sqlite3_bind_text(st, 1, c->signature, -1, SQLITE_STATIC);
	bind_str(st, 2, c->title);
	sqlite3_bind_int64(st, 3, c->crash_time != STORE_TIME_NONE ?
			   c->crash_time : c->received_at);
	return run(st);
}

/* One put inside the batch's transaction, under its own savepoint. */
static void put_one(struct conn *w, struct put_req *r)
{
	int rc;

	rc = run(w->st[W_SAVEPOINT]);
	if (rc != SQLITE_DONE) {
		r->err = db_error(w->db, rc, "savepoint");
		return;
	}
	rc = insert_crash(w, r->c);
	if (rc == SQLITE_DONE) {
		r->dup = sqlite3_changes(w->db) == 0;
		if (!r->dup && r->c->signature)
			rc = update_group(w, r->c);
	}
	if (rc != SQLITE_DONE) {
		r->err = lsg_error_wrap(db_error(w->db, rc, "insert"),
					"bundle %s", r->c->id);
		run(w->st[W_ROLLBACK_TO]);
	}
	run(w->st[W_RELEASE]);
}

/* Give every put in @batch without an error of its own a copy of @err. */
static void fail_batch(struct put_req *batch, const struct lsg_error *err)
{
	for (struct put_req *r = batch; r; r = r->next) {
		if (r->err)
			continue;
		r->err = err == &lsg_enomem ? &lsg_enomem :
			 lsg_error_create(err->code, "%s", err->message);
		r->dup = 0;
	}
}

static void run_batch(struct conn *w, struct put_req *batch)
{
	struct lsg_error *err = NULL;
	int rc;

	pthread_mutex_lock(&w->lock);
	rc = run(w->st[W_BEGIN]);
	if (rc != SQLITE_DONE) {
		err = db_error(w->db, rc, "begin");
	} else {
		for (struct put_req *r = batch; r; r = r->next)
			put_one(w, r);
		rc = run(w->st[W_COMMIT]);
		if (rc != SQLITE_DONE) {
			err = db_error(w->db, rc, "commit");
			run(w->st[W_ROLLBACK]);
		}
	}
	pthread_mutex_unlock(&w->lock);
	if (err) {
		fail_batch(batch, err);
		lsg_error_destroy(err);
	}
}

static struct lsg_error *sqlite_put_bundle(struct store *base,
					   const struct store_crash *c,
					   int *ret_dup)
{
	struct sqlite_store *s = to_sqlite(base);
	struct put_req req = { .c = c };

	pthread_mutex_lock(&s->qlock);
	*s->tail = &req;
	s->tail = &req.next;
	while (!req.done) {
		struct put_req *batch;

		if (s->writing) {
			pthread_cond_wait(&s->qcond, &s->qlock);
			continue;
		}
		/* Lead: take everything queued, ours included. */
		s->writing = 1;
		batch = s->head;
		s->head = NULL;
		s->tail = &s->head;
		pthread_mutex_unlock(&s->qlock);
		run_batch(&s->writer, batch);
		pthread_mutex_lock(&s->qlock);
		while (batch) {
			struct put_req *next = batch->next;

			batch->done = 1;
			batch = next;
		}
		s->writing = 0;
		pthread_cond_broadcast(&s->qcond);
	}
	pthread_mutex_unlock(&s->qlock);
	if (!req.err)
		*ret_dup = req.dup;
	return req.err;
}

const struct store_ops store_sqlite_ops = {
	.scheme = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.put_bundle = sqlite_put_bundle,
	.get_crash = sqlite_get_crash,
	.get_bundle = sqlite_get_bundle,
	.list_crashes = sqlite_list_crashes,
	.list_groups = sqlite_list_groups,
	.label = sqlite_label,
	.token_add = sqlite_token_add,
	.token_check = sqlite_token_check,
	.token_list = sqlite_token_list,
	.token_revoke = sqlite_token_revoke,
	.session_add = sqlite_session_add,
	.session_get = sqlite_session_get,
	.session_delete = sqlite_session_delete,
	.histogram = sqlite_histogram,
	.top = sqlite_top,
	.label_queue = sqlite_label_queue,
	.state_get = sqlite_state_get,
	.state_put = sqlite_state_put,
	.counters = sqlite_counters,
	.ping = sqlite_ping,
	.prune = sqlite_prune,
};
