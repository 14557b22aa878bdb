// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/kvm for 32-bit ARM hosts with the Virtualization Extensions.
 *
 * Module entry points and the system ioctls of the KVM API (those issued on
 * the /dev/kvm file descriptor itself).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "kvm_arm.h"
#include "kvm_host.h"

/*
 * Capabilities answered by KVM_CHECK_EXTENSION, on /dev/kvm and on VM file
 * descriptors alike.  One row per capability the module implements; any
 * capability not listed answers 0, as KVM does for ones it does not know.
 */
static bool kvm_cap_vgic(struct kvm *kvm)
{
	return kvm ? !kvm->user_irqchip_only : kvm_vgic_present();
}

static const struct {
	long cap;
	long val;
	bool (*avail)(struct kvm *kvm);	/* NULL: always */
} kvm_caps[] = {
	{ KVM_CAP_USER_MEMORY,		1 },
	{ KVM_CAP_DESTROY_MEMORY_REGION_WORKS, 1 },
	{ KVM_CAP_NR_VCPUS,		KVM_MAX_VCPUS },
	{ KVM_CAP_NR_MEMSLOTS,		KVM_USER_MEM_SLOTS },
	{ KVM_CAP_MAX_VCPUS,		KVM_MAX_VCPUS },
	{ KVM_CAP_ONE_REG,		1 },
	{ KVM_CAP_READONLY_MEM,		1 },
	{ KVM_CAP_IMMEDIATE_EXIT,	1 },
	{ KVM_CAP_MP_STATE,		1 },
	{ KVM_CAP_ARM_PSCI,		1 },
	{ KVM_CAP_ARM_PSCI_0_2,		1 },
	{ KVM_CAP_CHECK_EXTENSION_VM,	1 },
	{ KVM_CAP_IRQCHIP,		1, kvm_cap_vgic },
	{ KVM_CAP_DEVICE_CTRL,		1 },
	{ KVM_CAP_ARM_SET_DEVICE_ADDR,	1, kvm_cap_vgic },
	{ KVM_CAP_ARM_IRQ_LINE_LAYOUT_2, 1 },
	{ KVM_CAP_ARM_USER_IRQ,		1 },
	{ KVM_CAP_IRQFD,		1 },
	{ KVM_CAP_IRQFD_RESAMPLE,	1 },
	{ KVM_CAP_IOEVENTFD,		1 },
	{ KVM_CAP_IOEVENTFD_ANY_LENGTH,	1 },
};

/**
 * kvm_check_extension() - answer KVM_CHECK_EXTENSION
 * @kvm: the VM asked on, or NULL when asked on /dev/kvm
 * @cap: KVM_CAP_* number from userspace
 *
 * Return: the capability's value, 0 when it is not supported.
 */
long kvm_check_extension(struct kvm *kvm, long cap)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kvm_caps); i++)
		if (kvm_caps[i].cap == cap)
			return !kvm_caps[i].avail || kvm_caps[i].avail(kvm) ?
			       kvm_caps[i].val : 0;
	return 0;
}

/**
 * kvm_ioctl_unknown() - errno for an ioctl no handler recognised
 * @ioctl: the command number
 *
 * KVM answers -EINVAL for a command in its own ioctl space (KVMIO) that it
 * does not implement; a command from another driver's space is answered
 * with -ENOTTY, the VFS convention for "not an ioctl of this file".
 *
 * Return: the negative errno to give userspace.
 */
int kvm_ioctl_unknown(unsigned int ioctl)
{
	return _IOC_TYPE(ioctl) == KVMIO ? -EINVAL : -ENOTTY;
}

static long kvm_dev_ioctl(struct file *filp, unsigned int ioctl,
			  unsigned long arg)
{
	switch (ioctl) {
	case KVM_GET_API_VERSION:
		if (arg)
			return -EINVAL;
		return KVM_API_VERSION;
	case KVM_CREATE_VM:
		return kvm_dev_create_vm(arg);
	case KVM_CHECK_EXTENSION:
		return kvm_check_extension(NULL, arg);
	case KVM_GET_VCPU_MMAP_SIZE:
		if (arg)
			return -EINVAL;
		/* struct kvm_run; grows when a coalesced MMIO ring exists */
		return PAGE_SIZE;
	default:
		return kvm_ioctl_unknown(ioctl);
	}
}

static const struct file_operations kvm_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= kvm_dev_ioctl,
	.compat_ioctl	= kvm_dev_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice kvm_dev = {
	.minor	= KVM_MINOR,
	.name	= "kvm",
	.fops	= &kvm_dev_fops,
	.mode	= 0660,
};

static int __init kvm_arm_init(void)
{
	int ret;

	ret = kvm_arm_check_hyp_mode();
	if (ret)
		return ret;

	ret = kvm_coproc_table_init();
	if (ret)
		return ret;

	ret = kvm_hyp_setup();
	if (ret)
		return ret;
	ret = kvm_vgic_hyp_init();
	if (ret)
		goto out_hyp_teardown;
	ret = kvm_timer_hyp_init();
	if (ret)
		goto out_vgic_exit;
	kvm_debugfs_init();

	/* Last: userspace may open /dev/kvm as soon as it exists. */
	ret = misc_register(&kvm_dev);
	if (ret) {
		pr_err("cannot register /dev/kvm (minor %d): %d\n",
		       KVM_MINOR, ret);
		goto out_debugfs_exit;
	}
	return 0;

out_debugfs_exit:
	kvm_debugfs_exit();
	kvm_timer_hyp_exit();
out_vgic_exit:
	kvm_vgic_hyp_exit();
out_hyp_teardown:
	kvm_hyp_teardown();
	return ret;
}

static void __exit kvm_arm_exit(void)
{
	misc_deregister(&kvm_dev);
	kvm_debugfs_exit();
	kvm_timer_hyp_exit();
	kvm_vgic_hyp_exit();
	kvm_hyp_teardown();
}

module_init(kvm_arm_init);
module_exit(kvm_arm_exit);

MODULE_DESCRIPTION("KVM hypervisor for 32-bit ARM (ARMv7 Virtualization Extensions)");
MODULE_LICENSE("GPL");
MODULE_ALIAS_MISCDEV(KVM_MINOR);
MODULE_ALIAS("devname:kvm");
