/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage's own reading of an event, where syzkaller's rules call a
 * complete report corrupted.  The syzkaller title and flag stay in the
 * event (syz_title, syz_corrupted) for parity; the event's title and
 * corrupted flag, which title a report, follow two more rules:
 *
 *   - A stall (RCU, soft or hard lockup) whose stack format found no
 *     frame is named after the stalled CPU's kernel pc when the event
 *     has one: "RIP: 0010:f.constprop.0+0x3f/0x90 [m]" gives "... in f".
 *     syzkaller expects the pc after an "apic_timer_interrupt" frame, an
 *     order that newer kernels (show_regs() before the trace) and stalls
 *     reported through an NMI backtrace do not print.
 *   - A panic of its own with no stack trace is complete when the kernel
 *     printed the end of panic() after it, or when it is the last record
 *     of a ring read from a dump (panic() went on to kdump): some paths
 *     (machine-check panics, nested oopses) never dump a stack.
 */
#include <stdio.h>
#include <string.h>

#include "oops_internal.h"

static const char stall_unnamed[] = " in corrupted";

/* Lines panic() prints after the message and the stack dump, if any. */
static const char *const panic_end[] = {
	"Shutting down cpus with NMI", "Kernel Offset:",
	"---[ end Kernel panic", "Rebooting in ",
};

static int is_stall(enum oops_type type)
{
	return type == OOPS_RCU_STALL || type == OOPS_SOFT_LOCKUP ||
	       type == OOPS_HARD_LOCKUP;
}

/* The first kernel-mode pc of the event, or NULL. */
static const struct oops_frame *kernel_pc(const struct oops_event *ev)
{
	for (size_t r = 0; r < ev->nregs; r++)
		if (ev->regs[r].ip && !ev->regs[r].user &&
		    ev->regs[r].ip->func)
			return ev->regs[r].ip;
	return NULL;
}

static int name_stall(struct oops_arena *a, struct oops_event *ev)
{
	size_t tlen = strlen(ev->title), prefix;
	const struct oops_frame *pc = kernel_pc(ev);
	char title[OOPS_TITLE_MAX];
	size_t flen;

	if (!pc || tlen < sizeof(stall_unnamed) - 1 ||
	    strcmp(ev->title + tlen - (sizeof(stall_unnamed) - 1),
		   stall_unnamed))
		return 0;
	/* "f.constprop.0" is f, as the title patterns' FUNC reads it. */
	flen = strcspn(pc->func, ".");
	prefix = tlen - (sizeof(stall_unnamed) - 1);
	snprintf(title, sizeof(title), "%.*s in %.*s", (int)prefix, ev->title,
		 (int)flen, pc->func);
	ev->title = oops_arena_str(a, title, strlen(title));
	ev->frame = oops_arena_str(a, pc->func, flen);
	if (!ev->title || !ev->frame)
		return -1;
	ev->corrupted = 0;
	ev->corrupted_reason = NULL;
	return 0;
}

static int panic_finished(const struct oops_parser *ps, size_t header,
			  size_t end)
{
	const struct oops_line *h = &ps->lines[header];

	if (ps->log->has_seq && h->rec + 1 == ps->log->nrecs)
		return 1;
	if (end - header > OOPS_MAX_SCAN)
		end = header + OOPS_MAX_SCAN;
	for (size_t i = header + 1; i < end; i++) {
		const struct oops_line *l = &ps->lines[i];

		if (!oops_same_ctx(l, h))
			continue;
		for (size_t k = 0; k < sizeof(panic_end) / sizeof(panic_end[0]);
		     k++)
			if (oops_memmem(l->s, l->len, panic_end[k]))
				return 1;
	}
	return 0;
}

int oops_complete(const struct oops_parser *ps, size_t header, size_t end,
		  struct oops_event *ev)
{
	ev->syz_title = ev->title;
	ev->syz_corrupted = ev->corrupted;
	if (!ev->corrupted)
		return 0;
	if (is_stall(ev->type))
		return name_stall(ps->arena, ev);
	if (ev->type == OOPS_PANIC &&
	    ev->corrupted_reason == oops_no_stack &&
	    panic_finished(ps, header, end)) {
		ev->corrupted = 0;
		ev->corrupted_reason = NULL;
	}
	return 0;
}
