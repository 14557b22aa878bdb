// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-kernel MMIO bus of a VM: guest accesses that devices in the
 * kernel answer (the vGIC distributor, ioeventfds) without an exit to
 * userspace.
 *
 * The bus is an array replaced as a whole on every change (kvm->slots_lock)
 * and read under RCU: VCPUs look it up on every MMIO exit without a lock,
 * and an unregistered device is out of use once synchronize_rcu() returns.
 */
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "kvm_host.h"

#define KVM_IO_BUS_MAX_DEVS	256

struct kvm_io_range {
	u64 addr;
	u64 len;
	struct kvm_io_device *dev;
};

struct kvm_io_bus {
	unsigned int nr;
	struct kvm_io_range range[];
};

static struct kvm_io_bus *bus_locked(struct kvm *kvm)
{
	return rcu_dereference_protected(kvm->mmio_bus,
					 lockdep_is_held(&kvm->slots_lock));
}

/**
 * kvm_io_bus_register_dev() - let a device answer accesses to a range
 * @kvm: the VM
 * @addr: guest physical address
 * @len: bytes (> 0)
 * @dev: the device; it must stay valid until unregistered
 *
 * Context: process context, kvm->slots_lock held.
 * Return: 0, -EINVAL for an empty or wrapping range, -ENOSPC when the bus
 * is full, -ENOMEM.
 */
int kvm_io_bus_register_dev(struct kvm *kvm, u64 addr, int len,
			    struct kvm_io_device *dev)
{
	struct kvm_io_bus *old = bus_locked(kvm), *new;
	unsigned int nr = old ? old->nr : 0;

	lockdep_assert_held(&kvm->slots_lock);
	if (len <= 0 || addr + len < addr)
		return -EINVAL;
	if (nr >= KVM_IO_BUS_MAX_DEVS)
		return -ENOSPC;
	new = kmalloc(struct_size(new, range, nr + 1), GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;
	if (old)
		memcpy(new->range, old->range, nr * sizeof(new->range[0]));
	new->range[nr] = (struct kvm_io_range){ addr, len, dev };
	new->nr = nr + 1;
	rcu_assign_pointer(kvm->mmio_bus, new);
	synchronize_rcu();
	kfree(old);
	return 0;
}

/**
 * kvm_io_bus_unregister_dev() - remove every range of a device
 * @kvm: the VM
 * @dev: the device
 *
 * When this returns no VCPU is in or will enter the device's callbacks.
 * Context: process context, kvm->slots_lock held.
 */
void kvm_io_bus_unregister_dev(struct kvm *kvm, struct kvm_io_device *dev)
{
	struct kvm_io_bus *old = bus_locked(kvm), *new;
	unsigned int i, n = 0;

	lockdep_assert_held(&kvm->slots_lock);
	if (!old)
		return;
	/* never fails: an array of the same size holds what remains */
	new = kmalloc(struct_size(new, range, old->nr), GFP_KERNEL | __GFP_NOFAIL);
	for (i = 0; i < old->nr; i++)
		if (old->range[i].dev != dev)
			new->range[n++] = old->range[i];
	new->nr = n;
	rcu_assign_pointer(kvm->mmio_bus, new);
	synchronize_rcu();
	kfree(old);
}

/**
 * kvm_io_bus_destroy() - free the bus of a VM being destroyed
 * @kvm: the VM, no VCPU running
 */
void kvm_io_bus_destroy(struct kvm *kvm)
{
	kfree(rcu_dereference_protected(kvm->mmio_bus, true));
	RCU_INIT_POINTER(kvm->mmio_bus, NULL);
}

static int kvm_io_bus_access(struct kvm_vcpu *vcpu, u64 addr, int len,
			     bool is_write, void *val)
{
	struct kvm_io_bus *bus;
	int ret = -EOPNOTSUPP;
	unsigned int i;

	rcu_read_lock();
	bus = rcu_dereference(vcpu->kvm->mmio_bus);
	for (i = 0; bus && i < bus->nr && ret; i++) {
		struct kvm_io_range *r = &bus->range[i];

		/* the access starts inside the range; the device checks the rest */
		if (addr < r->addr || addr - r->addr >= r->len)
			continue;
		if (is_write)
			ret = r->dev->ops->write ?
			      r->dev->ops->write(vcpu, r->dev, addr, len, val) :
			      -EOPNOTSUPP;
		else
			ret = r->dev->ops->read ?
			      r->dev->ops->read(vcpu, r->dev, addr, len, val) :
			      -EOPNOTSUPP;
	}
	rcu_read_unlock();
	return ret;
}

/**
 * kvm_io_bus_write() - offer a guest store to the in-kernel devices
 * @vcpu: the VCPU that stored
 * @addr: guest physical address
 * @len: 1, 2, 4 or 8
 * @val: the bytes, in memory order
 *
 * Context: process context.
 * Return: 0 when a device took it, -EOPNOTSUPP otherwise.
 */
int kvm_io_bus_write(struct kvm_vcpu *vcpu, u64 addr, int len, const void *val)
{
	return kvm_io_bus_access(vcpu, addr, len, true, (void *)val);
}

/**
 * kvm_io_bus_read() - offer a guest load to the in-kernel devices
 * @vcpu: the VCPU that loaded
 * @addr: guest physical address
 * @len: 1, 2, 4 or 8
 * @val: filled with the bytes, in memory order
 *
 * Context: process context.
 * Return: 0 when a device answered, -EOPNOTSUPP otherwise.
 */
int kvm_io_bus_read(struct kvm_vcpu *vcpu, u64 addr, int len, void *val)
{
	return kvm_io_bus_access(vcpu, addr, len, false, val);
}
