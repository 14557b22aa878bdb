// SPDX-License-Identifier: GPL-2.0-only
/*
 * TEMPORARY, development branch only: entry points of parts being written
 * in parallel.  Each part deletes its section when it lands; this file
 * must be empty (and gone) before anything reaches main.
 */
#include <linux/errno.h>

#include "kvm_host.h"

/* ==== section vgic-core: landed ==== */

/* ==== section vgic-mmio (vgic/vgic-mmio.c, vgic/vgic-kvm-device.c) ==== */
int vgic_dist_access(struct kvm_vcpu *vcpu, u32 offset, u32 len, bool is_write, u32 *val) { return -ENXIO; }
int vgic_dist_uaccess(struct kvm_vcpu *vcpu, u32 offset, bool is_write, u32 *val) { return -ENXIO; }
int vgic_cpu_uaccess(struct kvm_vcpu *vcpu, u32 offset, bool is_write, u32 *val) { return -ENXIO; }
int kvm_ioctl_create_device(struct kvm *kvm, void __user *argp) { return -ENODEV; }
/* ==== end vgic-mmio ==== */

/* ==== section timer (arch_timer/) ==== */
int kvm_timer_hyp_init(void) { return 0; }
void kvm_timer_hyp_exit(void) { }
void kvm_timer_vm_init(struct kvm *kvm) { }
void kvm_timer_vcpu_init(struct kvm_vcpu *vcpu) { }
void kvm_timer_vcpu_reset(struct kvm_vcpu *vcpu) { }
void kvm_timer_vcpu_destroy(struct kvm_vcpu *vcpu) { }
void kvm_timer_flush_hwstate(struct kvm_vcpu *vcpu) { }
void kvm_timer_sync_hwstate(struct kvm_vcpu *vcpu) { }
bool kvm_timer_should_notify_user(struct kvm_vcpu *vcpu) { return false; }
void kvm_timer_update_run(struct kvm_vcpu *vcpu) { }
bool kvm_timer_is_pending(struct kvm_vcpu *vcpu) { return false; }
void kvm_timer_schedule(struct kvm_vcpu *vcpu) { }
void kvm_timer_unschedule(struct kvm_vcpu *vcpu) { }
bool kvm_arm_timer_is_reg(u64 id) { return false; }
int kvm_arm_timer_get_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val) { return -ENOENT; }
int kvm_arm_timer_set_reg(struct kvm_vcpu *vcpu, u64 id, u64 val) { return -ENOENT; }
/* ==== end timer ==== */

/* ==== section irq (core/iobus.c, core/eventfd.c, core/irq.c) ==== */
void kvm_eventfd_init(struct kvm *kvm) { }
int kvm_irqfd(struct kvm *kvm, struct kvm_irqfd *args) { return -EINVAL; }
void kvm_irqfd_release(struct kvm *kvm) { }
int kvm_ioeventfd(struct kvm *kvm, struct kvm_ioeventfd *args) { return -EINVAL; }
void kvm_ioeventfd_release(struct kvm *kvm) { }
void kvm_notify_acked_irq(struct kvm *kvm, u32 intid) { }
int kvm_vm_ioctl_irq_line(struct kvm *kvm, struct kvm_irq_level *irq) { return -EINVAL; }
bool kvm_vcpu_irq_line_pending(struct kvm_vcpu *vcpu) { return false; }
/* ==== end irq ==== */
