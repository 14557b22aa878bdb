// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM file descriptors: KVM_CREATE_VM and the ioctls issued on a VM fd.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "kvm_arm.h"

/* Names VMs in log messages; an id is reused only after its VM is gone. */
static DEFINE_IDA(kvm_vm_ida);

static void kvm_destroy_vm(struct kvm *kvm)
{
	ida_free(&kvm_vm_ida, kvm->vm_id);
	kfree(kvm);
}

static int kvm_vm_release(struct inode *inode, struct file *filp)
{
	kvm_destroy_vm(filp->private_data);
	return 0;
}

static long kvm_vm_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm *kvm = filp->private_data;

	switch (ioctl) {
	case KVM_CHECK_EXTENSION:
		return kvm_check_extension(kvm, arg);
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
 * The VM lives as long as its file: the anonymous inode takes a reference
 * on this module, so the module cannot be unloaded while a VM exists.
 *
 * Return: a new file descriptor, or -EINVAL for an unknown type, -ENOMEM,
 * -EMFILE and the like.
 */
int kvm_dev_create_vm(unsigned long type)
{
	struct kvm *kvm;
	int fd, ret;

	if (type)
		return -EINVAL;

	kvm = kzalloc(sizeof(*kvm), GFP_KERNEL_ACCOUNT);
	if (!kvm)
		return -ENOMEM;

	ret = ida_alloc(&kvm_vm_ida, GFP_KERNEL);
	if (ret < 0)
		goto out_free_kvm;
	kvm->vm_id = ret;

	fd = anon_inode_getfd("kvm-vm", &kvm_vm_fops, kvm, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto out_free_id;
	}
	return fd;

out_free_id:
	ida_free(&kvm_vm_ida, kvm->vm_id);
out_free_kvm:
	kfree(kvm);
	return ret;
}
