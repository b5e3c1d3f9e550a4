/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The people and lists responsible for the guilty file: from the
 * MAINTAINERS file given to the analyzer, else one found per kernel
 * release under a debug directory (DIR/RELEASE/MAINTAINERS, then
 * DIR/MAINTAINERS), read once and kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "report_internal.h"

static struct lsg_error *load(const char *path, struct maint_db **ret)
{
	struct lsg_error *err;
	size_t len;
	char *buf;

	err = fileio_read_file(path, MAINT_MAX_FILE, &buf, &len);
	if (err)
		return err;
	err = maint_parse(buf, len, ret);
	free(buf);
	return err ? lsg_error_wrap(err, "%s", path) : NULL;
}

struct lsg_error *report_maint_init(struct report_maint *m, const char *path,
				    const char *const *dirs)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	m->dirs = dirs;
	return path ? load(path, &m->given) : NULL;
}

void report_maint_deinit(struct report_maint *m)
{
	maint_db_destroy(m->given);
	for (size_t i = 0; i < m->n; i++) {
		free(m->cache[i].release);
		maint_db_destroy(m->cache[i].db);
	}
	pthread_mutex_destroy(&m->lock);
}

/* The first file found for @release; NULL when none (not an error). */
static struct maint_db *find(const struct report_maint *m,
			     const char *release)
{
	struct maint_db *db = NULL;
	char path[4096];

	for (size_t d = 0; m->dirs && m->dirs[d] && !db; d++) {
		/* A file of this release first, then one for every release. */
		for (int any = 0; any < 2 && !db; any++) {
			snprintf(path, sizeof(path), "%s/%s%sMAINTAINERS",
				 m->dirs[d], any ? "" : release,
				 any ? "" : "/");
			lsg_error_destroy(load(path, &db));
		}
	}
	return db;
}

const struct maint_db *report_maint_db(struct report_maint *m,
				       const char *release)
{
	const struct maint_db *db = m->given;
	size_t i;

	if (db || !release || !m->dirs)
		return db;
	pthread_mutex_lock(&m->lock);
	for (i = 0; i < m->n && strcmp(m->cache[i].release, release); i++)
		;
	if (i < m->n) {
		db = m->cache[i].db;
	} else if (m->n < REPORT_MAINT_RELEASES) {
		/* A miss is remembered too: no file is looked for twice. */
		m->cache[m->n].release = strdup(release);
		if (m->cache[m->n].release) {
			m->cache[m->n].db = find(m, release);
			db = m->cache[m->n++].db;
		}
	}
	pthread_mutex_unlock(&m->lock);
	return db;
}
