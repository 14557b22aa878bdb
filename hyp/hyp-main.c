// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host calls handled in HYP: a bounds-checked dispatch table.
 *
 * Everything here runs in HYP mode with the runtime HYP page tables, and
 * may touch only what those map: the .hyp.* sections of this module and
 * the per-CPU HYP pages.  No calls out of .hyp.text, no string literals.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <asm/page.h>

#include "hyp.h"

asm(".arch_extension virt");

#define hyp_read_cp15(op1, crn, crm, op2) ({				\
	u32 __v;							\
	asm volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2	\
		     : "=r" (__v));					\
	__v;								\
})

#define hyp_read_cp15_64(op1, crm) ({					\
	u64 __v;							\
	asm volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm : "=r" (__v)); \
	__v;								\
})

#define read_hsctlr()	hyp_read_cp15(4, c1, c0, 0)
#define read_htcr()	hyp_read_cp15(4, c2, c0, 2)
#define read_hvbar()	hyp_read_cp15(4, c12, c0, 0)
#define read_htpidr()	hyp_read_cp15(4, c13, c0, 2)
#define read_httbr()	hyp_read_cp15_64(4, c2)

/*
 * idx < size ? idx : 0, without letting a mispredicted bounds check read
 * past the table: the kernel's array_index_nospec() encodes CSDB for the
 * kernel's instruction set, which is Thumb-2 in most configurations, while
 * HYP code is ARM.
 */
static unsigned long __hyp_text hyp_index_nospec(unsigned long idx,
						 unsigned long size)
{
	unsigned long mask;

	asm volatile("cmp	%1, %2\n"
		     "sbc	%0, %1, %1\n"
		     ".inst	0xe320f014	@ CSDB (ARM encoding)\n"
		     : "=r" (mask) : "r" (idx), "Ir" (size) : "cc");
	return idx & mask;
}

static struct kvm_hyp_cpu *__hyp_text hyp_this_cpu(void)
{
	return (struct kvm_hyp_cpu *)read_htpidr();
}

typedef unsigned long (*hyp_hcall_fn)(unsigned long a1, unsigned long a2,
				      unsigned long a3);

static unsigned long __hyp_text __hyp_null(unsigned long a1, unsigned long a2,
					   unsigned long a3)
{
	return 0;
}

static unsigned long __hyp_text __hyp_selfcheck(unsigned long a1,
						unsigned long a2,
						unsigned long a3)
{
	struct kvm_hyp_selfcheck *check = &hyp_this_cpu()->check;
	u32 sp, cpsr;

	asm volatile("mov %0, sp" : "=r" (sp));
	asm volatile("mrs %0, cpsr" : "=r" (cpsr));
	check->httbr = read_httbr();
	check->hsctlr = read_hsctlr();
	check->htcr = read_htcr();
	check->hvbar = read_hvbar();
	check->htpidr = read_htpidr();
	check->sp = sp;
	check->cpsr = cpsr;
	return 0;
}

/* A load from a host-chosen address: a fault takes the HYP panic path. */
static unsigned long __hyp_text __hyp_test_fault(unsigned long addr,
						 unsigned long a2,
						 unsigned long a3)
{
	return READ_ONCE(*(u32 *)addr);
}

/* B4.2.2: invalidate one HYP VA on every CPU of the Inner Shareable domain. */
static unsigned long __hyp_text __hyp_flush_va(unsigned long va,
					       unsigned long a2,
					       unsigned long a3)
{
	asm volatile("dsb ishst\n"
		     "mcr p15, 4, %0, c8, c3, 1	@ TLBIMVAHIS\n"
		     "dsb ish\n"
		     "isb" : : "r" (va & PAGE_MASK) : "memory");
	return 0;
}

static const hyp_hcall_fn host_hcalls[] __hyp_rodata = {
	[KVM_HCALL_NULL - KVM_HCALL_BASE]	= __hyp_null,
	[KVM_HCALL_SELFCHECK - KVM_HCALL_BASE]	= __hyp_selfcheck,
	[KVM_HCALL_TEST_FAULT - KVM_HCALL_BASE]	= __hyp_test_fault,
	[KVM_HCALL_FLUSH_HYP_VA - KVM_HCALL_BASE] = __hyp_flush_va,
	[KVM_HCALL_VCPU_RUN - KVM_HCALL_BASE]	= __kvm_vcpu_run,
	[KVM_HCALL_FLUSH_VMID - KVM_HCALL_BASE]	= __kvm_flush_vmid,
};

/**
 * __kvm_hyp_host_call() - run one host call in HYP
 * @fn: call number from r0
 * @a1: first argument (r1)
 * @a2: second argument (r2)
 * @a3: third argument (r3)
 *
 * Context: HYP mode, IRQs and FIQs masked, on this CPU's HYP stack.
 * Return: the call's result, -EINVAL for a number outside the table, and
 * the stub's HVC_STUB_ERR for HVC_SET_VECTORS, which only the zImage
 * decompressor's stub ever honoured.
 */
unsigned long __hyp_text __kvm_hyp_host_call(unsigned long fn,
					     unsigned long a1,
					     unsigned long a2,
					     unsigned long a3)
{
	unsigned long idx = fn - KVM_HCALL_BASE;

	if (fn == KVM_HVC_SET_VECTORS)
		return KVM_HVC_STUB_ERR;
	if (fn < KVM_HCALL_BASE || idx >= ARRAY_SIZE(host_hcalls))
		return -EINVAL;
	/* The table index came from the host: no speculation past it. */
	idx = hyp_index_nospec(idx, ARRAY_SIZE(host_hcalls));
	return host_hcalls[idx](a1, a2, a3);
}
