// SPDX-License-Identifier: GPL-2.0-only
/*
 * vGICv2 interrupt state: injection, and the list registers.
 *
 * Every interrupt of a VM is a struct vgic_irq.  One that is pending or
 * active sits on the ap_list of the VCPU it targets.  Before a VCPU enters
 * the guest, the interrupts on its ap_list that it can take are written
 * into its list registers (flush); after it leaves, what the guest did
 * with them (acknowledged, completed) is folded back (sync).  HYP only
 * copies the list registers to and from GICH (hyp/vgic-sr.c).
 *
 * Locking: kvm->vgic.lock, a raw spinlock taken with IRQs disabled, covers
 * all of it (see vgic.h).  Flush and sync run with IRQs already disabled
 * on the VCPU's thread; injection may come from any context (irqfd
 * wakeups, the timer's hard-IRQ hrtimer), on PREEMPT_RT too.
 */
#include <linux/bitops.h>
#include <linux/list_sort.h>
#include <linux/spinlock.h>

#include "kvm_host.h"
#include "vgic.h"
#include "../core/trace.h"

/**
 * vgic_get_irq() - the state of an interrupt
 * @kvm: the VM
 * @vcpu: the VCPU whose SGI/PPI is meant (ignored for SPIs)
 * @intid: INTID
 *
 * Context: any; the state itself is protected by kvm->vgic.lock.
 * Return: the interrupt, or NULL when the VM has no such INTID.
 */
struct vgic_irq *vgic_get_irq(struct kvm *kvm, struct kvm_vcpu *vcpu,
			      u32 intid)
{
	if (intid < VGIC_NR_PRIVATE_IRQS)
		return vcpu ? &vcpu->vgic_cpu.private_irqs[intid] : NULL;
	if (intid - VGIC_NR_PRIVATE_IRQS < kvm->vgic.nr_spis && kvm->vgic.spis)
		return &kvm->vgic.spis[intid - VGIC_NR_PRIVATE_IRQS];
	return NULL;
}

static bool irq_is_sgi(const struct vgic_irq *irq)
{
	return irq->intid < VGIC_NR_SGIS;
}

/* What GICD_ISPENDR reads: the pending state of the interrupt. */
static bool irq_is_pending(const struct vgic_irq *irq)
{
	if (irq_is_sgi(irq))
		return irq->source;
	if (irq->config == VGIC_CONFIG_LEVEL)
		return irq->pending_latch || irq->line_level;
	return irq->pending_latch;
}

/*
 * GICv2 3.2.1: the distributor forwards a pending interrupt to a CPU
 * interface only if the interrupt is enabled and the distributor is enabled
 * for its group (GICD_CTLR.EnableGrp0/1).
 */
static bool irq_can_signal(struct kvm *kvm, const struct vgic_irq *irq)
{
	return irq_is_pending(irq) && irq->enabled &&
	       (kvm->vgic.ctlr & BIT(irq->group));
}

/*
 * The VCPU an SPI goes to: GICv2 lets an SPI target several CPUs (1-N:
 * the first to acknowledge takes it); delivering it to the lowest-numbered
 * target alone is one of the behaviours the model allows.  No target set
 * means CPU 0, as a uniprocessor GIC would behave.
 */
static struct kvm_vcpu *irq_target(struct kvm *kvm, const struct vgic_irq *irq)
{
	if (irq->intid < VGIC_NR_PRIVATE_IRQS)
		return irq->target_vcpu;
	return READ_ONCE(kvm->vcpus[irq->targets ? __ffs(irq->targets) : 0]);
}

static void vgic_mark_kick(struct kvm *kvm, struct kvm_vcpu *vcpu)
{
	kvm->vgic.kick_mask |= BIT(vcpu->vcpu_id);
}

/*
 * Put @irq on the ap_list it belongs to, or take it off.  An interrupt in
 * a list register stays where it is until sync folds it back.
 */
static void vgic_irq_requeue(struct kvm *kvm, struct vgic_irq *irq)
{
	bool wanted = irq_is_pending(irq) || irq->active;

	irq->target_vcpu = irq_target(kvm, irq);
	if (irq->in_lr)
		return;
	if (irq->vcpu && (!wanted || irq->vcpu != irq->target_vcpu)) {
		list_del(&irq->ap_list);
		irq->vcpu = NULL;
	}
	if (!irq->vcpu && wanted && irq->target_vcpu) {
		list_add_tail(&irq->ap_list, &irq->target_vcpu->vgic_cpu.ap_list);
		irq->vcpu = irq->target_vcpu;
	}
}

/**
 * vgic_irq_update() - an interrupt's state changed: deliver accordingly
 * @kvm: the VM
 * @irq: the interrupt, changed by the caller
 *
 * The VCPU that must look at the interrupt again is noted; the caller
 * kicks it with vgic_kick_vcpus() after dropping the lock.
 *
 * Context: kvm->vgic.lock held.
 */
void vgic_irq_update(struct kvm *kvm, struct vgic_irq *irq)
{
	lockdep_assert_held(&kvm->vgic.lock);
	vgic_irq_requeue(kvm, irq);
	if (irq->vcpu)
		vgic_mark_kick(kvm, irq->vcpu);
}

/**
 * vgic_kick_vcpus() - kick the VCPUs vgic_irq_update() noted
 * @kvm: the VM
 *
 * Context: any, kvm->vgic.lock not held.
 */
void vgic_kick_vcpus(struct kvm *kvm)
{
	unsigned long mask, flags;
	int i;

	raw_spin_lock_irqsave(&kvm->vgic.lock, flags);
	mask = kvm->vgic.kick_mask;
	kvm->vgic.kick_mask = 0;
	raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);

	for_each_set_bit(i, &mask, KVM_MAX_VCPUS) {
		struct kvm_vcpu *vcpu = READ_ONCE(kvm->vcpus[i]);

		if (vcpu)
			kvm_vcpu_kick(vcpu);
	}
}

/**
 * kvm_vgic_inject_irq() - drive an interrupt line into the vGIC
 * @kvm: the VM
 * @cpuid: VCPU id for a PPI; ignored for an SPI
 * @intid: PPI (16-31) or SPI (32 upwards)
 * @level: the line's new level
 *
 * Level-sensitive interrupts follow the line; for an edge-triggered one
 * every call with @level set is an edge that makes it pending.
 *
 * Context: any, hard IRQ and PREEMPT_RT included: only raw locks are
 * taken and VCPUs are kicked through rcuwait (kvm_vcpu_kick()); not with
 * kvm->vgic.lock held.  The vGIC must be initialised.
 * Return: 0, -EINVAL for an INTID or VCPU the VM does not have, -EBUSY
 * before the vGIC is initialised, -ENXIO without an in-kernel vGIC.
 */
int kvm_vgic_inject_irq(struct kvm *kvm, int cpuid, u32 intid, bool level)
{
	struct kvm_vcpu *vcpu = NULL;
	struct vgic_irq *irq;
	unsigned long flags;

	if (!irqchip_in_kernel(kvm))
		return -ENXIO;
	/* pairs with kvm_vgic_init(): the SPIs exist once this is seen */
	if (!smp_load_acquire(&kvm->vgic.initialized))
		return -EBUSY;
	if (intid < VGIC_NR_SGIS)
		return -EINVAL;
	if (intid < VGIC_NR_PRIVATE_IRQS) {
		if (cpuid < 0 || cpuid >= KVM_MAX_VCPUS)
			return -EINVAL;
		vcpu = READ_ONCE(kvm->vcpus[cpuid]);
		if (!vcpu)
			return -EINVAL;
	}
	irq = vgic_get_irq(kvm, vcpu, intid);
	if (!irq)
		return -EINVAL;

	raw_spin_lock_irqsave(&kvm->vgic.lock, flags);
	if (irq->config == VGIC_CONFIG_LEVEL) {
		if (irq->line_level == level) {
			raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);
			return 0;
		}
		irq->line_level = level;
	} else {
		irq->line_level = level;
		if (!level) {
			raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);
			return 0;
		}
		irq->pending_latch = true;
	}
	vgic_irq_update(kvm, irq);
	raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);
	vgic_kick_vcpus(kvm);
	return 0;
}

/**
 * vgic_dispatch_sgi() - a guest wrote GICD_SGIR
 * @src: the VCPU that wrote it
 * @sgir: the value (GICv2 4.3.15)
 *
 * Context: process context, kvm->vgic.lock not held.
 */
void vgic_dispatch_sgi(struct kvm_vcpu *src, u32 sgir)
{
	struct kvm *kvm = src->kvm;
	u32 filter = (sgir >> 24) & 3, sgi = sgir & 0xf;
	unsigned long targets = (sgir >> 16) & 0xff, flags;
	int i;

	switch (filter) {
	case 0:			/* the CPUTargetList */
		break;
	case 1:			/* every CPU interface but the sender's */
		targets = 0xff & ~BIT(src->vcpu_id);
		break;
	case 2:			/* the sender only */
		targets = BIT(src->vcpu_id);
		break;
	default:		/* reserved */
		return;
	}

	raw_spin_lock_irqsave(&kvm->vgic.lock, flags);
	for_each_set_bit(i, &targets, KVM_MAX_VCPUS) {
		struct kvm_vcpu *dst = READ_ONCE(kvm->vcpus[i]);
		struct vgic_irq *irq;

		if (!dst)
			continue;
		irq = &dst->vgic_cpu.private_irqs[sgi];
		irq->source |= BIT(src->vcpu_id);
		vgic_irq_update(kvm, irq);
	}
	raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);
	vgic_kick_vcpus(kvm);
}

/* ---- list registers --------------------------------------------------- */

/* active ones first (they must stay in the LRs), then by priority */
static int vgic_irq_cmp(void *priv, const struct list_head *a,
			const struct list_head *b)
{
	const struct vgic_irq *ia = list_entry(a, struct vgic_irq, ap_list);
	const struct vgic_irq *ib = list_entry(b, struct vgic_irq, ap_list);

	if (ia->active != ib->active)
		return ia->active ? -1 : 1;
	return (int)ia->priority - (int)ib->priority;
}

/*
 * The list register for @irq (GICv2 5.3.9), taking what it carries out of
 * the distributor's state: an edge's pending state or one SGI source.
 * HW is never set, so the EOI bit asks for a maintenance interrupt when
 * the guest completes the interrupt: level-sensitive ones are resampled
 * then, and SGIs from further sources loaded.
 */
static u32 vgic_lr_encode(struct kvm *kvm, struct vgic_irq *irq)
{
	u32 lr = irq->intid | ((u32)(irq->priority >> 3) << GICH_LR_PRIORITY_SHIFT);

	if (irq->group)
		lr |= GICH_LR_GROUP1;
	if (irq->active)
		lr |= GICH_LR_ACTIVE_BIT;

	if (irq_is_sgi(irq)) {
		/* one source at a time; an active SGI keeps the others waiting */
		if (!irq->active && irq_can_signal(kvm, irq)) {
			irq->lr_source = __ffs(irq->source);
			irq->source &= ~BIT(irq->lr_source);
			lr |= GICH_LR_PENDING_BIT;
		}
		lr |= (u32)irq->lr_source << GICH_LR_PHYSID_CPUID_SHIFT;
		if (irq->source)
			lr |= GICH_LR_EOI;
		return lr;
	}
	/*
	 * An active level interrupt goes in active only: had it pending as
	 * well, the EOI would leave the list register pending rather than
	 * empty, no EOI maintenance would follow, and the line would never
	 * be resampled.  It is pending again after the guest completes it.
	 */
	if (irq_can_signal(kvm, irq) &&
	    !(irq->active && irq->config == VGIC_CONFIG_LEVEL)) {
		lr |= GICH_LR_PENDING_BIT;
		if (irq->config == VGIC_CONFIG_EDGE)
			irq->pending_latch = false;
	}
	if (irq->config == VGIC_CONFIG_LEVEL)
		lr |= GICH_LR_EOI;
	return lr;
}

/**
 * kvm_vgic_flush_hwstate() - choose what the VCPU's list registers hold
 * @vcpu: the VCPU about to enter the guest on this CPU
 *
 * Active interrupts always go in (the guest must be able to complete
 * them), then pending ones by priority.  When they do not all fit,
 * GICH_HCR.UIE asks for a maintenance interrupt once the list registers
 * are (nearly) empty, and the rest follow.
 *
 * Context: IRQs disabled, vcpu->cpu published (see kvm_vcpu_kick()).
 */
void kvm_vgic_flush_hwstate(struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = vcpu->kvm;
	struct vgic_cpu *c = &vcpu->vgic_cpu;
	u32 nr_lr = kvm_vgic_global.nr_lr, n = 0;
	struct vgic_irq *irq;
	bool more = false;

	c->hcr = GICH_HCR_EN;
	c->used_lrs = 0;
	if (list_empty(&c->ap_list))
		return;

	raw_spin_lock(&kvm->vgic.lock);
	list_for_each_entry(irq, &c->ap_list, ap_list)
		n++;
	if (n > nr_lr)
		list_sort(NULL, &c->ap_list, vgic_irq_cmp);

	n = 0;
	list_for_each_entry(irq, &c->ap_list, ap_list) {
		if (!irq->active && !irq_can_signal(kvm, irq))
			continue;
		if (n == nr_lr) {
			more = true;
			break;
		}
		c->lr[n] = vgic_lr_encode(kvm, irq);
		c->lr_irq[n] = irq;
		irq->in_lr = true;
		n++;
	}
	c->used_lrs = n;
	if (more)
		c->hcr |= GICH_HCR_UIE;
	raw_spin_unlock(&kvm->vgic.lock);
}

/**
 * kvm_vgic_sync_hwstate() - fold back what the guest did with its LRs
 * @vcpu: the VCPU that just left the guest on this CPU
 *
 * A list register that is no longer pending was acknowledged; one that
 * is neither pending nor active was completed, which for a
 * level-sensitive SPI is news for a resampling irqfd: it is noted for
 * kvm_vgic_notify_acked(), as signalling an eventfd takes its wait-queue
 * lock, a sleeping lock on PREEMPT_RT.
 *
 * Context: IRQs disabled.
 */
void kvm_vgic_sync_hwstate(struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = vcpu->kvm;
	struct vgic_cpu *c = &vcpu->vgic_cpu;
	u32 i;

	if (!c->used_lrs)
		return;

	raw_spin_lock(&kvm->vgic.lock);
	for (i = 0; i < c->used_lrs; i++) {
		struct vgic_irq *irq = c->lr_irq[i];
		u32 lr = c->lr[i];

		irq->in_lr = false;
		c->lr_irq[i] = NULL;
		irq->active = !!(lr & GICH_LR_ACTIVE_BIT);
		if (lr & GICH_LR_PENDING_BIT) {
			/* not acknowledged: what the LR carried is still due */
			if (irq_is_sgi(irq))
				irq->source |= BIT(irq->lr_source);
			else if (irq->config == VGIC_CONFIG_EDGE)
				irq->pending_latch = true;
		} else if (irq->config == VGIC_CONFIG_LEVEL) {
			/* acknowledged: a GICD_ISPENDR latch is consumed */
			irq->pending_latch = false;
			/*
			 * Neither pending nor active: the guest completed it,
			 * and the EOI bit of the LR (GICv2 5.3.9) would have
			 * raised the maintenance interrupt; the line is
			 * resampled here instead.
			 */
			if (!irq->active)
				trace_kvm_arm32_vgic_eoi(vcpu->vcpu_id,
							 irq->intid,
							 irq->line_level);
			if (!irq->active && irq->intid >= VGIC_NR_PRIVATE_IRQS)
				c->acked[c->nr_acked++] = irq->intid;
		}
		vgic_irq_requeue(kvm, irq);
		/* it moved to another VCPU meanwhile: that one must look */
		if (irq->vcpu && irq->vcpu != vcpu)
			vgic_mark_kick(kvm, irq->vcpu);
	}
	c->used_lrs = 0;
	raw_spin_unlock(&kvm->vgic.lock);

	/* kicks are rcuwait wakeups and IPIs: fine with IRQs off */
	if (READ_ONCE(kvm->vgic.kick_mask))
		vgic_kick_vcpus(kvm);
}

/**
 * kvm_vgic_notify_acked() - tell resampling irqfds what the guest completed
 * @vcpu: the VCPU whose last run kvm_vgic_sync_hwstate() folded back
 *
 * Done apart from the fold, once IRQs are enabled again: the line is
 * lowered and the resamplefd signalled (kvm_notify_acked_irq()).  An irqfd
 * signal that arrives in between raises a line that is still high, and
 * the VMM raises it again after the resamplefd if its device still
 * asserts it, so nothing is lost by the delay.
 *
 * Context: the VCPU's thread, preemptible.
 */
void kvm_vgic_notify_acked(struct kvm_vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->vgic_cpu;
	u32 i;

	for (i = 0; i < c->nr_acked; i++)
		kvm_notify_acked_irq(vcpu->kvm, c->acked[i]);
	c->nr_acked = 0;
}

/**
 * kvm_vgic_vcpu_pending_irq() - does the VCPU have an interrupt to take?
 * @vcpu: the VCPU, out of the guest
 *
 * What wakes a core from WFI (B1.8.13): an interrupt the CPU interface
 * would signal, whatever the priority mask and CPSR.I say.
 *
 * Context: process context.
 */
bool kvm_vgic_vcpu_pending_irq(struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = vcpu->kvm;
	struct vgic_irq *irq;
	unsigned long flags;
	bool pending = false;

	raw_spin_lock_irqsave(&kvm->vgic.lock, flags);
	list_for_each_entry(irq, &vcpu->vgic_cpu.ap_list, ap_list) {
		if (irq_can_signal(kvm, irq)) {
			pending = true;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);
	return pending;
}

/**
 * kvm_vgic_vcpu_init() - the SGIs and PPIs of a new VCPU
 * @vcpu: the VCPU
 *
 * GICv2 4.3: SGIs are edge-triggered and (in this model, as KVM's) always
 * enabled; PPIs are level-sensitive here (the timer's is); all reset to
 * priority 0, group 0, nothing pending.
 *
 * Context: VCPU creation, before anyone else can see it.
 */
void kvm_vgic_vcpu_init(struct kvm_vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->vgic_cpu;
	u32 i;

	INIT_LIST_HEAD(&c->ap_list);
	for (i = 0; i < VGIC_NR_PRIVATE_IRQS; i++) {
		struct vgic_irq *irq = &c->private_irqs[i];

		memset(irq, 0, sizeof(*irq));
		INIT_LIST_HEAD(&irq->ap_list);
		irq->intid = i;
		irq->target_vcpu = vcpu;
		if (i < VGIC_NR_SGIS) {
			irq->enabled = true;
			irq->config = VGIC_CONFIG_EDGE;
		} else {
			irq->config = VGIC_CONFIG_LEVEL;
		}
	}
}
