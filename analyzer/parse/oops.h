/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Crash events in a kernel log: every oops, BUG, WARNING, sanitizer report,
 * lockup, stall, hung task, OOM kill, machine check and panic, in log
 * order, with the fatal one marked.  Titles and guilty files follow
 * syzkaller's rules (pkg/report/linux.go), so they group the same way
 * syzbot does; the stacks, registers and task header are parsed for
 * the report pages and the root-cause model.
 *
 * Events: a line with a crash header starts one (lines of a consequence,
 * such as "Kernel panic - not syncing" or "invalid opcode" after "kernel
 * BUG at", join the event before them).  An event holds the lines of its
 * own context (task or CPU when the log has caller ids, else all console
 * lines) until the next event of that context.  syzkaller has no title
 * for OOM kills, machine checks, EDAC errors, hard lockups and sysrq
 * crashes; these get logsage titles in the same style ("out of memory in
 * FUNC", "machine check exception", "hard lockup in FUNC") and
 * syzkaller == 0.
 *
 * A "Kernel panic - not syncing: REASON" ends the event before it in its
 * context when the reason is that event's consequence ("Fatal exception"
 * after an oops, "hung_task: blocked tasks" after hung-task reports, "Fatal
 * machine check" after a machine check, panic_on_oom, panic_on_warn,
 * sysrq...: oops_rules.c); any other reason (a filesystem's errors=panic,
 * an unknown NMI) is an event of its own.  The fatal event is the one
 * holding the first panic (the first of the run of hung-task reports that
 * panic closes); without a panic (kdump usually runs from the oops, before
 * panic()) it is the last event that died, i.e. printed a "[#N]" oops
 * counter (or a double fault); otherwise there is none.
 *
 * Usage:
 *	struct oops_ctx *ctx;		once per process (compiled rules)
 *	struct oops_result *res;	once per log
 *	oops_ctx_create(&ctx);
 *	oops_parse(ctx, log, &res);
 *	... res->events[res->fatal] ...
 *	oops_result_destroy(res);
 *	oops_ctx_destroy(ctx);
 *
 * A context is read-only after creation: several threads may parse with
 * the same one at once.
 */
#ifndef LSG_OOPS_H
#define LSG_OOPS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "log.h"

/* An index that points nowhere (no fatal event, no primary event). */
#define OOPS_NONE ((size_t)-1)

enum oops_type {
	OOPS_OTHER,
	OOPS_BUG,		/* kernel BUG at / BUG_ON, other "BUG:" */
	OOPS_NULL_DEREF,	/* NULL pointer dereference */
	OOPS_PAGE_FAULT,	/* paging request, arm aborts */
	OOPS_GPF,		/* general protection fault */
	OOPS_TRAP,		/* divide error, invalid opcode, int3... */
	OOPS_DOUBLE_FAULT,
	OOPS_STACK_OVERFLOW,	/* guard page, stack protector, stack end */
	OOPS_WARNING,
	OOPS_KASAN,
	OOPS_KFENCE,
	OOPS_KMSAN,
	OOPS_KCSAN,
	OOPS_UBSAN,
	OOPS_LOCKDEP,		/* deadlocks, lock state, bad unlocks */
	OOPS_ATOMIC_SLEEP,	/* sleeping or scheduling while atomic */
	OOPS_LIST_CORRUPTION,
	OOPS_BAD_PAGE,
	OOPS_MEMORY_LEAK,
	OOPS_SOFT_LOCKUP,
	OOPS_HARD_LOCKUP,
	OOPS_RCU_STALL,
	OOPS_HUNG_TASK,
	OOPS_OOM,
	OOPS_MCE,		/* machine check, EDAC memory errors */
	OOPS_PANIC,		/* "Kernel panic - not syncing" on its own */
	OOPS_SYSRQ,		/* a crash asked for through sysrq */
	OOPS_REBOOT,		/* the kernel booted again */
	OOPS_USERSPACE,		/* fuzzer harness or runtime failures */
	OOPS_TYPE_COUNT
};

/** oops_type_name() - "kasan", "hung-task"...; a static string. */
const char *oops_type_name(enum oops_type type);

/* Where a stack was running. */
enum oops_stack_ctx {
	OOPS_CTX_TASK,		/* process context, <TASK> */
	OOPS_CTX_IRQ,		/* <IRQ> ... </IRQ>, <EOI> */
	OOPS_CTX_SOFTIRQ,
	OOPS_CTX_NMI,
	OOPS_CTX_EXCEPTION,	/* <#DF>, <#MC>, arm "Exception stack" */
	OOPS_CTX_ALLOC,		/* KASAN "Allocated by", KMSAN origin... */
	OOPS_CTX_FREE,		/* KASAN "Freed by", page last free */
	OOPS_CTX_AUX,		/* other recorded stacks (work creation...) */
	OOPS_CTX_COUNT
};

/** oops_stack_ctx_name() - "task", "irq"...; a static string. */
const char *oops_stack_ctx_name(enum oops_stack_ctx ctx);

/*
 * One stack frame as printed: "? func+0x1f/0x90 [mod] file.c:12".
 * Strings are NUL-terminated and owned by the result.
 */
struct oops_frame {
	const char *func;
	const char *module;	/* NULL for vmlinux */
	const char *file;	/* source file when the log was symbolized */
	uint64_t offset;	/* +0x1f: valid if has_offset */
	uint64_t size;		/* /0x90 */
	uint64_t addr;		/* "[<ffffffff8100>]" when printed, else 0 */
	uint64_t seq;		/* record the frame is on */
	unsigned line;		/* source line, 0 when unknown */
	unsigned has_offset : 1;
	unsigned reliable : 1;	/* no "? " marker, not "(unreliable)" */
	unsigned inlined : 1;	/* "[inline]" */
};

struct oops_stack {
	enum oops_stack_ctx ctx;
	const char *label;	/* what opened it: "Call Trace:", "IRQ"... */
	const struct oops_frame *frames;
	size_t nframes;
};

struct oops_reg {
	const char *name;	/* as printed: "RAX", "R08", "EFLAGS", "x29" */
	uint64_t value;
};

/* One register dump (pt_regs): the pc line and the lines after it. */
struct oops_regs {
	const struct oops_frame *ip;	/* RIP / pc frame, NULL if raw */
	const char *ip_text;	/* the text after "RIP: " / "pc : " */
	const char *code;	/* "Code:" bytes, NULL if not printed */
	const struct oops_reg *regs;
	size_t nregs;
	uint64_t seq;		/* record of the pc line */
	int user;		/* user-mode registers (RIP: 0033:...) */
};

struct oops_event {
	enum oops_type type;
	const char *title;	/* syzkaller-style, never NULL */
	const char *frame;	/* function the title names, or NULL */
	const char *guilty_file;	/* NULL when no file:line is printed */
	const char *corrupted_reason;	/* static; NULL unless corrupted */
	int corrupted;		/* truncated or intermixed */
	/*
	 * syzkaller's title and corrupted test.  title and corrupted differ
	 * only for complete reports syzkaller cannot read: a stall named
	 * after its pc, a panic that printed no stack but ran to its end.
	 */
	const char *syz_title;
	int syz_corrupted;
	int fatal;		/* this event brought the kernel down */
	int panicked;		/* a "Kernel panic - not syncing" is in it */
	int syzkaller;		/* syzkaller reports a crash starting here */

	uint64_t header_seq;	/* the line the event was recognized on */
	uint64_t first_seq;	/* first and last record of the event */
	uint64_t last_seq;
	size_t first_rec;	/* the same as indexes into log->recs */
	size_t last_rec;

	/* From "CPU: 1 PID: 42 Comm: foo Tainted: G   OE  6.1.0 #1". */
	int cpu;		/* -1 when not printed */
	long pid;		/* -1 when not printed */
	const char *comm;	/* NULL when not printed */
	const char *taint;	/* flag letters ("GOE"); "" = not tainted */
	const char *kernel;	/* release, e.g. "6.1.0-56-cloud-amd64" */
	const char *hardware;	/* "Hardware name:" value */
	const char *modules;	/* "Modules linked in:" value */
	const char *panic_msg;	/* text after "Kernel panic - not syncing: " */
	unsigned oops_count;	/* N of "[#N]", 0 when not printed */
	int has_cr2;
	uint64_t cr2;		/* faulting address (x86 CR2), if has_cr2 */

	const struct oops_stack *stacks;
	size_t nstacks;
	const struct oops_regs *regs;
	size_t nregs;
};

/*
 * Everything found in one log.  All pointers, strings included, are owned
 * by the result and live until oops_result_destroy(); none point into the
 * log, which may be freed after oops_parse() returns.
 */
struct oops_result {
	const struct oops_event *events;	/* in log order */
	size_t nevents;
	size_t fatal;		/* index in events, or OOPS_NONE */
	size_t primary;		/* event holding the first syzkaller crash */
	/* The fatal event's title; without a fatal event, syz_title. */
	const char *title;
	int corrupted;		/* ... and its corrupted flag */
	const char *guilty_file;	/* ... and its guilty file, or NULL */
	const char *syz_title;	/* syzkaller's title (first crash), or NULL */
	int syz_corrupted;	/* ... and its corrupted flag */
	const char *syz_guilty_file;	/* ... and its guilty file, or NULL */
	int panicked;		/* "Kernel panic - not syncing" seen */
	int kdump_loaded;	/* "Kdump: loaded" in a task header */
	size_t dropped_events;	/* events past OOPS_MAX_EVENTS, not kept */
};

/* Events beyond this many are counted in dropped_events only. */
#define OOPS_MAX_EVENTS 256

struct oops_ctx;

/**
 * oops_ctx_create() - compile the rules.  Free with oops_ctx_destroy().
 * Errors: &lsg_enomem; LSG_ERR_LIB if a built-in pattern fails to compile.
 */
struct lsg_error *oops_ctx_create(struct oops_ctx **ret);

/** oops_ctx_destroy() - free @ctx; NULL is fine. */
void oops_ctx_destroy(struct oops_ctx *ctx);

/**
 * oops_parse() - find the crash events of @log.
 * @ctx:	from oops_ctx_create(); not modified
 * @log:	records in order; their text may hold any bytes; a record
 *		may hold several lines separated by '\n'.  Records whose
 *		ts_nsec is TEXTLOG_TS_NONE (textlog.h) count as lines without
 *		a console timestamp.  With log->raw_text, each line's
 *		"<N>[ts] " prefix is read as textlog does.
 * @ret:	the result, to free with oops_result_destroy(); written only
 *		on success.  A log without events gives a result with
 *		nevents == 0.
 *
 * Time and memory grow linearly with the log; one event looks at no more
 * than 50,000 lines and OOPS_MAX_EVENTS events are kept.  Errors:
 * &lsg_enomem.
 */
struct lsg_error *oops_parse(const struct oops_ctx *ctx,
			     const struct lsg_log *log,
			     struct oops_result **ret);

/** oops_result_destroy() - free @res and everything it points to. */
void oops_result_destroy(struct oops_result *res);

/**
 * oops_guilty_ignored() - @file (a source path) is generic code that a
 * guilty file is never blamed on (mm/slab.c, lib/, kernel/panic.c...),
 * by the same list the text rule uses.
 */
int oops_guilty_ignored(const struct oops_ctx *ctx, const char *file);

#endif
