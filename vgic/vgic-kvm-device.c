// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_CREATE_DEVICE for the vGICv2 (KVM_DEV_TYPE_ARM_VGIC_V2) and the
 * attribute groups of its file descriptor, as
 * Documentation/virt/kvm/devices/arm-vgic.rst describes them:
 *
 *   ADDR       guest physical addresses of the distributor and CPU interface
 *   DIST_REGS  distributor registers, banked ones as a given VCPU sees them
 *   CPU_REGS   a VCPU's CPU interface state (GICH_VMCR, GICH_APR)
 *   NR_IRQS    number of interrupts, 64-1024
 *   CTRL       CTRL_INIT: size the vGIC now, before the first KVM_RUN
 *
 * The vGIC belongs to the VM (it is created once, by this ioctl or by
 * KVM_CREATE_IRQCHIP, and goes with the VM); the device file only names it
 * and holds a reference on the VM.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "kvm_arm.h"
#include "kvm_host.h"

static int vgic_attr_addr(struct kvm *kvm, struct kvm_device_attr *attr,
			  bool write)
{
	u64 __user *uaddr = u64_to_user_ptr(attr->addr);
	u64 addr;
	int ret;

	if (attr->attr != KVM_VGIC_V2_ADDR_TYPE_DIST &&
	    attr->attr != KVM_VGIC_V2_ADDR_TYPE_CPU)
		return -ENXIO;
	if (write && get_user(addr, uaddr))
		return -EFAULT;
	ret = kvm_vgic_addr(kvm, attr->attr, &addr, write);
	/* KVM_ARM_SET_DEVICE_ADDR's -ENODEV is this group's -ENXIO */
	if (ret == -ENODEV)
		return -ENXIO;
	if (ret)
		return ret;
	if (!write && put_user(addr, uaddr))
		return -EFAULT;
	return 0;
}

static void vgic_unlock_vcpus(struct kvm *kvm, int last)
{
	for (; last >= 0; last--)
		if (kvm->vcpus[last])
			mutex_unlock(&kvm->vcpus[last]->mutex);
}

/*
 * Hold every VCPU's mutex: none is in KVM_RUN (or any other VCPU ioctl),
 * so no list register holds interrupt state the registers would miss.  A
 * VCPU busy in an ioctl is not waited for: the caller answers -EBUSY, as
 * KVM does.
 */
static bool vgic_trylock_vcpus(struct kvm *kvm)
{
	int i;

	lockdep_assert_held(&kvm->lock);
	for (i = 0; i < KVM_MAX_VCPUS; i++) {
		if (kvm->vcpus[i] && !mutex_trylock(&kvm->vcpus[i]->mutex)) {
			vgic_unlock_vcpus(kvm, i - 1);
			return false;
		}
	}
	return true;
}

/* attr = VCPU index << 32 | offset; the reserved bits 63-40 are ignored. */
static struct kvm_vcpu *vgic_attr_vcpu(struct kvm *kvm,
				       const struct kvm_device_attr *attr)
{
	u64 cpuid = (attr->attr & KVM_DEV_ARM_VGIC_CPUID_MASK) >>
		    KVM_DEV_ARM_VGIC_CPUID_SHIFT;

	lockdep_assert_held(&kvm->lock);
	return cpuid < KVM_MAX_VCPUS ? kvm->vcpus[cpuid] : NULL;
}

static u32 vgic_attr_offset(const struct kvm_device_attr *attr)
{
	return (attr->attr & KVM_DEV_ARM_VGIC_OFFSET_MASK) >>
	       KVM_DEV_ARM_VGIC_OFFSET_SHIFT;
}

static int vgic_regs_uaccess(struct kvm_vcpu *vcpu, u64 group, u32 offset,
			     bool write, u32 *val)
{
	if (group == KVM_DEV_ARM_VGIC_GRP_DIST_REGS)
		return vgic_dist_uaccess(vcpu, offset, write, val);
	return vgic_cpu_uaccess(vcpu, offset, write, val);
}

/*
 * DIST_REGS and CPU_REGS.  The registers exist once the vGIC is sized, so
 * an access initialises it as CTRL_INIT would (KVM's GICv2 device does the
 * same): no VCPU can be added afterwards.
 */
static int vgic_attr_regs(struct kvm *kvm, struct kvm_device_attr *attr,
			  bool write)
{
	u32 __user *uaddr = u64_to_user_ptr(attr->addr);
	struct kvm_vcpu *vcpu;
	u32 val = 0;
	int ret;

	if (write && get_user(val, uaddr))
		return -EFAULT;

	mutex_lock(&kvm->lock);
	vcpu = vgic_attr_vcpu(kvm, attr);
	if (!vcpu) {
		ret = -EINVAL;
		goto out_unlock;
	}
	if (!vgic_trylock_vcpus(kvm)) {
		ret = -EBUSY;
		goto out_unlock;
	}
	ret = kvm_vgic_init(kvm);
	if (!ret)
		ret = vgic_regs_uaccess(vcpu, attr->group, vgic_attr_offset(attr),
					write, &val);
	vgic_unlock_vcpus(kvm, KVM_MAX_VCPUS - 1);
out_unlock:
	mutex_unlock(&kvm->lock);

	if (!ret && !write && put_user(val, uaddr))
		return -EFAULT;
	return ret;
}

static int vgic_attr_nr_irqs(struct kvm *kvm, struct kvm_device_attr *attr,
			     bool write)
{
	u32 __user *uaddr = u64_to_user_ptr(attr->addr);
	u32 val;
	int ret;

	if (write && get_user(val, uaddr))
		return -EFAULT;
	mutex_lock(&kvm->lock);
	if (write)
		ret = kvm_vgic_set_nr_irqs(kvm, val);
	else
		val = VGIC_NR_PRIVATE_IRQS + kvm->vgic.nr_spis;
	mutex_unlock(&kvm->lock);
	if (write)
		return ret;
	return put_user(val, uaddr) ? -EFAULT : 0;
}

static int vgic_attr_ctrl(struct kvm *kvm, struct kvm_device_attr *attr)
{
	int ret;

	if (attr->attr != KVM_DEV_ARM_VGIC_CTRL_INIT)
		return -ENXIO;
	mutex_lock(&kvm->lock);
	ret = kvm_vgic_init(kvm);
	mutex_unlock(&kvm->lock);
	return ret;
}

static int vgic_set_attr(struct kvm *kvm, struct kvm_device_attr *attr)
{
	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		return vgic_attr_addr(kvm, attr, true);
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_CPU_REGS:
		return vgic_attr_regs(kvm, attr, true);
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS:
		return vgic_attr_nr_irqs(kvm, attr, true);
	case KVM_DEV_ARM_VGIC_GRP_CTRL:
		return vgic_attr_ctrl(kvm, attr);
	default:
		return -ENXIO;
	}
}

static int vgic_get_attr(struct kvm *kvm, struct kvm_device_attr *attr)
{
	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		return vgic_attr_addr(kvm, attr, false);
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_CPU_REGS:
		return vgic_attr_regs(kvm, attr, false);
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS:
		return vgic_attr_nr_irqs(kvm, attr, false);
	default:
		/* CTRL has nothing to read */
		return -ENXIO;
	}
}

/*
 * KVM_HAS_DEVICE_ATTR: 0 for what SET/GET would accept, -ENXIO otherwise;
 * a register attribute naming no VCPU is -EINVAL, as for SET/GET.
 */
static int vgic_has_attr(struct kvm *kvm, struct kvm_device_attr *attr)
{
	struct kvm_vcpu *vcpu;
	int ret;

	switch (attr->group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR:
		if (attr->attr == KVM_VGIC_V2_ADDR_TYPE_DIST ||
		    attr->attr == KVM_VGIC_V2_ADDR_TYPE_CPU)
			return 0;
		return -ENXIO;
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_CPU_REGS:
		mutex_lock(&kvm->lock);
		vcpu = vgic_attr_vcpu(kvm, attr);
		ret = vcpu ? vgic_regs_uaccess(vcpu, attr->group,
					       vgic_attr_offset(attr),
					       false, NULL) : -EINVAL;
		mutex_unlock(&kvm->lock);
		return ret;
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS:
		return 0;
	case KVM_DEV_ARM_VGIC_GRP_CTRL:
		return attr->attr == KVM_DEV_ARM_VGIC_CTRL_INIT ? 0 : -ENXIO;
	default:
		return -ENXIO;
	}
}

static long vgic_device_ioctl(struct file *filp, unsigned int ioctl,
			      unsigned long arg)
{
	struct kvm *kvm = filp->private_data;
	struct kvm_device_attr attr;

	/* a device belongs to the process that created its VM */
	if (current->mm != kvm->mm)
		return -EIO;

	switch (ioctl) {
	case KVM_SET_DEVICE_ATTR:
	case KVM_GET_DEVICE_ATTR:
	case KVM_HAS_DEVICE_ATTR:
		if (copy_from_user(&attr, (void __user *)arg, sizeof(attr)))
			return -EFAULT;
		if (ioctl == KVM_SET_DEVICE_ATTR)
			return vgic_set_attr(kvm, &attr);
		if (ioctl == KVM_GET_DEVICE_ATTR)
			return vgic_get_attr(kvm, &attr);
		return vgic_has_attr(kvm, &attr);
	default:
		return kvm_ioctl_unknown(ioctl);
	}
}

static int vgic_device_release(struct inode *inode, struct file *filp)
{
	kvm_put_kvm(filp->private_data);
	return 0;
}

static const struct file_operations vgic_device_fops = {
	.owner		= THIS_MODULE,
	.release	= vgic_device_release,
	.unlocked_ioctl	= vgic_device_ioctl,
	.compat_ioctl	= vgic_device_ioctl,
	.llseek		= noop_llseek,
};

/**
 * kvm_ioctl_create_device() - KVM_CREATE_DEVICE
 * @kvm: the VM
 * @argp: struct kvm_create_device in userspace; cd.fd is written back
 *
 * The one device type is the vGICv2.  With KVM_CREATE_DEVICE_TEST only
 * whether it could be created is answered.  The new file holds a
 * reference on the VM; the fd number is published only once userspace has
 * it in cd.fd, so a fault leaves no stray descriptor behind.
 *
 * Context: process context; takes kvm->lock.
 * Return: 0; -EINVAL for unknown flags; -ENODEV for another device type
 * (vGICv3 included) or a VM without vGIC support; -EEXIST when the VM
 * has its vGIC already (device or KVM_CREATE_IRQCHIP); -EBUSY when a
 * VCPU has run; -EFAULT, -EMFILE, -ENOMEM.
 */
int kvm_ioctl_create_device(struct kvm *kvm, void __user *argp)
{
	struct kvm_create_device cd;
	struct file *file;
	int fd, ret;

	if (copy_from_user(&cd, argp, sizeof(cd)))
		return -EFAULT;
	if (cd.flags & ~KVM_CREATE_DEVICE_TEST)
		return -EINVAL;
	if (cd.type != KVM_DEV_TYPE_ARM_VGIC_V2 || kvm->user_irqchip_only)
		return -ENODEV;
	if (cd.flags & KVM_CREATE_DEVICE_TEST)
		return 0;

	fd = get_unused_fd_flags(O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fd;

	mutex_lock(&kvm->lock);
	ret = kvm_vgic_create(kvm);
	mutex_unlock(&kvm->lock);
	if (ret)
		goto out_put_fd;

	kvm_get_kvm(kvm);
	file = anon_inode_getfile("kvm-arm-vgic-v2", &vgic_device_fops, kvm,
				  O_RDWR | O_CLOEXEC);
	if (IS_ERR(file)) {
		kvm_put_kvm_no_destroy(kvm);
		ret = PTR_ERR(file);
		goto out_put_fd;
	}

	cd.fd = fd;
	if (copy_to_user(argp, &cd, sizeof(cd))) {
		/* the release drops the VM reference */
		fput(file);
		ret = -EFAULT;
		goto out_put_fd;
	}
	fd_install(fd, file);
	return 0;

out_put_fd:
	put_unused_fd(fd);
	return ret;
}
