/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __KVM_ARM32_PSCI_H
#define __KVM_ARM32_PSCI_H

struct kvm_vcpu;

int kvm_psci_call(struct kvm_vcpu *vcpu);
void kvm_psci_hyp_answers(struct kvm_vcpu *vcpu);

#endif /* __KVM_ARM32_PSCI_H */
