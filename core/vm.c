// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM file descriptors: KVM_CREATE_VM, memory slots and the other ioctls
 * issued on a VM fd.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kvm_arm.h"
#include "kvm_host.h"
#include "../mmu/stage2.h"

/* Names VMs in log messages; an id is reused only after its VM is gone. */
static DEFINE_IDA(kvm_vm_ida);

static void kvm_destroy_vm(struct kvm *kvm)
{
	unsigned int i;

	kvm_stats_vm_destroy(kvm);
	/* nothing can inject any more once eventfds are detached */
	kvm_irqfd_release(kvm);
	kvm_ioeventfd_release(kvm);
	kvm_vgic_destroy(kvm);
	kvm_io_bus_destroy(kvm);
	for (i = 0; i < KVM_MAX_VCPUS; i++)
		if (kvm->vcpus[i])
			kvm_vcpu_destroy(kvm->vcpus[i]);
	/* Unpins every guest page, charged to the VMM's mm. */
	kvm_stage2_free(kvm);
	free_percpu(kvm->last_vcpu_ran);
	mmdrop(kvm->mm);
	ida_free(&kvm_vm_ida, kvm->vm_id);
	kfree(kvm);
}

/**
 * kvm_get_kvm() - take a reference on a VM
 * @kvm: the VM
 */
void kvm_get_kvm(struct kvm *kvm)
{
	refcount_inc(&kvm->users);
}

/**
 * kvm_put_kvm() - drop a reference; the last one destroys the VM
 * @kvm: the VM
 */
void kvm_put_kvm(struct kvm *kvm)
{
	if (refcount_dec_and_test(&kvm->users))
		kvm_destroy_vm(kvm);
}

/**
 * kvm_put_kvm_no_destroy() - drop a reference known not to be the last
 * @kvm: the VM
 */
void kvm_put_kvm_no_destroy(struct kvm *kvm)
{
	WARN_ON(refcount_dec_and_test(&kvm->users));
}

static int kvm_vm_release(struct inode *inode, struct file *filp)
{
	kvm_put_kvm(filp->private_data);
	return 0;
}

static struct kvm_memory_slot *kvm_gfn_to_slot(struct kvm *kvm, u64 gfn)
{
	unsigned int i;

	lockdep_assert_held(&kvm->slots_lock);
	for (i = 0; i < KVM_USER_MEM_SLOTS; i++) {
		struct kvm_memory_slot *s = &kvm->memslots[i];

		if (s->npages && gfn >= s->base_gfn &&
		    gfn < s->base_gfn + s->npages)
			return s;
	}
	return NULL;
}

/**
 * kvm_handle_guest_abort_mem() - back a guest access with RAM if it can be
 * @vcpu: the faulting VCPU
 * @ipa: the guest physical address
 * @write: the access was a write
 * @is_mmio: set when the access must be emulated as MMIO instead (no slot,
 *	or a write to a read-only slot)
 *
 * Context: process context of the VMM.
 * Return: 0, or a negative errno when the slot's memory cannot be pinned.
 */
int kvm_handle_guest_abort_mem(struct kvm_vcpu *vcpu, u64 ipa, bool write,
			       bool *is_mmio)
{
	struct kvm *kvm = vcpu->kvm;
	struct kvm_memory_slot *slot;
	u64 gfn = ipa >> PAGE_SHIFT;
	bool readonly;
	int ret = 0;

	mutex_lock(&kvm->slots_lock);
	slot = kvm_gfn_to_slot(kvm, gfn);
	readonly = slot && (slot->flags & KVM_MEM_READONLY);
	*is_mmio = !slot || (write && readonly);
	if (!*is_mmio)
		ret = kvm_stage2_map_gfn(kvm, gfn, slot->userspace_addr +
					 ((gfn - slot->base_gfn) << PAGE_SHIFT),
					 !readonly, slot->base_gfn, slot->npages);
	mutex_unlock(&kvm->slots_lock);
	return ret;
}

/*
 * KVM_SET_USER_MEMORY_REGION: create (size != 0, slot empty), delete
 * (size 0), move (new guest address) or change flags of a slot, with the
 * errors KVM documents.
 */
static int kvm_set_memory_region(struct kvm *kvm,
				 struct kvm_userspace_memory_region *mem)
{
	u16 id = mem->slot & 0xffff;
	struct kvm_memory_slot *old, *s;
	u64 npages = mem->memory_size >> PAGE_SHIFT;
	u64 base_gfn = mem->guest_phys_addr >> PAGE_SHIFT;
	unsigned int i;
	int ret = 0;

	/* no address spaces on ARM: the upper half of @slot must be 0 */
	if ((mem->slot >> 16) || id >= KVM_USER_MEM_SLOTS)
		return -EINVAL;
	if (mem->flags & ~KVM_MEM_READONLY)
		return -EINVAL;
	if ((mem->memory_size | mem->guest_phys_addr) & ~PAGE_MASK ||
	    mem->userspace_addr & ~PAGE_MASK)
		return -EINVAL;
	if (mem->guest_phys_addr + mem->memory_size < mem->guest_phys_addr)
		return -EINVAL;
	if (mem->memory_size &&
	    (mem->userspace_addr + mem->memory_size < mem->userspace_addr ||
	     !access_ok((void __user *)(unsigned long)mem->userspace_addr,
			mem->memory_size) ||
	     mem->memory_size != (unsigned long)mem->memory_size))
		return -EINVAL;
	/* beyond the stage-2 IPA space: what KVM/arm answered */
	if (mem->guest_phys_addr + mem->memory_size > KVM_PHYS_SIZE)
		return -EFAULT;

	mutex_lock(&kvm->slots_lock);
	old = &kvm->memslots[id];

	if (!npages) {
		if (!old->npages) {
			ret = -EINVAL;
			goto out;
		}
		kvm_stage2_unmap_range(kvm, old->base_gfn, old->npages);
		memset(old, 0, sizeof(*old));
		goto out;
	}

	/* An existing slot may move or change flags, nothing else. */
	if (old->npages && (old->npages != npages ||
			    old->userspace_addr != mem->userspace_addr ||
			    (old->flags ^ mem->flags) & KVM_MEM_READONLY)) {
		ret = -EINVAL;
		goto out;
	}
	for (i = 0; i < KVM_USER_MEM_SLOTS; i++) {
		s = &kvm->memslots[i];
		if (i == id || !s->npages)
			continue;
		if (base_gfn < s->base_gfn + s->npages &&
		    s->base_gfn < base_gfn + npages) {
			ret = -EEXIST;
			goto out;
		}
	}
	if (old->npages && old->base_gfn != base_gfn)
		kvm_stage2_unmap_range(kvm, old->base_gfn, old->npages);

	old->id = id;
	old->base_gfn = base_gfn;
	old->npages = npages;
	old->userspace_addr = mem->userspace_addr;
	old->flags = mem->flags;
out:
	mutex_unlock(&kvm->slots_lock);
	return ret;
}

/*
 * KVM_ARM_SET_DEVICE_ADDR: id = device << 16 | address type.  The only
 * device is the legacy vGICv2 (KVM_CREATE_IRQCHIP); the device API sets
 * the same addresses through its ADDR group.
 */
static int kvm_vm_set_device_addr(struct kvm *kvm,
				  struct kvm_arm_device_addr *dev_addr)
{
	u32 dev_id = (dev_addr->id & KVM_ARM_DEVICE_ID_MASK) >>
		     KVM_ARM_DEVICE_ID_SHIFT;
	u32 type = (dev_addr->id & KVM_ARM_DEVICE_TYPE_MASK) >>
		   KVM_ARM_DEVICE_TYPE_SHIFT;

	if (dev_addr->id >> 32)
		return -ENODEV;
	switch (dev_id) {
	case KVM_ARM_DEVICE_VGIC_V2:
		if (!irqchip_in_kernel(kvm))
			return -ENXIO;
		return kvm_vgic_addr(kvm, type, &dev_addr->addr, true);
	default:
		return -ENODEV;
	}
}

/*
 * A line may be driven before the first KVM_RUN (a VMM resets its devices
 * first): the vGIC then takes its default size, as KVM does.
 */
static int kvm_vgic_lazy_init(struct kvm *kvm)
{
	int ret;

	/* pairs with kvm_vgic_init() */
	if (!irqchip_in_kernel(kvm) || smp_load_acquire(&kvm->vgic.initialized))
		return 0;
	mutex_lock(&kvm->lock);
	ret = kvm_vgic_init(kvm);
	mutex_unlock(&kvm->lock);
	return ret;
}

static long kvm_vm_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm *kvm = filp->private_data;
	void __user *argp = (void __user *)arg;
	struct kvm_userspace_memory_region mem;
	struct kvm_vcpu_init init;
	struct kvm_irq_level irq;
	struct kvm_arm_device_addr dev_addr;
	struct kvm_irqfd irqfd;
	struct kvm_ioeventfd ioeventfd;
	int target, ret;

	/* a VM belongs to the process that created it */
	if (current->mm != kvm->mm)
		return -EIO;

	switch (ioctl) {
	case KVM_CHECK_EXTENSION:
		return kvm_check_extension(kvm, arg);
	case KVM_CREATE_VCPU:
		return kvm_vm_create_vcpu(kvm, arg);
	case KVM_SET_USER_MEMORY_REGION:
		if (copy_from_user(&mem, argp, sizeof(mem)))
			return -EFAULT;
		return kvm_set_memory_region(kvm, &mem);
	case KVM_ARM_PREFERRED_TARGET:
		target = kvm_preferred_target();
		if (target < 0)
			return target;
		memset(&init, 0, sizeof(init));
		init.target = target;
		return copy_to_user(argp, &init, sizeof(init)) ? -EFAULT : 0;
	case KVM_CREATE_IRQCHIP:
		if (kvm->user_irqchip_only)
			return -ENXIO;
		mutex_lock(&kvm->lock);
		ret = kvm_vgic_create(kvm);
		mutex_unlock(&kvm->lock);
		return ret;
	case KVM_ARM_SET_DEVICE_ADDR:
		if (copy_from_user(&dev_addr, argp, sizeof(dev_addr)))
			return -EFAULT;
		return kvm_vm_set_device_addr(kvm, &dev_addr);
	case KVM_CREATE_DEVICE:
		return kvm_ioctl_create_device(kvm, argp);
	case KVM_IRQ_LINE:
		if (copy_from_user(&irq, argp, sizeof(irq)))
			return -EFAULT;
		ret = kvm_vgic_lazy_init(kvm);
		if (ret)
			return ret;
		return kvm_vm_ioctl_irq_line(kvm, &irq);
	case KVM_IRQFD:
		if (copy_from_user(&irqfd, argp, sizeof(irqfd)))
			return -EFAULT;
		ret = kvm_vgic_lazy_init(kvm);
		if (ret)
			return ret;
		return kvm_irqfd(kvm, &irqfd);
	case KVM_IOEVENTFD:
		if (copy_from_user(&ioeventfd, argp, sizeof(ioeventfd)))
			return -EFAULT;
		return kvm_ioeventfd(kvm, &ioeventfd);
	default:
		return kvm_ioctl_unknown(ioctl);
	}
}

static const struct file_operations kvm_vm_fops = {
	.owner		= THIS_MODULE,
	.release	= kvm_vm_release,
	.unlocked_ioctl	= kvm_vm_ioctl,
	.compat_ioctl	= kvm_vm_ioctl,
	.llseek		= noop_llseek,
};

/**
 * kvm_dev_create_vm() - KVM_CREATE_VM
 * @type: machine type; the only one 32-bit ARM KVM defines is 0
 *
 * The VM lives as long as its file and its VCPUs' files: the anonymous
 * inodes take a reference on this module, so the module cannot be
 * unloaded while a VM exists.
 *
 * Return: a new file descriptor, or -EINVAL for an unknown type, -ENOMEM,
 * -EMFILE and the like.
 */
int kvm_dev_create_vm(unsigned long type)
{
	struct kvm *kvm;
	int fd, ret, cpu;

	if (type)
		return -EINVAL;

	kvm = kzalloc(sizeof(*kvm), GFP_KERNEL_ACCOUNT);
	if (!kvm)
		return -ENOMEM;
	refcount_set(&kvm->users, 1);
	mutex_init(&kvm->lock);
	mutex_init(&kvm->slots_lock);
	spin_lock_init(&kvm->mmu_lock);
	kvm->user_irqchip_only = !kvm_vgic_present();
	kvm->hstr = kvm_coproc_hstr();
	kvm_eventfd_init(kvm);
	kvm_timer_vm_init(kvm);
	kvm->mm = current->mm;
	mmgrab(kvm->mm);

	kvm->last_vcpu_ran = alloc_percpu_gfp(int, GFP_KERNEL_ACCOUNT);
	if (!kvm->last_vcpu_ran) {
		ret = -ENOMEM;
		goto out_free_kvm;
	}
	for_each_possible_cpu(cpu)
		*per_cpu_ptr(kvm->last_vcpu_ran, cpu) = -1;

	ret = kvm_stage2_init(kvm);
	if (ret)
		goto out_free_percpu;

	ret = ida_alloc(&kvm_vm_ida, GFP_KERNEL);
	if (ret < 0)
		goto out_free_stage2;
	kvm->vm_id = ret;
	kvm_stats_vm_create(kvm);

	fd = anon_inode_getfd("kvm-vm", &kvm_vm_fops, kvm, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto out_free_id;
	}
	return fd;

out_free_id:
	kvm_stats_vm_destroy(kvm);
	ida_free(&kvm_vm_ida, kvm->vm_id);
out_free_stage2:
	kvm_stage2_free(kvm);
out_free_percpu:
	free_percpu(kvm->last_vcpu_ran);
out_free_kvm:
	mmdrop(kvm->mm);
	kfree(kvm);
	return ret;
}
