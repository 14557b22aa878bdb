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
/* ==== end timer ==== */

/* ==== section irq (core/iobus.c, core/eventfd.c, core/irq.c) ==== */
/* ==== end irq ==== */
