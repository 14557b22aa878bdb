/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An MMIO device served in the kernel (core/iobus.c): its callbacks get
 * guest accesses inside the range it registered, data in memory order
 * (as in kvm_run->mmio.data), and answer 0 when they took the access or
 * -EOPNOTSUPP to let it pass on (to the next device, then userspace).
 * They run in process context under rcu_read_lock(): they must not sleep.
 */
#ifndef __KVM_ARM32_IODEV_H
#define __KVM_ARM32_IODEV_H

#include <linux/types.h>

struct kvm_vcpu;
struct kvm_io_device;

struct kvm_io_device_ops {
	int (*read)(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
		    u64 addr, int len, void *val);
	int (*write)(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
		     u64 addr, int len, const void *val);
};

struct kvm_io_device {
	const struct kvm_io_device_ops *ops;
};

#endif /* __KVM_ARM32_IODEV_H */
