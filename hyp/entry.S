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
	hyp_panic_vector __hyp_irq, HYP_VECTOR_IRQ
	hyp_panic_vector __hyp_fiq, HYP_VECTOR_FIQ

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

	/* Back to where the host issued its call, its frame unwound. */
	ldr	r1, [r12, #HYP_CPU_HOST_ELR]
	msr	ELR_hyp, r1
	ldr	r1, [r12, #HYP_CPU_HOST_SPSR]
	msr	spsr_cxsf, r1
	ldr	sp, [r12, #HYP_CPU_STACK_TOP]
	sub	sp, sp, #HYP_HOST_FRAME_SIZE
	pop	{r4-r12, lr}
	mvn	r0, #(14 - 1)		@ -EFAULT
	eret
