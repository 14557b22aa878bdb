// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: /sys/kernel/debug/kvm-arm32/
 *   hyp_selfcheck   read: what HYP sees of itself on every online CPU
 *   hyp_call        write "FN [ARG]": one host call on this CPU; read: result
 *   hyp_null_bench  read: cost of the null host call
 *   stage2_blocks   read: 2 MiB stage-2 block mappings made so far
 *   unhandled       read: guest accesses and exits answered with UNDEF
 *   hyp_cpu_pm      write 0 or 1: a CPU PM enter/exit on this CPU, with
 *                   HYP lost in between when 1 (as after a power-down)
 *   <pid>-<vm_id>/  one directory per VM: counters (core/stats.c)
 */
#include <linux/cpu.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <asm/arch_timer.h>

#include "kvm_arm.h"
#include "kvm_host.h"
#include "../hyp/hyp.h"
#include "../mmu/stage2.h"

static struct dentry *kvm_debugfs_dir;
static long hyp_call_result;
static DEFINE_MUTEX(hyp_call_lock);

static int hyp_selfcheck_show(struct seq_file *m, void *v)
{
	unsigned int cpu;
	int ret = 0;

	cpus_read_lock();
	for_each_online_cpu(cpu)
		if (kvm_hyp_selfcheck_cpu(cpu, m))
			ret = -EIO;
	cpus_read_unlock();
	seq_printf(m, "result: %s\n", ret ? "FAIL" : "ok");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hyp_selfcheck);

static int hyp_call_show(struct seq_file *m, void *v)
{
	mutex_lock(&hyp_call_lock);
	seq_printf(m, "%ld\n", hyp_call_result);
	mutex_unlock(&hyp_call_lock);
	return 0;
}

static int hyp_call_open(struct inode *inode, struct file *file)
{
	return single_open(file, hyp_call_show, NULL);
}

static ssize_t hyp_call_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	unsigned long fn, arg = 0;
	char buf[48];
	int n;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	n = sscanf(buf, "%li %li", &fn, &arg);
	if (n < 1)
		return -EINVAL;
	/* calls that take kernel pointers are not for this file */
	if (fn == KVM_HCALL_FLUSH_HYP_VA || fn == KVM_HCALL_VCPU_RUN ||
	    fn == KVM_HCALL_FLUSH_VMID)
		return -EPERM;

	mutex_lock(&hyp_call_lock);
	hyp_call_result = kvm_hyp_call_checked(fn, arg, 0, 0);
	mutex_unlock(&hyp_call_lock);
	return len;
}

static const struct file_operations hyp_call_fops = {
	.owner		= THIS_MODULE,
	.open		= hyp_call_open,
	.read		= seq_read,
	.write		= hyp_call_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static ssize_t hyp_cpu_pm_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	bool lose;
	int ret;

	ret = kstrtobool_from_user(ubuf, len, &lose);
	if (ret)
		return ret;
	ret = kvm_hyp_cpu_pm_cycle(lose);
	return ret ? ret : len;
}

static const struct file_operations hyp_cpu_pm_fops = {
	.owner		= THIS_MODULE,
	.write		= hyp_cpu_pm_write,
	.llseek		= noop_llseek,
};

#define NULL_BENCH_CALLS	100000
#define NULL_BENCH_SLICE	1000	/* calls per non-preemptible slice */

static int hyp_null_bench_show(struct seq_file *m, void *v)
{
	u64 t0, ticks = 0, ns;
	u32 freq = arch_timer_get_cntfrq();
	long ret = 0;
	int i, j;

	/*
	 * Timed in slices, preemption off within each only: all the calls
	 * in one go would keep a PREEMPT_RT host from scheduling for tens
	 * of milliseconds.  Time spent preempted between slices is not
	 * counted.
	 */
	for (i = 0; i < NULL_BENCH_CALLS && !ret; i += NULL_BENCH_SLICE) {
		preempt_disable();
		t0 = __arch_counter_get_cntvct();
		for (j = 0; j < NULL_BENCH_SLICE && !ret; j++)
			ret = kvm_call_hyp(KVM_HCALL_NULL, 0, 0, 0);
		ticks += __arch_counter_get_cntvct() - t0;
		preempt_enable();
		cond_resched();
	}
	if (ret)
		return -EIO;
	ns = div_u64(ticks * 1000000000ULL, freq);
	seq_printf(m, "calls %d ticks %llu freq %u ns_total %llu ns_per_call %llu\n",
		   NULL_BENCH_CALLS, ticks, freq, ns,
		   div_u64(ns, NULL_BENCH_CALLS));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hyp_null_bench);

/**
 * kvm_debugfs_init() - create the module's debugfs files
 *
 * debugfs failures are not fatal: the module works without the files.
 */
void kvm_debugfs_init(void)
{
	kvm_debugfs_dir = debugfs_create_dir("kvm-arm32", NULL);
	debugfs_create_file("hyp_selfcheck", 0400, kvm_debugfs_dir, NULL,
			    &hyp_selfcheck_fops);
	debugfs_create_file("hyp_call", 0600, kvm_debugfs_dir, NULL,
			    &hyp_call_fops);
	debugfs_create_file("hyp_null_bench", 0400, kvm_debugfs_dir, NULL,
			    &hyp_null_bench_fops);
	debugfs_create_file("hyp_cpu_pm", 0200, kvm_debugfs_dir, NULL,
			    &hyp_cpu_pm_fops);
	debugfs_create_atomic_t("stage2_blocks", 0400, kvm_debugfs_dir,
				&kvm_stage2_blocks);
	debugfs_create_atomic_t("unhandled", 0400, kvm_debugfs_dir,
				&kvm_unhandled_count);
}

/**
 * kvm_debugfs_root() - the module's directory, for the per-VM ones
 *
 * Return: the directory, or NULL or an ERR_PTR when debugfs has none.
 */
struct dentry *kvm_debugfs_root(void)
{
	return kvm_debugfs_dir;
}

/**
 * kvm_debugfs_exit() - remove them; no reader or writer remains after
 */
void kvm_debugfs_exit(void)
{
	debugfs_remove_recursive(kvm_debugfs_dir);
}
