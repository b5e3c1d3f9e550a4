// SPDX-License-Identifier: GPL-2.0
/*
 * vxfer - a stand-in DMA transfer engine driver with real driver bugs.
 *
 * This module is the cause side of logsage's crash corpus
 * (tests/scenarios).  It registers a platform device, vxfer.0, and looks
 * like any small out-of-tree driver: it logs ring set-up, link changes,
 * timeouts and recoveries with dev_*() under its own name.  Each sysfs
 * attribute of the device runs one code path that contains a classic
 * kernel bug; the kernel then fails the way it really does (oops, BUG,
 * WARN, lockup, hung task, stack overflow, OOM).  Nothing it prints names
 * the corpus: every message is one a driver could print.
 *
 * Attributes (write a number; most ignore it), see tests/scenarios/README.md:
 *
 *   ring_reap     NULL ->buf of a descriptor, dereferenced in a work item
 *   flush         NULL ->complete op called from the sysfs store
 *   poll_ms       arms a timer whose callback reads a NULL status block
 *   ring_init     writes through a NULL status block (sysfs store)
 *   rx_refill     a work item refills receive buffers with GFP_ATOMIC and
 *                 does not check for failure
 *   stats         takes cfg_lock
 *   teardown      frees the ring buffer twice (double free)
 *   requeue       deletes a request from its list twice
 *   attach        adds a channel to the channel list twice
 *   detach        drops a channel reference twice, then stops the channel
 *                 (use after free)
 *   resync        BUG_ON in a work item
 *   commit        BUG_ON in the sysfs store
 *   qos           BUG_ON in a timer callback
 *   tx_timeout    WARN_ON in a work item
 *   ring_size     WARN_ONCE on a size that is not a power of two
 *   release       refcount underflow (WARN in lib/refcount.c)
 *   dma_mask      WARN_ON_ONCE on an unsupported mask (harmless)
 *   spin          a kthread holds ring_lock and polls forever
 *   spin_irq      the same with interrupts off
 *   rearm         a kthread takes ring_lock twice
 *   abba          two kthreads take cfg_lock and ring_mutex in
 *                 opposite order
 *   fw_activate   waits for a firmware completion that never comes
 *   drain         flushes a work item that needs the lock it holds
 *   walk          recursive descriptor-chain walk on a looped chain
 *   walk_async    the same in a work item
 *   prealloc      a work item allocates receive pages and never frees
 *                 them
 *   link          logs a link down/up pair
 *   reset         resets a ring and logs its recovery
 *   timeout       logs a DMA timeout and its recovery
 *   verbose       logs N late-completion lines (a log flood)
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/version.h>
#include <linux/workqueue.h>

#define VX_RINGS	4
#define VX_DESCS	256

struct vx_buf {
	u32 len;
	u32 flags;
	dma_addr_t addr;
};

struct vx_desc {
	struct vx_buf *buf;
	u32 status;
	u32 cookie;
	struct vx_desc *next;
};

struct vx_status_block {
	u32 head;
	u32 tail;
	u32 err;
};

struct vx_chan;

struct vx_chan_ops {
	int (*start)(struct vx_chan *chan);
	void (*stop)(struct vx_chan *chan);
	void (*complete)(struct vx_chan *chan, u32 cookie);
};

/* 192 bytes: the slab's free pointer lands on ->ops once freed. */
struct vx_chan {
	char name[32];
	u64 stats[8];
	const struct vx_chan_ops *ops;
	refcount_t ref;
	u32 id;
	struct list_head node;
	u8 pad[64];
};

struct vx_req {
	struct list_head node;
	u32 tag;
};

struct vxfer {
	struct platform_device *pdev;
	struct device *dev;
	struct workqueue_struct *wq;
	struct work_struct reap_work;
	struct work_struct refill_work;
	struct work_struct resync_work;
	struct work_struct tx_timeout_work;
	struct work_struct walk_work;
	struct work_struct drain_work;
	struct work_struct prealloc_work;
	struct timer_list poll_timer;
	struct timer_list qos_timer;
	struct mutex cfg_lock;
	struct mutex ring_mutex;
	spinlock_t ring_lock;
	struct completion fw_done;
	struct list_head chans;
	struct list_head pending;
	struct list_head rx_pages;
	struct vx_desc ring[VX_DESCS];
	struct vx_status_block *sblk;
	const struct vx_chan_ops *ops;
	refcount_t users;
	u32 head;
	u32 size;
	u64 dma_mask;
	unsigned long rx_bytes;
};

static struct vxfer *vx;

static void vxfer_chan_noop_stop(struct vx_chan *chan)
{
	chan->stats[0] = 0;
}

static const struct vx_chan_ops vxfer_chan_ops = {
	.stop = vxfer_chan_noop_stop,
};

/* --- NULL pointer dereferences ---------------------------------------- */

static noinline u32 vxfer_desc_complete(struct vx_desc *d)
{
	return READ_ONCE(d->buf->len) + d->status;
}

static noinline u32 vxfer_ring_reap(struct vxfer *v)
{
	u32 done = 0, i;

	for (i = 0; i < VX_DESCS; i++)
		done += vxfer_desc_complete(&v->ring[(v->head + i) % VX_DESCS]);
	return done;
}

static void vxfer_reap_work(struct work_struct *w)
{
	struct vxfer *v = container_of(w, struct vxfer, reap_work);

	v->rx_bytes += vxfer_ring_reap(v);
}

static noinline void vxfer_ring_init(struct vxfer *v, u32 ring)
{
	WRITE_ONCE(v->sblk->tail, ring);
	WRITE_ONCE(v->sblk->head, 0);
}

/* The refill path does not check its allocation. */
static noinline void vxfer_rx_fill(struct vx_buf *b, u32 len)
{
	b->len = len;
	b->flags = 1;
}

static void vxfer_refill_work(struct work_struct *w)
{
	struct vxfer *v = container_of(w, struct vxfer, refill_work);
	struct vx_buf *b;
	u32 n;

	for (n = 0; n < 20000; n++) {
		b = kmalloc(1 << 20, GFP_ATOMIC);
		vxfer_rx_fill(b, v->size << 9);
		kfree(b);
		usleep_range(2000, 4000);
	}
}

static noinline void vxfer_queue_flush(struct vxfer *v)
{
	u32 i;

	for (i = 0; i < VX_DESCS; i++)
		v->ops->complete(NULL, v->ring[i].cookie);
}

static noinline u32 vxfer_check_status(struct vxfer *v)
{
	return READ_ONCE(v->sblk->err) | READ_ONCE(v->sblk->head);
}

static void vxfer_poll_timer(struct timer_list *t)
{
	struct vxfer *v = from_timer(v, t, poll_timer);

	if (vxfer_check_status(v))
		dev_err(v->dev, "ring error status\n");
}

/* --- memory corruption ------------------------------------------------ */

static noinline void vxfer_free_ring(struct vxfer *v, void *ring)
{
	kfree(ring);
	v->head = 0;
}

static noinline int vxfer_teardown(struct vxfer *v)
{
	void *ring = kzalloc(1500, GFP_KERNEL);

	if (!ring)
		return -ENOMEM;
	vxfer_free_ring(v, ring);
	/* the error path frees it again */
	vxfer_free_ring(v, ring);
	return 0;
}

static noinline void vxfer_req_complete(struct vxfer *v, struct vx_req *req)
{
	spin_lock_bh(&v->ring_lock);
	list_del(&req->node);
	spin_unlock_bh(&v->ring_lock);
}

static noinline int vxfer_requeue(struct vxfer *v)
{
	struct vx_req *req = kzalloc(sizeof(*req), GFP_KERNEL);

	if (!req)
		return -ENOMEM;
	spin_lock_bh(&v->ring_lock);
	list_add_tail(&req->node, &v->pending);
	spin_unlock_bh(&v->ring_lock);
	vxfer_req_complete(v, req);
	vxfer_req_complete(v, req);
	return 0;
}

static noinline void vxfer_chan_attach(struct vxfer *v, struct vx_chan *chan)
{
	spin_lock_bh(&v->ring_lock);
	list_add(&chan->node, &v->chans);
	spin_unlock_bh(&v->ring_lock);
}

static struct vx_chan *vxfer_chan_alloc(struct vxfer *v, u32 id)
{
	struct vx_chan *chan;

	BUILD_BUG_ON(sizeof(*chan) != 192);
	BUILD_BUG_ON(offsetof(struct vx_chan, ops) != 96);
	chan = kzalloc(sizeof(*chan), GFP_KERNEL);

	if (!chan)
		return NULL;
	snprintf(chan->name, sizeof(chan->name), "vxfer-ch%u", id);
	chan->ops = &vxfer_chan_ops;
	chan->id = id;
	refcount_set(&chan->ref, 1);
	INIT_LIST_HEAD(&chan->node);
	return chan;
}

static noinline int vxfer_attach(struct vxfer *v, u32 id)
{
	struct vx_chan *chan = vxfer_chan_alloc(v, id);

	if (!chan)
		return -ENOMEM;
	vxfer_chan_attach(v, chan);
	dev_info(v->dev, "channel %u attached\n", id);
	vxfer_chan_attach(v, chan);
	return 0;
}

static noinline void vxfer_chan_put(struct vx_chan *chan)
{
	if (refcount_dec_and_test(&chan->ref))
		kfree(chan);
}

static noinline void vxfer_chan_stop(struct vx_chan *chan)
{
	READ_ONCE(chan->ops)->stop(chan);
}

static noinline int vxfer_detach(struct vxfer *v, u32 id)
{
	struct vx_chan *chan = vxfer_chan_alloc(v, id);

	if (!chan)
		return -ENOMEM;
	vxfer_chan_put(chan);
	vxfer_chan_stop(chan);
	return 0;
}

/* --- assertions and warnings ------------------------------------------ */

static noinline void vxfer_ring_resync(struct vxfer *v)
{
	v->head = v->size + 3;
	BUG_ON(v->head >= v->size);
}

static void vxfer_resync_work(struct work_struct *w)
{
	vxfer_ring_resync(container_of(w, struct vxfer, resync_work));
}

static noinline void vxfer_commit_desc(struct vxfer *v, u32 idx)
{
	struct vx_desc *d = &v->ring[idx % VX_DESCS];

	d->status = 0;
	BUG_ON(!d->buf);
}

static void vxfer_qos_timer(struct timer_list *t)
{
	struct vxfer *v = from_timer(v, t, qos_timer);

	BUG_ON(in_interrupt() && !v->sblk);
}

static noinline void vxfer_tx_timeout(struct vxfer *v)
{
	dev_warn(v->dev, "transmit queue 0 timed out\n");
	WARN_ON(v->head != v->size);
}

static void vxfer_tx_timeout_work(struct work_struct *w)
{
	vxfer_tx_timeout(container_of(w, struct vxfer, tx_timeout_work));
}

static noinline int vxfer_set_ring_size(struct vxfer *v, u32 size)
{
	if (WARN_ONCE(size & (size - 1), "ring size %u is not a power of 2\n",
		      size))
		size = roundup_pow_of_two(size);
	v->size = size;
	return 0;
}

static noinline void vxfer_release(struct vxfer *v)
{
	refcount_dec(&v->users);
	refcount_dec(&v->users);
}

static noinline int vxfer_set_dma_mask(struct vxfer *v, u64 mask)
{
	if (WARN_ON_ONCE(mask > DMA_BIT_MASK(48))) {
		dev_warn(v->dev, "falling back to 32-bit DMA\n");
		mask = DMA_BIT_MASK(32);
	}
	v->dma_mask = mask;
	return 0;
}

/* --- lockups and hangs ------------------------------------------------ */

static int vxfer_poll_thread(void *data)
{
	struct vxfer *v = data;

	spin_lock(&v->ring_lock);
	while (!READ_ONCE(v->sblk))
		cpu_relax();
	spin_unlock(&v->ring_lock);
	return 0;
}

static int vxfer_poll_irq_thread(void *data)
{
	struct vxfer *v = data;
	unsigned long flags;

	spin_lock_irqsave(&v->ring_lock, flags);
	while (!READ_ONCE(v->sblk))
		cpu_relax();
	spin_unlock_irqrestore(&v->ring_lock, flags);
	return 0;
}

static noinline void vxfer_ring_lock(struct vxfer *v)
{
	spin_lock(&v->ring_lock);
}

static int vxfer_rearm_thread(void *data)
{
	struct vxfer *v = data;

	vxfer_ring_lock(v);
	v->head = 0;
	/* rearm path takes the lock again */
	vxfer_ring_lock(v);
	spin_unlock(&v->ring_lock);
	spin_unlock(&v->ring_lock);
	return 0;
}

static int vxfer_cfg_thread(void *data)
{
	struct vxfer *v = data;

	mutex_lock(&v->cfg_lock);
	msleep(200);
	mutex_lock(&v->ring_mutex);
	mutex_unlock(&v->ring_mutex);
	mutex_unlock(&v->cfg_lock);
	return 0;
}

static int vxfer_ring_thread(void *data)
{
	struct vxfer *v = data;

	mutex_lock(&v->ring_mutex);
	msleep(200);
	mutex_lock(&v->cfg_lock);
	mutex_unlock(&v->cfg_lock);
	mutex_unlock(&v->ring_mutex);
	return 0;
}

static noinline int vxfer_fw_activate(struct vxfer *v)
{
	dev_info(v->dev, "activating firmware image 2\n");
	reinit_completion(&v->fw_done);
	wait_for_completion(&v->fw_done);
	return 0;
}

static void vxfer_drain_work(struct work_struct *w)
{
	struct vxfer *v = container_of(w, struct vxfer, drain_work);

	mutex_lock(&v->cfg_lock);
	v->head = 0;
	mutex_unlock(&v->cfg_lock);
}

static noinline void vxfer_drain(struct vxfer *v)
{
	mutex_lock(&v->cfg_lock);
	queue_work(v->wq, &v->drain_work);
	msleep(50);
	flush_work(&v->drain_work);
	mutex_unlock(&v->cfg_lock);
}

static int vxfer_start_thread(struct vxfer *v, int (*fn)(void *),
			      const char *name, int cpu)
{
	struct task_struct *t;

	t = kthread_create(fn, v, "%s", name);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (cpu >= 0 && cpu_online(cpu))
		kthread_bind(t, cpu);
	wake_up_process(t);
	return 0;
}

/* --- stack overflow --------------------------------------------------- */

static noinline u32 vxfer_walk_chain(struct vx_desc *d, u32 depth)
{
	u8 scratch[192];
	u32 sum;

	if (!d)
		return depth;
	memset(scratch, d->cookie & 0xff, sizeof(scratch));
	barrier_data(scratch);
	sum = vxfer_walk_chain(d->next, depth + 1);
	return sum + scratch[depth % sizeof(scratch)];
}

static u32 vxfer_walk(struct vxfer *v)
{
	u32 i;

	/* the last descriptor points back at the first: a looped chain */
	for (i = 0; i < VX_DESCS; i++)
		v->ring[i].next = &v->ring[(i + 1) % VX_DESCS];
	return vxfer_walk_chain(&v->ring[0], 0);
}

static void vxfer_walk_work(struct work_struct *w)
{
	struct vxfer *v = container_of(w, struct vxfer, walk_work);

	v->rx_bytes += vxfer_walk(v);
}

/* --- memory leak ------------------------------------------------------ */

static noinline int vxfer_rx_refill(struct vxfer *v)
{
	struct page *p = alloc_pages(GFP_KERNEL, 2);

	if (!p)
		return -ENOMEM;
	list_add(&p->lru, &v->rx_pages);
	return 0;
}

static void vxfer_prealloc_work(struct work_struct *w)
{
	struct vxfer *v = container_of(w, struct vxfer, prealloc_work);
	unsigned long n;

	for (n = 0; ; n++) {
		if (vxfer_rx_refill(v))
			msleep(20);
		if ((n & 255) == 0)
			cond_resched();
	}
}

/* --- ordinary driver chatter ------------------------------------------ */

static void vxfer_link(struct vxfer *v, u32 speed)
{
	dev_info(v->dev, "link down\n");
	msleep(300);
	dev_info(v->dev, "link up, %u Mbps, full duplex\n", speed ? speed :
		 10000);
}

static void vxfer_reset(struct vxfer *v, u32 ring)
{
	ring %= VX_RINGS;
	dev_warn(v->dev, "ring %u: descriptor fetch stalled, resetting\n",
		 ring);
	msleep(100);
	dev_info(v->dev, "ring %u: reset complete, %u descriptors\n", ring,
		 VX_DESCS);
}

static void vxfer_timeout(struct vxfer *v, u32 ring)
{
	ring %= VX_RINGS;
	dev_err(v->dev, "DMA timeout on ring %u, status 0x%08x\n", ring,
		0x40010000 | ring);
	msleep(50);
	dev_info(v->dev, "ring %u: recovered after timeout\n", ring);
}

static void vxfer_verbose(struct vxfer *v, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		dev_info(v->dev, "ring %u: descriptor %u completed late (%u us)\n",
			 i % VX_RINGS, (i * 37) % VX_DESCS, 100 + (i * 7919) % 900);
		if ((i & 63) == 63)
			cond_resched();
	}
}

/* --- sysfs ------------------------------------------------------------ */

enum vx_knob {
	VX_RING_REAP, VX_FLUSH, VX_POLL_MS, VX_RING_INIT, VX_RX_REFILL, VX_STATS,
	VX_TEARDOWN, VX_REQUEUE, VX_ATTACH, VX_DETACH,
	VX_RESYNC, VX_COMMIT, VX_QOS,
	VX_TX_TIMEOUT, VX_RING_SIZE, VX_RELEASE, VX_DMA_MASK,
	VX_SPIN, VX_SPIN_IRQ, VX_REARM, VX_ABBA, VX_FW_ACTIVATE, VX_DRAIN,
	VX_WALK, VX_WALK_ASYNC, VX_PREALLOC,
	VX_LINK, VX_RESET, VX_TIMEOUT, VX_VERBOSE,
};

static int vxfer_knob(struct vxfer *v, enum vx_knob k, u32 val)
{
	switch (k) {
	case VX_RING_REAP:
		queue_work(v->wq, &v->reap_work);
		return 0;
	case VX_FLUSH:
		vxfer_queue_flush(v);
		return 0;
	case VX_POLL_MS:
		mod_timer(&v->poll_timer, jiffies + msecs_to_jiffies(val));
		return 0;
	case VX_RING_INIT:
		vxfer_ring_init(v, val);
		return 0;
	case VX_RX_REFILL:
		queue_work(v->wq, &v->refill_work);
		return 0;
	case VX_STATS:
		mutex_lock(&v->cfg_lock);
		dev_info(v->dev, "rx %lu bytes\n", v->rx_bytes);
		mutex_unlock(&v->cfg_lock);
		return 0;
	case VX_TEARDOWN:
		return vxfer_teardown(v);
	case VX_REQUEUE:
		return vxfer_requeue(v);
	case VX_ATTACH:
		return vxfer_attach(v, val);
	case VX_DETACH:
		return vxfer_detach(v, val);
	case VX_RESYNC:
		queue_work(v->wq, &v->resync_work);
		return 0;
	case VX_COMMIT:
		vxfer_commit_desc(v, val);
		return 0;
	case VX_QOS:
		mod_timer(&v->qos_timer, jiffies + msecs_to_jiffies(val));
		return 0;
	case VX_TX_TIMEOUT:
		queue_work(v->wq, &v->tx_timeout_work);
		return 0;
	case VX_RING_SIZE:
		return vxfer_set_ring_size(v, val);
	case VX_RELEASE:
		vxfer_release(v);
		return 0;
	case VX_DMA_MASK:
		return vxfer_set_dma_mask(v, val ? DMA_BIT_MASK(val) : ~0ULL);
	case VX_SPIN:
		return vxfer_start_thread(v, vxfer_poll_thread, "vxfer_poll",
					  val);
	case VX_SPIN_IRQ:
		return vxfer_start_thread(v, vxfer_poll_irq_thread,
					  "vxfer_poll", val);
	case VX_REARM:
		return vxfer_start_thread(v, vxfer_rearm_thread, "vxfer_rearm",
					  val);
	case VX_ABBA:
		vxfer_start_thread(v, vxfer_cfg_thread, "vxfer_cfg", -1);
		return vxfer_start_thread(v, vxfer_ring_thread, "vxfer_ring",
					  -1);
	case VX_FW_ACTIVATE:
		return vxfer_fw_activate(v);
	case VX_DRAIN:
		vxfer_drain(v);
		return 0;
	case VX_WALK:
		v->rx_bytes += vxfer_walk(v);
		return 0;
	case VX_WALK_ASYNC:
		queue_work(v->wq, &v->walk_work);
		return 0;
	case VX_PREALLOC:
		queue_work(v->wq, &v->prealloc_work);
		return 0;
	case VX_LINK:
		vxfer_link(v, val);
		return 0;
	case VX_RESET:
		vxfer_reset(v, val);
		return 0;
	case VX_TIMEOUT:
		vxfer_timeout(v, val);
		return 0;
	case VX_VERBOSE:
		vxfer_verbose(v, val);
		return 0;
	}
	return -EINVAL;
}

struct vx_attr {
	struct device_attribute attr;
	enum vx_knob knob;
};

static ssize_t vxfer_store(struct device *dev, struct device_attribute *da,
			   const char *buf, size_t count)
{
	struct vx_attr *a = container_of(da, struct vx_attr, attr);
	u32 val = 0;
	int err;

	if (count && kstrtou32(buf, 0, &val))
		return -EINVAL;
	err = vxfer_knob(vx, a->knob, val);
	return err ? err : count;
}

#define VX_ATTR(_name, _knob) \
	static struct vx_attr vx_attr_##_name = { \
		.attr = __ATTR(_name, 0200, NULL, vxfer_store), \
		.knob = _knob, \
	}

VX_ATTR(ring_reap, VX_RING_REAP);
VX_ATTR(flush, VX_FLUSH);
VX_ATTR(poll_ms, VX_POLL_MS);
VX_ATTR(ring_init, VX_RING_INIT);
VX_ATTR(rx_refill, VX_RX_REFILL);
VX_ATTR(stats, VX_STATS);
VX_ATTR(teardown, VX_TEARDOWN);
VX_ATTR(requeue, VX_REQUEUE);
VX_ATTR(attach, VX_ATTACH);
VX_ATTR(detach, VX_DETACH);
VX_ATTR(resync, VX_RESYNC);
VX_ATTR(commit, VX_COMMIT);
VX_ATTR(qos, VX_QOS);
VX_ATTR(tx_timeout, VX_TX_TIMEOUT);
VX_ATTR(ring_size, VX_RING_SIZE);
VX_ATTR(release, VX_RELEASE);
VX_ATTR(dma_mask, VX_DMA_MASK);
VX_ATTR(spin, VX_SPIN);
VX_ATTR(spin_irq, VX_SPIN_IRQ);
VX_ATTR(rearm, VX_REARM);
VX_ATTR(abba, VX_ABBA);
VX_ATTR(fw_activate, VX_FW_ACTIVATE);
VX_ATTR(drain, VX_DRAIN);
VX_ATTR(walk, VX_WALK);
VX_ATTR(walk_async, VX_WALK_ASYNC);
VX_ATTR(prealloc, VX_PREALLOC);
VX_ATTR(link, VX_LINK);
VX_ATTR(reset, VX_RESET);
VX_ATTR(timeout, VX_TIMEOUT);
VX_ATTR(verbose, VX_VERBOSE);

static struct attribute *vxfer_attrs[] = {
	&vx_attr_ring_reap.attr.attr, &vx_attr_flush.attr.attr,
	&vx_attr_poll_ms.attr.attr, &vx_attr_ring_init.attr.attr,
	&vx_attr_rx_refill.attr.attr,
	&vx_attr_stats.attr.attr, &vx_attr_teardown.attr.attr,
	&vx_attr_requeue.attr.attr, &vx_attr_attach.attr.attr,
	&vx_attr_detach.attr.attr, &vx_attr_resync.attr.attr,
	&vx_attr_commit.attr.attr, &vx_attr_qos.attr.attr,
	&vx_attr_tx_timeout.attr.attr, &vx_attr_ring_size.attr.attr,
	&vx_attr_release.attr.attr, &vx_attr_dma_mask.attr.attr,
	&vx_attr_spin.attr.attr, &vx_attr_spin_irq.attr.attr,
	&vx_attr_rearm.attr.attr, &vx_attr_abba.attr.attr,
	&vx_attr_fw_activate.attr.attr, &vx_attr_drain.attr.attr,
	&vx_attr_walk.attr.attr, &vx_attr_walk_async.attr.attr,
	&vx_attr_prealloc.attr.attr, &vx_attr_link.attr.attr,
	&vx_attr_reset.attr.attr, &vx_attr_timeout.attr.attr,
	&vx_attr_verbose.attr.attr,
	NULL,
};

static const struct attribute_group vxfer_group = {
	.attrs = vxfer_attrs,
};

static int vxfer_setup(struct vxfer *v)
{
	u32 i;

	v->wq = alloc_workqueue("vxfer", WQ_UNBOUND, 0);
	if (!v->wq)
		return -ENOMEM;
	INIT_WORK(&v->reap_work, vxfer_reap_work);
	INIT_WORK(&v->refill_work, vxfer_refill_work);
	INIT_WORK(&v->resync_work, vxfer_resync_work);
	INIT_WORK(&v->tx_timeout_work, vxfer_tx_timeout_work);
	INIT_WORK(&v->walk_work, vxfer_walk_work);
	INIT_WORK(&v->drain_work, vxfer_drain_work);
	INIT_WORK(&v->prealloc_work, vxfer_prealloc_work);
	timer_setup(&v->poll_timer, vxfer_poll_timer, 0);
	timer_setup(&v->qos_timer, vxfer_qos_timer, 0);
	mutex_init(&v->cfg_lock);
	mutex_init(&v->ring_mutex);
	spin_lock_init(&v->ring_lock);
	init_completion(&v->fw_done);
	INIT_LIST_HEAD(&v->chans);
	INIT_LIST_HEAD(&v->pending);
	INIT_LIST_HEAD(&v->rx_pages);
	refcount_set(&v->users, 1);
	v->ops = &vxfer_chan_ops;
	v->size = VX_DESCS;
	v->dma_mask = DMA_BIT_MASK(48);
	for (i = 0; i < VX_DESCS; i++)
		v->ring[i].cookie = i;
	return 0;
}

static int vxfer_probe(struct platform_device *pdev)
{
	int err;

	vx->dev = &pdev->dev;
	err = sysfs_create_group(&vx->dev->kobj, &vxfer_group);
	if (err)
		return err;
	dev_info(vx->dev, "VX-DMA engine rev 2.3, %u rings, %u descriptors each\n",
		 VX_RINGS, VX_DESCS);
	dev_info(vx->dev, "using 48-bit DMA mask\n");
	return 0;
}

static void vxfer_unbind(struct platform_device *pdev)
{
	sysfs_remove_group(&pdev->dev.kobj, &vxfer_group);
	dev_info(&pdev->dev, "removed\n");
}

/* platform_driver.remove returns void since 6.11 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static void vxfer_remove(struct platform_device *pdev)
{
	vxfer_unbind(pdev);
}
#else
static int vxfer_remove(struct platform_device *pdev)
{
	vxfer_unbind(pdev);
	return 0;
}
#endif

static struct platform_driver vxfer_driver = {
	.probe = vxfer_probe,
	.remove = vxfer_remove,
	.driver = {
		.name = "vxfer",
	},
};

static int __init vxfer_init(void)
{
	int err;

	vx = kzalloc(sizeof(*vx), GFP_KERNEL);
	if (!vx)
		return -ENOMEM;
	err = vxfer_setup(vx);
	if (err)
		goto out_free;
	err = platform_driver_register(&vxfer_driver);
	if (err)
		goto out_wq;
	vx->pdev = platform_device_register_simple("vxfer", 0, NULL, 0);
	if (IS_ERR(vx->pdev)) {
		err = PTR_ERR(vx->pdev);
		goto out_drv;
	}
	return 0;

out_drv:
	platform_driver_unregister(&vxfer_driver);
out_wq:
	destroy_workqueue(vx->wq);
out_free:
	kfree(vx);
	return err;
}

static void __exit vxfer_exit(void)
{
	platform_device_unregister(vx->pdev);
	platform_driver_unregister(&vxfer_driver);
	del_timer_sync(&vx->poll_timer);
	del_timer_sync(&vx->qos_timer);
	destroy_workqueue(vx->wq);
	kfree(vx);
}

module_init(vxfer_init);
module_exit(vxfer_exit);

MODULE_DESCRIPTION("VX-DMA transfer engine");
MODULE_AUTHOR("Vexel Systems");
MODULE_LICENSE("GPL");
