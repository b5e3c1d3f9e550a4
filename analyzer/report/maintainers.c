/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "maintainers.h"

enum {
	MAINT_MAX_SECTIONS = 1 << 16,
	MAINT_MAX_MATCHES = 64,		/* sections one lookup reports */
	MAINT_RE_WINDOW = 1 << 16,	/* text bytes a K: regex looks at */
	MAINT_RE_MAX = 1024,		/* bytes of an N: or K: pattern */
	MAINT_RE_GROUP_PLUS = 8,	/* "(...)+" in one pattern */
};

/* One "X:\tvalue" line of a section, NUL-terminated in db->text. */
struct maint_line {
	char type;
	const char *value;
	regex_t *re;		/* N: and K: that compiled */
};

struct maint_section {
	const char *name;
	struct maint_line *lines;
	size_t nlines;
};

struct maint_db {
	char *text;		/* the file, lines NUL-terminated */
	struct maint_section *sec;
	size_t nsec;
	struct maint_line *lines;
	size_t nlines;
	size_t skipped;
};

/* "T:\tvalue": a type line, as get_maintainer.pl reads /^([A-Z]):\s*(.*)/. */
static int type_line(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] == ':';
}

/*
 * Whether compiling @re could take memory without bound.  glibc's regcomp()
 * copies the tree under "x+" (as "xx*") and "x{m,n}" (n copies), so a run
 * of stacked repetitions ("x++++", undefined in POSIX anyway), intervals
 * of intervals, or groups repeated inside repeated groups grow it
 * exponentially.  MAINTAINERS' N: and K: patterns use none of that: a few
 * "+" after a group are allowed, intervals are not.
 */
static int regex_too_costly(const char *re)
{
	unsigned group_plus = 0;
	int after_repeat = 0;

	if (strlen(re) > MAINT_RE_MAX)
		return 1;
	for (const char *p = re; *p; p++) {
		switch (*p) {
		case '[':
			/* A bracket expression: "]" first is one of its bytes. */
			p += 1 + (p[1] == '^');
			p += *p == ']';
			p += strcspn(p, "]");
			if (!*p)
				return 0;	/* regcomp() rejects it */
			after_repeat = 0;
			continue;
		case '\\':
			p += p[1] != '\0';
			after_repeat = 0;
			continue;
		case '{':
			return 1;
		case '+':
		case '*':
		case '?':
			group_plus += *p == '+' && p > re && p[-1] == ')';
			if (after_repeat || group_plus > MAINT_RE_GROUP_PLUS)
				return 1;
			after_repeat = 1;
			continue;
		default:
			after_repeat = 0;
		}
	}
	return 0;
}

static void compile(struct maint_db *db, struct maint_line *l)
{
	regex_t *re;

	if (l->type != 'N' && l->type != 'K')
		return;
	if (regex_too_costly(l->value)) {
		db->skipped++;
		return;
	}
	re = malloc(sizeof(*re));
	if (re && !regcomp(re, l->value, REG_EXTENDED | REG_NOSUB)) {
		l->re = re;
		return;
	}
	free(re);
	db->skipped++;
}

/* Count lines, NUL-terminate them; returns the number of lines. */
static size_t split_lines(char *t, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (t[i] == '\n' || t[i] == '\0') {
			t[i] = '\0';
			n++;
		}
	}
	return n + 1;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Sections: a name line, then type lines, until a blank line. */
static struct lsg_error *read_sections(struct maint_db *db, size_t len)
{
	const char *prev = NULL, *end = db->text + len;
	struct maint_section *cur = NULL;

	for (const char *s = db->text; s < end; s += strlen(s) + 1) {
		if (!type_line(s)) {
			cur = NULL;
			prev = *s ? s : NULL;
			continue;
		}
		if (!cur) {
			if (!prev || db->nsec == MAINT_MAX_SECTIONS)
				continue;
			cur = &db->sec[db->nsec++];
			cur->name = prev;
			cur->lines = &db->lines[db->nlines];
			cur->nlines = 0;
		}
		db->lines[db->nlines] = (struct maint_line){
			.type = s[0], .value = skip_ws(s + 2) };
		compile(db, &db->lines[db->nlines]);
		db->nlines++;
		cur->nlines++;
	}
	return db->nsec ? NULL : lsg_error_create(LSG_ERR_INVALID,
		"MAINTAINERS: no section (name line, then \"F:\" lines)");
}

struct lsg_error *maint_parse(const char *buf, size_t len,
			      struct maint_db **ret)
{
	struct maint_db *db;
	struct lsg_error *err;
	size_t nlines;

	if (len > MAINT_MAX_FILE)
		return lsg_error_create(LSG_ERR_LIMIT,
			"MAINTAINERS: %zu bytes exceeds %zu", len,
			MAINT_MAX_FILE);
	db = calloc(1, sizeof(*db));
	if (!db || !(db->text = malloc(len + 1)))
		goto nomem;
	memcpy(db->text, buf, len);
	db->text[len] = '\0';
	nlines = split_lines(db->text, len);
	db->lines = calloc(nlines, sizeof(*db->lines));
	db->sec = calloc(nlines, sizeof(*db->sec));
	if (!db->lines || !db->sec)
		goto nomem;
	err = read_sections(db, len);
	if (err) {
		maint_db_destroy(db);
		return err;
	}
	*ret = db;
	return NULL;
nomem:
	maint_db_destroy(db);
	return &lsg_enomem;
}

void maint_db_destroy(struct maint_db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->nlines; i++) {
		if (db->lines[i].re) {
			regfree(db->lines[i].re);
			free(db->lines[i].re);
		}
	}
	free(db->lines);
	free(db->sec);
	free(db->text);
	free(db);
}

size_t maint_db_sections(const struct maint_db *db)
{
	return db->nsec;
}

size_t maint_db_skipped(const struct maint_db *db)
{
	return db->skipped;
}

/* Glob @p against all of @s..@e; '*' and '?' do not match '/'. */
static int glob_seg(const char *p, const char *s, const char *e)
{
	for (; *p; p++, s++) {
		if (*p == '*') {
			for (;; s++) {
				if (glob_seg(p + 1, s, e))
					return 1;
				if (s == e || *s == '/')
					return 0;
			}
		}
		if (s == e || (*p == '?' ? *s == '/' : *p != *s))
			return 0;
	}
	return s == e;
}

/*
 * Does F:/X: pattern @p cover @file?  A pattern ending in '/' covers
 * everything below the directories it matches; one without wildcards
 * also names a directory without its '/'.  Returns the pattern's length
 * (its specificity), or 0.
 */
static size_t file_match(const char *p, const char *file)
{
	size_t n = strlen(p), flen = strlen(file);

	if (!n)
		return 0;
	if (p[n - 1] == '/') {
		for (const char *q = file; (q = strchr(q, '/')); q++)
			if (glob_seg(p, file, q + 1))
				return n;
		return 0;
	}
	if (glob_seg(p, file, file + flen))
		return n;
	return !strpbrk(p, "*?") && flen > n && file[n] == '/' &&
	       !strncmp(p, file, n) ? n : 0;
}

static int regex_hit(const regex_t *re, const char *s)
{
	return !regexec(re, s, 0, NULL, 0);
}

/* How specifically @sec covers @file / @text: 0 when it does not. */
static size_t section_score(const struct maint_section *sec,
			    const char *file, const char *text)
{
	size_t best = 0;
	int hit = 0;

	for (size_t i = 0; i < sec->nlines; i++) {
		const struct maint_line *l = &sec->lines[i];
		size_t m;

		if (file && l->type == 'X' && file_match(l->value, file))
			return 0;
		if (file && l->type == 'F' && (m = file_match(l->value, file)))
			best = m > best ? m : best;
		else if (l->re && l->type == 'N' && file)
			hit |= regex_hit(l->re, file);
		else if (l->re && l->type == 'K' && text)
			hit |= regex_hit(l->re, text);
	}
	return best ? best + 1 : (size_t)hit;
}

struct hit {
	const struct maint_section *sec;
	size_t score;
};

static int by_score(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->sec < y->sec ? -1 : x->sec > y->sec;
}

/* "Name <email>" or a bare address ("list@host (moderated ...)"). */
static json_t *person(const char *v, const char *role, const char *section)
{
	const char *lt = strchr(v, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	json_t *name, *email;

	if (lt && gt) {
		size_t nl = (size_t)(lt - v);

		while (nl && (v[nl - 1] == ' ' || v[nl - 1] == '\t'))
			nl--;
		name = nl ? json_stringn(v, nl) : NULL;
		email = json_stringn(lt + 1, (size_t)(gt - lt - 1));
	} else {
		name = NULL;
		email = json_stringn(v, strcspn(v, " \t"));
	}
	if (!email) {
		json_decref(name);
		return NULL;
	}
	/* NULL too when @section is not UTF-8: the entry is left out. */
	return json_pack("{s:o,s:o,s:s,s:s}", "name", name ? name :
			 json_null(), "email", email, "role", role,
			 "section", section);
}

static const char *role_of(char type)
{
	return type == 'M' ? "maintainer" : type == 'R' ? "reviewer" :
	       type == 'L' ? "list" : NULL;
}

/* Append @sec's people and lists to @out, each address once. */
static void add_people(json_t *out, const struct maint_section *sec)
{
	for (size_t i = 0; i < sec->nlines; i++) {
		const char *role = role_of(sec->lines[i].type);
		json_t *p, *q;
		size_t k;
		int dup = 0;

		if (!role || !(p = person(sec->lines[i].value, role,
					  sec->name)))
			continue;
		json_array_foreach(out, k, q)
			dup |= json_equal(json_object_get(p, "email"),
					  json_object_get(q, "email"));
		if (dup)
			json_decref(p);
		else
			json_array_append_new(out, p);
	}
}

json_t *maint_lookup(const struct maint_db *db, const char *file,
		     const char *text, size_t text_len)
{
	struct hit hits[MAINT_MAX_MATCHES];
	size_t n = 0;
	json_t *out = json_array();
	char *t = NULL;

	if (text) {
		/* regexec() reads a C string; NULs end the text early. */
		if (text_len > MAINT_RE_WINDOW)
			text_len = MAINT_RE_WINDOW;
		t = malloc(text_len + 1);
		if (t) {
			memcpy(t, text, text_len);
			t[text_len] = '\0';
		}
	}
	if (!out || (text && !t)) {
		json_decref(out);
		free(t);
		return NULL;
	}
	for (size_t i = 0; i < db->nsec && n < MAINT_MAX_MATCHES; i++) {
		size_t score = section_score(&db->sec[i], file, t);

		if (score)
			hits[n++] = (struct hit){ &db->sec[i], score };
	}
	free(t);
	qsort(hits, n, sizeof(hits[0]), by_score);
	for (size_t i = 0; i < n; i++)
		add_people(out, hits[i].sec);
	return out;
}
