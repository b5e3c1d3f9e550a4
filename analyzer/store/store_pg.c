/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PostgreSQL store, for several analyzers sharing one database: a pool
 * of connections, each used by one thread at a time, with the statements
 * prepared once per connection.
 *
 * Everything that must hold across analyzers is the database's job, not a
 * process's: the bundle id is UNIQUE, so the same bundle sent to two
 * analyzers makes one row; a put is one statement (insert the crash, and
 * only if it was new count its group with an upsert), so the crash row and
 * its group count commit together and concurrent puts of one signature
 * count exactly, under READ COMMITTED, because ON CONFLICT DO UPDATE
 * locks the group row and re-reads it.  A put returns after its COMMIT,
 * which with synchronous_commit on (the default) is flushed to the WAL;
 * concurrent commits share their flushes in the server, so no group commit
 * is needed here.
 */
#include <endian.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>
#include <openssl/crypto.h>

#include "store_internal.h"

enum {
	POOL = 16,		/* connections per analyzer */
	MIGRATE_LOCK = 0x6c736731,	/* advisory lock: one migrator */
	PG_INT8 = 20, PG_INT2 = 21, PG_INT4 = 23,	/* type oids */
};

/* The same numbering as store_sqlite.c's migrations[]: entry N-1 takes a
 * store to schema version N. */
static const char *const migrations[] = {
	/* 1: crashes, groups, tokens; seq orders rows as SQLite's rowid */
	"CREATE TABLE crashes ("
	" seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" host TEXT, machine_id TEXT, tag TEXT, release TEXT, build_id TEXT,"
	" crash_time BIGINT, received_at BIGINT NOT NULL,"
	" title TEXT, class TEXT, signature TEXT,"
	" label TEXT, labeled_at BIGINT,"
	" compressed INTEGER NOT NULL,"
	" report TEXT NOT NULL, bundle BYTEA NOT NULL);"
	"CREATE INDEX crashes_received ON crashes(received_at);"
	"CREATE INDEX crashes_time ON crashes(crash_time);"
	"CREATE INDEX crashes_host ON crashes(host);"
	"CREATE INDEX crashes_release ON crashes(release);"
	"CREATE INDEX crashes_signature ON crashes(signature);"
	"CREATE TABLE crash_groups ("
	" signature TEXT PRIMARY KEY, title TEXT, count BIGINT NOT NULL,"
	" first_seen BIGINT, last_seen BIGINT);"
	"CREATE TABLE tokens ("
	" name TEXT PRIMARY KEY, hash BYTEA NOT NULL,"
	" created_at BIGINT NOT NULL);",
	/* 2: named state of the analysis stages (templates, models) */
	"CREATE TABLE state ("
	" name TEXT PRIMARY KEY, version BIGINT NOT NULL,"
	" updated_at BIGINT NOT NULL, data BYTEA NOT NULL);",
	/* 3: token roles, browser sessions, the dashboard's indexes */
	"ALTER TABLE tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'agent';"
	"CREATE TABLE sessions ("
	" hash BYTEA PRIMARY KEY, token TEXT NOT NULL, csrf TEXT NOT NULL,"
	" created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);"
	"CREATE INDEX sessions_token ON sessions(token);"
	"CREATE INDEX crashes_queue"
	" ON crashes(label, signature, received_at, class);"
	"CREATE INDEX crashes_dash ON crashes(received_at, crash_time, label,"
	" class, host, release, signature, title);",
};

enum { SCHEMA_VERSION = sizeof(migrations) / sizeof(migrations[0]) };

#define CRASH_COLS "id, host, machine_id, tag, release, build_id, " \
	"crash_time, received_at, title, class, signature, label"

enum stmt {
	S_PUT, S_LABEL, S_TOKEN_ADD, S_STATE_PUT, S_CRASH, S_BUNDLE, S_GROUPS,
	S_TOKENS, S_COUNTERS, S_STATE, S_PING, S_PRUNE_BEFORE, S_PRUNE_BYTES,
	S_TOKEN_LIST, S_REVOKE, S_SESSION_ADD, S_SESSION_GET, S_SESSION_DEL,
	S_QUEUE, S_COUNT
};

struct stmt_def {
	const char *sql;
	int nparams;
	int rows;		/* returns rows, else only a command status */
};

static const struct stmt_def stmts[S_COUNT] = {
	/* One statement, so one round trip and one implicit transaction:
	 * the group is counted only for a row that was inserted. */
	[S_PUT] = { "WITH ins AS (INSERT INTO crashes (" CRASH_COLS
		    ", compressed, report, bundle) VALUES ($1, $2, $3, $4,"
		    " $5, $6, $7, $8, $9, $10, $11, NULL, $12, $13, $14)"
		    " ON CONFLICT (id) DO NOTHING RETURNING id),"
		    " grp AS (INSERT INTO crash_groups"
		    " SELECT $11, $9, 1, coalesce($7, $8), coalesce($7, $8)"
		    " FROM ins WHERE $11::text IS NOT NULL"
		    " ON CONFLICT (signature) DO UPDATE"
		    " SET count = crash_groups.count + 1,"
		    " title = coalesce(crash_groups.title, excluded.title),"
		    " first_seen = least(crash_groups.first_seen,"
		    " excluded.first_seen),"
		    " last_seen = greatest(crash_groups.last_seen,"
		    " excluded.last_seen))"
		    " SELECT count(*) FROM ins", 14, 1 },
	[S_LABEL] = { "UPDATE crashes SET label = $2, labeled_at = $3"
		      " WHERE id = $1", 3, 0 },
	[S_TOKEN_ADD] = { "INSERT INTO tokens (name, hash, created_at, role)"
			  " VALUES ($1, $2, $3, $4)", 4, 0 },
	/* Version 0 asks for a new name; else the stored version must match. */
	[S_STATE_PUT] = { "INSERT INTO state VALUES ($1, 1, $3, $4)"
			  " ON CONFLICT (name) DO UPDATE"
			  " SET version = state.version + 1, updated_at = $3,"
			  " data = $4 WHERE state.version = $2"
			  " RETURNING version", 4, 1 },
	[S_CRASH] = { "SELECT " CRASH_COLS ", report FROM crashes"
		      " WHERE id = $1", 1, 1 },
	[S_BUNDLE] = { "SELECT bundle FROM crashes WHERE id = $1", 1, 1 },
	[S_GROUPS] = { "SELECT signature, title, count, first_seen, last_seen"
		       " FROM crash_groups ORDER BY count DESC, last_seen DESC"
		       " LIMIT $1 OFFSET $2", 2, 1 },
	[S_TOKENS] = { "SELECT hash, name, role FROM tokens", 0, 1 },
	[S_COUNTERS] = { "SELECT (SELECT count(*) FROM crashes),"
			 " (SELECT count(*) FROM crash_groups),"
			 " (SELECT count(*) FROM tokens)", 0, 1 },
	[S_STATE] = { "SELECT version, data FROM state WHERE name = $1", 1, 1 },
	[S_PING] = { "SELECT 1", 0, 1 },
	[S_PRUNE_BEFORE] = { PRUNE_BEFORE("$1"), 1, 0 },
	[S_PRUNE_BYTES] = { PRUNE_BYTES("seq", "$1"), 1, 0 },
	[S_TOKEN_LIST] = { "SELECT name, role, created_at FROM tokens"
			   " ORDER BY name", 0, 1 },
	/* The token and its sessions in one statement: one transaction. */
	[S_REVOKE] = { "WITH s AS (DELETE FROM sessions WHERE token = $1)"
		       " DELETE FROM tokens WHERE name = $1", 1, 0 },
	[S_SESSION_ADD] = { "INSERT INTO sessions VALUES ($1, $2, $3, $4, $5)",
			    5, 0 },
	[S_SESSION_GET] = { "SELECT s.token, t.role, s.csrf, s.expires_at"
			    " FROM sessions AS s JOIN tokens AS t"
			    " ON t.name = s.token"
			    " WHERE s.hash = $1 AND s.expires_at > $2", 2, 1 },
	/* Sign-out also sweeps every expired session. */
	[S_SESSION_DEL] = { "DELETE FROM sessions WHERE hash = $1"
			    " OR expires_at <= $2", 2, 0 },
	[S_QUEUE] = { STORE_QUEUE_SQL(CRASH_COLS, "$1", "$2"), 2, 1 },
};

struct pg_conn {
	PGconn *db;		/* connected, statements prepared; or NULL */
	pthread_mutex_t lock;
};

struct pg_store {
	struct store base;
	char *conninfo;
	struct pg_conn pool[POOL];
	unsigned next;
};

/* Up to 14 parameters of one statement, as text or binary. */
struct params {
	const char *v[14];
	int len[14];
	int fmt[14];
	char num[14][24];	/* integers printed */
	int n;
};

static struct pg_store *to_pg(struct store *s)
{
	return (struct pg_store *)s;
}

static struct lsg_error *pg_error(PGconn *db, const PGresult *res,
				  const char *what)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(db);
	size_t len = strlen(msg);

	/* libpq ends its messages with a newline. */
	while (len && msg[len - 1] == '\n')
		len--;
	return lsg_error_create(LSG_ERR_LIB, "postgresql: %s: %.*s", what,
				(int)len, msg);
}

/* 1 when @res failed with SQLSTATE @state. */
static int sqlstate_is(const PGresult *res, const char *state)
{
	const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	return s && !strcmp(s, state);
}

static void param_str(struct params *p, const char *s)
{
	p->v[p->n] = s;
	p->len[p->n] = 0;
	p->fmt[p->n++] = 0;
}

static void param_int(struct params *p, int64_t v)
{
	snprintf(p->num[p->n], sizeof(p->num[0]), "%" PRId64, v);
	param_str(p, p->num[p->n]);
}

static void param_time(struct params *p, int64_t t)
{
	if (t == STORE_TIME_NONE)
		param_str(p, NULL);
	else
		param_int(p, t);
}

static void param_bytes(struct params *p, const void *data, size_t len)
{
	p->v[p->n] = data;
	p->len[p->n] = (int)len;
	p->fmt[p->n++] = 1;
}

/* ---- connections ---- */

static struct lsg_error *exec(PGconn *db, const char *sql)
{
	PGresult *res = PQexec(db, sql);
	struct lsg_error *err = NULL;
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		err = pg_error(db, res, sql);
	PQclear(res);
	return err;
}

static struct lsg_error *prepare_all(PGconn *db)
{
	for (int i = 0; i < S_COUNT; i++) {
		PGresult *res;
		char name[8];
		int ok;

		snprintf(name, sizeof(name), "s%d", i);
		res = PQprepare(db, name, stmts[i].sql, stmts[i].nparams, NULL);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok) {
			struct lsg_error *err = pg_error(db, res, "prepare");

			PQclear(res);
			return lsg_error_wrap(err, "%s", stmts[i].sql);
		}
		PQclear(res);
	}
	return NULL;
}

/* The server's notices ("already exists, skipping") are not ours to print. */
static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static struct lsg_error *connect_db(const char *conninfo, PGconn **ret)
{
	PGconn *db = PQconnectdb(conninfo);

	*ret = db;
	if (!db)
		return &lsg_enomem;
	PQsetNoticeProcessor(db, quiet, NULL);
	return PQstatus(db) == CONNECTION_OK ? NULL :
	       pg_error(db, NULL, "connect");
}

/* Connect (or reconnect after the server went away) and prepare. */
static struct lsg_error *conn_ready(struct pg_store *s, struct pg_conn *c)
{
	struct lsg_error *err;

	if (c->db && PQstatus(c->db) == CONNECTION_OK)
		return NULL;
	if (c->db)
		PQfinish(c->db);
	err = connect_db(s->conninfo, &c->db);
	if (!err)
		err = prepare_all(c->db);
	if (err) {
		/* Not kept half-ready: the next use connects afresh. */
		PQfinish(c->db);
		c->db = NULL;
	}
	return err;
}

static struct lsg_error *conn_get(struct pg_store *s, struct pg_conn **ret)
{
	struct lsg_error *err;
	struct pg_conn *c = NULL;
	unsigned i;

	for (i = 0; i < POOL && !c; i++)
		if (!pthread_mutex_trylock(&s->pool[i].lock))
			c = &s->pool[i];
	if (!c) {
		i = __atomic_fetch_add(&s->next, 1, __ATOMIC_RELAXED) % POOL;
		c = &s->pool[i];
		pthread_mutex_lock(&c->lock);
	}
	err = conn_ready(s, c);
	if (err) {
		pthread_mutex_unlock(&c->lock);
		return err;
	}
	*ret = c;
	return NULL;
}

static void conn_put(struct pg_conn *c)
{
	pthread_mutex_unlock(&c->lock);
}

/*
 * Run prepared statement @which with @p on a pooled connection; results in
 * binary when @binary.  On success *@ret is the result (PQclear it), on
 * failure *@ret is the failed result or NULL.  A broken connection is
 * retried once on a fresh one: the server may have restarted.
 */
static struct lsg_error *run(struct pg_store *s, enum stmt which,
			     const struct params *p, int binary,
			     PGresult **ret)
{
	ExecStatusType want = stmts[which].rows ? PGRES_TUPLES_OK :
			      PGRES_COMMAND_OK;
	struct lsg_error *err = NULL;
	PGresult *res = NULL;
	struct pg_conn *c;
	char name[8];

	snprintf(name, sizeof(name), "s%d", which);
	for (int attempt = 0; attempt < 2; attempt++) {
		err = conn_get(s, &c);
		if (err)
			break;
		res = PQexecPrepared(c->db, name, p ? p->n : 0,
				     p ? p->v : NULL, p ? p->len : NULL,
				     p ? p->fmt : NULL, binary);
		if (PQresultStatus(res) == want) {
			conn_put(c);
			break;
		}
		err = pg_error(c->db, res, "query");
		if (PQstatus(c->db) == CONNECTION_OK || attempt) {
			conn_put(c);
			break;
		}
		PQclear(res);
		res = NULL;
		lsg_error_destroy(err);
		err = NULL;
		conn_put(c);
	}
	*ret = res;
	return err;
}

/* Create or bring the schema up to date; one analyzer at a time. */
static struct lsg_error *migrate(PGconn *db)
{
	struct lsg_error *err;
	char sql[128];
	PGresult *res;
	int from = 0;

	snprintf(sql, sizeof(sql), "BEGIN; SELECT pg_advisory_xact_lock(%d);"
		 "CREATE TABLE IF NOT EXISTS schema_version"
		 " (version INTEGER NOT NULL)", MIGRATE_LOCK);
	err = exec(db, sql);
	if (err)
		goto out;
	res = PQexec(db, "SELECT version FROM schema_version");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		err = pg_error(db, res, "schema_version");
	else if (PQntuples(res))
		from = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (!err)
		err = store_schema_check(from, SCHEMA_VERSION);
	for (int v = from; !err && v < SCHEMA_VERSION; v++)
		err = exec(db, migrations[v]);
	if (!err && from != SCHEMA_VERSION) {
		snprintf(sql, sizeof(sql), "DELETE FROM schema_version;"
			 "INSERT INTO schema_version VALUES (%d)",
			 SCHEMA_VERSION);
		err = exec(db, sql);
	}
	if (!err)
		err = exec(db, "COMMIT");
out:
	if (err)
		PQclear(PQexec(db, "ROLLBACK"));
	return err;
}

static void pg_close(struct store *base)
{
	struct pg_store *s = to_pg(base);

	if (!s)
		return;
	for (int i = 0; i < POOL; i++) {
		if (s->pool[i].db)
			PQfinish(s->pool[i].db);
		pthread_mutex_destroy(&s->pool[i].lock);
	}
	free(s->conninfo);
	free(s);
}

/* @where is what follows "postgres:" or "postgresql:" in the spec. */
static struct lsg_error *pg_open(const char *where, struct store **ret)
{
	struct pg_store *s = calloc(1, sizeof(*s));
	struct lsg_error *err;
	PGconn *db;

	if (!s)
		return &lsg_enomem;
	s->base.ops = &store_pg_ops;
	for (int i = 0; i < POOL; i++)
		pthread_mutex_init(&s->pool[i].lock, NULL);
	if (asprintf(&s->conninfo, "postgresql:%s", where) < 0) {
		s->conninfo = NULL;
		pg_close(&s->base);
		return &lsg_enomem;
	}
	/* Migrate before any statement is prepared against the schema. */
	err = connect_db(s->conninfo, &db);
	if (!err)
		err = migrate(db);
	PQfinish(db);
	if (!err) {
		struct pg_conn *c;

		err = conn_get(s, &c);
		if (!err)
			conn_put(c);
	}
	if (err) {
		pg_close(&s->base);
		/* The spec may hold a password: it is not repeated. */
		return lsg_error_wrap(err, "store");
	}
	*ret = &s->base;
	return NULL;
}

/* ---- reading ---- */

static json_t *column_json(const PGresult *res, int row, int col)
{
	const char *v = PQgetvalue(res, row, col);
	Oid type = PQftype(res, col);

	if (PQgetisnull(res, row, col))
		return json_null();
	if (type == PG_INT8 || type == PG_INT4 || type == PG_INT2)
		return json_integer(strtoll(v, NULL, 10));
	return json_stringn(v, (size_t)PQgetlength(res, row, col));
}

/* Row @row as an object keyed by @keys, one per column from the first. */
static json_t *row_json(const PGresult *res, int row,
			const char *const *keys, int nkeys)
{
	json_t *o = json_object();

	for (int i = 0; o && i < nkeys; i++)
		if (json_object_set_new(o, keys[i], column_json(res, row, i))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static const char *const crash_keys[] = {
	"id", "host", "machine_id", "tag", "kernel", "build_id",
	"crash_time", "received_at", "title", "class", "signature", "label",
};

enum { NCRASH_KEYS = sizeof(crash_keys) / sizeof(crash_keys[0]) };

static const char *const group_keys[] = {
	"signature", "title", "count", "first_seen", "last_seen",
};

/* Every row of @res through row_json() into an array. */
static struct lsg_error *rows_json(const PGresult *res,
				   const char *const *keys, int nkeys,
				   json_t **ret)
{
	json_t *a = json_array();

	if (!a)
		return &lsg_enomem;
	for (int r = 0; r < PQntuples(res); r++)
		if (json_array_append_new(a, row_json(res, r, keys, nkeys))) {
			json_decref(a);
			return &lsg_enomem;
		}
	*ret = a;
	return NULL;
}

static struct lsg_error *pg_get_crash(struct store *base, const char *id,
				      json_t **ret)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	json_t *o = NULL, *report;
	PGresult *res;

	param_str(&p, id);
	err = run(to_pg(base), S_CRASH, &p, 0, &res);
	if (!err && PQntuples(res)) {
		o = row_json(res, 0, crash_keys, NCRASH_KEYS);
		report = json_loadb(PQgetvalue(res, 0, NCRASH_KEYS),
				    (size_t)PQgetlength(res, 0, NCRASH_KEYS),
				    JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		if (!o || !report || json_object_set_new(o, "report", report)) {
			json_decref(o);
			o = NULL;
			err = &lsg_enomem;
		}
	}
	PQclear(res);
	if (!err)
		*ret = o;
	return err;
}

/* Column 0 of row 0 of a binary result, copied; NULL when no row. */
static struct lsg_error *copy_value(const PGresult *res, int col, void **ret,
				    size_t *ret_len)
{
	size_t len;
	void *buf;

	if (!PQntuples(res)) {
		*ret = NULL;
		*ret_len = 0;
		return NULL;
	}
	len = (size_t)PQgetlength(res, 0, col);
	buf = malloc(len ? len : 1);
	if (!buf)
		return &lsg_enomem;
	memcpy(buf, PQgetvalue(res, 0, col), len);
	*ret = buf;
	*ret_len = len;
	return NULL;
}

static struct lsg_error *pg_get_bundle(struct store *base, const char *id,
				       void **ret, size_t *ret_len)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	PGresult *res;

	param_str(&p, id);
	err = run(to_pg(base), S_BUNDLE, &p, 1, &res);
	if (!err)
		err = copy_value(res, 0, ret, ret_len);
	PQclear(res);
	return err;
}

/*
 * @head WHERE <filters of @f> @tail, then LIMIT @limit OFFSET @offset when
 * @limit is not 0; each row an object keyed by @keys.
 */
static struct lsg_error *filtered_rows(struct pg_store *s,
				       const struct store_filter *f,
				       const char *head, const char *tail,
				       unsigned limit, unsigned offset,
				       const char *const *keys, int nkeys,
				       json_t **ret)
{
	struct store_cond v[STORE_NCONDS];
	char where[512], sql[1024], *pat = NULL;
	struct params p = { .n = 0 };
	struct lsg_error *err;
	struct pg_conn *c;
	PGresult *res;
	size_t n;

	n = store_filter_sql(f, '$', where, sizeof(where), v);
	snprintf(sql, sizeof(sql), "%s WHERE true%s%s", head, where, tail);
	if (limit)
		snprintf(sql + strlen(sql), sizeof(sql) - strlen(sql),
			 " LIMIT $%zu OFFSET $%zu", n + 1, n + 2);
	for (size_t i = 0; i < n; i++)
		if (v[i].prefix) {
			pat = store_like_prefix(v[i].str);
			if (!pat)
				return &lsg_enomem;
			param_str(&p, pat);
		} else if (v[i].str) {
			param_str(&p, v[i].str);
		} else {
			param_int(&p, v[i].t);
		}
	if (limit) {
		param_int(&p, limit);
		param_int(&p, offset);
	}
	err = conn_get(s, &c);
	if (!err) {
		res = PQexecParams(c->db, sql, p.n, NULL, p.v, p.len, p.fmt, 0);
		if (PQresultStatus(res) == PGRES_TUPLES_OK)
			err = rows_json(res, keys, nkeys, ret);
		else
			err = pg_error(c->db, res, "list crashes");
		PQclear(res);
		conn_put(c);
	}
	free(pat);
	return err;
}

static struct lsg_error *pg_list_crashes(struct store *base,
					 const struct store_filter *f,
					 json_t **ret)
{
	return filtered_rows(to_pg(base), f,
			     "SELECT " CRASH_COLS " FROM crashes",
			     " ORDER BY received_at DESC, seq DESC",
			     store_list_limit(f->limit), f->offset, crash_keys,
			     NCRASH_KEYS, ret);
}

static struct lsg_error *pg_histogram(struct store *base,
				      const struct store_filter *f,
				      json_t **ret)
{
	static const char *const keys[] = { "day", "class", "title", "count" };

	return filtered_rows(to_pg(base), f, STORE_HISTOGRAM_HEAD,
			     STORE_HISTOGRAM_TAIL, 0, 0, keys, 4, ret);
}

static struct lsg_error *pg_top(struct store *base,
				const struct store_filter *f,
				enum store_dim dim, json_t **ret)
{
	static const char *const keys[] = {
		"value", "count", "first_seen", "last_seen", "title",
	};

	return filtered_rows(to_pg(base), f, store_top_heads[dim],
			     STORE_TOP_TAIL, store_list_limit(f->limit),
			     f->offset, keys, 5, ret);
}

/* A prepared statement's rows as objects keyed by @keys. */
static struct lsg_error *rows_of(struct pg_store *s, enum stmt which,
				 const struct params *p,
				 const char *const *keys, int nkeys,
				 json_t **ret)
{
	struct lsg_error *err;
	PGresult *res;

	err = run(s, which, p, 0, &res);
	if (!err)
		err = rows_json(res, keys, nkeys, ret);
	PQclear(res);
	return err;
}

static struct lsg_error *pg_label_queue(struct store *base, unsigned limit,
					unsigned offset, json_t **ret)
{
	static const char *const keys[] = {
		"id", "host", "machine_id", "tag", "kernel", "build_id",
		"crash_time", "received_at", "title", "class", "signature",
		"label", "group_count",
	};
	struct params p = { .n = 0 };

	param_int(&p, store_list_limit(limit));
	param_int(&p, offset);
	return rows_of(to_pg(base), S_QUEUE, &p, keys, 13, ret);
}

static struct lsg_error *pg_token_list(struct store *base, json_t **ret)
{
	static const char *const keys[] = { "name", "role", "created_at" };

	return rows_of(to_pg(base), S_TOKEN_LIST, NULL, keys, 3, ret);
}

static struct lsg_error *pg_session_get(struct store *base,
					const uint8_t hash[STORE_HASH_LEN],
					int64_t now, struct store_session *ret,
					int *ret_found)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	PGresult *res;

	param_bytes(&p, hash, STORE_HASH_LEN);
	param_int(&p, now);
	err = run(to_pg(base), S_SESSION_GET, &p, 0, &res);
	if (!err) {
		*ret_found = PQntuples(res) > 0;
		if (*ret_found) {
			snprintf(ret->token, sizeof(ret->token), "%s",
				 PQgetvalue(res, 0, 0));
			ret->role = store_role_parse(PQgetvalue(res, 0, 1));
			snprintf(ret->csrf, sizeof(ret->csrf), "%s",
				 PQgetvalue(res, 0, 2));
			ret->expires = strtoll(PQgetvalue(res, 0, 3), NULL, 10);
		}
	}
	PQclear(res);
	return err;
}

static struct lsg_error *pg_list_groups(struct store *base, unsigned limit,
					unsigned offset, json_t **ret)
{
	struct params p = { .n = 0 };

	param_int(&p, store_list_limit(limit));
	param_int(&p, offset);
	return rows_of(to_pg(base), S_GROUPS, &p, group_keys, 5, ret);
}

static struct lsg_error *pg_counters(struct store *base,
				     struct store_counters *ret)
{
	struct lsg_error *err;
	PGresult *res;

	err = run(to_pg(base), S_COUNTERS, NULL, 0, &res);
	if (!err) {
		ret->crashes = strtoull(PQgetvalue(res, 0, 0), NULL, 10);
		ret->groups = strtoull(PQgetvalue(res, 0, 1), NULL, 10);
		ret->tokens = strtoull(PQgetvalue(res, 0, 2), NULL, 10);
	}
	PQclear(res);
	return err;
}

/* Run @which with @p; the rows it changed into *@ret_n when asked. */
static struct lsg_error *change(struct pg_store *s, enum stmt which,
				const struct params *p, uint64_t *ret_n)
{
	struct lsg_error *err;
	PGresult *res;

	err = run(s, which, p, 0, &res);
	if (!err && ret_n)
		*ret_n = strtoull(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return err;
}

/* Run the one-parameter @which with @v; changed rows added to *@ret. */
static struct lsg_error *write_changes(struct pg_store *s, enum stmt which,
				       int64_t v, uint64_t *ret)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	uint64_t n = 0;

	param_int(&p, v);
	err = change(s, which, &p, &n);
	*ret += n;
	return err;
}

static struct lsg_error *pg_prune(struct store *base, int64_t before,
				  uint64_t max_bytes, uint64_t *ret_pruned)
{
	struct lsg_error *err = NULL;
	uint64_t n = 0;

	if (before != STORE_TIME_NONE)
		err = write_changes(to_pg(base), S_PRUNE_BEFORE, before, &n);
	if (!err && max_bytes)
		err = write_changes(to_pg(base), S_PRUNE_BYTES,
				    max_bytes > INT64_MAX ? INT64_MAX :
				    (int64_t)max_bytes, &n);
	if (!err)
		*ret_pruned = n;
	return err;
}

static struct lsg_error *pg_ping(struct store *base)
{
	struct lsg_error *err;
	PGresult *res;

	err = run(to_pg(base), S_PING, NULL, 0, &res);
	PQclear(res);
	return err;
}

static struct lsg_error *pg_token_check(struct store *base,
					const uint8_t hash[STORE_HASH_LEN],
					char ret_name[STORE_NAME_MAX + 1],
					enum store_role *ret_role)
{
	enum store_role role = STORE_ROLE_NONE;
	char name[STORE_NAME_MAX + 1] = "";
	struct lsg_error *err;
	PGresult *res;

	err = run(to_pg(base), S_TOKENS, NULL, 1, &res);
	/* No early exit and no index lookup: every hash is compared. */
	for (int r = 0; !err && r < PQntuples(res); r++) {
		if (PQgetlength(res, r, 0) != STORE_HASH_LEN ||
		    CRYPTO_memcmp(PQgetvalue(res, r, 0), hash, STORE_HASH_LEN))
			continue;
		snprintf(name, sizeof(name), "%s", PQgetvalue(res, r, 1));
		role = store_role_parse(PQgetvalue(res, r, 2));
	}
	PQclear(res);
	if (!err) {
		memcpy(ret_name, name, sizeof(name));
		*ret_role = role;
	}
	return err;
}

static struct lsg_error *pg_state_get(struct store *base, const char *name,
				      void **ret, size_t *ret_len,
				      int64_t *ret_version)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	PGresult *res;
	uint64_t be = 0;

	param_str(&p, name);
	err = run(to_pg(base), S_STATE, &p, 1, &res);
	if (!err)
		err = copy_value(res, 1, ret, ret_len);
	if (!err && PQntuples(res))
		memcpy(&be, PQgetvalue(res, 0, 0), sizeof(be));
	PQclear(res);
	/* A binary BIGINT is big-endian. */
	if (!err)
		*ret_version = (int64_t)be64toh(be);
	return err;
}

/* ---- writing ---- */

static struct lsg_error *pg_put_bundle(struct store *base,
				       const struct store_crash *c,
				       int *ret_dup)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	PGresult *res;

	if (c->bundle_len > INT32_MAX)
		return lsg_error_create(LSG_ERR_LIMIT, "bundle %s: too large",
					c->id);
	param_str(&p, c->id);
	param_str(&p, c->host);
	param_str(&p, c->machine_id);
	param_str(&p, c->tag);
	param_str(&p, c->release);
	param_str(&p, c->build_id);
	param_time(&p, c->crash_time);
	param_int(&p, c->received_at);
	param_str(&p, c->title);
	param_str(&p, c->class);
	param_str(&p, c->signature);
	param_int(&p, c->compressed);
	param_str(&p, c->report);
	param_bytes(&p, c->bundle, c->bundle_len);
	err = run(to_pg(base), S_PUT, &p, 0, &res);
	if (!err)
		*ret_dup = !strcmp(PQgetvalue(res, 0, 0), "0");
	PQclear(res);
	return err ? lsg_error_wrap(err, "bundle %s", c->id) : NULL;
}

static struct lsg_error *pg_label(struct store *base, const char *id,
				  const char *class, int64_t now,
				  int *ret_found)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	PGresult *res;

	param_str(&p, id);
	param_str(&p, class);
	param_int(&p, now);
	err = run(to_pg(base), S_LABEL, &p, 0, &res);
	if (!err)
		*ret_found = strcmp(PQcmdTuples(res), "0") != 0;
	PQclear(res);
	return err;
}

static struct lsg_error *pg_token_add(struct store *base, const char *name,
				      enum store_role role,
				      const uint8_t hash[STORE_HASH_LEN],
				      int64_t now)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	PGresult *res;

	param_str(&p, name);
	param_bytes(&p, hash, STORE_HASH_LEN);
	param_int(&p, now);
	param_str(&p, store_role_name(role));
	err = run(to_pg(base), S_TOKEN_ADD, &p, 0, &res);
	if (err && res && sqlstate_is(res, "23505")) {	/* unique_violation */
		lsg_error_destroy(err);
		err = lsg_error_create(LSG_ERR_INVALID,
				       "a token named \"%s\" exists", name);
	}
	PQclear(res);
	return err;
}

static struct lsg_error *pg_token_revoke(struct store *base, const char *name,
					 int *ret_found)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	uint64_t n = 0;

	param_str(&p, name);
	err = change(to_pg(base), S_REVOKE, &p, &n);
	if (!err)
		*ret_found = n > 0;
	return err;
}

static struct lsg_error *pg_session_add(struct store *base,
					const uint8_t hash[STORE_HASH_LEN],
					const struct store_session *sess,
					int64_t now)
{
	struct params p = { .n = 0 };

	param_bytes(&p, hash, STORE_HASH_LEN);
	param_str(&p, sess->token);
	param_str(&p, sess->csrf);
	param_int(&p, now);
	param_int(&p, sess->expires);
	return change(to_pg(base), S_SESSION_ADD, &p, NULL);
}

static struct lsg_error *pg_session_delete(struct store *base,
					   const uint8_t hash[STORE_HASH_LEN])
{
	struct params p = { .n = 0 };

	param_bytes(&p, hash, STORE_HASH_LEN);
	param_int(&p, (int64_t)time(NULL));
	return change(to_pg(base), S_SESSION_DEL, &p, NULL);
}

static struct lsg_error *pg_state_put(struct store *base, const char *name,
				      const void *data, size_t len,
				      int64_t version, int64_t now,
				      int64_t *ret_version)
{
	struct params p = { .n = 0 };
	struct lsg_error *err;
	PGresult *res;

	if (len > INT32_MAX)
		return lsg_error_create(LSG_ERR_LIMIT, "state \"%s\": too large",
					name);
	param_str(&p, name);
	param_int(&p, version);
	param_int(&p, now);
	param_bytes(&p, data, len);
	err = run(to_pg(base), S_STATE_PUT, &p, 0, &res);
	if (!err && !PQntuples(res))
		err = lsg_error_create(LSG_ERR_INVALID,
				       "state \"%s\": version %lld is not the stored one",
				       name, (long long)version);
	else if (!err)
		*ret_version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return err;
}

const struct store_ops store_pg_ops = {
	.scheme = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.put_bundle = pg_put_bundle,
	.get_crash = pg_get_crash,
	.get_bundle = pg_get_bundle,
	.list_crashes = pg_list_crashes,
	.list_groups = pg_list_groups,
	.label = pg_label,
	.token_add = pg_token_add,
	.token_check = pg_token_check,
	.token_list = pg_token_list,
	.token_revoke = pg_token_revoke,
	.session_add = pg_session_add,
	.session_get = pg_session_get,
	.session_delete = pg_session_delete,
	.histogram = pg_histogram,
	.top = pg_top,
	.label_queue = pg_label_queue,
	.state_get = pg_state_get,
	.state_put = pg_state_put,
	.counters = pg_counters,
	.ping = pg_ping,
	.prune = pg_prune,
};
