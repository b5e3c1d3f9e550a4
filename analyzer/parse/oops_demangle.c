/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Just enough symbol demangling for crash titles: Rust v0 symbols
 * ("_RNvMs3_NtCs1_11rust_binder7processNtB5_7Process10update_ref" ->
 * "<rust_binder::process::Process>::update_ref", grammar from Rust RFC
 * 2603) and plain Itanium C++ names ("_ZN3foo3barEi" -> "foo::bar"), both
 * without parameters.  Anything else is left to the caller as printed.
 */
#include <string.h>

#include "oops_internal.h"

enum { DM_MAX_DEPTH = 48 };

struct dm {
	const char *s;		/* the symbol after "_R" */
	size_t len, pos;
	char *out;
	size_t o, size;
	int depth;
	int quiet;		/* parse without printing (impl paths) */
	int err;
};

static int dm_peek(const struct dm *d)
{
	return d->pos < d->len ? (unsigned char)d->s[d->pos] : 0;
}

static int dm_eat(struct dm *d, char c)
{
	if (dm_peek(d) != c)
		return 0;
	d->pos++;
	return 1;
}

static void dm_put(struct dm *d, const char *s, size_t n)
{
	if (d->quiet)
		return;
	if (d->o + n >= d->size) {
		d->err = 1;
		return;
	}
	memcpy(d->out + d->o, s, n);
	d->o += n;
}

static void dm_puts(struct dm *d, const char *s)
{
	dm_put(d, s, strlen(s));
}

/* "_" is 0, "<digits and letters>_" is their base-62 value plus one. */
static uint64_t dm_base62(struct dm *d)
{
	uint64_t v = 0;
	int c;

	if (dm_eat(d, '_'))
		return 0;
	while ((c = dm_peek(d)) && c != '_') {
		int digit = c >= '0' && c <= '9' ? c - '0' :
			    c >= 'a' && c <= 'z' ? c - 'a' + 10 :
			    c >= 'A' && c <= 'Z' ? c - 'A' + 36 : -1;

		if (digit < 0 || v > UINT64_MAX / 62) {
			d->err = 1;
			return 0;
		}
		v = v * 62 + (uint64_t)digit;
		d->pos++;
	}
	if (!dm_eat(d, '_'))
		d->err = 1;
	return v + 1;
}

static size_t dm_decimal(struct dm *d)
{
	size_t v = 0;

	if (dm_peek(d) < '0' || dm_peek(d) > '9') {
		d->err = 1;
		return 0;
	}
	while (dm_peek(d) >= '0' && dm_peek(d) <= '9' && v < 100000)
		v = v * 10 + (size_t)(d->s[d->pos++] - '0');
	return v;
}

static void dm_ident(struct dm *d)
{
	size_t n;

	if (dm_eat(d, 's'))
		dm_base62(d);
	dm_eat(d, 'u');
	n = dm_decimal(d);
	dm_eat(d, '_');
	if (d->err || n > d->len - d->pos) {
		d->err = 1;
		return;
	}
	dm_put(d, d->s + d->pos, n);
	d->pos += n;
}

static void dm_path(struct dm *d);
static void dm_type(struct dm *d);

/* "B<base62>": parse again what starts at that offset. */
static void dm_backref(struct dm *d, void (*fn)(struct dm *))
{
	size_t from = d->pos - 1;
	uint64_t to = dm_base62(d), save = d->pos;

	if (d->err || to >= from) {
		d->err = 1;
		return;
	}
	d->pos = (size_t)to;
	fn(d);
	d->pos = (size_t)save;
}

static void dm_generic_args(struct dm *d)
{
	int first = 1;

	dm_puts(d, "<");
	while (!d->err && !dm_eat(d, 'E')) {
		if (!dm_peek(d)) {
			d->err = 1;
			return;
		}
		if (!first)
			dm_puts(d, ", ");
		first = 0;
		if (dm_eat(d, 'L')) {
			dm_base62(d);
			dm_puts(d, "'_");
		} else if (dm_eat(d, 'K')) {
			while (dm_peek(d) && !dm_eat(d, '_'))
				d->pos++;
			dm_puts(d, "_");
		} else {
			dm_type(d);
		}
	}
	dm_puts(d, ">");
}

/* "M" and "X": the impl path is not shown, only the type (and trait). */
static void dm_impl(struct dm *d, int trait)
{
	int quiet = d->quiet;

	if (dm_eat(d, 's'))
		dm_base62(d);
	d->quiet = 1;
	dm_path(d);
	d->quiet = quiet;
	dm_puts(d, "<");
	dm_type(d);
	if (trait) {
		dm_puts(d, " as ");
		dm_path(d);
	}
	dm_puts(d, ">");
}

static void dm_nested(struct dm *d)
{
	int ns = dm_peek(d);

	d->pos++;
	dm_path(d);
	if (ns >= 'a' && ns <= 'z') {
		size_t mark = d->o;

		dm_puts(d, "::");
		if (dm_eat(d, 's'))
			dm_base62(d);
		if (dm_peek(d) == '0') {	/* an empty name */
			d->pos++;
			d->o = mark;
			return;
		}
		dm_ident(d);
		return;
	}
	dm_puts(d, ns == 'C' ? "::{closure" : "::{shim");
	if (dm_eat(d, 's'))
		dm_base62(d);
	if (dm_peek(d) != '0') {
		dm_puts(d, ":");
		dm_ident(d);
	} else {
		d->pos++;
	}
	dm_puts(d, "}");
}

static void dm_path(struct dm *d)
{
	int c = dm_peek(d);

	if (d->err || ++d->depth > DM_MAX_DEPTH) {
		d->err = 1;
		return;
	}
	d->pos++;
	switch (c) {
	case 'C':
		dm_ident(d);
		break;
	case 'N':
		dm_nested(d);
		break;
	case 'M':
		dm_impl(d, 0);
		break;
	case 'X':
		dm_impl(d, 1);
		break;
	case 'Y':
		dm_puts(d, "<");
		dm_type(d);
		dm_puts(d, " as ");
		dm_path(d);
		dm_puts(d, ">");
		break;
	case 'I':
		dm_path(d);
		dm_generic_args(d);
		break;
	case 'B':
		dm_backref(d, dm_path);
		break;
	default:
		d->err = 1;
	}
	d->depth--;
}

static const char *const dm_basic[26] = {
	['a' - 'a'] = "i8", ['b' - 'a'] = "bool", ['c' - 'a'] = "char",
	['d' - 'a'] = "f64", ['e' - 'a'] = "str", ['f' - 'a'] = "f32",
	['h' - 'a'] = "u8", ['i' - 'a'] = "isize", ['j' - 'a'] = "usize",
	['l' - 'a'] = "i32", ['m' - 'a'] = "u32", ['n' - 'a'] = "i128",
	['o' - 'a'] = "u128", ['p' - 'a'] = "_", ['s' - 'a'] = "i16",
	['t' - 'a'] = "u16", ['u' - 'a'] = "()", ['v' - 'a'] = "...",
	['x' - 'a'] = "i64", ['y' - 'a'] = "u64", ['z' - 'a'] = "!",
};

static void dm_type(struct dm *d)
{
	int c = dm_peek(d);

	if (d->err || ++d->depth > DM_MAX_DEPTH) {
		d->err = 1;
		return;
	}
	if (c >= 'a' && c <= 'z' && dm_basic[c - 'a']) {
		d->pos++;
		dm_puts(d, dm_basic[c - 'a']);
	} else if (c == 'R' || c == 'Q') {
		d->pos++;
		if (dm_eat(d, 'L'))
			dm_base62(d);
		dm_puts(d, c == 'R' ? "&" : "&mut ");
		dm_type(d);
	} else if (c == 'P' || c == 'O') {
		d->pos++;
		dm_puts(d, c == 'P' ? "*const " : "*mut ");
		dm_type(d);
	} else if (c == 'S') {
		d->pos++;
		dm_puts(d, "[");
		dm_type(d);
		dm_puts(d, "]");
	} else if (c == 'T') {
		d->pos++;
		dm_puts(d, "(");
		for (int first = 1; !d->err && !dm_eat(d, 'E'); first = 0) {
			if (!dm_peek(d))
				d->err = 1;
			if (!first)
				dm_puts(d, ", ");
			dm_type(d);
		}
		dm_puts(d, ")");
	} else if (c == 'B') {
		d->pos++;
		dm_backref(d, dm_type);
	} else {
		dm_path(d);
	}
	d->depth--;
}

static size_t demangle_rust(const char *s, size_t len, char *out,
			    size_t size)
{
	struct dm d = { .s = s + 2, .len = len - 2, .out = out,
			.size = size };

	/* Backrefs count from just after "_R". */
	dm_path(&d);
	if (d.err || !d.o)
		return 0;
	out[d.o] = '\0';
	return d.o;
}

/* "_Z3foov", "_ZN2ns3fooEi": names only. */
static size_t demangle_cxx(const char *s, size_t len, char *out,
			   size_t size)
{
	size_t i = 2, o = 0;
	int nested = i < len && s[i] == 'N';

	if (nested)
		i++;
	while (i < len && (s[i] == 'K' || s[i] == 'V' || s[i] == 'r'))
		i++;
	do {
		size_t n = 0;

		if (i >= len || s[i] < '1' || s[i] > '9')
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && n < 10000)
			n = n * 10 + (size_t)(s[i++] - '0');
		if (n > len - i || o + n + 3 >= size)
			return 0;
		if (o) {
			memcpy(out + o, "::", 2);
			o += 2;
		}
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	} while (nested && i < len && s[i] != 'E');
	if (nested && (i >= len || s[i] != 'E'))
		return 0;
	out[o] = '\0';
	return o;
}

size_t oops_demangle(const char *s, size_t len, char *out, size_t size)
{
	if (len > 2 && s[0] == '_' && s[1] == 'R' && s[2] >= 'A' &&
	    s[2] <= 'Z')
		return demangle_rust(s, len, out, size);
	if (len > 2 && s[0] == '_' && s[1] == 'Z')
		return demangle_cxx(s, len, out, size);
	return 0;
}
