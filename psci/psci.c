// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI for guests, over HVC (ARM DEN 0022: PSCI 0.2 and 1.0), the PSCI 0.1
 * function ids KVM chose before 0.2 fixed them, and the SMCCC 1.1
 * discovery calls (ARM DEN 0028).
 *
 * One table describes every function: its id, the first PSCI version that
 * has it, and its handler.  A handler returns the value for the guest's r0,
 * or sets *exit (0: to userspace with run->exit_reason set).
 */
#include <linux/arm-smccc.h>
#include <linux/kernel.h>
#include <linux/psci.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <uapi/linux/psci.h>

#include "kvm_arm.h"
#include "kvm_host.h"
#include "psci.h"
#include "../core/coproc.h"

#define MPIDR_HWID_MASK		0x00ffffffU

static u32 psci_arg(struct kvm_vcpu *vcpu, int n)
{
	return *vcpu_reg(vcpu, n);
}

static struct kvm_vcpu *kvm_mpidr_to_vcpu(struct kvm *kvm, u32 mpidr)
{
	unsigned int i;

	for (i = 0; i < KVM_MAX_VCPUS; i++) {
		struct kvm_vcpu *v = READ_ONCE(kvm->vcpus[i]);

		if (v && (v->ctxt.cp15[c0_MPIDR] & MPIDR_HWID_MASK) ==
			 (mpidr & MPIDR_HWID_MASK))
			return v;
	}
	return NULL;
}

static u32 psci_version(struct kvm_vcpu *vcpu, int *exit)
{
	return kvm_psci_vcpu_version(vcpu);
}

/* CPU_SUSPEND: a power state the host cannot do better than WFI with. */
static u32 psci_cpu_suspend(struct kvm_vcpu *vcpu, int *exit)
{
	return PSCI_RET_SUCCESS;
}

static u32 psci_cpu_off(struct kvm_vcpu *vcpu, int *exit)
{
	WRITE_ONCE(vcpu->power_off, true);
	return PSCI_RET_SUCCESS;
}

/*
 * CPU_ON: the target resets itself on its own thread (its registers are
 * its thread's business) from the entry point and context id left here.
 */
static u32 psci_cpu_on(struct kvm_vcpu *vcpu, int *exit)
{
	struct kvm *kvm = vcpu->kvm;
	struct kvm_vcpu *target;
	u32 ret = PSCI_RET_SUCCESS;

	mutex_lock(&kvm->lock);
	target = kvm_mpidr_to_vcpu(kvm, psci_arg(vcpu, 1));
	if (!target || target->target < 0) {
		ret = PSCI_RET_INVALID_PARAMS;
	} else if (!READ_ONCE(target->power_off)) {
		/* PSCI 0.1 had no ALREADY_ON */
		ret = kvm_psci_vcpu_version(vcpu) == KVM_ARM_PSCI_0_1 ?
		      PSCI_RET_INVALID_PARAMS : PSCI_RET_ALREADY_ON;
	} else {
		target->on.pc = psci_arg(vcpu, 2);
		target->on.r0 = psci_arg(vcpu, 3);
		/* the new CPU takes the caller's data endianness (SCTLR.EE) */
		target->on.be = vcpu->ctxt.cp15[c1_SCTLR] & BIT(25);
		target->on.pending = true;
		WRITE_ONCE(target->power_off, false);
		kvm_vcpu_kick(target);
	}
	mutex_unlock(&kvm->lock);
	return ret;
}

static u32 psci_affinity_info(struct kvm_vcpu *vcpu, int *exit)
{
	u32 level = psci_arg(vcpu, 2), mask, affinity;
	unsigned int i, matching = 0;

	if (level > 3)
		return PSCI_RET_INVALID_PARAMS;
	/* affinity levels 0-2 are MPIDR bytes 0-2; level 3 none on arm32 */
	mask = level >= 3 ? 0 : MPIDR_HWID_MASK << (level * 8);
	affinity = psci_arg(vcpu, 1) & mask;
	for (i = 0; i < KVM_MAX_VCPUS; i++) {
		struct kvm_vcpu *v = READ_ONCE(vcpu->kvm->vcpus[i]);

		if (!v || (v->ctxt.cp15[c0_MPIDR] & mask) != affinity)
			continue;
		matching++;
		if (!READ_ONCE(v->power_off))
			return PSCI_0_2_AFFINITY_LEVEL_ON;
	}
	return matching ? PSCI_0_2_AFFINITY_LEVEL_OFF : PSCI_RET_INVALID_PARAMS;
}

static u32 psci_migrate_info_type(struct kvm_vcpu *vcpu, int *exit)
{
	/* no Trusted OS to migrate: ARM DEN 0022, 5.1.8 */
	return PSCI_0_2_TOS_MP;
}

/* SYSTEM_OFF and SYSTEM_RESET: every VCPU stops, the VMM decides. */
static u32 psci_system_event(struct kvm_vcpu *vcpu, u32 type, int *exit)
{
	unsigned int i;

	for (i = 0; i < KVM_MAX_VCPUS; i++) {
		struct kvm_vcpu *v = READ_ONCE(vcpu->kvm->vcpus[i]);

		if (v && v != vcpu) {
			WRITE_ONCE(v->power_off, true);
			kvm_vcpu_kick(v);
		}
	}
	WRITE_ONCE(vcpu->power_off, true);
	memset(&vcpu->run->system_event, 0, sizeof(vcpu->run->system_event));
	vcpu->run->exit_reason = KVM_EXIT_SYSTEM_EVENT;
	vcpu->run->system_event.type = type;
	*exit = 0;
	/* if the VMM resumes the VCPU anyway, the call failed */
	return PSCI_RET_INTERNAL_FAILURE;
}

static u32 psci_system_off(struct kvm_vcpu *vcpu, int *exit)
{
	return psci_system_event(vcpu, KVM_SYSTEM_EVENT_SHUTDOWN, exit);
}

static u32 psci_system_reset(struct kvm_vcpu *vcpu, int *exit)
{
	return psci_system_event(vcpu, KVM_SYSTEM_EVENT_RESET, exit);
}

static u32 psci_features(struct kvm_vcpu *vcpu, int *exit);

static u32 smccc_version(struct kvm_vcpu *vcpu, int *exit)
{
	return ARM_SMCCC_VERSION_1_1;
}

/* No firmware workaround is needed or offered on these cores. */
static u32 smccc_arch_features(struct kvm_vcpu *vcpu, int *exit)
{
	return psci_arg(vcpu, 1) == ARM_SMCCC_VERSION_FUNC_ID ?
	       PSCI_RET_SUCCESS : (u32)SMCCC_RET_NOT_SUPPORTED;
}

static const struct psci_fn {
	u32 id;
	u32 since;		/* PSCI version that has it */
	u32 (*handler)(struct kvm_vcpu *vcpu, int *exit);
} psci_fns[] = {
	/* PSCI 0.1, KVM's ids: only for VCPUs without KVM_ARM_VCPU_PSCI_0_2 */
	{ KVM_PSCI_FN_CPU_SUSPEND,	KVM_ARM_PSCI_0_1, psci_cpu_suspend },
	{ KVM_PSCI_FN_CPU_OFF,		KVM_ARM_PSCI_0_1, psci_cpu_off },
	{ KVM_PSCI_FN_CPU_ON,		KVM_ARM_PSCI_0_1, psci_cpu_on },
	/* PSCI 0.2 and 1.0, SMC32 ids */
	{ PSCI_0_2_FN_PSCI_VERSION,	KVM_ARM_PSCI_0_2, psci_version },
	{ PSCI_0_2_FN_CPU_SUSPEND,	KVM_ARM_PSCI_0_2, psci_cpu_suspend },
	{ PSCI_0_2_FN_CPU_OFF,		KVM_ARM_PSCI_0_2, psci_cpu_off },
	{ PSCI_0_2_FN_CPU_ON,		KVM_ARM_PSCI_0_2, psci_cpu_on },
	{ PSCI_0_2_FN_AFFINITY_INFO,	KVM_ARM_PSCI_0_2, psci_affinity_info },
	{ PSCI_0_2_FN_MIGRATE_INFO_TYPE, KVM_ARM_PSCI_0_2, psci_migrate_info_type },
	{ PSCI_0_2_FN_SYSTEM_OFF,	KVM_ARM_PSCI_0_2, psci_system_off },
	{ PSCI_0_2_FN_SYSTEM_RESET,	KVM_ARM_PSCI_0_2, psci_system_reset },
	{ PSCI_1_0_FN_PSCI_FEATURES,	KVM_ARM_PSCI_1_0, psci_features },
	/* SMCCC 1.1 discovery comes with PSCI 1.0 */
	{ ARM_SMCCC_VERSION_FUNC_ID,	KVM_ARM_PSCI_1_0, smccc_version },
	{ ARM_SMCCC_ARCH_FEATURES_FUNC_ID, KVM_ARM_PSCI_1_0, smccc_arch_features },
};

/* The function @id as this VCPU's PSCI version offers it, or NULL. */
static const struct psci_fn *psci_lookup(struct kvm_vcpu *vcpu, u32 id)
{
	u32 version = kvm_psci_vcpu_version(vcpu);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psci_fns); i++) {
		const struct psci_fn *f = &psci_fns[i];

		if (f->id != id)
			continue;
		/* 0.1's ids exist only without 0.2, and the other way round */
		if ((f->since == KVM_ARM_PSCI_0_1) != (version == KVM_ARM_PSCI_0_1))
			return NULL;
		return version >= f->since ? f : NULL;
	}
	return NULL;
}

static u32 psci_features(struct kvm_vcpu *vcpu, int *exit)
{
	return psci_lookup(vcpu, psci_arg(vcpu, 1)) ?
	       PSCI_RET_SUCCESS : (u32)PSCI_RET_NOT_SUPPORTED;
}

/**
 * kvm_psci_call() - an HVC from the guest
 * @vcpu: the calling VCPU
 *
 * The function id is in r0, arguments in r1-r3; the result goes to r0.
 * Unknown functions return NOT_SUPPORTED (-1), as SMCCC requires.
 *
 * Return: 1 to resume the guest, 0 to exit to userspace (system events).
 */
int kvm_psci_call(struct kvm_vcpu *vcpu)
{
	const struct psci_fn *f = psci_lookup(vcpu, psci_arg(vcpu, 0));
	int exit = 1;
	u32 ret;

	ret = f ? f->handler(vcpu, &exit) : (u32)SMCCC_RET_NOT_SUPPORTED;
	*vcpu_reg(vcpu, 0) = ret;
	return exit;
}

/**
 * kvm_psci_hyp_answers() - what HYP may answer for this VCPU by itself
 * @vcpu: the VCPU, after KVM_ARM_VCPU_INIT or a KVM_REG_ARM_PSCI_VERSION
 *	write, outside KVM_RUN (vcpu->mutex)
 *
 * PSCI_VERSION and SMCCC_VERSION neither read arguments nor change state:
 * their answer depends on the VCPU's PSCI version only, so HYP's trap
 * vector (hyp/entry.S) serves them from the value the table above gives
 * here.  A function this VCPU's version lacks (0.1 has no PSCI_VERSION,
 * 0.2 no SMCCC_VERSION) gets 0 and stays with kvm_psci_call().
 */
void kvm_psci_hyp_answers(struct kvm_vcpu *vcpu)
{
	const struct psci_fn *f;
	int exit = 1;

	f = psci_lookup(vcpu, PSCI_0_2_FN_PSCI_VERSION);
	vcpu->hyp_hvc.psci_version = f ? f->handler(vcpu, &exit) : 0;
	f = psci_lookup(vcpu, ARM_SMCCC_VERSION_FUNC_ID);
	vcpu->hyp_hvc.smccc_version = f ? f->handler(vcpu, &exit) : 0;
}
