// SPDX-License-Identifier: GPL-2.0-only
/*
 * An implementation defined CP15 c15 register (HSTR.T15): the access must
 * be UNDEFINED for the guest.  Report GUEST_SYNC2(vector, LR - insn).
 */
#include "guest.h"

void guest_main(void)
{
	uint32_t insn, v = 0;

	guest_ex.handle_mask = 1U << VEC_UND;
	barrier();
	__asm__ __volatile__("	adr	%0, 1f\n"
			     "1:	mrc	p15, 0, %1, c15, c0, 0\n"
			     : "=&r"(insn), "+r"(v) : : "memory");
	barrier();
	GUEST_ASSERT_EQ(guest_ex.count, 1);
	GUEST_ASSERT_EQ(guest_ex.spsr & 0x1f, 0x13);	/* taken from SVC */
	GUEST_SYNC2(guest_ex.vec, guest_ex.lr - insn);
}
