/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The in-kernel GICv2 emulation (vGIC): distributor state per VM, list
 * register shadow per VCPU, and the interface between its parts:
 *
 *   vgic.c             interrupt state, injection, list register flush/fold
 *   vgic-init.c        host GIC discovery (device tree), VM create/init,
 *                      KVM_CREATE_IRQCHIP / KVM_ARM_SET_DEVICE_ADDR, GICV
 *                      mapping into stage 2, maintenance interrupt
 *   vgic-mmio.c        the distributor's registers, one table
 *   vgic-kvm-device.c  KVM_CREATE_DEVICE and its attribute groups
 *   hyp/vgic-sr.c      GICH save/restore, in HYP
 *
 * Locking: kvm->vgic.lock protects every struct vgic_irq of the VM, the
 * distributor registers and every VCPU's ap_list.  It is a raw_spinlock_t,
 * taken with IRQs disabled: the run loop flushes and folds the list
 * registers with IRQs off and the timer's hrtimer injects in hard IRQ
 * context, where a PREEMPT_RT spinlock_t (a sleeping lock) may not be
 * taken.  So nothing is done under it that could sleep on RT: no
 * allocation, no wakeup of a wait queue, no eventfd signal; VCPUs are
 * kicked and resamplefds signalled after it is dropped.  Every section is
 * bounded by the VM's interrupts (NR_IRQS at most).  It nests inside
 * vcpu->mutex, kvm->lock and an eventfd's wait-queue lock (irqfd
 * wakeups).  One lock is enough for eight VCPUs and keeps the state
 * machine easy to audit.
 */
#ifndef __KVM_ARM32_VGIC_H
#define __KVM_ARM32_VGIC_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "../core/kvm_iodev.h"

struct kvm;
struct kvm_vcpu;

#define VGIC_NR_SGIS		16
#define VGIC_NR_PPIS		16
#define VGIC_NR_PRIVATE_IRQS	(VGIC_NR_SGIS + VGIC_NR_PPIS)
#define VGIC_MAX_IRQS		1024	/* INTIDs 1020-1023 are special */
#define VGIC_MAX_SPI		1019
#define VGIC_NR_IRQS_LEGACY	256	/* NR_IRQS not set: 224 SPIs */
#define VGIC_MAX_LRS		64	/* GICH_VTR.ListRegs is 6 bits */

#define VGIC_V2_DIST_SIZE	0x1000
#define VGIC_V2_CPU_SIZE	0x2000
#define VGIC_ADDR_UNDEF		(~0ULL)

/* GICH_LR (GICv2 5.3.9) */
#define GICH_LR_VIRTUALID	0x3ff
#define GICH_LR_PHYSID_CPUID_SHIFT 10
#define GICH_LR_PHYSID_CPUID	(0x3ff << GICH_LR_PHYSID_CPUID_SHIFT)
#define GICH_LR_EOI		(1 << 19)	/* HW = 0: maintenance on EOI */
#define GICH_LR_PRIORITY_SHIFT	23		/* priority[7:3] */
#define GICH_LR_PENDING_BIT	(1 << 28)
#define GICH_LR_ACTIVE_BIT	(1 << 29)
#define GICH_LR_STATE		(GICH_LR_PENDING_BIT | GICH_LR_ACTIVE_BIT)
#define GICH_LR_GROUP1		(1 << 30)
#define GICH_LR_HW		(1 << 31)

/* GICH_HCR (5.3.2) */
#define GICH_HCR_EN		(1 << 0)
#define GICH_HCR_UIE		(1 << 1)	/* maintenance: <= 1 LR valid */

/* GICH_VMCR (5.3.4): the guest's GICC_CTLR/PMR/BPR/ABPR, as GICH holds them */
#define GICH_VMCR_ENABLE_GRP0	(1 << 0)
#define GICH_VMCR_ENABLE_GRP1	(1 << 1)
#define GICH_VMCR_ACK_CTL	(1 << 2)
#define GICH_VMCR_FIQ_EN	(1 << 3)
#define GICH_VMCR_CBPR		(1 << 4)
#define GICH_VMCR_EOI_MODE	(1 << 9)
#define GICH_VMCR_CTLR_MASK	0x21f		/* GICC_CTLR bits [9], [4:0] */
#define GICH_VMCR_ABPR_SHIFT	18
#define GICH_VMCR_ABPR_MASK	(0x7 << GICH_VMCR_ABPR_SHIFT)
#define GICH_VMCR_BPR_SHIFT	21
#define GICH_VMCR_BPR_MASK	(0x7 << GICH_VMCR_BPR_SHIFT)
#define GICH_VMCR_PMR_SHIFT	27		/* priority mask[7:3] */
#define GICH_VMCR_PMR_MASK	(0x1f << GICH_VMCR_PMR_SHIFT)

enum vgic_irq_config {
	VGIC_CONFIG_EDGE,
	VGIC_CONFIG_LEVEL,
};

/**
 * struct vgic_irq - the state of one interrupt, as the distributor sees it
 * @ap_list: on @target_vcpu's ap_list while pending or active
 * @vcpu: the VCPU whose ap_list holds it (NULL: on none)
 * @target_vcpu: where it is delivered: the owner for SGIs/PPIs, the VCPU
 *	of the lowest set bit of @targets for an SPI (NULL: nowhere)
 * @intid: INTID, 0-1019
 * @line_level: level-sensitive: the input line (KVM_IRQ_LINE, irqfd, timer)
 * @pending_latch: edge: pending; level: set by GICD_ISPENDR, cleared on ack
 * @active: active in the guest
 * @enabled: GICD_ISENABLER
 * @group: GICD_IGROUPR
 * @in_lr: in a list register of @vcpu since the last flush
 * @config: GICD_ICFGR (SGIs: always edge; PPIs: fixed level here)
 * @priority: GICD_IPRIORITYR: the five implemented bits, low three zero
 * @targets: GICD_ITARGETSR, SPIs only
 * @source: SGIs: bitmap of the VCPUs that sent this SGI and wait for it
 *	to be acknowledged (GICD_SPENDSGIR/CPENDSGIR read it)
 * @lr_source: SGIs: the source the list register carries
 */
struct vgic_irq {
	struct list_head ap_list;
	struct kvm_vcpu *vcpu;
	struct kvm_vcpu *target_vcpu;
	u32 intid;
	bool line_level;
	bool pending_latch;
	bool active;
	bool enabled;
	bool group;
	bool in_lr;
	enum vgic_irq_config config;
	u8 priority;
	u8 targets;
	u8 source;
	u8 lr_source;
};

/**
 * struct vgic_dist - the distributor of one VM
 * @created: KVM_CREATE_IRQCHIP or KVM_CREATE_DEVICE done
 * @initialized: state allocated (CTRL_INIT or first KVM_RUN); no more
 *	VCPUs may be created and NR_IRQS is fixed
 * @ready: GICV mapped into stage 2 (first KVM_RUN)
 * @lock: see the top of this file
 * @nr_spis: number of SPIs (NR_IRQS - 32)
 * @spis: @nr_spis interrupts, INTID 32 upwards
 * @dist_base: guest physical address of the distributor (VGIC_ADDR_UNDEF)
 * @cpu_base: guest physical address of the CPU interface (VGIC_ADDR_UNDEF)
 * @ctlr: GICD_CTLR (EnableGrp0 bit 0, EnableGrp1 bit 1)
 * @kick_mask: VCPUs vgic_irq_update() found to need a kick
 * @dist_iodev: the distributor's registers on the VM's MMIO bus
 * @v2_groups_user_writable: userspace wrote GICD_IIDR back, so it may
 *	restore GICD_IGROUPR (arm-vgic.rst); vgic-mmio.c
 */
struct vgic_dist {
	bool created;
	bool initialized;
	bool ready;
	raw_spinlock_t lock;
	u32 nr_spis;
	struct vgic_irq *spis;
	u64 dist_base;
	u64 cpu_base;
	u32 ctlr;
	unsigned long kick_mask;	/* VCPUs to kick, by id */
	struct kvm_io_device dist_iodev;	/* on the MMIO bus once ready */
	bool v2_groups_user_writable;
};

/**
 * struct vgic_cpu - the virtual CPU interface of one VCPU
 *
 * The first part is what HYP loads into and saves from GICH on every
 * world switch (hyp/vgic-sr.c); it lives in struct kvm_vcpu, which HYP maps.
 *
 * @hcr: GICH_HCR for the next entry (0: the vGIC is not in use)
 * @vmcr: GICH_VMCR, the guest's CPU interface control (saved on exit)
 * @apr: GICH_APR, active priorities (saved on exit)
 * @used_lrs: list registers @lr[0..used_lrs-1] loaded on entry
 * @lr: the list registers
 *
 * @private_irqs: SGIs and PPIs of this VCPU
 * @ap_list: interrupts pending or active for this VCPU
 * @lr_irq: which interrupt each loaded list register holds
 * @acked: level SPIs the guest completed in the last run, for
 *	kvm_vgic_notify_acked(); the VCPU's thread alone uses them
 * @nr_acked: entries in @acked
 */
struct vgic_cpu {
	/* HYP-visible */
	u32 hcr;
	u32 vmcr;
	u32 apr;
	u32 used_lrs;
	u32 lr[VGIC_MAX_LRS];
	/* host only */
	struct vgic_irq private_irqs[VGIC_NR_PRIVATE_IRQS];
	struct list_head ap_list;
	struct vgic_irq *lr_irq[VGIC_MAX_LRS];
	u32 acked[VGIC_MAX_LRS];
	u32 nr_acked;
};

/* What the host found of its own GIC (vgic-init.c), host side. */
struct vgic_global {
	bool present;		/* GICH and GICV usable */
	phys_addr_t gich_pa;
	void __iomem *gich;	/* also mapped into HYP at this VA */
	phys_addr_t gicv_pa;
	u32 nr_lr;		/* GICH_VTR.ListRegs + 1 */
	int maint_irq;		/* Linux IRQ of the maintenance PPI */
};
extern struct vgic_global kvm_vgic_global;

/* ---- vgic-init.c -------------------------------------------------------- */
int kvm_vgic_hyp_init(void);		/* module init: probe, map GICH */
void kvm_vgic_hyp_exit(void);
int kvm_vgic_create(struct kvm *kvm);	/* kvm->lock held */
int kvm_vgic_init(struct kvm *kvm);	/* kvm->lock held */
int kvm_vgic_set_nr_irqs(struct kvm *kvm, u32 nr_irqs); /* kvm->lock */
int kvm_vgic_addr(struct kvm *kvm, unsigned long type, u64 *addr,
		  bool write);		/* takes kvm->lock */
int kvm_vgic_map_resources(struct kvm *kvm);	/* first KVM_RUN */
void kvm_vgic_destroy(struct kvm *kvm);
void kvm_vgic_vcpu_init(struct kvm_vcpu *vcpu);	/* at VCPU creation */
bool kvm_vgic_present(void);

/* ---- vgic.c -------------------------------------------------------------- */
struct vgic_irq *vgic_get_irq(struct kvm *kvm, struct kvm_vcpu *vcpu,
			      u32 intid);
void vgic_irq_update(struct kvm *kvm, struct vgic_irq *irq);
void vgic_kick_vcpus(struct kvm *kvm);
int kvm_vgic_inject_irq(struct kvm *kvm, int cpuid, u32 intid, bool level);
void vgic_dispatch_sgi(struct kvm_vcpu *src, u32 sgir);
void kvm_vgic_flush_hwstate(struct kvm_vcpu *vcpu);
void kvm_vgic_sync_hwstate(struct kvm_vcpu *vcpu);
void kvm_vgic_notify_acked(struct kvm_vcpu *vcpu);
bool kvm_vgic_vcpu_pending_irq(struct kvm_vcpu *vcpu);

/* ---- vgic-mmio.c --------------------------------------------------------- */
int vgic_dist_access(struct kvm_vcpu *vcpu, u32 offset, u32 len,
		     bool is_write, u32 *val);
int vgic_dist_uaccess(struct kvm_vcpu *vcpu, u32 offset, bool is_write,
		      u32 *val);
int vgic_cpu_uaccess(struct kvm_vcpu *vcpu, u32 offset, bool is_write,
		     u32 *val);

/* ---- vgic-kvm-device.c ---------------------------------------------------- */
int kvm_ioctl_create_device(struct kvm *kvm, void __user *argp);

#endif /* __KVM_ARM32_VGIC_H */
