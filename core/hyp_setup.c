// SPDX-License-Identifier: GPL-2.0-only
/*
 * Taking HYP mode from the kernel's stub and giving it back (host side).
 *
 * Dual-step init, per CPU (see hyp/init.S and Documentation/hyp-init.rst):
 * a boot table maps the init page at its PA and at KVM_HYP_TRAMP_VA; the
 * runtime table maps the same page at the same trampoline VA plus all HYP
 * needs at the kernel's own VAs.  The identity map exists only in the boot
 * table, so it cannot collide with anything HYP uses at run time, whatever
 * the VMSPLIT and wherever RAM sits.  Both tables are kept while the module
 * is loaded: CPUs coming online and back from power-down re-run init.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpu_pm.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/cacheflush.h>

#include "kvm_arm.h"
#include "../hyp/hyp.h"
#include "../mmu/hyp_pgtable.h"

static struct hyp_pgtable hyp_boot_pgt;
static struct hyp_pgtable hyp_run_pgt;
static struct page *hyp_init_page;
static enum cpuhp_state hyp_cpuhp_state;

static DEFINE_PER_CPU(struct kvm_hyp_cpu *, hyp_cpu);
static DEFINE_PER_CPU(void *, hyp_stack);
static DEFINE_PER_CPU(bool, hyp_active);

static const char * const hyp_vector_names[] = {
	[HYP_VECTOR_RESET]	= "reset",
	[HYP_VECTOR_UNDEF]	= "undefined instruction",
	[HYP_VECTOR_HVC]	= "HVC in HYP",
	[HYP_VECTOR_PABT]	= "prefetch abort",
	[HYP_VECTOR_DABT]	= "data abort",
	[HYP_VECTOR_TRAP]	= "unexpected trap",
	[HYP_VECTOR_IRQ]	= "IRQ",
	[HYP_VECTOR_FIQ]	= "FIQ",
};

/* Where a symbol of the init code lands in the copied page. */
static unsigned long hyp_init_offset(const char *sym)
{
	return sym - __kvm_hyp_init_start;
}

/**
 * kvm_hyp_cpu_data() - a CPU's HYP data page
 * @cpu: the CPU
 *
 * Return: its struct kvm_hyp_cpu, mapped at the same VA in HYP.
 */
struct kvm_hyp_cpu *kvm_hyp_cpu_data(unsigned int cpu)
{
	return per_cpu(hyp_cpu, cpu);
}

static void hyp_report_panic(unsigned int cpu, struct kvm_hyp_cpu *hc)
{
	u32 v = hc->panic_vector;

	pr_err("HYP panic on CPU%u: %s, HSR %#010x HELR %#010x HDFAR %#010x HIFAR %#010x SPSR %#x; the call failed with -EFAULT\n",
	       cpu, v < ARRAY_SIZE(hyp_vector_names) ? hyp_vector_names[v] : "?",
	       hc->panic_hsr, hc->panic_helr, hc->panic_hdfar,
	       hc->panic_hifar, hc->panic_spsr);
}

/**
 * kvm_hyp_call_checked() - a host call on this CPU, reporting HYP panics
 * @fn: KVM_HCALL_* number (the stub-compatible numbers are refused)
 * @a1: first argument
 * @a2: second argument
 * @a3: third argument
 *
 * Context: any; preemption is disabled around the call.
 * Return: the call's result, -EPERM for the calls that give HYP away,
 * -ENODEV when this CPU's HYP is not ours.
 */
long kvm_hyp_call_checked(unsigned long fn, unsigned long a1,
			  unsigned long a2, unsigned long a3)
{
	unsigned int cpu = get_cpu();
	struct kvm_hyp_cpu *hc = per_cpu(hyp_cpu, cpu);
	u32 panics;
	long ret;

	if (fn == KVM_HVC_SOFT_RESTART || fn == KVM_HVC_RESET_VECTORS) {
		ret = -EPERM;
		goto out;
	}
	if (!per_cpu(hyp_active, cpu)) {
		ret = -ENODEV;
		goto out;
	}
	panics = READ_ONCE(hc->panic_count);
	ret = kvm_call_hyp(fn, a1, a2, a3);
	if (READ_ONCE(hc->panic_count) != panics)
		hyp_report_panic(cpu, hc);
out:
	put_cpu();
	return ret;
}

/* Init this CPU's HYP.  Context: preemption disabled, on the CPU. */
static int hyp_init_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	struct kvm_hyp_cpu *hc = per_cpu(hyp_cpu, cpu);
	phys_addr_t init_pa = page_to_phys(hyp_init_page);
	unsigned long ret;

	hc->boot_httbr = hyp_pgtable_phys(&hyp_boot_pgt);
	hc->run_httbr = hyp_pgtable_phys(&hyp_run_pgt);
	hc->stack_top = (u32)per_cpu(hyp_stack, cpu) + PAGE_SIZE;
	hc->vectors = (u32)__kvm_hyp_vectors;
	hc->self = (u32)hc;
	hc->idmap_pa = init_pa;
	hc->teardown = KVM_HYP_TRAMP_VA + hyp_init_offset(__kvm_hyp_teardown);
	/* Phase 1 reads these with the HYP MMU and caches off. */
	__cpuc_flush_dcache_area(hc, sizeof(*hc));

	ret = __kvm_hyp_init_cpu(init_pa + hyp_init_offset(__kvm_hyp_init),
				 virt_to_phys(hc));
	if (ret) {
		pr_err("CPU%u: HYP init failed (%#lx)\n", cpu, ret);
		return -EIO;
	}
	/* Our vectors answer 0; the stub would answer HVC_STUB_ERR. */
	ret = kvm_call_hyp(KVM_HCALL_NULL, 0, 0, 0);
	if (ret) {
		pr_err("CPU%u: HYP does not answer after init (%#lx)\n", cpu, ret);
		return -EIO;
	}
	__this_cpu_write(hyp_active, true);
	return 0;
}

static void hyp_reset_this_cpu(void)
{
	unsigned long ret;

	if (!__this_cpu_read(hyp_active))
		return;
	ret = __kvm_hyp_reset_cpu();
	if (ret)
		pr_err("CPU%u: HYP reset failed (%#lx)\n", smp_processor_id(), ret);
	__this_cpu_write(hyp_active, false);
}

static int kvm_hyp_cpu_online(unsigned int cpu)
{
	int ret;

	/* cpuhp runs this on @cpu, in a thread bound to it. */
	preempt_disable();
	ret = hyp_init_this_cpu();
	preempt_enable();
	return ret;
}

static int kvm_hyp_cpu_offline(unsigned int cpu)
{
	preempt_disable();
	hyp_reset_this_cpu();
	preempt_enable();
	return 0;
}

/*
 * A CPU back from a power-down state resumes through the kernel's
 * cpu_resume, which reinstalls the stub: HYP must be set up again.  A
 * shallower state keeps our HYP, which the null call tells apart.
 */
static int hyp_cpu_pm_notify(struct notifier_block *nb, unsigned long cmd,
			     void *v)
{
	if ((cmd == CPU_PM_EXIT || cmd == CPU_PM_ENTER_FAILED) &&
	    __this_cpu_read(hyp_active) &&
	    kvm_call_hyp(KVM_HCALL_NULL, 0, 0, 0) != 0) {
		__this_cpu_write(hyp_active, false);
		if (hyp_init_this_cpu())
			return NOTIFY_BAD;
	}
	return NOTIFY_OK;
}

static struct notifier_block hyp_cpu_pm_nb = {
	.notifier_call = hyp_cpu_pm_notify,
};

/**
 * kvm_hyp_cpu_pm_cycle() - run a CPU PM enter/exit on this CPU
 * @lose_hyp: give HYP back to the stub in between, as a power-down state
 *	does when the CPU resumes through the kernel's cpu_resume
 *
 * Lets the tests exercise the CPU PM path on machines whose idle states
 * never power a CPU down (QEMU's PSCI).
 *
 * Context: process context.
 * Return: 0, or the error cpu_pm_enter() reported.
 */
int kvm_hyp_cpu_pm_cycle(bool lose_hyp)
{
	int ret;

	local_irq_disable();
	ret = cpu_pm_enter();
	if (!ret) {
		if (lose_hyp && __this_cpu_read(hyp_active))
			__kvm_hyp_reset_cpu();
		ret = cpu_pm_exit();
	}
	local_irq_enable();
	return ret;
}

static void hyp_free_cpu_pages(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		free_page((unsigned long)per_cpu(hyp_cpu, cpu));
		free_page((unsigned long)per_cpu(hyp_stack, cpu));
		per_cpu(hyp_cpu, cpu) = NULL;
		per_cpu(hyp_stack, cpu) = NULL;
	}
}

static int hyp_map_cpu_pages(void)
{
	unsigned int cpu;
	int ret;

	for_each_possible_cpu(cpu) {
		void *data = (void *)get_zeroed_page(GFP_KERNEL);
		void *stack = (void *)get_zeroed_page(GFP_KERNEL);

		per_cpu(hyp_cpu, cpu) = data;
		per_cpu(hyp_stack, cpu) = stack;
		if (!data || !stack)
			return -ENOMEM;
		/* The init code gets this page's PA in a 32-bit register. */
		if (upper_32_bits(virt_to_phys(data)))
			return -ENOMEM;
		ret = hyp_map_kernel_range(&hyp_run_pgt, data, data + PAGE_SIZE,
					   HYP_PROT_RW);
		if (ret)
			return ret;
		ret = hyp_map_kernel_range(&hyp_run_pgt, stack,
					   stack + PAGE_SIZE, HYP_PROT_RW);
		if (ret)
			return ret;
	}
	return 0;
}

/* The module's memory HYP maps: the .hyp.* sections (hyp/hyp-start.S). */
static const struct {
	const char *start, *end;
	enum hyp_prot prot;
} hyp_sections[] = {
	{ __hyp_text_start,	__hyp_text_end,		HYP_PROT_RX },
	{ __hyp_rodata_start,	__hyp_rodata_end,	HYP_PROT_RO },
	{ __hyp_data_start,	__hyp_data_end,		HYP_PROT_RW },
};

static int hyp_build_tables(void)
{
	phys_addr_t init_pa = page_to_phys(hyp_init_page);
	unsigned int i;
	int ret;

	/* Boot table: the init page at its PA and at the trampoline VA. */
	ret = hyp_map_page(&hyp_boot_pgt, init_pa, init_pa, HYP_PROT_RX);
	if (ret)
		return ret;
	/* The two coincide only if the page sits at that PA: same mapping. */
	ret = hyp_map_page(&hyp_boot_pgt, KVM_HYP_TRAMP_VA, init_pa,
			   HYP_PROT_RX);
	if (ret)
		return ret;

	/* Runtime table: the trampoline, then HYP's sections at kernel VAs. */
	ret = hyp_map_page(&hyp_run_pgt, KVM_HYP_TRAMP_VA, init_pa, HYP_PROT_RX);
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(hyp_sections); i++) {
		ret = hyp_map_kernel_range(&hyp_run_pgt, hyp_sections[i].start,
					   hyp_sections[i].end,
					   hyp_sections[i].prot);
		if (ret)
			return ret;
	}
	return hyp_map_cpu_pages();
}

/**
 * kvm_hyp_setup() - take HYP mode on every online CPU
 *
 * Context: module init, process context.
 * Return: 0, or a negative errno with HYP given back everywhere.
 */
int kvm_hyp_setup(void)
{
	size_t init_size = __kvm_hyp_init_end - __kvm_hyp_init_start;
	phys_addr_t init_pa;
	int ret;

	if (init_size > PAGE_SIZE) {
		pr_err("HYP init code (%zu bytes) does not fit its page\n",
		       init_size);
		return -E2BIG;
	}
	hyp_init_page = alloc_page(GFP_KERNEL);
	if (!hyp_init_page)
		return -ENOMEM;
	init_pa = page_to_phys(hyp_init_page);
	/* The identity map needs VA == PA in HYP's 32-bit VA space. */
	if (upper_32_bits(init_pa)) {
		pr_err("HYP init page at %pa is above 4 GiB\n", &init_pa);
		ret = -ENOMEM;
		goto out_free_init_page;
	}
	memcpy(page_address(hyp_init_page), __kvm_hyp_init_start, init_size);
	/* HYP fetches it with the MMU and caches off. */
	__cpuc_flush_dcache_area(page_address(hyp_init_page), PAGE_SIZE);

	ret = hyp_pgtable_init(&hyp_boot_pgt);
	if (ret)
		goto out_free_init_page;
	ret = hyp_pgtable_init(&hyp_run_pgt);
	if (ret)
		goto out_free_boot_pgt;
	ret = hyp_build_tables();
	if (ret) {
		pr_err("cannot build the HYP page tables: %d\n", ret);
		goto out_free_cpu_pages;
	}

	ret = cpu_pm_register_notifier(&hyp_cpu_pm_nb);
	if (ret)
		goto out_free_cpu_pages;
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "kvm-arm32/hyp:online",
				kvm_hyp_cpu_online, kvm_hyp_cpu_offline);
	if (ret < 0)
		goto out_unregister_pm;
	hyp_cpuhp_state = ret;

	pr_info("HYP mode taken on all online CPUs: trampoline %#x -> %pa, runtime HTTBR %#llx\n",
		KVM_HYP_TRAMP_VA, &init_pa,
		(unsigned long long)hyp_pgtable_phys(&hyp_run_pgt));
	return 0;

out_unregister_pm:
	cpu_pm_unregister_notifier(&hyp_cpu_pm_nb);
out_free_cpu_pages:
	hyp_free_cpu_pages();
	hyp_pgtable_free(&hyp_run_pgt);
out_free_boot_pgt:
	hyp_pgtable_free(&hyp_boot_pgt);
out_free_init_page:
	__free_page(hyp_init_page);
	return ret;
}

/**
 * kvm_hyp_teardown() - give HYP back to the stub on every CPU
 *
 * Offline CPUs gave it back when they went down.
 * Context: module exit, process context.
 */
void kvm_hyp_teardown(void)
{
	cpuhp_remove_state(hyp_cpuhp_state);
	cpu_pm_unregister_notifier(&hyp_cpu_pm_nb);
	hyp_free_cpu_pages();
	hyp_pgtable_free(&hyp_run_pgt);
	hyp_pgtable_free(&hyp_boot_pgt);
	__free_page(hyp_init_page);
}

/**
 * kvm_hyp_map() - make kernel memory visible to HYP at the same VA
 * @start: first byte; the pages it spans must belong to the object alone
 * @end: one past the last byte
 *
 * Context: may sleep.
 * Return: 0 or a negative errno.
 */
int kvm_hyp_map(const void *start, const void *end)
{
	int ret = hyp_map_kernel_range(&hyp_run_pgt, start, end, HYP_PROT_RW);

	if (ret)
		kvm_hyp_unmap(start, end);
	return ret;
}

/**
 * kvm_hyp_map_io() - make device registers visible to HYP at the same VA
 * @va: the host's mapping (ioremap()), page aligned
 * @pa: their physical address, page aligned
 * @size: bytes
 *
 * Context: may sleep.
 * Return: 0 or a negative errno; undo with kvm_hyp_unmap().
 */
int kvm_hyp_map_io(void __iomem *va, phys_addr_t pa, size_t size)
{
	unsigned long start = (unsigned long)va, off;
	int ret = 0;

	for (off = 0; off < size && !ret; off += PAGE_SIZE)
		ret = hyp_map_page(&hyp_run_pgt, start + off, pa + off,
				   HYP_PROT_DEVICE);
	if (ret)
		kvm_hyp_unmap((void __force *)va, (void __force *)va + off);
	return ret;
}

/**
 * kvm_hyp_unmap() - undo kvm_hyp_map()
 * @start: as given to kvm_hyp_map()
 * @end: as given to kvm_hyp_map()
 *
 * No CPU's HYP holds a translation for the range when this returns, so
 * the memory may be freed.
 * Context: may sleep.
 */
void kvm_hyp_unmap(const void *start, const void *end)
{
	unsigned long va;

	for (va = (unsigned long)start & PAGE_MASK; va < (unsigned long)end;
	     va += PAGE_SIZE) {
		hyp_unmap_page(&hyp_run_pgt, va);
		/* TLBIMVAHIS reaches every CPU; any one can issue it. */
		kvm_hyp_call_checked(KVM_HCALL_FLUSH_HYP_VA, va, 0, 0);
	}
}

struct hyp_selfcheck_info {
	long ret;
	struct kvm_hyp_selfcheck check;
};

static void hyp_selfcheck_ipi(void *data)
{
	struct hyp_selfcheck_info *info = data;

	info->ret = kvm_hyp_call_checked(KVM_HCALL_SELFCHECK, 0, 0, 0);
	info->check = this_cpu_read(hyp_cpu)->check;
}

/**
 * kvm_hyp_selfcheck_cpu() - check what HYP sees of itself on a CPU
 * @cpu: an online CPU
 * @m: where to print one line of findings
 *
 * Context: process context, CPU hotplug locked by the caller.
 * Return: 0 when everything matches what init programmed, -EIO otherwise.
 */
int kvm_hyp_selfcheck_cpu(unsigned int cpu, struct seq_file *m)
{
	u32 stack = (u32)per_cpu(hyp_stack, cpu);
	struct hyp_selfcheck_info info = { .ret = -ENODEV };
	struct kvm_hyp_selfcheck *c = &info.check;
	bool mmu, tables, vectors, sp_ok, mode, te;

	smp_call_function_single(cpu, hyp_selfcheck_ipi, &info, 1);
	if (info.ret) {
		seq_printf(m, "cpu%u: HYP call failed: %ld FAIL\n", cpu, info.ret);
		return -EIO;
	}
	mmu = (c->hsctlr & (HSCTLR_M | HSCTLR_C | HSCTLR_I)) ==
	      (HSCTLR_M | HSCTLR_C | HSCTLR_I);
	te = !(c->hsctlr & HSCTLR_TE);
	tables = c->httbr == hyp_pgtable_phys(&hyp_run_pgt);
	vectors = c->hvbar == (u32)__kvm_hyp_vectors;
	sp_ok = c->sp > stack && c->sp <= stack + PAGE_SIZE;
	mode = (c->cpsr & MODE_MASK) == HYP_MODE;

	seq_printf(m, "cpu%u: HSCTLR %#010x (MMU+caches %s, TE %s) HTTBR %#llx (%s) HVBAR %#x (%s) SP %#x (%s) HTCR %#x mode %#x %s\n",
		   cpu, c->hsctlr, mmu ? "on" : "OFF", te ? "clear" : "SET",
		   (unsigned long long)c->httbr,
		   tables ? "runtime table" : "WRONG TABLE",
		   c->hvbar, vectors ? "ours" : "NOT OURS",
		   c->sp, sp_ok ? "in its HYP stack" : "OUTSIDE ITS STACK",
		   c->htcr, c->cpsr & MODE_MASK,
		   mmu && te && tables && vectors && sp_ok && mode ? "ok" : "FAIL");
	return mmu && te && tables && vectors && sp_ok && mode ? 0 : -EIO;
}
