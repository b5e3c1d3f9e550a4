/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Line matchers: globs for frame names, the table patterns (literal,
 * ERE or hand-written), and the recognizers for stack frame lines, stack
 * starts and fault-injection noise.  All take (s, len) and never read
 * past s + len, except that an ERE needs s[len] == '\0' (report lines are
 * NUL-terminated copies).
 */
#include <stdlib.h>
#include <string.h>

#include "oops_internal.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

static int is_ident(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

/*
 * memmem() sets up a two-way search at every call, some hundred
 * instructions before it reads a byte; on a line, finding the first
 * byte and checking the second is cheaper.
 */
const char *oops_memmem(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	const char *p = s, *last;

	if (!n)
		return s;
	if (n > len)
		return NULL;
	last = s + len - n;
	for (; (p = memchr(p, lit[0], (size_t)(last - p) + 1)); p++)
		if (n == 1 ||
		    (p[1] == lit[1] && !memcmp(p + 2, lit + 2, n - 2)))
			return p;
	return NULL;
}

size_t oops_ident(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_ident(s[n]))
		n++;
	return n;
}

/* Globs --------------------------------------------------------------- */

static int glob_here(const char *p, const char *s, const char *end)
{
	for (;; p++) {
		switch (*p) {
		case '\0':
			return 1;
		case '$':
			if (!p[1])
				return s == end;
			break;
		case '*':
			for (;; s++) {
				if (glob_here(p + 1, s, end))
					return 1;
				if (s == end)
					return 0;
			}
		case '?':
			if (s == end)
				return 0;
			s++;
			continue;
		case '#':
			if (s == end || !is_digit(*s))
				return 0;
			while (s < end && is_digit(*s))
				s++;
			continue;
		default:
			break;
		}
		if (s == end || *s != *p)
			return 0;
		s++;
	}
}

/* An unanchored glob without wildcards: a plain substring. */
static int glob_plain(const char *pat)
{
	if (pat[0] == '^')
		return 0;
	for (const char *p = pat; *p; p++)
		if (*p == '*' || *p == '?' || *p == '#' || (*p == '$' && !p[1]))
			return 0;
	return 1;
}

/* Does glob_here() take the first byte of @pat as itself? */
static int glob_literal(const char *pat)
{
	return pat[0] && !strchr("*?#", pat[0]) && !(pat[0] == '$' && !pat[1]);
}

int oops_glob(const char *pat, const char *s, size_t n)
{
	if (pat[0] == '^')
		return glob_here(pat + 1, s, s + n);
	if (glob_plain(pat))
		return oops_memmem(s, n, pat) != NULL;
	if (glob_literal(pat)) {
		/* A match starts with that byte: try only where it is. */
		for (const char *p = s; (p = memchr(p, pat[0],
						    n - (size_t)(p - s))); p++)
			if (glob_here(pat, p, s + n))
				return 1;
		return 0;
	}
	for (size_t i = 0; i <= n; i++)
		if (glob_here(pat, s + i, s + n))
			return 1;
	return 0;
}

int oops_glob_any(const char *const *pats, const char *s, size_t n)
{
	for (; pats && *pats; pats++)
		if (oops_glob(*pats, s, n))
			return 1;
	return 0;
}

/* Ready @pat for slow_match(): what rejects most names without a call. */
static void slow_init(struct oops_slow_glob *g, const char *pat)
{
	size_t len = strlen(pat);

	g->pat = pat;
	g->first = pat[0] == '^' && glob_literal(pat + 1) ?
		   (unsigned char)pat[1] : -1;
	g->tail = 0;
	if (pat[0] != '^' && len > 1 && pat[len - 1] == '$' &&
	    !strpbrk(pat, "*?#"))
		g->tail = len - 1;
}

static int slow_match(const struct oops_slow_glob *g, const char *s,
		      size_t n)
{
	const size_t t = g->tail;

	if (g->first >= 0)
		return n && (unsigned char)s[0] == g->first &&
		       glob_here(g->pat + 1, s, s + n);
	if (t)
		return n >= t && s[n - 1] == g->pat[t - 1] &&
		       !memcmp(s + n - t, g->pat, t);
	return oops_glob(g->pat, s, n);
}

int oops_globset_init(struct oops_globset *gs, const char *const *pats)
{
	size_t n = 0, k = 0;

	memset(gs, 0, sizeof(*gs));
	while (pats[n])
		n++;
	gs->plain = calloc(n + 1, sizeof(*gs->plain));
	gs->plen = calloc(n + 1, sizeof(*gs->plen));
	gs->slow = calloc(n + 1, sizeof(*gs->slow));
	if (!gs->plain || !gs->plen || !gs->slow)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!glob_plain(pats[i]) || !pats[i][0])
			slow_init(&gs->slow[gs->nslow++], pats[i]);
	for (unsigned b = 0; b < 256; b++) {
		gs->first[b] = (uint16_t)k;
		for (size_t i = 0; i < n; i++) {
			if (!pats[i][0] || (unsigned char)pats[i][0] != b ||
			    !glob_plain(pats[i]))
				continue;
			gs->plen[k] = (uint16_t)strlen(pats[i]);
			gs->plain[k++] = pats[i];
		}
		gs->count[b] = (uint16_t)(k - gs->first[b]);
	}
	return 0;
}

void oops_globset_deinit(struct oops_globset *gs)
{
	free(gs->plain);
	free(gs->plen);
	free(gs->slow);
	memset(gs, 0, sizeof(*gs));
}

int oops_globset_match(const struct oops_globset *gs, const char *s,
		       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned b = (unsigned char)s[i], k = gs->first[b];

		for (unsigned end = k + gs->count[b]; k < end; k++) {
			const char *p = gs->plain[k];
			size_t pn = gs->plen[k];

			/* The second byte rejects most before a call. */
			if (pn <= n - i && (pn == 1 ||
			    (s[i + 1] == p[1] &&
			     !memcmp(s + i + 2, p + 2, pn - 2))))
				return 1;
		}
	}
	for (size_t i = 0; i < gs->nslow; i++)
		if (slow_match(&gs->slow[i], s, n))
			return 1;
	return 0;
}

/* Small pieces of the frame grammar ------------------------------------ */

static void set_cap(struct oops_match *m, const char *s, size_t len)
{
	if (m->ncaps < OOPS_MAX_CAPS) {
		m->caps[m->ncaps].s = s;
		m->caps[m->ncaps].len = len;
		m->ncaps++;
	}
}

/* FUNC: an identifier followed by '.' or '+'; returns its length or 0. */
static size_t func_at(const char *s, size_t len, size_t i)
{
	size_t n = oops_ident(s + i, len - i);

	if (!n || i + n >= len || (s[i + n] != '.' && s[i + n] != '+'))
		return 0;
	return n;
}

/* PC: "[<ffffffff81000000>]", "[c000000000123456]"; returns end or 0. */
static size_t pc_at(const char *s, size_t len, size_t i)
{
	size_t j = i + 1, h;

	if (i >= len || s[i] != '[')
		return 0;
	if (j < len && s[j] == '<')
		j++;
	if (j + 2 < len && s[j] == '0' && s[j + 1] == 'x' && is_hex(s[j + 2]))
		j += 2;
	for (h = j; j < len && is_hex(s[j]); j++)
		;
	if (j == h)
		return 0;
	if (j < len && s[j] == '>')
		j++;
	return j < len && s[j] == ']' ? j + 1 : 0;
}

static size_t spaces_at(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* "1234:" segment prefix; returns the index after it, or @i. */
static size_t segment_at(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_digit(s[j]))
		j++;
	return j > i && j < len && s[j] == ':' ? j + 1 : i;
}

/* Is @lit (not empty) at @s[@i]?  Its first byte decides most. */
static int lit_at(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n;

	if (i >= len || s[i] != lit[0])
		return 0;
	n = strlen(lit);
	return i + n <= len && !memcmp(s + i, lit, n);
}

/* "0x1234", "[<0>] [<  (null)>]  (null)", "0010: (null)": no function. */
static int rip_raw(const char *s, size_t len, size_t i, size_t seg)
{
	size_t j;

	if (lit_at(s, len, seg, "0x") && seg + 2 < len && is_hex(s[seg + 2]))
		return 1;
	j = pc_at(s, len, seg);
	if (j && j < len && s[j] == ' ') {
		j = spaces_at(s, len, j);
		if (lit_at(s, len, j, "[<")) {
			j = spaces_at(s, len, j + 2);
			if (lit_at(s, len, j, "(null)>] ") &&
			    lit_at(s, len, spaces_at(s, len, j + 8), "(null)"))
				return 1;
		}
	}
	return seg != i && lit_at(s, len, seg, " ") &&
	       lit_at(s, len, spaces_at(s, len, seg), "(null)");
}

/* The alternatives after "RIP: ", "pc : ", "IP: "... */
static int rip_rest(const char *s, size_t len, size_t i,
		    struct oops_match *m)
{
	size_t seg = segment_at(s, len, i), j, n;

	for (int with_seg = seg != i; with_seg >= 0; with_seg--) {
		j = with_seg ? seg : i;
		for (int k = 0; k < 2; k++) {
			size_t e = pc_at(s, len, j);

			if (!e || e >= len || s[e] != ' ')
				break;
			j = spaces_at(s, len, e);
		}
		n = func_at(s, len, j);
		if (n) {
			set_cap(m, s + j, n);
			return 1;
		}
	}
	if (!rip_raw(s, len, i, seg))
		return 0;
	set_cap(m, NULL, 0);
	return 1;
}

static int match_rip(const char *s, size_t len, struct oops_match *m)
{
	for (size_t i = 0; i < len; i++) {
		size_t k;

		if (lit_at(s, len, i, "IP"))
			k = i + 2;
		else if (lit_at(s, len, i, "pc "))
			k = i + 3;
		else if (lit_at(s, len, i, "PC is at"))
			k = i + 8;
		else
			continue;
		if (k < len && s[k] == ':')
			k++;
		if (k >= len || s[k] != ' ')
			continue;
		m->ncaps = 0;
		if (rip_rest(s, len, k + 1, m)) {
			m->col = i;
			return 1;
		}
	}
	return 0;
}

/* powerpc: "--- interrupt: 700 at foo+0x10/0x20" */
static int match_interrupt(const char *s, size_t len, struct oops_match *m)
{
	static const char key[] = "--- interrupt: ";
	const char *p = s;

	while ((p = memmem(p, len - (size_t)(p - s), key, sizeof(key) - 1))) {
		size_t i = (size_t)(p - s) + sizeof(key) - 1, j = i, n;

		while (j < len && is_digit(s[j]))
			j++;
		if (j > i && lit_at(s, len, j, " at ") &&
		    (n = func_at(s, len, j + 4))) {
			m->col = (size_t)(p - s);
			m->ncaps = 0;
			set_cap(m, s + j + 4, n);
			return 1;
		}
		p++;
	}
	return 0;
}

static int match_rip_or_irq(const char *s, size_t len, struct oops_match *m)
{
	struct oops_match irq;

	if (!match_interrupt(s, len, &irq))
		return match_rip(s, len, m);
	if (!match_rip(s, len, m) || irq.col < m->col)
		*m = irq;
	return 1;
}

static int match_call_trace(const char *s, size_t len, struct oops_match *m)
{
	static const char *const keys[] = {
		"Call Trace:", "Call trace:", "Backtrace:"
	};
	const char *best = NULL;

	for (size_t k = 0; k < 3; k++) {
		const char *p = oops_memmem(s, len, keys[k]);

		if (p && (!best || p < best))
			best = p;
	}
	if (!best)
		return 0;
	m->col = (size_t)(best - s);
	m->ncaps = 0;
	return 1;
}

static int match_pc_func(const char *s, size_t len, struct oops_match *m)
{
	for (size_t i = 0; i < len; i++) {
		size_t e = pc_at(s, len, i), j, n;

		if (!e || e >= len || s[e] != ' ')
			continue;
		j = spaces_at(s, len, e);
		n = func_at(s, len, j);
		if (n) {
			m->col = i;
			m->ncaps = 0;
			set_cap(m, s + j, n);
			return 1;
		}
	}
	return 0;
}

/* "at: [<addr>] FUNC+" with the address optional unless @need_pc. */
static int match_at_func(const char *s, size_t len, int need_pc,
			 struct oops_match *m)
{
	for (const char *p = s;
	     (p = memmem(p, len - (size_t)(p - s), "at:", 3)); p++) {
		size_t i = (size_t)(p - s) + 3, j, e, n;

		if (i >= len || s[i] != ' ')
			continue;
		j = spaces_at(s, len, i);
		e = pc_at(s, len, j);
		if (e && e < len && s[e] == ' ')
			j = spaces_at(s, len, e);
		else if (need_pc)
			continue;
		n = func_at(s, len, j);
		if (n) {
			m->col = (size_t)(p - s);
			m->ncaps = 0;
			set_cap(m, s + j, n);
			return 1;
		}
	}
	return 0;
}

/* "INFO: task NAME blocked [in I/O wait ]for more than N seconds" */
static int match_task_blocked(const char *s, size_t len, struct oops_match *m)
{
	static const char key[] = "INFO: task ";
	const char *p = s;

	while ((p = memmem(p, len - (size_t)(p - s), key, sizeof(key) - 1))) {
		size_t start = (size_t)(p - s), t = start + sizeof(key) - 1;

		p++;
		for (size_t j = t; j <= t + 100 && j < len; j++) {
			size_t k = j + 9, d;

			if (!lit_at(s, len, j, " blocked "))
				continue;
			if (lit_at(s, len, k, "in I/O wait "))
				k += 12;
			if (!lit_at(s, len, k, "for more than "))
				continue;
			for (d = k += 14; k < len && is_digit(s[k]); k++)
				;
			if (k > d && lit_at(s, len, k, " seconds")) {
				m->col = start;
				m->ncaps = 0;
				return 1;
			}
		}
	}
	return 0;
}

/* @lit, then the shortest text up to " in" (a lazy "(.*?) in"). */
static int match_until_in(const char *s, size_t len, const char *lit,
			  struct oops_match *m)
{
	const char *p = oops_memmem(s, len, lit), *q;
	size_t from;

	if (!p)
		return 0;
	from = (size_t)(p - s) + strlen(lit);
	q = memmem(s + from, len - from, " in", 3);
	if (!q)
		return 0;
	m->col = (size_t)(p - s);
	m->ncaps = 0;
	set_cap(m, s + from, (size_t)(q - s) - from);
	return 1;
}

static int match_special(const struct oops_pat *p, const char *s, size_t len,
			 struct oops_match *m)
{
	switch (p->sp) {
	case SP_RIP:
		return match_rip(s, len, m);
	case SP_RIP_OR_IRQ:
		return match_rip_or_irq(s, len, m);
	case SP_CALL_TRACE:
		return match_call_trace(s, len, m);
	case SP_PC_FUNC:
		return match_pc_func(s, len, m);
	case SP_AT_FUNC:
		return match_at_func(s, len, 0, m);
	case SP_AT_PC_FUNC:
		return match_at_func(s, len, 1, m);
	case SP_TASK_BLOCKED:
		return match_task_blocked(s, len, m);
	case SP_UNTIL_IN:
		return match_until_in(s, len, p->lit, m);
	case SP_NONE:
	case SP_STACK:
		break;
	}
	return 0;
}

static int cmp_re(const void *key, const void *elem)
{
	const char *k = key;
	const struct oops_re *r = elem;

	return k < r->src ? -1 : k > r->src;
}

/*
 * glibc's regexec() tries every start position, so a ".*" pattern costs
 * length squared: start at the first occurrence of the pattern's literal
 * and look at most OOPS_RE_WINDOW bytes, more than a printk line holds.
 */
/*
 * An ERE that is its literal then "(.*)", its literal first found at
 * @from: the match regexec() would find, whose capture is the rest of
 * the window up to a NUL ('.' matches any other byte), at a fraction of
 * the cost.
 */
static int match_rest(const struct oops_re *r, const char *s, size_t len,
		      size_t from, struct oops_match *m)
{
	size_t end = len - from > OOPS_RE_WINDOW ? from + OOPS_RE_WINDOW : len;
	size_t at = from + strlen(r->prefix);
	const char *nul = memchr(s + at, '\0', end - at);

	m->col = from;
	m->ncaps = 0;
	set_cap(m, s + at, (size_t)((nul ? nul : s + end) - (s + at)));
	return 1;
}

static int match_re(const struct oops_ctx *ctx, const struct oops_pat *p,
		    const char *s, size_t len, struct oops_match *m)
{
	const struct oops_re *r = bsearch(p->re, ctx->res, ctx->nres,
					  sizeof(*ctx->res), cmp_re);
	regmatch_t pm[OOPS_MAX_CAPS + 1];
	size_t n, from = 0;

	if (!r)
		return 0;
	if (r->prefix[0]) {
		const char *hit = oops_memmem(s, len, r->prefix);

		if (!hit)
			return 0;
		if (r->src[0] != '^')
			from = (size_t)(hit - s);
		if (r->rest)
			return match_rest(r, s, len, from, m);
	}
	if (r->required[0] && !oops_memmem(s, len, r->required))
		return 0;
	pm[0].rm_so = (regoff_t)from;
	pm[0].rm_eo = (regoff_t)(len - from > OOPS_RE_WINDOW ?
				 from + OOPS_RE_WINDOW : len);
	if (regexec(&r->re, s, OOPS_MAX_CAPS + 1, pm, REG_STARTEND))
		return 0;
	m->col = (size_t)pm[0].rm_so;
	m->ncaps = 0;
	n = r->re.re_nsub < OOPS_MAX_CAPS ? r->re.re_nsub : OOPS_MAX_CAPS;
	for (size_t i = 1; i <= n; i++) {
		if (pm[i].rm_so < 0)
			set_cap(m, NULL, 0);
		else
			set_cap(m, s + pm[i].rm_so,
				(size_t)(pm[i].rm_eo - pm[i].rm_so));
	}
	return 1;
}

int oops_pat_match(const struct oops_ctx *ctx, const struct oops_pat *p,
		   const char *s, size_t len, struct oops_match *m)
{
	const char *hit = NULL;

	if (p->sp != SP_NONE)
		return match_special(p, s, len, m);
	if (p->lit) {
		hit = oops_memmem(s, len, p->lit);
		if (!hit)
			return 0;
	}
	if (p->re)
		return match_re(ctx, p, s, len, m);
	m->col = (size_t)(hit - s);
	m->ncaps = 0;
	return 1;
}

/* Frame lines --------------------------------------------------------- */

/* arm: "[<c0123>] (foo) from [<c0456>] (bar+0x10/0x20)" */
static int frame_arm(const char *s, size_t len, size_t i,
		     struct oops_match *m)
{
	size_t e = pc_at(s, len, i), j, n, f;

	if (!e || !lit_at(s, len, e, " ("))
		return 0;
	j = e + 2;
	for (f = j; j < len && (is_ident(s[j]) || s[j] == '.'); j++)
		;
	if (j == f || !lit_at(s, len, j, ") from "))
		return 0;
	e = pc_at(s, len, j + 7);
	if (!e || !lit_at(s, len, e, " (") || !(n = func_at(s, len, e + 2)))
		return 0;
	m->ncaps = 0;
	set_cap(m, s + f, j - f);
	set_cap(m, s + e + 2, n);
	return 1;
}

int oops_frame_line(const char *s, size_t len, struct oops_match *m)
{
	size_t i = spaces_at(s, len, 0), j = i, n;

	for (int k = 0; k < 2; k++) {
		size_t e = pc_at(s, len, j);

		if (!e || e >= len || s[e] != ' ')
			break;
		j = e + 1;
	}
	n = func_at(s, len, j);
	if (n) {
		m->col = i;
		m->ncaps = 0;
		set_cap(m, s + j, n);
		return 1;
	}
	m->col = i;
	return frame_arm(s, len, i, m);
}

/* "Allocated by task 12:" and "Freed by task 12:" */
static int by_task(const char *s, size_t len, const char *lit)
{
	const char *p = s;
	size_t n = strlen(lit);

	while ((p = memmem(p, len - (size_t)(p - s), lit, n))) {
		size_t j = (size_t)(p - s) + n, d = j;

		while (j < len && is_digit(s[j]))
			j++;
		if (j > d && j < len && s[j] == ':')
			return 1;
		p++;
	}
	return 0;
}

/* kmemleak's "backtrace:" or "backtrace (crc 1f2e):", not "stack ..." */
static int leak_backtrace(const char *s, size_t len)
{
	const char *p = s;

	while ((p = memmem(p, len - (size_t)(p - s), " backtrace", 10))) {
		size_t j = (size_t)(p - s) + 10;

		if (p > s && p[-1] != 'k') {
			if (j < len && s[j] == ':')
				return 1;
			if (lit_at(s, len, j, " (crc ")) {
				for (j += 6; j < len && (is_hex(s[j]) ||
					     (s[j] >= 'A' && s[j] <= 'F')); j++)
					;
				if (lit_at(s, len, j, "):"))
					return 1;
			}
		}
		p++;
	}
	return 0;
}

/* riscv show_regs(): "status: <16 hex> badaddr: <16 hex> cause: <16 hex>" */
static int riscv_regs(const char *s, size_t len)
{
	static const char *const keys[] = { "status: ", " badaddr: ",
					     " cause: " };
	const char *p = s;

	while ((p = memmem(p, len - (size_t)(p - s), keys[0], 8))) {
		size_t j = (size_t)(p - s);
		int ok = 1;

		for (int k = 0; k < 3 && ok; k++) {
			ok = lit_at(s, len, j, keys[k]);
			j += strlen(keys[k]);
			for (int h = 0; ok && h < 16; h++, j++)
				ok = j < len && is_hex(s[j]);
		}
		if (ok)
			return 1;
		p++;
	}
	return 0;
}

unsigned oops_stack_start(const char *s, size_t len)
{
	unsigned k = 0;

	if (oops_memmem(s, len, "Call Trace") ||
	    oops_memmem(s, len, "Call trace"))
		k |= SS_CALL_TRACE;
	if (oops_memmem(s, len, "Allocated:"))
		k |= SS_ALLOCATED;
	if (by_task(s, len, "Allocated by task "))
		k |= SS_ALLOCATED_BY;
	if (oops_memmem(s, len, "Freed:"))
		k |= SS_FREED;
	if (by_task(s, len, "Freed by task "))
		k |= SS_FREED_BY;
	if (leak_backtrace(s, len))
		k |= SS_LEAK;
	if (oops_memmem(s, len, "Backtrace:"))
		k |= SS_BACKTRACE;
	if (oops_memmem(s, len, "Uninit was stored to memory at"))
		k |= SS_UNINIT_STORED;
	if (riscv_regs(s, len))
		k |= SS_RISCV;
	return k;
}

/* Fault injection stacks interleave with reports: " should_fail+0x..." */
int oops_corrupted_line(const char *s, size_t len)
{
	size_t i = 0, e;

	if (lit_at(s, len, 0, " [") && (e = pc_at(s, len, 1)))
		i = e;
	if (!lit_at(s, len, i, " should_fail"))
		return 0;
	i += 12;
	if (lit_at(s, len, i, "slab"))
		i += 4;
	if (i < len && s[i] == '.') {
		size_t f = ++i;

		while (i < len && (is_digit(s[i]) || (s[i] >= 'a' &&
			s[i] <= 'z') || s[i] == '.'))
			i++;
		if (i == f)
			return 0;
	}
	return lit_at(s, len, i, "+0x");
}
