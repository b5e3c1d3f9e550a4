// SPDX-License-Identifier: GPL-2.0
/*
 * logsage.ko: keep a small crash record in physically contiguous memory so
 * that the logsage capture agent in the kdump kernel can read why the
 * kernel died, the first oops of the boot and recent machine checks, even
 * when their lines have scrolled out of the printk ring.
 *
 * The record's physical address is published in
 * /sys/kernel/logsage/record_phys; the setup script passes it to the crash
 * kernel as logsage.record=0x...
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/kdebug.h>
#include <linux/kmsg_dump.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>
#include <linux/version.h>
#include <asm/io.h>
#include <asm/mce.h>

#include "logsage_record.h"

static char *tag = "";
module_param(tag, charp, 0444);
MODULE_PARM_DESC(tag, "Fleet host tag stored in the crash record");

static struct logsage_record *record;
static struct kobject *logsage_kobj;
/* Serialises writers; taken with trylock in the crash paths. */
static DEFINE_RAW_SPINLOCK(record_lock);

static void record_seal(void)
{
	record->updates = cpu_to_le64(le64_to_cpu(record->updates) + 1);
	record->crc = 0;
	record->crc = cpu_to_le32(crc32_le(~0U, (const u8 *)record,
					   sizeof(*record)) ^ ~0U);
}

/* get_taint() is not exported; test_taint() is. */
static u64 taint_mask(void)
{
	u64 mask = 0;
	int i;

	for (i = 0; i < TAINT_FLAGS_COUNT && i < 64; i++)
		if (test_taint(i))
			mask |= BIT_ULL(i);
	return mask;
}

static void event_fill(struct logsage_event *ev, const char *text)
{
	ev->time_ns = cpu_to_le64(ktime_get_real_fast_ns());
	ev->cpu = cpu_to_le32(raw_smp_processor_id());
	ev->pid = cpu_to_le32(task_pid_nr(current));
	strscpy(ev->comm, current->comm, sizeof(ev->comm));
	ev->taint = cpu_to_le64(taint_mask());
	strscpy(ev->text, text ? text : "", sizeof(ev->text));
}

/*
 * In a crash another CPU may hold the lock forever: try for a while, then
 * write anyway; the CRC tells the agent if the record was torn.
 */
static bool record_lock_crash(unsigned long *flags)
{
	int i;

	for (i = 0; i < 1000; i++) {
		if (raw_spin_trylock_irqsave(&record_lock, *flags))
			return true;
		cpu_relax();
	}
	local_irq_save(*flags);
	return false;
}

static void record_unlock_crash(bool locked, unsigned long flags)
{
	if (locked)
		raw_spin_unlock_irqrestore(&record_lock, flags);
	else
		local_irq_restore(flags);
}

static int logsage_panic(struct notifier_block *nb, unsigned long event,
			 void *msg)
{
	unsigned long flags;
	bool locked = record_lock_crash(&flags);

	event_fill(&record->panic, msg);
	record->flags |= cpu_to_le32(LOGSAGE_HAVE_PANIC);
	record_seal();
	record_unlock_crash(locked, flags);
	return NOTIFY_DONE;
}

static int logsage_die(struct notifier_block *nb, unsigned long val,
		       void *data)
{
	struct die_args *args = data;
	unsigned long flags;
	bool locked;

	if (val != DIE_OOPS)
		return NOTIFY_DONE;
	locked = record_lock_crash(&flags);
	event_fill(&record->die, args->str);
	record->die.trap = cpu_to_le32(args->trapnr);
	record->die.signr = cpu_to_le32(args->signr);
	record->die.err = cpu_to_le64(args->err);
	if (!(record->flags & cpu_to_le32(LOGSAGE_HAVE_FIRST_OOPS))) {
		record->first_oops = record->die;
		record->flags |= cpu_to_le32(LOGSAGE_HAVE_FIRST_OOPS);
	}
	record->flags |= cpu_to_le32(LOGSAGE_HAVE_DIE);
	record->oops_count = cpu_to_le32(le32_to_cpu(record->oops_count) + 1);
	record_seal();
	record_unlock_crash(locked, flags);
	return NOTIFY_DONE;
}

/* 6.12 passes the reason inside struct kmsg_dump_detail. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
static void logsage_dump(struct kmsg_dumper *dumper,
			 struct kmsg_dump_detail *detail)
{
	enum kmsg_dump_reason reason = detail->reason;
#else
static void logsage_dump(struct kmsg_dumper *dumper,
			 enum kmsg_dump_reason reason)
{
#endif
	unsigned long flags;
	bool locked = record_lock_crash(&flags);

	record->dump_reason = cpu_to_le32(reason);
	record->flags |= cpu_to_le32(LOGSAGE_HAVE_DUMP);
	record_seal();
	record_unlock_crash(locked, flags);
}

static struct notifier_block panic_nb = {
	.notifier_call = logsage_panic,
	.priority = INT_MAX,
};

static struct notifier_block die_nb = {
	.notifier_call = logsage_die,
	.priority = INT_MAX,
};

#ifdef CONFIG_X86_MCE
static int logsage_mce(struct notifier_block *nb, unsigned long val,
		       void *data)
{
	struct mce *m = data;
	struct logsage_mce *slot;
	unsigned long flags;
	u32 n;

	if (!m)
		return NOTIFY_DONE;
	raw_spin_lock_irqsave(&record_lock, flags);
	n = le32_to_cpu(record->mce_count);
	slot = &record->mce[n % LOGSAGE_MCE_SLOTS];
	slot->time_ns = cpu_to_le64(ktime_get_real_fast_ns());
	slot->status = cpu_to_le64(m->status);
	slot->addr = cpu_to_le64(m->addr);
	slot->misc = cpu_to_le64(m->misc);
	slot->bank = cpu_to_le32(m->bank);
	slot->cpu = cpu_to_le32(m->extcpu);
	record->mce_count = cpu_to_le32(n + 1);
	record_seal();
	raw_spin_unlock_irqrestore(&record_lock, flags);
	return NOTIFY_DONE;
}

static struct notifier_block mce_nb = {
	.notifier_call = logsage_mce,
	.priority = MCE_PRIO_LOWEST,
};

static void mce_register(void)
{
	mce_register_decode_chain(&mce_nb);
}

static void mce_unregister(void)
{
	mce_unregister_decode_chain(&mce_nb);
}
#else
/* Kernels without machine-check support (e.g. Debian's cloud flavour). */
static void mce_register(void)
{
}

static void mce_unregister(void)
{
}
#endif

static struct kmsg_dumper dumper = {
	.dump = logsage_dump,
};

static ssize_t record_phys_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%llx\n",
			  (unsigned long long)virt_to_phys(record));
}

static ssize_t record_size_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%zu\n", sizeof(*record));
}

static struct kobj_attribute record_phys_attr = __ATTR_RO(record_phys);
static struct kobj_attribute record_size_attr = __ATTR_RO(record_size);

static struct attribute *logsage_attrs[] = {
	&record_phys_attr.attr,
	&record_size_attr.attr,
	NULL,
};

static const struct attribute_group logsage_group = {
	.attrs = logsage_attrs,
};

static void record_init(void)
{
	record->magic = cpu_to_le32(LOGSAGE_RECORD_MAGIC);
	record->version = cpu_to_le16(LOGSAGE_RECORD_VERSION);
	record->size = cpu_to_le16(sizeof(*record));
	strscpy(record->tag, tag, sizeof(record->tag));
	record_seal();
}

static int __init logsage_init(void)
{
	int ret;

	/* kmalloc memory is physically contiguous and in the direct map. */
	record = kzalloc(sizeof(*record), GFP_KERNEL);
	if (!record)
		return -ENOMEM;
	record_init();
	logsage_kobj = kobject_create_and_add("logsage", kernel_kobj);
	if (!logsage_kobj) {
		ret = -ENOMEM;
		goto out_free;
	}
	ret = sysfs_create_group(logsage_kobj, &logsage_group);
	if (ret)
		goto out_kobj;
	ret = register_die_notifier(&die_nb);
	if (ret)
		goto out_kobj;
	ret = kmsg_dump_register(&dumper);
	if (ret)
		goto out_die;
	atomic_notifier_chain_register(&panic_notifier_list, &panic_nb);
	mce_register();
	pr_info("crash record at 0x%llx (%zu bytes)\n",
		(unsigned long long)virt_to_phys(record), sizeof(*record));
	return 0;

out_die:
	unregister_die_notifier(&die_nb);
out_kobj:
	kobject_put(logsage_kobj);
out_free:
	kfree(record);
	return ret;
}

static void __exit logsage_exit(void)
{
	mce_unregister();
	atomic_notifier_chain_unregister(&panic_notifier_list, &panic_nb);
	kmsg_dump_unregister(&dumper);
	unregister_die_notifier(&die_nb);
	kobject_put(logsage_kobj);
	kfree(record);
}

module_init(logsage_init);
module_exit(logsage_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Crash record for the logsage kdump capture agent");
