/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal to core/regs.c and core/coproc.c, and to the code that needs the
 * guest-visible PSCI version (psci/).
 */
#ifndef __KVM_ARM32_COPROC_H
#define __KVM_ARM32_COPROC_H

#include <linux/bits.h>
#include <linux/types.h>

#include "kvm_host.h"

/* HSR (B3.13.6): exception class, instruction length, condition */
#define HSR_EC_SHIFT		26
#define HSR_EC(hsr)		((hsr) >> HSR_EC_SHIFT)
#define HSR_IL			BIT(25)
#define HSR_CV			BIT(24)
#define HSR_COND_SHIFT		20
#define HSR_COND_MASK		(0xfU << HSR_COND_SHIFT)

#define HSR_EC_CP15_32		0x03	/* MCR/MRC p15 */
#define HSR_EC_CP15_64		0x04	/* MCRR/MRRC p15 */
#define HSR_EC_CP14_MR		0x05	/* MCR/MRC p14 */
#define HSR_EC_CP14_LS		0x06	/* LDC/STC p14 */
#define HSR_EC_CP14_64		0x0c	/* MCRR/MRRC p14 */

/*
 * The guest's PSCI version lives in vcpu->features: KVM_ARM_VCPU_PSCI_0_2
 * (set by KVM_ARM_VCPU_INIT) selects 0.2, and this bit, which userspace
 * cannot set through INIT, records that KVM_SET_ONE_REG of
 * KVM_REG_ARM_PSCI_VERSION raised it to 1.0.  It survives a VCPU reset.
 */
#define KVM_ARM_VCPU_PSCI_1_0_INTERNAL	31

/* PSCI_VERSION(major, minor) as the firmware register and PSCI_VERSION give it */
#define KVM_ARM_PSCI_0_1	((0U << 16) | 1)
#define KVM_ARM_PSCI_0_2	((0U << 16) | 2)
#define KVM_ARM_PSCI_1_0	((1U << 16) | 0)

u32 kvm_psci_vcpu_version(const struct kvm_vcpu *vcpu);

/* core/regs.c */
bool kvm_condition_valid(struct kvm_vcpu *vcpu);

#endif /* __KVM_ARM32_COPROC_H */
