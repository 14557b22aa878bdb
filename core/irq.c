// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_IRQ_LINE: interrupt lines the VMM drives.
 *
 * The irq field has the arm32 layout (KVM_CAP_ARM_IRQ_LINE_LAYOUT_2):
 *
 *   vcpu2_index[31:28] type[27:24] vcpu_index[23:16] number[15:0]
 *
 * with the VCPU index vcpu2_index * 256 + vcpu_index.  Three types:
 *
 *   CPU  the IRQ (0) or FIQ (1) input of a VCPU, for a VMM that emulates
 *        the interrupt controller itself: the lines become HCR.VI and
 *        HCR.VF on the next guest entry (B1.8.11 "Virtual exceptions");
 *        only without an in-kernel irqchip
 *   SPI  a shared peripheral interrupt of the vGIC, INTID 32-1019
 *   PPI  a private peripheral interrupt, INTID 16-31, of one VCPU
 *
 * The errors are those of KVM/arm's kvm_vm_ioctl_irq_line(): -ENXIO when
 * the type does not fit the VM's interrupt controller, -EINVAL for an
 * unknown type, a VCPU that does not exist or a number out of range.
 */
#include <linux/atomic.h>
#include <linux/kvm.h>

#include "kvm_host.h"
#include "trace.h"

/*
 * The VCPU a KVM_IRQ_LINE index names.  KVM numbers VCPUs in creation
 * order; here the index is the VCPU id, the same thing for a VMM that
 * creates ids 0..n-1 in order, as every VMM does.  A VCPU, once published,
 * lives as long as its VM.
 */
static struct kvm_vcpu *kvm_irq_line_vcpu(struct kvm *kvm, unsigned int idx)
{
	if (idx >= KVM_MAX_VCPUS)
		return NULL;
	return READ_ONCE(kvm->vcpus[idx]);
}

/*
 * Set or clear one of the VCPU's virtual exception lines.  The VCPU picks
 * the new value up into HCR on its next entry; a kick makes that entry
 * happen now (a VCPU in the guest exits, one in WFI wakes up).  A level
 * that does not change kicks nobody.
 */
static int vcpu_interrupt_line(struct kvm_vcpu *vcpu, u32 line, bool level)
{
	u32 old, new;

	old = READ_ONCE(vcpu->irq_lines);
	do {
		new = level ? old | line : old & ~line;
		if (new == old)
			return 0;
	} while (!try_cmpxchg(&vcpu->irq_lines, &old, new));

	kvm_vcpu_kick(vcpu);
	return 0;
}

/**
 * kvm_vm_ioctl_irq_line() - KVM_IRQ_LINE
 * @kvm: the VM
 * @irq: the line (arm32 layout above) and its new level
 *
 * Context: process context (a VM ioctl).  Any number of callers at once.
 * Return: 0; -ENXIO for a CPU line with an in-kernel vGIC, or an SPI/PPI
 * without one; -EINVAL for an unknown type, a VCPU that does not exist, a
 * CPU line other than IRQ/FIQ, a PPI outside 16-31 or an SPI outside
 * 32-1019 or beyond the vGIC's NR_IRQS; an error of the vGIC's lazy init.
 */
int kvm_vm_ioctl_irq_line(struct kvm *kvm, struct kvm_irq_level *irq)
{
	u32 type = (irq->irq >> KVM_ARM_IRQ_TYPE_SHIFT) & KVM_ARM_IRQ_TYPE_MASK;
	u32 num = (irq->irq >> KVM_ARM_IRQ_NUM_SHIFT) & KVM_ARM_IRQ_NUM_MASK;
	unsigned int idx = (irq->irq >> KVM_ARM_IRQ_VCPU_SHIFT) &
			   KVM_ARM_IRQ_VCPU_MASK;
	bool level = irq->level;
	struct kvm_vcpu *vcpu;

	idx += ((irq->irq >> KVM_ARM_IRQ_VCPU2_SHIFT) & KVM_ARM_IRQ_VCPU2_MASK) *
	       (KVM_ARM_IRQ_VCPU_MASK + 1);
	trace_kvm_arm32_irq_line(type, idx, num, level);

	switch (type) {
	case KVM_ARM_IRQ_TYPE_CPU:
		if (irqchip_in_kernel(kvm))
			return -ENXIO;
		vcpu = kvm_irq_line_vcpu(kvm, idx);
		if (!vcpu)
			return -EINVAL;
		if (num > KVM_ARM_IRQ_CPU_FIQ)
			return -EINVAL;
		return vcpu_interrupt_line(vcpu, num == KVM_ARM_IRQ_CPU_FIQ ?
					   VCPU_IRQ_LINE_FIQ : VCPU_IRQ_LINE_IRQ,
					   level);
	case KVM_ARM_IRQ_TYPE_PPI:
		if (!irqchip_in_kernel(kvm))
			return -ENXIO;
		vcpu = kvm_irq_line_vcpu(kvm, idx);
		if (!vcpu)
			return -EINVAL;
		/* GICv2 2.2.1: INTIDs 16-31 are the PPIs of each CPU */
		if (num < VGIC_NR_SGIS || num >= VGIC_NR_PRIVATE_IRQS)
			return -EINVAL;
		return kvm_vgic_inject_irq(kvm, vcpu->vcpu_id, num, level);
	case KVM_ARM_IRQ_TYPE_SPI:
		if (!irqchip_in_kernel(kvm))
			return -ENXIO;
		/* GICv2 2.2.1: SPIs are 32-1019; 1020-1023 are special */
		if (num < VGIC_NR_PRIVATE_IRQS || num > VGIC_MAX_SPI)
			return -EINVAL;
		return kvm_vgic_inject_irq(kvm, 0, num, level);
	default:
		return -EINVAL;
	}
}

/**
 * kvm_vcpu_irq_line_pending() - is the VMM holding an exception line high?
 * @vcpu: the VCPU
 *
 * B1.8.13 "Wait For Interrupt": a virtual IRQ or FIQ wakes the core from
 * WFI whether or not CPSR.I/F mask it, so both lines count.
 *
 * Context: any.
 * Return: true if the IRQ or FIQ line of @vcpu is asserted.
 */
bool kvm_vcpu_irq_line_pending(struct kvm_vcpu *vcpu)
{
	return READ_ONCE(vcpu->irq_lines) &
	       (VCPU_IRQ_LINE_IRQ | VCPU_IRQ_LINE_FIQ);
}
