/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest entry and exception vectors.  The VCPU enters at the image's first
 * word (GUEST_RAM_GPA) in SVC mode, IRQ/FIQ masked, MMU off.  Every mode a
 * guest exception can be taken to gets a stack in .bss; VBAR points at the
 * vectors, which hand each exception to guest_exception() (lib.c) and
 * resume where it says.
 */
#include "ucall.h"

#define STACK_SVC	8192
#define STACK_EXC	1024

	.syntax	unified
	.arm

	.section .text.head, "ax"
	.global	_start
_start:
	b	reset
	.word	GUEST_IMAGE_MAGIC
	.word	__mem_size
	.word	0

reset:
	cpsid	if
	cps	#0x1b			@ UND
	ldr	sp, =und_stack + STACK_EXC
	cps	#0x17			@ ABT
	ldr	sp, =abt_stack + STACK_EXC
	cps	#0x12			@ IRQ
	ldr	sp, =irq_stack + STACK_EXC
	cps	#0x11			@ FIQ
	ldr	sp, =fiq_stack + STACK_EXC
	cps	#0x13			@ SVC
	ldr	sp, =svc_stack + STACK_SVC

	ldr	r0, =__bss_start	@ .bss (the stacks are not used yet)
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	ldr	r0, =vectors		@ SCTLR.V is 0 after reset: VBAR applies
	mcr	p15, 0, r0, c12, c0, 0
	isb

	bl	guest_main
	bl	guest_done
2:	b	2b
	.ltorg

/*
 * Secondary VCPUs (guest_cpu_on() in lib.c) start here through PSCI CPU_ON
 * with r0 = their index: each gets its own stacks and the same vectors.
 */
	.global	guest_secondary_entry
guest_secondary_entry:
	cpsid	if
	mov	r4, r0
	add	r5, r4, #1
	cps	#0x1b			@ UND
	ldr	sp, =cpu_und_stacks
	add	sp, sp, r5, lsl #10
	cps	#0x17			@ ABT
	ldr	sp, =cpu_abt_stacks
	add	sp, sp, r5, lsl #10
	cps	#0x12			@ IRQ
	ldr	sp, =cpu_irq_stacks
	add	sp, sp, r5, lsl #10
	cps	#0x13			@ SVC
	ldr	sp, =cpu_svc_stacks
	add	sp, sp, r5, lsl #12
	ldr	r1, =vectors
	mcr	p15, 0, r1, c12, c0, 0
	isb
	mov	r0, r4
	bl	guest_secondary_main
3:	b	3b
	.ltorg

/* Save the caller-saved registers, call guest_exception(vec, lr, spsr)
 * and return to the address it gives, restoring CPSR from SPSR. */
	.macro	vector_stub, name, vec
\name:
	stmfd	sp!, {r0-r3, r12, lr}
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	bl	guest_exception
	str	r0, [sp, #20]
	ldmfd	sp!, {r0-r3, r12, pc}^
	.endm

	.text
	.balign	32
vectors:
	b	vec_reset
	b	vec_und
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_hyp
	b	vec_irq
	b	vec_fiq

	vector_stub vec_reset, 0
	vector_stub vec_und, 1
	vector_stub vec_svc, 2
	vector_stub vec_pabt, 3
	vector_stub vec_dabt, 4
	vector_stub vec_hyp, 5
	vector_stub vec_irq, 6
	vector_stub vec_fiq, 7

	.bss
	.balign	8
svc_stack:	.space	STACK_SVC
und_stack:	.space	STACK_EXC
abt_stack:	.space	STACK_EXC
irq_stack:	.space	STACK_EXC
fiq_stack:	.space	STACK_EXC
	.global	cpu_svc_stacks
cpu_svc_stacks:	.space	4096 * GUEST_MAX_CPUS	@ secondaries: 4 KiB each
cpu_und_stacks:	.space	1024 * GUEST_MAX_CPUS
cpu_abt_stacks:	.space	1024 * GUEST_MAX_CPUS
cpu_irq_stacks:	.space	1024 * GUEST_MAX_CPUS

	.section .note.GNU-stack, "", %progbits
