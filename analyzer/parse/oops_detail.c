/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The structure of one event's lines: stacks split by context markers
 * (<IRQ>, <NMI>, <TASK>, "Allocated by task"...), their frames, register
 * dumps with their pc line and Code: bytes, and the task header.  The
 * grammar is the kernel's (arch/x86/kernel/dumpstack.c, arm64 and powerpc
 * show_regs/dump_backtrace, KASAN/KMSAN reports), not syzkaller's.
 */
#include <stdlib.h>
#include <string.h>

#include "oops_internal.h"

enum {
	MAX_FRAMES = 1024,	/* per event */
	MAX_STACKS = 64,
	MAX_REGS = 16,		/* register dumps per event */
	MAX_REG_VALUES = 512,
	LABEL_MAX = 128,
};

struct span {
	const char *s;
	size_t n;
};

/* A frame as parsed, its strings still in the line. */
struct pframe {
	struct oops_frame f;
	struct span func, module, file;
};

struct stack_b {
	enum oops_stack_ctx ctx;
	struct span label;
	size_t first;		/* index of its first frame */
};

struct regs_b {
	struct pframe ip;
	int has_ip;
	struct span ip_text, code;
	size_t first;		/* index of its first register */
	uint64_t seq;
	int user;
};

struct reg_b {
	struct span name;
	uint64_t value;
};

/* The per-event scratch state, copied into the arena at the end. */
struct detail {
	const struct oops_parser *ps;
	struct oops_event *ev;
	struct pframe frames[MAX_FRAMES];
	size_t nframes;
	struct stack_b stacks[MAX_STACKS];
	size_t nstacks;
	struct regs_b regs[MAX_REGS];
	size_t nregs;
	struct reg_b vals[MAX_REG_VALUES];
	size_t nvals;
	int in_stack;		/* frames go to the last stack */
	uint64_t seq;		/* of the line being parsed */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Each byte's hex value plus one (0: not a hex digit). */
static const uint8_t hex_plus1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* The bytes of a symbol name: a table, as frames are read byte by byte. */
static const uint8_t sym_byte[256] = {
	['a' ... 'z'] = 1, ['A' ... 'Z'] = 1, ['0' ... '9'] = 1,
	['_'] = 1, ['.'] = 1, ['$'] = 1,
};

static int hex_val(char c)
{
	return hex_plus1[(unsigned char)c] - 1;
}

static int is_sym(char c)
{
	return sym_byte[(unsigned char)c];
}

static int is_path(char c)
{
	return is_sym(c) || c == '/' || c == '-' || c == '+';
}

static size_t skip_sp(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Is @lit (not empty) at @s[@i]?  Its first byte decides most. */
static int at(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n;

	if (i >= len || s[i] != lit[0])
		return 0;
	n = strlen(lit);
	return i + n <= len && !memcmp(s + i, lit, n);
}

/* Hex digits at @i (at most 16) into *@v; returns the index after them. */
static size_t hex_at(const char *s, size_t len, size_t i, uint64_t *v)
{
	size_t j = i;

	*v = 0;
	while (j < len && j - i < 16 && hex_val(s[j]) >= 0)
		*v = *v << 4 | (uint64_t)hex_val(s[j++]);
	return j;
}

/* "[<ffffffff81000000>]" or "[c000000000123456]"; returns end or 0. */
static size_t addr_at(const char *s, size_t len, size_t i, uint64_t *v)
{
	size_t j = i + 1, e;

	if (i >= len || s[i] != '[')
		return 0;
	if (j < len && s[j] == '<')
		j++;
	if (at(s, len, j, "0x"))
		j += 2;
	e = hex_at(s, len, j, v);
	if (e == j)
		return 0;
	if (e < len && s[e] == '>')
		e++;
	return e < len && s[e] == ']' ? e + 1 : 0;
}

/* "+0x1f/0x90" */
static size_t offset_at(const char *s, size_t len, size_t i,
			struct oops_frame *f)
{
	size_t j;

	if (!at(s, len, i, "+0x"))
		return 0;
	j = hex_at(s, len, i + 3, &f->offset);
	if (j == i + 3 || !at(s, len, j, "/0x"))
		return 0;
	i = j + 3;
	j = hex_at(s, len, i, &f->size);
	if (j == i)
		return 0;
	f->has_offset = 1;
	return j;
}

/* "path/file.c:123" or "file.c:123:4" */
static size_t file_at(const char *s, size_t len, size_t i, struct pframe *p)
{
	size_t j = i, d;
	unsigned line = 0;

	while (j < len && is_path(s[j]))
		j++;
	if (j == i || j + 1 >= len || s[j] != ':' || !is_digit(s[j + 1]))
		return 0;
	p->file.s = s + i;
	p->file.n = j - i;
	for (d = j + 1; d < len && is_digit(s[d]) && line < 100000000; d++)
		line = line * 10 + (unsigned)(s[d] - '0');
	p->f.line = line;
	if (d + 1 < len && s[d] == ':' && is_digit(s[d + 1]))
		for (d++; d < len && is_digit(s[d]); d++)
			;
	return d;
}

/* What may follow a symbol: " [mod]", " file.c:1", " [inline]"... */
static void frame_tail(const char *s, size_t len, size_t i, struct pframe *p)
{
	while ((i = skip_sp(s, len, i)) < len) {
		size_t e;

		if (at(s, len, i, "[inline]")) {
			p->f.inlined = 1;
			i += 8;
		} else if (at(s, len, i, "(unreliable)")) {
			p->f.reliable = 0;
			i += 12;
		} else if (s[i] == '[' && i + 1 < len && is_sym(s[i + 1])) {
			for (e = i + 1; e < len && is_sym(s[e]); e++)
				;
			p->module.s = s + i + 1;
			p->module.n = e - i - 1;
			while (e < len && s[e] != ']')
				e++;
			i = e + 1;
		} else if ((e = file_at(s, len, i, p))) {
			i = e;
		} else {
			return;
		}
	}
}

/* One frame line; symbolized frames without an offset need a stack. */
static int parse_frame(const char *s, size_t len, int in_stack,
		       struct pframe *p)
{
	size_t i = skip_sp(s, len, 0), e, f;
	uint64_t addr;
	int paren = 0;

	memset(p, 0, sizeof(*p));
	p->f.reliable = 1;
	for (int k = 0; k < 3; k++) {
		if (at(s, len, i, "? ")) {
			p->f.reliable = 0;
			i = skip_sp(s, len, i + 2);
		} else if ((e = addr_at(s, len, i, &addr))) {
			if (!p->f.addr)
				p->f.addr = addr;
			i = skip_sp(s, len, e);
		}
	}
	if (i < len && s[i] == '(') {
		paren = 1;
		i++;
	}
	for (f = i; i < len && is_sym(s[i]); i++)
		;
	if (i == f || !((s[f] >= 'a' && s[f] <= 'z') ||
			(s[f] >= 'A' && s[f] <= 'Z') || s[f] == '_'))
		return 0;
	p->func.s = s + f;
	p->func.n = i - f;
	e = offset_at(s, len, i, &p->f);
	if (e)
		i = e;
	else if (paren || !in_stack || !at(s, len, i, " "))
		return 0;
	if (paren)
		return i < len && s[i] == ')';
	frame_tail(s, len, i, p);
	return p->f.has_offset || p->file.n;
}

/* Stacks --------------------------------------------------------------- */

static void open_stack(struct detail *d, enum oops_stack_ctx ctx,
		       const char *label, size_t n)
{
	struct stack_b *st;

	if (n > LABEL_MAX)
		n = LABEL_MAX;
	d->in_stack = 1;
	if (d->nstacks && d->stacks[d->nstacks - 1].first == d->nframes) {
		/* Nothing in it yet: "Call Trace:" then "<TASK>" is one. */
		st = &d->stacks[d->nstacks - 1];
		if (st->ctx == ctx && st->label.n)
			return;
	} else if (d->nstacks < MAX_STACKS) {
		st = &d->stacks[d->nstacks++];
		st->first = d->nframes;
	} else {
		return;
	}
	st->ctx = ctx;
	st->label.s = label;
	st->label.n = n;
}

static void add_frame(struct detail *d, const struct pframe *p)
{
	if (!d->in_stack || !d->nstacks)
		open_stack(d, OOPS_CTX_TASK, NULL, 0);
	if (d->nframes == MAX_FRAMES || !d->nstacks)
		return;
	d->frames[d->nframes] = *p;
	d->frames[d->nframes].f.seq = d->seq;
	d->nframes++;
}

struct marker {
	const char *tag;
	enum oops_stack_ctx ctx;
	int close;		/* ends the stack instead of opening one */
};

static const struct marker markers[] = {
	{ "<IRQ>", OOPS_CTX_IRQ, 0 },
	{ "</IRQ>", OOPS_CTX_TASK, 0 },
	{ "<EOI>", OOPS_CTX_TASK, 0 },
	{ "<NMI>", OOPS_CTX_NMI, 0 },
	{ "</NMI>", OOPS_CTX_TASK, 0 },
	{ "<SOFTIRQ>", OOPS_CTX_SOFTIRQ, 0 },
	{ "</SOFTIRQ>", OOPS_CTX_TASK, 0 },
	{ "<TASK>", OOPS_CTX_TASK, 0 },
	{ "</TASK>", OOPS_CTX_TASK, 1 },
};

/* "<IRQ>", "</TASK>", "<#DF>"...; returns the index after it, or 0. */
static size_t parse_marker(struct detail *d, const char *s, size_t len)
{
	size_t i = skip_sp(s, len, 0), e;

	if (i >= len || s[i] != '<')
		return 0;
	for (size_t k = 0; k < sizeof(markers) / sizeof(markers[0]); k++) {
		if (!at(s, len, i, markers[k].tag))
			continue;
		e = i + strlen(markers[k].tag);
		if (markers[k].close)
			d->in_stack = 0;
		else
			open_stack(d, markers[k].ctx, s + i + 1, e - i - 2);
		return e;
	}
	if (at(s, len, i, "<#") || at(s, len, i, "</#")) {
		const char *gt = memchr(s + i, '>', len - i);

		if (!gt || gt - (s + i) > 8)
			return 0;
		e = (size_t)(gt - s) + 1;
		if (s[i + 1] == '/')
			open_stack(d, OOPS_CTX_TASK, NULL, 0);
		else
			open_stack(d, OOPS_CTX_EXCEPTION, s + i + 1, e - i - 2);
		return e;
	}
	return 0;
}

struct header {
	const char *lit;
	enum oops_stack_ctx ctx;
};

static const struct header headers[] = {
	{ "Call Trace:", OOPS_CTX_TASK },
	{ "Call trace:", OOPS_CTX_TASK },
	{ "Backtrace:", OOPS_CTX_TASK },
	{ "Allocated by task", OOPS_CTX_ALLOC },
	{ "Allocated:", OOPS_CTX_ALLOC },
	{ "Freed by task", OOPS_CTX_FREE },
	{ "Freed:", OOPS_CTX_FREE },
	{ "potentially related work creation:", OOPS_CTX_AUX },
	{ "Uninit was created at:", OOPS_CTX_ALLOC },
	{ "Uninit was stored to memory at:", OOPS_CTX_AUX },
	{ " created at:", OOPS_CTX_ALLOC },
	{ "backtrace:", OOPS_CTX_ALLOC },
	{ "backtrace (crc", OOPS_CTX_ALLOC },
	{ "page last allocated", OOPS_CTX_ALLOC },
	{ "page last free", OOPS_CTX_FREE },
	{ "Exception stack(", OOPS_CTX_EXCEPTION },
};

/* lockdep's dependency chain: "-> #1 (&mm->mmap_lock){++++}-{3:3}:" */
static int lockdep_chain(const char *s, size_t len, size_t i)
{
	return at(s, len, i, "-> #") && i + 4 < len && is_digit(s[i + 4]);
}

static int parse_stack_header(struct detail *d, const char *s, size_t len)
{
	size_t i = skip_sp(s, len, 0);

	if (lockdep_chain(s, len, i)) {
		open_stack(d, OOPS_CTX_AUX, s + i, len - i);
		return 1;
	}

	for (size_t k = 0; k < sizeof(headers) / sizeof(headers[0]); k++) {
		if (!oops_memmem(s, len, headers[k].lit))
			continue;
		if (headers[k].ctx == OOPS_CTX_TASK && d->nstacks &&
		    d->stacks[d->nstacks - 1].first == d->nframes &&
		    d->stacks[d->nstacks - 1].ctx != OOPS_CTX_TASK)
			return 1;	/* after "<NMI>": keep that context */
		open_stack(d, headers[k].ctx, s + i, len - i);
		return 1;
	}
	return 0;
}

/* Registers --------------------------------------------------------------- */

static const char *const x86_regs[] = {
	"RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP", "R08", "R09",
	"R10", "R11", "R12", "R13", "R14", "R15", "R8", "R9", "FS", "GS",
	"CS", "DS", "ES", "SS", "CR0", "CR2", "CR3", "CR4", "DR0", "DR1",
	"DR2", "DR3", "DR6", "DR7", "EAX", "EBX", "ECX", "EDX", "ESI", "EDI",
	"EBP", "ESP", "EFLAGS", "ORIG_RAX", "PKRU", "sp", "fp", "ip", "lr", "pc",
	"psr", "pstate", "ra", "gp", "tp", "status", "badaddr", "cause",
	"MSR", "CTR", "XER", "DAR", "DSISR", "CFAR", NULL
};

/* Is @s[0..n) a register name that may start a register line? */
static int reg_name(const char *s, size_t n)
{
	for (const char *const *r = x86_regs; *r; r++)
		if ((*r)[0] == s[0] && strlen(*r) == n && !memcmp(*r, s, n))
			return 1;
	/* x0..x30 (arm64), r0..r12 (arm), t0 s0 a0 (riscv) */
	if (n >= 2 && n <= 3 && strchr("xrtsa", s[0]) && is_digit(s[1]) &&
	    (n == 2 || is_digit(s[2])))
		return 1;
	return 0;
}

/* One "NAME: value" pair at @i; returns the index after it, or 0. */
static size_t reg_pair(const char *s, size_t len, size_t i,
		       struct reg_b *r)
{
	size_t n = i, e;

	while (n < len && (is_sym(s[n]) && s[n] != '.' && s[n] != '$'))
		n++;
	if (n == i || n - i > 12)
		return 0;
	r->name.s = s + i;
	r->name.n = n - i;
	e = skip_sp(s, len, n);
	if (e >= len || s[e] != ':' || e - n > 1)
		return 0;
	e = skip_sp(s, len, e + 1);
	/* "0018:ffffd14dc0013b68": skip the segment selector */
	if (e + 5 < len && s[e + 4] == ':' && hex_val(s[e]) >= 0 &&
	    hex_val(s[e + 5]) >= 0)
		e += 5;
	if (at(s, len, e, "[<"))
		e += 2;
	n = hex_at(s, len, e, &r->value);
	if (n == e || (n < len && hex_val(s[n]) >= 0))
		return 0;
	if (at(s, len, n, ">]"))
		n += 2;
	if (n < len && s[n] == '(') {
		const char *cl = memchr(s + n, ')', len - n);

		n = cl ? (size_t)(cl - s) + 1 : len;
	}
	return n >= len || s[n] == ' ' ? n : 0;
}

static struct regs_b *cur_regs(struct detail *d)
{
	if (!d->nregs && d->nregs < MAX_REGS) {
		memset(&d->regs[0], 0, sizeof(d->regs[0]));
		d->regs[0].first = d->nvals;
		d->regs[0].seq = d->seq;
		d->nregs = 1;
	}
	return &d->regs[d->nregs - 1];
}

static int parse_reg_line(struct detail *d, const char *s, size_t len)
{
	size_t i = skip_sp(s, len, 0), got = 0;
	struct reg_b r;

	while (i < len && d->nvals < MAX_REG_VALUES) {
		size_t e = reg_pair(s, len, i, &r);

		if (!e || (!got && !reg_name(r.name.s, r.name.n)))
			break;
		i = skip_sp(s, len, e);
		/* x86 ends an oops with a lone "CR2:": the event's */
		if (!got && i == len && r.name.n == 3 &&
		    !memcmp(r.name.s, "CR2", 3)) {
			if (!d->ev->has_cr2) {
				d->ev->has_cr2 = 1;
				d->ev->cr2 = r.value;
			}
			return 1;
		}
		cur_regs(d);
		d->vals[d->nvals++] = r;
		if (r.name.n == 3 && !memcmp(r.name.s, "CR2", 3) &&
		    !d->ev->has_cr2) {
			d->ev->has_cr2 = 1;
			d->ev->cr2 = r.value;
		}
		got++;
	}
	return got > 0;
}

static const char *const ip_keys[] = {
	"RIP: ", "EIP: ", "IP: ", "pc : ", "PC is at ", "NIP [", "epc : ",
	NULL
};

/* "RIP: 0010:foo+0x1a/0x30 [mod]": starts a register dump. */
static int parse_ip_line(struct detail *d, const char *s, size_t len)
{
	size_t i = skip_sp(s, len, 0), k, rest;
	struct regs_b *rb;
	struct pframe p;
	int user = 0;

	if (i >= len || !strchr("REIpPNe", s[i]))
		return 0;
	for (k = 0; ip_keys[k] && !at(s, len, i, ip_keys[k]); k++)
		;
	if (!ip_keys[k])
		return 0;
	rest = i + strlen(ip_keys[k]) - (ip_keys[k][0] == 'N');
	i = skip_sp(s, len, rest);
	if (i + 5 <= len && s[i + 4] == ':' && is_digit(s[i])) {
		user = at(s, len, i, "0033") || at(s, len, i, "0023");
		i += 5;
	}
	if (!parse_frame(s + i, len - i, 0, &p) &&
	    (k == 3 || k == 6) && !at(s, len, i, "0x"))
		return 0;	/* arm "pc : [<c0>] lr : ...": registers */
	rb = d->nregs ? &d->regs[d->nregs - 1] : NULL;
	if (rb && !rb->has_ip && !rb->ip_text.n && !rb->code.n) {
		/* arm64 prints "pstate:" before "pc :": the same dump */
	} else if (d->nregs == MAX_REGS) {
		return 1;
	} else {
		rb = &d->regs[d->nregs++];
		memset(rb, 0, sizeof(*rb));
		rb->first = d->nvals;
		rb->seq = d->seq;
	}
	rb->user = user;
	rb->ip_text.s = s + rest;
	rb->ip_text.n = len - rest;
	if (p.func.n) {
		rb->ip = p;
		rb->ip.f.seq = d->seq;
		rb->has_ip = 1;
	}
	return 1;
}

/* Task header and other one-line facts ------------------------------------ */

static long num_after(const char *s, size_t len, const char *key)
{
	const char *p = oops_memmem(s, len, key);
	size_t i;
	long v = 0;

	if (!p)
		return -1;
	i = (size_t)(p - s) + strlen(key);
	if (i >= len || !is_digit(s[i]))
		return -1;
	for (; i < len && is_digit(s[i]) && v < 100000000; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static const char *dup_span(struct detail *d, const char *s, size_t n)
{
	return oops_arena_str(d->ps->arena, s, n);
}

/* "Tainted: G    B   W  OE 6.1.0-56-amd64 #1": letters, then release. */
static void parse_taint(struct detail *d, const char *s, size_t len,
			size_t i)
{
	char flags[32] = "";
	size_t n = 0, r;

	for (; i < len && !is_digit(s[i]); i++)
		if (s[i] >= 'A' && s[i] <= 'Z' && n + 1 < sizeof(flags))
			flags[n++] = s[i];
	d->ev->taint = dup_span(d, flags, n);
	for (r = i; r < len && s[r] != ' '; r++)
		;
	if (r > i)
		d->ev->kernel = dup_span(d, s + i, r - i);
}

/* "CPU: 1 PID: 42 Comm: foo Kdump: loaded Tainted: G  OE 6.1.0 #1" */
static void parse_task(struct detail *d, const char *s, size_t len)
{
	static const char *const ends[] = {
		" Not tainted", " Tainted: ", " Kdump: ", NULL
	};
	const char *c = oops_memmem(s, len, "Comm: "), *end = s + len, *t;

	if (!c || d->ev->comm)
		return;
	d->ev->cpu = (int)num_after(s, len, "CPU: ");
	d->ev->pid = num_after(s, len, "PID: ");
	c += 6;
	for (const char *const *e = ends; *e; e++) {
		t = memmem(c, (size_t)(s + len - c), *e, strlen(*e));
		if (t && t < end)
			end = t;
	}
	if (end - c > 64)
		end = c + 64;
	d->ev->comm = dup_span(d, c, (size_t)(end - c));
	t = oops_memmem(s, len, " Not tainted ");
	if (t)
		parse_taint(d, s, len, (size_t)(t - s) + 13);
	else if ((t = oops_memmem(s, len, "Tainted: ")))
		parse_taint(d, s, len, (size_t)(t - s) + 9);
}

static const char *rest_after(struct detail *d, const char *s, size_t len,
			      const char *key)
{
	const char *p = oops_memmem(s, len, key);
	size_t i, n;

	if (!p)
		return NULL;
	i = (size_t)(p - s) + strlen(key);
	i = skip_sp(s, len, i);
	n = len - i > 512 ? 512 : len - i;
	return dup_span(d, s + i, n);
}

static void parse_facts(struct detail *d, const struct oops_line *l)
{
	const char *s = l->s;
	size_t len = l->len;
	struct oops_event *ev = d->ev;

	if (l->flags & LF_TASK)
		parse_task(d, s, len);
	if (ev->cpu < 0 && (l->flags & LF_WARN_CPU)) {
		ev->cpu = (int)num_after(s, len, "CPU: ");
		ev->pid = num_after(s, len, "PID: ");
	}
	if (!ev->hardware && (l->flags & LF_HARDWARE))
		ev->hardware = rest_after(d, s, len, "Hardware name: ");
	if (!ev->modules && (l->flags & LF_MODULES))
		ev->modules = rest_after(d, s, len, "Modules linked in:");
	if (!ev->panic_msg && (l->flags & LF_PANIC))
		ev->panic_msg = rest_after(d, s, len,
					   "Kernel panic - not syncing: ");
	if (!ev->oops_count && (l->flags & LF_DIE)) {
		long n = num_after(s, len, "[#");

		if (n > 0 && n < 1000000)
			ev->oops_count = (unsigned)n;
	}
}

/* One line of the event. */
static void detail_line(struct detail *d, const struct oops_line *l)
{
	const char *s = l->s;
	size_t len = l->len, e, first = skip_sp(s, len, 0);
	struct pframe p;

	d->seq = d->ps->log->recs[l->rec].seq;
	parse_facts(d, l);
	if (first == len) {
		d->in_stack = 0;
		return;
	}
	if ((e = parse_marker(d, s, len))) {
		if (parse_frame(s + e, len - e, 1, &p))
			add_frame(d, &p);
		return;
	}
	if (((l->flags & LF_STACK_HDR) || s[first] == '-') &&
	    parse_stack_header(d, s, len))
		return;
	if (parse_ip_line(d, s, len))
		return;
	if (l->flags & LF_CODE) {
		const char *c = oops_memmem(s, len, "Code: ");

		cur_regs(d)->code.s = c + 6;
		cur_regs(d)->code.n = len - (size_t)(c + 6 - s);
		return;
	}
	if (parse_reg_line(d, s, len))
		return;
	if (parse_frame(s, len, d->in_stack, &p))
		add_frame(d, &p);
	else if (l->flags & LF_END_TRACE)
		d->in_stack = 0;
	/* Other lines (often another CPU's) leave the stack open. */
}

/* Copying into the arena ---------------------------------------------- */

static const char *opt_str(struct detail *d, struct span sp, int *fail)
{
	const char *r;

	if (!sp.n)
		return NULL;
	r = dup_span(d, sp.s, sp.n);
	*fail |= !r;
	return r;
}

static void finish_frame(struct detail *d, struct pframe *p, int *fail)
{
	p->f.func = opt_str(d, p->func, fail);
	p->f.module = opt_str(d, p->module, fail);
	p->f.file = opt_str(d, p->file, fail);
}

static int finish_stacks(struct detail *d)
{
	struct oops_arena *a = d->ps->arena;
	struct oops_frame *frames = oops_arena_alloc(a, d->nframes *
						     sizeof(*frames) + 1);
	struct oops_stack *stacks = oops_arena_alloc(a, d->nstacks *
						     sizeof(*stacks) + 1);
	int fail = !frames || !stacks;

	for (size_t i = 0; !fail && i < d->nframes; i++) {
		finish_frame(d, &d->frames[i], &fail);
		frames[i] = d->frames[i].f;
	}
	for (size_t i = 0; !fail && i < d->nstacks; i++) {
		size_t end = i + 1 < d->nstacks ? d->stacks[i + 1].first
						 : d->nframes;

		stacks[i].ctx = d->stacks[i].ctx;
		stacks[i].label = opt_str(d, d->stacks[i].label, &fail);
		stacks[i].frames = frames + d->stacks[i].first;
		stacks[i].nframes = end - d->stacks[i].first;
	}
	d->ev->stacks = stacks;
	d->ev->nstacks = fail ? 0 : d->nstacks;
	return fail ? -1 : 0;
}

static int finish_regs(struct detail *d)
{
	struct oops_arena *a = d->ps->arena;
	struct oops_regs *regs = oops_arena_alloc(a, d->nregs * sizeof(*regs) +
						  1);
	struct oops_reg *vals = oops_arena_alloc(a, d->nvals * sizeof(*vals) +
						 1);
	int fail = !regs || !vals;

	for (size_t i = 0; !fail && i < d->nvals; i++) {
		vals[i].name = opt_str(d, d->vals[i].name, &fail);
		vals[i].value = d->vals[i].value;
	}
	for (size_t i = 0; !fail && i < d->nregs; i++) {
		struct regs_b *rb = &d->regs[i];
		size_t end = i + 1 < d->nregs ? d->regs[i + 1].first : d->nvals;
		struct oops_frame *ip = NULL;

		if (rb->has_ip && (ip = oops_arena_alloc(a, sizeof(*ip)))) {
			finish_frame(d, &rb->ip, &fail);
			*ip = rb->ip.f;
		}
		fail |= rb->has_ip && !ip;
		regs[i].ip = ip;
		regs[i].ip_text = opt_str(d, rb->ip_text, &fail);
		regs[i].code = opt_str(d, rb->code, &fail);
		regs[i].regs = vals + rb->first;
		regs[i].nregs = end - rb->first;
		regs[i].seq = rb->seq;
		regs[i].user = rb->user;
	}
	d->ev->regs = regs;
	d->ev->nregs = fail ? 0 : d->nregs;
	return fail ? -1 : 0;
}

int oops_detail(struct oops_parser *ps, size_t start, size_t end,
		struct oops_event *ev)
{
	const struct oops_line *head = &ps->lines[start];
	struct detail *d = ps->detail;
	int ret, cpu_backtrace = 0;

	/* One scratch per parse: it is large, and events are many. */
	if (!d) {
		d = ps->detail = malloc(sizeof(*d));
		if (!d)
			return -1;
	}
	d->ps = ps;
	d->ev = ev;
	d->nframes = d->nstacks = d->nregs = d->nvals = 0;
	d->in_stack = 0;
	if (end - start > OOPS_MAX_SCAN)
		end = start + OOPS_MAX_SCAN;
	for (size_t i = start; i < end; i++) {
		const struct oops_line *l = &ps->lines[i];

		if (i != start && !oops_same_ctx(l, head) &&
		    !(cpu_backtrace && l->ctx == LINE_CPU))
			continue;
		cpu_backtrace |= !!(l->flags & LF_NMI_BT);
		detail_line(d, l);
	}
	ret = finish_stacks(d);
	if (!ret)
		ret = finish_regs(d);
	return ret;
}
