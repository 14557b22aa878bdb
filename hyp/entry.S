/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYP runtime vectors and the host-call entry.
 *
 * HYP mode banks only SP, SPSR and ELR_hyp: r0-r12 and LR are the host's
 * (LR is LR_usr), so every host register the C code may use is saved on
 * the HYP stack and given back, and a HYP panic can return to the host
 * with its registers intact.
 */
#include <linux/linkage.h>
#include "hyp.h"

	.arch_extension	virt
	.syntax	unified
	.arm

	.section .hyp.text, "ax"

/*
 * Banked registers of every PL1 mode (MRS/MSR banked-register forms,
 * B9.3.9/B9.3.12, Virtualization Extensions): host and guest both use them.
 */
.macro	save_banked base, tmp
	mrs	\tmp, SP_svc
	str	\tmp, [\base, #REGS_SVC]
	mrs	\tmp, LR_svc
	str	\tmp, [\base, #REGS_SVC + 4]
	mrs	\tmp, SPSR_svc
	str	\tmp, [\base, #REGS_SVC + 8]
	mrs	\tmp, SP_abt
	str	\tmp, [\base, #REGS_ABT]
	mrs	\tmp, LR_abt
	str	\tmp, [\base, #REGS_ABT + 4]
	mrs	\tmp, SPSR_abt
	str	\tmp, [\base, #REGS_ABT + 8]
	mrs	\tmp, SP_und
	str	\tmp, [\base, #REGS_UND]
	mrs	\tmp, LR_und
	str	\tmp, [\base, #REGS_UND + 4]
	mrs	\tmp, SPSR_und
	str	\tmp, [\base, #REGS_UND + 8]
	mrs	\tmp, SP_irq
	str	\tmp, [\base, #REGS_IRQ]
	mrs	\tmp, LR_irq
	str	\tmp, [\base, #REGS_IRQ + 4]
	mrs	\tmp, SPSR_irq
	str	\tmp, [\base, #REGS_IRQ + 8]
	mrs	\tmp, r8_fiq
	str	\tmp, [\base, #REGS_FIQ]
	mrs	\tmp, r9_fiq
	str	\tmp, [\base, #REGS_FIQ + 4]
	mrs	\tmp, r10_fiq
	str	\tmp, [\base, #REGS_FIQ + 8]
	mrs	\tmp, r11_fiq
	str	\tmp, [\base, #REGS_FIQ + 12]
	mrs	\tmp, r12_fiq
	str	\tmp, [\base, #REGS_FIQ + 16]
	mrs	\tmp, SP_fiq
	str	\tmp, [\base, #REGS_FIQ + 20]
	mrs	\tmp, LR_fiq
	str	\tmp, [\base, #REGS_FIQ + 24]
	mrs	\tmp, SPSR_fiq
	str	\tmp, [\base, #REGS_FIQ + 28]
.endm

.macro	restore_banked base, tmp
	ldr	\tmp, [\base, #REGS_SVC]
	msr	SP_svc, \tmp
	ldr	\tmp, [\base, #REGS_SVC + 4]
	msr	LR_svc, \tmp
	ldr	\tmp, [\base, #REGS_SVC + 8]
	msr	SPSR_svc, \tmp
	ldr	\tmp, [\base, #REGS_ABT]
	msr	SP_abt, \tmp
	ldr	\tmp, [\base, #REGS_ABT + 4]
	msr	LR_abt, \tmp
	ldr	\tmp, [\base, #REGS_ABT + 8]
	msr	SPSR_abt, \tmp
	ldr	\tmp, [\base, #REGS_UND]
	msr	SP_und, \tmp
	ldr	\tmp, [\base, #REGS_UND + 4]
	msr	LR_und, \tmp
	ldr	\tmp, [\base, #REGS_UND + 8]
	msr	SPSR_und, \tmp
	ldr	\tmp, [\base, #REGS_IRQ]
	msr	SP_irq, \tmp
	ldr	\tmp, [\base, #REGS_IRQ + 4]
	msr	LR_irq, \tmp
	ldr	\tmp, [\base, #REGS_IRQ + 8]
	msr	SPSR_irq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ]
	msr	r8_fiq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ + 4]
	msr	r9_fiq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ + 8]
	msr	r10_fiq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ + 12]
	msr	r11_fiq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ + 16]
	msr	r12_fiq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ + 20]
	msr	SP_fiq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ + 24]
	msr	LR_fiq, \tmp
	ldr	\tmp, [\base, #REGS_FIQ + 28]
	msr	SPSR_fiq, \tmp
.endm


/* B1.8.1: HVBAR must be 32-byte aligned. */
	.align	5
ENTRY(__kvm_hyp_vectors)
	b	__hyp_reset
	b	__hyp_undef
	b	__hyp_hvc_in_hyp
	b	__hyp_pabt
	b	__hyp_dabt
	b	__hyp_trap		@ HVC from the host, or a trap
	b	__hyp_irq
	b	__hyp_fiq
ENDPROC(__kvm_hyp_vectors)

__hyp_trap:
	/* From a guest (HCR.VM set while it runs): leave it. */
	push	{r0, r1}
	mrc	p15, 4, r0, c1, c1, 0	@ HCR
	tst	r0, #HCR_VM
	bne	__guest_trap
	pop	{r0, r1}

	push	{r4-r12, lr}		@ HYP_HOST_FRAME_SIZE bytes
	mrc	p15, 4, r12, c13, c0, 2	@ HTPIDR: struct kvm_hyp_cpu
	mrs	lr, ELR_hyp
	str	lr, [r12, #HYP_CPU_HOST_ELR]
	mrs	lr, spsr		@ SPSR_hyp (the banked name is UNDEFINED here)
	str	lr, [r12, #HYP_CPU_HOST_SPSR]

	/* B3.13.6: HSR.EC 0x12 is an HVC; anything else is unexpected. */
	mrc	p15, 4, lr, c5, c2, 0	@ HSR
	lsr	lr, lr, #HSR_EC_SHIFT
	teq	lr, #HSR_EC_HVC
	movne	r0, #HYP_VECTOR_TRAP
	bne	__hyp_panic

	/* Giving HYP back runs from the trampoline page. */
	teq	r0, #KVM_HVC_RESET_VECTORS
	teqne	r0, #KVM_HVC_SOFT_RESTART
	beq	1f

	bl	__kvm_hyp_host_call
	pop	{r4-r12, lr}
	eret

1:	ldr	r3, [r12, #HYP_CPU_TEARDOWN]
	pop	{r4-r12, lr}
	bx	r3			@ __kvm_hyp_teardown, trampoline VA

/*
 * A trap from the guest, its r0 and r1 pushed.  The null hypercalls are
 * answered here, before any register is switched: an HVC #0 (HSR.EC 0x12,
 * IL set as HVC is always 32 bits, ISS = imm16 0: "Use of the HSR", B3.13.6;
 * #0 is the SMCCC conduit, ARM DEN 0028) with PSCI_VERSION (ARM DEN 0022)
 * or SMCCC_VERSION in r0, for which the host left a nonzero answer in
 * vcpu->hyp_hvc (psci/psci.c: kvm_psci_hyp_answers()).  The answer goes to
 * the guest's r0 and ERET resumes it: a Hypervisor Call exception's
 * preferred return address is the instruction after the HVC, already in
 * ELR_hyp, with the guest's CPSR in SPSR_hyp ("Hypervisor Call (HVC)
 * exception", ARM DDI 0406C B1).  Everything else leaves the guest.
 */
__guest_trap:
	mrc	p15, 4, r0, c5, c2, 0	@ HSR
	teq	r0, #(HSR_EC_HVC << HSR_EC_SHIFT) | HSR_IL_BIT
	bne	2f
	mrc	p15, 4, r0, c13, c0, 2	@ HTPIDR
	ldr	r0, [r0, #HYP_CPU_GUEST_HVC]
	ldr	r1, [sp]		@ the guest's r0: the function id
	teq	r1, #SMCCC_PSCI_VERSION
	ldreq	r0, [r0, #HVC_PSCI_VERSION]
	beq	1f
	teq	r1, #SMCCC_SMCCC_VERSION
	bne	2f
	ldr	r0, [r0, #HVC_SMCCC_VERSION]
1:	teq	r0, #0			@ 0: the host answers
	beq	2f
	str	r0, [sp]		@ the guest's new r0
	pop	{r0, r1}
	eret

2:	mov	r1, #ARM_EXCEPTION_TRAP
	b	__guest_exit

/*
 * A HYP panic: an exception taken from HYP itself, or a trap HYP does not
 * handle.  Record the syndrome for the host, then return to the host as if
 * the current call had returned -EFAULT, with the registers it had at the
 * call.  HYP is never left spinning with the CPU lost to the host.
 */
.macro	hyp_panic_vector label, vector
\label:
	mov	r0, #\vector		@ SP may be bad: touch no memory yet
	b	__hyp_panic
.endm

	hyp_panic_vector __hyp_reset, HYP_VECTOR_RESET
	hyp_panic_vector __hyp_undef, HYP_VECTOR_UNDEF
	hyp_panic_vector __hyp_hvc_in_hyp, HYP_VECTOR_HVC
	hyp_panic_vector __hyp_pabt, HYP_VECTOR_PABT
	hyp_panic_vector __hyp_dabt, HYP_VECTOR_DABT

/* Physical IRQs and FIQs reach HYP only from a guest (HCR.IMO/FMO). */
.macro	hyp_guest_irq_vector label, exit, vector
\label:
	push	{r0, r1}
	mrc	p15, 4, r0, c1, c1, 0	@ HCR
	tst	r0, #HCR_VM
	mov	r1, #\exit
	bne	__guest_exit
	pop	{r0, r1}
	mov	r0, #\vector
	b	__hyp_panic
.endm

	hyp_guest_irq_vector __hyp_irq, ARM_EXCEPTION_IRQ, HYP_VECTOR_IRQ
	hyp_guest_irq_vector __hyp_fiq, ARM_EXCEPTION_FIQ, HYP_VECTOR_FIQ

__hyp_panic:
	mrc	p15, 4, r12, c13, c0, 2	@ HTPIDR
	str	r0, [r12, #HYP_CPU_PANIC_VECTOR]
	mrc	p15, 4, r1, c5, c2, 0	@ HSR
	str	r1, [r12, #HYP_CPU_PANIC_HSR]
	mrs	r1, ELR_hyp
	str	r1, [r12, #HYP_CPU_PANIC_HELR]
	mrc	p15, 4, r1, c6, c0, 0	@ HDFAR
	str	r1, [r12, #HYP_CPU_PANIC_HDFAR]
	mrc	p15, 4, r1, c6, c0, 2	@ HIFAR
	str	r1, [r12, #HYP_CPU_PANIC_HIFAR]
	mrs	r1, spsr
	str	r1, [r12, #HYP_CPU_PANIC_SPSR]
	ldr	r1, [r12, #HYP_CPU_PANIC_COUNT]
	add	r1, r1, #1
	str	r1, [r12, #HYP_CPU_PANIC_COUNT]

	/* A guest was loaded: the host's banked registers come back first. */
	ldr	r1, [r12, #HYP_CPU_IN_GUEST]
	teq	r1, #0
	beq	1f
	ldr	r0, [r12, #HYP_CPU_HOST_REGS]
	restore_banked r0, r1
	ldr	r1, [r0, #REGS_SP_USR]
	msr	SP_usr, r1
	ldr	sp, [r12, #HYP_CPU_STACK_TOP]
	sub	sp, sp, #HYP_HOST_FRAME_SIZE
	bl	__kvm_hyp_restore_host_after_panic
	mrc	p15, 4, r12, c13, c0, 2	@ HTPIDR

1:	/* Back to where the host issued its call, its frame unwound. */
	ldr	r1, [r12, #HYP_CPU_HOST_ELR]
	msr	ELR_hyp, r1
	ldr	r1, [r12, #HYP_CPU_HOST_SPSR]
	msr	spsr_cxsf, r1
	ldr	sp, [r12, #HYP_CPU_STACK_TOP]
	sub	sp, sp, #HYP_HOST_FRAME_SIZE
	pop	{r4-r12, lr}
	mvn	r0, #(14 - 1)		@ -EFAULT
	eret

/*
 * u32 __guest_enter(struct kvm_regs *guest, struct kvm_regs *host)
 *
 * Called from __kvm_vcpu_run() with the guest's CP15 state loaded: save
 * the host's banked registers, load every register of the guest and eret
 * into it.  Returns through __guest_exit with an ARM_EXCEPTION_* code.
 */
ENTRY(__guest_enter)
	push	{r4-r12, lr}		@ the C caller's registers
	save_banked r1, r2
	mrs	r2, SP_usr
	str	r2, [r1, #REGS_SP_USR]

	restore_banked r0, r2
	ldr	r2, [r0, #REGS_SP_USR]
	msr	SP_usr, r2
	ldr	lr, [r0, #REGS_LR_USR]	@ LR is LR_usr in HYP mode
	ldr	r2, [r0, #REGS_PC]
	msr	ELR_hyp, r2
	ldr	r2, [r0, #REGS_CPSR]
	msr	spsr_cxsf, r2
	ldm	r0, {r0-r12}		@ r0 last: it is the base
	eret
ENDPROC(__guest_enter)

/*
 * Entered from a vector with the guest's r0 and r1 pushed on the HYP
 * stack and r1 = ARM_EXCEPTION_*: save the guest, give the host its
 * banked registers back, return from __guest_enter.
 */
__guest_exit:
	mrc	p15, 4, r0, c13, c0, 2	@ HTPIDR
	ldr	r0, [r0, #HYP_CPU_GUEST_REGS]
	add	r0, r0, #8
	stm	r0, {r2-r12}		@ guest r2-r12
	sub	r0, r0, #8
	pop	{r2, r3}
	stm	r0, {r2, r3}		@ guest r0, r1
	mrs	r2, SP_usr
	str	r2, [r0, #REGS_SP_USR]
	str	lr, [r0, #REGS_LR_USR]
	mrs	r2, ELR_hyp
	str	r2, [r0, #REGS_PC]
	mrs	r2, spsr
	str	r2, [r0, #REGS_CPSR]
	save_banked r0, r2

	mrc	p15, 4, r0, c13, c0, 2	@ HTPIDR
	ldr	r0, [r0, #HYP_CPU_HOST_REGS]
	restore_banked r0, r2
	ldr	r2, [r0, #REGS_SP_USR]
	msr	SP_usr, r2

	mov	r0, r1
	pop	{r4-r12, lr}
	bx	lr
