/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-side HVC wrappers (SVC mode).  Assembled in the kernel's own
 * instruction set (Thumb-2 or ARM): the module loader does not resolve
 * Thumb <-> ARM interworking calls between a module's objects.
 */
#include <linux/linkage.h>
#include "../hyp/hyp.h"

	.arch_extension	virt
	.syntax	unified
	.text

/*
 * unsigned long __kvm_call_hyp(fn, a1, a2, a3): a host call.  HYP gives
 * back every register but r0 (it saves r4-r12 and LR on its own stack).
 */
ENTRY(__kvm_call_hyp)
	hvc	#0
	bx	lr
ENDPROC(__kvm_call_hyp)

/*
 * unsigned long __kvm_hyp_init_cpu(phys_addr_t entry (as u32), u32 param_pa):
 * enter HYP through HVC_SOFT_RESTART, which both the kernel's stub and our
 * own vectors honour, and run the init code at @entry with r2 = @param_pa.
 * The init code uses r3-r11 freely.
 */
ENTRY(__kvm_hyp_init_cpu)
	push	{r4-r12, lr}
	mov	r2, r1
	mov	r1, r0
	mov	r0, #KVM_HVC_SOFT_RESTART
	hvc	#0
	pop	{r4-r12, pc}
ENDPROC(__kvm_hyp_init_cpu)

/*
 * unsigned long __kvm_hyp_reset_cpu(void): give HYP back to the stub.
 * The teardown code uses r3-r11 freely.
 */
ENTRY(__kvm_hyp_reset_cpu)
	push	{r4-r12, lr}
	mov	r0, #KVM_HVC_RESET_VECTORS
	hvc	#0
	pop	{r4-r12, pc}
ENDPROC(__kvm_hyp_reset_cpu)
