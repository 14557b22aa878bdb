// SPDX-License-Identifier: GPL-2.0-only
/*
 * L2CTLR (Cortex-A7/A15 TRMs: MRC p15, 1, Rt, c9, c0, 2, trapped by
 * HCR.TIDCP): read it, write its complement, read it again; report
 * GUEST_SYNC2(first read, second read).  Every VCPU of the VM may run
 * this, one after the other.
 */
#include "guest.h"

static uint32_t l2ctlr_read(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 1, %0, c9, c0, 2" : "=r"(v));
	return v;
}

void guest_main(void)
{
	uint32_t before = l2ctlr_read(), after;

	__asm__ __volatile__("mcr p15, 1, %0, c9, c0, 2\n\tisb"
			     : : "r"(~before) : "memory");
	after = l2ctlr_read();
	GUEST_ASSERT_EQ(guest_ex.count, 0);
	GUEST_SYNC2(before, after);
}
