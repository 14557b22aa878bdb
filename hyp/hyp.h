/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The interface between the host (SVC) and the code that runs in HYP mode:
 * host-to-HYP call numbers, the per-CPU HYP data layout, the HYP VA of the
 * trampoline page, and the section markers.  Included from C and assembly.
 */
#ifndef __KVM_ARM32_HYP_H
#define __KVM_ARM32_HYP_H

/*
 * The trampoline page: the HYP init code, mapped at this VA in both the
 * boot and the runtime HYP page tables.  The runtime table maps everything
 * else at its kernel VA (module, lowmem or vmalloc addresses, all below
 * 0xff800000), so nothing can land on the last page of the 4 GiB HYP VA
 * space.  See Documentation/hyp-init.rst.
 */
#define KVM_HYP_TRAMP_VA	0xfffff000

/*
 * Host-to-HYP calls: "hvc #0" with the call number in r0 and up to three
 * arguments in r1-r3; the result comes back in r0.  Numbers 0-2 keep the
 * meaning the kernel's HYP stub gives them, so that the kernel (kexec,
 * soft reboot) can keep calling HVC_SOFT_RESTART while the module owns HYP.
 */
#define KVM_HVC_SET_VECTORS	0	/* stub ABI: refused, HVC_STUB_ERR */
#define KVM_HVC_SOFT_RESTART	1	/* stub ABI: r1 = PA, HYP MMU off */
#define KVM_HVC_RESET_VECTORS	2	/* give HYP back to the stub */
#define KVM_HCALL_BASE		3	/* first entry of the dispatch table */
#define KVM_HCALL_NULL		3	/* does nothing: liveness and cost */
#define KVM_HCALL_SELFCHECK	4	/* report HYP's view of itself */
#define KVM_HCALL_TEST_FAULT	5	/* load from r1: exercises the panic path */
#define KVM_HCALL_FLUSH_HYP_VA	6	/* TLBIMVAHIS r1: after a HYP unmap */
#define KVM_HCALL_VCPU_RUN	7	/* r1 = struct kvm_vcpu: enter the guest */
#define KVM_HCALL_FLUSH_VMID	8	/* r1,r2 = VTTBR, r3 = local: TLBIALL(IS) */

#define KVM_HVC_STUB_ERR	0xbadca11	/* the stub's "unknown call" */

/* HSR.EC (bits [31:26]) of an HVC taken to HYP */
#define HSR_EC_SHIFT		26
#define HSR_EC_HVC		0x12
#define HSR_IL_BIT		(1 << 25)	/* 32-bit instruction */

/* function ids HYP answers for guests (hyp/entry.S: __guest_trap) */
#define SMCCC_SMCCC_VERSION	0x80000000	/* ARM DEN 0028 */
#define SMCCC_PSCI_VERSION	0x84000000	/* ARM DEN 0022 */

/* HSCTLR bits the init code owns (ARM ARM B4.1.66) */
#define HSCTLR_M		(1 << 0)	/* HYP stage 1 MMU */
#define HSCTLR_A		(1 << 1)	/* alignment checks */
#define HSCTLR_C		(1 << 2)	/* data cacheability */
#define HSCTLR_I		(1 << 12)	/* instruction cacheability */
#define HSCTLR_WXN		(1 << 19)
#define HSCTLR_FI		(1 << 21)
#define HSCTLR_EE		(1 << 25)	/* big-endian exceptions */
#define HSCTLR_TE		(1 << 30)	/* exceptions in Thumb state */
#define HSCTLR_MASK		(HSCTLR_M | HSCTLR_A | HSCTLR_C | HSCTLR_I | \
				 HSCTLR_WXN | HSCTLR_FI | HSCTLR_EE | HSCTLR_TE)

/*
 * HTCR (B4.1.76): T0SZ = 0 (a 4 GiB HYP VA space), table walks Normal
 * Inner/Outer Write-Back Write-Allocate, Inner Shareable, to match how
 * the host writes the tables.
 */
#define HTCR_MASK		0x3f07
#define HTCR_VAL		((3 << 12) | (1 << 10) | (1 << 8))

/* HMAIR0 attribute indexes used by the HYP page tables */
#define HYP_ATTR_NORMAL		0	/* 0xff: Normal, WB WA, inner+outer */
#define HYP_ATTR_DEVICE		1	/* 0x04: Device */
#define HYP_ATTR_NORMAL_NC	2	/* 0x44: Normal, non-cacheable */
#define HMAIR0_VAL		0x004404ff

/*
 * struct kvm_hyp_cpu field offsets, for the assembly.  The C definition
 * below checks them at build time.
 */
#define HYP_CPU_BOOT_HTTBR	0x00	/* u64: PA of the boot table */
#define HYP_CPU_RUN_HTTBR	0x08	/* u64: PA of the runtime table */
#define HYP_CPU_STACK_TOP	0x10	/* HYP VA */
#define HYP_CPU_VECTORS		0x14	/* HYP VA of __kvm_hyp_vectors */
#define HYP_CPU_SELF		0x18	/* HYP VA of this structure */
#define HYP_CPU_IDMAP_PA	0x1c	/* PA (= boot-table VA) of the init page */
#define HYP_CPU_TEARDOWN	0x20	/* trampoline VA of __kvm_hyp_teardown */
#define HYP_CPU_STUB_HVBAR	0x24	/* what the stub had, to give it back */
#define HYP_CPU_STUB_HSCTLR	0x28
#define HYP_CPU_HOST_ELR	0x2c	/* host return state of the current call */
#define HYP_CPU_HOST_SPSR	0x30
#define HYP_CPU_PANIC_COUNT	0x34	/* HYP panics so far on this CPU */
#define HYP_CPU_PANIC_VECTOR	0x38	/* which vector: HYP_VECTOR_* */
#define HYP_CPU_PANIC_HSR	0x3c
#define HYP_CPU_PANIC_HELR	0x40
#define HYP_CPU_PANIC_HDFAR	0x44
#define HYP_CPU_PANIC_HIFAR	0x48
#define HYP_CPU_PANIC_SPSR	0x4c
#define HYP_CPU_GUEST_REGS	0x50	/* struct kvm_regs * of the running guest */
#define HYP_CPU_HOST_REGS	0x54	/* struct kvm_regs * of the host */
#define HYP_CPU_IN_GUEST	0x58	/* host state saved, guest state loaded */
#define HYP_CPU_GUEST_HVC	0x5c	/* &vcpu->hyp_hvc of the running guest */

/* struct kvm_vcpu's hyp_hvc: the null hypercalls' answers */
#define HVC_PSCI_VERSION	0
#define HVC_SMCCC_VERSION	4

/* struct kvm_regs offsets (uapi/asm/kvm.h) */
#define REGS_SP_USR		(13 * 4)
#define REGS_LR_USR		(14 * 4)
#define REGS_PC			(15 * 4)
#define REGS_CPSR		(16 * 4)
#define REGS_SVC		(18 * 4)	/* sp, lr, spsr */
#define REGS_ABT		(21 * 4)
#define REGS_UND		(24 * 4)
#define REGS_IRQ		(27 * 4)
#define REGS_FIQ		(30 * 4)	/* r8-r12, sp, lr, spsr */

/* __guest_enter() return values: why the guest stopped */
#define ARM_EXCEPTION_TRAP	0	/* HYP trap: see HSR */
#define ARM_EXCEPTION_IRQ	1	/* a physical IRQ (HCR.IMO) */
#define ARM_EXCEPTION_FIQ	2	/* a physical FIQ (HCR.FMO) */

/* HCR bits (B4.1.65) */
#define HCR_VM			(1 << 0)

/* Host call frame pushed on the HYP stack at entry: r4-r12, lr */
#define HYP_HOST_FRAME_SIZE	40

/* Vector offsets in the HYP vector table (B1.8.1) */
#define HYP_VECTOR_RESET	0
#define HYP_VECTOR_UNDEF	1
#define HYP_VECTOR_HVC		2	/* HVC/SVC taken from HYP mode */
#define HYP_VECTOR_PABT		3
#define HYP_VECTOR_DABT		4
#define HYP_VECTOR_TRAP		5	/* HYP trap that is not a host call */
#define HYP_VECTOR_IRQ		6
#define HYP_VECTOR_FIQ		7

#ifndef __ASSEMBLY__
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <asm/page.h>

#include "../core/kvm_host.h"

/* HYP code, read-only data and data: the only module memory HYP maps. */
#define __hyp_text	__attribute__((__section__(".hyp.text"), __noinline__, \
				       __no_instrument_function__))
#define __hyp_rodata	__section(".hyp.rodata")
#define __hyp_data	__section(".hyp.data")

extern char __hyp_text_start[], __hyp_text_end[];
extern char __hyp_rodata_start[], __hyp_rodata_end[];
extern char __hyp_data_start[], __hyp_data_end[];
extern char __kvm_hyp_init_start[], __kvm_hyp_init_end[];
extern char __kvm_hyp_init[], __kvm_hyp_teardown[];
extern char __kvm_hyp_vectors[];

/* What KVM_HCALL_SELFCHECK reports, read by HYP from its own registers. */
struct kvm_hyp_selfcheck {
	u64 httbr;
	u32 hsctlr;
	u32 htcr;
	u32 hvbar;
	u32 sp;
	u32 htpidr;
	u32 cpsr;
};

/**
 * struct kvm_hyp_cpu - per-CPU state shared by the host and HYP
 *
 * One page per CPU, mapped into HYP at its kernel VA.  The first fields
 * are read by the init code with the MMU off (the host cleans them to the
 * point of coherency first); the rest are written by HYP with the MMU and
 * caches on, coherent with the host.
 */
struct kvm_hyp_cpu {
	u64 boot_httbr;
	u64 run_httbr;
	u32 stack_top;
	u32 vectors;
	u32 self;
	u32 idmap_pa;
	u32 teardown;
	u32 stub_hvbar;
	u32 stub_hsctlr;
	u32 host_elr;
	u32 host_spsr;
	u32 panic_count;
	u32 panic_vector;
	u32 panic_hsr;
	u32 panic_helr;
	u32 panic_hdfar;
	u32 panic_hifar;
	u32 panic_spsr;
	u32 guest_regs;
	u32 host_regs;
	u32 in_guest;
	u32 guest_hvc;
	struct kvm_hyp_selfcheck check;
	struct kvm_cpu_context host_ctxt;
};

#define HYP_CPU_CHECK_OFFSET(field, off) \
	static_assert(offsetof(struct kvm_hyp_cpu, field) == (off))
HYP_CPU_CHECK_OFFSET(boot_httbr, HYP_CPU_BOOT_HTTBR);
HYP_CPU_CHECK_OFFSET(run_httbr, HYP_CPU_RUN_HTTBR);
HYP_CPU_CHECK_OFFSET(stack_top, HYP_CPU_STACK_TOP);
HYP_CPU_CHECK_OFFSET(vectors, HYP_CPU_VECTORS);
HYP_CPU_CHECK_OFFSET(self, HYP_CPU_SELF);
HYP_CPU_CHECK_OFFSET(idmap_pa, HYP_CPU_IDMAP_PA);
HYP_CPU_CHECK_OFFSET(teardown, HYP_CPU_TEARDOWN);
HYP_CPU_CHECK_OFFSET(stub_hvbar, HYP_CPU_STUB_HVBAR);
HYP_CPU_CHECK_OFFSET(stub_hsctlr, HYP_CPU_STUB_HSCTLR);
HYP_CPU_CHECK_OFFSET(host_elr, HYP_CPU_HOST_ELR);
HYP_CPU_CHECK_OFFSET(host_spsr, HYP_CPU_HOST_SPSR);
HYP_CPU_CHECK_OFFSET(panic_count, HYP_CPU_PANIC_COUNT);
HYP_CPU_CHECK_OFFSET(panic_vector, HYP_CPU_PANIC_VECTOR);
HYP_CPU_CHECK_OFFSET(panic_hsr, HYP_CPU_PANIC_HSR);
HYP_CPU_CHECK_OFFSET(panic_helr, HYP_CPU_PANIC_HELR);
HYP_CPU_CHECK_OFFSET(panic_hdfar, HYP_CPU_PANIC_HDFAR);
HYP_CPU_CHECK_OFFSET(panic_hifar, HYP_CPU_PANIC_HIFAR);
HYP_CPU_CHECK_OFFSET(panic_spsr, HYP_CPU_PANIC_SPSR);
HYP_CPU_CHECK_OFFSET(guest_regs, HYP_CPU_GUEST_REGS);
HYP_CPU_CHECK_OFFSET(host_regs, HYP_CPU_HOST_REGS);
HYP_CPU_CHECK_OFFSET(in_guest, HYP_CPU_IN_GUEST);
HYP_CPU_CHECK_OFFSET(guest_hvc, HYP_CPU_GUEST_HVC);
static_assert(offsetof(struct kvm_vcpu, hyp_hvc.psci_version) -
	      offsetof(struct kvm_vcpu, hyp_hvc) == HVC_PSCI_VERSION);
static_assert(offsetof(struct kvm_vcpu, hyp_hvc.smccc_version) -
	      offsetof(struct kvm_vcpu, hyp_hvc) == HVC_SMCCC_VERSION);
static_assert(offsetof(struct kvm_regs, svc_regs) == REGS_SVC);
static_assert(offsetof(struct kvm_regs, fiq_regs) == REGS_FIQ);
static_assert(offsetof(struct kvm_regs, usr_regs.ARM_cpsr) == REGS_CPSR);
static_assert(sizeof(struct kvm_hyp_cpu) <= PAGE_SIZE);

/* HYP-side entry point of host calls (hyp/hyp-main.c) */
unsigned long __kvm_hyp_host_call(unsigned long fn, unsigned long a1,
				  unsigned long a2, unsigned long a3);

/* hyp/entry.S: load the guest's registers, eret; returns ARM_EXCEPTION_* */
u32 __guest_enter(struct kvm_regs *guest, struct kvm_regs *host);

/* hyp/switch.c */
unsigned long __kvm_vcpu_run(unsigned long vcpu, unsigned long a2,
			     unsigned long a3);
unsigned long __kvm_flush_vmid(unsigned long vttbr_lo, unsigned long vttbr_hi,
			       unsigned long local);
void __kvm_hyp_restore_host_after_panic(void);

/* hyp/vgic-sr.c: the GICH mapping, written by the host before any VM */
struct kvm_vgic_hyp_state {
	void __iomem *gich;	/* HYP VA = the host's ioremap VA */
};
extern struct kvm_vgic_hyp_state kvm_vgic_hyp;
void __vgic_v2_restore_state(struct kvm_vcpu *vcpu);
void __vgic_v2_save_state(struct kvm_vcpu *vcpu);
void __vgic_v2_disable(void);

#endif /* !__ASSEMBLY__ */
#endif /* __KVM_ARM32_HYP_H */
