/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which event is fatal, the structure of an event (task header, registers,
 * stacks), lines of several tasks interleaved, logs built from records,
 * limits.  The crash text is real: the Debian oops of
 * ../shared/reference/capture-and-symbolize.md §D.1 and excerpts of
 * syzkaller's corpus (pkg/report/testdata/linux, commit 1e72964b,
 * Apache-2.0), changed only where said.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "parse/oops.h"
#include "parse/textlog.h"

/* Reference §D.1: the real Debian 6.1 oops under kdump, with the lines
 * the reference elides left out.  No timestamps, as vmcore-dmesg -t. */
static const char debian_oops[] =
	"BUG: kernel NULL pointer dereference, address: 000000000000001c\n"
	"#PF: supervisor read access in kernel mode\n"
	"#PF: error_code(0x0000) - not-present page\n"
	"PGD 161fd067 P4D 161fd067 PUD 161fe067 PMD 0\n"
	"Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
	"CPU: 1 PID: 1 Comm: init Kdump: loaded Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n"
	"Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"RIP: 0010:lsoops_poke.constprop.0+0x1a/0x30 [lsoops]\n"
	"Code: Unable to access opcode bytes at 0xffffffffc0545ffe.\n"
	"RSP: 0018:ffffd14dc0013b68 EFLAGS: 00000246\n"
	"Call Trace:\n"
	" <TASK>\n"
	" lsoops_write+0x11/0xfc2 [lsoops]\n"
	" proc_reg_write+0x56/0xa0\n"
	" vfs_write+0xc7/0x3f0\n"
	" ksys_write+0x6b/0xf0\n"
	" do_syscall_64+0x5d/0x90\n"
	" ? filp_close+0x5b/0x70\n"
	" ? exit_to_user_mode_prepare+0x44/0x240\n"
	" entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n"
	"RIP: 0033:0x47b7a0\n"
	" </TASK>\n"
	"Modules linked in: lsoops(OE)\n"
	"CR2: 000000000000001c\n";

/*
 * Two oopses: report/517 (a GPF in an interrupt, "[#1]"), then the
 * Debian oops above as a second oops: console prefixes added, counter
 * changed to "[#2]".
 */
static const char two_oopses[] =
	"[  110.420358][    C0] general protection fault: 0000 [#1] PREEMPT SMP KASAN\n"
	"[  110.427307][    C0] CPU: 0 PID: 12754 Comm: syz-executor.2 Not tainted 5.3.0-rc2 #81\n"
	"[  110.435198][    C0] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011\n"
	"[  110.445272][    C0] RIP: 0010:rb_erase+0x2ec/0x1c10\n"
	"[  110.450304][    C0] Code: 84 f3 01 00 00 49 8d 7d 08 48 89 f8 48 c1 e8 03 80 3c 18 00 0f 85 01 0f 00 00 4d 8b 75 08 4d 85 f6 74 1b 4c 89 f0 48 c1 e8 03 <80> 3c 18 00 0f 85 d6 0c 00 00 41 f6 06 01 0f 84 41 09 00 00 4d 85\n"
	"[  110.470613][    C0] RSP: 0018:ffff8880ae809d50 EFLAGS: 00010003\n"
	"[  110.476687][    C0] RAX: 063f66976b9d1f68 RBX: dffffc0000000000 RCX: 1ffff11015d04dc9\n"
	"[  110.484660][    C0] RDX: ffffed1015d04dc8 RSI: ffff8880ae826e40 RDI: ffffffff862ba6fd\n"
	"[  110.492656][    C0] RBP: ffff8880ae809d98 R08: ffff8880ae8276c8 R09: ffff88807a73fac8\n"
	"[  110.500632][    C0] R10: fffffbfff134adef R11: ffffffff89a56f7f R12: ffff8880ae8276c0\n"
	"[  110.508605][    C0] R13: ffffffff862ba6f5 R14: 31fb34bb5ce8fb46 R15: f981e8c689c389ff\n"
	"[  110.517298][    C0] FS:  000055555711f940(0000) GS:ffff8880ae800000(0000) knlGS:0000000000000000\n"
	"[  110.526235][    C0] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033\n"
	"[  110.532823][    C0] CR2: 00007ffe788eeebc CR3: 000000009b351000 CR4: 00000000001406f0\n"
	"[  110.540807][    C0] Call Trace:\n"
	"[  110.544089][    C0]  <IRQ>\n"
	"[  110.557020][    C0]  timerqueue_del+0x86/0x150\n"
	"[  110.561625][    C0]  __remove_hrtimer+0xa8/0x1c0\n"
	"[  110.566394][    C0]  __hrtimer_run_queues+0x2b8/0xe40\n"
	"[  110.588950][    C0]  hrtimer_interrupt+0x314/0x770\n"
	"[  110.593901][    C0]  smp_apic_timer_interrupt+0x160/0x610\n"
	"[  110.599447][    C0]  apic_timer_interrupt+0xf/0x20\n"
	"[  110.604385][    C0]  </IRQ>\n"
	"[  110.607326][    C0] Modules linked in:\n"
	"[  110.611244][    C0] ---[ end trace 24350ae9a4f9ba9e ]---\n"
	"[  111.000001][    T1] BUG: kernel NULL pointer dereference, address: 000000000000001c\n"
	"[  111.000002][    T1] #PF: supervisor read access in kernel mode\n"
	"[  111.000003][    T1] #PF: error_code(0x0000) - not-present page\n"
	"[  111.000004][    T1] PGD 161fd067 P4D 161fd067 PUD 161fe067 PMD 0\n"
	"[  111.000005][    T1] Oops: 0000 [#2] PREEMPT SMP NOPTI\n"
	"[  111.000006][    T1] CPU: 1 PID: 1 Comm: init Kdump: loaded Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n"
	"[  111.000007][    T1] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[  111.000008][    T1] RIP: 0010:lsoops_poke.constprop.0+0x1a/0x30 [lsoops]\n"
	"[  111.000009][    T1] Code: Unable to access opcode bytes at 0xffffffffc0545ffe.\n"
	"[  111.000010][    T1] RSP: 0018:ffffd14dc0013b68 EFLAGS: 00000246\n"
	"[  111.000011][    T1] Call Trace:\n"
	"[  111.000012][    T1]  <TASK>\n"
	"[  111.000013][    T1]  lsoops_write+0x11/0xfc2 [lsoops]\n"
	"[  111.000014][    T1]  proc_reg_write+0x56/0xa0\n"
	"[  111.000015][    T1]  vfs_write+0xc7/0x3f0\n"
	"[  111.000016][    T1]  ksys_write+0x6b/0xf0\n"
	"[  111.000017][    T1]  do_syscall_64+0x5d/0x90\n"
	"[  111.000018][    T1]  ? filp_close+0x5b/0x70\n"
	"[  111.000019][    T1]  ? exit_to_user_mode_prepare+0x44/0x240\n"
	"[  111.000020][    T1]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n"
	"[  111.000021][    T1] RIP: 0033:0x47b7a0\n"
	"[  111.000022][    T1]  </TASK>\n"
	"[  111.000023][    T1] Modules linked in: lsoops(OE)\n"
	"[  111.000024][    T1] CR2: 000000000000001c\n";

/* The same, but the first oops panics before the second is printed. */
static const char panic_then_oops[] =
	"[  110.420358][    C0] general protection fault: 0000 [#1] PREEMPT SMP KASAN\n"
	"[  110.427307][    C0] CPU: 0 PID: 12754 Comm: syz-executor.2 Not tainted 5.3.0-rc2 #81\n"
	"[  110.435198][    C0] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011\n"
	"[  110.445272][    C0] RIP: 0010:rb_erase+0x2ec/0x1c10\n"
	"[  110.450304][    C0] Code: 84 f3 01 00 00 49 8d 7d 08 48 89 f8 48 c1 e8 03 80 3c 18 00 0f 85 01 0f 00 00 4d 8b 75 08 4d 85 f6 74 1b 4c 89 f0 48 c1 e8 03 <80> 3c 18 00 0f 85 d6 0c 00 00 41 f6 06 01 0f 84 41 09 00 00 4d 85\n"
	"[  110.470613][    C0] RSP: 0018:ffff8880ae809d50 EFLAGS: 00010003\n"
	"[  110.476687][    C0] RAX: 063f66976b9d1f68 RBX: dffffc0000000000 RCX: 1ffff11015d04dc9\n"
	"[  110.484660][    C0] RDX: ffffed1015d04dc8 RSI: ffff8880ae826e40 RDI: ffffffff862ba6fd\n"
	"[  110.492656][    C0] RBP: ffff8880ae809d98 R08: ffff8880ae8276c8 R09: ffff88807a73fac8\n"
	"[  110.500632][    C0] R10: fffffbfff134adef R11: ffffffff89a56f7f R12: ffff8880ae8276c0\n"
	"[  110.508605][    C0] R13: ffffffff862ba6f5 R14: 31fb34bb5ce8fb46 R15: f981e8c689c389ff\n"
	"[  110.517298][    C0] FS:  000055555711f940(0000) GS:ffff8880ae800000(0000) knlGS:0000000000000000\n"
	"[  110.526235][    C0] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033\n"
	"[  110.532823][    C0] CR2: 00007ffe788eeebc CR3: 000000009b351000 CR4: 00000000001406f0\n"
	"[  110.540807][    C0] Call Trace:\n"
	"[  110.544089][    C0]  <IRQ>\n"
	"[  110.557020][    C0]  timerqueue_del+0x86/0x150\n"
	"[  110.561625][    C0]  __remove_hrtimer+0xa8/0x1c0\n"
	"[  110.566394][    C0]  __hrtimer_run_queues+0x2b8/0xe40\n"
	"[  110.588950][    C0]  hrtimer_interrupt+0x314/0x770\n"
	"[  110.593901][    C0]  smp_apic_timer_interrupt+0x160/0x610\n"
	"[  110.599447][    C0]  apic_timer_interrupt+0xf/0x20\n"
	"[  110.604385][    C0]  </IRQ>\n"
	"[  110.607326][    C0] Modules linked in:\n"
	"[  110.611244][    C0] ---[ end trace 24350ae9a4f9ba9e ]---\n"
	"[  110.620000][    C0] Kernel panic - not syncing: Fatal exception in interrupt\n"
	"[  111.000001][    T1] BUG: kernel NULL pointer dereference, address: 000000000000001c\n"
	"[  111.000002][    T1] #PF: supervisor read access in kernel mode\n"
	"[  111.000003][    T1] #PF: error_code(0x0000) - not-present page\n"
	"[  111.000004][    T1] PGD 161fd067 P4D 161fd067 PUD 161fe067 PMD 0\n"
	"[  111.000005][    T1] Oops: 0000 [#2] PREEMPT SMP NOPTI\n"
	"[  111.000006][    T1] CPU: 1 PID: 1 Comm: init Kdump: loaded Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n"
	"[  111.000007][    T1] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[  111.000008][    T1] RIP: 0010:lsoops_poke.constprop.0+0x1a/0x30 [lsoops]\n"
	"[  111.000009][    T1] Code: Unable to access opcode bytes at 0xffffffffc0545ffe.\n"
	"[  111.000010][    T1] RSP: 0018:ffffd14dc0013b68 EFLAGS: 00000246\n"
	"[  111.000011][    T1] Call Trace:\n"
	"[  111.000012][    T1]  <TASK>\n"
	"[  111.000013][    T1]  lsoops_write+0x11/0xfc2 [lsoops]\n"
	"[  111.000014][    T1]  proc_reg_write+0x56/0xa0\n"
	"[  111.000015][    T1]  vfs_write+0xc7/0x3f0\n"
	"[  111.000016][    T1]  ksys_write+0x6b/0xf0\n"
	"[  111.000017][    T1]  do_syscall_64+0x5d/0x90\n"
	"[  111.000018][    T1]  ? filp_close+0x5b/0x70\n"
	"[  111.000019][    T1]  ? exit_to_user_mode_prepare+0x44/0x240\n"
	"[  111.000020][    T1]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n"
	"[  111.000021][    T1] RIP: 0033:0x47b7a0\n"
	"[  111.000022][    T1]  </TASK>\n"
	"[  111.000023][    T1] Modules linked in: lsoops(OE)\n"
	"[  111.000024][    T1] CR2: 000000000000001c\n";

/*
 * report/424 (task 3173) and report/659 (task 3061) printed at the same
 * time: their lines alternate.
 */
static const char interleaved[] =
	"[  744.592276][ T3173] ==================================================================\n"
	"[  531.961656][ T3061] ------------[ cut here ]------------\n"
	"[  744.593789][ T3173] BUG: KASAN: use-after-free in refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  531.962869][ T3061] kernel BUG at lib/list_debug.c:64!\n"
	"[  744.595200][ T3173] Read of size 4 at addr ffff88805b8f1820 by task kworker/1:3/3173\n"
	"[  531.964139][ T3061] Internal error: Oops - BUG: 00000000f2000800 [#1] PREEMPT SMP\n"
	"[  744.596644][ T3173]\n"
	"[  531.965885][ T3061] Modules linked in:\n"
	"[  744.597052][ T3173] CPU: 1 PID: 3173 Comm: kworker/1:3 Not tainted 5.3.0+ #296\n"
	"[  531.966798][ T3061] CPU: 0 PID: 3061 Comm: syz-executor.3 Not tainted 6.0.0-rc6-syzkaller-17742-gc194837ebb57 #0\n"
	"[  744.598324][ T3173] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.12.0-1 04/01/2014\n"
	"[  531.969246][ T3061] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 08/26/2022\n"
	"[  744.600029][ T3173] Workqueue: usb_hub_wq hub_event\n"
	"[  531.971647][ T3061] pstate: 60400005 (nZCv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)\n"
	"[  744.600890][ T3173] Call Trace:\n"
	"[  531.973582][ T3061] pc : __list_del_entry_valid+0xcc/0xd0\n"
	"[  744.601452][ T3173]  dump_stack+0xca/0x13e\n"
	"[  531.974869][ T3061] lr : __list_del_entry_valid+0xcc/0xd0\n"
	"[  744.602183][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  531.976140][ T3061] sp : ffff80001281bb90\n"
	"[  744.603262][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  531.977033][ T3061] x29: ffff80001281bb90 x28: ffff0000c8b4b500 x27: 0000000000000000\n"
	"[  744.604902][ T3173]  print_address_description+0x6a/0x32c\n"
	"[  531.978908][ T3061] x26: ffff80000d30cf28 x25: ffff80000d309000 x24: 0000000000000008\n"
	"[  744.606397][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  531.980773][ T3061] x23: 0000000000000003 x22: ffff80000d56ad28 x21: 0000000000000000\n"
	"[  744.608297][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  531.982696][ T3061] x20: ffff00010248a8a0 x19: ffff00010248a898 x18: 00000000000000c0\n"
	"[  744.610301][ T3173]  __kasan_report.cold+0x1a/0x33\n"
	"[  531.984616][ T3061] x17: 20747562202c3061 x16: ffff80000db49158 x15: ffff0000c8b4b500\n"
	"[  744.611499][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  531.986503][ T3061] x14: 0000000000000000 x13: 00000000ffffffff x12: ffff0000c8b4b500\n"
	"[  744.612670][ T3173]  kasan_report+0xe/0x12\n"
	"[  531.988374][ T3061] x11: ff808000081c1630 x10: 0000000000000000 x9 : bf3d65c85afff700\n"
	"[  744.613400][ T3173]  check_memory_region+0x128/0x190\n"
	"[  531.990228][ T3061] x8 : bf3d65c85afff700 x7 : ffff800008195d30 x6 : 0000000000000000\n"
	"[  744.614340][ T3173]  refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  531.992072][ T3061] x5 : 0000000000000080 x4 : 0000000000000001 x3 : 0000000000000000\n"
	"[  744.615279][ T3173]  ? refcount_dec_and_mutex_lock+0x80/0x80\n"
	"[  531.993927][ T3061] x2 : ffff0001fefbecd0 x1 : 0000000000000001 x0 : 000000000000006d\n"
	"[  744.616362][ T3173]  ? rcu_read_lock_sched_held+0x9c/0xd0\n"
	"[  531.995744][ T3061] Call trace:\n"
	"[  744.617766][ T3173]  ? rcu_read_lock_bh_held+0xb0/0xb0\n"
	"[  531.996486][ T3061]  __list_del_entry_valid+0xcc/0xd0\n"
	"[  744.619091][ T3173]  refcount_inc_checked+0x12/0x60\n"
	"[  531.997715][ T3061]  __kobject_del+0xa8/0x1f8\n"
	"[  744.620362][ T3173]  kthread_stop+0x6c/0x600\n"
	"[  531.998801][ T3061]  kobject_cleanup+0xfc/0x280\n"
	"[  744.621363][ T3173]  hwrng_unregister+0x190/0x210\n"
	"[  531.999873][ T3061]  kobject_put+0x94/0xf8\n"
	"[  744.622111][ T3173]  chaoskey_disconnect+0x1b2/0x200\n"
	"[  532.000855][ T3061]  nilfs_sysfs_delete_device_group+0x50/0x7c\n"
	"[  744.622919][ T3173]  usb_unbind_interface+0x1bd/0x8a0\n"
	"[  532.002240][ T3061]  destroy_nilfs+0x4c/0xa0\n"
	"[  744.623650][ T3173]  ? usb_autoresume_device+0x60/0x60\n"
	"[  532.003269][ T3061]  nilfs_put_super+0x84/0x9c\n"
	"[  744.624395][ T3173]  device_release_driver_internal+0x42f/0x500\n"
	"[  532.004295][ T3061]  generic_shutdown_super+0x8c/0x190\n"
	"[  744.625254][ T3173]  bus_remove_device+0x2dc/0x4a0\n"
	"[  532.005490][ T3061]  kill_block_super+0x30/0x78\n";

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
		lsg_error_print(err, "test_oops_fatal", stderr);
		lsg_error_destroy(err);
	}
	CHECK(res != NULL);
	return res;
}

static int has_frame(const struct oops_event *ev, const char *func)
{
	for (size_t i = 0; i < ev->nstacks; i++)
		for (size_t k = 0; k < ev->stacks[i].nframes; k++)
			if (!strcmp(ev->stacks[i].frames[k].func, func))
				return 1;
	return 0;
}

static void check_debian_regs(const struct oops_event *ev)
{
	const struct oops_regs *r = ev->regs;

	CHECK(ev->nregs == 2);
	if (ev->nregs != 2)
		return;
	CHECK(!r[0].user && r[0].ip);
	CHECK(r[0].ip && !strcmp(r[0].ip->func, "lsoops_poke.constprop.0") &&
	      r[0].ip->offset == 0x1a && r[0].ip->size == 0x30 &&
	      r[0].ip->module && !strcmp(r[0].ip->module, "lsoops"));
	CHECK_STR(r[0].code, "Unable to access opcode bytes at "
		  "0xffffffffc0545ffe.");
	CHECK(r[0].nregs == 2 && !strcmp(r[0].regs[0].name, "RSP") &&
	      r[0].regs[0].value == 0xffffd14dc0013b68ull &&
	      !strcmp(r[0].regs[1].name, "EFLAGS") &&
	      r[0].regs[1].value == 0x246);
	CHECK(r[1].user && !r[1].ip);
	CHECK_STR(r[1].ip_text, "0033:0x47b7a0");
}

static void check_debian_stack(const struct oops_event *ev)
{
	const struct oops_stack *st = ev->nstacks == 1 ? ev->stacks : NULL;

	CHECK(st && st->ctx == OOPS_CTX_TASK && st->nframes == 8);
	if (!st || st->nframes != 8)
		return;
	CHECK_STR(st->frames[0].func, "lsoops_write");
	CHECK_STR(st->frames[0].module, "lsoops");
	CHECK(st->frames[0].reliable && st->frames[0].offset == 0x11 &&
	      st->frames[0].size == 0xfc2);
	CHECK(st->frames[1].module == NULL);
	CHECK(!strcmp(st->frames[5].func, "filp_close") &&
	      !st->frames[5].reliable);
	CHECK_STR(st->frames[7].func, "entry_SYSCALL_64_after_hwframe");
}

/* kdump ran from the oops: no panic line, the oops is the fatal event. */
static void test_debian_kdump(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, debian_oops);
	const struct oops_event *ev;

	if (!res || res->nevents != 1) {
		CHECK(!"one event");
		goto out;
	}
	ev = &res->events[0];
	CHECK_STR(res->title, "BUG: unable to handle kernel NULL pointer "
		  "dereference in lsoops_poke");
	CHECK(ev->type == OOPS_NULL_DEREF);
	CHECK(res->fatal == 0 && ev->fatal && !ev->panicked && !res->panicked);
	CHECK(res->kdump_loaded);
	CHECK(ev->cpu == 1 && ev->pid == 1 && ev->oops_count == 1);
	CHECK_STR(ev->comm, "init");
	CHECK_STR(ev->taint, "GOE");
	CHECK_STR(ev->kernel, "6.1.0-56-cloud-amd64");
	CHECK_STR(ev->modules, "lsoops(OE)");
	CHECK(ev->hardware && !strncmp(ev->hardware, "QEMU Standard PC", 16));
	CHECK(ev->has_cr2 && ev->cr2 == 0x1c);
	CHECK(ev->guilty_file == NULL && res->guilty_file == NULL);
	CHECK(ev->header_seq == 0 && ev->first_seq == 0 && ev->last_seq == 23);
	CHECK(ev->first_rec == 0 && ev->last_rec == 23);
	check_debian_regs(ev);
	check_debian_stack(ev);
out:
	oops_result_destroy(res);
}

/* The second oops brought the kernel down; the first stays an event. */
static void test_two_oopses(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, two_oopses);

	CHECK(res && res->nevents == 2);
	if (!res || res->nevents != 2)
		goto out;
	CHECK_STR(res->events[0].title,
		  "general protection fault in timerqueue_del");
	CHECK_STR(res->events[1].title, "BUG: unable to handle kernel NULL "
		  "pointer dereference in lsoops_poke");
	CHECK(res->fatal == 1 && res->events[1].fatal && !res->events[0].fatal);
	CHECK(res->events[0].oops_count == 1 && res->events[1].oops_count == 2);
	/* The log is titled by the fatal event; syzkaller's by the first. */
	CHECK(res->primary == 0);
	CHECK_STR(res->title, "BUG: unable to handle kernel NULL pointer "
		  "dereference in lsoops_poke");
	CHECK_STR(res->syz_title, "general protection fault in timerqueue_del");
	CHECK(res->events[0].last_seq < res->events[1].first_seq);
out:
	oops_result_destroy(res);
}

/* A panic after the first oops makes the first one fatal. */
static void test_panic_then_oops(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, panic_then_oops);

	CHECK(res && res->nevents == 2);
	if (!res || res->nevents != 2)
		goto out;
	CHECK(res->fatal == 0 && res->events[0].fatal &&
	      res->events[0].panicked && !res->events[1].fatal);
	CHECK_STR(res->events[0].panic_msg, "Fatal exception in interrupt");
out:
	oops_result_destroy(res);
}

/* Each task's lines make its own event; no frame crosses over. */
static void test_interleaved(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, interleaved);
	const struct oops_event *a, *b;

	CHECK(res && res->nevents == 2);
	if (!res || res->nevents != 2)
		goto out;
	a = &res->events[0];
	b = &res->events[1];
	CHECK_STR(a->title, "KASAN: use-after-free Read in "
		  "chaoskey_disconnect");
	CHECK_STR(b->title, "BUG: corrupted list in "
		  "nilfs_sysfs_delete_device_group");
	CHECK(a->pid == 3173 && b->pid == 3061);
	CHECK(has_frame(a, "hwrng_unregister") && !has_frame(a, "kobject_put"));
	CHECK(has_frame(b, "kobject_put") && !has_frame(b, "hwrng_unregister"));
	CHECK(res->primary == 0 && res->fatal == 1);
out:
	oops_result_destroy(res);
}

static void test_no_crash(const struct oops_ctx *ctx)
{
	static const char boot[] =
		"[    0.000000] Linux version 6.1.0-56-cloud-amd64\n"
		"[    0.000000] Command line: BOOT_IMAGE=/vmlinuz root=/dev/vda1\n"
		"[    1.234567] EXT4-fs (vda1): mounted filesystem\n";
	struct oops_result *res = parse(ctx, boot);

	CHECK(res && res->nevents == 0 && !res->title && !res->guilty_file);
	CHECK(res && res->fatal == OOPS_NONE && res->primary == OOPS_NONE);
	oops_result_destroy(res);
}

static void append(struct lsg_log *log, uint64_t seq, uint32_t caller,
		   const char *text)
{
	struct lsg_record rec = {
		.seq = seq, .ts_nsec = seq * 1000, .caller_id = caller,
		.text_len = (uint32_t)strlen(text), .has_caller = 1,
	};
	struct lsg_error *err = lsg_log_append(log, &rec, text, "");

	CHECK(!err);
	lsg_error_destroy(err);
}

/* Records as read from a vmcore: real seqs, callers, a two-line record. */
static void test_records(const struct oops_ctx *ctx)
{
	const uint32_t cpu0 = LSG_CALLER_CPU;
	struct oops_result *res = NULL;
	struct lsg_log log;
	struct lsg_error *err = lsg_log_init(&log, 16, 4096, 4);

	CHECK(!err);
	if (err)
		return;
	log.has_seq = 1;
	append(&log, 500, 1, "Linux version 6.1.0");
	append(&log, 501, 1, "BUG: kernel NULL pointer dereference, address: "
	       "0000000000000010\n#PF: supervisor read access in kernel mode");
	append(&log, 502, 1, "Oops: 0000 [#1] PREEMPT SMP NOPTI");
	append(&log, 503, 1, "RIP: 0010:lsoops_poke+0x1a/0x30 [lsoops]");
	append(&log, 504, 1, "Call Trace:");
	append(&log, 505, 1, " lsoops_write+0x11/0xfc2 [lsoops]");
	append(&log, 506, cpu0, " ? do_idle+0x1/0x10");
	append(&log, 507, 1, " vfs_write+0xc7/0x3f0");
	err = oops_parse(ctx, &log, &res);
	CHECK(!err && res && res->nevents == 1);
	if (!err && res && res->nevents == 1) {
		const struct oops_event *ev = &res->events[0];

		CHECK_STR(ev->title, "BUG: unable to handle kernel NULL "
			  "pointer dereference in lsoops_poke");
		CHECK(ev->header_seq == 501 && ev->first_rec == 1);
		CHECK(ev->last_seq == 507 && ev->fatal && ev->oops_count == 1);
		CHECK(has_frame(ev, "vfs_write") && !has_frame(ev, "do_idle"));
	}
	lsg_error_destroy(err);
	oops_result_destroy(res);
	lsg_log_deinit(&log);
}

/* A pre-3.5 log_buf: records are console lines, "<N>[ts] " included. */
static void test_raw_text(const struct oops_ctx *ctx)
{
	struct oops_result *res = NULL;
	const char *p = debian_oops;
	struct lsg_error *err;
	struct lsg_log log;
	uint64_t seq = 0;

	err = lsg_log_init(&log, 64, 8192, 4);
	CHECK(!err);
	if (err)
		return;
	log.raw_text = 1;
	while (*p) {
		const char *nl = strchr(p, '\n');
		char line[256];
		struct lsg_record rec = { .seq = seq, .level = 4 };
		int n = snprintf(line, sizeof(line), "<4>[    3.%06u] %.*s",
				 (unsigned)seq, (int)(nl - p), p);

		rec.text_len = (uint32_t)n;
		lsg_error_destroy(lsg_log_append(&log, &rec, line, ""));
		seq++;
		p = nl + 1;
	}
	err = oops_parse(ctx, &log, &res);
	CHECK(!err && res && res->nevents == 1);
	if (!err && res && res->nevents == 1) {
		CHECK_STR(res->title, "BUG: unable to handle kernel NULL "
			  "pointer dereference in lsoops_poke");
		CHECK(has_frame(&res->events[0], "lsoops_write"));
		CHECK(res->events[0].fatal && res->events[0].nregs == 2);
	}
	lsg_error_destroy(err);
	oops_result_destroy(res);
	lsg_log_deinit(&log);
}

/* Past OOPS_MAX_EVENTS, events are counted and dropped. */
static void test_many_events(const struct oops_ctx *ctx)
{
	enum { N = OOPS_MAX_EVENTS + 44 };
	static const char line[] = "[    1.000000] WARNING: CPU: 0 PID: 1 at "
				   "kernel/foo.c:1 foo+0x1/0x2\n";
	char *text = malloc(N * (sizeof(line) - 1) + 1);
	struct oops_result *res;

	if (!text)
		return;
	text[0] = '\0';
	for (int i = 0; i < N; i++)
		memcpy(text + i * (sizeof(line) - 1), line, sizeof(line));
	res = parse(ctx, text);
	CHECK(res && res->nevents == OOPS_MAX_EVENTS &&
	      res->dropped_events == 44);
	CHECK(res && res->fatal == OOPS_NONE);
	oops_result_destroy(res);
	free(text);
}

static void test_api(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, "");

	CHECK(res && res->nevents == 0 && res->title == NULL);
	oops_result_destroy(res);
	oops_result_destroy(NULL);
	oops_ctx_destroy(NULL);
	for (int t = 0; t < OOPS_TYPE_COUNT; t++)
		CHECK(oops_type_name(t) && strcmp(oops_type_name(t), "") &&
		      (t == OOPS_OTHER ||
		       strcmp(oops_type_name(t), oops_type_name(OOPS_OTHER))));
	CHECK_STR(oops_type_name(OOPS_TYPE_COUNT), "other");
	CHECK_STR(oops_stack_ctx_name(OOPS_CTX_IRQ), "irq");
}

/*
 * Issue 14: corpus case cloud-storage-io-s0000 (tests/corpus) as
 * vmcore-dmesg prints it, without caller ids: a benign WARNING (registers
 * and the "?" frames left out), then a filesystem's errors=panic, which
 * is a crash of its own and the fatal one, not a consequence of the
 * warning.
 */
static const char warn_then_ext4_panic[] =
	"[   13.344157] ------------[ cut here ]------------\n"
	"[   13.344432] WARNING: CPU: 1 PID: 181 at /var/lib/dkms/vxfer/2.3.1/build/vxfer.c:360 vxfer_set_dma_mask.cold+0x0/0x1c [vxfer]\n"
	"[   13.345032] Modules linked in: configfs vxfer(OE) virtio_net net_failover failover pvpanic_mmio pvpanic qemu_fw_cfg virtio_blk virtio_pci virtio_pci_legacy_dev virtio_pci_modern_dev virtio virtio_ring [last unloaded: null_blk]\n"
	"[   13.350002] CPU: 1 PID: 181 Comm: sh Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n"
	"[   13.350466] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[   13.350775] RIP: 0010:vxfer_set_dma_mask.cold+0x0/0x1c [vxfer]\n"
	"[   13.353173] Call Trace:\n"
	"[   13.354331]  <TASK>\n"
	"[   13.354560]  vxfer_store+0x18e/0x48e [vxfer]\n"
	"[   13.354792]  kernfs_fop_write_iter+0x12e/0x200\n"
	"[   13.354981]  vfs_write+0x235/0x3f0\n"
	"[   13.355118]  ksys_write+0x6b/0xf0\n"
	"[   13.355207]  do_syscall_64+0x5d/0x90\n"
	"[   13.355684]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n"
	"[   13.358239]  </TASK>\n"
	"[   13.358363] ---[ end trace 0000000000000000 ]---\n"
	"[   17.807443] I/O error, dev vda, sector 352 op 0x0:(READ) flags 0x3000 phys_seg 1 prio class 2\n"
	"[   17.808191] EXT4-fs error (device vda): __ext4_get_inode_loc_noinmem:4645: inode #49: block 44: comm cat: unable to read itable block\n"
	"[   17.808936] Aborting journal on device vda-8.\n"
	"[   17.812618] Kernel panic - not syncing: EXT4-fs (device vda): panic forced after error\n"
	"[   17.813130] CPU: 1 PID: 208 Comm: cat Tainted: G        W  OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n"
	"[   17.813456] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[   17.814141] Call Trace:\n"
	"[   17.814141]  <TASK>\n"
	"[   17.814141]  dump_stack_lvl+0x44/0x5c\n"
	"[   17.814141]  panic+0x118/0x2f4\n"
	"[   17.814141]  ext4_handle_error.cold+0x13/0x13\n"
	"[   17.814141]  __ext4_error_inode+0x118/0x1a0\n"
	"[   17.814141]  ? security_inode_alloc+0x4f/0x90\n"
	"[   17.814141]  __ext4_get_inode_loc_noinmem+0x86/0xa0\n"
	"[   17.814141]  __ext4_iget+0x211/0x10d0\n"
	"[   17.814141]  ext4_lookup+0x107/0x270\n"
	"[   17.814141]  path_openat+0x62a/0x1260\n"
	"[   17.814141]  do_filp_open+0xaf/0x160\n"
	"[   17.814141]  do_sys_openat2+0xaf/0x170\n"
	"[   17.814141]  __x64_sys_openat+0x6a/0xa0\n"
	"[   17.814141]  do_syscall_64+0x5d/0x90\n"
	"[   17.814141]  ? exit_to_user_mode_prepare+0x44/0x240\n"
	"[   17.814141]  ? syscall_exit_to_user_mode+0x1e/0x40\n"
	"[   17.814141]  ? do_syscall_64+0x69/0x90\n"
	"[   17.814141]  ? do_syscall_64+0x69/0x90\n"
	"[   17.814141]  ? do_syscall_64+0x69/0x90\n"
	"[   17.814141]  ? syscall_exit_to_user_mode+0x1e/0x40\n"
	"[   17.814141]  ? do_syscall_64+0x69/0x90\n"
	"[   17.814141]  ? exit_to_user_mode_prepare+0x44/0x240\n"
	"[   17.814141]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n";

/*
 * Corpus case cloud-hung-task-s0000 as vmcore-dmesg prints it: khungtaskd
 * reports two blocked tasks, then panics; the reports and the panic are
 * one fatal event, titled by the first report.
 */
static const char hung_tasks_panic[] =
	"[    8.070235] I/O error, dev vda, sector 148784 op 0x0:(READ) flags 0x800 phys_seg 1 prio class 2\n"
	"[   30.899317] INFO: task vxfer_cfg:194 blocked for more than 15 seconds.\n"
	"[   30.899722]       Tainted: G        W  OE      6.1.0-56-cloud-amd64 #1 Debian 6.1.192-2\n"
	"[   30.899930] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
	"[   30.900201] task:vxfer_cfg       state:D stack:0     pid:194   ppid:2      flags:0x00004000\n"
	"[   30.900556] Call Trace:\n"
	"[   30.900759]  <TASK>\n"
	"[   30.900849]  __schedule+0x34d/0xa00\n"
	"[   30.900984]  schedule+0x5a/0xd0\n"
	"[   30.901064]  schedule_preempt_disabled+0x11/0x20\n"
	"[   30.901171]  __mutex_lock.constprop.0+0x39d/0x720\n"
	"[   30.901284]  ? __bpf_trace_tick_stop+0x10/0x10\n"
	"[   30.901401]  ? vxfer_ring_thread+0x50/0x50 [vxfer]\n"
	"[   30.901533]  vxfer_cfg_thread+0x32/0x50 [vxfer]\n"
	"[   30.901679]  kthread+0xda/0x100\n"
	"[   30.901765]  ? kthread_complete_and_exit+0x20/0x20\n"
	"[   30.901879]  ret_from_fork+0x22/0x30\n"
	"[   30.902573]  </TASK>\n"
	"[   30.906290] INFO: task vxfer_ring:195 blocked for more than 15 seconds.\n"
	"[   30.906506]       Tainted: G        W  OE      6.1.0-56-cloud-amd64 #1 Debian 6.1.192-2\n"
	"[   30.906706] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
	"[   30.906873] task:vxfer_ring      state:D stack:0     pid:195   ppid:2      flags:0x00004000\n"
	"[   30.907073] Call Trace:\n"
	"[   30.907139]  <TASK>\n"
	"[   30.907229]  __schedule+0x34d/0xa00\n"
	"[   30.907357]  schedule+0x5a/0xd0\n"
	"[   30.907446]  schedule_preempt_disabled+0x11/0x20\n"
	"[   30.907556]  __mutex_lock.constprop.0+0x39d/0x720\n"
	"[   30.907693]  ? __bpf_trace_tick_stop+0x10/0x10\n"
	"[   30.907812]  ? vxfer_drain_work+0x30/0x30 [vxfer]\n"
	"[   30.907950]  vxfer_ring_thread+0x32/0x50 [vxfer]\n"
	"[   30.908071]  kthread+0xda/0x100\n"
	"[   30.908158]  ? kthread_complete_and_exit+0x20/0x20\n"
	"[   30.908274]  ret_from_fork+0x22/0x30\n"
	"[   30.908385]  </TASK>\n"
	"[   30.908592] Kernel panic - not syncing: hung_task: blocked tasks\n"
	"[   30.908868] CPU: 1 PID: 28 Comm: khungtaskd Tainted: G        W  OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2\n"
	"[   30.909102] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[   30.909314] Call Trace:\n"
	"[   30.909418]  <TASK>\n"
	"[   30.909474]  dump_stack_lvl+0x44/0x5c\n"
	"[   30.909573]  panic+0x118/0x2f4\n"
	"[   30.909680]  watchdog.cold+0xc/0xbb\n"
	"[   30.909776]  ? proc_dohung_task_timeout_secs+0x30/0x30\n"
	"[   30.909896]  kthread+0xda/0x100\n"
	"[   30.909977]  ? kthread_complete_and_exit+0x20/0x20\n"
	"[   30.910091]  ret_from_fork+0x22/0x30\n"
	"[   30.910109]  </TASK>\n";

static void test_standalone_panic(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, warn_then_ext4_panic);
	const struct oops_event *ev;

	CHECK(res && res->nevents == 2);
	if (!res || res->nevents != 2)
		goto out;
	CHECK(res->events[0].type == OOPS_WARNING && !res->events[0].fatal);
	ev = &res->events[1];
	CHECK(res->fatal == 1 && ev->fatal && ev->panicked);
	CHECK(ev->type == OOPS_PANIC && !ev->corrupted);
	CHECK_STR(ev->panic_msg, "EXT4-fs (device vda): panic forced after "
		  "error");
	CHECK_STR(res->title, "kernel panic: EXT4-fs (device vda): panic "
		  "forced after error");
	CHECK(!res->corrupted);
	CHECK_STR(res->syz_title, "WARNING in vxfer_set_dma_mask");
	/* The warning's lines end where the panic starts. */
	CHECK(res->events[0].last_seq < ev->first_seq);
out:
	oops_result_destroy(res);
}

static void test_hung_task_batch(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, hung_tasks_panic);
	const struct oops_event *ev;

	CHECK(res && res->nevents == 1);
	if (!res || res->nevents != 1)
		goto out;
	ev = &res->events[0];
	CHECK(res->fatal == 0 && ev->fatal && ev->panicked);
	CHECK(ev->type == OOPS_HUNG_TASK);
	CHECK_STR(ev->panic_msg, "hung_task: blocked tasks");
	CHECK_STR(res->title, "INFO: task hung in vxfer_cfg_thread");
	/* From the first report to the panic's stack. */
	CHECK(ev->header_seq == 1 && ev->last_seq == 47);
	CHECK(has_frame(ev, "vxfer_ring_thread"));
out:
	oops_result_destroy(res);
}

/*
 * An RCU stall on Debian's 6.12.117+deb12-cloud-amd64 in QEMU (case
 * cloud-lockup-s0100 of the 6.12 corpus made by tests/scenarios), as
 * captured: the stalled CPU's pc comes in an NMI
 * backtrace, not after an "apic_timer_interrupt" frame as syzkaller's
 * format expects.  The report is complete: syzkaller calls it "stall in
 * corrupted", logsage names the pc.
 */
static const char rcu_stall_612[] =
	"[   37.433095][    C0] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n"
	"[   37.433517][    C0] rcu: \t1-...0: (1 GPs behind) idle=582c/1/0x4000000000000000 softirq=690/691 fqs=2297\n"
	"[   37.433732][    C0] rcu: \t(detected by 0, t=5252 jiffies, g=-111, q=5159 ncpus=2)\n"
	"[   37.433986][    C0] Sending NMI from CPU 0 to CPUs 1:\n"
	"[   37.445506][    C1] NMI backtrace for cpu 1\n"
	"[   37.447232][    C1] CPU: 1 UID: 0 PID: 234 Comm: vxfer_poll Tainted: G           OE      6.12.117+deb12-cloud-amd64 #1  Debian 6.12.117-1~deb12u1\n"
	"[   37.447667][    C1] Tainted: [O]=OOT_MODULE, [E]=UNSIGNED_MODULE\n"
	"[   37.447680][    C1] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[   37.447762][    C1] RIP: 0010:vxfer_poll_irq_thread+0x2e/0x50 [vxfer]\n"
	"[   37.448687][    C1] Code: 0f 1f 44 00 00 55 48 8d af 88 01 00 00 53 48 89 fb 48 89 ef e8 03 ec 07 fb 48 89 c6 48 8b 83 e0 19 00 00 48 85 c0 75 0e f3 90 <48> 8b 93 e0 19 00 00 48 85 d2 74 f2 48 89 ef e8 9e ec 07 fb 31 c0\n"
	"[   37.459424][    C1] RSP: 0018:ffffccacc0513ee8 EFLAGS: 00000046\n"
	"[   37.460061][    C1] RAX: 0000000000000000 RBX: ffff88fb41e40000 RCX: 0000000000000000\n"
	"[   37.460080][    C1] RDX: 0000000000000000 RSI: 0000000000000246 RDI: ffff88fb41e40188\n"
	"[   37.460093][    C1] RBP: ffff88fb41e40188 R08: 00000003d2162eff R09: 0000000000000001\n"
	"[   37.460103][    C1] R10: 0000000000000001 R11: ffffffffbc65a100 R12: ffffccacc04c3c58\n"
	"[   37.460112][    C1] R13: ffff88fb41d3ff80 R14: ffff88fb41e40000 R15: ffffffffc0623190\n"
	"[   37.460160][    C1] FS:  0000000000000000(0000) GS:ffff88fb57500000(0000) knlGS:0000000000000000\n"
	"[   37.460184][    C1] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033\n"
	"[   37.460194][    C1] CR2: 0000000000427700 CR3: 0000000010422000 CR4: 00000000000006f0\n"
	"[   37.460344][    C1] Call Trace:\n"
	"[   37.471476][    C1]  <TASK>\n"
	"[   37.471846][    C1]  kthread+0xd2/0x100\n"
	"[   37.472280][    C1]  ? __pfx_kthread+0x10/0x10\n"
	"[   37.472294][    C1]  ret_from_fork+0x34/0x50\n"
	"[   37.472307][    C1]  ? __pfx_kthread+0x10/0x10\n"
	"[   37.472315][    C1]  ret_from_fork_asm+0x1a/0x30\n"
	"[   37.472362][    C1]  </TASK>\n"
	"[   37.472522][    C1] INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run: 27.248 msecs\n"
	"[   37.489343][    C0] Kernel panic - not syncing: RCU Stall\n"
	"[   37.491055][    C0] CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Tainted: G           OE      6.12.117+deb12-cloud-amd64 #1  Debian 6.12.117-1~deb12u1\n"
	"[   37.491316][    C0] Tainted: [O]=OOT_MODULE, [E]=UNSIGNED_MODULE\n"
	"[   37.491372][    C0] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[   37.491549][    C0] Call Trace:\n"
	"[   37.492100][    C0]  <IRQ>\n"
	"[   37.492239][    C0]  panic+0x344/0x3a0\n"
	"[   37.492509][    C0]  rcu_sched_clock_irq+0x1217/0x1220\n"
	"[   37.492575][    C0]  update_process_times+0x70/0xc0\n"
	"[   37.492619][    C0]  tick_nohz_handler+0x8f/0x140\n"
	"[   37.492666][    C0]  ? __pfx_tick_nohz_handler+0x10/0x10\n"
	"[   37.492709][    C0]  __hrtimer_run_queues+0x10d/0x250\n"
	"[   37.492749][    C0]  hrtimer_interrupt+0xfa/0x230\n"
	"[   37.496830][    C0]  __sysvec_apic_timer_interrupt+0x58/0x120\n"
	"[   37.496886][    C0]  sysvec_apic_timer_interrupt+0x6c/0x90\n"
	"[   37.497029][    C0]  </IRQ>\n"
	"[   37.497066][    C0]  <TASK>\n"
	"[   37.497087][    C0]  asm_sysvec_apic_timer_interrupt+0x1a/0x20\n"
	"[   37.497240][    C0] RIP: 0010:pv_native_safe_halt+0xf/0x20\n"
	"[   37.497381][    C0] Code: 22 d7 c3 cc cc cc cc 0f 1f 40 00 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 f3 0f 1e fa eb 07 0f 00 2d f5 6d 37 00 fb f4 <c3> cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00 90 90 90 90 90 90\n"
	"[   37.497585][    C0] RSP: 0018:ffffffffbc603e88 EFLAGS: 00000216\n"
	"[   37.497661][    C0] RAX: 0000000000000000 RBX: 0000000000000000 RCX: 0000000000000000\n"
	"[   37.497718][    C0] RDX: 0000000000000000 RSI: 0000000000000000 RDI: 000000000009bfcc\n"
	"[   37.497772][    C0] RBP: ffffffffbc610940 R08: 0000000000000002 R09: 0000000000000001\n"
	"[   37.497831][    C0] R10: 0000000000000001 R11: ffffffffbc65a100 R12: 0000000000000000\n"
	"[   37.497886][    C0] R13: 0000000000000000 R14: 0000000000000000 R15: 00000000000147b0\n"
	"[   37.497985][    C0]  default_idle+0x9/0x20\n"
	"[   37.498021][    C0]  default_idle_call+0x30/0x100\n"
	"[   37.498055][    C0]  do_idle+0x26b/0x2a0\n"
	"[   37.498093][    C0]  cpu_startup_entry+0x29/0x30\n"
	"[   37.498128][    C0]  rest_init+0xcc/0xd0\n"
	"[   37.498158][    C0]  start_kernel+0x63f/0x8d0\n"
	"[   37.498219][    C0]  x86_64_start_reservations+0x18/0x30\n"
	"[   37.498261][    C0]  x86_64_start_kernel+0x96/0xa0\n"
	"[   37.498296][    C0]  common_startup_64+0x13e/0x141\n"
	"[   37.498364][    C0]  </TASK>\n"
	"[   42.923552][    C0] Shutting down cpus with NMI\n";

static void test_rcu_stall_named(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, rcu_stall_612);
	const struct oops_event *ev;

	CHECK(res && res->nevents == 1);
	if (!res || res->nevents != 1)
		goto out;
	ev = &res->events[0];
	CHECK(ev->type == OOPS_RCU_STALL && ev->fatal && ev->panicked);
	CHECK_STR(ev->title, "INFO: rcu detected stall in "
		  "vxfer_poll_irq_thread");
	CHECK_STR(ev->frame, "vxfer_poll_irq_thread");
	CHECK(!ev->corrupted && !res->corrupted);
	CHECK_STR(res->title, ev->title);
	CHECK_STR(ev->syz_title, "INFO: rcu detected stall in corrupted");
	CHECK(ev->syz_corrupted && res->syz_corrupted);
out:
	oops_result_destroy(res);
}

int main(void)
{
	struct oops_ctx *ctx;
	struct lsg_error *err = oops_ctx_create(&ctx);

	if (err) {
		lsg_error_print(err, "test_oops_fatal", stderr);
		lsg_error_destroy(err);
		return TEST_FAIL;
	}
	test_debian_kdump(ctx);
	test_two_oopses(ctx);
	test_panic_then_oops(ctx);
	test_interleaved(ctx);
	test_no_crash(ctx);
	test_records(ctx);
	test_raw_text(ctx);
	test_many_events(ctx);
	test_api(ctx);
	test_standalone_panic(ctx);
	test_hung_task_batch(ctx);
	test_rcu_stall_named(ctx);
	oops_ctx_destroy(ctx);
	return test_exit();
}
