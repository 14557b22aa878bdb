// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMC from the guest: the hypervisor traps it (HCR.TSC) and gives the guest
 * an undefined-instruction exception, which we record and step over.
 */
#include "guest.h"

void guest_main(void)
{
	uint32_t insn;

	guest_ex.handle_mask = 1U << VEC_UND;
	barrier();
	__asm__ __volatile__(".arch_extension sec\n"
			     "	mov	r0, #0x84000000\n"	/* PSCI_VERSION */
			     "	adr	%0, 1f\n"
			     "1:	smc	#0\n"
			     : "=&r"(insn) : : "r0", "r1", "r2", "r3", "memory");
	barrier();
	GUEST_ASSERT_EQ(guest_ex.count, 1);
	GUEST_ASSERT_EQ(guest_ex.vec, VEC_UND);
	GUEST_ASSERT_EQ(guest_ex.lr - 4, insn);		/* ARM state: insn + 4 */
	GUEST_ASSERT_EQ(guest_ex.spsr & 0x1f, 0x13);	/* taken from SVC */
	GUEST_SYNC2(guest_ex.vec, guest_ex.lr - insn);
}
