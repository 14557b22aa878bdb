// SPDX-License-Identifier: GPL-2.0-only
/*
 * VCPU file descriptors: KVM_CREATE_VCPU and the ioctls on a VCPU fd.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/cputype.h>

#include "kvm_arm.h"
#include "kvm_host.h"
#include "../psci/psci.h"

/* features[0] bits this module implements */
#define KVM_VCPU_VALID_FEATURES	(BIT(KVM_ARM_VCPU_POWER_OFF) | \
				 BIT(KVM_ARM_VCPU_PSCI_0_2))

/**
 * kvm_preferred_target() - the KVM_ARM_TARGET_* matching this host CPU
 *
 * Return: the target, or -ENODEV for a CPU this module does not model.
 */
int kvm_preferred_target(void)
{
	switch (read_cpuid_part()) {
	case ARM_CPU_PART_CORTEX_A15:
		return KVM_ARM_TARGET_CORTEX_A15;
	case ARM_CPU_PART_CORTEX_A7:
		return KVM_ARM_TARGET_CORTEX_A7;
	default:
		return -ENODEV;
	}
}

static bool kvm_vcpu_initialized(struct kvm_vcpu *vcpu)
{
	return vcpu->target >= 0;
}

static int kvm_vcpu_init(struct kvm_vcpu *vcpu, struct kvm_vcpu_init *init)
{
	unsigned int i;

	if (init->target >= KVM_ARM_NUM_TARGETS)
		return -EINVAL;
	if (init->features[0] & ~KVM_VCPU_VALID_FEATURES)
		return -ENOENT;
	for (i = 1; i < ARRAY_SIZE(init->features); i++)
		if (init->features[i])
			return -ENOENT;
	/* A second INIT resets the VCPU; it cannot change what it is. */
	if (kvm_vcpu_initialized(vcpu) &&
	    (vcpu->target != init->target ||
	     (vcpu->features & KVM_VCPU_VALID_FEATURES) != init->features[0]))
		return -EINVAL;

	vcpu->target = init->target;
	/* keep what ONE_REG chose beyond the INIT bits (PSCI 1.0) */
	vcpu->features = init->features[0] |
			 (vcpu->features & ~KVM_VCPU_VALID_FEATURES);
	vcpu->midr = kvm_target_midr(vcpu->target);
	vcpu->power_off = init->features[0] & BIT(KVM_ARM_VCPU_POWER_OFF);
	kvm_psci_hyp_answers(vcpu);
	return kvm_reset_vcpu(vcpu);
}

static int kvm_vcpu_get_reg_list(struct kvm_vcpu *vcpu,
				 struct kvm_reg_list __user *ulist)
{
	unsigned long n = kvm_arm_num_regs(vcpu);
	struct kvm_reg_list list;
	u64 room;

	if (copy_from_user(&list, ulist, sizeof(list)))
		return -EFAULT;
	room = list.n;
	list.n = n;
	if (copy_to_user(ulist, &list, sizeof(list)))
		return -EFAULT;
	/* KVM: a short buffer gets the count back, and -E2BIG */
	if (room < n)
		return -E2BIG;
	return kvm_arm_copy_reg_indices(vcpu, ulist->reg);
}

/*
 * KVM_SET_SIGNAL_MASK: the signals blocked while the VCPU is in KVM_RUN
 * (a NULL argument removes the mask).  SIGKILL and SIGSTOP cannot be.
 */
static int kvm_vcpu_set_sigmask(struct kvm_vcpu *vcpu,
				struct kvm_signal_mask __user *umask)
{
	struct kvm_signal_mask mask;
	sigset_t set;

	if (!umask) {
		vcpu->sigset_active = false;
		return 0;
	}
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	if (mask.len != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, umask->sigset, sizeof(set)))
		return -EFAULT;
	sigdelsetmask(&set, sigmask(SIGKILL) | sigmask(SIGSTOP));
	vcpu->sigset = set;
	vcpu->sigset_active = true;
	return 0;
}

static long kvm_vcpu_ioctl(struct file *filp, unsigned int ioctl,
			   unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	void __user *argp = (void __user *)arg;
	struct kvm_vcpu_init init;
	struct kvm_mp_state mp;
	struct kvm_one_reg reg;
	long ret;

	/* a VCPU belongs to the process that created its VM */
	if (current->mm != vcpu->kvm->mm)
		return -EIO;
	if (mutex_lock_killable(&vcpu->mutex))
		return -EINTR;

	switch (ioctl) {
	case KVM_RUN:
		ret = -EINVAL;
		if (arg)
			break;
		ret = -ENOEXEC;
		if (!kvm_vcpu_initialized(vcpu))
			break;
		ret = kvm_vcpu_run(vcpu);
		break;
	case KVM_ARM_VCPU_INIT:
		ret = -EFAULT;
		if (copy_from_user(&init, argp, sizeof(init)))
			break;
		ret = kvm_vcpu_init(vcpu, &init);
		break;
	case KVM_GET_ONE_REG:
	case KVM_SET_ONE_REG:
		ret = -ENOEXEC;
		if (!kvm_vcpu_initialized(vcpu))
			break;
		ret = -EFAULT;
		if (copy_from_user(&reg, argp, sizeof(reg)))
			break;
		if (ioctl == KVM_GET_ONE_REG)
			ret = kvm_arm_get_reg(vcpu, &reg);
		else
			ret = kvm_arm_set_reg(vcpu, &reg);
		break;
	case KVM_GET_MP_STATE:
		mp.mp_state = READ_ONCE(vcpu->power_off) ? KVM_MP_STATE_STOPPED :
							   KVM_MP_STATE_RUNNABLE;
		ret = copy_to_user(argp, &mp, sizeof(mp)) ? -EFAULT : 0;
		break;
	case KVM_SET_MP_STATE:
		ret = -EFAULT;
		if (copy_from_user(&mp, argp, sizeof(mp)))
			break;
		ret = -EINVAL;
		if (mp.mp_state != KVM_MP_STATE_RUNNABLE &&
		    mp.mp_state != KVM_MP_STATE_STOPPED)
			break;
		WRITE_ONCE(vcpu->power_off, mp.mp_state == KVM_MP_STATE_STOPPED);
		ret = 0;
		break;
	case KVM_SET_SIGNAL_MASK:
		ret = kvm_vcpu_set_sigmask(vcpu, argp);
		break;
	case KVM_GET_REG_LIST:
		ret = -ENOEXEC;
		if (!kvm_vcpu_initialized(vcpu))
			break;
		ret = kvm_vcpu_get_reg_list(vcpu, argp);
		break;
	default:
		ret = kvm_ioctl_unknown(ioctl);
		break;
	}

	mutex_unlock(&vcpu->mutex);
	return ret;
}

/* The VCPU mapping: page 0 is struct kvm_run. */
static vm_fault_t kvm_vcpu_fault(struct vm_fault *vmf)
{
	struct kvm_vcpu *vcpu = vmf->vma->vm_file->private_data;

	if (vmf->pgoff != 0)
		return VM_FAULT_SIGBUS;
	get_page(virt_to_page(vcpu->run));
	vmf->page = virt_to_page(vcpu->run);
	return 0;
}

static const struct vm_operations_struct kvm_vcpu_vm_ops = {
	.fault = kvm_vcpu_fault,
};

static int kvm_vcpu_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &kvm_vcpu_vm_ops;
	return 0;
}

static void kvm_vcpu_free(struct kvm_vcpu *vcpu)
{
	free_page((unsigned long)vcpu->run);
	free_pages_exact(vcpu, sizeof(*vcpu));
}

static int kvm_vcpu_release(struct inode *inode, struct file *filp)
{
	struct kvm_vcpu *vcpu = filp->private_data;

	/* The VM owns its VCPUs; the fd holds a reference on the VM. */
	kvm_put_kvm(vcpu->kvm);
	return 0;
}

static const struct file_operations kvm_vcpu_fops = {
	.owner		= THIS_MODULE,
	.release	= kvm_vcpu_release,
	.unlocked_ioctl	= kvm_vcpu_ioctl,
	.compat_ioctl	= kvm_vcpu_ioctl,
	.mmap		= kvm_vcpu_mmap,
	.llseek		= noop_llseek,
};

/**
 * kvm_vm_create_vcpu() - KVM_CREATE_VCPU
 * @kvm: the VM
 * @id: VCPU id, 0 to KVM_MAX_VCPUS - 1
 *
 * Context: process context; takes kvm->lock.
 * Return: a VCPU file descriptor, -EINVAL for an id out of range, -EEXIST
 * for an id in use, -ENOMEM.
 */
int kvm_vm_create_vcpu(struct kvm *kvm, unsigned long id)
{
	struct kvm_vcpu *vcpu;
	int ret, fd;

	if (id >= KVM_MAX_VCPUS)
		return -EINVAL;

	/* Pages of its own: HYP maps exactly this object. */
	vcpu = alloc_pages_exact(sizeof(*vcpu), GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	if (!vcpu)
		return -ENOMEM;
	vcpu->kvm = kvm;
	vcpu->vcpu_id = id;
	kvm_timer_vcpu_init(vcpu);
	vcpu->run = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	if (!vcpu->run) {
		ret = -ENOMEM;
		goto out_free_vcpu;
	}
	vcpu->target = -1;
	mutex_init(&vcpu->mutex);
	rcuwait_init(&vcpu->wait);
	vcpu->cpu = -1;
	kvm_vgic_vcpu_init(vcpu);

	ret = kvm_hyp_map(vcpu, (void *)vcpu + sizeof(*vcpu));
	if (ret)
		goto out_free_vcpu;

	mutex_lock(&kvm->lock);
	if (kvm->vcpus[id]) {
		ret = -EEXIST;
		goto out_unlock;
	}
	/* the vGIC sized its CPU interfaces at init: no VCPUs after that */
	if (kvm->vgic.initialized) {
		ret = -EBUSY;
		goto out_unlock;
	}
	vcpu->cntvoff = kvm->cntvoff;
	vcpu->hstr = kvm->hstr;
	kvm_get_kvm(kvm);
	fd = anon_inode_getfd("kvm-vcpu", &kvm_vcpu_fops, vcpu,
			      O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		kvm_put_kvm_no_destroy(kvm);
		goto out_unlock;
	}
	kvm->vcpus[id] = vcpu;
	kvm->nr_vcpus++;
	kvm_stats_vcpu_create(vcpu);
	mutex_unlock(&kvm->lock);
	return fd;

out_unlock:
	mutex_unlock(&kvm->lock);
	kvm_hyp_unmap(vcpu, (void *)vcpu + sizeof(*vcpu));
out_free_vcpu:
	kvm_timer_vcpu_destroy(vcpu);
	kvm_vcpu_free(vcpu);
	return ret;
}

/**
 * kvm_vcpu_destroy() - free a VCPU when its VM goes away
 * @vcpu: a VCPU no file refers to any more
 */
void kvm_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	kvm_timer_vcpu_destroy(vcpu);
	kvm_hyp_unmap(vcpu, (void *)vcpu + sizeof(*vcpu));
	kvm_vcpu_free(vcpu);
}
