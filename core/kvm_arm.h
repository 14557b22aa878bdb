/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-side (SVC mode) definitions shared by the VM/VCPU core.
 */
#ifndef __KVM_ARM32_CORE_H
#define __KVM_ARM32_CORE_H

#include <linux/types.h>
#include <linux/kvm.h>

struct seq_file;

struct kvm;
struct kvm_vcpu;

long kvm_check_extension(struct kvm *kvm, long cap);
int kvm_dev_create_vm(unsigned long type);
int kvm_ioctl_unknown(unsigned int ioctl);

/* core/vm.c */
void kvm_get_kvm(struct kvm *kvm);
void kvm_put_kvm(struct kvm *kvm);
void kvm_put_kvm_no_destroy(struct kvm *kvm);
int kvm_handle_guest_abort_mem(struct kvm_vcpu *vcpu, u64 ipa, bool write,
			       bool *is_mmio);

/* core/vcpu.c */
int kvm_preferred_target(void);
int kvm_vm_create_vcpu(struct kvm *kvm, unsigned long id);
void kvm_vcpu_destroy(struct kvm_vcpu *vcpu);

/* core/run.c */
int kvm_vcpu_run(struct kvm_vcpu *vcpu);

int kvm_arm_check_hyp_mode(void);

/* core/hvc.S */
unsigned long __kvm_call_hyp(unsigned long fn, unsigned long a1,
			     unsigned long a2, unsigned long a3);
unsigned long __kvm_hyp_init_cpu(u32 entry_pa, u32 param_pa);
unsigned long __kvm_hyp_reset_cpu(void);

#define kvm_call_hyp(fn, a1, a2, a3)	__kvm_call_hyp(fn, a1, a2, a3)

/* core/hyp_setup.c */
struct kvm_hyp_cpu;
int kvm_hyp_setup(void);
void kvm_hyp_teardown(void);
struct kvm_hyp_cpu *kvm_hyp_cpu_data(unsigned int cpu);
int kvm_hyp_selfcheck_cpu(unsigned int cpu, struct seq_file *m);
long kvm_hyp_call_checked(unsigned long fn, unsigned long a1,
			  unsigned long a2, unsigned long a3);
int kvm_hyp_cpu_pm_cycle(bool lose_hyp);
int kvm_hyp_map(const void *start, const void *end);
void kvm_hyp_unmap(const void *start, const void *end);
int kvm_hyp_map_io(void __iomem *va, phys_addr_t pa, size_t size);

/* core/debugfs.c */
void kvm_debugfs_init(void);
void kvm_debugfs_exit(void);

#endif /* __KVM_ARM32_CORE_H */
