/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's virtual timer (ARM ARM B8): CNTV_CTL and CNTV_CVAL belong
 * to the guest while it runs, CNTVOFF is per VM; the host keeps the
 * physical timer.  The timer's output is a level-sensitive PPI (27)
 * delivered through the vGIC, or reported to userspace as
 * KVM_ARM_DEV_EL1_VTIMER in kvm_run->s.regs.device_irq_level.
 */
#ifndef __KVM_ARM32_ARCH_TIMER_H
#define __KVM_ARM32_ARCH_TIMER_H

#include <linux/hrtimer.h>
#include <linux/types.h>

struct kvm;
struct kvm_vcpu;
struct kvm_one_reg;

#define KVM_VTIMER_PPI		27	/* virtual timer INTID (GICv2 PPI 11) */

/**
 * struct arch_timer_cpu - host-side state of one VCPU's virtual timer
 * @bg_timer: wakes the VCPU from WFI when its timer would fire
 * @level: the timer's output as last computed (and last injected)
 * @user_level: the level userspace last saw in device_irq_level
 */
struct arch_timer_cpu {
	struct hrtimer bg_timer;
	bool level;
	bool user_level;
};

int kvm_timer_hyp_init(void);		/* module init */
void kvm_timer_hyp_exit(void);
void kvm_timer_vm_init(struct kvm *kvm);
void kvm_timer_vcpu_init(struct kvm_vcpu *vcpu);
void kvm_timer_vcpu_reset(struct kvm_vcpu *vcpu);
void kvm_timer_vcpu_destroy(struct kvm_vcpu *vcpu);
void kvm_timer_flush_hwstate(struct kvm_vcpu *vcpu);
void kvm_timer_sync_hwstate(struct kvm_vcpu *vcpu);
bool kvm_timer_should_notify_user(struct kvm_vcpu *vcpu);
void kvm_timer_update_run(struct kvm_vcpu *vcpu);
void kvm_timer_schedule(struct kvm_vcpu *vcpu);
void kvm_timer_unschedule(struct kvm_vcpu *vcpu);
bool kvm_arm_timer_is_reg(u64 id);
int kvm_arm_timer_get_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val);
int kvm_arm_timer_set_reg(struct kvm_vcpu *vcpu, u64 id, u64 val);

#endif /* __KVM_ARM32_ARCH_TIMER_H */
