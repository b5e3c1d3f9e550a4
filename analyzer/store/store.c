/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The backend-independent half of the store: choosing a backend, pulling
 * the indexed columns out of a bundle and its report, and the calls that
 * go through the ops table.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

	*ret = (struct store_crash){
		.id = b->id,
		.host = ingest_member_str(b->host, "hostname"),
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
	char *text;

	text = json_dumps(report, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!text)
		return &lsg_enomem;
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
				  const uint8_t hash[STORE_HASH_LEN])
{
	return s->ops->token_add(s, name, hash, now_seconds());
}

struct lsg_error *store_token_check(struct store *s,
				    const uint8_t hash[STORE_HASH_LEN],
				    int *ret_ok)
{
	return s->ops->token_check(s, hash, ret_ok);
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
 * values first, then times. */
enum { NSTR_CONDS = 4 };

static const char *const cond_sql[STORE_NCONDS] = {
	"host = ", "release = ", "coalesce(label, class) = ", "signature = ",
	"crash_time >= ", "crash_time <= ",
};

size_t store_filter_sql(const struct store_filter *f, char mark, char *sql,
			size_t size, struct store_cond ret[STORE_NCONDS])
{
	const char *str[STORE_NCONDS] = {
		f->host, f->kernel, f->class, f->signature,
	};
	const int64_t t[STORE_NCONDS] = {
		[NSTR_CONDS] = f->since, [NSTR_CONDS + 1] = f->until,
	};
	size_t n = 0, len = 0;

	sql[0] = '\0';
	for (size_t i = 0; i < STORE_NCONDS; i++) {
		if (i < NSTR_CONDS ? !str[i] : t[i] == STORE_TIME_NONE)
			continue;
		ret[n] = (struct store_cond){ .str = str[i], .t = t[i] };
		n++;
		len += (size_t)snprintf(sql + len, len < size ? size - len : 0,
					" AND %s%c%zu", cond_sql[i], mark, n);
	}
	return n;
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
