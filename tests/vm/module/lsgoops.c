// SPDX-License-Identifier: GPL-2.0
/*
 * lsgoops - oops on demand, for logsage's vmcore fixtures.
 *
 * Writing anything to /proc/lsgoops dereferences a NULL struct pointer a
 * few calls below the write handler:
 *
 *   lsg_write() -> lsg_poke() -> lsg_walk() -> lsg_read_gen() (inline)
 *
 * so the oops has a RIP inside the module, an inlined frame for the
 * symbolizer to expand and module frames in the call trace.  Boot with
 * oops=panic to turn the oops into a kdump.
 */
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/types.h>

struct lsg_node {
	unsigned long magic;
	unsigned long gen;
	struct lsg_node *next;
};

/* Stays NULL: the write path below walks into it. */
static struct lsg_node *lsg_head;
static struct proc_dir_entry *lsg_entry;

static __always_inline unsigned long lsg_read_gen(const struct lsg_node *n)
{
	return READ_ONCE(n->gen);
}

static noinline unsigned long lsg_walk(struct lsg_node *n, size_t hops)
{
	unsigned long sum = 0;

	while (hops--) {
		sum += lsg_read_gen(n);
		n = n->next;
	}
	return sum;
}

static noinline int lsg_poke(size_t len)
{
	unsigned long sum;

	pr_info("lsgoops: poking the list, %zu bytes written\n", len);
	sum = lsg_walk(READ_ONCE(lsg_head), len);
	pr_info("lsgoops: survived, sum %lu\n", sum);
	return 0;
}

static ssize_t lsg_write(struct file *file, const char __user *buf,
			 size_t len, loff_t *ppos)
{
	int err;

	err = lsg_poke(len);
	if (err)
		return err;
	return len;
}

static const struct proc_ops lsg_ops = {
	.proc_write = lsg_write,
	.proc_lseek = noop_llseek,
};

static int __init lsg_init(void)
{
	lsg_entry = proc_create("lsgoops", 0200, NULL, &lsg_ops);
	if (!lsg_entry)
		return -ENOMEM;
	pr_info("lsgoops: loaded, write to /proc/lsgoops to oops\n");
	return 0;
}

static void __exit lsg_exit(void)
{
	proc_remove(lsg_entry);
}

module_init(lsg_init);
module_exit(lsg_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("logsage");
MODULE_DESCRIPTION("NULL pointer dereference on demand, for vmcore fixtures");
