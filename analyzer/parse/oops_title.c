/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Title normalization, as syzkaller does it before comparing titles:
 * executor names, addresses, IP addresses, line numbers, offsets, CPU
 * numbers and other numbers are replaced by placeholders, each rule
 * applied until the title stops changing; then control bytes go, spaces
 * collapse and the title is cut to 120 bytes.
 */
#include <string.h>

#include "oops_internal.h"

enum {
	TITLE_WORK = 4 * OOPS_TITLE_MAX,	/* rules may lengthen a title */
	TITLE_MAX_LEN = 120,
};

/*
 * A rule: does it match at @s[i]?  If so, set *@end past the match and
 * write the replacement to @out (room for TITLE_WORK bytes) and its
 * length to *@n.
 */
typedef int (*title_rule)(const char *s, size_t len, size_t i, size_t *end,
			  char *out, size_t *n);

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_word(char c)
{
	return is_digit(c) || is_alpha(c) || c == '_';
}

static int is_lhex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

static size_t digits(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_digit(s[j]))
		j++;
	return j - i;
}

static int put(char *out, size_t *n, const char *text)
{
	*n = strlen(text);
	memcpy(out, text, *n);
	return 1;
}

/* Is @lit (not empty) at @s[@i]?  Its first byte decides most. */
static int prefix_at(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n;

	if (i >= len || s[i] != lit[0])
		return 0;
	n = strlen(lit);
	return i + n <= len && !memcmp(s + i, lit, n);
}

/* NAME[.]N[/N or :N] -> NAME, for "syz-executor.3:12" and "syzkaller123" */
static int rule_name_number(const char *s, size_t len, size_t i,
			    size_t *end, const char *name, int dot)
{
	size_t j, d;

	if (!prefix_at(s, len, i, name))
		return 0;
	j = i + strlen(name);
	if (dot && j < len && s[j] == '.' && digits(s, len, j + 1))
		j++;
	d = digits(s, len, j);
	if (!d)
		return 0;
	j += d;
	if (j + 1 < len && (s[j] == '/' || s[j] == ':') &&
	    (d = digits(s, len, j + 1)))
		j += 1 + d;
	*end = j;
	return 1;
}

static int rule_executor(const char *s, size_t len, size_t i, size_t *end,
			 char *out, size_t *n)
{
	return rule_name_number(s, len, i, end, "syz-executor", 1) &&
	       put(out, n, "syz-executor");
}

static int rule_syzkaller(const char *s, size_t len, size_t i, size_t *end,
			  char *out, size_t *n)
{
	return rule_name_number(s, len, i, end, "syzkaller", 0) &&
	       put(out, n, "syzkaller");
}

/* A non-alphanumeric byte, then [0x]hex{6,} -> that byte + "ADDR" */
static int rule_addr(const char *s, size_t len, size_t i, size_t *end,
		     char *out, size_t *n)
{
	size_t j = i + 1, h;

	if (is_alpha(s[i]) || is_digit(s[i]))
		return 0;
	for (int skip0x = 1; skip0x >= 0; skip0x--) {
		j = i + 1 + (skip0x ? 2 : 0);
		if (skip0x && !prefix_at(s, len, i + 1, "0x"))
			continue;
		for (h = j; j < len && is_lhex(s[j]); j++)
			;
		if (j - h >= 6) {
			*end = j;
			out[0] = s[i];
			memcpy(out + 1, "ADDR", 4);
			*n = 5;
			return 1;
		}
	}
	return 0;
}

/* One to three digits that a '.' must follow (unless @last), greedy. */
static int quad_part(const char *s, size_t len, size_t i, int part,
		     size_t *end)
{
	size_t d = digits(s, len, i);

	if (d > 3)
		d = 3;
	for (; d; d--) {
		if (part == 3) {
			*end = i + d;
			return 1;
		}
		if (i + d < len && s[i + d] == '.' &&
		    quad_part(s, len, i + d + 1, part + 1, end))
			return 1;
	}
	return 0;
}

static int rule_ip(const char *s, size_t len, size_t i, size_t *end,
		   char *out, size_t *n)
{
	return quad_part(s, len, i, 0, end) && put(out, n, "IP");
}

/* ".word:12:34" -> ".word:LINE" */
static int rule_line(const char *s, size_t len, size_t i, size_t *end,
		     char *out, size_t *n)
{
	size_t j = i + 1, w, d;

	if (s[i] != '.')
		return 0;
	while (j < len && is_word(s[j]))
		j++;
	w = j;
	if (w == i + 1)
		return 0;
	while (j + 1 < len && s[j] == ':' && (d = digits(s, len, j + 1)))
		j += 1 + d;
	if (j == w)
		return 0;
	*end = j;
	memcpy(out, s + i, w - i);
	memcpy(out + (w - i), ":LINE", 5);
	*n = w - i + 5;
	return 1;
}

static int is_sym(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '.';
}

static int is_lalnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z');
}

/* "func+0x1f/0x90" -> "func" (rewritten in place: the name is kept) */
static int rule_offset(const char *s, size_t len, size_t i, size_t *end,
		       char *out, size_t *n)
{
	size_t j = i, k, name_end;

	if (!is_alpha(s[i]))
		return 0;
	while (j < len && is_sym(s[j]))
		j++;
	if (j - i < 2 || !prefix_at(s, len, j, "+0x"))
		return 0;
	name_end = j;
	for (k = j += 3; j < len && is_lalnum(s[j]); j++)
		;
	if (j == k || !prefix_at(s, len, j, "/0x"))
		return 0;
	for (k = j += 3; j < len && is_lalnum(s[j]); j++)
		;
	if (j == k)
		return 0;
	*end = j;
	*n = name_end - i;
	memcpy(out, s + i, *n);
	return 1;
}

static int rule_cpu(const char *s, size_t len, size_t i, size_t *end,
		    char *out, size_t *n)
{
	size_t d;

	if (!prefix_at(s, len, i, "CPU#") || !(d = digits(s, len, i + 4)))
		return 0;
	*end = i + 4 + d;
	return put(out, n, "CPU");
}

/* A non-word byte, digits, then a non-word byte or the end -> NUM */
static int rule_num(const char *s, size_t len, size_t i, size_t *end,
		    char *out, size_t *n)
{
	size_t d;

	if (is_word(s[i]) || !(d = digits(s, len, i + 1)))
		return 0;
	if (i + 1 + d < len && is_word(s[i + 1 + d]))
		return 0;
	*end = i + 1 + d + (i + 1 + d < len);
	out[0] = s[i];
	memcpy(out + 1, "NUM", 3);
	*n = 4;
	if (i + 1 + d < len)
		out[(*n)++] = s[i + 1 + d];
	return 1;
}

static int rule_long_num(const char *s, size_t len, size_t i, size_t *end,
			 char *out, size_t *n)
{
	size_t d = digits(s, len, i);

	if (d < 7)
		return 0;
	*end = i + d;
	return put(out, n, "NUM");
}

/* One pass of a rule over @s, like a regexp ReplaceAll; returns length. */
static size_t title_replace(title_rule rule, const char *s, size_t len,
			    char *out, size_t size)
{
	char rep[TITLE_WORK];
	size_t i = 0, o = 0;

	while (i < len) {
		size_t end, n;

		if (!rule(s, len, i, &end, rep, &n)) {
			if (o + 1 < size)
				out[o++] = s[i];
			i++;
			continue;
		}
		if (o + n < size) {
			memcpy(out + o, rep, n);
			o += n;
		}
		i = end;
	}
	out[o] = '\0';
	return o;
}

static const title_rule title_rules[] = {
	rule_executor, rule_syzkaller, rule_addr, rule_ip, rule_line,
	rule_offset, rule_cpu, rule_num, rule_long_num,
};

/* Drop control and non-ASCII bytes, collapse spaces, cut, trim. */
static void title_sanitize(const char *in, size_t len, char *out,
			   size_t size)
{
	size_t o = 0;
	char prev = ' ';

	for (size_t i = 0; i < len && i < TITLE_MAX_LEN; i++) {
		char c = in[i];

		if (c == '\t')
			c = ' ';
		else if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
			continue;
		if (c == ' ' && prev == ' ')
			continue;
		if (o + 1 < size)
			out[o++] = c;
		prev = c;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

void oops_title_normalize(const char *in, char *out, size_t size)
{
	char a[TITLE_WORK], b[TITLE_WORK];
	size_t len = strlen(in);

	if (len >= sizeof(a))
		len = sizeof(a) - 1;
	memcpy(a, in, len);
	a[len] = '\0';
	for (size_t r = 0; r < sizeof(title_rules) / sizeof(title_rules[0]);
	     r++) {
		for (;;) {
			size_t n = title_replace(title_rules[r], a, len, b,
						 sizeof(b));

			if (n == len && !memcmp(a, b, n))
				break;
			memcpy(a, b, n + 1);
			len = n;
		}
	}
	title_sanitize(a, len, out, size);
}
