// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GICv2 distributor (ARM IHI 0048B, 4.3) as the guest and userspace
 * see it: one table of registers, and two dispatchers over it, one for
 * the guest's loads and stores, one for KVM_DEV_ARM_VGIC_GRP_DIST_REGS.
 * The CPU interface registers userspace saves and restores
 * (KVM_DEV_ARM_VGIC_GRP_CPU_REGS) live in GICH_VMCR and GICH_APR.
 *
 * A register is either per interrupt (@bits_per_irq > 0: a field of that
 * many bits for each INTID, as 4.3 lays them out) and then described by
 * two accessors of one interrupt's field, called with kvm->vgic.lock held;
 * or a whole 32-bit register with its own read and write functions, which
 * take the lock themselves when they need it.
 *
 * The distributor presented is a GICv2 without the Security Extensions,
 * with NR_IRQS interrupts, one CPU interface per VCPU (interface number =
 * VCPU id) and five bits of priority, as many as GICH_LR holds.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>

#include "kvm_host.h"

/* Distributor register offsets (4.1.2, Table 4-1) */
#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IIDR		0x008
#define GICD_IGROUPR		0x080
#define GICD_ISENABLER		0x100
#define GICD_ICENABLER		0x180
#define GICD_ISPENDR		0x200
#define GICD_ICPENDR		0x280
#define GICD_ISACTIVER		0x300
#define GICD_ICACTIVER		0x380
#define GICD_IPRIORITYR		0x400
#define GICD_ITARGETSR		0x800
#define GICD_ICFGR		0xc00
#define GICD_SGIR		0xf00
#define GICD_CPENDSGIR		0xf10
#define GICD_SPENDSGIR		0xf20

/* GICD_CTLR without the Security Extensions (4.3.1): EnableGrp1, EnableGrp0 */
#define GICD_CTLR_ENABLE_MASK	0x3

/*
 * GICD_IIDR (4.3.3): Implementer 0x43b (ARM), ProductID 0x4b ("K", as KVM
 * reports), Revision 2: the revision of KVM's GICv2 emulation in which
 * interrupt groups are guest-configurable and signalled as configured
 * (Documentation/virt/kvm/devices/arm-vgic.rst).  Userspace may write back
 * this value, and only this one (its Revision field is all we implement).
 */
#define GICD_IIDR_IMPLEMENTER_ARM	0x43b
#define GICD_IIDR_PRODUCT_KVM		0x4b
#define GICD_IIDR_REVISION_SHIFT	12
#define GICD_IIDR_REVISION_MASK		(0xf << GICD_IIDR_REVISION_SHIFT)
#define VGIC_IIDR_REVISION		2
#define VGIC_IIDR	((GICD_IIDR_PRODUCT_KVM << 24) |			\
			 (VGIC_IIDR_REVISION << GICD_IIDR_REVISION_SHIFT) |	\
			 GICD_IIDR_IMPLEMENTER_ARM)

/*
 * GICD_IPRIORITYR (4.3.11): a GIC implements the top bits of each priority
 * field.  Five, as GICH_LR.Priority holds bits [7:3]; the rest RAZ/WI.
 */
#define VGIC_PRIORITY_MASK	0xf8

/* GICD_ICFGR (4.3.13): Int_config[1] of each 2-bit field, 1 = edge */
#define GICD_ICFGR_EDGE		0x2

/* GICv2 CPU interface offsets userspace may access (4.4, Table 4-2) */
#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_ABPR		0x1c
#define GICC_APR0		0xd0
#define GICC_APR3		0xdc
#define GICC_IIDR		0xfc

/*
 * GICC_IIDR as KVM answers it to userspace: ProductID [31:20] KVM,
 * Architecture version [19:16] 2, Implementer ARM.
 */
#define VGIC_GICC_IIDR		((GICD_IIDR_PRODUCT_KVM << 20) | (2 << 16) | \
				 GICD_IIDR_IMPLEMENTER_ARM)

/* access widths a register allows the guest */
#define VGIC_ACCESS_8		BIT(0)
#define VGIC_ACCESS_32		BIT(2)

struct vgic_reg {
	u32 offset;
	u32 size;			/* bytes */
	u8 bits_per_irq;		/* 0: a whole 32-bit register */
	u8 access;			/* VGIC_ACCESS_* */
	bool no_uaccess;		/* not a register userspace can access */
	/* per-interrupt registers, kvm->vgic.lock (raw) held: no sleeping */
	u32 (*get)(struct kvm_vcpu *vcpu, struct vgic_irq *irq);
	/* Return: the interrupt's state changed */
	bool (*set)(struct kvm_vcpu *vcpu, struct vgic_irq *irq, u32 field);
	bool (*uset)(struct kvm_vcpu *vcpu, struct vgic_irq *irq, u32 field);
	/* whole registers, no lock held; NULL read: RAZ, NULL write: WI */
	u32 (*read)(struct kvm_vcpu *vcpu, u32 offset);
	void (*write)(struct kvm_vcpu *vcpu, u32 offset, u32 val);
	int (*uwrite)(struct kvm_vcpu *vcpu, u32 offset, u32 val);
};

/* Bitmap of the VM's CPU interfaces: bit n for VCPU id n. */
static u8 vgic_cpu_mask(struct kvm *kvm)
{
	u8 mask = 0;
	int i;

	for (i = 0; i < KVM_MAX_VCPUS; i++)
		if (READ_ONCE(kvm->vcpus[i]))
			mask |= BIT(i);
	return mask;
}

static bool vgic_irq_is_sgi(const struct vgic_irq *irq)
{
	return irq->intid < VGIC_NR_SGIS;
}

/* ---- whole registers ----------------------------------------------------- */

static u32 vgic_read_ctlr(struct kvm_vcpu *vcpu, u32 offset)
{
	return READ_ONCE(vcpu->kvm->vgic.ctlr);
}

/*
 * GICD_CTLR.EnableGrp0/1 gate the forwarding of every pending interrupt
 * to the CPU interfaces (4.3.1): a change is news for every VCPU.
 */
static void vgic_write_ctlr(struct kvm_vcpu *vcpu, u32 offset, u32 val)
{
	struct kvm *kvm = vcpu->kvm;
	unsigned long flags;
	bool changed;
	int i;

	raw_spin_lock_irqsave(&kvm->vgic.lock, flags);
	changed = kvm->vgic.ctlr != (val & GICD_CTLR_ENABLE_MASK);
	kvm->vgic.ctlr = val & GICD_CTLR_ENABLE_MASK;
	raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);

	if (!changed)
		return;
	for (i = 0; i < KVM_MAX_VCPUS; i++) {
		struct kvm_vcpu *v = READ_ONCE(kvm->vcpus[i]);

		if (v)
			kvm_vcpu_kick(v);
	}
}

/*
 * GICD_TYPER (4.3.2): ITLinesNumber = NR_IRQS / 32 - 1, CPUNumber = the
 * highest CPU interface number (interfaces are numbered by VCPU id),
 * SecurityExtn = 0, LSPI = 0.
 */
static u32 vgic_read_typer(struct kvm_vcpu *vcpu, u32 offset)
{
	struct kvm *kvm = vcpu->kvm;
	u32 nr_irqs = VGIC_NR_PRIVATE_IRQS + READ_ONCE(kvm->vgic.nr_spis);
	u8 cpus = vgic_cpu_mask(kvm);

	return (nr_irqs / 32 - 1) | ((cpus ? fls(cpus) - 1 : 0) << 5);
}

static u32 vgic_read_iidr(struct kvm_vcpu *vcpu, u32 offset)
{
	return VGIC_IIDR;
}

/* GICD_TYPER is read-only for userspace too: the VM's shape is fixed. */
static int vgic_uwrite_ignore(struct kvm_vcpu *vcpu, u32 offset, u32 val)
{
	return 0;
}

/*
 * Userspace writing GICD_IIDR back states that it knows this revision's
 * group semantics; from then on it may restore GICD_IGROUPR
 * (arm-vgic.rst, KVM_DEV_ARM_VGIC_GRP_DIST_REGS).  Any other value is
 * an implementation this module is not.
 */
static int vgic_uwrite_iidr(struct kvm_vcpu *vcpu, u32 offset, u32 val)
{
	if (val != VGIC_IIDR)
		return -EINVAL;
	WRITE_ONCE(vcpu->kvm->vgic.v2_groups_user_writable, true);
	return 0;
}

/* GICD_SGIR (4.3.15): write-only; the core delivers the SGI. */
static void vgic_write_sgir(struct kvm_vcpu *vcpu, u32 offset, u32 val)
{
	vgic_dispatch_sgi(vcpu, val);
}

/* ---- per-interrupt registers ---------------------------------------------- */

static u32 vgic_get_group(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	return irq->group;
}

static bool vgic_set_group(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			   u32 field)
{
	bool old = irq->group;

	irq->group = field;
	return old != irq->group;
}

static bool vgic_uset_group(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			    u32 field)
{
	if (!READ_ONCE(vcpu->kvm->vgic.v2_groups_user_writable))
		return false;
	return vgic_set_group(vcpu, irq, field);
}

static u32 vgic_get_enable(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	return irq->enabled;
}

/* Set-enable and clear-enable (4.3.5, 4.3.6): a 0 bit has no effect. */
static bool vgic_set_senable(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			     u32 field)
{
	if (!field || irq->enabled)
		return false;
	irq->enabled = true;
	return true;
}

static bool vgic_set_cenable(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			     u32 field)
{
	if (!field || !irq->enabled)
		return false;
	irq->enabled = false;
	return true;
}

/*
 * Pending (4.3.7): an SGI is pending while any source CPU's request is;
 * a level-sensitive interrupt while its line is high or the latch is set.
 */
static u32 vgic_get_pending(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	if (vgic_irq_is_sgi(irq))
		return irq->source != 0;
	return irq->pending_latch ||
	       (irq->config == VGIC_CONFIG_LEVEL && irq->line_level);
}

/*
 * GICD_ISPENDR/ICPENDR (4.3.7, 4.3.8): the SGI bits are read-only, SGIs
 * are made pending per source through GICD_SGIR and GICD_SPENDSGIR.  For a
 * level-sensitive interrupt the write sets or clears the latch; a line
 * still high keeps it pending.
 */
static bool vgic_set_spending(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			      u32 field)
{
	if (!field || vgic_irq_is_sgi(irq) || irq->pending_latch)
		return false;
	irq->pending_latch = true;
	return true;
}

static bool vgic_set_cpending(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			      u32 field)
{
	if (!field || vgic_irq_is_sgi(irq) || !irq->pending_latch)
		return false;
	irq->pending_latch = false;
	return true;
}

/*
 * Userspace restores what it saved: an SGI's sources cannot be told from
 * one bit, so a pending SGI becomes pending from the VCPU itself, and
 * clearing one drops every source.  A level interrupt gets its latch set
 * (arm-vgic.rst: the line level is the device's, not the register's).
 */
static bool vgic_uset_spending(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			       u32 field)
{
	if (!field)
		return false;
	if (vgic_irq_is_sgi(irq))
		irq->source |= BIT(vcpu->vcpu_id);
	else
		irq->pending_latch = true;
	return true;
}

static bool vgic_uset_cpending(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			       u32 field)
{
	if (!field)
		return false;
	if (vgic_irq_is_sgi(irq))
		irq->source = 0;
	else
		irq->pending_latch = false;
	return true;
}

static u32 vgic_get_active(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	return irq->active;
}

/*
 * GICD_ISACTIVER (4.3.9).  An active SGI carries its source CPU in the
 * list register (GICH_LR.CPUID, 5.3.9): one made active by a register
 * write has the writer as its source, as KVM does.
 */
static bool vgic_set_sactive(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			     u32 field)
{
	if (!field || irq->active)
		return false;
	irq->active = true;
	if (vgic_irq_is_sgi(irq))
		irq->lr_source = vcpu->vcpu_id;
	return true;
}

static bool vgic_set_cactive(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			     u32 field)
{
	if (!field || !irq->active)
		return false;
	irq->active = false;
	return true;
}

static u32 vgic_get_priority(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	return irq->priority & VGIC_PRIORITY_MASK;
}

static bool vgic_set_priority(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			      u32 field)
{
	u8 prio = field & VGIC_PRIORITY_MASK;

	if (irq->priority == prio)
		return false;
	irq->priority = prio;
	return true;
}

/*
 * GICD_ITARGETSR (4.3.12): the SGI and PPI bytes are read-only and each
 * reads as the accessing CPU's own interface; bits of CPU interfaces that
 * do not exist are RAZ/WI.
 */
static u32 vgic_get_targets(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	if (irq->intid < VGIC_NR_PRIVATE_IRQS)
		return BIT(vcpu->vcpu_id);
	return irq->targets;
}

static bool vgic_set_targets(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			     u32 field)
{
	u8 targets = field & vgic_cpu_mask(vcpu->kvm);

	if (irq->intid < VGIC_NR_PRIVATE_IRQS || irq->targets == targets)
		return false;
	irq->targets = targets;
	return true;
}

/*
 * GICD_ICFGR (4.3.13): SGIs are always edge-triggered (reads 0b10, WI);
 * whether a PPI's configuration is programmable is IMPLEMENTATION
 * DEFINED, and here it is not: the timer PPIs are level-sensitive and the
 * timer relies on it (as KVM does).  SPIs are programmable.
 */
static u32 vgic_get_config(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	if (vgic_irq_is_sgi(irq) || irq->config == VGIC_CONFIG_EDGE)
		return GICD_ICFGR_EDGE;
	return 0;
}

static bool vgic_set_config(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
			    u32 field)
{
	enum vgic_irq_config cfg = field & GICD_ICFGR_EDGE ? VGIC_CONFIG_EDGE :
							     VGIC_CONFIG_LEVEL;

	if (irq->intid < VGIC_NR_PRIVATE_IRQS || irq->config == cfg)
		return false;
	irq->config = cfg;
	return true;
}

/*
 * GICD_SPENDSGIR/CPENDSGIR (4.3.16, 4.3.17): one byte per SGI of the
 * accessing CPU, one bit per source CPU interface; bits of interfaces that
 * do not exist are RAZ/WI.  An SGI's pending state is its sources alone.
 */
static u32 vgic_get_sgi_source(struct kvm_vcpu *vcpu, struct vgic_irq *irq)
{
	return irq->source;
}

static bool vgic_set_sgi_spending(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
				  u32 field)
{
	u8 add = field & vgic_cpu_mask(vcpu->kvm) & ~irq->source;

	if (!add)
		return false;
	irq->source |= add;
	return true;
}

static bool vgic_set_sgi_cpending(struct kvm_vcpu *vcpu, struct vgic_irq *irq,
				  u32 field)
{
	if (!(irq->source & field))
		return false;
	irq->source &= ~field;
	return true;
}

/* ---- the distributor --------------------------------------------------------- */

#define VGIC_REG_IRQ(off, bits, acc, g, s, us)				\
	{ .offset = (off), .size = VGIC_MAX_IRQS * (bits) / 8,		\
	  .bits_per_irq = (bits), .access = (acc),			\
	  .get = (g), .set = (s), .uset = (us) }

#define VGIC_REG_32(off, r, w, uw)					\
	{ .offset = (off), .size = 4, .access = VGIC_ACCESS_32,		\
	  .read = (r), .write = (w), .uwrite = (uw) }

/* GICv2 distributor register map, 4.1.2 Table 4-1; everything else RAZ/WI */
static const struct vgic_reg vgic_dist_regs[] = {
	VGIC_REG_32(GICD_CTLR, vgic_read_ctlr, vgic_write_ctlr, NULL),
	VGIC_REG_32(GICD_TYPER, vgic_read_typer, NULL, vgic_uwrite_ignore),
	VGIC_REG_32(GICD_IIDR, vgic_read_iidr, NULL, vgic_uwrite_iidr),
	VGIC_REG_IRQ(GICD_IGROUPR, 1, VGIC_ACCESS_32,
		     vgic_get_group, vgic_set_group, vgic_uset_group),
	VGIC_REG_IRQ(GICD_ISENABLER, 1, VGIC_ACCESS_32,
		     vgic_get_enable, vgic_set_senable, NULL),
	VGIC_REG_IRQ(GICD_ICENABLER, 1, VGIC_ACCESS_32,
		     vgic_get_enable, vgic_set_cenable, NULL),
	VGIC_REG_IRQ(GICD_ISPENDR, 1, VGIC_ACCESS_32,
		     vgic_get_pending, vgic_set_spending, vgic_uset_spending),
	VGIC_REG_IRQ(GICD_ICPENDR, 1, VGIC_ACCESS_32,
		     vgic_get_pending, vgic_set_cpending, vgic_uset_cpending),
	VGIC_REG_IRQ(GICD_ISACTIVER, 1, VGIC_ACCESS_32,
		     vgic_get_active, vgic_set_sactive, NULL),
	VGIC_REG_IRQ(GICD_ICACTIVER, 1, VGIC_ACCESS_32,
		     vgic_get_active, vgic_set_cactive, NULL),
	/* 4.3.11, 4.3.12: byte-accessible */
	VGIC_REG_IRQ(GICD_IPRIORITYR, 8, VGIC_ACCESS_32 | VGIC_ACCESS_8,
		     vgic_get_priority, vgic_set_priority, NULL),
	VGIC_REG_IRQ(GICD_ITARGETSR, 8, VGIC_ACCESS_32 | VGIC_ACCESS_8,
		     vgic_get_targets, vgic_set_targets, NULL),
	VGIC_REG_IRQ(GICD_ICFGR, 2, VGIC_ACCESS_32,
		     vgic_get_config, vgic_set_config, NULL),
	/* write-only, and a guest's own action: no userspace state */
	{ .offset = GICD_SGIR, .size = 4, .access = VGIC_ACCESS_32,
	  .no_uaccess = true, .write = vgic_write_sgir },
	/* 4.3.16, 4.3.17: byte-accessible, one byte per SGI */
	{ .offset = GICD_CPENDSGIR, .size = VGIC_NR_SGIS, .bits_per_irq = 8,
	  .access = VGIC_ACCESS_32 | VGIC_ACCESS_8,
	  .get = vgic_get_sgi_source, .set = vgic_set_sgi_cpending },
	{ .offset = GICD_SPENDSGIR, .size = VGIC_NR_SGIS, .bits_per_irq = 8,
	  .access = VGIC_ACCESS_32 | VGIC_ACCESS_8,
	  .get = vgic_get_sgi_source, .set = vgic_set_sgi_spending },
};

static const struct vgic_reg *vgic_find_reg(u32 offset)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vgic_dist_regs); i++) {
		const struct vgic_reg *r = &vgic_dist_regs[i];

		if (offset >= r->offset && offset - r->offset < r->size)
			return r;
	}
	return NULL;
}

/* The first INTID a per-interrupt access at @offset covers. */
static u32 vgic_reg_intid(const struct vgic_reg *r, u32 offset)
{
	return (offset - r->offset) * 8 / r->bits_per_irq;
}

static bool vgic_intid_exists(struct kvm *kvm, u32 intid)
{
	return intid < VGIC_NR_PRIVATE_IRQS + READ_ONCE(kvm->vgic.nr_spis);
}

/*
 * Read or write the fields of the interrupts that @len bytes at @offset
 * cover.  Fields of INTIDs that do not exist read as zero and ignore
 * writes (4.3: registers of unimplemented interrupts are RAZ/WI).
 */
static u32 vgic_access_irqs(struct kvm_vcpu *vcpu, const struct vgic_reg *r,
			    u32 offset, u32 len, bool is_write, u32 val,
			    bool user)
{
	bool (*set)(struct kvm_vcpu *vcpu, struct vgic_irq *irq, u32 field);
	struct kvm *kvm = vcpu->kvm;
	u32 bits = r->bits_per_irq, intid = vgic_reg_intid(r, offset);
	u32 field_mask = GENMASK(bits - 1, 0), ret = 0;
	unsigned long flags;
	unsigned int i;

	set = user && r->uset ? r->uset : r->set;
	raw_spin_lock_irqsave(&kvm->vgic.lock, flags);
	for (i = 0; i < len * 8 / bits; i++) {
		struct vgic_irq *irq;

		if (!vgic_intid_exists(kvm, intid + i))
			break;
		irq = vgic_get_irq(kvm, vcpu, intid + i);
		if (!irq)
			break;
		if (!is_write)
			ret |= (r->get(vcpu, irq) & field_mask) << (i * bits);
		else if (set(vcpu, irq, (val >> (i * bits)) & field_mask))
			vgic_irq_update(kvm, irq);
	}
	raw_spin_unlock_irqrestore(&kvm->vgic.lock, flags);
	if (is_write)
		vgic_kick_vcpus(kvm);
	return ret;
}

/* Width and alignment rules of 4.1.4 for the guest. */
static bool vgic_access_allowed(const struct vgic_reg *r, u32 offset, u32 len)
{
	if (offset & (len - 1))
		return false;
	switch (len) {
	case 1:
		return r->access & VGIC_ACCESS_8;
	case 4:
		return r->access & VGIC_ACCESS_32;
	default:
		return false;
	}
}

/**
 * vgic_dist_access() - a guest's load or store in the distributor
 * @vcpu: the accessing VCPU: its SGIs and PPIs are the banked ones
 * @offset: offset in the 4 KiB distributor frame
 * @len: 1, 2 or 4 bytes
 * @is_write: store
 * @val: the value stored, or the value loaded
 *
 * Every register is word-accessible, IPRIORITYR, ITARGETSR, CPENDSGIR and
 * SPENDSGIR also byte by byte (4.1.4).  Halfword, unaligned and other byte
 * accesses, reserved offsets and the registers of INTIDs beyond NR_IRQS
 * read as zero and ignore writes, as on hardware.
 *
 * Context: process context, the VCPU's thread; takes kvm->vgic.lock.
 * Return: 0.
 */
int vgic_dist_access(struct kvm_vcpu *vcpu, u32 offset, u32 len,
		     bool is_write, u32 *val)
{
	const struct vgic_reg *r = vgic_find_reg(offset);

	if (!r || !vgic_access_allowed(r, offset, len)) {
		if (!is_write)
			*val = 0;
		return 0;
	}
	if (r->bits_per_irq) {
		u32 v = vgic_access_irqs(vcpu, r, offset, len, is_write,
					 is_write ? *val : 0, false);

		if (!is_write)
			*val = v;
	} else if (!is_write) {
		*val = r->read ? r->read(vcpu, offset) : 0;
	} else if (r->write) {
		r->write(vcpu, offset, *val);
	}
	return 0;
}

/**
 * vgic_dist_uaccess() - KVM_DEV_ARM_VGIC_GRP_DIST_REGS
 * @vcpu: the VCPU whose banked registers (SGIs, PPIs) are meant
 * @offset: offset in the distributor frame, 32-bit aligned
 * @is_write: set the register
 * @val: the value to set or the value read; NULL: only check that the
 *	register exists (KVM_HAS_DEVICE_ATTR), touching no interrupt state
 *
 * The registers a guest sees, with userspace's restore semantics where
 * they differ: GICD_ISPENDR/ICPENDR set and clear SGIs whatever their
 * source and set the latch of level interrupts, GICD_IGROUPR is written
 * only once userspace has written GICD_IIDR back, and GICD_TYPER ignores
 * writes.  No VCPU may be running (vcpu->mutex of every VCPU held).
 *
 * Context: process context, vGIC initialised; takes kvm->vgic.lock.
 * Return: 0; -ENXIO for an offset that is no register userspace can
 * access (reserved, GICD_SGIR, unaligned, or INTIDs beyond NR_IRQS);
 * -EINVAL for a GICD_IIDR value that is not this implementation's.
 */
int vgic_dist_uaccess(struct kvm_vcpu *vcpu, u32 offset, bool is_write,
		      u32 *val)
{
	const struct vgic_reg *r = vgic_find_reg(offset);

	if (!r || r->no_uaccess || (offset & 3))
		return -ENXIO;
	if (r->bits_per_irq &&
	    !vgic_intid_exists(vcpu->kvm, vgic_reg_intid(r, offset)))
		return -ENXIO;
	if (!val)
		return 0;

	if (r->bits_per_irq) {
		u32 v = vgic_access_irqs(vcpu, r, offset, 4, is_write,
					 is_write ? *val : 0, true);

		if (!is_write)
			*val = v;
		return 0;
	}
	if (!is_write) {
		*val = r->read ? r->read(vcpu, offset) : 0;
		return 0;
	}
	if (r->uwrite)
		return r->uwrite(vcpu, offset, *val);
	if (r->write)
		r->write(vcpu, offset, *val);
	return 0;
}

/* GICH_VMCR field (5.3.4) <-> the CPU interface register userspace sees */
static u32 vmcr_get(u32 vmcr, u32 mask, u32 shift)
{
	return (vmcr & mask) >> shift;
}

static u32 vmcr_set(u32 vmcr, u32 mask, u32 shift, u32 val)
{
	return (vmcr & ~mask) | ((val << shift) & mask);
}

/**
 * vgic_cpu_uaccess() - KVM_DEV_ARM_VGIC_GRP_CPU_REGS
 * @vcpu: the VCPU whose CPU interface is meant; not running
 * @offset: offset in the CPU interface frame, 32-bit aligned
 * @is_write: set the register
 * @val: the value to set or the value read; NULL: only check that the
 *	register exists (KVM_HAS_DEVICE_ATTR)
 *
 * The guest's CPU interface is the GICV frame of the hardware; what of it
 * KVM lets userspace save and restore lives in GICH_VMCR and GICH_APR
 * (5.3.4, 5.3.5): GICC_CTLR (bits [9] and [4:0] map onto VMCR[9:0]), GICC_BPR
 * and GICC_ABPR (3 bits each), GICC_PMR as GICH_VMCR.VMPriMask, the
 * priority's top five bits in [4:0] (the ABI of arm-vgic.rst), and the
 * active priorities as GICC_APR0 (APR1-3 exist and read as zero: five
 * priority bits give 32 preemption levels).  GICC_IIDR reads as KVM's.
 *
 * Context: process context; every VCPU's mutex held.
 * Return: 0, or -ENXIO for any other offset.
 */
int vgic_cpu_uaccess(struct kvm_vcpu *vcpu, u32 offset, bool is_write,
		     u32 *val)
{
	struct vgic_cpu *cpu = &vcpu->vgic_cpu;
	u32 v = 0;

	switch (offset) {
	case GICC_CTLR:
	case GICC_PMR:
	case GICC_BPR:
	case GICC_ABPR:
	case GICC_APR0 ... GICC_APR3:
	case GICC_IIDR:
		if (offset & 3)
			return -ENXIO;
		break;
	default:
		return -ENXIO;
	}
	if (!val)
		return 0;
	if (is_write)
		v = *val;

	switch (offset) {
	case GICC_CTLR:
		if (is_write)
			cpu->vmcr = vmcr_set(cpu->vmcr, GICH_VMCR_CTLR_MASK, 0, v);
		else
			v = vmcr_get(cpu->vmcr, GICH_VMCR_CTLR_MASK, 0);
		break;
	case GICC_PMR:
		if (is_write)
			cpu->vmcr = vmcr_set(cpu->vmcr, GICH_VMCR_PMR_MASK,
					     GICH_VMCR_PMR_SHIFT, v);
		else
			v = vmcr_get(cpu->vmcr, GICH_VMCR_PMR_MASK,
				     GICH_VMCR_PMR_SHIFT);
		break;
	case GICC_BPR:
		if (is_write)
			cpu->vmcr = vmcr_set(cpu->vmcr, GICH_VMCR_BPR_MASK,
					     GICH_VMCR_BPR_SHIFT, v);
		else
			v = vmcr_get(cpu->vmcr, GICH_VMCR_BPR_MASK,
				     GICH_VMCR_BPR_SHIFT);
		break;
	case GICC_ABPR:
		if (is_write)
			cpu->vmcr = vmcr_set(cpu->vmcr, GICH_VMCR_ABPR_MASK,
					     GICH_VMCR_ABPR_SHIFT, v);
		else
			v = vmcr_get(cpu->vmcr, GICH_VMCR_ABPR_MASK,
				     GICH_VMCR_ABPR_SHIFT);
		break;
	case GICC_APR0:
		if (is_write)
			cpu->apr = v;
		else
			v = cpu->apr;
		break;
	case GICC_IIDR:
		v = VGIC_GICC_IIDR;
		break;
	default:
		/* APR1-3: no preemption levels beyond 32, RAZ/WI */
		v = 0;
		break;
	}
	if (!is_write)
		*val = v;
	return 0;
}
