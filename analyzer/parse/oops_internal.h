/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals shared by oops.c (driver, events, result), oops_rules.c (the
 * crash formats), oops_match.c (line matchers), oops_report.c (report
 * extraction and titles), oops_title.c (title normalization),
 * oops_guilty.c (guilty file), oops_detail.c (stacks, registers) and
 * oops_complete.c (complete reports syzkaller calls corrupted).
 *
 * The title rules are syzkaller's (pkg/report/linux.go at the commit named
 * in ../shared/data/syzkaller/README.md), re-expressed as tables: a crash
 * "group" is recognized by a header substring on one line; its formats
 * are tried on the report that follows; a format's title names a frame
 * chosen from the report's stack by skip lists and extractors.
 */
#ifndef LSG_OOPS_INTERNAL_H
#define LSG_OOPS_INTERNAL_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "oops.h"

enum {
	OOPS_MAX_STEPS = 3,	/* lines one pattern sequence may span */
	OOPS_MAX_PARTS = 4,	/* parts of a stack format */
	OOPS_MAX_CAPS = 9,	/* %1..%9 */
	OOPS_MAX_FRAMES = 512,	/* frames kept while choosing a title frame */
	OOPS_TITLE_MAX = 512,	/* bytes of a title before normalization */
	OOPS_NAME_MAX = 256,	/* bytes of a function name */
	OOPS_MAX_SCAN = 50000,	/* lines one report may look at */
	OOPS_MAX_LINE = 8192,	/* bytes of a line that are looked at */
	OOPS_RE_WINDOW = 1024,	/* bytes one regexec() may look at */
};

/* Hand-written matchers for patterns that recur in the formats. */
enum oops_sp {
	SP_NONE,
	SP_STACK,	/* stack formats only: parse a stack trace here */
	SP_RIP,		/* "RIP: 0010:FUNC+", "pc : FUNC+", "IP: [<a>] FUNC+" */
	SP_RIP_OR_IRQ,	/* SP_RIP or powerpc "--- interrupt: N at FUNC+" */
	SP_CALL_TRACE,	/* "Call Trace:", "Call trace:", "Backtrace:" */
	SP_PC_FUNC,	/* "[<addr>] FUNC+" anywhere in the line */
	SP_AT_FUNC,	/* "at: [<addr>] FUNC+" with the address optional */
	SP_AT_PC_FUNC,	/* "at: [<addr>] FUNC+" */
	SP_TASK_BLOCKED, /* "INFO: task T blocked for more than N seconds" */
	SP_UNTIL_IN,	/* lit, then captures up to the first " in" */
};

enum {
	PAT_FIRST_LINE = 1,	/* matches only at the start of the report */
	PAT_ICASE = 2,		/* the ERE ignores case */
};

/*
 * One line pattern.  @lit must occur in the line: alone it is the match;
 * with @re (POSIX ERE, every group captures) it is a quick filter; with
 * @sp it is the matcher's parameter where one is needed.
 */
struct oops_pat {
	const char *lit;
	const char *re;
	enum oops_sp sp;
	unsigned flags;
};

static inline int oops_pat_empty(const struct oops_pat *p)
{
	return !p->lit && !p->re && p->sp == SP_NONE;
}

/* How the title frame is chosen from the frames of one stack. */
enum oops_extractor {
	EXTRACT_FIRST,	/* the first frame not skipped */
	EXTRACT_STALL,	/* the frame before a dispatch point (syscall...) */
	EXTRACT_HANG,	/* rtnl_lock / synchronize_rcu, else not a wait */
};

struct oops_stack_fmt {
	struct oops_pat parts[OOPS_MAX_PARTS];	/* until an empty one */
	struct oops_pat parts2[OOPS_MAX_PARTS];	/* tried if parts fail */
	const char *const *skip;	/* extra skip globs, NULL-ended */
	enum oops_extractor extractor;
};

struct oops_fmt {
	struct oops_pat title[OOPS_MAX_STEPS];	/* each on a later line */
	struct oops_pat report[OOPS_MAX_STEPS];	/* optional, same */
	const char *fmt;	/* %1..%9 captures, %F %G frames */
	const char *fmt_noframe;	/* ext: title when no frame is kept */
	const struct oops_stack_fmt *stack;
	enum oops_type type;	/* OOPS_OTHER: from the title */
	unsigned no_stack_trace : 1;	/* no "Call Trace" expected */
	unsigned corrupted : 1;		/* always a corrupted report */
};

struct oops_group {
	const char *header;	/* substring that starts a report */
	const struct oops_fmt *fmts;
	size_t nfmts;
	const struct oops_pat *suppress;	/* empty-ended, or NULL */
	enum oops_type fold_into;	/* ext: join such an event, else 0 */
	unsigned ext : 1;	/* logsage's own, unknown to syzkaller */
	unsigned fold_window;	/* ext: lines after that event's header */
};

/*
 * A panic reason that is the consequence of the event before it: that
 * event's header line holds @header, or its logsage group's type is
 * @kind; neither set: any event.  @batch: the event is the last of a run
 * of such events (khungtaskd reports every blocked task, then panics).
 */
struct oops_panic_rule {
	const char *reason;
	const char *header;
	enum oops_type kind;
	unsigned batch : 1;
};

/* Per-line flags from the substring scan (needles other than headers). */
enum oops_line_flag {
	LF_START_IGNORE = 1 << 0,	/* does not start a new report */
	LF_PANIC = 1 << 1,		/* "Kernel panic - not syncing" */
	LF_INFO_STACK = 1 << 2,		/* fault injection, vmalloc failure */
	LF_NO_LOCKDEP = 1 << 3,		/* "Disabling lock debugging..." */
	LF_NMI_BT = 1 << 4,		/* "Sending NMI from CPU" */
	LF_CIRCULAR = 1 << 5,		/* circular locking WARNING */
	LF_REPLAY = 1 << 6,		/* "** replaying previous printk" */
	LF_HANGUP = 1 << 7,		/* GCE "serialport: VM disconnected." */
	LF_KDUMP = 1 << 8,		/* "Kdump: loaded" */
	LF_KMSAN = 1 << 9,		/* "BUG: KMSAN:" */
	LF_CUT_HERE = 1 << 10,		/* "------------[ cut here ]" */
	LF_LIST = 1 << 11,		/* list_add/list_del corruption */
	LF_DIE = 1 << 12,		/* a "[#N]" die counter */
	LF_STACKISH = 1 << 13,		/* may start a stack: check it */
	LF_TASK = 1 << 14,		/* "Comm: " (task header) */
	LF_HARDWARE = 1 << 15,		/* "Hardware name: " */
	LF_MODULES = 1 << 16,		/* "Modules linked in:" */
	LF_CODE = 1 << 17,		/* "Code: " */
	LF_STACK_HDR = 1 << 18,		/* may open a stack (detail) */
	LF_WARN_CPU = 1 << 19,		/* "WARNING: CPU: " */
	LF_QMARK = 1 << 20,		/* " ? " (an unreliable frame) */
	LF_EOI = 1 << 21,		/* "<EOI>" */
	LF_END_TRACE = 1 << 22,		/* "---[ end" */
	LF_JOIN = 1 << 23,		/* a detail line of the report before */
};

struct oops_needle {
	const char *s;
	int group;		/* index in the group table, or -1 */
	unsigned flag;		/* enum oops_line_flag when group < 0 */
};

/* A needle line_scan() may find where it finds two of its bytes. */
struct oops_cand {
	const char *s;		/* the needle */
	uint64_t groups;	/* its group bit, or 0 */
	uint32_t flags;		/* its line flags, or 0 */
	uint16_t len;
	uint16_t pair;		/* the two bytes, as line_scan() loads them */
	uint8_t off;		/* the pair's offset in the needle: 0 or 1 */
	uint8_t last;		/* the last candidate of its pair */
};

/* The candidates of one pair, and the bytes they need beside it. */
struct oops_pairf {
	uint16_t cand;		/* the first one in oops_ctx.cands */
	uint8_t before[32];	/* bit set of the bytes just before the pair */
	uint8_t after[32];	/* bit set of the bytes just after it */
};

enum oops_line_ctx {
	LINE_NONE,	/* no console timestamp */
	LINE_CONSOLE,	/* timestamp, no caller */
	LINE_TASK,	/* [T123] */
	LINE_CPU,	/* [C1] */
};

/* One line of the log: a record, or a piece of one split at '\n'. */
struct oops_line {
	const char *s;		/* NUL-terminated copy, NUL bytes made 0x01 */
	uint32_t len;
	uint32_t rec;		/* index in log->recs */
	uint32_t caller;
	uint32_t flags;		/* enum oops_line_flag */
	uint64_t groups;	/* headers found, before suppressions */
	uint8_t ctx;		/* enum oops_line_ctx */
	uint8_t questionable;	/* " ? " frame or "(unreliable)" */
	int16_t group;		/* first syzkaller group on the line, or -1 */
	int16_t ext;		/* first logsage group, or -1 */
};

/* A line of a report, possibly starting mid-line. */
struct oops_rline {
	const char *s;
	uint32_t len;
	uint32_t line;		/* index in the line table */
};

/* The lines syzkaller would take as one crash report. */
struct oops_report {
	const struct oops_line *lines;	/* the log's line table */
	struct oops_rline *l;
	size_t n, cap;
	size_t n_title;		/* lines the title may come from */
};

/* A compiled ERE, found again by the address of its source string. */
struct oops_re {
	const char *src;
	regex_t re;
	char prefix[48];	/* a literal every match starts with, or "" */
	char required[48];	/* another literal every match holds, or "" */
	int rest;		/* the ERE is prefix "(.*)": no regexec() */
};

/* A glob of a set that is not a plain substring. */
struct oops_slow_glob {
	const char *pat;
	int first;	/* anchored: the byte a match starts with, or -1 */
	size_t tail;	/* "LIT$": the length of LIT, or 0 */
};

/*
 * A glob list made fast: plain substrings found through their first
 * byte, the other globs tried one by one.
 */
struct oops_globset {
	const char **plain;	/* by first byte: plain[first[b]..+count[b]] */
	uint16_t *plen;
	uint16_t first[256];
	uint16_t count[256];
	struct oops_slow_glob *slow;
	size_t nslow;
};

struct oops_ctx {
	struct oops_globset skip_common;	/* oops_skip_common */
	struct oops_globset stall_anchors;	/* oops_stall_anchors */
	struct oops_globset guilty_ignores;	/* oops_guilty_ignores */
	const struct oops_group *groups;
	size_t ngroups;		/* syzkaller groups first, then ext ones */
	size_t nsyz;
	struct oops_re *res;	/* sorted by src address */
	size_t nres;
	struct oops_cand *cands;	/* needles by pair */
	struct oops_pairf *filters;	/* by pair, of the cands */
	uint16_t pairs[65536];	/* 1 + the pair's filter, or 0 */
};

/* Result memory: chunks freed together with the result. */
struct oops_chunk;
struct oops_arena {
	struct oops_chunk *head;
	size_t total;
};

/* Bytes one result may take; a parse needing more fails with ENOMEM. */
#define OOPS_ARENA_MAX ((size_t)64 << 20)

struct detail;

/* One oops_parse() call. */
struct oops_parser {
	const struct oops_ctx *ctx;
	const struct lsg_log *log;
	struct oops_line *lines;
	size_t nlines;
	char *buf;		/* the lines' text */
	uint32_t all_flags;	/* union of the lines' flags */
	struct oops_arena *arena;
	struct detail *detail;	/* oops_detail()'s scratch, freed after */
};

/* A pattern match: where it starts and what it captured. */
struct oops_match {
	size_t col;
	unsigned ncaps;
	struct {
		const char *s;	/* NULL: the group did not take part */
		size_t len;
	} caps[OOPS_MAX_CAPS];
};

/* Names of the frames a format's stack parts produced. */
struct oops_frames {
	char names[2][OOPS_NAME_MAX];
	unsigned n;
};

/* Lines that start a stack in a report, one bit per kind. */
enum oops_stack_start {
	SS_CALL_TRACE = 1 << 0,
	SS_ALLOCATED = 1 << 1,
	SS_ALLOCATED_BY = 1 << 2,
	SS_FREED = 1 << 3,
	SS_FREED_BY = 1 << 4,
	SS_LEAK = 1 << 5,
	SS_BACKTRACE = 1 << 6,
	SS_UNINIT_STORED = 1 << 7,
	SS_RISCV = 1 << 8,	/* riscv registers: a stack may follow */
	SS_NKINDS = 9,
};

/* oops_rules.c */
const struct oops_group *oops_rules_groups(size_t *ngroups, size_t *nsyz);
const struct oops_needle *oops_rules_needles(size_t *n);
const struct oops_panic_rule *oops_rules_panic(const char *s, size_t len);
extern const char *const oops_skip_common[];
extern const char *const oops_stall_anchors[];
extern const char *const oops_syscall_prefixes[];
extern const char *const oops_guilty_ignores[];

/* oops_match.c */
int oops_glob(const char *pat, const char *s, size_t n);
int oops_glob_any(const char *const *pats, const char *s, size_t n);
int oops_globset_init(struct oops_globset *gs, const char *const *pats);
void oops_globset_deinit(struct oops_globset *gs);
int oops_globset_match(const struct oops_globset *gs, const char *s,
		       size_t n);
int oops_pat_match(const struct oops_ctx *ctx, const struct oops_pat *p,
		   const char *s, size_t len, struct oops_match *m);
int oops_frame_line(const char *s, size_t len, struct oops_match *m);
unsigned oops_stack_start(const char *s, size_t len);
int oops_corrupted_line(const char *s, size_t len);
size_t oops_ident(const char *s, size_t len);
const char *oops_memmem(const char *s, size_t len, const char *lit);

/* oops_demangle.c */
size_t oops_demangle(const char *s, size_t len, char *out, size_t size);

/* oops_report.c */
struct oops_desc {
	char title[OOPS_TITLE_MAX];
	char frame[OOPS_NAME_MAX];	/* the first title frame, or "" */
	const struct oops_fmt *fmt;	/* NULL: no format matched */
	const char *corrupted;		/* reason, or NULL */
};

void oops_describe(const struct oops_ctx *ctx, const struct oops_group *g,
		   const struct oops_report *rep, struct oops_desc *d);
const char *oops_check_corrupted(const struct oops_desc *d,
				 const struct oops_report *rep);
/* The reason oops_check_corrupted() gives for a report without a stack. */
extern const char oops_no_stack[];

/* oops.c */
void *oops_arena_alloc(struct oops_arena *a, size_t size);
const char *oops_arena_str(struct oops_arena *a, const char *s, size_t n);
void oops_arena_free(struct oops_arena *a);
struct lsg_error *oops_lines_build(struct oops_parser *ps);
int oops_same_ctx(const struct oops_line *a, const struct oops_line *b);
struct lsg_error *oops_report_build(const struct oops_parser *ps,
				    size_t start, size_t limit,
				    struct oops_report *rep);
struct lsg_error *oops_context_lines(const struct oops_parser *ps,
				     size_t start, size_t limit,
				     struct oops_report *rep);

/* oops_detail.c */
int oops_detail(struct oops_parser *ps, size_t start, size_t end,
		struct oops_event *ev);

/* oops_complete.c: logsage's title and flag beside syzkaller's */
int oops_complete(const struct oops_parser *ps, size_t header, size_t end,
		  struct oops_event *ev);

/* oops_title.c */
void oops_title_normalize(const char *in, char *out, size_t size);

/* oops_guilty.c */
int oops_guilty_file(const struct oops_ctx *ctx, const char *title,
		     const struct oops_report *rep, char *out, size_t size);

#endif
