/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guilty file, the way syzkaller picks it from a symbolized report:
 * the first "path/file.c:LINE" that is not generic (headers, lib/,
 * allocators, sanitizers, locking...), then, further down the report, a
 * file one or more directories deeper under the same directory wins.
 * An RCU stall is searched from its interrupt entry, since the frames
 * above it are the stall detector's.
 */
#include <string.h>

#include "oops_internal.h"

enum { PATH_MAX_LEN = 512 };

static int path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	       c == '/';
}

static int name_char(char c)
{
	return path_char(c) && c != '.' && c != '/';
}

/*
 * First "path.c:N" or "path.h:N" in the line; its path into @out.  The
 * path is the whole run of path bytes before the ':', so the first ':'
 * that qualifies gives the leftmost match.
 */
static int find_file(const char *s, size_t len, char *out)
{
	for (const char *c = s; (c = memchr(c, ':', len - (size_t)(c - s)));
	     c++) {
		size_t k = (size_t)(c - s), r0 = k;

		if (k < 3 || k + 1 >= len || s[k + 1] < '0' || s[k + 1] > '9' ||
		    s[k - 2] != '.' || (s[k - 1] != 'c' && s[k - 1] != 'h') ||
		    !name_char(s[k - 3]))
			continue;
		while (r0 && path_char(s[r0 - 1]))
			r0--;
		if (k - r0 >= PATH_MAX_LEN)
			continue;
		memcpy(out, s + r0, k - r0);
		out[k - r0] = '\0';
		return 1;
	}
	return 0;
}

static int starts(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - p) >= n && !memcmp(p, lit, n);
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* "(hardirqs|softirqs) last (enabled|disabled)": lockdep state lines. */
static int irq_state_line(const char *s, size_t len)
{
	static const char *const who[] = { "hardirqs", "softirqs" };
	const char *end = s + len;

	for (int w = 0; w < 2; w++) {
		for (const char *p = s; (p = memmem(p, (size_t)(end - p),
						    who[w], 8)); p++) {
			const char *q = skip_space(p + 8, end);

			if (q == p + 8 || (size_t)(end - q) < 4 ||
			    memcmp(q, "last", 4))
				continue;
			p = skip_space(q + 4, end);
			if (p == q + 4)
				continue;
			if (starts(p, end, "enabled") ||
			    starts(p, end, "disabled"))
				return 1;
		}
	}
	return 0;
}

/* Lines whose file is where a lock was taken, not where the bug is. */
static int line_ignored(const char *s, size_t len)
{
	const char *end = s + len, *p;

	if (irq_state_line(s, len))
		return 1;
	for (p = s; (p = memchr(p, ',', (size_t)(end - p))); p++) {
		const char *q = skip_space(p + 1, end);

		if (q > p + 1 && (size_t)(end - q) >= 3 &&
		    !memcmp(q, "at:", 3) && skip_space(q + 3, end) > q + 3)
			return 1;
	}
	p = skip_space(s, end);
	if (p < end && *p == '#') {
		const char *d = ++p;

		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p > d && p < end && *p == ':')
			return 1;
	}
	if (len > 10 && !memcmp(s, "Register r", 10)) {
		p = s + 10;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p > s + 10 && (size_t)(end - p) >= 12 &&
		    !memcmp(p, " information", 12))
			return 1;
	}
	return 0;
}

/* Lexical path cleanup: "a//b/./c/../d" -> "a/b/d" (as Go's Clean). */
static void path_clean(char *p)
{
	char out[PATH_MAX_LEN];
	size_t n = strlen(p), r = 0, w = 0, dotdot = 0;
	int rooted = p[0] == '/';

	if (rooted) {
		out[w++] = '/';
		r = dotdot = 1;
	}
	while (r < n) {
		if (p[r] == '/') {
			r++;
		} else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
			r++;
		} else if (p[r] == '.' && p[r + 1] == '.' &&
			   (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				if (w)
					out[w++] = '/';
				out[w++] = '.';
				out[w++] = '.';
				dotdot = w;
			}
		} else {
			if (w != (size_t)rooted)
				out[w++] = '/';
			while (r < n && p[r] != '/')
				out[w++] = p[r++];
		}
	}
	if (!w)
		out[w++] = '.';
	memcpy(p, out, w);
	p[w] = '\0';
}

static void path_dir(const char *p, char *out)
{
	const char *slash = strrchr(p, '/');

	if (!slash) {
		strcpy(out, ".");
		return;
	}
	memcpy(out, p, (size_t)(slash - p));
	out[slash - p] = '\0';
	if (!out[0])
		strcpy(out, "/");
	path_clean(out);
}

/* "/x/y/name.c": one or more directories below the current one. */
static int deeper(const char *suffix)
{
	const char *last = strrchr(suffix, '/');
	size_t n;

	if (suffix[0] != '/' || last - suffix < 2)
		return 0;
	n = strlen(last + 1);
	if (n < 3 || last[n - 1] != '.' ||
	    (last[n] != 'c' && last[n] != 'h'))
		return 0;
	for (const char *p = last + 1; p < last + n - 1; p++)
		if (!name_char(*p))
			return 0;
	return 1;
}

static int ignored(const struct oops_ctx *ctx, const char *file,
		   const struct oops_rline *rl)
{
	return oops_globset_match(&ctx->guilty_ignores, file, strlen(file)) ||
	       line_ignored(rl->s, rl->len);
}

/* From report position (@line, @col) on. */
static void guilty_from(const struct oops_ctx *ctx,
			const struct oops_report *rep, size_t line, size_t col,
			char *out)
{
	char file[PATH_MAX_LEN], dir[PATH_MAX_LEN];
	size_t l = line;

	out[0] = '\0';
	for (; l < rep->n; l++, col = 0) {
		const struct oops_rline *rl = &rep->l[l];

		if (!find_file(rl->s + col, rl->len - col, file))
			continue;
		if (!out[0])
			strcpy(out, file);
		if (ignored(ctx, file, rl))
			continue;
		strcpy(out, file);
		path_clean(out);
		break;
	}
	path_dir(out, dir);
	for (l++; l < rep->n; l++) {
		const struct oops_rline *rl = &rep->l[l];
		size_t dn = strlen(dir);

		if (!find_file(rl->s, rl->len, file) || ignored(ctx, file, rl))
			continue;
		path_clean(file);
		if (!strncmp(file, dir, dn) && deeper(file + dn)) {
			strcpy(out, file);
			path_dir(out, dir);
		}
	}
}

/* The first occurrence of @lit in the report, as (line, col). */
static int report_find(const struct oops_report *rep, const char *lit,
		       size_t *line, size_t *col)
{
	for (size_t l = 0; l < rep->n; l++) {
		const char *p = oops_memmem(rep->l[l].s, rep->l[l].len, lit);

		if (p) {
			*line = l;
			*col = (size_t)(p - rep->l[l].s);
			return 1;
		}
	}
	return 0;
}

int oops_guilty_file(const struct oops_ctx *ctx, const char *title,
		     const struct oops_report *rep, char *out, size_t size)
{
	static const char *const irq_entries[] = {
		"apic_timer_interrupt+0x", "el1h_64_irq+0x", "Exception stack"
	};
	char buf[PATH_MAX_LEN];

	buf[0] = '\0';
	if (!strncmp(title, "INFO: rcu detected stall", 24)) {
		for (int i = 0; i < 3 && !buf[0]; i++) {
			size_t line, col;

			if (report_find(rep, irq_entries[i], &line, &col))
				guilty_from(ctx, rep, line, col, buf);
		}
	}
	if (!buf[0])
		guilty_from(ctx, rep, 0, 0, buf);
	if (!buf[0] || strlen(buf) >= size)
		return 0;
	strcpy(out, buf);
	return 1;
}

int oops_guilty_ignored(const struct oops_ctx *ctx, const char *file)
{
	return oops_globset_match(&ctx->guilty_ignores, file, strlen(file));
}
