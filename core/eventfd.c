// SPDX-License-Identifier: GPL-2.0-only
/*
 * irqfd and ioeventfd: interrupts in and doorbells out through eventfds,
 * without a round trip through the VMM's VCPU thread.
 *
 * irqfd (KVM_IRQFD) binds an eventfd to an SPI of the in-kernel vGIC: gsi
 * N is INTID N + 32, KVM/arm's default routing.  A signal on the eventfd
 * is seen in our wait-queue callback, in whatever context the signaller
 * runs, and injected there: vGIC injection takes only the vGIC's raw lock
 * and kicks through an rcuwait, so no work item is needed to finish it,
 * on PREEMPT_RT (where the callback runs in a thread, under a sleeping
 * wqh.lock) or not:
 *
 *   edge       each signal is a pulse on the line: level 1, then 0
 *   resample   (KVM_IRQFD_FLAG_RESAMPLE) a level-triggered source: a
 *              signal raises the line and it stays high; when the guest
 *              completes the interrupt (EOI, kvm_notify_acked_irq()) the
 *              line is lowered and the resamplefd signalled, and the VMM
 *              signals the irqfd again if its device still asserts it
 *
 * ioeventfd (KVM_IOEVENTFD) is a device on the in-kernel MMIO bus: a guest
 * write to its address (with its length and, with DATAMATCH, its value)
 * signals the eventfd and completes in the kernel; any other access passes
 * on and exits to the VMM as MMIO, as before.
 *
 * Locking and lifetime of irqfds:
 *
 *   kvm->irqfds_lock    serialises the writers of kvm->irqfds (assign,
 *                       deassign, reaping); a spinlock, never taken from
 *                       an eventfd callback or with a vGIC lock held
 *   eventfd wqh.lock    the eventfd core holds it around irqfd_wakeup();
 *                       irqfd_detach() takes it to stop the callbacks
 *   RCU                 readers of kvm->irqfds: the EOI path (the VCPU's
 *                       thread, kvm_vgic_notify_acked()) and the EPOLLHUP
 *                       callback (under wqh.lock)
 *
 *   order: irqfds_lock > eventfd wqh.lock > kvm->vgic.lock
 *
 * kvm->vgic.lock is a raw spinlock and wqh.lock a spinlock_t, so this
 * file never signals an eventfd with the vGIC lock held or IRQs disabled:
 * the resamplefds are signalled after the run loop enables IRQs again.
 *
 * An irqfd is reachable from the list (RCU readers) and from its eventfd's
 * wait queue (callbacks).  It is freed only in process context, after it
 * has been unlinked (under irqfds_lock), detached from the wait queue
 * (under wqh.lock, so no callback runs or will run) and an RCU grace
 * period has passed (no reader holds it).  Because every path that frees
 * does both, the VM (which kvm_irqfd_release() outlives) is alive in every
 * callback.
 *
 * When the VMM closes a bound eventfd, the EPOLLHUP callback runs under
 * the eventfd's wqh.lock, where nothing may sleep, so none of that can be
 * done: it takes itself off the wait queue (it may, it holds the lock),
 * lowers a resample line nobody else drives, and marks the binding dead.
 * The dead binding is freed by the next KVM_IRQFD on the VM or by the
 * VM's release, both of which run in process context; so no work item can
 * outlive the VM or the module.
 */
#include <linux/eventfd.h>
#include <linux/file.h>
#include <linux/kvm.h>
#include <linux/list.h>
#include <linux/poll.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <asm/unaligned.h>

#include "kvm_host.h"

/**
 * struct kvm_irqfd_bind - one KVM_IRQFD binding
 * @kvm: the VM
 * @link: on kvm->irqfds (writers: irqfds_lock; readers: RCU)
 * @free_link: on a private list between unlinking and freeing
 * @eventfd: the trigger
 * @resamplefd: level-triggered: signalled when the guest completes the
 *	interrupt; NULL for an edge binding
 * @wqh: @eventfd's wait queue, where @wait is queued
 * @wait: our entry on @wqh: irqfd_wakeup()
 * @pt: to find @wqh through vfs_poll()
 * @gsi: as the VMM gave it (deassign matches on it)
 * @intid: the SPI, @gsi + 32
 * @dead: @eventfd was closed; waits to be freed
 */
struct kvm_irqfd_bind {
	struct kvm *kvm;
	struct list_head link;
	struct list_head free_link;
	struct eventfd_ctx *eventfd;
	struct eventfd_ctx *resamplefd;
	wait_queue_head_t *wqh;
	wait_queue_entry_t wait;
	poll_table pt;
	u32 gsi;
	u32 intid;
	bool dead;
};

/* arm's default routing: gsi N is SPI N (INTID N + 32) */
#define IRQFD_MAX_GSI	(VGIC_MAX_SPI - VGIC_NR_PRIVATE_IRQS)

/**
 * kvm_eventfd_init() - empty irqfd and ioeventfd lists of a new VM
 * @kvm: the VM being created
 *
 * Context: process context, before the VM is visible.
 */
void kvm_eventfd_init(struct kvm *kvm)
{
	INIT_LIST_HEAD(&kvm->irqfds);
	spin_lock_init(&kvm->irqfds_lock);
	INIT_LIST_HEAD(&kvm->ioeventfds);
}

/* A signal on the trigger: a pulse (edge) or a line held high (resample). */
static void irqfd_raise(struct kvm_irqfd_bind *irqfd)
{
	kvm_vgic_inject_irq(irqfd->kvm, 0, irqfd->intid, true);
	if (!irqfd->resamplefd)
		kvm_vgic_inject_irq(irqfd->kvm, 0, irqfd->intid, false);
}

/*
 * Does another live resample binding drive @irqfd's line?  Then it is not
 * ours to lower.  Context: RCU read side or irqfds_lock.
 */
static bool irqfd_line_shared(struct kvm_irqfd_bind *irqfd)
{
	struct kvm_irqfd_bind *other;

	list_for_each_entry_rcu(other, &irqfd->kvm->irqfds, link,
				lockdep_is_held(&irqfd->kvm->irqfds_lock)) {
		if (other != irqfd && other->resamplefd &&
		    other->intid == irqfd->intid && !READ_ONCE(other->dead))
			return true;
	}
	return false;
}

/*
 * The eventfd's wait-queue callback, under its wqh.lock, in the
 * signaller's context: with IRQs off in process, softirq or hardirq
 * context, or on PREEMPT_RT preemptible in a thread (wqh.lock sleeps
 * there, and hardirq handlers that signal are threaded).
 */
static int irqfd_wakeup(wait_queue_entry_t *wait, unsigned int mode,
			int sync, void *key)
{
	struct kvm_irqfd_bind *irqfd = container_of(wait, struct kvm_irqfd_bind,
						    wait);
	__poll_t flags = key_to_poll(key);
	u64 cnt;

	if (flags & EPOLLIN) {
		/* signals that arrive together make one interrupt */
		eventfd_ctx_do_read(irqfd->eventfd, &cnt);
		irqfd_raise(irqfd);
	}
	if (flags & EPOLLHUP) {
		/* the eventfd is being released: no more signals */
		list_del_init(&wait->entry);
		WRITE_ONCE(irqfd->dead, true);
		/*
		 * Of two resample bindings on one line closed at once, at
		 * least one sees the other dead and lowers the line.
		 */
		smp_mb();
		rcu_read_lock();
		if (irqfd->resamplefd && !irqfd_line_shared(irqfd))
			kvm_vgic_inject_irq(irqfd->kvm, 0, irqfd->intid, false);
		rcu_read_unlock();
	}
	return 0;
}

static void irqfd_queue_proc(struct file *file, wait_queue_head_t *wqh,
			     poll_table *pt)
{
	struct kvm_irqfd_bind *irqfd = container_of(pt, struct kvm_irqfd_bind,
						    pt);

	irqfd->wqh = wqh;
	add_wait_queue(wqh, &irqfd->wait);
}

/*
 * Stop the callbacks: once we held wqh.lock, none is running, and off the
 * queue none will come.  The EPOLLHUP callback may have taken the entry
 * off already.
 */
static void irqfd_detach(struct kvm_irqfd_bind *irqfd)
{
	unsigned long flags;

	spin_lock_irqsave(&irqfd->wqh->lock, flags);
	list_del_init(&irqfd->wait.entry);
	spin_unlock_irqrestore(&irqfd->wqh->lock, flags);
}

static void irqfd_free(struct kvm_irqfd_bind *irqfd)
{
	if (irqfd->resamplefd)
		eventfd_ctx_put(irqfd->resamplefd);
	eventfd_ctx_put(irqfd->eventfd);
	kfree(irqfd);
}

/*
 * Free bindings unlinked onto @dead: detached from their eventfds, then,
 * after a grace period, unreachable.
 */
static void irqfd_free_list(struct list_head *dead)
{
	struct kvm_irqfd_bind *irqfd, *tmp;

	if (list_empty(dead))
		return;
	list_for_each_entry(irqfd, dead, free_link)
		irqfd_detach(irqfd);
	synchronize_rcu();
	list_for_each_entry_safe(irqfd, tmp, dead, free_link)
		irqfd_free(irqfd);
}

/* Unlink the bindings whose eventfd was closed.  irqfds_lock held. */
static void irqfd_unlink_dead(struct kvm *kvm, struct list_head *dead)
{
	struct kvm_irqfd_bind *irqfd, *tmp;

	lockdep_assert_held(&kvm->irqfds_lock);
	list_for_each_entry_safe(irqfd, tmp, &kvm->irqfds, link) {
		if (READ_ONCE(irqfd->dead)) {
			list_del_rcu(&irqfd->link);
			list_add_tail(&irqfd->free_link, dead);
		}
	}
}

static int kvm_irqfd_assign(struct kvm *kvm, struct kvm_irqfd *args)
{
	struct kvm_irqfd_bind *irqfd, *tmp;
	struct eventfd_ctx *eventfd;
	unsigned long flags;
	LIST_HEAD(dead);
	struct fd f;
	u64 cnt;
	int ret;

	/* kvm_arch_irqfd_allowed(): only the vGIC has lines to drive */
	if (!irqchip_in_kernel(kvm))
		return -EINVAL;
	/* no SPI can have this number (GICv2 2.2.1: SPIs end at 1019) */
	if (args->gsi > IRQFD_MAX_GSI)
		return -EINVAL;

	irqfd = kzalloc(sizeof(*irqfd), GFP_KERNEL_ACCOUNT);
	if (!irqfd)
		return -ENOMEM;
	irqfd->kvm = kvm;
	irqfd->gsi = args->gsi;
	irqfd->intid = args->gsi + VGIC_NR_PRIVATE_IRQS;
	INIT_LIST_HEAD(&irqfd->wait.entry);
	init_waitqueue_func_entry(&irqfd->wait, irqfd_wakeup);
	init_poll_funcptr(&irqfd->pt, irqfd_queue_proc);

	f = fdget(args->fd);
	if (!f.file) {
		ret = -EBADF;
		goto out_free;
	}
	eventfd = eventfd_ctx_fileget(f.file);
	if (IS_ERR(eventfd)) {
		ret = PTR_ERR(eventfd);
		goto out_fdput;
	}
	irqfd->eventfd = eventfd;

	if (args->flags & KVM_IRQFD_FLAG_RESAMPLE) {
		irqfd->resamplefd = eventfd_ctx_fdget(args->resamplefd);
		if (IS_ERR(irqfd->resamplefd)) {
			ret = PTR_ERR(irqfd->resamplefd);
			irqfd->resamplefd = NULL;
			goto out_put;
		}
	}

	/*
	 * Under the lock from the check to the registration on the wait
	 * queue: a deassign cannot find the binding half made.  The file is
	 * held (fdget), so no EPOLLHUP comes before we are queued.
	 */
	spin_lock(&kvm->irqfds_lock);
	irqfd_unlink_dead(kvm, &dead);
	list_for_each_entry(tmp, &kvm->irqfds, link) {
		if (tmp->eventfd == eventfd) {
			ret = -EBUSY;
			goto out_unlock;
		}
	}
	list_add_tail_rcu(&irqfd->link, &kvm->irqfds);
	/* eventfd_poll() only queues us and reads the counter: no sleep */
	vfs_poll(f.file, &irqfd->pt);
	/* signalled before we listened: not lost */
	spin_lock_irqsave(&irqfd->wqh->lock, flags);
	eventfd_ctx_do_read(eventfd, &cnt);
	if (cnt)
		irqfd_raise(irqfd);
	spin_unlock_irqrestore(&irqfd->wqh->lock, flags);
	spin_unlock(&kvm->irqfds_lock);

	fdput(f);
	irqfd_free_list(&dead);
	return 0;

out_unlock:
	spin_unlock(&kvm->irqfds_lock);
	irqfd_free_list(&dead);
	if (irqfd->resamplefd)
		eventfd_ctx_put(irqfd->resamplefd);
out_put:
	eventfd_ctx_put(eventfd);
out_fdput:
	fdput(f);
out_free:
	kfree(irqfd);
	return ret;
}

/* Remove the bindings of (eventfd, gsi); none is not an error (KVM's). */
static int kvm_irqfd_deassign(struct kvm *kvm, struct kvm_irqfd *args)
{
	struct kvm_irqfd_bind *irqfd, *tmp;
	struct eventfd_ctx *eventfd;
	LIST_HEAD(dead);
	LIST_HEAD(gone);

	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);

	spin_lock(&kvm->irqfds_lock);
	irqfd_unlink_dead(kvm, &dead);
	list_for_each_entry_safe(irqfd, tmp, &kvm->irqfds, link) {
		if (irqfd->eventfd != eventfd || irqfd->gsi != args->gsi)
			continue;
		list_del_rcu(&irqfd->link);
		list_add_tail(&irqfd->free_link, &gone);
	}
	spin_unlock(&kvm->irqfds_lock);

	list_for_each_entry(irqfd, &gone, free_link) {
		irqfd_detach(irqfd);
		/* nobody drives a level line any more: it goes low */
		rcu_read_lock();
		if (irqfd->resamplefd && !irqfd_line_shared(irqfd))
			kvm_vgic_inject_irq(kvm, 0, irqfd->intid, false);
		rcu_read_unlock();
	}
	list_splice(&gone, &dead);
	irqfd_free_list(&dead);
	eventfd_ctx_put(eventfd);
	return 0;
}

/**
 * kvm_irqfd() - KVM_IRQFD
 * @kvm: the VM
 * @args: eventfd, gsi, flags and resamplefd, as the VMM gave them
 *
 * Context: process context (a VM ioctl); may sleep.
 * Return: 0; -EINVAL for unknown flags, without an in-kernel vGIC, or for
 * a gsi no SPI can have; -EBADF or -EINVAL when @fd (or @resamplefd) is
 * not an open eventfd; -EBUSY when the eventfd is already bound on this
 * VM; -ENOMEM.  A deassign that finds no binding succeeds, as in KVM.
 */
int kvm_irqfd(struct kvm *kvm, struct kvm_irqfd *args)
{
	if (args->flags & ~(KVM_IRQFD_FLAG_DEASSIGN | KVM_IRQFD_FLAG_RESAMPLE))
		return -EINVAL;
	if (args->flags & KVM_IRQFD_FLAG_DEASSIGN)
		return kvm_irqfd_deassign(kvm, args);
	return kvm_irqfd_assign(kvm, args);
}

/**
 * kvm_notify_acked_irq() - the guest completed a level-triggered SPI
 * @kvm: the VM
 * @intid: the SPI
 *
 * A resample binding's source is sampled again: the line goes low, then
 * the resamplefd tells the VMM, which signals the irqfd again if the
 * device still asserts it (lowered first, so that new signal is not lost).
 *
 * Context: the VCPU's thread, IRQs enabled (kvm_vgic_notify_acked()), no
 * vGIC lock held: eventfd_signal() takes the resamplefd's wqh.lock, a
 * sleeping lock on PREEMPT_RT.
 */
void kvm_notify_acked_irq(struct kvm *kvm, u32 intid)
{
	struct kvm_irqfd_bind *irqfd;
	bool lowered = false;

	rcu_read_lock();
	list_for_each_entry_rcu(irqfd, &kvm->irqfds, link) {
		if (!irqfd->resamplefd || irqfd->intid != intid ||
		    READ_ONCE(irqfd->dead))
			continue;
		if (!lowered) {
			kvm_vgic_inject_irq(kvm, 0, intid, false);
			lowered = true;
		}
		eventfd_signal(irqfd->resamplefd, 1);
	}
	rcu_read_unlock();
}

/**
 * kvm_irqfd_release() - free every irqfd binding of a VM
 * @kvm: the VM, losing its last reference
 *
 * Afterwards no eventfd callback runs for this VM or will.
 *
 * Context: process context; no ioctl can run on @kvm any more.
 */
void kvm_irqfd_release(struct kvm *kvm)
{
	struct kvm_irqfd_bind *irqfd, *tmp;
	LIST_HEAD(dead);

	spin_lock(&kvm->irqfds_lock);
	list_for_each_entry_safe(irqfd, tmp, &kvm->irqfds, link) {
		list_del_rcu(&irqfd->link);
		list_add_tail(&irqfd->free_link, &dead);
	}
	spin_unlock(&kvm->irqfds_lock);
	irqfd_free_list(&dead);
}

/* ---- ioeventfd ------------------------------------------------------------ */

/**
 * struct kvm_ioeventfd_dev - one KVM_IOEVENTFD registration
 * @link: on kvm->ioeventfds (slots_lock)
 * @dev: on the MMIO bus
 * @eventfd: signalled by a matching write
 * @addr: guest physical address
 * @datamatch: with !@wildcard, the value a write must carry
 * @len: access size, 1, 2, 4 or 8; 0: any
 * @wildcard: no DATAMATCH: any value
 */
struct kvm_ioeventfd_dev {
	struct list_head link;
	struct kvm_io_device dev;
	struct eventfd_ctx *eventfd;
	u64 addr;
	u64 datamatch;
	u32 len;
	bool wildcard;
};

#define IOEVENTFD_FLAGS	(KVM_IOEVENTFD_FLAG_DATAMATCH | KVM_IOEVENTFD_FLAG_DEASSIGN)

static struct kvm_ioeventfd_dev *to_ioeventfd(struct kvm_io_device *dev)
{
	return container_of(dev, struct kvm_ioeventfd_dev, dev);
}

/* @val holds @len bytes in memory order, as run->mmio.data would */
static bool ioeventfd_match(struct kvm_ioeventfd_dev *p, u64 addr, int len,
			    const void *val)
{
	u64 v;

	if (addr != p->addr || (p->len && len != p->len))
		return false;
	if (p->wildcard)
		return true;
	switch (len) {
	case 1:
		v = *(const u8 *)val;
		break;
	case 2:
		v = get_unaligned_le16(val);
		break;
	case 4:
		v = get_unaligned_le32(val);
		break;
	case 8:
		v = get_unaligned_le64(val);
		break;
	default:
		return false;
	}
	return v == p->datamatch;
}

/* Bus callback: process context, under rcu_read_lock. */
static int ioeventfd_write(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
			   u64 addr, int len, const void *val)
{
	struct kvm_ioeventfd_dev *p = to_ioeventfd(dev);

	if (!ioeventfd_match(p, addr, len, val))
		return -EOPNOTSUPP;
	eventfd_signal(p->eventfd, 1);
	return 0;
}

/* Reads are the VMM's (or another device's). */
static int ioeventfd_read(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
			  u64 addr, int len, void *val)
{
	return -EOPNOTSUPP;
}

static const struct kvm_io_device_ops ioeventfd_ops = {
	.read	= ioeventfd_read,
	.write	= ioeventfd_write,
};

/*
 * Would both registrations take the same write?  KVM's rule: same address,
 * and either length 0, or the same length with the same value or a
 * wildcard on either side.
 */
static bool ioeventfd_collides(struct kvm_ioeventfd_dev *a,
			       struct kvm_ioeventfd_dev *b)
{
	return a->addr == b->addr &&
	       (!a->len || !b->len ||
		(a->len == b->len &&
		 (a->wildcard || b->wildcard || a->datamatch == b->datamatch)));
}

static void ioeventfd_free(struct kvm_ioeventfd_dev *p)
{
	eventfd_ctx_put(p->eventfd);
	kfree(p);
}

static int kvm_assign_ioeventfd(struct kvm *kvm, struct kvm_ioeventfd *args)
{
	struct kvm_ioeventfd_dev *p, *tmp;
	struct eventfd_ctx *eventfd;
	int ret;

	/* naturally sized, or 0 for any size (KVM_CAP_IOEVENTFD_ANY_LENGTH) */
	switch (args->len) {
	case 0:
	case 1:
	case 2:
	case 4:
	case 8:
		break;
	default:
		return -EINVAL;
	}
	if (args->addr + args->len < args->addr)
		return -EINVAL;
	/* a write of any length has no one value to compare */
	if (!args->len && (args->flags & KVM_IOEVENTFD_FLAG_DATAMATCH))
		return -EINVAL;

	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	p = kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	if (!p) {
		eventfd_ctx_put(eventfd);
		return -ENOMEM;
	}
	p->dev.ops = &ioeventfd_ops;
	p->eventfd = eventfd;
	p->addr = args->addr;
	p->len = args->len;
	p->wildcard = !(args->flags & KVM_IOEVENTFD_FLAG_DATAMATCH);
	p->datamatch = p->wildcard ? 0 : args->datamatch;

	mutex_lock(&kvm->slots_lock);
	list_for_each_entry(tmp, &kvm->ioeventfds, link) {
		if (ioeventfd_collides(tmp, p)) {
			ret = -EEXIST;
			goto out_unlock;
		}
	}
	/* the bus offers accesses that start in the range: a byte will do */
	ret = kvm_io_bus_register_dev(kvm, p->addr, p->len ?: 1, &p->dev);
	if (ret)
		goto out_unlock;
	list_add_tail(&p->link, &kvm->ioeventfds);
	mutex_unlock(&kvm->slots_lock);
	return 0;

out_unlock:
	mutex_unlock(&kvm->slots_lock);
	ioeventfd_free(p);
	return ret;
}

static int kvm_deassign_ioeventfd(struct kvm *kvm, struct kvm_ioeventfd *args)
{
	bool wildcard = !(args->flags & KVM_IOEVENTFD_FLAG_DATAMATCH);
	struct kvm_ioeventfd_dev *p;
	struct eventfd_ctx *eventfd;
	int ret = -ENOENT;

	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);

	mutex_lock(&kvm->slots_lock);
	list_for_each_entry(p, &kvm->ioeventfds, link) {
		if (p->eventfd != eventfd || p->addr != args->addr ||
		    p->len != args->len || p->wildcard != wildcard ||
		    (!wildcard && p->datamatch != args->datamatch))
			continue;
		/* afterwards no VCPU is inside ioeventfd_write() for it */
		kvm_io_bus_unregister_dev(kvm, &p->dev);
		list_del(&p->link);
		ioeventfd_free(p);
		ret = 0;
		break;
	}
	mutex_unlock(&kvm->slots_lock);
	eventfd_ctx_put(eventfd);
	return ret;
}

/**
 * kvm_ioeventfd() - KVM_IOEVENTFD
 * @kvm: the VM
 * @args: datamatch, addr, len, fd and flags, as the VMM gave them
 *
 * MMIO only: 32-bit ARM has no port I/O, so KVM_IOEVENTFD_FLAG_PIO (and
 * the s390-only VIRTIO_CCW_NOTIFY) are unknown flags here.
 *
 * Context: process context (a VM ioctl); takes kvm->slots_lock.
 * Return: 0; -EINVAL for unknown flags, a length other than 0/1/2/4/8, a
 * range that wraps, or DATAMATCH with length 0; -EBADF or -EINVAL when
 * @fd is not an open eventfd; -EEXIST when a registration would take the
 * same writes; -ENOENT to deassign one that does not exist; -ENOSPC when
 * the MMIO bus is full; -ENOMEM.
 */
int kvm_ioeventfd(struct kvm *kvm, struct kvm_ioeventfd *args)
{
	if (args->flags & ~IOEVENTFD_FLAGS)
		return -EINVAL;
	if (args->flags & KVM_IOEVENTFD_FLAG_DEASSIGN)
		return kvm_deassign_ioeventfd(kvm, args);
	return kvm_assign_ioeventfd(kvm, args);
}

/**
 * kvm_ioeventfd_release() - unregister and free every ioeventfd of a VM
 * @kvm: the VM, losing its last reference
 *
 * Context: process context; no VCPU runs any more.
 */
void kvm_ioeventfd_release(struct kvm *kvm)
{
	struct kvm_ioeventfd_dev *p, *tmp;

	mutex_lock(&kvm->slots_lock);
	list_for_each_entry_safe(p, tmp, &kvm->ioeventfds, link) {
		kvm_io_bus_unregister_dev(kvm, &p->dev);
		list_del(&p->link);
		ioeventfd_free(p);
	}
	mutex_unlock(&kvm->slots_lock);
}
