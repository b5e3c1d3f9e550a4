/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crash formats: which console lines start a report, and how a report
 * becomes a title.  The kernel messages, title wording, skip lists and
 * ordering follow syzkaller's pkg/report/linux.go, so titles match what
 * syzbot shows; they are written here as data for our matchers:
 *
 *   FUNC in an ERE is an identifier followed by '.' or '+' (a symbol
 *   with a suffix or an offset), captured without the suffix.
 *   Globs (skip lists): '^' and '$' anchor, '*' is any run, '?' any byte,
 *   '#' one or more digits; anything else is literal; unanchored globs
 *   match anywhere in the name.
 *
 * Groups marked .ext are logsage's own (OOM kills, machine checks, hard
 * lockups, sysrq); they never change a syzkaller title.
 */
#include <stddef.h>

#include "oops_internal.h"

#define FUNC "([a-zA-Z0-9_]+)[.+]"
#define SRC "([a-zA-Z0-9_/.-]+\\.[a-z]+:[0-9]+)"
#define PCRE "\\[<?[0-9a-fx]+>?\\]"

#define LIT(s) { .lit = (s) }
#define RE(s) { .re = (s) }
#define LRE(l, r) { .lit = (l), .re = (r) }
#define SP(x) { .sp = (x) }
#define SPL(x, l) { .sp = (x), .lit = (l) }
#define STACK SP(SP_STACK)

/* Generic frames never named in a title: sanitizers, reporting, locks,
 * allocators, string and list helpers, device core teardown... */
const char *const oops_skip_common[] = {
	"__sanitizer", "__asan", "kasan", "hwasan", "__msan", "kmsan",
	"kcsan_setup_watchpoint", "check_memory_region", "check_heap_object",
	"check_object", "read_word_at_a_time", "read_once_*nocheck",
	"write_once_*nocheck", "print_address_description", "panic",
	"invalid_op", "report_bug", "fixup_bug", "print_report",
	"print_usage_bug", "do_error", "_trap$", "do_trap", "show_stack",
	"dump_stack", "walk_stack", "dump_backtrace", "warn_slowpath",
	"warn_alloc", "warn_bogus", "__warn", "alloc_page", "malloc",
	"zalloc", "calloc", "krealloc", "kmem_cache", "allocate_slab",
	"__alloc_frozen_pages_noprof", "folio_alloc", "folio_unlock",
	"filemap_alloc_folio", "__filemap_get_folio", "find_or_create_page",
	"do_read_cache_folio", "read_cache_page", "pagecache_get_page",
	"grab_cache_page_write_begin", "slab_", "debug_object",
	"timer_is_static_object", "work_is_static_object", "__might_fault",
	"print_unlock", "imbalance_bug", "lockdep", "bh_enable",
	"bh_disable", "perf_trace", "lock_acquire", "lock_release",
	"lock_class", "mark_lock", "reacquire_held_locks", "mark_held_locks",
	"raw_spin_rq", "spin_lock", "spin_trylock", "spin_unlock",
	"read_lock", "read_trylock", "write_lock", "write_trylock",
	"read_unlock", "write_unlock", "^down$", "down_read", "down_write",
	"down_read_trylock", "down_write_trylock", "down_trylock", "up_read",
	"up_write", "^mutex_", "^__mutex_", "^rt_mutex_", "owner_on_cpu",
	"osq_lock", "osq_unlock",
	"atomic_dec", "atomic_inc", "atomic_read", "atomic_set", "atomic_or",
	"atomic_xor", "atomic_and", "atomic_add", "atomic_sub",
	"atomic_fetch", "atomic_xchg", "atomic_cmpxchg", "atomic_try",
	"atomic64_dec", "atomic64_inc", "atomic64_read", "atomic64_set",
	"atomic64_or", "atomic64_xor", "atomic64_and", "atomic64_add",
	"atomic64_sub", "atomic64_fetch", "atomic64_xchg", "atomic64_cmpxchg",
	"atomic64_try",
	"set_bit", "clear_bit", "change_bit", "test_bit", "__wake_up",
	"^refcount_", "^kref_", "ref_tracker", "seqprop_assert", "memcpy",
	"memcmp", "memset", "memchr", "memmove", "memdup", "strcmp",
	"strncmp", "strcpy", "strlcpy", "strncpy", "strscpy", "strlen",
	"strstr", "strnstr", "strnlen", "strchr", "strdup", "strndup",
	"copy_to_user", "copy_from_user", "copy_to_iter", "copy_from_iter",
	"copy_page_to_iter", "copy_page_from_iter", "copy_folio_to_iter",
	"^copyin$", "^copyout$", "put_user", "get_user", "might_fault",
	"might_sleep", "list_add", "list_del", "list_replace", "list_move",
	"list_splice", "^rb_", "^__rb_", "_indirect_thunk_", "string",
	"pointer", "snprintf", "scnprintf", "kasprintf", "kvasprintf",
	"printk", "va_format", "dev_info", "dev_notice", "dev_warn",
	"dev_err", "dev_alert", "dev_crit", "dev_emerg",
	"program_check_exception", "program_check_common", "del_timer",
	"flush_work", "__cancel_work_timer", "cancel_work_sync",
	"try_to_grab_pending", "flush_workqueue", "drain_workqueue",
	"destroy_workqueue", "queue_work", "finish_wait", "kthread_stop",
	"kobject_", "add_uevent_var", "get_device_parent", "device_add",
	"device_del", "device_unregister", "device_destroy", "device_release",
	"devres_release_all", "hwrng_unregister", "i2c_del_adapter",
	"__unregister_client", "device_for_each_child", "rollback_registered",
	"unregister_netdev", "sysfs_remove", "device_remove_file",
	"tty_unregister_device", "dummy_urb_enqueue", "usb_kill_urb",
	"usb_kill_anchored_urbs", "usb_control_msg", "usb_hcd_submit_urb",
	"usb_submit_urb", "^complete$", "wait_for_completion", "^kfree$",
	"^kvfree$", "kfree_skb", "readb$", "readw$", "readl$", "readq$",
	"writeb$", "writew$", "writel$", "writeq$", "logic_in", "logic_out",
	"^crc#", "crc_itu_t", "__might_resched", "assertfail", "^iput$",
	"^iput_final$", "^ihold$", "hex_dump_to_buffer", "print_hex_dump",
	"^klist_", "trace_hardirq", "trace_softirq", "lockdep_hardirq",
	"lockdep_softirq", "^lock_page", "^unlock_page",
	"stack_trace_consume_entry", "arch_stack_walk", "stack_trace_save",
	"insert_work", "__queue_delayed_work", "queue_delayed_work_on",
	"ida_free", "do_kernel_fault", "do_translation_fault",
	"do_mem_abort", "el1_abort", "el1h_64_sync", "print_tainted",
	"xas_start", "xas_load", "xas_find", "find_lock_entries",
	"truncate_inode_pages_range", "__phys_addr", "__fortify_report",
	"cleanup_srcu_struct", "rhashtable_lookup", "extract_user_to_sg",
	"extract_iter_to_sg", "drop_nlink", "^get_taint$", "^put_device$",
	"lock_timer_base", "__timer_delete_sync", "sk_stop_timer_sync",
	"__mod_timer", "fast_dput", "dput", "mark_buffer_dirty",
	NULL
};

/* Dispatch points: a stall is blamed on the frame that called into them. */
const char *const oops_stall_anchors[] = {
	"process_one_work", "do_syscall_", "do_fast_syscall_",
	"sysenter_dispatch", "tracesys_phase2", "el0_svc_handler",
	"invoke_syscall", "ret_fast_syscall", "netif_receive_skb",
	"do_softirq", "call_timer_fn", "_run_timers", "run_timer_softirq",
	"hrtimer_run", "run_ksoftirqd", "smpboot_thread_fn", "^kthread$",
	"start_secondary", "cpu_startup_entry", "ret_from_fork",
	"vfs_write", "vfs_read", "vfs_iter_read", "vfs_iter_write",
	"do_iter_read", "do_iter_write", "call_read_iter", "call_write_iter",
	"new_sync_read", "new_sync_write", "vfs_ioctl", "ksys_ioctl",
	"compat_ioctl", "compat_sys_ioctl", "blkdev_driver_ioctl",
	"blkdev_ioctl", "do_iter_readv_writev", "^call_mmap", "mmap_region",
	"do_mmap", "do_dentry_open", "vfs_open", "^sock_sendmsg",
	"^sock_recvmsg", "^sock_release", "^__sock_release", "^setsockopt$",
	"kernel_setsockopt", "sock_common_setsockopt", "^listen$",
	"kernel_listen", "sk_common_release", "^sock_mmap", "^accept$",
	"kernel_accept", "^sock_do_ioctl", "^sock_ioctl",
	"^compat_sock_ioctl", "^nfnetlink_rcv_msg", "^rtnetlink_rcv_msg",
	"^netlink_dump", "^socketpair", "^connect", "^ioctl",
	"^sys_socketpair", "^sys_connect", "^sys_ioctl", "__do_fault",
	"do_page_fault", "^page_fault$", "__fput", "task_work_run",
	"exit_to_usermode", "smp_call_function", "tasklet_action",
	"tasklet_hi_action",
	NULL
};

/* Syscall entry prefixes: "__x64_sys_bpf" is titled "bpf". */
const char *const oops_syscall_prefixes[] = {
	"SYSC_", "SyS_", "sys_", "__x64_", "__ia32_", "__arm64_", "____sys_",
	"___sys_", "__sys_", "__se_", "__se_sys_", "__do_sys_",
	"compat_SYSC_", "compat_SyS_", "ksys_",
	NULL
};

/* Source files that are never to blame: headers, libraries, allocators,
 * sanitizers, locking, scheduling, traps and the printing of reports.
 * '?' where syzkaller's pattern has an unescaped '.': "mm/sl?b?c" covers
 * mm/slab.c, mm/slub.c and mm/slab_common.c alike. */
const char *const oops_guilty_ignores[] = {
	".h", "^lib/", "^virt/lib/", "^mm/kasan/", "^mm/kmsan/",
	"^kernel/kcov?c", "^mm/sl?b?c", "^mm/filemap?c", "^mm/folio-compat?c",
	"^mm/truncate?c", "^mm/memory?c", "^mm/percpu", "^mm/vmalloc?c",
	"^mm/page_alloc?c", "^mm/mempool?c", "^mm/util?c", "^kernel/rcu/",
	"^arch/*/kernel/traps?c", "^arch/*/kernel/unwind*?c",
	"^arch/*/mm/fault?c", "^arch/*/mm/physaddr?c",
	"^arch/*/kernel/stacktrace?c", "^arch/*/kernel/apic/apic?c",
	"^arch/arm64/kernel/entry*?c", "^arch/arm64/kernel/process.c",
	"^kernel/locking/", "^kernel/panic?c", "^kernel/printk/printk*?c",
	"^kernel/softirq?c", "^kernel/kthread?c", "^kernel/sched/*?c",
	"^kernel/stacktrace?c", "^kernel/time/timer?c", "^kernel/workqueue?c",
	"^net/core/dev?c", "^net/core/sock?c", "^net/core/skbuff?c",
	"^fs/proc/generic?c", "^trusty/", "^drivers/usb/core/urb?c",
	"^arch/*/lib/crc",
	NULL
};

/* Stack formats ------------------------------------------------------ */

static const struct oops_stack_fmt st_rip_trace = {
	.parts = { SP(SP_RIP), SP(SP_CALL_TRACE), STACK },
};

static const struct oops_stack_fmt st_trace = {
	.parts = { SP(SP_CALL_TRACE), STACK },
};

static const struct oops_stack_fmt st_rip = {
	.parts = { SP(SP_RIP) },
};

static const struct oops_stack_fmt st_rip_trace_stall = {
	.parts = { SP(SP_RIP), SP(SP_CALL_TRACE), STACK },
	.extractor = EXTRACT_STALL,
};

#define WARN_STACK(name, ...)						\
	static const char *const name##_skip[] = { __VA_ARGS__, NULL };	\
	static const struct oops_stack_fmt name = {			\
		.parts = { SP(SP_RIP_OR_IRQ), STACK },			\
		.parts2 = { SP(SP_CALL_TRACE), STACK },			\
		.skip = name##_skip,					\
	}

#define TRACE_STACK(name, ...)						\
	static const char *const name##_skip[] = { __VA_ARGS__, NULL };	\
	static const struct oops_stack_fmt name = {			\
		.parts = { SP(SP_CALL_TRACE), STACK },			\
		.skip = name##_skip,					\
	}

static const struct oops_stack_fmt st_warn = {
	.parts = { SP(SP_RIP_OR_IRQ), STACK },
	.parts2 = { SP(SP_CALL_TRACE), STACK },
};

WARN_STACK(st_warn_odebug, "debug_", "rcu", "hrtimer_", "timer_", "work_",
	   "percpu_", "vunmap", "vfree", "__free_", "debug_check", "kobject_");
WARN_STACK(st_warn_usercopy, "usercopy", "__check");
WARN_STACK(st_warn_kobject, "kobject_");
WARN_STACK(st_warn_proc, "proc_");
WARN_STACK(st_warn_refcount, "refcount", "kobject_");
WARN_STACK(st_warn_lock, "lock_sock", "release_sock");
WARN_STACK(st_warn_kmalloc, "kmalloc", "krealloc", "slab", "kmem");
WARN_STACK(st_warn_urb, "usb_submit_urb", "usb_start_wait_urb",
	   "usb_bulk_msg", "usb_interrupt_msg", "usb_control_msg");

TRACE_STACK(st_spinlock, "spin_", "_lock", "_unlock");
TRACE_STACK(st_sched_atomic, "schedule");
TRACE_STACK(st_preempt, "dump_stack", "preemption", "preempt", "debug_",
	    "processor_id", "this_cpu");
TRACE_STACK(st_wait_ctx, "lock_sock", "release_sock");
TRACE_STACK(st_rcu_usage, "rcu", "kmem", "slab");
TRACE_STACK(st_nonstatic_key, "stack", "lock", "IRQ");
TRACE_STACK(st_cant_die, "schedule");
TRACE_STACK(st_stack_chk, "stack_chk");
TRACE_STACK(st_usercopy, "usercopy", "__check");
TRACE_STACK(st_ubsan, "ubsan", "overflow");
TRACE_STACK(st_rust, "__rustc::rust_begin_unwind");

static const char *const kasan_skip[] = {
	"kernel_fault", "tag_check", "mem_abort", "^el1_", "^el1h_", NULL
};

static const struct oops_stack_fmt st_kasan = {
	.parts = { RE("BUG: KASAN: [a-z-]+ in " FUNC), SP(SP_CALL_TRACE),
		   STACK },
	.skip = kasan_skip,
};

static const char *const kasan_free_skip[] = {
	"slab_", "kfree", "vunmap", "vfree", NULL
};

static const struct oops_stack_fmt st_kasan_free = {
	.parts = { RE("BUG: KASAN: [a-z -]*free in " FUNC), SP(SP_CALL_TRACE),
		   STACK },
	.skip = kasan_free_skip,
};

static const char *const kmsan_usb_skip[] = {
	"alloc_skb", "usb_submit_urb", "usb_start_wait_urb", "usb_bulk_msg",
	"usb_interrupt_msg", "usb_control_msg", NULL
};

static const struct oops_stack_fmt st_kmsan_usb = {
	.parts = { STACK,
		   LRE("created at:",
		       "(Local variable .* created at:|Uninit was created at:)"),
		   STACK },
	.skip = kmsan_usb_skip,
};

static const char *const kmsan_skip[] = {
	"alloc_skb", "netlink_ack", "netlink_rcv_skb", "_encrypt$",
	"^crypto_", "^cipher_", "^drbg_", "^rng_", NULL
};

static const struct oops_stack_fmt st_kmsan = {
	.parts = { STACK,
		   LRE("created at:",
		       "(Local variable .* created at:|Uninit was created at:)"),
		   STACK },
	.skip = kmsan_skip,
};

static const struct oops_stack_fmt st_kfence = {
	.parts = { RE("BUG: KFENCE: [a-z -]+ in " FUNC), STACK },
};

static const struct oops_stack_fmt st_bad_unlock = {
	.parts = { SP(SP_PC_FUNC), SP(SP_CALL_TRACE), STACK },
};

static const char *const bad_page_skip[] = {
	"free_page", "put_page", "get_page", "update_page", "release_page",
	"free_unref", "^_*folio", "truncate_inode_pages", "page_frag_free",
	"alloc", "vmap", "page_owner", NULL
};

static const struct oops_stack_fmt st_bad_page = {
	.parts = { LIT("page last allocated"), STACK },
	.skip = bad_page_skip,
};

static const char *const leak_skip[] = {
	"kmemleak", "mmap", "kmem", "slab", "alloc", "create_object",
	"idr_get", "list_lru_init", "kasprintf", "kvasprintf", "pcpu_create",
	"strdup", "strndup", "memdup", NULL
};

static const struct oops_stack_fmt st_leak = {
	.parts = { LRE("backtrace",
		       "backtrace:|backtrace \\(crc [[:xdigit:]]*\\):"),
		   STACK },
	.skip = leak_skip,
};

static const char *const deadlock_skip[] = {
	"process_one_work", "flush_workqueue", "drain_workqueue",
	"destroy_workqueue", NULL
};

static const struct oops_stack_fmt st_deadlock = {
	.parts = { SP(SP_AT_FUNC), SP(SP_AT_FUNC), STACK },
	.skip = deadlock_skip,
};

static const struct oops_stack_fmt st_lock_order = {
	.parts = { RE("which became .* at:"), STACK },
};

static const char *const rcu_stall_skip[] = {
	"apic_timer_interrupt", "rcu", NULL
};

static const struct oops_stack_fmt st_rcu_stall = {
	.parts = { LIT("apic_timer_interrupt"), SP(SP_RIP), STACK },
	.parts2 = { RE("apic_timer_interrupt|Exception stack|el1h_64_irq"),
		    STACK },
	.skip = rcu_stall_skip,
	.extractor = EXTRACT_STALL,
};

static const struct oops_stack_fmt st_hung = {
	.parts = { SP(SP_CALL_TRACE), STACK },
	.extractor = EXTRACT_HANG,
};

static const char *const stack_end_skip[] = {
	"schedule", "retint_kernel", NULL
};

static const struct oops_stack_fmt st_stack_end = {
	.parts = { SP(SP_CALL_TRACE), STACK },
	.skip = stack_end_skip,
	.extractor = EXTRACT_STALL,
};

static const char *const stack_overflow_skip[] = { "bad_stack", NULL };

static const struct oops_stack_fmt st_stack_overflow = {
	.parts = { SP(SP_CALL_TRACE), STACK },
	.skip = stack_overflow_skip,
	.extractor = EXTRACT_STALL,
};

static const char *const kernel_bug_skip[] = { "^skb_", NULL };

static const struct oops_stack_fmt st_kernel_bug = {
	.parts = { SP(SP_RIP), SP(SP_CALL_TRACE), STACK },
	.skip = kernel_bug_skip,
};

/* Formats by group ---------------------------------------------------- */

static const struct oops_fmt fmt_bug[] = {
	{ .title = { LIT("BUG: KASAN:") },
	  .report = { RE("BUG: KASAN: ([a-z-]+) in " FUNC),
		      RE("(Read|Write) (of size|at addr) [0-9a-f]+") },
	  .fmt = "KASAN: %1 %3 in %F", .stack = &st_kasan },
	{ .title = { LIT("BUG: KASAN:") },
	  .report = { RE("BUG: KASAN: (double-free or invalid-free|"
			 "double-free|invalid-free) in " FUNC) },
	  .fmt = "KASAN: invalid-free in %F", .stack = &st_kasan_free },
	{ .title = { RE("BUG: KASAN: ([a-z-]+) on address"),
		     RE("(Read|Write) of size ([0-9]+)") },
	  .fmt = "KASAN: %1 %2" },
	{ .title = { RE("BUG: KASAN: (.*)") },
	  .fmt = "KASAN: %1", .corrupted = 1 },
	{ .title = { LIT("BUG: KMSAN: kernel-usb-infoleak") },
	  .report = { RE("BUG: KMSAN: kernel-usb-infoleak in " FUNC) },
	  .fmt = "KMSAN: kernel-usb-infoleak in %F", .stack = &st_kmsan_usb,
	  .no_stack_trace = 1 },
	{ .title = { LIT("BUG: KMSAN:") },
	  .report = { RE("BUG: KMSAN: ([a-z-]+) in " FUNC) },
	  .fmt = "KMSAN: %1 in %F", .stack = &st_kmsan,
	  .no_stack_trace = 1 },
	{ .title = { LIT("BUG: KCSAN: data-race") },
	  .report = { RE("BUG: KCSAN: (.*)") },
	  .fmt = "KCSAN: %1", .no_stack_trace = 1 },
	{ .title = { LIT("BUG: KCSAN:") },
	  .report = { RE("BUG: KCSAN: (.*)") },
	  .fmt = "KCSAN: %1", .no_stack_trace = 1 },
	{ .title = { RE("BUG: KFENCE: (use-after-free|out-of-bounds) "
			"(read|write) in " FUNC) },
	  .fmt = "KFENCE: %1 %2 in %F", .stack = &st_kfence },
	{ .title = { RE("BUG: KFENCE: invalid free in " FUNC) },
	  .fmt = "KFENCE: invalid free in %F", .stack = &st_kfence,
	  .no_stack_trace = 1 },
	{ .title = { RE("BUG: KFENCE: invalid (read|write) in " FUNC) },
	  .fmt = "KFENCE: invalid %1 in %F", .stack = &st_kfence },
	{ .title = { RE("BUG: KFENCE: memory corruption in " FUNC) },
	  .fmt = "KFENCE: memory corruption in %F", .stack = &st_kfence,
	  .no_stack_trace = 1 },
	{ .title = { RE("BUG: (unable to handle kernel paging request|"
			"unable to handle page fault for address|"
			"Unable to handle kernel data access)") },
	  .fmt = "BUG: unable to handle kernel paging request in %F",
	  .stack = &st_rip_trace },
	{ .title = { RE("BUG: (unable to handle kernel NULL pointer "
			"dereference|kernel NULL pointer dereference|"
			"Kernel NULL pointer dereference)") },
	  .fmt = "BUG: unable to handle kernel NULL pointer dereference in %F",
	  .stack = &st_rip_trace },
	{ .title = { RE("BUG: (unable to handle kernel|"
			"Unable to handle kernel)") },
	  .fmt = "BUG: unable to handle kernel", .corrupted = 1 },
	{ .title = { RE("BUG: (spinlock|rwlock) (lockup suspected|"
			"already unlocked|recursion|cpu recursion|bad magic|"
			"wrong owner|wrong CPU|trylock failure on UP)") },
	  .fmt = "BUG: %1 %2 in %F", .stack = &st_spinlock },
	{ .title = { LIT("BUG: soft lockup") },
	  .fmt = "BUG: soft lockup in %F", .stack = &st_rip_trace_stall },
	{ .title = { RE("BUG: .*still has locks held!") },
	  .report = { RE("BUG: .*still has locks held!"), SP(SP_PC_FUNC) },
	  .fmt = "BUG: still has locks held in %1" },
	{ .title = { LIT("BUG: scheduling while atomic") },
	  .fmt = "BUG: scheduling while atomic in %F",
	  .stack = &st_sched_atomic },
	{ .title = { LIT("BUG: lock held when returning to user space") },
	  .report = { LIT("BUG: lock held when returning to user space"),
		      LIT("leaving the kernel with locks still held"),
		      SP(SP_AT_FUNC) },
	  .fmt = "BUG: lock held when returning to user space in %1",
	  .no_stack_trace = 1 },
	{ .title = { LIT("BUG: bad unlock balance detected!") },
	  .fmt = "BUG: bad unlock balance in %F", .stack = &st_bad_unlock },
	{ .title = { LIT("BUG: held lock freed!") },
	  .report = { LIT("BUG: held lock freed!"), SP(SP_PC_FUNC) },
	  .fmt = "BUG: held lock freed in %1" },
	{ .title = { LIT("BUG: Bad rss-counter state") },
	  .fmt = "BUG: Bad rss-counter state", .no_stack_trace = 1 },
	{ .title = { LIT("BUG: non-zero nr_ptes on freeing mm") },
	  .fmt = "BUG: non-zero nr_ptes on freeing mm", .no_stack_trace = 1 },
	{ .title = { LIT("BUG: non-zero nr_pmds on freeing mm") },
	  .fmt = "BUG: non-zero nr_pmds on freeing mm", .no_stack_trace = 1 },
	{ .title = { RE("BUG: Dentry .* still in use") },
	  .report = { RE("BUG: Dentry .* still in use \\([0-9]+\\) "
			 "\\[(unmount) of ([^]]+)\\]") },
	  .fmt = "BUG: Dentry still in use in %1" },
	{ .title = { RE("BUG: Bad page (state|cache)") },
	  .fmt = "BUG: Bad page %1 in %F", .stack = &st_bad_page },
	{ .title = { LIT("BUG: Bad page map") },
	  .fmt = "BUG: Bad page map" },
	{ .title = { LIT("BUG: workqueue lockup") },
	  .fmt = "BUG: workqueue lockup", .no_stack_trace = 1 },
	{ .title = { RE("BUG: sleeping function called from invalid context "
			"at (.*)") },
	  .fmt = "BUG: sleeping function called from invalid context in %F",
	  .stack = &st_trace },
	{ .title = { RE("BUG: using ([a-z_]+)\\(\\) in preemptible") },
	  .fmt = "BUG: using %1() in preemptible code in %F",
	  .stack = &st_preempt },
	{ .title = { LIT("BUG: workqueue leaked lock or atomic") },
	  .report = { LIT("BUG: workqueue leaked lock or atomic"),
		      RE("last function: ([a-zA-Z0-9_]+)$") },
	  .fmt = "BUG: workqueue leaked lock or atomic in %1",
	  .no_stack_trace = 1 },
	{ .title = { LIT("BUG: memory leak") },
	  .fmt = "memory leak in %F", .stack = &st_leak },
	{ .title = { RE("BUG: .*stack guard page was hit at") },
	  .fmt = "BUG: stack guard page was hit in %F",
	  .stack = &st_rip_trace_stall },
	{ .title = { LIT("BUG: Invalid wait context") },
	  .fmt = "WARNING: locking bug in %F", .stack = &st_wait_ctx },
	{ .title = { RE("BUG:[[:space:]]*$") },
	  .fmt = "BUG: corrupted", .corrupted = 1 },
};

static const struct oops_pat sup_bug[] = {
	LIT("ODEBUG:"), LIT("Boot_DEBUG:"), LIT("xlog_status:"), LIT("DEBUG:"),
	LIT("BUG: no syscalls can create resource"), { 0 }
};

static const struct oops_fmt fmt_warning[] = {
	{ .title = { RE("WARNING: .*lib/debugobjects\\.c.* "
			"(debug_print|debug_check|at)") },
	  .fmt = "WARNING: ODEBUG bug in %F", .stack = &st_warn_odebug },
	{ .title = { RE("WARNING: .*mm/usercopy\\.c.* (usercopy_warn|at)") },
	  .fmt = "WARNING: bad usercopy in %F", .stack = &st_warn_usercopy },
	{ .title = { RE("WARNING: .*lib/kobject\\.c.* (kobject_|at)") },
	  .fmt = "WARNING: kobject bug in %F", .stack = &st_warn_kobject },
	{ .title = { RE("WARNING: .*fs/proc/generic\\.c.* "
			"(proc_register|at)") },
	  .fmt = "WARNING: proc registration bug in %F",
	  .stack = &st_warn_proc },
	{ .title = { RE("WARNING: .*lib/refcount\\.c.* (refcount_|at)") },
	  .fmt = "WARNING: refcount bug in %F", .stack = &st_warn_refcount },
	{ .title = { RE("WARNING: .*kernel/locking/lockdep\\.c.*lock_") },
	  .fmt = "WARNING: locking bug in %F", .stack = &st_warn_lock },
	{ .title = { RE("WARNING: .*still has locks held!") },
	  .report = { RE("WARNING: .*still has locks held!"),
		      RE("at: " FUNC) },
	  .fmt = "WARNING: still has locks held in %1" },
	{ .title = { LIT("WARNING: Nested lock was not taken") },
	  .fmt = "WARNING: nested lock was not taken in %F",
	  .stack = &st_warn },
	{ .title = { LIT("WARNING: lock held when returning to user space") },
	  .report = { LIT("WARNING: lock held when returning to user space"),
		      LIT("leaving the kernel with locks still held"),
		      SP(SP_AT_FUNC) },
	  .fmt = "WARNING: lock held when returning to user space in %1",
	  .no_stack_trace = 1 },
	{ .title = { RE("WARNING: .*mm/.*\\.c.* k?.?malloc") },
	  .fmt = "WARNING: kmalloc bug in %F", .stack = &st_warn_kmalloc },
	{ .title = { RE("WARNING: .*mm/vmalloc.c.*__vmalloc_node") },
	  .fmt = "WARNING: zero-size vmalloc in %F", .stack = &st_warn },
	{ .title = { RE("WARNING: .* usb_submit_urb") },
	  .fmt = "WARNING in %F/usb_submit_urb", .stack = &st_warn_urb },
	{ .title = { RE("WARNING: " SRC " at 0x[0-9]+, CPU#[0-9]+") },
	  .fmt = "WARNING in %F", .stack = &st_warn },
	{ .title = { RE("WARNING: .* at " SRC " " FUNC) },
	  .fmt = "WARNING in %F", .stack = &st_warn },
	{ .title = { RE("WARNING: " SRC " at " FUNC) },
	  .fmt = "WARNING in %F", .stack = &st_warn },
	{ .title = { RE("WARNING: \\[.*\\] " SRC " at " FUNC) },
	  .fmt = "WARNING in %F", .stack = &st_warn },
	{ .title = { LIT("WARNING: possible circular locking dependency "
			 "detected") },
	  .report = { LIT("WARNING: possible circular locking dependency "
			  "detected"),
		      LIT("is trying to acquire lock") },
	  .fmt = "possible deadlock in %F", .stack = &st_deadlock },
	{ .title = { LIT("WARNING: possible irq lock inversion dependency "
			 "detected") },
	  .report = { LIT("WARNING: possible irq lock inversion dependency "
			  "detected"),
		      LIT("just changed the state of lock"), SP(SP_AT_FUNC) },
	  .fmt = "possible deadlock in %1" },
	{ .title = { RE("WARNING: .*-safe -> .*-unsafe lock order detected") },
	  .fmt = "possible deadlock in %F", .stack = &st_lock_order },
	{ .title = { LIT("WARNING: possible recursive locking detected") },
	  .report = { LIT("WARNING: possible recursive locking detected"),
		      LIT("is trying to acquire lock"), SP(SP_AT_FUNC) },
	  .fmt = "possible deadlock in %1" },
	{ .title = { LIT("WARNING: inconsistent lock state") },
	  .report = { LIT("WARNING: inconsistent lock state"), LIT("takes"),
		      SP(SP_AT_FUNC) },
	  .fmt = "inconsistent lock state in %F", .stack = &st_trace },
	{ .title = { LIT("WARNING: suspicious RCU usage") },
	  .report = { LIT("WARNING: suspicious RCU usage"), RE(SRC) },
	  .fmt = "WARNING: suspicious RCU usage in %F",
	  .stack = &st_rcu_usage },
	{ .title = { RE("WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* "
			"has bad '([^']+)' value") },
	  .fmt = "WARNING: kernel stack regs has bad '%1' value",
	  .no_stack_trace = 1 },
	{ .title = { RE("WARNING: kernel stack frame pointer at [0-9a-f]+ in "
			"[^ ]* has bad value") },
	  .fmt = "WARNING: kernel stack frame pointer has bad value",
	  .no_stack_trace = 1 },
	{ .title = { LIT("WARNING: bad unlock balance detected!") },
	  .fmt = "WARNING: bad unlock balance in %F", .stack = &st_bad_unlock },
	{ .title = { LIT("WARNING: held lock freed!") },
	  .report = { LIT("WARNING: held lock freed!"), SP(SP_AT_FUNC) },
	  .fmt = "WARNING: held lock freed in %1" },
	{ .title = { RE("WARNING: kernel stack regs .* has bad 'bp' value") },
	  .fmt = "WARNING: kernel stack regs has bad value",
	  .no_stack_trace = 1 },
	{ .title = { RE("WARNING: kernel stack frame pointer .* has bad "
			"value") },
	  .fmt = "WARNING: kernel stack regs has bad value",
	  .no_stack_trace = 1 },
	{ .title = { RE("WARNING:[[:space:]]*$") },
	  .fmt = "WARNING: corrupted", .corrupted = 1 },
};

static const struct oops_pat sup_warning[] = {
	LIT("WARNING: /etc/ssh/moduli does not exist, using fixed modulus"),
	LIT("WARNING: workqueue cpumask: online intersect > possible "
	    "intersect"),
	RE("WARNING: [Tt]he mand mount option"),
	LIT("WARNING: Unsupported flag value(s) of 0x%x in DT_FLAGS_1"),
	LIT("WARNING: Unprivileged eBPF is enabled with eIBRS"),
	RE("WARNING: fbcon: Driver '.*' missed to adjust virtual screen size "
	   "\\([0-9]+x[0-9]+ vs\\. [0-9]+x[0-9]+\\)"),
	RE("WARNING: See https.* for mitigation options."),
	LIT("WARNING: kernel not compiled with CPU_SRSO"),
	RE("EXT4-[Ff][Ss]( \\(.*\\))?:"),
	{ .re = "warning: .* uses (deprecated v2 capabilities|"
		"wireless extensions)", .flags = PAT_ICASE },
	RE("XFS \\([a-zA-Z0-9_]+\\): WARNING"),
	{ 0 }
};

static const struct oops_fmt fmt_info[] = {
	{ .title = { LIT("INFO: possible circular locking dependency "
			 "detected") },
	  .report = { LIT("INFO: possible circular locking dependency "
			  "detected ]"),
		      LIT("is trying to acquire lock"), SP(SP_AT_PC_FUNC) },
	  .fmt = "possible deadlock in %1" },
	{ .title = { LIT("INFO: possible irq lock inversion dependency "
			 "detected") },
	  .report = { LIT("INFO: possible irq lock inversion dependency "
			  "detected ]"),
		      LIT("just changed the state of lock"),
		      SP(SP_AT_PC_FUNC) },
	  .fmt = "possible deadlock in %1" },
	{ .title = { LIT("INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order "
			 "detected") },
	  .report = { LIT("INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order "
			  "detected ]"),
		      LIT("is trying to acquire"), SP(SP_AT_PC_FUNC) },
	  .fmt = "possible deadlock in %1" },
	{ .title = { LIT("INFO: possible recursive locking detected") },
	  .report = { LIT("INFO: possible recursive locking detected ]"),
		      LIT("is trying to acquire lock"), SP(SP_AT_PC_FUNC) },
	  .fmt = "possible deadlock in %1" },
	{ .title = { LIT("INFO: inconsistent lock state") },
	  .report = { LIT("INFO: inconsistent lock state ]"), LIT("takes"),
		      SP(SP_AT_PC_FUNC) },
	  .fmt = "inconsistent lock state in %1" },
	{ .title = { RE("INFO: rcu_(preempt|sched|bh|tasks) (self-)?detected"
			"( expedited)? stall") },
	  .fmt = "INFO: rcu detected stall in %F", .stack = &st_rcu_stall },
	{ .title = { LIT("INFO: trying to register non-static key") },
	  .fmt = "INFO: trying to register non-static key in %F",
	  .stack = &st_nonstatic_key },
	{ .title = { LIT("INFO: suspicious RCU usage") },
	  .report = { LIT("INFO: suspicious RCU usage"), RE(SRC) },
	  .fmt = "INFO: suspicious RCU usage in %F", .stack = &st_rcu_usage },
	{ .title = { SP(SP_TASK_BLOCKED) },
	  .fmt = "INFO: task hung in %F", .stack = &st_hung },
	{ .title = { RE("INFO: task .* can't die for more than .* seconds") },
	  .fmt = "INFO: task can't die in %F", .stack = &st_cant_die },
	{ .title = { RE("INFO: (Freed|Allocated) in (.*)") },
	  .fmt = "INFO: %1 in %2", .corrupted = 1 },
	{ .title = { RE("INFO:[[:space:]]*$") },
	  .fmt = "INFO: corrupted", .corrupted = 1 },
};

static const struct oops_pat sup_info[] = {
	LIT("INFO: lockdep is turned off"),
	LIT("INFO: Stall ended before state dump start"),
	LIT("INFO: NMI handler"),
	LIT("INFO: recovery required on readonly filesystem"),
	RE("(handler|interrupt).*took too long"),
	RE("INFO: sys_.* is not present in /proc/kallsyms"),
	LIT("INFO: no syscalls can create resource"),
	LIT("rmt_storage:INFO:"),
	LIT("_INFO:"),
	{ 0 }
};

static const struct oops_fmt fmt_unable[] = {
	{ .title = { RE("Unable to handle kernel (paging request|NULL pointer "
			"dereference|access to user memory)") },
	  .fmt = "BUG: unable to handle kernel %1 in %F",
	  .stack = &st_rip_trace },
};

static const struct oops_fmt fmt_gpf[] = {
	{ .title = { RE("general protection fault.*:") },
	  .fmt = "general protection fault in %F", .stack = &st_rip_trace },
};

static const struct oops_pat sup_gpf[] = {
	RE("general protection fault .* error:[0-9]+ in "), { 0 }
};

static const struct oops_fmt fmt_stack_segment[] = {
	{ .title = { LIT("stack segment: ") },
	  .fmt = "stack segment fault in %F", .stack = &st_rip_trace },
};

static const struct oops_fmt fmt_panic[] = {
	{ .title = { LIT("Kernel panic - not syncing: stack-protector:") },
	  .report = { RE("Kernel panic - not syncing: stack-protector: Kernel "
			 "stack is corrupted in: " FUNC) },
	  .fmt = "kernel panic: stack is corrupted in %1",
	  .no_stack_trace = 1 },
	{ .title = { LIT("Kernel panic - not syncing: stack-protector:") },
	  .report = { RE("Kernel panic - not syncing: stack-protector: Kernel "
			 "stack is corrupted in: [a-f0-9]+") },
	  .fmt = "kernel panic: stack is corrupted in %F",
	  .stack = &st_stack_chk },
	{ .title = { LIT("Kernel panic - not syncing: corrupted stack end") },
	  .report = { LIT("Kernel panic - not syncing: corrupted stack end "
			  "detected inside scheduler") },
	  .fmt = "kernel panic: corrupted stack end in %F",
	  .stack = &st_stack_end },
	{ .title = { LIT("Kernel panic - not syncing: kernel stack overflow") },
	  .fmt = "kernel stack overflow in %F", .stack = &st_stack_overflow },
	{ .title = { LIT("Kernel panic - not syncing: Attempted to kill "
			 "init!") },
	  .fmt = "kernel panic: Attempted to kill init!" },
	{ .title = { RE("Kernel panic - not syncing: Couldn't open N_TTY "
			"ldisc for [^ ]+ --- error -[0-9]+") },
	  .fmt = "kernel panic: Couldn't open N_TTY ldisc" },
	{ .title = { LIT("Kernel panic - not syncing: Fatal exception") },
	  .fmt = "kernel panic: Fatal exception", .corrupted = 1 },
	{ .title = { LIT("Kernel panic - not syncing: panic_on_warn set") },
	  .fmt = "kernel panic: panic_on_warn set", .corrupted = 1 },
	{ .title = { LIT("Kernel panic - not syncing: hung_task: blocked "
			 "tasks") },
	  .fmt = "kernel panic: hung_task: blocked tasks", .corrupted = 1 },
	{ .title = { RE("Kernel panic - not syncing: (.*)") },
	  .fmt = "kernel panic: %1" },
};

static const struct oops_fmt fmt_double_fault[] = {
	{ .title = { LIT("PANIC: double fault") },
	  .fmt = "PANIC: double fault in %F", .stack = &st_rip },
};

static const struct oops_fmt fmt_rust[] = {
	{ .title = { LIT("rust_kernel: panicked") },
	  .report = { LIT("rust_kernel: panicked at"), RE("^(.+)$") },
	  .fmt = "%1 in %F", .stack = &st_rust },
};

static const struct oops_fmt fmt_kernel_bug[] = {
	{ .title = { LIT("kernel BUG at mm/usercopy.c") },
	  .fmt = "BUG: bad usercopy in %F", .stack = &st_usercopy },
	{ .title = { LIT("kernel BUG at lib/list_debug.c") },
	  .fmt = "BUG: corrupted list in %F", .stack = &st_trace },
	{ .title = { RE("kernel BUG at (.*)") },
	  .fmt = "kernel BUG in %F", .stack = &st_kernel_bug },
};

static const struct oops_fmt fmt_kernel_bug2[] = {
	{ .title = { RE("Kernel BUG (.*)") }, .fmt = "kernel BUG %1" },
};

static const struct oops_fmt fmt_kmalloc[] = {
	{ .title = { RE("BUG kmalloc-.*: Object already free") },
	  .fmt = "BUG: Object already free" },
};

static const struct oops_fmt fmt_divide[] = {
	{ .title = { LIT("divide error: ") },
	  .fmt = "divide error in %F", .stack = &st_rip },
};

static const struct oops_fmt fmt_divide2[] = {
	{ .title = { LIT("divide_error: ") },
	  .fmt = "divide error in %F", .stack = &st_rip },
};

static const struct oops_fmt fmt_invalid_op[] = {
	{ .title = { LIT("invalid opcode: ") },
	  .fmt = "invalid opcode in %F", .stack = &st_rip },
};

static const struct oops_fmt fmt_int3[] = {
	{ .title = { LIT("int3: ") },
	  .fmt = "int3 in %F", .stack = &st_rip_trace },
};

static const struct oops_fmt fmt_ubsan[] = {
	{ .title = { LIT("UBSAN:") },
	  .report = { LIT("UBSAN: Undefined behaviour in") },
	  .fmt = "UBSAN: undefined-behaviour in %F", .stack = &st_ubsan },
	{ .title = { LIT("UBSAN: array-index-out-of-bounds in") },
	  .fmt = "UBSAN: array-index-out-of-bounds in %F",
	  .stack = &st_ubsan },
	{ .title = { LIT("UBSAN:") },
	  .report = { SPL(SP_UNTIL_IN, "UBSAN: ") },
	  .fmt = "UBSAN: %1 in %F", .stack = &st_ubsan },
};

static const struct oops_fmt fmt_reboot[] = {
	{ .title = { { .re = "^Booting the kernel", .flags = PAT_FIRST_LINE } },
	  .fmt = "unexpected kernel reboot", .no_stack_trace = 1 },
};

static const struct oops_pat sup_reboot[] = {
	RE("Parsing ELF|Decompressing Linux|Unknown parameter '"), { 0 }
};

static const struct oops_fmt fmt_netdev[] = {
	{ .title = { RE("unregister_netdevice: waiting for .* to become "
			"free") },
	  .fmt = "unregister_netdevice: waiting for DEV to become free",
	  .no_stack_trace = 1 },
};

static const struct oops_fmt fmt_vfs_close[] = {
	{ .title = { LIT("VFS: Close: file count is 0") },
	  .fmt = "VFS: Close: file count is zero (use-after-free)",
	  .no_stack_trace = 1 },
};

static const struct oops_fmt fmt_vfs_busy[] = {
	{ .title = { LIT("VFS: Busy inodes after unmount") },
	  .fmt = "VFS: Busy inodes after unmount (use-after-free)",
	  .no_stack_trace = 1 },
};

static const struct oops_fmt fmt_internal[] = {
	{ .title = { LIT("Internal error:") },
	  .fmt = "Internal error in %F", .stack = &st_rip_trace },
};

static const struct oops_fmt fmt_unhandled[] = {
	{ .title = { LIT("Unhandled fault:") },
	  .fmt = "Unhandled fault in %F", .stack = &st_rip_trace },
};

static const struct oops_fmt fmt_alignment[] = {
	{ .title = { LIT("Alignment trap:") },
	  .fmt = "Alignment trap in %F", .stack = &st_rip_trace },
};

static const struct oops_fmt fmt_trusty[] = {
	{ .title = { RE("trusty: panic.* ASSERT FAILED") },
	  .report = { RE("trusty: panic \\([^)]*\\):( DEBUG)? ASSERT FAILED "
			 "at \\([^)]*\\): (.+)") },
	  .fmt = "trusty: ASSERT FAILED: %2", .no_stack_trace = 1 },
	{ .title = { RE("trusty: panic.* ASSERT FAILED.*: *(.*)") },
	  .fmt = "trusty: ASSERT FAILED: %1", .corrupted = 1 },
	{ .title = { LIT("trusty: panic") },
	  .report = { RE("trusty: panic \\([^)]*\\): (.+)") },
	  .fmt = "trusty: panic: %1", .no_stack_trace = 1 },
};

static const struct oops_fmt fmt_go[] = {
	{ .title = { LIT("fatal error:") },
	  .fmt = "go runtime error", .no_stack_trace = 1 },
};

static const struct oops_pat sup_go[] = {
	LIT("ALSA"), LIT("fatal error: cannot create timer"), { 0 }
};

static const struct oops_fmt fmt_syzfail[] = {
	{ .title = { RE("SYZFAIL:(.*)") },
	  .fmt = "SYZFAIL:%1", .no_stack_trace = 1 },
};

static const struct oops_fmt fmt_syzfatal[] = {
	{ .title = { RE("SYZFATAL:(.*)") },
	  .fmt = "SYZFATAL:%1", .no_stack_trace = 1 },
};

static const struct oops_fmt fmt_go_panic[] = {
	{ .title = { RE("panic: Sentry detected .* stuck task") },
	  .fmt = "panic: Sentry detected stuck tasks", .no_stack_trace = 1 },
	{ .title = { RE("panic:(.*)") },
	  .fmt = "panic:%1", .no_stack_trace = 1 },
};

static const struct oops_pat sup_go_panic[] = {
	LIT("_panic:"), LIT("xlog_status:"), LIT("ddb.onpanic:"),
	LIT("evtlog_status:"), { 0 }
};

/* logsage's own events ------------------------------------------------ */

/* The OOM killer's own frames and the page fault path that allocates. */
static const char *const oom_skip[] = {
	"oom", "out_of_memory", "dump_header", "alloc_pages", "alloc_folio",
	"charge", "fault", "^asm_", "^entry_", NULL
};

static const struct oops_stack_fmt st_oom = {
	.parts = { SP(SP_CALL_TRACE), STACK },
	.skip = oom_skip,
};

static const struct oops_fmt fmt_oom[] = {
	{ .title = { LIT("invoked oom-killer:") },
	  .fmt = "out of memory in %F", .fmt_noframe = "out of memory",
	  .stack = &st_oom, .type = OOPS_OOM },
};

static const struct oops_fmt fmt_oom_kill[] = {
	{ .title = { LIT("Memory cgroup out of memory:") },
	  .fmt = "memory cgroup out of memory", .no_stack_trace = 1,
	  .type = OOPS_OOM },
	{ .title = { LIT("of memory: Kill") },
	  .fmt = "out of memory", .no_stack_trace = 1, .type = OOPS_OOM },
};

static const struct oops_fmt fmt_hard_lockup[] = {
	{ .title = { LIT("Watchdog detected hard LOCKUP") },
	  .fmt = "hard lockup in %F", .fmt_noframe = "hard lockup",
	  .stack = &st_rip_trace_stall, .type = OOPS_HARD_LOCKUP },
};

static const struct oops_fmt fmt_mce[] = {
	{ .title = { LIT("Machine Check Exception") },
	  .fmt = "machine check exception", .no_stack_trace = 1,
	  .type = OOPS_MCE },
};

static const struct oops_fmt fmt_hw_error[] = {
	{ .title = { LIT("[Hardware Error]:") },
	  .fmt = "hardware error", .no_stack_trace = 1, .type = OOPS_MCE },
};

static const struct oops_fmt fmt_mce_logged[] = {
	{ .title = { LIT("Machine check events logged") },
	  .fmt = "machine check events logged", .no_stack_trace = 1,
	  .type = OOPS_MCE },
};

static const struct oops_fmt fmt_edac[] = {
	{ .title = { RE("EDAC .*[0-9]+ UE ") },
	  .fmt = "EDAC: uncorrected memory error", .no_stack_trace = 1,
	  .type = OOPS_MCE },
	{ .title = { RE("EDAC .*[0-9]+ CE ") },
	  .fmt = "EDAC: corrected memory error", .no_stack_trace = 1,
	  .type = OOPS_MCE },
};

static const struct oops_fmt fmt_sysrq[] = {
	{ .title = { LIT("rigger a crash") },
	  .fmt = "sysrq: crash triggered", .no_stack_trace = 1,
	  .type = OOPS_SYSRQ },
};

#define GROUP(h, f, ...) { .header = (h), .fmts = (f),		\
			   .nfmts = sizeof(f) / sizeof((f)[0]),	\
			   __VA_ARGS__ }

/* In syzkaller's order: the first group found on a line wins. */
static const struct oops_group groups[] = {
	GROUP("BUG:", fmt_bug, .suppress = sup_bug),
	GROUP("WARNING:", fmt_warning, .suppress = sup_warning),
	GROUP("INFO:", fmt_info, .suppress = sup_info),
	GROUP("Unable to handle kernel", fmt_unable),
	GROUP("general protection fault", fmt_gpf, .suppress = sup_gpf),
	GROUP("stack segment: ", fmt_stack_segment),
	GROUP("Kernel panic", fmt_panic),
	GROUP("PANIC: double fault", fmt_double_fault),
	GROUP("rust_kernel: panicked", fmt_rust),
	GROUP("kernel BUG", fmt_kernel_bug),
	GROUP("Kernel BUG", fmt_kernel_bug2),
	GROUP("BUG kmalloc-", fmt_kmalloc),
	GROUP("divide error:", fmt_divide),
	GROUP("divide_error:", fmt_divide2),
	GROUP("invalid opcode:", fmt_invalid_op),
	GROUP("int3:", fmt_int3),
	GROUP("UBSAN:", fmt_ubsan),
	GROUP("Booting the kernel.", fmt_reboot, .suppress = sup_reboot),
	GROUP("unregister_netdevice: waiting for", fmt_netdev),
	GROUP("VFS: Close: file count is 0", fmt_vfs_close),
	GROUP("VFS: Busy inodes after unmount", fmt_vfs_busy),
	GROUP("Internal error:", fmt_internal),
	GROUP("Unhandled fault:", fmt_unhandled),
	GROUP("Alignment trap:", fmt_alignment),
	GROUP("trusty: panic", fmt_trusty),
	GROUP("fatal error:", fmt_go, .suppress = sup_go),
	GROUP("SYZFAIL:", fmt_syzfail),
	GROUP("SYZFATAL:", fmt_syzfatal),
	GROUP("panic:", fmt_go_panic, .suppress = sup_go_panic),
	/* logsage's own, after all of syzkaller's */
	GROUP("invoked oom-killer:", fmt_oom, .ext = 1),
	GROUP("of memory: Kill", fmt_oom_kill, .ext = 1,
	      .fold_into = OOPS_OOM, .fold_window = 5000),
	GROUP("Watchdog detected hard LOCKUP", fmt_hard_lockup, .ext = 1),
	/* A new machine check starts an event; its detail lines join it. */
	GROUP("Machine check events logged", fmt_mce_logged, .ext = 1),
	GROUP("Machine Check Exception", fmt_mce, .ext = 1),
	GROUP("[Hardware Error]:", fmt_hw_error, .ext = 1,
	      .fold_into = OOPS_MCE, .fold_window = 200),
	GROUP("EDAC ", fmt_edac, .ext = 1,
	      .fold_into = OOPS_MCE, .fold_window = 200),
	GROUP("sysrq: Trigger a crash", fmt_sysrq, .ext = 1),
	GROUP("SysRq : Trigger a crash", fmt_sysrq, .ext = 1),
};

/*
 * What a "Kernel panic - not syncing: REASON" follows.  A reason listed
 * here is the last step of the event before it in the same context (the
 * kernel prints both from one place: oops_end(), khungtaskd, the
 * watchdogs, the #MC handler, the OOM killer, sysrq); any other reason
 * (a filesystem's errors=panic, a failed root mount, an unknown NMI, an
 * MCE broadcast timeout on another CPU) is a crash of its own.
 */
static const struct oops_panic_rule panic_rules[] = {
	{ "Fatal exception", NULL, OOPS_OTHER, 0 },
	{ "Attempted to kill init", NULL, OOPS_OTHER, 0 },
	{ "Aiee, killing interrupt handler", NULL, OOPS_OTHER, 0 },
	{ "panic_on_warn set", NULL, OOPS_OTHER, 0 },
	{ "hung_task: blocked tasks", "blocked for more than", OOPS_OTHER,
	  1 },
	{ "softlockup: hung tasks", "soft lockup", OOPS_OTHER, 0 },
	{ "RCU Stall", "stall", OOPS_OTHER, 0 },
	{ "Hard LOCKUP", NULL, OOPS_HARD_LOCKUP, 0 },
	{ "Fatal machine check", NULL, OOPS_MCE, 0 },
	{ "Fatal local machine check", NULL, OOPS_MCE, 0 },
	{ "Fatal hardware error", NULL, OOPS_MCE, 0 },
	{ "Out of memory", NULL, OOPS_OOM, 0 },
	{ "System is deadlocked on memory", NULL, OOPS_OOM, 0 },
	{ "sysrq triggered crash", NULL, OOPS_SYSRQ, 0 },
};

const struct oops_panic_rule *oops_rules_panic(const char *s, size_t len)
{
	static const char lead[] = "Kernel panic - not syncing: ";
	const char *reason = oops_memmem(s, len, lead);
	size_t n;

	if (!reason)
		return NULL;
	reason += sizeof(lead) - 1;
	n = len - (size_t)(reason - s);
	for (size_t i = 0; i < sizeof(panic_rules) / sizeof(panic_rules[0]);
	     i++)
		if (oops_memmem(reason, n, panic_rules[i].reason))
			return &panic_rules[i];
	return NULL;
}

const struct oops_group *oops_rules_groups(size_t *ngroups, size_t *nsyz)
{
	size_t n = sizeof(groups) / sizeof(groups[0]), i = 0;

	while (i < n && !groups[i].ext)
		i++;
	*ngroups = n;
	*nsyz = i;
	return groups;
}

/* Substrings that set line flags; group headers are added by the ctx. */
static const struct oops_needle flag_needles[] = {
	{ "invalid opcode: 0000", -1, LF_START_IGNORE },
	{ "Kernel panic - not syncing", -1, LF_START_IGNORE | LF_PANIC },
	{ "unregister_netdevice: waiting for", -1, LF_START_IGNORE },
	{ "PANIC: double fault", -1, LF_START_IGNORE },
	{ "Internal error:", -1, LF_START_IGNORE },
	{ "vmalloc: allocation failure:", -1, LF_INFO_STACK },
	{ "FAULT_INJECTION: forcing a failure", -1, LF_INFO_STACK },
	{ "FAULT_FLAG_ALLOW_RETRY missing", -1, LF_INFO_STACK },
	{ "Disabling lock debugging due to kernel taint", -1, LF_NO_LOCKDEP },
	{ "Sending NMI from CPU", -1, LF_NMI_BT },
	{ "WARNING: possible circular locking dependency detected", -1,
	  LF_CIRCULAR },
	{ "** replaying previous printk message **", -1, LF_REPLAY },
	{ "serialport: VM disconnected.", -1, LF_HANGUP },
	{ "Kdump: loaded", -1, LF_KDUMP },
	{ "BUG: KMSAN:", -1, LF_KMSAN },
	{ "------------[ cut here ]------------", -1, LF_CUT_HERE },
	{ "list_add corruption", -1, LF_LIST },
	{ "list_del corruption", -1, LF_LIST },
	{ "list_add double add", -1, LF_LIST },
	{ "[#", -1, LF_DIE },
	{ "Call Trace", -1, LF_STACKISH },
	{ "Call trace", -1, LF_STACKISH },
	{ "Allocated", -1, LF_STACKISH },
	{ "Freed", -1, LF_STACKISH },
	{ " backtrace", -1, LF_STACKISH },
	{ "Backtrace:", -1, LF_STACKISH },
	{ "Uninit was stored", -1, LF_STACKISH },
	{ "status: ", -1, LF_STACKISH },
	{ "Comm: ", -1, LF_TASK },
	{ "Hardware name: ", -1, LF_HARDWARE },
	{ "Modules linked in:", -1, LF_MODULES },
	{ "Code: ", -1, LF_CODE },
	{ " ? ", -1, LF_QMARK },
	{ "<EOI>", -1, LF_EOI },
	{ "---[ end", -1, LF_END_TRACE },
	/* SLUB debug details of the report before them, not new crashes */
	{ "INFO: Slab 0x", -1, LF_JOIN },
	{ "INFO: Object 0x", -1, LF_JOIN },
	{ "INFO: Allocated in ", -1, LF_JOIN },
	{ "INFO: Freed in ", -1, LF_JOIN },
	{ "WARNING: CPU: ", -1, LF_WARN_CPU },
	/* the stack headers of oops_detail.c */
	{ "Call Trace:", -1, LF_STACK_HDR },
	{ "Call trace:", -1, LF_STACK_HDR },
	{ "Backtrace:", -1, LF_STACK_HDR },
	{ "Allocated by task", -1, LF_STACK_HDR },
	{ "Allocated:", -1, LF_STACK_HDR },
	{ "Freed by task", -1, LF_STACK_HDR },
	{ "Freed:", -1, LF_STACK_HDR },
	{ "potentially related work creation:", -1, LF_STACK_HDR },
	{ "Uninit was ", -1, LF_STACK_HDR },
	{ " created at:", -1, LF_STACK_HDR },
	{ "backtrace", -1, LF_STACK_HDR },
	{ "page last ", -1, LF_STACK_HDR },
	{ "Exception stack(", -1, LF_STACK_HDR },
};

const struct oops_needle *oops_rules_needles(size_t *n)
{
	*n = sizeof(flag_needles) / sizeof(flag_needles[0]);
	return flag_needles;
}
