/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"
#include "fileio.h"
#include "ingest/ingest.h"
#include "parse/textlog.h"

/* A manifest is a few hundred bytes a case; a case file may be large. */
#define CORPUS_MAX_MANIFEST ((size_t)64 << 20)
#define CORPUS_MAX_CASE ((size_t)256 << 20)

enum corpus_col {
	COL_CASE, COL_CLASS, COL_VARIANT, COL_KERNEL, COL_SEED, COL_SPLIT,
	COL_CAUSE_SEQS, COL_SYMPTOM_SEQS, COL_CAUSE_IS_SYMPTOM,
	COL_CAUSE_LINES, COL_SYMPTOM_LINES, COL_COUNT
};

static const char *const col_names[COL_COUNT] = {
	[COL_CASE] = "case", [COL_CLASS] = "class",
	[COL_VARIANT] = "variant", [COL_KERNEL] = "kernel",
	[COL_SEED] = "seed", [COL_SPLIT] = "split",
	[COL_CAUSE_SEQS] = "cause_seqs", [COL_SYMPTOM_SEQS] = "symptom_seqs",
	[COL_CAUSE_IS_SYMPTOM] = "cause_is_symptom",
	[COL_CAUSE_LINES] = "cause_lines",
	[COL_SYMPTOM_LINES] = "symptom_lines",
};

int corpus_in_ranges(const struct corpus_range *r, size_t n, uint64_t seq)
{
	for (size_t i = 0; i < n; i++)
		if (seq >= r[i].lo && seq <= r[i].hi)
			return 1;
	return 0;
}

int corpus_is_train(const struct corpus_entry *e)
{
	return !strcmp(e->split, "train");
}

static int parse_u64(const char **s, uint64_t *ret)
{
	char *end;

	if (**s < '0' || **s > '9')
		return -1;
	errno = 0;
	*ret = strtoull(*s, &end, 10);
	if (errno)
		return -1;
	*s = end;
	return 0;
}

/* "a-b,c" into ranges; "" gives none. */
static struct lsg_error *parse_ranges(const char *s,
				      struct corpus_range **ret,
				      size_t *ret_n)
{
	size_t n = 0, cap = 1;
	struct corpus_range *r;

	for (const char *p = s; *p; p++)
		cap += *p == ',';
	r = calloc(cap, sizeof(*r));
	if (!r)
		return &lsg_enomem;
	while (*s) {
		if (parse_u64(&s, &r[n].lo))
			goto bad;
		r[n].hi = r[n].lo;
		if (*s == '-' && (s++, parse_u64(&s, &r[n].hi) ||
				  r[n].hi < r[n].lo))
			goto bad;
		n++;
		if (*s == ',' && s[1])
			s++;
		else if (*s)
			goto bad;
	}
	*ret = r;
	*ret_n = n;
	return NULL;
bad:
	free(r);
	return lsg_error_create(LSG_ERR_INVALID, "bad range list near \"%s\"",
				s);
}

/* Split @line at tabs in place, at most COL_COUNT * 4 fields. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

enum { MAX_FIELDS = 64 };

static struct lsg_error *map_header(char *line, int map[COL_COUNT])
{
	char *f[MAX_FIELDS];
	size_t n = split_tabs(line, f, MAX_FIELDS);

	for (int c = 0; c < COL_COUNT; c++) {
		map[c] = -1;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(f[i], col_names[c]))
				map[c] = (int)i;
	}
	if (map[COL_CASE] < 0)
		return lsg_error_create(LSG_ERR_INVALID,
					"header has no \"case\" column");
	return NULL;
}

static const char *field(char **f, size_t n, const int map[COL_COUNT],
			 enum corpus_col c)
{
	return map[c] >= 0 && (size_t)map[c] < n ? f[map[c]] : "";
}

/* A case name is one directory component. */
static int bad_name(const char *s)
{
	return !*s || strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, "..");
}

static struct lsg_error *parse_row(char *line, const int map[COL_COUNT],
				   struct corpus_entry *e)
{
	char *f[MAX_FIELDS];
	size_t n = split_tabs(line, f, MAX_FIELDS);
	const char *cl = field(f, n, map, COL_CAUSE_LINES);
	const char *sl = field(f, n, map, COL_SYMPTOM_LINES);
	const char *seed = field(f, n, map, COL_SEED);
	struct lsg_error *err;

	e->name = field(f, n, map, COL_CASE);
	if (bad_name(e->name))
		return lsg_error_create(LSG_ERR_INVALID, "bad case name \"%s\"",
					e->name);
	e->class = field(f, n, map, COL_CLASS);
	e->variant = field(f, n, map, COL_VARIANT);
	e->kernel = field(f, n, map, COL_KERNEL);
	e->split = field(f, n, map, COL_SPLIT);
	e->seed = *seed ? strtol(seed, NULL, 10) : -1;
	e->cause_is_symptom = strcmp(field(f, n, map, COL_CAUSE_IS_SYMPTOM),
				     "false") != 0;
	e->text = *cl || *sl;
	err = parse_ranges(e->text ? cl : field(f, n, map, COL_CAUSE_SEQS),
			   &e->cause, &e->ncause);
	if (!err)
		err = parse_ranges(e->text ? sl :
				   field(f, n, map, COL_SYMPTOM_SEQS),
				   &e->symptom, &e->nsymptom);
	return err ? lsg_error_wrap(err, "case %s", e->name) : NULL;
}

static struct lsg_error *parse_manifest(struct corpus *c, size_t len)
{
	int map[COL_COUNT];
	size_t lineno = 1, cap = 1;
	char *p = c->strings, *end = c->strings + len, *nl;
	struct lsg_error *err;

	for (char *q = p; q < end; q++)
		cap += *q == '\n';
	c->cases = calloc(cap, sizeof(*c->cases));
	if (!c->cases)
		return &lsg_enomem;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (nl)
		*nl = '\0';
	err = map_header(p, map);
	while (!err && nl && (p = nl + 1) < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl)
			*nl = '\0';
		if (!*p || *p == '#')
			continue;
		err = parse_row(p, map, &c->cases[c->ncases]);
		c->ncases++;
	}
	return err ? lsg_error_wrap(err, "manifest.tsv line %zu", lineno) :
		     NULL;
}

struct lsg_error *corpus_open(const char *dir, struct corpus **ret)
{
	struct corpus *c = calloc(1, sizeof(*c));
	struct lsg_error *err;
	char *path = NULL;
	size_t len;

	if (!c || !(c->dir = strdup(dir)) ||
	    asprintf(&path, "%s/manifest.tsv", dir) < 0) {
		corpus_destroy(c);
		return &lsg_enomem;
	}
	err = fileio_read_file(path, CORPUS_MAX_MANIFEST, &c->strings, &len);
	if (!err) {
		/* NUL-terminate: the entries' strings live in this buffer. */
		char *s = realloc(c->strings, len + 1);

		if (!s)
			err = &lsg_enomem;
		else
			(c->strings = s)[len] = '\0';
	}
	if (!err)
		err = parse_manifest(c, len);
	free(path);
	if (err) {
		corpus_destroy(c);
		return lsg_error_wrap(err, "corpus %s", dir);
	}
	*ret = c;
	return NULL;
}

void corpus_destroy(struct corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->ncases; i++) {
		free(c->cases[i].cause);
		free(c->cases[i].symptom);
	}
	free(c->cases);
	free(c->strings);
	free(c->dir);
	free(c);
}

static struct lsg_error *load_bundle(const char *buf, size_t len,
				     struct corpus_case *cc)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err = ingest_decode(buf, len, NULL, &why, &b);

	if (err)
		return err;
	/* The log moves to the case; ingest_bundle_deinit() frees the rest. */
	cc->log = b.log;
	memset(&b.log, 0, sizeof(b.log));
	cc->kernel = json_incref(b.kernel);
	cc->host = json_incref(b.host);
	ingest_bundle_deinit(&b);
	return NULL;
}

/* The first of cases/NAME/{log.txt | bundle.zst, bundle.json, log.txt}. */
static char *case_file(const struct corpus *c, const struct corpus_entry *e,
		       int *text)
{
	static const char *const bundle_order[] = {
		"bundle.zst", "bundle.json", "log.txt"
	};
	char *path;

	for (size_t i = e->text ? 2 : 0; i < 3; i++) {
		if (asprintf(&path, "%s/cases/%s/%s", c->dir, e->name,
			     bundle_order[i]) < 0)
			return NULL;
		*text = i == 2;
		if (i == 2 || !access(path, R_OK))
			return path;
		free(path);
	}
	return NULL;
}

struct lsg_error *corpus_load(const struct corpus *c, size_t i,
			      struct corpus_case *ret)
{
	struct corpus_case cc = { .entry = &c->cases[i] };
	struct lsg_error *err;
	char *path, *buf;
	size_t len;
	int text;

	path = case_file(c, cc.entry, &text);
	if (!path)
		return &lsg_enomem;
	err = fileio_read_file(path, CORPUS_MAX_CASE, &buf, &len);
	if (!err) {
		err = text ? textlog_parse(buf, len, &cc.log, NULL) :
			     load_bundle(buf, len, &cc);
		free(buf);
	}
	if (err)
		err = lsg_error_wrap(err, "case %s: %s", cc.entry->name, path);
	free(path);
	if (!err)
		*ret = cc;
	return err;
}

void corpus_case_deinit(struct corpus_case *cc)
{
	lsg_log_deinit(&cc->log);
	json_decref(cc->kernel);
	json_decref(cc->host);
}
