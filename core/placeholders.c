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
/* ==== end vgic-mmio ==== */

/* ==== section timer (arch_timer/) ==== */
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
