/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The backend-independent half of the store: choosing a backend, pulling
 * the indexed columns out of a bundle and its report, and the calls that
 * go through the ops table.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/jsonw.h"
#include "store_internal.h"

/* Every backend built in; the first is the default for a plain path. */
static const struct store_ops *const backends[] = {
	&store_sqlite_ops,
#ifdef LSG_HAVE_LIBPQ
	&store_pg_ops,
#endif
};

/* Other names of a scheme: libpq takes both spellings. */
static const struct {
	const char *alias, *scheme;
} aliases[] = {
	{ "postgres", "postgresql" },
};

/* Schemes we know of but do not build, for a clearer error. */
static const char *const known_schemes[] = { "postgresql" };

static int64_t now_seconds(void)
{
	return (int64_t)time(NULL);
}

/* "scheme:" prefix of @spec, if it is made of letters only. */
static size_t scheme_len(const char *spec)
{
	size_t n = 0;

	while ((spec[n] >= 'a' && spec[n] <= 'z') ||
	       (spec[n] >= 'A' && spec[n] <= 'Z'))
		n++;
	return spec[n] == ':' && n > 1 ? n : 0;
}

static int scheme_is(const char *spec, size_t n, const char *scheme)
{
	return strlen(scheme) == n && !strncmp(spec, scheme, n);
}

const char *store_backends(void)
{
#ifdef LSG_HAVE_LIBPQ
	return "sqlite postgresql";
#else
	return "sqlite";
#endif
}

struct lsg_error *store_open(const char *spec, struct store **ret)
{
	size_t n = scheme_len(spec);
	const char *scheme = spec;

	if (!n)
		return backends[0]->open(spec, ret);
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (scheme_is(spec, n, aliases[i].alias)) {
			scheme = aliases[i].scheme;
			n = strlen(scheme);
		}
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (scheme_is(scheme, n, backends[i]->scheme))
			return backends[i]->open(strchr(spec, ':') + 1, ret);
	for (size_t i = 0; i < sizeof(known_schemes) /
			       sizeof(known_schemes[0]); i++)
		if (scheme_is(scheme, n, known_schemes[i]))
			return lsg_error_create(LSG_ERR_UNSUPPORTED,
						"store: no %s backend in this build (it has: %s)",
						known_schemes[i],
						store_backends());
	return lsg_error_create(LSG_ERR_UNSUPPORTED,
				"store: unknown scheme in \"%.*s:\" (this build has: %s)",
				(int)n, spec, store_backends());
}

void store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
}

void store_crash_from_bundle(const struct ingest_bundle *b,
			     const json_t *report, const char *report_text,
			     const void *raw, size_t len, int64_t now,
			     struct store_crash *ret)
{
	const json_t *t = json_object_get(b->crash, "time");
	const json_t *rc = json_object_get(report, "root_cause");
	const json_t *host = json_object_get(b->host, "hostname");

	*ret = (struct store_crash){
		.id = b->id,
		.host = ingest_member_str(b->host, "hostname"),
		.host_len = json_string_length(host),
		.machine_id = ingest_member_str(b->host, "machine_id"),
		.tag = ingest_member_str(b->host, "tag"),
		.release = ingest_member_str(b->kernel, "release"),
		.build_id = ingest_member_str(b->kernel, "build_id"),
		.crash_time = json_is_integer(t) ? json_integer_value(t) :
			      STORE_TIME_NONE,
		.received_at = now,
		.title = ingest_member_str(report, "title"),
		.class = ingest_member_str(rc, "class"),
		.signature = ingest_member_str(report, "signature"),
		.report = report_text,
		.bundle = raw,
		.bundle_len = len,
		.compressed = b->compressed,
	};
}

struct lsg_error *store_put(struct store *s, const struct ingest_bundle *b,
			    const void *raw, size_t len, const json_t *report,
			    int *ret_dup)
{
	struct store_crash c;
	struct lsg_error *err;
	size_t text_len;
	char *text;

	err = jsonw_dump(report, &text, &text_len);
	if (err)
		return err;
	store_crash_from_bundle(b, report, text, raw, len, now_seconds(), &c);
	err = s->ops->put_bundle(s, &c, ret_dup);
	free(text);
	return err;
}

struct lsg_error *store_put_crash(struct store *s, const struct store_crash *c,
				  int *ret_dup)
{
	return s->ops->put_bundle(s, c, ret_dup);
}

struct lsg_error *store_get(struct store *s, const char *id, json_t **ret)
{
	return s->ops->get_crash(s, id, ret);
}

struct lsg_error *store_get_bundle(struct store *s, const char *id,
				   void **ret, size_t *ret_len)
{
	return s->ops->get_bundle(s, id, ret, ret_len);
}

struct lsg_error *store_list(struct store *s, const struct store_filter *f,
			     json_t **ret)
{
	return s->ops->list_crashes(s, f, ret);
}

struct lsg_error *store_groups(struct store *s, unsigned limit,
			       unsigned offset, json_t **ret)
{
	return s->ops->list_groups(s, limit, offset, ret);
}

struct lsg_error *store_label(struct store *s, const char *id,
			      const char *class, int *ret_found)
{
	return s->ops->label(s, id, class, now_seconds(), ret_found);
}

struct lsg_error *store_token_add(struct store *s, const char *name,
				  enum store_role role,
				  const uint8_t hash[STORE_HASH_LEN])
{
	return s->ops->token_add(s, name, role, hash, now_seconds());
}

struct lsg_error *store_token_check(struct store *s,
				    const uint8_t hash[STORE_HASH_LEN],
				    char ret_name[STORE_NAME_MAX + 1],
				    enum store_role *ret_role)
{
	return s->ops->token_check(s, hash, ret_name, ret_role);
}

struct lsg_error *store_token_list(struct store *s, json_t **ret)
{
	return s->ops->token_list(s, ret);
}

struct lsg_error *store_token_revoke(struct store *s, const char *name,
				     int *ret_found)
{
	return s->ops->token_revoke(s, name, ret_found);
}

const char *const store_classes[STORE_NCLASSES] = {
	"hw-memory", "hw-cpu", "hw-pcie", "storage-io", "oom", "lockup",
	"hung-task", "null-deref", "memory-corruption", "assertion",
	"warn-panic", "stack-overflow", "manual", "unknown",
};

int store_class_valid(const char *class)
{
	for (size_t i = 0; i < STORE_NCLASSES; i++)
		if (class && !strcmp(class, store_classes[i]))
			return 1;
	return 0;
}

static const char *const role_names[] = {
	[STORE_ROLE_AGENT] = "agent",
	[STORE_ROLE_OPERATOR] = "operator",
	[STORE_ROLE_ADMIN] = "admin",
};

const char *store_role_name(enum store_role role)
{
	if ((size_t)role >= sizeof(role_names) / sizeof(role_names[0]))
		return NULL;
	return role_names[role];
}

enum store_role store_role_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (role_names[i] && name && !strcmp(name, role_names[i]))
			return (enum store_role)i;
	return STORE_ROLE_NONE;
}

struct lsg_error *store_session_add(struct store *s,
				    const uint8_t hash[STORE_HASH_LEN],
				    const struct store_session *sess)
{
	return s->ops->session_add(s, hash, sess, now_seconds());
}

struct lsg_error *store_session_get(struct store *s,
				    const uint8_t hash[STORE_HASH_LEN],
				    struct store_session *ret, int *ret_found)
{
	return s->ops->session_get(s, hash, now_seconds(), ret, ret_found);
}

struct lsg_error *store_session_delete(struct store *s,
				       const uint8_t hash[STORE_HASH_LEN])
{
	return s->ops->session_delete(s, hash);
}

struct lsg_error *store_histogram(struct store *s,
				  const struct store_filter *f, json_t **ret)
{
	return s->ops->histogram(s, f, ret);
}

struct lsg_error *store_top(struct store *s, const struct store_filter *f,
			    enum store_dim dim, json_t **ret)
{
	return s->ops->top(s, f, dim, ret);
}

struct lsg_error *store_label_queue(struct store *s, unsigned limit,
				    unsigned offset, json_t **ret)
{
	return s->ops->label_queue(s, limit, offset, ret);
}

struct lsg_error *store_counters(struct store *s, struct store_counters *ret)
{
	return s->ops->counters(s, ret);
}

struct lsg_error *store_prune(struct store *s, int64_t before,
			      uint64_t max_bytes, uint64_t *ret_pruned)
{
	return s->ops->prune(s, before, max_bytes, ret_pruned);
}

struct lsg_error *store_ping(struct store *s)
{
	return s->ops->ping(s);
}

struct lsg_error *store_state_get(struct store *s, const char *name,
				  void **ret, size_t *ret_len,
				  int64_t *ret_version)
{
	return s->ops->state_get(s, name, ret, ret_len, ret_version);
}

struct lsg_error *store_state_put(struct store *s, const char *name,
				  const void *data, size_t len,
				  int64_t version, int64_t *ret_version)
{
	return s->ops->state_put(s, name, data, len, version, now_seconds(),
				 ret_version);
}

/* The conditions of a crash list, in the order they are bound: string
 * values first (the title a prefix), then times. */
enum { NSTR_CONDS = 5, TITLE_COND = 4 };

static const char *const cond_sql[STORE_NCONDS] = {
	"host = ", "release = ", "coalesce(label, class) = ", "signature = ",
	"title LIKE ", STORE_CRASH_T " >= ", STORE_CRASH_T " <= ",
};

size_t store_filter_sql(const struct store_filter *f, char mark, char *sql,
			size_t size, struct store_cond ret[STORE_NCONDS])
{
	const char *str[STORE_NCONDS] = {
		f->host, f->kernel, f->class, f->signature, f->title,
	};
	const int64_t t[STORE_NCONDS] = {
		[NSTR_CONDS] = f->since, [NSTR_CONDS + 1] = f->until,
	};
	size_t n = 0, len = 0;

	sql[0] = '\0';
	for (size_t i = 0; i < STORE_NCONDS; i++) {
		if (i < NSTR_CONDS ? !str[i] : t[i] == STORE_TIME_NONE)
			continue;
		ret[n] = (struct store_cond){
			.str = str[i], .t = t[i], .prefix = i == TITLE_COND,
		};
		n++;
		len += (size_t)snprintf(sql + len, len < size ? size - len : 0,
					" AND %s%c%zu%s", cond_sql[i], mark, n,
					i == TITLE_COND ? " ESCAPE '!'" : "");
	}
	return n;
}

/*
 * coalesce(), not "IS NOT NULL": a condition on the bare column makes
 * SQLite walk that column's index and read every row, where crashes_dash
 * alone has all it needs.
 */
const char *const store_top_heads[3] = {
	[STORE_DIM_SIGNATURE] = "SELECT v, count(*), min(t), max(t),"
		" max(title) FROM (SELECT coalesce(signature, '') AS v,"
		" title, " STORE_CRASH_T " AS t FROM crashes",
	[STORE_DIM_KERNEL] = "SELECT v, count(*), min(t), max(t), NULL"
		" FROM (SELECT coalesce(release, '') AS v, " STORE_CRASH_T
		" AS t FROM crashes",
	[STORE_DIM_HOST] = "SELECT v, count(*), min(t), max(t), NULL"
		" FROM (SELECT coalesce(host, '') AS v, " STORE_CRASH_T
		" AS t FROM crashes",
};

char *store_like_prefix(const char *prefix)
{
	char *pat = malloc(2 * strlen(prefix) + 2), *q = pat;

	if (!pat)
		return NULL;
	for (const char *p = prefix; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '!')
			*q++ = '!';
		*q++ = *p;
	}
	*q++ = '%';
	*q = '\0';
	return pat;
}

unsigned store_list_limit(unsigned limit)
{
	if (!limit)
		return STORE_LIST_DEFAULT;
	return limit > STORE_LIST_MAX ? STORE_LIST_MAX : limit;
}

struct lsg_error *store_schema_check(int version, int latest)
{
	if (version <= latest)
		return NULL;
	return lsg_error_create(LSG_ERR_UNSUPPORTED,
				"store: schema version %d is newer than this logsage's (%d)",
				version, latest);
}
