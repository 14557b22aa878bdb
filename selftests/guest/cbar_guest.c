// SPDX-License-Identifier: GPL-2.0-only
/*
 * CBAR (Cortex-A15/A7 TRMs: MRC p15, 4, Rt, c15, c0, 0), a register of
 * the IMPLEMENTATION DEFINED c15 space: UNDEFINED for the guest while
 * HSTR.T15 traps it, the processor's value when it does not.  Report
 * GUEST_SYNC2(exceptions taken, value read).
 */
#include "guest.h"

void guest_main(void)
{
	uint32_t v = 0;

	guest_ex.handle_mask = 1U << VEC_UND;
	barrier();
	__asm__ __volatile__("mrc	p15, 4, %0, c15, c0, 0" : "+r"(v) : : "memory");
	barrier();
	GUEST_SYNC2(guest_ex.count, v);
}
