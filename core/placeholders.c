// SPDX-License-Identifier: GPL-2.0-only
/*
 * TEMPORARY, development branch only: entry points of parts being written
 * in parallel.  Each part deletes its section when it lands; this file
 * must be empty (and gone) before anything reaches main.
 */
#include <linux/errno.h>

#include "kvm_host.h"

/* ==== section vgic-core (vgic/vgic.c, vgic/vgic-init.c) ==== */
struct vgic_global kvm_vgic_global;
int kvm_vgic_hyp_init(void) { return 0; }
void kvm_vgic_hyp_exit(void) { }
int kvm_vgic_create(struct kvm *kvm) { return -ENODEV; }
int kvm_vgic_init(struct kvm *kvm) { return -ENODEV; }
int kvm_vgic_set_nr_irqs(struct kvm *kvm, u32 nr_irqs) { return -ENODEV; }
int kvm_vgic_addr(struct kvm *kvm, unsigned long type, u64 *addr, bool write) { return -ENODEV; }
int kvm_vgic_map_resources(struct kvm *kvm) { return -ENODEV; }
void kvm_vgic_destroy(struct kvm *kvm) { }
void kvm_vgic_vcpu_init(struct kvm_vcpu *vcpu) { }
bool kvm_vgic_present(void) { return false; }
struct vgic_irq *vgic_get_irq(struct kvm *kvm, struct kvm_vcpu *vcpu, u32 intid) { return NULL; }
void vgic_irq_update(struct kvm *kvm, struct vgic_irq *irq) { }
void vgic_kick_vcpus(struct kvm *kvm) { }
int kvm_vgic_inject_irq(struct kvm *kvm, int cpuid, u32 intid, bool level) { return -ENODEV; }
void vgic_dispatch_sgi(struct kvm_vcpu *src, u32 sgir) { }
void kvm_vgic_flush_hwstate(struct kvm_vcpu *vcpu) { }
void kvm_vgic_sync_hwstate(struct kvm_vcpu *vcpu) { }
bool kvm_vgic_vcpu_pending_irq(struct kvm_vcpu *vcpu) { return false; }
void kvm_vgic_irq_reset(struct kvm_vcpu *vcpu) { }
/* ==== end vgic-core ==== */

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
int kvm_io_bus_register_dev(struct kvm *kvm, u64 addr, int len, struct kvm_io_device *dev) { return -ENOSPC; }
void kvm_io_bus_unregister_dev(struct kvm *kvm, struct kvm_io_device *dev) { }
int kvm_io_bus_write(struct kvm_vcpu *vcpu, u64 addr, int len, const void *val) { return -EOPNOTSUPP; }
int kvm_io_bus_read(struct kvm_vcpu *vcpu, u64 addr, int len, void *val) { return -EOPNOTSUPP; }
void kvm_io_bus_destroy(struct kvm *kvm) { }
/* ==== end irq ==== */
