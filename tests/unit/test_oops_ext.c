/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Events syzkaller does not report but logsage does: OOM kills, machine
 * checks and EDAC memory errors, hard lockups, sysrq crashes.  There is
 * no captured log of these in ../shared/data, so the excerpts below are
 * written line by line from the kernel's own format strings (6.1:
 * mm/oom_kill.c dump_header() and __oom_kill_process(), arch/x86/kernel/
 * cpu/mce/core.c __print_mce() and mce_panic(), drivers/edac/edac_mc.c,
 * kernel/watchdog_hld.c, drivers/tty/sysrq.c, arch/x86/kernel/dumpstack.c)
 * with plausible values; the module "lockup" is made up.
 */
#include <string.h>

#include "harness.h"
#include "parse/oops.h"
#include "parse/textlog.h"

static const char oom_user_fault[] =
	"[  100.000001] stress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0\n"
	"[  100.000002] CPU: 0 PID: 1234 Comm: stress Not tainted 6.1.0-13-amd64 #1  Debian 6.1.55-1\n"
	"[  100.000003] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[  100.000004] Call Trace:\n"
	"[  100.000005]  <TASK>\n"
	"[  100.000006]  dump_stack_lvl+0x44/0x5c\n"
	"[  100.000007]  dump_header+0x4a/0x211\n"
	"[  100.000008]  oom_kill_process.cold+0xb/0x10\n"
	"[  100.000009]  out_of_memory+0x1fd/0x4c0\n"
	"[  100.000010]  __alloc_pages_slowpath.constprop.0+0xcd6/0xe00\n"
	"[  100.000011]  __alloc_pages+0x305/0x330\n"
	"[  100.000012]  __folio_alloc+0x16/0x50\n"
	"[  100.000013]  vma_alloc_folio+0x2a8/0x3c0\n"
	"[  100.000014]  __handle_mm_fault+0x8e5/0xfa0\n"
	"[  100.000015]  handle_mm_fault+0xdb/0x2d0\n"
	"[  100.000016]  do_user_addr_fault+0x19c/0x570\n"
	"[  100.000017]  exc_page_fault+0x70/0x170\n"
	"[  100.000018]  asm_exc_page_fault+0x22/0x30\n"
	"[  100.000019] RIP: 0033:0x55d5f6d7ba30\n"
	"[  100.000020] RSP: 002b:00007ffd3c1b9e30 EFLAGS: 00010206\n"
	"[  100.000021]  </TASK>\n"
	"[  100.000022] Mem-Info:\n"
	"[  100.000023] active_anon:240 inactive_anon:245716 isolated_anon:0\n"
	"[  100.000024] Tasks state (memory values in pages):\n"
	"[  100.000025] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	"[  100.000026] [   1234]     0  1234   263157   245856  1994752        0             0 stress\n"
	"[  100.000027] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=stress,pid=1234,uid=0\n"
	"[  100.000028] Out of memory: Killed process 1234 (stress) total-vm:1052628kB, anon-rss:983424kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:1948kB oom_score_adj:0\n";

static const char oom_panic[] =
	"[  200.000001] Out of memory: Killed process 77 (java) total-vm:4052628kB, anon-rss:3983424kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:7948kB oom_score_adj:0\n"
	"[  200.500000] Memory cgroup out of memory: Killed process 78 (java) total-vm:4052628kB, anon-rss:3983424kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:7948kB oom_score_adj:0\n"
	"[  201.000001] Kernel panic - not syncing: Out of memory and no killable processes...\n";

static const char mce[] =
	"[ 1999.000001] mce: [Hardware Error]: Machine check events logged\n"
	"[ 1999.000002] EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x12345 offset:0x0 grain:32 syndrome:0x0 - area:DRAM err_code:0001:0091 socket:0 ha:0 channel_mask:2 rank:0)\n"
	"[ 2000.000001] mce: [Hardware Error]: CPU 2: Machine Check Exception: 5 Bank 4: b200000000070005\n"
	"[ 2000.000002] mce: [Hardware Error]: RIP !INEXACT! 10:<ffffffff8104c1e6> {native_safe_halt+0x6/0x10}\n"
	"[ 2000.000003] mce: [Hardware Error]: TSC 0 ADDR 1f2e3d40 MISC 86\n"
	"[ 2000.000004] mce: [Hardware Error]: PROCESSOR 0:50654 TIME 1700000000 SOCKET 0 APIC 4 microcode 2006e05\n"
	"[ 2000.000005] mce: [Hardware Error]: Run the above through 'mcelog --ascii'\n"
	"[ 2000.000006] mce: [Hardware Error]: Machine check: Processor context corrupt\n"
	"[ 2000.000007] Kernel panic - not syncing: Fatal machine check\n";

static const char hard_lockup[] =
	"[  300.000001] NMI watchdog: Watchdog detected hard LOCKUP on cpu 1\n"
	"[  300.000002] Modules linked in: lockup(OE)\n"
	"[  300.000003] CPU: 1 PID: 95 Comm: insmod Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n"
	"[  300.000004] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[  300.000005] RIP: 0010:lockup_spin+0x12/0x20 [lockup]\n"
	"[  300.000006] RSP: 0018:ffffb7c2c0263d98 EFLAGS: 00000046\n"
	"[  300.000007] Call Trace:\n"
	"[  300.000008]  <TASK>\n"
	"[  300.000009]  lockup_init+0x15/0x1000 [lockup]\n"
	"[  300.000010]  do_one_initcall+0x5b/0x220\n"
	"[  300.000011]  do_init_module+0x4a/0x1f0\n"
	"[  300.000012]  __do_sys_finit_module+0xac/0x120\n"
	"[  300.000013]  do_syscall_64+0x5d/0x90\n"
	"[  300.000014]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n"
	"[  300.000015]  </TASK>\n"
	"[  300.000016] Kernel panic - not syncing: Hard LOCKUP\n";

static const char sysrq[] =
	"[   40.000001] sysrq: Trigger a crash\n"
	"[   40.000002] Kernel panic - not syncing: sysrq triggered crash\n"
	"[   40.000003] CPU: 0 PID: 812 Comm: bash Not tainted 6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n";

static struct oops_result *parse(const struct oops_ctx *ctx, const char *text)
{
	struct oops_result *res = NULL;
	struct lsg_error *err;
	struct lsg_log log;

	err = textlog_parse(text, strlen(text), &log, NULL);
	if (!err) {
		err = oops_parse(ctx, &log, &res);
		lsg_log_deinit(&log);
	}
	if (err) {
		lsg_error_print(err, "test_oops_ext", stderr);
		lsg_error_destroy(err);
	}
	CHECK(res != NULL);
	return res;
}

/* An OOM kill from a user page fault: one event, not a crash. */
static void test_oom(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, oom_user_fault);
	const struct oops_event *ev = res && res->nevents == 1 ?
				      &res->events[0] : NULL;

	CHECK(ev != NULL);
	if (!ev)
		goto out;
	CHECK(ev->type == OOPS_OOM && !ev->syzkaller && !ev->corrupted);
	CHECK_STR(ev->title, "out of memory");
	CHECK(ev->frame == NULL);
	CHECK_STR(ev->comm, "stress");
	/* The kill line belongs to the report that led to it. */
	CHECK(ev->last_seq == 27);
	CHECK(!res->title && res->primary == OOPS_NONE);
	CHECK(res->fatal == OOPS_NONE);
out:
	oops_result_destroy(res);
}

/* Kills without their report, then the panic that followed. */
static void test_oom_panic(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, oom_panic);

	CHECK(res && res->nevents == 1);
	if (!res || res->nevents != 1)
		goto out;
	CHECK_STR(res->events[0].title, "out of memory");
	CHECK(res->events[0].type == OOPS_OOM);
	CHECK(res->fatal == 0 && res->events[0].panicked);
	/* The fatal event titles the log; syzkaller names the panic. */
	CHECK_STR(res->title, "out of memory");
	CHECK_STR(res->syz_title, "kernel panic: Out of memory and no "
		  "killable processes...");
	CHECK(res->primary == 0);
out:
	oops_result_destroy(res);
}

static void test_mce(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, mce);

	CHECK(res && res->nevents == 2);
	if (!res || res->nevents != 2)
		goto out;
	CHECK_STR(res->events[0].title, "machine check events logged");
	CHECK_STR(res->events[1].title, "machine check exception");
	CHECK(res->events[0].type == OOPS_MCE &&
	      res->events[1].type == OOPS_MCE);
	CHECK(res->events[0].last_seq == 1);
	CHECK(res->fatal == 1 && res->events[1].panicked);
	CHECK_STR(res->events[1].panic_msg, "Fatal machine check");
	CHECK_STR(res->title, "machine check exception");
	CHECK(!res->corrupted);
	CHECK_STR(res->syz_title, "kernel panic: Fatal machine check");
out:
	oops_result_destroy(res);
}

static void test_hard_lockup(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, hard_lockup);
	const struct oops_event *ev = res && res->nevents == 1 ?
				      &res->events[0] : NULL;

	CHECK(ev != NULL);
	if (!ev)
		goto out;
	CHECK(ev->type == OOPS_HARD_LOCKUP);
	/* Stalls are named after the caller of the syscall dispatcher. */
	CHECK_STR(ev->title, "hard lockup in finit_module");
	CHECK(res->fatal == 0 && ev->panicked);
	CHECK_STR(ev->taint, "GOE");
	CHECK(ev->nregs == 1 && ev->regs[0].ip &&
	      !strcmp(ev->regs[0].ip->module, "lockup"));
	CHECK_STR(res->title, "hard lockup in finit_module");
	CHECK_STR(res->syz_title, "kernel panic: Hard LOCKUP");
out:
	oops_result_destroy(res);
}

static void test_sysrq(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, sysrq);

	CHECK(res && res->nevents == 1);
	if (!res || res->nevents != 1)
		goto out;
	CHECK(res->events[0].type == OOPS_SYSRQ);
	CHECK(res->fatal == 0 && res->events[0].panicked);
	CHECK_STR(res->title, "sysrq: crash triggered");
	CHECK_STR(res->syz_title, "kernel panic: sysrq triggered crash");
out:
	oops_result_destroy(res);
}

int main(void)
{
	struct oops_ctx *ctx;
	struct lsg_error *err = oops_ctx_create(&ctx);

	if (err) {
		lsg_error_print(err, "test_oops_ext", stderr);
		lsg_error_destroy(err);
		return TEST_FAIL;
	}
	test_oom(ctx);
	test_oom_panic(ctx);
	test_mce(ctx);
	test_hard_lockup(ctx);
	test_sysrq(ctx);
	oops_ctx_destroy(ctx);
	return test_exit();
}
