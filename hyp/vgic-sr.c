// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv2 virtual interface control (GICH) across a world switch, in HYP.
 *
 * The host decides what the guest's list registers hold (vgic/vgic.c)
 * and leaves it in vcpu->vgic_cpu; HYP writes it to GICH before entering
 * the guest and reads it back after, so the guest acknowledges and
 * completes interrupts at GICV without ever trapping.
 */
#include <linux/kernel.h>

#include "hyp.h"
#include "../vgic/vgic.h"

/* GICH registers (GICv2 5.3) */
#define GICH_HCR_OFF		0x00
#define GICH_VTR_OFF		0x04
#define GICH_VMCR_OFF		0x08
#define GICH_APR_OFF		0xf0
#define GICH_LR0_OFF		0x100

/* Set by the host before the first VM exists (vgic-init.c). */
struct kvm_vgic_hyp_state kvm_vgic_hyp __hyp_data;

/* Plain loads and stores: HYP must not call the kernel's accessors. */
static __always_inline u32 gich_read(u32 off)
{
	u32 v;

	asm volatile("ldr %0, [%1]" : "=r" (v)
		     : "r" (kvm_vgic_hyp.gich + off) : "memory");
	return v;
}

static __always_inline void gich_write(u32 v, u32 off)
{
	asm volatile("str %0, [%1]" : : "r" (v), "r" (kvm_vgic_hyp.gich + off)
		     : "memory");
}

/**
 * __vgic_v2_restore_state() - load a VCPU's virtual CPU interface
 * @vcpu: the VCPU about to enter; vgic_cpu.hcr == 0 when its VM has no
 *	in-kernel vGIC (GICH is then left disabled)
 *
 * Context: HYP, world switch.
 */
void __hyp_text __vgic_v2_restore_state(struct kvm_vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->vgic_cpu;
	u32 i;

	if (!c->hcr)
		return;
	gich_write(c->vmcr, GICH_VMCR_OFF);
	gich_write(c->apr, GICH_APR_OFF);
	for (i = 0; i < c->used_lrs; i++)
		gich_write(c->lr[i], GICH_LR0_OFF + 4 * i);
	/* GICH_HCR.En last: the interface signals from what is loaded */
	gich_write(c->hcr, GICH_HCR_OFF);
}

/**
 * __vgic_v2_save_state() - read back what the guest did with its interrupts
 * @vcpu: the VCPU that left the guest
 *
 * Only the list registers loaded on entry are read (and cleared, so that
 * nothing stale reaches the next VCPU on this CPU): each one's state field
 * tells the host all it needs, so GICH_MISR, EISR and ELRSR are not read.
 *
 * Context: HYP, world switch.
 */
void __hyp_text __vgic_v2_save_state(struct kvm_vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->vgic_cpu;
	u32 i;

	if (!c->hcr)
		return;
	c->vmcr = gich_read(GICH_VMCR_OFF);
	c->apr = gich_read(GICH_APR_OFF);
	for (i = 0; i < c->used_lrs; i++) {
		c->lr[i] = gich_read(GICH_LR0_OFF + 4 * i);
		gich_write(0, GICH_LR0_OFF + 4 * i);
	}
	/* no maintenance interrupt while the host runs */
	gich_write(0, GICH_HCR_OFF);
}

/**
 * __vgic_v2_disable() - no virtual interface signalling for the host
 *
 * Context: HYP panic path, restoring the host after a failed guest run.
 */
void __hyp_text __vgic_v2_disable(void)
{
	if (kvm_vgic_hyp.gich)
		gich_write(0, GICH_HCR_OFF);
}
