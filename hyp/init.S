/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYP init and teardown: the code of the trampoline page.
 *
 * The host copies [__kvm_hyp_init_start, __kvm_hyp_init_end) into a page of
 * its own (module text is in vmalloc space and cannot be identity mapped),
 * cleans it to the point of coherency, and maps that page twice: at its
 * physical address (the identity map, in the boot table only) and at
 * KVM_HYP_TRAMP_VA (in both the boot and the runtime table).  The code is
 * position independent: only PC-relative addressing, literal pool inside
 * the page.
 *
 * Init is entered from the kernel's HYP stub through HVC_SOFT_RESTART, in
 * HYP mode with the HYP MMU off, r2 = PA of this CPU's struct kvm_hyp_cpu:
 *   phase 1 (identity map): load the parameters, program HMAIR/HTCR/HTTBR
 *            with the boot table, turn the MMU on, jump to the trampoline VA;
 *   phase 2 (trampoline VA): switch HTTBR to the runtime table, invalidate
 *            the HYP TLB, set SP, HVBAR and HTPIDR, return to the host.
 * Teardown runs the same steps backwards and either returns to the host
 * (KVM_HVC_RESET_VECTORS) or branches to r1 with the MMU off, as the stub
 * does for HVC_SOFT_RESTART.
 */
#include <linux/linkage.h>
#include "hyp.h"

	.arch_extension	virt
	.arch_extension	sec
	.syntax	unified
	.arm

	.section .hyp.idmap.text, "ax"
	.align	5
ENTRY(__kvm_hyp_init_start)

/*
 * HYP vectors while init or teardown runs with the boot table: nothing may
 * trap here, so any exception is a broken table.  Spin with a recognisable
 * PC rather than run the stub's vectors with our MMU settings.
 */
__kvm_hyp_init_vectors:
	.rept	8
	b	.
	.endr

ENTRY(__kvm_hyp_init)
	/* The stub's settings, to give back at teardown. */
	mrc	p15, 4, r10, c12, c0, 0		@ HVBAR
	mrc	p15, 4, r11, c1, c0, 0		@ HSCTLR

	/* Parameters, while r2 (a PA) is still addressable. */
	ldrd	r4, r5, [r2, #HYP_CPU_BOOT_HTTBR]
	ldrd	r6, r7, [r2, #HYP_CPU_RUN_HTTBR]
	ldr	r8, [r2, #HYP_CPU_STACK_TOP]
	ldr	r9, [r2, #HYP_CPU_VECTORS]
	ldr	r3, [r2, #HYP_CPU_SELF]

	/* HMAIR0/1: the memory types the HYP tables' AttrIndx select. */
	ldr	r0, =HMAIR0_VAL
	mcr	p15, 4, r0, c10, c2, 0		@ HMAIR0
	mov	r0, #0
	mcr	p15, 4, r0, c10, c2, 1		@ HMAIR1

	/* HTCR: 4 GiB VA, cacheable inner-shareable table walks. */
	mrc	p15, 4, r0, c2, c0, 2
	ldr	r1, =HTCR_MASK
	bic	r0, r0, r1
	ldr	r1, =HTCR_VAL
	orr	r0, r0, r1
	mcr	p15, 4, r0, c2, c0, 2		@ HTCR

	mcrr	p15, 4, r4, r5, c2		@ HTTBR = boot table
	adr	r0, __kvm_hyp_init_vectors
	mcr	p15, 4, r0, c12, c0, 0		@ HVBAR = init vectors (identity)

	/*
	 * No HYP TLB entry or I-cache line may survive from an earlier
	 * owner of HYP (a previous load of this module, another page).
	 */
	mcr	p15, 4, r0, c8, c7, 0		@ TLBIALLH
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	dsb	ish
	isb

	/*
	 * HSCTLR: MMU, D- and I-caches on.  TE cleared: HYP exceptions are
	 * taken in ARM state, which the vectors are written in (the stub of
	 * a Thumb-2 kernel sets it).  A, WXN, FI and EE cleared.
	 */
	mrc	p15, 4, r0, c1, c0, 0
	ldr	r1, =HSCTLR_MASK
	bic	r0, r0, r1
	ldr	r1, =(HSCTLR_M | HSCTLR_C | HSCTLR_I)
	orr	r0, r0, r1
	mcr	p15, 4, r0, c1, c0, 0		@ HSCTLR
	isb

	/* Still at the identity address; continue at the trampoline VA. */
	adr	r0, 1f
	bfc	r0, #12, #20			@ offset in the page
	ldr	r1, =KVM_HYP_TRAMP_VA
	add	r0, r0, r1
	bx	r0

1:	/* Phase 2: trampoline VA, boot table. */
	mcrr	p15, 4, r6, r7, c2		@ HTTBR = runtime table
	isb
	mcr	p15, 4, r0, c8, c7, 0		@ TLBIALLH: drop boot-table entries
	dsb	ish
	isb

	mov	sp, r8				@ SP_hyp
	mcr	p15, 4, r9, c12, c0, 0		@ HVBAR = runtime vectors
	mcr	p15, 4, r3, c13, c0, 2		@ HTPIDR = this CPU's kvm_hyp_cpu
	isb
	/* Mapped and cacheable now: coherent with the host's view. */
	str	r10, [r3, #HYP_CPU_STUB_HVBAR]
	str	r11, [r3, #HYP_CPU_STUB_HSCTLR]
	mov	r0, #0
	eret					@ to the host, after its hvc
ENDPROC(__kvm_hyp_init)

/*
 * Entered at the trampoline VA from the runtime vectors, r0 = call number
 * (KVM_HVC_RESET_VECTORS or KVM_HVC_SOFT_RESTART), r1 = soft restart
 * target, r2 preserved for it.  Clobbers r3-r11.
 */
ENTRY(__kvm_hyp_teardown)
	mrc	p15, 4, r3, c13, c0, 2		@ HTPIDR
	ldrd	r4, r5, [r3, #HYP_CPU_BOOT_HTTBR]
	ldr	r6, [r3, #HYP_CPU_IDMAP_PA]
	ldr	r10, [r3, #HYP_CPU_STUB_HVBAR]
	ldr	r11, [r3, #HYP_CPU_STUB_HSCTLR]

	adr	r7, __kvm_hyp_init_vectors
	mcr	p15, 4, r7, c12, c0, 0		@ HVBAR = init vectors (trampoline)

	mcrr	p15, 4, r4, r5, c2		@ HTTBR = boot table
	isb
	mcr	p15, 4, r0, c8, c7, 0		@ TLBIALLH
	dsb	ish
	isb

	adr	r7, 2f
	bfc	r7, #12, #20
	add	r7, r7, r6
	bx	r7				@ to the identity map

2:	/*
	 * VA == PA here, so the MMU can go off under our feet.  HSCTLR gets
	 * the stub's value back, TE (Thumb-2 kernel) included, before its
	 * vectors do.
	 */
	mcr	p15, 4, r11, c1, c0, 0		@ HSCTLR = stub's: MMU off
	isb
	mcr	p15, 4, r10, c12, c0, 0		@ HVBAR = stub vectors
	mcr	p15, 4, r0, c8, c7, 0		@ TLBIALLH
	dsb	ish
	isb
	teq	r0, #KVM_HVC_SOFT_RESTART
	bxeq	r1				@ as the stub would
	mov	r0, #0
	eret
ENDPROC(__kvm_hyp_teardown)

	.ltorg
ENTRY(__kvm_hyp_init_end)
