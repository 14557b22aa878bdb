// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-VM and per-VCPU statistics in debugfs, and the tracepoints' bodies.
 *
 *   /sys/kernel/debug/kvm-arm32/<pid>-<vm_id>/stats        VM totals
 *   /sys/kernel/debug/kvm-arm32/<pid>-<vm_id>/vcpuN/stats  one VCPU
 *
 * One "name value" line per counter of struct kvm_vcpu_stat.  <pid> is the
 * process that created the VM, <vm_id> the id the module's log messages
 * use.  The directory is made at KVM_CREATE_VM and removed when the VM is
 * destroyed (its last fd closed, which a killed VMM's exit does too);
 * debugfs_remove_recursive() waits for readers still inside a file, so
 * no reader can see the VM freed.
 *
 * Counting rule: a VCPU's counters are written by its own thread only, as
 * plain u64; readers sum them without stopping the VCPU, under kvm->lock,
 * which keeps kvm->vcpus[] stable (VCPUs themselves live as long as the VM).
 *
 * debugfs is a debugging aid: when it is missing or fails, VMs are
 * created and run all the same, without the files.
 */
#include <linux/debugfs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/stddef.h>

#include "kvm_host.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

struct kvm_stat_desc {
	const char *name;
	size_t offset;
};

#define VCPU_STAT(x)	{ #x, offsetof(struct kvm_vcpu_stat, x) }
#define EXIT_STAT(name, class)	\
	{ "exit_" name, offsetof(struct kvm_vcpu_stat, exit[KVM_EXIT_CLASS_##class]) }

/*
 * "exits", their total, is not a counter of its own (one increment less on
 * every exit): vcpu_stat_get() adds the classes up.
 */
#define STAT_EXITS	0

static const struct kvm_stat_desc kvm_vcpu_stat_desc[] = {
	[STAT_EXITS] = { "exits", 0 },
	EXIT_STAT("wfx", WFX),
	EXIT_STAT("hvc", HVC),
	EXIT_STAT("cp15", CP15),
	EXIT_STAT("dabt", DABT),
	EXIT_STAT("iabt", IABT),
	EXIT_STAT("irq", IRQ),
	EXIT_STAT("other", OTHER),
	VCPU_STAT(mmio_kernel),
	VCPU_STAT(mmio_user),
	VCPU_STAT(wfi_sleep),
	VCPU_STAT(halt_wakeup),
	VCPU_STAT(stage2_map),
	VCPU_STAT(signal_exits),
};

static u64 vcpu_stat_get(const struct kvm_vcpu *vcpu, unsigned int i)
{
	u64 sum = 0;
	int c;

	if (i == STAT_EXITS) {
		for (c = 0; c < NR_KVM_EXIT_CLASSES; c++)
			sum += READ_ONCE(vcpu->stat.exit[c]);
		return sum;
	}
	return READ_ONCE(*(const u64 *)((const char *)&vcpu->stat +
					kvm_vcpu_stat_desc[i].offset));
}

static int vcpu_stats_show(struct seq_file *m, void *v)
{
	const struct kvm_vcpu *vcpu = m->private;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kvm_vcpu_stat_desc); i++)
		seq_printf(m, "%s %llu\n", kvm_vcpu_stat_desc[i].name,
			   vcpu_stat_get(vcpu, i));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vcpu_stats);

static int vm_stats_show(struct seq_file *m, void *v)
{
	struct kvm *kvm = m->private;
	unsigned int i, id;
	u64 sum;

	mutex_lock(&kvm->lock);
	for (i = 0; i < ARRAY_SIZE(kvm_vcpu_stat_desc); i++) {
		sum = 0;
		for (id = 0; id < KVM_MAX_VCPUS; id++)
			if (kvm->vcpus[id])
				sum += vcpu_stat_get(kvm->vcpus[id], i);
		seq_printf(m, "%s %llu\n", kvm_vcpu_stat_desc[i].name, sum);
	}
	mutex_unlock(&kvm->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vm_stats);

/**
 * kvm_stats_vm_create() - the VM's debugfs directory and its stats file
 * @kvm: a new VM, its vm_id allocated, no file descriptor yet
 *
 * Context: process context of the creating VMM.
 */
void kvm_stats_vm_create(struct kvm *kvm)
{
	struct dentry *root = kvm_debugfs_root();
	char name[32];

	if (IS_ERR_OR_NULL(root))
		return;
	snprintf(name, sizeof(name), "%d-%u", task_tgid_nr(current),
		 kvm->vm_id);
	kvm->debugfs_dentry = debugfs_create_dir(name, root);
	/* an ERR_PTR parent makes this a no-op */
	debugfs_create_file("stats", 0444, kvm->debugfs_dentry, kvm,
			    &vm_stats_fops);
}

/**
 * kvm_stats_vm_destroy() - remove the VM's directory, VCPUs' included
 * @kvm: the VM; no VCPU runs any more, nothing freed yet
 *
 * Waits for readers inside the files to leave them.
 */
void kvm_stats_vm_destroy(struct kvm *kvm)
{
	debugfs_remove_recursive(kvm->debugfs_dentry);
	kvm->debugfs_dentry = NULL;
}

/**
 * kvm_stats_vcpu_create() - vcpuN/stats for a VCPU just published
 * @vcpu: the VCPU, in kvm->vcpus[]
 *
 * Removed with the VM's directory: a VCPU lives as long as its VM.
 *
 * Context: kvm->lock held.
 */
void kvm_stats_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = vcpu->kvm;
	struct dentry *dir;
	char name[16];

	lockdep_assert_held(&kvm->lock);
	if (IS_ERR_OR_NULL(kvm->debugfs_dentry))
		return;
	snprintf(name, sizeof(name), "vcpu%u", vcpu->vcpu_id);
	dir = debugfs_create_dir(name, kvm->debugfs_dentry);
	debugfs_create_file("stats", 0444, dir, vcpu, &vcpu_stats_fops);
}
