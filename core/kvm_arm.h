/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-side (SVC mode) definitions shared by the VM/VCPU core.
 */
#ifndef __KVM_ARM32_CORE_H
#define __KVM_ARM32_CORE_H

#include <linux/types.h>
#include <linux/kvm.h>

/**
 * struct kvm - one virtual machine, the object behind a VM file descriptor
 * @vm_id: small number for log messages, unique while the module is loaded
 */
struct kvm {
	unsigned int vm_id;
};

long kvm_check_extension(struct kvm *kvm, long cap);
int kvm_dev_create_vm(unsigned long type);
int kvm_ioctl_unknown(unsigned int ioctl);

int kvm_arm_check_hyp_mode(void);

#endif /* __KVM_ARM32_CORE_H */
