/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The oops parser on small real crash logs, one per kind of event.  The
 * excerpts are copied from syzkaller's test corpus
 * (github.com/google/syzkaller, pkg/report/testdata/linux, commit
 * 1e72964b, Apache-2.0), the file each comes from is named above it;
 * some are cut short where the rest adds nothing.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "parse/oops.h"
#include "parse/textlog.h"

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
		lsg_error_print(err, "test_oops", stderr);
		lsg_error_destroy(err);
	}
	CHECK(res != NULL);
	return res;
}

static const struct oops_stack *find_stack(const struct oops_event *ev,
					   enum oops_stack_ctx ctx)
{
	for (size_t i = 0; i < ev->nstacks; i++)
		if (ev->stacks[i].ctx == ctx)
			return &ev->stacks[i];
	return NULL;
}

static const struct oops_frame *find_frame(const struct oops_event *ev,
					   const char *func)
{
	for (size_t i = 0; i < ev->nstacks; i++)
		for (size_t k = 0; k < ev->stacks[i].nframes; k++)
			if (!strcmp(ev->stacks[i].frames[k].func, func))
				return &ev->stacks[i].frames[k];
	return NULL;
}

/* One event, its title and type; returns it or NULL. */
static const struct oops_event *one_event(const struct oops_result *res,
					  const char *title,
					  enum oops_type type)
{
	if (!res || res->nevents != 1) {
		CHECK(!"expected exactly one event");
		return NULL;
	}
	CHECK_STR(res->events[0].title, title);
	CHECK_STR(res->title, title);
	CHECK(res->primary == 0);
	CHECK(res->events[0].type == type);
	CHECK(res->events[0].syzkaller);
	return &res->events[0];
}

/* report/424: KASAN use-after-free with allocation and free stacks. */
static const char kasan_uaf[] =
	"[  744.592276][ T3173] ==================================================================\n"
	"[  744.593789][ T3173] BUG: KASAN: use-after-free in refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  744.595200][ T3173] Read of size 4 at addr ffff88805b8f1820 by task kworker/1:3/3173\n"
	"[  744.596644][ T3173]\n"
	"[  744.597052][ T3173] CPU: 1 PID: 3173 Comm: kworker/1:3 Not tainted 5.3.0+ #296\n"
	"[  744.598324][ T3173] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.12.0-1 04/01/2014\n"
	"[  744.600029][ T3173] Workqueue: usb_hub_wq hub_event\n"
	"[  744.600890][ T3173] Call Trace:\n"
	"[  744.601452][ T3173]  dump_stack+0xca/0x13e\n"
	"[  744.602183][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  744.603262][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  744.604902][ T3173]  print_address_description+0x6a/0x32c\n"
	"[  744.606397][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  744.608297][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  744.610301][ T3173]  __kasan_report.cold+0x1a/0x33\n"
	"[  744.611499][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  744.612670][ T3173]  kasan_report+0xe/0x12\n"
	"[  744.613400][ T3173]  check_memory_region+0x128/0x190\n"
	"[  744.614340][ T3173]  refcount_inc_not_zero_checked+0x72/0x1e0\n"
	"[  744.615279][ T3173]  ? refcount_dec_and_mutex_lock+0x80/0x80\n"
	"[  744.616362][ T3173]  ? rcu_read_lock_sched_held+0x9c/0xd0\n"
	"[  744.617766][ T3173]  ? rcu_read_lock_bh_held+0xb0/0xb0\n"
	"[  744.619091][ T3173]  refcount_inc_checked+0x12/0x60\n"
	"[  744.620362][ T3173]  kthread_stop+0x6c/0x600\n"
	"[  744.621363][ T3173]  hwrng_unregister+0x190/0x210\n"
	"[  744.622111][ T3173]  chaoskey_disconnect+0x1b2/0x200\n"
	"[  744.622919][ T3173]  usb_unbind_interface+0x1bd/0x8a0\n"
	"[  744.623650][ T3173]  ? usb_autoresume_device+0x60/0x60\n"
	"[  744.624395][ T3173]  device_release_driver_internal+0x42f/0x500\n"
	"[  744.625254][ T3173]  bus_remove_device+0x2dc/0x4a0\n"
	"[  744.625979][ T3173]  device_del+0x420/0xb10\n"
	"[  744.626624][ T3173]  ? __device_links_no_driver+0x240/0x240\n"
	"[  744.627430][ T3173]  ? usb_remove_ep_devs+0x3e/0x80\n"
	"[  744.628144][ T3173]  ? remove_intf_ep_devs+0x13f/0x1d0\n"
	"[  744.628872][ T3173]  usb_disable_device+0x211/0x690\n"
	"[  744.629575][ T3173]  usb_disconnect+0x284/0x8d0\n"
	"[  744.630221][ T3173]  hub_event+0x1454/0x3640\n"
	"[  744.630862][ T3173]  ? find_held_lock+0x2d/0x110\n"
	"[  744.631538][ T3173]  ? mark_held_locks+0xe0/0xe0\n"
	"[  744.632216][ T3173]  ? hub_port_debounce+0x260/0x260\n"
	"[  744.632952][ T3173]  ? rcu_read_lock_sched_held+0x9c/0xd0\n"
	"[  744.633728][ T3173]  ? rcu_read_lock_bh_held+0xb0/0xb0\n"
	"[  744.634492][ T3173]  process_one_work+0x92b/0x1530\n"
	"[  744.635201][ T3173]  ? pwq_dec_nr_in_flight+0x310/0x310\n"
	"[  744.636011][ T3173]  ? do_raw_spin_lock+0x11a/0x280\n"
	"[  744.636939][ T3173]  worker_thread+0x7ab/0xe20\n"
	"[  744.637678][ T3173]  ? process_one_work+0x1530/0x1530\n"
	"[  744.638485][ T3173]  kthread+0x318/0x420\n"
	"[  744.639125][ T3173]  ? kthread_create_on_node+0xf0/0xf0\n"
	"[  744.639979][ T3173]  ret_from_fork+0x24/0x30\n"
	"[  744.640583][ T3173]\n"
	"[  744.640979][ T3173] Allocated by task 2:\n"
	"[  744.641607][ T3173]  save_stack+0x1b/0x80\n"
	"[  744.642312][ T3173]  __kasan_kmalloc.constprop.0+0xbf/0xd0\n"
	"[  744.643170][ T3173]  kmem_cache_alloc_node+0xdc/0x310\n"
	"[  744.643950][ T3173]  copy_process+0x41ad/0x6410\n"
	"[  744.644704][ T3173]  _do_fork+0x129/0xec0\n"
	"[  744.645338][ T3173]  kernel_thread+0xaa/0xe0\n"
	"[  744.646005][ T3173]  kthreadd+0x4a2/0x680\n"
	"[  744.646735][ T3173]  ret_from_fork+0x24/0x30\n"
	"[  744.647364][ T3173]\n"
	"[  744.647767][ T3173] Freed by task 16:\n"
	"[  744.648407][ T3173]  save_stack+0x1b/0x80\n"
	"[  744.649181][ T3173]  __kasan_slab_free+0x130/0x180\n"
	"[  744.650073][ T3173]  kmem_cache_free+0xb9/0x380\n"
	"[  744.650744][ T3173]  __put_task_struct+0x1e2/0x4a0\n"
	"[  744.651540][ T3173]  delayed_put_task_struct+0x1b4/0x2c0\n"
	"[  744.652409][ T3173]  rcu_core+0x630/0x1ca0\n"
	"[  744.653028][ T3173]  __do_softirq+0x221/0x912\n"
	"[  744.653886][ T3173]\n"
	"[  744.654366][ T3173] The buggy address belongs to the object at ffff88805b8f1800\n"
	"[  744.654366][ T3173]  which belongs to the cache task_struct of size 5888\n"
	"[  744.657365][ T3173] The buggy address is located 32 bytes inside of\n";

static void test_kasan(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, kasan_uaf);
	const struct oops_event *ev = one_event(res, "KASAN: use-after-free "
						"Read in chaoskey_disconnect",
						OOPS_KASAN);
	const struct oops_stack *st;
	const struct oops_frame *f;

	if (!ev)
		goto out;
	CHECK(res->fatal == OOPS_NONE);
	CHECK(!ev->corrupted);
	CHECK(ev->cpu == 1 && ev->pid == 3173);
	CHECK_STR(ev->comm, "kworker/1:3");
	CHECK_STR(ev->taint, "");
	CHECK_STR(ev->kernel, "5.3.0+");
	CHECK_STR(ev->frame, "chaoskey_disconnect");
	st = find_stack(ev, OOPS_CTX_TASK);
	CHECK(st && st->nframes > 30 && !strcmp(st->frames[0].func,
						"dump_stack"));
	CHECK(st && !st->frames[1].reliable && st->frames[0].reliable);
	st = find_stack(ev, OOPS_CTX_ALLOC);
	CHECK(st && !strcmp(st->label, "Allocated by task 2:") &&
	      st->nframes == 8);
	st = find_stack(ev, OOPS_CTX_FREE);
	CHECK(st && st->nframes == 7 && !strcmp(st->frames[2].func,
						"kmem_cache_free"));
	f = find_frame(ev, "chaoskey_disconnect");
	CHECK(f && f->has_offset && f->offset == 0x1b2 && f->size == 0x200);
	CHECK(ev->header_seq == 1 && ev->first_seq == 1);
out:
	oops_result_destroy(res);
}

/* report/517: a general protection fault in interrupt context. */
static const char gpf_irq[] =
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
	"[  110.611244][    C0] ---[ end trace 24350ae9a4f9ba9e ]---\n";

static void test_gpf_irq(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, gpf_irq);
	const struct oops_event *ev = one_event(res, "general protection "
						"fault in timerqueue_del",
						OOPS_GPF);
	const struct oops_stack *st;

	if (!ev)
		goto out;
	/* It died ("[#1]"); with no panic line, it is the fatal event. */
	CHECK(res->fatal == 0 && ev->fatal && !ev->panicked);
	CHECK(ev->oops_count == 1);
	CHECK(ev->cpu == 0 && ev->pid == 12754);
	CHECK(ev->nregs == 1 && ev->regs[0].ip && !ev->regs[0].user);
	CHECK(ev->nregs && !strcmp(ev->regs[0].ip->func, "rb_erase") &&
	      ev->regs[0].ip->offset == 0x2ec);
	CHECK(ev->nregs && ev->regs[0].code != NULL);
	CHECK(ev->has_cr2 && ev->cr2 == 0x00007ffe788eeebcull);
	st = find_stack(ev, OOPS_CTX_IRQ);
	CHECK(st && st->nframes == 6 &&
	      !strcmp(st->frames[0].func, "timerqueue_del"));
out:
	oops_result_destroy(res);
}

/* report/266: a soft lockup; kernel and user register dumps. */
static const char soft_lockup[] =
	"[ 1144.580971] watchdog: BUG: soft lockup - CPU#1 stuck for 134s! [syz-executor0:4569]\n"
	"[ 1144.589091] Modules linked in:\n"
	"[ 1144.592335] irq event stamp: 78766212\n"
	"[ 1144.596241] hardirqs last  enabled at (78766211): [<ffffffff81c7152f>] d_walk+0x80f/0xc80\n"
	"[ 1144.604582] hardirqs last disabled at (78766212): [<ffffffff87800905>] interrupt_entry+0xb5/0xf0\n"
	"[ 1144.613524] softirqs last  enabled at (13779542): [<ffffffff87a00778>] __do_softirq+0x778/0xaf5\n"
	"[ 1144.622392] softirqs last disabled at (13779283): [<ffffffff81474901>] irq_exit+0x1d1/0x200\n"
	"[ 1144.630891] CPU: 1 PID: 4569 Comm: syz-executor0 Not tainted 4.17.0-rc7+ #38\n"
	"[ 1144.639205] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011\n"
	"[ 1144.648575] RIP: 0010:check_memory_region+0xc3/0x1b0\n"
	"[ 1144.653694] RSP: 0018:ffff8801a14cf930 EFLAGS: 00000246 ORIG_RAX: ffffffffffffff13\n"
	"[ 1144.661412] RAX: ffffed0033825dd1 RBX: ffff88019c12ee80 RCX: ffffffff815e0b5e\n"
	"[ 1144.668708] RDX: 0000000000000000 RSI: 0000000000000004 RDI: ffff88019c12ee80\n"
	"[ 1144.676008] RBP: ffff8801a14cf938 R08: ffffed0033825dd1 R09: ffffed0033825dd0\n"
	"[ 1144.683284] R10: ffffed0033825dd0 R11: ffff88019c12ee83 R12: 1ffff10034299f29\n"
	"[ 1144.690568] R13: dffffc0000000000 R14: ffff8801a14cf9a8 R15: ffff8801a14cfb50\n"
	"[ 1144.697845] FS:  0000000000bbe940(0000) GS:ffff8801daf00000(0000) knlGS:0000000000000000\n"
	"[ 1144.706087] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033\n"
	"[ 1144.711970] CR2: 0000000000930008 CR3: 00000001a1b76000 CR4: 00000000001406e0\n"
	"[ 1144.719244] DR0: 0000000020000000 DR1: 0000000020000000 DR2: 0000000000000000\n"
	"[ 1144.726528] DR3: 0000000000000000 DR6: 00000000fffe0ff0 DR7: 0000000000000600\n"
	"[ 1144.733967] Call Trace:\n"
	"[ 1144.740725]  do_raw_spin_unlock+0x9e/0x2e0\n"
	"[ 1144.758045]  _raw_spin_unlock+0x22/0x30\n"
	"[ 1144.762022]  d_walk+0x451/0xc80\n"
	"[ 1144.792735]  shrink_dcache_parent+0x179/0x230\n"
	"[ 1144.823077]  vfs_rmdir+0x202/0x470\n"
	"[ 1144.826642]  do_rmdir+0x523/0x610\n"
	"[ 1144.853253]  __x64_sys_rmdir+0x36/0x40\n"
	"[ 1144.857239]  do_syscall_64+0x1b1/0x800\n"
	"[ 1144.886120]  entry_SYSCALL_64_after_hwframe+0x49/0xbe\n"
	"[ 1144.891437] RIP: 0033:0x455897\n"
	"[ 1144.894624] RSP: 002b:00007ffc25471ad8 EFLAGS: 00000206 ORIG_RAX: 0000000000000054\n"
	"[ 1144.902336] RAX: ffffffffffffffda RBX: 0000000000000065 RCX: 0000000000455897\n"
	"[ 1144.909605] RDX: 0000000000000000 RSI: 00007ffc25473880 RDI: 00007ffc25473880\n"
	"[ 1144.916875] RBP: 00007ffc25473880 R08: 0000000000000000 R09: 0000000000000001\n"
	"[ 1144.924148] R10: 000000000000000a R11: 0000000000000206 R12: 0000000000bbf940\n"
	"[ 1144.931450] R13: 0000000000000000 R14: 00000000000013f1 R15: 00000000000ef6b8\n";

static void test_soft_lockup(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, soft_lockup);
	const struct oops_event *ev = one_event(res, "BUG: soft lockup in "
						"sys_rmdir", OOPS_SOFT_LOCKUP);

	if (!ev)
		goto out;
	CHECK(res->fatal == OOPS_NONE);
	CHECK(ev->nregs == 2);
	CHECK(ev->nregs == 2 && !ev->regs[0].user && ev->regs[1].user);
	CHECK(ev->nregs && ev->regs[0].ip &&
	      !strcmp(ev->regs[0].ip->func, "check_memory_region"));
	CHECK(ev->nregs && ev->regs[0].nregs >= 20 &&
	      !strcmp(ev->regs[0].regs[0].name, "RSP") &&
	      ev->regs[0].regs[0].value == 0xffff8801a14cf930ull);
	CHECK(ev->has_cr2 && ev->cr2 == 0x930008);
out:
	oops_result_destroy(res);
}

/* report/73: a hung task. */
static const char hung_task[] =
	"[  863.200911] INFO: task syz-executor0:5676 blocked for more than 120 seconds.\n"
	"[  863.203658]       Not tainted 4.14.0-rc8-44455-ge2105594a876 #110\n"
	"[  863.205780] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
	"[  863.208544] syz-executor0   D27584  5676      1 0x00000004\n"
	"[  863.210626] Call Trace:\n"
	"[  863.211704]  __schedule+0x57e/0x1940\n"
	"[  863.213000]  schedule+0x84/0x1c0\n"
	"[  863.214031]  schedule_timeout+0xa8b/0xe80\n"
	"[  863.215535]  ? mark_held_locks+0xc8/0x140\n"
	"[  863.216878]  ? _raw_spin_unlock_irq+0x2c/0x60\n"
	"[  863.218277]  ? trace_hardirqs_on_caller+0x2c8/0x390\n"
	"[  863.219875]  wait_for_completion+0x192/0x340\n"
	"[  863.221345]  ? wake_up_q+0xe0/0xe0\n"
	"[  863.222517]  kthread_stop+0x105/0x650\n"
	"[  863.223783]  set_current_rng+0x2b2/0x3b0\n"
	"[  863.225073]  hwrng_unregister+0x1db/0x230\n"
	"[  863.226341]  chaoskey_disconnect+0x1c8/0x210\n"
	"[  863.227675]  usb_unbind_interface+0x1b6/0x950\n"
	"[  863.250249]  SyS_ioctl+0xbb/0xe0\n"
	"[  863.250857]  entry_SYSCALL_64_fastpath+0x23/0xc2\n";

static void test_hung_task(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, hung_task);
	const struct oops_event *ev = one_event(res, "INFO: task hung in "
						"set_current_rng",
						OOPS_HUNG_TASK);

	if (ev)
		CHECK(res->fatal == OOPS_NONE && !ev->corrupted);
	oops_result_destroy(res);
}

/* report/299: an RCU stall; old "[<addr>]" frames, "<IRQ>" mid-line. */
static const char rcu_stall[] =
	"[  575.758025] INFO: rcu_sched detected stalls on CPUs/tasks:\n"
	"[  575.764179] \t(detected by 1, t=300086 jiffies, g=27161, c=27160, q=118)\n"
	"[  575.771051] All QSes seen, last rcu_sched kthread activity 300086 (4295238516-4294938430), jiffies_till_next_fqs=3, root ->qsmask 0x0\n"
	"[  575.783183] swapper/1       R running task on cpu   1     0     0      1 0x00000008 0\n"
	"[  575.791404]  0000000000000001 18186e061cc9dc83 ffff8801dab07c50 ffffffff816ecb37\n"
	"[  575.799432]  ffff8801dab20880 0000000100042374 00000000ffff8f3e ffffffff83fca0c0\n"
	"[  575.807415]  0000000000000003 ffff8801dab07c60 ffffffff816ed2bc ffff8801dab07d30\n"
	"[  575.815434] Call Trace:\n"
	"[  575.817998]  <IRQ>  [<ffffffff816ecb37>] _sched_show_task+0x31a/0x325\n"
	"[  575.824729]  [<ffffffff816ed2bc>] sched_show_task+0x10/0x12\n"
	"[  575.830434]  [<ffffffff816f7b9d>] rcu_check_callbacks.cold.76+0xbfa/0xc77\n"
	"[  575.837357]  [<ffffffff814f2c8f>] update_process_times+0x3f/0x70\n"
	"[  575.843494]  [<ffffffff8151c19a>] tick_sched_handle.isra.16+0x5a/0x100\n"
	"[  575.850145]  [<ffffffff8151c84a>] tick_sched_timer+0x7a/0x130\n"
	"[  575.856014]  [<ffffffff814f5dc5>] __hrtimer_run_queues+0x3a5/0xc50\n"
	"[  575.894248]  [<ffffffff814f6fee>] hrtimer_interrupt+0x18e/0x400\n"
	"[  575.900294]  [<ffffffff81297744>] local_apic_timer_interrupt+0x74/0x90\n"
	"[  575.906949]  [<ffffffff81012dff>] smp_apic_timer_interrupt+0xdf/0x130\n"
	"[  575.913516]  [<ffffffff81011c72>] smp_apic_timer_interrupt_entry_after_kaiser_bti+0x20/0x2e\n"
	"[  575.929641]  [<ffffffff813dc8da>] sched_ttwu_pending+0x10a/0x200\n"
	"[  575.941724]  [<ffffffff8144bdbe>] cpu_startup_entry+0x14e/0x990\n"
	"[  575.974371]  [<ffffffff812946d5>] start_secondary+0x305/0x3e0\n";

static void test_rcu_stall(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, rcu_stall);
	const struct oops_event *ev = one_event(res, "INFO: rcu detected stall "
						"in sched_ttwu_pending",
						OOPS_RCU_STALL);
	const struct oops_stack *st;

	if (!ev)
		goto out;
	st = find_stack(ev, OOPS_CTX_IRQ);
	CHECK(st && st->nframes >= 10);
	CHECK(st && !strcmp(st->frames[0].func, "_sched_show_task") &&
	      st->frames[0].addr == 0xffffffff816ecb37ull);
out:
	oops_result_destroy(res);
}

/* report/648: a lockdep circular dependency in interrupt context. */
static const char deadlock[] =
	"[ 1740.381206][    C0] WARNING: possible circular locking dependency detected\n"
	"[ 1740.381209][    C0] 4.15.0+ #6 Not tainted\n"
	"[ 1740.381215][    C0] ------------------------------------------------------\n"
	"[ 1740.381219][    C0] syz-executor.2/31457 is trying to acquire lock:\n"
	"[ 1740.381222][    C0] ffffffff8600aef8 ((console_sem).lock){-.-.}, at: down_trylock+0x13/0x70\n"
	"[ 1740.381235][    C0] \n"
	"[ 1740.381239][    C0] but task is already holding lock:\n"
	"[ 1740.381242][    C0] ffff88006c849558 (&rq->lock){-.-.}, at: tick_handler+0x17e/0xb00\n"
	"[ 1740.381254][    C0] \n"
	"[ 1740.381259][    C0] which lock already depends on the new lock.\n"
	"[ 1740.381261][    C0] \n"
	"[ 1740.381262][    C0] \n"
	"[ 1740.381266][    C0] the existing dependency chain (in reverse order) is:\n"
	"[ 1740.381268][    C0] \n"
	"[ 1740.381270][    C0] -> #2 (&rq->lock){-.-.}:\n"
	"[ 1740.381280][    C0]        _raw_spin_lock+0x2b/0x40\n"
	"[ 1740.381283][    C0]        task_fork_fair+0x41/0x3c0\n"
	"[ 1740.381286][    C0]        sched_fork+0x505/0xd70\n"
	"[ 1740.381290][    C0]        copy_process+0x1c8a/0x6ef0\n"
	"[ 1740.381292][    C0]        _do_fork+0xf4/0x750\n"
	"[ 1740.381296][    C0]        kernel_thread+0xc6/0x100\n"
	"[ 1740.381299][    C0]        rest_init+0x24/0x1da\n"
	"[ 1740.381302][    C0]        start_kernel+0x824/0x85f\n"
	"[ 1740.381722][    C0] Call Trace:\n"
	"[ 1740.381729][    C0]  dump_stack+0x175/0x1dd\n"
	"[ 1740.381733][    C0]  print_circular_bug.cold+0x162/0x171\n"
	"[ 1740.381737][    C0]  check_noncircular+0x304/0x400\n"
	"[ 1740.381758][    C0]  __lock_acquire+0x2522/0x5470\n"
	"[ 1740.381769][    C0]  lock_acquire+0x1d8/0x770\n"
	"[ 1740.381789][    C0]  _raw_spin_lock_irqsave+0x92/0xd0\n"
	"[ 1740.381796][    C0]  down_trylock+0x13/0x70\n"
	"[ 1740.381804][    C0]  __down_trylock_console_sem+0xa8/0x210\n"
	"[ 1740.381808][    C0]  vprintk_emit+0x2c2/0x770\n"
	"[ 1740.381811][    C0]  vprintk_default+0x28/0x30\n"
	"[ 1740.381815][    C0]  vprintk_func+0x7a/0x120\n";

static void test_deadlock(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, deadlock);
	const struct oops_event *ev = one_event(res, "possible deadlock in "
						"tick_handler", OOPS_LOCKDEP);
	const struct oops_stack *st;

	if (!ev)
		goto out;
	st = find_stack(ev, OOPS_CTX_AUX);
	CHECK(st && !strcmp(st->label, "-> #2 (&rq->lock){-.-.}:") &&
	      st->nframes == 8 && !strcmp(st->frames[0].func,
					  "_raw_spin_lock"));
	CHECK(find_stack(ev, OOPS_CTX_TASK) != NULL);
out:
	oops_result_destroy(res);
}

/* report/659: arm64 list corruption: BUG_ON, oops, panic. */
static const char list_corruption[] =
	"[  531.961656][ T3061] ------------[ cut here ]------------\n"
	"[  531.962869][ T3061] kernel BUG at lib/list_debug.c:64!\n"
	"[  531.964139][ T3061] Internal error: Oops - BUG: 00000000f2000800 [#1] PREEMPT SMP\n"
	"[  531.965885][ T3061] Modules linked in:\n"
	"[  531.966798][ T3061] CPU: 0 PID: 3061 Comm: syz-executor.3 Not tainted 6.0.0-rc6-syzkaller-17742-gc194837ebb57 #0\n"
	"[  531.969246][ T3061] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 08/26/2022\n"
	"[  531.971647][ T3061] pstate: 60400005 (nZCv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)\n"
	"[  531.973582][ T3061] pc : __list_del_entry_valid+0xcc/0xd0\n"
	"[  531.974869][ T3061] lr : __list_del_entry_valid+0xcc/0xd0\n"
	"[  531.976140][ T3061] sp : ffff80001281bb90\n"
	"[  531.977033][ T3061] x29: ffff80001281bb90 x28: ffff0000c8b4b500 x27: 0000000000000000\n"
	"[  531.978908][ T3061] x26: ffff80000d30cf28 x25: ffff80000d309000 x24: 0000000000000008\n"
	"[  531.980773][ T3061] x23: 0000000000000003 x22: ffff80000d56ad28 x21: 0000000000000000\n"
	"[  531.982696][ T3061] x20: ffff00010248a8a0 x19: ffff00010248a898 x18: 00000000000000c0\n"
	"[  531.984616][ T3061] x17: 20747562202c3061 x16: ffff80000db49158 x15: ffff0000c8b4b500\n"
	"[  531.986503][ T3061] x14: 0000000000000000 x13: 00000000ffffffff x12: ffff0000c8b4b500\n"
	"[  531.988374][ T3061] x11: ff808000081c1630 x10: 0000000000000000 x9 : bf3d65c85afff700\n"
	"[  531.990228][ T3061] x8 : bf3d65c85afff700 x7 : ffff800008195d30 x6 : 0000000000000000\n"
	"[  531.992072][ T3061] x5 : 0000000000000080 x4 : 0000000000000001 x3 : 0000000000000000\n"
	"[  531.993927][ T3061] x2 : ffff0001fefbecd0 x1 : 0000000000000001 x0 : 000000000000006d\n"
	"[  531.995744][ T3061] Call trace:\n"
	"[  531.996486][ T3061]  __list_del_entry_valid+0xcc/0xd0\n"
	"[  531.997715][ T3061]  __kobject_del+0xa8/0x1f8\n"
	"[  531.998801][ T3061]  kobject_cleanup+0xfc/0x280\n"
	"[  531.999873][ T3061]  kobject_put+0x94/0xf8\n"
	"[  532.000855][ T3061]  nilfs_sysfs_delete_device_group+0x50/0x7c\n"
	"[  532.002240][ T3061]  destroy_nilfs+0x4c/0xa0\n"
	"[  532.003269][ T3061]  nilfs_put_super+0x84/0x9c\n"
	"[  532.004295][ T3061]  generic_shutdown_super+0x8c/0x190\n"
	"[  532.005490][ T3061]  kill_block_super+0x30/0x78\n"
	"[  532.006596][ T3061]  deactivate_locked_super+0x70/0xe8\n"
	"[  532.007815][ T3061]  deactivate_super+0xd0/0xd4\n"
	"[  532.008880][ T3061]  cleanup_mnt+0x1f8/0x234\n"
	"[  532.009897][ T3061]  __cleanup_mnt+0x20/0x30\n"
	"[  532.010929][ T3061]  task_work_run+0xc4/0x14c\n"
	"[  532.011849][ T3061]  do_notify_resume+0x174/0x1f0\n"
	"[  532.012841][ T3061]  el0_svc+0x9c/0x150\n"
	"[  532.013651][ T3061]  el0t_64_sync_handler+0x84/0xf0\n"
	"[  532.014809][ T3061]  el0t_64_sync+0x18c/0x190\n"
	"[  532.015856][ T3061] Code: d4210000 9001b460 912e4800 94a768fa (d4210000) \n"
	"[  532.017435][ T3061] ---[ end trace 0000000000000000 ]---\n"
	"[  532.302442][ T3061] Kernel panic - not syncing: Oops - BUG: Fatal exception\n"
	"[  532.304154][ T3061] SMP: stopping secondary CPUs\n"
	"[  532.305265][ T3061] Kernel Offset: disabled\n"
	"[  532.306261][ T3061] CPU features: 0x00000,02070084,26017203\n"
	"[  532.307595][ T3061] Memory Limit: none\n";

static void test_list_corruption(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, list_corruption);
	const struct oops_event *ev = one_event(res, "BUG: corrupted list in "
						"nilfs_sysfs_delete_device_group",
						OOPS_LIST_CORRUPTION);

	if (!ev)
		goto out;
	/* "Internal error:" and the panic belong to the BUG, not new events */
	CHECK(res->fatal == 0 && ev->panicked && res->panicked);
	CHECK_STR(ev->panic_msg, "Oops - BUG: Fatal exception");
	CHECK(ev->oops_count == 1);
	CHECK(ev->first_seq == 0 && ev->header_seq == 1);
	CHECK(ev->nregs == 1 && ev->regs[0].ip &&
	      !strcmp(ev->regs[0].ip->func, "__list_del_entry_valid"));
	CHECK(ev->nregs == 1 && ev->regs[0].nregs > 30);
	CHECK(find_frame(ev, "nilfs_sysfs_delete_device_group") != NULL);
	CHECK(ev->nstacks == 1 && !strcmp(ev->stacks[0].label,
					  "Call trace:"));
out:
	oops_result_destroy(res);
}

/* report/337: a crash asked for with sysrq. */
static const char sysrq_panic[] =
	"[ 3416.916116][ T5831] Kernel panic - not syncing: sysrq triggered crash\n"
	"[ 3416.917520][ T5831] CPU: 0 PID: 5831 Comm: bash Not tainted 4.20.0-next-20190102 #3\n"
	"[ 3416.919096][ T5831] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.2-1 04/01/2014\n"
	"[ 3416.920905][ T5831] Call Trace:\n"
	"[ 3416.921462][ T5831]  dump_stack+0x1db/0x2d0\n"
	"[ 3416.923475][ T5831]  panic+0x2cb/0x65c\n"
	"[ 3416.927213][ T5831]  sysrq_handle_crash+0x1f/0x20\n"
	"[ 3416.928148][ T5831]  __handle_sysrq.cold+0x153/0x3c9\n"
	"[ 3416.929105][ T5831]  write_sysrq_trigger+0x7c/0x90\n"
	"[ 3416.930987][ T5831]  proc_reg_write+0x29a/0x3c0\n"
	"[ 3416.933032][ T5831]  __vfs_write+0x116/0xb40\n"
	"[ 3416.942259][ T5831]  vfs_write+0x20c/0x580\n"
	"[ 3416.943099][ T5831]  ksys_write+0x105/0x260\n"
	"[ 3416.948118][ T5831]  __x64_sys_write+0x73/0xb0\n"
	"[ 3416.948903][ T5831]  do_syscall_64+0x1a3/0x800\n"
	"[ 3416.952970][ T5831]  entry_SYSCALL_64_after_hwframe+0x49/0xbe\n"
	"[ 3416.954061][ T5831] RIP: 0033:0x7fad92c3c370\n"
	"[ 3416.954931][ T5831] Code: 73 01 c3 48 8b 0d c8 4a 2b 00 31 d2 48 29 c2 64 89 11 48 83 c8 ff eb ea 90 90 83 3d 85 a2 2b 00 00 75 10 b8 01 00 00 00 0f 05 <48> 3d 01 f0 ff ff 73 31 c3 48 83 ec 08 e8 0e 8a 01 00 48 89 04 24\n"
	"[ 3416.958579][ T5831] RSP: 002b:00007fff53859588 EFLAGS: 00000246 ORIG_RAX: 0000000000000001\n"
	"[ 3416.960172][ T5831] RAX: ffffffffffffffda RBX: 0000000000000001 RCX: 00007fad92c3c370\n"
	"[ 3416.961629][ T5831] RDX: 0000000000000001 RSI: 0000000001d06808 RDI: 0000000000000001\n"
	"[ 3416.963012][ T5831] RBP: 0000000001d06808 R08: 00007fad9353b700 R09: 00000000ffffffff\n"
	"[ 3416.964217][ T5831] R10: 0000000000000000 R11: 0000000000000246 R12: 00007fad92ef17a0\n"
	"[ 3416.965446][ T5831] R13: 0000000000000001 R14: 0000000000000000 R15: 0000000001d052aa\n"
	"[ 3416.967400][ T5831] Kernel Offset: disabled\n"
	"[ 3416.968221][ T5831] Rebooting in 86400 seconds..\n"
	"\n"
	"REPORT:\n"
	"Kernel panic - not syncing: sysrq triggered crash\n"
	"CPU: 0 PID: 5831 Comm: bash Not tainted 4.20.0-next-20190102 #3\n"
	"Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.2-1 04/01/2014\n";

static void test_sysrq(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, sysrq_panic);
	const struct oops_event *ev = one_event(res, "kernel panic: sysrq "
						"triggered crash", OOPS_SYSRQ);

	if (!ev)
		goto out;
	CHECK(res->fatal == 0 && ev->panicked);
	CHECK_STR(ev->panic_msg, "sysrq triggered crash");
	CHECK_STR(ev->comm, "bash");
	CHECK(find_frame(ev, "sysrq_handle_crash") != NULL);
out:
	oops_result_destroy(res);
}

/* guilty/1: a symbolized WARNING with panic_on_warn, inline frames. */
static const char warning_symbolized[] =
	"DEBUG_LOCKS_WARN_ON(class_idx > MAX_LOCKDEP_KEYS)\n"
	"------------[ cut here ]------------\n"
	"WARNING: CPU: 2 PID: 24023 at kernel/locking/lockdep.c:3344 __lock_acquire+0x10e5/0x3690 kernel/locking/lockdep.c:3344\n"
	"Kernel panic - not syncing: panic_on_warn set ...\n"
	"\n"
	"CPU: 2 PID: 24023 Comm: syz-executor1 Not tainted 4.12.0-rc3+ #370\n"
	"Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS Bochs 01/01/2011\n"
	"Call Trace:\n"
	" __dump_stack lib/dump_stack.c:16 [inline]\n"
	" dump_stack+0x292/0x395 lib/dump_stack.c:52\n"
	" panic+0x1cb/0x3a9 kernel/panic.c:180\n"
	" __warn+0x1c4/0x1e0 kernel/panic.c:541\n"
	" report_bug+0x211/0x2d0 lib/bug.c:183\n"
	" fixup_bug arch/x86/kernel/traps.c:190 [inline]\n"
	" do_trap_no_signal arch/x86/kernel/traps.c:224 [inline]\n"
	" do_trap+0x32c/0x410 arch/x86/kernel/traps.c:273\n"
	" do_error_trap+0x15a/0x3e0 arch/x86/kernel/traps.c:310\n"
	" do_invalid_op+0x1b/0x20 arch/x86/kernel/traps.c:323\n"
	" invalid_op+0x1e/0x30 arch/x86/entry/entry_64.S:844\n"
	"RIP: 0010:__lock_acquire+0x10e5/0x3690 kernel/locking/lockdep.c:3344\n"
	"RSP: 0018:ffff88005aba6100 EFLAGS: 00010086\n"
	"RAX: 0000000000000031 RBX: ffff880058995b40 RCX: 0000000000000000\n"
	"RDX: 0000000000000031 RSI: ffffffff81458577 RDI: ffffed000b574c12\n"
	"RBP: ffff88005aba6640 R08: 0000000000000001 R09: 0000000000000001\n"
	"R10: ffff8800589963a0 R11: fffffbfff0e0fc7a R12: 0000000000000000\n"
	"R13: 0000000000000010 R14: 0000000000000001 R15: 0000000000000010\n"
	" lock_acquire+0x22d/0x560 kernel/locking/lockdep.c:3855\n"
	" seqcount_lockdep_reader_access include/linux/seqlock.h:80 [inline]\n"
	" read_seqcount_begin include/linux/seqlock.h:163 [inline]\n"
	" read_seqbegin include/linux/seqlock.h:433 [inline]\n"
	" neigh_hh_output include/net/neighbour.h:456 [inline]\n"
	" neigh_output include/net/neighbour.h:477 [inline]\n"
	" ip6_finish_output2+0x109a/0x2540 net/ipv6/ip6_output.c:123\n"
	" ip6_finish_output+0x302/0x930 net/ipv6/ip6_output.c:149\n"
	" NF_HOOK_COND include/linux/netfilter.h:246 [inline]\n"
	" ip6_output+0x1c2/0x8a0 net/ipv6/ip6_output.c:163\n"
	" ip6_xmit+0xd38/0x21c0 include/net/dst.h:492\n"
	" inet6_csk_xmit+0x331/0x600 net/ipv6/inet6_connection_sock.c:139\n"
	" tcp_transmit_skb+0x1ad8/0x3460 net/ipv4/tcp_output.c:1055\n"
	" tcp_connect+0x2195/0x2f30 net/ipv4/tcp_output.c:3381\n"
	" tcp_v6_connect+0x1c0b/0x20f0 net/ipv6/tcp_ipv6.c:304\n"
	" __inet_stream_connect+0x2ee/0xf90 net/ipv4/af_inet.c:618\n"
	" inet_stream_connect+0x58/0xa0 net/ipv4/af_inet.c:682\n"
	" SYSC_connect+0x251/0x590 net/socket.c:1588\n"
	" SyS_connect+0x24/0x30 net/socket.c:1569\n"
	" entry_SYSCALL_64_fastpath+0x1f/0xbe\n"
	"RIP: 0033:0x446179\n"
	"RSP: 002b:00007fb738f47c08 EFLAGS: 00000286 ORIG_RAX: 000000000000002a\n"
	"RAX: ffffffffffffffda RBX: 0000000000000400 RCX: 0000000000446179\n"
	"RDX: 000000000000001c RSI: 0000000020411000 RDI: 0000000000000005\n"
	"RBP: 00000000ffffffff R08: 0000000000000000 R09: 0000000000000000\n"
	"R10: 0000000000000000 R11: 0000000000000286 R12: 0000000000000005\n"
	"R13: 0000000000000000 R14: 00007fb738f489c0 R15: 00007fb738f48700\n"
	"Dumping ftrace buffer:\n"
	"   (ftrace buffer empty)\n"
	"Kernel Offset: disabled\n"
	"Rebooting in 86400 seconds..\n";

static void test_warning_symbolized(const struct oops_ctx *ctx)
{
	struct oops_result *res = parse(ctx, warning_symbolized);
	const struct oops_event *ev = one_event(res, "WARNING: locking bug in "
						"ip6_finish_output2",
						OOPS_LOCKDEP);
	const struct oops_frame *f;

	if (!ev)
		goto out;
	CHECK_STR(ev->guilty_file, "net/ipv6/ip6_output.c");
	CHECK_STR(res->guilty_file, "net/ipv6/ip6_output.c");
	CHECK(res->fatal == 0 && ev->panicked);
	f = find_frame(ev, "ip6_finish_output2");
	CHECK(f && f->file && !strcmp(f->file, "net/ipv6/ip6_output.c") &&
	      f->line == 123 && f->offset == 0x109a && !f->inlined);
	f = find_frame(ev, "neigh_output");
	CHECK(f && f->inlined && !f->has_offset && f->line == 477);
	/* The "cut here" line opens the event. */
	CHECK(ev->first_seq == 1 && ev->header_seq == 2);
out:
	oops_result_destroy(res);
}

/*
 * The line scan reads two bytes at a time: a header, the two-byte "[#" of
 * the die counter and the panic line must be found at even and odd
 * offsets alike.
 */
static void test_needle_offsets(const struct oops_ctx *ctx)
{
	for (int k = 0; k < 4; k++) {
		char text[512];
		struct oops_result *res;
		const struct oops_event *ev;

		snprintf(text, sizeof(text),
			 "[    1.000000] %.*sgeneral protection fault: 0000 "
			 "[#%d]%.*s\n"
			 "[    1.000001] CPU: 0 PID: 1 Comm: init Not tainted\n"
			 "[    1.000002] RIP: 0010:foo_bar+0x1/0x2\n"
			 "[    1.000003] Call Trace:\n"
			 "[    1.000004]  baz_qux+0x3/0x4\n"
			 "[    1.000005] %.*sKernel panic - not syncing: Fatal "
			 "exception\n",
			 k, "xxx", k + 1, k, " SMP", k, "yyy");
		res = parse(ctx, text);
		if (!res)
			continue;
		ev = res->nevents ? &res->events[0] : NULL;
		CHECK(ev && ev->type == OOPS_GPF &&
		      ev->oops_count == (unsigned)k + 1);
		CHECK(ev && ev->pid == 1 && find_frame(ev, "baz_qux"));
		CHECK(ev && ev->panicked);
		oops_result_destroy(res);
	}
}

int main(void)
{
	struct oops_ctx *ctx;
	struct lsg_error *err = oops_ctx_create(&ctx);

	if (err) {
		lsg_error_print(err, "test_oops", stderr);
		lsg_error_destroy(err);
		return TEST_FAIL;
	}
	test_kasan(ctx);
	test_gpf_irq(ctx);
	test_soft_lockup(ctx);
	test_hung_task(ctx);
	test_rcu_stall(ctx);
	test_deadlock(ctx);
	test_list_corruption(ctx);
	test_sysrq(ctx);
	test_warning_symbolized(ctx);
	test_needle_offsets(ctx);
	oops_ctx_destroy(ctx);
	return test_exit();
}
